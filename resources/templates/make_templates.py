"""Write the blank import templates shipped in this folder (one per record kind), in Chinese.

    .venv/bin/python resources/templates/make_templates.py

Run it again after changing the record kinds, the enumerations (resources/reference/enums.json)
or the examples (resources/reference/excel_headers.json); tests/test_excel.py checks that the
shipped files are current.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from desktop import excel  # noqa: E402


def main() -> int:
    for kind in excel.TEMPLATE_KINDS:
        path = excel.write_template(kind, HERE / f"{kind}.xlsx", language="zh_CN")
        print(path.relative_to(HERE.parents[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
