"""Union-find with anchors and cannot-link labels, for groups that must stay stable.

Anchors are the ids of groups stored by earlier runs: two components with different anchors
never merge, so an existing story keeps its id and its members. Labels express cannot-link
constraints (hreflang translations must not become copies of each other): two components
that carry the same label never merge. Edges are applied in a caller-given canonical order,
so the result does not depend on crawl order.
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
        self._parent = list(range(n))
        self._size = [1] * n
        self._anchor: dict[int, int] = dict(anchors or {})
        self._labels: dict[int, frozenset[int]] = {
            node: frozenset(values) for node, values in (labels or {}).items() if values
        }

    def find(self, node: int) -> int:
        parent = self._parent
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:  # path compression
            parent[node], node = root, parent[node]
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
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
            anchor_a, anchor_b = anchor_b, anchor_a
            labels_a, labels_b = labels_b, labels_a
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]
        if anchor_a is None and anchor_b is not None:
            self._anchor[ra] = anchor_b
        if labels_b:
            self._labels[ra] = labels_b | labels_a if labels_a else labels_b
        return True

    def anchor(self, node: int) -> int | None:
        """The stored group id the set of ``node`` is tied to, if any."""
        return self._anchor.get(self.find(node))

    def roots(self) -> npt.NDArray[np.int64]:
        """Root of every node, by pointer jumping in numpy (no per-node Python call)."""
        parent = np.asarray(self._parent, dtype=np.int64)
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                return parent
            parent = grand
