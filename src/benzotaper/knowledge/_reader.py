"""The one reader of the knowledge data: a TOML table read into the record that declares it.

``Reader`` wraps one table of one data file; every error it raises is a ``KnowledgeError`` whose
message starts with the file and the entry's path, e.g. ``drugs.toml: drugs.alprazolam: missing``.
``Reader.build(SomeType)`` reads every field of a record from the table (see ``_schema`` for the
types and marks it understands); the checks between entries and files (a product's drug exists, the
dose bands cover every dose ...) are plain functions in the loaders. A loader's subclass says how a
source key is checked (``_check_source``).

The folder is read whole: every ``*.toml`` file is parsed, and the ``[sources.KEY]`` tables of all of
them are merged (``read_sources``) wherever in the file they are written.
"""

from __future__ import annotations

import functools
import re
import tomllib
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Annotated, Any, Generic, Literal, Self, TypeVar, cast, get_args, get_origin

from benzotaper import records
from benzotaper.knowledge._schema import MAY_BE_EMPTY, POSITIVE, SOURCE_KEY, Check
from benzotaper.knowledge._types import Cited, Confidence, DoseRange, KnowledgeError, Source
from benzotaper.records import Record

C = TypeVar("C")
T = TypeVar("T")

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
SOURCE_KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9_]*")
COUNTRY = re.compile(r"[A-Z]{2}")


def parse_toml(name: str, raw: bytes) -> dict[str, object]:
    """The TOML document of a file's bytes; undecodable or invalid text is an error naming ``name``."""
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{name}: not valid TOML: {exc}") from exc


def parse_folder(files: Mapping[str, bytes]) -> dict[str, dict[str, object]]:
    """Every TOML file of a folder, parsed whole, by name."""
    return {name: parse_toml(name, raw) for name, raw in files.items() if name.endswith(".toml")}


def read_sources(docs: Iterable[tuple[str, Mapping[str, object]]]) -> dict[str, Source]:
    """The ``[sources.KEY]`` tables (``citation``, optional ``url``) of every document, merged; a key
    defined twice with different content is an error."""
    sources: dict[str, Source] = {}
    defined_in: dict[str, str] = {}
    for name, doc in docs:
        if "sources" not in doc:
            continue
        table: Reader[None] = Reader(name, "sources", doc["sources"], None)
        for key, source in table.named(Source):
            entry = table.child(key)
            if not SOURCE_KEY_PATTERN.fullmatch(key):
                raise entry.error("a source key is lowercase letters, digits and _")
            if source.url and not source.url.startswith(("https://", "http://")):
                raise entry.error(f"url {source.url!r} is not an http(s) address")
            if key in sources and sources[key] != source:
                raise entry.error(f"source {key!r} is already defined differently in {defined_in[key]}")
            sources[key] = source
            defined_in.setdefault(key, name)
    return sources


class _Field(Record):
    """How one record field is read: its TOML key, its type and marks, and whether it may be left out."""

    name: str
    key: str
    kind: Any
    required: bool
    has_default: bool
    table_name: bool
    in_file: bool
    """False for the name of a table and for fields the loader works out."""


@functools.cache
def _fields(cls: Any) -> tuple[_Field, ...]:
    """The fields of a record, or of a generic one with its parameters filled in (``Cited[Decimal]``)."""
    origin = get_origin(cls) or cls
    bound = dict(zip(getattr(origin, "__parameters__", ()), get_args(cls), strict=False))
    hints = typing.get_type_hints(origin, include_extras=True)
    return tuple(
        _Field(
            name=f.name,
            key=f.metadata.get("key", f.name),
            kind=_text_may_be_empty(f) or bound.get(hints[f.name], hints[f.name]),
            required=f.metadata.get("required", f.default is f.default_factory is records.MISSING)
            and _when_absent(hints[f.name]) is records.MISSING,
            has_default=f.default is not records.MISSING or f.default_factory is not records.MISSING,
            table_name="table_name" in f.metadata,
            in_file=not ("table_name" in f.metadata or "derived" in f.metadata),
        )
        for f in records.fields(origin)
    )


def _text_may_be_empty(f: records.Field) -> Any:
    """A text field whose default is "" (an optional note or url) may also be written empty."""
    return Annotated[str, MAY_BE_EMPTY] if f.default == "" else None


def _when_absent(kind: Any) -> object:
    """What a field of this type is when the file leaves it out: None for ``X | None``, nothing for
    a tuple that ``MAY_BE_EMPTY``; ``MISSING`` when it must be written."""
    plain, marks = _unmarked(kind)
    if get_origin(plain) in (types.UnionType, typing.Union) and type(None) in get_args(plain):
        return None
    if get_origin(plain) is tuple and MAY_BE_EMPTY in marks:
        return ()
    return records.MISSING


def _unmarked(kind: Any) -> tuple[Any, tuple[object, ...]]:
    """A type without its ``Annotated`` marks, and the marks."""
    if get_origin(kind) is Annotated:
        return kind.__origin__, kind.__metadata__
    return kind, ()


def _is_record(kind: Any) -> bool:
    return records.is_record(get_origin(kind) or kind)


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

    # --- the generic reader ----------------------------------------------------------------------

    def build(self, cls: type[T], /, **given: object) -> T:
        """This table as a ``cls``: each field not ``given`` is read from the key of its name.

        A missing required key or a key no field names is an error; ``given`` fields are the ones the
        caller reads or works out itself (their keys still count as known).
        """
        return cast(T, self._build(cls, given))

    def _build(self, cls: Any, given: dict[str, object]) -> object:
        """``build`` for a record or a generic one with its parameters (``Cited[Decimal]``)."""
        fields = _fields(cls)
        self.expect_keys(
            [f.key for f in fields if f.required and f.in_file and f.name not in given],
            [f.key for f in fields if f.in_file],
        )
        values = dict(given)
        for f in fields:
            if f.name not in given and f.key in self.table:
                values[f.name] = self.value(f.kind, f.key)
            elif f.name not in given and f.in_file and not f.has_default:
                values[f.name] = _when_absent(f.kind)
        return (get_origin(cls) or cls)(**values)

    def named(self, cls: type[T], /, **given: object) -> list[tuple[str, T]]:
        """Every ``[NAME]`` table of this table as a ``cls`` whose ``TABLE_NAME`` field is ``NAME``."""
        [name_field] = [f for f in _fields(cast(Any, cls)) if f.table_name]
        found = []
        for name in self.table:
            entry = self.child(name)
            entry.scalar(name_field.kind, name, None)  # the name keeps the field's rules too
            found.append((name, entry.build(cls, **given, **{name_field.name: name})))
        return found

    def value(self, kind: Any, key: str) -> Any:
        """The value at ``key`` read as ``kind``; then every ``Check`` mark of ``kind`` must hold."""
        plain, marks = _unmarked(kind)
        raw = self.table.get(key)
        origin = get_origin(plain)
        if _is_record(plain):
            value = self._table_value(plain, key, raw)
        elif origin is tuple:
            value = self._tuple(plain, key, raw, MAY_BE_EMPTY in marks)
        elif origin is Mapping:
            value = MappingProxyType(dict(self.child(key).named_values(get_args(plain)[1])))
        elif origin in (types.UnionType, typing.Union):
            [present] = [arg for arg in get_args(plain) if arg is not type(None)]
            value = self.value(present, key)
        else:
            return self.scalar(kind, raw, key)
        self._check(value, marks, key)
        return value

    def named_values(self, kind: Any) -> list[tuple[str, Any]]:
        """Every key of this table with its value read as ``kind``."""
        return [(name, self.value(kind, name)) for name in self.table]

    def _table_value(self, kind: Any, key: str, raw: object) -> object:
        reader = _SPECIAL.get(kind)
        if reader is not None:
            return reader(self, key, raw)
        return self.child(key)._build(kind, {})

    def _tuple(self, kind: Any, key: str, raw: object, may_be_empty: bool) -> tuple[object, ...]:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = args[0]
            if _is_record(item) and any(f.table_name for f in _fields(item)):
                return tuple(value for _, value in self.child(key).named(item))
            if _is_record(item):
                items = tuple(entry.build(item) for entry in self.children(key, required=not may_be_empty))
            else:
                if not isinstance(raw, list):
                    raise self.error("must be a list", key)
                items = tuple(self.scalar(item, element, key) for element in raw)
                texts = [x for x in items if isinstance(x, str)]  # names and codes; numbers may repeat
                if len(set(texts)) != len(texts):
                    raise self.error("lists an item twice", key)
            if not items and not may_be_empty:
                raise self.error("must be a non-empty list", key)
            return items
        if not isinstance(raw, list) or len(raw) != len(args):
            raise self.error(f"must be a list of {len(args)} values", key)
        return tuple(self.scalar(arg, element, key) for arg, element in zip(args, raw, strict=True))

    def scalar(self, kind: Any, raw: object, key: str | None) -> Any:
        """One plain value (string, whole number, Decimal, true/false or a choice) with its marks."""
        kind, marks = _unmarked(kind)
        if kind is str:
            value: object = raw if MAY_BE_EMPTY in marks and raw == "" else self._text(raw, key)
        elif kind is int:
            value = self._integer(raw, key)
        elif kind is Decimal:
            value = self._decimal(raw, key)
        elif kind is bool:
            if not isinstance(raw, bool):
                raise self.error("must be true or false", key)
            value = raw
        elif get_origin(kind) is Literal:
            value = self._choice(raw, key, get_args(kind))
        else:
            raise TypeError(f"the knowledge reader cannot read {kind!r}")
        self._check(value, marks, key)
        return value

    def _check(self, value: object, marks: tuple[object, ...], key: str | None) -> None:
        if SOURCE_KEY in marks:
            self._check_source(cast(str, value), key)
        for mark in marks:
            if isinstance(mark, Check) and not mark.holds(value):
                shown = list(value) if isinstance(value, tuple) else value  # as written in the file
                raise self.error(mark.problem.format(value=shown), key)

    # --- plain values ----------------------------------------------------------------------------

    def _text(self, raw: object, key: str | None) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.error("must be a non-empty string", key)
        return raw

    def _choice(self, raw: object, key: str | None, allowed: tuple[str, ...]) -> str:
        if raw not in allowed:
            raise self.error(f"unknown {raw!r}; expected one of {', '.join(allowed)}", key)
        return raw

    def _integer(self, raw: object, key: str | None) -> int:
        """A TOML integer (not a boolean); the caller checks its bounds."""
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise self.error(f"must be a whole number (a TOML integer), got {raw!r}", key)
        return raw

    def _decimal(self, raw: object, key: str | None) -> Decimal:
        """A Decimal written as a string (a TOML float would already be rounded); the caller checks
        its sign."""
        if isinstance(raw, float | int) and not isinstance(raw, bool):
            raise self.error(f'write the number as a string, e.g. "{raw}", so it stays exact', key)
        if not isinstance(raw, str) or not NUMBER.fullmatch(raw):
            raise self.error(f"must be a decimal number in a string, got {raw!r}", key)
        return Decimal(raw)

    def text(self, key: str, *, required: bool = True) -> str:
        if not required and key not in self.table:
            return ""
        raw = self.table.get(key)
        return raw if not required and isinstance(raw, str) else self._text(raw, key)

    def texts(self, key: str, *, required: bool = True, empty_ok: bool = False) -> tuple[str, ...]:
        if not required and key not in self.table:
            return ()
        kind = Annotated[tuple[str, ...], MAY_BE_EMPTY] if empty_ok else tuple[str, ...]
        return cast(tuple[str, ...], self.value(kind, key))

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        if default is not None and key not in self.table:
            return default
        return self._choice(self.table.get(key), key, allowed)

    def boolean(self, key: str, default: bool | None = None) -> bool:
        return cast(bool, self.scalar(bool, self.table.get(key, default), key))

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

    def _check_source(self, value: str, key: str | None) -> None:
        """Raise when ``value`` is not a known source key; each loader's reader says how."""
        raise NotImplementedError(f"{type(self).__name__} reads no source keys")

    def confidence(self, key: str = "confidence") -> Confidence:
        return cast(Confidence, self.value(Confidence, key))

    def cite(self, value: T) -> Cited[T]:
        """``value`` with this table's ``source``, ``confidence`` and optional ``note``."""
        return Cited(value, self.source(), self.confidence(), self.text("note", required=False))

    def cited_value(self, read: Callable[[Self, str], T], value_key: str = "value") -> Cited[T]:
        """This table as ``{ value, source, confidence, note? }``; ``read`` reads and checks its value."""
        self.expect_keys((value_key, "source", "confidence"), ("note",))
        return self.cite(read(self, value_key))


def _dose_range(reader: Reader[Any], key: str, raw: object) -> DoseRange:
    """One figure ``"2"`` (low = high) or a range ``["5", "6"]``, each greater than zero."""
    figure = Annotated[Decimal, POSITIVE]
    if isinstance(raw, list):
        if len(raw) != 2:
            raise reader.error("a range must be [low, high]", key)
        low, high = (reader.scalar(figure, x, key) for x in raw)
        if low > high:
            raise reader.error(f"range low {low} is above high {high}", key)
        return DoseRange(low, high)
    value = reader.scalar(figure, raw, key)
    return DoseRange(value, value)


# Types written in the files in their own way, not as a table of their fields.
_SPECIAL: dict[Any, Callable[[Reader[Any], str, object], object]] = {DoseRange: _dose_range}
