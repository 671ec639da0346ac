"""The batch itself: run posts and stored posts as nodes, then stories and events over them.

Stories: exact content hash first, then MinHash LSH candidates verified by estimated
Jaccard/containment, joined by an anchored union-find (stored stories keep their ids and
never merge). Events: :func:`events.cluster_events` over every post with a dated event.
Ties are always broken by post id, never by input position.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any, Final, TypeVar

import numpy as np
import numpy.typing as npt

from clustercrawl.dedupe import minhash, templatebins
from clustercrawl.dedupe.events import EventFacts, cluster_events, facts_from_json
from clustercrawl.dedupe.ids import PostIds, StoryTable
from clustercrawl.dedupe.results import EventPost, EventRecord, group_id, id64
from clustercrawl.dedupe.sigfile import SignatureFile
from clustercrawl.dedupe.store import StoredPost
from clustercrawl.dedupe.unionfind import AnchoredUnionFind

__all__ = ["Nodes", "group_events", "group_stories"]

#: Exact copies need this many words (title + body): "Galeria" twice is not one story.
MIN_EXACT_WORDS: Final = 12
#: Near-duplicates need this many shingles; shorter posts are matched by hash only.
MIN_SHINGLES: Final = 24
#: Jaccard / containment (over bins that are not site template) needed to call two posts
#: copies. Same-site pairs may share template text the masking missed, so they need more;
#: containment covers trimmed copies. On the labelled set, non-copies reach 0.28 (cross-site)
#: and 0.18 (same site).
CROSS_SITE_J, CROSS_SITE_C = 0.4, 0.75
SAME_SITE_J, SAME_SITE_C = 0.5, 0.85
MIN_CONTAINMENT_SHINGLES: Final = 40
MIN_CONTAINMENT_J, MAX_CONTAINMENT_RATIO = 0.3, 3
#: Bins that must be informative on both sides (not site template) to judge a pair.
MIN_COMPARABLE_BINS: Final = 32
#: Same-site posts this similar (raw) are one text for template detection.
NEAR_IDENTICAL: Final = 0.8
EXACT: Final = minhash.NUM_BINS + 1  # edge score of an exact copy (above any MinHash score)

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


@dataclass
class Nodes:
    """Columns of every node: run posts (one per id) first, then stored posts not in the run.

    Signatures stay in one file on disk in arrival order (run rows, then stored rows);
    ``sig_row`` maps a node to its row.
    """

    ids: PostIds
    key: U64
    site: I32
    lang: I32
    pub: I64
    seen: I64
    content: I64
    shingles: I32
    words: I32
    sig_row: I64
    strings: list[str]
    intern: Callable[[str | None], int]
    sig: SignatureFile  # the run's rows already in; stored rows are appended after them
    translations: dict[int, list[int]] = field(default_factory=dict)
    events: dict[int, EventFacts] = field(default_factory=dict)
    run_story: dict[int, int] = field(default_factory=dict)  # run node -> stored story
    stored_event: dict[int, str] = field(default_factory=dict)  # any node -> stored event
    stored_story: U64 = field(default_factory=lambda: np.zeros(0, np.uint64))
    run_count: int = 0
    _batches: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.run_count = len(self.ids)

    def add_stored(self, batch: Sequence[StoredPost]) -> None:
        """A run post found in the store keeps its groups; others become stored nodes."""
        run_keys = self.key[: self.run_count]  # sorted: run nodes are in id order
        keys = np.asarray([id64(p.id) for p in batch], dtype=np.uint64)
        found = np.searchsorted(run_keys, keys)
        inside = found < run_keys.size
        hit = np.zeros(keys.size, dtype=bool)
        hit[inside] = run_keys[found[inside]] == keys[inside]
        for index in np.flatnonzero(hit).tolist():
            post, pos = batch[index], int(found[index])
            self.run_story[pos] = int(post.story_id, 16)
            self.seen[pos] = min(int(self.seen[pos]), post.first_seen)
            if post.event_id and pos in self.events:
                self.stored_event[pos] = post.event_id
        keep = [batch[i] for i in np.flatnonzero(~hit).tolist()]
        if not keep:
            return
        base = self.run_count + sum(b["key"].size for b in self._batches)
        for offset, post in enumerate(keep):
            if post.event is not None and post.event_id:
                self.events[base + offset] = facts_from_json(post.event)
                self.stored_event[base + offset] = post.event_id
        keys = np.asarray([id64(p.id) for p in keep], np.uint64)
        self._batches.append({  # compact columns now: StoredPost objects are large
            "ids": {i: p.id for i, (p, k) in enumerate(zip(keep, keys.tolist(), strict=True))
                    if p.id != f"{k:016x}"},  # only the ids their key does not spell
            "key": keys,
            "site": np.asarray([self.intern(p.site) for p in keep], np.int32),
            "lang": np.asarray([self.intern(p.language) for p in keep], np.int32),
            "pub": np.asarray([p.published for p in keep], np.int64),
            "seen": np.asarray([p.first_seen for p in keep], np.int64),
            "content": np.asarray([p.content for p in keep], np.int64),
            "shingles": np.asarray([p.shingles for p in keep], np.int32),
            "words": np.asarray([p.words for p in keep], np.int32),
            "story": np.asarray([int(p.story_id, 16) for p in keep], np.uint64),
        })
        self.sig.append(np.frombuffer(b"".join(p.signature for p in keep), dtype="<u2"
                                      ).reshape(len(keep), minhash.NUM_BINS))

    def close(self) -> None:
        """Seal the signature file (run rows, then stored rows) and append the stored
        columns."""
        stored = sum(b["key"].size for b in self._batches)
        run_rows = self.sig.count - stored
        self.sig.seal()
        if not stored:
            return
        batches, self._batches = self._batches, []
        for b in batches:
            self.ids.extend(b["key"], b["ids"])

        def column(name: str) -> npt.NDArray[Any]:
            return np.concatenate([b[name] for b in batches])

        self.key = np.concatenate((self.key, column("key")))
        self.site = np.concatenate((self.site, column("site")))
        self.lang = np.concatenate((self.lang, column("lang")))
        self.pub = np.concatenate((self.pub, column("pub")))
        self.seen = np.concatenate((self.seen, column("seen")))
        self.content = np.concatenate((self.content, column("content")))
        self.shingles = np.concatenate((self.shingles, column("shingles")))
        self.words = np.concatenate((self.words, column("words")))
        self.stored_story = column("story")
        self.sig_row = np.concatenate((self.sig_row, np.arange(run_rows, run_rows + stored)))

    @property
    def count(self) -> int:
        return len(self.ids)

    def signature(self, node: int) -> bytes:
        """Little-endian bytes of a node's signature, as stores keep it."""
        return self.sig.row_bytes(int(self.sig_row[node]))

    def ranks(self) -> I64:
        """Position of each node in post-id order: the canonical tie-breaker."""
        rank = np.empty(self.count, dtype=np.int64)
        rank[np.argsort(self.key, kind="stable")] = np.arange(self.count)
        return rank


@dataclass
class StoryResult:
    index_of_node: I64  # run node -> row of table
    table: StoryTable  # (story id, origin id, size)
    origin_keys: U64
    edges: int = 0


def _edges(nodes: Nodes, rank: I64) -> tuple[I64, I64, I64]:
    """Candidate copy pairs (a, b, score): exact hashes, then verified LSH pairs."""
    run = nodes.run_count
    eligible = np.flatnonzero(nodes.words >= MIN_EXACT_WORDS)
    order = eligible[np.lexsort((rank[eligible], nodes.content[eligible]))]
    same = nodes.content[order][1:] == nodes.content[order][:-1]
    ea, eb = order[:-1][same], order[1:][same]
    keep = (ea < run) | (eb < run)
    ea, eb = ea[keep], eb[keep]
    first = np.flatnonzero(np.concatenate(([True], ~same))) if order.size else order
    reps = order[first]
    # a text found on several sites is judged as cross-site (the strict same-site rule is
    # for posts of one template), whichever copy represents it
    sites = nodes.site[order]
    multi_site = (np.minimum.reduceat(sites, first) != np.maximum.reduceat(sites, first)
                  if order.size else np.zeros(0, dtype=bool))
    keep_rep = nodes.shingles[reps] >= MIN_SHINGLES
    reps, multi_site = reps[keep_rep], multi_site[keep_rep]
    by_rank = np.argsort(rank[reps], kind="stable")
    reps, multi_site = reps[by_rank], multi_site[by_rank]
    rows = nodes.sig_row[reps]
    pairs = minhash.candidate_pairs(nodes.sig, rows, reps >= run)
    i, j = pairs[:, 0], pairs[:, 1]
    a, b = reps[i], reps[j]
    same_site = (nodes.site[a] == nodes.site[b]) & ~multi_site[i] & ~multi_site[j]
    bits = minhash.equal_bins(nodes.sig, rows, i, j)  # read once, counted twice
    raw, _ = minhash.matches(nodes.sig, rows, i, j, equal=bits)
    counted = np.ones(reps.size, dtype=bool)
    counted[np.maximum(i, j)[same_site & (raw >= NEAR_IDENTICAL * minhash.NUM_BINS)]] = False
    info = templatebins.informative_bins(nodes.sig, rows, nodes.site[reps], counted)
    equal, comparable = minhash.matches(nodes.sig, rows, i, j, info, equal=bits)
    del bits
    # shingles left once template bins are set aside
    size_a = nodes.shingles[a] * info[i].mean(axis=1)
    size_b = nodes.shingles[b] * info[j].mean(axis=1)
    jac, cont = minhash.jaccard_containment(equal, comparable, size_a, size_b)
    la, lb = nodes.lang[a], nodes.lang[b]
    other_language = (la >= 0) & (lb >= 0) & (la != lb)
    small, big = np.minimum(size_a, size_b), np.maximum(size_a, size_b)
    by_jaccard = np.where(same_site, jac >= SAME_SITE_J, jac >= CROSS_SITE_J)
    # containment is derived from J, and J's error grows with the size ratio: bound both
    by_containment = (
        (small >= MIN_CONTAINMENT_SHINGLES) & (big <= MAX_CONTAINMENT_RATIO * small)
        & (jac >= MIN_CONTAINMENT_J)
        & np.where(same_site, cont >= SAME_SITE_C, cont >= CROSS_SITE_C)
    )
    enough = comparable >= MIN_COMPARABLE_BINS
    ok = enough & ~other_language & (by_jaccard | by_containment)
    a = np.concatenate((ea, a[ok]))
    b = np.concatenate((eb, b[ok]))
    similarity = np.round(jac[ok] * minhash.NUM_BINS).astype(np.int64)
    score = np.concatenate((np.full(ea.size, EXACT, np.int64), similarity))
    return a, b, score


def _translation_labels(nodes: Nodes, rank: I64) -> dict[int, set[int]]:
    """hreflang-linked posts get a shared cannot-link label: translations, not copies."""
    labels: dict[int, set[int]] = {}
    if not nodes.translations:
        return labels
    pairs = [(node, other) for node, links in nodes.translations.items() for other in links]
    mine = np.asarray([p[0] for p in pairs], dtype=np.int64)
    other_key = np.asarray([p[1] for p in pairs], dtype=np.uint64)
    by_key = np.argsort(rank)  # nodes in key order
    sorted_keys = nodes.key[by_key]
    found = np.minimum(np.searchsorted(sorted_keys, other_key), sorted_keys.size - 1)
    present = sorted_keys[found] == other_key
    for node, other in zip(mine[present].tolist(), by_key[found[present]].tolist(), strict=True):
        if node == other:
            continue
        label = hash((min(node, other), max(node, other)))
        labels.setdefault(node, set()).add(label)
        labels.setdefault(other, set()).add(label)
    return labels


def group_stories(nodes: Nodes) -> StoryResult:
    """Story of every run node, and the story table (size and origin over all copies)."""
    run = nodes.run_count
    rank = nodes.ranks()
    a, b, score = _edges(nodes, rank)
    lo = np.where(rank[a] < rank[b], a, b)
    hi = np.where(rank[a] < rank[b], b, a)
    order = np.lexsort((rank[hi], rank[lo], -score))
    involved = minhash.unique(np.concatenate((lo, hi)))
    anchors = {int(n): (nodes.run_story[int(n)] if n < run else
                        int(nodes.stored_story[int(n) - run]))
               for n in involved if n >= run or int(n) in nodes.run_story}
    uf = AnchoredUnionFind(nodes.count, anchors, _translation_labels(nodes, rank))
    for x, y in zip(lo[order].tolist(), hi[order].tolist(), strict=True):
        uf.union(x, y)
    roots = uf.roots()
    story = np.empty(nodes.count, dtype=np.uint64)
    story[run:] = nodes.stored_story
    run_roots = roots[:run]
    min_rank = np.full(nodes.count, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(min_rank, run_roots, rank[:run])
    node_of_rank = np.argsort(rank)
    unique_roots = minhash.unique(run_roots)
    root_story = np.empty(unique_roots.size, dtype=np.uint64)
    anchored = uf.root_anchors()
    for root, anchor in nodes.run_story.items():  # a lone run post stored by an earlier run
        anchored.setdefault(root, anchor)
    fixed = np.fromiter(anchored, np.int64, len(anchored))
    has_anchor = np.isin(unique_roots, fixed)
    for index in np.flatnonzero(has_anchor).tolist():
        root_story[index] = anchored[int(unique_roots[index])]
    fresh = np.flatnonzero(~has_anchor)  # a new story: its id from its smallest member's
    for offset in range(0, fresh.size, 1 << 16):  # ids a slice at a time: a list of every
        part = fresh[offset : offset + (1 << 16)]  # story's id would weigh 60 MB a million
        smallest = nodes.ids.many(node_of_rank[min_rank[unique_roots[part]]])
        digests = b"".join([sha256(f"story:{pid}".encode()).digest()[:8] for pid in smallest])
        # = int(group_id("story", pid), 16), without the hex: 8 big-endian bytes a story
        root_story[part] = np.frombuffer(digests, dtype=">u8")
    # roots are node numbers: a table of them, not a binary search per post (cache misses)
    slot = np.empty(nodes.count, dtype=np.int64)
    slot[unique_roots] = np.arange(unique_roots.size)
    story[:run] = root_story[slot[run_roots]]
    del slot
    # what only the story ids needed goes before the sorts below (8 bytes a post each)
    del uf, roots, run_roots, min_rank, node_of_rank, unique_roots, root_story, fresh
    # size and origin over every copy: run and stored
    by_story = np.lexsort((rank, nodes.seen, nodes.pub, story))
    sorted_story = story[by_story]
    first = np.concatenate(([True], sorted_story[1:] != sorted_story[:-1]))
    starts = np.flatnonzero(first)
    sizes = np.diff(np.append(starts, sorted_story.size))
    # the run's stories are the groups of that order holding a run post, in story order: a
    # run post's row of the table is its group's number among those (no binary searches)
    group = np.cumsum(first) - 1
    is_run = by_story < run
    in_run = np.zeros(starts.size, dtype=bool)
    in_run[group[is_run]] = True
    at = np.flatnonzero(in_run)
    run_stories = sorted_story[starts[at]]
    origins = by_story[starts[at]]
    table = StoryTable(run_stories, origins.astype(np.int64), sizes[at].astype(np.int64),
                       nodes.ids)
    row_of_group = np.cumsum(in_run) - 1
    index_of_node = np.empty(run, dtype=np.int64)
    index_of_node[by_story[is_run]] = row_of_group[group[is_run]]
    return StoryResult(
        index_of_node=index_of_node,
        table=table,
        origin_keys=nodes.key[origins],
        edges=int(a.size),
    )


@dataclass
class EventResult:
    node_event: dict[int, str | None]  # run nodes
    records: list[EventRecord]


def group_events(nodes: Nodes) -> EventResult:
    """Event of every run node with an event, and one record per event of the run (a post
    that names an event without its day only when another post reports the same event)."""
    if not nodes.events:
        return EventResult({}, [])
    # by rank (distinct: no ties) in numpy, not a numpy scalar per post in a sort key
    with_event = np.fromiter(nodes.events, np.int64, len(nodes.events))
    ranks = nodes.ranks()[with_event]
    order = np.argsort(ranks, kind="stable")
    members: list[int] = with_event[order].tolist()
    member_ranks: list[int] = ranks[order].tolist()
    del with_event, ranks, order
    facts = [nodes.events[n] for n in members]
    anchor_ids = sorted({nodes.stored_event[n] for n in members if n in nodes.stored_event})
    anchor_of = {eid: i for i, eid in enumerate(anchor_ids)}
    anchors = {i: anchor_of[nodes.stored_event[n]] for i, n in enumerate(members)
               if n in nodes.stored_event}
    cluster_of = cluster_events(facts, member_ranks, anchors)
    clusters: dict[int, list[int]] = {}
    for i, cluster in enumerate(cluster_of):
        clusters.setdefault(cluster, []).append(i)
    node_event: dict[int, str | None] = {}
    records: list[EventRecord] = []
    for items in clusters.values():
        anchored = [anchors[i] for i in items if i in anchors]
        if len(items) == 1 and not anchored and not facts[items[0]].dated:
            continue  # a post naming an event without its day, that no other post reports
        if anchored:
            event_id = anchor_ids[anchored[0]]
        else:
            event_id = group_id("event", nodes.ids[members[items[0]]])  # items are rank-ordered
        run_items = [i for i in items if members[i] < nodes.run_count]
        for i in run_items:
            node_event[members[i]] = event_id
        if run_items:
            records.append(_record(nodes, event_id, [members[i] for i in items]))
    records.sort(key=lambda r: (r.start or "", r.event_id))
    return EventResult(node_event, records)


_T = TypeVar("_T")


def _majority(values: list[_T]) -> _T | None:
    """The most frequent value, the first seen on ties (``most_common(1)`` is a ``max``)."""
    return Counter(values).most_common(1)[0][0] if values else None


def _record(nodes: Nodes, event_id: str, members: list[int]) -> EventRecord:
    """Name, dates and city by majority over the reports; ties go to the earliest report."""
    if len(members) == 1:  # most events have one report: no Counter (a third of the time)
        node = members[0]
        only = nodes.events[node]
        index = int(nodes.lang[node])
        post = EventPost(nodes.ids[node], only.url, nodes.strings[int(nodes.site[node])],
                         nodes.strings[index] if index >= 0 else None, only.title)
        return EventRecord(event_id, only.name or only.title or None,
                           only.start.isoformat() if only.dated else None,
                           only.end.isoformat() if only.dated else None, only.city, (post,))
    # by date, then id (ids are distinct: no ties); most events have two or three reports,
    # too few for a numpy sort's set-up cost
    members = sorted(members, key=lambda n: (int(nodes.pub[n]), int(nodes.key[n])))
    facts = [nodes.events[n] for n in members]
    first = facts[0]
    # posts without the day only say where the event may lie: the dates come from the others
    start, end = _majority([(f.start, f.end) for f in facts if f.dated]) or (None, None)
    if len(facts) == 1:
        city = first.city
        name = first.name or first.title or None
    else:
        city = _majority([f.city for f in facts if f.city])
        english = [f.title for f in facts if (f.language or "").startswith("en") and f.title]
        name = (_majority([f.name for f in facts if f.name])
                or (english[0] if english else first.title or None))

    def language(n: int) -> str | None:
        index = int(nodes.lang[n])
        return nodes.strings[index] if index >= 0 else None

    posts = tuple(
        EventPost(nodes.ids[n], f.url, nodes.strings[int(nodes.site[n])], language(n), f.title)
        for n, f in zip(members, facts, strict=True)
    )
    return EventRecord(event_id, name, start.isoformat() if start else None,
                       end.isoformat() if end else None, city, posts)
