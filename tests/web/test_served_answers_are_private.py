"""Through the real server: nothing a signed-in person sees may be cached, the browser may use none
of the features the app does not need, and no header names the product."""

from __future__ import annotations

from pathlib import Path

from served import PASSWORD, Browser, alice_with_a_token, local, served

from benzotaper.web.security import PERMISSIONS_POLICY


def test_signed_in_pages_and_api_answers_are_not_stored_and_name_no_server(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data, token = alice_with_a_token(cli_env, tmp_path)
    with served(data, free_port, cli_env):
        browser = local(free_port)
        signed_out = browser.get("accounts/login/")
        assert signed_out.status == 200
        assert signed_out.headers["Permissions-Policy"] == PERMISSIONS_POLICY
        assert "camera=()" in PERMISSIONS_POLICY and "geolocation=()" in PERMISSIONS_POLICY
        assert signed_out.headers["Server"] is None

        signed_in = browser.sign_in("alice", PASSWORD)
        assert signed_in.status == 200 and "Sign out" in signed_in.text
        for path in ("", "journal/", "accounts/settings/", "accounts/tokens/"):
            page = browser.get(path)
            assert page.status == 200, path
            assert page.headers["Cache-Control"] == "no-store, private", path
            assert page.headers["Server"] is None
        answer = Browser(browser.base).api("GET", "api/v1/checkins", token)
        assert answer.status == 200
        assert answer.headers["Cache-Control"] == "no-store, private"
        refused = Browser(browser.base).api("GET", "api/v1/checkins", "bzt_not-a-token")
        assert refused.status == 401
        assert refused.headers["Cache-Control"] == "no-store, private"
