"""Typed, immutable views of the clinical knowledge data.

Every clinical figure is a ``Cited`` value: the figure, the key of its source and how sure we are of
it (``V`` verified in a published text, ``V3`` verified in a reproduction of the named source, ``C``
computed here from verified figures, ``M`` from memory and unconfirmed). Doses are ``Decimal``
milligrams.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping
from decimal import Decimal
from itertools import pairwise
from typing import Annotated, Generic, Literal, TypeVar

from benzotaper.knowledge._schema import (
    DERIVED,
    FRACTION,
    LOW_TO_HIGH,
    LOWER_SNAKE,
    MAY_BE_EMPTY,
    NOT_NEGATIVE,
    PERCENT,
    POSITIVE,
    REQUIRED,
    SOURCE_KEY,
    TABLE_NAME,
    Check,
    key,
    one_of,
)
from benzotaper.records import Record, field

Confidence = Literal["V", "V3", "C", "M"]
CONFIDENCES: tuple[Confidence, ...] = ("V", "V3", "C", "M")

_INFINITE = Decimal("Infinity")

FormKind = Literal["tablet", "capsule", "oral_solution", "odt", "extended_release"]
FORM_KINDS: tuple[FormKind, ...] = ("tablet", "capsule", "oral_solution", "odt", "extended_release")

TimeOfDay = Literal["morning", "midday", "afternoon", "evening", "night"]
TIMES_OF_DAY: tuple[TimeOfDay, ...] = ("morning", "midday", "afternoon", "evening", "night")

T = TypeVar("T")

# The figures of the data files, with the rules each must keep (see ``_schema``).
SourceKey = Annotated[str, SOURCE_KEY]
Mg = Annotated[Decimal, POSITIVE]
Percent = Annotated[Decimal, PERCENT]
Days = Annotated[int, POSITIVE]
NightsPerWeek = Annotated[
    tuple[Days, ...],
    Check(
        lambda v: all(n <= 6 for n in v) and all(a > b for a, b in pairwise(v)),
        "must fall step by step from at most 6 nights, got {value}",
    ),
]
EveryTimeOfDay = Annotated[
    tuple[TimeOfDay, ...],
    Check(lambda v: sorted(v) == sorted(TIMES_OF_DAY), f"must list each of {', '.join(TIMES_OF_DAY)} once"),
]


class KnowledgeError(ValueError):
    """The knowledge data is invalid: a missing source, an unknown unit or an impossible value."""


class UnknownDrugError(LookupError):
    """No drug has this generic or brand name."""

    def __init__(self, name: str, suggestions: tuple[str, ...]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown drug {name!r}.{hint}")


class Source(Record):
    """A publication a figure is taken from, by the key the figures cite it with."""

    key: str = field(metadata=TABLE_NAME)
    citation: str
    url: str = ""


class Cited(Record, Generic[T]):
    """A figure with the key of its source and a confidence mark."""

    value: T
    source: SourceKey
    confidence: Confidence
    note: str = ""


class DoseRange(Record):
    """A figure given as a range, from ``low`` to ``high`` (mg, or hours for a half-life)."""

    low: Decimal
    high: Decimal


class Drug(Record):
    """A benzodiazepine or z-drug of the Ashton equivalence table.

    ``equivalent_to_diazepam_10mg`` is the dose (mg) of this drug taken as equal to diazepam 10 mg:
    the value the app computes with. ``equivalent_range`` is the range the source prints, when it
    prints one.
    """

    name: str = field(metadata=TABLE_NAME)
    brand_names: Annotated[tuple[str, ...], MAY_BE_EMPTY]
    drug_class: Literal["benzodiazepine", "z-drug"] = field(metadata=key("class"))
    market_aim: tuple[Annotated[str, one_of("a", "h", "e")], ...]
    """Ashton's letters: a = anxiolytic, h = hypnotic, e = anticonvulsant."""
    equivalent_to_diazepam_10mg: Cited[Decimal]
    """Read from the printed figure or range (its lower end): see ``equivalent_range``."""
    equivalent_range: Cited[DoseRange] | None = field(metadata=DERIVED)
    half_life_h: Cited[DoseRange] | None
    active_metabolite_half_life_h: Cited[DoseRange] | None
    warning: Cited[str] | None = None
    """Shown in every plan with this drug, e.g. where it is not licensed."""
    in_ashton_table: bool = True
    """False for drugs Ashton's table does not print (their equivalent cites another source)."""
    names_source: SourceKey = field(default="", metadata=REQUIRED)
    """The source of the names, the class and the aim."""

    @property
    def diazepam_mg_per_mg(self) -> Decimal:
        """How many mg of diazepam one mg of this drug is taken to equal."""
        return Decimal(10) / self.equivalent_to_diazepam_10mg.value


class EquivalenceTable(Record):
    """Another source's equivalence table, to show that sources disagree.

    ``per_diazepam_10mg`` maps a drug's generic name to the range of its dose equal to diazepam
    10 mg.
    """

    key: str = field(metadata=TABLE_NAME)
    name: str
    source: SourceKey
    confidence: Confidence
    per_diazepam_10mg: Mapping[str, DoseRange]
    note: str = ""
    values_from: Literal["drugs.toml"] | None = None
    """Instead of ``per_diazepam_10mg`` in the file: the table's values are the drugs' own."""


class Product(Record):
    """A form of a drug sold in a country.

    For an oral solution ``strengths_mg`` holds the concentrations in mg per ml.
    ``scored`` means a tablet may be halved; capsules, extended-release and orally disintegrating
    forms are never split.
    """

    drug: str
    country: str
    form: FormKind
    strengths_mg: tuple[Decimal, ...] = field(metadata=key("strengths"))
    """Written as printed ("2 mg", "2 mg/5 ml"): the loader reads them by the form."""
    scored: bool
    source: SourceKey
    confidence: Confidence
    note: str = ""
    split_into: int = 2
    """Into how many equal pieces a scored tablet may be broken (4 for a multi-scored tablet)."""

    @property
    def is_liquid(self) -> bool:
        return self.form == "oral_solution"


class AshtonBand(Record):
    """One dose band of Ashton's diazepam schedule: above ``above_de_mg`` up to ``up_to_de_mg``
    (mg DE), reduce by ``step_mg`` (low-high) every ``interval_days`` (low-high). ``up_to_de_mg``
    None is open."""

    above_de_mg: Annotated[Decimal, NOT_NEGATIVE]
    up_to_de_mg: Mg | None
    step_mg: DoseRange
    interval_days: Annotated[tuple[Days, Days], LOW_TO_HIGH]
    source: SourceKey
    confidence: Confidence


class RiskFactor(Record):
    """A risk factor the person may declare, and what the plan warns about it."""

    code: Annotated[str, LOWER_SNAKE] = field(metadata=TABLE_NAME)
    label: str
    message: str
    source: SourceKey
    confidence: Confidence


class TaperingRules(Record):
    """The numbers the planner follows, each with its source.

    Percentages are of the current total daily diazepam equivalent (DE).
    """

    default_cut_percent: Cited[Percent]
    default_interval_days: Cited[Days]
    max_cut_percent: Cited[Percent]
    max_cut_window_days: Cited[Days]
    ashton_bands: tuple[AshtonBand, ...]
    final_slowdown_below_de_mg: Cited[Mg]
    final_slowdown_factor: Cited[Annotated[Decimal, FRACTION]]
    crossover_stage_days: Cited[Days]
    crossover_max_substitution_de_mg: Cited[Mg]
    crossover_order: Cited[EveryTimeOfDay]
    reduction_order: Cited[EveryTimeOfDay]
    physical_dependence_after_days: Cited[Days]
    high_dose_de_mg: Cited[Mg]
    liquid_measure_resolution_ml: Cited[Mg]
    risk_factors: tuple[RiskFactor, ...]
    diazepam_max_single_dose_mg: Cited[Mg]
    diazepam_ceiling_de_mg: Cited[Mg]
    diazepam_ceiling_at_risk_de_mg: Cited[Mg]
    specialist_above_de_mg: Cited[Mg]
    high_dose_cut_percent: Cited[Percent]
    high_dose_crossover_cut_de_mg: Cited[DoseRange]
    at_risk_cut_percent: Cited[Percent]
    very_long_use_days: Cited[Days]
    short_term_use_days: Cited[Days]
    short_term_cut_percent: Cited[Percent]
    short_term_interval_days: Cited[Days]
    short_term_max_cut_percent: Cited[Percent]
    zdrug_cut_percent_of_start: Cited[Percent]
    zdrug_end_cut_percent_of_start: Cited[Percent]
    drug_free_nights_per_week: Cited[NightsPerWeek]
    """Planned drug-free nights: the nights a week a dose is taken, one step after another."""
    micro_tail_below_de_mg: Cited[Mg]
    long_plan_warning_days: Cited[Days]

    def band_for(self, de_mg: Decimal) -> AshtonBand:
        """The Ashton band a dose falls in (the lowest band for doses at or below zero, or above the top
        of a closed highest band). The bands run from the lowest up without gaps (checked on loading):
        the first band whose top is at or above the dose holds it."""
        index = bisect.bisect_left(self._band_tops, de_mg)
        return self.ashton_bands[index] if index < len(self.ashton_bands) else self.ashton_bands[0]

    @functools.cached_property
    def _band_tops(self) -> tuple[Decimal, ...]:
        """The top of each band (infinite for an open one), kept: the planner asks for bands every day."""
        return tuple(_INFINITE if b.up_to_de_mg is None else b.up_to_de_mg for b in self.ashton_bands)

    def risk_factor(self, code: str) -> RiskFactor:
        for factor in self.risk_factors:
            if factor.code == code:
                return factor
        raise KeyError(code)


class Knowledge(Record):
    """The whole validated knowledge set. ``version`` is recorded in every plan and report."""

    version: str = field(metadata=DERIVED)
    sources: Mapping[str, Source] = field(metadata=DERIVED)
    drugs: Mapping[str, Drug]
    equivalence_tables: tuple[EquivalenceTable, ...]
    products: tuple[Product, ...]
    tapering: TaperingRules
    countries: tuple[str, ...] = field(default=("US", "UK"))

    def find_drug(self, name: str) -> Drug:
        """Find a drug by generic or brand name, ignoring case and surrounding space.

        Raises ``UnknownDrugError`` with the nearest names as suggestions.
        """
        wanted = name.strip().lower()
        if wanted in self.drugs:
            return self.drugs[wanted]
        for drug in self.drugs.values():
            if any(brand.lower() == wanted for brand in drug.brand_names):
                return drug
        import difflib  # only for a name that is not found

        names = list(self.drugs) + [b.lower() for d in self.drugs.values() for b in d.brand_names]
        # Only a slip of one letter is suggested: a name two letters away is often another drug
        # (etizolam/triazolam, bromazolam/bromazepam), and suggesting it would be dangerous.
        close = difflib.get_close_matches(wanted, names, n=4, cutoff=0.6)
        suggestions = tuple(n for n in close if _one_edit_apart(wanted, n))[:2]
        raise UnknownDrugError(name, suggestions)

    def products_for(self, drug: str, country: str) -> tuple[Product, ...]:
        """The products of a drug in a country (empty when the data has none)."""
        return tuple(p for p in self.products if p.drug == drug and p.country == country)

    def equivalents_for(self, drug: str) -> dict[str, DoseRange]:
        """Every table's dose of ``drug`` equal to diazepam 10 mg, keyed by table name."""
        found = {}
        for table in self.equivalence_tables:
            if drug in table.per_diazepam_10mg:
                found[table.name] = table.per_diazepam_10mg[drug]
        return found


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one letter added, removed, changed or two neighbours swapped turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
        return len(diff) <= 1 or swapped
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
