"""Translation: one ``tr`` for every layer that draws text, and the languages the app speaks.

Every user-visible sentence goes through :func:`tr` (or, where Qt may not be
imported, is marked with :func:`lstm_viz.i18n_marks.tr_noop` and translated
where it is shown). All of them live in one translation context, the empty
one, which is what ``pyside6-lupdate`` gives a bare ``tr("…")`` call. The
catalogues are ``resources/i18n/lstm_viz_<language>.ts`` (made and compiled
to ``.qm`` by ``scripts/update_translations.py``); :func:`set_language`
installs one with a ``QTranslator``, and Qt then sends every widget a
``LanguageChange`` event so the window can retranslate itself in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase

from .i18n_marks import Explained, Marked, Sentence
from .languages import LANGUAGES, language_code

CONTEXT = ""


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
_current = "en"
_spoken: list[QTranslator | None] = []  # speaking()'s languages, innermost last (None: English)


def tr(text: str) -> str:
    """``text`` in the current language (the English source when there is no translation)."""
    if _spoken:
        scoped = _spoken[-1]
        return (scoped.translate(CONTEXT, text) if scoped is not None else "") or text
    if _translators and not _installed:
        _install()
        if not _installed:  # no application yet (the command line's help): ask directly
            return _translators[-1].translate(CONTEXT, text) or text
    return QCoreApplication.translate(CONTEXT, text)


def requested_language(argv: list[str]) -> str:
    """The language a command line asks for with ``--lang X`` (else the system's), read
    before the parser is built so that its help is in that language too."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            try:
                return language_code(value)
            except ValueError:
                break  # the parser reports it
    return system_language()


def system_language() -> str:
    """The language the system locale asks for, if the app speaks it, else English."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def current_language() -> str:
    return _current


def catalogue(code: str) -> Path:
    """The compiled catalogue (``.qm``) of a language."""
    return Path(str(resources.files("lstm_viz.resources") / "i18n" / f"lstm_viz_{code}.qm"))


def set_language(code: str, app_catalogue: Path | None = None) -> None:
    """Speak ``code`` from now on: install its catalogues (ours and Qt's own dialogs').

    Installing or removing a translator makes Qt post ``LanguageChange`` to
    every widget. Before an application exists (the command line, before it
    starts Qt) the catalogues are loaded and :func:`tr` reads them directly;
    they are installed as soon as an application is there. A catalogue that
    cannot be loaded raises and leaves the current language as it was.
    ``app_catalogue`` replaces ours (tests use a pseudo-translation).
    """
    global _current, _installed
    code = language_code(code)
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
    _current = code
    _install()


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Inside the block :func:`tr` speaks ``code``; nothing is installed in the application.

    For drawing a frame in a given language (an export, a test) without switching
    the app: no widget gets ``LanguageChange`` and the current language is the
    same afterwards. GUI thread only, like the drawing it is for.
    """
    code = language_code(code)
    if code == _current and not _spoken:
        yield  # the app already speaks it (its own catalogue, even a test's)
        return
    scoped = None
    if code != "en":
        scoped = QTranslator()
        path = catalogue(code)
        if not scoped.load(str(path)):
            raise FileNotFoundError(f"the {LANGUAGES[code]} catalogue is missing: {path}")
    _spoken.append(scoped)
    try:
        yield
    finally:
        _spoken.pop()


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


def say(text: str) -> str:
    """``text`` in the current language if it is marked (a :class:`Sentence` with its slots
    said too, or a :class:`Marked` sentence); anything else (a file name) as it is."""
    if isinstance(text, Sentence):
        slots = {k: say(v) if isinstance(v, str) else v for k, v in text.slots.items()}
        return tr(text.template).format(**slots)
    if isinstance(text, Marked):
        return tr(text)
    return text


def error_text(err: BaseException) -> str:
    """An error's message in the current language, when it was raised with a marked
    template (see :mod:`lstm_viz.i18n_marks`); otherwise its English ``str``."""
    if not isinstance(err, Explained) or not isinstance(err.template, Marked):
        return str(err)
    message = say(Sentence(err.template, **err.slots))
    # Placed as the errors' own str() places them: "file, line 3: field: message".
    line = getattr(err, "line", None)
    at_line = None if line is None else tr("line {n}").format(n=line)
    place = ", ".join(part for part in (getattr(err, "source", None), at_line) if part)
    field = getattr(err, "field", "")
    if field:
        place = f"{place}: {field}" if place else field
    return f"{place}: {message}" if place else message
