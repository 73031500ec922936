"""Read what a person types: an amount ("2.5mg"), a dose ("alprazolam 0.5mg night") and the forms
they have ("diazepam tablet 2mg,5mg").

Every amount becomes an exact ``Decimal`` of mg read from the text itself, never through a float.
Anything not understood raises ``InputError`` with one sentence saying what is wrong and a fix with
an example, so the CLI and the web app can show it as it is.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from benzotaper.knowledge import (
    Drug,
    FormKind,
    Knowledge,
    TimeOfDay,
    UnknownDrugError,
    load_knowledge,
)

from ._formulations import plain
from ._types import Dose, Formulation, InputError

# Not a clinical limit: a guard against typos such as "5000mg" for "500mcg".
MOST_MG = Decimal(1000)
# Doses are planned in at most ten-thousandths of a mg; a finer figure is a typo or a unit mix-up.
MOST_PLACES = 4

_UNIT_SCALE = {"mg": 0, "mcg": -3, "ug": -3, "µg": -3, "μg": -3}
# Regular expressions are kept as text and compiled on first use (re keeps them): compiling them all at
# import cost more than a plan's start-up can spare (docs/performance.md).
_AMOUNT = r"(?is)(?P<sign>[-+])?\s*(?P<number>\d+(?:\.\d*)?|\.\d+)\s*(?P<unit>.*)"
_AMOUNT_EXAMPLE = "like 2mg or 500mcg"

_TIMES: dict[str, TimeOfDay] = {
    **dict.fromkeys(["morning", "am", "a.m.", "mane", "breakfast", "waking", "wake"], "morning"),
    **dict.fromkeys(["midday", "mid-day", "noon", "lunch", "lunchtime", "lunch-time"], "midday"),
    **dict.fromkeys(["afternoon", "mid-afternoon"], "afternoon"),
    **dict.fromkeys(["evening", "dinner", "dinnertime", "supper", "teatime"], "evening"),
    **dict.fromkeys(["night", "nighttime", "night-time", "bedtime", "bed", "nocte"], "night"),
}
# "pm" could be any time after midday; guessing would move a dose by hours.
_AMBIGUOUS_TIMES = {"pm", "p.m."}
# Words people put before a time of day: "in the morning", "at night", "before bed", "on waking".
_TIME_FILLERS = {"at", "in", "the", "before", "with", "on"}
_TIME_CHOICES = "morning, midday, afternoon, evening or night"
_DOSE_EXAMPLE = "'alprazolam 0.5mg morning'"

_FORMS: dict[str, tuple[FormKind, bool | None]] = {
    # (form, scored); None means "look it up in the knowledge products".
    **dict.fromkeys(["tablet", "tablets", "tab", "tabs"], ("tablet", None)),
    **dict.fromkeys(["scored-tablet", "scored-tablets"], ("tablet", True)),
    **dict.fromkeys(["unscored-tablet", "unscored-tablets"], ("tablet", False)),
    **dict.fromkeys(["capsule", "capsules", "cap", "caps"], ("capsule", False)),
    **dict.fromkeys(
        ["solution", "liquid", "oral-solution", "oral-liquid", "suspension"],
        ("oral_solution", False),
    ),
    **dict.fromkeys(["odt", "orally-disintegrating"], ("odt", False)),
    **dict.fromkeys(["er", "xr", "extended-release"], ("extended_release", False)),
}
_FORM_CHOICES = "tablet, scored-tablet, unscored-tablet, capsule, solution, odt or er"
_FORM_EXAMPLE = "'diazepam tablet 2mg,5mg' or 'diazepam solution 2mg/5ml'"
_CONCENTRATION = r"(?is)(?P<amount>.+?)\s*/\s*(?P<volume>\d+(?:\.\d*)?|\.\d+)?\s*ml"


def parse_amount(text: str) -> Decimal:
    """An amount in mg, from "2mg", "2 mg", "2.5 MG", "0.5mg" or "500mcg" (also "500µg", "500ug").

    The result is more than 0, at most 1000 mg and has at most 4 decimal places.
    """
    shown = text.strip()
    if not shown:
        raise InputError("No amount given.", [f"Write the amount {_AMOUNT_EXAMPLE}."])
    if re.fullmatch(r"[-+]?\d+,\d+\s*[^\d,]*", shown):
        raise InputError(
            f"'{shown}' uses a comma for decimals.",
            [f"Use a point, like {shown.replace(',', '.')}."],
        )
    match = re.fullmatch(_AMOUNT, shown)
    if match is None:
        raise InputError(f"'{shown}' is not an amount.", [f"Write the amount {_AMOUNT_EXAMPLE}."])
    unit = match["unit"].strip()
    if not unit:
        raise InputError(f"'{shown}' has no unit.", [f"Write the unit after the number, {_AMOUNT_EXAMPLE}."])
    scale = _UNIT_SCALE.get(unit.lower())
    if scale is None:
        raise InputError(f"Unknown unit '{unit}' in '{shown}'.", [f"Write the amount {_AMOUNT_EXAMPLE}."])
    return checked_mg(Decimal(f"{match['sign'] or ''}{match['number']}").scaleb(scale), shown)


def checked_mg(mg: Decimal, shown: str) -> Decimal:
    """``mg`` when it can be a dose: above 0, at most 1000 mg and at most 4 decimal places."""
    if not mg.is_finite():
        raise InputError(f"'{shown}' is not an amount.", [f"Write the amount {_AMOUNT_EXAMPLE}."])
    if mg < 0:
        raise InputError(
            f"The amount '{shown}' is negative.", [f"Write it without a minus sign, {_AMOUNT_EXAMPLE}."]
        )
    if mg == 0:
        raise InputError(
            f"The amount '{shown}' is zero.",
            [f"Give an amount above zero, {_AMOUNT_EXAMPLE}; to stop a drug, leave its dose out."],
        )
    if mg > MOST_MG:
        raise InputError(
            f"'{shown}' is more than {MOST_MG} mg, which is not a real dose.",
            ["Check the number and the unit (mg, or mcg for micrograms)."],
        )
    if decimal_places(mg) > MOST_PLACES:
        raise InputError(
            f"'{shown}' has more than {MOST_PLACES} decimal places of a mg.",
            [f"Round it to at most {MOST_PLACES} decimal places, like 0.125mg."],
        )
    return plain(mg)


def parse_dose(text: str, knowledge: Knowledge | None = None) -> Dose:
    """A dose from "DRUG AMOUNT TIME", e.g. "alprazolam 2mg morning" or "Xanax 0.5 mg night".

    The drug may be a generic or a brand name; the dose carries the generic name. The time of day is
    morning, midday, afternoon, evening or night, or a common word for one (am, noon, lunch, dinner,
    bedtime, nocte ...). "pm" is refused because it could mean afternoon, evening or night.
    """
    words = text.split()
    if not words:
        raise InputError("No dose given.", [f"Write a dose as DRUG AMOUNT TIME, like {_DOSE_EXAMPLE}."])
    at = next((i for i, word in enumerate(words) if _starts_amount(word)), None)
    if at is None:
        raise InputError(
            f"No amount in the dose '{text.strip()}'.",
            [f"Write a dose as DRUG AMOUNT TIME, like {_DOSE_EXAMPLE}."],
        )
    if at == 0:
        raise InputError(
            f"No drug named in the dose '{text.strip()}'.",
            [f"Write a dose as DRUG AMOUNT TIME, like {_DOSE_EXAMPLE}."],
        )
    amount_words = [words[at]]
    rest = words[at + 1 :]
    # "2 mg": the unit is a word of its own when the number stands alone.
    if re.fullmatch(r"[-+]?[\d.,]+", words[at]) and rest and rest[0].lower() not in _TIMES:
        amount_words.append(rest.pop(0))
    drug = find_drug(" ".join(words[:at]), knowledge)
    mg = parse_amount(" ".join(amount_words))
    return Dose(drug=drug.name, time=_time_of_day(rest, text.strip()), mg=mg)


def _starts_amount(word: str) -> bool:
    return re.match(r"[-+]?\.?\d", word) is not None


def _time_of_day(words: list[str], shown: str) -> TimeOfDay:
    wanted = [w.lower() for w in words if w.lower() not in _TIME_FILLERS]
    if not wanted:
        raise InputError(
            f"No time of day in the dose '{shown}'.",
            [f"End the dose with {_TIME_CHOICES}, like {_DOSE_EXAMPLE}."],
        )
    phrase = " ".join(wanted)
    if phrase in _TIMES:
        return _TIMES[phrase]
    if phrase in _AMBIGUOUS_TIMES:
        raise InputError(
            f"'{' '.join(words)}' could mean afternoon, evening or night.",
            [f"Write the time as {_TIME_CHOICES}."],
        )
    if len(wanted) > 1 and all(w in _TIMES for w in wanted):
        raise InputError(
            f"The dose '{shown}' names more than one time of day.",
            ["Give one --dose per time of day, like 'alprazolam 1mg morning'."],
        )
    raise InputError(
        f"Unknown time of day '{' '.join(words)}'.",
        [f"Write the time as {_TIME_CHOICES} (or am, noon, bedtime ...), like {_DOSE_EXAMPLE}."],
    )


def find_drug(name: str, knowledge: Knowledge | None) -> Drug:
    knowledge = knowledge or load_knowledge()
    try:
        return knowledge.find_drug(name)
    except UnknownDrugError as error:
        fixes = [f"Did you mean {' or '.join(error.suggestions)}?"] if error.suggestions else []
        unknown = InputError(
            f"Unknown drug '{name}'.",
            fixes or ["Write the generic or brand name of a benzodiazepine, like alprazolam or Xanax."],
        )
        unknown.code = "unknown_drug"
        raise unknown from None


def parse_form(
    text: str, knowledge: Knowledge | None = None, country: str | None = None
) -> tuple[Formulation, ...]:
    """The forms a person has, from "DRUG FORM STRENGTH[,STRENGTH...]".

    Examples: "diazepam tablet 2mg,5mg,10mg", "clonazepam odt 0.125mg", "alprazolam er 1mg",
    "diazepam solution 1mg/ml", "diazepam solution 2mg/5ml" (0.4 mg per ml). A solution's strength
    is its concentration, in mg per ml.

    A plain "tablet" counts as scored (may be halved) when the knowledge products of that drug list
    that strength as a scored tablet, and as unscored otherwise. The products of ``country`` are
    asked when it is given, else those of any country (diazepam 5 mg is scored in the US data, not
    in the UK's).
    Write "scored-tablet" or "unscored-tablet" to say which it is. Capsules, solutions, ODT and
    extended-release forms are never split.
    """
    words = text.split()
    found = _find_form_word(words)
    if found is None:
        raise InputError(
            f"No form in '{text.strip()}'.",
            [f"Write DRUG FORM STRENGTHS, FORM being {_FORM_CHOICES}, like {_FORM_EXAMPLE}."],
        )
    at, width, (kind, scored) = found
    if at == 0:
        raise InputError(f"No drug named in '{text.strip()}'.", [f"Write the form like {_FORM_EXAMPLE}."])
    drug = find_drug(" ".join(words[:at]), knowledge)
    strengths_text = " ".join(words[at + width :])
    parts = [part.strip() for part in strengths_text.split(",")]
    if not any(parts):
        raise InputError(
            f"No strength in '{text.strip()}'.",
            [f"Give the strengths after the form, like {_FORM_EXAMPLE}."],
        )
    if not all(parts):
        raise InputError(
            f"An empty strength in '{strengths_text}'.",
            ["Separate the strengths with single commas, like 2mg,5mg,10mg."],
        )
    if kind == "oral_solution":
        strengths = [_parse_concentration(part) for part in parts]
    else:
        strengths = [_parse_strength(part) for part in parts]
    products = (knowledge or load_knowledge()).products
    forms = []
    for strength in dict.fromkeys(strengths):  # keeps the order, drops repeats
        split_into = 2
        if scored is None:
            listed = [
                p
                for p in products
                if p.drug == drug.name and p.form == "tablet" and p.scored and strength in p.strengths_mg
                if country is None or p.country == country
            ]
            is_scored = bool(listed)
            split_into = max((p.split_into for p in listed), default=2)
        else:
            is_scored = scored
        forms.append(Formulation(drug.name, kind, strength, is_scored, split_into))
    return tuple(forms)


def _find_form_word(words: list[str]) -> tuple[int, int, tuple[FormKind, bool | None]] | None:
    """Where the form is in the words, how many words it takes, and what it means."""
    for i, word in enumerate(words):
        if i + 1 < len(words):
            pair = f"{word}-{words[i + 1]}".lower()
            if pair in _FORMS:
                return i, 2, _FORMS[pair]
        if word.lower() in _FORMS:
            return i, 1, _FORMS[word.lower()]
    return None


def _parse_strength(text: str) -> Decimal:
    if "/" in text:
        raise InputError(
            f"'{text}' is a concentration, but only a solution has one.",
            ["Give tablets and capsules a strength like 5mg, or write the form as 'solution'."],
        )
    if re.fullmatch(r"[\d.]+", text):
        raise InputError(
            f"The strength '{text}' has no unit.",
            ["Give each strength its unit, like 2mg,5mg,10mg."],
        )
    return parse_amount(text)


def _parse_concentration(text: str) -> Decimal:
    """mg per ml from "1mg/ml", "2mg/5ml" or "2 mg / 5 ml"."""
    match = re.fullmatch(_CONCENTRATION, text)
    if match is None:
        raise InputError(
            f"The solution strength '{text}' is not a concentration.",
            ["Write it in mg per ml, like 1mg/ml or 2mg/5ml."],
        )
    amount = parse_amount(match["amount"])
    volume = Decimal(match["volume"] or 1)
    if volume == 0:
        raise InputError(f"The volume in '{text}' is zero.", ["Write it like 1mg/ml or 2mg/5ml."])
    with localcontext() as context:
        context.prec = 50
        per_ml = amount / volume
    # 1mg/3ml has no exact figure in mg per ml: refuse it rather than round every dose made from it.
    if decimal_places(per_ml) > MOST_PLACES:
        raise InputError(
            f"'{text}' does not make an exact number of mg per ml.",
            ["Give the concentration as printed on the bottle, like 1mg/ml or 2mg/5ml."],
        )
    return checked_mg(per_ml, text)


def decimal_places(value: Decimal) -> int:
    """Decimal places that matter: 2.50 has one, 10 has none."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
