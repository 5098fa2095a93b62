"""Qt translation: the project's ``.ts`` catalogue served through a ``QTranslator``,
plus Qt's own translations for standard buttons and dialogs (``qtbase_<lang>.qm`` from
PySide6's translations folder; build.spec keeps it in the frozen build).  The project's
catalogue is asked first, so it also fills the few strings of the standard dialogs that
Qt's Chinese catalogue lacks (context ``QFileDialog``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop import i18n


class CatalogTranslator(QTranslator):
    """Answers Qt's translate() calls from ``resources/i18n/township_<lang>.ts``."""

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        self.language = language

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        if self.language == "en" or source_text is None:
            return None
        text = i18n.translate(context, source_text, self.language)
        return text if text != source_text else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return self.language == "en"


#: The languages the program speaks, with their names in themselves.
LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))

_installed: list[QTranslator] = []


def uninstall() -> None:
    """Remove the program's translators (tests restore Qt's state with it)."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()


def install(language: str) -> None:
    """Switch the whole application (core messages too) to *language*."""
    app = QCoreApplication.instance()
    uninstall()
    i18n.set_language(language)
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China) if language == "zh_CN"
                       else QLocale(QLocale.English, QLocale.UnitedStates))
    if language != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    ours = CatalogTranslator(language, app)
    app.installTranslator(ours)
    _installed.append(ours)


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
