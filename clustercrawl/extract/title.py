"""The post title as published: the headline, without the site name, never rewritten.

``<title>`` and ``og:title`` usually carry the site name ("Title – Site", "Site | Title");
the on-page h1 does not but is sometimes the logo or a section name. So each metadata title
is split at its separators and the variant that matches the h1 wins; without an h1 the site
name (og:site_name, JSON-LD WebSite) is cut off, and nothing else is changed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from lxml.html import HtmlElement

from clustercrawl.extract.dom import norm_space

__all__ = ["choose_title", "normalise_title", "title_variants"]

_SEPARATORS = re.compile(r"\s+(?:[|–—:•·»«/\\~]|-{1,2}|::)\s+")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def normalise_title(text: str) -> str:
    """NFKC, casefold, punctuation as space: how titles are compared."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def title_variants(title: str, site_names: Iterable[str] = ()) -> list[str]:
    """The title, then its segments (and segment runs) without the site name."""
    parts = _SEPARATORS.split(title)
    if len(parts) == 1:
        return [title]
    sites = {normalise_title(s) for s in site_names if s}
    seps = _SEPARATORS.findall(title)
    out = [title]
    # contiguous runs of segments, longest first ("A – B | Site" -> "A – B", "A", "B")
    n = len(parts)
    for length in range(n - 1, 0, -1):
        for start in range(n - length + 1):
            run = parts[start]
            for i in range(start + 1, start + length):
                run += seps[i - 1] + parts[i]
            if normalise_title(run) not in sites:
                out.append(run.strip())
    return out


def choose_title(
    headline: HtmlElement | None,
    candidates: list[str | None],
    site_names: Iterable[str] = (),
) -> str | None:
    """Pick the title: candidates in trust order (API, JSON-LD headline, og:title, <title>)."""
    sites = [s for s in site_names if s]
    site_keys = {normalise_title(s) for s in sites}
    cands = [_clean(c) for c in candidates if c and _clean(c)]
    h1 = _clean(headline.text_content()) if headline is not None else ""
    h1_key = normalise_title(h1) if h1 else ""
    if h1_key and h1_key not in site_keys:
        for cand in cands:
            for variant in title_variants(cand, sites):
                if normalise_title(variant) == h1_key:
                    return h1
        kicked = _without_kicker(h1_key, cands, sites)
        if kicked:
            return kicked
        if not cands or _looks_like_title(h1, cands):
            return h1
    for cand in cands:
        stripped = _strip_site(cand, sites)
        if stripped and normalise_title(stripped) not in site_keys:
            return stripped
    return h1 or (cands[0] if cands else None)


def _without_kicker(h1_key: str, cands: list[str], sites: list[str]) -> str | None:
    """A metadata title that is the h1 minus a leading kicker ("Tunesien | Große Aufgaben…"
    shown as one h1): the h1's text joined the kicker span to the headline."""
    for cand in cands:
        for variant in title_variants(cand, sites):
            key = normalise_title(variant)
            if len(key.split()) >= 3 and h1_key.endswith(" " + key):
                return variant
    return None


def _clean(text: str | None) -> str:
    return norm_space(html.unescape(text)).replace("\n", " ") if text else ""


def _looks_like_title(h1: str, cands: list[str]) -> bool:
    """An h1 that matches no metadata title: keep it when it reads like a post headline
    (several words) and shares words with a candidate; a lone section name does not."""
    words = normalise_title(h1).split()
    if len(words) < 3:
        return False
    h1_words = set(words)
    for cand in cands:
        cand_words = set(normalise_title(cand).split())
        if cand_words and len(h1_words & cand_words) / len(h1_words) >= 0.5:
            return True
    return len(words) >= 5


def _strip_site(title: str, sites: list[str]) -> str:
    """Remove a leading or trailing site-name segment; otherwise the title as is."""
    if not sites:
        return title
    site_keys = {normalise_title(s) for s in sites}
    parts = _SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    seps = _SEPARATORS.findall(title)
    if normalise_title(parts[-1]) in site_keys or _contains_site(parts[-1], site_keys):
        return _join(parts[:-1], seps[:-1])
    if normalise_title(parts[0]) in site_keys or _contains_site(parts[0], site_keys):
        return _join(parts[1:], seps[1:])
    return title


def _contains_site(part: str, site_keys: set[str]) -> bool:
    key = normalise_title(part)
    squashed = key.replace(" ", "")
    return any(
        len(s) >= 4 and ((s in key and len(key) <= len(s) + 12) or s.replace(" ", "") == squashed)
        for s in site_keys
    )


def _join(parts: list[str], seps: list[str]) -> str:
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return out.strip()
