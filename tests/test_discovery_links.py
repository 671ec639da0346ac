"""Shared URL heuristics, bounded link following and CMS detection."""

from __future__ import annotations

import pytest

from clustercrawl.discovery.cms import detect_cms
from clustercrawl.discovery.links import (
    follow_candidates,
    is_archive_url,
    is_asset_url,
    is_calendar_url,
    is_excluded_url,
    looks_like_listing_url,
    looks_like_post_url,
    strip_tracking,
)


@pytest.mark.parametrize(
    "url",
    [
        "https://klaster.pl/2024/05/14/konferencja-klastrow/",
        "https://klaster.pl/2024/05/konferencja-klastrow/",
        "https://klaster.pl/?p=4711",
        "https://klaster.pl/index.php?option=com_content&view=article&id=125&Itemid=101",
        "https://klaster.pl/index.php/pl/aktualnosci/125-spotkanie-czlonkow-klastra",
        "https://cluster.de/aktuelles/news-detail/wasserstoff-tag/",
        "https://cluster.de/aktuelles/detail/wasserstoff-tag-2018/",
        "https://cluster.de/news?tx_news_pi1%5Bnews%5D=42&cHash=abc",
        "https://cluster.eu/node/812",
        "https://distretto.it/notizia.php?id=77",
        "https://klaster-old.pl/aktualnosci.php?id=15",
        "https://klaster.pl/aktualnosci/konferencja-klastrow-energetycznych/",
        "https://klaster.pl/konferencja-klastrow-energetycznych-w-brukseli/",
        "https://portal.pl/wiadomosci/klaster-wygral,1234.html",
        "https://klaster.pl/event/forum-wodorowe-2025/",
    ],
)
def test_looks_like_post_url(url: str) -> None:
    assert looks_like_post_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://klaster.pl/",
        "https://klaster.pl/en/",
        "https://klaster.pl/kontakt/",
        "https://klaster.pl/o-nas/",
        "https://klaster.pl/aktualnosci/",
        "https://klaster.pl/aktualnosci/page/2/",
        "https://klaster.pl/category/aktualnosci/",
        "https://klaster.pl/2024/05/",
        "https://klaster.pl/wp-content/uploads/2024/05/plakat.jpg",
        "https://klaster.pl/feed/",
        "https://klaster.pl/wydarzenia/miesiac/2025-06/",
    ],
)
def test_not_post_urls(url: str) -> None:
    assert not looks_like_post_url(url)


def test_listing_and_archive_urls() -> None:
    assert looks_like_listing_url("https://klaster.pl/aktualnosci/")
    assert looks_like_listing_url("https://klaster.pl/category/projekty/page/3/")
    assert looks_like_listing_url("https://cluster.eu/news?page=2")
    assert looks_like_listing_url(
        "https://klaster.pl/index.php?option=com_content&view=category&id=8"
    )
    assert not looks_like_listing_url("https://klaster.pl/2024/05/14/konferencja/")
    assert is_archive_url("https://klaster.pl/")
    assert is_archive_url("https://klaster.pl/tag/wodor/")
    assert is_archive_url("https://klaster.pl/author/admin/")
    assert is_archive_url("https://klaster.pl/2024/05/")
    assert is_archive_url("https://klaster.pl/?cat=3")
    assert not is_archive_url("https://klaster.pl/2024/05/14/konferencja/")
    assert not is_archive_url("https://klaster.pl/archiwum/2019/05/stary-wpis-o-klastrze/")


def test_asset_calendar_and_excluded_urls() -> None:
    assert is_asset_url("https://x.eu/files/Agenda.PDF")
    assert is_asset_url("https://x.eu/wp-content/uploads/2024/05/x")
    assert is_asset_url("https://x.eu/fileadmin/user_upload/flyer.docx")
    assert not is_asset_url("https://x.eu/aktuelles/detail/flyer/")
    assert is_calendar_url("https://x.eu/events/?tribe-bar-date=2025-06-01")
    assert is_calendar_url("https://x.eu/kalendar/?mesic=2025-06")
    assert is_calendar_url("https://x.eu/events/2025-06/")
    assert is_calendar_url("https://x.eu/events/month/2025-06/")
    assert not is_calendar_url("https://x.eu/2025/06/some-post/")
    for url in [
        "https://x.eu/wp-admin/",
        "https://x.eu/wp-login.php?redirect_to=x",
        "https://x.eu/?s=klaster",
        "https://x.eu/szukaj/",
        "https://x.eu/2024/05/post/?replytocom=12",
        "https://x.eu/2024/05/post/?share=facebook",
        "https://x.eu/index.php?option=com_content&view=article&id=5&tmpl=component&print=1",
        "https://x.eu/event/forum/ical/",
        "https://x.eu/events/?ical=1",
        "https://x.eu/news.php?id=3&PHPSESSID=abcdef",
        "https://x.eu/koszyk/",
    ]:
        assert is_excluded_url(url), url
    assert not is_excluded_url("https://x.eu/aktualnosci/konferencja/")


def test_strip_tracking() -> None:
    assert strip_tracking("https://x.eu/a/?utm_source=fb&utm_medium=x&id=3&fbclid=Z") == (
        "https://x.eu/a/?id=3"
    )
    assert strip_tracking("https://x.eu/a/?id=3") == "https://x.eu/a/?id=3"


HOME = """<html><head><base href="https://klaster.pl/"></head><body>
<nav><a href="/">Start</a><a href="aktualnosci/">Aktualności</a><a href="kontakt/">Kontakt</a>
<a href="wp-login.php">Zaloguj</a><a href="https://facebook.com/klaster">FB</a></nav>
<main>
<a href="#content">Skip</a>
<a href="2024/05/14/konferencja-klastrow/?utm_source=newsletter">Konferencja</a>
<a href="2024/05/14/konferencja-klastrow/#comments">Komentarze</a>
<a href="wp-content/uploads/2024/05/agenda.pdf">Agenda (PDF)</a>
<a href="mailto:biuro@klaster.pl">biuro@klaster.pl</a>
<a href="tel:+48123456789">Zadzwoń</a>
<a href="javascript:void(0)">Menu</a>
<a href="feed/">RSS</a>
<a href="wydarzenia/?month=2025-07">Lipiec</a>
<a href="?s=wodor">Szukaj</a>
<a href="https://en.klaster.pl/news/">English news</a>
<a href="o-nas/" rel="nofollow">O nas</a>
<a href="projekty/">Projekty</a>
</main></body></html>"""


def test_follow_candidates_order_and_filters() -> None:
    assert follow_candidates(HOME, "https://klaster.pl/") == [
        "https://klaster.pl/2024/05/14/konferencja-klastrow/",
        "https://klaster.pl/aktualnosci/",
        "https://klaster.pl/kontakt/",
        "https://klaster.pl/projekty/",
    ]
    assert follow_candidates("", "https://klaster.pl/") == []


@pytest.mark.parametrize(
    ("html", "headers", "expected"),
    [
        ('<meta name="generator" content="WordPress 6.5.3" />', None, "wordpress"),
        (
            '<meta name="generator" content="Joomla! - Open Source Content Management" />',
            None,
            "joomla",
        ),
        ('<meta name="generator" content="TYPO3 CMS" />', None, "typo3"),
        ('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />', None, "drupal"),
        ('<link rel="stylesheet" href="/wp-content/themes/astra/style.css">', None, "wordpress"),
        ('<script src="/media/jui/js/jquery.min.js"></script>', None, "joomla"),
        (
            '<link href="/typo3conf/ext/site/Resources/Public/main.css" rel="stylesheet">',
            None,
            "typo3",
        ),
        ('<img src="/sites/default/files/logo.png">', None, "drupal"),
        ("<p>plain</p>", {"X-Generator": "Drupal 9 (https://www.drupal.org)"}, "drupal"),
        (
            "<p>plain</p>",
            {b"Link": [b'<https://x.eu/wp-json/>; rel="https://api.w.org/"']},
            "wordpress",
        ),
        ('<meta name="generator" content="Wix.com Website Builder" />', None, "wix"),
        ('<body class="home"><p>Home-made PHP</p></body>', None, None),
        ("", None, None),
    ],
)
def test_detect_cms(html: str, headers: dict[object, object] | None, expected: str | None) -> None:
    page = f"<html><head></head><body>{html}</body></html>" if html else ""
    assert detect_cms(page, "https://x.eu/", headers) == expected


def test_is_page_url() -> None:
    from clustercrawl.discovery.links import is_page_url

    assert is_page_url("https://x.eu/?page_id=2")
    assert is_page_url("https://pole.fr/adherents")
    assert is_page_url("https://pole.fr/le-pole")
    assert is_page_url("https://klaster.pl/en/about-us/")
    assert is_page_url("https://cluster.de/impressum.html")
    assert not is_page_url("https://pole.fr/actualites/adherents")
    assert not is_page_url("https://x.eu/?p=2")
    assert not looks_like_post_url("https://x.eu/kontakt/")
