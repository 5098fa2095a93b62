"""Every user-visible string in the code has its Chinese translation.

Text is written in English in the code and marked with ``QT_TRANSLATE_NOOP(context, text)``,
``translate(context, text)`` or a widget's ``self.tr(text)`` (the class name is the
context); the Chinese lives in ``resources/i18n/township_zh_CN.ts``.  A string marked and
not translated would reach a Chinese-reading user in English: this finds it.
"""

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("desktop", "sync", "ui")


def _catalogue() -> dict[tuple[str, str], str]:
    out = {}
    for context in ET.parse(ROOT / "resources" / "i18n" / "township_zh_CN.ts").getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in ("unfinished", "obsolete", "vanished")
            text = "".join(translation.itertext()).strip() if translation is not None else ""
            out[(name, message.findtext("source"))] = text if done else ""
    return out


def _literal(node, names: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):  # a module constant such as CTX = "excel"
        return names.get(node.id)
    return None


def _module_strings(tree: ast.Module) -> dict[str, str]:
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = node.value.value
    return out


def marked_strings(path: Path) -> list[tuple[int, str, str]]:
    """(line, context, text) of every marked string with literal arguments in one file."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = _module_strings(tree)

    def visit(node, cls):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.ClassDef) else cls
            if isinstance(child, ast.Call):
                fn = child.func
                name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", None)
                args = [_literal(a, names) for a in child.args[:2]]
                if name in ("QT_TRANSLATE_NOOP", "translate") and len(args) == 2 and None not in args:
                    found.append((child.lineno, args[0], args[1]))
                elif name == "tr" and isinstance(fn, ast.Attribute) and args and args[0] is not None and cls:
                    found.append((child.lineno, cls, args[0]))
            visit(child, inner)

    visit(tree, None)
    return found


def test_every_marked_string_has_a_chinese_translation():
    catalogue = _catalogue()
    seen, missing = 0, []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line, context, text in marked_strings(path):
                seen += 1
                if not catalogue.get((context, text)):
                    missing.append(f"{path.relative_to(ROOT)}:{line} [{context}] {text!r}")
    assert seen > 500  # the scan itself works
    assert not missing, f"{len(missing)} strings without a Chinese translation:\n" + "\n".join(missing[:50])


def test_the_scan_finds_an_untranslated_string(tmp_path):
    path = tmp_path / "sample.py"
    path.write_text('from desktop.i18n import QT_TRANSLATE_NOOP\n'
                    'A = QT_TRANSLATE_NOOP("cli", "a sentence nobody translated")\n'
                    'class Box:\n    def title(self):\n        return self.tr("Township Ledger")\n'
                    'CTX = "cli"\nB = QT_TRANSLATE_NOOP(CTX, "another one")\n', encoding="utf-8")
    found = marked_strings(path)
    assert found == [(2, "cli", "a sentence nobody translated"), (5, "Box", "Township Ledger"),
                     (7, "cli", "another one")]
    assert not _catalogue().get(("cli", "a sentence nobody translated"))


TEMPLATE_CALL = re.compile(r"""_\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\)""")
#: the admin page's templates mark their text with _("...") in this context (sync/hub/admin/pages.py)
TEMPLATE_CONTEXT = "hubadmin"


def template_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every ``_("…")`` in a Jinja template."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        found += [(number, ast.literal_eval(m.group(1))) for m in TEMPLATE_CALL.finditer(line)]
    return found


def test_every_string_of_the_admin_page_has_a_chinese_translation():
    catalogue = _catalogue()
    seen, missing = 0, []
    for path in sorted((ROOT / "sync" / "hub" / "admin" / "templates").glob("*.html")):
        for line, text in template_strings(path):
            seen += 1
            if not catalogue.get((TEMPLATE_CONTEXT, text)):
                missing.append(f"{path.relative_to(ROOT)}:{line} {text!r}")
    assert seen > 40
    assert not missing, f"{len(missing)} strings without a Chinese translation:\n" + "\n".join(missing)


def test_the_template_scan_finds_quoted_and_escaped_text(tmp_path):
    path = tmp_path / "t.html"
    path.write_text('<p>{{ _("Say \\"hi\\"") }} {{ _(\'Name\') }}</p>\n<b>{{ _("A {n} b").format(n=1) }}</b>\n',
                    encoding="utf-8")
    assert template_strings(path) == [(1, 'Say "hi"'), (1, "Name"), (2, "A {n} b")]


def test_the_compiled_catalogue_is_the_ts_file_read_ahead():
    """The program reads township_zh_CN.catalog.json; it must say what the .ts says (after an
    edit of the .ts: ``python -m desktop.i18n``)."""
    import hashlib
    import json

    from desktop import i18n

    source = (ROOT / "resources" / "i18n" / "township_zh_CN.ts").read_bytes()
    compiled = json.loads((ROOT / "resources" / "i18n" / "township_zh_CN.catalog.json").read_bytes())
    assert compiled["source"] == hashlib.sha256(source).hexdigest(), "stale: run python -m desktop.i18n"
    assert {(c, s): t for c, s, t in compiled["messages"]} == i18n._parse(source)
    translated = {key: text for key, text in _catalogue().items() if text}
    assert {(c, s) for c, s, _t in compiled["messages"]} == set(translated)  # every finished translation


def test_a_stale_or_damaged_compiled_catalogue_is_not_read(tmp_path, monkeypatch):
    from desktop import i18n, paths

    folder = tmp_path / "i18n"
    folder.mkdir()
    ts = ('<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="zh_CN"><context><name>cli</name>'
          '<message><source>Saved</source><translation>{}</translation></message></context></TS>')
    (folder / "township_zh_CN.ts").write_text(ts.format("已保存"), encoding="utf-8")
    monkeypatch.setattr(paths, "resource_dir", lambda: tmp_path)
    i18n._catalog.cache_clear()
    try:
        i18n.write_compiled("zh_CN")
        i18n._catalog.cache_clear()
        assert i18n.translate("cli", "Saved", "zh_CN") == "已保存"
        (folder / "township_zh_CN.ts").write_text(ts.format("保存好了"), encoding="utf-8")  # edited, not compiled
        i18n._catalog.cache_clear()
        assert i18n.translate("cli", "Saved", "zh_CN") == "保存好了"
        for damaged in ("", "{", '{"source": 1}', '{"messages": []}', "[]"):
            (folder / "township_zh_CN.catalog.json").write_text(damaged, encoding="utf-8")
            i18n._catalog.cache_clear()
            assert i18n.translate("cli", "Saved", "zh_CN") == "保存好了", damaged
    finally:
        i18n._catalog.cache_clear()
