"""A 2-minute soak of a real hub (benchmarks/soak_hub.py): simulated devices in several
client processes, a slow reader, a SIGTERM restart half-way.  Fails on any error, any
inconsistency between a device's ledger and the hub's, a hub exit status other than
0, or a growth trend in the hub's descriptors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import PROJECT, hub_env

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="samples the hub through /proc")]


def test_a_two_minute_soak_is_clean(tmp_path):
    run = subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "soak_hub.py"), "--minutes", "2",
                          "--processes", "3", "--devices", "4", "--sample", "1", "--folder", str(tmp_path)],
                         cwd=PROJECT, env=hub_env(), capture_output=True, text=True, encoding="utf-8", timeout=175)
    print(run.stdout[-4000:])
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert "against the hub — ok" in run.stdout
    assert "errors 0 " in run.stdout
