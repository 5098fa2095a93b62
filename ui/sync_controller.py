"""Syncing with the hub from the desktop: when, and in the background.

``SyncController`` owns the decision *when* to sync and runs every exchange with the
hub in a worker thread, on a second writing connection (``ledger.sibling()``) that the
worker opens and closes itself; the GUI's own connection is only read, on the GUI
thread, after the worker has finished.

Automatic sync (``start_auto``): ``QNetworkInformation`` tells when a connection
appears; then a cheap probe of the hub (``GET /v1/health``, in a worker) decides whether
the hub is reachable, and if it is, a sync runs.  While online a sync runs every
``interval_minutes``; while offline only the probe runs, every ``probe_seconds``.
Never two syncs at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from sync import client
from sync.client import OFFLINE_ERRORS, SyncSettings, enrolled_settings
from ui import workers
from ui.busy import on_sibling

log = logging.getLogger(__name__)

OFFLINE = "offline"
ONLINE = "online"
SYNCING = "syncing"
NOT_ENROLLED = "not_enrolled"

#: This ledger's hub settings, or None when it is not enrolled (for the settings dialog).
load_settings = enrolled_settings


class EnrollmentNotifier(QObject):
    """Tells every controller that a ledger was just enrolled (from any dialog)."""

    sig_enrolled = Signal(str)
    """The path of the ledger file that was enrolled."""


_notifier: EnrollmentNotifier | None = None


def enrollment_notifier() -> EnrollmentNotifier:
    global _notifier
    if _notifier is None or not isValid(_notifier):
        _notifier = EnrollmentNotifier()
    return _notifier


def new_client(ledger: Ledger, settings: SyncSettings) -> client.SyncClient:
    """A hub client (its module, and ``requests`` with it, load at the first sync)."""
    return client.SyncClient(ledger, settings)


@dataclass
class Outcome:
    """What a sync in the worker brought back to the GUI thread."""

    result: client.SyncResult
    #: the client's one line on what the hub refused, or None
    refused_summary: str | None


class SyncController(QObject):
    """When to sync, and the sync itself in a worker."""

    sig_state = Signal(str)
    """"offline", "online", "syncing" or "not_enrolled"."""
    sig_progress = Signal(int, int)
    """(done, total) of the running sync (total 0: not known, as while pulling)."""
    sig_finished = Signal(bool, str)
    """A sync ended: whether all went well, and what happened in plain words."""
    sig_records_changed = Signal()
    """A sync brought changes from the hub: views should reload."""
    sig_changed = Signal()
    """Any of state, progress or outcome changed: for widgets that show all three."""

    def __init__(self, ledger: Ledger, parent: QObject | None = None, interval_minutes: int = 15,
                 probe_seconds: int = 60) -> None:
        super().__init__(parent)
        self.setObjectName("sync_controller")
        self.ledger = ledger
        self.interval_minutes = interval_minutes
        #: builds the client in the worker, from the worker's connection (tests may wrap it)
        self.client_factory: Callable[[Ledger, SyncSettings], client.SyncClient] = new_client
        self._state = NOT_ENROLLED if enrolled_settings(ledger) is None else OFFLINE
        self._task: workers.Task | None = None
        self._probe_task: workers.Task | None = None
        self._stopping = False
        self._shut = False  # shut down: the window closes
        self._auto = False
        self._reachable: bool | None = None  # what the last probe or sync found
        self._network = None  # QNetworkInformation, when a backend loaded
        self._progress: tuple[int, int] = (0, 0)
        self._seq_before = 0
        #: the outcome of the last sync of this session: (ok, message), or None before one
        self.last_result: tuple[bool, str] | None = None
        #: the last sync's error in plain words ("" when it went well or was cancelled)
        self.last_error = ""
        #: how many changes the last sync saw refused (by the hub or by this ledger)
        self.last_refused = 0

        self._sync_timer = QTimer(self)
        self._sync_timer.setObjectName("sync_timer")
        self._sync_timer.setInterval(max(1, interval_minutes) * 60_000)
        self._sync_timer.timeout.connect(self._periodic_sync)
        self._probe_timer = QTimer(self)
        self._probe_timer.setObjectName("probe_timer")
        self._probe_timer.setInterval(max(1, probe_seconds) * 1000)
        self._probe_timer.timeout.connect(self.probe)
        enrollment_notifier().sig_enrolled.connect(self._enrolled)
        for signal in (self.sig_state, self.sig_progress, self.sig_finished):
            signal.connect(self.sig_changed)

    # ------------------------------------------------------------------ state
    @property
    def state(self) -> str:
        return self._state

    @property
    def progress(self) -> tuple[int, int]:
        return self._progress

    @property
    def auto(self) -> bool:
        return self._auto

    def settings(self) -> SyncSettings | None:
        """The current hub settings (None when not enrolled)."""
        if self.ledger.closed:  # the ledger was closed
            return None
        return enrolled_settings(self.ledger)

    def hub_url(self) -> str:
        return "" if self.ledger.closed else client.hub_url(self.ledger)

    def scheduled(self) -> str | None:
        """What runs by itself next: "sync" (online, every interval), "probe" (offline, the
        periodic check of the hub) or None (not automatic, or not enrolled)."""
        if self._sync_timer.isActive():
            return "sync"
        return "probe" if self._probe_timer.isActive() else None

    @property
    def reachable(self) -> bool | None:
        """Whether the hub answered at the last probe or sync (None: not asked yet)."""
        return self._reachable

    def is_running(self) -> bool:
        return self._task is not None

    def is_cancelling(self) -> bool:
        return self._task is not None and self._task.cancelled

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.sig_state.emit(state)

    def _settled_state(self) -> str:
        if self.settings() is None:
            return NOT_ENROLLED
        return ONLINE if self._reachable else OFFLINE

    def _enrolled(self, path: str) -> None:
        if not isValid(self) or self.ledger.closed or path != str(self.ledger.path):
            return
        self.last_result, self.last_error, self.last_refused = None, "", 0
        self._reachable = True  # the hub has just answered
        if self._task is None:
            self._set_state(self._settled_state())
        self.sig_state.emit(self._state)  # the hub's address may have changed too
        if self._auto:
            self.sync_now()

    # ------------------------------------------------------------------ syncing
    def sync_now(self) -> bool:
        """Start a sync in a worker; False if one is running or there is no hub."""
        if self._task is not None or self._stopping:
            return False
        settings = self.settings()
        if settings is None:
            self._set_state(NOT_ENROLLED)
            message = self.tr("This office is not enrolled with a hub yet. Choose Tools ▸ Enroll with a hub….")
            self.last_result, self.last_error = (False, message), message
            self.sig_finished.emit(False, message)
            return False
        ledger, make_client = self.ledger, self.client_factory
        self._seq_before = ledger.last_seq()

        def work(db: Ledger, task: workers.Task) -> Outcome:
            sync_client = make_client(db, settings)
            # progress is only reported; the client stops between batches when
            # cancelled() says so, so a batch is never cut in half
            result = sync_client.sync(progress=lambda done, total: task.signals.sig_progress.emit(done, total),
                                      cancelled=lambda: task.cancelled)
            return Outcome(result, sync_client.refused_summary(result.push))

        self._progress = (0, 0)
        self.last_refused = 0
        self._task = workers.start(on_sibling(ledger, work), self._sync_done, self._sync_failed,
                                   self._sync_progress, owner=self)
        self._set_state(SYNCING)
        return True

    def cancel(self) -> None:
        """Stop the running sync after the batch in flight; what was exchanged is kept."""
        if self._task is not None and not self._task.cancelled:
            self._task.cancel()
            self.sig_state.emit(SYNCING)  # the button shows "Stopping…"

    def _sync_progress(self, done: int, total: int) -> None:
        if not isValid(self) or self._task is None:
            return
        self._progress = (done, total)
        self.sig_progress.emit(done, total)

    def _sync_done(self, outcome: Outcome) -> None:
        if not isValid(self):
            return
        self._task = None
        self._reachable = True
        result = outcome.result
        self.last_refused = result.push.rejected + result.pull.rejected
        ok, message = client.describe(result, outcome.refused_summary)
        self.last_error = ""
        self._finish(ok, message, result.pull.applied > 0 or result.pull.conflicts > 0)

    def _sync_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._task = None
        if isinstance(exc, (client.SyncCancelled, workers.Cancelled)):
            message = self.tr("Sync stopped. What was already exchanged is kept; the rest follows with the "
                              "next sync.")
            self.last_error = ""
            if self._progress != (0, 0):  # a batch went through: the hub is there
                self._reachable = True
        else:
            message = self.error_text(exc)
            self.last_error = message
            if isinstance(exc, OFFLINE_ERRORS + (OSError,)):
                self._reachable = False
        changed = not self.ledger.closed and self.ledger.last_seq() != self._seq_before
        self._finish(False, message, changed)

    def _finish(self, ok: bool, message: str, changed: bool) -> None:
        self._stopping = False
        self.last_result = (ok, message)
        if self.ledger.closed:  # the window closed meanwhile
            return
        self._set_state(self._settled_state())
        self._schedule()
        if changed:
            self.sig_records_changed.emit()
        self.sig_finished.emit(ok, message)

    def error_text(self, exc: BaseException) -> str:
        """What went wrong, in plain words (never a traceback)."""
        if isinstance(exc, LedgerError):
            return exc.text()
        if isinstance(exc, OSError):
            return self.tr("The ledger file could not be used during the sync: {reason}").format(
                reason=exc.strerror or type(exc).__name__)
        log.error("sync failed: %s", getattr(exc, "trace", repr(exc)))
        return self.tr("The sync failed because of an error in the program ({error}). Nothing was lost; "
                       "please tell your county office.").format(error=type(exc).__name__)

    # ------------------------------------------------------------------ automatic
    def start_auto(self) -> None:
        """Sync by itself: when a connection appears, and every few minutes while online."""
        if self._auto or self._shut:
            return
        self._auto = True
        self._network = network_information()
        if self._network is not None:
            self._network.reachabilityChanged.connect(self._reachability_changed)
        self.probe()

    def stop_auto(self) -> None:
        self._auto = False
        self._sync_timer.stop()
        self._probe_timer.stop()
        if self._network is not None:
            try:
                self._network.reachabilityChanged.disconnect(self._reachability_changed)
            except (RuntimeError, TypeError):
                pass
            self._network = None

    def shutdown(self) -> None:
        """The window closes: no new work; the running sync stops after its batch."""
        self._shut = True
        self.stop_auto()
        self.cancel()
        self._stopping = self._task is not None

    def _reachability_changed(self, reachability) -> None:
        if not isValid(self) or not self._auto:
            return
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Disconnected:
            self._reachable = False
            if self._task is None:
                self._set_state(self._settled_state())
            self._schedule()
        else:  # a connection appeared (or changed): is the hub there?
            self.probe()

    def probe(self) -> bool:
        """Check in a worker whether the hub answers; syncs when it newly does (auto)."""
        if self._probe_task is not None or self._task is not None or self._stopping:
            return False
        settings = self.settings()
        if settings is None:
            self._set_state(NOT_ENROLLED)
            self._schedule()
            return False
        ledger, make_client = self.ledger, self.client_factory

        def work(db: Ledger, task: workers.Task) -> bool:
            return bool(make_client(db, settings).probe())

        self._probe_task = workers.start(on_sibling(ledger, work), self._probed, self._probe_failed,
                                         owner=self)
        return True

    def _probed(self, reachable: bool) -> None:
        if not isValid(self):
            return
        self._probe_task = None
        if self.ledger.closed or self._stopping:
            return
        was = self._reachable
        self._reachable = reachable
        if self._task is None:
            self._set_state(self._settled_state())
        if reachable and not was and self._auto and self._task is None:
            self.sync_now()  # the hub came within reach
        self._schedule()

    def _probe_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        log.warning("hub probe failed: %s", getattr(exc, "trace", repr(exc)))
        self._probed(False)

    def _periodic_sync(self) -> None:
        if self._task is None and self._reachable:
            self.sync_now()

    def _schedule(self) -> None:
        """Online: a sync every interval.  Offline: only the periodic probe."""
        if not self._auto:
            return
        if self._state == NOT_ENROLLED:
            self._sync_timer.stop()
            self._probe_timer.stop()
        elif self._reachable:
            self._probe_timer.stop()
            if not self._sync_timer.isActive():
                self._sync_timer.start()
        else:
            self._sync_timer.stop()
            if not self._probe_timer.isActive():
                self._probe_timer.start()


def network_information():
    """The platform's network information, or None (then probing alone decides)."""
    from PySide6.QtNetwork import QNetworkInformation

    if QNetworkInformation.instance() is None and not QNetworkInformation.loadDefaultBackend():
        return None
    info = QNetworkInformation.instance()
    if info is None or not info.supports(QNetworkInformation.Feature.Reachability):
        return None
    return info
