"""Read the knowledge data files and validate every figure, failing loudly.

The files live in ``data/``: ``knowledge.toml`` (version, countries), ``sources.toml``,
``drugs.toml``, ``equivalence.toml``, ``products.toml`` and ``tapering.toml``. Any TOML file in that
folder may also carry ``[sources.KEY]`` tables (``citation``, optional ``url``); all of them are
merged, and a key defined twice with different content is an error. Of a file this module does not
own, only the sections under a ``[sources...]`` header at the start of a line are parsed, so that
other files (symptoms, red flags ...) do not slow this loader down; the rest is left to their own
loaders. Write those sources as ``[sources.KEY]`` tables, one header per source.

Numbers: a Decimal figure is written as a TOML *string* (``"0.5"``) and becomes a ``Decimal`` from
that exact text. A TOML float there is an error, because TOML floats are binary and ``0.1`` would
already be rounded. Whole days are TOML integers. A figure that may be a range is one string or
``[low, high]``. A cited figure is a table
``{ value = ..., source = "key", confidence = "V", note = "..." }``.

Every problem raises ``KnowledgeError`` whose message starts with the file and the entry, e.g.
``drugs.toml: drugs.alprazolam.half_life_h: unknown source key 'ashton'``.

The version is ``<knowledge.toml version>+<first 8 hex digits of the sha256 of the bytes of every
file in the folder, in order of name>``, so any change to the data shows in every plan and report.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Literal, cast

from benzotaper.knowledge._cache import cached
from benzotaper.knowledge._reader import COUNTRY, SOURCE_KEY, Reader, parse_toml, read_sources
from benzotaper.knowledge._types import (
    FORM_KINDS,
    TIMES_OF_DAY,
    AshtonBand,
    Cited,
    DoseRange,
    Drug,
    EquivalenceTable,
    FormKind,
    Knowledge,
    KnowledgeError,
    Product,
    RiskFactor,
    Source,
    TaperingRules,
    TimeOfDay,
)

DATA_DIR = Path(__file__).parent / "data"

# The files this module reads in full; each must be present.
_OWN_FILES = (
    "knowledge.toml",
    "sources.toml",
    "drugs.toml",
    "equivalence.toml",
    "products.toml",
    "tapering.toml",
)
_DRUG_CLASSES = ("benzodiazepine", "z-drug")
_MARKET_AIMS = ("a", "h", "e")  # anxiolytic, hypnotic, anticonvulsant (Ashton's letters)
_STRENGTH = re.compile(r"(?P<mg>-?\d+(?:\.\d+)?) mg(?P<per>/(?:(?P<ml>-?\d+(?:\.\d+)?) )?m[lL])?")
_SECTION_START = re.compile(rb"^(?=\[)", re.MULTILINE)
_SOURCES_HEADER = re.compile(rb"\[ *sources *[.\]]")
_INDENTED_SOURCES_HEADER = re.compile(rb"^[ \t]+\[ *sources *[.\]]", re.MULTILINE)
# Divides "2 mg/5 ml" into mg per ml, and refuses a concentration that has no exact decimal.
_EXACT = Context(traps=[Inexact, InvalidOperation, DivisionByZero])


def load_knowledge(data_dir: Path | None = None) -> Knowledge:
    """Load and validate the knowledge data; the default folder is read once per process.

    Raises ``KnowledgeError`` naming the file and the entry of the first problem found.
    """
    if data_dir is None:
        return _load_default()
    return _load(Path(data_dir))


@functools.cache
def _load_default() -> Knowledge:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> Knowledge:
    files = _read_files(data_dir)
    return cached(files, lambda: _validate(data_dir, files))


def _validate(data_dir: Path, files: Mapping[str, bytes]) -> Knowledge:
    docs = {
        name: parse_toml(name, (raw if name in _OWN_FILES else _source_sections(name, raw)).decode)
        for name, raw in files.items()
        if name.endswith(".toml")
    }
    for name in _OWN_FILES:
        if name not in docs:
            raise KnowledgeError(f"{name}: missing from {data_dir}")
    sources = read_sources(docs.items())

    def top(name: str, required: Iterable[str]) -> _Entry:
        entry = _Entry(name, "", docs[name], sources)
        entry.expect_keys(required, optional=("sources",))
        return entry

    meta = top("knowledge.toml", ("version", "description", "countries"))
    meta.text("description")
    countries = meta.codes("countries")
    drugs = _drugs(top("drugs.toml", ("drugs",)))
    digest = hashlib.sha256(b"".join(files.values())).hexdigest()[:8]
    return Knowledge(
        version=f"{meta.text('version')}+{digest}",
        sources=MappingProxyType(sources),
        drugs=MappingProxyType(drugs),
        equivalence_tables=_equivalence_tables(top("equivalence.toml", ("tables",)), drugs),
        products=_products(top("products.toml", ("products",)), drugs, countries),
        tapering=_tapering(top("tapering.toml", _TAPERING_KEYS)),
        countries=countries,
    )


def _read_files(data_dir: Path) -> dict[str, bytes]:
    """Every file under ``data_dir`` by relative name, in order of name (hidden ones skipped)."""
    if not data_dir.is_dir():
        raise KnowledgeError(f"{data_dir}: no such data folder")
    found = {}
    for path in data_dir.rglob("*"):
        name = path.relative_to(data_dir).as_posix()
        if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in name.split("/")):
            found[name] = path.read_bytes()
    return dict(sorted(found.items()))


def _source_sections(name: str, raw: bytes) -> bytes:
    """The ``[sources...]`` sections of a file another loader owns: each runs from its header line
    to the next line that starts with ``[``."""
    sections = _SECTION_START.split(raw)
    picked = b"".join(s for s in sections if _SOURCES_HEADER.match(s))
    if _INDENTED_SOURCES_HEADER.search(raw):
        raise KnowledgeError(f"{name}: start each [sources.KEY] header at the start of its line")
    return picked


class _Entry(Reader[Mapping[str, Source]]):
    """A table of one of this loader's files; its context is the merged sources by key."""

    def _check_source(self, value: str, key: str) -> None:
        if value not in self.context:
            raise self.error(f"unknown source key {value!r} (not in any [sources] table)", key)

    # --- plain values ----------------------------------------------------------------------------

    def choices(self, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        items = self.texts(key, empty_ok=True)
        unknown = [x for x in items if x not in allowed]
        if unknown or not items:
            raise self.error(f"unknown {unknown!r}; expected some of {', '.join(allowed)}", key)
        return items

    def codes(self, key: str) -> tuple[str, ...]:
        items = self.texts(key, empty_ok=True)
        bad = [code for code in items if not COUNTRY.fullmatch(code)]
        if bad or not items:
            raise self.error(f"country codes are two capital letters, got {bad!r}", key)
        return items

    def whole(self, key: str) -> int:
        """A whole number greater than zero (days)."""
        return self._whole(self.table.get(key), key)

    def _whole(self, raw: object, key: str) -> int:
        value = self._integer(raw, key)
        if value <= 0:
            raise self.error(f"must be greater than zero, got {value}", key)
        return value

    def whole_range(self, key: str) -> tuple[int, int]:
        raw = self.table.get(key)
        if not isinstance(raw, list) or len(raw) != 2:
            raise self.error("must be [low, high] whole numbers", key)
        low, high = self._whole(raw[0], key), self._whole(raw[1], key)
        if low > high:
            raise self.error(f"range low {low} is above high {high}", key)
        return low, high

    def number(self, key: str, *, zero_ok: bool = False) -> Decimal:
        """A Decimal greater than zero (or at least zero), written as a string."""
        return self._number(self.table.get(key), key, zero_ok=zero_ok)

    def _number(self, raw: object, key: str, *, zero_ok: bool = False) -> Decimal:
        value = self._decimal(raw, key)
        if value < 0 or (value == 0 and not zero_ok):
            raise self.error(f"must be greater than {'or equal to ' if zero_ok else ''}zero, got {raw}", key)
        return value

    def dose_range(self, key: str) -> DoseRange:
        """One figure ``"2"`` (low = high) or a range ``["5", "6"]``, each greater than zero."""
        raw = self.table.get(key)
        if isinstance(raw, list):
            if len(raw) != 2:
                raise self.error("a range must be [low, high]", key)
            low, high = self._number(raw[0], key), self._number(raw[1], key)
            if low > high:
                raise self.error(f"range low {low} is above high {high}", key)
            return DoseRange(low, high)
        value = self._number(raw, key)
        return DoseRange(value, value)

    def percent(self, key: str) -> Decimal:
        value = self.number(key)
        if not value < 100:
            raise self.error(f"a percentage must be above 0 and below 100, got {value}", key)
        return value

    def fraction(self, key: str) -> Decimal:
        value = self.number(key)
        if value > 1:
            raise self.error(f"a factor must be above 0 and at most 1, got {value}", key)
        return value

    def times_of_day(self, key: str) -> tuple[TimeOfDay, ...]:
        """An order of all the times of day, each once."""
        items = self.choices(key, TIMES_OF_DAY)
        if sorted(items) != sorted(TIMES_OF_DAY):
            raise self.error(f"must list each of {', '.join(TIMES_OF_DAY)} once", key)
        return cast(tuple[TimeOfDay, ...], items)

    def strengths(self, key: str, form: FormKind) -> tuple[Decimal, ...]:
        """Strengths as printed: "2 mg" (solid form) or "2 mg/5 ml" (solution, as mg per ml)."""
        raw = self.table.get(key)
        if not isinstance(raw, list) or not raw:
            raise self.error('must be a non-empty list such as ["2 mg", "5 mg"]', key)
        expected = "mg/ml" if form == "oral_solution" else "mg"
        values = []
        for item in raw:
            match = _STRENGTH.fullmatch(item) if isinstance(item, str) else None
            if match is None:
                raise self.error(
                    f'cannot read strength {item!r}: write "2 mg", "2 mg/5 ml" or "5 mg/ml"', key
                )
            unit = "mg/ml" if match["per"] else "mg"
            if unit != expected:
                raise self.error(
                    f"strength {item!r} is in {unit}, but a {form} strength is in {expected}", key
                )
            mg = self._number(match["mg"], key)
            ml = self._number(match["ml"], key) if match["ml"] else Decimal(1)
            try:
                values.append(_EXACT.divide(mg, ml))
            except Inexact as exc:
                raise self.error(f"strength {item!r} has no exact mg per ml", key) from exc
        if len(set(values)) != len(values):
            raise self.error("lists a strength twice", key)
        return tuple(sorted(values))


# --- drugs.toml ---------------------------------------------------------------------------------


def _drugs(doc: _Entry) -> dict[str, Drug]:
    table = doc.child("drugs")
    drugs: dict[str, Drug] = {}
    brands: dict[str, str] = {}
    for name in table.table:
        entry = table.child(name)
        if name != name.strip().lower():
            raise entry.error("the key must be the lowercase generic name")
        entry.expect_keys(
            ("brand_names", "class", "market_aim", "names_source", "equivalent_to_diazepam_10mg"),
            optional=("half_life_h", "active_metabolite_half_life_h", "warning", "in_ashton_table"),
        )
        entry.source("names_source")
        brand_names = entry.texts("brand_names", empty_ok=True)
        for brand in brand_names:
            other = brands.setdefault(brand.lower(), name)
            if other != name:
                raise entry.error(f"brand name {brand!r} is also a name of {other}", "brand_names")
        # The value used for a printed range is its lower end (see drugs.toml).
        printed = entry.cited("equivalent_to_diazepam_10mg", _Entry.dose_range)
        drugs[name] = Drug(
            name=name,
            brand_names=brand_names,
            drug_class=cast(Literal["benzodiazepine", "z-drug"], entry.choice("class", _DRUG_CLASSES)),
            market_aim=entry.choices("market_aim", _MARKET_AIMS),
            equivalent_to_diazepam_10mg=Cited(
                printed.value.low, printed.source, printed.confidence, printed.note
            ),
            equivalent_range=printed if printed.value.low != printed.value.high else None,
            half_life_h=_optional_range(entry, "half_life_h"),
            active_metabolite_half_life_h=_optional_range(entry, "active_metabolite_half_life_h"),
            warning=entry.cited("warning", _Entry.text) if "warning" in entry.table else None,
            in_ashton_table=entry.boolean("in_ashton_table", default=True),
        )
    for brand, owner in brands.items():
        if brand in drugs:
            raise table.error(f"brand name {brand!r} of {owner} is also a generic name", owner)
    if not drugs:
        raise table.error("lists no drug")
    return drugs


def _optional_range(entry: _Entry, key: str) -> Cited[DoseRange] | None:
    return entry.cited(key, _Entry.dose_range) if key in entry.table else None


def _printed_equivalent(drug: Drug) -> DoseRange:
    if drug.equivalent_range is not None:
        return drug.equivalent_range.value
    value = drug.equivalent_to_diazepam_10mg.value
    return DoseRange(value, value)


# --- equivalence.toml ---------------------------------------------------------------------------


def _equivalence_tables(doc: _Entry, drugs: Mapping[str, Drug]) -> tuple[EquivalenceTable, ...]:
    tables = doc.child("tables")
    found = []
    for key in tables.table:
        entry = tables.child(key)
        entry.expect_keys(
            ("name", "source", "confidence"), optional=("note", "per_diazepam_10mg", "values_from")
        )
        if ("per_diazepam_10mg" in entry.table) == ("values_from" in entry.table):
            raise entry.error("give either per_diazepam_10mg or values_from")
        if "values_from" in entry.table:
            entry.choice("values_from", ("drugs.toml",))
            per_dose = {
                name: _printed_equivalent(drug) for name, drug in drugs.items() if drug.in_ashton_table
            }
        else:
            values = entry.child("per_diazepam_10mg")
            for name in values.table:
                if name not in drugs:
                    raise values.error(f"unknown drug {name!r} (not in drugs.toml)", name)
            per_dose = {name: values.dose_range(name) for name in values.table}
        found.append(
            EquivalenceTable(
                key=key,
                name=entry.text("name"),
                source=entry.source(),
                confidence=entry.confidence(),
                per_diazepam_10mg=MappingProxyType(per_dose),
                note=entry.text("note", required=False),
            )
        )
    names = [table.name for table in found]
    if len(set(names)) != len(names) or not names:
        raise tables.error("table names must be unique, and there must be at least one table")
    return tuple(found)


# --- products.toml ------------------------------------------------------------------------------


def _products(doc: _Entry, drugs: Mapping[str, Drug], countries: tuple[str, ...]) -> tuple[Product, ...]:
    products = []
    seen: dict[tuple[str, str, str, Decimal], str] = {}
    for entry in doc.children("products"):
        entry.expect_keys(
            ("drug", "country", "form", "strengths", "scored", "source", "confidence"),
            optional=("note", "split_into"),
        )
        drug = entry.text("drug")
        if drug not in drugs:
            raise entry.error(f"unknown drug {drug!r} (not in drugs.toml)", "drug")
        entry.where = f"{entry.where} ({drug})"
        country = entry.choice("country", countries)
        form = cast(FormKind, entry.choice("form", FORM_KINDS))
        scored = entry.boolean("scored")
        if scored and form != "tablet":
            raise entry.error(f"a {form} is never scored", "scored")
        split_into = entry.whole("split_into") if "split_into" in entry.table else 2
        if split_into not in (2, 4) or (split_into == 4 and not scored):
            raise entry.error("a scored tablet splits into 2 or 4 pieces", "split_into")
        strengths = entry.strengths("strengths", form)
        for strength in strengths:
            other = seen.setdefault((drug, country, form, strength), entry.where)
            if other != entry.where:
                raise entry.error(f"{form} {strength} in {country} is also listed in {other}", "strengths")
        products.append(
            Product(
                drug=drug,
                country=country,
                form=form,
                strengths_mg=strengths,
                scored=scored,
                source=entry.source(),
                confidence=entry.confidence(),
                note=entry.text("note", required=False),
                split_into=split_into,
            )
        )
    return tuple(products)


# --- tapering.toml ------------------------------------------------------------------------------

_TAPERING_KEYS = (
    "default_cut_percent",
    "default_interval_days",
    "max_cut_percent",
    "max_cut_window_days",
    "ashton_bands",
    "final_slowdown_below_de_mg",
    "final_slowdown_factor",
    "crossover_stage_days",
    "crossover_max_substitution_de_mg",
    "crossover_order",
    "reduction_order",
    "physical_dependence_after_days",
    "high_dose_de_mg",
    "liquid_measure_resolution_ml",
    "risk_factors",
    "diazepam_max_single_dose_mg",
    "diazepam_ceiling_de_mg",
    "diazepam_ceiling_at_risk_de_mg",
    "specialist_above_de_mg",
    "high_dose_cut_percent",
    "high_dose_crossover_cut_de_mg",
    "at_risk_cut_percent",
    "very_long_use_days",
    "short_term_use_days",
    "short_term_cut_percent",
    "short_term_interval_days",
    "short_term_max_cut_percent",
    "zdrug_cut_percent_of_start",
    "zdrug_end_cut_percent_of_start",
    "micro_tail_below_de_mg",
    "long_plan_warning_days",
)


def _tapering(doc: _Entry) -> TaperingRules:
    rules = TaperingRules(
        default_cut_percent=doc.cited("default_cut_percent", _Entry.percent),
        default_interval_days=doc.cited("default_interval_days", _Entry.whole),
        max_cut_percent=doc.cited("max_cut_percent", _Entry.percent),
        max_cut_window_days=doc.cited("max_cut_window_days", _Entry.whole),
        ashton_bands=_ashton_bands(doc),
        final_slowdown_below_de_mg=doc.cited("final_slowdown_below_de_mg", _Entry.number),
        final_slowdown_factor=doc.cited("final_slowdown_factor", _Entry.fraction),
        crossover_stage_days=doc.cited("crossover_stage_days", _Entry.whole),
        crossover_max_substitution_de_mg=doc.cited("crossover_max_substitution_de_mg", _Entry.number),
        crossover_order=doc.cited("crossover_order", _Entry.times_of_day),
        reduction_order=doc.cited("reduction_order", _Entry.times_of_day),
        physical_dependence_after_days=doc.cited("physical_dependence_after_days", _Entry.whole),
        high_dose_de_mg=doc.cited("high_dose_de_mg", _Entry.number),
        liquid_measure_resolution_ml=doc.cited("liquid_measure_resolution_ml", _Entry.number),
        risk_factors=_risk_factors(doc.child("risk_factors")),
        diazepam_max_single_dose_mg=doc.cited("diazepam_max_single_dose_mg", _Entry.number),
        diazepam_ceiling_de_mg=doc.cited("diazepam_ceiling_de_mg", _Entry.number),
        diazepam_ceiling_at_risk_de_mg=doc.cited("diazepam_ceiling_at_risk_de_mg", _Entry.number),
        specialist_above_de_mg=doc.cited("specialist_above_de_mg", _Entry.number),
        high_dose_cut_percent=doc.cited("high_dose_cut_percent", _Entry.percent),
        high_dose_crossover_cut_de_mg=doc.cited("high_dose_crossover_cut_de_mg", _Entry.dose_range),
        at_risk_cut_percent=doc.cited("at_risk_cut_percent", _Entry.percent),
        very_long_use_days=doc.cited("very_long_use_days", _Entry.whole),
        short_term_use_days=doc.cited("short_term_use_days", _Entry.whole),
        short_term_cut_percent=doc.cited("short_term_cut_percent", _Entry.percent),
        short_term_interval_days=doc.cited("short_term_interval_days", _Entry.whole),
        short_term_max_cut_percent=doc.cited("short_term_max_cut_percent", _Entry.percent),
        zdrug_cut_percent_of_start=doc.cited("zdrug_cut_percent_of_start", _Entry.percent),
        zdrug_end_cut_percent_of_start=doc.cited("zdrug_end_cut_percent_of_start", _Entry.percent),
        micro_tail_below_de_mg=doc.cited("micro_tail_below_de_mg", _Entry.number),
        long_plan_warning_days=doc.cited("long_plan_warning_days", _Entry.whole),
    )
    if rules.default_cut_percent.value > rules.max_cut_percent.value:
        raise doc.error("is above max_cut_percent", "default_cut_percent")
    if rules.diazepam_ceiling_at_risk_de_mg.value > rules.diazepam_ceiling_de_mg.value:
        raise doc.error("is above diazepam_ceiling_de_mg", "diazepam_ceiling_at_risk_de_mg")
    return rules


def _ashton_bands(doc: _Entry) -> tuple[AshtonBand, ...]:
    """The bands from the lowest up; together they must cover every dose above zero exactly once."""
    entries = doc.children("ashton_bands")
    bands = []
    for entry in entries:
        entry.expect_keys(
            ("above_de_mg", "step_mg", "interval_days", "source", "confidence"),
            optional=("up_to_de_mg",),
        )
        above = entry.number("above_de_mg", zero_ok=True)
        up_to = entry.number("up_to_de_mg") if "up_to_de_mg" in entry.table else None
        if up_to is not None and up_to <= above:
            raise entry.error(f"up_to_de_mg {up_to} is not above above_de_mg {above}")
        bands.append(
            AshtonBand(
                above_de_mg=above,
                up_to_de_mg=up_to,
                step_mg=entry.dose_range("step_mg"),
                interval_days=entry.whole_range("interval_days"),
                source=entry.source(),
                confidence=entry.confidence(),
            )
        )
    if bands[0].above_de_mg != 0:
        raise entries[0].error("the lowest band must start above 0 mg")
    for (lower, upper), entry in zip(pairwise(bands), entries[1:], strict=True):
        if lower.up_to_de_mg is None:
            raise entry.error("follows an open band: only the highest band may leave up_to_de_mg out")
        if upper.above_de_mg < lower.up_to_de_mg:
            raise entry.error(f"overlaps the band below, which runs up to {lower.up_to_de_mg} mg")
        if upper.above_de_mg > lower.up_to_de_mg:
            raise entry.error(f"leaves a gap after the band below, which ends at {lower.up_to_de_mg} mg")
    if bands[-1].up_to_de_mg is not None:
        raise entries[-1].error("the highest band must be open (no up_to_de_mg) so every dose has a band")
    return tuple(bands)


def _risk_factors(table: _Entry) -> tuple[RiskFactor, ...]:
    factors = []
    for code in table.table:
        entry = table.child(code)
        if not SOURCE_KEY.fullmatch(code):
            raise entry.error("a risk factor code is lowercase letters, digits and _")
        entry.expect_keys(("label", "message", "source", "confidence"))
        factors.append(
            RiskFactor(
                code=code,
                label=entry.text("label"),
                message=entry.text("message"),
                source=entry.source(),
                confidence=entry.confidence(),
            )
        )
    return tuple(factors)
