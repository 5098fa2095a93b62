"""``python -m desktop``: the same as the ``township-ledger`` command."""

import sys

from desktop.cli import main

sys.exit(main())
