"""Scenario files: everything on screen, in one human-readable TOML file.

A scenario holds what the engine computes from (:class:`Settings`, weights
included), where playback stands (:class:`Cursor`, speed, loop), what the
window shows (theme, language, unrolled, docks, gradient panel, clipping
threshold) and, for lessons, a title, a short intro and the settings a teacher
locks. Opening a file reproduces the state it was saved from. The file is
parsed, never executed or unpickled. Example (``format = 1``)::

    format = 1
    title = "The forget gate remembers the first input"
    intro = "A single 1.0 arrives at step 1 ..."
    locks = ["model"]               # settings a presentation keeps fixed

    [translations.zh_CN]            # the title and intro in another language (optional)
    title = "遗忘门记住了第一个输入"
    intro = "第 1 步输入一个 1.0 ..."

    [settings]                      # fields of Settings; left out = its default
    model = "lstm"                  # "lstm", "gru" or "rnn"
    hidden_size = 8
    input_size = "auto"             # or a whole number
    sequence = "impulse"            # a preset, "custom" (custom_text) or "file" (sequence_file)
    length = 40
    seed = 0
    recurrent_scale = "default"     # or the largest singular value of W_hh's blocks
    forget_bias = 3.0               # or "default"
    init = "uniform"                # or "orthogonal"

    [playback]
    t = 19                          # 0-based step
    stage = 2                       # stage index within the step (0 when backward)
    phase = 1.0                     # 0 → 1 through the stage
    backward = false
    speed = 1.0                     # steps per second
    loop = true

    [view]
    theme = "light"                 # or "dark"
    language = "en"                 # or "zh_CN"; left out = the reader's language
    unrolled = false
    docks = ["settingsDock", "plotsDock"]   # visible docks; left out = leave as they are
    panel = "gradient"              # the Gradients dock's panel; left out = leave it
    clip = 1.0                      # clipping threshold (max gradient norm); left out = off

    [weights]                       # left out: weights from seed and scales
    file = "model.npz"              # beside this file; or, inline:
    # kind = "lstm"; weight_ih = [[...]]; weight_hh = [[...]]; bias_ih = [...]; bias_hh = [...]

Inline weights are written to a content-addressed cache file when read (see
:mod:`.scenario_weights`), and ``Settings.weights`` is that file's path.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import replace
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from ..engine.data.sequences import MAX_STEPS
from ..i18n_marks import Sentence, tr_noop
from .lessons import list_lessons
from .scenario_fields import (
    ScenarioError,
    Table,
    boolean,
    choice,
    names,
    number,
    number_or_default,
    text,
    whole,
)
from .scenario_value import FORMAT, MAX_SPEED, SETTING_NAMES, Scenario
from .scenario_weights import (
    INLINE_LIMIT,
    default_cache_dir,
    read_weights,
    resolve,
)
from .scenario_write import scenario_to_text, write_scenario
from .settings import Settings, SettingsError
from .timeline import Cursor, stage_count
from .vocabulary import LANGUAGES, PANELS, THEMES

__all__ = [
    "FORMAT",
    "INLINE_LIMIT",
    "Scenario",
    "ScenarioError",
    "default_cache_dir",
    "list_lessons",
    "read_scenario",
    "scenario_from_text",
    "scenario_to_text",
    "unknown_fields_message",
    "write_scenario",
]

# -- reading -------------------------------------------------------------------------


def read_scenario(
    path: str | os.PathLike[str] | Traversable,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    strict: bool = False,
) -> Scenario:
    """Read a scenario file (a path, or a bundled lesson from :func:`list_lessons`).

    Parameters
    ----------
    path
        The ``.toml`` file; relative paths inside it resolve against its folder.
    cache_dir
        Where inline weights are written (default: :func:`default_cache_dir`).
    strict
        Raise on fields this version does not know instead of listing them in
        ``Scenario.unknown_fields``.

    Raises
    ------
    ScenarioError
        Naming the file and the field, for a bad value, a newer format, a file
        that is not TOML, or (``strict``) an unknown field. ``OSError`` when the
        file cannot be read at all.
    """
    name = getattr(path, "name", "") or str(path)
    content = path.read_text(encoding="utf-8") if isinstance(path, Traversable) else None
    if content is None:
        content = Path(path).read_text(encoding="utf-8")
    base = Path(str(path)).parent if Path(str(path)).parent.is_dir() else None
    return scenario_from_text(content, base, source=name, cache_dir=cache_dir, strict=strict)


def scenario_from_text(
    content: str,
    base_dir: str | os.PathLike[str] | None,
    *,
    source: str = "",
    cache_dir: str | os.PathLike[str] | None = None,
    strict: bool = False,
) -> Scenario:
    """Parse a scenario from its text; ``source`` (a file name) starts every message."""
    base = Path(base_dir).resolve() if base_dir is not None else None
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(
            "", tr_noop("not a valid TOML file: {why}"), source, why=str(err)
        ) from None
    try:
        scenario = _parse(data, base, Path(cache_dir) if cache_dir else None)
    except ScenarioError as err:
        raise err.at(err.field, source) from None
    if strict and scenario.unknown_fields:
        warning = unknown_fields_message(scenario, "")
        raise ScenarioError(scenario.unknown_fields[0], warning.template, source, **warning.slots)
    return scenario


def unknown_fields_message(scenario: Scenario, source: str) -> Sentence | None:
    """A one-line warning about the fields the app ignored (``None`` if there are none),
    starting with ``source`` when given; ``lstm_viz.i18n.say`` translates it."""
    if not scenario.unknown_fields:
        return None
    warning = Sentence(
        tr_noop(
            "this version does not know {fields}; those fields were ignored "
            "(the file may come from a newer lstm-viz)"
        ),
        fields=", ".join(scenario.unknown_fields),
    )
    if not source:
        return warning
    return Sentence(tr_noop("{source}: {warning}"), source=source, warning=warning)


def _parse(data: dict[str, Any], base: Path | None, cache_dir: Path | None) -> Scenario:
    unknown: list[str] = []
    top = Table(data, "", unknown)
    version = top.take("format", lambda field, v: v)
    if version is None:
        raise ScenarioError(
            "format", tr_noop("missing; a scenario file starts with format = {n}"), n=FORMAT
        )
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ScenarioError(
            "format", tr_noop("must be a whole number from 1, got {value!r}"), value=version
        )
    if version > FORMAT:
        raise ScenarioError(
            "format",
            tr_noop(
                "format {version} is newer than this app reads (up to {newest}); the file "
                "may use fields this version cannot show"
            ),
            version=version,
            newest=FORMAT,
        )
    title = top.take("title", text, "")
    intro = top.take("intro", text, "")
    locks = top.take("locks", names, ())
    for lock in locks:
        if lock not in SETTING_NAMES:
            raise ScenarioError(
                "locks", f"{lock!r} is not a setting; use {', '.join(SETTING_NAMES)}"
            )

    translations = _translations(top.table("translations"))
    weights = top.table("weights")
    settings = _settings(top.table("settings"), read_weights(weights, base, cache_dir), base)
    weights.finish()
    cursor, speed, loop = _playback(top.table("playback"), settings)
    view = top.table("view")
    scenario = Scenario(
        settings=settings,
        cursor=cursor,
        speed=speed,
        loop=loop,
        theme=view.take("theme", choice(THEMES), "light"),
        language=view.take("language", choice(LANGUAGES)),
        unrolled=view.take("unrolled", boolean, False),
        docks=view.take("docks", names),
        panel=view.take("panel", choice(PANELS)),
        clip=view.take("clip", number(0.0, 1e12, open_low=True)),
        title=title,
        intro=intro,
        translations=translations,
        locks=locks,
    )
    view.finish()
    top.finish()
    return replace(scenario, unknown_fields=tuple(unknown))


def _translations(table: Table) -> tuple[tuple[str, str, str], ...]:
    """The ``[translations.<language>]`` tables: a lesson's title and intro in other languages."""
    found = []
    for language in LANGUAGES:
        if table.has(language):
            one = table.table(language)
            found.append((language, one.take("title", text, ""), one.take("intro", text, "")))
            one.finish()
    table.finish()
    return tuple(found)


def _settings(table: Table, weights: str | None, base: Path | None) -> Settings:
    d = Settings()
    if table.has("weights"):
        raise ScenarioError("settings.weights", "weights go in the [weights] table (file = ...)")

    def auto(field: str, value: Any) -> Any:
        return None if value == "auto" else value  # Settings.validate checks the rest

    def as_is(field: str, value: Any) -> Any:
        return value

    values: dict[str, Any] = {
        "model": table.take("model", as_is, d.model),
        "hidden_size": table.take("hidden_size", as_is, d.hidden_size),
        "input_size": table.take("input_size", auto, d.input_size),
        "sequence": table.take("sequence", as_is, d.sequence),
        "length": table.take("length", as_is, d.length),
        "seed": table.take("seed", as_is, d.seed),
        "recurrent_scale": table.take("recurrent_scale", number_or_default, d.recurrent_scale),
        "forget_bias": table.take("forget_bias", number_or_default, d.forget_bias),
        "init": table.take("init", as_is, d.init),
        "custom_text": table.take("custom_text", text, d.custom_text),
        "weights": weights,
    }
    sequence_file = table.take("sequence_file", text)
    if sequence_file is not None:
        sequence_file = str(resolve(sequence_file, base, "settings.sequence_file"))
    values["sequence_file"] = sequence_file
    table.finish()
    settings = Settings(**values)
    try:
        settings.validate()
    except SettingsError as err:
        raise ScenarioError(f"settings.{err.field}", err.template, **err.slots) from None
    return settings


def _playback(table: Table, settings: Settings) -> tuple[Cursor, float, bool]:
    backward = table.take("backward", boolean, False)
    # A preset's length is known before computing; custom and file sequences are
    # checked against their real length when the window seeks (it clamps).
    steps = settings.length if settings.sequence not in ("custom", "file") else MAX_STEPS
    stages = 1 if backward else stage_count(settings.model)
    cursor = Cursor(
        t=table.take("t", whole(0, steps - 1), 0),
        stage=table.take("stage", whole(0, stages - 1), 0),
        phase=table.take("phase", number(0.0, 1.0), 1.0),
        backward=backward,
    )
    speed = table.take("speed", number(0.0, MAX_SPEED, open_low=True), 1.0)
    loop = table.take("loop", boolean, True)
    table.finish()
    return cursor, speed, loop
