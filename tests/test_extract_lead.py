"""The lead paragraph the main-text extraction leaves out, and boxes it keeps wrongly."""

from __future__ import annotations

from clustercrawl.extract import extract_post
from clustercrawl.extract.content import drop_embedded_posts, with_lead
from clustercrawl.extract.dom import parse_html

LEAD = ("Der Verbund startet ein Programm für kleine Betriebe im Norden. Zwanzig Firmen "
        "erhalten ein Jahr lang Beratung zur Digitalisierung ihrer Werkstätten.")
BODY = ("Die Beratung beginnt im Frühjahr in drei Städten.\n"
        "Anmeldungen nimmt die Geschäftsstelle bis Ende des Monats entgegen.")


def _page(lead_html: str) -> str:
    return ("<html><head><title>Programm</title></head><body><article>"
            f"<h1>Neues Programm für Betriebe</h1>{lead_html}"
            "<div class='body'><p>Die Beratung beginnt im Frühjahr in drei Städten.</p>"
            "<p>Anmeldungen nimmt die Geschäftsstelle bis Ende des Monats entgegen.</p></div>"
            "</article></body></html>")


def test_lead_paragraph_repeated_as_description_is_put_back_in_front() -> None:
    tree = parse_html(_page(f"<div class='teaser-text'><p>{LEAD}</p></div>"))
    assert tree is not None
    out = with_lead(BODY, tree, LEAD[:120] + " …")
    assert out.startswith(LEAD + "\n")
    assert out.endswith(BODY)


def test_lead_already_in_the_text_is_not_doubled() -> None:
    tree = parse_html(_page(f"<div class='teaser-text'><p>{LEAD}</p></div>"))
    assert tree is not None
    text = LEAD + "\n" + BODY
    assert with_lead(text, tree, LEAD) == text


def test_a_one_sentence_subtitle_is_no_lead() -> None:
    dek = "Zwanzig Firmen im Norden erhalten ein Jahr lang Beratung zur Digitalisierung"
    tree = parse_html(_page(f"<p class='intro'>{dek}</p>"))
    assert tree is not None
    assert with_lead(BODY, tree, dek) == BODY
    tree = parse_html(_page(f"<p class='article-dek'>{LEAD}</p>"))
    assert tree is not None
    assert with_lead(BODY, tree, LEAD) == BODY


def test_description_only_in_the_head_adds_nothing() -> None:
    tree = parse_html(_page(""))
    assert tree is not None
    assert with_lead(BODY, tree, LEAD) == BODY


def test_share_box_and_embedded_facebook_post_are_dropped() -> None:
    share = ("<div class='sharedaddy sd-sharing-enabled'><h3 class='sd-title'>Teilen mit:</h3>"
             "<ul><li><a href='#'>Drucken</a></li><li><a href='#'>E-Mail</a></li></ul></div>")
    post = ("<div class='fb-post' data-href='https://www.facebook.com/x/posts/1'>"
            "<blockquote cite='https://graph.facebook.com/x/posts/1'><p>Ein Beitrag eines "
            "anderen Kontos mit eigener Meinung zur Lage.</p></blockquote></div>")
    page = _page(f"<p>{LEAD}</p>").replace("</div></article>", f"</div>{post}{share}</article>")
    tree = parse_html(page)
    assert tree is not None
    assert drop_embedded_posts(tree) == 2
    out = extract_post(page, "https://x.example/programm")
    assert "Teilen mit" not in out["body_text"]
    assert "anderen Kontos" not in out["body_text"]
    assert "Anmeldungen nimmt" in out["body_text"]
