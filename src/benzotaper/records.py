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
plan` defined about thirty of them, a third of its run. A record class costs a few microseconds:
equality, hashing and ``repr`` are shared functions reading the fields, and ``__init__`` reads the field
list until the class has made enough records to be worth compiling one for it (``_COMPILE_AFTER``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Final, TypeVar, dataclass_transform, get_origin, overload

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
    __record_names__: tuple[str, ...] = ()
    _record_values: Callable[[Any], tuple[Any, ...]]

    def __init_subclass__(cls, *, frozen: bool = True, eq: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        declared = vars(cls).get("__annotations__", {})  # the class's own, in order; inspect is what we avoid
        inherited = {
            f.name: f for base in reversed(cls.__mro__[1:]) for f in vars(base).get("__record_fields__", ())
        }
        for name, kind in declared.items():
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
        own: dict[str, Any] = {
            "__record_fields__": fields,
            "__record_frozen__": frozen,
            "__record_names__": tuple(names),
            "__match_args__": tuple(names),
            "_record_values": operator.attrgetter(*names) if names else _no_values,
            "__init__": _init_from_fields,  # each class its own: it is replaced by one compiled for it
        }
        behaviour: dict[str, Any] = {
            "__setattr__": _refuse_assignment if frozen else object.__setattr__,
            "__delattr__": _refuse_deletion if frozen else object.__delattr__,
            "__eq__": Record.__eq__ if eq else object.__eq__,
            # Compared by value and changeable: unhashable, as such a dataclass is.
            "__hash__": (Record.__hash__ if frozen else None) if eq else object.__hash__,
        }
        # A behaviour the class inherits as it should be is not set again: a changeable record keeps
        # object's own assignment, as a __setattr__ in its class (even object's) would make every
        # assignment a call through Python (the planner's working records took 4 % longer).
        behaviour = {
            name: value for name, value in behaviour.items() if getattr(cls, name, None) is not value
        }
        for name, value in (own | behaviour).items():
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


# Bound to the class, not to its name: a name would be compiled (``typing.ForwardRef``), and the
# first ``compile()`` of a process sets up the syntax tree's types, about 1 ms of `plan`'s start.
R = TypeVar("R", bound=Record)


def _refuse_assignment(self: Record, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r} of a frozen {type(self).__qualname__}")


def _refuse_deletion(self: Record, name: str) -> None:
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


# A class's first records are made by reading its field list (about 2.2 µs for five fields, against
# 0.65 µs for a compiled ``__init__`` and 0.73 µs for a dataclass's); from the hundredth on, by an
# ``__init__`` compiled for its fields. Compiling one costs about 60 µs, and the first of a process
# 1.5 ms more, so a class that makes few records, as all of `benzotaper plan`'s do, never pays for it,
# and the planner's and the analysis' many records are made as fast as a dataclass's. Both set the
# fields past a frozen record's __setattr__, in the same order: instances whose attributes come in one
# order share one table of names with their class and are read faster (the daily burden of five years
# of check-ins took 3.3 ms instead of 2.4 when the first records set theirs in another order).
_COMPILE_AFTER = 100
_made: dict[type, int] = {}
_set = object.__setattr__


def _init_from_fields(self: Record, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    count = _made.get(cls, 0)
    if count >= _COMPILE_AFTER:
        init = _make_init(cls)
        cls.__init__ = init  # type: ignore[method-assign]
        init(self, *args, **kwargs)
        return
    _made[cls] = count + 1
    names = cls.__record_names__
    values = dict(zip(names, args, strict=False))
    for name, value in kwargs.items():  # checked in the order, and worded as, Python checks a call
        if name not in names:
            raise TypeError(f"{cls.__qualname__}.__init__() got an unexpected keyword argument {name!r}")
        if name in values:
            raise TypeError(f"{cls.__qualname__}.__init__() got multiple values for argument {name!r}")
        values[name] = value
    if len(args) > len(names):
        raise TypeError(_too_many(cls, len(args)))
    if len(values) < len(names):
        missing = []
        for f in cls.__record_fields__:
            if f.name in values:
                continue
            if f.default is not MISSING:
                values[f.name] = f.default
            elif f.default_factory is not MISSING:
                values[f.name] = f.default_factory()
            else:
                missing.append(repr(f.name))
        if missing:
            raise TypeError(_missing(cls, missing))
    for name in names:  # in the fields' order, as the compiled __init__ sets them (see below)
        _set(self, name, values[name])
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _too_many(cls: type[Record], given: int) -> str:
    """Python's own words for too many arguments, so both ways of making a record say the same."""
    fields = cls.__record_fields__
    required = 1 + sum(f.default is MISSING and f.default_factory is MISSING for f in fields)
    most = 1 + len(fields)
    takes = (
        f"{most} positional argument{'s' * (most > 1)}"
        if required == most
        else f"from {required} to {most} positional arguments"
    )
    return f"{cls.__qualname__}.__init__() takes {takes} but {given + 1} were given"


def _missing(cls: type[Record], names: list[str]) -> str:
    """Python's own words for missing arguments."""
    listed = (
        names[0] if len(names) == 1 else f"{', '.join(names[:-1])}{',' * (len(names) > 2)} and {names[-1]}"
    )
    plural = "s" * (len(names) > 1)
    return (
        f"{cls.__qualname__}.__init__() missing {len(names)} required positional argument{plural}: {listed}"
    )


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
    """The record's fields as a dict, records inside it (in tuples, lists and dicts too) as dicts. Other
    values are not copied (``dataclasses.asdict`` deep-copies them): a record's values are immutable."""
    return {f.name: _plain(getattr(record, f.name)) for f in record.__record_fields__}


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return asdict(value)
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return type(value)((_plain(k), _plain(v)) for k, v in value.items())
    return value
