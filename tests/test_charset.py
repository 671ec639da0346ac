"""Charset repair: Polish/Czech pages in windows-1250 / iso-8859-2 under a missing or wrong
declaration come out readable; correctly decoded pages (any language) are left alone."""

from __future__ import annotations

import codecs

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse

from clustercrawl.fetch.charset import (
    STAT_REPAIRED,
    CharsetRepairMiddleware,
    better_encoding,
    html_language,
    looks_misdecoded,
    plausibility,
)

PL = ("Spotkanie członków klastra w Łodzi. Zażółć gęślą jaźń. Świętokrzyskie źródła "
      "finansowania, Żywiec, Ćwiczenia, Ńa, Ąa, Ęa, Óa, Śląsk.")
CS = ("Setkání členů klastru v Brně. Příliš žluťoučký kůň úpěl ďábelské ódy. Šťastný Řehoř, "
      "Ďábel, Ťava, Ůa, Čaj, Ěa, Ňa.")
FR = "Les pôles de compétitivité se réunissent à Paris : coût 50 € — œuvre, naïve, Noël, été."
ES = "¿Qué pasa? ¡Año nuevo! La reunión del clúster logístico en Valencia, señor."
DE = "Größere Förderung für Unternehmen: Überblick über die Maßnahmen im Cluster Süd."


def page(text: str, lang: str | None, meta: str | None = None) -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    meta_tag = f'<meta charset="{meta}">' if meta else ""
    return (f"<!DOCTYPE html><html{lang_attr}><head>{meta_tag}<title>{text[:30]}</title></head>"
            f"<body><article><h1>{text[:40]}</h1><p>{text}</p><p>{text}</p></article></body>"
            "</html>")


class _Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def repaired(body: bytes, content_type: str, site_language: str | None = None) -> TextResponse:
    meta = {"site_language": site_language} if site_language else {}
    request = Request("http://klaster.localhost/", meta=meta)
    response = HtmlResponse(request.url, body=body, headers={"Content-Type": content_type},
                            request=request)
    out = CharsetRepairMiddleware(_Stats()).process_response(request, response)
    assert isinstance(out, TextResponse)
    return out


# -- end to end through the middleware ------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "codec", "content_type", "meta"), [
    (PL, "pl", "cp1250", "text/html", None),
    (PL, "pl", "iso-8859-2", "text/html", None),
    (PL, "pl", "iso-8859-2", "text/html; charset=windows-1250", None),
    (PL, "pl", "cp1250", "text/html; charset=iso-8859-1", None),
    (PL, "pl", "cp1250", "text/html", "utf-8"),
    (PL, "pl", "iso-8859-2", "text/html; charset=utf-8", None),
    (PL, None, "iso-8859-2", "text/html", None),
    (PL, None, "cp1250", "text/html; charset=iso-8859-1", None),
    (CS, "cs", "iso-8859-2", "text/html", "utf-8"),
    (CS, "cs", "cp1250", "text/html; charset=iso-8859-1", None),
    (CS, "cs", "iso-8859-2", "text/html; charset=windows-1250", None),
    (CS, None, "cp1250", "text/html; charset=iso-8859-1", None),
    (PL, "pl", "utf-8", "text/html; charset=windows-1250", None),
    (CS, "cs", "utf-8", "text/html; charset=iso-8859-2", None),
])
def test_misdeclared_pages_come_out_readable(text: str, lang: str | None, codec: str,
                                             content_type: str, meta: str | None) -> None:
    body = page(text, lang, meta).encode(codec)
    out = repaired(body, content_type)
    assert text in out.text, out.text[:300]


def test_site_language_from_meta_is_used() -> None:
    body = page(CS, None).encode("iso-8859-2")
    out = repaired(body, "text/html; charset=utf-8", site_language="cs")
    assert CS in out.text


def test_utf8_bom_wins_over_a_wrong_header() -> None:
    body = codecs.BOM_UTF8 + page(PL, "pl").encode("utf-8")
    out = repaired(body, "text/html; charset=windows-1250")
    assert PL in out.text


@pytest.mark.parametrize(("text", "lang", "codec", "content_type"), [
    (PL, "pl", "utf-8", "text/html; charset=utf-8"),
    (PL, "pl", "cp1250", "text/html; charset=windows-1250"),
    (PL, "pl", "iso-8859-2", "text/html; charset=iso-8859-2"),
    (CS, "cs", "cp1250", "text/html; charset=windows-1250"),
    (FR, "fr", "cp1252", "text/html; charset=iso-8859-1"),
    (FR, "fr", "utf-8", "text/html"),
    (FR, None, "cp1252", "text/html; charset=windows-1252"),
    (ES, None, "cp1252", "text/html; charset=iso-8859-1"),
    (ES, "es", "utf-8", "text/html"),
    (DE, "de", "cp1252", "text/html; charset=iso-8859-1"),
    (DE, None, "utf-8", "text/html"),
    ("Plain ASCII news of the cluster.", "en", "ascii", "text/html"),
])
def test_correct_pages_are_left_alone(text: str, lang: str | None, codec: str,
                                      content_type: str) -> None:
    body = page(text, lang).encode(codec)
    request = Request("http://klaster.localhost/")
    response = HtmlResponse(request.url, body=body, headers={"Content-Type": content_type},
                            request=request)
    stats = _Stats()
    out = CharsetRepairMiddleware(stats).process_response(request, response)
    assert out is response
    assert STAT_REPAIRED not in stats.values
    assert text in out.text


def test_non_html_responses_are_not_touched() -> None:
    request = Request("http://klaster.localhost/feed.xml")
    response = TextResponse(request.url, body=PL.encode("cp1250"),
                            headers={"Content-Type": "application/rss+xml"}, request=request)
    assert CharsetRepairMiddleware(_Stats()).process_response(request, response) is response


def test_repair_is_counted() -> None:
    request = Request("http://klaster.localhost/", meta={"site_id": "pl-x"})
    body = page(PL, "pl").encode("iso-8859-2")
    response = HtmlResponse(request.url, body=body, headers={"Content-Type": "text/html"},
                            request=request)
    stats = _Stats()
    out = CharsetRepairMiddleware(stats).process_response(request, response)
    assert out is not response and PL in out.text
    assert stats.values[STAT_REPAIRED] == 1
    assert stats.values[f"{STAT_REPAIRED}/iso8859-2"] == 1


# -- the pieces -----------------------------------------------------------------------------------

def test_mojibake_is_recognised() -> None:
    assert looks_misdecoded(PL.encode("cp1250").decode("cp1252", "replace"), "pl")
    assert looks_misdecoded(PL.encode("iso-8859-2").decode("cp1250", "replace"), "pl")
    assert looks_misdecoded(CS.encode("iso-8859-2").decode("utf-8", "replace"), "cs")
    assert not looks_misdecoded(PL, "pl")
    assert not looks_misdecoded(CS, None)
    assert not looks_misdecoded(FR, "fr")
    assert not looks_misdecoded(ES, None)


def test_plausibility_prefers_the_right_decoding() -> None:
    raw = PL.encode("iso-8859-2")
    assert plausibility(raw.decode("iso-8859-2"), "pl") > plausibility(raw.decode("cp1250"), "pl")
    raw = CS.encode("cp1250")
    assert plausibility(raw.decode("cp1250"), "cs") > plausibility(
        raw.decode("cp1252", "replace"), "cs")


def test_better_encoding_returns_none_for_a_right_guess() -> None:
    assert better_encoding(PL.encode("cp1250"), "cp1250", "pl") is None
    assert better_encoding(PL.encode("utf-8"), "utf-8", None) is None
    assert better_encoding(PL.encode("utf-8"), "cp1250", "pl") == "utf-8"


def test_large_bodies_are_sampled_not_scanned_whole() -> None:
    body = page(PL * 20000, "pl").encode("iso-8859-2")  # ~3 MB
    assert len(body) > 1_000_000
    assert better_encoding(body, "cp1250", "pl") == "iso8859-2"


@pytest.mark.parametrize(("html", "lang"), [
    (b'<!DOCTYPE html><html lang="pl-PL"><head>', "pl"),
    (b"<html xmlns='http://www.w3.org/1999/xhtml' xml:lang='cs' lang='cs'>", "cs"),
    (b"<HTML LANG=de>", "de"), (b"<html><head>", None),
])
def test_html_language(html: bytes, lang: str | None) -> None:
    assert html_language(html) == lang
