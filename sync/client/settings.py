"""How to reach the hub (address, token, proxy, CA bundle, timeouts), and the names of
the sync's bookkeeping in the ledger's ``meta``.  The token is a secret of the device, kept
apart from the settings (:mod:`desktop.ledger.secrets`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from desktop.ledger.secrets import HUB_TOKEN
from sync.client.errors import BadHubUrl

SETTINGS_KEY = "sync_settings"
PUSH_CURSOR = "push_cursor"
PULL_CURSOR = "pull_cursor"
REJECTED_KEY = "sync_rejected"
LAST_SYNC = "last_sync"
LAST_SYNC_ERROR = "last_sync_error"
#: attachment contents this ledger lacks and has not received yet (JSON list of sha256):
#: the hub did not have them (yet) at the last sync; they are asked for again at the next
MISSING_BLOBS = "sync_missing_blobs"
#: a first sync through the hub's snapshot, under way: {"upto", "count", "downloaded", "applied"}
SNAPSHOT_STATE = "sync_snapshot"
#: contents of pushed attachments not yet checked/uploaded (JSON list of sha256)
BLOB_UPLOADS = "sync_blob_uploads"


@dataclass
class SyncSettings:
    """How to reach the hub.  Kept as JSON in the ledger's meta ("sync_settings"), but for the
    token, which is a secret of the device (the key store, where the computer has one)."""

    hub_url: str = ""
    token: str = field(default="", repr=False)
    #: the scope the hub enrolled this device for (from the enrollment answer)
    scope: str | None = None
    name: str = ""
    enrolled_at: str = ""
    #: requests-style proxies, e.g. {"http": "http://10.0.0.1:8080", "https": "http://10.0.0.1:8080"}
    proxies: dict[str, str] = field(default_factory=dict)
    #: a CA bundle file (wins over ``verify``) or None
    ca_bundle: str | None = None
    verify: bool = True
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    batch_size: int = 1000
    page_size: int = 2000
    #: a first sync of at least this many changes comes as one resumable snapshot file
    #: rather than page by page (0: never)
    snapshot_min: int = 20_000
    #: such a first sync takes the hub's ready ledger file when it offers one (sync.client.ready)
    ready_ledger: bool = True
    retries: int = 5
    backoff_base: float = 1.0
    backoff_cap: float = 30.0

    @property
    def enrolled(self) -> bool:
        return bool(self.hub_url and self.token)

    @property
    def requests_verify(self) -> bool | str:
        return self.ca_bundle if self.ca_bundle else self.verify

    def set_proxy(self, url: str | None) -> None:
        self.proxies = {"http": url, "https": url} if url else {}

    def to_json(self) -> str:
        """Everything but the token, which is kept as a secret (:func:`save_settings`)."""
        data = dataclasses.asdict(self)
        del data["token"]
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> "SyncSettings":
        """Unknown keys are ignored, missing ones take their defaults, garbage gives defaults."""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        names = {f.name: f for f in dataclasses.fields(cls)}
        kept = {}
        for key, value in data.items():
            f = names.get(key)
            if f is None:
                continue
            default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
            if default is not None and value is not None and not isinstance(value, type(default)):
                if isinstance(default, float) and isinstance(value, int):
                    value = float(value)
                else:
                    continue
            kept[key] = value
        return cls(**kept)


def load_settings(ledger) -> SyncSettings:
    """The hub settings, with the token from where the ledger keeps its secrets."""
    settings = SyncSettings.from_json(ledger.meta(SETTINGS_KEY))
    settings.token = ledger.secret(HUB_TOKEN) or ""
    return settings


def save_settings(ledger, settings: SyncSettings) -> None:
    """Save the settings in ``meta`` and the token apart, as a secret (the computer's key store
    where it has one: :mod:`desktop.ledger.secrets`)."""
    with ledger.tx():
        ledger.set_meta(SETTINGS_KEY, settings.to_json())
        ledger.set_secret(HUB_TOKEN, settings.token or None)


def enrolled_settings(ledger) -> SyncSettings | None:
    """This ledger's hub settings, or None when it is not enrolled (reads meta only).  A
    restored or copied ledger that holds a claim on the old device's place has the old
    device's settings until its next sync takes that place (:mod:`sync.client.succession`)."""
    settings = load_settings(ledger)
    if not settings.enrolled:
        claim = ledger.predecessor()
        if claim is not None and claim.token:
            settings = claim_settings(claim)
    return settings if settings.enrolled else None


def claim_settings(claim) -> SyncSettings:
    """The hub settings a predecessor claim holds, with the old device's token: what the
    take-over calls the hub with."""
    settings = SyncSettings.from_json(claim.settings)
    settings.token = claim.token or ""
    return settings


def hub_url(ledger) -> str:
    """The address of the hub this ledger is enrolled with ("" when none)."""
    settings = enrolled_settings(ledger)
    return settings.hub_url if settings is not None else ""


def last_sync(ledger) -> str | None:
    """When the last sync went through (ISO time), or None."""
    return ledger.meta(LAST_SYNC) or None


def last_sync_error(ledger) -> str:
    """The recorded error of the last sync ("" when it went well)."""
    return ledger.meta(LAST_SYNC_ERROR) or ""


def meta_list(ledger, key: str) -> list:
    """A JSON list kept in the ledger's meta under *key* ([] when absent or garbled)."""
    try:
        data = json.loads(ledger.meta(key) or "[]")
    except ValueError:
        return []
    return data if isinstance(data, list) else []


def normalise_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadHubUrl(url=url)
    return url.rstrip("/")


def now_iso() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
