"""Italian: "dal 3 al 5 giugno 2025", "dal 7 all'8 maggio", "Giovedì 5 maggio 2022 - 18:20"."""

from __future__ import annotations

from datetime import date, datetime

from .lang_base import Lang, dd, mm
from .model import City

MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)
WEEKDAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")


def _vowel(day: int) -> bool:
    return day in (8, 11)


def _day(day: int) -> str:
    return "1°" if day == 1 else str(day)


def _dal(day: int) -> str:
    return f"dall'{day}" if _vowel(day) else f"dal {_day(day)}"


def _al(day: int) -> str:
    return f"all'{day}" if _vowel(day) else f"al {day}"


def _long(d: date) -> str:
    return f"{_day(d.day)} {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"{_dal(s.day)} {MONTHS[s.month - 1]} {_al(e.day)} {MONTHS[e.month - 1]} {e.year}"
    return f"{_dal(s.day)} {_al(e.day)} {MONTHS[e.month - 1]} {e.year}"


def _single_a(d: date) -> str:
    return f"l'{_long(d)}" if _vowel(d.day) else f"il {_long(d)}"


def heading_datetime(d: date, hhmm: str) -> str:
    """The event-box line of Italian sites: "Giovedì 5 maggio 2022 - 18:20"."""
    return f"{WEEKDAYS[d.weekday()].capitalize()} {d.day} {MONTHS[d.month - 1]} {d.year} - {hhmm}"


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} alle ore {t:%H:%M}"


CITIES = {
    c.en: c
    for c in (
        City("Brussels", "Bruxelles", "a Bruxelles", "BE"),
        City("Genoa", "Genova", "a Genova", "IT"),
        City("Milan", "Milano", "a Milano", "IT"),
        City("Turin", "Torino", "a Torino", "IT"),
        City("Bologna", "Bologna", "a Bologna", "IT"),
        City("Rome", "Roma", "a Roma", "IT"),
        City("La Spezia", "La Spezia", "alla Spezia", "IT"),
        City("Naples", "Napoli", "a Napoli", "IT"),
        City("Venice", "Venezia", "a Venezia", "IT"),
        City("Florence", "Firenze", "a Firenze", "IT"),
        City("Marseille", "Marsiglia", "a Marsiglia", "FR"),
        City("Barcelona", "Barcellona", "a Barcellona", "ES"),
        City("Hamburg", "Amburgo", "ad Amburgo", "DE"),
        City("Munich", "Monaco di Baviera", "a Monaco di Baviera", "DE"),
    )
}

UI = {
    "home": "Home", "nav_news": "Notizie", "nav_events": "Eventi", "nav_calls": "Bandi",
    "nav_members_news": "Dalle imprese", "nav_about": "Chi siamo", "nav_members": "Soci",
    "nav_contact": "Contatti",
    "slug_news": "notizie", "slug_events": "eventi", "slug_calls": "bandi",
    "slug_members_news": "dalle-imprese", "slug_about": "chi-siamo", "slug_members": "soci",
    "slug_contact": "contatti",
    "php_list": "notizie", "php_item": "notizia", "q_page": "pag", "q_month": "mese",
    "back": "Indietro", "read_more": "Leggi tutto", "latest": "Ultime notizie",
    "next_page": "Successiva", "prev_page": "Precedente", "older": "Notizie precedenti",
    "newer": "Notizie successive",
    "cookie": "Questo sito utilizza cookie tecnici e di terze parti. Proseguendo nella "
    "navigazione accetti l'utilizzo dei cookie.",
    "cookie_ok": "Accetto", "privacy": "Informativa privacy", "share": "Condividi:",
    "search": "Cerca", "picks": "Dalla newsletter", "rights": "Tutti i diritti riservati",
    "print": "Stampa", "add_to_calendar": "Aggiungi al calendario",
    "calendar": "Calendario eventi", "no_events": "Nessun evento in questo mese.",
    "prev_month": "Mese precedente", "next_month": "Mese successivo", "venue": "Luogo",
    "when": "Data", "not_found": "Pagina non trovata", "tags": "Tag", "feed": "Feed RSS",
    "follow": "Seguici", "published_on": "Pubblicato il {date}",
    "submitted": "Inviato da {author} il {date}", "published_label": "Pubblicato: {date}",
    "page": "Pagina", "newsletter": "Iscriviti alla newsletter",
    "newsletter_text": "Ogni mese bandi, eventi e notizie dal cluster.",
    "eu_footer": "Progetto cofinanziato dal POR FESR Liguria 2014-2020.",
    "cat_news": "Notizie", "cat_events": "Eventi", "cat_calls": "Bandi",
    "cat_members": "Dalle imprese", "members_intro": "Tra i nostri soci:",
    "press_release": "Comunicato stampa",
}

TOPICS = (
    {"topic": "la transizione digitale", "di_topic": "della transizione digitale"},
    {"topic": "l'economia circolare", "di_topic": "dell'economia circolare"},
    {"topic": "l'efficienza energetica", "di_topic": "dell'efficienza energetica"},
    {"topic": "l'intelligenza artificiale", "di_topic": "dell'intelligenza artificiale"},
    {"topic": "l'idrogeno", "di_topic": "dell'idrogeno"},
    {"topic": "la cantieristica navale", "di_topic": "della cantieristica navale"},
    {"topic": "la sicurezza informatica", "di_topic": "della sicurezza informatica"},
    {"topic": "la propulsione ibrida", "di_topic": "della propulsione ibrida"},
    {"topic": "i materiali compositi", "di_topic": "dei materiali compositi"},
    {"topic": "la nautica da diporto", "di_topic": "della nautica da diporto"},
    {"topic": "la blue economy", "di_topic": "della blue economy"},
)

TITLES = {
    "news": (
        "Al via un nuovo progetto nel campo {di_topic}",
        "Indagine sulle PMI: il tema {di_topic}",
        "Il bilancio del {year} del cluster",
        "Approvato il piano strategico {year}-{year2}",
        "Assemblea dei soci {in_city}",
        "Sondaggio tra i soci: priorità {di_topic}",
        "Il cluster rafforza la rete di partner europei",
    ),
    "event_announcement": (
        "Iscrizioni aperte: {event} {year}",
        "{event} {in_city}",
        "Workshop sul tema {di_topic}",
        "Save the date: {event}",
        "Missione imprenditoriale {in_city}",
        "Laboratorio pratico: {topic}",
    ),
    "event_report": (
        "Com'è andato {event} {year}",
        "Grande partecipazione a {event}",
        "Il cluster alla fiera {in_city}",
        "Workshop sul tema {di_topic}: il resoconto",
        "Missione imprenditoriale {in_city}: il bilancio",
        "{event}: le foto e i numeri",
    ),
    "call": (
        "Bando {programme}: {topic}",
        "Nuovo bando del programma {programme}",
        "Manifestazione di interesse: missione {in_city}",
        "Contributi per progetti nel campo {di_topic}",
        "Voucher innovazione {year}: aperto il bando",
    ),
    "member_news": (
        "{company} inaugura un nuovo stabilimento",
        "Premio innovazione a {company}",
        "Benvenuta a {company}",
        "{company} cresce all'estero",
        "{company} vara una nuova imbarcazione",
    ),
}

SENTENCES = {
    "intro_news": (
        "Il cluster avvia un nuovo progetto collaborativo nel campo {di_topic}.",
        "Il consiglio direttivo ha definito le priorità dei prossimi mesi, con particolare "
        "attenzione al tema {di_topic}.",
        "La nostra ultima indagine lo conferma: il tema {di_topic} resta una delle principali "
        "sfide per le imprese del territorio.",
        "Il nuovo studio del cluster analizza come le PMI affrontano il tema {di_topic}.",
        "Una delegazione del cluster ha incontrato {in_city} partner provenienti da diversi paesi "
        "europei.",
    ),
    "intro_event_announcement": (
        "Vi invitiamo a «{event}», che si terrà {dates} {in_city}.",
        "{dates_cap} si svolgerà {in_city} «{event}», appuntamento per imprese, università ed enti "
        "pubblici.",
        "Con «{event}» il cluster organizza {dates} {in_city} una giornata sul tema {di_topic}.",
        "Segnate la data: «{event}» si terrà {dates} {in_city}.",
    ),
    "intro_event_report": (
        "Oltre {count} partecipanti si sono dati appuntamento {dates} {in_city} per «{event}».",
        "«{event}» si è svolto {dates} {in_city} con una grande partecipazione delle imprese "
        "socie.",
        "Il cluster ha partecipato a «{event}», che si è tenuto {dates} {in_city}.",
        "Com'è andato «{event}»: {dates}, esperti a confronto {in_city} sul tema {di_topic}.",
    ),
    "intro_call": (
        "È stato pubblicato un nuovo bando nell'ambito del programma {programme}.",
        "Le PMI possono presentare domanda a valere sul programma {programme}.",
        "Segnaliamo ai soci un bando aperto del programma {programme}.",
        "Per un nuovo progetto sul tema {di_topic} cerchiamo imprese interessate.",
    ),
    "intro_member_news": (
        "Il nostro socio {company} ha ricevuto un premio per l'innovazione.",
        "L'azienda {company} ha inaugurato un nuovo stabilimento {in_city}.",
        "Diamo il benvenuto a {company}, nuovo socio del cluster.",
        "{company} ha firmato un accordo di collaborazione con un partner tedesco.",
    ),
    "news": (
        "Il progetto durerà due anni, con un budget di {count}.000 euro.",
        "I risultati saranno presentati alla prossima assemblea dei soci.",
        "Il partner scientifico del progetto è {partner}.",
        "La carenza di personale qualificato resta la prima difficoltà segnalata dalle imprese.",
        "Anche l'aumento dei costi energetici pesa sulle aziende del settore.",
        "Sono previsti gruppi di lavoro, visite aziendali e seminari online.",
        "Lo studio completo è disponibile nell'area riservata ai soci.",
        "Università e centri di ricerca del territorio sono invitati a partecipare.",
        "Le attività sono coerenti con la strategia regionale di specializzazione intelligente.",
        "I primi risultati sono attesi entro la fine dell'anno.",
    ),
    "event_announcement": (
        "Il programma prevede interventi, tavole rotonde e incontri B2B.",
        "La partecipazione è gratuita, ma i posti sono limitati.",
        "Interverranno relatori italiani e internazionali.",
        "L'evento è organizzato in collaborazione con {partner}.",
        "Sarà l'occasione per conoscere nuovi partner commerciali.",
        "Il programma dettagliato sarà pubblicato a breve.",
        "Questa edizione sarà dedicata in particolare al tema {di_topic}.",
        "È prevista un'area espositiva per le aziende socie.",
    ),
    "event_report": (
        "I partecipanti hanno seguito numerosi interventi e preso parte agli incontri B2B.",
        "Le tavole rotonde si sono concentrate sul tema {di_topic}.",
        "Lo stand del cluster è stato molto visitato.",
        "Si sono svolti oltre {count} incontri d'affari.",
        "Ringraziamo tutti i partecipanti e i partner per il loro contributo.",
        "Le presentazioni dei relatori sono disponibili per i soci.",
        "L'evento ha confermato il valore della collaborazione tra imprese e ricerca.",
        "L'evento è stato realizzato con {partner}.",
    ),
    "call": (
        "Possono partecipare le PMI con sede nell'Unione europea.",
        "Il contributo massimo è di {count}.000 euro per progetto.",
        "Le domande vanno presentate esclusivamente online.",
        "Il testo del bando specifica i requisiti di ammissibilità.",
        "Saranno premiati i progetti realizzati con organismi di ricerca.",
        "Lo staff del cluster offre assistenza gratuita alle imprese interessate.",
        "Il bando finanzia progetti nel campo {di_topic}.",
    ),
    "member_news": (
        "Il nuovo stabilimento porterà circa venti nuovi posti di lavoro.",
        "L'azienda è specializzata in soluzioni nel campo {di_topic}.",
        "Il riconoscimento premia anni di investimenti in ricerca e sviluppo.",
        "Complimenti e buon lavoro!",
        "Il premio è stato consegnato durante una cerimonia {in_city}.",
        "L'azienda punta ai mercati del Nord Europa già dal prossimo anno.",
        "La collaborazione prevede sviluppi congiunti e scambio di competenze.",
    ),
    "generic": (
        "Il cluster riunisce oggi oltre {count} imprese, università e centri di ricerca.",
        "Seguiteci sui social per restare aggiornati.",
        "La segreteria del cluster è a disposizione per ogni informazione.",
        "Le attività del cluster sostengono lo sviluppo economico del territorio.",
        "Si tratta di un ulteriore passo nel rafforzamento della nostra rete.",
        "I soci possono proporre temi per i prossimi incontri.",
        "Vi terremo aggiornati sulle prossime iniziative.",
        "La cooperazione europea resta una priorità del cluster.",
    ),
    "close_event_announcement": (
        "Iscrizione obbligatoria entro il {date}.",
        "Le iscrizioni sono aperte fino al {date}.",
        "Si prega di confermare la partecipazione entro il {date}.",
    ),
    "close_call": (
        "La scadenza per la presentazione delle domande è fissata al {deadline}.",
        "Le domande possono essere presentate fino al {deadline}.",
    ),
}

LANG = Lang(
    code="it",
    months=MONTHS,
    weekdays=WEEKDAYS,
    cities=CITIES,
    ui=UI,
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}/{mm(d)}/{d.year}",
    ranges=(_range_a,),
    singles=(_single_a, lambda d: f"{WEEKDAYS[d.weekday()]} {_long(d)}"),
    yearless=lambda s, e: f"{_dal(s.day)} {_al(e.day)} {MONTHS[e.month - 1]}",
    deadline=_deadline,
    titles=TITLES,
    sentences=SENTENCES,
    topics=TOPICS,
    event_names=(
        "Forum della Blue Economy", "Giornata dell'Innovazione Navale",
        "Convegno Porti e Logistica",
        "Incontro Imprese e Ricerca", "Forum Idrogeno", "Salone della Nautica Sostenibile",
        "Workshop Compositi", "Tech Day del Cluster", "Forum delle Rotte Mediterranee",
        "Hackathon del Mare",
    ),
    companies=(
        "Cantieri Navali Rossi S.p.A.", "Ligurtech S.r.l.", "Marinelettronica S.r.l.",
        "Compositi del Tigullio S.r.l.", "Idromare S.p.A.", "Navaltecnica S.r.l.",
        "Porto Digitale S.r.l.", "Velerie Liguri S.n.c.", "Ecomarine Solutions S.r.l.",
        "Gruppo Lanterna S.p.A.",
    ),
    programmes=(
        "Orizzonte Europa", "PR FESR Liguria", "PNRR", "Interreg Marittimo Italia-Francia",
        "LIFE", "Programma per il mercato unico",
    ),
    partners=(
        "l'Università di Genova", "il CNR", "l'Autorità di Sistema Portuale",
        "la Camera di Commercio",
        "Enterprise Europe Network",
    ),
    cluster_names=(
        "Cluster Agrifood Nazionale", "Distretto Meccatronico Emiliano",
        "Cluster Lombardo Mobilità",
        "Distretto Tecnologico Aerospaziale Campano", "Cluster Energia Piemonte",
        "Distretto del Mobile Veneto", "Cluster Tecnologie per le Smart Cities",
        "Distretto Biomedicale Mirandolese", "Cluster Made in Italy Toscana",
        "Distretto della Moda Marchigiano",
    ),
    pages={
        "about": ("Chi siamo", "{cluster} è un'associazione che riunisce imprese, università e "
                  "centri di ricerca. Promuoviamo progetti di innovazione e accompagniamo i soci "
                  "sui mercati internazionali."),
        "members": ("Soci", "Oltre 70 soci tra imprese, enti di ricerca e associazioni."),
        "contact": ("Contatti", "La segreteria è aperta dal lunedì al venerdì, dalle 9 alle 13."),
    },
    tags=("innovazione", "nautica", "porti", "PMI", "ricerca", "Europa", "sostenibilità"),
)
