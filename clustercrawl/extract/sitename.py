"""Site names in titles: which segments of "Headline | Site - Claim" name the site.

Shared by the title choice (``title``) and the headline finder: titles are compared
normalised, split at their separators, and a segment is the site's name when it equals or
nearly equals a name the page gives itself (og:site_name, host, logo, copyright holder).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.extract.dom import norm_space

__all__ = [
    "GENERIC_SEGMENTS",
    "SEPARATORS",
    "host_labels",
    "join_segments",
    "normalise_title",
    "site_identity_texts",
    "strip_site",
]

SEPARATORS = re.compile(r"\s+(?:[|–—:•·»«/\\~]|-{1,2}|::)\s+")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def normalise_title(text: str) -> str:
    """NFKC, casefold, punctuation as space: how titles are compared. Remembered for short
    texts: one page compares the same few titles ~30 times (6 distinct a page on aeb)."""
    return _normalised(text) if len(text) <= _REMEMBERED_CHARS else _normalise(text)


_REMEMBERED_CHARS = 500


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


_normalised = lru_cache(maxsize=2048)(_normalise)


#: segments that name a part of any site, not a post ("Site » Blog Archive » Title")
GENERIC_SEGMENTS = frozenset({
    "blog archive", "blog archiv", "archive", "archiv", "blog", "news", "home", "startseite",
    "aktuelles", "aktuell", "neuigkeiten", "nachrichten", "presse", "pressemitteilungen",
    "actualités", "actualites", "noticias", "notizie", "aktualności"})


def strip_site(title: str, sites: list[str]) -> str:
    """Remove leading or trailing site-name segments ("X | Site - Claim"), and generic
    section names next to them; otherwise the title as is."""
    if not sites:
        return title
    site_keys = ({normalise_title(s) for s in sites} | GENERIC_SEGMENTS) - {""}
    parts = SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    seps = SEPARATORS.findall(title)
    n = len(parts)
    for k in range(n - 1, 0, -1):  # the longest site-name run first
        tail = join_segments(parts[n - k:], seps[n - k:])
        if _is_site(tail, site_keys) or (k == 1 and _contains_site(tail, site_keys)):
            return join_segments(parts[: n - k], seps[: n - k - 1])
    for k in range(n - 1, 0, -1):
        head = join_segments(parts[:k], seps[: k - 1])
        if _is_site(head, site_keys) or (k == 1 and _contains_site(head, site_keys)):
            return join_segments(parts[k:], seps[k:])
    for i in range(1, n - 1):  # "Title : Site | Claim | Founded 2005": the site in between
        if normalise_title(parts[i]) not in GENERIC_SEGMENTS and _is_site(parts[i], site_keys):
            return join_segments(parts[:i], seps[: i - 1])
    return title


def host_labels(sites: list[str]) -> list[str]:
    """The name part of host names among the site names ("www.myoos.de" -> "myoos")."""
    out = []
    for site in sites:
        if " " not in site and "." in site:
            labels = [lab for lab in site.lower().split(".") if lab not in {"www", "m"}]
            if len(labels) >= 2 and len(labels[-2]) >= 4:
                out.append(labels[-2])
    return out


def _is_site(part: str, site_keys: set[str]) -> bool:
    key = normalise_title(part)
    return key in site_keys or _contains_site(part, site_keys)


def _contains_site(part: str, site_keys: set[str]) -> bool:
    """A segment naming the site: equal to a site name, containing one with a few words
    around it ("Umweltbundesamt", "AOC media - Analyse…"), or the host glued ("myoos")."""
    key = normalise_title(part)
    if not key:
        return False
    squashed = key.replace(" ", "")
    words = len(key.split())
    for s in site_keys:
        if len(s) < 4:
            continue
        bare = s.replace(" ", "")
        if bare == squashed or (s in key and len(key) <= len(s) + 12):
            return True
        if words <= 4 and len(bare) >= 5 and (bare in squashed or (
                len(squashed) >= 6 and squashed in bare)):
            return True
        shared = {w for w in set(key.split()) & set(s.split()) if len(w) >= 4}
        if len(shared) >= 2 and 3 * len(shared) >= 2 * words:
            return True  # "Verband Bayern (VB)" for "Verband Bayern e.V."
    return False


_HOME_LINKS = etree.XPath(
    "//a[@href='/' or @href='./' or @href='index.html' or @href='index.php' or "
    "contains(@class, 'logo') or contains(@class, 'brand') or @rel='home']"
    "[not(ancestor::article or ancestor::main or .//h1)]")
_LOGOS = etree.XPath(
    "//*[contains(@class, 'logo') or contains(@id, 'logo') or contains(@class, 'site-title') "
    "or contains(@class, 'site-name') or contains(@class, 'sitename') or "
    "contains(@class, 'brand')][not(self::html or self::body)]"
    "[not(ancestor::article or ancestor::main or .//h1 or ancestor::h1)]")
_COPYRIGHT = etree.XPath("//footer//text()[contains(., '©')]|//text()[contains(., '©')]")
#: the same nodes: the footer's are among the page's, and a union is in document order
#: (one scan of the text nodes instead of two; tests compare them)
_COPYRIGHT_TEXTS = etree.XPath("//text()[contains(., '©')]")
_YEARS = re.compile(r"©|\(c\)|copyright|\b(?:19|20)\d\d\b|[-–]\s*(?:19|20)\d\d|all rights"
                    r" reserved|alle rechte vorbehalten|tous droits réservés", re.IGNORECASE)


def site_identity_texts(tree: HtmlElement, url: str) -> list[str]:
    """Names the page gives its site: logo and home-link texts and alts, the copyright
    holder. A title segment equal to one of them is the site name, not the headline."""
    out: list[str] = []
    host = urlsplit(url).netloc.lower()
    for a in _HOME_LINKS(tree)[:6] + _LOGOS(tree)[:6]:
        href = (a.get("href") or "").strip()
        if a.tag == "a" and href.startswith("http") and urlsplit(href).netloc.lower() != host:
            continue
        texts = [norm_space(a.text_content()), a.get("title") or ""]
        texts += [img.get("alt") or "" for img in a.iter("img")][:2]
        out += [t.replace("\n", " ") for t in texts if t and len(t) <= 80]
    for node in _COPYRIGHT_TEXTS(tree)[:2]:
        holder = " ".join(_YEARS.sub(" ", str(node)).split()).strip(" .,|-–")
        if 3 <= len(holder) <= 60:
            out.append(holder)
    return list(dict.fromkeys(out))


def join_segments(parts: list[str], seps: list[str]) -> str:
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return out.strip()
