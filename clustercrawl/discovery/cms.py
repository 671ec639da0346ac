"""Which CMS a site runs, from its homepage: decides which cheap channels to try first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from clustercrawl.discovery._util import header_value, parse_html

__all__ = ["KNOWN_CMS", "detect_cms"]

KNOWN_CMS = ("wordpress", "joomla", "typo3", "drupal")

_GENERATORS: tuple[tuple[str, str], ...] = (
    ("wordpress", "wordpress"),
    ("joomla", "joomla"),
    ("typo3", "typo3"),
    ("drupal", "drupal"),
    ("wix", "wix.com"),
    ("squarespace", "squarespace"),
    ("webflow", "webflow"),
    ("ghost", "ghost"),
    ("hubspot", "hubspot"),
    ("contao", "contao"),
    ("concrete5", "concrete5"),
    ("prestashop", "prestashop"),
    ("shopify", "shopify"),
    ("jimdo", "jimdo"),
)
#: Markup/asset fingerprints and their weight.
_SIGNS: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = {
    "wordpress": (
        (re.compile(r"/wp-content/|/wp-includes/"), 3),
        (re.compile(r"https://api\.w\.org/|/wp-json/"), 3),
        (re.compile(r"wp-emoji|wp-block-|class=\"[^\"]*\bwp-"), 1),
    ),
    "joomla": (
        (
            re.compile(
                r"/media/jui/|/media/system/js/|/media/vendor/joomla|/media/templates/site/"
            ),
            3,
        ),
        (re.compile(r"option=com_|/components/com_|/modules/mod_"), 2),
        (re.compile(r"joomla-script-options|Joomla\.|\bitemid-\d+"), 2),
    ),
    "typo3": (
        (re.compile(r"/typo3conf/|/typo3temp/|/typo3/"), 3),
        (re.compile(r"/fileadmin/|/_assets/[0-9a-f]{32}/"), 2),
        (
            re.compile(
                r"tx_[a-z]+_pi\d|f3-widget-paginator|This website is powered by TYPO3", re.I
            ),
            2,
        ),
    ),
    "drupal": (
        (re.compile(r"/sites/default/files/|/sites/all/(themes|modules)/"), 3),
        (re.compile(r"/core/misc/drupal|drupal-settings-json|Drupal\.settings|/core/themes/"), 3),
        (re.compile(r"\bviews-row\b|\bnode--type-|\bpath-frontpage\b|\bpage-node-"), 1),
    ),
}
_HEADER_SIGNS: tuple[tuple[str, str, str], ...] = (
    ("link", "api.w.org", "wordpress"),
    ("x-pingback", "xmlrpc.php", "wordpress"),
    ("x-generator", "drupal", "drupal"),
    ("x-drupal-cache", "", "drupal"),
    ("x-drupal-dynamic-cache", "", "drupal"),
    ("x-typo3-parsetime", "", "typo3"),
    ("x-content-encoded-by", "joomla", "joomla"),
    ("x-powered-by", "wordpress", "wordpress"),
)


def _from_generator(content: str) -> str | None:
    text = content.lower()
    for name, needle in _GENERATORS:
        if needle in text:
            return name
    return None


def detect_cms(html: str, url: str, headers: Mapping[Any, Any] | None = None) -> str | None:
    """``wordpress``/``joomla``/``typo3``/``drupal`` (or another builder's name), else None.

    A generator meta or header decides; otherwise asset paths, API links and body classes
    are weighed, and a CMS needs at least two signs' worth of weight to be named.
    """
    del url  # part of the contract; the fingerprints do not depend on it yet
    root = parse_html(html)
    if root is not None:
        for meta in root.iter("meta"):
            is_generator = (meta.get("name") or "").lower() == "generator"
            if is_generator and (found := _from_generator(meta.get("content") or "")):
                return found
    for name, needle, cms in _HEADER_SIGNS:
        value = header_value(headers, name)
        if value is not None and needle in value.lower():
            return cms
    markup = html if isinstance(html, str) else ""
    scores = {
        cms: sum(weight for pattern, weight in signs if pattern.search(markup))
        for cms, signs in _SIGNS.items()
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 3 else None
