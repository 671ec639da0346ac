"""Bounded link following and the URL heuristics every channel shares.

Link following is the last resort, with a page budget per site: it should spend that budget
on post-like URLs and section pages, and never on assets, feeds, admin/login/search pages,
share/print variants, calendar exports or the endless months of an event calendar.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

from w3lib.url import url_query_cleaner

from clustercrawl.discovery._util import absolutize, base_href, parse_html, same_site, url_key
from clustercrawl.discovery._vocab import (
    EVENTS_SLUGS,
    NEWS_SLUGS,
    PAGE_SLUGS,
    SLUG_JOINERS,
    fold,
    words,
)

__all__ = [
    "ASSET_EXTENSIONS",
    "follow_candidates",
    "is_archive_url",
    "is_asset_url",
    "is_calendar_url",
    "is_excluded_url",
    "is_feed_url",
    "is_home_url",
    "is_page_url",
    "looks_like_listing_url",
    "looks_like_post_url",
    "post_score",
    "section_kind",
    "slug_kind",
    "strip_tracking",
    "url_section",
]

ASSET_EXTENSIONS = words(
    """jpg jpeg png gif webp svg bmp ico tif tiff heic avif pdf doc docx xls xlsx ppt pptx pps
    ppsx odt ods odp rtf txt csv zip rar 7z gz tgz tar bz2 xz mp3 mp4 m4a m4v avi mov wmv mkv
    webm ogg ogv oga wav flac flv swf css js mjs json xml rss atom ics ical vcs vcf eps ai psd
    exe msi dmg apk iso woff woff2 ttf otf eot map"""
)
_ASSET_PATH = re.compile(
    r"/(wp-content/(uploads|plugins|themes)|wp-includes|fileadmin/(?!.*\.html?$)|"
    r"sites/default/files|images/|media/(jui|system|com_|mod_)|typo3conf|typo3temp|_assets/|"
    r"uploads/)",
    re.I,
)
_TRACKING = ("utm_", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "yclid")
_EXCLUDED_PATH = re.compile(
    r"/(wp-admin|wp-login|wp-json|xmlrpc\.php|wp-cron|administrator|typo3/|user/(login|register|"
    r"password)|login|logout|log-in|signin|sign-in|sign-up|signup|register|rejestracja|"
    r"logowanie|anmelden|cart|koszyk|checkout|kasa|my-account|moje-konto|warenkorb|panier|"
    r"carrito|carrello|kosik|search|szukaj|wyszukiwarka|suche|recherche|buscar|busqueda|cerca|"
    r"ricerca|hledat|vyhledavani|print|drukuj|druck|imprimer|cdn-cgi|share|sharer|ical|ics|"
    r"feed|rss|amp|trackback|embed|comment-page-\d+|attachment)(/|$|\.)",
    re.I,
)
_EXCLUDED_KEYS = words(
    """s q query search searchword searchphrase keys tx_indexedsearch tx_kesearch_pi1[sword]
    replytocom share print printable pdf ical outlook-ical ics export phpsessid sid jsessionid
    sessionid oscsid zenid redirect_to add-to-cart wc-ajax orderby sort order_by sortby
    attachment_id download eid amp feed tribe-bar-search action"""
)
_EXCLUDED_VALUES = re.compile(
    r"(^|&)(format=(feed|pdf|raw|json|xml|ical)|tmpl=component|type=(9818|100|98)\b|"
    r"option=com_(users|search|finder|mailto|user))",
    re.I,
)
_DATE_PATH_POST = re.compile(r"/(19|20)\d\d/(0?[1-9]|1[0-2])/((0?[1-9]|[12]\d|3[01])/)?[^/]+")
_DATE_ARCHIVE = re.compile(r"/(19|20)\d\d(/(0?[1-9]|1[0-2])(/(0?[1-9]|[12]\d|3[01]))?)?/?$")
_STRONG_POST = re.compile(
    r"(/node/\d+/?$|news[-_]?detail|/detail/|/details/|/artikel/|/article/|/beitrag/|"
    r"/meldung/|/nachricht/|/wpis/|/clanek/|/clanky/[^/]+|/news/\d+|/aktualnosci/\d+|"
    r"/\d+-[a-z0-9%][\w%-]+(\.html?)?/?$|[\w%-]+[-,_]\d+\.html?$|/[\w%-]+,\d+(,[\w%-]+)*/?$)",
    re.I,
)
_SCRIPT_POST = re.compile(
    r"(news|notizi|notici|article|artikel|artykul|aktualn|wiadomosc|event|wydarzen|detail|"
    r"show|view|read|zprav|clan|novink|nachricht|meldung|post|info)\w*\.(php|aspx?|jsp|cfm)$",
    re.I,
)
_ID_KEYS = frozenset({"id", "news_id", "newsid", "nid", "aid", "article_id", "idn", "art", "idx"})
_TAXONOMY = re.compile(
    r"/(category|categories|kategoria|kategorie|kategorien|categorie|categoria|rubrik|rubrique|"
    r"tag|tags|tagi|schlagwort|etiquette|etiqueta|author|autor|auteur|autore|archive|archives|"
    r"archiv|archiwum|archivio|archivo|page|seite|strona|pagina|stranka)(/|$)",
    re.I,
)
_PAGE_PATH = re.compile(r"/(page|seite|strona|pagina|stranka)/\d+/?$", re.I)
_PAGE_KEYS = frozenset({"page", "paged", "start", "limitstart", "pag", "strana", "pg"})
_CAL_KEYS = frozenset(
    {
        "month",
        "mesic",
        "mese",
        "monat",
        "mois",
        "mes",
        "miesiac",
        "ym",
        "yearmonth",
        "cal_month",
        "calendar_month",
        "tribe-bar-date",
        "eventdate",
        "date",
        "day",
        "week",
        "tx_cal_controller[getdate]",
        "tx_sfeventmgt_pievent[overwritedemand][month]",
    }
)
_CAL_PATH = re.compile(
    r"/(events?|kalendarz|kalendarium|wydarzenia|veranstaltungen|termine|kalender|agenda|"
    r"calendar|calendario|kalendar|eventi|eventos|evenements|akce|udalosti)/(.+/)?"
    r"((month|monat|day|week|list|photo|map)/)?(19|20)\d\d-?(0[1-9]|1[0-2])?(-?\d\d)?/?$",
    re.I,
)
_LANG_ROOT = re.compile(r"^/([a-z]{2}([-_][a-z]{2})?)/?$", re.I)


def strip_tracking(url: str) -> str:
    """Drop ``utm_*``, ``fbclid`` & co.: they make one post look like many."""
    query = urlsplit(url).query
    if not query or not any(t in query.lower() for t in _TRACKING):
        return url
    keys = [k for k, _ in parse_qsl(query, keep_blank_values=True)]
    drop = [k for k in keys if k.lower().startswith(_TRACKING)]
    return str(url_query_cleaner(url, drop, remove=True, unique=False, keep_fragments=True))


def _parts(url: str) -> tuple[str, dict[str, str]]:
    """Unquoted lower-case path and query dict (keys lower-cased)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "", {}
    query = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    return unquote(parts.path).lower(), query


@lru_cache(maxsize=16384)
def is_asset_url(url: str) -> bool:
    """Images, documents, archives, media, scripts: things that are never a post page."""
    path, _ = _parts(url)
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if "." in last and last.rsplit(".", 1)[-1] in ASSET_EXTENSIONS:
        return True
    return bool(_ASSET_PATH.search(path)) and not path.endswith((".html", ".htm", "/"))


@lru_cache(maxsize=16384)
def is_feed_url(url: str) -> bool:
    """RSS/Atom/JSON feed URLs of the usual CMSs."""
    path, query = _parts(url)
    return bool(
        re.search(
            r"(/feed/?$|/feed/(rss2?|atom|rdf)/?$|/rss/?$|\.rss$|(rss|atom|feed)\.xml$)", path
        )
        or "feed" in query
        or query.get("format") == "feed"
        or query.get("type") == "9818"
    )


@lru_cache(maxsize=16384)
def is_calendar_url(url: str) -> bool:
    """Month/day/week navigation of an event calendar: an infinite trap, to be bounded."""
    path, query = _parts(url)
    for key, value in query.items():
        if key in _CAL_KEYS and re.fullmatch(
            r"(19|20)\d\d[-/.]?\d{1,2}([-/.]?\d{1,2})?|\d{1,2}", value
        ):
            return True
        if key == "tribe-bar-date" or key.endswith(("[month]", "[getdate]", "[year]")):
            return True
    if {"y", "m"} <= query.keys() or {"year", "month"} <= query.keys():
        return True
    return bool(_CAL_PATH.search(path)) or "/events/month" in path or "/events/week" in path


@lru_cache(maxsize=16384)
def is_excluded_url(url: str) -> bool:
    """Admin, login, search, share, print, export, session-id and tracking-trap URLs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    path = unquote(parts.path).lower()
    if ";jsessionid=" in path or ";sid=" in path or _EXCLUDED_PATH.search(path):
        return True
    query = parts.query
    if not query:
        return False
    keys = {k.lower() for k, _ in parse_qsl(query, keep_blank_values=True)}
    return bool(keys & _EXCLUDED_KEYS) or bool(_EXCLUDED_VALUES.search(query))


def section_kind(url: str) -> str | None:
    """``news`` / ``events`` when the URL's last path segment names such a section."""
    path, _ = _parts(url)
    segments = [s for s in path.split("/") if s]
    if not segments:
        return None
    return slug_kind(segments[-1])


def url_section(url: str) -> str | None:
    """Kind of the nearest section segment in the path (``/wydarzenia/miesiac/2025-06/``)."""
    path, _ = _parts(url)
    for segment in reversed([s for s in path.split("/") if s]):
        if kind := slug_kind(segment):
            return kind
    return None


def slug_kind(slug: str) -> str | None:
    """Section kind of one path segment: whole-word match, ``news-and-events`` included."""
    slug = fold(re.sub(r"\.(html?|php|aspx?)$", "", slug))
    if slug in NEWS_SLUGS:
        return "news"
    if slug in EVENTS_SLUGS:
        return "events"
    words = [w for w in re.split(r"[-_+]", slug) if w and w not in SLUG_JOINERS]
    if not words or len(words) > 4:
        return None
    if all(w in NEWS_SLUGS or w in EVENTS_SLUGS for w in words):
        return "news" if words[0] in NEWS_SLUGS else "events"
    return None


def is_home_url(url: str) -> bool:
    """The site root, ``/index.php`` or a language root (``/en/``)."""
    path, query = _parts(url)
    return _is_home(path, query)


def _is_home(path: str, query: dict[str, str]) -> bool:
    if query and not set(query) <= {"lang", "l", "language"}:
        return False
    return path in ("", "/", "/index.php", "/index.html", "/home", "/home/") or bool(
        _LANG_ROOT.match(path)
    )


@lru_cache(maxsize=16384)
def is_page_url(url: str) -> bool:
    """Standing pages (WordPress ``?page_id=``, contact, about, members, privacy…): no post."""
    path, query = _parts(url)
    if "page_id" in query:
        return True
    segments = [s for s in path.split("/") if s]
    if segments and _LANG_ROOT.match("/" + segments[0] + "/"):
        segments = segments[1:]
    if len(segments) != 1:
        return False
    return fold(re.sub(r"\.(html?|php|aspx?)$", "", segments[0])) in PAGE_SLUGS


@lru_cache(maxsize=16384)
def is_archive_url(url: str) -> bool:
    """Home, category/tag/author archives, date archives and pagination: never a post."""
    path, query = _parts(url)
    if _is_home(path, query):
        return True
    if _TAXONOMY.search(path) and not _DATE_PATH_POST.search(path):
        # "/category/news/" yes; but "/archiv/2019/05/some-post" is a post in an archive path
        last = path.rstrip("/").rsplit("/", 1)[-1]
        if not re.search(r"[a-z]+-[a-z]+-[a-z]+", last) or _PAGE_PATH.search(path):
            return True
    if _DATE_ARCHIVE.search(path) or _PAGE_PATH.search(path):
        return True
    if query.keys() & {"cat", "tag", "author", "paged", "m", "category_name", "tag_id"}:
        return "p" not in query
    return False


@lru_cache(maxsize=16384)
def post_score(url: str) -> int:
    """0 (not post-like) … 3 (a post URL pattern of a known CMS)."""
    path, query = _parts(url)
    if not path and not query:
        return 0
    if is_asset_url(url) or is_feed_url(url) or is_calendar_url(url):
        return 0
    if _PAGE_PATH.search(path) or _DATE_ARCHIVE.search(path) or _is_home(path, query):
        return 0
    if is_page_url(url):
        return 0
    if re.fullmatch(r"\d+", query.get("p", "")) and path in ("", "/", "/index.php"):
        return 3
    if query.get("option") == "com_content" and query.get("view") == "article":
        return 3
    if any(re.fullmatch(r"tx_\w+\[(news|event|article)\]", k) for k in query):
        return 3
    if _DATE_PATH_POST.search(path) or _STRONG_POST.search(path):
        return 3
    if _SCRIPT_POST.search(path) and any(re.fullmatch(r"\d+", query.get(k, "x")) for k in _ID_KEYS):
        return 3
    if re.search(r"\.(php|aspx?|jsp)$", path) and (query.keys() & _ID_KEYS):
        return 2
    segments = [s for s in path.split("/") if s]
    if not segments or _TAXONOMY.search(path):
        return 0
    last = re.sub(r"\.(html?|php)$", "", segments[-1])
    words = [w for w in re.split(r"[-_]", last) if w]
    if len(segments) >= 2 and any(slug_kind(s) for s in segments[:-1]) and not slug_kind(last):
        return 2 if len(words) >= 2 or re.search(r"\d", last) else 1
    if len(words) >= 4:
        return 2  # /%postname%/ permalinks: long slugs are posts, short ones pages
    return 1 if len(words) >= 2 else 0


def looks_like_post_url(url: str) -> bool:
    """Date paths, id+slug, ``/node/N``, ``?p=N``, ``com_content`` articles, ``news.php?id=``…"""
    return post_score(url) >= 2


def looks_like_listing_url(url: str) -> bool:
    """Section pages, category/tag archives and their pagination."""
    path, query = _parts(url)
    if post_score(url) >= 3:
        return False
    if section_kind(url) or _PAGE_PATH.search(path) or _TAXONOMY.search(path):
        return True
    if query.keys() & _PAGE_KEYS or any("currentpage" in k for k in query):
        return True
    return query.get("option") == "com_content" and query.get("view") in (
        "category",
        "featured",
        "archive",
    )


def follow_candidates(html: str, url: str) -> list[str]:
    """In-site links worth a visit, post-like first, then section/listing pages, then the rest."""
    root = parse_html(html)
    if root is None:
        return []
    base = base_href(root, url)
    scored: list[tuple[int, int, str]] = []
    seen = {url_key(url)}
    for position, anchor in enumerate(root.iter("a", "area")):
        if "nofollow" in (anchor.get("rel") or "").lower().split():
            continue
        found = absolutize(anchor.get("href"), base)
        if not found or not same_site(found, url):
            continue
        found = strip_tracking(found)
        key = url_key(found)
        if key in seen:
            continue
        seen.add(key)
        if is_asset_url(found) or is_feed_url(found) or is_excluded_url(found):
            continue
        if is_calendar_url(found):
            continue
        score = post_score(found)
        if score < 2 and looks_like_listing_url(found):
            score = 2 if section_kind(found) else 1
        scored.append((-score, position, found))
    scored.sort()
    return [u for _, _, u in scored]
