"""The hub's admin page against a real hub process (on a ledger file and on PostgreSQL): sign-in,
scope, CSRF, codes, revocation, each device's clock and the changes refused from it.

The browser test at the end drives Debian's chromium through its driver (Selenium) and
saves the screenshots in docs/screenshots/hub-*.png.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from sync.hub.admin.accounts import AdminAccounts, SCRYPT_N, hash_password, password_matches
from sync.hub.store import HubStore
from tests.sync.conftest import (BACKENDS, CURRENT_VERSION, PROJECT, hub_db, hub_env, read_hub_ledger, run_hub_cli,
                                 signed_wire, start_hub, stop)

COUNTY, OTHER_COUNTY = "130111", "130121"
T1, T2 = "130111200", "130111201"  # 南高乡, 柳林屯乡 (栾城区)
#: With ``TL_SCREENSHOTS=DIR`` (docs/screenshots) the browser test saves its pages there as hub-*.png.
SHOTS = os.environ.get("TL_SCREENSHOTS")


def add_admin(db: Path, name: str, password: str, *scope: str) -> subprocess.CompletedProcess:
    env = hub_env("en")
    env["TOWNSHIP_HUB_DB"] = str(db)
    args = ["admin", "add", name, *(("--scope", scope[0]) if scope else ())]
    return subprocess.run([sys.executable, "-m", "sync.hub.cli", *args], cwd=PROJECT, env=env, input=password + "\n",
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


@pytest.fixture(params=BACKENDS)
def admin_hub(request, tmp_path):
    hub = start_hub(tmp_path, db=hub_db(request, tmp_path))
    for name, password, scope in (("county", "county-password-1", COUNTY), ("root", "root-password-22", "")):
        result = add_admin(hub.db, name, password, *((scope,) if scope else ()))
        assert result.returncode == 0, result.stderr
    yield hub
    stop(hub.proc)
    text = hub.log.read_text(encoding="utf-8")
    assert "Traceback" not in text, text


def sign_in(hub, name: str, password: str, lang: str = "en") -> requests.Session:
    session = requests.Session()
    session.headers["Accept-Language"] = lang
    r = session.post(hub.url + "/admin/login", data={"name": name, "password": password}, allow_redirects=False)
    assert r.status_code == 303, r.text
    return session


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


# ------------------------------------------------------------------------------ accounts
def test_passwords_are_scrypt_hashes_that_check_only_the_right_password():
    stored = hash_password("a long enough password")
    assert stored.startswith(f"scrypt${SCRYPT_N}$") and "a long enough" not in stored
    assert password_matches("a long enough password", stored)
    assert not password_matches("a long enough passwore", stored)
    assert not password_matches("x", "garbage")


def test_admin_add_refuses_short_passwords_duplicates_and_unknown_scopes(tmp_path):
    db = tmp_path / "hub.sqlite"
    short = add_admin(db, "county", "short")
    assert short.returncode != 0 and "at least 10 characters" in short.stderr and "Traceback" not in short.stderr
    assert add_admin(db, "county", "county-password-1", COUNTY).returncode == 0
    again = add_admin(db, "county", "county-password-2")
    assert again.returncode != 0 and "already exists" in again.stderr
    unknown = add_admin(db, "nowhere", "county-password-1", "139999")
    assert unknown.returncode != 0 and "139999" in unknown.stderr
    listed = run_hub_cli("admin", "list", db=db)
    assert listed.returncode == 0 and "county\t130111" in listed.stdout and "nowhere" not in listed.stdout
    with HubStore.open_admin(db) as store:  # only the hash is stored
        stored = store.conn.execute("SELECT password_hash FROM hub_admin").fetchone()[0]
        assert "county-password-1" not in stored and AdminAccounts(store.conn, store.tx).check(
            "county", "county-password-1") is not None


# ------------------------------------------------------------------------------ sign-in and sessions
def test_pages_need_a_sign_in_and_a_wrong_password_is_refused(admin_hub):
    hub = admin_hub
    for path in ("/admin/devices", "/admin/codes", "/admin/silent"):
        r = requests.get(hub.url + path, allow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")
    r = requests.post(hub.url + "/admin/login", data={"name": "county", "password": "wrong-password"},
                      headers={"Accept-Language": "zh-CN"})
    assert r.status_code == 401 and "用户名或密码不对" in r.text
    r = requests.post(hub.url + "/admin/login", data={"name": "nobody", "password": "county-password-1"})
    assert r.status_code == 401
    # a forged or altered cookie signs nobody in
    session = sign_in(hub, "county", "county-password-1")
    cookie = session.cookies.get("hub_admin")
    name, expires, nonce, mac = cookie.split(".")
    for forged in (f"{name}.{int(expires) + 10**6}.{nonce}.{mac}", cookie[:-2] + "xx", "a.b.c.d", ""):
        r = requests.get(hub.url + "/admin/devices", cookies={"hub_admin": forged}, allow_redirects=False)
        assert r.status_code == 303, forged
    assert session.get(hub.url + "/admin/devices").status_code == 200
    # the answers carry the page's protections
    r = session.get(hub.url + "/admin/devices")
    assert "default-src 'self'" in r.headers["content-security-policy"] and r.headers["x-frame-options"] == "DENY"
    assert not re.search(r'(src|href)="(https?:)?//', r.text)  # nothing from another site


def test_sign_in_attempts_are_limited_per_address(tmp_path):
    hub = start_hub(tmp_path, "--enroll-rate", "3")
    try:
        assert add_admin(hub.db, "county", "county-password-1", COUNTY).returncode == 0
        codes = [requests.post(hub.url + "/admin/login", data={"name": "county", "password": "guess-%d" % i}).status_code
                 for i in range(6)]
        assert codes[:3] == [401, 401, 401] and 429 in codes[3:]
    finally:
        stop(hub.proc)


def test_forms_without_the_session_token_change_nothing(admin_hub):
    hub = admin_hub
    token = hub.enroll("aaaaaaaaaaaaaaaa", T1, "南高乡电脑")
    session = sign_in(hub, "county", "county-password-1")
    r = session.post(hub.url + "/admin/devices/aaaaaaaaaaaaaaaa/revoke", data={"csrf": "0" * 32})
    assert r.status_code == 403
    r = session.post(hub.url + "/admin/codes", data={"scope": T1, "name": "x", "days": "14"})
    assert r.status_code == 403
    assert hub.get("/v1/devices", token=token).status_code == 200  # still enrolled, not revoked


# ------------------------------------------------------------------------------ codes, devices, silent units
def test_a_county_issues_a_slip_whose_code_enrolls_a_township(admin_hub, tmp_path):
    from desktop.ledger import Ledger
    from sync.packages import public_key_string
    from sync.packages.identity import public_identity

    hub = admin_hub
    with Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委") as county:
        key, check = public_key_string(county), public_identity(county)["fingerprint"]
        device = county.device_id
    r = hub.post("/v1/enroll", {"code": hub.new_code(COUNTY, "栾城区团委"), "device_id": device, "name": "县团委电脑",
                                "public_key": key, "schema": CURRENT_VERSION})
    assert r.status_code == 200
    session = sign_in(hub, "county", "county-password-1")
    page = session.get(hub.url + "/admin/codes").text
    r = session.post(hub.url + "/admin/codes", data={"csrf": csrf_of(page), "scope": T1, "name": "南高乡团委", "days": "7"})
    assert r.status_code == 200
    code = re.search(r'id="slip_code">([A-Z0-9-]+)<', r.text).group(1)
    assert hub.url in r.text and "南高乡" in r.text
    # the county's computer is on the slip with its check code, for the township's first USB exchange
    slip = re.search(r"<article.*</article>", r.text, re.S).group(0)
    assert re.search(f'<td>栾城区团委</td><td class="code">{check}</td>', slip), slip
    # and the check code of the hub's own key, which signs each office's unit
    assert hub.get("/v1/hub-key").json()["check_code"] in re.search(r'id="slip_hub_key">[^<]*<', slip).group(0)
    enrolled = hub.post("/v1/enroll", {"code": code, "device_id": "1111111111111111", "name": "南高乡电脑",
                                       "public_key": None, "schema": CURRENT_VERSION})
    assert enrolled.status_code == 200 and enrolled.json()["scope"] == T1
    # … once
    again = hub.post("/v1/enroll", {"code": code, "device_id": "2222222222222222", "name": "x", "public_key": None,
                                    "schema": CURRENT_VERSION})
    assert again.status_code == 403
    devices = session.get(hub.url + "/admin/devices").text
    assert "南高乡电脑" in devices and "1111111111111111" in devices


def test_a_county_account_sees_and_manages_only_its_county(admin_hub):
    hub = admin_hub
    hub.enroll("1111111111111111", T1, "南高乡电脑")
    hub.enroll("9999999999999999", OTHER_COUNTY + "100", "别的县的乡")
    session = sign_in(hub, "county", "county-password-1")
    page = session.get(hub.url + "/admin/devices").text
    assert "1111111111111111" in page and "9999999999999999" not in page
    csrf = csrf_of(page)
    r = session.post(hub.url + "/admin/devices/9999999999999999/revoke", data={"csrf": csrf})
    assert r.status_code == 404
    r = session.post(hub.url + "/admin/codes", data={"csrf": csrf, "scope": OTHER_COUNTY + "100", "name": "x", "days": "7"})
    assert r.status_code == 400 and "outside your units" in r.text
    r = session.post(hub.url + "/admin/codes", data={"csrf": csrf, "scope": "139999", "name": "x", "days": "7"})
    assert r.status_code == 400 and "is not a division code" in r.text
    r = session.post(hub.url + "/admin/codes", data={"csrf": csrf, "scope": T1, "name": "", "days": "7"})
    assert r.status_code == 400
    r = session.post(hub.url + "/admin/codes", data={"csrf": csrf, "scope": T1, "name": "x", "days": "400"})
    assert r.status_code == 400
    # the whole hub's account sees both
    root = sign_in(hub, "root", "root-password-22").get(hub.url + "/admin/devices").text
    assert "1111111111111111" in root and "9999999999999999" in root


def test_revoking_from_the_page_stops_the_device(admin_hub):
    hub = admin_hub
    token = hub.enroll("1111111111111111", T1, "南高乡电脑")
    session = sign_in(hub, "county", "county-password-1")
    csrf = csrf_of(session.get(hub.url + "/admin/devices").text)
    r = session.post(hub.url + "/admin/devices/1111111111111111/revoke", data={"csrf": csrf})
    assert r.status_code == 200 and "revoked" in r.url
    assert hub.get("/v1/devices", token=token).status_code == 401


def test_units_not_heard_from_are_the_rural_townships_without_a_syncing_device(admin_hub):
    from desktop.reporting.expected import expected_townships

    hub = admin_hub
    token = hub.enroll("1111111111111111", T1, "南高乡电脑")
    hub.pull_all(token)  # it synced
    hub.enroll("2222222222222222", T2, "柳林屯乡电脑")  # joined, never synced
    session = sign_in(hub, "county", "county-password-1")
    page = session.get(hub.url + "/admin/silent").text
    townships = expected_townships(COUNTY)
    rows = re.findall(r'<td class="code">(\d{9})</td><td>([^<]+)</td>', page)
    listed = dict(rows)
    assert T1 not in listed
    assert listed[T2] == "joined, never synced"
    assert set(listed) == set(townships) - {T1}


def test_the_page_speaks_chinese_by_default_and_english_when_chosen(admin_hub):
    hub = admin_hub
    session = sign_in(hub, "county", "county-password-1", lang="zh-CN")
    page = session.get(hub.url + "/admin/devices").text
    assert "设备" in page and "退出登录" in page
    session.get(hub.url + "/admin/lang/en?back=/admin/devices")
    assert "Sign out" in session.get(hub.url + "/admin/devices").text


# ------------------------------------------------------------------------------ clocks and refusals
HOUR_MS = 3_600_000


def push_at(hub, token: str, changes: list[dict], device_ms: int | None) -> requests.Response:
    """A push whose device says its clock shows *device_ms* (None: says nothing, as older programs)."""
    headers = {} if device_ms is None else {"X-Device-Time-Ms": str(device_ms)}
    return hub.post("/v1/push", {"schema": CURRENT_VERSION, "changes": changes}, token=token, headers=headers)


def now_ms() -> int:
    return int(time.time() * 1000)


def device_row(page: str, device_id: str) -> str:
    return html.unescape(re.search(rf'<tr data-device="{device_id}">.*?</tr>', page, re.S).group(0))


def skewed_county(hub, make_ledger, hours: float = 3) -> tuple[object, list[dict]]:
    """The county's device, its clock *hours* ahead: a push of its records (applied) and of
    three changes the hub refuses — two outside its scope and one malformed."""
    from sync.packages import public_key_string

    county = make_ledger("county", COUNTY, townships=(T1,))
    r = hub.post("/v1/enroll", {"code": hub.new_code(COUNTY), "device_id": county.device_id, "name": "栾城区团委电脑",
                                "public_key": public_key_string(county), "schema": CURRENT_VERSION})
    token = r.json()["token"]
    sent = signed_wire(county)
    r = push_at(hub, token, sent, now_ms() + int(hours * HOUR_MS))
    assert {x["status"] for x in r.json()["results"]} == {"applied"}, r.text[:600]
    elsewhere = [dict(sent[0], seq=1000 + k, scope=OTHER_COUNTY + "100") for k in range(2)]
    r = push_at(hub, token, [*elsewhere, {"origin": county.device_id, "seq": 1002}], now_ms() + int(hours * HOUR_MS))
    assert [x.get("code") for x in r.json()["results"]] == ["outside_scope", "outside_scope", "malformed"]
    return county, sent


def test_the_devices_page_shows_each_clock_and_the_changes_refused(admin_hub, make_ledger):
    hub = admin_hub
    county, _ = skewed_county(hub, make_ledger)
    township = hub.enroll("1111111111111111", T1, "南高乡电脑")
    r = hub.get("/v1/pull", token=township, headers={"X-Device-Time-Ms": str(now_ms() - 20 * 60_000)})
    assert r.status_code == 200  # its clock 20 minutes behind: said on a pull, kept by its first call
    hub.enroll("2222222222222222", T2, "柳林屯乡电脑")  # never called

    with read_hub_ledger(hub.db) as ledger:
        skew = dict(ledger.conn.execute("SELECT device_id, clock_skew_s FROM hub_device").fetchall())
        refused = {(r[0], r[1]): r[2] for r in ledger.conn.execute("SELECT device_id, code, refused FROM hub_refusal")}
    assert abs(skew[county.device_id] - 3 * 3600) <= 5 and abs(skew["1111111111111111"] + 1200) <= 5
    assert skew["2222222222222222"] is None
    assert refused == {(county.device_id, "outside_scope"): 2, (county.device_id, "malformed"): 1}

    session = sign_in(hub, "county", "county-password-1", lang="zh-CN")
    page = session.get(hub.url + "/admin/devices").text
    assert "时钟" in page and "被拒收的修改" in page
    row = device_row(page, county.device_id)
    assert re.search(r'<span class="bad">该设备时钟快了 3 小时</span>', row), row
    assert re.search(r'<span class="bad">3</span>', row) and "近 30 天 3 条" in row
    assert re.search(r'title="malformed">格式错误 1</small><br><small[^>]*title="outside_scope">超出本单位范围 2<', row), row
    assert '<span class="bad">该设备时钟慢了 20 分钟</span>' in device_row(page, "1111111111111111")
    quiet = device_row(page, "2222222222222222")
    assert "尚未测到" in quiet and 'class="bad"' not in quiet
    session.get(hub.url + "/admin/lang/en?back=/admin/devices")
    english = device_row(session.get(hub.url + "/admin/devices").text, county.device_id)
    assert "The device's clock is 3 hours ahead" in english and "3 in the last 30 days" in english
    assert "outside its unit 2" in english

    got = {(s.name, tuple(sorted(s.labels.items()))): s.value
           for family in text_string_to_metric_families(hub.get("/metrics").text) for s in family.samples}
    assert got[("township_hub_changes_rejected_total", (("code", "outside_scope"),))] == 2
    assert got[("township_hub_changes_rejected_total", (("code", "malformed"),))] == 1

    listed = hub.cli("devices").stdout
    line = next(x for x in listed.splitlines() if x.startswith(county.device_id))
    assert re.search(r"\+10,(79\d|80\d)\s+3\s", line), listed
    assert "CLOCK (S)" in listed and "REFUSED" in listed


def test_a_clock_within_a_minute_is_right_and_old_refusals_leave_the_recent_count(admin_hub, make_ledger):
    hub = admin_hub
    county, sent = skewed_county(hub, make_ledger, hours=0)
    with HubStore.open_admin(hub.db) as store:  # refusals of 40 days ago, as the admin command may write
        long_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=40)
        store.record_call(county.device_id, None, {"bad_signature": 4}, now=long_ago)
    row = device_row(sign_in(hub, "county", "county-password-1", lang="zh-CN").get(hub.url + "/admin/devices").text,
                     county.device_id)
    assert "准确" in row and "快了" not in row
    assert re.search(r'<span class="bad">7</span>', row) and "近 30 天 3 条" in row and "签名不符 4" in row and 'title="bad_signature"' in row


def test_a_real_client_says_its_clock_and_its_changes_refused_as_dated_ahead_are_counted(admin_hub, make_ledger,
                                                                                          monkeypatch):
    from sync.client import SyncClient, SyncSettings, enroll

    hub = admin_hub
    t1 = make_ledger("township", T1)
    monkeypatch.setattr(t1.clock, "wall", lambda: time.time() + 25 * 3600)  # a day and an hour ahead
    enroll(t1, hub.url, hub.new_code(T1, "南高乡团委"), name="南高乡电脑",
           settings=SyncSettings(connect_timeout=3, read_timeout=60, retries=4, backoff_base=0.1, backoff_cap=1.0))
    t1.organisations.create(kind="township_committee", name="南高乡团委", division_code=T1)
    result = SyncClient(t1).sync()
    assert result.push.rejected >= 1 and t1.pending_changes() == 0  # refused, then sent again stamped right
    with read_hub_ledger(hub.db) as ledger:
        skew = ledger.conn.execute("SELECT clock_skew_s FROM hub_device WHERE device_id = ?",
                                   (t1.device_id,)).fetchone()[0]
        ahead = ledger.conn.execute("SELECT sum(refused) FROM hub_refusal WHERE device_id = ? AND code = ?",
                                    (t1.device_id, "clock_ahead")).fetchone()[0]
    assert abs(skew - 25 * 3600) <= 60 and ahead == result.push.rejected
    page = sign_in(hub, "county", "county-password-1", lang="zh-CN").get(hub.url + "/admin/devices").text
    assert "该设备时钟快了 25 小时" in device_row(page, t1.device_id)


# ------------------------------------------------------------------------------ in a real browser
NOT_ON_WINDOWS = "drives Debian's chromium and its driver, Linux programs (the hub and its page run on Linux)"


def _browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("chromium and chromium-driver are not installed (.ci/bootstrap installs them)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
                "--lang=zh-CN", "--disable-gpu"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    return webdriver.Chrome(service=Service(driver), options=options)


@pytest.mark.skipif(sys.platform == "win32", reason=NOT_ON_WINDOWS)
def test_the_admin_page_end_to_end_in_chromium(admin_hub, make_ledger, tmp_path):
    pytest.importorskip("selenium")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    hub = admin_hub
    county, _ = skewed_county(hub, make_ledger)  # its clock 3 hours ahead, 3 changes refused
    hub.enroll("1111111111111111", T1, "南高乡电脑")  # joined, never synced
    other = hub.enroll("3333333333333333", "130111103", "冶河镇电脑")
    hub.get("/v1/pull", token=other, headers={"X-Device-Time-Ms": str(now_ms() + 1500)})  # a right clock
    browser = _browser()
    SCREENS = Path(SHOTS) if SHOTS else tmp_path  # noqa: N806 - where this run's pictures go
    SCREENS.mkdir(parents=True, exist_ok=True)
    try:
        wait = WebDriverWait(browser, 20)
        browser.get(hub.url + "/admin/devices")  # not signed in: the sign-in page
        wait.until(EC.presence_of_element_located((By.ID, "sign_in")))
        browser.find_element(By.ID, "name").send_keys("county")
        browser.find_element(By.ID, "password").send_keys("wrong-password")
        browser.find_element(By.ID, "sign_in").click()
        assert "用户名或密码不对" in wait.until(EC.presence_of_element_located((By.ID, "error"))).text
        browser.find_element(By.ID, "password").send_keys("county-password-1")
        browser.save_screenshot(str(SCREENS / "hub-sign-in.png"))
        browser.find_element(By.ID, "sign_in").click()
        table = wait.until(EC.presence_of_element_located((By.ID, "devices")))
        assert "南高乡电脑" in table.text and "栾城区团委电脑" in table.text
        assert "时钟" in table.text and "被拒收的修改" in table.text
        county_row = browser.find_element(By.CSS_SELECTOR, f'tr[data-device="{county.device_id}"]')
        clock = county_row.find_element(By.CSS_SELECTOR, "td.clock span.bad")
        assert clock.text == "该设备时钟快了 3 小时" and clock.value_of_css_property("font-weight") in ("700", "bold")
        assert "超出本单位范围 2" in county_row.find_element(By.CSS_SELECTOR, "td.refused").text
        assert "准确" in browser.find_element(By.CSS_SELECTOR, 'tr[data-device="3333333333333333"] td.clock').text
        browser.save_screenshot(str(SCREENS / "hub-devices.png"))

        browser.find_element(By.LINK_TEXT, "接入码").click()
        scope = wait.until(EC.presence_of_element_located((By.ID, "scope")))
        scope.send_keys(T2)
        browser.find_element(By.ID, "code_name").send_keys("柳林屯乡团委")
        browser.find_element(By.ID, "issue").click()
        code = wait.until(EC.presence_of_element_located((By.ID, "slip_code"))).text
        assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code)
        assert "柳林屯乡" in browser.find_element(By.ID, "slip_unit").text
        browser.save_screenshot(str(SCREENS / "hub-slip.png"))
        enrolled = hub.post("/v1/enroll", {"code": code, "device_id": "2222222222222222", "name": "柳林屯乡电脑",
                                           "public_key": None, "schema": CURRENT_VERSION})
        assert enrolled.status_code == 200

        browser.find_element(By.LINK_TEXT, "未同步的单位").click()
        silent = wait.until(EC.presence_of_element_located((By.ID, "silent")))
        assert "柳林屯乡" in silent.text and "南高乡" in silent.text  # joined, never synced
        browser.save_screenshot(str(SCREENS / "hub-silent.png"))

        browser.find_element(By.LINK_TEXT, "设备").click()
        row = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, 'tr[data-device="1111111111111111"]')))
        row.find_element(By.CSS_SELECTOR, "button.danger").click()
        alert = wait.until(EC.alert_is_present())
        assert "吊销" in alert.text
        alert.accept()
        notice = wait.until(EC.presence_of_element_located((By.ID, "notice")))
        assert "吊销" in notice.text
        browser.save_screenshot(str(SCREENS / "hub-revoked.png"))
        assert hub.get("/v1/devices", token="x").status_code == 401
        browser.find_element(By.ID, "logout").click()
        wait.until(EC.presence_of_element_located((By.ID, "sign_in")))
        browser.get(hub.url + "/admin/devices")
        wait.until(EC.presence_of_element_located((By.ID, "sign_in")))
    finally:
        browser.quit()
    with HubStore.open_admin(hub.db) as store:
        assert store.device("1111111111111111").revoked
