"""Read and strictly validate the clinical data the journal and the insights use.

Files in ``data/``: ``symptoms.toml`` (check-in checklist, instruments, symptom lists),
``red_flags.toml``, ``emergency.toml``, ``interactions.toml``, ``glossary.toml`` and
``pharmacokinetics.toml``. Each loader reads its file once per folder (``functools.cache``) and fails
with ``KnowledgeError`` whose message starts with the file and the entry, e.g.
``glossary.toml: terms[3].sources: unknown source key 'ashton'``.

Source keys are checked against the ``[sources.KEY]`` tables of every ``*.toml`` file in the folder,
merged the same way as ``load_knowledge`` does: a key defined twice with different content is an error.
Drug names (interaction ``affects``, pharmacokinetic profiles) are checked against the keys of
``[drugs.*]`` in ``drugs.toml`` when that file is present.

Numbers that are figures (pharmacokinetics) are TOML strings parsed as ``Decimal``; scale points,
item numbers and score totals are TOML integers.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, TypeVar

from benzotaper import records
from benzotaper.knowledge import _clinical_types as clinical
from benzotaper.knowledge._files import read_files
from benzotaper.knowledge._reader import COUNTRY, Reader, parse_folder, read_sources
from benzotaper.knowledge._schema import COUNTRY_CODE, REQUIRED
from benzotaper.knowledge._types import Cited, Confidence, DoseRange, KnowledgeError, SourceKey
from benzotaper.records import Record, field

DATA_DIR = Path(__file__).parent / "data"


T = TypeVar("T")


# --- Public loaders -------------------------------------------------------------------------------------


def load_symptoms(data_dir: Path | None = None) -> clinical.SymptomChecklist:
    """The check-in checklist with the instruments (CIWA-B, BWSQ) and symptom lists it comes from."""
    return _symptoms(_folder(data_dir))


def load_red_flags(data_dir: Path | None = None) -> clinical.RedFlags:
    """Emergency signs, signs the taper is too fast, and the guideline actions in order."""
    return _red_flags(_folder(data_dir))


def load_emergency_numbers(data_dir: Path | None = None) -> clinical.EmergencyDirectory:
    """Emergency and crisis numbers by country code."""
    return _emergency(_folder(data_dir))


def load_interactions(data_dir: Path | None = None) -> clinical.Interactions:
    """Every interaction entry, in the order of the research notes."""
    return _interactions(_folder(data_dir))


def load_glossary(data_dir: Path | None = None) -> clinical.Glossary:
    return _glossary(_folder(data_dir))


def load_pharmacokinetics(data_dir: Path | None = None) -> clinical.Pharmacokinetics:
    return _pharmacokinetics(_folder(data_dir))


def emergency_number(country_code: str, data_dir: Path | None = None) -> str:
    """The emergency number to show first for a country code ("UK", "GB", "fr"); the default number
    (112) when the country is unknown or not listed."""
    return load_emergency_numbers(data_dir).number(country_code)


def find_interactions(name: str, data_dir: Path | None = None) -> tuple[clinical.Interaction, ...]:
    """Every interaction whose members what a person typed names, e.g. "Tramadol 50mg"."""
    return load_interactions(data_dir).matching(name)


def glossary_entry(word: str, data_dir: Path | None = None) -> clinical.GlossaryEntry | None:
    """The glossary entry a word links to (term, alias or slug), or None."""
    return load_glossary(data_dir).find(word)


def _folder(data_dir: Path | None) -> Path:
    return DATA_DIR if data_dir is None else Path(data_dir)


# --- The folder: sources and drug names -----------------------------------------------------------------


class _Folder(Record):
    path: Path
    docs: Mapping[str, dict[str, object]]
    sources: frozenset[str]
    drugs: frozenset[str] | None  # None while drugs.toml does not exist

    def document(self, name: str) -> _Entry:
        if name not in self.docs:
            raise KnowledgeError(f"{name}: missing from {self.path}")
        top = {key: value for key, value in self.docs[name].items() if key != "sources"}  # read apart
        return _Entry(name, "", top, self)


@functools.cache
def _read_folder(path: Path) -> _Folder:
    """The folder read whole, as ``load_knowledge`` reads it: every file parsed, the sources merged."""
    docs = parse_folder(read_files(path))
    return _Folder(path, docs, frozenset(read_sources(docs.items())), _drug_names(docs))


def _drug_names(docs: Mapping[str, dict[str, object]]) -> frozenset[str] | None:
    """The generic names of the taper drug table (keys of ``[drugs.*]``), or None without drugs.toml."""
    if "drugs.toml" not in docs:
        return None
    drugs = docs["drugs.toml"].get("drugs")
    if not isinstance(drugs, dict) or not drugs:
        raise KnowledgeError("drugs.toml: drugs: must be a table of [drugs.<generic name>] tables")
    return frozenset(str(name) for name in drugs)


class _Entry(Reader[_Folder]):
    """A table of one clinical data file; its context is the folder (source keys, drug names)."""

    def _check_source(self, value: str, key: str | None) -> None:
        if value not in self.context.sources:
            raise self.error(f"unknown source key {value!r}", key)

    def integer(self, key: str, *, low: int = 0) -> int:
        value = self._integer(self.table.get(key), key)
        if value < low:
            raise self.error(f"must be at least {low}, got {value}", key)
        return value

    def decimal(self, key: str) -> Decimal | None:
        """A Decimal of at least zero written as a string, or None when the key is absent."""
        if key not in self.table:
            return None
        value = self._decimal(self.table[key], key)
        if value < 0:
            raise self.error(f"must not be negative, got {self.table[key]}", key)
        return value

    def cited_texts(self, key: str, *, value_key: str = "value") -> tuple[Cited[str], ...]:
        """An optional array of ``{ value|text = "...", source, confidence, note? }`` tables."""
        return tuple(e.cited_value(_Entry.text, value_key) for e in self.children(key, required=False))

    # --- drug names ------------------------------------------------------------------------------

    def check_drug(self, name: str, key: str | None = None) -> None:
        if self.context.drugs is not None and name not in self.context.drugs:
            raise self.error(f"{name!r} is not a drug of drugs.toml", key)


def _unique(entries: Iterable[tuple[_Entry, str]], what: str) -> None:
    seen: set[str] = set()
    for entry, value in entries:
        if value in seen:
            raise entry.error(f"duplicate {what} {value!r}")
        seen.add(value)


# --- Red flags ------------------------------------------------------------------------------------------


@functools.cache
def _red_flags(path: Path) -> clinical.RedFlags:
    doc = _read_folder(path).document("red_flags.toml")
    flags = doc.build(clinical.RedFlags)
    _unique(
        [(e, e.text("code")) for e in doc.children("emergency_signs") + doc.children("too_fast_signs")],
        "code",
    )
    _unique([(e, e.text("code")) for e in doc.children("actions")], "code")
    if sorted(a.order for a in flags.actions) != list(range(1, len(flags.actions) + 1)):
        raise doc.error("the orders of the actions must be 1, 2, 3 ... without gaps or repeats", "actions")
    return records.replace(flags, actions=tuple(sorted(flags.actions, key=lambda a: a.order)))


# --- Symptoms -------------------------------------------------------------------------------------------


@functools.cache
def _symptoms(path: Path) -> clinical.SymptomChecklist:
    doc = _read_folder(path).document("symptoms.toml")
    doc.expect_keys(("checklist", "scales", "groups", "items", "instruments", "lists"), ("sources",))
    red_flags = {flag.code: flag for flag in _red_flags(path).emergency_signs}

    scales = {
        key: _checked_scale(doc.child("scales").child(key), scale)
        for key, scale in doc.child("scales").named(clinical.RatingScale)
    }
    head = doc.child("checklist")
    head.expect_keys(("scale", "timeframe"))
    scale = _pick(head, "scale", scales)
    if [p.value for p in scale.points] != list(range(clinical.SEVERITY_MIN, clinical.SEVERITY_MAX + 1)):
        raise head.error(
            f"the check-in scale must run {clinical.SEVERITY_MIN} to {clinical.SEVERITY_MAX}", "scale"
        )

    groups: tuple[clinical.SymptomGroup, ...] = doc.value(tuple[clinical.SymptomGroup, ...], "groups")
    _unique([(e, e.text("code")) for e in doc.children("groups")], "group")
    group_codes = {g.code for g in groups}

    item_entries = doc.children("items")
    _unique([(e, e.text("code")) for e in item_entries], "item code")
    codes = {e.text("code") for e in item_entries}

    fed: dict[str, list[clinical.SymptomSource]] = {code: [] for code in codes}
    instruments = {}
    for key, entry in doc.subtables("instruments"):
        instrument = _instrument(key, entry, scales, codes)
        instruments[key] = instrument
        for item in instrument.items:
            for code in item.checklist:
                fed[code].append(
                    clinical.SymptomSource(
                        origin=key,
                        origin_name=instrument.name,
                        wording=f"Item {item.number}: {item.text}",
                        source=instrument.source,
                        confidence=item.confidence,
                    )
                )
    lists = {}
    for key, entry in doc.subtables("lists"):
        symptom_list = _symptom_list(key, entry, codes)
        lists[key] = symptom_list
        for list_entry in symptom_list.entries:
            for code in list_entry.checklist:
                fed[code].append(
                    clinical.SymptomSource(
                        origin=key,
                        origin_name=symptom_list.name,
                        wording=list_entry.text,
                        source=symptom_list.source,
                        confidence=symptom_list.confidence,
                    )
                )

    items = []
    for entry in item_entries:
        entry.expect_keys(("code", "label", "group"), ("question", "red_flag"))
        code = entry.value(clinical.Code, "code")
        group = entry.value(clinical.Code, "group")
        if group not in group_codes:
            raise entry.error(f"unknown group {group!r}", "group")
        if ("question" in entry.table) == ("red_flag" in entry.table):
            raise entry.error("give either a 0-4 question or a red_flag (asked as its yes/no question)")
        red_flag = None
        if "red_flag" in entry.table:
            red_flag = entry.value(clinical.Code, "red_flag")
            if red_flag not in red_flags:
                raise entry.error(f"unknown red flag {red_flag!r} (red_flags.toml)", "red_flag")
            question = red_flags[red_flag].question
        else:
            question = entry.value(clinical.Question, "question")
        if not fed[code]:
            raise entry.error(f"no instrument item or list entry feeds {code!r}: it has no source")
        items.append(
            clinical.SymptomItem(
                code=code,
                label=entry.text("label"),
                group=group,
                question=question,
                sources=tuple(fed[code]),
                red_flag=red_flag,
            )
        )
    order = [g.code for g in groups]
    items.sort(key=lambda item: order.index(item.group))  # stable: file order within a group

    return clinical.SymptomChecklist(
        timeframe=head.text("timeframe"),
        scale=scale,
        groups=groups,
        items=tuple(items),
        instruments=MappingProxyType(instruments),
        lists=MappingProxyType(lists),
    )


def _pick(entry: _Entry, key: str, scales: Mapping[str, clinical.RatingScale]) -> clinical.RatingScale:
    name = entry.text(key)
    if name not in scales:
        raise entry.error(f"unknown scale {name!r}", key)
    return scales[name]


def _checked_scale(entry: _Entry, scale: clinical.RatingScale) -> clinical.RatingScale:
    """A scale runs 0, 1, 2 ... with at least two points, each with a label of its own."""
    if [p.value for p in scale.points] != list(range(len(scale.points))):
        raise entry.error("points must run 0, 1, 2 ... in order", "points")
    if len(scale.points) < 2:
        raise entry.error("a scale needs at least two points", "points")
    _unique([(entry, p.label) for p in scale.points], "label")
    return scale


def _instrument(
    key: str, entry: _Entry, scales: Mapping[str, clinical.RatingScale], codes: set[str]
) -> clinical.Instrument:
    entry.expect_keys(
        ("name", "full_name", "source", "confidence", "n_items", "scale", "total", "items"),
        ("bands", "notes"),
    )
    scale = _pick(entry, "scale", scales)
    n_items = entry.integer("n_items", low=1)

    items = []
    item_entries = entry.children("items")
    for number, item in enumerate(item_entries, start=1):
        instrument_item = item.build(clinical.InstrumentItem)
        if instrument_item.number != number:
            raise item.error(f"items must be numbered 1, 2, 3 ... in order; expected {number}", "number")
        rater, self_rated = instrument_item.rater, instrument_item.self_rated
        if self_rated != (rater == "patient"):
            raise item.error(f"an item rated by the {rater} must have self_rated = {rater == 'patient'}")
        for code in instrument_item.checklist:
            if code not in codes:
                raise item.error(f"unknown checklist item {code!r}", "checklist")
        if instrument_item.checklist and not self_rated:
            raise item.error("an item a clinician observes cannot feed the self-rated checklist")
        items.append(instrument_item)
    if len(items) != n_items:
        raise entry.error(f"has {len(items)} items, but n_items says {n_items}", "items")

    total = entry.child("total")
    total.expect_keys(("low", "high", "source", "confidence"))
    low, high = total.integer("low"), total.integer("high")
    if (low, high) != (n_items * scale.min, n_items * scale.max):
        raise total.error(f"{low}-{high} is impossible for {n_items} items scored {scale.min}-{scale.max}")
    total_range = total.cite((low, high))

    bands = None
    if "bands" in entry.table:
        band_table = entry.child("bands")
        band_table.expect_keys(("source", "confidence", "ranges"), ("note",))
        ranges = []
        previous = None
        for band in band_table.children("ranges"):
            severity_band = band.build(clinical.SeverityBand)
            band_low, band_high = severity_band.low, severity_band.high
            if band_low > band_high or band_low < low or band_high > high:
                raise band.error(f"band {band_low}-{band_high} is not inside the total {low}-{high}")
            if previous is not None and band_low != previous + 1:
                raise band.error(f"band starts at {band_low}; the previous one ended at {previous}")
            previous = band_high
            ranges.append(severity_band)
        bands = band_table.cite(tuple(ranges))

    return clinical.Instrument(
        key=key,
        name=entry.text("name"),
        full_name=entry.text("full_name"),
        source=entry.source(),
        confidence=entry.confidence(),
        scale=scale,
        items=tuple(items),
        total_range=total_range,
        bands=bands,
        notes=entry.cited_texts("notes", value_key="text"),
    )


def _symptom_list(key: str, entry: _Entry, codes: set[str]) -> clinical.SymptomList:
    entry.expect_keys(("name", "source", "confidence", "entries"), ("notes", "footnote"))
    entries = []
    for item in entry.children("entries"):
        list_entry = item.build(clinical.SymptomListEntry)
        for code in list_entry.checklist:
            if code not in codes:
                raise item.error(f"unknown checklist item {code!r}", "checklist")
        if bool(list_entry.checklist) == bool(list_entry.not_self_rated.strip()):
            raise item.error("either feed checklist items or say why not in not_self_rated")
        entries.append(list_entry)
    return clinical.SymptomList(
        key=key,
        name=entry.text("name"),
        source=entry.source(),
        confidence=entry.confidence(),
        entries=tuple(entries),
        notes=entry.cited_texts("notes", value_key="text"),
        footnote=entry.text("footnote", required=False),
    )


# --- Emergency numbers ----------------------------------------------------------------------------------


class _Number(Record):
    """``[default]``: the number for a country the file does not list."""

    number: clinical.Phone
    source: SourceKey
    confidence: Confidence
    note: str = ""


class _EuNumber(_Number):
    """``[eu]``: the number of every member state the file does not list itself."""

    member_states: tuple[Annotated[str, COUNTRY_CODE], ...] = field(default=(), metadata=REQUIRED)


@functools.cache
def _emergency(path: Path) -> clinical.EmergencyDirectory:
    doc = _read_folder(path).document("emergency.toml")
    doc.expect_keys(("default", "countries"), ("aliases", "eu"))
    default = doc.value(_Number, "default")
    countries = dict(doc.child("countries").named(clinical.EmergencyNumbers))
    for code in countries:
        if not COUNTRY.fullmatch(code):
            raise doc.child("countries").child(code).error("a country code is two capital letters")
    member_states: tuple[str, ...] = ()
    if "eu" in doc.table:
        eu: _EuNumber = doc.value(_EuNumber, "eu")
        member_states = eu.member_states
        for code in member_states:
            countries.setdefault(
                code, clinical.EmergencyNumbers(code, (eu.number,), (), eu.source, eu.confidence, eu.note)
            )
    return clinical.EmergencyDirectory(
        default=Cited(default.number, default.source, default.confidence, default.note),
        countries=MappingProxyType(countries),
        eu_member_states=member_states,
        aliases=MappingProxyType(_aliases(doc, countries)),
    )


def _aliases(doc: _Entry, countries: Mapping[str, object]) -> dict[str, str]:
    """``[aliases]``: other spellings of a listed country's code (GB for UK)."""
    aliases: dict[str, str] = {}
    if "aliases" in doc.table:
        alias_table = doc.child("aliases")
        for alias in alias_table.table:
            target = alias_table.text(alias)
            if not COUNTRY.fullmatch(alias) or alias in countries:
                raise alias_table.error("an alias is two capital letters and not a listed country", alias)
            if target not in countries:
                raise alias_table.error(f"points to {target!r}, which is not listed", alias)
            aliases[alias] = target
    return aliases


# --- Interactions ---------------------------------------------------------------------------------------


@functools.cache
def _interactions(path: Path) -> clinical.Interactions:
    doc = _read_folder(path).document("interactions.toml")
    doc.expect_keys(("members_source", "members_confidence", "interactions"))
    members_source = doc.source("members_source")
    members_confidence = doc.confidence("members_confidence")
    entries = []
    raw_entries = doc.children("interactions")
    for entry in raw_entries:
        kind = entry.value(clinical.InteractionKind, "kind") if "kind" in entry.table else "interaction"
        affects = "all" if entry.table.get("affects") == "all" else entry.value(clinical.DrugNames, "affects")
        interaction = entry.build(
            clinical.Interaction,
            kind=kind,
            members_source=members_source,
            members_confidence=(
                entry.confidence("members_confidence")
                if "members_confidence" in entry.table
                else members_confidence
            ),
            affects=affects,
        )
        check_interaction(entry, interaction)
        entries.append(interaction)
    _unique([(e, e.text("code")) for e in raw_entries], "code")
    return clinical.Interactions(tuple(entries))


def check_interaction(entry: _Entry, interaction: clinical.Interaction) -> None:
    """Members match as words; the drugs named are drugs of drugs.toml and agree with one another."""
    members = interaction.members
    if interaction.kind == "class_warning" and members:
        raise entry.error("a class warning matches every benzodiazepine: leave members empty", "members")
    if interaction.kind != "class_warning" and not members:
        raise entry.error("must not be empty", "members")
    _unique([(entry, " ".join(clinical.words(m))) for m in members], "member")
    for member in members:
        if not clinical.words(member):
            raise entry.error(f"member {member!r} has no letters or digits to match", "members")
    affects = interaction.affects
    if affects != "all" and not affects:
        raise entry.error('must be "all" or a non-empty list of generic names', "affects")
    for key in ("affects", "affects_unconfirmed", "not_affected", "contraindicated_with"):
        named = getattr(interaction, key)
        for name in named if named != "all" else ():
            entry.check_drug(name, key)
    unconfirmed, not_affected = interaction.affects_unconfirmed, interaction.not_affected
    if affects == "all" and (unconfirmed or not_affected):
        raise entry.error('affects "all" leaves no drug unconfirmed or unaffected')
    if affects != "all":
        named = set(affects) | set(unconfirmed)
        if named & set(not_affected):
            raise entry.error("a drug is both affected and not affected", "not_affected")
        if not set(interaction.contraindicated_with) <= named:
            raise entry.error("a contraindicated drug must be listed as affected", "contraindicated_with")


# --- Glossary -------------------------------------------------------------------------------------------


@functools.cache
def _glossary(path: Path) -> clinical.Glossary:
    doc = _read_folder(path).document("glossary.toml")
    glossary = doc.build(clinical.Glossary)
    entries = doc.children("terms")
    _unique([(e, e.text("slug")) for e in entries], "slug")
    owner: dict[str, str] = {}  # normalised word -> slug
    for entry, term in zip(entries, glossary.entries, strict=True):
        for word in (term.slug, term.term, *term.aliases):
            key = clinical.normalise_term(word)
            if owner.setdefault(key, term.slug) != term.slug:
                raise entry.error(f"{word!r} already links to {owner[key]!r}", "aliases")
    return glossary


# --- Pharmacokinetics -----------------------------------------------------------------------------------

_PK_FIGURES = ("bioavailability_percent", "tmax_h", "half_life_h", "protein_binding_percent")
_PK_TEXTS = ("metabolism", "steady_state", "notes")


@functools.cache
def _pharmacokinetics(path: Path) -> clinical.Pharmacokinetics:
    doc = _read_folder(path).document("pharmacokinetics.toml")
    doc.expect_keys(("profiles", "model_notes"), ("sources",))
    profiles = {}
    for drug, entry in doc.subtables("profiles"):
        entry.expect_keys((), ("reference_only", "note", "active_metabolites", *_PK_FIGURES, *_PK_TEXTS))
        entry.scalar(clinical.DrugName, drug, None)
        reference_only = entry.boolean("reference_only", default=False)
        if not reference_only:
            entry.check_drug(drug)
        metabolites = []
        for metabolite in entry.children("active_metabolites", required=False):
            metabolite.expect_keys(("name", "source", "confidence"), ("note", "half_life_h"))
            metabolites.append(
                clinical.Metabolite(
                    name=metabolite.cite(metabolite.text("name")),
                    half_life_h=_pk_figures(metabolite, "half_life_h"),
                )
            )
        profiles[drug] = clinical.PharmacokineticProfile(
            drug=drug,
            reference_only=reference_only,
            bioavailability_percent=_pk_figures(entry, "bioavailability_percent"),
            tmax_h=_pk_figures(entry, "tmax_h"),
            half_life_h=_pk_figures(entry, "half_life_h"),
            active_metabolites=tuple(metabolites),
            metabolism=entry.cited_texts("metabolism"),
            protein_binding_percent=_pk_figures(entry, "protein_binding_percent"),
            steady_state=entry.cited_texts("steady_state"),
            notes=entry.cited_texts("notes"),
            note=entry.text("note", required=False),
        )
    return clinical.Pharmacokinetics(MappingProxyType(profiles), doc.cited_texts("model_notes"))


def _pk_figures(entry: _Entry, key: str) -> tuple[Cited[clinical.PkValue], ...]:
    """Figures ``{ text, low?, high?, typical?, source, confidence, note? }``: ``low`` and ``high`` come
    together; percentages are at most 100; times are greater than zero."""
    figures = []
    for figure in entry.children(key, required=False):
        figure.expect_keys(("text", "source", "confidence"), ("low", "high", "typical", "note"))
        low, high, typical = figure.decimal("low"), figure.decimal("high"), figure.decimal("typical")
        if (low is None) != (high is None):
            raise figure.error("give both low and high, or neither")
        span = None
        if low is not None and high is not None:
            if low > high:
                raise figure.error(f"low {low} is above high {high}")
            if low == 0 or (key.endswith("_percent") and high > 100):
                raise figure.error(f"{low}-{high} is impossible for {key}")
            span = DoseRange(low, high)
        if typical is not None and span is not None and not span.low <= typical <= span.high:
            raise figure.error(f"typical {typical} is outside {span.low}-{span.high}", "typical")
        figures.append(figure.cite(clinical.PkValue(figure.text("text"), span, typical)))
    return tuple(figures)
