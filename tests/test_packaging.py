"""The package ships every subpackage and its resources, from a checkout and a wheel."""

from __future__ import annotations

import importlib.resources
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

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


# -- the wheel, installed elsewhere -------------------------------------------------------

#: What a wheel is built from (a copy, so no build/ folder of old files in the checkout).
SOURCES = ("pyproject.toml", "README.md", "lstm_viz", "resources")


def _run(*args: str | Path, env: dict[str, str] | None = None, cwd: Path) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed:\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.mark.slow
def test_the_wheel_installs_into_a_fresh_venv_and_exports_a_png(tmp_path: Path) -> None:
    """Built, installed without -e into a new venv, `lstm-viz export` runs from there.

    The new venv has no pip and no network: the dependencies come from this test
    venv's site-packages through a .pth line (which runs none of that folder's own .pth
    files, so not the editable install's finder), and this pip installs the wheel.
    """
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input")
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", wheels, source, cwd=tmp_path)
    (wheel,) = wheels.glob("lstm_viz-*.whl")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    inside = {"base": str(venv), "platbase": str(venv)}
    new_site = Path(sysconfig.get_path("purelib", vars=inside))
    scripts = Path(sysconfig.get_path("scripts", vars=inside))
    python = scripts / Path(sys.executable).name
    site_packages = sysconfig.get_path("purelib")
    (new_site / "lstm_viz_test_dependencies.pth").write_text(f"{site_packages}\n")
    _run(*pip, "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=tmp_path)

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    where = _run(
        python,
        "-c",
        "import importlib.resources, lstm_viz; print(lstm_viz.__file__); "
        "print(sum(1 for f in (importlib.resources.files('lstm_viz.resources') / 'lessons')"
        ".iterdir() if f.name.endswith('.toml')))",
        env=env,
        cwd=tmp_path,
    ).split()
    assert Path(where[0]).is_relative_to(new_site), where[0]
    assert int(where[1]) > 0  # the resources came with the wheel

    png = tmp_path / "x.png"
    _run(scripts / "lstm-viz", "export", "--out", png, env=env, cwd=tmp_path)
    from PIL import Image

    with Image.open(png) as image:
        assert image.format == "PNG" and image.width > 100 and image.height > 100
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 16  # a drawn picture, not a blank frame
