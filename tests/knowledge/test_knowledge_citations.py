"""Every figure anywhere in the knowledge set names a source that exists."""

from collections.abc import Iterator, Mapping
from decimal import Decimal

from benzotaper import records
from benzotaper.knowledge import Cited, Knowledge


def _walk(value: object) -> Iterator[object]:
    yield value
    if isinstance(value, records.Record):
        for field in records.fields(value):
            yield from _walk(getattr(value, field.name))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _walk(item)


def test_every_cited_value_has_a_source_key_present_in_sources(knowledge: Knowledge) -> None:
    cited = [v for v in _walk(knowledge) if isinstance(v, Cited)]
    assert len(cited) > 60
    for value in cited:
        assert value.source in knowledge.sources, value


def test_every_band_product_risk_factor_and_table_names_a_known_source(
    knowledge: Knowledge,
) -> None:
    sourced = [
        *knowledge.tapering.ashton_bands,
        *knowledge.products,
        *knowledge.tapering.risk_factors,
        *knowledge.equivalence_tables,
    ]
    for item in sourced:
        assert item.source in knowledge.sources, item


def test_every_source_has_a_citation(knowledge: Knowledge) -> None:
    for key, source in knowledge.sources.items():
        assert source.key == key
        assert source.citation.strip()


def test_no_figure_is_a_float(knowledge: Knowledge) -> None:
    assert not [v for v in _walk(knowledge) if isinstance(v, float)]
    assert any(isinstance(v, Decimal) for v in _walk(knowledge))
