"""The program's start loads only what its first window needs: the data packages' code and
PyNaCl load when first used.  Each name the lazy package offers resolves."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import sync.packages as packages

ROOT = Path(__file__).resolve().parents[1]


def _loaded_after(code: str) -> set[str]:
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_every_name_of_the_package_resolves_to_its_module():
    for name in packages.__all__:
        value = getattr(packages, name)
        module = sys.modules[f"sync.packages.{packages._WHERE[name]}"]
        assert getattr(module, name) is value, name
    assert set(packages.__all__) <= set(dir(packages))
    try:
        packages.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("an unknown name was answered")


def test_the_pending_count_loads_no_package_writer_reader_or_cipher():
    loaded = _loaded_after("import sync.pending, sync.packages.common")  # what the window's status bar reads
    assert {"sync.packages.common", "sync.packages.identity"} <= loaded
    assert not loaded & {"sync.packages.importing", "sync.packages.writing", "sync.packages.held",
                         "sync.packages.delivery", "sync.packages.stick", "nacl", "nacl.bindings"}
    loaded = _loaded_after("from sync.packages import import_file")
    assert "sync.packages.importing" in loaded
