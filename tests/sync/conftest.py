"""A real hub for sync tests: ``township-hub serve`` in a subprocess on 127.0.0.1.

The hub listens on a port the system picks (``--port 0``) and prints its address;
the fixture waits for ``/v1/health`` and stops the process at teardown (and checks
that it logged no traceback).  ``HubProcess`` also runs the admin CLI against the
same ledger while the hub runs, and enrolls devices the way an admin and a desktop do.

The ``hub`` and ``module_hub`` fixtures run every test twice: on a hub whose ledger is
a file (``sqlite``) and on one whose ledger is a database of a throwaway PostgreSQL
cluster (``postgres``, :mod:`pg_server`), started once per session.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import contextlib

import pytest
import requests

from desktop.ledger import Ledger
from desktop.ledger.migrations import CURRENT_VERSION
from pg_server import PgCluster, why_unavailable
from sync import packages, signatures

#: device id → the public key string of a ledger the fixtures made: such a device enrolls
#: with its real keys, as the desktop program does, so the hub can check its signatures
DEVICE_KEYS: dict[str, str] = {}


def signed_wire(ledger: Ledger, *, own: bool = True) -> list[dict]:
    """The ledger's changes as a push sends them: its own signed first, as the client does
    (only those it wrote itself, unless own=False)."""
    signatures.sign_own(ledger, packages.device_keys(ledger)[0])
    return [c.to_wire() for c in ledger.changes_since(0)[0] if not own or c.origin == ledger.device_id]


def resign(ledger: Ledger, item):
    """*item* (a change in wire form, perhaps made by hand) signed by *ledger*'s key, as a
    device signs whatever it writes, sense or nonsense; left as it is when it is no change."""
    from desktop.ledger.changes import Change, signature_text, signed_bytes

    try:
        change = Change.from_wire(item)
        sig = signature_text(packages.device_keys(ledger)[0].sign(signed_bytes(change)))
    except (ValueError, TypeError, AttributeError, UnicodeEncodeError):
        return item
    return {**item, "sig": sig}


def sign_key(ledger: Ledger) -> str:
    """The ledger's signing key as a push vouches for it."""
    return signatures.key_text(packages.device_keys(ledger)[0].public_bytes())

PROJECT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0


def hub_env(lang: str = "en") -> dict:
    env = dict(os.environ)
    env["TOWNSHIP_LEDGER_LANG"] = lang
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("TOWNSHIP_HUB_DB", None)
    return env


def run_hub_cli(*args: str, db: Path | None = None, lang: str = "en", timeout: float = 60) -> subprocess.CompletedProcess:
    """``township-hub ARGS`` as a subprocess (``--db`` through the environment when given)."""
    env = hub_env(lang)
    if db is not None:
        env["TOWNSHIP_HUB_DB"] = str(db)
    return subprocess.run([sys.executable, "-m", "sync.hub.cli", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


#: The hub's ledger: a file, or a PostgreSQL database.
BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster for the session (skips, with the reason, where none can run)."""
    reason = why_unavailable()
    if reason:
        pytest.skip(reason)
    cluster = PgCluster().start()
    yield cluster
    cluster.stop()


def hub_db(request, folder: Path) -> Path | str:
    """The ``--db`` of a new hub for the backend *request* is parametrised with."""
    if getattr(request, "param", "sqlite") == "postgres":
        return request.getfixturevalue("pg_cluster").new_database()
    return folder / "hub" / "hub.sqlite"


@pytest.fixture(params=BACKENDS)
def new_hub_db(request, tmp_path) -> Path | str:
    """A new hub ledger's ``--db``, once per backend (for tests that start hubs themselves)."""
    return hub_db(request, tmp_path)


def database_connections(url: str) -> int:
    """Connections open to the database at *url* (other than the one asking)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                            (name,)).fetchone()[0]


@contextlib.contextmanager
def read_hub_ledger(db: Path | str):
    """The hub's ledger, read-only, beside the running hub (a file or a database)."""
    if isinstance(db, str):
        from sync.hub.dialect import connect

        ledger = Ledger(connect(db), None, None)
    else:
        ledger = Ledger.open(db, read_only=True, verify=False)
    try:
        yield ledger
    finally:
        ledger.close()


@dataclass
class HubProcess:
    url: str
    #: the ledger file, or the database's address
    db: Path | str
    proc: subprocess.Popen
    log: Path
    sessions: list = field(default_factory=list)

    @property
    def backend(self) -> str:
        return "postgres" if isinstance(self.db, str) else "sqlite"

    def ledger(self):
        """The hub's ledger, read-only (``with hub.ledger() as ledger: …``)."""
        return read_hub_ledger(self.db)

    # ------------------------------------------------------------------ admin CLI
    def cli(self, *args: str, lang: str = "en") -> subprocess.CompletedProcess:
        return run_hub_cli(*args, db=self.db, lang=lang)

    def new_code(self, scope: str, name: str = "测试单位") -> str:
        """An enrollment code from ``township-hub enroll`` (its last output line)."""
        result = self.cli("enroll", "--scope", scope, "--name", name)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    # ------------------------------------------------------------------ HTTP
    def post(self, path: str, json=None, token: str | None = None, **kw) -> requests.Response:
        headers = kw.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.post(self.url + path, json=json, headers=headers, timeout=60, **kw)

    def get(self, path: str, token: str | None = None, **kw) -> requests.Response:
        headers = kw.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.get(self.url + path, headers=headers, timeout=60, **kw)

    def enroll(self, device_id: str, scope: str, name: str = "测试电脑") -> str:
        """Enroll a device for *scope* (with its real keys when the fixtures made its ledger);
        returns its token."""
        r = self.post("/v1/enroll", {"code": self.new_code(scope), "device_id": device_id, "name": name,
                                     "public_key": DEVICE_KEYS.get(device_id, f"key-of-{device_id}"),
                                     "schema": CURRENT_VERSION})
        assert r.status_code == 200, r.text
        return r.json()["token"]

    def push(self, token: str, changes: list[dict], schema: int = CURRENT_VERSION,
             keys: dict | None = None) -> requests.Response:
        body = {"schema": schema, "changes": changes}
        if keys is not None:
            body["keys"] = keys
        return self.post("/v1/push", body, token=token)

    def pull_all(self, token: str, cursor: int = 0, limit: int = 2000) -> tuple[list[dict], int]:
        """Every change the device receives after *cursor*, page by page; and the last cursor."""
        out = []
        while True:
            r = self.get("/v1/pull", token=token, params={"cursor": cursor, "limit": limit})
            assert r.status_code == 200, r.text
            body = r.json()
            out += body["changes"]
            cursor = body["cursor"]
            if not body["more"]:
                return out, cursor


def _read_first_line(stream, timeout: float) -> str:
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


def start_hub(tmp_path: Path, *options: str, db: Path | str | None = None, name: str = "hub") -> HubProcess:
    """``township-hub serve`` with *options* on *db* (default: a new ledger file); the tests
    enroll many devices a minute, so the enrollment rate limit is high unless *options* name one."""
    if "--enroll-rate" not in options:
        options = (*options, "--enroll-rate", "1000")
    db = tmp_path / "hub" / "hub.sqlite" if db is None else db
    (tmp_path / "hub").mkdir(parents=True, exist_ok=True)
    log = tmp_path / "hub" / f"{name}.log"
    err = open(log, "w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "sync.hub.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", "0", *options], cwd=PROJECT, env=hub_env("zh_CN"), stdout=subprocess.PIPE,
                            stderr=err, text=True, encoding="utf-8")
    err.close()
    line = _read_first_line(proc.stdout, START_TIMEOUT)
    if "http://" not in line:
        stop(proc)
        raise RuntimeError(f"the hub did not start: {line!r} {log.read_text(encoding='utf-8')}")
    url = line[line.index("http://"):].strip()  # printed once uvicorn serves: no need to poll
    if requests.get(url + "/v1/health", timeout=10).status_code != 200:
        stop(proc)
        raise RuntimeError(f"the hub does not answer: {log.read_text(encoding='utf-8')}")
    return HubProcess(url, db, proc, log)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
    if proc.stdout:
        proc.stdout.close()


@pytest.fixture(params=BACKENDS)
def hub(request, tmp_path) -> HubProcess:
    process = start_hub(tmp_path, db=hub_db(request, tmp_path))
    yield process
    stop(process.proc)
    text = process.log.read_text(encoding="utf-8")
    assert "Traceback" not in text and " ERROR " not in text, text


@pytest.fixture(scope="module", params=BACKENDS)
def module_hub(request, tmp_path_factory) -> HubProcess:
    """One hub for a whole test module (for the fuzz tests)."""
    folder = tmp_path_factory.mktemp("module-hub")
    process = start_hub(folder, db=hub_db(request, folder))
    yield process
    stop(process.proc)
    text = process.log.read_text(encoding="utf-8")
    assert "Traceback" not in text and " ERROR " not in text, text


# ---------------------------------------------------------------------- device ledgers
COUNTY = "130111"          # 河北省石家庄市栾城区
TOWNSHIP = "130111200"     # 南高乡
TOWNSHIP_2 = "130111103"   # 冶河镇
COUNTY_ORG = f"org-county_committee-{COUNTY}"


def county_ledger(path: Path, *, townships: tuple[str, ...] = (TOWNSHIP,)) -> Ledger:
    """A county device's ledger with the county committee and township committees."""
    ledger = Ledger.new(path, scope=COUNTY, operator="县团委")
    ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    for code in townships:
        ledger.organisations.create(kind="township_committee", name=f"{code}团委", division_code=code,
                                    parent_id=COUNTY_ORG)
    return ledger


@pytest.fixture
def make_ledger(tmp_path):
    """``make_ledger(name, scope, townships=())`` → a new device ledger (for the county scope
    with the county committee and the given township committees); all closed at teardown."""
    opened: list[Ledger] = []

    def make(name: str, scope: str = COUNTY, townships: tuple[str, ...] | None = None) -> Ledger:
        path = tmp_path / "devices" / f"{name}.sqlite"
        if townships is not None:
            assert scope == COUNTY
            ledger = county_ledger(path, townships=townships)
        else:
            ledger = Ledger.new(path, scope=scope, operator=name)
        opened.append(ledger)
        DEVICE_KEYS[ledger.device_id] = packages.public_key_string(ledger)
        return ledger

    yield make
    for ledger in opened:
        ledger.close()
