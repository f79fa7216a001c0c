"""What the window remembers between runs (QSettings): geometry, docks, theme, last settings."""

from __future__ import annotations

import json
from dataclasses import fields

from PySide6.QtCore import QByteArray, QSettings

from ..state.settings import Settings
from ..state.vocabulary import LANGUAGES, THEMES

ORGANIZATION = "lstm-viz"
APPLICATION = "lstm-viz"


class Preferences:
    """A thin, typed layer over one QSettings store.

    Tests pass their own ``QSettings`` (an ini file in a temporary folder), so
    they never touch the user's preferences.
    """

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings(ORGANIZATION, APPLICATION)

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

    def theme(self) -> str:
        value = self.store.value("view/theme", "light")
        return value if value in THEMES else THEMES[0]

    def set_theme(self, theme: str) -> None:
        self.store.setValue("view/theme", theme)

    def unrolled(self) -> bool:
        return str(self.store.value("view/unrolled", "false")).lower() == "true"

    def set_unrolled(self, on: bool) -> None:
        self.store.setValue("view/unrolled", "true" if on else "false")

    def language(self) -> str | None:
        """The language chosen in View → Language, or None (follow the system)."""
        value = self.store.value("view/language")
        return value if value in LANGUAGES else None

    def set_language(self, code: str) -> None:
        self.store.setValue("view/language", code)

    def reduced_motion(self) -> bool:
        return str(self.store.value("view/reduced_motion", "false")).lower() == "true"

    def set_reduced_motion(self, on: bool) -> None:
        self.store.setValue("view/reduced_motion", "true" if on else "false")

    def speed(self) -> float:
        try:
            return float(self.store.value("playback/speed", 1.0))
        except (TypeError, ValueError):
            return 1.0

    def set_speed(self, speed: float) -> None:
        self.store.setValue("playback/speed", speed)

    # -- settings -------------------------------------------------------------

    def last_settings(self) -> Settings | None:
        """The settings of the last run, or None if absent or no longer valid."""
        raw = self.store.value("session/settings")
        if not isinstance(raw, str):
            return None
        try:
            data = json.loads(raw)
            known = {f.name for f in fields(Settings)}
            settings = Settings(**{k: v for k, v in data.items() if k in known})
            settings.validate()
        except (ValueError, TypeError):
            return None
        return settings

    def save_settings(self, settings: Settings) -> None:
        self.store.setValue("session/settings", json.dumps(settings.as_dict()))

    def sync(self) -> None:
        self.store.sync()
