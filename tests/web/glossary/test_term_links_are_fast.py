"""Linking terms costs too little to matter on any page.

Measured once (2026-11, the development container, Python 3.11, 29 entries and 94 names): the filter
takes about 1.5 ms on 10,000 characters of plan text dense with terms, 0.8 ms on 10,000 characters
without any, and building the matcher takes under 1 ms, once per process. A whole plan page calls it
on a few kilobytes. The numbers are not asserted (timing asserts fail on a busy machine); this test
keeps the long input correct and runs it, so a change that made it quadratic would show as a slow test.
"""

from __future__ import annotations

import re

from benzotaper.web.glossary.linking import glossary_links

PARAGRAPH = (
    "Each cut is 10% of the current daily dose, every 14 days. At 10 mg diazepam equivalent or less the "
    "cut is multiplied by 0.5 to slow the end. Hold the current dose first; a crossover to diazepam keeps "
    "the DE the same. Windows and waves, interdose withdrawal & kindling <b>matter</b>. "
)


def test_ten_thousand_characters_are_linked_in_one_pass() -> None:
    text = (PARAGRAPH * (10_000 // len(PARAGRAPH) + 1))[:10_000]
    html = str(glossary_links(text))
    slugs = re.findall(r'<a class="term" href="/glossary/#([a-z0-9-]+)">', html)
    assert slugs == [
        "cut",
        "diazepam-equivalent",
        "hold",
        "crossover",
        "windows-and-waves",
        "interdose-withdrawal",
        "kindling",
    ]
    assert html.count("&lt;b&gt;") == text.count("<b>")
