"""Hand-written cross-site posts: the 2014 and 2024 European Cluster Conferences and a
press release reposted by several clusters.

Each report of the same conference is written in its own words (never a translation of
another); the reposts share one text with light edits, as real reposts do. ``%BASE%`` in a
body is replaced by the site's base URL at render time.
"""

from __future__ import annotations

from datetime import date, datetime

from .model import EventInfo, Post
from .util import esc

ECC_2014 = EventInfo(date(2014, 10, 20), date(2014, 10, 21), "Brussels",
                     venue="The Square – Brussels Meeting Centre", street="Mont des Arts",
                     name="European Cluster Conference 2014")
ECC_2024 = EventInfo(date(2024, 5, 7), date(2024, 5, 8), "Brussels",
                     venue="The Square – Brussels Meeting Centre", street="Mont des Arts",
                     name="European Cluster Conference 2024")
PL_EXAMPLE_TITLE = "Europejska Konferencja Klastrów, Bruksela 21-22.10.2014"
CAMERA_TOKEN = "20141020_084207"
VIMEO_URL = "https://vimeo.com/109776305"
PR_STORY = "pr-cluster-partnerships-2023"


def _p(*paras: str) -> str:
    return "".join(f"<p>{esc(p)}</p>\n" for p in paras)


def _post(key: str, title: str, when: datetime, body: str, *, kind: str, language: str,
          summary: str, contains: list[str], **extra: object) -> Post:
    post = Post(key=key, ident=0, slug="", title=title, published=when, modified=when,
                post_type=kind, language=language, body_html=body, summary=summary,
                category="news", body_contains=contains)
    for name, value in extra.items():
        setattr(post, name, value)
    return post


def ecc2014_pl(key: str) -> Post:
    """The Polish example post: wrong range in the title, right one in the body, noise."""
    body = (
        _p("Europejska Konferencja Klastrów odbyła się w dniach 20-21 października 2014 r. "
           "w Brukseli. Było to już czwarte spotkanie z tego cyklu, zorganizowane przez Komisję "
           "Europejską pod hasłem wspierania odnowy przemysłowej Europy poprzez klastry.")
        + '<p><img class="alignnone size-medium wp-image-388" src="%BASE%/wp-content/uploads/'
        f'2014/10/{CAMERA_TOKEN}-300x225.jpg" alt="" width="300" height="225" /></p>\n'
        + "<p>" + esc("W konferencji uczestniczyło kilkuset przedstawicieli organizacji "
                      "klastrowych, przedsiębiorstw oraz administracji regionalnej i krajowej "
                      "z całej Europy. Dyskutowano o roli klastrów w realizacji strategii "
                      "inteligentnych specjalizacji oraz o nowych instrumentach wsparcia "
                      "w programach COSME i Horyzont 2020.") + CAMERA_TOKEN + "</p>\n"
        + _p("Szczególnie dużo uwagi poświęcono umiędzynarodowieniu małych i średnich "
             "przedsiębiorstw oraz współpracy międzysektorowej. Przedstawiciele Komisji "
             "zapowiedzieli także kolejne edycje programu wymiany doświadczeń pomiędzy "
             "menedżerami klastrów.",
             "Nasz klaster reprezentowała prezes zarządu, która wzięła udział w warsztatach "
             "poświęconych doskonałości zarządzania klastrami i nawiązała kontakty z klastrami "
             "z Hiszpanii, Niemiec i Czech.")
        + f'<p>Relacja wideo z sesji plenarnej jest dostępna pod adresem: <a href="{VIMEO_URL}">'
        f"{VIMEO_URL}</a></p>\n"
        + _p("Zachęcamy członków klastra do zapoznania się z materiałami konferencyjnymi, które "
             "udostępniamy w biurze klastra.")
        + '<p><a href="%BASE%/category/aktualnosci/">Powrót</a></p>\n'
    )
    return _post(
        key, PL_EXAMPLE_TITLE, datetime(2014, 10, 24, 10, 32), body,
        kind="event_report", language="pl",
        summary="Europejska Konferencja Klastrów odbyła się w dniach 20-21 października 2014 r. "
        "w Brukseli.",
        contains=["odbyła się w dniach 20-21 października 2014 r. w Brukseli",
                  "strategii inteligentnych specjalizacji",
                  "doskonałości zarządzania klastrami"],
        event=EventInfo(ECC_2014.start, ECC_2014.end, "Brussels", date_conflict=True),
        event_key="ecc-2014", body_excludes=[CAMERA_TOKEN, "Powrót"], image=CAMERA_TOKEN,
    )


def ecc2014_en(key: str) -> Post:
    """The EU network's own report of the 2014 conference."""
    body = _p(
        "The 4th European Cluster Conference took place in Brussels on 20-21 October 2014, "
        "bringing together cluster managers, policy makers and business representatives from "
        "all over Europe.",
        "Under the motto of strengthening Europe's industrial base, the conference looked at how "
        "clusters can help SMEs grow, internationalise and modernise. Several sessions focused on "
        "emerging industries and on the links between cluster policy and regional smart "
        "specialisation strategies.",
        "Our network co-organised a workshop on cross-border cluster cooperation, in which "
        "partners from the Baltic Sea region and the Danube area presented joint projects. "
        "Participants agreed that European Strategic Cluster Partnerships could become a key "
        "tool for going international.",
        "Presentations and a short summary of the conclusions are available to members in the "
        "partner area.",
    )
    return _post(
        key, "4th European Cluster Conference: clusters for Europe's industrial renewal",
        datetime(2014, 10, 27, 15, 5), body,
        kind="event_report", language="en",
        summary=("The 4th European Cluster Conference took place in Brussels on 20-21 October "
                 "2014."),
        contains=["took place in Brussels on 20-21 October 2014",
                  "European Strategic Cluster Partnerships could become a key tool"],
        event=ECC_2014, event_key="ecc-2014",
    )


def ecc2014_de(key: str) -> Post:
    """German report (legacy TYPO3 URL)."""
    body = _p(
        "Vom 20.-21. Oktober 2014 fand in Brüssel die vierte Europäische Clusterkonferenz statt. "
        "Rund 600 Teilnehmerinnen und Teilnehmer aus Clusterinitiativen, Unternehmen und Politik "
        "diskutierten, wie Cluster zur Modernisierung der europäischen Industrie beitragen können.",
        "Im Mittelpunkt standen die Internationalisierung kleiner und mittlerer Unternehmen, die "
        "Förderung neuer Wertschöpfungsketten und die Verzahnung der Clusterpolitik mit den "
        "regionalen Innovationsstrategien.",
        "Unsere Geschäftsführung nahm an einem Workshop zur Exzellenz im Clustermanagement teil. "
        "Besonders wertvoll waren die Gespräche mit Clustern aus Polen, Spanien und Tschechien, "
        "mit denen wir gemeinsame Projektideen entwickeln wollen.",
        "Die Vorträge der Konferenz stehen auf den Seiten der Europäischen Kommission zum "
        "Download bereit.",
    )
    return _post(
        key, "Europäische Clusterkonferenz in Brüssel: Cluster als Motor der Industrie",
        datetime(2014, 10, 29, 9, 40), body,
        kind="event_report", language="de",
        summary=("Vom 20.-21. Oktober 2014 fand in Brüssel die vierte Europäische Clusterkonferenz "
                 "statt."),
        contains=[
            "Vom 20.-21. Oktober 2014 fand in Brüssel die vierte Europäische Clusterkonferenz",
            "Verzahnung der Clusterpolitik mit den regionalen Innovationsstrategien"],
        event=ECC_2014, event_key="ecc-2014", category="events",
    )


def ecc2014_es(key: str) -> Post:
    """Spanish report (Joomla)."""
    body = _p(
        "Bruselas acogió los días 20 y 21 de octubre de 2014 la cuarta Conferencia Europea de "
        "Clústeres, organizada por la Comisión Europea.",
        "El encuentro reunió a gestores de clústeres, empresas y responsables políticos de toda "
        "Europa para debatir el papel de los clústeres en la renovación industrial y en las "
        "estrategias de especialización inteligente.",
        "Nuestro director gerente participó en la mesa dedicada a la cooperación entre clústeres "
        "de distintos sectores, en la que se presentaron experiencias de logística, automoción y "
        "agroalimentación.",
        "Las conclusiones de la conferencia servirán de base para los próximos programas europeos "
        "de apoyo a los clústeres.",
    )
    return _post(
        key, "El clúster participa en la Conferencia Europea de Clústeres de Bruselas",
        datetime(2014, 10, 30, 12, 15), body,
        kind="event_report", language="es",
        summary=("Bruselas acogió los días 20 y 21 de octubre de 2014 la cuarta Conferencia "
                 "Europea de Clústeres."),
        contains=["Bruselas acogió los días 20 y 21 de octubre de 2014",
                  "cooperación entre clústeres de distintos sectores"],
        event=ECC_2014, event_key="ecc-2014", category="events",
    )


def ecc2014_cs(key: str) -> Post:
    """Czech report (news section of the calendar site)."""
    body = _p(
        "Ve dnech 20. – 21. října 2014 se v Bruselu konala již čtvrtá Evropská klastrová "
        "konference, kterou pořádala Evropská komise.",
        "Konference se zúčastnili zástupci klastrových organizací, firem i veřejné správy z celé "
        "Evropy. Hlavními tématy byly role klastrů při obnově evropského průmyslu, "
        "internacionalizace malých a středních podniků a propojení klastrové politiky se "
        "strategiemi inteligentní specializace.",
        "Za náš klastr se konference zúčastnil jeho ředitel, který navázal kontakty s klastry "
        "z Polska, Německa a Španělska.",
        "Prezentace z konference jsou k dispozici na stránkách Evropské komise.",
    )
    return _post(
        key, "Evropská klastrová konference 2014 v Bruselu", datetime(2014, 11, 3, 8, 50), body,
        kind="event_report", language="cs",
        summary="Ve dnech 20. – 21. října 2014 se v Bruselu konala již čtvrtá Evropská klastrová "
        "konference.",
        contains=["Ve dnech 20. – 21. října 2014 se v Bruselu konala",
                  "propojení klastrové politiky se strategiemi inteligentní specializace"],
        event=ECC_2014, event_key="ecc-2014",
    )


def ecc2014_fr(key: str) -> Post:
    """French report (Drupal)."""
    body = _p(
        "La quatrième Conférence européenne des clusters s'est tenue à Bruxelles les 20 et 21 "
        "octobre 2014, à l'initiative de la Commission européenne.",
        "Responsables de clusters, entreprises et décideurs publics venus de toute l'Europe ont "
        "échangé sur la contribution des clusters au renouveau industriel et aux stratégies "
        "régionales de spécialisation intelligente.",
        "Le pôle y était représenté par son directeur, qui a participé à un atelier consacré à "
        "l'internationalisation des PME et aux partenariats stratégiques entre clusters européens.",
        "Les présentations des intervenants sont disponibles sur le site de la Commission "
        "européenne.",
    )
    return _post(
        key, "Retour sur la Conférence européenne des clusters à Bruxelles",
        datetime(2014, 10, 28, 16, 20), body,
        kind="event_report", language="fr",
        summary=("La quatrième Conférence européenne des clusters s'est tenue à Bruxelles les 20 "
                 "et 21 octobre 2014."),
        contains=["s'est tenue à Bruxelles les 20 et 21 octobre 2014",
                  "partenariats stratégiques entre clusters européens"],
        event=ECC_2014, event_key="ecc-2014", category="events",
    )


def ecc2024_pl(key: str) -> Post:
    """Polish report of the 2024 edition."""
    body = _p(
        "W dniach 7-8 maja 2024 roku w Brukseli odbyła się Europejska Konferencja Klastrów. "
        "Wydarzenie zgromadziło przedstawicieli klastrów, przedsiębiorstw i administracji z całej "
        "Unii Europejskiej.",
        "Tegoroczna edycja poświęcona była roli klastrów w budowaniu odporności europejskiego "
        "przemysłu, zielonej i cyfrowej transformacji oraz rozwoju kompetencji pracowników.",
        "Nasz klaster uczestniczył w sesjach dotyczących partnerstw klastrowych oraz w spotkaniach "
        "networkingowych z klastrami z Portugalii, Litwy i Austrii.",
        "Wnioski z konferencji przedstawimy członkom podczas najbliższego spotkania klastra.",
    )
    return _post(
        key, "Europejska Konferencja Klastrów 2024 w Brukseli", datetime(2024, 5, 14, 11, 20),
        body, kind="event_report", language="pl",
        summary="W dniach 7-8 maja 2024 roku w Brukseli odbyła się Europejska Konferencja "
        "Klastrów.",
        contains=[
            "W dniach 7-8 maja 2024 roku w Brukseli odbyła się Europejska Konferencja Klastrów",
            "budowaniu odporności europejskiego przemysłu"],
        event=ECC_2024, event_key="ecc-2024", category="events",
    )


def ecc2024_it(key: str) -> Post:
    """Italian report of the 2024 edition."""
    body = _p(
        "Dal 7 all'8 maggio 2024 si è svolta a Bruxelles la Conferenza Europea dei Cluster, il "
        "principale appuntamento europeo dedicato alle organizzazioni cluster.",
        "Al centro dei lavori il contributo dei cluster alla resilienza dell'industria europea, "
        "alla doppia transizione verde e digitale e allo sviluppo delle competenze.",
        "Il cluster ha partecipato con una delegazione di tre persone, incontrando organizzazioni "
        "cluster francesi e spagnole attive nella blue economy.",
        "Le presentazioni della conferenza sono disponibili per i soci nell'area riservata.",
    )
    return _post(
        key, "Conferenza Europea dei Cluster 2024: il nostro resoconto",
        datetime(2024, 5, 13, 17, 45), body,
        kind="event_report", language="it",
        summary=("Dal 7 all'8 maggio 2024 si è svolta a Bruxelles la Conferenza Europea dei "
                 "Cluster."),
        contains=[
            "Dal 7 all'8 maggio 2024 si è svolta a Bruxelles la Conferenza Europea dei Cluster",
            "delegazione di tre persone"],
        event=ECC_2024, event_key="ecc-2024", category="events",
    )


def ecc2024_en(key: str) -> Post:
    """English announcement of the 2024 edition (same event key, published before it)."""
    body = _p(
        "The European Cluster Conference 2024 will take place on 7-8 May 2024 in Brussels. "
        "The conference is the main meeting point of Europe's cluster community, policy makers "
        "and industry.",
        "This edition will discuss how clusters can strengthen the resilience of industrial "
        "ecosystems, speed up the green and digital transitions and close skills gaps.",
        "Our network will host a networking session for members on the first day. Registration "
        "is free but places are limited.",
        "Registration closes on 19 April 2024.",
    )
    return _post(
        key, "European Cluster Conference 2024: registration now open",
        datetime(2024, 3, 12, 10, 0), body,
        kind="event_announcement", language="en",
        summary=("The European Cluster Conference 2024 will take place on 7-8 May 2024 in "
                 "Brussels."),
        contains=["will take place on 7-8 May 2024 in Brussels",
                  "host a networking session for members on the first day"],
        event=ECC_2024, event_key="ecc-2024", category="events",
    )


def call_en(key: str) -> Post:
    """A call with the deadline written as EU portals do (Brussels local time)."""
    body = _p(
        "The 2024 call of the Cluster Excellence Programme is open. It supports cluster "
        "organisations that develop new services helping SMEs through the green and digital "
        "transitions.",
        "Consortia of at least three cluster organisations from three eligible countries can "
        "apply. The grant covers up to 90% of eligible costs over 24 months.",
        "Deadline: 31 May 2024 – 18:00 CET (Brussels time).",
        "Our secretariat will hold an online information session for members on 16 April 2024.",
    )
    return _post(
        key, "Open call: Cluster Excellence Programme 2024", datetime(2024, 3, 20, 10, 30), body,
        kind="call", language="en",
        summary="The 2024 call of the Cluster Excellence Programme is open.",
        contains=["Consortia of at least three cluster organisations from three eligible countries",
                  "Deadline: 31 May 2024 – 18:00 CET (Brussels time)"],
        call_deadline="2024-05-31T18:00:00+02:00", category="calls",
    )


_PR = (
    "Brussels, 12 June 2023 – Twelve new European cluster partnerships have been selected to "
    "help small and medium-sized enterprises expand beyond the single market. Together, the "
    "partnerships bring together 64 cluster organisations from 21 countries.",
    "The partnerships will develop joint internationalisation strategies, organise matchmaking "
    "missions to third countries and offer tailored support to SMEs in sectors ranging from "
    "advanced manufacturing and health to agrifood and renewable energy.",
    "“Clusters are the fastest route for small companies to find reliable partners abroad,” "
    "said the president of ClusterNet Europe. “These partnerships turn that knowledge into "
    "concrete missions and business deals.”",
    "The first missions are planned for the autumn, with destinations including Canada, Japan, "
    "Singapore and Brazil. Cluster organisations that are not yet part of a partnership can join "
    "activities as associate members.",
    "About ClusterNet Europe: a non-profit network of more than 150 cluster organisations from "
    "25 countries, supporting cluster excellence, cross-border cooperation and the "
    "internationalisation of SMEs.",
)
PR_TITLE = "Twelve new cluster partnerships to help SMEs go international"
_PR_CONTAINS = [
    "organise matchmaking missions to third countries",
    "The first missions are planned for the autumn",
]


def press_release(key: str, variant: str) -> Post:
    """The press release (``en`` original) or a repost (``de``, ``cs``, ``pl``)."""
    paras = list(_PR)
    intro = ""
    title = PR_TITLE
    when = datetime(2023, 6, 12, 11, 0)
    if variant == "de":
        title, when = f"Pressemitteilung: {PR_TITLE}", datetime(2023, 6, 14, 9, 30)
        intro = "We share the following press release by our European partner network."
    elif variant == "cs":
        title, when = f"Tisková zpráva: {PR_TITLE}", datetime(2023, 6, 15, 13, 10)
        intro = "Přinášíme tiskovou zprávu sítě ClusterNet Europe, jejímž je náš klastr členem."
        paras = paras[:-1]
    elif variant == "pl":
        title = "ClusterNet Europe: twelve new cluster partnerships to help SMEs go international"
        when = datetime(2023, 6, 19, 10, 45)
        intro = "Press release published by ClusterNet Europe, of which our cluster is a member."
        paras = [p.replace("agrifood", "agri-food") for p in paras[:-1]]
    body = (f"<p><em>{esc(intro)}</em></p>\n" if intro else "") + _p(*paras)
    return _post(
        key, title, when, body, kind="press_release", language="en", summary=_PR[0],
        contains=list(_PR_CONTAINS), story=PR_STORY,
    )
