"""A hub whose folder for first-sync files is full: a new device's first sync still goes
through (page by page), and the hub says what went wrong in its log, not to the device.

A real hub process on 127.0.0.1 (SQLite and PostgreSQL) with ``--data-dir`` on a small real
file system (tmpfs), filled; the client is the program's own SyncClient."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import BACKENDS, hub_db
from sync.client import SNAPSHOT_STATE, SyncClient
from test_disk_faults import _fill, _mount  # the tests' own small file systems
from test_snapshot import county_with_records
from test_sync_client import COUNTY, Devices, Hub, fast, sync, visible

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="mounts a tmpfs")


@pytest.fixture(params=BACKENDS)
def full_hub(request, tmp_path):
    small = tmp_path / "small"
    _mount(small, "1m")
    hub = Hub(tmp_path, db=hub_db(request, tmp_path))
    hub.options = ["--data-dir", str(small)]
    hub.start()
    yield hub, small
    hub.stop()
    subprocess.run(["umount", "-l", str(small)], capture_output=True, timeout=30, check=False)


@pytest.mark.parametrize("ready", [True, False], ids=["ready-ledger", "snapshot-file"])
def test_a_first_sync_goes_through_when_the_hubs_folder_is_full(tmp_path, full_hub, ready):
    hub, small = full_hub
    devices = Devices(tmp_path, hub)
    try:
        county = county_with_records(devices)
        _fill(small, leave=0)
        fresh = devices.new(COUNTY, "新电脑", settings=fast(snapshot_min=100, page_size=64, ready_ledger=ready))
        result = sync(fresh)
        assert result.complete and not result.pull.snapshot and result.pull.pages > 2  # page by page
        assert visible(fresh, COUNTY) == visible(county, COUNTY)
        assert fresh.check() == [] and fresh.meta(SNAPSHOT_STATE) is None
        assert not SyncClient(fresh).snapshot_file().exists()
        assert not any(p.exists() for p in SyncClient(fresh).ready_files())
        # the hub says why in its log, not with a failure: nothing half-written is left there
        log = hub.log.read_text("utf-8", "replace")
        assert "not written" in log and "Traceback" not in log and '"status": 500' not in log
        assert sorted(f.name for f in small.rglob("*") if f.is_file()) == ["filler"]
        # once there is room again, the next new device takes the file
        (small / "filler").unlink()
        later = devices.new(COUNTY, "又一台", settings=fast(snapshot_min=100, page_size=64, ready_ledger=ready))
        again = sync(later)
        assert again.complete and again.pull.snapshot
        assert visible(later, COUNTY) == visible(county, COUNTY)
    finally:
        devices.close()
