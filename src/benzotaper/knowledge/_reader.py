"""The table reader both knowledge loaders (``_load`` and ``_clinical_load``) build on.

``Reader`` wraps one table of one data file; every error it raises is a ``KnowledgeError`` whose
message starts with the file and the entry's path, e.g. ``drugs.toml: drugs.alprazolam: missing``.
It carries a ``context`` (what a loader checks names against) to the tables below it; a loader's
subclass says how a source key is checked (``_check_source``) and adds the readers only it needs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Generic, Self, TypeVar, cast

from benzotaper.knowledge._types import CONFIDENCES, Cited, Confidence, KnowledgeError, Source

C = TypeVar("C")
T = TypeVar("T")

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
SOURCE_KEY = re.compile(r"[a-z0-9][a-z0-9_]*")
COUNTRY = re.compile(r"[A-Z]{2}")


def parse_toml(name: str, read: Callable[[], str]) -> dict[str, object]:
    """The TOML document ``read`` returns; undecodable or invalid text is an error naming ``name``."""
    try:
        return tomllib.loads(read())
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{name}: not valid TOML: {exc}") from exc


def read_sources(docs: Iterable[tuple[str, Mapping[str, object]]]) -> dict[str, Source]:
    """The ``[sources.KEY]`` tables (``citation``, optional ``url``) of every document, merged; a key
    defined twice with different content is an error."""
    sources: dict[str, Source] = {}
    defined_in: dict[str, str] = {}
    for name, doc in docs:
        if "sources" not in doc:
            continue
        table: Reader[None] = Reader(name, "sources", doc["sources"], None)
        for key in table.table:
            entry = table.child(key)
            if not SOURCE_KEY.fullmatch(key):
                raise entry.error("a source key is lowercase letters, digits and _")
            entry.expect_keys(("citation",), ("url",))
            url = entry.text("url", required=False)
            if url and not url.startswith(("https://", "http://")):
                raise entry.error(f"url {url!r} is not an http(s) address")
            source = Source(key, entry.text("citation"), url)
            if key in sources and sources[key] != source:
                raise entry.error(f"source {key!r} is already defined differently in {defined_in[key]}")
            sources[key] = source
            defined_in.setdefault(key, name)
    return sources


class Reader(Generic[C]):
    """One table of one data file. Every error it raises names the file and the entry's path."""

    def __init__(self, file: str, where: str, table: object, context: C) -> None:
        self.file = file
        self.where = where
        self.context = context
        if not isinstance(table, dict):
            raise self.error("must be a table")
        self.table: dict[str, object] = table

    def path(self, key: str | None = None) -> str:
        if key is None:
            return self.where
        return f"{self.where}.{key}" if self.where else key

    def error(self, problem: str, key: str | None = None) -> KnowledgeError:
        where = self.path(key)
        return KnowledgeError(f"{self.file}: {where}: {problem}" if where else f"{self.file}: {problem}")

    def expect_keys(self, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        needed = set(required)
        missing = sorted(needed - self.table.keys())
        if missing:
            raise self.error(f"missing {', '.join(missing)}")
        unknown = sorted(self.table.keys() - needed - set(optional))
        if unknown:
            raise self.error(f"unknown key {', '.join(unknown)}")

    def child(self, key: str) -> Self:
        if key not in self.table:
            raise self.error("missing", key)
        return type(self)(self.file, self.path(key), self.table[key], self.context)

    def children(self, key: str, *, required: bool = True) -> list[Self]:
        """The tables of an array of tables (``[[key]]``); an absent optional array is empty."""
        raw = self.table.get(key, None if required else [])
        if not isinstance(raw, list) or (required and not raw):
            raise self.error("must be a non-empty array of tables", key)
        make = type(self)
        return [make(self.file, f"{self.path(key)}[{i}]", item, self.context) for i, item in enumerate(raw)]

    def subtables(self, key: str) -> list[tuple[str, Self]]:
        """The named tables of a table (``[key.NAME]``), in file order."""
        parent = self.child(key)
        if not parent.table:
            raise self.error("must not be empty", key)
        return [(name, parent.child(name)) for name in parent.table]

    # --- plain values ----------------------------------------------------------------------------

    def text(self, key: str, *, required: bool = True) -> str:
        raw = self.table.get(key, None if required else "")
        if not isinstance(raw, str) or (required and not raw.strip()):
            raise self.error("must be a non-empty string", key)
        return raw

    def texts(self, key: str, *, required: bool = True, empty_ok: bool = False) -> tuple[str, ...]:
        raw = self.table.get(key, None if required else [])
        if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
            raise self.error("must be a list of non-empty strings", key)
        if not raw and not empty_ok:
            raise self.error("must not be empty", key)
        items = tuple(cast(list[str], raw))
        if len(set(items)) != len(items):
            raise self.error("lists an item twice", key)
        return items

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key) if default is None or key in self.table else default
        if value not in allowed:
            raise self.error(f"unknown {value!r}; expected one of {', '.join(allowed)}", key)
        return value

    def boolean(self, key: str, default: bool | None = None) -> bool:
        raw = self.table.get(key, default)
        if not isinstance(raw, bool):
            raise self.error("must be true or false", key)
        return raw

    def _integer(self, raw: object, key: str) -> int:
        """A TOML integer (not a boolean); the caller checks its bounds."""
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise self.error(f"must be a whole number (a TOML integer), got {raw!r}", key)
        return raw

    def _decimal(self, raw: object, key: str) -> Decimal:
        """A Decimal written as a string (a TOML float would already be rounded); the caller checks
        its sign."""
        if isinstance(raw, float | int) and not isinstance(raw, bool):
            raise self.error(f'write the number as a string, e.g. "{raw}", so it stays exact', key)
        if not isinstance(raw, str) or not NUMBER.fullmatch(raw):
            raise self.error(f"must be a decimal number in a string, got {raw!r}", key)
        return Decimal(raw)

    # --- citations -------------------------------------------------------------------------------

    def source(self, key: str = "source") -> str:
        value = self.text(key)
        self._check_source(value, key)
        return value

    def sources(self, key: str = "sources") -> tuple[str, ...]:
        values = self.texts(key)
        for value in values:
            self._check_source(value, key)
        return values

    def _check_source(self, value: str, key: str) -> None:
        """Raise when ``value`` is not a known source key; each loader's reader says how."""
        raise NotImplementedError(f"{type(self).__name__} reads no source keys")

    def confidence(self, key: str = "confidence") -> Confidence:
        return cast(Confidence, self.choice(key, CONFIDENCES))

    def cite(self, value: T) -> Cited[T]:
        """``value`` with this table's ``source``, ``confidence`` and optional ``note``."""
        return Cited(value, self.source(), self.confidence(), self.text("note", required=False))

    def cited_value(self, read: Callable[[Self, str], T], value_key: str = "value") -> Cited[T]:
        """This table as ``{ value, source, confidence, note? }``; ``read`` reads and checks its value."""
        self.expect_keys((value_key, "source", "confidence"), ("note",))
        return self.cite(read(self, value_key))

    def cited(self, key: str, read: Callable[[Self, str], T]) -> Cited[T]:
        """The table at ``key`` as ``{ value, source, confidence, note? }`` (see ``cited_value``)."""
        return self.child(key).cited_value(read)
