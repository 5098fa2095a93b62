"""An enrollment slip: what a unit needs, on one printed page, to join the hub.

Besides the hub's address and the one-time code, the slip carries the check codes
(fingerprints) of the computers of the levels above the unit that are enrolled at the hub:
the first data package such an office hands over on a USB stick can then be checked against
paper the unit already holds, instead of by a phone call (docs/trust-and-time.md).  The codes
are of version 2: they bind each office's device and unit (scope) as well as its keys.  The
slip also shows the check code of the hub's own signing key, which signs the statements of
each device's unit (:mod:`sync.hub.statements`).
"""

from __future__ import annotations

import datetime as dt

from desktop.scope.geo import CODE_LENGTH, geography
from sync.hub import statements
from sync.packages.identity import fingerprint


def _upper_scopes(scope: str) -> list[str]:
    """The division codes above *scope*, nearest first (a township: its county, prefecture, province)."""
    return [scope[:n] for n in sorted(CODE_LENGTH.values(), reverse=True) if n < len(scope)]


def _fingerprint(device) -> str | None:
    parts = (device.public_key or "").split(":")
    if len(parts) != 3 or parts[0] != "tlpk1":
        return None
    try:
        return fingerprint(parts[1], parts[2], device.device_id, device.scope)
    except ValueError:
        return None


def upper_offices(store, scope: str) -> list[dict]:
    """The enrolled, not revoked computers of the levels above *scope* and their check codes."""
    geo = geography()
    out = []
    for upper in _upper_scopes(scope):
        for device in store.devices(upper):
            if device.scope != upper or device.revoked:
                continue
            check = _fingerprint(device)
            if check:
                out.append({"unit": geo.full_name(upper) if geo.exists(upper) else upper,
                            "name": device.label or device.name, "fingerprint": check})
    return out


def slip_for(store, scope: str, name: str, code: str, expires: str, hub_url: str, issuer: str, lang: str) -> dict:
    """Everything the printed slip shows."""
    geo = geography()
    return {
        "unit": geo.full_name(scope) if geo.exists(scope) else scope,
        "scope": scope,
        "name": name,
        "code": "-".join(code[i:i + 5] for i in range(0, len(code), 5)),
        "expires": expires,
        "hub_url": hub_url,
        "issuer": issuer,
        "issued": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "uppers": upper_offices(store, scope),
        "hub_key": statements.public_key(store.conn)["check_code"],
    }
