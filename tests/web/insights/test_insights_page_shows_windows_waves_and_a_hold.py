"""With a history, the page shows the alerts first, the charts on one time axis, the windows and waves,
the response to cuts and a filled-in hold of the current step: Alice's latest cut brought a wave that
has not settled."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import SavedPlan


def test_the_wave_after_the_latest_cut_is_shown(alice_client: Client, alice_history: SavedPlan) -> None:
    html = alice_client.get("/insights/").content.decode()
    rows = re.findall(
        r'<tr class="segment-(\w+)">\s*<th scope="row">[^<]+</th>\s*'
        r'<td data-label="From">([\d-]+)</td>\s*<td data-label="To">([\d-]+)</td>',
        html,
    )
    assert ("wave", "2027-02-15", "2027-02-23") in rows
    assert ("wave", "2027-03-28", "2027-04-04") in rows
    assert "Your usual day is about 25" in html
    assert "Of 2 waves, 2 started within 7 days after a cut and 0 came on their own." in html


def test_alerts_come_first_with_a_suggestion_to_hold(alice_client: Client, alice_history: SavedPlan) -> None:
    html = alice_client.get("/insights/").content.decode()
    alerts = html.index('id="insight-alerts-heading"')
    assert alerts < html.index('id="charts-heading"') < html.index('id="segments-heading"')
    assert "Your taper may be going too fast" in html
    assert "Since the cut on 2027-03-27 your symptom burden rose from 26 to 58 (of 100)" in html
    assert "Hold step 7 for 14 more days?" in html
    form = html[html.index('<form method="post" action="/plan/') :]
    form = form[: form.index("</form>")]
    assert f'action="/plan/{alice_history.pk}/hold/"' in form
    assert 'name="hold-step" value="7"' in form and 'name="hold-days" value="14"' in form
    assert "Suggested by insights: New or markedly worse withdrawal symptoms" in form
    assert 'name="csrfmiddlewaretoken"' in form


def test_each_chart_comes_with_its_words_and_its_data(alice_client: Client, alice_history: SavedPlan) -> None:
    html = alice_client.get("/insights/").content.decode()
    for name in ("taper", "symptoms", "cuts", "levels"):
        figure = html[html.index(f'aria-labelledby="{name}-caption"') :]
        assert figure.index("<svg") < figure.index(f'id="{name}-caption"') < figure.index("<details")
    assert "Doses taken were logged on 93 days" in html
    assert "It has 2 waves (worse than usual)" in html
    assert "<summary>Data table: the daily symptom burden</summary>" in html


def x_ticks(html: str, chart: str) -> list[tuple[str, str]]:
    """(position, label) of each tick of a chart's time axis."""
    return re.findall(rf'<g id="{chart}-xtick_\d+">.*?<text x="([\d.]+)"[^>]*>([^<]+)</text>', html, re.S)


def test_the_taper_and_the_symptom_charts_share_their_time_axis(
    alice_client: Client, alice_history: SavedPlan
) -> None:
    html = alice_client.get("/insights/").content.decode()
    ticks = x_ticks(html, "taper-chart")
    assert len(ticks) >= 3 and ticks == x_ticks(html, "symptom-chart")
    assert [label for _, label in ticks][:2] == ["1 Jan", "1 Feb"]  # dates as people write them


def test_looking_changes_nothing(alice: User, alice_client: Client, alice_history: SavedPlan) -> None:
    alice_client.get("/insights/")
    assert list(SavedPlan.objects.for_user(alice)) == [alice_history]
    assert SavedPlan.objects.for_user(alice).get().plan_json == alice_history.plan_json
