"""Reading a package: the zip, its manifest, the signature and every member's hash."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sync.crypto import InvalidSignature, VerifyKey
from sync.packages.common import (FORMAT, FORMAT_VERSION, MANIFEST, MAX_MEMBER, PART, SIGNATURE, SUFFIX, sha,
                                  unb64)
from sync.packages.errors import PackageBadSignature, PackageDamaged, PackageTooNew, PackageUnfinished


def read_zip(path: Path) -> dict[str, bytes]:
    if path.name.endswith(PART):
        raise PackageUnfinished(path=str(path))
    try:
        with zipfile.ZipFile(path) as zf:
            out = {}
            for info in zf.infolist():
                if info.file_size > MAX_MEMBER or info.filename in out:
                    raise PackageDamaged(path=str(path), detail=info.filename)
                out[info.filename] = zf.read(info)  # checks the CRC
            return out
    except FileNotFoundError:
        raise PackageDamaged(path=str(path), detail="no such file") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise PackageDamaged(path=str(path), detail=str(exc) or type(exc).__name__) from None
    except OSError as exc:
        raise PackageDamaged(path=str(path), detail=exc.strerror or str(exc)) from None


def manifest_of(path: Path, members: dict[str, bytes]) -> dict:
    try:
        manifest = json.loads(members[MANIFEST].decode("utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("format")
        sender = manifest["sender"]
        for key in ("device_id", "scope", "sign_pub", "enc_pub"):
            if not isinstance(sender.get(key), str):
                raise ValueError(key)
        if not isinstance(manifest.get("members"), dict) or SIGNATURE not in members:
            raise ValueError("members")
        return manifest
    except (KeyError, ValueError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise PackageDamaged(path=str(path), detail=f"manifest: {exc}") from None


def open_verified(path: Path, sign_pub: str) -> tuple[dict, dict[str, bytes]]:
    """Zip, signature (with *sign_pub*) and every member's hash; nothing is decrypted."""
    members = read_zip(path)
    manifest = manifest_of(path, members)
    try:
        VerifyKey(unb64(sign_pub)).verify(members[SIGNATURE], members[MANIFEST])
    except (InvalidSignature, ValueError):
        raise PackageBadSignature(path=str(path)) from None
    listed = manifest["members"]
    present = set(members) - {MANIFEST, SIGNATURE}
    if present != set(listed):
        raise PackageDamaged(path=str(path), detail="members")
    for name, digest in listed.items():
        if sha(members[name]) != digest:
            raise PackageDamaged(path=str(path), detail=name)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise PackageTooNew(found=manifest.get("format_version"), known=FORMAT_VERSION)
    return manifest, members


def read_manifest(path) -> dict:
    """The (unverified) manifest of a package, for showing what it is before importing."""
    path = Path(path)
    members = read_zip(path)
    return manifest_of(path, members)


def packages_in(folder) -> list[Path]:
    """The finished packages in *folder* (``.part`` files of an interrupted writer are not)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith(SUFFIX))
