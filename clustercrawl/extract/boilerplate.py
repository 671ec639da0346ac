"""Removing what main-text extractors leave in on cluster sites, in all site languages.

trafilatura keeps camera file names under photos ("20141020_084207"), "Powrót"/"Zurück"
links, share widgets, cookie notices and the EU-funding footer that every co-funded site
prints. These are removed line by line; funding sentences only when they sit at the end, where
they are a footer, not the topic of the post.
"""

from __future__ import annotations

import re
from functools import lru_cache

from clustercrawl.extract.folded import FoldedPattern

__all__ = ["NAV_PHRASES", "clean_body"]

# camera / file-name tokens, also when glued to a word or a sentence end. Every branch
# starts with a literal (lookbehinds come after it) so the regex engine can skip ahead fast.
_EXT = r"(?:\.(?:jpe?g|JPE?G|png|PNG|gif|webp|heic|HEIC|tiff?|mp4|MP4|mov|MOV))?"
_CAMERA = re.compile(
    r"(?:"
    r"(?:19|20)(?<!\d\d\d)\d{6}[_-]\d{6}(?:[_-]\w{1,12})?"  # 20141020_084207 (+ suffix)
    r"|(?:PXL|VID|IMG|PANO|MVIMG|Screenshot)[_-]\d{8}[_-]\d{4,9}(?:[_~-]\w{1,8})?"
    r"|(?:IMG|DSC[FN]?|GOPR|DJI|SAM|MVI|CIMG|PICT|HPIM|WP)"
    r"[_-]?\d{3,}(?:[_-]\d+)*(?:\s?\(\d+\))?"
    r"|P(?<![\w]P)\d{7}(?![\w])"
    r"|WhatsApp Image \d{4}-\d\d-\d\d at \d\d\.\d\d\.\d\d"
    r")" + _EXT
)

#: navigation phrases dropped as whole lines or trailing tokens
NAV_PHRASES: tuple[str, ...] = (
    # pl
    "powrót", "wróć", "wstecz", "więcej", "czytaj dalej", "czytaj więcej", "zobacz więcej",
    "przeczytaj więcej", "powrót do listy", "powrót do aktualności", "wróć do listy",
    "pokaż więcej", "dalej",
    # de
    "zurück", "weiter", "weiterlesen", "mehr", "mehr erfahren", "mehr lesen",
    "zurück zur übersicht", "zur übersicht", "mehr dazu", "zurück zur liste",
    # fr
    "retour", "lire la suite", "en savoir plus", "lire plus", "voir plus", "retour à la liste",
    "suite",
    # es
    "volver", "leer más", "ver más", "seguir leyendo", "saber más", "volver atrás",
    # it
    "indietro", "torna indietro", "leggi tutto", "leggi di più", "continua a leggere",
    "scopri di più", "torna all'elenco",
    # cs / sk
    "zpět", "späť", "číst dále", "čítať ďalej", "více", "viac", "zobrazit více", "číst více",
    "zpět na seznam", "späť na zoznam",
    # pt / nl
    "voltar", "ler mais", "leia mais", "terug", "lees meer",
    # calendar buttons
    "přidat do kalendáře", "dodaj do kalendarza", "zum kalender hinzufügen",
    "in den kalender eintragen", "ajouter au calendrier", "añadir al calendario",
    "aggiungi al calendario", "pridať do kalendára", "add to calendar", "add to google calendar",
    "google calendar", "ical export", "export ical", "ical", "outlook",
    # menu remains at the end of layout pages
    "home", "start", "strona główna", "startseite", "accueil", "inicio", "úvod", "domů",
    # en
    "back", "read more", "more", "continue reading", "learn more", "go back", "back to list",
    "back to news", "see more", "view more", "show more", "previous", "next",
    "previous post", "next post",
)

# share/print widgets: a line made only of these words, with a verb or two network names
_SHARE_VERBS = frozenset({
    "udostępnij", "podziel", "teilen", "partager", "compartir", "condividi", "sdílet",
    "sdílejte", "zdieľať", "share", "tweet", "tweeten", "partilhar", "delen", "drukuj", "print",
    "drucken", "imprimer", "imprimir", "stampa", "tisk", "tlačiť", "polub", "like",
})
_SHARE_NETWORKS = frozenset({
    "facebook", "twitter", "x", "linkedin", "xing", "whatsapp", "e-mail", "email", "mail",
    "pinterest", "telegram", "reddit", "messenger", "bluesky", "mastodon", "threads",
    "instagram", "youtube",
})
_SHARE_FILLER = frozenset({
    "się", "this", "on", "auf", "sur", "na", "en", "su", "via", "post", "page", "article",
    "artykuł", "artikel", "beitrag", "diesen", "cet", "este", "questo", "tento", "článek",
    "it", "link", "copy", "kopiuj", "kopieren", "z", "with", "mit", "avec", "con", "s",
    "friends", "znajomymi", "to", "lubię",
})
_FUNDING = re.compile(
    r"(?<![^\W\d_])(?:"
    r"projekt\s+(?:jest\s+)?(?:współ)?finansowany|(?:współ|do)finansowan[oey]|"
    r"sfinansowano|projekt\s+realizowany\s+(?:jest\s+)?(?:w\s+ramach|ze\s+środków)|"
    r"projekt\s+je\s+spolufinancován|projekt\s+je\s+spolufinancovaný|spolufinancováno|"
    r"spolufinancované|financováno\s+(?:z|evropskou)|"
    r"gefördert\s+(?:durch|vom|von|aus)|kofinanziert|mitfinanziert|"
    r"cofinanciado|cofinanciad[oa]s?\s+por|financiado\s+por\s+la\s+unión|"
    r"cofinanziato|progetto\s+cofinanziato|finanziato\s+dall'unione|"
    r"cofinancé|projet\s+cofinancé|financé\s+par\s+l'union|avec\s+le\s+soutien\s+de\s+l'union|"
    r"co-?funded\s+by|co-?financed\s+by|funded\s+by\s+the\s+european|"
    r"this\s+project\s+(?:has\s+received|is\s+co-?funded|is\s+funded)|"
    r"the\s+project\s+is\s+co-?financed|financiado\s+pela\s+união|medegefinancierd"
    r")",
    re.IGNORECASE,
)

_FOOTERISH = re.compile(
    r"@|\btel\.|\bphone\b|©|\(c\)|privacy|datenschutz|prywatno|impressum|mentions|"
    r"\b\d{2}-\d{3}\b|\b\d{5}\b",
    re.IGNORECASE,
)
_COOKIE = FoldedPattern(r"cookie|ciasteczk|plików\s+cookies")
_COOKIE_CONTEXT = FoldedPattern(
    r"używa|korzysta|stosuje|verwendet|nutzt|setzt|utilise|utiliza|utilizza|usa|používá|"
    r"používa|uses?|using|accept|akcept|zgod|consent|einwilligung|zustimm|consentement|"
    r"consentimiento|consenso|souhlas|súhlas|privacy|datenschutz|polityk|politique|política|"
    r"zásad|ustawie|browser|przeglądar|navigat|prohlížeč|settings|einstellung|paramètre",
)
_BUTTONS = frozenset({
    "ok", "okay", "accept", "accept all", "i agree", "agree", "reject", "reject all", "decline",
    "akceptuję", "akceptuj", "zgoda", "rozumiem", "zamknij", "zaakceptuj", "odrzuć",
    "alle akzeptieren", "akzeptieren", "ablehnen", "einverstanden", "verstanden",
    "tout accepter", "accepter", "refuser", "j'accepte", "aceptar", "rechazar", "acepto",
    "accetta", "accetto", "rifiuta", "přijmout", "souhlasím", "odmítnout", "rozumím",
    "súhlasím", "prijať", "cookie settings", "cookie-einstellungen", "ustawienia cookies",
    "paramètres des cookies", "configurar cookies", "impostazioni cookie", "nastavení cookies",
})

_ARROWS = "«»‹›→←↑↓>< ·•|…\"'()[]"
_NAV_SET = frozenset(NAV_PHRASES)
_NAV_MAX_WORDS = max(len(p.split()) for p in NAV_PHRASES)
#: the words navigation phrases end with: a line ending otherwise has no trailing phrase
_NAV_LAST_WORDS = frozenset(p.split()[-1] for p in NAV_PHRASES)
_TRAIL_STRIP = "«»‹›→←>< .…:[]()|"
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
_MULTI_SPACE = re.compile(r"[ \t]{2,}")


def clean_body(text: str, language: str | None = None) -> str:
    """The main text without camera tokens, navigation, share, cookie and funding lines.

    ``language`` is accepted for per-language rules; the phrase lists cover all site
    languages at once because cluster sites mix them (an English "Read more" on a Polish site).
    """
    if not text:
        return ""
    text = _strip_camera_tokens(text)
    kept: list[str] = []
    for raw in _split_layout_rows(text.splitlines()):
        line = raw.replace("\u00a0", " ").strip()
        if (not line or _is_nav(line) or _is_share(line) or _is_cookie(line)
                or _is_credit(line) or _is_caption(line) or _is_promo(line)):
            continue
        line = _strip_trailing_nav(line) if len(line) > 20 else line
        if line:
            kept.append(line)
    kept = _drop_contact_tail(_drop_related_tail(_drop_funding_footer(kept)))
    while kept and (_is_nav(kept[-1]) or _is_share(kept[-1])):
        kept.pop()
    return "\n".join(kept)


def _strip_camera_tokens(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isupper() or before.isdigit():
            return m.group(0)  # part of a longer code ("MYIMG_1234", "X20141020_084207")
        if before.isalnum() and after.isalnum():
            return " "
        if before in ".!?" and after.isalpha():
            return " "  # "Brukseli.20141020_084207Zdjęcia" -> "Brukseli. Zdjęcia"
        return ""

    if not _CAMERA.search(text):
        return text
    cleaned = _CAMERA.sub(repl, text)
    cleaned = _SPACE_BEFORE_PUNCT.sub(r"\1", cleaned)
    return "\n".join(_MULTI_SPACE.sub(" ", line).strip() for line in cleaned.splitlines())


def _split_layout_rows(lines: list[str]) -> list[str]:
    """Table-layout pages come out of trafilatura as one "| cell | cell |" row holding the
    whole page; long cells are paragraphs, so they become lines of their own."""
    out: list[str] = []
    for line in lines:
        bare = line.strip()
        if bare.startswith("|") and bare.endswith("|"):
            cells = [c.strip() for c in bare.strip("|").split(" | ")]
            cells = [c for c in cells if c]
            if len(cells) <= 1 or max(len(c) for c in cells) > 120:
                out.extend(cells)  # a layout row, not a data table
                continue
        out.append(line)
    return out


# single words that end real sentences too ("… an der Hüfte zurück", "… and more"): cut
# only when set off by an arrow, bracket, ellipsis or separator
_PLAIN_WORDS = frozenset(p for p in NAV_PHRASES if " " not in p and p not in {
    "weiterlesen", "czytaj", "leggi"})
_SET_OFF = re.compile(r"(?:[»›→>\]\)|…]|\.\.\.)\s*$")
_SET_OFF_BEFORE = re.compile(r"(?:[«‹<\[(|…•·–—-]|\.\.\.)\s*$")


def _strip_trailing_nav(line: str) -> str:
    """Drop a "Czytaj więcej »" / "Read more…" glued to the end of a paragraph."""
    body = line.rstrip(_TRAIL_STRIP)
    words = body.split()
    if len(words) < 2:
        return line
    last = words[-1].lower()  # the tail's last word (a one-word tail is stripped both sides)
    if last not in _NAV_LAST_WORDS and last.strip(_TRAIL_STRIP) not in _NAV_LAST_WORDS:
        return line
    for n in range(min(_NAV_MAX_WORDS, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:]).lower().strip(_TRAIL_STRIP)
        if len(tail) > 4 and tail in _NAV_SET:
            head = " ".join(words[:-n])
            set_off = (_SET_OFF.search(line) or _SET_OFF_BEFORE.search(head)
                       or words[-n][0] in "«‹<[(|…•·–—-")
            if tail in _PLAIN_WORDS and not set_off:
                return line
            return head.rstrip(" [(«‹<")
    return line


def _bare_uncached(line: str) -> str:
    return line.strip(_ARROWS + ":.!").strip().lower()


#: the line checks ask for the same line's bare form up to four times in a row
_bare = lru_cache(maxsize=16)(_bare_uncached)


def _is_nav(line: str) -> bool:
    return len(line) <= 40 and _bare(line) in _NAV_SET


_SHARE_VOCAB = _SHARE_VERBS | _SHARE_NETWORKS | _SHARE_FILLER


_WORDS = re.compile(r"[\w'-]+")


def _is_share(line: str) -> bool:
    if len(line) > 120:
        return False
    words = _WORDS.findall(_bare(line))
    if not words:
        return True  # only arrows and bullets left
    if not all(w in _SHARE_VOCAB for w in words):
        return False
    verbs = sum(w in _SHARE_VERBS for w in words)
    networks = sum(w in _SHARE_NETWORKS for w in words)
    return verbs > 0 or networks >= 2


def _is_cookie(line: str, fold: bool = True) -> bool:
    """``fold=False``: the case-insensitive patterns themselves (for tests)."""
    bare = _bare(line)
    if bare in _BUTTONS:
        return True
    if len(line) > 600:
        return False
    cookie, context = (_COOKIE, _COOKIE_CONTEXT) if fold else (
        _COOKIE.pattern, _COOKIE_CONTEXT.pattern)
    return cookie.search(line) is not None and context.search(line) is not None


# headings that open the "related / more / comments / newsletter" blocks after an article
_RELATED = re.compile(
    r"^(?:"
    # de
    r"weitere (?:artikel|beiträge|themen|meldungen|nachrichten|news|aktuelle)|"
    r"mehr (?:zum thema|themen|aus (?:der|dem|den)|news)|das könnte (?:sie|dich) auch|"
    r"(?:diese|weitere|folgende) (?:artikel|beiträge) könnten (?:dich|euch|sie) "
    r"(?:auch|ebenfalls) interessieren|"
    r"(?:lesen sie|lies) auch|auch interessant|schon gelesen|(?:empfohlene|ähnliche|verwandte) "
    r"(?:beiträge|artikel)|zum weiterlesen|beiträge aus dem forum|kommentierte artikel|"
    r"meist-?(?:gelesen|diskutiert)|top-themen|lust auf mehr|keine kommentare|"
    r"kommentare|(?:zum )?newsletter (?:anmelden|abonnieren)|"
    # en
    r"related (?:articles|posts|stories|news|content|reading)|(?:read|see) also|also read|"
    r"you (?:may|might) also (?:like|enjoy)|more (?:stories|from|news|articles)|"
    r"recommended (?:for you|articles|stories)|most (?:read|popular)|leave a (?:comment|reply)|"
    r"\d+ comments|comments|if you enjoyed|never miss|sign up for|subscribe to our|"
    # fr
    r"(?:à )?lire aussi|sur le même (?:sujet|thème)|articles? (?:similaires|liés|connexes)|"
    r"vous (?:aimerez|pourriez aimer) aussi|à voir aussi|les plus lus|"
    r"(?:laisser un )?commentaires?|"
    # es / pt
    r"(?:también )?(?:le|te) puede interesar|lee también|leer también|"
    r"(?:noticias|artículos) relacionad[oa]s|más sobre|lo más leído|comentarios|"
    r"leia também|veja também|notícias relacionadas|mais lidas|comentários|"
    # it
    r"leggi anche|(?:ti )?potrebbe interessar(?:ti|e)|(?:articoli|notizie) correlat[ie]|"
    r"i più letti|commenti|"
    # pl / cs / sk / nl
    r"czytaj (?:także|też)|zobacz (?:także|też|również)|przeczytaj (?:także|również)|"
    r"polecane(?: artykuły| wpisy)?|podobne (?:wpisy|artykuły)|powiązane (?:artykuły|wpisy)|"
    r"najczęściej czytane|komentarze|może cię zainteresować|čtěte (?:také|též)|"
    r"související (?:články|zprávy)|mohlo by vás zajímat|nejčtenější|komentáře|"
    r"prečítajte si (?:tiež|aj)|súvisiace články|komentáre|lees ook|gerelateerde artikelen|"
    r"meer nieuws|reacties"
    r")\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:(?:foto|fotos|photo|photos|bild|bilder|bildquelle|titelbild|crédits? photos?|"
    r"credits?|zdjęcie|zdjęcia|fot\.|foto ?credit|image|imagen|immagine|copyright)"
    r"\s*(?::|©|\(c\))|©)"
    r"|^(?:getty images|dpa|afp|reuters|imago(?: images)?|shutterstock|istock(?:photo)?|"
    r"adobe ?stock|unsplash|pixabay|keystone|epa|picture[- ]alliance|ap photo)"
    r"(?:\s*[/|,]\s*[\w .-]+)?$",
    re.IGNORECASE,
)


_SOURCE = re.compile(r"^(?:quelle|source|sources|źródło|zdroj|fuente|fonte|fonti)\s*:",
                     re.IGNORECASE)
# publication/update bylines and page furniture left as lines of their own
_BYLINE = re.compile(
    r"^(?:(?:zuletzt )?aktualisiert(?: am)?|last (?:modified|updated)|updated(?: on)?|"
    r"veröffentlicht(?: am)?|published(?: on)?|posted(?: on)?|opublikowano|zaktualizowano|"
    r"publié le|mis à jour le|publicado(?: el)?|actualizado(?: el)?|pubblicato(?: il)?|"
    r"aggiornato(?: il)?|publikováno|aktualizováno|kategorie|kategoria|category|categories|"
    r"catégorie|categoría|categoria|tags|schlagwörter|schlagworte|tagi|štítky)\b\s*:?\s*"
    r"(?:[\d./\-: ,]|\w{3,12}\.?\s\d|$)",
    re.IGNORECASE,
)
_TOC = frozenset({"inhaltsverzeichnis", "inhalt", "table of contents", "contents", "spis treści",
                  "sommaire", "índice", "indice", "obsah", "inhoud", "inhoudsopgave"})


# "read also" teasers set into the text, and the calls to subscribe, log in, donate or load
# embedded content that sites print around an article (FoldedPatterns, like _COOKIE and
# _COOKIE_CONTEXT: run case-sensitively over the lowercased line, 2-3 times faster; _PROMO
# alone was a third of clean_body)
_TEASER = FoldedPattern(
    r"^(?:>>\s*.{10,}<<|(?:auch lesen|lesen sie (?:hier|auch|mehr)|lies auch|siehe auch|"
    r"mehr dazu|zum thema|(?:à )?lire aussi|voir aussi|à voir|puedes ver|lee también|"
    r"(?:le|te) puede interesar|mira también|ver también|leia também|veja também|"
    r"leggi anche|vedi anche|czytaj (?:też|także|również)|zobacz (?:też|także|również)|"
    r"čtěte (?:také|též)|read (?:also|more)|see also|related)\s*[:»>|]\s*\S)",
)
_PROMO = FoldedPattern(
    r"(?:sign(?:ing)? up|subscribe)\s+(?:to|for)\s+(?:our|the)\s+(?:\w+\s+)?newsletter|"
    r"newsletter\s+(?:anmelden|abonnieren|bestellen)|zum newsletter|"
    r"(?:inscrivez-vous|abonnez-vous) à (?:notre|la) newsletter|suscr[íi]bete|iscriviti alla|"
    r"zapisz się do newslettera|never miss (?:the latest|our)|in (?:deinen|ihren) posteingang|"
    r"(?:müssen sie|musst du|must be) (?:\w+ )?(?:eingeloggt|angemeldet|logged in)|"
    r"(?:du musst|sie müssen) (?:\w+ )?(?:eingeloggt|angemeldet)|"
    # the paywall's call to log in or subscribe for the rest of the article
    r"^pour (?:lire la suite|accéder en illimité)|^(?:to )?continue reading\b|"
    r"already (?:a subscriber|have an account)|déjà abonné|^um weiterzulesen|"
    r"^para (?:seguir|continuar) leyendo|^per continuare a leggere|"
    # a call to answer in the comments
    r"^(?:verraten|schreibt|schreiben sie|erzählt|erzählen sie|let us know|tell us|"
    r"dites-nous)\b.{0,40}(?:in den kommentaren|in the comments|en commentaires?)|"
    r"(?:nicht|aktuell nicht) eingeloggt|log in to (?:comment|reply|post)|"
    r"inhalt von .{3,60} (?:zu )?laden|to load the (?:external )?content|externe inhalte laden|"
    r"\bdonate\b|jetzt spenden|unterstütze \S+ (?:mit|bereits|jetzt)|support (?:us|our work)|"
    r"^(?:anzeige|werbung|sponsored|advertisement)\b|enthält affiliate[- ]links",
)


def _is_promo(line: str, fold: bool = True) -> bool:
    """A "read also" teaser or a short call to subscribe/log in/donate/load embeds."""
    if len(line) > 200:
        return False  # (a teaser line is at most 200 characters, a promo one 160)
    teaser, promo = (_TEASER, _PROMO) if fold else (_TEASER.pattern, _PROMO.pattern)
    if teaser.match(line):
        return True
    return len(line) <= 160 and promo.search(line) is not None


# an image caption left in the text: numbered ("Abbildung 4: …", "Fig. 2. …") or closed by
# the picture's credit ("Die Preisträger in Berlin. © Agentur / Name")
_FIGURE = re.compile(
    r"^(?:abbildung|abb\.|figure|fig\.|grafik|illustration|rysunek|ryc\.|obrázek|obr\.)"
    r"\s*\d+\s*[:.]\s", re.IGNORECASE)
_CAPTION_CREDIT = re.compile(r"(?:©|\(c\))\s*[^\W\d][\w .,/&'-]{1,50}$", re.IGNORECASE)
_CAPTION_MAX = 200


def _is_caption(line: str) -> bool:
    """A numbered figure caption or a caption ending with the picture's © credit."""
    return len(line) <= _CAPTION_MAX and (_FIGURE.match(line) is not None
                                          or _CAPTION_CREDIT.search(line) is not None)


def _is_credit(line: str) -> bool:
    """A photo credit ("Foto: dpa", "Crédits photos : Bestimage", "AFP / M. Bertorello"), a
    short source line ("Quelle: Landesregierung"), a byline ("Aktualisiert am 3.2.2022",
    "Kategorie: News") or a table-of-contents heading."""
    if len(line) > 80:
        return False
    return (_CREDIT.match(line) is not None or (len(line) <= 60 and _SOURCE.match(line)
            is not None) or _BYLINE.match(line) is not None or _bare(line) in _TOC)


def _is_prose(line: str) -> bool:
    """A sentence-like paragraph (teaser titles rarely end with a full stop)."""
    return len(line) >= 80 and line.rstrip()[-1:] in ".!?\"”“»)"


def _drop_related_tail(lines: list[str]) -> list[str]:
    """Drop "related articles / most read / comments / newsletter" blocks: a short heading
    from the list above with the short teaser lines after it; in the second half of the
    text, everything after it when hardly any prose follows (the block ends the page)."""
    total = sum(len(line) for line in lines)
    if total < 400:
        return lines
    out: list[str] = []
    seen = 0
    idx = 0
    while idx < len(lines):
        line = lines[idx]
        seen += len(line)
        if len(line) <= 120 and _RELATED.match(line.strip(" :-–—»›>•")) and (
                out or len(line) <= 60):
            if seen - len(line) >= 0.5 * total and sum(
                    _is_prose(r) for r in lines[idx + 1 :]) < 3:
                break
            idx += 1
            while idx < len(lines) and len(lines[idx]) <= 100:
                seen += len(lines[idx])
                idx += 1
            continue
        out.append(line)
        idx += 1
    return out


def _drop_funding_footer(lines: list[str]) -> list[str]:
    """Cut a funding notice and what follows when it is in the last lines of the text."""
    if not lines:
        return lines
    total = sum(len(line) for line in lines)
    tail = 0
    for idx in range(len(lines) - 1, max(-1, len(lines) - 9), -1):
        tail += len(lines[idx])
        if tail > 900 or (idx == 0 and len(lines) > 1):
            break
        found = _FUNDING.search(lines[idx])
        if found and found.start() > 3 and not _FOOTERISH.search(lines[idx]):
            continue  # mid-line, a notice counts only inside a footer line (address, ©, …)
        if found and (tail < 0.5 * total or len(lines) - idx <= 2):
            if idx == 0:
                break  # the whole text is the notice: keep it, it is the post
            return lines[:idx]
    return lines


# the press contact closing a release: a heading, then a name, a phone number, an address
_CONTACT_HEAD = re.compile(
    r"^(?:(?:ihr|ihre|unser|unsere)\s+)?(?:ansprechpartner(?:\*?in(?:nen)?)?|pressekontakt|"
    r"medienkontakt|kontakt für (?:die )?medien|pressesprecher(?:\*?in)?|press contact|"
    r"media contacts?|contact presse|contacto de prensa|contatto stampa|kontakt dla mediów)\b",
    re.IGNORECASE)
_CONTACT_LINE = re.compile(
    r"(?:^|\s)(?:tel|telefon|phone|fon|fax|mobil|mobile|e-?mail)\b\.?\s*:?|"
    r"[\w.-]+@[\w-]+\.\w|\+\d{2}\s?[\d(]", re.IGNORECASE)
_CONTACT_LINES = 12


def _drop_contact_tail(lines: list[str]) -> list[str]:
    """Cut the press contact at the end of the text: a contact heading in the second half,
    followed only by a few short lines of which one is a phone number or an e-mail."""
    total = sum(len(line) for line in lines)
    seen = 0
    for idx, line in enumerate(lines):
        if seen >= 0.5 * total and len(line) <= 80 and _CONTACT_HEAD.match(line):
            rest = lines[idx + 1 :]
            if (len(rest) <= _CONTACT_LINES and all(len(r) <= 100 for r in rest)
                    and any(_CONTACT_LINE.search(r) for r in [line, *rest])):
                return lines[:idx]
        seen += len(line)
    return lines
