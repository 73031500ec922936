"""The clock of the report and sharing tests: the tapering person's story (the demo's) ends on TODAY."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2027, 3, 1)
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)
