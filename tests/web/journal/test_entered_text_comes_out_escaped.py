"""What a person types comes back on the pages as text, never as markup: Jinja2 escapes every value the
pages print (autoescape on), so a note holding a script tag shows the tag and runs nothing."""

from __future__ import annotations

from html import escape as html_escape

from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape as django_escape
from markupsafe import escape

from benzotaper.web.journal.models import SavedPlan

TYPED = '<script>alert("x")</script> & <b>bold</b>'
ESCAPED = escape(TYPED)  # as Jinja2 prints a value
assert ESCAPED == "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"


def test_a_dose_note_and_a_check_in_note_come_out_escaped(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    dose = {"version": "0", "date": "2027-01-03", "time_of_day": "night", "drug": "diazepam"}
    dose |= {"status": "different", "taken_mg": "5", "note": TYPED}
    assert alice_client.post_form("/journal/dose/new/", dose).status_code == 302
    quick = {"date": "2027-01-04", "version": "0", "wellbeing": "6", "sleep_hours": "7", "notes": TYPED}
    assert alice_client.post_form("/checkin/quick/", quick).status_code == 302

    for page in ("/journal/", "/", "/checkin/", "/journal/dose/new/"):
        html = alice_client.get(page).content.decode()
        assert "<script>alert" not in html, page
        assert "<b>bold" not in html, page
    journal = alice_client.get("/journal/").content.decode()
    assert f"{ESCAPED}</span>" in journal  # the dose's note
    assert f"<dd>{django_escape(TYPED)}</dd>" in journal  # the check-in's note, through Django's linebreaksbr
    # The check-in's note in its text box, written by ``web.field_groups`` (a quote as &quot;, not &#34;).
    checkin = alice_client.get("/checkin/").content.decode()
    assert f"{html_escape(TYPED)}</textarea>" in checkin


def test_a_token_name_comes_out_escaped(alice: User, alice_client: Client) -> None:
    response = alice_client.post_form("/accounts/tokens/", {"name": TYPED[:60], "lifetime": ""})
    assert response.status_code == 201
    html = alice_client.get("/accounts/tokens/").content.decode()
    assert "<script>alert" not in html
    assert "<strong>&lt;script&gt;alert(&#34;x&#34;)" in html
