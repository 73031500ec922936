"""The vendored front end: htmx 2.0.11 with eval off, CSRF from a meta tag, our own CSS; no CDN."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.test import Client

WEB = Path(__file__).resolve().parents[2] / "src" / "benzotaper" / "web"
STATIC = WEB / "static"


def test_htmx_2_0_11_is_vendored_with_its_licence() -> None:
    htmx = (STATIC / "vendor" / "htmx.min.js").read_bytes()
    assert b'version:"2.0.11"' in htmx
    sha256 = hashlib.sha256(htmx).hexdigest()
    assert sha256 in (STATIC / "vendor" / "SOURCES.txt").read_text()
    assert "Zero-Clause BSD" in (STATIC / "vendor" / "htmx.LICENSE.txt").read_text()


def test_the_htmx_config_turns_eval_and_injected_styles_off_and_sends_the_csrf_token() -> None:
    config = (STATIC / "js" / "htmx-config.js").read_text()
    assert "htmx.config.allowEval = false" in config
    assert "htmx.config.includeIndicatorStyles = false" in config
    assert 'meta[name="csrf-token"]' in config
    assert "X-CSRFToken" in config


def test_templates_and_styles_load_nothing_from_other_sites() -> None:
    files = [*WEB.glob("*/**/*.html"), STATIC / "css" / "app.css"]  # templates/ and jinja2/
    for file in files:
        assert not re.search(r"(src|href)=\"(https?:)?//", file.read_text()), file
        assert "@import" not in file.read_text(), file


def test_the_static_files_are_served(client: Client, db: None) -> None:
    for path in ("/static/vendor/htmx.min.js", "/static/js/htmx-config.js", "/static/css/app.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()
