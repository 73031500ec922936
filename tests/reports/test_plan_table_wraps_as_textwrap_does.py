"""The plain-text plan wraps its paragraphs exactly as ``textwrap.wrap`` would (with hyphens left
whole), without importing textwrap on `benzotaper plan`'s path."""

from __future__ import annotations

import re
import textwrap

from hypothesis import given
from hypothesis import strategies as st

from benzotaper.reports.plan_table import WIDTH, _wrap

words = st.one_of(
    st.text(alphabet="abcdefghij-.,()0123456789×", min_size=1, max_size=12),
    st.sampled_from(["mg", "ml", "20", "×", "diazepam", "step-by-step"]),
    st.text(alphabet="xyz", min_size=WIDTH - 5, max_size=2 * WIDTH + 10),  # longer than a line
)
spaces = st.text(alphabet=" \t\n", min_size=1, max_size=3)
texts = st.lists(st.tuples(spaces, words), max_size=60).map(lambda pairs: "".join(s + w for s, w in pairs))
indents = st.sampled_from(["", "  ", "    ", "  ! "])


def by_textwrap(text: str, indent: str, first: str | None) -> list[str]:
    glued = re.sub(r"(?<=\d) (?=mg|ml|×)|(?<=×) ", "\u00a0", text)
    lines = textwrap.wrap(
        glued,
        WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )
    return [line.replace("\u00a0", " ") for line in lines]


@given(texts, indents, st.none() | indents)
def test_a_paragraph_wraps_as_textwrap_wraps_it(text: str, indent: str, first: str | None) -> None:
    assert _wrap(text, indent, first) == by_textwrap(text, indent, first)


def test_a_dose_and_its_unit_stay_on_one_line() -> None:
    text = "word " * 17 + "take 20 mg and 2 × 5 mg"
    assert all(not line.endswith(("20", "×", "2")) for line in _wrap(text))
