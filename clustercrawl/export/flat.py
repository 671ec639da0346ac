"""Posts as flat rows for analysts (CSV, Parquet): one column per fact, dates as ISO text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

#: The columns of a flat row, in order, with their type (str unless said).
COLUMNS: dict[str, str] = {
    "id": "str", "url": "str", "site_id": "str", "cluster_name": "str",
    "cluster_country": "str", "post_type": "str", "language": "str", "title": "str",
    "published": "str", "published_precision": "str", "modified": "str",
    "story_id": "str", "story_origin": "bool", "story_size": "int", "duplicate_of": "str",
    "event_id": "str", "event_name": "str", "event_start": "str", "event_end": "str",
    "event_all_day": "bool", "event_timezone": "str", "event_attendance": "str",
    "event_status": "str", "event_venue": "str", "event_city": "str", "event_country": "str",
    "event_online_url": "str", "call_deadline": "str", "topics": "str", "summary": "str",
    "fetched_at": "str", "channel": "str",
}


def _value(obj: Any) -> Any:
    """``{"value": ...}`` date objects to their value."""
    return obj.get("value") if isinstance(obj, dict) else obj


def flat_row(post: dict[str, Any]) -> dict[str, Any]:
    cluster = post.get("cluster") or {}
    event = post.get("event") or {}
    location = event.get("location") or {}
    published = post.get("published") or {}
    call = post.get("call") or {}
    crawl = post.get("crawl") or {}
    topics = post.get("topics") or []
    return {
        "id": post.get("id"), "url": post.get("url"), "site_id": post.get("site_id"),
        "cluster_name": cluster.get("name"), "cluster_country": cluster.get("country"),
        "post_type": post.get("post_type"), "language": post.get("language"),
        "title": post.get("title"),
        "published": _value(published), "published_precision": published.get("precision")
        if isinstance(published, dict) else None,
        "modified": _value(post.get("modified")),
        "story_id": post.get("story_id"), "story_origin": post.get("story_origin"),
        "story_size": post.get("story_size"), "duplicate_of": post.get("duplicate_of"),
        "event_id": post.get("event_id"), "event_name": event.get("name"),
        "event_start": event.get("start"), "event_end": event.get("end"),
        "event_all_day": event.get("all_day"), "event_timezone": event.get("timezone"),
        "event_attendance": event.get("attendance"), "event_status": event.get("status"),
        "event_venue": location.get("venue"), "event_city": location.get("city"),
        "event_country": location.get("country"), "event_online_url": location.get("online_url"),
        "call_deadline": _value(call.get("deadline")) if isinstance(call, dict) else None,
        "topics": "; ".join(str(t) for t in topics) if topics else None,
        "summary": post.get("summary"),
        "fetched_at": crawl.get("fetched_at"), "channel": crawl.get("channel"),
    }


def flat_rows(posts: Iterable[dict[str, Any]], since: str | None = None
              ) -> Iterator[dict[str, Any]]:
    """Flat rows of the posts published on or after ``since`` (ISO date; None = all)."""
    for post in posts:
        row = flat_row(post)
        if since is not None and not (row["published"] and str(row["published"])[:10] >= since):
            continue
        yield row
