"""The post item: one line of the posts JSONL, in the order of ``data/post.schema.json``.

A dataclass rather than a ``scrapy.Item`` so it is typed, cheap, and usable outside Scrapy;
Scrapy's exporters keep the declaration order (2.18+), so the JSONL keys are stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(slots=True, kw_only=True)
class PostItem:
    schema_version: int = SCHEMA_VERSION
    id: str
    url: str
    alias_urls: list[str] = field(default_factory=list)
    translations: list[dict[str, str]] = field(default_factory=list)
    site_id: str
    cluster: dict[str, Any]
    post_type: str
    title: str
    language: str | None
    published: dict[str, Any]
    modified: str | None = None
    summary: str | None = None
    body_text: str
    event: dict[str, Any] | None
    call: dict[str, Any] | None = None
    topics: list[str] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    videos: list[dict[str, Any]] = field(default_factory=list)
    links_out: list[str] = field(default_factory=list)
    crawl: dict[str, Any]
    extraction: dict[str, Any]
    story_id: str | None = None
    event_id: str | None = None
