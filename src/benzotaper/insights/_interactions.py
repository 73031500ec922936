"""Interactions between the person's other medicines (and foods, habits) and their benzodiazepines.

Every finding comes from the knowledge data (interactions.toml): a name matches an entry when it names one
of the entry's members as whole words, generic or brand ("Tramadol 50mg", "Xanax", "St John's Wort"). A
name may match several entries (fluvoxamine inhibits two enzymes), and each is reported. Three kinds of
finding, said plainly:

- an interaction, with its severity (``major``, ``moderate``, ``minor``), why and what to ask;
- ``none``: the data documents no interaction (warfarin: studied, none found), or the sources name other
  benzodiazepines as affected but not the person's;
- ``unknown``: the name is not in the data. That is not a sign that it is safe, and the finding says so.

Each finding speaks of the person's medicine and their benzodiazepines only. An entry of the data
covers a group of agents (omeprazole, fluvoxamine and voriconazole are all CYP2C19 inhibitors) and its
texts cite figures for several of them; a person who takes omeprazole should not read about
voriconazole. So the mechanism and the figures are cut into sentences, and a sentence that names
another member of the group, or a benzodiazepine the person does not take, is left out. The advice
(``ask``) is written for the whole group and loses only the sentences about other benzodiazepines.
The lead of ``why`` says in plain words how serious it is
(``SEVERITY_WORDS``); ``figures`` keeps the kept numbers, for whoever wants them; ``sources`` are the
knowledge data's source keys whose citations pass the same test, to link.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from benzotaper import records
from benzotaper.records import Record

if TYPE_CHECKING:
    from benzotaper.knowledge import Interaction

FindingSeverity = Literal["major", "moderate", "minor", "none", "unknown"]
_ORDER: tuple[FindingSeverity, ...] = ("major", "moderate", "minor", "none", "unknown")
# What each severity means for the person, in plain words (the lead of every finding's ``why``).
SEVERITY_WORDS: Mapping[str, str] = {
    "major": "A serious interaction: do not start, stop or change either without your prescriber.",
    "moderate": "A moderate interaction: it can add to your benzodiazepine's effects or change how strong it "
    "is. Ask before you start, stop or change either.",
    "minor": "A small interaction: usually nothing needs to change, but tell your prescriber.",
}
# Where a text is cut into sentences: after a full stop followed by a capital.
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z])")


class InteractionFinding(Record):
    """What the data says about one name the person gave.

    ``code`` and ``agent`` are the interaction entry's (None and "" for a name not in the data);
    ``affected`` the person's benzodiazepines it affects; ``contraindicated`` when the label forbids the
    combination with one of them. ``why`` explains, ``ask`` is what to ask the doctor or pharmacist.
    """

    name: str
    code: str | None
    agent: str
    severity: FindingSeverity
    why: str
    ask: str
    affected: tuple[str, ...] = ()
    contraindicated: bool = False
    sources: tuple[str, ...] = ()
    figures: str = ""


def check_interactions(
    medications: Sequence[str], benzodiazepines: Sequence[str]
) -> list[InteractionFinding]:
    """Findings for each name in ``medications`` against the ``benzodiazepines`` (generic or brand names)
    the person takes, most severe first. With no benzodiazepines given, every entry counts as affecting.
    A medicine that is one of the person's benzodiazepines is skipped."""
    benzos = _generic_names(benzodiazepines)
    findings: list[InteractionFinding] = []
    names: dict[str, str] = {}  # each name once, ignoring case and spacing, as first written
    for medication in medications:
        names.setdefault(" ".join(medication.split()).lower(), " ".join(medication.split()))
    for raw in names.values():
        if not raw or set(_generic_names([raw])) & set(benzos):
            continue
        matched = _matching(raw)
        if not matched:
            findings.append(_not_in_data(raw, benzos))
        for entry in matched:
            affected = tuple(b for b in benzos if entry.affects_drug(b)) if benzos else ()
            about = functools.partial(_about, entry=entry, name=raw, benzos=benzos)
            figures = about(entry.figures)
            if entry.severity == "none":
                why = f"{entry.severity_text.capitalize()}."
                severity: FindingSeverity = "none"
            elif benzos and not affected:
                named = entry.affects if entry.affects != "all" else ()
                why = (
                    f"No interaction with {_words(benzos)} is documented in our data: the sources name "
                    f"{_words(named)} as affected, not yours."
                )
                severity, figures = "none", ""
            else:
                severity = entry.severity
                why = f"{SEVERITY_WORDS[severity]} {about(entry.mechanism)}".strip()
            findings.append(
                InteractionFinding(
                    name=raw,
                    code=entry.code,
                    agent=entry.agent,
                    severity=severity,
                    why=why,
                    ask=about(entry.advice, members=False) or entry.advice,
                    affected=affected,
                    contraindicated=any(b in entry.contraindicated_with for b in affected),
                    sources=_own_sources(entry, raw, benzos),
                    figures=figures,
                )
            )
    return sorted(findings, key=lambda f: (_ORDER.index(f.severity), f.name.lower()))


def _about(text: str, *, entry: Interaction, name: str, benzos: Sequence[str], members: bool = True) -> str:
    """The sentences of ``text`` that name no benzodiazepine but the person's and (with ``members``) no
    other member of the entry's group than ``name``, what the person typed (see the module docstring)."""
    others = _others(entry, name, tuple(benzos), members)
    return " ".join(c for c in _SENTENCE_END.split(text.strip()) if not others.matches(c))


def _own_sources(entry: Interaction, name: str, benzos: Sequence[str]) -> tuple[str, ...]:
    """The entry's sources whose citation names no other member and no other benzodiazepine (all of
    them when none is left: a finding always says where it comes from)."""
    from benzotaper.knowledge import load_knowledge

    sources = load_knowledge().sources
    others = _others(entry, name, tuple(benzos), True)
    own = tuple(k for k in entry.sources if k in sources and not others.matches(sources[k].citation))
    return own or entry.sources


@functools.lru_cache(maxsize=1024)
def _others(entry: Interaction, name: str, benzos: tuple[str, ...], members: bool) -> Interaction:
    """An entry whose members are the names a sentence must not mention: the group's other members (with
    ``members``) and, when the person's benzodiazepines are known, every other benzodiazepine."""
    others: list[str] = []
    if members:
        own = [m for m in entry.members if records.replace(entry, members=(m,)).matches(name)]
        named = records.replace(entry, members=tuple(own))
        others = [m for m in entry.members if m not in own and not named.matches(m)]
    if benzos:
        others += [drug for drug, generic in _drug_names().items() if generic not in benzos]
    return records.replace(entry, members=tuple(others))


@functools.lru_cache(maxsize=4096)
def _matching(name: str) -> tuple[Interaction, ...]:
    """The interaction entries a name matches (cached: matching compares every member's words)."""
    from benzotaper.knowledge import load_interactions

    return tuple(e for e in load_interactions().matching(name) if e.kind == "interaction")


def _generic_names(names: Sequence[str]) -> list[str]:
    """Generic names for drug names (brands resolved through the knowledge data; others lower-cased)."""
    known = _drug_names()
    out = (" ".join(name.lower().split()) for name in names)
    return list(dict.fromkeys(known.get(n, n) for n in out if n))


@functools.cache
def _drug_names() -> Mapping[str, str]:
    """Generic name for every generic and brand name of the knowledge data, in lower case."""
    from benzotaper.knowledge import load_knowledge

    drugs = load_knowledge().drugs.values()
    return {name.lower(): d.name for d in drugs for name in (d.name, *d.brand_names)}


def _not_in_data(name: str, benzos: Sequence[str]) -> InteractionFinding:
    yours = _words(benzos) if benzos else "your benzodiazepine"
    return InteractionFinding(
        name=name,
        code=None,
        agent="",
        severity="unknown",
        why=(
            f"{name} is not in our interaction data. That does not mean it is safe with {yours}: we only "
            "know what our sources cover."
        ),
        ask=f"Ask your pharmacist whether {name} interacts with {yours}.",
    )


def _words(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names) or "no benzodiazepine"
    return ", ".join(names[:-1]) + " or " + names[-1]
