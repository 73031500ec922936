"""The doctor's report, read back from the PDF, says on which nights the doses of a step with planned
drug-free nights are taken."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from pypdf import PdfReader

from benzotaper.planning import Dose, Formulation, PlanRequest, make_plan
from benzotaper.web.journal.models import SavedPlan


def test_the_schedule_names_the_dose_nights(alice: User, alice_client: Any) -> None:
    start = dt.date(2026, 10, 5)
    plan = make_plan(
        PlanRequest(
            regimen=(Dose("zolpidem", "night", Decimal(10)),),
            start=start,
            forms=(Formulation("zolpidem", "tablet", Decimal(5), scored=True),),
            drug_free_nights=True,
        )
    )
    SavedPlan.store(alice, plan)
    form = {"date_from": start.isoformat(), "date_to": "2026-12-31", "action": "download"}
    response = alice_client.post_form("/report/", form)
    assert response["Content-Type"] == "application/pdf", response.content[:500]
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert "on 5 nights a week (Mon, Tue, Wed, Fri, Sat)" in text
    assert "on 3 nights a week (Mon, Wed, Fri)" in text
