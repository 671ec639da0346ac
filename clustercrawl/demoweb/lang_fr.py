"""French: "du 3 au 5 juin 2025", "les 26 et 27 mai 2021", "le 1er juillet", "05/07/2022"."""

from __future__ import annotations

from datetime import date, datetime

from .lang_base import Lang, dd, mm
from .model import City

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _day(d: date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def _long(d: date) -> str:
    return f"{_day(d)} {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"du {_day(s)} {MONTHS[s.month - 1]} au {_long(e)}"
    return f"du {_day(s)} au {e.day} {MONTHS[e.month - 1]} {e.year}"


def _range_b(s: date, e: date) -> str:
    if (e - s).days == 1 and s.month == e.month:
        return f"les {_day(s)} et {e.day} {MONTHS[e.month - 1]} {e.year}"
    return _range_a(s, e)


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} à {t.hour}h{t:%M}"


CITIES = {
    c.en: c
    for c in (
        City("Brussels", "Bruxelles", "à Bruxelles", "BE"),
        City("Paris", "Paris", "à Paris", "FR"),
        City("Lyon", "Lyon", "à Lyon", "FR"),
        City("Grenoble", "Grenoble", "à Grenoble", "FR"),
        City("Clermont-Ferrand", "Clermont-Ferrand", "à Clermont-Ferrand", "FR"),
        City("Saint-Étienne", "Saint-Étienne", "à Saint-Étienne", "FR"),
        City("Toulouse", "Toulouse", "à Toulouse", "FR"),
        City("Strasbourg", "Strasbourg", "à Strasbourg", "FR"),
        City("Lille", "Lille", "à Lille", "FR"),
        City("Marseille", "Marseille", "à Marseille", "FR"),
        City("Munich", "Munich", "à Munich", "DE"),
        City("Milan", "Milan", "à Milan", "IT"),
        City("Barcelona", "Barcelone", "à Barcelone", "ES"),
        City("Geneva", "Genève", "à Genève", "CH"),
        City("Vienna", "Vienne", "à Vienne", "AT"),
    )
}

UI = {
    "home": "Accueil", "nav_news": "Actualités", "nav_events": "Agenda",
    "nav_calls": "Appels à projets", "nav_members_news": "Vie des adhérents",
    "nav_about": "Le pôle", "nav_members": "Adhérents", "nav_contact": "Contact",
    "slug_news": "actualites", "slug_events": "agenda", "slug_calls": "appels-a-projets",
    "slug_members_news": "vie-des-adherents", "slug_about": "le-pole", "slug_members": "adherents",
    "slug_contact": "contact",
    "php_list": "actualites", "php_item": "article", "q_page": "page", "q_month": "mois",
    "back": "Retour", "read_more": "Lire la suite", "latest": "Dernières actualités",
    "next_page": "Page suivante", "prev_page": "Page précédente", "older": "Articles plus anciens",
    "newer": "Articles plus récents",
    "cookie": "Ce site utilise des cookies pour améliorer votre expérience de navigation et "
    "réaliser des statistiques de visites.",
    "cookie_ok": "Tout accepter", "privacy": "Politique de confidentialité", "share": "Partager :",
    "search": "Rechercher", "picks": "À lire dans notre lettre", "rights": "Tous droits réservés",
    "print": "Version imprimable", "add_to_calendar": "Ajouter à mon agenda",
    "calendar": "Agenda des événements", "no_events": "Aucun événement ce mois-ci.",
    "prev_month": "Mois précédent", "next_month": "Mois suivant", "venue": "Lieu", "when": "Date",
    "not_found": "Page introuvable", "tags": "Étiquettes", "feed": "Flux RSS",
    "follow": "Suivez-nous", "published_on": "Publié le {date}",
    "submitted": "Soumis par {author} le {date}", "published_label": "Publié : {date}",
    "page": "Page", "newsletter": "Abonnez-vous à notre lettre d'information",
    "newsletter_text": "Chaque mois, l'essentiel de l'actualité du pôle et de ses adhérents.",
    "eu_footer": "Ce projet est cofinancé par l'Union européenne dans le cadre du Fonds européen "
    "de développement régional (FEDER).",
    "cat_news": "Actualités", "cat_events": "Événements", "cat_calls": "Appels à projets",
    "cat_members": "Vie des adhérents", "members_intro": "Parmi nos adhérents :",
    "press_release": "Communiqué de presse", "legal": "Mentions légales",
}

TOPICS = (
    {"topic": "la transition numérique", "de_topic": "de la transition numérique",
     "a_topic": "à la transition numérique"},
    {"topic": "l'économie circulaire", "de_topic": "de l'économie circulaire",
     "a_topic": "à l'économie circulaire"},
    {"topic": "l'efficacité énergétique", "de_topic": "de l'efficacité énergétique",
     "a_topic": "à l'efficacité énergétique"},
    {"topic": "l'intelligence artificielle", "de_topic": "de l'intelligence artificielle",
     "a_topic": "à l'intelligence artificielle"},
    {"topic": "l'hydrogène", "de_topic": "de l'hydrogène", "a_topic": "à l'hydrogène"},
    {"topic": "les matériaux composites", "de_topic": "des matériaux composites",
     "a_topic": "aux matériaux composites"},
    {"topic": "la cybersécurité", "de_topic": "de la cybersécurité",
     "a_topic": "à la cybersécurité"},
    {"topic": "la fabrication additive", "de_topic": "de la fabrication additive",
     "a_topic": "à la fabrication additive"},
    {"topic": "le recyclage des plastiques", "de_topic": "du recyclage des plastiques",
     "a_topic": "au recyclage des plastiques"},
    {"topic": "les textiles techniques", "de_topic": "des textiles techniques",
     "a_topic": "aux textiles techniques"},
    {"topic": "la décarbonation de l'industrie", "de_topic": "de la décarbonation de l'industrie",
     "a_topic": "à la décarbonation de l'industrie"},
)

TITLES = {
    "news": (
        "Lancement d'un projet collaboratif autour {de_topic}",
        "Étude : les PME face {a_topic}",
        "Bilan de l'année {year} du pôle",
        "Le pôle adopte sa feuille de route {year}-{year2}",
        "Assemblée générale du pôle {in_city}",
        "Enquête adhérents : priorité {a_topic}",
        "Le pôle renforce ses partenariats européens",
    ),
    "event_announcement": (
        "Inscriptions ouvertes : {event} {year}",
        "{event} {in_city}",
        "Atelier consacré {a_topic}",
        "Save the date : {event}",
        "Mission d'affaires {in_city}",
        "Atelier pratique : {topic}",
    ),
    "event_report": (
        "Retour sur {event} {year}",
        "{event} : un succès pour le pôle",
        "Le pôle présent sur le salon {in_city}",
        "Atelier sur {topic} : compte rendu",
        "Mission d'affaires {in_city} : le bilan",
        "Retour en images : {event}",
    ),
    "call": (
        "Appel à projets {programme} : {topic}",
        "Nouvel appel à projets du programme {programme}",
        "Appel à candidatures : mission collective {in_city}",
        "Appel à manifestation d'intérêt : {topic}",
        "Chèques innovation {year} : l'appel est ouvert",
    ),
    "member_news": (
        "{company} inaugure un nouveau site",
        "Prix de l'innovation pour {company}",
        "Bienvenue à {company}",
        "{company} accélère à l'international",
        "{company} lève des fonds pour se développer",
    ),
}

SENTENCES = {
    "intro_news": (
        "Le pôle lance un nouveau projet collaboratif consacré {a_topic}.",
        "Le conseil d'administration a fixé les priorités des prochains mois, avec un accent "
        "particulier sur le thème {de_topic}.",
        "Notre dernière enquête le confirme : le sujet {de_topic} reste l'une des principales "
        "préoccupations des entreprises du territoire.",
        "Notre nouvelle étude analyse la manière dont les PME abordent le sujet {de_topic}.",
        "Une délégation du pôle a rencontré {in_city} des partenaires venus de plusieurs pays "
        "européens.",
    ),
    "intro_event_announcement": (
        "Le pôle vous invite à l'événement « {event} », qui se tiendra {dates} {in_city}.",
        "Rendez-vous {dates} {in_city} pour « {event} », le rendez-vous des industriels, "
        "chercheurs et collectivités.",
        "Sous le titre « {event} », le pôle organise {dates} {in_city} une journée consacrée "
        "{a_topic}.",
        "Notez la date : « {event} » aura lieu {dates} {in_city}.",
    ),
    "intro_event_report": (
        "Plus de {count} participants se sont réunis {dates} {in_city} à l'occasion de « {event} "
        "».",
        "L'événement « {event} » s'est déroulé {dates} {in_city}, avec une forte mobilisation de "
        "nos adhérents.",
        "Le pôle était présent à « {event} », organisé {dates} {in_city}.",
        "Retour sur « {event} » : {dates}, des experts ont débattu {de_topic} {in_city}.",
    ),
    "intro_call": (
        "Un nouvel appel à projets vient d'être publié dans le cadre du programme {programme}.",
        "Les PME peuvent désormais déposer leur candidature au titre du programme {programme}.",
        "Nous attirons l'attention de nos adhérents sur un appel en cours du programme "
        "{programme}.",
        "Pour un nouveau projet consacré {a_topic}, nous recherchons des entreprises partenaires.",
    ),
    "intro_member_news": (
        "Notre adhérent {company} vient de recevoir un prix de l'innovation.",
        "L'entreprise {company} a inauguré un nouveau site de production {in_city}.",
        "Le pôle souhaite la bienvenue à {company}, nouvel adhérent.",
        "L'entreprise {company} a signé un accord de coopération avec un partenaire allemand.",
    ),
    "news": (
        "Le projet s'étend sur deux ans pour un budget de {count} 000 euros.",
        "Les résultats seront présentés lors de la prochaine assemblée générale.",
        "Le partenaire scientifique du projet est {partner}.",
        "Le recrutement de profils qualifiés reste la première difficulté citée par les "
        "entreprises.",
        "La hausse des coûts de l'énergie pèse également sur les PME.",
        "Groupes de travail, visites d'entreprises et webinaires sont au programme.",
        "L'étude complète est disponible dans l'espace adhérents.",
        "Les laboratoires et écoles d'ingénieurs du territoire sont invités à s'associer au "
        "projet.",
        "Ces actions s'inscrivent dans la stratégie régionale d'innovation.",
        "Les premiers résultats sont attendus d'ici la fin de l'année.",
    ),
    "event_announcement": (
        "Au programme : conférences, tables rondes et rendez-vous d'affaires.",
        "La participation est gratuite, mais le nombre de places est limité.",
        "Des intervenants français et européens sont attendus.",
        "L'événement est organisé en partenariat avec {partner}.",
        "Ce sera l'occasion de rencontrer de nouveaux partenaires.",
        "Le programme détaillé sera publié prochainement.",
        "Cette édition mettra l'accent sur {topic}.",
        "Un espace d'exposition accueillera les entreprises adhérentes.",
    ),
    "event_report": (
        "Les participants ont pu assister à des conférences et à de nombreux rendez-vous "
        "d'affaires.",
        "Les tables rondes ont largement porté sur {topic}.",
        "Le stand collectif du pôle n'a pas désempli.",
        "Plus de {count} rendez-vous d'affaires ont été organisés.",
        "Merci à tous les participants et partenaires pour leur engagement.",
        "Les présentations des intervenants sont disponibles pour les adhérents.",
        "L'événement a confirmé l'intérêt des échanges entre industrie et recherche.",
        "L'événement était organisé avec {partner}.",
    ),
    "call": (
        "L'appel s'adresse aux PME implantées dans l'Union européenne.",
        "L'aide peut atteindre {count} 000 euros par projet.",
        "Les dossiers sont à déposer uniquement en ligne.",
        "Le cahier des charges précise les critères d'éligibilité.",
        "Les projets menés avec un laboratoire de recherche seront privilégiés.",
        "L'équipe du pôle accompagne gratuitement les entreprises candidates.",
        "L'appel porte sur des projets liés {a_topic}.",
    ),
    "member_news": (
        "La nouvelle ligne de production permettra de créer une vingtaine d'emplois.",
        "L'entreprise est spécialisée dans le domaine {de_topic}.",
        "Ce succès récompense des années d'investissement en recherche et développement.",
        "Toutes nos félicitations !",
        "Le prix a été remis lors d'une cérémonie organisée {in_city}.",
        "L'entreprise prévoit de s'implanter en Scandinavie l'an prochain.",
        "La coopération porte sur des développements communs et des échanges d'expertise.",
    ),
    "generic": (
        "Le pôle fédère aujourd'hui plus de {count} entreprises, laboratoires et centres de "
        "formation.",
        "Suivez-nous sur les réseaux sociaux pour ne rien manquer.",
        "L'équipe du pôle reste à votre disposition pour toute question.",
        "Les actions du pôle contribuent au développement économique du territoire.",
        "C'est une nouvelle étape dans le développement de notre réseau.",
        "Les adhérents peuvent proposer des thèmes pour les prochaines rencontres.",
        "Nous vous tiendrons informés des prochaines actions.",
        "La coopération européenne reste une priorité du pôle.",
    ),
    "close_event_announcement": (
        "Inscription obligatoire avant le {date}.",
        "Inscriptions en ligne jusqu'au {date}.",
        "Merci de confirmer votre participation avant le {date}.",
    ),
    "close_call": (
        "Date limite de dépôt des dossiers : {deadline}.",
        "Les candidatures sont ouvertes jusqu'au {deadline}.",
    ),
}

LANG = Lang(
    code="fr",
    months=MONTHS,
    weekdays=WEEKDAYS,
    cities=CITIES,
    ui=UI,
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}/{mm(d)}/{d.year}",
    ranges=(_range_a, _range_b),
    singles=(lambda d: f"le {_long(d)}", lambda d: f"le {WEEKDAYS[d.weekday()]} {_long(d)}"),
    yearless=lambda s, e: f"du {_day(s)} au {e.day} {MONTHS[e.month - 1]}",
    deadline=_deadline,
    titles=TITLES,
    sentences=SENTENCES,
    topics=TOPICS,
    event_names=(
        "Rencontres de l'Industrie du Futur", "Journée Matériaux Innovants", "Forum Hydrogène",
        "Convention d'affaires Composites", "Rencontres Économie Circulaire",
        "Journée Recherche-Industrie", "Forum Numérique et PME", "Assises de la Plasturgie",
        "Salon Techtextil", "Journée Innovation Santé",
    ),
    companies=(
        "Auvermat Composites", "Plastiforme SAS", "Biotextiles du Forez", "Lumicoat Industries",
        "Métalliance SA", "Néofibre SAS", "Cevenn'Hydrogène", "Thermolys", "Rhodia Pack Services",
        "Altiplast",
    ),
    programmes=(
        "Horizon Europe", "France 2030", "FEDER Auvergne-Rhône-Alpes", "LIFE", "Interreg Europe",
        "Programme pour le marché unique",
    ),
    partners=(
        "l'Université Clermont Auvergne", "le CEA", "Bpifrance", "la CCI régionale",
        "Enterprise Europe Network",
    ),
    cluster_names=(
        "Pôle Mer Atlantique", "Pôle Santé Innovation Est", "Pôle Énergies Renouvelables Sud",
        "Pôle Agroalimentaire Bretagne", "Pôle Numérique Occitanie", "Pôle Textile Hauts-de-France",
        "Pôle Aéronautique Grand Ouest", "Pôle Bois Construction Vosges",
        "Pôle Chimie Verte Normandie", "Pôle Mobilités Centre",
    ),
    pages={
        "about": ("Le pôle", "{cluster} est un pôle de compétitivité qui réunit entreprises, "
                  "laboratoires et organismes de formation. Nous accompagnons nos adhérents dans "
                  "leurs projets d'innovation et leur développement à l'international."),
        "members": ("Nos adhérents", "Plus de 200 adhérents, dont une majorité de PME, font vivre "
                    "le pôle."),
        "contact": ("Contact", "L'équipe du pôle est joignable du lundi au vendredi, de 9h à 17h."),
    },
    tags=("innovation", "PME", "Europe", "R&D", "industrie", "financement", "international"),
)
