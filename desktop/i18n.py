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
import os
import xml.etree.ElementTree as ET

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


@functools.lru_cache(maxsize=None)
def _catalog(language: str) -> dict[tuple[str, str], str]:
    path = paths.resource_dir() / "i18n" / f"township_{language}.ts"
    if not path.exists():
        return {}
    catalog: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
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


def translate(context: str, text: str, language: str | None = None) -> str:
    """Return *text* of *context* in the current (or given) language."""
    lang = language or _language
    if lang == "en":
        return text
    return _catalog(lang).get((context, text), text)

