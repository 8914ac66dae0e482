"""Memo stores: results kept by key, for work that repeats across projects and files.

The stores of a compiled rule set (`wijzer.compiled`) and of a batch's JSON parts
(`wijzer.render.data.AdviceJson`): unbounded where the keys come from the rule set's own,
finite space, bounded where they vary per project or file (when full they start afresh,
which is cheaper than evicting one by one, and the common keys come back at once). The
per-group stores of a compiled rule set are plain dicts (a lookup there is on the hottest
path); the two memos of YAML scalars are `functools.lru_cache`s (`wijzer.quickyaml`).
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
