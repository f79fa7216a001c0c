"""Where the commands write: the one JSON writer, and the checks made before the work. No Qt.

``-`` is standard output; any other path is written as :mod:`lstm_viz.files`
says (atomically for a file, streamed into a device or pipe, refused for a
folder). Paths are checked before the work starts, so a minute of training is
never lost to a typo in ``--json``.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

import numpy as np

from ..files import TargetError, atomic_write_text, writable_target
from ..i18n_core import error_text, tr
from ._errors import BAD_INPUT, FAILED, CommandError, note

__all__ = ["check_output", "clean", "json_text", "stdout_closed", "write_json"]


def stdout_closed() -> CommandError:
    return CommandError(
        tr("standard output is closed, so '-' cannot be written"),
        tr("give a file name instead of '-', or run with standard output open"),
    )


def _target_error(option: str, path: str, err: TargetError) -> CommandError:
    what, _, todo = error_text(err).partition(" — ")
    return CommandError(f"{option} {path}: {what}", todo or tr("choose another path"), BAD_INPUT)


def check_output(option: str, path: str | None) -> None:
    """Raise :class:`CommandError` now if ``path`` (given as ``option``) cannot be written."""
    if path is None:
        return
    if path == "-":
        if sys.stdout is None:
            raise stdout_closed()
        return
    try:
        writable_target(path)
    except TargetError as err:
        raise _target_error(option, path, err) from None


def clean(value: Any) -> Any:
    """JSON has no inf/nan: non-finite numbers become null (NumPy numbers plain ones)."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def json_text(data: Any) -> str:
    return json.dumps(clean(data), indent=1, allow_nan=False) + "\n"


def write_json(option: str, path: str, data: Any) -> None:
    """Write ``data`` as JSON to ``path`` (``-``: standard output); a note says where.

    Raises :class:`CommandError`: status 2 for a path that cannot take it, 1
    when the write itself fails (a full disk, a closed pipe).
    """
    text = json_text(data)
    if path == "-":
        if sys.stdout is None:
            raise stdout_closed()
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        atomic_write_text(path, text)
    except TargetError as err:
        raise _target_error(option, path, err) from None
    except OSError as err:
        raise CommandError(
            tr("cannot write {path}: {why}").format(path=path, why=err.strerror or err),
            tr("nothing was written; free some space or choose another path, then run again"),
            FAILED,
        ) from None
    note(tr("wrote {path}").format(path=path))
