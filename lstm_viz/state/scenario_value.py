"""The scenario value: what a scenario file holds, and the names it may use. No Qt."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .settings import Settings
from .timeline import Cursor

#: The newest file format this version reads and the one it writes.
FORMAT = 1
MAX_SPEED = 64.0
SETTING_NAMES = tuple(f.name for f in fields(Settings))


@dataclass(frozen=True)
class Scenario:
    """Everything that decides what the window shows.

    Attributes
    ----------
    settings
        What the engine computes from; ``settings.weights`` is a file path.
    cursor, speed, loop
        Where playback stands, its speed (steps per second) and whether it loops.
    theme, language, unrolled
        ``"light"``/``"dark"``; ``"en"``/``"zh_CN"`` (``None``: keep the reader's
        language, as the bundled lessons do); the unrolled diagram.
    docks
        objectNames of the visible docks; ``None`` leaves the window's docks alone.
    panel
        The Gradients dock's current panel (one of :data:`PANELS`), or ``None``.
    clip
        The clipping threshold for the clipping panel (a gradient norm), or ``None``.
    title, intro
        A lesson's title and the short text the window shows when it opens.
    translations
        ``(language, title, intro)`` for other languages (the file's
        ``[translations.<language>]`` tables); see :meth:`text_in`.
    locks
        Names of :class:`Settings` fields a teacher locks in presentation mode.
    unknown_fields
        Dotted names of fields in the file this version does not know (read
        only; never written back). The window should warn about them.
    """

    settings: Settings = field(default_factory=Settings)
    cursor: Cursor = field(default_factory=Cursor)
    speed: float = 1.0
    loop: bool = True
    theme: str = "light"
    language: str | None = None
    unrolled: bool = False
    docks: tuple[str, ...] | None = None
    panel: str | None = None
    clip: float | None = None
    title: str = ""
    intro: str = ""
    translations: tuple[tuple[str, str, str], ...] = ()
    locks: tuple[str, ...] = ()
    unknown_fields: tuple[str, ...] = ()

    def text_in(self, language: str) -> tuple[str, str]:
        """The title and intro to show in ``language`` (the untranslated ones when the
        file has no translation, or only a part of one)."""
        for lang, title, intro in self.translations:
            if lang == language:
                return title or self.title, intro or self.intro
        return self.title, self.intro
