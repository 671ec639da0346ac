"""Union-find with anchors and cannot-link labels, for groups that must stay stable.

Anchors are the ids of groups stored by earlier runs: two components with different anchors
never merge, so an existing story keeps its id and its members. Labels express cannot-link
constraints (hreflang translations must not become copies of each other): two components
that carry the same label never merge. Edges are applied in a caller-given canonical order,
so the result does not depend on crawl order. Parents and sizes are kept only for nodes an
edge touched (dicts): most posts have no copy, and two Python lists of ten million ints
would weigh 600 MB.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt

__all__ = ["AnchoredUnionFind"]


class AnchoredUnionFind:
    """Disjoint sets over ``0..n-1``; unions that would break a constraint are refused."""

    def __init__(
        self,
        n: int,
        anchors: Mapping[int, int] | None = None,
        labels: Mapping[int, Iterable[int]] | None = None,
    ) -> None:
        self._n = n
        self._parent: dict[int, int] = {}  # absent: a root
        self._size: dict[int, int] = {}  # absent: 1
        self._anchor: dict[int, int] = dict(anchors or {})
        self._labels: dict[int, frozenset[int]] = {
            node: frozenset(values) for node, values in (labels or {}).items() if values
        }

    def find(self, node: int) -> int:
        parent = self._parent
        root = node
        while (up := parent.get(root, root)) != root:
            root = up
        while (up := parent.get(node, node)) != root:  # path compression
            parent[node], node = root, up
        return root

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b``; False when already joined or not allowed."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        anchor_a, anchor_b = self._anchor.get(ra), self._anchor.get(rb)
        if anchor_a is not None and anchor_b is not None and anchor_a != anchor_b:
            return False
        labels_a, labels_b = self._labels.get(ra), self._labels.get(rb)
        if labels_a and labels_b and not labels_a.isdisjoint(labels_b):
            return False
        size_a, size_b = self._size.get(ra, 1), self._size.get(rb, 1)
        if size_a < size_b:
            ra, rb = rb, ra
            anchor_a, anchor_b = anchor_b, anchor_a
            labels_a, labels_b = labels_b, labels_a
        self._parent[rb] = ra
        self._size[ra] = size_a + size_b
        self._size.pop(rb, None)
        if anchor_a is None and anchor_b is not None:
            self._anchor[ra] = anchor_b
        if labels_b:
            self._labels[ra] = labels_b | labels_a if labels_a else labels_b
        return True

    def anchor(self, node: int) -> int | None:
        """The stored group id the set of ``node`` is tied to, if any."""
        return self._anchor.get(self.find(node))

    def root_anchors(self) -> dict[int, int]:
        """Anchor of every root that holds one (``anchor(root)`` for each, in one pass)."""
        found: dict[int, int] = {}
        for node in self._anchor:
            root = self.find(node)
            anchor = self._anchor.get(root)
            if anchor is not None:
                found[root] = anchor
        return found

    def roots(self) -> npt.NDArray[np.int64]:
        """Root of every node, by pointer jumping in numpy (no per-node Python call)."""
        parent = np.arange(self._n, dtype=np.int64)
        if self._parent:
            parent[np.fromiter(self._parent.keys(), np.int64, len(self._parent))] = np.fromiter(
                self._parent.values(), np.int64, len(self._parent))
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                return parent
            parent = grand
