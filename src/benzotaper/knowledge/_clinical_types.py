"""Typed, immutable views of the clinical data the journal and the insights use.

The check-in symptom checklist and the instruments and lists it comes from, red flags, emergency
numbers, drug interactions, the glossary and pharmacokinetics. Like the rest of the knowledge data,
every figure or text carries the key of its source and a confidence mark (see ``._types``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Annotated, Literal, TypeVar

from benzotaper.knowledge._schema import DERIVED, MAY_BE_EMPTY, TABLE_NAME, Check, key, matching
from benzotaper.knowledge._types import CONFIDENCES, Cited, Confidence, DoseRange, SourceKey
from benzotaper.records import Record, field

Severity = Literal["major", "moderate", "minor", "none"]
SEVERITIES: tuple[Severity, ...] = ("major", "moderate", "minor", "none")

Rater = Literal["patient", "clinician"]
RATERS: tuple[Rater, ...] = ("patient", "clinician")

InteractionKind = Literal["interaction", "class_warning"]
INTERACTION_KINDS: tuple[InteractionKind, ...] = ("interaction", "class_warning")

Answer = Literal["severity_0_4", "yes_no"]

# Symptom scales rate on 0..4 at most (the CIWA-B item scale); a point outside is a data error.
SEVERITY_MIN = 0
SEVERITY_MAX = 4

_WORD = re.compile(r"[a-z]+|[0-9]+")
_CODE = r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*"  # snake_case
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # kebab-case

# The texts of the data files, with the rules each must keep (see ``_schema``).
Code = Annotated[str, matching(_CODE, f"{{value!r}} is not a valid code (pattern {_CODE})")]
Slug = Annotated[str, matching(_SLUG, f"{{value!r}} is not a valid code (pattern {_SLUG})")]
Phone = Annotated[
    str, matching(r"[0-9]+(?: [0-9]+)*", "{value!r} is not a phone number (digits and single spaces)")
]
Question = Annotated[str, Check(lambda v: v.rstrip().endswith("?"), "a question must end with '?'")]
DrugName = Annotated[str, matching(r"[a-z][a-z0-9 -]*", "{value!r} is not a lowercase generic name")]
ScaleValue = Annotated[
    int,
    Check(
        lambda v: SEVERITY_MIN <= v <= SEVERITY_MAX,
        f"severity {{value}} is outside {SEVERITY_MIN}-{SEVERITY_MAX}",
    ),
]
AtLeastOne = Annotated[int, Check(lambda v: v >= 1, "must be at least 1, got {value}")]
DrugNames = Annotated[tuple[DrugName, ...], MAY_BE_EMPTY]
Sources = tuple[SourceKey, ...]
Texts = Annotated[tuple[str, ...], MAY_BE_EMPTY]

T = TypeVar("T")


def words(text: str) -> tuple[str, ...]:
    """Split text into lowercase words of letters or of digits, ignoring apostrophes and punctuation.

    "Tramadol 50mg" gives ("tramadol", "50", "mg"); "St. John's Wort" gives ("st", "johns", "wort").
    """
    return tuple(_WORD.findall(text.lower().replace("'", "").replace("’", "")))


def normalise_term(text: str) -> str:
    """The form glossary words are compared in: lowercase, hyphens and underscores as spaces, single
    spaces, no surrounding space."""
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def first(items: Iterable[T], key: Callable[[T], object], wanted: object) -> T:
    """The first of ``items`` whose ``key`` is ``wanted``; KeyError(wanted) when there is none."""
    for item in items:
        if key(item) == wanted:
            return item
    raise KeyError(wanted)


def strongest(marks: tuple[Confidence, ...]) -> Confidence:
    """The strongest of some confidence marks, in the order V, V3, C, M."""
    return min(marks, key=CONFIDENCES.index)


# --- Symptoms -------------------------------------------------------------------------------------------


class ScalePoint(Record):
    value: ScaleValue
    label: str


class RatingScale(Record):
    """An item rating scale: its points, from 0 up, with their labels."""

    key: str = field(metadata=TABLE_NAME)
    name: str
    points: tuple[ScalePoint, ...]
    source: SourceKey
    confidence: Confidence

    @property
    def min(self) -> int:
        return self.points[0].value

    @property
    def max(self) -> int:
        return self.points[-1].value

    def label(self, value: int) -> str:
        for point in self.points:
            if point.value == value:
                return point.label
        raise ValueError(f"{value} is not a point of the {self.name} scale ({self.min}-{self.max})")


class SymptomSource(Record):
    """Where a checklist item comes from: one instrument item or symptom-list entry.

    ``origin`` is the key of the instrument or list, ``wording`` the item or entry as it prints it,
    ``source`` the key of the source and ``confidence`` the mark of that item or entry.
    """

    origin: str
    origin_name: str
    wording: str
    source: str
    confidence: Confidence


class SymptomItem(Record):
    """One item of the check-in checklist.

    Rated 0-4 with ``question``, unless ``red_flag`` names a red flag: then ``question`` is that red
    flag's yes/no question and the item is asked with the red flags, not in the 0-4 list.
    """

    code: str
    label: str
    group: str
    question: str
    sources: tuple[SymptomSource, ...]
    red_flag: str | None = None

    @property
    def is_red_flag(self) -> bool:
        return self.red_flag is not None

    @property
    def answer(self) -> Answer:
        return "yes_no" if self.is_red_flag else "severity_0_4"

    @property
    def confidence(self) -> Confidence:
        """The strongest mark among the item's sources."""
        return strongest(tuple(s.confidence for s in self.sources))

    @property
    def origins(self) -> frozenset[str]:
        """Keys of the instruments and lists the item comes from."""
        return frozenset(s.origin for s in self.sources)


class InstrumentItem(Record):
    """One item of an instrument. ``checklist`` names the checklist items it feeds (none for items a
    clinician observes)."""

    number: AtLeastOne
    text: str
    rater: Rater
    self_rated: bool
    confidence: Confidence
    checklist: Texts
    note: str = ""


class SeverityBand(Record):
    """A band of an instrument's total score, ``low`` to ``high`` inclusive."""

    low: int
    high: int
    label: str

    def contains(self, total: int) -> bool:
        return self.low <= total <= self.high


class Instrument(Record):
    """A withdrawal rating instrument (CIWA-B, BWSQ): its items, item scale and total score."""

    key: str
    name: str
    full_name: str
    source: str
    confidence: Confidence
    scale: RatingScale
    items: tuple[InstrumentItem, ...]
    total_range: Cited[tuple[int, int]]
    bands: Cited[tuple[SeverityBand, ...]] | None
    notes: tuple[Cited[str], ...]

    @property
    def self_rated_items(self) -> tuple[InstrumentItem, ...]:
        return tuple(item for item in self.items if item.self_rated)

    def item(self, number: int) -> InstrumentItem:
        return first(self.items, lambda item: item.number, number)

    def band_for(self, total: int) -> SeverityBand | None:
        """The severity band of a total score, or None when the instrument has no bands or the total
        falls in none (such as 0)."""
        if self.bands is None:
            return None
        for band in self.bands.value:
            if band.contains(total):
                return band
        return None


class SymptomListEntry(Record):
    """One entry of a published withdrawal-symptom list.

    ``not_self_rated`` says why an entry feeds no checklist item; ``abrupt_high_dose`` marks entries the
    source footnotes as typical of abrupt cessation of high doses.
    """

    group: str
    text: str
    checklist: Texts
    not_self_rated: str = ""
    abrupt_high_dose: bool = False


class SymptomList(Record):
    key: str
    name: str
    source: str
    confidence: Confidence
    entries: tuple[SymptomListEntry, ...]
    notes: tuple[Cited[str], ...]
    footnote: str = ""


class SymptomGroup(Record):
    code: Code
    label: str


class SymptomChecklist(Record):
    """The de-duplicated check-in checklist, with the instruments and lists it is drawn from.

    Items are in display order, grouped by ``groups`` order. ``timeframe`` is the period each question
    asks about ("Since your last check-in").
    """

    timeframe: str
    scale: RatingScale
    groups: tuple[SymptomGroup, ...]
    items: tuple[SymptomItem, ...]
    instruments: Mapping[str, Instrument]
    lists: Mapping[str, SymptomList]

    @property
    def rated_items(self) -> tuple[SymptomItem, ...]:
        """The items rated 0-4."""
        return tuple(item for item in self.items if not item.is_red_flag)

    @property
    def red_flag_items(self) -> tuple[SymptomItem, ...]:
        """The items asked as red-flag yes/no questions."""
        return tuple(item for item in self.items if item.is_red_flag)

    def item(self, code: str) -> SymptomItem:
        return first(self.items, lambda item: item.code, code)

    def items_in(self, group: str) -> tuple[SymptomItem, ...]:
        return tuple(item for item in self.items if item.group == group)


# --- Red flags ------------------------------------------------------------------------------------------


class RedFlag(Record):
    """A sign to seek emergency care for now, asked at every check-in as a yes/no ``question``."""

    code: Code
    sign: str
    question: Question
    what_to_do: str
    basis: str
    sources: Sources
    confidence: Confidence
    note: str = ""


class TooFastSign(Record):
    """A sign that the taper is going too fast, with a yes/no ``question`` and what to consider."""

    code: Code
    sign: str
    question: Question
    basis: str
    suggestion: str
    sources: Sources
    confidence: Confidence
    note: str = ""
    onset_within_days: Annotated[int, Check(lambda v: v >= 1, "must be at least 1, got {value}")] | None = (
        None
    )
    """For a sign about the days after a cut: how long symptoms may take to appear."""


class GuidelineAction(Record):
    """One step of what guidelines say to do when the taper is too fast; ``order`` 1 comes first."""

    order: AtLeastOne
    code: Code
    label: str
    text: str
    how_often: str
    basis: str
    sources: Sources
    confidence: Confidence
    note: str = ""


class AdviceNote(Record):
    text: str
    sources: Sources
    confidence: Confidence


class RedFlags(Record):
    emergency_signs: tuple[RedFlag, ...]
    too_fast_signs: tuple[TooFastSign, ...]
    actions: tuple[GuidelineAction, ...]
    notes: Annotated[tuple[AdviceNote, ...], MAY_BE_EMPTY]

    def sign(self, code: str) -> RedFlag:
        return first(self.emergency_signs, lambda flag: flag.code, code)


# --- Emergency numbers ----------------------------------------------------------------------------------


class CrisisLine(Record):
    name: str
    number: Phone
    source: SourceKey
    confidence: Confidence
    note: str = ""


class EmergencyNumbers(Record):
    """The emergency numbers of one country, the one to show first first, and its crisis lines."""

    country: str = field(metadata=TABLE_NAME)
    numbers: tuple[Phone, ...]
    crisis_lines: Annotated[tuple[CrisisLine, ...], MAY_BE_EMPTY]
    source: SourceKey
    confidence: Confidence
    note: str = ""

    @property
    def primary(self) -> str:
        return self.numbers[0]


class EmergencyDirectory(Record):
    """Emergency numbers by country code, with ``default`` for a country that is unknown or not listed.

    ``aliases`` maps other spellings of a code to the one used here (GB to UK).
    """

    default: Cited[str]
    countries: Mapping[str, EmergencyNumbers]
    eu_member_states: tuple[str, ...]
    aliases: Mapping[str, str]

    def for_country(self, country_code: str) -> EmergencyNumbers | None:
        code = country_code.strip().upper()
        return self.countries.get(self.aliases.get(code, code))

    def number(self, country_code: str) -> str:
        """The emergency number to show first for a country; the default when it is not listed."""
        found = self.for_country(country_code)
        return found.primary if found is not None else self.default.value


# --- Interactions ---------------------------------------------------------------------------------------


class Interaction(Record):
    """An interaction of an agent (drug, food, habit) with benzodiazepines.

    ``members`` are the names a person may type for the agent (generic and brand names, foods); the
    lists are compiled here (``members_source``, ``members_confidence``). ``affects`` is "all" or the
    drugs.toml names of the benzodiazepines the source names as affected; ``affects_unconfirmed``
    those it names from memory (M); ``affects_other`` affected drugs outside the taper table.
    ``severity`` is the upper end of ``severity_text``, the severity as printed. ``advice`` is what
    to ask the doctor or pharmacist; ``source_advice`` the advice as the source gives it.
    """

    code: Code
    kind: InteractionKind
    """Written only for a class warning (the loader reads it: an ordinary entry leaves it out)."""
    agent: str
    members: Texts
    members_source: SourceKey = field(metadata=DERIVED)
    members_confidence: Confidence
    """The file's ``members_confidence``, unless the entry gives its own."""
    affects: tuple[str, ...] | Literal["all"]
    """Read by the loader: "all" or a list of generic names."""
    affects_unconfirmed: DrugNames
    affects_other: DrugNames
    not_affected: DrugNames
    contraindicated_with: DrugNames
    severity: Severity
    severity_text: str
    mechanism: str
    figures: str
    source_advice: str
    advice: str
    sources: Sources
    confidence: Confidence
    note: str = ""

    def matches(self, name: str) -> bool:
        """Whether what a person typed names a member, as whole words, ignoring case and punctuation.

        "Tramadol 50mg" matches the opioids; "cipro" matches the fluoroquinolones, but "ciprofloxacin"
        does so only because it is a member itself.
        """
        typed = words(name)
        for member in self.members:
            wanted = words(member)
            width = len(wanted)
            if width and any(typed[i : i + width] == wanted for i in range(len(typed) - width + 1)):
                return True
        return False

    def affects_drug(self, drug: str) -> bool:
        """Whether the source names this benzodiazepine (generic name) as affected, including names
        marked unconfirmed and affected drugs outside the taper table."""
        name = drug.strip().lower()
        if name in self.not_affected:
            return False
        if self.affects == "all":
            return True
        return name in self.affects or name in self.affects_unconfirmed or name in self.affects_other


class Interactions(Record):
    entries: tuple[Interaction, ...]

    def entry(self, code: str) -> Interaction:
        return first(self.entries, lambda interaction: interaction.code, code)

    def matching(self, name: str) -> tuple[Interaction, ...]:
        """Every interaction whose members what a person typed names (see ``Interaction.matches``)."""
        return tuple(entry for entry in self.entries if entry.matches(name))


# --- Glossary -------------------------------------------------------------------------------------------


class GlossaryEntry(Record):
    slug: Slug
    term: str
    aliases: Texts
    definition: str
    sources: Sources
    confidence: Confidence
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases: every word that links to this entry."""
        return (self.term, *self.aliases)


class Glossary(Record):
    entries: tuple[GlossaryEntry, ...] = field(metadata=key("terms"))

    def entry(self, slug: str) -> GlossaryEntry:
        return first(self.entries, lambda entry: entry.slug, slug)

    def find(self, word: str) -> GlossaryEntry | None:
        """The entry a word links to (its term, an alias or its slug), ignoring case and hyphens."""
        wanted = normalise_term(word)
        for entry in self.entries:
            if wanted == normalise_term(entry.slug) or any(
                wanted == normalise_term(name) for name in entry.names
            ):
                return entry
        return None


# --- Pharmacokinetics -----------------------------------------------------------------------------------


class PkValue(Record):
    """A pharmacokinetic figure: ``text`` as the source prints it, the ``range`` it states (None when the
    wording gives no number to model with) and the ``typical`` (mean or usual) value when printed."""

    text: str
    range: DoseRange | None
    typical: Decimal | None = None


class Metabolite(Record):
    name: Cited[str]
    half_life_h: tuple[Cited[PkValue], ...]


class PharmacokineticProfile(Record):
    """What a plasma-level curve needs for one drug. Each quantity holds one figure per source, in the
    order the research notes give them. Percentages for bioavailability and protein binding, hours for
    tmax and half-lives.

    ``reference_only`` marks a drug outside the taper table (oral midazolam).
    """

    drug: str
    reference_only: bool
    bioavailability_percent: tuple[Cited[PkValue], ...]
    tmax_h: tuple[Cited[PkValue], ...]
    half_life_h: tuple[Cited[PkValue], ...]
    active_metabolites: tuple[Metabolite, ...]
    metabolism: tuple[Cited[str], ...]
    protein_binding_percent: tuple[Cited[PkValue], ...]
    steady_state: tuple[Cited[str], ...]
    notes: tuple[Cited[str], ...]
    note: str = ""

    @property
    def half_life_range_h(self) -> Cited[PkValue] | None:
        """The first half-life figure that states a range: the one to model with."""
        return next((f for f in self.half_life_h if f.value.range is not None), None)


class Pharmacokinetics(Record):
    profiles: Mapping[str, PharmacokineticProfile]
    model_notes: tuple[Cited[str], ...]

    def profile(self, drug: str) -> PharmacokineticProfile:
        return self.profiles[drug.strip().lower()]
