"""Enumerations as data (``resources/reference/enums.json``), with Chinese and English labels."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from desktop import i18n, paths


@dataclass(frozen=True, slots=True)
class EnumValue:
    key: str
    zh: str
    en: str
    weight: float | None = None

    def label(self, language: str | None = None) -> str:
        return self.en if (language or i18n.language()) == "en" else self.zh


class Enumerations:
    """All enumerations, by name; each an ordered list of values."""

    def __init__(self, data: dict[str, list[list]]) -> None:
        self._values: dict[str, list[EnumValue]] = {}
        self._index: dict[str, dict[str, EnumValue]] = {}
        for name, rows in data.items():
            if name.startswith("_"):
                continue
            values = [EnumValue(*row) for row in rows]
            self._values[name] = values
            self._index[name] = {v.key: v for v in values}

    @classmethod
    def load(cls, path: Path | None = None) -> "Enumerations":
        path = path or paths.resource_dir() / "reference" / "enums.json"
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def names(self) -> list[str]:
        return list(self._values)

    def values(self, name: str) -> list[EnumValue]:
        return self._values[name]

    def keys(self, name: str) -> list[str]:
        return [v.key for v in self._values[name]]

    def has(self, name: str, key: str) -> bool:
        return key in self._index[name]

    def get(self, name: str, key: str) -> EnumValue:
        return self._index[name][key]

    def label(self, name: str, key: str | None, language: str | None = None) -> str:
        if key is None:
            return ""
        value = self._index[name].get(key)
        return value.label(language) if value else key

    def lookup(self, name: str, text: str) -> str | None:
        """The key whose key, Chinese or English label is *text* (for imports and the CLI)."""
        text = text.strip()
        for v in self._values[name]:
            if text in (v.key, v.zh, v.en) or text.lower() == v.en.lower():
                return v.key
        return None


@functools.lru_cache(maxsize=1)
def enumerations() -> Enumerations:
    return Enumerations.load()
