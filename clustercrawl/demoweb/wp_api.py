"""WordPress REST API (wp/v2) as WordPress 6 answers it: posts, pages, categories, paging
headers, error objects, ``_fields``, date filters; reachable at /wp-json/ (pretty
permalinks) and always at ?rest_route=.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime

from .cms_base import Renderer
from .model import Post, Response, SitePage
from .util import excerpt_words, to_utc

CATEGORY_IDS = {"news": 3, "events": 4, "calls": 5, "members": 6}
_ERR_ROUTE = {"code": "rest_no_route",
              "message": "No route was found matching the URL and request method.",
              "data": {"status": 404}}


def _parse_filter(value: str) -> tuple[datetime, bool] | None:
    """Parse an ISO 8601 filter value: (naive datetime, was it UTC-aware)."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC).replace(tzinfo=None), True
    return parsed, False


class WpApiMixin(Renderer):
    """REST endpoints; the WordPress renderer supplies the URL scheme."""

    plain = False

    def api_url(self, base: str, route: str) -> str:
        """Absolute URL of a REST route for this site's permalink mode."""
        if self.plain:
            return f"{base}/?rest_route={route}"
        return f"{base}/wp-json{route}"

    def permalink(self, post: Post, base: str) -> str:
        """Absolute canonical URL of a post."""
        raise NotImplementedError

    def page_link(self, page: SitePage, base: str) -> str:
        """Absolute URL of a WP page."""
        raise NotImplementedError

    def cat_link(self, category: str, base: str, page: int = 1) -> str:
        """Absolute URL of a category archive page."""
        raise NotImplementedError

    def post_json(self, post: Post, base: str) -> dict[str, object]:
        """The wp/v2 post object."""
        body = self.body(post, base)
        pid = post.ident
        return {
            "id": pid,
            "date": post.published.strftime("%Y-%m-%dT%H:%M:%S"),
            "date_gmt": to_utc(post.published).strftime("%Y-%m-%dT%H:%M:%S"),
            "guid": {"rendered": f"{base}/?p={pid}"},
            "modified": post.modified.strftime("%Y-%m-%dT%H:%M:%S"),
            "modified_gmt": to_utc(post.modified).strftime("%Y-%m-%dT%H:%M:%S"),
            "slug": post.slug,
            "status": "publish",
            "type": "post",
            "link": self.permalink(post, base),
            "title": {"rendered": _html_text(post.title)},
            "content": {"rendered": body, "protected": False},
            "excerpt": {"rendered": f"<p>{_html_text(excerpt_words(body))}</p>\n",
                        "protected": False},
            "author": 1,
            "featured_media": 0,
            "comment_status": "closed",
            "ping_status": "closed",
            "sticky": False,
            "template": "",
            "format": "standard",
            "meta": {"footnotes": ""},
            "categories": [CATEGORY_IDS[post.category]],
            "tags": [],
            "class_list": [f"post-{pid}", "post", "type-post", "status-publish",
                           "format-standard", "hentry", f"category-{self.cat_slug(post.category)}"],
            "_links": {
                "self": [{"href": self.api_url(base, f"/wp/v2/posts/{pid}")}],
                "collection": [{"href": self.api_url(base, "/wp/v2/posts")}],
                "about": [{"href": self.api_url(base, "/wp/v2/types/post")}],
                "wp:term": [{"taxonomy": "category", "embeddable": True,
                             "href": self.api_url(base, f"/wp/v2/categories?post={pid}")}],
            },
        }

    def api_post(self, post: Post, base: str, params: dict[str, str]) -> dict[str, object]:
        """The post object, with ``_embedded`` terms when ``_embed`` is asked for."""
        obj = self.post_json(post, base)
        if "_embed" in params:
            cat = post.category
            term = {"id": CATEGORY_IDS[cat], "link": self.cat_link(cat, base),
                    "name": self.ui["cat_" + cat], "slug": self.cat_slug(cat),
                    "taxonomy": "category"}
            obj["_embedded"] = {"author": [{"id": 1, "name": "admin", "slug": "admin"}],
                                "wp:term": [[term], []]}
        return obj

    def cat_slug(self, category: str) -> str:
        """Category slug in the site's language."""
        key = {"news": "slug_news", "events": "slug_events", "calls": "slug_calls",
               "members": "slug_members_news"}[category]
        return self.ui[key]

    def page_json(self, page: SitePage, base: str) -> dict[str, object]:
        """The wp/v2 page object (not a post)."""
        return {"id": page.ident, "slug": page.slug, "type": "page", "status": "publish",
                "link": self.page_link(page, base), "title": {"rendered": _html_text(page.title)},
                "content": {"rendered": page.body_html, "protected": False}}

    def api(self, route: str, params: dict[str, str], base: str) -> Response:
        """Dispatch one REST request."""
        if route in ("", "/"):
            return self.json({"name": self.site.name, "description": "", "url": base,
                              "home": base, "gmt_offset": "1", "timezone_string":
                              self.site.timezone, "namespaces": ["oembed/1.0", "wp/v2",
                                                                 "wp-site-health/v1"],
                              "authentication": [], "routes": {}})
        if route == "/wp/v2/posts":
            return self._posts(params, base)
        m = re.fullmatch(r"/wp/v2/posts/(\d+)", route)
        if m:
            for post in self.newest:
                if post.ident == int(m.group(1)):
                    return self.json(_fields(self.api_post(post, base, params), params))
            return self.json({"code": "rest_post_invalid_id", "message": "Invalid post ID.",
                              "data": {"status": 404}}, status=404)
        if route == "/wp/v2/pages":
            pages = [self.page_json(p, base) for p in self.site.pages]
            return self.json(pages, headers={"X-WP-Total": str(len(pages)),
                                             "X-WP-TotalPages": "1"})
        if route == "/wp/v2/categories":
            cats = [{"id": cid, "count": len(self.in_category(cat)), "name": self.ui[f"cat_{cat}"],
                     "slug": self.cat_slug(cat), "taxonomy": "category",
                     "link": self.cat_link(cat, base)}
                    for cat, cid in CATEGORY_IDS.items() if self.in_category(cat)]
            return self.json(cats, headers={"X-WP-Total": str(len(cats)),
                                            "X-WP-TotalPages": "1"})
        return self.json(_ERR_ROUTE, status=404)

    def _posts(self, params: dict[str, str], base: str) -> Response:
        per_page_raw, page_raw = params.get("per_page", "10"), params.get("page", "1")
        if not per_page_raw.isdigit() or not 1 <= int(per_page_raw) <= 100:
            return _invalid("per_page", "per_page must be between 1 (inclusive) and 100 "
                            "(inclusive)")
        if not page_raw.isdigit() or int(page_raw) < 1:
            return _invalid("page", "page must be greater than or equal to 1")
        per_page, page = int(per_page_raw), int(page_raw)
        posts = list(self.newest)
        for name, attr in (("after", "published"), ("before", "published"),
                           ("modified_after", "modified"), ("modified_before", "modified")):
            if name not in params:
                continue
            parsed = _parse_filter(params[name])
            if parsed is None:
                return _invalid(name, f"Invalid date. {name} must be an ISO 8601 date.")
            limit, utc = parsed
            after = name.endswith("after")
            posts = [p for p in posts if _cmp(getattr(p, attr), limit, utc, after)]
        if "categories" in params:
            wanted = {int(x) for x in params["categories"].split(",") if x.strip().isdigit()}
            posts = [p for p in posts if CATEGORY_IDS[p.category] in wanted]
        if "search" in params:
            needle = params["search"].lower()
            posts = [p for p in posts if needle in p.title.lower() or needle in p.body_html.lower()]
        if "slug" in params:
            posts = [p for p in posts if p.slug in params["slug"].split(",")]
        for name in ("include", "exclude"):
            if name not in params:
                continue
            ids = _id_list(params[name])
            if ids is None:
                return _invalid(name, f"{name}[0] is not of type integer.")
            posts = [p for p in posts if (p.ident in ids) == (name == "include")]
        orderby = params.get("orderby", "date")
        if orderby not in ORDERBY:
            return _invalid("orderby", "orderby is not one of " + ", ".join(ORDERBY) + ".")
        if orderby == "include" and "include" not in params:
            return _invalid("orderby", "You need to define an include parameter to order by "
                            "include.")
        posts = _ordered(posts, orderby, params)
        total = len(posts)
        pages = math.ceil(total / per_page) if total else 0
        if page > pages and total > 0:
            return self.json({"code": "rest_post_invalid_page_number",
                              "message": "The page number requested is larger than the number "
                              "of pages available.", "data": {"status": 400}}, status=400)
        chunk = posts[(page - 1) * per_page : page * per_page]
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages),
                   "Allow": "GET", "X-Robots-Tag": "noindex",
                   "Access-Control-Expose-Headers": "X-WP-Total, X-WP-TotalPages, Link"}
        links = []
        collection = self.api_url(base, "/wp/v2/posts")
        sep = "&" if "?" in collection else "?"
        if page > 1:
            links.append(f'<{collection}{sep}per_page={per_page}&page={page - 1}>; rel="prev"')
        if page < pages:
            links.append(f'<{collection}{sep}per_page={per_page}&page={page + 1}>; rel="next"')
        if links:
            headers["Link"] = ", ".join(links)
        body = [_fields(self.api_post(p, base, params), params) for p in chunk]
        return self.json(body, headers=headers)


ORDERBY = ("author", "date", "id", "include", "modified", "parent", "relevance", "slug",
           "include_slugs", "title")


def _id_list(value: str) -> set[int] | None:
    """``include=1,2,3`` (``include[]=1&include[]=2`` arrives joined the same way)."""
    parts = [x.strip() for x in value.split(",") if x.strip()]
    if not all(x.isdigit() for x in parts):
        return None
    return {int(x) for x in parts}


def _ordered(posts: list[Post], orderby: str, params: dict[str, str]) -> list[Post]:
    """WP_Query ordering: descending unless ``order=asc``; ``include`` keeps the given order."""
    if orderby == "include":
        rank = {int(x): i for i, x in enumerate(params["include"].split(",")) if x.strip()}
        return sorted(posts, key=lambda p: rank.get(p.ident, len(rank)))
    keys = {"id": lambda p: (p.ident,), "modified": lambda p: (p.modified, p.ident),
            "title": lambda p: (p.title.lower(), p.ident), "slug": lambda p: (p.slug, p.ident)}
    key = keys.get(orderby, lambda p: (p.published, p.ident))
    return sorted(posts, key=key, reverse=params.get("order", "desc") != "asc")


def _cmp(value: datetime, limit: datetime, utc: bool, after: bool) -> bool:
    probe = to_utc(value) if utc else value
    return probe > limit if after else probe < limit


def _fields(obj: dict[str, object], params: dict[str, str]) -> dict[str, object]:
    """``_fields=id,title.rendered``: only those fields, nested paths keeping only their
    leaf (WP >= 5.3); ``_embedded`` stays only when asked for, as WordPress does."""
    if "_fields" not in params:
        return obj
    paths = [f.strip().split(".") for f in params["_fields"].split(",") if f.strip()]
    return _pick(obj, paths)


def _pick(obj: dict[str, object], paths: list[list[str]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in obj.items():
        subs = [p[1:] for p in paths if p[0] == key]
        if not subs:
            continue
        if any(not s for s in subs) or not isinstance(value, dict):
            out[key] = value
        else:
            out[key] = _pick(value, subs)
    return out


def _invalid(param: str, message: str) -> Response:
    body = {"code": "rest_invalid_param", "message": f"Invalid parameter(s): {param}",
            "data": {"status": 400, "params": {param: message},
                     "details": {param: {"code": "rest_invalid_param", "message": message,
                                         "data": None}}}}
    text = json.dumps(body, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
    return Response(400, text.encode("ascii"), "application/json; charset=UTF-8")


def _html_text(text: str) -> str:
    """WordPress renders titles with &, < and > as entities (quotes left alone)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
