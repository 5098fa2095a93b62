"""The fault suite: real processes killed (SIGKILL) at random moments of real work.

Every trial ends with the same questions a user would ask after a power cut: does the ledger
open (so its lock went with the dead process), does ``check`` find nothing, is every
transaction whole (the tables are exactly what the change log says), and — for sync and
packages — does finishing the interrupted work converge with nothing lost and nothing twice.
The count of trials and failures is printed at the end of the run.
"""

from __future__ import annotations

import pytest

from tests.sync.conftest import pg_cluster  # noqa: F401 - the PostgreSQL hub's cluster, a fixture

#: (scenario, passed) of every trial of this run
TRIALS: list[tuple[str, bool]] = []


@pytest.fixture
def record_trial():
    def record(scenario: str, passed: bool) -> None:
        TRIALS.append((scenario, passed))
    return record


def pytest_terminal_summary(terminalreporter):
    if not TRIALS:
        return
    failed = sum(1 for _, ok in TRIALS if not ok)
    by = {}
    for scenario, _ in TRIALS:
        by[scenario] = by.get(scenario, 0) + 1
    detail = ", ".join(f"{name} {n}" for name, n in by.items())
    terminalreporter.write_line(f"fault suite: {len(TRIALS)} SIGKILL trials ({detail}), {failed} failures")
