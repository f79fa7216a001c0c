"""The scenario value: what a scenario file holds, and the names it may use. No Qt."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .settings import Settings
from .timeline import Cursor

#: The newest file format this version reads and the one it writes.
FORMAT = 1
THEMES = ("light", "dark")
LANGUAGES = ("en", "zh_CN")
#: The Gradients dock's panels (the same names as ``export.options.PANELS``).
PANELS = ("gradient", "paths", "gates", "stability", "clipping", "connectivity", "saturation")
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
        ``"light"``/``"dark"``, ``"en"``/``"zh_CN"``, the unrolled diagram.
    docks
        objectNames of the visible docks; ``None`` leaves the window's docks alone.
    panel
        The Gradients dock's current panel (one of :data:`PANELS`), or ``None``.
    clip
        The clipping threshold for the clipping panel (a gradient norm), or ``None``.
    title, intro
        A lesson's title and the short text the window shows when it opens.
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
    language: str = "en"
    unrolled: bool = False
    docks: tuple[str, ...] | None = None
    panel: str | None = None
    clip: float | None = None
    title: str = ""
    intro: str = ""
    locks: tuple[str, ...] = ()
    unknown_fields: tuple[str, ...] = ()
