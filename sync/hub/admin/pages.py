"""The admin page's routes: sign in, devices, enrollment slips, units never heard from.

Every page but the sign-in needs a session (:mod:`sync.hub.admin.accounts`); every form
that changes something carries the session's CSRF token and is refused without it.  An
administrator sees and manages only the units of the account's scope.  Reads use the hub's
pool of read connections, writes its group-commit writer, as the protocol's routes do.
"""

from __future__ import annotations

import datetime as dt
import hmac
import time
from pathlib import Path
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from desktop import i18n
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.errors import LedgerError
from desktop.ledger.hlc import MAX_OFFSET_MS
from desktop.reporting.expected import expected_townships
from desktop.scope.geo import geography
from sync.hub.admin.accounts import Admin, AdminAccounts
from sync.hub.admin.slips import slip_for
from sync.hub.ratelimit import RateLimiter, retry_after
from sync.hub.service import Hub
from sync.hub.store import Refusals, local_text

HERE = Path(__file__).resolve().parent
COOKIE, LANG_COOKIE = "hub_admin", "hub_lang"
CTX = "hubadmin"
PAGE_ROWS = 100
#: a unit whose last sync is older than this is listed among those not heard from
QUIET_DAYS = 30
#: refused changes are counted over this many days besides all told
REFUSAL_DAYS = 30
#: a clock this close to the hub's (seconds) is right: the network alone makes a second or two
CLOCK_RIGHT_S = 60
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

router = APIRouter(prefix="/admin", include_in_schema=False)
templates = Jinja2Templates(directory=str(HERE / "templates"))


def install(app: FastAPI, hub: Hub) -> None:
    """Add the admin page to the hub's application."""
    app.state.admin_login_limiter = RateLimiter(hub.settings.enroll_rate)
    app.mount("/admin/static", StaticFiles(directory=str(HERE / "static")), name="admin-static")
    app.include_router(router)


# ------------------------------------------------------------------------------ helpers
def _hub(request: Request) -> Hub:
    return request.app.state.hub


def language(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in i18n.LANGUAGES:
        return chosen
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else i18n.DEFAULT_LANGUAGE


def _accounts_read(request: Request, fn):
    with _hub(request).reading() as reader:
        return fn(AdminAccounts(reader.store.conn, reader.store.tx))


def signed_in(request: Request) -> Admin | None:
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    return _accounts_read(request, lambda accounts: accounts.session_admin(cookie, time.time()))


def render(request: Request, template: str, status: int = 200, **values) -> HTMLResponse:
    lang = language(request)
    cookie = request.cookies.get(COOKIE, "")
    csrf = _accounts_read(request, lambda a: a.csrf_token(cookie)) if cookie else ""
    if values.get("admin") is not None:
        values.setdefault("scope_name", _unit(values["admin"].scope))
    context = {"request": request, "_": lambda text: i18n.translate(CTX, text, lang), "lang": lang,
               "csrf": csrf, "path": request.url.path, **values}
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def _to_login(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/admin/login?next={quote(request.url.path)}", status_code=303)


async def _form(request: Request) -> dict[str, str]:
    """A posted form (application/x-www-form-urlencoded), first value of each field."""
    raw = await request.body()
    if len(raw) > 16_384:
        return {}
    return {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()}


def _csrf_ok(request: Request, form: dict[str, str]) -> bool:
    cookie = request.cookies.get(COOKIE, "")
    if not cookie:
        return False
    expected = _accounts_read(request, lambda a: a.csrf_token(cookie))
    return hmac.compare_digest(expected, form.get("csrf", ""))


def _unit(code: str) -> str:
    geo = geography()
    if not code:
        return i18n.translate(CTX, "the whole country")
    return geo.full_name(code) if geo.exists(code) else code


def local_time(text: str | None) -> str:
    return local_text(text, "–")


#: a clock's skew in words: (unit, ahead) → text; the unit in seconds
CLOCK_WORDS = {
    (60, True): QT_TRANSLATE_NOOP("hubadmin", "The device's clock is {n} minutes ahead"),
    (60, False): QT_TRANSLATE_NOOP("hubadmin", "The device's clock is {n} minutes behind"),
    (3600, True): QT_TRANSLATE_NOOP("hubadmin", "The device's clock is {n} hours ahead"),
    (3600, False): QT_TRANSLATE_NOOP("hubadmin", "The device's clock is {n} hours behind"),
    (86400, True): QT_TRANSLATE_NOOP("hubadmin", "The device's clock is {n} days ahead"),
    (86400, False): QT_TRANSLATE_NOOP("hubadmin", "The device's clock is {n} days behind"),
}
CLOCK_UNMEASURED = QT_TRANSLATE_NOOP("hubadmin", "not measured yet")
CLOCK_RIGHT = QT_TRANSLATE_NOOP("hubadmin", "right")


def clock_hint(skew_s: int | None, lang: str) -> tuple[str, bool]:
    """A device's clock skew in words ("the device's clock is 3 hours ahead"), and whether it
    lies beyond the offset the ledgers accept (its changes are then refused as dated ahead,
    or it orders them by a corrected clock while the computer's own date stays wrong)."""
    if skew_s is None:
        return i18n.translate(CTX, CLOCK_UNMEASURED, lang), False
    off = abs(skew_s)
    if off < CLOCK_RIGHT_S:
        return i18n.translate(CTX, CLOCK_RIGHT, lang), False
    unit = 60 if off < 2 * 3600 else 3600 if off < 2 * 86400 else 86400
    text = i18n.translate(CTX, CLOCK_WORDS[unit, skew_s > 0], lang).format(n=round(off / unit))
    return text, off * 1000 > MAX_OFFSET_MS


# ------------------------------------------------------------------------------ sign in
@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    return RedirectResponse("/admin/devices" if signed_in(request) else "/admin/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    return render(request, "login.html", next=_safe_next(request.query_params.get("next")))


def _safe_next(value: str | None) -> str:
    """Only a path of this page after signing in: never another site."""
    return value if value and value.startswith("/admin/") and not value.startswith("//") else "/admin/devices"


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    form = await _form(request)
    address = request.client.host if request.client else "unknown"
    wait = request.app.state.admin_login_limiter.take(address)
    if wait:
        response = render(request, "login.html", status=429, next=_safe_next(form.get("next")),
                          error=i18n.translate(CTX, "Too many attempts. Wait {seconds} seconds and try again.",
                                               language(request)).format(seconds=retry_after(wait)))
        response.headers["Retry-After"] = retry_after(wait)
        return response
    admin = _accounts_read(request, lambda a: a.check(form.get("name", ""), form.get("password", "")))
    if admin is None:
        return render(request, "login.html", status=401, next=_safe_next(form.get("next")), name=form.get("name", ""),
                      error=i18n.translate(CTX, "The name or the password is wrong.", language(request)))
    cookie = _accounts_read(request, lambda a: a.session_for(admin, time.time()))
    response = RedirectResponse(_safe_next(form.get("next")), status_code=303)
    response.set_cookie(COOKIE, cookie, httponly=True, samesite="strict", path="/admin",
                        secure=request.url.scheme == "https")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await _form(request)
    if not _csrf_ok(request, form):
        return _forbidden(request)
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(COOKIE, path="/admin")
    return response


@router.get("/lang/{code}")
def choose_language(request: Request, code: str) -> Response:
    back = _safe_next(request.query_params.get("back"))
    response = RedirectResponse(back, status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, samesite="strict", path="/admin", max_age=365 * 86400)
    return response


def _forbidden(request: Request) -> HTMLResponse:
    return render(request, "message.html", status=403, title=i18n.translate(CTX, "Not done", language(request)),
                  text=i18n.translate(CTX, "This form has expired or did not come from this page. Go back, reload "
                                           "the page and try again.", language(request)))


# ------------------------------------------------------------------------------ devices
@router.get("/devices", response_class=HTMLResponse)
def devices_page(request: Request) -> Response:
    admin = signed_in(request)
    if admin is None:
        return _to_login(request)
    text = request.query_params.get("q", "").strip()
    try:
        page = max(0, int(request.query_params.get("page", "0")))
    except ValueError:
        page = 0
    with _hub(request).reading() as reader:
        devices = reader.store.devices(admin.scope)
        if text:
            devices = [d for d in devices if text in d.label or text in d.name or d.scope.startswith(text)
                       or text in _unit(d.scope) or d.device_id.startswith(text.lower())]
        shown = devices[page * PAGE_ROWS:(page + 1) * PAGE_ROWS]
        pending = reader.store.pending_counts(shown)
        since = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=REFUSAL_DAYS)).strftime("%Y-%m-%d")
        refused = reader.store.refusals((d.device_id for d in shown), since)
    lang = language(request)
    rows = [_device_row(d, pending[d.device_id], refused.get(d.device_id), lang) for d in shown]
    return render(request, "devices.html", admin=admin, scope_name=_unit(admin.scope), rows=rows, q=text,
                  total=len(devices), page=page, pages=max(1, -(-len(devices) // PAGE_ROWS)),
                  refusal_days=REFUSAL_DAYS)


#: Why changes were refused, in a few words for the devices page (the code stays in its tooltip;
#: docs/hub-protocol.md lists the codes).
REFUSAL_WORDS = {
    "outside_scope": QT_TRANSLATE_NOOP("hubadmin", "outside its unit"),
    "unknown_scope": QT_TRANSLATE_NOOP("hubadmin", "not a known division"),
    "origin_not_allowed": QT_TRANSLATE_NOOP("hubadmin", "another office's, not its to send"),
    "origin_revoked": QT_TRANSLATE_NOOP("hubadmin", "written by a revoked device"),
    "duplicate_differs": QT_TRANSLATE_NOOP("hubadmin", "same number, other content (a copied ledger?)"),
    "clock_ahead": QT_TRANSLATE_NOOP("hubadmin", "dated ahead (wrong clock)"),
    "verify_not_allowed": QT_TRANSLATE_NOOP("hubadmin", "a verification it may not make"),
    "malformed": QT_TRANSLATE_NOOP("hubadmin", "malformed"),
    "bad_signature": QT_TRANSLATE_NOOP("hubadmin", "signature does not match"),
    "unsigned_relay": QT_TRANSLATE_NOOP("hubadmin", "relayed without a signature"),
    "origin_key_unknown": QT_TRANSLATE_NOOP("hubadmin", "the writer's key is unknown"),
}


def refusal_words(code: str, lang: str) -> str:
    """A refusal code in a few words of *lang* (an unknown code as it is)."""
    words = REFUSAL_WORDS.get(code)
    return i18n.translate(CTX, words, lang) if words else code


def _device_row(device, pending: int, refused: Refusals | None, lang: str) -> dict:
    """What the devices page shows of one device."""
    codes = [(code, refusal_words(code, lang), counts[0]) for code, counts in sorted(refused.by_code.items())] \
        if refused else []
    return {"device": device, "unit": _unit(device.scope), "last": local_time(device.last_contact),
            "enrolled": local_time(device.enrolled_at), "pending": pending,
            "clock": clock_hint(device.clock_skew_s, lang), "clock_at": local_time(device.clock_skew_at),
            "refused": refused, "refused_codes": codes,
            "refused_last": local_time(refused.last_at if refused else None)}


@router.post("/devices/{device_id}/revoke")
async def revoke(request: Request, device_id: str) -> Response:
    admin = signed_in(request)
    if admin is None:
        return _to_login(request)
    form = await _form(request)
    if not _csrf_ok(request, form):
        return _forbidden(request)
    hub = _hub(request)
    with hub.reading() as reader:
        device = reader.store.device(device_id)
    if device is None or not device.scope.startswith(admin.scope):
        return render(request, "message.html", status=404, title=i18n.translate(CTX, "Not done", language(request)),
                      text=i18n.translate(CTX, "There is no such device in your units.", language(request)))
    hub.write(lambda: hub.store.revoke(device_id))
    hub.forget_touch(device_id)
    return RedirectResponse(f"/admin/devices?revoked={device_id}", status_code=303)


# ------------------------------------------------------------------------------ enrollment codes
@router.get("/codes", response_class=HTMLResponse)
def codes_page(request: Request) -> Response:
    admin = signed_in(request)
    if admin is None:
        return _to_login(request)
    return render(request, "codes.html", admin=admin, scope_name=_unit(admin.scope), units=_units_below(admin.scope),
                  values={"scope": request.query_params.get("scope", ""), "name": request.query_params.get("name", ""),
                          "days": "14"})


def _units_below(scope: str) -> list[tuple[str, str]]:
    """The units an account most often issues codes for: one and two levels below it."""
    geo = geography()
    units = []
    for child in geo.children(scope or None):
        units.append((child.code, geo.full_name(child.code)))
        if len(units) > 400:
            break
    if scope and geo.exists(scope):
        units.insert(0, (scope, geo.full_name(scope)))
    return units


@router.post("/codes", response_class=HTMLResponse)
async def issue_code(request: Request) -> Response:
    admin = signed_in(request)
    if admin is None:
        return _to_login(request)
    form = await _form(request)
    if not _csrf_ok(request, form):
        return _forbidden(request)
    lang = language(request)
    scope, name, days = form.get("scope", "").strip(), form.get("name", "").strip(), form.get("days", "14").strip()
    error = None
    if not geography().exists(scope):
        error = i18n.translate(CTX, "{code} is not a division code. Choose the unit from the list.", lang).format(
            code=scope or "–")
    elif not scope.startswith(admin.scope):
        error = i18n.translate(CTX, "{unit} is outside your units ({scope}).", lang).format(
            unit=_unit(scope), scope=_unit(admin.scope))
    elif not name or len(name) > 80:
        error = i18n.translate(CTX, "Write who the code is for (the office or the person), up to 80 characters.", lang)
    elif not days.isdigit() or not 1 <= int(days) <= 90:
        error = i18n.translate(CTX, "A code stays valid 1 to 90 days.", lang)
    if error:
        return render(request, "codes.html", status=400, admin=admin, scope_name=_unit(admin.scope),
                      units=_units_below(admin.scope), error=error, values={"scope": scope, "name": name, "days": days})
    hub = _hub(request)
    try:
        code = hub.write(lambda: hub.store.create_code(scope, name, days=int(days)))
    except LedgerError as exc:
        return render(request, "codes.html", status=400, admin=admin, scope_name=_unit(admin.scope),
                      units=_units_below(admin.scope), error=exc.text(lang),
                      values={"scope": scope, "name": name, "days": days})
    with hub.reading() as reader:
        expires = reader.store.code_expiry(code)
        slip = slip_for(reader.store, scope, name, code, local_time(expires), str(request.base_url).rstrip("/"),
                        admin.name, lang)
    return render(request, "slip.html", admin=admin, slip=slip)


# ------------------------------------------------------------------------------ units never heard from
@router.get("/silent", response_class=HTMLResponse)
def silent_page(request: Request) -> Response:
    admin = signed_in(request)
    if admin is None:
        return _to_login(request)
    lang = language(request)
    with _hub(request).reading() as reader:
        devices = reader.store.devices(admin.scope)
    now = dt.datetime.now(dt.timezone.utc)
    quiet_before = (now - dt.timedelta(days=QUIET_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ")
    by_unit: dict[str, list] = {}
    for d in devices:
        if not d.revoked:
            by_unit.setdefault(d.scope, []).append(d)
    rows = []
    for code in expected_townships(admin.scope):
        mine = by_unit.get(code, [])
        last = max((d.last_contact for d in mine if d.used and d.last_contact), default=None)
        if not mine:
            state = i18n.translate(CTX, "no device has joined", lang)
        elif last is None:
            state = i18n.translate(CTX, "joined, never synced", lang)
        elif last < quiet_before:
            state = i18n.translate(CTX, "no sync for over {days} days", lang).format(days=QUIET_DAYS)
        else:
            continue
        rows.append({"code": code, "unit": _unit(code), "state": state, "last": local_time(last)})
    return render(request, "silent.html", admin=admin, scope_name=_unit(admin.scope), rows=rows,
                  expected=len(expected_townships(admin.scope)))
