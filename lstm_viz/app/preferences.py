"""What the window remembers between runs (QSettings): geometry, docks, view, last settings.

A remembered value is read like user input: each one is checked, an invalid one
is dropped (and said in one line: "the remembered speed was invalid; using 1×"),
the others kept. Start-up never depends on the last session being sane.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from ..i18n_marks import Sentence, tr_noop
from ..state.settings import Settings
from ..state.settings_check import check_settings
from ..state.view_state import ViewState, ViewStateError, check_view_field
from ..state.vocabulary import LANGUAGES

ORGANIZATION = "lstm-viz"
APPLICATION = "lstm-viz"

#: The remembered view fields: (key in the store, field of ViewState, how the note names it).
_VIEW_KEYS = (
    ("view/theme", "theme", tr_noop("theme")),
    ("view/unrolled", "unrolled", tr_noop("unrolled view")),
    ("view/reduced_motion", "reduced_motion", tr_noop("reduced motion")),
    ("playback/speed", "speed", tr_noop("speed")),
    ("view/pinned_units", "pinned_units", tr_noop("pinned units")),
)
_INVALID = tr_noop("the remembered {what} was invalid; using {value}")


class Preferences:
    """A thin, typed layer over one QSettings store.

    Tests pass their own ``QSettings`` (an ini file in a temporary folder), so
    they never touch the user's preferences.
    """

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings(ORGANIZATION, APPLICATION)

    def clear(self) -> None:
        """Forget everything (``lstm-viz --reset``): the next read gives the defaults."""
        self.store.clear()
        self.store.sync()

    # -- window ---------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self.store.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

    # -- view -----------------------------------------------------------------

    def view_state(self, base: ViewState) -> tuple[ViewState, list[Sentence]]:
        """``base`` with the remembered theme, unrolled view, reduced motion, speed and pins,
        and a note for each remembered value that was invalid (and not used)."""
        changes: dict[str, Any] = {}
        notes: list[Sentence] = []
        for key, name, what in _VIEW_KEYS:
            raw = self.store.value(key)
            if raw is None:
                continue
            try:
                changes[name] = check_view_field(name, _typed(name, raw))
            except ViewStateError:
                notes.append(Sentence(_INVALID, what=what, value=_shown(name, getattr(base, name))))
        return base.replace(**changes), notes

    def theme(self) -> str:
        return self.view_state(ViewState())[0].theme

    def set_theme(self, theme: str) -> None:
        self.store.setValue("view/theme", theme)

    def unrolled(self) -> bool:
        return self.view_state(ViewState())[0].unrolled

    def set_unrolled(self, on: bool) -> None:
        self.store.setValue("view/unrolled", "true" if on else "false")

    def reduced_motion(self) -> bool:
        return self.view_state(ViewState())[0].reduced_motion

    def set_reduced_motion(self, on: bool) -> None:
        self.store.setValue("view/reduced_motion", "true" if on else "false")

    def speed(self) -> float:
        return self.view_state(ViewState())[0].speed

    def set_speed(self, speed: float) -> None:
        self.store.setValue("playback/speed", speed)

    def set_pinned_units(self, units: tuple[int, ...]) -> None:
        self.store.setValue("view/pinned_units", ",".join(map(str, units)))

    def language(self) -> str | None:
        """The language chosen in View → Language, or None (follow the system)."""
        return self.remembered_language()[0]

    def remembered_language(self) -> tuple[str | None, list[Sentence]]:
        """The language chosen in View → Language (None: follow the system), and a note
        when the remembered one is not a language this version speaks."""
        value = self.store.value("view/language")
        if value is None or (isinstance(value, str) and value in LANGUAGES):
            return value, []
        return None, [Sentence(_INVALID, what=tr_noop("language"), value=tr_noop("the system's"))]

    def set_language(self, code: str) -> None:
        self.store.setValue("view/language", code)

    # -- settings -------------------------------------------------------------

    def remembered_settings(self) -> tuple[Settings | None, list[Sentence]]:
        """The settings of the last run (``None`` if none were saved), each field checked
        as if typed: a bad one is dropped for its default, with a note."""
        raw = self.store.value("session/settings")
        if raw is None:
            return None, []
        try:
            data = json.loads(raw) if isinstance(raw, str) else None
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            return None, [
                Sentence(_INVALID, what=tr_noop("settings"), value=tr_noop("the defaults"))
            ]
        notes: list[Sentence] = []
        for name, what in (
            ("weights", tr_noop("weight file")),
            ("sequence_file", tr_noop("sequence file")),
        ):
            # A remembered file must still be a file (not gone, not a device).
            path = data.get(name)
            if path is not None and not (isinstance(path, str) and Path(path).is_file()):
                del data[name]
                if name == "sequence_file" and data.get("sequence") == "file":
                    del data["sequence"]
                notes.append(Sentence(_INVALID, what=what, value=tr_noop("the default")))
        settings, errors = check_settings(data)
        notes += [
            Sentence(_INVALID, what=err.field or tr_noop("settings"), value=tr_noop("the default"))
            for err in errors
        ]
        return settings, notes

    def last_settings(self) -> Settings | None:
        """The settings of the last run, or None if absent (bad fields set to defaults)."""
        return self.remembered_settings()[0]

    def save_settings(self, settings: Settings) -> None:
        self.store.setValue("session/settings", json.dumps(settings.as_dict()))

    def sync(self) -> None:
        self.store.sync()


def _typed(name: str, raw: Any) -> Any:
    """A stored value as the field's type: an ini file gives strings back."""
    if name in ("unrolled", "reduced_motion"):
        return {"true": True, "false": False}.get(str(raw).lower(), raw)
    if name == "pinned_units" and isinstance(raw, str):  # "3,17"; "" is no pins
        try:
            return [int(u) for u in raw.split(",") if u.strip()]
        except ValueError:
            return raw
    if name == "speed" and isinstance(raw, str):
        try:
            return float(raw)
        except ValueError:
            return raw
    return raw


def _shown(name: str, value: Any) -> str:
    if name == "speed":
        return f"{value:g}×"
    if name == "pinned_units":
        return ", ".join(map(str, value)) if value else tr_noop("the most active units")
    if isinstance(value, bool):
        return tr_noop("on") if value else tr_noop("off")
    return str(value)
