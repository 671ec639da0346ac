"""clustercrawl: cluster-organisation news and events, crawled into clean JSON Lines."""

from __future__ import annotations

__version__ = "0.1.0"

#: Bumped whenever extraction output may change for the same input, so consumers can re-process.
EXTRACTOR_VERSION = f"clustercrawl-extract/{__version__}"
