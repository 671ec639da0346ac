"""Demo web revisions: new, edited and removed posts, consistent over every channel of each
CMS, validators that change with the content, the WP API filters an incremental crawl uses,
and a server that switches revision while running."""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from clustercrawl.demoweb import DemoServer, DemoWeb, generate
from clustercrawl.demoweb.__main__ import main as cli_main
from clustercrawl.demoweb.revisions import week_of
from clustercrawl.demoweb.util import plain_text, to_utc
from clustercrawl.demoweb.xmlout import w3c

PL = "pl-demo-klaster-innowacji"
DE = "de-demo-cluster-mechatronik"
FR = "fr-demo-pole-materiaux"
ES = "es-demo-cluster-logistico"
IT = "it-demo-cluster-nautico"
CS = "cs-demo-klastr-energetika"
EN = "en-demo-clusternet-europe"
PORT = 8377

Fetched = tuple[int, dict[str, str], bytes]


def fetch(url: str, headers: dict[str, str] | None = None) -> Fetched:
    """GET over TCP to 127.0.0.1 with the URL's host in the Host header (no redirects)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection("127.0.0.1", parts.port or 80, timeout=10)
    target = parts.path + ("?" + parts.query if parts.query else "")
    conn.request("GET", target, headers={"Host": parts.netloc, **(headers or {})})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


def local(web: DemoWeb, url: str) -> Fetched:
    """The same answer in-process (fast enough to sweep every route of every revision)."""
    parts = urlsplit(url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    resp = web.respond(parts.netloc, target, parts.port or PORT)
    headers = {k.lower(): v for k, v in resp.headers.items()}
    return resp.status, {**headers, "content-type": resp.content_type}, resp.body


def decode(headers: dict[str, str], body: bytes) -> str:
    return body.decode(headers["content-type"].split("charset=")[-1])


def urls_of(truth: dict, site_id: str | None = None) -> dict[str, dict]:
    return {p["url"]: p for p in truth["posts"] if site_id is None or p["site_id"] == site_id}


@pytest.fixture(scope="module")
def rev0() -> DemoWeb:
    return generate(extra_sites=7)


@pytest.fixture(scope="module")
def rev1() -> DemoWeb:
    return generate(extra_sites=7, revision=1)


@pytest.fixture(scope="module")
def server(rev0: DemoWeb) -> Iterator[DemoServer]:
    with DemoServer(rev0) as srv:
        yield srv


# -- generation ------------------------------------------------------------------------------


def test_revision_zero_is_the_generated_web(rev0: DemoWeb) -> None:
    explicit = generate(extra_sites=7, revision=0)
    for host, target in list(rev0.targets())[::7]:
        assert explicit.respond(host, target, PORT).body == rev0.respond(host, target, PORT).body
    assert rev0.revision == 0
    assert rev0.changes_since(0, PORT) == {"new": [], "updated": [], "gone": []}
    truth = rev0.ground_truth(PORT)
    assert truth["revision"] == 0
    assert truth["gone"] == []
    with pytest.raises(ValueError):
        generate(revision=-1)


def test_revisions_are_deterministic() -> None:
    a, b = generate(extra_sites=3, revision=2), generate(extra_sites=3, revision=2)
    assert sorted(a.targets()) == sorted(b.targets())
    for host, target in a.targets():
        assert a.respond(host, target, PORT).body == b.respond(host, target, PORT).body
    assert a.changes_since(0, PORT) == b.changes_since(0, PORT)
    assert json.dumps(a.ground_truth(PORT)) == json.dumps(b.ground_truth(PORT))


@pytest.mark.parametrize("revision", [1, 2, 3])
def test_changes_match_the_ground_truth_diff(revision: int) -> None:
    before, after = generate(extra_sites=7), generate(extra_sites=7, revision=revision)
    t0, t1 = urls_of(before.ground_truth(PORT)), urls_of(after.ground_truth(PORT))
    changes = after.changes_since(0, PORT)
    assert changes["new"] == sorted(set(t1) - set(t0))
    assert changes["gone"] == sorted(set(t0) - set(t1))
    assert set(changes["updated"]) <= set(t0) & set(t1)
    assert {g["url"] for g in after.ground_truth(PORT)["gone"]} == set(changes["gone"])
    for url in set(t0) & set(t1):
        edited = t0[url]["body_contains"] != t1[url]["body_contains"]
        assert edited == (url in changes["updated"]), url
    # every kind of change happens, on several sites, and some sites are left alone
    site_of = {u: p["site_id"] for u, p in (t0 | t1).items()}
    for kind in ("new", "updated", "gone"):
        sites = {site_of[u] for u in changes[kind]}
        assert len(sites) >= 3, (kind, sites)
    changed = {c.site_id for c in after.history if c.revision == revision}
    assert len(changed) < len(after.sites)  # a week leaves some sites alone


def test_changes_since_intermediate_revision() -> None:
    web = generate(extra_sites=7, revision=3)
    mid = generate(extra_sites=7, revision=2)
    t2, t3 = urls_of(mid.ground_truth(PORT)), urls_of(web.ground_truth(PORT))
    changes = web.changes_since(2, PORT)
    assert changes["new"] == sorted(set(t3) - set(t2))
    assert changes["gone"] == sorted(set(t2) - set(t3))
    assert all(t2[u]["body_contains"] != t3[u]["body_contains"] for u in changes["updated"])
    assert web.changes_since(3, PORT) == {"new": [], "updated": [], "gone": []}
    with pytest.raises(ValueError):
        web.changes_since(4, PORT)
    with pytest.raises(ValueError):  # not served, no port given
        generate(revision=1).changes_since(0)


def test_new_posts_are_recent_and_edits_move_modified(rev0: DemoWeb, rev1: DemoWeb) -> None:
    start, end = week_of(1)
    new_keys = {c.key for c in rev1.history if c.kind == "new"}
    edited = {c.key for c in rev1.history if c.kind == "updated"}
    for site in rev1.sites:
        for post in site.posts:
            if post.key in new_keys:
                assert start <= post.published <= end
                assert post.published <= post.modified <= end
            if post.key in edited:
                old = rev0.site(site.id).post_by_key(post.key)
                assert start <= post.modified <= end
                assert post.modified > old.modified
                assert post.published == old.published and post.title == old.title
                assert post.body_html.startswith(old.body_html)
    # story posts (fixtures for dedupe tests) are never edited or removed
    touched = {c.key for c in rev1.history if c.kind != "new"}
    assert not any(p.story or p.event_key for s in rev0.sites for p in s.posts
                   if p.key in touched)


# -- consistency over every channel --------------------------------------------------------


def _channel_docs(web: DemoWeb, site_id: str) -> dict[str, list[str]]:
    """Every feed, sitemap, listing page and WP API page of a site, as text (JSON unescaped)."""
    r = web.renderer(site_id)
    base = web.base_url(site_id, PORT)
    docs: dict[str, list[str]] = {"feed": [], "sitemap": [], "listing": [], "wp_api": []}
    for target in r.targets():
        _, headers, body = local(web, base + target)
        text = decode(headers, body)
        if "rss" in headers["content-type"]:
            docs["feed"].append(text)
        elif "<urlset" in text:
            docs["sitemap"].append(text)
    for path in r.non_post_paths():
        status, headers, body = local(web, base + path)
        assert status == 200, path
        docs["listing"].append(decode(headers, body))
    if "wp_api" in r.site_channels():
        collection = r.api_url(base, "/wp/v2/posts")  # type: ignore[attr-defined]
        sep = "&" if "?" in collection else "?"
        page = 1
        while True:
            status, _, body = local(web, f"{collection}{sep}per_page=20&page={page}")
            if status != 200 or body == b"[]":
                break
            docs["wp_api"].append(body.decode("ascii").replace("\\/", "/"))
            page += 1
        assert docs["wp_api"]
    return docs


def _mentions(text: str, base: str, url: str) -> bool:
    """Does a document link ``url`` (absolute, root-relative or <base href>-relative)?"""
    path = url[len(base):].lstrip("/")
    return any(re.search(re.escape(p) + r"(?![\w-])", text)
               for p in {path, path.replace("&", "&amp;")})


@pytest.mark.parametrize("revision", [1, 3])
def test_every_channel_follows_the_revision(revision: int) -> None:
    web = generate(extra_sites=7, revision=revision)
    truth = web.ground_truth(PORT)
    changes = web.changes_since(0, PORT)
    posts = urls_of(truth)
    checked = {"new": 0, "gone": 0, "updated": 0}
    for site in web.sites:
        base = web.base_url(site.id, PORT)
        mine = {k: [u for u in v if u.startswith(base + "/")] for k, v in changes.items()}
        if not any(mine.values()):
            continue
        docs = _channel_docs(web, site.id)
        everything = [t for ds in docs.values() for t in ds]
        for url in mine["gone"]:
            status, _, _ = local(web, url)
            assert status == (410 if site.cms == "php" else 404), url
            assert not any(_mentions(t, base, url) for t in everything), url
            checked["gone"] += 1
        for url in mine["new"]:
            status, _, _ = local(web, url)
            assert status == 200
            for channel in posts[url]["channels"]:
                if channel in docs and channel != "listing":
                    assert any(_mentions(t, base, url) for t in docs[channel]), (channel, url)
            assert any(_mentions(t, base, url) for t in docs["listing"]), url
            checked["new"] += 1
        for url in mine["updated"]:
            status, headers, body = local(web, url)
            assert status == 200
            assert posts[url]["body_contains"][-1] in plain_text(decode(headers, body))
            post = next(p for p in site.posts if base + web.renderer(site.id).post_path(p) == url)
            if "sitemap" in posts[url]["channels"]:
                assert any(f"{url}</loc>" in t and w3c(post.modified) in t
                           for t in docs["sitemap"]), url
            checked["updated"] += 1
        for gone in truth["gone"]:
            assert gone["url"] not in posts
    assert all(checked.values()), checked


def test_aliases_of_removed_posts_are_gone_too() -> None:
    web = generate(revision=3)
    truth = web.ground_truth(PORT)
    seen_cms = set()
    for gone in truth["gone"]:
        site = web.site(gone["site_id"])
        r = web.renderer(site.id)
        post = next(p for p in site.removed if p.key == gone["key"])
        base = web.base_url(site.id, PORT)
        for alias in r.alias_paths(post):
            assert local(web, base + alias)[0] in (404, 410), alias
        if site.cms == "calendar" and post.post_type == "event_announcement" and post.event:
            assert local(web, base + r.ics_path(post))[0] == 404  # type: ignore[attr-defined]
        seen_cms.add(site.cms)
    assert seen_cms >= {"wp", "typo3", "drupal", "joomla", "php", "calendar", "wp_plain"}


# -- WordPress REST API filters --------------------------------------------------------------


def _api(web: DemoWeb, site_id: str, query: str) -> Fetched:
    root = "/?rest_route=/wp/v2/posts&" if site_id == EN else "/wp-json/wp/v2/posts?"
    return local(web, web.base_url(site_id, PORT) + root + query)


@pytest.mark.parametrize("site_id", [PL, EN])
def test_wp_modified_after_include_and_fields(rev1: DemoWeb, site_id: str) -> None:
    changes = rev1.changes_since(0, PORT)
    base = rev1.base_url(site_id, PORT)
    changed = {u for k in ("new", "updated") for u in changes[k] if u.startswith(base + "/")}
    assert changed
    start, _ = week_of(1)
    after = to_utc(start).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, headers, body = _api(rev1, site_id, f"modified_after={after}&per_page=2")
    assert status == 200
    assert headers["x-wp-total"] == str(len(changed))
    assert headers["x-wp-totalpages"] == str(-(-len(changed) // 2))
    links = set()
    for page in range(1, int(headers["x-wp-totalpages"]) + 1):
        _, _, body = _api(rev1, site_id, f"modified_after={after}&per_page=2&page={page}"
                          "&_fields=id,link,modified_gmt")
        items = json.loads(body)
        assert all(set(item) == {"id", "link", "modified_gmt"} for item in items)
        assert all(item["modified_gmt"] > after.rstrip("Z") for item in items)
        links |= {item["link"] for item in items}
    assert links == changed
    # the same filter on revision 0 finds nothing
    status, headers, body = _api(generate(), site_id, f"modified_after={after}")
    assert (status, headers["x-wp-total"], headers["x-wp-totalpages"], body) == (200, "0", "0",
                                                                               b"[]")
    # include: exactly these ids, in the asked order with orderby=include
    posts = rev1.site(site_id).newest_first()
    ids = [posts[7].ident, posts[0].ident, posts[3].ident]
    query = "include=" + ",".join(map(str, ids))
    status, headers, body = _api(rev1, site_id, query + "&orderby=include&_fields=id")
    assert status == 200 and headers["x-wp-total"] == "3" and headers["x-wp-totalpages"] == "1"
    assert [item["id"] for item in json.loads(body)] == ids
    _, _, body = _api(rev1, site_id, query + "&_fields=id")
    assert [item["id"] for item in json.loads(body)] == sorted(ids, reverse=True)
    array = "&".join(f"include[]={i}" for i in ids)
    _, headers, _ = _api(rev1, site_id, array)
    assert headers["x-wp-total"] == "3"
    _, headers, _ = _api(rev1, site_id, f"exclude={ids[0]}")
    assert headers["x-wp-total"] == str(len(posts) - 1)
    assert _api(rev1, site_id, "include=abc")[0] == 400
    assert _api(rev1, site_id, "orderby=include")[0] == 400
    _, _, body = _api(rev1, site_id, "orderby=modified&per_page=1&_fields=link")
    assert json.loads(body)[0]["link"] in changed


def test_wp_removed_post_leaves_the_api(rev0: DemoWeb, rev1: DemoWeb) -> None:
    gone = [c for c in rev1.history if c.kind == "gone" and c.site_id == PL]
    assert gone
    post = rev0.site(PL).post_by_key(gone[0].key)
    base = rev1.base_url(PL, PORT)
    assert local(rev0, f"{base}/wp-json/wp/v2/posts/{post.ident}")[0] == 200
    status, _, body = local(rev1, f"{base}/wp-json/wp/v2/posts/{post.ident}")
    assert status == 404 and json.loads(body)["code"] == "rest_post_invalid_id"
    _, headers, body = local(rev1, f"{base}/wp-json/wp/v2/posts?include={post.ident}")
    assert headers["x-wp-total"] == "0" and body == b"[]"
    assert local(rev1, f"{base}/?p={post.ident}")[0] == 404


# -- over HTTP: validators, 304s, switching revision on a running server ---------------------

CHANNEL_DOCS = [(PL, "/feed/"), (DE, "/aktuelles/?type=9818"), (FR, "/rss.xml"),
                (ES, "/index.php/es/noticias?format=feed&type=rss"),
                (ES, "/index.php/es/eventos?format=feed&type=rss"), (CS, "/aktuality/rss/"),
                (EN, "/?feed=rss2"), (PL, "/wp-sitemap-posts-post-1.xml"), (FR, "/sitemap.xml"),
                (EN, "/?sitemap=posts&sitemap-subtype=post&paged=1"), (DE, "/sitemap.xml")]


def test_validators_and_304_across_a_revision_switch(server: DemoServer, rev0: DemoWeb,
                                                     rev1: DemoWeb) -> None:
    """Feeds and sitemaps send ETag and Last-Modified; after the switch a conditional GET
    with the old validators gets 304 exactly when the document did not change."""
    assert CS not in {c.site_id for c in rev1.history}
    before: dict[tuple[str, str], dict[str, str]] = {}
    server.set_web(rev0)
    try:
        for site_id, path in CHANNEL_DOCS:
            status, headers, _ = fetch(server.url(site_id, path))
            assert status == 200
            assert "etag" in headers and "last-modified" in headers, (site_id, path)
            before[(site_id, path)] = headers
            assert fetch(server.url(site_id, path), {"If-None-Match": headers["etag"]})[0] == 304
            ims = {"If-Modified-Since": headers["last-modified"]}
            assert fetch(server.url(site_id, path), ims)[0] == 304
        server.set_web(rev1)
        assert server.web is rev1
        changed = 0
        for (site_id, path), old in before.items():
            host = urlsplit(server.url(site_id, path)).netloc
            same = rev0.respond(host, path, server.port).body == rev1.respond(
                host, path, server.port).body
            inm = fetch(server.url(site_id, path), {"If-None-Match": old["etag"]})
            ims = fetch(server.url(site_id, path), {"If-Modified-Since": old["last-modified"]})
            if same:
                assert inm[0] == 304, (site_id, path)
            else:
                changed += 1
                assert inm[0] == 200 and inm[1]["etag"] != old["etag"], (site_id, path)
                assert ims[0] == 200, (site_id, path)  # Last-Modified moved too
            if site_id == CS:
                assert (inm[0], ims[0]) == (304, 304)
        assert changed >= 6
        assert rev1.changes_since(0)["new"]  # the server told the web its port
    finally:
        server.set_web(rev0)


def test_page_validators_per_cms(server: DemoServer, rev0: DemoWeb, rev1: DemoWeb) -> None:
    truth = rev0.ground_truth(server.port)
    first = {s: next(p["url"] for p in truth["posts"] if p["site_id"] == s)
             for s in (PL, DE, FR, ES, IT, CS)}
    expect = {PL: {"etag", "last-modified"}, DE: {"last-modified"}, FR: {"last-modified"},
              ES: set(), IT: set(), CS: set()}
    for site_id, url in first.items():
        _, headers, _ = fetch(url)
        assert {"etag", "last-modified"} & set(headers) == expect[site_id], site_id
    # an edited post's page: a conditional GET with the old validators gets the new page
    server.set_web(rev1)
    try:
        for site_id in (DE, EN):
            url = next(u for u in rev1.changes_since(0)["updated"]
                       if u.startswith(server.base_url(site_id)))
            server.set_web(rev0)
            _, old, _ = fetch(url)
            server.set_web(rev1)
            conditional = {k: v for k, v in (("If-None-Match", old.get("etag")),
                                             ("If-Modified-Since", old.get("last-modified")))
                           if v}
            status, headers, body = fetch(url, conditional)
            assert status == 200
            note = rev1.ground_truth(server.port)
            wanted = next(p for p in note["posts"] if p["url"] == url)["body_contains"][-1]
            assert wanted in plain_text(decode(headers, body))
    finally:
        server.set_web(rev0)


def test_gone_over_http_and_new_post_served(server: DemoServer, rev0: DemoWeb,
                                           rev1: DemoWeb) -> None:
    server.set_web(rev1)
    try:
        changes = rev1.changes_since(0)
        php = [u for u in changes["gone"] if u.startswith(server.base_url(IT))]
        assert php and fetch(php[0])[0] == 410
        others = [u for u in changes["gone"] if not u.startswith(server.base_url(IT))]
        assert others and all(fetch(u)[0] == 404 for u in others)
        assert all(fetch(u)[0] == 200 for u in changes["new"])
    finally:
        server.set_web(rev0)


def test_set_web_while_serving_is_atomic(server: DemoServer, rev0: DemoWeb,
                                         rev1: DemoWeb) -> None:
    url = server.url(PL, "/feed/")
    bodies = {rev0.respond(urlsplit(url).netloc, "/feed/", server.port).body,
              rev1.respond(urlsplit(url).netloc, "/feed/", server.port).body}
    assert len(bodies) == 2
    seen: list[Fetched] = []
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            seen.append(fetch(url))

    threads = [threading.Thread(target=client) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for i in range(40):
            server.set_web(rev1 if i % 2 == 0 else rev0)
    finally:
        stop.set()
        for t in threads:
            t.join()
        server.set_web(rev0)
    assert seen
    assert all(status == 200 and body in bodies for status, _, body in seen)


def test_cli_truth_of_a_revision(tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "truth.json"
    assert cli_main(["truth", "--port", "8400", "--revision", "1", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["revision"] == 1
    assert data["gone"] and all(":8400/" in g["url"] for g in data["gone"])


@pytest.mark.parametrize("site_id", [PL, EN])
def test_wp_index_and_nested_fields(rev1: DemoWeb, site_id: str) -> None:
    """The re-crawl's index query; nested ``_fields`` keep only their leaf (WP >= 5.3)."""
    posts = rev1.site(site_id).newest_first()
    status, headers, body = _api(rev1, site_id, "orderby=modified&order=desc&per_page=5"
                                 "&_fields=id,modified_gmt,link")
    assert status == 200 and headers["x-wp-total"] == str(len(posts))
    items = json.loads(body)
    assert [set(i) for i in items] == [{"id", "modified_gmt", "link"}] * 5
    dates = [i["modified_gmt"] for i in items]
    assert dates == sorted(dates, reverse=True)
    _, _, body = _api(rev1, site_id, "per_page=1&_fields=id,title.rendered,_links.self")
    item = json.loads(body)[0]
    assert set(item) == {"id", "title", "_links"}
    assert set(item["title"]) == {"rendered"} and set(item["_links"]) == {"self"}
    _, _, body = _api(rev1, site_id, "per_page=1&_embed=wp:term&_fields=id")
    assert set(json.loads(body)[0]) == {"id"}
