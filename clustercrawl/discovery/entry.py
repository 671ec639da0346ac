"""The unit every discovery channel produces: a candidate post URL plus what the channel said."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Channel(StrEnum):
    """Discovery channels, cheapest and most structured first."""

    WP_API = "wp_api"
    FEED = "feed"
    SITEMAP = "sitemap"
    LISTING = "listing"
    LINK = "link"


#: Channel order = trust order for hints (an API title beats a listing title).
CHANNEL_ORDER: tuple[Channel, ...] = tuple(Channel)


@dataclass(slots=True)
class Entry:
    """A post candidate as listed by one channel.

    Only ``url`` and ``channel`` are required; every other field is a hint that the
    extractor may use (with its provenance) when the page itself is silent.
    """

    url: str
    channel: Channel
    source_url: str = ""  # the API page / feed / sitemap / listing that listed it
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime as given by the channel
    modified: str | None = None  # ISO 8601, e.g. WP modified_gmt or sitemap lastmod
    summary: str | None = None
    content_html: str | None = None  # full body (WP content.rendered, feed content:encoded)
    topics: tuple[str, ...] = ()
    alias_urls: tuple[str, ...] = ()  # e.g. WordPress guid ``?p=123``
    language: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
