"""Members' meetings are events: a post about one held is an event report, whatever the
language calls it; a news item that only points to "the next general assembly" is news.

The real posts labelled by reading (tests/data/realposts) call German and Czech member
assemblies event reports; the texts here are our own words in that pattern.
"""

from __future__ import annotations

import pytest

from clustercrawl.extract import extract_post


def _page(title: str, body: str, published: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (f"<html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{published}"></head>'
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>")


@pytest.mark.parametrize(("url", "title", "body", "published", "start"), [
    ("https://netzwerk.example.de/news/mitgliederversammlung-2024",
     "Mitgliederversammlung 2024 in Leipzig",
     "Am 12. März 2024 fand in Leipzig unsere Mitgliederversammlung statt. Rund 40 Mitglieder "
     "nahmen teil und wählten einen neuen Vorstand.\nDer Jahresbericht wurde einstimmig "
     "angenommen.", "2024-03-15", "2024-03-12"),
    ("https://netzwerk.example.de/news/erfolgreiche-jahreshauptversammlung",
     "Erfolgreiche Jahreshauptversammlung",
     "Die Mitglieder des Netzwerks trafen sich zur Jahreshauptversammlung und diskutierten "
     "die Schwerpunkte des kommenden Jahres.\nDer Vorstand dankte allen für ihr Engagement.",
     "2023-06-02", None),
    ("https://klastr.example.cz/aktuality/valna-hromada-klastru",
     "Valná hromada klastru",
     "Dne 14. listopadu 2023 se v Brně konala valná hromada klastru. Členové schválili rozpočet "
     "na příští rok.\nDěkujeme všem za účast.", "2023-11-20", "2023-11-14"),
])
def test_a_held_member_assembly_is_an_event_report(url: str, title: str, body: str,
                                                   published: str, start: str | None) -> None:
    out = extract_post(_page(title, body, published), url)
    assert out["post_type"] == "event_report"
    assert out["event"] is not None
    assert out["event"]["start"] == start


@pytest.mark.parametrize(("url", "title", "body"), [
    ("https://klastr.example.cz/aktuality/pruzkum-mezi-cleny",
     "Průzkum mezi členy: digitalizace na prvním místě",
     "Náš letošní průzkum ukázal, že firmy v regionu nejvíce zajímá digitalizace.\n"
     "Výsledky budou představeny na příští valné hromadě. Děkujeme všem, kdo se zapojili."),
    ("https://netzwerk.example.de/news/umfrage-digitalisierung",
     "Umfrage: Digitalisierung bleibt das wichtigste Thema",
     "Unsere Umfrage zeigt, dass die Digitalisierung die Unternehmen der Region am meisten "
     "beschäftigt.\nDie Ergebnisse werden auf der nächsten Mitgliederversammlung vorgestellt."),
    ("https://cluster.example.eu/news/survey-digital-skills",
     "Survey: digital skills top the list",
     "Our yearly survey shows that digital skills remain the first concern of member firms.\n"
     "The findings will be presented at the next general assembly."),
    ("https://pole.example.fr/actualites/enquete-numerique",
     "Enquête : le numérique en tête des priorités",
     "Notre enquête annuelle montre que le numérique reste la priorité des entreprises.\n"
     "Les résultats seront présentés lors de la prochaine assemblée générale."),
    ("https://cluster.example.it/news/indagine-digitale",
     "Indagine: il digitale è la priorità",
     "La nostra indagine annuale mostra che il digitale resta la priorità delle imprese.\n"
     "I risultati saranno presentati alla prossima assemblea dei soci."),
])
def test_news_pointing_to_the_next_assembly_is_no_event(url: str, title: str, body: str) -> None:
    out = extract_post(_page(title, body, "2024-02-01"), url)
    assert out["post_type"] == "news"
    assert out["event"] is None
