"""Can a Qt window be shown here? Answered before Qt is imported.

On Linux with no display and no ``QT_QPA_PLATFORM``, creating a ``QApplication``
does not raise: Qt prints "could not connect to display", then the misleading
"xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin"
(even when that library is installed) and aborts the process (SIGABRT, exit
status 134). So the GUI entry point asks :func:`display_problem` first and
prints its message instead.

This module imports no Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from importlib.util import find_spec
from pathlib import Path

__all__ = ["display_problem", "missing_system_libraries"]

# Systems where Qt's default platform (cocoa, windows) needs no environment variable.
_NATIVE_WINDOW_SYSTEMS = ("darwin", "win32", "cygwin")

_HEADLESS_HELP = """\
  - On a desktop, start it from a terminal inside the graphical session
    (over SSH: `ssh -X`, so that DISPLAY is set).
  - On a machine without a screen, run it under a virtual X server:
        xvfb-run -a lstm-viz
  - Or work without a window:
        lstm-viz export ...     write what the window shows: PNG, SVG, GIF, APNG, MP4
        lstm-viz simulate ...   compute and print the model's numbers
        lstm-viz train ...      train a model on a task and save its weights"""


def _platform_usable(entry: str, env: Mapping[str, str]) -> bool:
    """Whether one ``QT_QPA_PLATFORM`` entry ("name" or "name:options") can start."""
    name = entry.split(":", 1)[0].strip().lower()
    if not name:
        return False
    if name == "xcb":
        return bool(env.get("DISPLAY"))
    if name.startswith("wayland"):  # wayland, wayland-egl, wayland-brcm
        return bool(env.get("WAYLAND_DISPLAY"))
    # A headless plugin, a native one, or one we do not know: trust the user's choice.
    return True


def display_problem(
    env: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> str | None:
    """None when a Qt window can be shown, else a friendly multi-line explanation.

    Looks only at the environment (no Qt, no connection attempt): a DISPLAY that
    points to a dead X server is not detected.
    """
    if platform.startswith(_NATIVE_WINDOW_SYSTEMS):
        return None
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        # Qt accepts a ";"-separated list of fallbacks and uses the first that starts.
        entries = [e for e in requested.split(";") if e.strip()]
        if any(_platform_usable(e, env) for e in entries):
            return None
        reason = (
            f"QT_QPA_PLATFORM={requested} needs a display server, but "
            "neither DISPLAY (X11) nor WAYLAND_DISPLAY (Wayland) is set."
        )
    elif env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    else:
        reason = "There is no display: neither DISPLAY (X11) nor WAYLAND_DISPLAY (Wayland) is set."
    return f"lstm-viz cannot open its window. {reason}\n{_HEADLESS_HELP}"


_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)


def _parse_ldd(output: str) -> list[str]:
    """The sonames that ``ldd`` reports as "not found", sorted, without duplicates."""
    return sorted(set(_NOT_FOUND.findall(output)))


def missing_system_libraries(platform: str = "xcb") -> list[str]:
    """System libraries that Qt's platform plugin ``platform`` needs but cannot find.

    Linux only and best effort: [] when the answer cannot be found (no ``ldd``,
    no PySide6, not Linux). Qt's own message for a missing xcb library always
    names libxcb-cursor0, whichever library is actually missing.
    """
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    try:
        spec = find_spec("PySide6")  # locates the package without importing it
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    plugin = Path(next(iter(spec.submodule_search_locations)))
    plugin = plugin / "Qt" / "plugins" / "platforms" / f"libq{platform}.so"
    if not plugin.is_file():
        return []
    try:
        result = subprocess.run(
            ["ldd", str(plugin)], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return _parse_ldd(result.stdout)
