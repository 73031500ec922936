"""``GET /api/v1/checkins`` sends the answer each check-in keeps (``CheckIn.answer``): after every kind
of write (the API's create, replace and change, the check-in page, Today's quick check-in, a restored
backup, the demo, the migration that kept the first ones) the list is, byte for byte, the fresh answers
of ``GET /api/v1/checkins/{id}``, which are made from the rows and checked against ``CheckInOut``. The
emergency advice follows the person's country of now, not of when the check-in was written."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from api_calls import ApiClient, create_body, days_ago, today
from django.apps import apps

from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import CheckIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

migration = importlib.import_module("benzotaper.web.journal.migrations.0004_checkin_kept_answer")

QUOTED = 'slept "badly" é \u2028 <b> "emergency": null'


def assert_the_list_is_the_fresh_answers(user: User) -> None:
    from benzotaper.web.accounts.models import ApiToken

    client = ApiClient(ApiToken.issue(user, "tests")[1])
    listed = client.get("/api/v1/checkins?limit=1000")
    ids = [item["id"] for item in listed.json()]
    assert ids and len(ids) == CheckIn.objects.for_user(user).count()
    fresh = [client.get(f"/api/v1/checkins/{pk}").content.decode() for pk in ids]
    assert listed.content.decode() == f"[{', '.join(fresh)}]"


def a_varied_check_in(back: int) -> dict[str, Any]:
    return {
        **create_body("checkins"),
        "date": days_ago(back),
        "notes": QUOTED,
        "red_flags": ["seizure"] if back % 2 else [],
        "symptoms": [
            {"symptom": "tinnitus", "severity": 4},
            # Found by name in any case: the answer shows the name as first written.
            {"symptom": "JAW ACHE" if back == 3 else "Jaw ache", "severity": 0, "custom": True},
            {"symptom": "neck ache", "severity": 1, "custom": True},
        ][: back % 4],
    }


def api_create(alice: User, api: ApiClient, web: Any) -> User:
    for back in range(1, 6):
        api.create("checkins", a_varied_check_in(back))
    return alice


def api_replace(alice: User, api: ApiClient, web: Any) -> User:
    made = api.create("checkins", a_varied_check_in(3))
    body = {**a_varied_check_in(2), "date": made["date"], "version": made["version"], "wellbeing": 2}
    assert api.send("PUT", f"/api/v1/checkins/{made['id']}", body).status_code == 200
    return alice


def api_change_without_symptoms(alice: User, api: ApiClient, web: Any) -> User:
    made = api.create("checkins", a_varied_check_in(3))
    patch = {"version": made["version"], "notes": "better", "red_flags": []}
    assert api.send("PATCH", f"/api/v1/checkins/{made['id']}", patch).status_code == 200
    return alice


def api_change_of_symptoms(alice: User, api: ApiClient, web: Any) -> User:
    made = api.create("checkins", a_varied_check_in(3))
    patch = {"version": made["version"], "symptoms": [{"symptom": "anxiety", "severity": 3}]}
    assert api.send("PATCH", f"/api/v1/checkins/{made['id']}", patch).status_code == 200
    return alice


def check_in_page(alice: User, api: ApiClient, web: Any) -> User:
    form = {"version": "0", "wellbeing": "4", "sleep_hours": "6.5", "notes": QUOTED, "flag_seizure": "on"}
    form |= {"symptom_anxiety": "3", "new_symptom": "Ear ache", "new_symptom_severity": "2"}
    form |= {"event_stress": "work"}
    assert web.post_form("/checkin/", form).status_code == 302
    again = {**form, "version": "1", "symptom_anxiety": "1", "new_symptom": "", "new_symptom_severity": ""}
    assert web.post_form("/checkin/", again).status_code == 302
    return alice


def quick_check_in(alice: User, api: ApiClient, web: Any) -> User:
    api.create("checkins", {**a_varied_check_in(3), "date": today().isoformat()})
    data = {"date": today().isoformat(), "version": "1", "wellbeing": "9", "notes": "only this"}
    assert web.post_form("/checkin/quick/", data).status_code == 302
    return alice


def restored_backup(alice: User, api: ApiClient, web: Any) -> User:
    from benzotaper.reports.backup import backup_json, read_backup
    from benzotaper.web.accounts.people import add_person
    from benzotaper.web.sharing.gather import account_of, restore

    api_create(alice, api, web)
    carol = add_person("carol", "a long quiet restore 2027", time_zone="Europe/Paris", country="FR")
    restore(carol, read_backup(backup_json(account_of(alice))))
    return carol


def demo(alice: User, api: ApiClient, web: Any) -> User:
    from benzotaper.web.demo import make_demo

    return make_demo(today=today() - dt.timedelta(days=1))


def kept_by_the_migration(alice: User, api: ApiClient, web: Any) -> User:
    api_create(alice, api, web)
    check_in_page(alice, api, web)
    CheckIn.objects.for_user(alice).update(answer="")
    migration.keep_every_answer(apps, None)
    return alice


def after_moving_country(alice: User, api: ApiClient, web: Any) -> User:
    api_create(alice, api, web)
    Profile.objects.filter(user=alice).update(country="US")
    return alice


WRITES: list[Callable[[User, ApiClient, Any], User]] = [
    api_create,
    api_replace,
    api_change_without_symptoms,
    api_change_of_symptoms,
    check_in_page,
    quick_check_in,
    restored_backup,
    demo,
    kept_by_the_migration,
    after_moving_country,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__ for write in WRITES])
def test_the_list_sends_each_check_ins_fresh_answer_after(
    write: Callable[[User, ApiClient, Any], User],
    alice: User,
    alice_api: ApiClient,
    alice_client: Any,
) -> None:
    assert_the_list_is_the_fresh_answers(write(alice, alice_api, alice_client))


def test_the_check_fails_on_an_answer_kept_before_a_change(alice: User, alice_api: ApiClient) -> None:
    api_create(alice, alice_api, None)  # type: ignore[arg-type]
    CheckIn.objects.for_user(alice).filter(wellbeing=6).update(wellbeing=1)  # past every keeper
    with pytest.raises(AssertionError):
        assert_the_list_is_the_fresh_answers(alice)
