"""``glossary_links`` links the first mention of each glossary entry, by its term or any alias, to
``/glossary/#slug``: whole words, ignoring case, the longest name first, never inside a link or a tag."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from django.utils.html import escape
from django.utils.safestring import mark_safe

from benzotaper.knowledge import GlossaryEntry, load_glossary

GLOSSARY = load_glossary()


def linked(text: object) -> str:
    """``text`` through the filter, as a template renders it."""
    return engines["jinja2"].from_string("{{ text|glossary_links }}").render({"text": text})


def link(slug: str, word: str) -> str:
    return f'<a class="term" href="/glossary/#{slug}">{word}</a>'


def targets(html: str) -> list[str]:
    return re.findall(r'<a class="term" href="/glossary/#([a-z0-9-]+)">', html)


@pytest.mark.parametrize("entry", GLOSSARY.entries, ids=lambda entry: entry.slug)
def test_every_term_and_alias_links_to_its_entry(entry: GlossaryEntry) -> None:
    for name in entry.names:
        assert linked(f"About {name} here.") == f"About {link(entry.slug, escape(name))} here.", name


def test_aliases_link_to_the_entry_they_name() -> None:
    assert linked("5 mg DE a day") == f"5 {link('diazepam-equivalent', 'mg DE')} a day"
    assert linked("the DE falls") == f"the {link('diazepam-equivalent', 'DE')} falls"
    assert linked("waves and windows") == link("windows-and-waves", "waves and windows")
    assert linked("after the waves") == f"after the {link('wave', 'waves')}"
    assert linked("a pause") == f"a {link('hold', 'pause')}"
    assert linked("PAWS") == link("protracted-withdrawal", "PAWS")


def test_case_is_ignored_but_abbreviations_match_only_in_capitals() -> None:
    assert linked("CROSSOVER") == link("crossover", "CROSSOVER")
    assert linked("Kindling") == link("kindling", "Kindling")
    assert linked("Dr de Vries and his paws") == "Dr de Vries and his paws"


def test_a_hyphen_and_a_space_inside_a_name_are_the_same() -> None:
    assert linked("the red-flag questions") == f"the {link('red-flag', 'red-flag')} questions"
    assert linked("a cross over") == f"a {link('crossover', 'cross over')}"
    assert linked("inter-dose  withdrawal") == link("interdose-withdrawal", "inter-dose  withdrawal")


def test_only_whole_words_are_linked() -> None:
    assert linked("a shortcut, a cut-off, cutting, uncut, stepwise, holds-up") == (
        "a shortcut, a cut-off, cutting, uncut, stepwise, holds-up"
    )
    assert linked("the cut.") == f"the {link('cut', 'cut')}."
    assert linked("(hold)") == f"({link('hold', 'hold')})"


def test_the_longest_name_wins() -> None:
    assert linked("cut and hold") == link("cut-and-hold", "cut and hold")
    assert linked("Diazepam equivalent (DE)") == link("diazepam-equivalent", "Diazepam equivalent (DE)")
    assert linked("windows and waves") == link("windows-and-waves", "windows and waves")
    assert linked("a taper plan") == f"a {link('taper', 'taper plan')}"


def test_only_the_first_mention_of_each_entry_is_linked() -> None:
    html = linked("A cut, then a hold, then another cut and another hold.")
    expected = f"A {link('cut', 'cut')}, then a {link('hold', 'hold')}, then another cut and another hold."
    assert html == expected


def test_an_entry_linked_by_one_name_is_not_linked_again_by_another() -> None:
    html = linked("The diazepam equivalent, or DE: 10 mg DE.")
    assert html == f"The {link('diazepam-equivalent', 'diazepam equivalent')}, or DE: 10 mg DE."


def test_a_repeated_phrase_is_not_linked_in_pieces() -> None:
    html = linked("Windows and waves. Windows and waves again.")
    assert targets(html) == ["windows-and-waves"]


def test_nothing_is_linked_inside_an_existing_link_or_a_control() -> None:
    html = mark_safe(
        '<a href="/plan/">your taper</a> <button>Hold</button> <label for="x">cut</label> '
        "<code>step</code> then a taper, a hold, a cut and a step"
    )
    assert linked(html) == (
        '<a href="/plan/">your taper</a> <button>Hold</button> <label for="x">cut</label> '
        f"<code>step</code> then a {link('taper', 'taper')}, a {link('hold', 'hold')}, "
        f"a {link('cut', 'cut')} and a {link('step', 'step')}"
    )


def test_nothing_is_linked_inside_tags_attributes_or_entities() -> None:
    html = mark_safe(
        '<span title="a crossover > a hold" data-x=\'cut\' class="taper">&hold; &#x27;crossover&#x27;</span>'
    )
    assert linked(html) == (
        '<span title="a crossover > a hold" data-x=\'cut\' class="taper">&hold; '
        f"&#x27;{link('crossover', 'crossover')}&#x27;</span>"
    )


def test_a_block_of_html_links_each_entry_once() -> None:
    html = linked(mark_safe("<ul><li>A <strong>crossover</strong> step.</li><li>Crossover again.</li></ul>"))
    assert html == (
        f"<ul><li>A <strong>{link('crossover', 'crossover')}</strong> {link('step', 'step')}.</li>"
        "<li>Crossover again.</li></ul>"
    )


def test_an_entry_can_be_left_out() -> None:
    template = engines["jinja2"].from_string("{{ text|glossary_links('crossover') }}")
    html = template.render({"text": "A crossover keeps the DE."})
    assert html == f"A crossover keeps the {link('diazepam-equivalent', 'DE')}."


def test_text_without_terms_and_values_that_are_not_text_come_through_unchanged() -> None:
    assert linked("Nothing to see here.") == "Nothing to see here."
    assert linked("") == ""
    assert linked(42) == "42"
