"""Tests of the multilingual boilerplate cleaner."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clustercrawl.extract import clean_body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("w Brukseli.20141020_084207", "w Brukseli."),
        ("w Brukseli.20141020_084207Zdjęcia z wydarzenia", "w Brukseli. Zdjęcia z wydarzenia"),
        ("konferencji20141020_084207 dalej", "konferencji dalej"),
        ("Fot. IMG_4521.JPG z otwarcia", "Fot. z otwarcia"),
        ("fotoIMG_1234.jpg tu", "foto tu"),
        ("Bild DSC_0042 und DSC01234.jpg", "Bild und"),
        ("P1010001.JPG", ""),
        ("Photo: PXL_20230514_101112345.jpg", ""),
        ("WhatsApp Image 2021-05-03 at 10.20.30.jpeg", ""),
        ("Numer umowy ABC20141020_084207", "Numer umowy ABC20141020_084207"),
        ("MYIMG_1234 is a product code", "MYIMG_1234 is a product code"),
        ("Perspektywa 2014-2020 i 2021-2027", "Perspektywa 2014-2020 i 2021-2027"),
    ],
)
def test_camera_tokens(text: str, expected: str) -> None:
    assert clean_body(text, "pl") == expected


@pytest.mark.parametrize(
    "line",
    ["Powrót", "« Powrót", "Wróć", "Zurück", "Retour", "Volver", "Indietro", "Zpět", "Späť",
     "Back", "Więcej", "Czytaj dalej", "Czytaj więcej »", "Weiterlesen", "Mehr erfahren",
     "Lire la suite", "Leer más", "Leggi tutto", "Číst dále", "Read more", "Read more…",
     "[Zurück]", "› Weiterlesen"],
)
def test_navigation_lines_are_dropped(line: str) -> None:
    text = f"Pierwszy akapit tekstu o klastrze.\n{line}\nDrugi akapit tekstu."
    assert clean_body(text, None) == "Pierwszy akapit tekstu o klastrze.\nDrugi akapit tekstu."


def test_trailing_navigation_tokens() -> None:
    assert clean_body("Relacja z targów w Hanowerze. Czytaj więcej »") == (
        "Relacja z targów w Hanowerze.")
    # the teaser ellipsis goes with the link
    assert clean_body("Die Messe war ein Erfolg … Weiterlesen") == "Die Messe war ein Erfolg"
    assert clean_body("We met partners in Lyon. [Read more]") == "We met partners in Lyon."
    # a nav word inside a sentence stays
    assert clean_body("Nie ma powrotu do starych metod, więcej współpracy.") == (
        "Nie ma powrotu do starych metod, więcej współpracy.")


@pytest.mark.parametrize(
    "line",
    ["Udostępnij", "Udostępnij: Facebook Twitter LinkedIn", "Teilen auf Facebook", "Partager",
     "Compartir", "Condividi", "Sdílet", "Share this:", "Tweet", "Facebook Twitter LinkedIn",
     "Drukuj", "Share on LinkedIn", "Podziel się", "•"],
)
def test_share_lines_are_dropped(line: str) -> None:
    text = f"Tekst główny artykułu.\n{line}\nDalszy tekst."
    assert clean_body(text) == "Tekst główny artykułu.\nDalszy tekst."


def test_share_words_in_sentences_stay() -> None:
    text = "We share our experience with partners.\nFacebook opened an office in Warsaw."
    assert clean_body(text, "en") == text


@pytest.mark.parametrize(
    "cookie",
    [
        "Ta strona używa plików cookies. Korzystając z niej wyrażasz zgodę.",
        "Diese Website verwendet Cookies, um Ihnen den bestmöglichen Service zu bieten.",
        "Ce site utilise des cookies pour améliorer votre expérience.",
        "Este sitio web utiliza cookies para mejorar la experiencia.",
        "Questo sito utilizza cookie tecnici e di profilazione.",
        "Tento web používá soubory cookies.",
        "We use cookies to improve your experience. Accept",
        "Akceptuję",
        "Alle akzeptieren",
    ],
)
def test_cookie_banners_are_dropped(cookie: str) -> None:
    text = f"Treść wiadomości o klastrze.\n{cookie}"
    assert clean_body(text) == "Treść wiadomości o klastrze."


def test_cookie_word_in_real_content_stays() -> None:
    text = "Nasz członek piecze ciasteczka i cookies dla sieci sklepów od 1995 roku."
    assert clean_body(text, "pl") == text


@pytest.mark.parametrize(
    "footer",
    [
        "Projekt współfinansowany ze środków Unii Europejskiej w ramach EFRR.",
        "Projekt je spolufinancován Evropskou unií.",
        "Gefördert durch das Bundesministerium für Wirtschaft und Klimaschutz.",
        "Cofinanciado por la Unión Europea.",
        "Co-funded by the European Union.",
        "Progetto cofinanziato dall'Unione Europea.",
        "Projet cofinancé par l'Union européenne.",
    ],
)
def test_funding_footer_at_the_end_is_dropped(footer: str) -> None:
    body = ("Klaster zorganizował spotkanie członków, na którym omówiono plany na kolejny rok "
            "oraz wyniki wspólnych projektów badawczych i wdrożeniowych.")
    assert clean_body(f"{body}\n{footer}") == body
    assert clean_body(f"{body}\n{footer}\n© 2024 Klaster") == body


def test_funding_sentence_in_the_middle_stays() -> None:
    text = ("Projekt współfinansowany ze środków Unii Europejskiej pozwolił na zakup aparatury.\n"
            "Dzięki temu laboratorium klastra prowadzi badania dla firm członkowskich.\n"
            "Wyniki badań zostaną przedstawione podczas konferencji w Poznaniu w przyszłym roku, "
            "na którą zapraszamy wszystkich członków i partnerów klastra.\n"
            "Więcej informacji udziela biuro klastra pod adresem e-mail podanym w stopce strony.")
    assert clean_body(text, "pl") == text


def test_text_that_is_only_a_funding_notice_is_kept() -> None:
    text = "Projekt współfinansowany ze środków Unii Europejskiej."
    assert clean_body(text) == text


def test_whitespace_and_empty_lines() -> None:
    assert clean_body("  a  \n\n\n   b ") == "a\nb"
    assert clean_body("") == ""


@given(st.text(max_size=400))
def test_never_grows_and_never_fails(text: str) -> None:
    out = clean_body(text)
    assert len(out) <= len(text)


PROSE = ("Der Cluster hat im Herbst zwölf neue Mitglieder aufgenommen, darunter drei "
         "Hersteller aus der Region, die gemeinsam an Sensoren arbeiten.")


@pytest.mark.parametrize("line", [
    "Pour lire la suite",
    "Pour accéder en illimité",
    "Continue reading with a free account",
    "Already a subscriber? Sign in here",
    "Du musst angemeldet sein, um Kommentare zu schreiben!",
    "Verraten Sie uns in den Kommentaren: Wie finden Sie das neue Programm?",
    "Let us know in the comments what you think.",
])
def test_paywall_login_and_comment_calls_are_dropped(line: str) -> None:
    assert clean_body(f"{PROSE}\n{line}\n{PROSE}") == f"{PROSE}\n{PROSE}"


def test_related_block_under_a_could_interest_you_heading_is_dropped() -> None:
    text = "\n".join([PROSE] * 4 + ["Diese Artikel könnten euch auch interessieren:",
                                   "Neue Sensoren aus dem Norden", "Zehn Jahre Cluster"])
    assert clean_body(text) == "\n".join([PROSE] * 4)


def test_continue_reading_inside_a_sentence_stays() -> None:
    text = f"{PROSE}\nWer weiterliest, erfährt, warum wir to continue reading nicht übersetzen."
    assert clean_body(text) == text


@pytest.mark.parametrize("contact", [
    ["Pressekontakt", "Erika Beispiel", "Telefon: +49 30 1234567", "presse@cluster.example"],
    ["Ansprechpartnerin zum Thema:", "Tel. 040 / 12 34 56", "erika@cluster.example"],
    ["Media contact", "Jo Example", "Phone: +44 20 7946 0000"],
])
def test_press_contact_closing_the_text_is_dropped(contact: list[str]) -> None:
    text = "\n".join([PROSE] * 3 + contact)
    assert clean_body(text) == "\n".join([PROSE] * 3)


def test_contact_heading_followed_by_prose_stays() -> None:
    text = "\n".join([PROSE] * 3 + ["Ansprechpartner für die Firmen", PROSE, PROSE,
                                    "Telefon: 030 1234567"])
    assert clean_body(text) == text


@pytest.mark.parametrize("caption", [
    "Abbildung 3: Die neue Halle von Süden gesehen.",
    "Fig. 2. Sensor prototype on the test bench",
    "Die Preisträgerinnen bei der Verleihung in Kiel. © Cluster Nord / Eva Muster",
    "Copyright: Eva Muster",
])
def test_image_captions_left_in_the_text_are_dropped(caption: str) -> None:
    assert clean_body(f"{PROSE}\n{caption}\n{PROSE}") == f"{PROSE}\n{PROSE}"


def test_a_sentence_naming_a_figure_or_copyright_stays() -> None:
    text = (f"{PROSE}\nWie Abbildung 3 zeigt, wächst der Cluster seit Jahren.\n"
            "Das Copyright der Fotos liegt bei den Mitgliedern des Clusters.")
    assert clean_body(text) == text
