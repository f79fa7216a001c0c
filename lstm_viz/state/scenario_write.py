"""Writing scenario files (the reading side and the format are in :mod:`.scenario`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import tomli_w

from ..files import atomic_write, atomic_write_text
from .scenario_value import FORMAT, Scenario
from .scenario_weights import weights_table, weights_toml


def scenario_to_text(
    scenario: Scenario,
    folder: str | os.PathLike[str],
    stem: str = "scenario",
    *,
    inline: bool | None = None,
) -> str:
    """The TOML text of ``scenario`` as saved in ``folder``.

    Paths (a sequence file, a weight file) are written relative to ``folder``.
    A sequence file elsewhere is copied into ``folder`` as ``<stem>.sequence.csv``;
    a weight file elsewhere is either inlined (small models; ``inline=None``
    decides by size) or copied as ``<stem>.weights.npz``.
    """
    folder = Path(folder).resolve()
    s = scenario.settings
    settings: dict[str, Any] = {
        "model": s.model,
        "hidden_size": s.hidden_size,
        "input_size": "auto" if s.input_size is None else s.input_size,
        "sequence": s.sequence,
        "length": s.length,
        "seed": s.seed,
        "recurrent_scale": "default" if s.recurrent_scale is None else float(s.recurrent_scale),
        "forget_bias": "default" if s.forget_bias is None else float(s.forget_bias),
        "init": s.init,
        "trained": s.trained,
    }
    if s.custom_text:
        settings["custom_text"] = s.custom_text
    if s.sequence_file:
        settings["sequence_file"] = _beside(Path(s.sequence_file), folder, f"{stem}.sequence")
    if s.text:
        settings["text"] = s.text
    if s.tokenizer != "chars":
        settings["tokenizer"] = s.tokenizer
    for name in ("vocab_file", "labels_file"):
        if path := getattr(s, name):
            settings[name] = _beside(Path(path), folder, f"{stem}.{name.removesuffix('_file')}")
    if s.sequence_columns:
        settings["sequence_columns"] = s.sequence_columns
    if s.weights and s.weights_module is not None:
        settings["weights_module"] = s.weights_module
    c, v = scenario.cursor, scenario.view
    view: dict[str, Any] = {"theme": v.theme, "unrolled": v.unrolled}
    decided = scenario.view_changes()
    if "language" in decided:
        view["language"] = v.language
    if "docks" in decided:
        view["docks"] = list(v.docks)
    if "panel" in decided:
        view["panel"] = v.panel
    if "clip" in decided:
        view["clip"] = float(v.clip)
    if "pinned_units" in decided:
        view["pinned_units"] = list(v.pinned_units)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "title": scenario.title,
        "intro": scenario.intro,
        "locks": list(scenario.locks),
        **_translations(scenario),
        "settings": settings,
        "playback": {
            "t": c.t,
            "stage": c.stage,
            "phase": float(c.phase),
            "backward": c.backward,
            "speed": float(v.speed),
            "loop": scenario.loop,
        },
        "view": view,
    }
    header = "# lstm-viz scenario: open it with `lstm-viz FILE` or File → Open scenario.\n"
    content = header + tomli_w.dumps(doc, multiline_strings=True)
    if s.weights:
        content += "\n" + weights_toml(weights_table(s.weights, folder, stem, inline))
    return content


def write_scenario(
    path: str | os.PathLike[str], scenario: Scenario, *, inline: bool | None = None
) -> Path:
    """Save ``scenario`` to ``path`` atomically (see :func:`scenario_to_text`)."""
    path = Path(path)
    content = scenario_to_text(scenario, path.parent, path.stem, inline=inline)
    return atomic_write_text(path, content)


def _translations(scenario: Scenario) -> dict[str, Any]:
    tables = {lang: {"title": t, "intro": i} for lang, t, i in scenario.translations}
    return {"translations": tables} if tables else {}


def _beside(path: Path, folder: Path, stem: str) -> str:
    """``path`` relative to ``folder``, copied there as ``<stem><suffix>`` when it lies
    elsewhere: a scenario reads only the files in its own folder."""
    path = path.resolve()
    if not path.is_relative_to(folder):
        target = folder / f"{stem}{path.suffix.lower()}"
        data = path.read_bytes()
        atomic_write(target, lambda f: f.write(data))
        path = target
    return path.relative_to(folder).as_posix()
