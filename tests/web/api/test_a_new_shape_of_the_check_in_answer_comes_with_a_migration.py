"""Each check-in keeps its answer in the API as text (``CheckIn.answer``, web/journal/kept_answers.py):
when the answer's shape changes, the answers already kept in people's databases are of the old shape
until a migration keeps them again. This trip-wire fails on any change of ``CheckInOut``'s schema."""

from __future__ import annotations

import hashlib
import json

from benzotaper.web.api.checkins import CheckInOut

# The digest of CheckInOut's JSON schema whose answers the migrations last kept (journal.0004).
KEPT_SHAPE = "eca44d51ef91e67d"


def test_a_change_of_the_answers_shape_comes_with_a_migration_that_keeps_them_again() -> None:
    schema = json.dumps(CheckInOut.model_json_schema())
    assert hashlib.sha256(schema.encode()).hexdigest()[:16] == KEPT_SHAPE, (
        "CheckInOut changed: add a journal migration that keeps every check-in's answer again "
        "(keep_answers, as 0004_checkin_kept_answer does), then write the new digest here."
    )
