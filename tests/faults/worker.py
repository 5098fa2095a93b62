"""A child process for the fault suite: does one long piece of work, printing ``step`` after
each transaction, so the parent can kill it (SIGKILL) at a random moment.

    python tests/faults/worker.py bulk LEDGER
    python tests/faults/worker.py excel LEDGER WORKBOOK UNIT
    python tests/faults/worker.py sync LEDGER
    python tests/faults/worker.py package LEDGER PACKAGE
    python tests/faults/worker.py open LEDGER          (a migration, when the file is older)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.ledger import Ledger  # noqa: E402

ORG_OF = "org-township_committee-{}"
STEPS = 40
ROWS_PER_STEP = 40


def step(*_args) -> None:
    print("step", flush=True)


def member_rows(org: str, start: int, n: int) -> list[dict]:
    return [dict(org_id=org, name=f"委员{i:05d}", gender="female" if i % 2 else "male", post="member",
                 employment="full_time", source="civil_servant", joined_on="2021-05-01",
                 phone=f"139{i:08d}") for i in range(start, start + n)]


def bulk(path: str) -> None:
    with Ledger.open(path) as ledger:
        org = ORG_OF.format(ledger.scope)
        print("ready", flush=True)
        for s in range(STEPS):
            ledger.create_many("committee_member", member_rows(org, s * ROWS_PER_STEP, ROWS_PER_STEP))
            step()


def excel(path: str, workbook: str, unit: str) -> None:
    from desktop import excel as X

    with Ledger.open(path) as ledger:
        print("ready", flush=True)
        plan = X.plan_import(ledger, "committee_member", workbook, unit)
        step()
        X.apply_import(ledger, plan, progress=step)


def sync(path: str) -> None:
    from sync.client import SyncClient

    with Ledger.open(path) as ledger:
        print("ready", flush=True)
        SyncClient(ledger).sync(progress=step)


def package(path: str, package_file: str) -> None:
    from sync import packages

    with Ledger.open(path) as ledger:
        print("ready", flush=True)
        packages.import_package(ledger, package_file)


def open_ledger(path: str) -> None:
    print("ready", flush=True)
    with Ledger.open(path):
        step()


if __name__ == "__main__":
    work = {"bulk": bulk, "excel": excel, "sync": sync, "package": package, "open": open_ledger}[sys.argv[1]]
    work(*sys.argv[2:])
    print("done", flush=True)
