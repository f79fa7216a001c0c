"""The lessons bundled with the app: scenario files in ``resources/lessons``.

They are found with :mod:`importlib.resources`, so they work from a checkout
(editable install) and from an installed wheel alike.
"""

from __future__ import annotations

import tomllib
from importlib.abc import Traversable
from importlib.resources import files


def lessons_folder() -> Traversable:
    """The folder of bundled lessons."""
    return files("lstm_viz.resources") / "lessons"


def list_lessons(language: str = "en") -> list[tuple[str, Traversable]]:
    """The bundled lessons as (title in ``language``, file), in file-name order.

    Open one with ``read_scenario(file)``. Only the titles are read here, so the
    menu can be built without computing or caching anything.
    """
    lessons = []
    for item in sorted(lessons_folder().iterdir(), key=lambda t: t.name):
        if item.name.endswith(".toml") and item.is_file():
            data = tomllib.loads(item.read_text(encoding="utf-8"))
            translated = data.get("translations", {}).get(language, {}).get("title")
            lessons.append((str(translated or data.get("title") or item.name), item))
    return lessons
