"""Translation for the Qt-free layers (core and CLI).

User-visible text is written in English in the code and marked with
``QT_TRANSLATE_NOOP(context, text)`` (``self.tr(text)`` in widgets); its Chinese lives in
``resources/i18n/township_zh_CN.ts``, Qt's translation format.  The core and the command
line, which must not import Qt, read that XML here; the window serves the same file to Qt
through ``ui.i18n.CatalogTranslator``.  One source of truth for every string the user sees;
``tests/test_translations.py`` finds a marked string without its translation.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from pathlib import Path

from desktop import paths

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")

_language = os.environ.get("TOWNSHIP_LEDGER_LANG", DEFAULT_LANGUAGE)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark *text* for translation in *context*; returns it unchanged."""
    return text


def set_language(language: str) -> None:
    """Choose the language of core messages ("zh_CN" or "en")."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language


def language() -> str:
    return _language


def _ts_path(language: str) -> Path:
    return paths.resource_dir() / "i18n" / f"township_{language}.ts"


def _compiled_path(language: str) -> Path:
    """The catalogue read from its ``.ts`` file ahead of time: the translations as JSON with the
    SHA-256 of the ``.ts`` they came from (parsing the XML costs every start and every command
    some 10 ms; reading this, one)."""
    return paths.resource_dir() / "i18n" / f"township_{language}.catalog.json"


@functools.lru_cache(maxsize=None)
def _catalog(language: str) -> dict[tuple[str, str], str]:
    path = _ts_path(language)
    try:
        source = path.read_bytes()
    except OSError:
        return {}
    try:
        compiled = json.loads(_compiled_path(language).read_bytes())
        if compiled["source"] == hashlib.sha256(source).hexdigest():
            return {(context, text): translation for context, text, translation in compiled["messages"]}
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, damaged or made from another .ts: read the .ts itself
    return _parse(source)


def _parse(source: bytes) -> dict[tuple[str, str], str]:
    import xml.etree.ElementTree as ET

    catalog: dict[tuple[str, str], str] = {}
    for context in ET.fromstring(source).iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = translation.findall("numerusform")
            text = forms[0].text if forms else translation.text  # Chinese has one plural form
            if text:
                catalog[(name, source)] = text
    return catalog


def write_compiled(language: str) -> Path:
    """Write the compiled catalogue of *language* beside its ``.ts`` (after every edit of it)."""
    source = _ts_path(language).read_bytes()
    messages = sorted([context, text, translation] for (context, text), translation in _parse(source).items())
    target = _compiled_path(language)
    target.write_text(json.dumps({"source": hashlib.sha256(source).hexdigest(), "messages": messages},
                                 ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return target


def translate(context: str, text: str, language: str | None = None) -> str:
    """Return *text* of *context* in the current (or given) language."""
    lang = language or _language
    if lang == "en":
        return text
    return _catalog(lang).get((context, text), text)



if __name__ == "__main__":  # python -m desktop.i18n: compile every catalogue after editing a .ts
    for lang in LANGUAGES:
        if lang != "en" and _ts_path(lang).exists():
            print(write_compiled(lang), file=sys.stderr)
