"""matplotlib stays off the server's start path: it is imported only when a chart is drawn."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
import sys, django
django.setup()
from django.urls import resolve
import benzotaper.web.urls, benzotaper.web.plans.views
resolve("/plan/")
print("matplotlib" in sys.modules)
"""


def test_loading_the_plan_pages_does_not_import_matplotlib() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benzotaper.web.settings"}
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
