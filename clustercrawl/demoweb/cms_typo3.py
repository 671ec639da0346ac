"""TYPO3 with tx_news (bootstrap_package look): <base href> and relative links, widget
pagination with percent-encoded brackets and cHash, legacy realurl detail URLs for old
posts, news RSS at ?type=9818, XML sitemap index from EXT:seo.
"""

from __future__ import annotations

from functools import partial
from urllib.parse import quote

from .chrome import cookie_banner, eu_block, share_links
from .cms_base import Renderer, chunks
from .lang_base import LOCALES, months
from .model import Post, Response, SitePage
from .util import esc, rfc822, short_hash
from .xmlout import FeedChannel, FeedItem, rss, sitemap_index, urlset, w3c

#: Month names in the old news URLs (``/archive/2014/october/``).
EN_MONTHS = tuple(m.lower() for m in months("en").in_date)
PAGER = "tx_news_pi1[@widget_0][currentPage]"
SITEMAP_TYPE = "1533906435"
LEGACY_BEFORE = 2017
FEED_SIZE = 15


class Typo3(Renderer):
    """A TYPO3 site relaunched in 2017 that kept its old news URLs."""

    cms_name = "typo3"
    ignored_extra = frozenset({"cHash"})

    # -- addressing -----------------------------------------------------------------------
    def news_slug(self) -> str:
        """Path segment of the news section."""
        return self.ui["slug_news"]

    def post_path(self, post: Post) -> str:
        if post.published.year < LEGACY_BEFORE:
            month = EN_MONTHS[post.published.month - 1]
            return f"/news/news-detail/archive/{post.published.year}/{month}/article/{post.slug}/"
        return f"/{self.news_slug()}/detail/news/{post.slug}/"

    def list_path(self, section: str, n: int, encoded: bool = True) -> str:
        """Listing page ``n`` of a section; pages ≥ 2 carry the widget parameter and cHash."""
        path = f"/{self.ui['slug_' + section]}/"
        if n == 1:
            return path
        key = quote(PAGER, safe="") if encoded else PAGER
        chash = short_hash(self.site.id, path, n, n=32)
        return f"{path}?{key}={n}&cHash={chash}"

    def feed_path(self) -> str:
        """tx_news RSS (typeNum 9818)."""
        return f"/{self.news_slug()}/?type=9818"

    def sitemap_child(self, kind: str) -> str:
        """EXT:seo child sitemap URL."""
        chash = short_hash(self.site.id, kind, n=32)
        return f"/sitemap.xml?sitemap={kind}&type={SITEMAP_TYPE}&cHash={chash}"

    def page_path(self, page: SitePage) -> str:
        """Path of a content page."""
        return f"/{page.slug}/"

    def sections(self) -> dict[str, list[Post]]:
        """news = everything; events = the event category only."""
        return {"news": self.newest, "events": self.in_category("events")}

    def post_channels(self, post: Post) -> list[str]:
        feed = ["feed"] if post in self.newest[:FEED_SIZE] else []
        return [*feed, "sitemap", "listing", "link"]

    def site_channels(self) -> list[str]:
        return ["feed", "sitemap", "listing"]

    def non_post_paths(self) -> list[str]:
        out = ["/"]
        for section, posts in self.sections().items():
            out += [self.list_path(section, n) for n in range(1, len(chunks(posts, 10)) + 1)]
        return out + [self.page_path(p) for p in self.site.pages]

    def section_paths(self) -> tuple[str | None, str | None]:
        return self.list_path("news", 1), self.list_path("events", 1)

    def excludes(self, post: Post) -> list[str]:
        return [*super().excludes(post), self.ui["back"]]

    # -- routes -----------------------------------------------------------------------------
    def build(self) -> None:
        for post in self.newest:
            self.add(self.post_path(post), partial(self.detail, post))
        for page in self.site.pages:
            self.add(self.page_path(page), partial(self.content_page, page))
        for section, posts in self.sections().items():
            pages = chunks(posts, 10)
            for n, items in enumerate(pages, 1):
                self.add(self.list_path(section, n),
                         partial(self.listing, section, n, len(pages), items))
        self.add("/", self.home)
        self.add(self.feed_path(), self.feed)
        self.add("/sitemap.xml", self.sitemap_idx)
        for kind in ("pages", "news"):
            self.add(self.sitemap_child(kind), partial(self.sitemap, kind))
        self.add("/robots.txt", self.robots)

    def robots(self, base: str) -> Response:
        """robots.txt with the EXT:seo sitemap."""
        return self.text("User-agent: *\nDisallow: /typo3/\nDisallow: /typo3conf/\n"
                         "Allow: /typo3conf/ext/\nAllow: /typo3temp/\n\nSitemap: "
                         f"{base}/sitemap.xml\n")

    # -- pages ------------------------------------------------------------------------------
    def rel(self, path: str) -> str:
        """Links are relative to <base href>, as realurl-era templates write them."""
        return esc(path.lstrip("/"))

    def doc(self, title: str, canonical: str, pid: int, crumb: str, content: str, *,
            base: str, description: str = "") -> str:
        """Full bootstrap_package page."""
        nav = [("news", self.ui["nav_news"]), ("events", self.ui["nav_events"])]
        menu = "".join(
            f'<li class="nav-item"><a href="{self.rel(self.list_path(s, 1))}" class="nav-link" '
            f'title="{esc(t)}"><span class="nav-link-text">{esc(t)}</span></a></li>'
            for s, t in nav
        ) + "".join(
            f'<li class="nav-item"><a href="{self.rel(self.page_path(p))}" class="nav-link" '
            f'title="{esc(p.title)}"><span class="nav-link-text">{esc(p.title)}</span></a></li>'
            for p in self.site.pages if p.kind != "privacy"
        )
        latest = "".join(f'<li><a href="{self.rel(self.post_path(p))}">{esc(p.title)}</a></li>'
                         for p in self.newest[:4])
        privacy = next((p for p in self.site.pages if p.kind == "privacy"), self.site.pages[0])
        address = "<br>".join(esc(x) for x in self.site.address)
        eu = eu_block(self.site.eu_footer, "fileadmin/user_upload/efre-logo.png") \
            if self.site.eu_footer else ""
        meta_desc = f'<meta name="description" content="{esc(description)}" />\n' if description \
            else ""
        return (
            f'<!DOCTYPE html>\n<html dir="ltr" lang="{LOCALES[self.lang.code]}">\n<head>\n'
            '<meta charset="utf-8">\n<!-- \n\tThis website is powered by TYPO3 - inspiring people '
            "to share!\n\tTYPO3 is a free open source Content Management Framework initially "
            "created by Kasper Skaarhoj and licensed under GNU/GPL.\n\tInformation and "
            "contribution at https://typo3.org/\n-->\n"
            f'<base href="{base}/">\n<title>{esc(title)} - {esc(self.site.name)}</title>\n'
            '<meta name="generator" content="TYPO3 CMS" />\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
            f"{meta_desc}"
            f'<meta property="og:title" content="{esc(title)}" />\n'
            '<link rel="stylesheet" href="typo3temp/assets/compressed/merged-3f5b0c1e2a-min.css" '
            'media="all">\n'
            f'<link rel="alternate" type="application/rss+xml" title="RSS 2.0" '
            f'href="{self.rel(self.feed_path())}" />\n'
            f'<link rel="canonical" href="{esc(canonical)}"/>\n</head>\n'
            f'<body id="p{pid}" class="page-{pid} pagelevel-2 language-0 backendlayout-default '
            'layout-default">\n<div id="top"></div><div class="body-bg body-bg-top">\n'
            '<a class="visually-hidden-focusable page-skip-link" href="#page-content">'
            "<span>Zum Hauptinhalt springen</span></a>\n"
            '<header id="page-header" class="bp-page-header navbar navbar-mainnavigation '
            'navbar-default navbar-top navbar-fixed-top"><div class="container '
            f'container-mainnavigation"><a class="navbar-brand" title="{esc(self.site.name)}" '
            f'href="{base}/">{esc(self.site.name)}</a><nav aria-label="Hauptnavigation" '
            f'id="mainnavigation" class="collapse navbar-collapse"><ul class="navbar-nav">{menu}'
            "</ul></nav></div></header>\n"
            '<nav class="breadcrumb-section" aria-label="Breadcrumb"><div class="container">'
            '<ol class="breadcrumb"><li class="breadcrumb-item"><a class="breadcrumb-link" '
            f'href="{base}/"><span class="breadcrumb-text">{esc(self.ui["home"])}</span></a></li>'
            f'<li class="breadcrumb-item active" aria-current="page"><span class="breadcrumb-text">'
            f"{esc(crumb)}</span></li></ol></div></nav>\n"
            '<div id="page-content" class="bp-page-content main-section"><main><div class="section '
            'section-default"><div class="container"><div class="row"><div class="col-md-8">\n'
            f'<div id="c{pid * 3 + 1}" class="frame frame-default frame-type-list frame-layout-0">'
            f"<div class=\"frame-container\"><div class=\"frame-inner\">\n{content}</div></div>"
            "</div>\n"
            '</div><aside class="col-md-4 section-aside"><div class="frame frame-type-news_pi1">'
            f'<h3>{esc(self.ui["latest"])}</h3><ul class="news-latest">{latest}</ul></div></aside>'
            "</div></div></div></main></div>\n"
            '<footer id="page-footer" class="bp-page-footer"><section class="section '
            f'footer-section footer-section-content"><div class="container"><p><strong>'
            f"{esc(self.site.name)}</strong><br>{address}<br>Tel. {esc(self.site.phone)}<br>"
            f'<a href="mailto:{esc(self.site.email)}">{esc(self.site.email)}</a></p>{eu}</div>'
            '</section><section class="section footer-section footer-section-meta"><div '
            'class="container"><nav aria-label="Meta-Navigation" class="footer-meta-nav"><ul>'
            f'<li><a href="{self.rel(self.page_path(privacy))}">{esc(self.ui["privacy"])}</a></li>'
            f'</ul></nav><p>&copy; {esc(self.site.name)}</p></div></section></footer>\n</div>\n'
            + cookie_banner("typo3", self.ui, self.rel(self.page_path(privacy)))
            + '<script src="typo3temp/assets/compressed/merged-8a1c2e4f9b-min.js"></script>\n'
            "</body>\n</html>\n"
        )

    def date_html(self, post: Post, micro: bool) -> str:
        """The tx_news date (14.11.2018) in a <time> element."""
        iso = post.published.strftime("%Y-%m-%d")
        prop = ' itemprop="datePublished"' if micro else ""
        return (f'<span class="news-list-date"><time{prop} datetime="{iso}">'
                f"{esc(self.lang.date_numeric(post.published.date()))}</time></span>")

    def detail(self, post: Post, base: str) -> Response:
        """tx_news detail view."""
        cat = self.ui["cat_" + post.category]
        content = (
            '<div class="news news-single"><div class="article" itemscope="itemscope" '
            'itemtype="http://schema.org/Article"><div class="header"><h1 itemprop="headline">'
            f'{esc(post.title)}</h1></div><div class="footer"><p>{self.date_html(post, True)} '
            f'<span class="news-list-category">{esc(cat)}</span></p></div>\n'
            f'<div class="news-text-wrap" itemprop="articleBody">\n{self.body(post, base)}</div>\n'
            + share_links("plain", base + self.post_path(post), post.title, self.ui)
            + f'<div class="news-backlink-wrap"><a href="{self.rel(self.list_path("news", 1))}">'
            f'{esc(self.ui["back"])}</a></div></div></div>\n'
        )
        html = self.doc(post.title, base + self.post_path(post), 40, post.title, content,
                        base=base, description=post.summary)
        # config.sendCacheHeaders: the news record's tstamp as Last-Modified
        return self.html(html, modified=post.modified)

    def listing(self, section: str, n: int, total: int, items: list[Post], base: str) -> Response:
        """tx_news list view with the fluid widget paginator."""
        arts = "".join(
            '<div class="article articletype-0" itemscope="itemscope" itemtype="http://schema.org/'
            f'Article"><div class="header"><h3><a title="{esc(p.title)}" href="'
            f'{self.rel(self.post_path(p))}"><span itemprop="headline">{esc(p.title)}</span></a>'
            f'</h3></div><div class="teaser-text"><div itemprop="description"><p>{esc(p.summary)}'
            f'</p></div><a class="more" title="{esc(p.title)}" '
            f'href="{self.rel(self.post_path(p))}">'
            f'{esc(self.ui["read_more"])}</a></div><div class="footer"><p>'
            f"{self.date_html(p, False)}</p></div></div>\n"
            for p in items
        )
        pager = ""
        if total > 1:
            lis = "".join(
                f'<li class="current">{k}</li>' if k == n else
                f'<li><a href="{self.rel(self.list_path(section, k))}">{k}</a></li>'
                for k in range(1, total + 1)
            )
            if n < total:
                lis += (f'<li class="next"><a href="{self.rel(self.list_path(section, n + 1))}">'
                        f'{esc(self.ui["next_page"])}</a></li>')
            pager = (f'<div class="page-navigation"><p>{esc(self.ui["page"])} {n} / {total}</p>'
                     f'<ul class="f3-widget-paginator">{lis}</ul></div>\n')
        title = self.ui["nav_" + section]
        content = (f"<h1>{esc(title)}</h1>\n"
                   f'<div class="news"><div class="news-list-view" id="news-container-{n}">\n'
                   f"{arts}</div></div>\n{pager}")
        canonical = base + self.list_path(section, n, encoded=False).split("&cHash")[0]
        return self.html(self.doc(title, canonical, 12 if section == "news" else 13, title,
                                  content, base=base))

    def home(self, base: str) -> Response:
        """Start page: intro and the three newest teasers."""
        about = next((p for p in self.site.pages if p.kind == "about"), None)
        teasers = "".join(
            f'<div class="card"><div class="card-body"><h3><a href="{self.rel(self.post_path(p))}">'
            f"{esc(p.title)}</a></h3>{self.date_html(p, False)}<p>{esc(p.summary)}</p></div></div>"
            for p in self.newest[:3]
        )
        intro = about.body_html if about else ""
        content = (f"<h1>{esc(self.site.name)}</h1>\n{intro}\n"
                   f'<div class="card-group">{teasers}</div>\n')
        return self.html(self.doc(self.ui["home"], f"{base}/", 1, self.ui["home"], content,
                                  base=base))

    def content_page(self, page: SitePage, base: str) -> Response:
        """A regular content page."""
        content = f"<h1>{esc(page.title)}</h1>\n{page.body_html}"
        return self.html(self.doc(page.title, base + self.page_path(page), 20 + page.ident,
                                  page.title, content, base=base))

    def feed(self, base: str) -> Response:
        """tx_news RSS: teaser only, no content:encoded."""
        items = [FeedItem(p.title, base + self.post_path(p), rfc822(p.published),
                          guid=f"news-{p.ident}", description=p.summary,
                          categories=[self.ui["cat_" + p.category]])
                 for p in self.newest[:FEED_SIZE]]
        last = self.site.last_change()
        channel = FeedChannel(self.site.name, f"{base}/", base + self.feed_path(), self.site.name,
                              self.lang.code, rfc822(last) if last else "", "TYPO3 EXT:news")
        text = rss(channel, items)
        return self.xml(text, "application/rss+xml", modified=last, etag=True)

    def sitemap_idx(self, base: str) -> Response:
        """EXT:seo sitemap index."""
        last = self.site.last_change()
        lm = w3c(last) if last else None
        return self.xml(sitemap_index([(base + self.sitemap_child("pages"), lm),
                                       (base + self.sitemap_child("news"), lm)]),
                        modified=last, etag=True)

    def sitemap(self, kind: str, base: str) -> Response:
        """Child sitemap: pages or news records."""
        entries: list[tuple[str, str | None]]
        if kind == "news":
            entries = [(base + self.post_path(p), w3c(p.modified)) for p in self.newest]
        else:
            paths = ["/", *(self.page_path(p) for p in self.site.pages),
                     *(self.list_path(s, 1) for s in self.sections())]
            entries = [(base + path, None) for path in paths]
        return self.xml(urlset(entries, pretty=True), modified=self.site.last_change(), etag=True)
