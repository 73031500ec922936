"""The hold the insights suggest is the person's one click: the form posts to the plan page's own hold
action, which saves a new version of the plan with the reason; until then nothing changes."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import User
from insight_history import TODAY

from benzotaper.web.journal.models import PlanChange, SavedPlan


def hold_form(html: str) -> tuple[str, dict[str, str]]:
    """The suggested hold's action and the values its fields are filled with, as a browser would post."""
    form = html[html.index('<form method="post" action="/plan/') :].split("</form>", 1)[0]
    action = re.search(r'action="([^"]+)"', form)
    assert action is not None
    fields = dict(re.findall(r'<input type="(?:hidden|number)" name="(hold-[a-z]+)" value="([^"]*)"', form))
    reason = re.search(r'<textarea name="hold-reason"[^>]*>\n?(.*?)</textarea>', form, re.S)
    assert reason is not None
    return action[1], {**fields, "hold-reason": reason[1]}


def test_one_click_holds_the_current_step_with_the_reason(
    alice: User, alice_client: Any, alice_history: SavedPlan
) -> None:
    action, data = hold_form(alice_client.get("/insights/").content.decode())
    assert action == f"/plan/{alice_history.pk}/hold/"
    response = alice_client.post_form(action, data)
    assert response.status_code == 302 and response["Location"] == "/plan/"

    held = SavedPlan.objects.for_user(alice).get(status="active")
    assert held.replaces == alice_history
    change = PlanChange.objects.for_user(alice).get(plan=held)
    assert (change.kind, change.date, change.details_json["step"], change.details_json["days"]) == (
        "hold",
        TODAY,
        7,
        14,
    )
    assert change.reason.startswith("Suggested by insights: New or markedly worse withdrawal symptoms")
    steps = held.plan_json["steps"]
    assert (steps[7]["kind"], steps[7]["days"], steps[7]["doses"]) == ("hold", 14, steps[6]["doses"])


def test_nothing_changes_without_the_click(alice: User, alice_client: Any, alice_history: SavedPlan) -> None:
    for _ in range(2):
        alice_client.get("/insights/")
        alice_client.get("/")
    assert list(SavedPlan.objects.for_user(alice)) == [alice_history]
    assert list(PlanChange.objects.for_user(alice).values_list("kind", flat=True)) == ["created"]


def test_the_hold_needs_the_csrf_token(alice: User, alice_client: Any, alice_history: SavedPlan) -> None:
    action, data = hold_form(alice_client.get("/insights/").content.decode())
    assert alice_client.post(action, data).status_code == 403
    assert SavedPlan.objects.for_user(alice).count() == 1


def test_no_hold_is_offered_without_a_plan(alice: User, alice_client: Any, alice_history: SavedPlan) -> None:
    alice_history.delete()
    html = alice_client.get("/insights/").content.decode()
    assert "Since the cut" not in html  # no plan, no cuts: the too-fast sign needs them
    assert "hold-suggestion" not in html
