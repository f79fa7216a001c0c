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
    """A path from the file, relative ones taken from the scenario's folder."""
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    if base_dir is None:
        raise ScenarioError(field, f"the relative path {path!r} needs the scenario's folder")
    return (base_dir / p).resolve()


def read_weights(table: Table, base_dir: Path | None, cache_dir: Path | None) -> str | None:
    """The weight file the ``[weights]`` table names or holds; ``None`` when it is empty."""
    if table.has("file"):
        for key in (*PARAM_NAMES, "kind"):
            if table.has(key):
                raise ScenarioError(
                    table.prefix + key, "give either file = ... or the arrays inline, not both"
                )
        path = resolve(table.take("file", text), base_dir, table.prefix + "file")
        if path.suffix.lower() not in WEIGHT_SUFFIXES:
            raise ScenarioError(
                table.prefix + "file",
                f"must be a .npz or .safetensors file, got {path.name!r}",
            )
        if not path.is_file():
            raise ScenarioError(table.prefix + "file", f"no such file: {path}")
        return str(path)
    if not table.data:
        return None
    kind = table.take("kind", choice(KINDS))
    if kind is None:
        raise ScenarioError(table.prefix + "kind", f"missing; one of {', '.join(KINDS)}")
    params = {}
    for name in PARAM_NAMES:
        value = table.take(name, _array(2 if name.startswith("weight") else 1))
        if value is None and name.startswith("weight"):
            raise ScenarioError(table.prefix + name, "missing")
        if value is not None:
            params[name] = value
    try:
        check_params(params, kind, source="inline weights")
    except WeightsError as err:
        raise ScenarioError(table.prefix.rstrip("."), str(err)) from None
    return str(cache_inline(kind, params, cache_dir or default_cache_dir()))


def _array(ndim: int) -> Callable[[str, Any], np.ndarray]:
    shape = "a list of rows of numbers" if ndim == 2 else "a list of numbers"

    def check(field: str, value: Any) -> np.ndarray:
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
