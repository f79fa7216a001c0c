"""The names the app's layers share, each defined once. No Qt.

Model kinds come from the engine's cells, themes from the palette, languages
from :mod:`lstm_viz.languages`; the plot panels are defined here. Widgets,
menus, the command line, scenario files and export options all read these.
"""

from __future__ import annotations

from ..engine.cells import MODELS
from ..i18n_marks import tr_noop
from ..languages import LANGUAGES as _LANGUAGE_NAMES
from ..palette import THEMES as _THEME_COLOURS

__all__ = ["LANGUAGES", "MODEL_KINDS", "PANELS", "PANEL_TITLES", "THEMES", "THEME_TITLES"]

#: The recurrent models, in the order menus list them.
MODEL_KINDS: tuple[str, ...] = tuple(MODELS)

#: The themes, and how the menus name them (marked for translation).
THEMES: tuple[str, ...] = tuple(_THEME_COLOURS)
THEME_TITLES = {"light": tr_noop("Light"), "dark": tr_noop("Dark")}

#: Language codes (their own names are in :data:`lstm_viz.languages.LANGUAGES`).
LANGUAGES: tuple[str, ...] = tuple(_LANGUAGE_NAMES)

#: The Gradients dock's panels, in tab order, with their titles (marked for translation).
PANEL_TITLES = {
    "gradient": tr_noop("Gradient vs distance"),
    "paths": tr_noop("LSTM paths"),
    "gates": tr_noop("Gates over time"),
    "stability": tr_noop("Stability map"),
    "clipping": tr_noop("Clipping"),
    "connectivity": tr_noop("Connectivity"),
    "saturation": tr_noop("Saturation"),
    "distance": tr_noop("Near vs far"),
    "explosion": tr_noop("Explosions"),
    "memory": tr_noop("First input"),
    "forgetting": tr_noop("Forgetting"),
    "text": tr_noop("Text"),
}
PANELS: tuple[str, ...] = tuple(PANEL_TITLES)
