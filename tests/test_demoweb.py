"""Demo web: determinism, real HTTP on loopback, CMS endpoints, ground truth consistency."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from lxml import etree
from lxml import html as lxml_html

from clustercrawl.demoweb import DemoServer, DemoWeb, generate
from clustercrawl.demoweb.__main__ import main as cli_main
from clustercrawl.demoweb.util import plain_text

PL = "pl-demo-klaster-innowacji"
DE = "de-demo-cluster-mechatronik"
FR = "fr-demo-pole-materiaux"
ES = "es-demo-cluster-logistico"
IT = "it-demo-cluster-nautico"
CS = "cs-demo-klastr-energetika"
EN = "en-demo-clusternet-europe"

Fetched = tuple[int, dict[str, str], bytes]


@pytest.fixture(scope="module")
def web() -> DemoWeb:
    return generate()


@pytest.fixture(scope="module")
def server(web: DemoWeb) -> Iterator[DemoServer]:
    with DemoServer(web) as srv:
        yield srv


@pytest.fixture(scope="module")
def truth(web: DemoWeb, server: DemoServer) -> dict[str, object]:
    return web.ground_truth(server.port)


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


def decode(headers: dict[str, str], body: bytes) -> str:
    charset = headers["content-type"].split("charset=")[-1]
    return body.decode(charset)


def posts_of(truth: dict[str, object], site_id: str) -> list[dict[str, object]]:
    return [p for p in truth["posts"] if p["site_id"] == site_id]  # type: ignore[index,union-attr]


# -- generation ---------------------------------------------------------------------------


def _render_all(web: DemoWeb) -> dict[tuple[str, str], bytes]:
    return {(h, t): web.respond(h, t, 8377).body for h, t in web.targets()}


def test_same_seed_gives_identical_pages() -> None:
    a, b = generate(extra_sites=3), generate(extra_sites=3)
    pages_a, pages_b = _render_all(a), _render_all(b)
    assert pages_a == pages_b
    assert len(pages_a) > 500
    assert json.dumps(a.ground_truth(1)) == json.dumps(b.ground_truth(1))


def test_pages_identical_across_processes() -> None:
    code = (
        "import hashlib\nfrom clustercrawl.demoweb import generate\n"
        "web = generate(extra_sites=2)\nh = hashlib.sha256()\n"
        "for host, t in sorted(web.targets()):\n"
        "    h.update(host.encode() + t.encode() + web.respond(host, t, 8377).body)\n"
        "print(h.hexdigest())\n"
    )
    digests = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_other_seed_changes_extra_sites() -> None:
    a, b = generate(seed=1, extra_sites=3), generate(seed=2, extra_sites=3)
    extra = [s.id for s in a.sites[7:]]
    assert extra == [s.id for s in b.sites[7:]]
    titles_a = [p.title for s in a.sites[7:] for p in s.posts]
    titles_b = [p.title for s in b.sites[7:] for p in s.posts]
    assert titles_a != titles_b


def test_scale_extra_sites_fast() -> None:
    start = time.monotonic()
    big = generate(extra_sites=100, posts_per_site=50)
    count = big.page_count()
    sample = list(big.targets())[::50]
    for host, target in sample:
        assert big.respond(host, target, 8377).status in (200, 301)
    elapsed = time.monotonic() - start
    assert len(big.sites) == 107
    assert count >= 5000
    assert elapsed < 8, elapsed
    cms = {s.cms for s in big.sites}
    langs = {s.lang for s in big.sites}
    assert len(cms) == 7
    assert len(langs) == 7


# -- server ------------------------------------------------------------------------------


def test_server_binds_loopback_and_dispatches_on_host(web: DemoWeb, server: DemoServer) -> None:
    assert server._httpd.server_address[0] == "127.0.0.1"
    status, headers, body = fetch(server.base_url(PL))
    assert status == 200
    assert headers["content-type"] == "text/html; charset=UTF-8"
    assert int(headers["content-length"]) == len(body)
    assert b"Klaster Innowacji Pomorza" in body
    status, _, _ = fetch(f"http://unknown-site.localhost:{server.port}/")
    assert status == 404
    status, _, _ = fetch(server.url(PL, "/no-such-page/"))
    assert status == 404
    log = server.access_log
    assert log and all(len(e) == 5 and e[0] <= e[1] for e in log)
    assert any(e[2] == "klaster-innowacji.localhost" and e[4] == 200 for e in log)
    with pytest.raises(ValueError):
        DemoServer(web, host="0.0.0.0")


def test_gzip_to_clients_that_accept_it_and_bytes_counted(server: DemoServer) -> None:
    import gzip

    server.clear_log()
    status, headers, plain = fetch(server.base_url(PL))
    assert status == 200 and "content-encoding" not in headers
    assert headers["vary"] == "Accept-Encoding"
    status, headers, packed = fetch(server.base_url(PL), {"Accept-Encoding": "br, gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert int(headers["content-length"]) == len(packed) < len(plain) / 2
    assert gzip.decompress(packed) == plain
    _, headers, _ = fetch(server.base_url(PL), {"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in headers
    sent = server.bytes_log
    assert [h for h, _p, _n in sent] == ["klaster-innowacji.localhost"] * 3
    assert len(plain) < sent[0][2] < len(plain) + 1000  # body and headers
    assert len(packed) < sent[1][2] < len(packed) + 1000


def test_conditional_get_and_shortlink_redirect(server: DemoServer, truth: dict) -> None:
    status, headers, _ = fetch(server.url(PL, "/feed/"))
    assert status == 200
    assert "last-modified" in headers
    assert headers["content-type"].startswith("application/rss+xml")
    status, _, body = fetch(server.url(PL, "/feed/"), {"If-None-Match": headers["etag"]})
    assert status == 304
    assert body == b""
    example = next(p for p in posts_of(truth, PL) if p["key"].endswith(":ecc2014"))
    short = next(a for a in example["alias_urls"] if "?p=" in a)
    status, headers, _ = fetch(short)
    assert status == 301
    assert headers["location"] == example["url"]


# -- CMS endpoints --------------------------------------------------------------------------


def test_wordpress_rest_api(server: DemoServer, truth: dict) -> None:
    home = decode(*fetch(server.base_url(PL))[1:])
    assert re.search(r'<link rel="https://api.w.org/" href="[^"]+/wp-json/"', home)
    total = len(posts_of(truth, PL))
    status, headers, body = fetch(server.url(PL, "/wp-json/wp/v2/posts?per_page=10&page=2"))
    assert status == 200
    assert headers["x-wp-total"] == str(total)
    assert headers["x-wp-totalpages"] == str(-(-total // 10))
    items = json.loads(body)
    assert len(items) == 10
    first = items[0]
    for key in ("id", "date", "date_gmt", "modified_gmt", "slug", "link", "guid", "title",
                "content", "excerpt", "categories"):
        assert key in first
    assert first["guid"]["rendered"].endswith(f"/?p={first['id']}")
    assert first["link"] in {p["url"] for p in posts_of(truth, PL)}
    status, _, body = fetch(server.url(PL, "/wp-json/wp/v2/posts?per_page=10&page=99"))
    assert status == 400
    assert json.loads(body)["code"] == "rest_post_invalid_page_number"


def test_wordpress_plain_permalinks(server: DemoServer, truth: dict) -> None:
    home = decode(*fetch(server.base_url(EN))[1:])
    assert '<link rel="https://api.w.org/" href="http://clusternet-europe.localhost:' in home
    assert "/?rest_route=/" in home
    assert fetch(server.url(EN, "/wp-json/"))[0] == 404
    status, _, body = fetch(server.url(EN, "/?rest_route=/wp/v2/posts&per_page=100&page=1"))
    assert status == 200
    links = {item["link"] for item in json.loads(body)}
    assert links == {p["url"] for p in posts_of(truth, EN)}
    assert all(re.search(r"/\?p=\d+$", link) for link in links)
    status, _, body = fetch(server.url(EN, "/?feed=rss2"))
    assert status == 200
    assert len(etree.fromstring(body).findall("./channel/item")) == 10


def _sitemap_locs(url: str, depth: int = 0) -> list[str]:
    status, _, body = fetch(url)
    assert status == 200, url
    root = etree.fromstring(body)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    if root.tag.endswith("sitemapindex"):
        assert depth < 2
        out = []
        for loc in root.findall("s:sitemap/s:loc", ns):
            out += _sitemap_locs(loc.text or "", depth + 1)
        return out
    return [loc.text or "" for loc in root.findall("s:url/s:loc", ns)]


@pytest.mark.parametrize(
    ("site", "feed", "sitemap"),
    [
        (PL, "/feed/", "/wp-sitemap.xml"),
        (DE, "/aktuelles/?type=9818", "/sitemap.xml"),
        (FR, "/rss.xml", "/sitemap.xml"),
        (ES, "/index.php/es/noticias?format=feed&type=rss", None),
        (CS, "/aktuality/rss/", None),
        (EN, "/?feed=rss2", "/?sitemap=index"),
    ],
)
def test_feeds_and_sitemaps_parse(server: DemoServer, truth: dict, site: str, feed: str,
                                  sitemap: str | None) -> None:
    post_urls = {p["url"] for p in posts_of(truth, site)}
    status, _, body = fetch(server.url(site, feed))
    assert status == 200
    items = etree.fromstring(body).findall("./channel/item")
    assert 5 <= len(items) <= 20
    assert all(item.findtext("link") in post_urls for item in items)
    if sitemap:
        locs = set(_sitemap_locs(server.url(site, sitemap)))
        assert post_urls <= locs
    else:
        assert fetch(server.url(site, "/sitemap.xml"))[0] == 404


def test_robots_sitemap_lines(server: DemoServer) -> None:
    for site in (PL, DE, EN):
        status, _, body = fetch(server.url(site, "/robots.txt"))
        assert status == 200
        assert re.search(rb"^Sitemap: http://\S+$", body, re.M)
    assert fetch(server.url(IT, "/robots.txt"))[0] == 404


def test_typo3_pagination_both_forms(server: DemoServer) -> None:
    page = decode(*fetch(server.url(DE, "/aktuelles/"))[1:])
    assert "tx_news_pi1%5B%40widget_0%5D%5BcurrentPage%5D=2" in page
    assert '<base href="http://cluster-mechatronik-sued.localhost:' in page
    raw = fetch(server.url(DE, "/aktuelles/?tx_news_pi1[@widget_0][currentPage]=2"))
    enc = fetch(server.url(DE, "/aktuelles/?tx_news_pi1%5B%40widget_0%5D%5BcurrentPage%5D=2"))
    assert raw[0] == enc[0] == 200
    assert raw[2] == enc[2]
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">\d{2}\.\d{2}\.\d{4}</time>', page)


def test_drupal_node_and_alias(server: DemoServer, truth: dict) -> None:
    post = posts_of(truth, FR)[0]
    node = next(a for a in post["alias_urls"] if "/node/" in a)
    for url in (post["url"], node, post["url"] + "?print=1"):
        status, headers, body = fetch(url)
        assert status == 200
        assert f'<link rel="canonical" href="{post["url"]}" />' in decode(headers, body)
    listing = decode(*fetch(server.url(FR, "/actualites"))[1:])
    assert '<nav class="pager"' in listing
    assert 'href="?page=1"' in listing
    assert re.search(r"Soumis par .*admin.* le .*\d{2}/\d{2}/\d{4}", listing)


def test_joomla_sef_and_nonsef(server: DemoServer, truth: dict) -> None:
    post = posts_of(truth, ES)[0]
    assert "/index.php/es/" in post["url"]
    nonsef = post["alias_urls"][0]
    assert "option=com_content&view=article&id=" in nonsef
    for url in (post["url"], nonsef):
        status, headers, body = fetch(url)
        page = decode(headers, body)
        assert status == 200
        assert f'<link href="{post["url"]}" rel="canonical" />' in page
        assert re.search(r"Publicado: \d{1,2} [A-Z][a-z]+ \d{4}", page)
    assert fetch(server.url(ES, "/index.php/es/noticias?start=10"))[0] == 200
    status, headers, _ = fetch(server.base_url(ES))
    assert status == 301
    assert headers["location"].endswith("/index.php/es/")


def test_homemade_php_site(server: DemoServer, truth: dict) -> None:
    status, headers, body = fetch(server.url(IT, "/notizie.php?pag=2"))
    assert status == 200
    assert "ISO-8859-1" in headers["content-type"]
    page = decode(headers, body)
    assert re.search(r'<span class="data">\d{2}/\d{2}/\d{4}</span>', page)
    post = posts_of(truth, IT)[0]
    article = decode(*fetch(post["url"])[1:])
    assert "Pubblicato il " in article
    assert "canonical" not in article and "datePublished" not in article
    text = " ".join(plain_text(decode(*fetch(p["url"])[1:])) for p in posts_of(truth, IT))
    assert "Giovedì 5 maggio 2022 - 18:20" in text
    assert "dal 3 al 5 giugno 2025" in text


def test_events_calendar_bounded_with_jsonld_and_ics(server: DemoServer, truth: dict) -> None:
    url = server.url(CS, "/akce/?mesic=2025-06")
    page = decode(*fetch(url)[1:])
    doc = lxml_html.fromstring(page)
    events = doc.xpath('//ul[@class="event-list"]//a/@href')
    assert len(events) >= 2
    seen = 0
    nxt: str | None = url
    while nxt:
        status, headers, body = fetch(nxt)
        assert status == 200
        seen += 1
        assert seen < 40
        links = lxml_html.fromstring(decode(headers, body)).xpath('//a[@class="cal-next"]/@href')
        nxt = urljoin(nxt, links[0]) if links else None
    assert fetch(server.url(CS, "/akce/?mesic=2031-01"))[0] == 404
    event_url = urljoin(url, events[0])
    detail = decode(*fetch(event_url)[1:])
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', detail,
                                re.S).group(1))  # type: ignore[union-attr]
    assert data["@type"] == "Event"
    assert data["startDate"].startswith("2025-06")
    assert data["location"]["address"]["addressLocality"]
    truth_post = next(p for p in posts_of(truth, CS) if p["url"] == event_url)
    assert truth_post["event"]["start"] == data["startDate"][:10]
    ics_href = lxml_html.fromstring(detail).xpath('//a[contains(@class,"btn-ical")]/@href')[0]
    status, headers, body = fetch(urljoin(event_url, ics_href))
    assert status == 200
    assert headers["content-type"].startswith("text/calendar")
    lines = body.decode("utf-8").split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    assert lines[-2] == "END:VCALENDAR"
    assert any(line.startswith("DTSTART") for line in lines)


# -- ground truth --------------------------------------------------------------------------


def test_truth_urls_aliases_titles_and_bodies(truth: dict) -> None:
    posts = truth["posts"]
    assert 200 <= len(posts) <= 400
    assert len({p["url"] for p in posts}) == len(posts)
    for post in posts:
        status, headers, body = fetch(post["url"])
        assert status == 200, post["url"]
        text = plain_text(decode(headers, body))
        assert post["title"] in text, post["url"]
        assert 2 <= len(post["body_contains"]) <= 3
        for snippet in post["body_contains"]:
            assert snippet in text, (post["url"], snippet)
        for alias in post["alias_urls"]:
            a_status, a_headers, _ = fetch(alias)
            assert a_status in (200, 301), alias
            if a_status == 301:
                assert a_headers["location"] == post["url"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", post["published"])
        assert "2014-01-01" <= post["published"] <= "2025-12-31"
        assert post["channels"] and set(post["channels"]) <= {
            "wp_api", "feed", "sitemap", "listing", "link"}
        if post["event"]:
            assert post["event"]["start"] <= post["event"]["end"]
            if post["post_type"] == "event_announcement":
                assert post["published"] < post["event"]["start"]
            if post["post_type"] == "event_report":
                assert post["published"] > post["event"]["end"]


def test_truth_excludes_are_chrome_not_content(web: DemoWeb, truth: dict) -> None:
    by_key = {p["key"]: p for p in truth["posts"]}
    for _, post in web.posts():
        body = plain_text(post.body_html)
        chrome = [x for x in by_key[post.key]["body_excludes"] if x not in post.body_excludes]
        assert chrome, post.key
        assert not [x for x in chrome if x in body], post.key


def test_non_posts_answer_and_are_not_posts(truth: dict) -> None:
    post_urls = {p["url"] for p in truth["posts"]}
    non_posts = truth["non_posts"]
    assert not post_urls & set(non_posts)
    for site in truth["sites"]:
        mine = [u for u in non_posts if u.startswith(site["base_url"])]
        kinds = " ".join(mine)
        assert len(mine) >= 5, site["id"]
        words = ("kontakt", "contact", "contacto", "contatti", "page_id=")
        assert any(w in kinds for w in words), site["id"]
    for url in non_posts[::3]:
        assert fetch(url)[0] == 200, url


def test_polish_example_post(server: DemoServer, truth: dict) -> None:
    post = next(p for p in posts_of(truth, PL)
                if p["title"] == "Europejska Konferencja Klastrów, Bruksela 21-22.10.2014")
    assert post["published"] == "2014-10-24"
    assert post["event"] == {"start": "2014-10-20", "end": "2014-10-21", "city": "Brussels",
                             "date_conflict": True}
    assert "20141020_084207" in post["body_excludes"] and "Powrót" in post["body_excludes"]
    page = decode(*fetch(post["url"])[1:])
    doc = lxml_html.fromstring(page)
    assert doc.xpath("string(//h1)") == post["title"]
    content = doc.xpath('//div[contains(@class,"entry-content")]')[0]
    text = content.text_content()
    assert "odbyła się w dniach 20-21 października 2014 r. w Brukseli" in text
    assert re.search(r"\w\.20141020_084207", text)
    assert content.xpath('.//a[starts-with(@href,"https://vimeo.com/")]')
    last_link = content.xpath(".//a")[-1]
    assert last_link.text_content().strip() == "Powrót"
    assert re.search(r'<time class="entry-date published" datetime="2014-10-24T', page)
    assert '<meta property="article:published_time"' in page
    assert "<link rel='shortlink'" in page


def test_cross_site_stories(truth: dict) -> None:
    posts = truth["posts"]
    ecc14 = [p for p in posts if p["event_key"] == "ecc-2014"]
    assert len({p["site_id"] for p in ecc14}) >= 5
    assert len({p["language"] for p in ecc14}) >= 4
    assert all(p["event"]["start"] == "2014-10-20" and p["event"]["end"] == "2014-10-21"
               for p in ecc14)
    firsts = [p["body_contains"][0] for p in ecc14]
    assert len(set(firsts)) == len(firsts)
    stories: dict[str, list[dict]] = {}
    for p in posts:
        if p["story"]:
            stories.setdefault(p["story"], []).append(p)
    assert any(len({p["site_id"] for p in group}) >= 3 for group in stories.values())
    group = max(stories.values(), key=len)
    assert len({p["title"] for p in group}) == len(group)
    ecc24 = [p for p in posts if p["event_key"] == "ecc-2024" and p["post_type"] == "event_report"]
    assert len({p["site_id"] for p in ecc24}) == 2
    assert all(p["event"]["start"] == "2024-05-07" for p in ecc24)


def test_local_date_formats_present(web: DemoWeb) -> None:
    text = " ".join(plain_text(p.body_html) for _, p in web.posts())
    for expected in ("vom 3.-5. Juni 2025", "vom 20. bis 28. April 2017", "du 3 au 5 juin 2025",
                     "les 26 et 27 mai 2021", "del 3 al 5 de junio de 2025", "14 y 15 de abril",
                     "dal 3 al 5 giugno 2025", "5. 6. 2025", "10 – 11.1.2023", "June 3-5, 2025",
                     "14-16 May 2019", "20-21 października 2014", "w Brukseli", "v Bruselu"):
        assert expected.lower() in text.lower(), expected
    assert "31 May 2024 – 18:00 CET (Brussels time)" in text
    calls = [p for _, p in web.posts() if p.post_type == "call"]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", p.call_deadline or "")
               for p in calls)
    assert "2024-05-31T18:00:00+02:00" in {p.call_deadline for p in calls}


def test_every_site_has_every_kind_and_several_years(truth: dict) -> None:
    for site in truth["sites"]:
        posts = posts_of(truth, site["id"])
        assert 25 <= len(posts) <= 50
        kinds = {p["post_type"] for p in posts}
        assert {"news", "event_announcement", "event_report", "call", "member_news"} <= kinds
        years = {p["published"][:4] for p in posts}
        assert len(years) >= 6


def test_registry_yaml(web: DemoWeb) -> None:
    data = yaml.safe_load(web.registry_yaml(8377))
    assert data["schema_version"] == 1
    sites = data["sites"]
    assert len(sites) == 7
    assert len({s["id"] for s in sites}) == 7
    for site in sites:
        assert re.fullmatch(r"[a-z0-9-]+", site["id"])
        assert site["homepage"].endswith(".localhost:8377/")
        assert site["verified"] == "demo"
    with_news = [s for s in sites if s.get("news")]
    assert 0 < len(with_news) < len(sites)
    assert all(s["news"][0]["status"] == "seen" for s in with_news)


def test_cli_truth(tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "truth.json"
    assert cli_main(["truth", "--port", "8400", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["seed"] == 2014
    assert data["posts"][0]["url"].startswith("http://")
    assert ":8400/" in data["posts"][0]["url"]
