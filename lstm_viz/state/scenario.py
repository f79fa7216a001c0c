"""Scenario files: everything on screen, in one human-readable TOML file.

A scenario holds what the engine computes from (:class:`Settings`, weights
included), where playback stands (:class:`Cursor`, speed, loop), what the
window shows (theme, language, unrolled, docks, gradient panel, clipping
threshold) and, for lessons, a title, a short intro and the settings a teacher
locks. Opening a file reproduces the state it was saved from. The file is
parsed, never executed or unpickled; every problem in it is reported at once,
field by field. Its words (title, intro) are plain text, never HTML. The files
it names (``sequence_file``, ``[weights] file``) lie in its own folder.
Example (``format = 1``)::

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
    sequence_columns = "Passengers" # sequence_file's columns to read (names or numbers)
    weights_module = "encoder."     # which recurrent module of the weights file

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
    pinned_units = [3, 17]          # units a wide strip draws; left out = the most active

    [weights]                       # left out: weights from seed and scales
    file = "model.npz"              # in this file's folder; or, inline:
    # kind = "lstm"; weight_ih = [[...]]; weight_hh = [[...]]; bias_ih = [...]; bias_hh = [...]

Inline weights are written to a content-addressed cache file when read (see
:mod:`.scenario_weights`), and ``Settings.weights`` is that file's path.
"""

from __future__ import annotations

import os
import tomllib
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from ..engine.data.sequences import MAX_STEPS
from ..i18n_marks import Sentence, tr_noop
from .lessons import list_lessons
from .scenario_fields import (
    MAX_FILE_BYTES,
    ScenarioError,
    Table,
    all_problems,
    boolean,
    choice,
    names,
    nesting_problem,
    number,
    number_or_default,
    text,
    whole,
)
from .scenario_value import ALWAYS_DECIDED, FORMAT, SETTING_NAMES, Scenario
from .scenario_weights import (
    INLINE_LIMIT,
    default_cache_dir,
    read_weights,
    resolve,
)
from .scenario_write import scenario_to_text, write_scenario
from .settings import Settings
from .settings_check import check_settings
from .timeline import Cursor, stage_count
from .view_state import CLIP_RANGE, MAX_SPEED, ViewState, ViewStateError, check_view_field
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
        The ``.toml`` file; the paths inside it resolve against its folder and
        must lie in it.
    cache_dir
        Where inline weights are written (default: :func:`default_cache_dir`).
    strict
        Raise on fields this version does not know instead of listing them in
        ``Scenario.unknown_fields``.

    Raises
    ------
    ScenarioError
        Naming the file and every field at fault at once (see
        ``ScenarioError.problems``): bad values, a newer format, a file that is
        not TOML, too large or too deeply nested, or (``strict``) unknown fields.
        ``OSError`` when the file cannot be read at all.
    """
    name = getattr(path, "name", "") or str(path)
    if isinstance(path, Traversable) and not isinstance(path, Path):
        content = path.read_text(encoding="utf-8")
        base = None
    else:
        content = _read_text(Path(path), name)
        base = Path(path).parent
    return scenario_from_text(content, base, source=name, cache_dir=cache_dir, strict=strict)


def _read_text(path: Path, name: str) -> str:
    """The file's text, refused unread when it is not a regular file or too large."""
    if path.exists() and not path.is_file():
        raise ScenarioError("", tr_noop("not a regular file"), name)
    with path.open("rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(
            "", tr_noop("larger than {mb} MB; a scenario is a short text file"), name,
            mb=MAX_FILE_BYTES // 2**20,
        )  # fmt: skip
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError("", tr_noop("not a text file (UTF-8)"), name) from None


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
    deep = nesting_problem(content)
    if deep is not None:
        raise deep.at(deep.field, source)
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(
            "", tr_noop("not a valid TOML file: {why}"), source, why=str(err)
        ) from None
    problems: list[ScenarioError] = []
    try:
        scenario = _parse(data, base, Path(cache_dir) if cache_dir else None, problems)
    except ScenarioError as err:  # the format: nothing else can be read
        raise err.at(err.field, source) from None
    if problems or strict:
        # Refused anyway: an unknown field may be the misspelt one the reader meant.
        problems += [_unknown(name) for name in scenario.unknown_fields]
    if problems:
        raise all_problems([p.at(p.field, source) for p in problems])
    return scenario


def _unknown(field: str) -> ScenarioError:
    return ScenarioError(field, tr_noop("this version does not know this field"))


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


def _parse(
    data: dict[str, Any], base: Path | None, cache_dir: Path | None, problems: list[ScenarioError]
) -> Scenario:
    """The scenario in ``data``; every problem of a value is appended to ``problems`` (the
    value read as its default), so that all of them are reported together."""
    unknown: list[str] = []
    top = Table(data, "", unknown, problems)
    version = data.get("format")
    top.take("format", lambda field, v: v)
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
            problems.append(
                ScenarioError(
                    "locks",
                    tr_noop("{value!r} is not a setting; use {allowed}"),
                    value=lock,
                    allowed=", ".join(SETTING_NAMES),
                )
            )
    locks = tuple(lock for lock in locks if lock in SETTING_NAMES)

    translations = _translations(top.table("translations"))
    weights_table = top.table("weights")
    try:
        weights = read_weights(weights_table, base, cache_dir)
    except ScenarioError as err:
        problems.append(err)
        weights = None
    weights_table.finish()
    before = len(problems)
    settings = _settings(top.table("settings"), weights, base)
    settings_ok = len(problems) == before
    cursor, loop, playback = _playback(top.table("playback"), settings, settings_ok)
    view_table = top.table("view")
    # A [view] field the file leaves out stays as the reader has it, except these.
    view = {"theme": THEMES[0], "unrolled": False, **playback}
    for name, check in (
        ("theme", choice(THEMES)),
        ("language", choice(LANGUAGES)),
        ("unrolled", boolean),
        ("docks", names),
        ("panel", choice(PANELS)),
        ("clip", number(*CLIP_RANGE)),
    ):
        value = view_table.take(name, check)
        if value is not None:
            view[name] = value
    if (pins := view_table.take("pinned_units", lambda _field, value: value)) is not None:
        view["pinned_units"] = pins
    for name in ("docks", "pinned_units"):
        if name in view:
            try:
                view[name] = check_view_field(name, view[name])
            except ViewStateError as err:
                problems.append(ScenarioError(f"view.{name}", err.template, **err.slots))
                del view[name]
    view_table.finish()
    top.finish()
    return Scenario(
        settings=settings,
        cursor=cursor,
        loop=loop,
        view=ViewState(**view),
        decides=frozenset(view) | ALWAYS_DECIDED,
        title=title,
        intro=intro,
        translations=translations,
        locks=locks,
        unknown_fields=tuple(unknown),
    )


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
    """The ``[settings]`` table; each bad field is a problem, read as its default."""
    d = Settings()
    if table.has("weights"):
        table.problems.append(
            ScenarioError(
                "settings.weights", tr_noop("weights go in the [weights] table (file = ...)")
            )
        )
        table.take("weights", lambda field, v: None)

    def auto(field: str, value: Any) -> Any:
        return None if value == "auto" else value  # the settings' own checks do the rest

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
        "sequence_columns": table.take("sequence_columns", text, d.sequence_columns),
        "weights_module": table.take("weights_module", text, d.weights_module),
        "weights": weights,
        # A file written before trained models shipped meant the model as initialised.
        "trained": table.take("trained", boolean, False),
    }
    values["sequence_file"] = table.take(
        "sequence_file", lambda field, v: str(resolve(text(field, v), base, field))
    )
    values["text"] = table.take("text", text, d.text)
    values["tokenizer"] = table.take("tokenizer", as_is, d.tokenizer)
    for name in ("vocab_file", "labels_file"):
        values[name] = table.take(name, lambda field, v: str(resolve(text(field, v), base, field)))
    table.finish()
    settings, errors = check_settings(values)
    table.problems.extend(
        ScenarioError(f"settings.{err.field}", err.template, **err.slots) for err in errors
    )
    return settings


def _playback(
    table: Table, settings: Settings, settings_ok: bool
) -> tuple[Cursor, bool, dict[str, Any]]:
    """The cursor, the loop and the view's ``speed`` and ``backward`` from ``[playback]``."""
    backward = table.take("backward", boolean, False)
    # A preset's length is known before computing; custom and file sequences are
    # checked against their real length when the window seeks (it clamps).
    known = settings_ok and settings.sequence not in ("custom", "file", "text")
    steps = settings.length if known else MAX_STEPS
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
    return cursor, loop, {"speed": speed, "backward": backward}
