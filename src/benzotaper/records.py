"""Immutable value records: the one way the core declares a plain data type.

``class Step(Record): number: int; note: str = ""`` gives what ``@dataclass(frozen=True)`` gave: a
constructor taking the fields by keyword or in order (defaults, ``field(default_factory=...)``, fields
inherited from a record base first), ``__post_init__``, equality between instances of the same class
and a hash consistent with it, a ``repr``, ``__match_args__``, assignment that raises, pickling and
``copy``. ``class Entry(Record, frozen=False)`` is a mutable working record; ``eq=False`` keeps identity
equality (and hashing). ``replace``, ``fields``, ``asdict`` and ``is_record`` stand in for their
``dataclasses`` namesakes; ``typing.dataclass_transform`` lets mypy check every constructor call.

Why not ``dataclasses``: start-up time (docs/development.md, docs/performance.md). Defining a frozen
dataclass ``exec``s the source of six generated methods (about 0.55 ms a class here), and importing
``dataclasses`` imports ``inspect`` (with ``ast``, ``dis`` and ``tokenize``), about 8 ms; `benzotaper
plan` defines about thirty classes, a third of its run. Here a class costs a few microseconds: equality,
hashing and ``repr`` are shared functions reading the fields, and ``__init__``, which runs for every
instance and must stay as fast as a dataclass's, is generated from source on the class's first
construction, so the types read back from the knowledge cache (unpickled, never constructed) never
compile one.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Final, TypeVar, dataclass_transform, get_origin, overload

R = TypeVar("R", bound="Record")
T = TypeVar("T")


class _Missing:
    """No default: the field must be given."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final[Any] = _Missing()


class FrozenInstanceError(AttributeError):
    """A field of a frozen record was assigned or deleted."""


class Field:
    """One field of a record: its name, declared type (the annotation's text), default or default
    factory, and free ``metadata`` (the knowledge reader's marks)."""

    __slots__ = ("default", "default_factory", "metadata", "name", "type")

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Any = MISSING,
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("a field takes a default or a default_factory, not both")
        self.name = ""
        self.type: Any = None
        self.default = default
        self.default_factory = default_factory
        self.metadata: Mapping[str, Any] = metadata or {}

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, type={self.type!r}, default={self.default!r})"


@overload
def field(*, default: T, metadata: Mapping[str, Any] | None = None) -> T: ...
@overload
def field(*, default_factory: Callable[[], T], metadata: Mapping[str, Any] | None = None) -> T: ...
@overload
def field(*, metadata: Mapping[str, Any] | None = None) -> Any: ...
def field(
    *, default: Any = MISSING, default_factory: Any = MISSING, metadata: Mapping[str, Any] | None = None
) -> Any:
    """A field with a default, a default factory (called for each new record) or metadata."""
    return Field(default, default_factory, metadata)


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
class Record:
    """The base of every value record (see the module's docstring)."""

    __slots__ = ()
    __record_fields__: tuple[Field, ...] = ()
    __record_frozen__: bool = True
    _record_values: Callable[[Any], tuple[Any, ...]]

    def __init_subclass__(cls, *, frozen: bool = True, eq: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = vars(cls).get("__annotations__", {})  # the class's own, in order; inspect is what we avoid
        inherited = {
            f.name: f for base in reversed(cls.__mro__[1:]) for f in vars(base).get("__record_fields__", ())
        }
        for name, kind in own.items():
            if _is_class_var(kind):
                continue
            value = vars(cls).get(name, MISSING)
            spec = value if isinstance(value, Field) else Field(default=value)
            if isinstance(spec.default, list | dict | set):
                raise ValueError(
                    f"{cls.__qualname__}.{name}: a mutable default would be shared, give a factory"
                )
            spec.name, spec.type = name, kind
            if isinstance(value, Field):  # the class attribute is the default, as a dataclass leaves it
                if spec.default is MISSING:
                    delattr(cls, name)
                else:
                    setattr(cls, name, spec.default)
            inherited[name] = spec  # a field declared again keeps its place, as in a dataclass
        fields = tuple(inherited.values())
        _check_default_order(cls, fields)
        names = [f.name for f in fields]
        made: dict[str, Any] = {
            "__record_fields__": fields,
            "__record_frozen__": frozen,
            "__match_args__": tuple(names),
            "_record_values": operator.attrgetter(*names) if names else _no_values,
            "__init__": _first_init,
            "__setattr__": Record.__setattr__ if frozen else object.__setattr__,
            "__delattr__": Record.__delattr__ if frozen else object.__delattr__,
            "__eq__": Record.__eq__ if eq else object.__eq__,
            # Compared by value and changeable: unhashable, as such a dataclass is.
            "__hash__": (Record.__hash__ if frozen else None) if eq else object.__hash__,
        }
        for name, value in made.items():
            if name not in vars(cls):  # what the class writes itself wins, as with a dataclass
                setattr(cls, name, value)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            values = self._record_values
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._record_values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self.__record_fields__)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r} of a frozen {type(self).__qualname__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r} of a frozen {type(self).__qualname__}")


def _no_values(_record: object) -> tuple[()]:
    return ()


def _is_class_var(kind: object) -> bool:
    """``ClassVar[...]``, written as text (``from __future__ import annotations``) or as the type."""
    if isinstance(kind, str):
        return kind.startswith(("ClassVar", "typing.ClassVar"))
    return get_origin(kind) is ClassVar


def _check_default_order(cls: type, fields: tuple[Field, ...]) -> None:
    defaulted = ""
    for f in fields:
        if f.default is not MISSING or f.default_factory is not MISSING:
            defaulted = f.name
        elif defaulted:
            raise TypeError(
                f"{cls.__qualname__}: {f.name!r} has no default but follows {defaulted!r}, which has"
            )


def _first_init(self: Record, *args: Any, **kwargs: Any) -> None:
    """Generate the class's ``__init__`` on its first construction, install it, and run it."""
    cls = type(self)
    init = _make_init(cls)
    cls.__init__ = init  # type: ignore[method-assign]
    init(self, *args, **kwargs)


def _make_init(cls: type[Record]) -> Callable[..., None]:
    """``__init__`` written out for the fields, as fast per instance as a dataclass's."""
    namespace: dict[str, Any] = {"_MISSING": MISSING, "_set": object.__setattr__}
    params, body = [], []
    for f in cls.__record_fields__:
        if f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            value = f"_factory_{f.name}() if {f.name} is _MISSING else {f.name}"
        else:
            if f.default is not MISSING:
                namespace[f"_default_{f.name}"] = f.default
                params.append(f"{f.name}=_default_{f.name}")
            else:
                params.append(f.name)
            value = f.name
        body.append(
            f"_set(self, {f.name!r}, {value})" if cls.__record_frozen__ else f"self.{f.name} = {value}"
        )
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n    " + "\n    ".join(body or ["pass"])
    exec(source, namespace)  # our own source, made of the class's field names
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def is_record(value: object) -> bool:
    """Whether ``value`` is a record class or instance."""
    kind = value if isinstance(value, type) else type(value)
    return issubclass(kind, Record)


def fields(record: Record | type[Record]) -> tuple[Field, ...]:
    """The fields of a record class or instance, in constructor order."""
    return record.__record_fields__


def replace(record: R, /, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed (its ``__post_init__`` runs again)."""
    values = {f.name: getattr(record, f.name) for f in record.__record_fields__}
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{type(record).__qualname__} has no field {', '.join(sorted(unknown))}")
    return type(record)(**(values | changes))


def asdict(record: Record) -> dict[str, Any]:
    """The record's fields as a dict, records inside it (in tuples, lists and dicts too) as dicts."""
    return {f.name: _plain(getattr(record, f.name)) for f in record.__record_fields__}


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return asdict(value)
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return type(value)((_plain(k), _plain(v)) for k, v in value.items())
    return value
