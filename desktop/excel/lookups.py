"""Look-ups: what a cell names, as an id the ledger stores — divisions by code or name,
organisations by name (qualified or not, or by their division), other records by title —
and the unit an import is for."""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from desktop.errors import Label
from desktop.excel.conversion import cell_text, compact
from desktop.excel.errors import CTX, BadUnit, Joined, UnitNotInLedger, XInvalid
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import KINDS, Kind, natural_org_id, unit_committee_kind
from desktop.records.validation import Invalid

MSG_UNKNOWN_ORG = QT_TRANSLATE_NOOP("excel", "there is no organisation named \"{value}\" in this ledger")
MSG_AMBIGUOUS_ORG = QT_TRANSLATE_NOOP("excel", "\"{value}\" is the name of {count} organisations ({examples}); write the county or township before the name, e.g. {example}")
MSG_UNKNOWN_DIVISION = QT_TRANSLATE_NOOP("excel", "\"{value}\" is neither a division code nor the name of a division in {scope}")
MSG_AMBIGUOUS_DIVISION = QT_TRANSLATE_NOOP("excel", "\"{value}\" is the name of several divisions ({examples}); write the division code")
MSG_UNKNOWN_RECORD = QT_TRANSLATE_NOOP("excel", "there is no {kind} \"{value}\" in this ledger")
MSG_AMBIGUOUS_RECORD = QT_TRANSLATE_NOOP("excel", "\"{value}\" names {count} records of {kind}; write the record's id")
CHINA = QT_TRANSLATE_NOOP("excel", "China")

_SPACE = re.compile(r"\s+")


def name_key(text: object) -> str:
    """A name as compared: half-width, without spaces."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(text)))


def _geography():
    from desktop.scope.geo import geography

    return geography()


# ------------------------------------------------------------------ the unit
def default_unit(ledger, unit_code: str | None) -> str | None:
    """The unit given, else the ledger's own township."""
    if unit_code:
        return unit_code.strip()
    return ledger.scope if unit_committee_kind(ledger.scope) == "township_committee" else None


def check_unit(ledger, unit: str | None, k: Kind) -> str | None:
    """*unit* if it is a county or township in the ledger's scope whose committee (which
    rows without an organisation belong to) is in the ledger."""
    if unit is None:
        return None
    geo = _geography()
    if not (unit.isdigit() and unit_committee_kind(unit) and geo.exists(unit) and unit.startswith(ledger.scope)):
        raise BadUnit(code=unit, scope=ledger.scope or "-")
    if "org_id" in k.field_map and unit_committee(ledger, unit) is None:
        raise UnitNotInLedger(unit=geo.full_name(unit))
    return unit


def unit_committee(ledger, unit: str) -> str | None:
    """The id of the unit's own League committee, if the ledger has it."""
    org_id = natural_org_id(unit_committee_kind(unit), unit)
    return org_id if ledger.get("organisation", org_id) is not None else None


# ------------------------------------------------------------------ divisions
class Divisions:
    """Division codes from what a sheet says: a code, "南高乡（130111200）", or a name
    unique within the ledger's scope."""

    def __init__(self, scope: str, unit: str | None) -> None:
        self.scope, self.unit = scope, unit
        self._cache: dict[str, str | Invalid] = {}

    def resolve(self, raw: object) -> str:
        text = compact(raw)
        hit = self._cache.get(text)
        if hit is None:
            try:
                hit = self._resolve(text, raw)
            except Invalid as exc:
                hit = exc
            self._cache[text] = hit
        if isinstance(hit, Invalid):
            raise hit
        return hit

    def _resolve(self, text: str, raw: object) -> str:
        geo = _geography()
        m = re.search(r"\((\d{2,12})\)$", text)
        if m:
            text = m[1]
        if text.isdigit():
            return text  # the ledger checks that the code exists
        scope_name = geo.get(self.scope).name if self.scope and geo.get(self.scope) else None
        if scope_name == text:
            return self.scope
        for under in ([self.unit] if self.unit else []) + [self.scope]:
            hits = [d for d in geo.search(text, under=under or None, limit=200) if d.name == text]
            if not hits and under and len(under) >= 6:
                hits = [d for d in geo.search(text, under=under, level=5, limit=200) if d.name == text]
            if len(hits) == 1:
                return hits[0].code
            if len(hits) > 1:
                examples = Joined(f"{d.code} {geo.full_name(d.code)}" for d in hits[:3])
                raise XInvalid(MSG_AMBIGUOUS_DIVISION, value=cell_text(raw), examples=examples)
        scope = geo.full_name(self.scope) if self.scope else Label(CTX, CHINA)
        raise XInvalid(MSG_UNKNOWN_DIVISION, value=cell_text(raw), scope=scope)


# ------------------------------------------------------------------ organisations
class Organisations:
    """Organisations of the ledger's scope by name, plus the committees the file itself
    adds (so an organisation row may name a parent added a few rows above)."""

    def __init__(self, ledger, unit: str | None) -> None:
        self.unit = unit
        self.ids: set[str] = set()
        self.by_name: dict[str, list[tuple[str, str, str]]] = {}  # name → [(id, kind, division)]
        self.by_parent: dict[tuple[str, str | None], str] = {}      # (name, parent) → id
        for o in ledger.query("organisation", scope=ledger.scope,
                              columns=("name", "kind", "division_code", "parent_id")):
            self._add(o["id"], o["name"], o["kind"], o["division_code"], o["parent_id"])
        self.scope = ledger.scope

    def _add(self, record_id: str, name: str | None, kind: str, division: str | None, parent: str | None) -> None:
        self.ids.add(record_id)
        key = name_key(name or "")
        entries = self.by_name.setdefault(key, [])
        if all(e[0] != record_id for e in entries):
            entries.append((record_id, kind, division or ""))
        self.by_parent.setdefault((key, parent), record_id)

    def planned(self, record_id: str, values: dict) -> None:
        """An organisation the file adds, known by name to the rows after it."""
        self._add(record_id, values.get("name"), values.get("kind"), values.get("division_code"),
                  values.get("parent_id"))

    def stored_id(self, name: str | None, parent: str | None) -> str | None:
        """The organisation of this name under *parent*, if known."""
        return self.by_parent.get((name_key(name or ""), parent))

    def resolve(self, raw: object, allowed: Sequence[str] = ()) -> str:
        text = cell_text(raw).strip()
        if text in self.ids:
            return text
        key = name_key(text)
        cands = list(self.by_name.get(key, ()))
        if not cands:
            cands = self._qualified(key)
        if len(cands) > 1 and self.unit:
            narrowed = [c for c in cands if c[2].startswith(self.unit)]
            cands = narrowed or cands
        if len(cands) > 1 and allowed:
            cands = [c for c in cands if c[1] in allowed] or cands
        if len(cands) == 1:
            return cands[0][0]
        if len(cands) > 1:
            raise self._ambiguous(text, cands)
        found = self._committee_of_division(key)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise XInvalid(MSG_AMBIGUOUS_ORG, value=text, count=len(found), examples=Joined(found[:3]),
                           example=found[0])
        raise XInvalid(MSG_UNKNOWN_ORG, value=text)

    def _qualified(self, key: str) -> list[tuple[str, str, str]]:
        """"栾城区南高乡团委": an organisation's name with the name of a division above it in front."""
        geo = _geography()
        out = []
        for name, entries in self.by_name.items():
            if not name or len(name) >= len(key) or not key.endswith(name):
                continue
            prefix = key[: -len(name)]
            for e in entries:
                if e[2] and geo.get(e[2]) and prefix in geo.full_name(e[2]):
                    out.append(e)
        return out

    def _ambiguous(self, text: str, cands: list[tuple[str, str, str]]) -> Invalid:
        geo = _geography()
        names = []
        for _record_id, _kind, division in cands[:3]:
            place = geo.get(division[:6]) if division else None
            names.append(f"{place.name if place else ''}{text}")
        return XInvalid(MSG_AMBIGUOUS_ORG, value=text, count=len(cands), examples=Joined(names), example=names[0])

    def _committee_of_division(self, key: str) -> list[str]:
        """A division's name ("南高乡") stands for its committee."""
        geo = _geography()
        found = []
        for d in geo.search(key, under=self.scope or None, limit=50):
            if d.name != key or d.level not in (3, 4):
                continue
            committee = natural_org_id(unit_committee_kind(d.code), d.code)
            if committee in self.ids:
                found.append(committee)
        own = geo.get(self.scope) if self.scope else None
        kind = unit_committee_kind(self.scope) if self.scope else None
        if own is not None and own.name == key and kind is not None:
            committee = natural_org_id(kind, self.scope)
            if committee in self.ids:
                found.append(committee)
        return found


# ------------------------------------------------------------------ other records
class Records:
    """Records of another kind (not organisations) by id or by title."""

    def __init__(self, ledger, kind: str) -> None:
        self.ledger, self.kind = ledger, KINDS[kind]
        self._titles: dict[str, list[str]] | None = None

    def resolve(self, raw: object) -> str:
        text = cell_text(raw).strip()
        if self.ledger.get(self.kind.name, text) is not None:
            return text
        if self._titles is None:
            self._titles = {}
            for r in self.ledger.query(self.kind.name, columns=(self.kind.title_field,)):
                self._titles.setdefault(name_key(r[self.kind.title_field] or ""), []).append(r["id"])
        hits = self._titles.get(name_key(text), [])
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise XInvalid(MSG_AMBIGUOUS_RECORD, value=text, count=len(hits), kind=self.kind.label)
        raise XInvalid(MSG_UNKNOWN_RECORD, value=text, kind=self.kind.label)
