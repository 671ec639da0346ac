"""Discovery parsers: pure functions from a response body and its URL to post candidates.

No module here does I/O; the spider fetches and calls them (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from clustercrawl.discovery.entry import CHANNEL_ORDER, Channel, Entry
from clustercrawl.discovery.errors import DiscoveryError

__all__ = ["CHANNEL_ORDER", "Channel", "DiscoveryError", "Entry"]
