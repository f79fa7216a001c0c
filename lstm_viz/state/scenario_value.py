"""The scenario value: what a scenario file holds, and the names it may use. No Qt."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from .settings import Settings
from .timeline import Cursor
from .view_state import MAX_SPEED, ViewState

__all__ = [
    "ALWAYS_DECIDED",
    "FORMAT",
    "MAX_SPEED",
    "SCENARIO_VIEW_FIELDS",
    "SETTING_NAMES",
    "Scenario",
]

#: The newest file format this version reads and the one it writes.
FORMAT = 1
SETTING_NAMES = tuple(f.name for f in fields(Settings))
#: The view fields a scenario file can hold. Reduced motion and presentation mode are
#: the viewer's own choices (a flag or the menu), never a file's.
SCENARIO_VIEW_FIELDS = (
    "theme",
    "language",
    "unrolled",
    "docks",
    "panel",
    "clip",
    "speed",
    "backward",
    "pinned_units",
)
#: The view fields every scenario decides (a file that leaves them out gets the defaults);
#: the others, left out, stay as the reader has them.
ALWAYS_DECIDED = frozenset({"theme", "unrolled", "speed", "backward"})


@dataclass(frozen=True)
class Scenario:
    """Everything that decides what the window shows: settings + playback + view state.

    Attributes
    ----------
    settings
        What the engine computes from; ``settings.weights`` is a file path.
    cursor, loop
        Where playback stands and whether it loops (its speed and direction are
        in ``view``; ``cursor.backward`` is ``view.backward``).
    view
        How it is shown (:class:`~lstm_viz.state.view_state.ViewState`).
    decides
        The fields of ``view`` this scenario sets; opening it leaves the others
        as the reader has them (a bundled lesson leaves the language alone).
    title, intro
        A lesson's title and the short text the window shows when it opens
        (plain text: never read as HTML).
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
    loop: bool = True
    view: ViewState = field(default_factory=ViewState)
    decides: frozenset[str] = ALWAYS_DECIDED
    title: str = ""
    intro: str = ""
    translations: tuple[tuple[str, str, str], ...] = ()
    locks: tuple[str, ...] = ()
    unknown_fields: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "decides", frozenset(self.decides))
        if not self.decides <= set(SCENARIO_VIEW_FIELDS) or not self.decides >= ALWAYS_DECIDED:
            raise ValueError(f"a scenario decides {sorted(self.decides)}, not a valid choice")
        if self.cursor.backward != self.view.backward:
            raise ValueError("the cursor's direction and the view's differ")

    def with_view(self, **changes: Any) -> Scenario:
        """This scenario also deciding the view fields in ``changes``, set to those values."""
        view = self.view.replace(**changes)
        cursor = replace(self.cursor, backward=view.backward)
        return replace(self, view=view, cursor=cursor, decides=self.decides | changes.keys())

    def view_changes(self) -> dict[str, Any]:
        """The view fields this scenario decides, with their values."""
        return {
            name: getattr(self.view, name) for name in SCENARIO_VIEW_FIELDS if name in self.decides
        }

    def text_in(self, language: str) -> tuple[str, str]:
        """The title and intro to show in ``language`` (the untranslated ones when the
        file has no translation, or only a part of one)."""
        for lang, title, intro in self.translations:
            if lang == language:
                return title or self.title, intro or self.intro
        return self.title, self.intro
