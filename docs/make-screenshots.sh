#!/usr/bin/env bash
# Screenshots of the real program under Xvfb (1366x768) on a demo county ledger, in
# Chinese and English, into docs/screenshots/.  Run after `bash .ci/bootstrap test`
# has installed everything (it installs xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TOWNSHIP_LEDGER_HOME="$work/home"
.venv/bin/township-ledger --ledger "$work/demo.sqlite" demo --scope 130111 --seed 1 >/dev/null
export QT_QPA_PLATFORM=xcb
for lang in zh_CN en; do
    cp "$work/demo.sqlite" "$work/demo-$lang.sqlite"
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots.py "$work/demo-$lang.sqlite" "$lang"
done
# A township secretary's first day (tests/ui/test_first_day.py), step by step, in Chinese
TL_SCREENSHOTS=docs/screenshots xvfb-run -a -s "-screen 0 1366x768x24" \
    .venv/bin/python -m pytest -q -p no:cacheprovider tests/ui/test_first_day.py
# The trends tab and the monthly report's work sections (tests/ui/test_trends_ui.py), in Chinese
TL_SCREENSHOTS=docs/screenshots xvfb-run -a -s "-screen 0 1366x768x24" \
    .venv/bin/python -m pytest -q -p no:cacheprovider tests/ui/test_trends_ui.py -k main_window
# The checklist cycle (tests/ui/test_checklist_cycle_ui.py): self-inspection, tables issued per unit
TL_SCREENSHOTS=docs/screenshots xvfb-run -a -s "-screen 0 1366x768x24" \
    .venv/bin/python -m pytest -q -p no:cacheprovider tests/ui/test_checklist_cycle_ui.py
# The hub's admin page in Debian's chromium (tests/sync/test_hub_admin.py), in Chinese
TL_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest -q -p no:cacheprovider \
    tests/sync/test_hub_admin.py -k chromium
