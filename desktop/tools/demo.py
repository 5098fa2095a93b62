"""Ledger files made for the first start: the user's own new ledger, or a demo county built
beside the final name and moved into place when whole."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from desktop.ledger import Ledger
from desktop.records import natural_org_id, unit_committee_kind
from desktop.scope.geo import geography
from desktop.ledger.db import InstanceLock
from desktop.tools import synthetic, work_demo

Progress = Callable[[int, int], None]


def _remove_ledger_files(path: Path) -> None:
    """Delete a ledger file with its SQLite side files and its lock file."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.lock")):
        p.unlink(missing_ok=True)


def create_ledger(path: Path, scope: str, operator: str) -> Path:
    """Create the ledger of the user's unit, with the unit's own League committee, and close it."""
    with Ledger.new(path, scope=scope, operator=operator) as ledger:
        add_unit_committee(ledger)
    return path


def add_unit_committee(ledger: Ledger) -> str | None:
    """The unit's own committee (乡镇团委 of a township, 团县委 of a county), so its members
    have somewhere to belong from the first day; its natural id makes every office that
    creates it create the same record.  None above the county."""
    kind = unit_committee_kind(ledger.scope)
    if kind is None:
        return None
    record_id = natural_org_id(kind, ledger.scope)
    if ledger.get("organisation", record_id) is None:
        name = geography().name(ledger.scope)
        ledger.organisations.create(kind=kind, name=f"{name}团委", division_code=ledger.scope)
    return record_id


def build_demo(path: Path, county: str, operator: str, *, progress: Progress | None = None) -> Path:
    """Build a demo ledger of *county* at *path*, replacing an earlier demo there.

    The ledger is built beside *path* under another name and moved into place only when
    complete, so a cancelled or failed build leaves no half-built file and keeps the earlier
    demo.  *path* stays locked meanwhile, so it cannot be replaced while open elsewhere.
    ``progress(done, total)`` may raise to cancel the build.
    """
    target_lock = InstanceLock(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    target_lock.acquire()
    building = path.with_name(f"{path.stem}.building{path.suffix or '.sqlite'}")
    try:
        _remove_ledger_files(building)
        ledger = Ledger.new(building, scope=county, operator=operator)
        try:
            synthetic.build(ledger, county, progress=progress)
            work_demo.attach_case_files(ledger)
        except BaseException:
            ledger.close()
            _remove_ledger_files(building)
            raise
        ledger.close()
        # A stale journal of the earlier demo would be applied to the new file: remove it.
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        building.replace(path)
        Path(f"{building}.lock").unlink(missing_ok=True)
    finally:
        target_lock.release()
    return path
