"""German: "3.-5. Juni 2025", "vom 20. bis 28. April 2017", "am 8. Oktober 2020", "14.11.2018"."""

from __future__ import annotations

from datetime import date, datetime

from .lang_base import Lang, dd, mm
from .model import City

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def _long(d: date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"vom {s.day}. {MONTHS[s.month - 1]} bis {_long(e)}"
    return f"vom {s.day}. bis {e.day}. {MONTHS[e.month - 1]} {e.year}"


def _range_b(s: date, e: date) -> str:
    return f"vom {s.day}.-{e.day}. {MONTHS[e.month - 1]} {e.year}"


def _range_c(s: date, e: date) -> str:
    if (e - s).days == 1:
        return f"am {s.day}. und {e.day}. {MONTHS[e.month - 1]} {e.year}"
    return f"vom {dd(s)}.{mm(s)}. bis {dd(e)}.{mm(e)}.{e.year}"


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())}, {t:%H:%M} Uhr"


CITIES = {
    c.en: c
    for c in (
        City("Brussels", "Brüssel", "in Brüssel", "BE"),
        City("Munich", "München", "in München", "DE"),
        City("Cologne", "Köln", "in Köln", "DE"),
        City("Berlin", "Berlin", "in Berlin", "DE"),
        City("Hamburg", "Hamburg", "in Hamburg", "DE"),
        City("Stuttgart", "Stuttgart", "in Stuttgart", "DE"),
        City("Nuremberg", "Nürnberg", "in Nürnberg", "DE"),
        City("Hanover", "Hannover", "in Hannover", "DE"),
        City("Frankfurt", "Frankfurt am Main", "in Frankfurt am Main", "DE"),
        City("Düsseldorf", "Düsseldorf", "in Düsseldorf", "DE"),
        City("Vienna", "Wien", "in Wien", "AT"),
        City("Linz", "Linz", "in Linz", "AT"),
        City("Prague", "Prag", "in Prag", "CZ"),
        City("Warsaw", "Warschau", "in Warschau", "PL"),
        City("Milan", "Mailand", "in Mailand", "IT"),
        City("Lyon", "Lyon", "in Lyon", "FR"),
    )
}

UI = {
    "home": "Startseite", "nav_news": "Aktuelles", "nav_events": "Veranstaltungen",
    "nav_calls": "Förderaufrufe", "nav_members_news": "Mitgliedernews", "nav_about": "Über uns",
    "nav_members": "Mitglieder", "nav_contact": "Kontakt",
    "slug_news": "aktuelles", "slug_events": "veranstaltungen", "slug_calls": "foerderung",
    "slug_members_news": "mitgliedernews", "slug_about": "ueber-uns", "slug_members": "mitglieder",
    "slug_contact": "kontakt",
    "php_list": "news", "php_item": "artikel", "q_page": "seite", "q_month": "monat",
    "back": "Zurück", "read_more": "Weiterlesen", "latest": "Neueste Beiträge",
    "next_page": "Nächste Seite", "prev_page": "Vorherige Seite", "older": "Ältere Beiträge",
    "newer": "Neuere Beiträge",
    "cookie": "Wir verwenden Cookies, um Ihnen ein optimales Webseiten-Erlebnis zu bieten. "
    "Mit der Nutzung unserer Webseite stimmen Sie der Verwendung von Cookies zu.",
    "cookie_ok": "Alle akzeptieren", "privacy": "Datenschutzerklärung", "share": "Teilen:",
    "search": "Suche", "picks": "Aus unserem Newsletter", "rights": "Alle Rechte vorbehalten",
    "print": "Drucken", "add_to_calendar": "In Kalender eintragen",
    "calendar": "Veranstaltungskalender", "no_events": "Keine Termine in diesem Monat.",
    "prev_month": "Vorheriger Monat", "next_month": "Nächster Monat", "venue": "Ort",
    "when": "Datum", "not_found": "Seite nicht gefunden", "tags": "Schlagworte",
    "feed": "News-Feed", "follow": "Folgen Sie uns", "published_on": "Veröffentlicht am {date}",
    "submitted": "Eingereicht von {author} am {date}", "published_label": "Veröffentlicht: {date}",
    "page": "Seite", "newsletter": "Newsletter abonnieren",
    "newsletter_text": "Einmal im Monat: Termine, Förderaufrufe und Neuigkeiten aus dem Cluster.",
    "eu_footer": "Gefördert durch den Europäischen Fonds für regionale Entwicklung (EFRE).",
    "cat_news": "Aktuelles", "cat_events": "Veranstaltungen", "cat_calls": "Förderaufrufe",
    "cat_members": "Mitgliedernews",
    "members_intro": "Zu unseren Mitgliedern gehören unter anderem:",
    "press_release": "Pressemitteilung", "impressum": "Impressum",
}

TOPICS = (
    {"topic": "Digitalisierung der Produktion"}, {"topic": "Kreislaufwirtschaft"},
    {"topic": "Energieeffizienz"}, {"topic": "Künstliche Intelligenz"},
    {"topic": "Wasserstofftechnologien"}, {"topic": "Leichtbau"}, {"topic": "IT-Sicherheit"},
    {"topic": "Robotik und Automation"}, {"topic": "Additive Fertigung"},
    {"topic": "Fachkräftesicherung"}, {"topic": "Elektromobilität"}, {"topic": "Smart Farming"},
)

TITLES = {
    "news": (
        "Neues Verbundprojekt zum Thema {topic} gestartet",
        "Studie: {topic} im Mittelstand",
        "Jahresrückblick {year}: Das Cluster in Zahlen",
        "Cluster verabschiedet Strategie {year}–{year2}",
        "Mitgliederversammlung {in_city}",
        "Umfrage unter Mitgliedern: Top-Thema {topic}",
        "Positionspapier: {topic}",
    ),
    "event_announcement": (
        "Einladung: {event} {year}",
        "{event} {in_city} – jetzt anmelden",
        "Workshop {topic}: Anmeldung geöffnet",
        "Save the Date: {event}",
        "Delegationsreise nach {city}",
        "Praxisworkshop: {topic}",
    ),
    "event_report": (
        "Rückblick: {event} {year}",
        "So war die {event}",
        "Cluster auf der Messe {in_city}",
        "Workshop {topic} – ein Rückblick",
        "Delegationsreise nach {city}: Bilanz",
        "Erfolgreiche {event} {in_city}",
    ),
    "call": (
        "Förderaufruf: {programme} – {topic}",
        "Neuer Förderaufruf im Programm {programme}",
        "Ausschreibung: Innovationsgutscheine {year}",
        "Call for Proposals: {topic}",
        "Teilnehmer gesucht: Unternehmerreise nach {city}",
    ),
    "member_news": (
        "{company} eröffnet neuen Standort",
        "Innovationspreis für {company}",
        "Neues Mitglied: {company}",
        "{company} investiert in {topic}",
        "{company} erweitert Produktion",
    ),
}

SENTENCES = {
    "intro_news": (
        "Mit einem neuen Verbundprojekt widmet sich das Cluster dem Thema {topic}.",
        "Der Vorstand des Clusters hat die Schwerpunkte für die kommenden Monate festgelegt; "
        "im Mittelpunkt steht dabei das Thema {topic}.",
        "Eine aktuelle Umfrage unter unseren Mitgliedern zeigt: Das Thema {topic} gehört zu den "
        "wichtigsten Themen der Unternehmen in der Region.",
        "Unsere neue Studie beleuchtet, wie kleine und mittlere Unternehmen mit dem Thema {topic} "
        "umgehen.",
        "Vertreterinnen und Vertreter des Clusters trafen sich {in_city} mit Partnern aus mehreren "
        "europäischen Ländern.",
    ),
    "intro_event_announcement": (
        "Wir laden Sie herzlich zur „{event}“ ein, die {dates} {in_city} stattfindet.",
        "{dates_cap} findet {in_city} die „{event}“ statt – der Treffpunkt für Industrie, "
        "Forschung und Politik.",
        "Unter dem Titel „{event}“ lädt das Cluster {dates} {in_city} zum Austausch über {topic} "
        "ein.",
        "Merken Sie sich den Termin vor: Die „{event}“ findet {dates} {in_city} statt.",
    ),
    "intro_event_report": (
        "Mehr als {count} Teilnehmende kamen {dates} {in_city} zur „{event}“ zusammen.",
        "{dates_cap} fand {in_city} die „{event}“ statt – mit großer Beteiligung unserer "
        "Mitglieder.",
        "Das Cluster war bei der „{event}“ vertreten, die {dates} {in_city} stattfand.",
        "Die „{event}“ {in_city} ist vorbei: {dates} diskutierten Fachleute über {topic}.",
    ),
    "intro_call": (
        "Im Rahmen des Programms {programme} ist ein neuer Förderaufruf veröffentlicht worden.",
        "Kleine und mittlere Unternehmen können ab sofort Anträge im Programm {programme} "
        "einreichen.",
        "Wir möchten unsere Mitglieder auf einen aktuellen Aufruf im Programm {programme} "
        "aufmerksam machen.",
        "Für ein neues Projekt zum Thema {topic} suchen wir interessierte Unternehmen.",
    ),
    "intro_member_news": (
        "Unser Mitglied {company} wurde mit einem Innovationspreis ausgezeichnet.",
        "Die {company} hat {in_city} einen neuen Produktionsstandort eröffnet.",
        "Wir begrüßen die {company} als neues Mitglied im Cluster.",
        "Die {company} hat eine Kooperationsvereinbarung mit einem Partner aus Polen "
        "unterzeichnet.",
    ),
    "news": (
        "Das Projekt läuft über zwei Jahre und wird mit rund {count}.000 Euro gefördert.",
        "Die Ergebnisse werden auf der nächsten Mitgliederversammlung vorgestellt.",
        "Als wissenschaftlicher Partner ist die {partner} beteiligt.",
        "Viele Unternehmen nennen den Fachkräftemangel als größte Herausforderung.",
        "Auch die Energiekosten spielen für die Betriebe eine zunehmende Rolle.",
        "Geplant sind Arbeitskreise, Unternehmensbesuche und ein Online-Format.",
        "Die vollständige Studie steht Mitgliedern im internen Bereich zur Verfügung.",
        "Hochschulen und Forschungseinrichtungen aus der Region sind eingeladen, sich zu "
        "beteiligen.",
        "Die Aktivitäten sind eng mit der regionalen Innovationsstrategie abgestimmt.",
        "Erste Ergebnisse erwarten wir bereits zum Jahresende.",
    ),
    "event_announcement": (
        "Auf dem Programm stehen Fachvorträge, Podiumsdiskussionen und B2B-Gespräche.",
        "Die Teilnahme ist kostenfrei, die Zahl der Plätze ist jedoch begrenzt.",
        "Erwartet werden Referentinnen und Referenten aus dem In- und Ausland.",
        "Kooperationspartner der Veranstaltung ist die {partner}.",
        "Die Veranstaltung bietet viel Raum für Networking und neue Kontakte.",
        "Das ausführliche Programm folgt in Kürze.",
        "Schwerpunkt der diesjährigen Ausgabe ist das Thema {topic}.",
        "Begleitend findet eine Fachausstellung mit Mitgliedsunternehmen statt.",
    ),
    "event_report": (
        "Die Teilnehmenden erlebten spannende Vorträge und zahlreiche B2B-Gespräche.",
        "In den Podiumsdiskussionen ging es vor allem um das Thema {topic}.",
        "Unser Gemeinschaftsstand war an allen Tagen gut besucht.",
        "Insgesamt wurden mehr als {count} Kooperationsgespräche geführt.",
        "Wir bedanken uns bei allen Beteiligten und Partnern für die gelungene Veranstaltung.",
        "Die Vortragsfolien stellen wir unseren Mitgliedern zur Verfügung.",
        "Die Veranstaltung hat gezeigt, wie wichtig der Austausch zwischen Wirtschaft und "
        "Wissenschaft ist.",
        "Partner der Veranstaltung war die {partner}.",
    ),
    "call": (
        "Antragsberechtigt sind kleine und mittlere Unternehmen mit Sitz in der EU.",
        "Die maximale Fördersumme beträgt {count}.000 Euro pro Vorhaben.",
        "Anträge können ausschließlich elektronisch eingereicht werden.",
        "Alle Details finden Sie in den Ausschreibungsunterlagen.",
        "Besonders gefördert werden Vorhaben in Kooperation mit Forschungseinrichtungen.",
        "Die Clustergeschäftsstelle berät interessierte Unternehmen gerne kostenfrei.",
        "Gefördert werden Projekte zum Thema {topic}.",
    ),
    "member_news": (
        "Mit der neuen Fertigungslinie entstehen rund zwanzig neue Arbeitsplätze.",
        "Das Unternehmen ist auf Lösungen im Bereich {topic} spezialisiert.",
        "Der Erfolg ist das Ergebnis langjähriger Forschungs- und Entwicklungsarbeit.",
        "Wir gratulieren herzlich und wünschen weiterhin viel Erfolg!",
        "Die Auszeichnung wurde im Rahmen einer Festveranstaltung {in_city} überreicht.",
        "Im kommenden Jahr plant das Unternehmen den Markteintritt in Skandinavien.",
        "Die Kooperation umfasst gemeinsame Entwicklungsprojekte und einen Wissensaustausch.",
    ),
    "generic": (
        "Das Cluster vereint derzeit mehr als {count} Unternehmen, Hochschulen und "
        "Forschungseinrichtungen.",
        "Folgen Sie uns auch in den sozialen Medien, um nichts zu verpassen.",
        "Für Rückfragen steht Ihnen die Clustergeschäftsstelle gerne zur Verfügung.",
        "Die Aktivitäten des Clusters stärken den Wirtschaftsstandort nachhaltig.",
        "Damit gehen wir einen weiteren Schritt beim Ausbau unseres Netzwerks.",
        "Mitglieder können Themenvorschläge für kommende Veranstaltungen einreichen.",
        "Über weitere Aktivitäten informieren wir fortlaufend.",
        "Die internationale Zusammenarbeit bleibt ein Schwerpunkt unserer Arbeit.",
    ),
    "close_event_announcement": (
        "Anmeldeschluss ist der {date}.",
        "Bitte melden Sie sich bis zum {date} über das Online-Formular an.",
        "Wir bitten um Anmeldung bis {date}.",
    ),
    "close_call": (
        "Einreichungsfrist ist der {deadline}.",
        "Anträge können bis zum {deadline} eingereicht werden.",
    ),
}

LANG = Lang(
    code="de",
    months=MONTHS,
    weekdays=WEEKDAYS,
    cities=CITIES,
    ui=UI,
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}.{mm(d)}.{d.year}",
    ranges=(_range_a, _range_b, _range_c),
    singles=(lambda d: f"am {_long(d)}", lambda d: f"am {WEEKDAYS[d.weekday()]}, {_long(d)}"),
    yearless=lambda s, e: f"vom {s.day}. bis {e.day}. {MONTHS[e.month - 1]}",
    deadline=_deadline,
    titles=TITLES,
    sentences=SENTENCES,
    topics=TOPICS,
    event_names=(
        "Fachtagung Industrie 4.0", "Clusterkonferenz Süd", "Innovationstagung Automation",
        "Zukunftskonferenz Mobilität", "Wasserstoff-Fachtagung", "Netzwerkmesse Leichtbau",
        "Anwenderkonferenz Robotik", "Energiekonferenz", "Jobmesse Technik",
        "Digitalkonferenz Mittelstand",
    ),
    companies=(
        "Huber Antriebstechnik GmbH", "Sensorik Weber AG", "Kessler Maschinenbau GmbH",
        "Rheintal Robotics GmbH", "Alpenlicht Photonics GmbH", "Brandt Kunststofftechnik GmbH",
        "IsarData Systems GmbH", "Vogel Präzisionsteile GmbH", "Lechwerk Automation GmbH",
        "Neumann Leichtbau GmbH",
    ),
    programmes=(
        "Horizont Europa", "ZIM", "EFRE Bayern", "Digital Europe", "Interreg Alpenraum",
        "Single Market Programme",
    ),
    partners=(
        "Technische Hochschule Rosenheim", "Fraunhofer-Gesellschaft",
        "IHK für München und Oberbayern",
        "Hochschule München", "Bayerische Forschungsallianz",
    ),
    cluster_names=(
        "Cluster Medizintechnik Rhein-Main", "Netzwerk Leichtbau Sachsen",
        "Cluster Energietechnik Nord",
        "Kunststoff-Cluster Westfalen", "Cluster Lebensmittel Franken",
        "Photonik-Netzwerk Thüringen",
        "Cluster Holz und Bau Schwaben", "Logistik-Cluster Elbe", "Automotive-Netzwerk Saar",
        "Cluster Umwelttechnik Hessen",
    ),
    pages={
        "about": ("Über uns", "{cluster} ist ein Netzwerk aus Unternehmen, Hochschulen und "
                  "Forschungseinrichtungen. Seit 2009 bündeln wir Kompetenzen, initiieren "
                  "Verbundprojekte und begleiten unsere Mitglieder auf internationale Märkte."),
        "members": ("Mitglieder", "Über 120 Mitglieder aus Industrie, Wissenschaft und "
                    "öffentlicher Hand engagieren sich im Cluster."),
        "contact": ("Kontakt", "Unsere Geschäftsstelle ist montags bis freitags von 9 bis 16 Uhr "
                    "erreichbar."),
    },
    tags=("Innovation", "Förderung", "Forschung", "Mittelstand", "Europa", "Netzwerk", "Export"),
)
