"""The package ships every subpackage and its resources, from a checkout and a wheel."""

from __future__ import annotations

import importlib.resources
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_for_installation() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "lstm_viz").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "lstm_viz.resources" in listed


def test_resources_are_found_through_importlib() -> None:
    lessons = importlib.resources.files("lstm_viz.resources") / "lessons"
    assert any(item.name.endswith(".toml") for item in lessons.iterdir())
