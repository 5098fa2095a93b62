"""Why the hub refused a change, in the reader's language.

The hub answers a refused change with a code and its parameters next to its own
(English) text; a code this program knows is worded here, any other falls back to the
hub's text (docs/hub-protocol.md lists the codes).
"""

from __future__ import annotations

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from sync import signatures
from sync.client.errors import CTX

REASONS = {
    "outside_scope": QT_TRANSLATE_NOOP("sync", "its scope {scope} lies outside this computer's scope {device_scope}"),
    "unknown_scope": QT_TRANSLATE_NOOP("sync", "{scope} is not a division in the division list"),
    "origin_not_allowed": QT_TRANSLATE_NOOP("sync", "it was written by the device {origin}, whose changes this computer may not send"),
    "origin_revoked": QT_TRANSLATE_NOOP("sync", "it was written by the device {origin}, which has been revoked at the hub"),
    "duplicate_differs": QT_TRANSLATE_NOOP("sync", "it differs from the change already received with this origin and sequence number ({origin}, {seq})"),
    "clock_ahead": QT_TRANSLATE_NOOP("sync", "this computer's clock was {minutes} minutes ahead when it was made"),
    "verify_not_allowed": QT_TRANSLATE_NOOP("sync", "it verifies or returns a task of {scope}, which only the level above that unit may do (the writer's scope is {author_scope})"),
    **signatures.REASONS,
}


def _params(code: str, params: dict) -> dict:
    """The parameters as the message shows them."""
    if code == "clock_ahead" and isinstance(params.get("ahead_ms"), int):
        return {**params, "minutes": max(1, round(params["ahead_ms"] / 60000))}
    return params


def worded(code: object, params: object, text: str) -> str:
    """The reason for a refusal with *code* and *params*; the hub's *text* for a code
    this program does not know (or parameters it does not expect)."""
    message = REASONS.get(code) if isinstance(code, str) else None
    if message is None or not isinstance(params, dict):
        return text
    try:
        return translate(CTX, message).format(**_params(code, params))
    except (KeyError, IndexError, ValueError):
        return text
