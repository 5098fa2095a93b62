"""The phone check with an older program's code: the dialog names the unit and takes it as
confirmed only when "Check and trust" is clicked again after asking on the phone."""

from __future__ import annotations

from conftest import COUNTY, TOWNSHIP
from desktop.ledger import Ledger
from sync import packages
from ui.exchange import PhoneCheckDialog


def test_an_old_code_is_taken_with_its_unit_only_on_the_second_click(qtbot, tmp_path):
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="乡团委")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    try:
        ident = packages.public_identity(town)
        calls = []

        def check(code, shown):
            calls.append(shown)
            return packages.trust_office(county, ident, code=code, scope_shown=shown)

        dialog = PhoneCheckDialog("南高乡", check, identity=ident)
        qtbot.addWidget(dialog)
        dialog.code_edit.setText(packages.fingerprint(ident["sign_pub"], ident["enc_pub"]).lower())
        dialog.accept()
        assert calls == [] and "南高乡" in dialog.result_label.text() and TOWNSHIP in dialog.result_label.text()
        assert town.device_id not in packages.peers(county)
        dialog.accept()  # asked on the phone: it is that township
        assert calls == [True]
        entry = packages.peers(county)[town.device_id]
        assert (entry["allowed_scope"], entry["scope_by"]) == (TOWNSHIP, "code_v1_shown")

        # the new code confirms the unit at once
        again = PhoneCheckDialog("南高乡", lambda code, shown: calls.append(shown), identity=ident)
        qtbot.addWidget(again)
        again.code_edit.setText(ident["fingerprint"])
        again.accept()
        assert calls == [True, False]
    finally:
        town.close()
        county.close()
