"""Revisions of the demo web: what a week on the real web does to cluster sites.

Revision 0 is the web as generated. Each later revision ``k`` (one week after the previous,
the first starting on `EPOCH`) deterministically, per site, from ``seed``, the site id and
``k``: publishes 2-3 new posts, edits 1-2 existing ones (a paragraph appended, ``modified``
moved) and takes 1-2 down. Every channel follows, because renderers are built from
`SiteData.posts`: the API, feeds, sitemaps, listings and neighbour links of a revision never
mention a removed post, and its URL answers 404 (410 on the home-made PHP site, which flags
rows as deleted). Scheduled incremental crawls are tested against these changes.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .langs import LANGS
from .model import Post, SiteData
from .sites import SiteSpec
from .textgen import PostWriter, weighted_kind
from .util import esc, slugify

#: Monday 09:00 of revision 1's week (the demo's "today" is 2025-12-01).
EPOCH = datetime(2025, 12, 1, 9, 0)
WEEK = timedelta(days=7)
#: Friday 18:00 of a revision's week: the latest moment anything changes in it.
WEEK_END = timedelta(days=4, hours=9)

#: What a hand-shaped site does in revision k: index (site position + k) % 7. One in seven
#: sites is left alone each week, so a run always has unchanged sites too.
HAND_PLAN: tuple[frozenset[str], ...] = (
    frozenset({"new", "updated"}),
    frozenset({"new", "gone"}),
    frozenset({"new", "updated"}),
    frozenset({"new", "gone"}),
    frozenset({"new", "updated"}),
    frozenset({"updated", "gone"}),
    frozenset(),
)

#: Appended by an edit: short notes in the site's language, as editors add them (no dates,
#: which would read as event dates).
NOTES: dict[str, tuple[str, ...]] = {
    "pl": ("Aktualizacja: prezentacje prelegentów oraz lista uczestników są już dostępne "
           "w biurze klastra.",
           "Aktualizacja: na prośbę partnerów uzupełniliśmy informacje o projekcie i dane "
           "kontaktowe.",
           "Sprostowanie: w pierwotnej wersji tekstu podaliśmy błędny adres e-mail do kontaktu."),
    "de": ("Aktualisierung: Die Präsentationen der Referentinnen und Referenten sowie die "
           "Teilnehmerliste sind jetzt in der Geschäftsstelle erhältlich.",
           "Aktualisierung: Auf Wunsch der Partner haben wir die Angaben zum Projekt und die "
           "Kontaktdaten ergänzt.",
           "Korrektur: In einer früheren Fassung dieses Beitrags war eine falsche "
           "Kontaktadresse angegeben."),
    "fr": ("Mise à jour : les présentations des intervenants et la liste des participants sont "
           "désormais disponibles auprès de l'équipe du pôle.",
           "Mise à jour : à la demande des partenaires, nous avons complété les informations sur "
           "le projet et les coordonnées.",
           "Rectificatif : une version précédente de cet article indiquait une adresse de "
           "contact erronée."),
    "es": ("Actualización: las presentaciones de los ponentes y la lista de participantes ya "
           "están disponibles en la oficina del clúster.",
           "Actualización: a petición de los socios, hemos completado la información sobre el "
           "proyecto y los datos de contacto.",
           "Fe de erratas: una versión anterior de esta noticia indicaba una dirección de "
           "contacto incorrecta."),
    "it": ("Aggiornamento: le presentazioni dei relatori e l'elenco dei partecipanti sono ora "
           "disponibili presso la segreteria del cluster.",
           "Aggiornamento: su richiesta dei partner abbiamo completato le informazioni sul "
           "progetto e i recapiti.",
           "Rettifica: in una versione precedente di questo articolo era indicato un indirizzo "
           "di contatto errato."),
    "cs": ("Aktualizace: prezentace řečníků a seznam účastníků jsou nyní k dispozici "
           "v kanceláři klastru.",
           "Aktualizace: na žádost partnerů jsme doplnili informace o projektu a kontaktní "
           "údaje.",
           "Oprava: v dřívější verzi tohoto článku byla uvedena chybná kontaktní adresa."),
    "en": ("Update: the speakers' presentations and the list of participants are now "
           "available from the cluster office.",
           "Update: at the partners' request we have added details about the project and "
           "contact information.",
           "Correction: an earlier version of this article gave a wrong contact address."),
}


@dataclass(frozen=True, slots=True)
class Change:
    """One post changed by one revision: ``kind`` is new, updated or gone."""

    revision: int
    kind: str
    site_id: str
    key: str


def week_of(revision: int) -> tuple[datetime, datetime]:
    """(first, last) moment at which revision ``revision`` changes anything."""
    start = EPOCH + (revision - 1) * WEEK
    return start, start + WEEK_END


def _moment(rng: random.Random, revision: int) -> datetime:
    """A working-hours moment of the revision's week (Mon-Fri, 09:00-16:59)."""
    start, _ = week_of(revision)
    return start + timedelta(days=rng.randint(0, 4), hours=rng.randint(0, 7),
                             minutes=rng.randint(0, 59))


def _plan(rng: random.Random, index: int, hand_shaped: int, revision: int) -> frozenset[str]:
    if index < hand_shaped:
        return HAND_PLAN[(index + revision) % len(HAND_PLAN)]
    kinds = {"new": 0.35, "updated": 0.25, "gone": 0.15}
    return frozenset(k for k, p in kinds.items() if rng.random() < p)


def _stable(site: SiteData, exclude: set[str]) -> list[Post]:
    """Posts an editor may touch: not the hand-written cross-site stories (their texts and
    event groups are fixtures), not the ones linked from newsletters, not this week's."""
    return [p for p in site.newest_first()
            if p.story is None and p.event_key is None and p.key not in site.tracked
            and p.key not in exclude]


def _add(site: SiteData, spec: SiteSpec, rng: random.Random, revision: int) -> list[Post]:
    writer = PostWriter(rng, LANGS[site.lang], site.name, spec.home_cities)
    known = [*site.posts, *site.removed]
    writer.used_titles.update(p.title for p in known)
    slugs = {p.slug for p in known}
    ident = max((p.ident for p in known), default=spec.first_id)
    _, last = week_of(revision)
    added = []
    for _ in range(rng.randint(2, 3)):
        post = writer.write(weighted_kind(rng), _moment(rng, revision), "new")
        post.modified = min(post.modified, last)
        ident += rng.randint(2, 24)
        post.ident = ident
        post.key = f"{site.id}:{ident}"
        slug = slugify(post.title, lang=site.lang)
        candidate, n = slug, 2
        while candidate in slugs:
            candidate, n = f"{slug}-{n}", n + 1
        slugs.add(candidate)
        post.slug = candidate
        added.append(post)
    site.posts.extend(added)
    site.posts.sort(key=lambda p: (p.published, p.title))
    return added


def _edit(site: SiteData, rng: random.Random, revision: int, exclude: set[str]) -> list[Post]:
    pool = _stable(site, exclude)
    if not pool:
        return []
    picks = [rng.choice(pool[:5])]  # a recent post, still in the feeds
    older = [p for p in pool[5:] if p not in picks]
    if older and rng.random() < 0.6:
        picks.append(rng.choice(older))
    for post in picks:
        note = rng.choice(NOTES[site.lang])
        post.body_html += f"<p>{esc(note)}</p>\n"
        post.body_contains = [*post.body_contains, note]
        post.modified = max(_moment(rng, revision), post.modified + timedelta(minutes=1))
    return picks


def _remove(site: SiteData, rng: random.Random, exclude: set[str]) -> list[Post]:
    pool = _stable(site, exclude)
    if len(pool) < 6:
        return []
    picks = rng.sample(pool, k=1 if rng.random() < 0.7 else 2)
    for post in picks:
        site.posts.remove(post)
        site.removed.append(post)
    return picks


def apply_revision(sites: Sequence[SiteData], specs: Sequence[SiteSpec], seed: int,
                   revision: int, hand_shaped: int) -> list[Change]:
    """Turn revision ``revision - 1`` of ``sites`` into revision ``revision``, in place."""
    changes: list[Change] = []
    for index, (site, spec) in enumerate(zip(sites, specs, strict=True)):
        rng = random.Random(f"{seed}:{site.id}:revision-{revision}")
        plan = _plan(rng, index, hand_shaped, revision)
        touched: set[str] = set()
        done: list[tuple[str, list[Post]]] = []
        if "new" in plan:
            done.append(("new", _add(site, spec, rng, revision)))
            touched.update(p.key for p in done[-1][1])
        if "updated" in plan:
            done.append(("updated", _edit(site, rng, revision, touched)))
            touched.update(p.key for p in done[-1][1])
        if "gone" in plan:
            done.append(("gone", _remove(site, rng, touched)))
        for kind, posts in done:
            changes += [Change(revision, kind, site.id, p.key) for p in posts]
        if any(posts for _, posts in done):
            site.changed_at = week_of(revision)[1]
    return changes
