"""The words rosters write in a choice column, and the official value each stands for.

Three sources, in this order: the answers the user gave for this import and the ones the
ledger remembers from earlier imports (the meta entry ``excel.words``, kept per ledger and
not synced), then the shipped table ``resources/reference/synonyms.json``.  A word none of
them knows is an unknown word: the plan groups them ("村干部 ×4") so the user answers once
per word.  Only keys of ``enums.json`` are ever stored."""

from __future__ import annotations

import functools
import json

from desktop import paths
from desktop.excel.matching import norm_header
from desktop.records import Field
from desktop.records.enums import enumerations

#: The ledger's meta key holding the remembered answers: {enumeration: {word: key}}.
META_KEY = "excel.words"


def word_key(text: object) -> str:
    """A word as compared: half-width, without spaces, lower case."""
    return norm_header(text)


@functools.lru_cache(maxsize=1)
def synonyms() -> dict[str, dict[str, str]]:
    """``synonyms.json``: enumeration → {word (as compared): key}."""
    path = paths.resource_dir() / "reference" / "synonyms.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {enum: {word_key(w): key for w, key in words.items()}
            for enum, words in data.items() if not enum.startswith("_")}


def enum_value(enum: str, text: str) -> str | None:
    """The key *text* names in *enum*: a key, a label or a word of the table (None: unknown)."""
    enums = enumerations()
    key = enums.lookup(enum, text)
    if key is not None:
        return key
    n = word_key(text)
    key = synonyms().get(enum, {}).get(n)
    if key is None:
        for v in enums.values(enum):  # labels compared without spaces and case
            if n in (word_key(v.zh), word_key(v.en), v.key.lower()):
                return v.key
    return key


def remembered(ledger) -> dict[str, dict[str, str]]:
    """The answers the ledger remembers (enumeration → {word: key})."""
    try:
        data = json.loads(ledger.meta(META_KEY) or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def remember(ledger, words: dict[str, dict[str, str]]) -> None:
    """Keep *words* (enumeration → {word: key}) in the ledger for later imports."""
    if not any(words.values()):
        return
    data = remembered(ledger)
    for enum, answers in words.items():
        data.setdefault(enum, {}).update({word_key(w): k for w, k in answers.items()})
    ledger.set_meta(META_KEY, json.dumps(data, ensure_ascii=False, sort_keys=True))


class Vocabulary:
    """The answers that apply to one import: those given now over those remembered."""

    def __init__(self, ledger, given: dict[str, dict[str, str]] | None = None) -> None:
        self.words: dict[str, dict[str, str]] = {}
        enums = enumerations()
        names = set(enums.names())
        for source in (remembered(ledger), given or {}):
            for enum, answers in source.items():
                if enum not in names or not isinstance(answers, dict):
                    continue
                known = self.words.setdefault(enum, {})
                # only official keys: an answer a later enumeration no longer has is dropped
                known.update({word_key(w): key for w, key in answers.items()
                              if isinstance(key, str) and enums.has(enum, key)})

    def key(self, f: Field, raw: object) -> str | None:
        """The value the user chose for this cell's word, if any."""
        answers = self.words.get(f.enum)
        return answers.get(word_key(raw)) if answers else None


def answer_key(enum: str, text: str) -> str | None:
    """The key a user's answer names: a key or a label of *enum* (a word of the table too)."""
    return enum_value(enum, text.strip())
