"""The real-WordPress test web: two provisioned sites, their registry and their ground truth.

The content and its labels are the YAML files in ``content/`` (our own words). The ground
truth is read back from MariaDB by ``truth.php`` as WordPress renders it (permalinks, titles
through ``wptexturize``, dates, categories); the labels are joined to it by slug.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.realwp.servers import SiteConf, WordPressStack

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"


@dataclass
class SiteContent:
    """One site's YAML: its settings, categories, pages and posts with labels."""

    conf: dict[str, Any]
    categories: list[str]
    pages: list[dict[str, Any]]
    posts: list[dict[str, Any]]

    @property
    def site(self) -> SiteConf:
        c = self.conf
        return SiteConf(host=c["host"], db=c["db"], locale=c["locale"], timezone=c["timezone"],
                        permalinks=c["permalinks"], title=c["title"])

    def labels(self) -> dict[str, dict[str, Any]]:
        return {p["slug"]: p.get("label") or {} for p in self.posts}


def load_content() -> list[SiteContent]:
    out = []
    for path in sorted(CONTENT.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        out.append(SiteContent(data["site"], data["categories"], data.get("pages", []),
                               data["posts"]))
    return out


def render_body(body: str, editor: str) -> str:
    """Paragraphs as the classic editor stores them (wpautop at render time) or as blocks."""
    paras = [" ".join(p.split()) for p in body.strip().split("\n\n") if p.strip()]
    paras = [html.escape(p, quote=False) for p in paras]
    if editor == "block":
        return "\n\n".join(
            f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paras
        )
    return "\n\n".join(paras)


def provision_spec(content: SiteContent) -> dict[str, Any]:
    """The JSON provision.php reads: posts in publishing order, pages, categories."""
    posts = []
    for p in content.posts:
        versions = [{"title": p["title"], "body": p["body"]}, *p.get("versions", [])]
        posts.append({
            "type": "post",
            "slug": p["slug"],
            "status": p.get("status", "publish"),
            "date": f"{p['date']}:00" if len(str(p["date"])) == 16 else str(p["date"]),
            "categories": p["categories"],
            "sticky": bool(p.get("sticky")),
            "versions": [{"title": v["title"], "content": render_body(v["body"], p["editor"])}
                         for v in versions],
        })
    for page in content.pages:
        posts.append({
            "type": "page", "slug": page["slug"], "status": "publish",
            "date": "2025-06-01 12:00:00", "categories": [],
            "versions": [{"title": page["title"], "content": render_body(page["body"], "block")}],
        })
    return {"site": {"theme": "twentytwentythree", **content.conf},
            "categories": content.categories, "posts": posts}


@dataclass
class TruthPost:
    """A published post as the database and WordPress render it, with our labels."""

    site_id: str
    id: int
    slug: str
    url: str
    title: str
    date: str
    date_gmt: str
    categories: list[str]
    label: dict[str, Any]

    @property
    def event(self) -> dict[str, Any] | None:
        ev = self.label.get("event")
        if not ev:
            return None
        return {k: (str(v) if v is not None else None) for k, v in ev.items()}


@dataclass
class RealWordPress:
    stack: WordPressStack
    contents: list[SiteContent]
    posts: list[TruthPost] = field(default_factory=list)
    hidden: list[dict[str, Any]] = field(default_factory=list)
    themes: dict[str, str] = field(default_factory=dict)  # site id -> active theme
    dump: Path | None = None

    def registry_yaml(self) -> str:
        sites = []
        for c in self.contents:
            conf = c.conf
            sites.append({
                "id": conf["id"], "name": conf["name"], "country": conf["country"],
                "languages": [conf["language"]], "timezone": conf["timezone"],
                "homepage": self.stack.home(c.site) + "/", "type": "cmo", "cms": "wordpress",
                "verified": "demo",
            })
        return yaml.safe_dump({"schema_version": 1, "sites": sites}, allow_unicode=True,
                              sort_keys=False)

    def read_truth(self) -> None:
        """Published posts and hidden rows, straight from the database through WordPress."""
        self.posts, self.hidden = [], []
        for c in self.contents:
            out = json.loads(self.stack.php(HERE / "truth.php", c.site).stdout)
            kind = "classic" if out["classic"] else "block"
            self.themes[c.conf["id"]] = f"{out['theme']} ({kind})"
            labels = c.labels()
            for row in out["published"]:
                if row["slug"] not in labels:
                    raise RuntimeError(f"{c.conf['host']}: published post {row['slug']!r} "
                                       "has no labels in the content YAML")
                self.posts.append(TruthPost(
                    site_id=c.conf["id"], id=row["id"], slug=row["slug"], url=row["url"],
                    title=html.unescape(row["title"]), date=row["date"],
                    date_gmt=row["date_gmt"], categories=row["categories"],
                    label=labels[row["slug"]],
                ))
            self.hidden += [{**h, "site_id": c.conf["id"], "title": html.unescape(h["title"])}
                            for h in out["hidden"]]


def provision(stack: WordPressStack, dump_dir: Path) -> RealWordPress:
    """Install both sites and their content; keep a dump so a test can restore them."""
    contents = load_content()
    web = RealWordPress(stack, contents)
    for c in contents:
        db = c.site.db
        stack.sql(f"DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db} CHARACTER SET utf8mb4 "
                  "COLLATE utf8mb4_unicode_ci")
        stack.php(HERE / "provision.php", c.site, stdin=json.dumps(provision_spec(c)))
    web.read_truth()
    dump_dir.mkdir(parents=True, exist_ok=True)
    web.dump = dump_dir / "wordpress.sql"
    stack.dump([c.site.db for c in contents], web.dump)
    return web
