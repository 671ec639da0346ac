"""Reaching Redis safely, and the names of everything clustercrawl keeps there.

Whoever can write to the crawl's Redis decides what the workers fetch and what lands in the
dataset, so a worker refuses a URL without a password and a server on a public address
(unless explicitly allowed). Nothing read from Redis is ever unpickled: queue entries,
state and group records are JSON or a fixed binary layout, parsed and validated as data.
The client itself comes from scrapy-redis' connection helper (its timeouts and retries).
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import redis
from scrapy.settings import BaseSettings, Settings
from scrapy_redis.connection import get_redis_from_settings

__all__ = [
    "Keys",
    "RedisConfigError",
    "check_redis_url",
    "client_from_settings",
    "client_from_url",
    "is_true",
    "mask_url",
]

#: Environment variables that lift the safety checks (also settings of the same name).
ALLOW_NO_PASSWORD = "CLUSTERCRAWL_REDIS_ALLOW_NO_PASSWORD"
ALLOW_PUBLIC = "CLUSTERCRAWL_REDIS_ALLOW_PUBLIC"

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_TRUE = ("1", "true", "yes", "on")

#: Client parameters: bytes in and out (values are JSON or packed records, never pickles).
REDIS_PARAMS: dict[str, Any] = {
    "socket_timeout": 30,
    "socket_connect_timeout": 10,
    "retry_on_timeout": True,
    "health_check_interval": 30,
    "decode_responses": False,
}


class RedisConfigError(RuntimeError):
    """The Redis URL is unusable or unsafe; the message says which and how to fix it."""


def mask_url(url: str) -> str:
    """The URL with its password replaced, for logs and error messages."""
    return re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", url)


def is_true(value: Any) -> bool:
    return str(value or "").strip().lower() in _TRUE


def check_redis_url(url: str, *, allow_no_password: bool = False,
                    allow_public: bool = False) -> None:
    """Refuse a Redis URL without a password, or whose host is on a public address."""
    allow_no_password = allow_no_password or is_true(os.environ.get(ALLOW_NO_PASSWORD))
    allow_public = allow_public or is_true(os.environ.get(ALLOW_PUBLIC))
    shown = mask_url(url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RedisConfigError(f"{shown}: not a Redis URL ({exc})") from exc
    if parts.scheme not in ("redis", "rediss", "unix"):
        raise RedisConfigError(f"{shown}: expected redis://:PASSWORD@HOST:6379/0 "
                               "(or rediss://, unix://)")
    password = parts.password or parse_qs(parts.query).get("password", [""])[0]
    if not password and not allow_no_password:
        raise RedisConfigError(
            f"{shown}: no password. Anyone who can write to this Redis steers the crawl and "
            "writes the dataset: set `requirepass` and use redis://:PASSWORD@HOST:6379/0, "
            f"or set {ALLOW_NO_PASSWORD}=1 for a throwaway local Redis"
        )
    if parts.scheme == "unix" or allow_public:
        return
    host = parts.hostname
    if not host:
        raise RedisConfigError(f"{shown}: no host")
    try:
        infos = socket.getaddrinfo(host, port or 6379, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise RedisConfigError(f"{shown}: cannot resolve {host}: {exc}") from exc
    public = sorted({str(info[4][0]) for info in infos
                     if ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_global})
    if public:
        raise RedisConfigError(
            f"{shown}: {host} resolves to public address(es) {', '.join(public)}. Keep Redis "
            "on a private network (or a VPN / SSH tunnel); set "
            f"{ALLOW_PUBLIC}=1 only with TLS (rediss://) and a strong password"
        )


def client_from_url(url: str, *, allow_no_password: bool = False,
                    allow_public: bool = False) -> redis.Redis:
    """A checked client for ``url`` (the CLI's seed, status and finalize)."""
    settings = Settings({ALLOW_NO_PASSWORD: allow_no_password, ALLOW_PUBLIC: allow_public})
    return client_from_settings(settings, url)


def client_from_settings(settings: BaseSettings, url: str | None = None) -> redis.Redis:
    """A checked client from Scrapy settings, through scrapy-redis' connection helper."""
    url = url or settings.get("CLUSTERCRAWL_REDIS_URL")
    if not url:
        raise RedisConfigError("CLUSTERCRAWL_REDIS_URL is not set")
    check_redis_url(url, allow_no_password=is_true(settings.get(ALLOW_NO_PASSWORD)),
                    allow_public=is_true(settings.get(ALLOW_PUBLIC)))
    client: redis.Redis = get_redis_from_settings(
        Settings({"REDIS_URL": url, "REDIS_PARAMS": REDIS_PARAMS})
    )
    return client


def check_name(kind: str, value: str) -> str:
    if not _NAME.match(value):
        raise RedisConfigError(f"{kind} {value!r}: use letters, digits, '.', '_' or '-' "
                               "(at most 64)")
    return value


@dataclass(frozen=True, slots=True)
class Keys:
    """Key names. State and groups outlive runs (``<prefix>:state:…``, ``<prefix>:groups:…``);
    a run's queue and bookkeeping live under ``<prefix>:run:<run>:…``."""

    prefix: str = "clustercrawl"
    run: str = "default"

    def __post_init__(self) -> None:
        check_name("prefix", self.prefix)
        check_name("run", self.run)

    def state(self, name: str) -> str:
        return f"{self.prefix}:state:{name}"

    def groups(self, name: str) -> str:
        return f"{self.prefix}:groups:{name}"

    def of_run(self, name: str) -> str:
        return f"{self.prefix}:run:{self.run}:{name}"

    @property
    def lease_prefix(self) -> str:
        return self.of_run("lease:")

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Keys:
        return cls(settings.get("CLUSTERCRAWL_REDIS_PREFIX") or "clustercrawl",
                   settings.get("CLUSTERCRAWL_REDIS_RUN") or "default")
