"""Reference data shipped in ``resources/reference``: the default checklist templates.

Built-in templates enter every ledger as changes of a fixed origin with fixed stamps,
so every install holds the same rows and they never travel in sync or packages.
A province replaces them by issuing templates of its own scope (``templates_for``
takes the nearest issuer's set).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Protocol

from desktop import paths
from desktop.records import ids
from desktop.ledger.changes import Change
from desktop.ledger.hlc import make_stamp


class Records(Protocol):
    """What ``templates_for`` reads: a ledger's records."""

    def query(self, kind: str, *, where: dict | None = None) -> list[dict]:
        """Live records of *kind* whose fields equal *where*."""


def load_checklists(path: Path | None = None) -> dict:
    path = path or paths.resource_dir() / "reference" / "checklists.json"
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def inspection_systems() -> dict[str, str]:
    """The system (of the four) that a task made from each self-inspection item belongs to,
    by item number, as the reference data names it."""
    return dict(load_checklists().get("inspection_systems", {}))


def builtin_template_changes(data: dict | None = None) -> list[Change]:
    data = data or load_checklists()
    version = int(data.get("version", 1))
    changes = []
    rows = [("reference", level, system, code, title, desc)
            for level, system, code, title, desc in data["reference"]]
    rows += [("inspection", level, None, code, title, None)
             for level in ("county", "township") for code, title in data["inspection"]]
    for n, (tkind, level, system, code, title, desc) in enumerate(rows, start=1):
        fields = {"template_kind": tkind, "level": level, "system": system, "code": code, "title": title,
                  "description": desc, "sort_order": n, "issued_by": ""}
        fields = {k: v for k, v in fields.items() if v is not None}
        seq = version * 10000 + n
        changes.append(Change(ids.BUILTIN_DEVICE, seq, make_stamp(seq, ids.BUILTIN_DEVICE), "checklist_template",
                              f"tpl-{level}-{code}", "", fields, {}, "", created=True))
    return changes


def templates_for(ledger: Records, unit_code: str, level: str, template_kind: str = "reference") -> list[dict]:
    """The templates that apply to a unit: those of the nearest issuer above it (or the built-in set)."""
    rows = ledger.query("checklist_template", where={"level": level, "template_kind": template_kind})
    issuers = sorted({r["issued_by"] or "" for r in rows if unit_code.startswith(r["issued_by"] or "")},
                     key=len, reverse=True)
    if not issuers:
        return []
    nearest = issuers[0]
    return sorted((r for r in rows if (r["issued_by"] or "") == nearest), key=lambda r: r["sort_order"] or 0)
