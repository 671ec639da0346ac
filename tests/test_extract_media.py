"""Tests of images, attachments, videos and outbound links (clustercrawl.extract.media)."""

from __future__ import annotations

from clustercrawl.extract.dom import parse_html
from clustercrawl.extract.media import collect_media, video_of

BODY = """<html><body><div class="entry-content">
<p><img src="/wp-content/uploads/2024/05/sala.jpg" alt="Sala obrad">
<img data-src="/img/lazy.jpg" src="data:image/gif;base64,R0lGOD" alt="">
<img src="/img/icon-pdf.png" width="16" height="16"></p>
<p><a href="/files/agenda.pdf">Agenda konferencji</a>
<a href="https://k.pl/files/prezentacja.PPTX" title="Prezentacja"></a>
<a href="/files/agenda.pdf">Agenda (again)</a></p>
<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0"></iframe>
<p><a href="https://vimeo.com/109876543">Nagranie</a>
<a href="https://youtu.be/dQw4w9WgXcQ">the same video</a></p>
<p><a href="https://www.partner.eu/projekt">Partner</a> <a href="/kontakt">Kontakt</a>
<a href="https://en.k.pl/news">English site</a>
<a href="https://www.facebook.com/sharer/sharer.php?u=x">Udostępnij</a>
<a href="mailto:biuro@k.pl">e-mail</a></p>
</div></body></html>"""


def test_collect_media() -> None:
    tree = parse_html(BODY)
    assert tree is not None
    container = tree.xpath("//div[@class='entry-content']")[0]
    media = collect_media(container, "https://k.pl/a/", "https://k.pl/a/",
                          lead_image="https://k.pl/og.jpg")
    assert media.images == [
        {"url": "https://k.pl/og.jpg", "alt": None},
        {"url": "https://k.pl/wp-content/uploads/2024/05/sala.jpg", "alt": "Sala obrad"},
        {"url": "https://k.pl/img/lazy.jpg", "alt": None},
    ]
    assert media.attachments == [
        {"url": "https://k.pl/files/agenda.pdf", "type": "pdf", "title": "Agenda konferencji"},
        {"url": "https://k.pl/files/prezentacja.PPTX", "type": "pptx", "title": "Prezentacja"},
    ]
    assert media.videos == [
        {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "provider": "youtube"},
        {"url": "https://vimeo.com/109876543", "provider": "vimeo"},
    ]
    assert media.links_out == ["https://www.partner.eu/projekt"]


def test_logo_og_image_is_skipped() -> None:
    media = collect_media(None, "https://k.pl/", "https://k.pl/",
                          lead_image="https://k.pl/logo.png")
    assert media.images == []


def test_video_of() -> None:
    assert video_of("https://player.vimeo.com/video/123456?h=1") == (
        "https://vimeo.com/123456", "vimeo")
    assert video_of("https://www.youtube.com/watch?v=abcdefghijk&t=1") == (
        "https://www.youtube.com/watch?v=abcdefghijk", "youtube")
    assert video_of("https://example.org/video") is None
