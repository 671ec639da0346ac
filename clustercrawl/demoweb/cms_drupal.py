"""Drupal 9 (Olivero-like): /node/N and pathauto aliases both answer 200 with the alias as
canonical, zero-based ?page=N views pagers, /rss.xml front-page feed, simple_sitemap
/sitemap.xml, "Soumis par admin le 05/07/2022 - 10:15" lines, a ?print=1 variant.
"""

from __future__ import annotations

from functools import partial

from .chrome import cookie_banner, eu_block, share_links
from .cms_base import Renderer, chunks
from .model import Post, Response, SitePage
from .util import esc, rfc822
from .xmlout import FeedChannel, FeedItem, rss, urlset, w3c

FEED_SIZE = 10
RDF_PREFIX = (
    "content: http://purl.org/rss/1.0/modules/content/  dc: http://purl.org/dc/terms/  "
    "foaf: http://xmlns.com/foaf/0.1/  og: http://ogp.me/ns#  schema: http://schema.org/  "
    "sioc: http://rdfs.org/sioc/ns#  xsd: http://www.w3.org/2001/XMLSchema# "
)
ROBOTS = (
    "#\n# robots.txt\n#\n# This file is to prevent the crawling and indexing of certain parts\n"
    "# of your site by web crawlers and spiders run by sites like Yahoo!\n# and Google.\n\n"
    "User-agent: *\n# CSS, JS, Images\nAllow: /core/*.css$\nAllow: /core/*.js$\n"
    "# Directories\nDisallow: /core/\nDisallow: /profiles/\n# Files\nDisallow: /README.md\n"
    "# Paths (clean URLs)\nDisallow: /admin/\nDisallow: /comment/reply/\nDisallow: /search/\n"
    "Disallow: /user/login/\nDisallow: /user/password/\n"
    "# Paths (no clean URLs)\nDisallow: /index.php/admin/\n"
)


class Drupal(Renderer):
    """Drupal 9 site with pathauto aliases per content section."""

    cms_name = "drupal"

    def section_of(self, post: Post) -> str:
        """Listing a post belongs to: agenda for events, actualites otherwise."""
        return "events" if post.category == "events" else "news"

    def alias(self, post: Post) -> str:
        """Pathauto alias: /<section-slug>/<title-slug>."""
        key = {"news": "slug_news", "events": "slug_events", "calls": "slug_calls",
               "members": "slug_members_news"}[post.category]
        return f"/{self.ui[key]}/{post.slug}"

    def post_path(self, post: Post) -> str:
        return self.alias(post)

    def alias_paths(self, post: Post) -> list[str]:
        return [f"/node/{post.ident}", f"{self.alias(post)}?print=1"]

    def list_path(self, section: str, n: int) -> str:
        """Views page ``n`` (0-based in the URL)."""
        path = f"/{self.ui['slug_' + section]}"
        return path if n == 0 else f"{path}?page={n}"

    def page_path(self, page: SitePage) -> str:
        """Alias of a basic page."""
        return f"/{page.slug}"

    def sections(self) -> dict[str, list[Post]]:
        """Listing contents."""
        return {"news": [p for p in self.newest if self.section_of(p) == "news"],
                "events": [p for p in self.newest if self.section_of(p) == "events"]}

    def post_channels(self, post: Post) -> list[str]:
        feed = ["feed"] if post in self.newest[:FEED_SIZE] else []
        return [*feed, "sitemap", "listing", "link"]

    def site_channels(self) -> list[str]:
        return ["feed", "sitemap", "listing"]

    def non_post_paths(self) -> list[str]:
        out = ["/"]
        for section, posts in self.sections().items():
            out += [self.list_path(section, n) for n in range(len(chunks(posts, 10)))]
        for page in self.site.pages:
            out += [self.page_path(page), f"/node/{page.ident}"]
        return out

    def section_paths(self) -> tuple[str | None, str | None]:
        return self.list_path("news", 0), self.list_path("events", 0)

    def excludes(self, post: Post) -> list[str]:
        submitted = self.ui["submitted"].split("{date}")[0].format(author=post.author).strip()
        return [*super().excludes(post), self.ui["print"], submitted]

    def build(self) -> None:
        for post in self.newest:
            self.add(self.alias(post), partial(self.node, post))
            self.add(f"/node/{post.ident}", partial(self.node, post))
            self.add(f"{self.alias(post)}?print=1", partial(self.node_print, post))
        for page in self.site.pages:
            for path in (self.page_path(page), f"/node/{page.ident}"):
                self.add(path, partial(self.basic_page, page))
        for section, posts in self.sections().items():
            pages = chunks(posts, 10)
            for n, items in enumerate(pages):
                self.add(self.list_path(section, n),
                         partial(self.view, section, n, len(pages), items))
            # Drupal answers an explicit ?page=0 with the first page, as views do.
            self.add(f"{self.list_path(section, 0)}?page=0",
                     partial(self.view, section, 0, len(pages), pages[0] if pages else []))
        self.add("/", self.front)
        self.add("/rss.xml", self.feed)
        self.add("/sitemap.xml", self.sitemap)
        self.add("/robots.txt", self.robots)

    def robots(self, base: str) -> Response:
        """Drupal's stock robots.txt (no Sitemap line)."""
        del base
        return self.text(ROBOTS)

    # -- pages ------------------------------------------------------------------------------
    def doc(self, title: str, canonical: str, shortlink: str | None, body_class: str,
            content: str, *, base: str, print_mode: bool = False) -> str:
        """Full Olivero-like page (or the bare print version)."""
        head = (
            f'<!DOCTYPE html>\n<html lang="{self.lang.code}" dir="ltr" prefix="{RDF_PREFIX}">\n'
            '<head>\n<meta charset="utf-8" />\n'
            '<meta name="Generator" content="Drupal 9 (https://www.drupal.org)" />\n'
            '<meta name="MobileOptimized" content="width" />\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1.0" />\n'
            f'<link rel="canonical" href="{esc(canonical)}" />\n'
            + (f'<link rel="shortlink" href="{esc(shortlink)}" />\n' if shortlink else "")
            + f'<link rel="alternate" type="application/rss+xml" title="{esc(self.site.name)}" '
            f'href="{base}/rss.xml" />\n'
            f"<title>{esc(title)} | {esc(self.site.name)}</title>\n"
            '<link rel="stylesheet" media="all" href="/sites/default/files/css/'
            'css_Xk3fO2x0.css" />\n</head>\n'
        )
        if print_mode:
            return (head + f'<body class="print-page"><div class="print-site_name">'
                    f"{esc(self.site.name)}</div>\n{content}<div class=\"print-source_url\">"
                    f"<strong>URL source:</strong> {esc(canonical)}</div></body>\n</html>\n")
        nav = [("news", self.ui["nav_news"]), ("events", self.ui["nav_events"])]
        menu = "".join(f'<li class="menu__item"><a href="{self.list_path(s, 0)}" '
                       f'class="menu__link">{esc(t)}</a></li>' for s, t in nav)
        menu += "".join(f'<li class="menu__item"><a href="{self.page_path(p)}" class="menu__link">'
                        f"{esc(p.title)}</a></li>" for p in self.site.pages if p.kind != "privacy")
        latest = "".join(f'<li><a href="{self.alias(p)}" hreflang="{self.lang.code}">'
                         f"{esc(p.title)}</a></li>" for p in self.newest[:5])
        privacy = next((p for p in self.site.pages if p.kind == "privacy"), self.site.pages[0])
        eu = eu_block(self.site.eu_footer, "/sites/default/files/logos-feder.png") \
            if self.site.eu_footer else ""
        address = "<br />".join(esc(x) for x in self.site.address)
        return (
            head + f'<body class="{body_class}">\n<a href="#main-content" class="visually-hidden '
            'focusable skip-link">Aller au contenu principal</a>\n<div class="dialog-off-canvas-'
            'main-canvas" data-off-canvas-main-canvas><div id="page-wrapper" class="page-wrapper">'
            '<div id="page"><header id="header" class="site-header" data-drupal-selector='
            f'"site-header" role="banner"><div class="site-branding"><a href="/" rel="home" '
            f'class="site-branding__name">{esc(self.site.name)}</a></div><nav role="navigation" '
            'aria-labelledby="block-olivero-main-menu-menu" id="block-olivero-main-menu" '
            f'class="primary-nav block block-menu navigation menu--main"><ul class="menu">{menu}'
            "</ul></nav></header>\n"
            '<div id="main-wrapper" class="layout-main-wrapper layout-container"><div id="main" '
            'class="layout-main"><div class="main-content"><a id="main-content" tabindex="-1"></a>'
            '<div class="region region--breadcrumb"><nav class="breadcrumb" role="navigation" '
            'aria-labelledby="system-breadcrumb"><ol class="breadcrumb__list"><li class="'
            f'breadcrumb__item"><a href="/" class="breadcrumb__link">{esc(self.ui["home"])}</a>'
            "</li></ol></nav></div>\n"
            '<div class="region region--content grid-full layout--pass--content-medium" '
            f'id="content" role="main">\n{content}</div></div>\n'
            '<div class="region region--sidebar"><div class="views-element-container block '
            f'block-views" id="block-views-block-actualites-block-1"><h2 class="block__title">'
            f'{esc(self.ui["latest"])}</h2><div class="item-list"><ul>{latest}</ul></div></div>'
            "</div></div></div>\n"
            f'<footer class="site-footer"><div class="site-footer__inner container"><div '
            f'class="region region--footer-top"><p>{address}<br />{esc(self.site.phone)} – '
            f'<a href="mailto:{esc(self.site.email)}">{esc(self.site.email)}</a></p>{eu}</div>'
            f'<div class="region region--footer-bottom"><a href="{self.page_path(privacy)}">'
            f'{esc(self.ui["privacy"])}</a> · {esc(self.ui["rights"])}</div></div></footer>\n'
            "</div></div></div>\n" + cookie_banner("drupal", self.ui, self.page_path(privacy))
            + "</body>\n</html>\n"
        )

    def submitted(self, post: Post) -> str:
        """Drupal's submitted line, with RDFa created date."""
        when = f"{self.lang.date_numeric(post.published.date())} - {post.published:%H:%M}"
        label = self.ui["submitted"].format(author="§A§", date="§D§")
        label = esc(label).replace("§A§", f'<span class="field field--name-uid"><span>'
                                             f"{esc(post.author)}</span></span>")
        return label.replace("§D§", f'<span class="field field--name-created">{esc(when)}</span>')

    def node(self, post: Post, base: str, print_mode: bool = False) -> Response:
        """Full node view; /node/N and ?print=1 declare the alias as canonical."""
        alias = self.alias(post)
        tags = "".join(f'<div class="field__item">{esc(t)}</div>' for t in post.tags)
        tag_block = (f'<div class="field field--name-field-tags field--type-entity-reference '
                     f'field--label-above"><div class="field__label">{esc(self.ui["tags"])}</div>'
                     f'<div class="field__items">{tags}</div></div>') if tags else ""
        content = (
            '<div class="block-page-title-block"><h1 class="title page-title"><span class="field '
            f'field--name-title field--type-string field--label-hidden">{esc(post.title)}</span>'
            "</h1></div>\n"
            f'<article data-history-node-id="{post.ident}" role="article" about="{alias}" '
            'class="node node--type-article node--promoted node--view-mode-full">\n'
            f'<footer class="node__meta"><div class="node__submitted">{self.submitted(post)}'
            "</div></footer>\n"
            '<div class="node__content"><div class="clearfix text-formatted field field--name-body '
            'field--type-text-with-summary field--label-hidden field__item">\n'
            f"{self.body(post, base)}</div>\n{tag_block}</div>\n</article>\n"
        )
        if not print_mode:
            content += (share_links("plain", base + alias, post.title, self.ui)
                        + '<ul class="links inline"><li class="print-html"><a '
                          f'href="{alias}?print=1"'
                        f' rel="nofollow">{esc(self.ui["print"])}</a></li></ul>\n')
        html = self.doc(post.title, base + alias, f"{base}/node/{post.ident}",
                        "path-node page-node-type-article", content, base=base,
                        print_mode=print_mode)
        return self.html(html, modified=post.modified)

    def node_print(self, post: Post, base: str) -> Response:
        """The ?print=1 variant."""
        return self.node(post, base, print_mode=True)

    def basic_page(self, page: SitePage, base: str) -> Response:
        """A basic page node."""
        content = (f'<h1 class="title page-title">{esc(page.title)}</h1>\n<article role="article" '
                   f'class="node node--type-page node--view-mode-full"><div class="node__content">'
                   f"{page.body_html}</div></article>\n")
        return self.html(self.doc(page.title, base + self.page_path(page),
                                  f"{base}/node/{page.ident}", "path-node page-node-type-page",
                                  content, base=base))

    def teaser(self, post: Post) -> str:
        """Teaser view mode."""
        return (f'<article role="article" class="node node--type-article node--view-mode-teaser">'
                f'<h2 class="node__title"><a href="{self.alias(post)}" rel="bookmark"><span>'
                f'{esc(post.title)}</span></a></h2><div class="node__submitted">'
                f'{self.submitted(post)}'
                f'</div><div class="node__content"><p>{esc(post.summary)}</p><ul class="links '
                f'inline"><li class="node-readmore"><a href="{self.alias(post)}" rel="tag" '
                'hreflang='
                f'"{self.lang.code}">{esc(self.ui["read_more"])}</a></li></ul></div></article>\n')

    def view(self, section: str, n: int, total: int, items: list[Post], base: str) -> Response:
        """Views listing page with the full pager."""
        rows = "".join(f'<div class="views-row">{self.teaser(p)}</div>' for p in items)
        pager = ""
        if total > 1:
            lis = ""
            if n > 0:
                lis += (f'<li class="pager__item pager__item--previous"><a href="?page={n - 1}" '
                        f'rel="prev"><span>{esc(self.ui["prev_page"])}</span></a></li>')
            for k in range(total):
                cls = " is-active" if k == n else ""
                cur = ' aria-current="page"' if k == n else ""
                lis += (f'<li class="pager__item{cls}"><a href="?page={k}"{cur}>'
                        f'<span class="visually-hidden">{esc(self.ui["page"])}</span> {k + 1}</a>'
                        '</li>')
            if n < total - 1:
                lis += (f'<li class="pager__item pager__item--next"><a href="?page={n + 1}" '
                        f'rel="next"><span>{esc(self.ui["next_page"])}</span></a></li>')
            pager = ('<nav class="pager" role="navigation" aria-labelledby="pagination-heading">'
                     '<h4 id="pagination-heading" class="visually-hidden">Pagination</h4>'
                     f'<ul class="pager__items js-pager__items">{lis}</ul></nav>\n')
        title = self.ui["nav_" + section]
        content = (f'<h1 class="title page-title">{esc(title)}</h1>\n<div class="views-element-'
                   f'container"><div class="view view-actualites view-display-id-page_1">'
                   f'<div class="view-content">{rows}</div>{pager}</div></div>\n')
        return self.html(self.doc(title, base + self.list_path(section, n), None,
                                  "path-" + self.ui["slug_" + section], content, base=base))

    def front(self, base: str) -> Response:
        """Front page with the newest teasers."""
        content = (f'<h1 class="visually-hidden">{esc(self.site.name)}</h1>'
                   + "".join(self.teaser(p) for p in self.newest[:6])
                   + f'<p class="more-link"><a href="{self.list_path("news", 0)}">'
                   f'{esc(self.ui["nav_news"])}</a></p>\n')
        return self.html(self.doc(self.ui["home"], f"{base}/", None, "path-frontpage", content,
                                  base=base))

    def feed(self, base: str) -> Response:
        """/rss.xml: promoted nodes, teaser HTML escaped in description, guid "N at base"."""
        items = [FeedItem(p.title, base + self.alias(p), rfc822(p.published),
                          guid=f"{p.ident} at {base}", description=f"<p>{esc(p.summary)}</p>",
                          creator=p.author)
                 for p in self.newest[:FEED_SIZE]]
        channel = FeedChannel(self.site.name, f"{base}/", f"{base}/rss.xml", "", self.lang.code)
        text = rss(channel, items)
        # the page cache answers anonymous requests with Last-Modified and ETag
        return self.xml(text, "application/rss+xml", modified=self.site.last_change(), etag=True)

    def sitemap(self, base: str) -> Response:
        """simple_sitemap: one urlset with nodes and pages."""
        entries: list[tuple[str, str | None]] = [(f"{base}/", None)]
        entries += [(base + self.list_path(s, 0), None) for s in self.sections()]
        entries += [(base + self.alias(p), w3c(p.modified)) for p in self.newest]
        entries += [(base + self.page_path(p), None) for p in self.site.pages]
        return self.xml(urlset(entries, extras="<changefreq>weekly</changefreq>"
                               "<priority>0.5</priority>", pretty=True),
                        modified=self.site.last_change(), etag=True)
