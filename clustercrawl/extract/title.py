"""The post title as published: the headline, without the site name, never rewritten.

``<title>`` and ``og:title`` usually carry the site name ("Title – Site", "Site | Title");
the on-page h1 does not but is sometimes the logo or a section name. So each metadata title
is split at its separators and the variant that matches the h1 wins; without an h1 the site
name (og:site_name, JSON-LD WebSite) is cut off, and nothing else is changed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.extract.dom import norm_space
from clustercrawl.extract.sitename import (
    GENERIC_SEGMENTS,
    SEPARATORS,
    host_labels,
    normalise_title,
    site_identity_texts,
    strip_site,
)

__all__ = [
    "choose_title",
    "headline_text",
    "normalise_title",
    "site_identity_texts",
    "title_variants",
]

# an h1 often stacks a kicker ("Klimaschutz", "Interne Unterlagen im Netz") over the headline,
# in its own element; screen-reader separators (": ") sit between them
_KICKER = re.compile(
    r"kicker|dachzeile|overline|topline|roofline|eyebrow|supertitle|super-title|pretitle|"
    r"pre-title|subheadline|sub-headline|subtitle|titleheader|topic-label|spitzmarke|"
    r"category-label|label-category|rubrik",
    re.IGNORECASE,
)
_HIDDEN = re.compile(
    r"visually-?hidden|sr-only|screen-reader|element-invisible|hide-accessible|hiddendash|"
    r"(?<![\w-])(?:hidden|invisible)(?![\w-])",
    re.IGNORECASE,
)


def headline_text(h1: HtmlElement) -> tuple[str, str]:
    """(visible text, text without a kicker element) of a headline element."""
    full: list[str] = []
    main: list[str] = []
    kicker = False

    def walk(el: HtmlElement, in_kicker: bool) -> None:
        nonlocal kicker
        for child in el:
            if not isinstance(child.tag, str):
                if child.tail:
                    full.append(child.tail)
                    if not in_kicker:
                        main.append(child.tail)
                continue
            names = f"{child.get('class', '')} {child.get('id', '')}"
            hidden = _HIDDEN.search(names) is not None or child.get("aria-hidden") == "true"
            is_kicker = in_kicker or _KICKER.search(names) is not None or (
                child.tag == "small" and child.getnext() is not None
                and child.getnext().tag == "br")
            kicker = kicker or (is_kicker and not in_kicker)
            if child.tag == "br":
                full.append(" ")
                main.append(" ")
            elif not hidden and child.tag not in _NOT_SHOWN:
                if child.text:
                    full.append(child.text)
                    if not is_kicker:
                        main.append(child.text)
                walk(child, is_kicker)
                full.append(" " if child.tag in {"div", "p", "span"} else "")
                main.append(" " if child.tag in {"div", "p", "span"} else "")
            if child.tail:
                full.append(child.tail)
                if not in_kicker:
                    main.append(child.tail)

    if h1.text:
        full.append(h1.text)
        main.append(h1.text)
    walk(h1, False)
    full_text = " ".join("".join(full).split())
    main_text = " ".join("".join(main).split()) if kicker else full_text
    if not kicker:
        lead = _lead_element(h1)
        if lead is not None:
            lead_text = headline_text(lead)[0]  # without its <style> (CSS-in-JS) and hidden parts
            rest = full_text[len(lead_text):].strip() if full_text.startswith(
                lead_text) else ""
            rest = rest.lstrip(":|–—- ").strip()
            if (lead_text and len(normalise_title(lead_text).split()) <= _LEAD_WORDS
                    and len(rest.split()) >= 2
                    and not rest[0].islower()):  # "<b>Ehezoff</b> der Pochers…" is one line
                main_text = rest
    return full_text, main_text or full_text


_LEAD_WORDS = 6
#: not part of the headline as read: code, and ruby annotations (the reading aid printed
#: above kanji: "<ruby>子<rt>こ</rt></ruby>" reads "子")
_NOT_SHOWN = frozenset({"script", "style", "noscript", "template", "rt", "rp"})
_INLINE_SKIP = frozenset({"script", "style", "noscript", "template", "br", "img", "svg"})


def _lead_element(h1: HtmlElement) -> HtmlElement | None:
    """A styled element opening the h1, before the headline's own text
    (``<h1><span class="toptitle">Kicker</span> Headline</h1>``, also inside a wrapping link):
    the overline, shown apart from the headline."""
    node = h1
    for _ in range(3):
        if (node.text or "").strip():
            return None
        kids = [c for c in node if isinstance(c.tag, str) and c.tag not in _INLINE_SKIP
                and not _HIDDEN.search(f"{c.get('class', '')} {c.get('id', '')}")]
        if not kids:
            return None
        first = kids[0]
        if len(kids) == 1 and not (first.tail or "").strip():
            node = first  # a link or span around the whole headline
            continue
        return first
    return None


def title_variants(title: str, site_names: Iterable[str] = ()) -> list[str]:
    """The title, then its segments (and segment runs) without the site name."""
    parts = SEPARATORS.split(title)
    if len(parts) == 1:
        return [title]
    sites = {normalise_title(s) for s in site_names if s}
    seps = SEPARATORS.findall(title)
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


def _without_date_segment(title: str | None) -> str | None:
    """"23.01.2022 - Headline": a segment that is only a date is the post's date."""
    if not title:
        return title
    parts = SEPARATORS.split(title)
    if len(parts) > 1 and _DATE_SEGMENT.match(parts[0]):
        return title[title.index(parts[1], len(parts[0])):].strip() or title
    return title


def choose_title(
    headline: HtmlElement | None,
    candidates: list[str | None],
    site_names: Iterable[str] = (),
    page_names: Callable[[], Iterable[str]] | None = None,
) -> str | None:
    """The headline as published (see :func:`_choose_title`), without a leading date or a
    breadcrumb trail; None when the only headline is a mail client's notice."""
    title = _without_date_segment(_choose_title(headline, candidates, site_names, page_names))
    if title and _MAIL_CHROME.search(title):
        return None  # "If this newsletter is not displayed properly, click here": no headline
    return _without_breadcrumb(title)


#: a newsletter archive's first line tells how to read the mail, in every language
_MAIL_CHROME = re.compile(
    r"(?:newsletter|e-?mail|message|mail|nachricht|wiadomo|zpráv|zprav|correo|messaggio)"
    r".{0,60}(?:not (?:be )?(?:displayed|shown|showing|display)"
    r"|nicht (?:richtig|korrekt|einwandfrei) angezeigt|ne s.affiche pas|mal affiché"
    r"|no se (?:ve|visualiza|muestra)|non (?:viene )?visualizzat|non si vede"
    r"|nie wyświetla|nezobrazuje|nezobrazí|sa nezobraz)"
    r"|view (?:this|it|the) (?:e-?mail|newsletter|message)? ?(?:in|on) (?:your|a) (?:web )?browser"
    r"|(?:im|in Ihrem) Browser (?:ansehen|anzeigen|öffnen)"
    r"|(?:voir|afficher) (?:la )?version (?:en ligne|web)|ver (?:la )?versión web"
    r"|(?:visualizza|apri) (?:nel|la versione) (?:browser|web)"
    r"|zobrazit (?:v )?(?:prohlížeči|webové verzi)|zobacz w przeglądarce",
    re.IGNORECASE)
#: "Home > Events > Title": a breadcrumb trail shown as the headline; its last step is it
_CRUMB = re.compile(r"\s+(?:>|›|»|→)\s+")
_HOME_STEPS = frozenset({
    "home", "home page", "homepage", "start", "startseite", "accueil", "inicio", "portada",
    "strona główna", "główna", "úvod", "domů", "hlavná stránka", "úvodná stránka",
    "pagina iniziale", "homepagina", "you are here", "sie sind hier", "vous êtes ici"})


def _without_breadcrumb(title: str | None) -> str | None:
    """The trail's last step when the title starts at the site's home ("Home > ...")."""
    if not title:
        return title
    steps = _CRUMB.split(title)
    if len(steps) < 2 or normalise_title(steps[0]) not in _HOME_STEPS:
        return title
    return steps[-1].strip() or title


def _choose_title(
    headline: HtmlElement | None,
    candidates: list[str | None],
    site_names: Iterable[str] = (),
    page_names: Callable[[], Iterable[str]] | None = None,
) -> str | None:
    """Pick the title: candidates in trust order (API, JSON-LD headline, og:title, <title>).

    ``site_names`` (og:site_name, host…) disqualify an h1 equal to one; ``page_names``
    (logo and copyright texts, computed only when needed) only serve to cut site-name
    segments off metadata titles.
    """
    sites = [s for s in site_names if s]
    cands = _untruncated([_clean(c) for c in candidates if c and _clean(c)])
    h1, h1_main = headline_text(headline) if headline is not None else ("", "")
    h1, h1_main = _clean(h1), _clean(h1_main)
    if h1 and headline is not None and _is_site_heading(headline, h1, cands, page_names):
        sites.append(h1)  # the blog's name in an h1 ("Four Years Remaining » Post title")
        h1 = h1_main = ""
    site_keys = {normalise_title(s) for s in sites}
    if h1_main and h1_main != h1 and len(normalise_title(h1_main).split()) >= 2 and not (
            headline is not None and not _kicker_apart(headline)
            and _shown_whole(h1, h1_main, cands, sites)):
        return h1_main  # the headline under a kicker
    h1_key = normalise_title(h1) if h1 else ""
    if h1_key and h1_key not in site_keys:
        for cand in cands:
            for variant in title_variants(cand, sites):
                if normalise_title(variant) == h1_key:
                    later = _later_heading(headline, h1_key, cand, sites)
                    return later or h1
        kicked = _without_kicker(h1, h1_key, cands, sites) or _without_trailer(
            h1, h1_key, cands, sites)
        if kicked:
            return kicked
        if not cands or _looks_like_title(h1, cands):
            return h1
        other = _agreeing_heading(headline, cands, sites)
        if other:
            return other
    strip_names = sites + host_labels(sites)
    if page_names is not None and any(SEPARATORS.search(c) for c in cands):
        strip_names += [s for s in page_names() if s]  # logo texts: only to cut segments
    for cand in cands:
        before, stripped = cand, strip_site(cand, strip_names)
        while stripped != before:  # "Site » Blog Archive » Title": one segment at a time
            before, stripped = stripped, strip_site(stripped, strip_names)
        if stripped and normalise_title(stripped) not in site_keys:
            return stripped
    return h1 or (cands[0] if cands else None)


_HEADINGS = etree.XPath("//h1|//h2")


#: an element the site itself names as the headline's kicker (not merely a styled lead or
#: a "subtitle" span): it is shown apart from the headline
_MARKED_KICKER = etree.XPath(
    ".//*[re:test(concat(@class, ' ', @id), 'kicker|dachzeile|overline|topline|roofline|"
    "eyebrow|spitzmarke|topic-label|supertitle|super-title|pretitle|pre-title', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"})
#: or the headline's own part marked as such after the lead ("<span class=headline>")
_MARKED_MAIN = etree.XPath(
    ".//*[preceding-sibling::*][re:test(@class, 'headline|(?:^|[_-])title(?:$|\\s)', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"})


def _kicker_apart(headline: HtmlElement) -> bool:
    """Whether the site's markup shows the h1's lead as a kicker apart from the headline."""
    return bool(_MARKED_KICKER(headline)) or bool(_MARKED_MAIN(headline))


def _shown_whole(h1: str, h1_main: str, cands: list[str], sites: list[str]) -> bool:
    """The kicker is part of the headline as published when the metadata titles (JSON-LD
    headline, og:title, <title>) carry it too and none gives the headline without it."""
    keys = {normalise_title(v) for c in cands for v in title_variants(c, sites)}
    return normalise_title(h1) in keys and normalise_title(h1_main) not in keys


def _agreeing_heading(headline: HtmlElement | None, cands: list[str],
                      sites: list[str]) -> str | None:
    """When the h1 found is a section name, another h1 that shows the metadata title, or
    the metadata title cut short ("…nach Singapur" for "…nach Singapur, Thailand")."""
    if headline is None:
        return None
    keys = [normalise_title(v) for c in cands for v in title_variants(c, sites)]
    keys = [k for k in keys if len(k.split()) >= 4]
    if not keys:
        return None
    for el in _H1S(headline.getroottree())[:10]:
        if el is headline:
            continue
        text = _clean(headline_text(el)[0])
        key = normalise_title(text)
        if len(key.split()) >= 4 and any(k == key or k.startswith(key + " ") for k in keys):
            return text
    return None


_H1S = etree.XPath("//h1")


def _later_heading(headline: HtmlElement | None, h1_key: str, cand: str,
                   sites: list[str]) -> str | None:
    """When the h1 is a one- or two-word section name that is a segment of the title
    ("Zoll online - Fachmeldungen - Verkündung des …"), another heading of the page that
    shows a later, longer segment is the post's headline."""
    if headline is None or len(h1_key.split()) > 2:
        return None
    parts = [p.strip() for p in SEPARATORS.split(cand)]
    keys = [normalise_title(p) for p in parts]
    if h1_key not in keys:
        return None
    later = {k: p for k, p in zip(keys[keys.index(h1_key) + 1:],
                                  parts[keys.index(h1_key) + 1:], strict=True)
             if len(k.split()) > len(h1_key.split()) and k not in {
                 normalise_title(s) for s in sites}}
    if not later:
        return None
    for el in _HEADINGS(headline.getroottree())[:30]:
        text = _clean(el.text_content())
        if normalise_title(text) in later:
            return text
    return None


def _untruncated(cands: list[str]) -> list[str]:
    """A metadata title cut short by an unescaped quote (``content="…de "Quote""``) is
    replaced by the longer one it begins."""
    out = []
    for cand in cands:
        longer = [other for other in cands if len(other) > len(cand)
                  and other.startswith(cand) and other[len(cand):].startswith(_QUOTES)]
        out.append(longer[0] if longer else cand)
    return out


_QUOTES = (' "', " “", " „", " «", " '")


_SITE_CLASS = re.compile(
    r"(?<![a-z])(?:logo|site-?title|site-?name|sitename|brand|masthead|blog-?title|"
    r"site-?branding|header-?title|site-?header)(?![a-z])", re.IGNORECASE)
_HOME_HREF = re.compile(r"^(?:/|\./|index\.\w+|https?://[^/]+/?)$")
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/")


def _is_site_heading(el: HtmlElement, text: str, cands: list[str],
                     page_names: Callable[[], Iterable[str]] | None) -> bool:
    """An h1 that names the site, not the post: one segment of a longer metadata title
    ("Four Years Remaining » Blog Archive » Interning…") that the page marks as its name
    (a link home, a logo or site-title class, the logo's or copyright's text)."""
    key = normalise_title(text)
    segment = False
    for cand in cands:
        parts = [normalise_title(p) for p in SEPARATORS.split(cand)]
        if key != normalise_title(cand) and key in parts and len(key) < max(map(len, parts)):
            segment = True  # a segment, and not the longest: the headline usually is
            break
    if not segment:
        return False
    node: HtmlElement | None = el
    for _ in range(3):
        if node is None:
            break
        if _SITE_CLASS.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
        node = node.getparent()
    links = [*el.iter("a"), *el.iterancestors("a")]
    if any(_HOME_HREF.match(_ARCHIVED.sub("", (a.get("href") or "").strip())) for a in links):
        return True
    return page_names is not None and key in {normalise_title(n) for n in page_names()}


def _without_kicker(h1: str, h1_key: str, cands: list[str], sites: list[str]) -> str | None:
    """A metadata title that is the h1 minus a leading kicker ("Tunesien | Große Aufgaben…"
    shown as one h1): the h1's text joined the kicker span to the headline. A longer lead-in
    ("Wie pflege ich meine Zaubernuss…") or one set off by a colon ('"Pure Leere": …') is
    part of the headline as shown."""
    for cand in cands:
        for variant in title_variants(cand, sites):
            key = normalise_title(variant)
            if len(key.split()) >= 3 and h1_key.endswith(" " + key):
                lead = h1_key[: -len(key)].split()
                raw = h1.split()
                lead_raw, after = raw[: len(lead)], raw[len(lead): len(lead) + 1]
                if len(lead) > _KICKER_WORDS or not lead_raw:
                    continue
                if after and after[0] in _KICKERSEPARATORS:
                    return variant  # '"Reformstau lösen" / Headline'
                if (not _LEAD_IN_PUNCT.search(" ".join(lead_raw))
                        and not lead_raw[-1][:1].islower()):  # "Eignet sich eine …"
                    return variant
    return None


def _without_trailer(h1: str, h1_key: str, cands: list[str], sites: list[str]) -> str | None:
    """A metadata title that is the h1 minus what the template appended to it: the date
    and categories ("Headline 02.02.2022 • Verband, Presse")."""
    for cand in cands:
        for variant in title_variants(cand, sites):
            key = normalise_title(variant)
            if len(key.split()) >= 3 and h1_key.startswith(key + " ") and (
                    _TRAILER.match(h1[len(variant):])):
                return variant
    return None


_TRAILER = re.compile(r"\s*(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d\d-\d\d|[•|·])")
_DATE_SEGMENT = re.compile(r"^\s*(?:\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})|\d{4}-\d\d-\d\d)\s*$")
_KICKER_WORDS = 3
_KICKERSEPARATORS = frozenset({"/", "|", "–", "—", "-", "•", "·", "»"})
_LEAD_IN_PUNCT = re.compile(r"[:?!]")


_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _clean(text: str | None) -> str:
    """Unescaped, on one line, without invisible characters (soft hyphens, zero-width
    spaces: "Mes\u00adsen\u00adger" is shown as "Messenger")."""
    if not text:
        return ""
    return norm_space(_INVISIBLE.sub("", html.unescape(text))).replace("\n", " ")


def _looks_like_title(h1: str, cands: list[str]) -> bool:
    """An h1 that matches no metadata title: keep it when it reads like a post headline
    (several words sharing words with a candidate, or many words), or when a short h1
    shares a significant word with one ("Ischgl" in "Trails! Ischgl": the visible headline,
    not the SEO title). A label ("Sie sind hier:", "Leggi anche:") is no headline."""
    words = normalise_title(h1).split()
    if not words or h1.rstrip().endswith(":"):
        return False
    h1_words = set(words)
    cand_words = [set(normalise_title(c).split()) for c in cands]
    if all(normalise_title(c) in GENERIC_SEGMENTS for c in cands):
        return True  # the metadata says only "Home"
    if len(words) >= 3:
        for cw in cand_words:
            if cw and len(h1_words & cw) / len(h1_words) >= 0.5:
                return True
        if len(words) >= 5:
            return True
    if SEPARATORS.search(h1):
        return False  # "OutdoorNews | Eintrag": a section and a page kind, no headline
    significant = {w for w in h1_words if len(w) >= 4 or any(ch.isdigit() for ch in w)}
    if any(significant & cw for cw in cand_words):
        return True
    # German compounds: "Chorgeschichte" for "Geschichte", "Finanzierung" in "Autofinanzierung"
    long_words = {w for w in h1_words if len(w) >= 6}
    return any(a in b or b in a for cw in cand_words for b in cw if len(b) >= 6
               for a in long_words)


