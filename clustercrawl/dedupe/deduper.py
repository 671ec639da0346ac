"""Batch dedupe of one run's posts against the stored groups: stories and events.

Posts are added one by one (only what grouping needs is kept: ids, site, order keys, content
hash, signature, event facts; never the body) and grouped in :meth:`Deduper.finish`, a batch
over the whole run plus the store. Grouping in one batch, with every tie broken by post id,
is what makes ids independent of crawl order and concurrency.
"""

from __future__ import annotations

import calendar
import functools
import gc
import resource
import time
from array import array
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from clustercrawl.dedupe import minhash
from clustercrawl.dedupe.events import EventFacts, facts_from_post, facts_to_json
from clustercrawl.dedupe.grouping import Nodes, group_events, group_stories
from clustercrawl.dedupe.ids import PostIds, StoryTable
from clustercrawl.dedupe.results import Groups, id64
from clustercrawl.dedupe.sigfile import SignatureFile
from clustercrawl.dedupe.store import GroupStore, StoredPost, check_params
from clustercrawl.posts import content_hash
from clustercrawl.urls import post_id

__all__ = ["Deduper", "order_key"]

FAR: Final = 2**62  # order key of an unknown date: after every known one
_BATCH = 1024  # posts per signature batch at most ...
_BATCH_CHARS = 1 << 20  # ... and this much text: numpy temporaries stay near 50 MB (twice:
# the hashing thread's malloc arena keeps its own high-water mark)

_Hashed = tuple[npt.NDArray[np.uint16], npt.NDArray[np.int32], npt.NDArray[np.int32], float]


def _hash_batch(texts: list[str]) -> _Hashed:
    """Signatures of one batch, and the CPU seconds this thread spent on them."""
    start = time.thread_time()
    sig, shingles, words = minhash.signatures(texts)
    return sig, shingles, words, time.thread_time() - start



@functools.lru_cache(maxsize=1 << 16)  # dates repeat: most posts give only a day
def order_key(value: str | None) -> int:
    """Sortable seconds for an ISO date/datetime; a day, month or year sorts at its end.

    A copy dated only "2023-06-12" may have been published late that day, so a copy with
    a time on the same day counts as earlier; unknown dates sort last.
    """
    if not value:
        return FAR
    try:
        if len(value) <= 10:
            parts = [int(p) for p in value.split("-")]
            year, month = parts[0], parts[1] if len(parts) > 1 else 12
            day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
            moment = datetime(year, month, day, 23, 59, 59, tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
        return int(moment.timestamp())
    except (ValueError, IndexError):
        return FAR


_TWO63: Final = 2**63
_TWO64: Final = 2**64


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return value.split("-")[0].split("_")[0].lower()


class Deduper:
    """Collects a run's posts, then groups them into stories and events.

    Usage::

        deduper = Deduper(SQLiteGroupStore("state/dedupe.sqlite"))
        for post in posts:
            deduper.add(post)
        groups = deduper.finish()  # also writes the store
        post.update(groups.fields(post["id"]))  # story_id, story_origin, ..., event_id
    """

    def __init__(self, store: GroupStore | None = None,
                 spill_dir: str | Path | None = None) -> None:
        """``spill_dir``: where signatures wait on disk (default: the temporary directory)."""
        self.store = store
        self._sig = SignatureFile(spill_dir)
        self.spilled_bytes = 0  # disk the signatures took, once finished
        self._odd_ids: dict[int, str] = {}  # row -> id not spelt by its key (rare)
        self._added = 0  # posts added (the columns below are dropped once grouped)
        self._id64 = array("Q")
        self._site = array("i")
        self._lang = array("i")
        self._pub = array("q")
        self._seen = array("q")
        self._content = array("q")
        self._strings: dict[str, int] = {}
        self._string_list: list[str] = []
        self._lang_index: dict[str, int] = {}  # raw language value -> index of its code
        self._translations: dict[int, list[int]] = {}
        self._events: dict[int, EventFacts] = {}
        self._pending: list[str] = []
        self._pending_chars = 0
        self._shingles: list[npt.NDArray[np.int32]] = []
        self._words: list[npt.NDArray[np.int32]] = []
        # one batch is hashed in a thread while the next is collected: numpy releases the
        # GIL, so on a second core signatures cost little wall time (results stay in order)
        self._hasher: ThreadPoolExecutor | None = None
        self._inflight: Future[_Hashed] | None = None
        self._finished = False
        #: CPU seconds by phase (signatures while adding; nodes, stories, events, store in
        #: finish): where a large run's time goes, for benchmarks and logs
        self.cpu_seconds: dict[str, float] = {}
        #: the process's peak RSS (MB) once each phase is over: which phase raised it
        self.peak_mb: dict[str, int] = {}

    def _took(self, phase: str, since: float) -> float:
        now = time.process_time()
        self.cpu_seconds[phase] = self.cpu_seconds.get(phase, 0.0) + now - since
        self.peak_mb[phase] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        return now

    def _intern(self, value: str | None) -> int:
        if value is None:
            return -1
        index = self._strings.get(value)
        if index is None:
            index = self._strings[value] = len(self._string_list)
            self._string_list.append(value)
        return index

    def add(self, post: Mapping[str, Any]) -> None:
        """Remember what grouping needs of one post (a JSONL line as a dict).

        Called once a post, a million times a large run: attribute and global lookups are
        bound once, and the site and language indices come from a dict of raw values.
        """
        if self._finished:
            raise RuntimeError("finish() was already called")
        get = post.get
        pid = get("id") or post_id(post["url"])
        row = self._added
        self._added = row + 1
        title, body = get("title") or "", get("body_text") or ""
        crawl = get("crawl") or {}
        digest = crawl.get("content_hash") or content_hash(title, body)
        try:  # id64's own fast path, without the call
            key = int(pid, 16) if len(pid) == 16 else id64(pid)
        except ValueError:
            key = id64(pid)
        self._id64.append(key)
        if pid != f"{key:016x}":
            self._odd_ids[row] = pid
        site = get("site_id") or ""
        index = self._strings.get(site)
        self._site.append(index if index is not None else self._intern(site))
        language = get("language")
        index = self._lang_index.get(language) if type(language) is str else None
        if index is None:
            index = self._intern(_language(language))
            if type(language) is str:
                self._lang_index[language] = index
        self._lang.append(index)
        self._pub.append(order_key((get("published") or {}).get("value")))
        self._seen.append(order_key(crawl.get("fetched_at")))
        value = int(digest[:16], 16)  # as a signed 64-bit int
        self._content.append(value - _TWO64 if value >= _TWO63 else value)
        translations = get("translations")
        if translations:
            links = [id64(post_id(t["url"])) for t in translations if t.get("url")]
            if links:
                self._translations[row] = links
        facts = facts_from_post(post)
        if facts is not None:
            self._events[row] = facts
        self._pending.append(f"{title}\n{body}")
        self._pending_chars += len(title) + len(body) + 1
        if len(self._pending) >= _BATCH or self._pending_chars >= _BATCH_CHARS:
            self._flush()

    def _flush(self) -> None:
        """Hand the pending batch to the hashing thread (after collecting the one before)."""
        if self._pending:
            batch, self._pending, self._pending_chars = self._pending, [], 0
            self._collect()
            if self._hasher is None:
                self._hasher = ThreadPoolExecutor(1, thread_name_prefix="clustercrawl-minhash")
            self._inflight = self._hasher.submit(_hash_batch, batch)

    def wait(self) -> None:
        """Block until the batch in the hashing thread is done: a benchmark timing ``add``
        calls this before it stops its clock, or hashing would hide in its untimed work."""
        self._collect()

    def _collect(self) -> None:
        if self._inflight is not None:
            future, self._inflight = self._inflight, None
            sig, shingles, words, cpu = future.result()
            self._sig.append(sig)
            self._shingles.append(shingles)
            self._words.append(words)
            self.cpu_seconds["signatures"] = self.cpu_seconds.get("signatures", 0.0) + cpu

    def __len__(self) -> int:
        return self._added

    # ------------------------------------------------------------------------- finish

    def finish(self) -> Groups:
        """Group the run with the stored groups; write the store; return the lookups."""
        if self._finished:
            raise RuntimeError("finish() was already called")
        self._finished = True
        # grouping builds hundreds of thousands of objects (clusters, records) and no
        # reference cycles: the cycle collector's passes over everything alive found nothing
        # to free and cost a quarter of the events phase (300k posts: 2.3 s CPU without
        # them, 3.1-3.7 s with); it is paused here only, and resumes as it was
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._flush()
            self._collect()
            self.peak_mb["add"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            if self.store is not None:
                check_params(self.store, minhash.SIGNATURE_VERSION)
            start = time.process_time()
            nodes = self._nodes()
            start = self._took("nodes", start)
            stories = group_stories(nodes)
            start = self._took("stories", start)
            events = group_events(nodes)
            start = self._took("events", start)
            if self.store is not None:
                self.store.put_many(self._records(nodes, stories.table, stories.index_of_node,
                                                  events.node_event),
                                    minhash.SIGNATURE_VERSION)
                self._took("store", start)
        finally:  # the signature files go as soon as grouping is done, whatever happened
            if collecting:
                gc.enable()
            if self._hasher is not None:
                self._hasher.shutdown(cancel_futures=True)
            self.spilled_bytes = self._sig.disk_bytes()
            self._sig.close()
        keys = nodes.key[: nodes.run_count]
        event_ids = {int(keys[n]): e for n, e in events.node_event.items() if e is not None}
        return Groups(keys=keys, story_index=stories.index_of_node, stories=stories.table,
                      origin_keys=stories.origin_keys, event_ids=event_ids,
                      events=events.records)

    def _nodes(self) -> Nodes:
        """One node per distinct run post id, then one per stored post not in this run.

        Each add-time column is dropped as soon as its node column exists (numpy views of
        the arrays, no copies): at ten million posts every 8 bytes a post held twice is
        80 MB more at the peak.
        """
        n = self._added
        key = np.frombuffer(self._id64, dtype=np.uint64) if n else np.zeros(0, np.uint64)
        seen = np.frombuffer(self._seen, dtype=np.int64) if n else np.zeros(0, np.int64)
        content = np.frombuffer(self._content, dtype=np.int64) if n else np.zeros(0, np.int64)
        self._id64, self._seen, self._content = array("Q"), array("q"), array("q")
        # the same id twice in a run: keep the first seen copy (then by content hash)
        order = np.lexsort((content, seen, key))
        first = np.ones(n, dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        canon = order[first]
        row_of_run = np.empty(n, dtype=np.int64)
        row_of_run[order] = np.cumsum(first) - 1
        del order, first
        node_key = key[canon]  # one array for the ids and the key column
        ids = PostIds(node_key, {int(row_of_run[row]): pid for row, pid in self._odd_ids.items()})
        self._odd_ids = {}
        columns: dict[str, npt.NDArray[Any]] = {}
        for name, values, dtype in (("site", self._site, np.int32),
                                    ("lang", self._lang, np.int32),
                                    ("pub", self._pub, np.int64)):
            columns[name] = (np.frombuffer(values, dtype=dtype)[canon] if n
                             else np.zeros(0, dtype))
        self._site, self._lang, self._pub = array("i"), array("i"), array("q")
        for name, parts in (("shingles", self._shingles), ("words", self._words)):
            whole = np.concatenate(parts) if parts else np.zeros(0, np.int32)
            parts.clear()
            columns[name] = whole[canon]
            del whole
        nodes = Nodes(
            ids=ids,
            key=node_key,
            site=columns["site"],
            lang=columns["lang"],
            pub=columns["pub"],
            seen=seen[canon],
            content=content[canon],
            shingles=columns["shingles"],
            words=columns["words"],
            sig_row=canon,  # int64 already: no copy
            strings=self._string_list,
            intern=self._intern,
            sig=self._sig,
        )
        del key, seen, content, columns
        for row, links in self._translations.items():
            nodes.translations.setdefault(int(row_of_run[row]), []).extend(links)
        self._translations = {}
        events, self._events = self._events, {}
        # the kept copy's event, if any, in node order (no list of every post's row)
        rows = np.fromiter(events, np.int64, len(events))
        at = row_of_run[rows]
        kept = canon[at] == rows
        by_node = np.argsort(at[kept], kind="stable")
        for node, row in zip(at[kept][by_node].tolist(), rows[kept][by_node].tolist(),
                             strict=True):
            nodes.events[node] = events[row]
        del events, canon, row_of_run
        if self.store is not None:
            for batch in self.store.scan():
                nodes.add_stored(batch)
        nodes.close()
        return nodes

    def _records(self, nodes: Nodes, stories: StoryTable, story_index: npt.NDArray[np.int64],
                 node_event: Mapping[int, str | None]) -> Iterator[StoredPost]:
        """Records of the run's posts, streamed (a million StoredPost objects weigh 400 MB)."""
        for node in range(nodes.run_count):
            facts = nodes.events.get(node)
            language = int(nodes.lang[node])
            yield StoredPost(
                id=nodes.ids[node],
                site=nodes.strings[int(nodes.site[node])],
                language=nodes.strings[language] if language >= 0 else None,
                published=int(nodes.pub[node]),
                first_seen=int(nodes.seen[node]),
                content=int(nodes.content[node]),
                shingles=int(nodes.shingles[node]),
                words=int(nodes.words[node]),
                signature=nodes.signature(node),
                story_id=stories.story_id(int(story_index[node])),
                event_id=node_event.get(node),
                event=facts_to_json(facts) if facts is not None else None,
            )


