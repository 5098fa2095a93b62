"""The command line: ``township-ledger`` (:mod:`desktop.cli.commands`) and what every command line
of the project shares (:mod:`desktop.cli.common`).  It sits on top of everything: it may use
``sync`` and, through :mod:`desktop.gui`, the window."""


def main(argv: list[str] | None = None) -> int:
    """The ``township-ledger`` entry point."""
    from desktop.cli.commands import main as run

    return run(argv)
