"""The ``[weights]`` table of a scenario: a file beside it, or small weights inline.

Inline weights are PyTorch's four arrays as nested lists of floats, written with
``repr`` precision so they read back bit for bit. The engine reads weights from
a file (``Settings.weights`` is a path), so reading a scenario writes inline
weights once to a *cache file* named by a hash of their content: the same
weights always map to the same file, a second open writes nothing, and two
scenarios with equal weights share it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..engine.io.weights import KINDS, PARAM_NAMES, WeightsError, check_params, save_weights
from ..files import atomic_write
from ..i18n_marks import tr_noop
from .scenario_fields import ScenarioError, Table, choice, text

#: Models with at most this many parameters are written inline by default.
INLINE_LIMIT = 4096
#: File types a scenario may point at: never ``.pt`` (that would unpickle).
WEIGHT_SUFFIXES = (".npz", ".safetensors")


def default_cache_dir() -> Path:
    """The per-user cache folder for inline weights (created on first use)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "lstm-viz" / "weights"


def resolve(path: str, base_dir: Path | None, field: str) -> Path:
    """A path from the file, relative ones taken from the scenario's folder.

    The path must lie in that folder (after following links): a scenario names
    the files that travel with it, never another file of the reader's.
    """
    p = Path(path).expanduser()
    if base_dir is None:
        raise ScenarioError(
            field, tr_noop("the path {path!r} needs the scenario's folder"), path=path
        )
    folder = base_dir.resolve()
    resolved = (folder / p).resolve()
    if not resolved.is_relative_to(folder):
        raise ScenarioError(
            field,
            tr_noop("{path!r} lies outside the scenario's folder; put the file beside it"),
            path=path,
        )
    return resolved


def read_weights(table: Table, base_dir: Path | None, cache_dir: Path | None) -> str | None:
    """The weight file the ``[weights]`` table names or holds; ``None`` when it is empty
    or wrong (its problems are then in ``table.problems``)."""
    before = len(table.problems)
    if table.has("file"):
        for key in (*PARAM_NAMES, "kind"):
            if table.has(key):
                raise ScenarioError(
                    table.prefix + key, "give either file = ... or the arrays inline, not both"
                )
        return table.take("file", lambda field, v: _weight_file(text(field, v), base_dir, field))
    if not table.data:
        return None
    kind = table.take("kind", choice(KINDS))
    if kind is None and not table.has("kind"):
        table.problems.append(
            ScenarioError(table.prefix + "kind", f"missing; one of {', '.join(KINDS)}")
        )
    params = {}
    for name in PARAM_NAMES:
        value = table.take(name, _array(2 if name.startswith("weight") else 1))
        if not table.has(name) and name.startswith("weight"):
            table.problems.append(ScenarioError(table.prefix + name, "missing"))
        if value is not None:
            params[name] = value
    if len(table.problems) > before:
        return None
    try:
        check_params(params, kind, source="inline weights")
    except WeightsError as err:
        raise ScenarioError(table.prefix.rstrip("."), str(err)) from None
    return str(cache_inline(kind, params, cache_dir or default_cache_dir()))


def _weight_file(path: str, base_dir: Path | None, field: str) -> str:
    resolved = resolve(path, base_dir, field)
    if resolved.suffix.lower() not in WEIGHT_SUFFIXES:
        raise ScenarioError(field, f"must be a .npz or .safetensors file, got {resolved.name!r}")
    if not resolved.is_file():
        raise ScenarioError(field, f"no such file: {resolved}")
    return str(resolved)


#: An inline array holds at most this many numbers; larger weights go in a file.
MAX_INLINE_NUMBERS = 2**20


def _count(value: Any) -> int:
    """How many numbers a nested list holds (its nesting is bounded by the reader)."""
    return sum(_count(v) for v in value) if isinstance(value, list) else 1


def _array(ndim: int) -> Callable[[str, Any], np.ndarray]:
    shape = "a list of rows of numbers" if ndim == 2 else "a list of numbers"

    def check(field: str, value: Any) -> np.ndarray:
        count = _count(value)
        if count > MAX_INLINE_NUMBERS:
            raise ScenarioError(
                field,
                tr_noop(
                    "holds {count} numbers, more than the {limit} an inline array may; "
                    "save the weights in a file beside the scenario"
                ),
                count=count,
                limit=MAX_INLINE_NUMBERS,
            )
        try:
            array = np.array(value, dtype=np.float64)
        except (ValueError, TypeError):
            raise ScenarioError(field, f"must be {shape}, rows of equal length") from None
        if array.ndim != ndim:
            raise ScenarioError(field, f"must be {shape}, got {array.ndim} dimension(s)")
        if not np.isfinite(array).all():
            raise ScenarioError(field, "must hold finite numbers only (no nan or inf)")
        return array

    return check


def cache_inline(kind: str, params: dict[str, np.ndarray], cache_dir: Path) -> Path:
    """Write inline weights to ``cache_dir/inline-<hash>.npz`` unless it is there; its path."""
    digest = hashlib.sha256(kind.encode())
    for name in PARAM_NAMES:
        if name in params:
            a = np.ascontiguousarray(params[name], dtype="<f8")
            digest.update(f"{name}{a.shape}".encode())
            digest.update(a.tobytes())
    path = Path(cache_dir) / f"inline-{kind}-{digest.hexdigest()[:24]}.npz"
    if not path.is_file():
        # Content-addressed: an existing file holds exactly these numbers already.
        path.parent.mkdir(parents=True, exist_ok=True)
        save_weights(path, kind, params)
    return path


def weights_table(weights: str, folder: Path, stem: str, inline: bool | None) -> dict[str, Any]:
    """The ``[weights]`` table that stands for the weight file ``weights``.

    Inline when ``inline`` says so, or (``None``) when the model is small and the
    file holds nothing but the recurrent layer; otherwise a path relative to the
    scenario's ``folder``, copying the file there as ``<stem>.weights.npz`` (or
    ``.safetensors``) when it lives elsewhere, so the folder is self-contained.
    """
    from ..engine.io.weights import load_weights

    source = Path(weights)
    wf = load_weights(source)
    count = sum(int(a.size) for a in wf.params.values())
    if inline is None:
        inline = count <= INLINE_LIMIT and not wf.extra
    if inline:
        arrays = {name: wf.params[name].tolist() for name in PARAM_NAMES}
        return {"kind": wf.kind, **arrays}
    source = source.resolve()
    folder = folder.resolve()
    if not source.is_relative_to(folder):
        target = folder / f"{stem}.weights{source.suffix.lower()}"
        data = source.read_bytes()
        atomic_write(target, lambda f: f.write(data))
        source = target
    return {"file": source.relative_to(folder).as_posix()}


def weights_toml(table: dict[str, Any]) -> str:
    """The ``[weights]`` table as TOML text, one matrix row per line.

    Written by hand because a generic writer puts every number on a line of its
    own; ``repr`` is the shortest text that reads back as the same float.
    """

    def row(values: list[float]) -> str:
        return "[" + ", ".join(repr(float(v)) for v in values) + "]"

    lines = ["[weights]"]
    for key, value in table.items():
        if isinstance(value, str):
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        elif value and isinstance(value[0], list):
            lines += [f"{key} = [", *(f"    {row(r)}," for r in value), "]"]
        else:
            lines.append(f"{key} = {row(value)}")
    return "\n".join(lines) + "\n"
