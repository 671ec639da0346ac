"""Extraction library: HTML of a cluster-site page (+ channel hints) -> a post dict.

Pure functions usable without Scrapy. Entry points:

- :func:`extract_post` — the whole contract (docs/ARCHITECTURE.md, "Extraction contract");
- :func:`clean_body` — the multilingual boilerplate cleaner (also used by a pipeline);
- :func:`find_date_ranges` / :func:`parse_date_range` — the date-range grammar;
- :func:`classify` — post typing over already extracted facts.
"""

from __future__ import annotations

from clustercrawl.extract.boilerplate import clean_body
from clustercrawl.extract.core import ExtractContext, extract_post
from clustercrawl.extract.daterange import DateRange, find_date_ranges, parse_date_range
from clustercrawl.extract.posttype import POST_TYPES, PostFacts, classify

__all__ = [
    "POST_TYPES",
    "DateRange",
    "ExtractContext",
    "PostFacts",
    "classify",
    "clean_body",
    "extract_post",
    "find_date_ranges",
    "parse_date_range",
]
