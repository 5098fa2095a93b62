"""The report's values as plain data for JSON, generically: a dataclass becomes an object of
its fields and of the figures its properties compute (numbers, and tuples of numbers; a
property giving text is a label for people, left out), a mapping keyed by text an object, any
other mapping a list of ``{"key", "value"}``, a sequence a list.  So a figure added to a part of
the report appears in ``report --json`` without a change to :mod:`desktop.reporting.report_json`.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

_SCALARS = (bool, int, float, str, type(None))


@functools.cache
def _properties(cls: type) -> tuple[str, ...]:
    """The public properties of *cls* (and its bases), in declaration order."""
    names: dict[str, None] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, (property, functools.cached_property)) and not name.startswith("_"):
                names[name] = None
    return tuple(names)


def _figure(value: object) -> bool:
    """Whether a property's value is a figure: a number, none, or a tuple of numbers."""
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return True
    return isinstance(value, tuple) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)


def fields_of(obj: Any, skip: frozenset[str] | set[str] = frozenset(), computed: bool = True) -> dict:
    """The fields and (with *computed*) figure properties of the dataclass *obj*, but those
    named in *skip*."""
    out = {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)
           if not f.name.startswith("_") and f.name not in skip}
    for name in _properties(type(obj)) if computed else ():
        if name in skip or name in out:
            continue
        try:
            value = getattr(obj, name)
        except (AttributeError, TypeError, ValueError, ArithmeticError):
            continue
        if _figure(value):
            out[name] = plain(value)
    return out


def plain(value: Any) -> Any:
    """*value* as JSON's values: dicts with text keys, lists, text, numbers, booleans and null."""
    if isinstance(value, _SCALARS):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fields_of(value)
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: plain(v) for k, v in value.items()}
        return [{"key": plain(k), "value": plain(v)} for k, v in value.items()]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=str)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)
