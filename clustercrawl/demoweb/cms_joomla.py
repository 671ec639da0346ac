"""Joomla 3 (Protostar): SEF /index.php/es/noticias/42-slug and the non-SEF
index.php?option=com_content&view=article&id=42:slug&catid=8&Itemid=101 for the same article,
category blogs paged with ?start=N, ?format=feed&type=rss, no sitemap, <base href>.
"""

from __future__ import annotations

from functools import partial

from .chrome import cookie_banner, eu_block, share_links
from .cms_base import Renderer, chunks
from .model import Post, Response, SitePage
from .util import esc, iso_utc, rfc822
from .xmlout import FeedChannel, FeedItem, rss

CATS = {"news": (8, 101), "events": (9, 102)}
ROBOTS = (
    "# If the Joomla site is installed within a folder\n# eg www.example.com/joomla/ then the "
    "robots.txt file\n# MUST be moved to the site root\n\nUser-agent: *\nDisallow: "
    "/administrator/\n"
    "Disallow: /bin/\nDisallow: /cache/\nDisallow: /cli/\nDisallow: /components/\n"
    "Disallow: /includes/\nDisallow: /installation/\nDisallow: /language/\nDisallow: /layouts/\n"
    "Disallow: /libraries/\nDisallow: /logs/\nDisallow: /modules/\nDisallow: /plugins/\n"
    "Disallow: /tmp/\n"
)
FEED_SIZE = 10
GENERATOR = "Joomla! - Open Source Content Management"


class Joomla(Renderer):
    """Joomla 3 with SEF URLs (index.php kept) and a language prefix."""

    cms_name = "joomla"

    def cat_of(self, post: Post) -> str:
        """Joomla category: eventos for events, noticias otherwise."""
        return "events" if post.category == "events" else "news"

    def prefix(self) -> str:
        """/index.php/<lang>."""
        return f"/index.php/{self.lang.code}"

    def cat_path(self, cat: str, n: int = 1) -> str:
        """Category blog page ``n`` (?start=offset)."""
        path = f"{self.prefix()}/{self.ui['slug_' + cat]}"
        return path if n == 1 else f"{path}?start={(n - 1) * self.per_page}"

    def post_path(self, post: Post) -> str:
        cat = self.cat_of(post)
        return f"{self.prefix()}/{self.ui['slug_' + cat]}/{post.ident}-{post.slug}"

    def nonsef(self, post: Post) -> str:
        """The non-SEF URL of the same article."""
        catid, itemid = CATS[self.cat_of(post)]
        return (f"/index.php?option=com_content&view=article&id={post.ident}:{post.slug}"
                f"&catid={catid}&Itemid={itemid}")

    def alias_paths(self, post: Post) -> list[str]:
        return [self.nonsef(post)]

    def feed_path(self, cat: str) -> str:
        """Category RSS feed."""
        return f"{self.cat_path(cat)}?format=feed&type=rss"

    def page_path(self, page: SitePage) -> str:
        """Single-article menu item for a page."""
        return f"{self.prefix()}/{page.slug}"

    def cats(self) -> dict[str, list[Post]]:
        """Category contents, newest first."""
        return {c: [p for p in self.newest if self.cat_of(p) == c] for c in CATS}

    def post_channels(self, post: Post) -> list[str]:
        feed = ["feed"] if post in self.cats()[self.cat_of(post)][:FEED_SIZE] else []
        return [*feed, "listing", "link"]

    def site_channels(self) -> list[str]:
        return ["feed", "listing"]

    def non_post_paths(self) -> list[str]:
        out = [f"{self.prefix()}/"]
        for cat, posts in self.cats().items():
            out += [self.cat_path(cat, n) for n in range(1, len(chunks(posts, self.per_page)) + 1)]
        return out + [self.page_path(p) for p in self.site.pages]

    def section_paths(self) -> tuple[str | None, str | None]:
        return self.cat_path("news"), self.cat_path("events")

    def build(self) -> None:
        for post in self.newest:
            self.add(self.post_path(post), partial(self.article, post))
            self.add(self.nonsef(post), partial(self.article_nonsef, post))
        for page in self.site.pages:
            self.add(self.page_path(page), partial(self.single, page))
        for cat, posts in self.cats().items():
            pages = chunks(posts, self.per_page)
            for n, items in enumerate(pages, 1):
                self.add(self.cat_path(cat, n), partial(self.blog, cat, n, len(pages), items))
            self.add(self.feed_path(cat), partial(self.feed, cat))
        self.add(f"{self.prefix()}/", self.home)
        self.add("/", self.root)
        self.add("/robots.txt", self.robots)

    def root(self, base: str) -> Response:
        """The language filter redirects / to the default language home."""
        return self.redirect(f"{base}{self.prefix()}/")

    def robots(self, base: str) -> Response:
        """Joomla's stock robots.txt (no sitemap)."""
        del base
        return self.text(ROBOTS)

    def article_nonsef(self, post: Post, base: str) -> Response:
        """The same article under its non-SEF URL."""
        return self.article(post, base, sef=False)

    # -- pages ------------------------------------------------------------------------------
    def joomla_date(self, post: Post) -> str:
        """"Publicado: 25 Noviembre 2025" (Joomla's d F Y with capitalised month)."""
        d = post.published.date()
        return self.ui["published_label"].format(
            date=f"{d.day} {self.lang.months[d.month - 1].capitalize()} {d.year}")

    def doc(self, title: str, here: str, canonical: str | None, body_class: str, content: str,
            *, feeds: bool = False) -> str:
        """Protostar page; Joomla 3 always writes <base href> with the requested URL."""
        canon = f'\t<link href="{esc(canonical)}" rel="canonical" />\n' if canonical else ""
        alt = "".join(
            f'\t<link href="{esc(self.feed_path(c))}" rel="alternate" type="application/rss+xml" '
            'title="RSS 2.0" />\n' for c in CATS) if feeds else ""
        menu = "".join(
            f'<li class="item-{CATS[c][1]}"><a href="{self.cat_path(c)}">{esc(self.ui["nav_" + c])}'
            f"</a></li>" for c in CATS
        ) + "".join(f'<li class="item-{110 + p.ident}"><a href="{self.page_path(p)}">'
                    f"{esc(p.title)}</a></li>" for p in self.site.pages if p.kind != "privacy")
        latest = "".join(f'<li itemscope itemtype="https://schema.org/Article"><a href="'
                         f'{self.post_path(p)}" itemprop="url"><span itemprop="name">{esc(p.title)}'
                         "</span></a></li>" for p in self.newest[:5])
        featured = "".join(f'<li><a href="{esc(self.nonsef(p))}">{esc(p.title)}</a></li>'
                           for p in self.newest[5:8])
        privacy = next((p for p in self.site.pages if p.kind == "privacy"), self.site.pages[0])
        eu = eu_block(self.site.eu_footer, "/images/logos/feder.png") if self.site.eu_footer else ""
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang.code}-{self.lang.code}" dir="ltr">\n<head>\n'
            '\t<meta name="viewport" content="width=device-width, initial-scale=1.0" />\n'
            f'\t<meta charset="utf-8" />\n\t<base href="{esc(here)}" />\n'
            '\t<meta name="generator" content="Joomla! - Open Source Content Management" />\n'
            f"\t<title>{esc(title)}</title>\n{canon}{alt}"
            '\t<link href="/templates/protostar/favicon.ico" rel="shortcut icon" '
            'type="image/vnd.microsoft.icon" />\n'
            '\t<link href="/templates/protostar/css/template.css?5c3e8f4a" rel="stylesheet" />\n'
            '\t<script src="/media/jui/js/jquery.min.js?5c3e8f4a"></script>\n</head>\n'
            f'<body class="site {body_class}">\n<div class="body" id="top"><div class="container">'
            '<header class="header" role="banner"><div class="header-inner clearfix">'
            f'<a class="brand pull-left" href="{self.prefix()}/"><span class="site-title" title="'
            f'{esc(self.site.name)}">{esc(self.site.name)}</span></a></div></header>\n'
            '<nav class="navigation" role="navigation"><div class="nav-collapse"><ul class="nav '
            f'menu nav-pills mod-list">{menu}</ul></div></nav>\n'
            '<div class="row-fluid"><main id="content" role="main" class="span9">'
            f'<div id="system-message-container"></div>\n{content}</main>\n'
            f'<div id="aside" class="span3"><div class="well "><h3 class="page-header">'
            f'{esc(self.ui["latest"])}</h3><ul class="latestnews mod-list">{latest}</ul></div>'
            f'<div class="well "><h3 class="page-header">{esc(self.ui["picks"])}</h3>'
            f'<div class="custom"><ul>{featured}</ul></div></div></div></div></div></div>\n'
            '<footer class="footer" role="contentinfo"><div class="container"><hr />'
            f'<p>{"<br />".join(esc(x) for x in self.site.address)} · {esc(self.site.phone)}</p>'
            f'{eu}<p class="pull-right"><a href="#top" id="back-top">↑</a></p><p>&copy; '
            f'{esc(self.site.name)} · <a href="{self.page_path(privacy)}">{esc(self.ui["privacy"])}'
            "</a></p></div></footer>\n"
            + cookie_banner("joomla", self.ui, self.page_path(privacy))
            + "</body>\n</html>\n"
        )

    def info(self, post: Post) -> str:
        """The article-info block."""
        cat = self.cat_of(post)
        return (
            '<dl class="article-info muted">\n<dt class="article-info-term">'
            f'{esc(self.ui.get("details", "Details"))}</dt>\n<dd class="createdby" '
            'itemprop="author" '
            'itemscope itemtype="https://schema.org/Person"><span itemprop="name">Super User</span>'
            f'</dd>\n<dd class="category-name"><a href="{self.cat_path(cat)}" itemprop="genre">'
            f'{esc(self.ui["cat_" + cat])}</a></dd>\n<dd class="published"><span '
            'class="icon-calendar" '
            f'aria-hidden="true"></span><time datetime="{iso_utc(post.published)}" '
            f'itemprop="datePublished">{esc(self.joomla_date(post))}</time></dd>\n</dl>\n'
        )

    def article(self, post: Post, base: str, sef: bool = True) -> Response:
        """com_content article view (SEF or not: same page, same canonical)."""
        here = base + (self.post_path(post) if sef else self.nonsef(post))
        older, newer = self.adjacent(post)
        pager = ""
        if newer:
            pager += (f'<li class="previous"><a class="hasTooltip" title="{esc(newer.title)}" '
                      f'href="{self.post_path(newer)}" rel="prev"><span aria-hidden="true">'
                      f'{esc(self.ui["prev_page"])}</span></a></li>')
        if older:
            pager += (f'<li class="next"><a class="hasTooltip" title="{esc(older.title)}" '
                      f'href="{self.post_path(older)}" rel="next"><span aria-hidden="true">'
                      f'{esc(self.ui["next_page"])}</span></a></li>')
        content = (
            '<div class="item-page" itemscope itemtype="https://schema.org/Article">\n'
            f'\t<meta itemprop="inLanguage" content="{self.lang.code}-{self.lang.code.upper()}" />'
            '\n'
            f'\t<div class="page-header"><h2 itemprop="headline">{esc(post.title)}</h2></div>\n'
            f'{self.info(post)}<div itemprop="articleBody">\n{self.body(post, base)}</div>\n'
            + share_links("plain", base + self.post_path(post), post.title, self.ui)
            + f'<ul class="pager pagenav">{pager}</ul>\n</div>\n'
        )
        itemid = CATS[self.cat_of(post)][1]
        html = self.doc(post.title, here, base + self.post_path(post),
                        f"com_content view-article no-layout no-task itemid-{itemid}", content)
        return self.html(html)

    def single(self, page: SitePage, base: str) -> Response:
        """A page shown as a single-article menu item."""
        content = (f'<div class="item-page"><div class="page-header"><h2 itemprop="headline">'
                   f"{esc(page.title)}</h2></div><div itemprop=\"articleBody\">{page.body_html}"
                   "</div></div>\n")
        return self.html(self.doc(page.title, base + self.page_path(page), None,
                                  "com_content view-article", content))

    def blog(self, cat: str, n: int, total: int, items: list[Post], base: str) -> Response:
        """Category blog page with Joomla's pagination list."""
        arts = "".join(
            f'<div class="items-row cols-1 row-{i} row-fluid clearfix"><div class="span12"><div '
            'class="item column-1" itemprop="blogPost" itemscope itemtype="https://schema.org/'
            'BlogPosting"><div class="page-header"><h2 itemprop="name"><a '
            f'href="{self.post_path(p)}"'
            f' itemprop="url">{esc(p.title)}</a></h2></div>{self.info(p)}<p>{esc(p.summary)}</p>'
            f'<p class="readmore"><a class="btn" href="{self.post_path(p)}" itemprop="url">'
            '<span class="icon-chevron-right" aria-hidden="true"></span> '
            f'{esc(self.ui["read_more"])}'
            "</a></p></div></div></div>\n"
            for i, p in enumerate(items)
        )
        pager = ""
        if total > 1:
            lis = "".join(
                f'<li class="active"><a>{k}</a></li>' if k == n else
                f'<li><a href="{esc(self.cat_path(cat, k))}" class="pagenav">{k}</a></li>'
                for k in range(1, total + 1))
            if n < total:
                lis += (f'<li class="pagination-next"><a title="{esc(self.ui["next_page"])}" '
                        f'href="{esc(self.cat_path(cat, n + 1))}" class="hasTooltip pagenav">'
                        f'{esc(self.ui["next_page"])}</a></li>')
            pager = (f'<div class="pagination"><p class="counter pull-right">{esc(self.ui["page"])}'
                     f' {n} / {total}</p><ul class="pagination-list">{lis}</ul></div>\n')
        title = self.ui["cat_" + cat]
        content = (f'<div class="blog" itemscope itemtype="https://schema.org/Blog"><div '
                   f'class="page-header"><h1>{esc(title)}</h1></div>\n{arts}{pager}</div>\n')
        return self.html(self.doc(title, base + self.cat_path(cat, n), None,
                                  f"com_content view-category layout-blog itemid-{CATS[cat][1]}",
                                  content, feeds=True))

    def home(self, base: str) -> Response:
        """Featured articles."""
        arts = "".join(f'<div class="item"><h2><a href="{self.post_path(p)}">{esc(p.title)}</a>'
                       f"</h2>{self.info(p)}<p>{esc(p.summary)}</p></div>\n"
                       for p in self.newest[:5])
        content = f'<div class="blog-featured" itemscope itemtype="https://schema.org/Blog">{arts}</div>'
        return self.html(self.doc(self.ui["home"], f"{base}{self.prefix()}/", None,
                                  "com_content view-featured", content, feeds=True))

    def feed(self, cat: str, base: str) -> Response:
        """Category RSS with full text, guid = SEF link."""
        posts = self.cats()[cat][:FEED_SIZE]
        items = [FeedItem(p.title, base + self.post_path(p), rfc822(p.published),
                          guid=base + self.post_path(p), guid_is_permalink=True,
                          description=self.body(p, base), author=f"{self.site.email} (Super User)",
                          categories=[self.ui["cat_" + cat]]) for p in posts]
        channel = FeedChannel(
            self.ui["cat_" + cat], base + self.cat_path(cat), base + self.feed_path(cat),
            self.site.name, f"{self.lang.code}-{self.lang.code}",
            rfc822(posts[0].modified) if posts else "", GENERATOR)
        text = f'<!-- generator="{GENERATOR}" -->\n' + rss(channel, items)
        return self.xml(_xml_decl_first(text), "application/rss+xml",
                        modified=self.site.last_change(), etag=True)


def _xml_decl_first(text: str) -> str:
    """Keep the XML declaration first (the generator comment follows it, as in Joomla)."""
    comment, rest = text.split("\n", 1)
    decl, body = rest.split("\n", 1)
    return f"{decl}\n{comment}\n{body}"
