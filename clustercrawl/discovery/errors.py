"""The one exception discovery parsers raise, so the spider can record why a channel failed."""

from __future__ import annotations


class DiscoveryError(ValueError):
    """A channel response held nothing readable (not a feed, not JSON, a refused sitemap…).

    Parsers return what they can from damaged input and raise this only when nothing can be
    read, so the spider can tell "channel empty" from "channel broken" per site.
    """

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason} ({url})")
        self.url = url
        self.reason = reason

    def __reduce__(self) -> tuple[type[DiscoveryError], tuple[str, str]]:
        """Pickled by its two fields: parsers run in extraction workers, and an error that
        cannot come back from one breaks the worker pool."""
        return (type(self), (self.url, self.reason))
