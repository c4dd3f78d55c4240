"""Immutable mappings for frozen results: ``frozen(value)`` and :class:`FrozenDict`.

A frozen dataclass only stops its fields from being rebound; a ``dict`` inside it can still be
changed by anyone holding the result.  Results therefore hold their mappings as :class:`FrozenDict`:
a ``dict`` whose changing methods raise ``TypeError``.

Why a read-only ``dict`` subclass rather than :class:`types.MappingProxyType` or a tuple of pairs:
callers keep reading it exactly as before (``plan[node]``, ``plan.get``, ``dict(plan)``, ``json.dumps``,
``isinstance(move, dict)`` for a mixed move), it compares equal to the plain ``dict`` with the same
items, it pickles and copies (a mapping proxy does neither), and it hashes when its values do, so a
frozen result holding one hashes too.  Its text (``repr``) is that of the plain ``dict``.
"""

from __future__ import annotations

from typing import Any, NoReturn

__all__ = ["FrozenDict", "freeze_fields", "frozen"]


class FrozenDict(dict):  # type: ignore[type-arg]
    """A ``dict`` that cannot change after it is made (every changing method raises ``TypeError``)."""

    __slots__ = ()

    def _immutable(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("this mapping belongs to an immutable result: copy it with dict(...) to change it")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _immutable

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))


def frozen(value: Any) -> Any:
    """``value`` with every plain ``dict`` in it (inside dicts and plain tuples, at any depth) made a
    :class:`FrozenDict`; anything else (other dict subclasses too, e.g. sympy's ring polynomials) is
    returned as it is."""
    if type(value) is dict or type(value) is FrozenDict:
        return FrozenDict({k: frozen(v) for k, v in value.items()})
    if type(value) is tuple:
        return tuple(frozen(v) for v in value)
    return value


def freeze_fields(obj: object, *names: str) -> None:
    """In a frozen dataclass's ``__post_init__``: make the mappings of the fields ``names`` immutable."""
    for name in names:
        object.__setattr__(obj, name, frozen(getattr(obj, name)))
