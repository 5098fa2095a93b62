"""Table and tree models over ledger queries (model/view, lazy fetching)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.scope.geo import geography
from desktop.ledger import Ledger
from desktop.records import KINDS, ORGANISATION, T, Kind, unit_committee_kind
from desktop.records.checklist import OPEN_STATUSES, TASK
from desktop.records.validation import completable, missing_required
from ui import workers
from desktop.records.display import display

PAGE = 500
ID_ROLE = Qt.UserRole + 1
RECORD_ROLE = Qt.UserRole + 2
OVERDUE = QColor("#c62828")
#: An empty field of an incomplete record (待补全), and the text it shows.
TO_COMPLETE = QColor("#e65100")
TO_COMPLETE_BACKGROUND = QColor("#fff3e0")


class RecordTableModel(QAbstractTableModel):
    """Records of one kind under a scope, filtered and sorted by the ledger, fetched a
    page at a time.  ``reload()`` runs the first query in a worker thread."""

    sig_loaded = Signal(int)
    """The number of matching records, after each (re)load."""
    sig_failed = Signal(object)
    """A query failed (the exception)."""

    def __init__(self, ledger: Ledger, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.kind: Kind = KINDS[kind]
        self.columns = [f for f in self.kind.fields if f.listed]
        #: the fields whose emptiness makes a record incomplete (待补全)
        self.completable = frozenset(f.name for f in completable(self.kind))
        self.scope = ledger.scope
        self.search = ""
        self.where: dict = {}
        self.order_by: str | None = None
        self.descending = False
        self.rows: list[dict] = []
        self.total = 0
        self.titles: dict[str, str] = {}
        self._generation = 0
        self.loading = False

    @property
    def queried(self) -> bool:
        """Whether the model has been asked for its rows at least once (it was shown)."""
        return self._generation > 0

    # ------------------------------------------------------------- queries
    def _query_args(self) -> dict:
        return dict(scope=self.scope, where=self.where or None, search=self.search or None,
                    order_by=self.order_by, descending=self.descending)

    def reload(self, *, wait: bool = False) -> None:
        """Re-run the query (in a worker); the view keeps the old rows until it answers."""
        self._generation += 1
        generation = self._generation
        args = self._query_args()
        kind = self.kind.name
        ref_fields = [f for f in self.columns if f.type is T.REF]
        path = self.ledger.path

        def work(reader, _task):
            total = reader.count(kind, scope=args["scope"], where=args["where"], search=args["search"])
            rows = reader.query(kind, limit=PAGE, **args)
            titles = {}
            for f in ref_fields:
                titles.update(reader.titles(f.ref, (r[f.name] for r in rows)))
            return total, rows, titles

        self.loading = True
        if wait:
            self._loaded(generation, workers.on_reader(path, work))
            return
        workers.start_on_reader(path, work, lambda result: self._loaded(generation, result), self._failed,
                                owner=self)

    def _loaded(self, generation: int, result) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        total, rows, titles = result
        self.beginResetModel()
        self.total, self.rows, self.titles = total, rows, titles
        self.endResetModel()
        self.loading = False
        self.sig_loaded.emit(total)

    def _failed(self, exc) -> None:
        self.loading = False
        self.sig_failed.emit(exc)

    def set_scope(self, scope: str) -> None:
        self.scope = scope
        self.reload()

    def set_search(self, text: str) -> None:
        self.search = text.strip()
        self.reload()

    def set_where(self, where: dict) -> None:
        self.where = where
        self.reload()

    def record(self, row: int) -> dict:
        return self.rows[row]

    def row_of(self, record_id: str) -> int:
        for i, r in enumerate(self.rows):
            if r["id"] == record_id:
                return i
        return -1

    # ------------------------------------------------------------- Qt model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = self.ledger.query(self.kind.name, limit=PAGE, offset=len(self.rows), **self._query_args())
        if not more:
            self.total = len(self.rows)
            return
        for f in self.columns:
            if f.type is T.REF:
                self.titles.update(self.ledger.titles(f.ref, (r[f.name] for r in more)))
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and 0 <= section < len(self.columns):
            f = self.columns[section]
            if role == Qt.DisplayRole:
                return f.label.text()
            if role == Qt.ToolTipRole:
                return f.label.text()
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or not (0 <= index.column() < len(self.columns)):
            return None
        rec = self.rows[index.row()]
        f = self.columns[index.column()]
        value = rec.get(f.name)
        if value is None and f.name in self.completable:
            marked = self._to_complete(rec, role)
            if marked is not None:
                return marked
        if role == Qt.ToolTipRole and self.completable and rec.get("id") and self.incomplete(rec):
            return self._incomplete_tip(rec)
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return display(f, value, self.titles)
        if role == Qt.TextAlignmentRole:
            if f.type in (T.INT, T.MONEY, T.YEAR):
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and self.kind.name == TASK and is_overdue(rec):
            return QBrush(OVERDUE)
        if role == ID_ROLE:
            return rec["id"]
        if role == RECORD_ROLE:
            return rec
        return None

    def incomplete(self, rec: dict) -> bool:
        """Whether the record lacks required values (待补全): the one definition, of validation."""
        return bool(self.completable) and bool(missing_required(self.kind, rec))

    def _incomplete_tip(self, rec: dict) -> str:
        names = "、".join(f.label.text() for f in missing_required(self.kind, rec))
        return self.tr("To complete: no {fields}. Open the record and fill them in.").format(fields=names)

    def _to_complete(self, rec: dict, role: int):
        """An empty required field of an incomplete record stands out until it is filled."""
        if role == Qt.DisplayRole:
            return self.tr("To complete")
        if role == Qt.ToolTipRole:
            return self._incomplete_tip(rec)
        if role == Qt.ForegroundRole:
            return QBrush(TO_COMPLETE)
        if role == Qt.BackgroundRole:
            return QBrush(TO_COMPLETE_BACKGROUND)
        return None

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            self.order_by, self.descending = None, False
        else:
            self.order_by = self.columns[column].name
            self.descending = order == Qt.DescendingOrder
        if self.queried:  # only a model that has been shown queries again
            self.reload()


class ListTableModel(QAbstractTableModel):
    """A small table held in memory: ``rows`` and the column titles ``_headers``;
    subclasses give ``data``."""

    rows: list
    _headers: list[str]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None


def is_overdue(task: dict) -> bool:
    return bool(task.get("deadline") and task.get("status") in OPEN_STATUSES
                and task["deadline"] < dt.date.today().isoformat())


class UnitNode:
    """A division, or (below a township) one of its organisations (``org_id`` set)."""

    __slots__ = ("code", "name", "parent", "children", "loaded", "org_id")

    def __init__(self, code: str, name: str, parent: "UnitNode | None", org_id: str | None = None) -> None:
        self.code, self.name, self.parent, self.org_id = code, name, parent, org_id
        self.children: list[UnitNode] = []
        self.loaded = org_id is not None


class UnitTreeModel(QAbstractItemModel):
    """The units of the ledger's scope: its own unit at the top, the divisions below it
    down to townships, each child list loaded when first opened."""

    CODE_ROLE = Qt.UserRole + 1
    ORG_ROLE = Qt.UserRole + 2

    def __init__(self, scope: str, parent: QObject | None = None, ledger: Ledger | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        geo = geography()
        name = geo.full_name(scope) if scope else self.tr("All of China")
        self.root = UnitNode("", "", None)
        top = UnitNode(scope, name, self.root)
        self.root.children = [top]
        self.root.loaded = True

    def _node(self, index: QModelIndex) -> UnitNode:
        return index.internalPointer() if index.isValid() else self.root

    def _load(self, node: UnitNode) -> None:
        if node.loaded:
            return
        node.loaded = True
        geo = geography()
        if node.code == "" or geo.level(node.code) < 4:
            kids = geo.children(node.code)
            if len(node.code) == 6:  # under a county, only rural townships keep a league committee
                kids = [d for d in kids if geo.is_rural_township(d.code)]
            node.children = [UnitNode(d.code, d.name, node) for d in kids]
        elif self.ledger is not None:  # a township: its organisations
            node.children = self._org_nodes(node)

    def index(self, row, column, parent=QModelIndex()):
        node = self._node(parent)
        self._load(node)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index=QModelIndex()):  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: UnitNode = index.internalPointer()
        up = node.parent
        if up is None or up is self.root:
            return QModelIndex()
        grand = up.parent
        return self.createIndex(grand.children.index(up), 0, up)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if parent.column() > 0:
            return 0
        node = self._node(parent)
        self._load(node)
        return len(node.children)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 1

    def hasChildren(self, parent=QModelIndex()) -> bool:  # noqa: N802
        node = self._node(parent)
        if node is self.root:
            return True
        if node.org_id is not None:
            return False
        if len(node.code) < 9:
            return True
        if self.ledger is None:
            return False
        self._load(node)
        return bool(node.children)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        node: UnitNode = index.internalPointer()
        if role == Qt.DisplayRole:
            return node.name
        if role == Qt.ToolTipRole:
            return f"{node.name}（{node.code}）" if node.code else node.name
        if role == self.CODE_ROLE:
            return node.code
        if role == self.ORG_ROLE:
            return node.org_id
        return None

    def _org_nodes(self, node: UnitNode) -> list[UnitNode]:
        orgs = self.ledger.query(ORGANISATION.name, scope=node.code, order_by="kind", limit=2000,
                                 columns=("name", "kind", "division_code"))
        own = unit_committee_kind(node.code)  # the unit's own committee is the unit's node itself
        return [UnitNode(o["division_code"] or node.code, o["name"] or "", node, o["id"])
                for o in orgs if o["kind"] != own]

    def reload_organisations(self) -> None:
        """Take up organisations added, renamed or deleted since the townships were opened
        (after a sync or an import), keeping every other node as it is."""
        if self.ledger is None:
            return
        stack = [self.root]
        while stack:
            node = stack.pop()
            stack += [c for c in node.children if c.org_id is None and c.loaded]
            if len(node.code) != 9 or not node.loaded:
                continue
            new = self._org_nodes(node)
            if [(c.org_id, c.name) for c in node.children] == [(c.org_id, c.name) for c in new]:
                continue
            parent = self.createIndex(node.parent.children.index(node), 0, node)
            if node.children:
                self.beginRemoveRows(parent, 0, len(node.children) - 1)
                node.children = []
                self.endRemoveRows()
            if new:
                self.beginInsertRows(parent, 0, len(new) - 1)
                node.children = new
                self.endInsertRows()

    def index_of(self, code: str) -> QModelIndex:
        """The index of a unit, opening the path to it."""
        index = self.index(0, 0)
        while index.isValid() and index.data(self.CODE_ROLE) != code:
            node: UnitNode = index.internalPointer()
            self._load(node)
            nxt = [i for i, c in enumerate(node.children) if c.org_id is None and code.startswith(c.code)]
            if not nxt:
                return QModelIndex()
            index = self.index(nxt[0], 0, index)
        return index
