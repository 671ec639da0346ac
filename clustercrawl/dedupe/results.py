"""What a dedupe run returns: story and event of every post, and one record per event."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["EventPost", "EventRecord", "Groups", "StoryInfo", "group_id", "id64"]


def id64(post_id: str) -> int:
    """64-bit key of a post id; post ids are 16 hex digits, so this is exact and ordered."""
    if len(post_id) == 16:
        try:
            return int(post_id, 16)
        except ValueError:
            pass
    return int.from_bytes(hashlib.blake2b(post_id.encode("utf-8"), digest_size=8).digest(), "big")


def group_id(kind: str, smallest_member: str) -> str:
    """Id of a new story/event: from its smallest member id, so independent of crawl order."""
    return hashlib.sha256(f"{kind}:{smallest_member}".encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """A post's story: the same text under other URLs or on other sites."""

    story_id: str
    origin_id: str  # earliest published copy (first seen on ties, then smallest id)
    is_origin: bool
    size: int  # copies known so far, earlier runs included


@dataclass(frozen=True, slots=True)
class EventPost:
    """One report of an event."""

    id: str
    url: str
    site_id: str
    language: str | None
    title: str


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One real-world event and every post known to report it (earlier runs included)."""

    event_id: str
    name: str | None
    start: str | None  # None: only posts that give no day report it
    end: str | None
    city: str | None
    posts: tuple[EventPost, ...]

    @property
    def post_ids(self) -> list[str]:
        return [p.id for p in self.posts]

    @property
    def urls(self) -> list[str]:
        return [p.url for p in self.posts]

    @property
    def sites(self) -> list[str]:
        return sorted({p.site_id for p in self.posts})

    @property
    def languages(self) -> list[str]:
        return sorted({p.language for p in self.posts if p.language})

    def to_dict(self) -> dict[str, Any]:
        """One line of ``events-<run>.jsonl``."""
        return {
            "event_id": self.event_id,
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "city": self.city,
            "sites": self.sites,
            "languages": self.languages,
            "posts": [
                {"id": p.id, "url": p.url, "site_id": p.site_id, "language": p.language,
                 "title": p.title}
                for p in self.posts
            ],
        }


class Groups:
    """Lookup of story and event by post id, for the posts added in this run."""

    def __init__(
        self,
        *,
        keys: npt.NDArray[np.uint64],
        story_index: npt.NDArray[np.int64],
        stories: Sequence[tuple[str, str, int]],
        origin_keys: npt.NDArray[np.uint64],
        event_ids: dict[int, str],
        events: Sequence[EventRecord],
    ) -> None:
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._story_index = story_index[order]
        self._stories = stories  # (story id, origin post id, size)
        self._origin_keys = origin_keys  # id64 of each story's origin
        self._event_ids = event_ids  # id64 -> event id
        self._events = events

    def __len__(self) -> int:
        return int(self._keys.size)

    def _find(self, post_id: str) -> tuple[int, int]:
        key = id64(post_id)
        pos = int(np.searchsorted(self._keys, np.uint64(key)))
        if pos >= self._keys.size or int(self._keys[pos]) != key:
            raise KeyError(post_id)
        return key, int(self._story_index[pos])

    def story_rows(self, keys: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
        """Row of the story table for each post key (``id64``), in bulk: one label per story
        for millions of posts without a Python call each. KeyError if a key is not in the
        run."""
        at = np.minimum(np.searchsorted(self._keys, keys), max(0, self._keys.size - 1))
        if keys.size and (self._keys.size == 0 or not np.array_equal(self._keys[at], keys)):
            raise KeyError("a key is not in this run")
        rows: npt.NDArray[np.int64] = self._story_index[at]
        return rows

    def event_of_key(self, key: int) -> str | None:
        """Event id of a post by key (``id64``), as :meth:`event` without parsing the id."""
        return self._event_ids.get(key)

    def story(self, post_id: str) -> StoryInfo:
        """Story of a post added to this run; KeyError for any other id."""
        key, index = self._find(post_id)
        story_id, origin, size = self._stories[index]
        return StoryInfo(story_id, origin, int(self._origin_keys[index]) == key, size)

    def event(self, post_id: str) -> str | None:
        """Event id of a post added to this run, None when it reports no event (or one
        without its day that no other post reports)."""
        key, _ = self._find(post_id)
        return self._event_ids.get(key)

    def events(self) -> Iterator[EventRecord]:
        """Events reported by at least one post of this run, by start date then id."""
        return iter(self._events)

    def fields(self, post_id: str) -> dict[str, Any]:
        """The JSONL fields to set on a post: story, origin, copies, event."""
        info = self.story(post_id)
        return {
            "story_id": info.story_id,
            "story_origin": info.is_origin,
            "duplicate_of": None if info.is_origin else info.origin_id,
            "story_size": info.size,
            "event_id": self.event(post_id),
        }

    @property
    def story_count(self) -> int:
        return len(self._stories)

    @property
    def event_count(self) -> int:
        return len(self._events)
