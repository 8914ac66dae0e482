"""Memo stores: results kept by key, for work that repeats across projects and files.

One mechanism for every cache in wijzer: the rule set's shared advice parts (unbounded:
their keys come from the rule set's own, finite space), and the stores whose keys vary per
project or file (bounded: when full they start afresh, which is cheaper than evicting one
by one, and the common keys come back at once).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")


class Memo(Generic[K, V]):
    """Results by key; at most `size` of them when a size is given."""

    __slots__ = ("_items", "get", "size")

    def __init__(self, size: int | None = None) -> None:
        self.size = size
        self._items: dict[K, V] = {}
        self.get: Callable[[K], V | None] = self._items.get
        """The stored result, or None (a plain dict lookup: this is on hot paths)."""

    def put(self, key: K, value: V) -> V:
        """Store a result (starting afresh first when the store is full) and return it."""
        if self.size is not None and len(self._items) >= self.size:
            self._items.clear()
        self._items[key] = value
        return value

    def __call__(self, key: K, compute: Callable[[], R]) -> R:
        """`compute()`, once per key while it is kept. Each key must always be computed by
        the same kind of `compute`, so the stored value has its type."""
        found = self.get(key)
        if found is None:
            found = self.put(key, compute())  # type: ignore[arg-type]
        return found  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._items)
