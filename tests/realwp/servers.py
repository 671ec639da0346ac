"""Debian's WordPress behind nginx and php-fpm, on MariaDB, all on loopback, for the tests.

Everything lives under one temporary folder: a copy of ``/usr/share/wordpress`` with our own
``wp-config.php`` (the Debian one reads ``/etc/wordpress``, which tests must not touch), a
MariaDB data directory reachable only through a unix socket (``skip-networking``), php-fpm
on a unix socket and nginx on ``127.0.0.1:<free port>`` serving one WordPress per host name
(``pl-wp.localhost``, ``de-wp.localhost``: clustercrawl resolves ``*.localhost`` to
loopback). The tests start and stop the servers; ``.ci/run`` only installs the packages.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pytest

WORDPRESS = Path("/usr/share/wordpress")
PACKAGES = "wordpress wordpress-l10n nginx-light php-fpm php-mysql php-xml php-mbstring mariadb-server"

#: binary -> the Debian package that ships it
BINARIES = {
    "mariadbd": "mariadb-server",
    "mariadb-install-db": "mariadb-server",
    "mariadb": "mariadb-client",
    "mariadb-dump": "mariadb-client",
    "nginx": "nginx-light",
    "php": "php-cli",
}


def _which(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


#: PHP extensions WordPress needs here -> the Debian package with them (``-n``: no conf.d)
REQUIRED_EXTENSIONS = {"mysqlnd": "php-mysql", "mysqli": "php-mysql", "mbstring": "php-mbstring",
                       "xml": "php-xml", "dom": "php-xml"}
#: loaded too when present (WordPress uses them when it can)
OPTIONAL_EXTENSIONS = ("simplexml", "xmlreader", "gd", "iconv", "fileinfo", "exif", "ctype",
                       "tokenizer")


def _php_extensions() -> set[str]:
    """Extensions PHP has built in or as a loadable ``.so`` in its extension_dir."""
    code = "echo PHP_EXTENSION_DIR, PHP_EOL, implode(' ', get_loaded_extensions());"
    proc = subprocess.run(["php", "-n", "-r", code],
                          capture_output=True, text=True, check=False)
    lines = proc.stdout.splitlines()
    if proc.returncode != 0 or len(lines) < 2:
        return set()
    built_in = {e.lower() for e in lines[1].split()}
    return built_in | {p.stem for p in Path(lines[0]).glob("*.so")}


def php_fpm_binary() -> str | None:
    """php-fpm is installed versioned (``php-fpm8.2``)."""
    for cand in ("php-fpm", *(f"php-fpm{v}" for v in ("8.4", "8.3", "8.2", "8.1", "8.0", "7.4"))):
        found = _which(cand)
        if found:
            return found
    return None


def missing_packages() -> list[str]:
    """What is missing for a real WordPress (empty when all is installed)."""
    missing = [f"{b} ({pkg})" for b, pkg in BINARIES.items() if not _which(b)]
    if php_fpm_binary() is None:
        missing.append("php-fpm (php-fpm)")
    if not (WORDPRESS / "wp-settings.php").exists():
        missing.append(f"{WORDPRESS} (wordpress)")
    if not (WORDPRESS / "wp-content" / "languages" / "pl_PL.mo").exists():
        missing.append("Polish and German translations (wordpress-l10n)")
    if _which("php"):
        have = _php_extensions()
        missing += [f"PHP {ext} ({pkg})" for ext, pkg in REQUIRED_EXTENSIONS.items()
                    if ext not in have]
    return missing


def require_wordpress() -> None:
    """Skip (or, with ``CI`` set, fail) when the Debian packages are not installed."""
    missing = missing_packages()
    if not missing:
        return
    message = f"a real WordPress needs {', '.join(missing)} (apt-get install {PACKAGES})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must install them (.ci/run)")
    pytest.skip(message)


def _with_parent(cmd: list[str]) -> list[str]:
    """Servers end with the test process even when it is killed: util-linux's setpriv sets
    the parent-death signal before exec (no preexec_fn in a threaded process)."""
    setpriv = _which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", *cmd] if setpriv else cmd


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class SiteConf:
    """One WordPress install: its host name, database and how it is set up."""

    host: str
    db: str
    locale: str
    timezone: str
    permalinks: str  # WordPress permalink_structure; "" = plain ?p=ID links
    title: str


def _wait(check: Callable[[], bool], proc: subprocess.Popen[bytes], what: str, log: Path,
          timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if proc.poll() is not None or time.monotonic() > deadline:
            text = log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
            raise RuntimeError(f"{what} did not start (exit {proc.poll()}): {text}")
        time.sleep(0.05)


def _run(cmd: list[str], what: str, env: dict[str, str] | None = None,
         stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env, input=stdin)
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed ({proc.returncode}): {proc.stderr[-3000:]}")
    return proc


#: nginx's FastCGI parameters, but HTTP_HOST with the port: WordPress's home URL has one, and
#: Debian's fastcgi_params pass ``$host`` alone, which makes redirect_canonical loop.
FASTCGI_PARAMS = "\n".join(
    f"            fastcgi_param {k} {v};" for k, v in {
        "SCRIPT_FILENAME": "$document_root$fastcgi_script_name", "QUERY_STRING": "$query_string",
        "REQUEST_METHOD": "$request_method", "CONTENT_TYPE": "$content_type",
        "CONTENT_LENGTH": "$content_length", "SCRIPT_NAME": "$fastcgi_script_name",
        "REQUEST_URI": "$request_uri", "DOCUMENT_URI": "$document_uri",
        "DOCUMENT_ROOT": "$document_root", "SERVER_PROTOCOL": "$server_protocol",
        "REQUEST_SCHEME": "$scheme", "GATEWAY_INTERFACE": "CGI/1.1",
        "SERVER_SOFTWARE": "nginx/$nginx_version", "REMOTE_ADDR": "$remote_addr",
        "REMOTE_PORT": "$remote_port", "SERVER_ADDR": "$server_addr",
        "SERVER_PORT": "$server_port", "SERVER_NAME": "$server_name",
        "HTTP_HOST": "$host:$server_port", "REDIRECT_STATUS": "200",
    }.items()
)


class WordPressStack:
    """``with WordPressStack(tmp, sites) as wp: wp.home(site)`` -> http://host:port."""

    def __init__(self, folder: Path, sites: list[SiteConf]) -> None:
        self.folder = folder
        self.sites = sites
        self.port = free_port()
        self.root = os.geteuid() == 0
        self.docroot = folder / "wordpress"
        self.datadir = folder / "mariadb"
        # unix socket paths are limited to 107 bytes: a deep temporary folder gets a short one
        self.sockets = folder if len(str(folder)) < 80 else Path(
            tempfile.mkdtemp(prefix="realwp-", dir="/tmp"))
        self.db_socket = self.sockets / "mysqld.sock"
        self.fpm_socket = self.sockets / "php-fpm.sock"
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []
        #: nginx's access log: ``host "GET /path HTTP/1.1" status bytes_sent`` per line
        self.access_log = folder / "nginx-access.log"

    def home(self, site: SiteConf) -> str:
        return f"http://{site.host}:{self.port}"

    # -- MariaDB -------------------------------------------------------------------------
    def _start_mariadb(self) -> None:
        log = self.folder / "mariadb.log"
        user = ["--user=root"] if self.root else []
        opts = [
            "--no-defaults", f"--datadir={self.datadir}", *user,
            "--innodb-log-file-size=8M", "--innodb-buffer-pool-size=32M",
            "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0",
        ]
        if not (self.datadir / "mysql").exists():
            _run(["mariadb-install-db", *opts, "--auth-root-authentication-method=normal",
                  "--skip-test-db", "--skip-name-resolve"], "mariadb-install-db")
        proc = subprocess.Popen(
            _with_parent([_which("mariadbd") or "mariadbd", *opts, "--skip-networking",
             f"--socket={self.db_socket}", f"--pid-file={self.folder / 'mariadb.pid'}",
             f"--log-error={log}", "--skip-log-bin", "--character-set-server=utf8mb4"]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.procs.append(("mariadbd", proc))
        _wait(lambda: self.sql("SELECT 1", check=False).returncode == 0, proc, "mariadbd", log)

    def sql(self, statement: str, db: str | None = None, check: bool = True
            ) -> subprocess.CompletedProcess[str]:
        """Run SQL as root through the socket; tab-separated rows on stdout."""
        cmd = ["mariadb", "--no-defaults", f"--socket={self.db_socket}", "-uroot",
               "--batch", "--skip-column-names", "-e", statement]
        if db:
            cmd.append(db)
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if check and proc.returncode != 0:
            raise RuntimeError(f"SQL failed: {statement[:200]}: {proc.stderr}")
        return proc

    def dump(self, dbs: list[str], path: Path) -> None:
        """A SQL dump of ``dbs``, to restore the provisioned sites after a test changed them."""
        with path.open("w", encoding="utf-8") as out:
            proc = subprocess.run(
                ["mariadb-dump", "--no-defaults", f"--socket={self.db_socket}", "-uroot",
                 "--skip-comments", "--databases", *dbs],
                stdout=out, stderr=subprocess.PIPE, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"mariadb-dump failed: {proc.stderr[-2000:]}")

    def restore(self, path: Path) -> None:
        with path.open("rb") as dump:
            proc = subprocess.run(
                ["mariadb", "--no-defaults", f"--socket={self.db_socket}", "-uroot"],
                stdin=dump, capture_output=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"restoring {path} failed: {proc.stderr[-2000:]!r}")

    # -- WordPress files -----------------------------------------------------------------
    def _write_docroot(self) -> None:
        if not self.docroot.exists():
            shutil.copytree(WORDPRESS, self.docroot, symlinks=True)
            (self.docroot / "wp-config.php").unlink()
            shutil.copytree(Path(__file__).parent / "mu-plugins",
                            self.docroot / "wp-content" / "mu-plugins")
            shutil.copytree(Path(__file__).parent / "themes",
                            self.docroot / "wp-content" / "themes", dirs_exist_ok=True)
        sites = {s.host: {"db": s.db, "home": self.home(s)} for s in self.sites}
        (self.docroot / "realwp-sites.json").write_text(json.dumps(sites), "utf-8")
        salts = "\n".join(
            f"define('{k}', '{secrets.token_hex(24)}');"
            for k in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
                      "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT")
        )
        config = (Path(__file__).parent / "wp-config.php.in").read_text("utf-8")
        config = config.replace("@DB_SOCKET@", str(self.db_socket)).replace("@SALTS@", salts)
        (self.docroot / "wp-config.php").write_text(config, "utf-8")

    # -- php-fpm and nginx ---------------------------------------------------------------
    def _start_php_fpm(self) -> None:
        log = self.folder / "php-fpm.log"
        user = "user = root\ngroup = root\n" if self.root else ""
        conf = self.folder / "php-fpm.conf"
        conf.write_text(
            f"[global]\npid = {self.folder / 'php-fpm.pid'}\nerror_log = {log}\n"
            "daemonize = no\n\n[www]\n" + user +
            f"listen = {self.fpm_socket}\npm = static\npm.max_children = 4\n"
            "catch_workers_output = yes\n"
            "php_admin_value[display_errors] = off\nphp_admin_flag[log_errors] = on\n"
            "php_admin_value[memory_limit] = 256M\n",
            "utf-8",
        )
        fpm = php_fpm_binary()
        assert fpm is not None
        cmd = [fpm, "--nodaemonize", "--fpm-config", str(conf), "-n", "-c",
               str(self._php_ini())]
        if self.root:
            cmd.append("--allow-to-run-as-root")
        proc = subprocess.Popen(_with_parent(cmd), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        self.procs.append(("php-fpm", proc))
        _wait(self.fpm_socket.exists, proc, "php-fpm", log)

    def _php_ini(self) -> Path:
        """Debian's php.ini without its conf.d scan: only the extensions WordPress needs."""
        ini = self.folder / "php.ini"
        if not ini.exists():
            so_files = {p.stem for p in Path(self._extension_dir()).glob("*.so")}
            wanted = [*REQUIRED_EXTENSIONS, *OPTIONAL_EXTENSIONS]
            ini.write_text("\n".join([
                *(f"extension={e}" for e in wanted if e in so_files),
                *(["zend_extension=opcache"] if "opcache" in so_files else []),
                "opcache.enable=1", "opcache.enable_cli=0",
                "display_errors=stderr", "error_reporting=E_ALL & ~E_DEPRECATED",
                "date.timezone=UTC", "memory_limit=256M", "",
            ]), "utf-8")
        return ini

    @staticmethod
    def _extension_dir() -> str:
        return subprocess.run(["php", "-n", "-r", "echo PHP_EXTENSION_DIR;"], capture_output=True,
                              text=True, check=True).stdout.strip()

    def _start_nginx(self) -> None:
        log = self.folder / "nginx-error.log"
        tmp = self.folder / "nginx-tmp"
        tmp.mkdir(exist_ok=True)
        servers = "".join(
            f"""
    server {{
        listen 127.0.0.1:{self.port};
        server_name {s.host};
        root {self.docroot};
        index index.php;
        location / {{ try_files $uri $uri/ /index.php?$args; }}
        location ~ \\.php$ {{
            try_files $uri =404;
{FASTCGI_PARAMS}
            fastcgi_pass unix:{self.fpm_socket};
        }}
    }}"""
            for s in self.sites
        )
        conf = self.folder / "nginx.conf"
        conf.write_text(
            ("user root;\n" if self.root else "")
            + f"""worker_processes 1;
pid {self.folder / 'nginx.pid'};
error_log {log} warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    # one line per request: host, request line, status, bytes sent (headers included)
    log_format cc '$host "$request" $status $bytes_sent';
    access_log {self.access_log} cc;
    # compressed answers, as production hosts configure them (JSON, feeds, sitemaps)
    gzip on;
    gzip_types application/json application/rss+xml application/atom+xml application/xml
               text/xml;
    client_body_temp_path {tmp}/body;
    fastcgi_temp_path {tmp}/fastcgi;
    proxy_temp_path {tmp}/proxy;
    server {{ listen 127.0.0.1:{self.port} default_server; return 404; }}
{servers}
}}
""",
            "utf-8",
        )
        proc = subprocess.Popen(
            _with_parent([_which("nginx") or "nginx", "-p", str(self.folder), "-e", str(log),
                          "-c", str(conf), "-g", "daemon off;"]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.procs.append(("nginx", proc))

        def listening() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return True
            except OSError:
                return False

        _wait(listening, proc, "nginx", log)

    # -- PHP in the CLI, with WordPress loaded -------------------------------------------
    def php(self, script: Path, site: SiteConf, *args: str, stdin: str | None = None
            ) -> subprocess.CompletedProcess[str]:
        """Run a PHP script that loads this site's WordPress (``REALWP_*`` in its env)."""
        env = {**os.environ, "REALWP_DOCROOT": str(self.docroot), "REALWP_HOST": site.host,
               "REALWP_PORT": str(self.port)}
        return _run(["php", "-n", "-c", str(self._php_ini()), str(script), *args],
                    f"{script.name} for {site.host}", env=env, stdin=stdin)

    def start(self) -> WordPressStack:
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self._write_docroot()
            self._start_mariadb()
            self._start_php_fpm()
            self._start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        for _name, proc in reversed(self.procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        self.procs.clear()
        if self.sockets != self.folder:
            shutil.rmtree(self.sockets, ignore_errors=True)

    def __enter__(self) -> WordPressStack:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
