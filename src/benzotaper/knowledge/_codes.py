"""Standard codes for the drugs (``data/codes.toml``): RxNorm ingredient ids for the FHIR export.

Every code cites a source and carries a confidence mark, like every other figure of the knowledge data.
A drug without a code has none here; callers then name the drug in words only.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

from benzotaper.knowledge._clinical_load import _folder, _read_folder
from benzotaper.knowledge._schema import DERIVED, TABLE_NAME, Check
from benzotaper.knowledge._types import Confidence, SourceKey
from benzotaper.records import Record, field


class DrugCode(Record):
    """The code of ``drug`` (a generic name of drugs.toml) in the code system ``system`` (a URI)."""

    drug: str = field(metadata=TABLE_NAME)
    system: str = field(metadata=DERIVED)
    code: Annotated[str, Check(str.isdigit, "an RxCUI is digits, got {value!r}")]
    source: SourceKey
    confidence: Confidence


def rxnorm_code(drug: str, data_dir: Path | None = None) -> DrugCode | None:
    """The RxNorm ingredient code of a generic name ("diazepam"), or None when the data has none."""
    return _rxnorm(_folder(data_dir)).get(drug.lower())


@functools.cache
def _rxnorm(path: Path) -> dict[str, DrugCode]:
    doc = _read_folder(path).document("codes.toml")
    doc.expect_keys(("rxnorm",))
    rxnorm = doc.child("rxnorm")
    rxnorm.expect_keys(("system", "drugs"))
    drugs = rxnorm.child("drugs")
    codes = dict(drugs.named(DrugCode, system=rxnorm.text("system")))
    for drug in codes:
        drugs.child(drug).check_drug(drug)
    return codes
