"""What a USB stick brings: identity files of offices this ledger does not trust yet
(a county hands out a stick with its identity, the township trusts it with one
confirmation) and packages meant for this ledger."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sync.packages.common import IDENTITY_SUFFIX, SUFFIX
from sync.packages.errors import PackageError
from sync.packages.identity import peers, read_identity_file
from sync.packages.reading import read_manifest


@dataclass(frozen=True)
class StickIdentity:
    """Another office's identity file found on a stick, not trusted here yet."""

    path: Path
    identity: dict

    def office(self):
        from desktop.offices import Office

        return Office(self.identity["device_id"], self.identity.get("scope"), self.identity.get("name") or "")


def _files(folder, suffix: str) -> list[Path]:
    folder = Path(folder)
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith(suffix))
    except OSError:
        return []


def identities_on(ledger, folder) -> list[StickIdentity]:
    """Identity files in *folder* of other offices this ledger does not trust yet (a
    file of an office trusted with other keys is left out: trusting it would be refused)."""
    trusted = peers(ledger)
    out = []
    for path in _files(folder, IDENTITY_SUFFIX):
        try:
            ident = read_identity_file(path)
        except PackageError:
            continue
        if ident["device_id"] == ledger.device_id or ident["device_id"] in trusted:
            continue
        out.append(StickIdentity(path, ident))
    return out


def upper_identities_on(ledger, folder) -> list[StickIdentity]:
    """The identities on the stick of offices above this one (its county, city …)."""
    scope = ledger.scope or ""
    return [s for s in identities_on(ledger, folder)
            if scope and s.identity["scope"] != scope and scope.startswith(s.identity["scope"])]


def packages_for(ledger, folder) -> list[Path]:
    """The finished packages in *folder* addressed to this ledger, oldest name first."""
    out = []
    for path in _files(folder, SUFFIX):
        try:
            if read_manifest(path).get("receiver") == ledger.device_id:
                out.append(path)
        except PackageError:
            continue
    return out
