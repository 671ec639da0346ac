"""Post ids and the story table kept as numbers, turned into strings only when asked for.

A post id is normally 16 hex digits, which its 64-bit key (:func:`results.id64`) holds
exactly: a Python string per post (70 bytes) and a tuple of strings per story (200 bytes)
are most of what grouping would otherwise keep at ten million posts. Any other id (tests,
hand-made posts) is kept as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import numpy as np
import numpy.typing as npt

__all__ = ["PostIds", "StoryTable"]


class PostIds:
    """A list of post ids over their 64-bit keys: ``ids[i]``, ``len(ids)``, ``extend``."""

    def __init__(self, keys: npt.NDArray[np.uint64], other: dict[int, str] | None = None
                 ) -> None:
        """``other``: the ids at these positions that their key does not spell."""
        self._keys = np.asarray(keys, dtype=np.uint64)
        self._other: dict[int, str] = dict(other or {})

    def __len__(self) -> int:
        return int(self._keys.size)

    def __getitem__(self, index: int) -> str:
        if type(index) is int and index >= 0 and not self._other:  # the usual case, fast
            return f"{self._keys.item(index):016x}"
        index = int(index)
        if index < 0:
            index += self._keys.size
        found = self._other.get(index)
        return found if found is not None else f"{self._keys.item(index):016x}"

    def many(self, indices: npt.NDArray[np.int64]) -> list[str]:
        """``[self[i] for i in indices]`` without a numpy scalar each (non-negative)."""
        ids = [f"{key:016x}" for key in self._keys[indices].tolist()]
        if self._other:
            for at, index in enumerate(indices.tolist()):
                found = self._other.get(index)
                if found is not None:
                    ids[at] = found
        return ids

    def extend(self, keys: npt.NDArray[np.uint64], other: dict[int, str] | None = None
               ) -> None:
        """Append ids by key; ``other`` as for the constructor, counted from 0 here."""
        start = self._keys.size
        self._keys = np.concatenate((self._keys, np.asarray(keys, dtype=np.uint64)))
        self._other.update({start + i: pid for i, pid in (other or {}).items()})


class StoryTable(Sequence[tuple[str, str, int]]):
    """Rows ``(story id, origin post id, size)`` of a run's stories, as three arrays."""

    def __init__(self, stories: npt.NDArray[np.uint64], origins: npt.NDArray[np.int64],
                 sizes: npt.NDArray[np.int64], ids: PostIds) -> None:
        self._stories, self._origins, self._sizes, self._ids = stories, origins, sizes, ids

    def __len__(self) -> int:
        return int(self._stories.size)

    @overload
    def __getitem__(self, index: int) -> tuple[str, str, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, str, int]]: ...

    def __getitem__(self, index: int | slice
                    ) -> tuple[str, str, int] | list[tuple[str, str, int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return (f"{int(self._stories[index]):016x}", self._ids[int(self._origins[index])],
                int(self._sizes[index]))

    def story_id(self, index: int) -> str:
        return f"{int(self._stories[index]):016x}"
