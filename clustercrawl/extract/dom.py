"""DOM and text helpers of extraction: the project's one module, ``clustercrawl.dom``."""

from __future__ import annotations

from clustercrawl.dom import (
    BLOCK_TAGS,
    absolute_url,
    block_text,
    class_id,
    norm_space,
    parse_fragment,
    parse_html,
    same_site,
)
from clustercrawl.urls import site_key as host_of  # host without www. (and a port if any)

__all__ = [
    "BLOCK_TAGS",
    "absolute_url",
    "block_text",
    "class_id",
    "host_of",
    "norm_space",
    "parse_fragment",
    "parse_html",
    "same_site",
]
