"""Cited clinical knowledge for planning a benzodiazepine or z-drug taper.

Every clinical figure lives in the TOML files of ``data/`` with the key of its source and a
confidence mark (``V`` verified, ``V3`` verified in a reproduction, ``C`` computed here, ``M`` from
memory). The loader validates them all and fails loudly with ``KnowledgeError``::

    from benzotaper.knowledge import load_knowledge

    knowledge = load_knowledge()               # read once per process, then cached
    drug = knowledge.find_drug("Xanax")        # by generic or brand name; UnknownDrugError suggests
    drug.diazepam_mg_per_mg                    # Decimal("20"): mg diazepam per mg of alprazolam
    knowledge.equivalents_for("alprazolam")    # what each source's table says
    knowledge.products_for("diazepam", "UK")   # forms and strengths sold there (may be empty)
    knowledge.tapering.band_for(Decimal("12")) # Ashton's step and interval for 12 mg diazepam a day
    knowledge.version                          # "2026.11.21+<hash of the data>": record it in plans

Doses are ``Decimal`` mg; oral solution strengths are mg per ml.
"""

from typing import TYPE_CHECKING

from benzotaper.knowledge._load import load_knowledge
from benzotaper.knowledge._types import (
    CONFIDENCES,
    FORM_KINDS,
    TIMES_OF_DAY,
    AshtonBand,
    Cited,
    Confidence,
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
    UnknownDrugError,
)

if TYPE_CHECKING:
    from benzotaper.knowledge._clinical_load import (
        emergency_number,
        find_interactions,
        glossary_entry,
        load_emergency_numbers,
        load_glossary,
        load_interactions,
        load_pharmacokinetics,
        load_red_flags,
        load_symptoms,
    )
    from benzotaper.knowledge._clinical_types import (
        SEVERITIES,
        AdviceNote,
        CrisisLine,
        EmergencyDirectory,
        EmergencyNumbers,
        Glossary,
        GlossaryEntry,
        GuidelineAction,
        Instrument,
        InstrumentItem,
        Interaction,
        InteractionKind,
        Interactions,
        Metabolite,
        PharmacokineticProfile,
        Pharmacokinetics,
        PkValue,
        Rater,
        RatingScale,
        RedFlag,
        RedFlags,
        ScalePoint,
        Severity,
        SeverityBand,
        SymptomChecklist,
        SymptomGroup,
        SymptomItem,
        SymptomList,
        SymptomListEntry,
        SymptomSource,
        TooFastSign,
    )
    from benzotaper.knowledge._codes import DrugCode, rxnorm_code

__all__ = [
    "CONFIDENCES",
    "FORM_KINDS",
    "SEVERITIES",
    "TIMES_OF_DAY",
    "AdviceNote",
    "AshtonBand",
    "Cited",
    "Confidence",
    "CrisisLine",
    "DoseRange",
    "Drug",
    "DrugCode",
    "EmergencyDirectory",
    "EmergencyNumbers",
    "EquivalenceTable",
    "FormKind",
    "Glossary",
    "GlossaryEntry",
    "GuidelineAction",
    "Instrument",
    "InstrumentItem",
    "Interaction",
    "InteractionKind",
    "Interactions",
    "Knowledge",
    "KnowledgeError",
    "Metabolite",
    "PharmacokineticProfile",
    "Pharmacokinetics",
    "PkValue",
    "Product",
    "Rater",
    "RatingScale",
    "RedFlag",
    "RedFlags",
    "RiskFactor",
    "ScalePoint",
    "Severity",
    "SeverityBand",
    "Source",
    "SymptomChecklist",
    "SymptomGroup",
    "SymptomItem",
    "SymptomList",
    "SymptomListEntry",
    "SymptomSource",
    "TaperingRules",
    "TimeOfDay",
    "TooFastSign",
    "UnknownDrugError",
    "emergency_number",
    "find_interactions",
    "glossary_entry",
    "load_emergency_numbers",
    "load_glossary",
    "load_interactions",
    "load_knowledge",
    "load_pharmacokinetics",
    "load_red_flags",
    "load_symptoms",
    "rxnorm_code",
]

# The clinical data (journal, insights) and the drug codes are imported on first use: the planner and
# `benzotaper plan` need neither, and importing their forty record classes is time `plan` would waste.
_LAZY_MODULES = ("_clinical_types", "_clinical_load", "_codes")


def __getattr__(name: str) -> object:
    import importlib  # here: `plan` never needs it

    if name in __all__:
        for module_name in _LAZY_MODULES:
            module = importlib.import_module(f"{__name__}.{module_name}")
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
