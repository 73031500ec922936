"""Validate the knowledge data files of ``load_knowledge`` (imported only when the cache misses).

Each file's entries are read into the records of ``_types`` by the one generic reader
(``_reader.Reader.build``): the record is the schema. What ties entries or files together (a
product's drug exists, a brand names one drug, the dose bands cover every dose) is checked by the
plain ``check_*`` functions below. The file formats are described in ``_load``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation
from itertools import pairwise
from types import MappingProxyType
from typing import Annotated, Literal

from benzotaper.knowledge._files import Folder
from benzotaper.knowledge._reader import Reader, parse_folder, read_sources
from benzotaper.knowledge._schema import COUNTRY_CODE, one_of
from benzotaper.knowledge._types import (
    AshtonBand,
    Cited,
    DoseRange,
    Drug,
    EquivalenceTable,
    FormKind,
    Knowledge,
    KnowledgeError,
    Mg,
    Product,
    Source,
    TaperingRules,
)
from benzotaper.records import Record

# The files this loader reads; each must be present.
_FILES = (
    "knowledge.toml",
    "sources.toml",
    "drugs.toml",
    "equivalence.toml",
    "products.toml",
    "tapering.toml",
)
_STRENGTH = re.compile(r"(?P<mg>-?\d+(?:\.\d+)?) mg(?P<per>/(?:(?P<ml>-?\d+(?:\.\d+)?) )?m[lL])?")
# Divides "2 mg/5 ml" into mg per ml, and refuses a concentration that has no exact decimal.
_EXACT = Context(traps=[Inexact, InvalidOperation, DivisionByZero])


class _About(Record):
    """``knowledge.toml``: the release of the data and the countries a product may name."""

    version: str
    description: str
    countries: tuple[Annotated[str, COUNTRY_CODE], ...]


def validate(data_dir: Folder, files: Mapping[str, bytes]) -> Knowledge:
    """The knowledge of these data files, every figure validated (``KnowledgeError`` if one is wrong)."""
    docs = parse_folder(files)
    for name in _FILES:
        if name not in docs:
            raise KnowledgeError(f"{name}: missing from {data_dir}")
    sources = read_sources(docs.items())

    def top(name: str) -> _Entry:
        """A file's top table; the ``[sources]`` tables any file may carry are read apart."""
        return _Entry(name, "", {k: v for k, v in docs[name].items() if k != "sources"}, sources)

    about = top("knowledge.toml").build(_About)
    drugs = _drugs(top("drugs.toml").child("drugs"))
    digest = hashlib.sha256(b"".join(files.values())).hexdigest()[:8]
    return Knowledge(
        version=f"{about.version}+{digest}",
        sources=MappingProxyType(sources),
        drugs=MappingProxyType(drugs),
        equivalence_tables=_equivalence_tables(top("equivalence.toml"), drugs),
        products=_products(top("products.toml"), drugs, about.countries),
        tapering=_tapering(top("tapering.toml")),
        countries=about.countries,
    )


class _Entry(Reader[Mapping[str, Source]]):
    """A table of one of this loader's files; its context is the merged sources by key."""

    def _check_source(self, value: str, key: str | None) -> None:
        if value not in self.context:
            raise self.error(f"unknown source key {value!r} (not in any [sources] table)", key)


# --- drugs.toml ---------------------------------------------------------------------------------


def _drugs(table: _Entry) -> dict[str, Drug]:
    """Each ``[drugs.NAME]``; the printed equivalent may be a range, of which the lower end is used."""
    drugs: dict[str, Drug] = {}
    for name in table.table:
        entry = table.child(name)
        if name != name.strip().lower():
            raise entry.error("the key must be the lowercase generic name")
        printed = entry.value(Cited[DoseRange], "equivalent_to_diazepam_10mg")
        drugs[name] = entry.build(
            Drug,
            name=name,
            equivalent_to_diazepam_10mg=Cited(
                printed.value.low, printed.source, printed.confidence, printed.note
            ),
            equivalent_range=printed if printed.value.low != printed.value.high else None,
        )
    if not drugs:
        raise table.error("lists no drug")
    check_brand_names(table, drugs)
    return drugs


def check_brand_names(table: _Entry, drugs: Mapping[str, Drug]) -> None:
    """A brand name names one drug only, and never another drug's generic name."""
    owners: dict[str, str] = {}
    for name, drug in drugs.items():
        for brand in drug.brand_names:
            other = owners.setdefault(brand.lower(), name)
            if other != name:
                raise table.child(name).error(
                    f"brand name {brand!r} is also a name of {other}", "brand_names"
                )
    for brand, owner in owners.items():
        if brand in drugs:
            raise table.error(f"brand name {brand!r} of {owner} is also a generic name", owner)


def _printed_equivalent(drug: Drug) -> DoseRange:
    if drug.equivalent_range is not None:
        return drug.equivalent_range.value
    value = drug.equivalent_to_diazepam_10mg.value
    return DoseRange(value, value)


# --- equivalence.toml ---------------------------------------------------------------------------


def _equivalence_tables(doc: _Entry, drugs: Mapping[str, Drug]) -> tuple[EquivalenceTable, ...]:
    """Each ``[tables.KEY]`` gives its own figures, or takes drugs.toml's (``values_from``)."""
    doc.expect_keys(("tables",))
    tables = doc.child("tables")
    found = []
    for key in tables.table:
        entry = tables.child(key)
        if ("per_diazepam_10mg" in entry.table) == ("values_from" in entry.table):
            raise entry.error("give either per_diazepam_10mg or values_from")
        if "values_from" in entry.table:
            entry.value(Literal["drugs.toml"], "values_from")
            per_dose = {
                name: _printed_equivalent(drug) for name, drug in drugs.items() if drug.in_ashton_table
            }
        else:
            values = entry.child("per_diazepam_10mg")
            for name in values.table:
                if name not in drugs:
                    raise values.error(f"unknown drug {name!r} (not in drugs.toml)", name)
            per_dose = dict(values.named_values(DoseRange))
        found.append(entry.build(EquivalenceTable, key=key, per_diazepam_10mg=MappingProxyType(per_dose)))
    names = [table.name for table in found]
    if len(set(names)) != len(names) or not names:
        raise tables.error("table names must be unique, and there must be at least one table")
    return tuple(found)


# --- products.toml ------------------------------------------------------------------------------


def _products(doc: _Entry, drugs: Mapping[str, Drug], countries: tuple[str, ...]) -> tuple[Product, ...]:
    doc.expect_keys(("products",))
    products = []
    for entry in doc.children("products"):
        drug = entry.text("drug")
        if drug not in drugs:
            raise entry.error(f"unknown drug {drug!r} (not in drugs.toml)", "drug")
        entry.where = f"{entry.where} ({drug})"
        form = entry.value(FormKind, "form")
        product = entry.build(Product, strengths_mg=_strengths(entry, "strengths", form))
        check_product(entry, product, countries)
        products.append(product)
    check_no_strength_twice(doc, products)
    return tuple(products)


def _strengths(entry: _Entry, key: str, form: FormKind) -> tuple[Decimal, ...]:
    """Strengths as printed: "2 mg" (solid form) or "2 mg/5 ml" (solution, as mg per ml)."""
    raw = entry.table.get(key)
    if not isinstance(raw, list) or not raw:
        raise entry.error('must be a non-empty list such as ["2 mg", "5 mg"]', key)
    expected = "mg/ml" if form == "oral_solution" else "mg"
    values = []
    for item in raw:
        match = _STRENGTH.fullmatch(item) if isinstance(item, str) else None
        if match is None:
            raise entry.error(f'cannot read strength {item!r}: write "2 mg", "2 mg/5 ml" or "5 mg/ml"', key)
        unit = "mg/ml" if match["per"] else "mg"
        if unit != expected:
            raise entry.error(f"strength {item!r} is in {unit}, but a {form} strength is in {expected}", key)
        mg = entry.scalar(Mg, match["mg"], key)
        ml = entry.scalar(Mg, match["ml"], key) if match["ml"] else Decimal(1)
        try:
            values.append(_EXACT.divide(mg, ml))
        except Inexact as exc:
            raise entry.error(f"strength {item!r} has no exact mg per ml", key) from exc
    if len(set(values)) != len(values):
        raise entry.error("lists a strength twice", key)
    return tuple(sorted(values))


def check_product(entry: _Entry, product: Product, countries: tuple[str, ...]) -> None:
    """A product is sold in a country of knowledge.toml; only tablets are scored, into 2 or 4 pieces."""
    entry.scalar(Annotated[str, one_of(*countries)], product.country, "country")
    if product.scored and product.form != "tablet":
        raise entry.error(f"a {product.form} is never scored", "scored")
    if product.split_into not in (2, 4) or (product.split_into == 4 and not product.scored):
        raise entry.error("a scored tablet splits into 2 or 4 pieces", "split_into")


def check_no_strength_twice(doc: _Entry, products: list[Product]) -> None:
    """A strength of a form of a drug is listed once for each country."""
    seen: dict[tuple[str, str, str, Decimal], int] = {}
    for index, product in enumerate(products):
        for strength in product.strengths_mg:
            other = seen.setdefault((product.drug, product.country, product.form, strength), index)
            if other != index:
                raise doc.error(
                    f"{product.form} {strength} in {product.country} is also listed in products[{other}]",
                    f"products[{index}] ({product.drug}).strengths",
                )


# --- tapering.toml ------------------------------------------------------------------------------


def _tapering(doc: _Entry) -> TaperingRules:
    rules = doc.build(TaperingRules)
    if rules.default_cut_percent.value > rules.max_cut_percent.value:
        raise doc.error("is above max_cut_percent", "default_cut_percent")
    if rules.diazepam_ceiling_at_risk_de_mg.value > rules.diazepam_ceiling_de_mg.value:
        raise doc.error("is above diazepam_ceiling_de_mg", "diazepam_ceiling_at_risk_de_mg")
    check_bands(doc, rules.ashton_bands)
    return rules


def check_bands(doc: _Entry, bands: tuple[AshtonBand, ...]) -> None:
    """The bands, from the lowest up, cover every dose above zero exactly once."""
    entries = doc.children("ashton_bands")
    for band, entry in zip(bands, entries, strict=True):
        if band.up_to_de_mg is not None and band.up_to_de_mg <= band.above_de_mg:
            raise entry.error(f"up_to_de_mg {band.up_to_de_mg} is not above above_de_mg {band.above_de_mg}")
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
