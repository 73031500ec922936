"""Drop the symptom ratings that can be proven to be the old check-in form's untouched defaults.

Until this version every 0-4 item of the check-in started at "0 none", and the form posted every item,
so a check-in saved from it holds a rating for every checklist item. Whether a 0 in it was tapped or
left alone cannot be told, except in one case: when *every* checklist item is there and *every* 0-4
rating of the check-in (the checklist's and the person's own symptoms') is 0, nothing was moved from
its default. Those ratings are deleted; the check-in itself (wellbeing, sleep, notes, events, red
flags) stays. Every other rating stays as it is, 0s included: they may have been answers, and an answer
is never deleted on a guess. docs/insights.md ("Which ratings count") says what this means for old
check-ins.

The checklist is read from the knowledge data of this version (the items the old form showed).
Reversing it does nothing: the deleted rows were never the person's answers.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import migrations


def drop_untouched_defaults(apps: Any, schema_editor: Any) -> None:
    from benzotaper.knowledge import load_symptoms

    checklist = {item.code for item in load_symptoms().rated_items}
    rating = apps.get_model("journal", "SymptomRating")
    checkin = apps.get_model("journal", "CheckIn")
    untouched = []
    for checkin_id in checkin.objects.values_list("id", flat=True).iterator():
        rows = list(rating.objects.filter(checkin_id=checkin_id).values_list("code", "severity"))
        codes = {code for code, _ in rows if code}
        if checklist <= codes and all(severity == 0 for _, severity in rows):
            untouched.append(checkin_id)
    for start in range(0, len(untouched), 500):
        rating.objects.filter(checkin_id__in=untouched[start : start + 500]).delete()


class Migration(migrations.Migration):
    dependencies: ClassVar = [("journal", "0002_symptom_short_list")]

    operations: ClassVar = [migrations.RunPython(drop_untouched_defaults, migrations.RunPython.noop)]
