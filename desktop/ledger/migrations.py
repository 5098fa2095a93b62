"""Versioned schema migrations.

Each migration is a small function applied in one transaction together with the
``PRAGMA user_version`` that records it.  Migrations are additive: a column added
to a record table must also be added to every row's per-field clock as "never
set" (``add_field``), so that old rows do not claim the new field.  The first
version is frozen text; later ones only add.
"""

from __future__ import annotations

import sqlite3
from typing import Callable


V1_RECORD_TABLES = """
CREATE TABLE organisation (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    kind TEXT,
    name TEXT,
    parent_id TEXT,
    division_code TEXT,
    founded_on TEXT,
    status TEXT,
    status_changed_on TEXT,
    status_reason TEXT,
    demo_level TEXT,
    league_members INTEGER,
    note TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX organisation_scope ON organisation(scope);
CREATE TABLE committee_member (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    name TEXT,
    gender TEXT,
    birth_date TEXT,
    ethnicity TEXT,
    political_status TEXT,
    education TEXT,
    phone TEXT,
    post TEXT,
    employment TEXT,
    source TEXT,
    employer TEXT,
    duty TEXT,
    rotation_duty TEXT,
    joined_on TEXT,
    exited_on TEXT,
    exit_reason TEXT,
    appraisal_year INTEGER,
    appraisal TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX committee_member_scope ON committee_member(scope);
CREATE INDEX committee_member_org ON committee_member(org_id);
CREATE TABLE funding_entry (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    year INTEGER,
    budgeted INTEGER,
    received INTEGER,
    source TEXT,
    received_on TEXT,
    doc_no TEXT,
    purpose TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX funding_entry_scope ON funding_entry(scope);
CREATE INDEX funding_entry_org ON funding_entry(org_id);
CREATE TABLE checklist_template (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    template_kind TEXT,
    level TEXT,
    system TEXT,
    code TEXT,
    title TEXT,
    description TEXT,
    sort_order INTEGER,
    issued_by TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX checklist_template_scope ON checklist_template(scope);
CREATE TABLE checklist_task (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    template_id TEXT,
    system TEXT,
    title TEXT,
    problem TEXT,
    measure TEXT,
    responsible TEXT,
    deadline TEXT,
    status TEXT,
    done_on TEXT,
    verified_on TEXT,
    verified_by TEXT,
    note TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX checklist_task_scope ON checklist_task(scope);
CREATE INDEX checklist_task_org ON checklist_task(org_id);
CREATE TABLE meeting (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    kind TEXT,
    held_on TEXT,
    title TEXT,
    attendance INTEGER,
    location TEXT,
    summary TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX meeting_scope ON meeting(scope);
CREATE INDEX meeting_org ON meeting(org_id);
CREATE TABLE wechat_group (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    name TEXT,
    members INTEGER,
    league_members INTEGER,
    youth_reached INTEGER,
    created_on TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX wechat_group_scope ON wechat_group(scope);
CREATE INDEX wechat_group_org ON wechat_group(org_id);
CREATE TABLE venue (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    name TEXT,
    kind TEXT,
    address TEXT,
    shared_with TEXT,
    opened_on TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX venue_scope ON venue(scope);
CREATE INDEX venue_org ON venue(org_id);
CREATE TABLE publicity_item (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    published_on TEXT,
    channel TEXT,
    title TEXT,
    url TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX publicity_item_scope ON publicity_item(scope);
CREATE INDEX publicity_item_org ON publicity_item(org_id);
CREATE TABLE reported_figure (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    unit_code TEXT,
    month TEXT,
    metric TEXT,
    value INTEGER,
    reported_by TEXT,
    reported_on TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX reported_figure_scope ON reported_figure(scope);
CREATE TABLE attachment (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    owner_kind TEXT,
    owner_id TEXT,
    filename TEXT,
    sha256 TEXT,
    size INTEGER,
    media_type TEXT,
    added_on TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX attachment_scope ON attachment(scope);
"""

V1_SYSTEM_TABLES = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    origin TEXT NOT NULL,
    origin_seq INTEGER NOT NULL,
    stamp TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    patch TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    flags INTEGER NOT NULL DEFAULT 0,
    UNIQUE (origin, origin_seq)
);
CREATE INDEX change_log_record ON change_log(record_id);
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    lost_value TEXT,
    lost_stamp TEXT NOT NULL,
    won_value TEXT,
    won_stamp TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0,
    UNIQUE (record_id, field, lost_stamp)
);
CREATE TABLE blob (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
);
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in (V1_SYSTEM_TABLES + V1_RECORD_TABLES).split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Undo batches (an Excel import, a bulk edit) and faster look-ups by owner and parent."""
    # Imported here: sqlite-utils brings dateutil and its plugin system (~0.1 s), which only
    # a ledger of the first version, upgraded once, needs.
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["change_log"].add_column("batch", str)
    conn.execute("CREATE INDEX change_log_batch ON change_log(batch) WHERE batch IS NOT NULL")
    conn.execute("CREATE INDEX change_log_scope_stamp ON change_log(scope, stamp)")
    conn.execute("CREATE INDEX attachment_owner ON attachment(owner_id)")
    conn.execute("CREATE INDEX organisation_parent ON organisation(parent_id)")


def _v3(conn: sqlite3.Connection) -> None:
    """Meetings by kind under a scope (the monthly report's meeting coverage)."""
    conn.execute("CREATE INDEX meeting_kind_scope ON meeting(kind, scope)")


def add_field(conn: sqlite3.Connection, table: str, column: str, sql_type: str) -> None:
    """Add a field to a record table, marking it "never set" in every row's clock."""
    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")
    conn.execute(f"UPDATE {table} SET clock = json_set(clock, '$.{column}', '')")


def _v4(conn: sqlite3.Connection) -> None:
    """Why the level above returned a checklist task (退回原因), kept apart from its note."""
    add_field(conn, "checklist_task", "return_reason", "TEXT")


def _v5(conn: sqlite3.Connection) -> None:
    """Whether a checklist template's tasks need a measure and evidence to be done (set by the issuer)."""
    add_field(conn, "checklist_template", "completion_proof", "TEXT")


def _v6(conn: sqlite3.Connection) -> None:
    """Each change's signature by the device that wrote it (base64 Ed25519; NULL for a
    change written before signing, or one of this device not yet sent anywhere); the index
    finds this device's unsigned changes without a scan."""
    conn.execute("ALTER TABLE change_log ADD COLUMN signature TEXT")
    conn.execute("CREATE INDEX change_log_unsigned ON change_log(origin, origin_seq) WHERE signature IS NULL")


V7_SUBMISSION_TABLES = """
CREATE TABLE month_submission (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    unit_code TEXT,
    month TEXT,
    figures TEXT,
    submitted_at TEXT,
    first_submitted_at TEXT,
    submitted_by TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX month_submission_scope ON month_submission(scope);
CREATE TABLE month_review (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    reviewer_code TEXT,
    unit_code TEXT,
    month TEXT,
    decision TEXT,
    reason TEXT,
    submitted_at TEXT,
    reviewed_at TEXT,
    reviewed_by TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX month_review_unit ON month_review(unit_code, month);
CREATE TABLE report_due (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    issued_by TEXT,
    month TEXT,
    due_day INTEGER,
    clock TEXT NOT NULL
);
"""


def _v7(conn: sqlite3.Connection) -> None:
    """Monthly submissions, their reviews (approval locks the month) and the due day set from above."""
    for statement in V7_SUBMISSION_TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v8(conn: sqlite3.Connection) -> None:
    """Committee members' remarks (备注), as rosters keep them."""
    add_field(conn, "committee_member", "note", "TEXT")


V9_WORK_TABLES = """
CREATE TABLE work_plan_item (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    month TEXT,
    item TEXT,
    responsible TEXT,
    status TEXT,
    done_on TEXT,
    note TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX work_plan_item_scope ON work_plan_item(scope);
CREATE INDEX work_plan_item_org ON work_plan_item(org_id);
CREATE INDEX work_plan_item_month ON work_plan_item(month, scope);
CREATE TABLE case_brief (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    kind TEXT,
    title TEXT,
    dated_on TEXT,
    issue_no TEXT,
    library TEXT,
    summary TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX case_brief_scope ON case_brief(scope);
CREATE INDEX case_brief_org ON case_brief(org_id);
CREATE TABLE contact_point (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    unit_code TEXT,
    leader TEXT,
    office TEXT,
    post TEXT,
    linked_on TEXT,
    ended_on TEXT,
    phone TEXT,
    note TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX contact_point_scope ON contact_point(scope);
CREATE TABLE unit_assessment (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    year INTEGER,
    grade TEXT,
    award TEXT,
    assessed_by TEXT,
    assessed_on TEXT,
    note TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX unit_assessment_scope ON unit_assessment(scope);
CREATE INDEX unit_assessment_org ON unit_assessment(org_id);
CREATE TABLE branch_term (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    village_code TEXT,
    elected_on TEXT,
    term_end TEXT,
    secretary TEXT,
    members INTEGER,
    note TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX branch_term_scope ON branch_term(scope);
CREATE INDEX branch_term_village ON branch_term(village_code, elected_on);
"""


def _v9(conn: sqlite3.Connection) -> None:
    """The work ledger: monthly work plan items, cases and briefs, contact points, annual
    assessments of units and village branch terms."""
    for statement in V9_WORK_TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)


V10_INSPECTION_TABLES = """
CREATE TABLE inspection_answer (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    org_id TEXT,
    period TEXT,
    item_id TEXT,
    answer TEXT,
    finding TEXT,
    task_id TEXT,
    clock TEXT NOT NULL
);
CREATE INDEX inspection_answer_scope ON inspection_answer(scope);
"""


def _v10(conn: sqlite3.Connection) -> None:
    """Self-inspection answers (八查八看): one per unit, period and item."""
    for statement in V10_INSPECTION_TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)


#: The monthly report's indexes: each holds just the columns its query reads, in scope order
#: (a scan of the index instead of the wide table), and the change log by time (the changes of
#: one month, not the whole log).
V11_REPORT_INDEXES = """
CREATE INDEX organisation_kind_dates ON organisation(kind, scope, deleted, status, founded_on, status_changed_on);
CREATE INDEX committee_member_dates ON committee_member(scope, deleted, source, joined_on, exited_on, gender, post,
    employment);
CREATE INDEX checklist_task_dates ON checklist_task(scope, deleted, system, status, done_on, verified_on);
CREATE INDEX meeting_kind_dates ON meeting(kind, scope, deleted, held_on, org_id, attendance);
CREATE INDEX change_log_stamp_scope ON change_log(stamp, scope);
CREATE INDEX reported_figure_month ON reported_figure(month, deleted, scope, unit_code, metric, value, reported_by,
    reported_on);
CREATE INDEX committee_member_secretary ON committee_member(org_id, joined_on, id, scope, name, phone)
    WHERE post = 'secretary' AND exited_on IS NULL AND deleted = 0;
"""


def _v11(conn: sqlite3.Connection) -> None:
    """Covering indexes of the monthly report's figures, and the change log by time."""
    for statement in V11_REPORT_INDEXES.split(";"):
        if statement.strip():
            conn.execute(statement)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _v1,
    2: _v2,
    3: _v3,
    4: _v4,
    5: _v5,
    6: _v6,
    7: _v7,
    8: _v8,
    9: _v9,
    10: _v10,
    11: _v11,
}
CURRENT_VERSION = max(MIGRATIONS)


def pending(version: int, target: int = CURRENT_VERSION) -> list[int]:
    return [v for v in sorted(MIGRATIONS) if version < v <= target]


def migrate(conn: sqlite3.Connection, target: int = CURRENT_VERSION) -> list[int]:
    """Bring the database to *target*; each step in its own transaction."""
    done = []
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for v in pending(version, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[v](conn)
            conn.execute(f"PRAGMA user_version = {v}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done.append(v)
    return done
