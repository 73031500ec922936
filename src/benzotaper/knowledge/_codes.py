"""Standard codes for the drugs (``data/codes.toml``): RxNorm ingredient ids for the FHIR export.

Every code cites a source and carries a confidence mark, like every other figure of the knowledge data.
A drug without a code has none here; callers then name the drug in words only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from benzotaper.knowledge._clinical_load import _folder, _read_folder
from benzotaper.knowledge._types import Confidence


@dataclass(frozen=True)
class DrugCode:
    """The code of ``drug`` (a generic name of drugs.toml) in the code system ``system`` (a URI)."""

    drug: str
    system: str
    code: str
    source: str
    confidence: Confidence


def rxnorm_code(drug: str, data_dir: Path | None = None) -> DrugCode | None:
    """The RxNorm ingredient code of a generic name ("diazepam"), or None when the data has none."""
    return _rxnorm(_folder(data_dir)).get(drug.lower())


@functools.cache
def _rxnorm(path: Path) -> dict[str, DrugCode]:
    doc = _read_folder(path).document("codes.toml")
    doc.expect_keys(("rxnorm",), ("sources",))
    rxnorm = doc.child("rxnorm")
    rxnorm.expect_keys(("system", "drugs"))
    system = rxnorm.text("system")
    codes = {}
    for drug, entry in rxnorm.subtables("drugs"):
        entry.check_drug(drug)
        entry.expect_keys(("code", "source", "confidence"))
        code = entry.text("code")
        if not code.isdigit():
            raise entry.error(f"an RxCUI is digits, got {code!r}", "code")
        codes[drug] = DrugCode(drug, system, code, entry.source(), entry.confidence())
    return codes
