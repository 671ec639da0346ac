"""WordPress sites, with pretty (/YYYY/MM/DD/slug/) or plain (/?p=123) permalinks.

Pretty: /wp-json/, /feed/, /wp-sitemap.xml, /page/N/, /category/x/, ?p=ID -> 301.
Plain: ?rest_route=, ?feed=rss2, ?sitemap=index, ?paged=N, ?cat=N; /wp-json/ is a 404.
"""

from __future__ import annotations

import json
from functools import partial
from urllib.parse import urlencode

from .chrome import cookie_banner, eu_block, newsletter_box, share_links
from .cms_base import chunks
from .lang_base import LOCALES
from .model import TRACKING_QUERY, Post, Response, SitePage
from .util import RouteKey, esc, excerpt_words, iso_local, iso_utc, rfc822
from .wp_api import CATEGORY_IDS, WpApiMixin
from .xmlout import FeedChannel, FeedItem, rss, sitemap_index, urlset, w3c

WP_VERSION = "6.4.3"
FEED_SIZE = 10


class WordPress(WpApiMixin):
    """WordPress with pretty permalinks (Yoast SEO installed)."""

    cms_name = "wordpress"
    plain = False
    yoast = True

    # -- addressing -----------------------------------------------------------------------
    def post_path(self, post: Post) -> str:
        if self.plain:
            return f"/?p={post.ident}"
        d = post.published
        return f"/{d.year}/{d.month:02d}/{d.day:02d}/{post.slug}/"

    def permalink(self, post: Post, base: str) -> str:
        return base + self.post_path(post)

    def page_path(self, page: SitePage) -> str:
        """Path of a WP page."""
        return f"/?page_id={page.ident}" if self.plain else f"/{page.slug}/"

    def page_link(self, page: SitePage, base: str) -> str:
        return base + self.page_path(page)

    def home_path(self, n: int) -> str:
        """Blog home page ``n``."""
        if n == 1:
            return "/"
        return f"/?paged={n}" if self.plain else f"/page/{n}/"

    def cat_path(self, category: str, n: int = 1) -> str:
        """Category archive page ``n``."""
        if self.plain:
            return f"/?cat={CATEGORY_IDS[category]}" + (f"&paged={n}" if n > 1 else "")
        return f"/category/{self.cat_slug(category)}/" + (f"page/{n}/" if n > 1 else "")

    def cat_link(self, category: str, base: str, page: int = 1) -> str:
        return base + self.cat_path(category, page)

    def feed_path(self) -> str:
        """Main RSS feed."""
        return "/?feed=rss2" if self.plain else "/feed/"

    def comments_feed_path(self) -> str:
        """Comments feed (autodiscovered, holds no posts)."""
        return "/?feed=comments-rss2" if self.plain else "/comments/feed/"

    def sitemap_paths(self) -> dict[str, str]:
        """Core sitemap URLs (index, posts, pages, categories)."""
        if self.plain:
            return {"index": "/?sitemap=index",
                    "post": "/?sitemap=posts&sitemap-subtype=post&paged=1",
                    "page": "/?sitemap=posts&sitemap-subtype=page&paged=1",
                    "category": "/?sitemap=taxonomies&sitemap-subtype=category&paged=1"}
        return {"index": "/wp-sitemap.xml", "post": "/wp-sitemap-posts-post-1.xml",
                "page": "/wp-sitemap-posts-page-1.xml",
                "category": "/wp-sitemap-taxonomies-category-1.xml"}

    def alias_paths(self, post: Post) -> list[str]:
        out = [] if self.plain else [f"/?p={post.ident}"]
        if post.key in self.site.tracked:
            sep = "&" if "?" in self.post_path(post) else "?"
            out.append(self.post_path(post) + sep + TRACKING_QUERY)
        return out

    def post_channels(self, post: Post) -> list[str]:
        feed = ["feed"] if post in self.newest[:FEED_SIZE] else []
        return ["wp_api", *feed, "sitemap", "listing", "link"]

    def site_channels(self) -> list[str]:
        return ["wp_api", "feed", "sitemap", "listing"]

    def categories(self) -> list[str]:
        """Categories that hold posts, in menu order."""
        return [c for c in CATEGORY_IDS if self.in_category(c)]

    def non_post_paths(self) -> list[str]:
        out = [self.home_path(n) for n in range(1, len(self._home_pages()) + 1)]
        for cat in self.categories():
            out += [self.cat_path(cat, n) for n in range(1, len(self._cat_pages(cat)) + 1)]
        return out + [self.page_path(p) for p in self.site.pages]

    def section_paths(self) -> tuple[str | None, str | None]:
        return self.cat_path("news"), self.cat_path("events")

    def excludes(self, post: Post) -> list[str]:
        return [*super().excludes(post), self.ui["share"]]

    # -- routes -----------------------------------------------------------------------------
    def _home_pages(self) -> list[list[Post]]:
        return chunks(self.newest, self.per_page)

    def _cat_pages(self, category: str) -> list[list[Post]]:
        return chunks(self.in_category(category), self.per_page)

    def build(self) -> None:
        for post in self.newest:
            self.add(self.post_path(post), partial(self.article, post))
        for page in self.site.pages:
            self.add(self.page_path(page), partial(self.wp_page, page))
        for n, items in enumerate(self._home_pages(), 1):
            self.add(self.home_path(n), partial(self.listing, None, n, items))
        for cat in self.categories():
            for n, items in enumerate(self._cat_pages(cat), 1):
                self.add(self.cat_path(cat, n), partial(self.listing, cat, n, items))
        self.add(self.feed_path(), self.feed)
        self.add(self.comments_feed_path(), self.comments_feed)
        maps = self.sitemap_paths()
        self.add(maps["index"], self.sitemap_idx)
        self.add(maps["post"], self.sitemap_posts)
        self.add(maps["page"], self.sitemap_pages)
        self.add(maps["category"], self.sitemap_cats)
        self.add("/robots.txt", self.robots)

    def dynamic(self, key: RouteKey, base: str) -> Response | None:
        path, query = key
        params: dict[str, str] = {}
        for raw, value in query:  # include[]=1&include[]=2 -> include=1,2
            name = raw.removesuffix("[]")
            joined = name != raw and name in params
            params[name] = f"{params[name]},{value}" if joined else value
        if path == "/" and "rest_route" in params:
            return self.api(params.pop("rest_route"), params, base)
        if not self.plain and (path == "/wp-json" or path.startswith("/wp-json/")):
            return self.api(path[len("/wp-json"):].rstrip("/") or "/", params, base)
        if path == "/" and "p" in params and not self.plain:
            for post in self.newest:
                if str(post.ident) == params["p"]:
                    resp = self.redirect(self.permalink(post, base))
                    resp.headers["X-Redirect-By"] = "WordPress"
                    return resp
        if path == "/" and "page_id" in params and not self.plain:
            for page in self.site.pages:
                if str(page.ident) == params["page_id"]:
                    return self.redirect(self.page_link(page, base))
        if not self.plain and not path.endswith("/") and (path + "/", query) in self.routes:
            target = path + "/" + ("?" + urlencode(query) if query else "")
            return self.redirect(base + target)
        return None

    # -- pages ------------------------------------------------------------------------------
    def head(self, title: str, base: str, extra: str = "") -> str:
        """Shared <head>."""
        name = esc(self.site.name)
        return (
            f'<!DOCTYPE html>\n<html lang="{LOCALES[self.lang.code]}">\n<head>\n'
            '\t<meta charset="UTF-8">\n'
            '\t<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"\t<title>{esc(title)} &#8211; {name}</title>\n"
            "<meta name='robots' content='index, follow, max-image-preview:large' />\n"
            f"{extra}"
            f'<link rel="alternate" type="application/rss+xml" title="{name} &raquo; '
            f'{esc(self.ui["feed"])}" href="{base}{self.feed_path()}" />\n'
            f'<link rel="alternate" type="application/rss+xml" title="{name} &raquo; Comments" '
            f'href="{base}{self.comments_feed_path()}" />\n'
            f"<link rel='stylesheet' id='wp-block-library-css' href='{base}/wp-includes/css/dist/"
            f"block-library/style.min.css?ver={WP_VERSION}' media='all' />\n"
            f"<link rel='stylesheet' id='generate-style-css' href='{base}/wp-content/themes/"
            "generatepress/assets/css/main.min.css?ver=3.3.1' media='all' />\n"
            f'<script src="{base}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" '
            'id="jquery-core-js"></script>\n'
            f'<link rel="https://api.w.org/" href="{self.api_url(base, "/")}" />'
            f'<link rel="EditURI" type="application/rsd+xml" title="RSD" '
            f'href="{base}/xmlrpc.php?rsd" />\n'
            f'<meta name="generator" content="WordPress {WP_VERSION}" />\n'
            "</head>\n"
        )

    def header(self, base: str) -> str:
        """Site header with the main menu (section links in the site's language)."""
        items = [(self.ui["home"], f"{base}/")]
        nav_key = {"news": "nav_news", "events": "nav_events", "calls": "nav_calls",
                   "members": "nav_members_news"}
        items += [(self.ui[nav_key[c]], self.cat_link(c, base)) for c in self.categories()]
        items += [(p.title, self.page_link(p, base))
                  for p in self.site.pages if p.kind != "privacy"]
        menu = "".join(
            f'<li id="menu-item-{i + 20}" class="menu-item menu-item-type-custom '
            f'menu-item-object-custom menu-item-{i + 20}"><a href="{esc(u)}">{esc(t)}</a></li>'
            for i, (t, u) in enumerate(items)
        )
        return (
            '<a class="skip-link screen-reader-text" href="#content">Skip to content</a>\n'
            '<header class="site-header has-inline-mobile-toggle" id="masthead" '
            'aria-label="Site"><div class="inside-header grid-container"><div '
            'class="site-branding">'
            f'<p class="main-title"><a href="{base}/" rel="home">{esc(self.site.name)}</a></p>'
            '</div>'
            '<nav class="main-navigation sub-menu-right" id="site-navigation" aria-label="Primary">'
            '<div class="inside-navigation grid-container"><div id="primary-menu" '
            f'class="main-nav"><ul id="menu-main" class="menu sf-menu">{menu}</ul></div></div>'
            "</nav></div></header>\n"
        )

    def sidebar(self, base: str) -> str:
        """Search, recent posts, newsletter picks (tracking links), newsletter sign-up."""
        recent = "".join(f'<li><a href="{esc(self.permalink(p, base))}">{esc(p.title)}</a></li>'
                         for p in self.newest[:5])
        picks = ""
        tracked = [p for p in self.newest if p.key in self.site.tracked]
        if tracked:
            links = "".join(
                f'<li><a href="{esc(base + self.alias_paths(p)[-1])}">{esc(p.title)}</a></li>'
                for p in tracked
            )
            picks = (f'<aside id="text-4" class="widget inner-padding widget_text">'
                     f'<h2 class="widget-title">{esc(self.ui["picks"])}</h2>'
                     f'<div class="textwidget"><ul>{links}</ul></div></aside>')
        return (
            '<div class="widget-area sidebar is-right-sidebar" id="right-sidebar">'
            '<div class="inside-right-sidebar"><aside id="search-2" class="widget inner-padding '
            f'widget_search"><form method="get" class="search-form" action="{base}/">'
            f'<label><span class="screen-reader-text">{esc(self.ui["search"])}</span>'
            '<input type="search" class="search-field" name="s" /></label>'
            f'<button class="search-submit">{esc(self.ui["search"])}</button></form></aside>'
            '<aside id="recent-posts-2" class="widget inner-padding widget_recent_entries">'
            f'<h2 class="widget-title">{esc(self.ui["latest"])}</h2><ul>{recent}</ul></aside>'
            f"{picks}<aside id=\"block-5\" class=\"widget inner-padding widget_block\">"
            f"{newsletter_box(self.ui, base + '/')}</aside></div></div>\n"
        )

    def footer(self, base: str) -> str:
        """Footer with address, EU block, copyright, cookie banner."""
        privacy = next((p for p in self.site.pages if p.kind == "privacy"), None)
        privacy_href = self.page_link(privacy, base) if privacy else f"{base}/"
        address = "<br />".join(esc(line) for line in self.site.address)
        eu = eu_block(self.site.eu_footer, f"{base}/wp-content/uploads/2016/02/logo-fe-ue.png") \
            if self.site.eu_footer else ""
        return (
            '<div class="site-footer"><div id="footer-widgets" class="site footer-widgets">'
            '<div class="footer-widgets-container grid-container"><div '
            'class="inside-footer-widgets">'
            '<div class="footer-widget-1"><aside class="widget widget_text"><h2 '
            'class="widget-title">'
            f'{esc(self.site.name)}</h2><div class="textwidget"><p>{address}<br />'
            f'tel. {esc(self.site.phone)}<br /><a href="mailto:{esc(self.site.email)}">'
            f"{esc(self.site.email)}</a></p></div></aside></div></div></div></div>{eu}"
            '<footer class="site-info" aria-label="Site"><div class="inside-site-info '
            'grid-container">'
            '<div class="copyright-bar">&copy; '
            f'{self.newest[0].published.year if self.newest else 2025} '
            f'{esc(self.site.name)} – {esc(self.ui["rights"])} | <a href="{esc(privacy_href)}">'
            f'{esc(self.ui["privacy"])}</a></div></div></footer></div>\n'
            + cookie_banner("wp", self.ui, privacy_href)
            + f"<script src=\"{base}/wp-content/plugins/cookie-notice/js/front.min.js?ver=2.4.11\" "
            'id="cookie-notice-front-js"></script>\n</body>\n</html>\n'
        )

    def wrap(self, head: str, body_class: str, main: str, base: str) -> str:
        """Assemble a full document."""
        return (head + f'<body class="{body_class} right-sidebar nav-float-right '
                'separate-containers header-aligned-left dropdown-hover" itemtype="https://schema.'
                f'org/Blog" itemscope>\n{self.header(base)}<div class="site grid-container '
                'container '
                'hfeed" id="page"><div class="site-content" id="content"><div class="content-area" '
                f'id="primary"><main class="site-main" id="main">\n{main}</main></div>'
                f"{self.sidebar(base)}</div></div>\n{self.footer(base)}")

    def posted_on(self, post: Post, base: str, link: bool = True) -> str:
        """The entry-meta date line."""
        pub = (f'<time class="entry-date published" datetime="{iso_local(post.published)}">'
               f"{esc(self.lang.date_long(post.published.date()))}</time>")
        if post.modified.date() != post.published.date():
            pub = (f'<time class="updated" datetime="{iso_local(post.modified)}">'
                   f"{esc(self.lang.date_long(post.modified.date()))}</time>" + pub)
        if link:
            pub = f'<a href="{esc(self.permalink(post, base))}" title="" rel="bookmark">{pub}</a>'
        return f'<span class="posted-on">{pub}</span>'

    def seo_head(self, post: Post, base: str) -> str:
        """Canonical/shortlink (core) plus Yoast meta and, on some posts, Yoast JSON-LD."""
        url = self.permalink(post, base)
        out = (f'<link rel="canonical" href="{url}" />\n'
               f"<link rel='shortlink' href='{base}/?p={post.ident}' />\n"
               f'<link rel="alternate" type="application/json" '
               f'href="{self.api_url(base, f"/wp/v2/posts/{post.ident}")}" />\n')
        if not self.yoast:
            return out
        locale = LOCALES[self.lang.code].replace("-", "_")
        desc = esc(post.summary)
        out = ("<!-- This site is optimized with the Yoast SEO plugin v21.5 - "
               "https://yoast.com/wordpress/plugins/seo/ -->\n"
               f'<meta name="description" content="{desc}" />\n' + out +
               f'<meta property="og:locale" content="{locale}" />\n'
               '<meta property="og:type" content="article" />\n'
               f'<meta property="og:title" content="{esc(post.title)} - {esc(self.site.name)}" />\n'
               f'<meta property="og:description" content="{desc}" />\n'
               f'<meta property="og:url" content="{url}" />\n'
               f'<meta property="og:site_name" content="{esc(self.site.name)}" />\n'
               f'<meta property="article:published_time" content="{iso_utc(post.published)}" />\n'
               f'<meta property="article:modified_time" content="{iso_utc(post.modified)}" />\n'
               '<meta name="author" content="admin" />\n')
        if post.ident % 3 == 0:
            out += _yoast_graph(self, post, base, url)
        return out + "<!-- / Yoast SEO plugin. -->\n"

    def article(self, post: Post, base: str) -> Response:
        """Single post page."""
        older, newer = self.adjacent(post)
        cat = post.category
        nav = ""
        if older:
            nav += (f'<div class="nav-previous"><span class="prev"><a href="'
                    f'{esc(self.permalink(older, base))}" rel="prev">{esc(older.title)}</a></span>'
                    '</div>')
        if newer:
            nav += (f'<div class="nav-next"><span class="next"><a href="'
                    f'{esc(self.permalink(newer, base))}" rel="next">{esc(newer.title)}</a></span>'
                    '</div>')
        main = (
            f'<article id="post-{post.ident}" class="post-{post.ident} post type-post '
            f'status-publish format-standard hentry category-{self.cat_slug(cat)}" '
            'itemtype="https://schema.org/CreativeWork" itemscope><div class="inside-article">'
            f'<header class="entry-header"><h1 class="entry-title" itemprop="headline">'
            f'{esc(post.title)}</h1><div class="entry-meta">{self.posted_on(post, base)} '
            '<span class="byline">by <span class="author vcard" itemprop="author" itemtype='
            '"https://schema.org/Person" itemscope><span class="author-name" itemprop="name">admin'
            '</span></span></span></div></header>\n<div class="entry-content" itemprop="text">\n'
            f"{self.body(post, base)}</div>\n"
            + share_links("wp", self.permalink(post, base), post.title, self.ui)
            + f'<footer class="entry-meta" aria-label="Entry meta"><span class="cat-links">'
            f'<a href="{esc(self.cat_link(cat, base))}" rel="category tag">'
            f'{esc(self.ui["cat_" + cat])}</a></span><nav id="nav-below" class="post-navigation" '
            f'aria-label="Posts">{nav}</nav></footer></div></article>\n'
        )
        head = self.head(post.title, base, self.seo_head(post, base))
        html = self.wrap(head, f"post-template-default single single-post postid-{post.ident} "
                         "single-format-standard wp-embed-responsive", main, base)
        return self.html(html, modified=post.modified, etag=True,
                         extra={"Link": f'<{base}/?p={post.ident}>; rel=shortlink'})

    def wp_page(self, page: SitePage, base: str) -> Response:
        """A static WP page (about, members, contact…)."""
        url = self.page_link(page, base)
        main = (f'<article id="post-{page.ident}" class="post-{page.ident} page type-page '
                'status-publish" itemtype="https://schema.org/CreativeWork" itemscope><div '
                'class="inside-article"><header class="entry-header"><h1 class="entry-title" '
                f'itemprop="headline">{esc(page.title)}</h1></header><div class="entry-content" '
                f'itemprop="text">\n{page.body_html}</div></div></article>\n')
        head = self.head(page.title, base, f'<link rel="canonical" href="{url}" />\n')
        return self.html(self.wrap(head, f"page-template-default page page-id-{page.ident}",
                                   main, base), etag=True)

    def listing(self, cat: str | None, n: int, items: list[Post], base: str) -> Response:
        """Blog home or category archive page ``n``."""
        total = len(self._cat_pages(cat)) if cat else len(self._home_pages())
        arts = "".join(
            f'<article id="post-{p.ident}" class="post-{p.ident} post type-post status-publish '
            f'format-standard hentry category-{self.cat_slug(p.category)}" itemtype="https://'
            'schema.org/CreativeWork" itemscope><div class="inside-article"><header class="'
            f'entry-header"><h2 class="entry-title" itemprop="headline"><a href="'
            f'{esc(self.permalink(p, base))}" rel="bookmark">{esc(p.title)}</a></h2>'
            f'<div class="entry-meta">{self.posted_on(p, base)}</div></header><div class="'
            f'entry-summary" itemprop="text"><p>{esc(excerpt_words(self.body(p, base)))} '
            f'<a title="{esc(p.title)}" class="read-more" href="{esc(self.permalink(p, base))}">'
            f'{esc(self.ui["read_more"])}</a></p></div></div></article>\n'
            for p in items
        )
        def link(k: int) -> str:
            return self.cat_link(cat, base, k) if cat else base + self.home_path(k)

        nums = []
        for k in range(1, total + 1):
            if k == n:
                nums.append(f'<span aria-current="page" class="page-numbers current">{k}</span>')
            elif k in (1, total) or abs(k - n) <= 2:
                nums.append(f'<a class="page-numbers" href="{esc(link(k))}">{k}</a>')
            elif abs(k - n) == 3:
                nums.append('<span class="page-numbers dots">&hellip;</span>')
        if n > 1:
            nums.insert(0, f'<a class="prev page-numbers" href="{esc(link(n - 1))}">'
                        f'{esc(self.ui["prev_page"])}</a>')
        if n < total:
            nums.append(f'<a class="next page-numbers" href="{esc(link(n + 1))}">'
                        f'{esc(self.ui["next_page"])}</a>')
        pager = (f'<nav id="nav-below" class="paging-navigation" aria-label="Archive Page">'
                 f'<div class="nav-links">{"".join(nums)}</div></nav>\n') if total > 1 else ""
        title = self.ui["cat_" + cat] if cat else self.site.name
        heading = (f'<header class="page-header" aria-label="Page"><h1 class="page-title">'
                   f"{esc(title)}</h1></header>\n") if cat else ""
        extra = f'<link rel="canonical" href="{esc(link(n))}" />\n' if self.yoast else ""
        if self.yoast and n < total:
            extra += f'<link rel="next" href="{esc(link(n + 1))}" />\n'
        cls = "archive category" if cat else "home blog"
        return self.html(self.wrap(self.head(title, base, extra), f"{cls} paged-{n}",
                                   heading + arts + pager, base), etag=True)

    # -- feeds, sitemaps, robots --------------------------------------------------------------
    def feed(self, base: str) -> Response:
        """RSS 2.0 with the newest posts and full content."""
        items = [
            FeedItem(title=p.title, link=self.permalink(p, base), pub_date=rfc822(p.published),
                     guid=f"{base}/?p={p.ident}", creator="admin",
                     categories=[self.ui["cat_" + p.category]],
                     description=excerpt_words(self.body(p, base)),
                     content=self.body(p, base))
            for p in self.newest[:FEED_SIZE]
        ]
        last = self.site.last_change()
        channel = FeedChannel(self.site.name, base, base + self.feed_path(), self.site.name,
                              LOCALES[self.lang.code], rfc822(last) if last else "",
                              f"https://wordpress.org/?v={WP_VERSION}")
        text = rss(channel, items, wordpress=True)
        return self.xml(text, "application/rss+xml", modified=last, etag=True)

    def comments_feed(self, base: str) -> Response:
        """The comments feed: autodiscovered like the posts feed, but with no posts."""
        channel = FeedChannel(f"Comments for {self.site.name}", base,
                              base + self.comments_feed_path(), "", LOCALES[self.lang.code])
        text = rss(channel, [], wordpress=True)
        return self.xml(text, "application/rss+xml", etag=True)

    def sitemap_idx(self, base: str) -> Response:
        """wp-sitemap.xml index."""
        maps = self.sitemap_paths()
        locs = [(base + maps[k], None) for k in ("post", "page", "category")]
        xsl = f"{base}/?sitemap-stylesheet=index" if self.plain else f"{base}/wp-sitemap-index.xsl"
        return self.xml(sitemap_index(locs, xsl), modified=self.site.last_change(), etag=True)

    def sitemap_posts(self, base: str) -> Response:
        """Posts sitemap."""
        entries = [(self.permalink(p, base), w3c(p.modified)) for p in self.newest]
        return self.xml(urlset(entries, f"{base}/wp-sitemap.xsl"),
                        modified=self.site.last_change(), etag=True)

    def sitemap_pages(self, base: str) -> Response:
        """Pages sitemap (about, members… — not posts)."""
        entries = [(f"{base}/", None)] + [(self.page_link(p, base), None) for p in self.site.pages]
        return self.xml(urlset(entries, f"{base}/wp-sitemap.xsl"), etag=True)

    def sitemap_cats(self, base: str) -> Response:
        """Category archives sitemap."""
        return self.xml(urlset([(self.cat_link(c, base), None) for c in self.categories()],
                               f"{base}/wp-sitemap.xsl"), etag=True)

    def robots(self, base: str) -> Response:
        """Virtual robots.txt with the sitemap line."""
        return self.text("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                         f"Sitemap: {base}{self.sitemap_paths()['index']}\n")


class WordPressPlain(WordPress):
    """WordPress with plain permalinks (?p=123), no Yoast; physical robots.txt."""

    plain = True
    yoast = False


def _yoast_graph(wp: WordPress, post: Post, base: str, url: str) -> str:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "@id": f"{url}#article", "isPartOf": {"@id": url},
         "author": {"name": "admin", "@id": f"{base}/#/schema/person/1"},
         "headline": post.title, "datePublished": iso_utc(post.published),
         "dateModified": iso_utc(post.modified), "mainEntityOfPage": {"@id": url},
         "publisher": {"@id": f"{base}/#organization"},
         "articleSection": [wp.ui["cat_" + post.category]],
         "inLanguage": LOCALES[wp.lang.code]},
        {"@type": "WebPage", "@id": url, "url": url, "name": f"{post.title} - {wp.site.name}",
         "isPartOf": {"@id": f"{base}/#website"}, "datePublished": iso_utc(post.published),
         "dateModified": iso_utc(post.modified), "inLanguage": LOCALES[wp.lang.code]},
        {"@type": "WebSite", "@id": f"{base}/#website", "url": f"{base}/",
         "name": wp.site.name, "publisher": {"@id": f"{base}/#organization"}},
        {"@type": "Organization", "@id": f"{base}/#organization", "name": wp.site.name,
         "url": f"{base}/"},
    ]}
    data = json.dumps(graph, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/ld+json" class="yoast-schema-graph">{data}</script>\n'

