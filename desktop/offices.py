"""Offices by name: who a device is, for every place that names the writer of a change.

A change carries its origin device's id (16 hex digits).  People know offices by their unit
and the person keeping the ledger, so this turns an id into "南高乡团委（张三）": this device
from the ledger itself, other devices from what sync and data packages learnt about them
(their identity, with unit code and name, kept in the ledger's meta as "package_peers"),
or what a held package of an office not trusted yet says of its sender ("package_held").
The id stays available for a details view.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records import ids

PEERS_META = "package_peers"
#: packages of offices not trusted yet, each with the identity its sender signed
HELD_META = "package_held"


@dataclass(frozen=True)
class Office:
    device_id: str
    unit_code: str | None
    person: str

    def unit_name(self) -> str:
        from desktop.scope.geo import geography

        if self.unit_code is None:
            return ""
        if self.unit_code == "":
            return translate("offices", "the whole country")
        geo = geography()
        return geo.name(self.unit_code) if geo.exists(self.unit_code) else self.unit_code

    def text(self, person: bool = True) -> str:
        """The office as a person reads it: its unit, and (unless *person* is False, for lines
        that name the author of a change beside it) the person keeping its ledger in brackets."""
        if self.device_id == ids.BUILTIN_DEVICE:
            return translate("offices", "the program's reference data")
        unit = self.unit_name()
        if not unit:
            return translate("offices", "another office (device {device})").format(device=self.device_id)
        if not person or not self.person:
            return unit
        return translate("offices", "{unit} ({person})").format(unit=unit, person=self.person)


def _meta_dict(ledger, key: str) -> dict:
    try:
        value = json.loads(ledger.meta(key) or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def office_of(ledger, device_id: str) -> Office:
    """The office behind *device_id*, as far as this ledger knows it."""
    if device_id == ledger.device_id:
        return Office(device_id, ledger.scope, ledger.operator)
    peer = _meta_dict(ledger, PEERS_META).get(device_id)
    if not isinstance(peer, dict):  # an office whose first package waits here
        held = [e.get("identity") for e in _meta_dict(ledger, HELD_META).get("packages", []) or []
                if isinstance(e, dict) and e.get("device_id") == device_id]
        peer = held[-1] if held else None
    if isinstance(peer, dict):
        scope = peer.get("scope")
        return Office(device_id, scope if isinstance(scope, str) else None, str(peer.get("name") or ""))
    return Office(device_id, None, "")


_MESSAGES = [QT_TRANSLATE_NOOP("offices", "the whole country")]
