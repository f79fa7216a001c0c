"""The languages the app speaks, and the spellings accepted for them. No Qt.

The one list every layer reads: the translation layer (``lstm_viz.i18n``), the
command line, scenario files, export options and the preferences.
"""

from __future__ import annotations

__all__ = ["ALIASES", "LANGUAGES", "language_code"]

#: code → the language's own name (shown in menus, so anyone can find their own).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}

#: Spellings accepted on the command line (scenario files write the codes themselves).
ALIASES = {"en": "en", "en_US": "en", "en_GB": "en", "zh": "zh_CN", "zh_CN": "zh_CN"}


def language_code(name: str) -> str:
    """The language code for ``name`` (``"zh"`` → ``"zh_CN"``); ``ValueError`` if unknown."""
    code = ALIASES.get(name.replace("-", "_"))
    if code is None:
        known = ", ".join(sorted(ALIASES))
        raise ValueError(f"unknown language {name!r}: expected one of {known}")
    return code
