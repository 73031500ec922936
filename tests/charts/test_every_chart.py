"""What holds for every chart: the house's SVG, the same bytes in any process, no matplotlib at import."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from chart_checks import SVG, house_svg, sample_svgs

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def svgs() -> dict[str, str]:
    return sample_svgs()


def test_every_chart_is_valid_accessible_csp_safe_svg(svgs: dict[str, str]) -> None:
    assert set(svgs) == {"taper", "symptoms", "cut_response", "blood_level"}
    ids = []
    for svg in svgs.values():
        root = house_svg(svg)
        ids.append(root[0].get("id"))
    assert len(set(ids)) == len(ids)  # several charts on one page keep their titles apart


def test_charts_on_one_page_share_no_id_and_each_refers_only_to_its_own(svgs: dict[str, str]) -> None:
    seen: set[str] = set()
    for svg in svgs.values():
        ids = re.findall(r' id="([^"]+)"', svg)
        assert len(set(ids)) == len(ids)
        assert not seen & set(ids)
        seen |= set(ids)
        references = re.findall(r'href="#([^"]+)"|url\(#([^)]+)\)', svg)
        assert references
        assert {a or b for a, b in references} <= set(ids)


def test_a_group_of_dots_gives_their_colours_once(svgs: dict[str, str]) -> None:
    root = house_svg(svgs["symptoms"])
    groups = [g for g in root.iter(f"{SVG}g") if len(g) > 1 and all(u.tag == f"{SVG}use" for u in g)]
    assert groups, "the daily burden is drawn as dots"
    for group in groups:
        assert group.get("fill") == "currentColor"
        assert all("fill" not in use.attrib and "stroke" not in use.attrib for use in group)


def test_every_chart_has_the_same_bytes_in_a_new_process(svgs: dict[str, str]) -> None:
    code = (
        f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import chart_checks; "
        "print(json.dumps(chart_checks.sample_svgs()))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == svgs


def test_importing_the_charts_does_not_import_matplotlib() -> None:
    code = "import sys, benzotaper.charts; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
