"""Each check-in keeps its answer in the API (``CheckIn.answer``, web/journal/kept_answers.py): the
column, then the answers of the check-ins already kept, person by person.

They are made by the app's own code (the answer is the API's, which has no historical version) from
the columns this migration knows (``kept_answers.ANSWERED``). Reversing it drops the column: nothing
the person entered is lost.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import migrations, models


def keep_every_answer(apps: Any, schema_editor: Any) -> None:
    from django.contrib.auth import get_user_model

    from benzotaper.web.journal.kept_answers import keep_answers
    from benzotaper.web.journal.models import CheckIn

    people = CheckIn.objects.values_list("user_id", flat=True).distinct().order_by()
    for person in get_user_model()._default_manager.filter(pk__in=people).iterator():
        keep_answers(person, CheckIn.objects.for_user(person))


class Migration(migrations.Migration):
    dependencies: ClassVar = [("journal", "0003_drop_untouched_default_ratings")]

    operations: ClassVar = [
        migrations.AddField(
            model_name="checkin", name="answer", field=models.TextField(default="", editable=False)
        ),
        migrations.RunPython(keep_every_answer, migrations.RunPython.noop),
    ]
