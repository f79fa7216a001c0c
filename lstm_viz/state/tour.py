"""The guided tour's chapters: scenario files in ``resources/tour``, in file-name order.

A chapter is a lesson-format scenario file (title, intro, ``[translations.zh_CN]``,
settings, playback, view): one click puts its model, sequence, panel and cursor
on screen and shows its intro as the chapter's text. ``resources/tour/FORMAT.md``
says how to write one. Found with :mod:`importlib.resources`, like the lessons.
"""

from __future__ import annotations

from importlib.abc import Traversable
from importlib.resources import files

from .scenario import read_scenario
from .scenario_value import Scenario

__all__ = ["chapter_files", "read_chapter", "tour_folder"]


def tour_folder() -> Traversable:
    """The folder of the tour's chapters."""
    return files("lstm_viz.resources") / "tour"


def chapter_files() -> list[Traversable]:
    """Every chapter file (``NN_name.toml``), in file-name order."""
    items = [t for t in tour_folder().iterdir() if t.name.endswith(".toml") and t.is_file()]
    return sorted(items, key=lambda t: t.name)


def read_chapter(item: Traversable) -> Scenario:
    """One chapter as a scenario (raises what ``read_scenario`` raises for a bad file)."""
    return read_scenario(item)
