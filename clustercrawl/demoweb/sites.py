"""The seven hand-shaped demo sites, the generated extra sites, and how a site's content is
built from a seed (generated posts + hand-written cross-site stories, CMS ids, slugs, pages).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from . import stories
from .langs import LANG_ORDER, LANGS
from .model import Post, SiteData, SitePage
from .textgen import PlannedEvent, PostWriter, kinds_for, spread_dates
from .util import esc, slugify

StoryFn = Callable[[str], Post]


@dataclass(frozen=True)
class SiteSpec:
    """What differs between sites before content generation."""

    id: str
    host: str
    name: str
    country: str
    languages: tuple[str, ...]
    timezone: str
    cms: str
    n_posts: int
    start: date
    end: date
    home_cities: tuple[str, ...]
    address: tuple[str, ...]
    phone: str
    stories: tuple[tuple[str, StoryFn], ...] = ()
    eu_footer: bool = False
    registry_news: bool = False
    registry_events: bool = False
    charset: str = "UTF-8"
    tracked: int = 0
    site_type: str = "cmo"
    english_share: float = 0.0
    first_id: int = 20
    planned: tuple[PlannedEvent, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        """Main language."""
        return self.languages[0]


def _pr(variant: str) -> StoryFn:
    return lambda key: stories.press_release(key, variant)


def _ev(start: str, end: str, kind: str = "event_announcement", *, style: int | None = None,
        yearless: bool = False, time: str | None = None, city: str | None = None) -> PlannedEvent:
    return PlannedEvent(date.fromisoformat(start), date.fromisoformat(end), kind, style, yearless,
                        time, city)


REPORT = "event_report"


HAND_SHAPED: tuple[SiteSpec, ...] = (
    SiteSpec(
        "pl-demo-klaster-innowacji", "klaster-innowacji.localhost", "Klaster Innowacji Pomorza",
        "PL", ("pl", "en"), "Europe/Warsaw", "wp", 42, date(2014, 1, 20), date(2025, 10, 31),
        ("Gdańsk", "Gdynia", "Warsaw", "Poznań", "Brussels"), ("ul. Trzy Lipy 3", "80-172 Gdańsk"),
        "+48 58 000 12 34",
        stories=(("ecc2014", stories.ecc2014_pl), ("ecc2024", stories.ecc2024_pl),
                 ("press-release", _pr("pl"))),
        eu_footer=True, registry_news=True, tracked=3,
        planned=(_ev("2017-11-14", "2017-11-14", style=0, city="Gdańsk"),
                 _ev("2023-11-08", "2023-11-08", style=1, city="Warsaw"),
                 _ev("2019-09-17", "2019-09-18", REPORT, style=2, city="Gdynia")),
    ),
    SiteSpec(
        "de-demo-cluster-mechatronik", "cluster-mechatronik-sued.localhost",
        "Cluster Mechatronik & Automation Süd e.V.", "DE", ("de", "en"), "Europe/Berlin", "typo3",
        38, date(2014, 2, 3), date(2025, 11, 20), ("Munich", "Cologne", "Nuremberg", "Brussels"),
        ("Lichtenbergstraße 8", "85748 Garching bei München"), "+49 89 0000 4410",
        stories=(("ecc2014", stories.ecc2014_de), ("press-release", _pr("de"))),
        english_share=0.15,
        planned=(_ev("2025-06-03", "2025-06-05", style=1, city="Munich"),
                 _ev("2017-04-20", "2017-04-28", REPORT, style=0, city="Cologne"),
                 _ev("2020-10-08", "2020-10-08", style=0, city="Cologne"),
                 _ev("2018-11-14", "2018-11-15", REPORT, style=2, city="Brussels")),
    ),
    SiteSpec(
        "fr-demo-pole-materiaux", "pole-materiaux-innovants.localhost",
        "Pôle Matériaux Innovants Auvergne", "FR", ("fr",), "Europe/Paris", "drupal", 34,
        date(2014, 5, 12), date(2025, 9, 30),
        ("Clermont-Ferrand", "Lyon", "Saint-Étienne", "Grenoble", "Paris"),
        ("49 rue Bonnabaud", "63000 Clermont-Ferrand"), "+33 4 73 00 00 27",
        stories=(("ecc2014", stories.ecc2014_fr),), registry_news=True,
        planned=(_ev("2025-06-03", "2025-06-05", style=0, city="Lyon"),
                 _ev("2021-05-26", "2021-05-27", REPORT, style=1, city="Clermont-Ferrand"),
                 _ev("2024-07-01", "2024-07-01", style=0, city="Grenoble")),
    ),
    SiteSpec(
        "es-demo-cluster-logistico", "cluster-logistico-mediterraneo.localhost",
        "Clúster Logístico del Mediterráneo", "ES", ("es",), "Europe/Madrid", "joomla", 30,
        date(2014, 6, 2), date(2025, 11, 25),
        ("Valencia", "Castellón de la Plana", "Madrid", "Barcelona", "Brussels"),
        ("Muelle de la Aduana s/n", "46024 Valencia"), "+34 960 00 00 11",
        stories=(("ecc2014", stories.ecc2014_es),), eu_footer=True,
        planned=(_ev("2025-06-03", "2025-06-05", style=0, city="Valencia"),
                 _ev("2025-04-14", "2025-04-15", yearless=True, city="Madrid"),
                 _ev("2022-11-24", "2022-11-24", REPORT, style=0, city="Barcelona")),
    ),
    SiteSpec(
        "it-demo-cluster-nautico", "cluster-nautico-ligure.localhost",
        "Cluster Tecnologico Nautico Ligure", "IT", ("it",), "Europe/Rome", "php", 28,
        date(2016, 1, 18), date(2025, 10, 15), ("Genoa", "La Spezia", "Milan", "Turin", "Brussels"),
        ("Via Antonio Cantore 29", "16149 Genova"), "+39 010 000 0042",
        stories=(("ecc2024", stories.ecc2024_it),), eu_footer=True, registry_news=True,
        charset="ISO-8859-1", tracked=2,
        planned=(_ev("2025-06-03", "2025-06-05", style=0, city="Genoa"),
                 _ev("2022-05-05", "2022-05-05", time="18:20", city="La Spezia"),
                 _ev("2023-11-28", "2023-11-30", yearless=True, city="Milan")),
    ),
    SiteSpec(
        "cs-demo-klastr-energetika", "klastr-chytra-energetika.localhost",
        "Klastr Chytrá energetika Morava", "CZ", ("cs", "en"), "Europe/Prague", "calendar", 36,
        date(2014, 4, 7), date(2025, 11, 28), ("Ostrava", "Brno", "Prague", "Olomouc", "Brussels"),
        ("Technologická 372/2", "708 00 Ostrava-Pustkovec"), "+420 596 000 318",
        stories=(("ecc2014", stories.ecc2014_cs), ("press-release", _pr("cs"))),
        eu_footer=True, registry_news=True, registry_events=True,
        planned=(_ev("2025-06-05", "2025-06-05", style=1, city="Brno"),
                 _ev("2025-06-17", "2025-06-18", style=0, city="Ostrava"),
                 _ev("2023-01-10", "2023-01-11", style=1, city="Prague"),
                 _ev("2025-10-23", "2025-10-24", style=2, city="Olomouc"),
                 _ev("2025-11-12", "2025-11-12", style=0, city="Brussels"),
                 _ev("2026-01-20", "2026-01-21", style=0, city="Ostrava")),
    ),
    SiteSpec(
        "en-demo-clusternet-europe", "clusternet-europe.localhost", "ClusterNet Europe",
        "EU", ("en",), "Europe/Brussels", "wp_plain", 45, date(2014, 1, 8), date(2025, 11, 27),
        ("Brussels", "Vienna", "Lisbon", "Copenhagen", "Vilnius"),
        ("Avenue de Tervueren 13", "1040 Brussels, Belgium"), "+32 2 000 55 10",
        stories=(("ecc2014", stories.ecc2014_en), ("press-release", _pr("en")),
                 ("ecc2024", stories.ecc2024_en), ("call-2024", stories.call_en)),
        eu_footer=True, tracked=2, site_type="network",
        planned=(_ev("2025-06-03", "2025-06-05", style=0, city="Vienna"),
                 _ev("2019-05-14", "2019-05-16", REPORT, style=1, city="Lisbon"),
                 _ev("2022-06-22", "2022-06-23", style=2, city="Copenhagen")),
    ),
)

CMS_ORDER = ("wp", "typo3", "drupal", "joomla", "php", "calendar", "wp_plain")
TIMEZONES = {"pl": "Europe/Warsaw", "de": "Europe/Berlin", "fr": "Europe/Paris",
             "es": "Europe/Madrid", "it": "Europe/Rome", "cs": "Europe/Prague",
             "en": "Europe/Brussels"}
COUNTRIES = {"pl": "PL", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "cs": "CZ", "en": "EU"}
PHP_CHARSETS = {"pl": "ISO-8859-2", "cs": "ISO-8859-2"}


def extra_spec(i: int, posts_per_site: int) -> SiteSpec:
    """The i-th generated site: languages and CMSs cycle so that combinations vary."""
    code = LANG_ORDER[i % len(LANG_ORDER)]
    lang = LANGS[code]
    cms = CMS_ORDER[(i + i // len(LANG_ORDER)) % len(CMS_ORDER)]
    base_name = lang.cluster_names[(i // len(LANG_ORDER)) % len(lang.cluster_names)]
    round_no = i // (len(LANG_ORDER) * len(lang.cluster_names))
    name = base_name + (f" {round_no + 1}" if round_no else "")
    num = f"{i + 1:03d}"
    cities = tuple(list(lang.cities)[:5])
    return SiteSpec(
        f"{code}-gen-{num}", f"{slugify(name, 40)}-{num}.localhost", name, COUNTRIES[code],
        (code,), TIMEZONES[code], cms, posts_per_site, date(2016, 1, 4), date(2025, 11, 28),
        cities, (f"{lang.cities[cities[1]].nom} {num}",), f"+00 {num} 000 000",
        eu_footer=code in ("pl", "cs", "it"), registry_news=i % 2 == 0,
        registry_events=i % 4 == 0, charset=PHP_CHARSETS.get(code, "ISO-8859-1")
        if cms == "php" else "UTF-8", tracked=2 if i % 3 == 0 else 0,
    )


def _pages(spec: SiteSpec, rng: random.Random) -> list[SitePage]:
    lang = LANGS[spec.lang]
    ui = lang.ui
    about_t, about_p = lang.pages["about"]
    members_t, members_p = lang.pages["members"]
    contact_t, contact_p = lang.pages["contact"]
    members = sorted(rng.sample(list(lang.companies), 8))
    member_list = "".join(f"<li>{esc(c)}</li>" for c in members)
    contact = "<br />".join(esc(x) for x in (spec.name, *spec.address))
    email = f"office@{spec.host}"
    return [
        SitePage("about", ui["slug_about"], about_t,
                 f"<p>{esc(about_p.format(cluster=spec.name))}</p>\n", 2),
        SitePage("members", ui["slug_members"], members_t,
                 f"<p>{esc(members_p)}</p>\n<p>{esc(ui['members_intro'])}</p>\n"
                 f"<ul>{member_list}</ul>\n", 5),
        SitePage("contact", ui["slug_contact"], contact_t,
                 f"<p>{contact}</p>\n<p>Tel. {esc(spec.phone)}<br />E-mail: <a href=\"mailto:"
                 f"{email}\">{email}</a></p>\n<p>{esc(contact_p)}</p>\n", 7),
        SitePage("privacy", slugify(ui["privacy"], lang=spec.lang), ui["privacy"],
                 f"<p>{esc(ui['cookie'])}</p>\n<p>{esc(ui['rights'])}.</p>\n", 9),
    ]


def build_site(spec: SiteSpec, seed: int) -> SiteData:
    """Generate the content of one site, deterministically from ``seed`` and the site id."""
    rng = random.Random(f"{seed}:{spec.id}")
    lang = LANGS[spec.lang]
    short = spec.name
    writer = PostWriter(rng, lang, short, spec.home_cities)
    writer_en = PostWriter(rng, LANGS["en"], short, ("Brussels", "Vienna", "Milan", "Lyon"))
    posts = [fn(f"{spec.id}:{name}") for name, fn in spec.stories]
    for i, pe in enumerate(spec.planned):
        posts.append(writer.write(pe.kind, pe.published(rng), f"tmp-plan-{i}", planned=pe))
    n_gen = max(0, spec.n_posts - len(posts))
    kinds = kinds_for(rng, n_gen)
    for i, when in enumerate(spread_dates(rng, n_gen, spec.start, spec.end)):
        kind = kinds[i]
        use_en = spec.english_share and rng.random() < spec.english_share
        posts.append((writer_en if use_en else writer).write(kind, when, f"tmp-{i}"))
    posts.sort(key=lambda p: (p.published, p.title))
    ident = spec.first_id
    slugs: set[str] = set()
    for post in posts:
        ident += rng.randint(2, 24)
        post.ident = ident
        if post.key.startswith("tmp-"):
            post.key = f"{spec.id}:{ident}"
        slug = slugify(post.title, lang=spec.lang)
        candidate, n = slug, 2
        while candidate in slugs:
            candidate, n = f"{slug}-{n}", n + 1
        slugs.add(candidate)
        post.slug = candidate
    tracked: tuple[str, ...] = ()
    if spec.tracked:
        pool = [p.key for p in posts[:-5] if p.story is None]
        tracked = tuple(rng.sample(pool, min(spec.tracked, len(pool))))
    return SiteData(
        id=spec.id, host=spec.host, name=spec.name, country=spec.country,
        languages=spec.languages, timezone=spec.timezone, cms=spec.cms, lang=spec.lang,
        posts=posts, pages=_pages(spec, rng), address=spec.address, email=f"office@{spec.host}",
        phone=spec.phone, eu_footer=lang.ui["eu_footer"] if spec.eu_footer else None,
        charset=spec.charset, registry_news=spec.registry_news,
        registry_events=spec.registry_events, site_type=spec.site_type, tracked=tracked,
    )
