"""The import contract of the tree, as written in pyproject.toml, checked with import-linter.

The core (``desktop/`` less its command line) stands on its own; ``sync/`` sits on it; the
window sits on both; the desktop program never carries the hub.  A new arrow against these
directions fails here, naming the import and its line.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contract_holds():
    pytest.importorskip("importlinter")
    done = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                           "sys.exit(lint_imports_command())"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_contract_fails_on_a_forbidden_arrow(tmp_path):
    """The check can fail: a copy of the contract that forbids an arrow the tree has is broken."""
    pytest.importorskip("importlinter")
    config = tmp_path / "contract.toml"
    config.write_text('[tool.importlinter]\nroot_packages = ["desktop"]\n\n'
                      '[[tool.importlinter.contracts]]\nname = "ledger without records"\ntype = "forbidden"\n'
                      'source_modules = ["desktop.ledger"]\nforbidden_modules = ["desktop.records"]\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                           "sys.exit(lint_imports_command())", "--config", str(config)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "desktop.ledger" in done.stdout and "BROKEN" in done.stdout
