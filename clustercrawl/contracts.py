"""``scrapy check clusters``: the spider's callbacks checked on the demo web's pages.

Callbacks need the per-site state a crawl builds (``SiteState``, request meta); the
``@site ID [KIND]`` contract sets it up for the contract's request, as the spider's own
``_request`` would. A site is looked up in the spider's registry (``-a registry=...``), else
in the demo web's registry for the URL's port, so on a machine running

    python -m clustercrawl.demoweb serve --port 8377

``scrapy check clusters`` runs every
contract. Under ``scrapy check`` the crawl state lives in memory and no run files are written
(``SCRAPY_CHECK`` is set by Scrapy), so a check never touches a dataset.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from scrapy.contracts import Contract

from clustercrawl.registry import Site, load_registry_text
from clustercrawl.sitestate import SiteState
from clustercrawl.state import store_for


def checking() -> bool:
    """True inside ``scrapy check`` (Scrapy sets ``SCRAPY_CHECK`` while it runs contracts)."""
    return bool(os.environ.get("SCRAPY_CHECK"))


class SiteContract(Contract):
    """``@site ID [KIND]``: the request is KIND (default: the callback's usual kind) of site ID."""

    name = "site"

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        spider: Any = args["callback"].__self__  # the bound callback being checked
        site_id, *rest = self.args
        kind = rest[0] if rest else "home"
        site = _find_site(spider, site_id, str(args["url"]))
        st = SiteState(site)
        discovery = kind not in ("post", "link")
        if discovery:
            st.pending_discovery = 1
        else:  # a post fetched once discovery is over: its items are flushed after it
            st.discovery_done = True
            st.fetch_started = True
            st.pending_posts = 1
        st.claim(str(args["url"]))
        spider.states[site.id] = st
        if spider.store is None:
            spider.store = store_for(spider.crawler)
            spider.runner.start()
        args["meta"] = {**(args.get("meta") or {}), "site_id": site.id, "kind": kind,
                        "discovery": discovery, "site_language": site.language}
        args["dont_filter"] = True
        return args


def _find_site(spider: Any, site_id: str, url: str) -> Site:
    for site in getattr(spider, "sites", []):
        if site.id == site_id:
            return site  # type: ignore[no-any-return]
    from clustercrawl.demoweb import generate  # noqa: PLC0415 (only for demo contracts)

    port = urlsplit(url).port or 80
    loaded = load_registry_text(generate(seed=2014).registry_yaml(port), "demo web")
    for site in loaded.sites:
        if site.id == site_id:
            return site
    raise ValueError(f"@site {site_id}: not in the registry nor in the demo web")
