"""Home-made PHP site: table layout, ISO-8859-1, relative links, /notizie.php?pag=N listings
and /notizia.php?id=N articles; no feed, no sitemap, no robots.txt, no structured dates
(the date is only "05/05/2022" in the listing and "Pubblicato il 5 maggio 2022" in the page).
Unknown ids give a soft 404 (200 with an error message), as such scripts do.
"""

from __future__ import annotations

from functools import partial

from .chrome import cookie_banner, eu_block
from .cms_base import Renderer, chunks
from .model import TRACKING_QUERY, Post, Response, SitePage
from .util import RouteKey, esc


class HomeMadePhp(Renderer):
    """A 2000s-era PHP site that is still online."""

    cms_name = "custom"

    def list_script(self) -> str:
        """/notizie.php (in the site's language)."""
        return f"/{self.ui['php_list']}.php"

    def item_script(self) -> str:
        """/notizia.php."""
        return f"/{self.ui['php_item']}.php"

    def post_path(self, post: Post) -> str:
        return f"{self.item_script()}?id={post.ident}"

    def alias_paths(self, post: Post) -> list[str]:
        if post.key in self.site.tracked:
            return [f"{self.post_path(post)}&{TRACKING_QUERY}"]
        return []

    def list_path(self, n: int) -> str:
        """Listing page ``n`` (page 1 has no parameter)."""
        return self.list_script() if n == 1 else f"{self.list_script()}?{self.ui['q_page']}={n}"

    def page_path(self, page: SitePage) -> str:
        """Static page script."""
        return f"/{page.slug}.php"

    def pages_count(self) -> int:
        """Number of listing pages."""
        return len(chunks(self.newest, self.per_page))

    def non_post_paths(self) -> list[str]:
        out = ["/", "/index.php"] + [self.list_path(n) for n in range(1, self.pages_count() + 1)]
        return out + [self.page_path(p) for p in self.site.pages]

    def section_paths(self) -> tuple[str | None, str | None]:
        return self.list_path(1), None

    def excludes(self, post: Post) -> list[str]:
        return [*super().excludes(post), self.ui["back"]]

    def build(self) -> None:
        for post in self.newest:
            self.add(self.post_path(post), partial(self.article, post))
        for post in self.site.removed:
            self.add(self.post_path(post), self.gone)
        pages = chunks(self.newest, self.per_page)
        for n, items in enumerate(pages, 1):
            self.add(self.list_path(n), partial(self.listing, n, len(pages), items))
        self.add(f"{self.list_script()}?{self.ui['q_page']}=1",
                 partial(self.listing, 1, len(pages), pages[0]))
        for page in self.site.pages:
            self.add(self.page_path(page), partial(self.static, page))
        self.add("/", self.home)
        self.add("/index.php", self.home)

    def dynamic(self, key: RouteKey, base: str) -> Response | None:
        path, query = key
        if path == self.item_script() and any(k == "id" for k, _ in query):
            return self.html(self.doc(self.ui["not_found"], f"<p>{esc(self.ui['not_found'])}.</p>"))
        return None

    def gone(self, base: str) -> Response:
        """A deleted article: the row is flagged deleted, so the script knows to send 410
        (an id that never existed still gets the soft 404 above)."""
        del base
        return self.html(self.doc(self.ui["not_found"], f"<p>{esc(self.ui['not_found'])}.</p>"),
                         status=410)

    # -- pages ------------------------------------------------------------------------------
    def doc(self, title: str, content: str) -> str:
        """The table layout shared by every page."""
        menu = [("index.php", self.ui["home"]), (self.list_script()[1:], self.ui["nav_news"])]
        menu += [(self.page_path(p)[1:], p.title) for p in self.site.pages if p.kind != "privacy"]
        links = "".join(f'<tr><td class="voce"><a href="{esc(h)}">{esc(t)}</a></td></tr>'
                        for h, t in menu)
        picks = [p for p in self.newest if p.key in self.site.tracked]
        box = ""
        if picks:
            lis = "".join(f'<li><a href="{esc(self.alias_paths(p)[0][1:])}">{esc(p.title)}</a></li>'
                          for p in picks)
            box = f'<div class="box"><b>{esc(self.ui["picks"])}</b><ul>{lis}</ul></div>'
        eu = eu_block(self.site.eu_footer, "img/loghi_fesr.jpg") if self.site.eu_footer else ""
        privacy = next((p for p in self.site.pages if p.kind == "privacy"), self.site.pages[0])
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{self.lang.code}" '
            f'lang="{self.lang.code}">\n<head>\n<meta http-equiv="Content-Type" '
            f'content="text/html; charset={self.site.charset.lower()}" />\n'
            f"<title>{esc(self.site.name)} - {esc(title)}</title>\n"
            '<link href="css/stile.css" rel="stylesheet" type="text/css" />\n'
            '<script type="text/javascript" src="js/funzioni.js"></script>\n</head>\n<body>\n'
            '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" '
            'id="contenitore">\n<tr><td colspan="2" id="testata"><a href="index.php"><img '
            f'src="img/logo.gif" alt="{esc(self.site.name)}" width="300" height="90" border="0" />'
            "</a></td></tr>\n"
            f'<tr><td width="200" valign="top" id="menu"><table width="100%">{links}</table>{box}'
            f'</td>\n<td valign="top" id="contenuto">\n{content}</td></tr>\n'
            f'<tr><td colspan="2" id="piede">{esc(self.site.name)} - '
            f'{esc(" - ".join(self.site.address))} - Tel. {esc(self.site.phone)} - '
            f'<a href="mailto:{esc(self.site.email)}">{esc(self.site.email)}</a> - '
            f'<a href="{esc(self.page_path(privacy)[1:])}">{esc(self.ui["privacy"])}</a>{eu}'
            "</td></tr>\n</table>\n"
            + cookie_banner("plain", self.ui, self.page_path(privacy)[1:])
            + "</body>\n</html>\n"
        )

    def article(self, post: Post, base: str) -> Response:
        """notizia.php?id=N."""
        when = self.ui["published_on"].format(date=self.lang.date_long(post.published.date()))
        content = (f'<h1 class="titolo">{esc(post.title)}</h1>\n<p class="data">{esc(when)}</p>\n'
                   f'<div class="testo">\n{self.body(post, base)}</div>\n'
                   f'<p class="indietro"><a href="{esc(self.list_script()[1:])}">&laquo; '
                   f'{esc(self.ui["back"])}</a></p>\n')
        return self.html(self.doc(post.title, content))

    def listing(self, n: int, total: int, items: list[Post], base: str) -> Response:
        """notizie.php?pag=N."""
        rows = "".join(
            '<div class="notizia"><span class="data">'
            f'{esc(self.lang.date_numeric(p.published.date()))}'
            f'</span> - <a href="{esc(self.post_path(p)[1:])}"><b>{esc(p.title)}</b></a>'
            f'<p>{esc(p.summary)} <a href="{esc(self.post_path(p)[1:])}">'
            f'{esc(self.ui["read_more"])} &raquo;</a></p></div>\n'
            for p in items
        )
        def href(k: int) -> str:
            return esc(self.list_path(k)[1:])

        nav = " ".join(f"<b>{k}</b>" if k == n else f'<a href="{href(k)}">{k}</a>'
                       for k in range(1, total + 1))
        if n > 1:
            nav = f'<a href="{href(n - 1)}">&laquo; {esc(self.ui["prev_page"])}</a> ' + nav
        if n < total:
            nav += f' <a href="{href(n + 1)}">{esc(self.ui["next_page"])} &raquo;</a>'
        content = (f'<h1 class="titolo">{esc(self.ui["nav_news"])}</h1>\n{rows}'
                   f'<p class="paginazione">{nav}</p>\n')
        return self.html(self.doc(self.ui["nav_news"], content))

    def static(self, page: SitePage, base: str) -> Response:
        """A static page."""
        return self.html(self.doc(page.title, f'<h1 class="titolo">{esc(page.title)}</h1>\n'
                                  f"{page.body_html}"))

    def home(self, base: str) -> Response:
        """index.php: welcome text and the five newest news."""
        about = next((p for p in self.site.pages if p.kind == "about"), None)
        rows = "".join(
            f'<li><span class="data">{esc(self.lang.date_numeric(p.published.date()))}</span> '
            f'<a href="{esc(self.post_path(p)[1:])}">{esc(p.title)}</a></li>'
            for p in self.newest[:5]
        )
        content = (f"{about.body_html if about else ''}\n<h2>{esc(self.ui['latest'])}</h2>"
                   f'<ul class="ultime">{rows}</ul>\n<p><a href="{esc(self.list_script()[1:])}">'
                   f'{esc(self.ui["older"])} &raquo;</a></p>\n')
        return self.html(self.doc(self.ui["home"], content))
