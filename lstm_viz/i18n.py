"""Translation for the window: the one ``tr`` (see :mod:`lstm_viz.i18n_core`), plus Qt's side.

Every user-visible sentence goes through :func:`tr` (or, where Qt may not be
imported, is marked with :func:`lstm_viz.i18n_marks.tr_noop` and translated
where it is shown). All of them live in one translation context, the empty
one, which is what ``pyside6-lupdate`` gives a bare ``tr("…")`` call. The
catalogues are ``resources/i18n/lstm_viz_<language>.ts`` (made and compiled
to ``.qm`` by ``scripts/update_translations.py``). :func:`tr` reads the
``.ts`` through the Qt-free core, so the commands without a window say the
same sentences the same way; :func:`set_language` also installs the compiled
catalogue and Qt's own with a ``QTranslator`` (Qt's dialogs, and any
``QCoreApplication.translate``), and Qt then sends every widget a
``LanguageChange`` event so the window can retranslate itself in place.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase

from . import i18n_core
from .i18n_core import (
    CONTEXT,
    current_language,
    error_text,
    language_option,
    say,
    speaking,
)
from .languages import LANGUAGES, language_code

__all__ = [
    "CJK_FAMILIES",
    "CONTEXT",
    "catalogue",
    "cjk_family",
    "current_language",
    "error_text",
    "font_families",
    "language_code",
    "requested_language",
    "say",
    "set_language",
    "speaking",
    "system_language",
    "tr",
]


#: CJK fonts in order of preference; the first one installed is used.
CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
)

_translators: list[QTranslator] = []  # the current language's, loaded by set_language
_installed = False  # whether they are installed in the application


def tr(text: str) -> str:
    """``text`` in the current language (the English source when there is no translation)."""
    if _translators and not _installed:
        _install()  # an application has appeared since set_language: hand it Qt's side
    return i18n_core.tr(text)


def requested_language(argv: list[str]) -> str:
    """The language a command line asks for with ``--lang X`` (else the system's), read
    before the parser is built so that its help is in that language too."""
    return language_option(argv) or system_language()


def system_language() -> str:
    """The language the system locale asks for, if the app speaks it, else English."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def catalogue(code: str) -> Path:
    """The compiled catalogue (``.qm``) of a language."""
    return Path(str(resources.files("lstm_viz.resources") / "i18n" / f"lstm_viz_{code}.qm"))


def set_language(code: str, app_catalogue: Path | None = None) -> None:
    """Speak ``code`` from now on: install its catalogues (ours and Qt's own dialogs').

    Installing or removing a translator makes Qt post ``LanguageChange`` to
    every widget. Before an application exists (the command line, before it
    starts Qt) :func:`tr` already speaks the language; the translators are
    installed as soon as an application is there. A catalogue that cannot be
    loaded raises and leaves the current language as it was. ``app_catalogue``
    (a ``.qm`` with its ``.ts`` beside it) replaces ours (tests use a
    pseudo-translation).
    """
    global _installed
    code, table = i18n_core.load_language(
        code, app_catalogue.with_suffix(".ts") if app_catalogue else None
    )
    loaded: list[QTranslator] = []
    if code != "en":
        # Without a parent: the list owns them, and dropping them frees them.
        qt_own = QTranslator()
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{code}", qt_folder):
            loaded.append(qt_own)
        ours = QTranslator()
        path = app_catalogue or catalogue(code)
        if not ours.load(str(path)):
            raise FileNotFoundError(f"the {LANGUAGES[code]} catalogue is missing: {path}")
        loaded.append(ours)
    app = QCoreApplication.instance()
    if app is not None and _installed:
        for old in _translators:
            app.removeTranslator(old)
    _translators[:] = loaded
    _installed = False
    i18n_core.use_language(code, table)
    _install()


def _install() -> None:
    """Hand the loaded catalogues to the application, once there is one."""
    global _installed
    app = QCoreApplication.instance()
    if app is None or _installed:
        return
    for t in _translators:
        app.installTranslator(t)
    _installed = True


def cjk_family() -> str | None:
    """The installed font used for Chinese text (``None`` when none is installed)."""
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return chinese[0] if chinese else None


def font_families(primary: str) -> list[str]:
    """``primary`` (Latin, Greek, maths) followed by the CJK font, picked explicitly so
    Chinese never depends on the platform's font fallback."""
    cjk = cjk_family()
    return [primary, cjk] if cjk and cjk != primary else [primary]
