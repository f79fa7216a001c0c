"""What an export contains: one frozen value shared by the dialog and the command line.

:class:`ExportOptions` is filled from argparse by :func:`options_from_args`
and from the export dialog by ``ExportAnimationDialog.options()``; both end
here, so the two can never disagree about defaults or limits.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..i18n import tr
from ..i18n_marks import tr_noop
from ..languages import ALIASES
from ..state.timeline import Cursor, Timeline
from ..state.vocabulary import PANELS, THEMES

__all__ = [
    "CONTENTS",
    "DEFAULT_PRESET",
    "FORMATS",
    "PANELS",
    "PRESETS",
    "ExportError",
    "ExportOptions",
    "Preset",
    "add_export_options",
    "format_for",
    "frame_cursors",
    "options_from_args",
    "preset_of",
    "still_cursor",
    "tr",
]

CONTENTS = ("window", "diagram", "plots")
#: format → what it writes; "png" and "svg" are single frames.
FORMATS = ("png", "svg", "frames", "gif", "apng", "webp", "mp4")
ANIMATED = ("frames", "gif", "apng", "webp", "mp4")
_SUFFIXES = {
    ".png": "png", ".svg": "svg", ".gif": "gif", ".apng": "apng", ".webp": "webp", ".mp4": "mp4",
}  # fmt: skip
MAX_SIDE = 8192
MAX_FPS = 60.0


@dataclass(frozen=True)
class Preset:
    """A picture size for a purpose: the layout size and the density that make its pixels.

    Every word is at least 11 px tall at the preset's own pixel size: the
    renderer raises the diagram's small words to that floor where the diagram is
    drawn smaller than its 1280-px scene, and draws the plot at the density that
    fits its legend into its room (see ``WindowLayout.arrangement`` in :mod:`.layout` for where the
    parts go, and ``tests/export/test_presets.py`` for the measurement).
    """

    label: str  # marked with tr_noop; translated where shown
    size: tuple[int, int]
    scale: float

    @property
    def pixel_size(self) -> tuple[int, int]:
        return round(self.size[0] * self.scale), round(self.size[1] * self.scale)


#: name → preset; the first is the default of the dialog and of ``lstm-viz export``.
PRESETS = {
    "slides": Preset(tr_noop("Slides 16:9 (1920×1080)"), (960, 540), 2.0),
    "slides-4x3": Preset(tr_noop("Slides 4:3 (2048×1536)"), (1024, 768), 2.0),
    "document": Preset(tr_noop("Document (A4 width at 300 dpi, 2480×1396)"), (1240, 698), 2.0),
    # 4:3: the caption beside the diagram, the plot under both; square: diagram, caption and
    # plot one under the other at the full width (see layout.WindowLayout.arrangement).
    "social": Preset(tr_noop("Social (1080×1080)"), (540, 540), 2.0),
}
DEFAULT_PRESET = "slides"


def preset_of(size: tuple[int, int], scale: float) -> str | None:
    """The name of the preset with this layout size and density, if any."""
    for name, p in PRESETS.items():
        if p.size == tuple(size) and p.scale == scale:
            return name
    return None


class ExportError(ValueError):
    """An export that cannot be done; the message says why in one line."""


@dataclass(frozen=True)
class ExportOptions:
    """Everything an export decides besides the model settings and the file.

    Attributes
    ----------
    first_step, last_step
        The steps shown, 1-based and inclusive, counted in the pass's own
        direction: forward, step k is time step k; backward, the pass starts at
        T, so its step k is time step T − k + 1. ``last_step=None`` is the
        pass's last (the whole pass by default). A single frame shows the end
        of ``last_step``.
    fps
        Frames per second of an animation.
    stages
        False: one frame per whole step (its last stage complete). True: every
        stage with its travelling pulses, ``pulse_frames`` frames per stage.
    pulse_frames
        Frames per stage when ``stages`` is on.
    size
        The picture's layout size in logical pixels (width, height).
    scale
        Device pixels per logical pixel: 2 gives a sharp picture of twice the
        pixel size with the same layout.
    content
        ``"window"`` (diagram + plot panel + caption), ``"diagram"`` or ``"plots"``.
    theme
        ``"light"`` or ``"dark"``.
    caption, title
        The stage caption; a title line naming the model, sizes and sequence.
    unrolled
        The diagram between its neighbouring steps, as View → Unrolled shows it.
    backward
        Play the backward pass (the gradient flowing from step T back to 1).
    panel
        Which gradient panel the plots show (see :data:`PANELS`).
    lang
        The language of the text: ``"en"`` or ``"zh_CN"`` (``"zh"`` is read as ``"zh_CN"``).
    """

    first_step: int = 1
    last_step: int | None = None
    fps: float = 12.0
    stages: bool = False
    pulse_frames: int = 6
    size: tuple[int, int] = PRESETS[DEFAULT_PRESET].size
    scale: float = PRESETS[DEFAULT_PRESET].scale
    content: str = "window"
    theme: str = "light"
    caption: bool = True
    title: bool = False
    unrolled: bool = False
    backward: bool = False
    panel: str = "gradient"
    lang: str = "en"

    def __post_init__(self) -> None:
        self.validate()

    def replace(self, **changes: Any) -> ExportOptions:
        return replace(self, **changes)

    @property
    def pixel_size(self) -> tuple[int, int]:
        return round(self.size[0] * self.scale), round(self.size[1] * self.scale)

    def validate(self) -> None:
        """Raise :class:`ExportError` naming the first bad option."""
        w, h = self.size
        if not (16 <= w <= MAX_SIDE and 16 <= h <= MAX_SIDE):
            raise ExportError(tr("size: each side must be 16 to {m} pixels").format(m=MAX_SIDE))
        if not 0.25 <= self.scale <= 8 or max(self.pixel_size) > MAX_SIDE:
            raise ExportError(
                tr("scale: must be 0.25 to 8, and the picture at most {m} pixels wide").format(
                    m=MAX_SIDE
                )
            )
        if not 1.0 <= self.fps <= MAX_FPS:
            raise ExportError(tr("fps: must be from 1 to {m:g}").format(m=MAX_FPS))
        if self.first_step < 1 or (self.last_step is not None and self.last_step < self.first_step):
            raise ExportError(tr("steps: the first step must be ≥ 1 and ≤ the last"))
        if not 1 <= self.pulse_frames <= 60:
            raise ExportError(tr("pulse frames: must be from 1 to 60"))
        for name, value, allowed in (
            ("content", self.content, CONTENTS),
            ("theme", self.theme, THEMES),
            ("panel", self.panel, PANELS),
        ):
            if value not in allowed:
                raise ExportError(
                    tr("{name}: must be one of {allowed}, not {value!r}").format(
                        name=name, allowed=", ".join(allowed), value=value
                    )
                )
        if self.lang not in ALIASES:
            raise ExportError(
                tr("lang: must be en (English) or zh (简体中文), not {value!r}").format(
                    value=self.lang
                )
            )

    def step_range(self, steps: int) -> tuple[int, int]:
        """The 0-based first and last time step shown in a sequence of ``steps`` steps
        (first ≤ last; the backward pass shows them from the last down)."""
        if self.first_step > steps:
            raise ExportError(
                tr("step {s} is past the end: the sequence has only {n} steps").format(
                    n=steps, s=self.first_step
                )
            )
        last = steps if self.last_step is None else min(self.last_step, steps)
        if self.backward:  # the k-th step of the backward pass is time step T − k + 1
            return steps - last, steps - self.first_step
        return self.first_step - 1, last - 1


def frame_cursors(options: ExportOptions, timeline: Timeline) -> list[Cursor]:
    """The cursor of every frame of an animation, in order.

    Whole steps show each step complete; stages show every stage's pulses at
    ``pulse_frames`` evenly spaced phases ending at 1 (the stage complete).
    """
    first, last = options.step_range(timeline.steps)
    # The backward pass plays its steps from the last down to the first.
    order = range(last, first - 1, -1) if timeline.backward else range(first, last + 1)
    if not options.stages:
        return [timeline.cursor(timeline.step_end(t)) for t in order]
    n, s = options.pulse_frames, timeline.stages
    ends = (timeline.step_end(first), timeline.step_end(last))
    start, end = round(min(ends)) - s, round(max(ends))
    return [timeline.cursor(start + k / n) for k in range(1, (end - start) * n + 1)]


def still_cursor(options: ExportOptions, timeline: Timeline) -> Cursor:
    """The cursor of a single-frame export: the end of ``last_step`` (of the pass)."""
    first, last = options.step_range(timeline.steps)
    return timeline.cursor(timeline.step_end(first if timeline.backward else last))


def format_for(path: str | Path, given: str | None = None) -> str:
    """The format of an output path: ``given``, else from its suffix; no suffix is a folder.

    The kind of target is checked here, before any work: a folder (an existing
    one, or a name ending in ``/``) takes only numbered frames, and frames never
    replace a file.
    """
    p = Path(path)
    named_folder = str(path).endswith(("/", "\\"))
    folder = named_folder or p.is_dir()
    if given is not None:
        if given not in FORMATS:
            raise ExportError(tr("unknown format {f!r}").format(f=given))
        fmt = given
    elif named_folder or not p.suffix:
        fmt = "frames"
    elif (found := _SUFFIXES.get(p.suffix.lower())) is not None:
        fmt = found  # a folder named like a file is refused below
    elif p.is_dir():
        fmt = "frames"  # an earlier frames folder with a dot in its name
    else:
        raise ExportError(
            tr(
                "unknown file type {s!r}: use .png, .svg, .gif, .apng, .webp, .mp4, "
                "or a folder name for numbered PNG frames"
            ).format(s=p.suffix)
        )
    if folder and fmt != "frames":
        raise ExportError(tr("{p} is a folder; choose a file name").format(p=path))
    if fmt == "frames" and p.exists() and not p.is_dir():
        raise ExportError(tr("{p} is a file; frames need a folder name").format(p=path))
    return fmt


# -- command line -------------------------------------------------------------------


def add_export_options(parser: argparse.ArgumentParser) -> None:
    """The export options of ``lstm-viz export`` (mirrors the export dialog)."""
    d = ExportOptions()
    g = parser.add_argument_group("export")
    g.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help=tr(
            "output: .png or .svg (one frame), .gif, .apng, .webp (lossless: every colour "
            "exact), .mp4, or a folder for numbered PNG frames"
        ),
    )
    g.add_argument("--format", choices=FORMATS, help=tr("override the format the suffix implies"))
    g.add_argument(
        "--steps",
        metavar="N|A-B",
        help=tr(
            "steps to show: N is steps 1 to N, A-B steps A to B (default: all); with "
            "--backward they count along the backward pass, whose step 1 is step T"
        ),
    )
    g.add_argument(
        "--step",
        type=int,
        metavar="N",
        help=tr("for a single frame: the step shown (default: the last; see --steps)"),
    )
    g.add_argument("--fps", type=float, default=d.fps, help=tr("frames per second (default: 12)"))
    g.add_argument(
        "--stages",
        action="store_true",
        help=tr("every stage with its travelling pulses, not only whole steps"),
    )
    g.add_argument(
        "--pulse-frames",
        type=int,
        default=d.pulse_frames,
        metavar="K",
        help=tr("frames per stage with --stages (default: 6)"),
    )
    g.add_argument(
        "--preset",
        choices=PRESETS,
        default=DEFAULT_PRESET,
        help=tr(
            "picture size for a purpose, with legible text: slides (1920×1080, the default), "
            "slides-4x3 (2048×1536), document (2480×1396), social (1080×1080)"
        ),
    )
    g.add_argument(
        "--size",
        metavar="WxH",
        help=tr("layout size in pixels instead of the preset's (the picture is this × --scale)"),
    )
    g.add_argument(
        "--scale",
        type=float,
        help=tr(
            "pixel density instead of the preset's: 2 doubles the pixels with the same "
            "layout (default with --size: 1)"
        ),
    )
    g.add_argument(
        "--content",
        choices=CONTENTS,
        default=d.content,
        help=tr("what the picture shows (default: window = diagram, plots and caption)"),
    )
    g.add_argument(
        "--panel",
        choices=PANELS,
        default=d.panel,
        help=tr("the gradient plot shown (default: gradient)"),
    )
    g.add_argument("--theme", choices=THEMES, default=d.theme)
    g.add_argument(
        "--lang",
        default=d.lang,
        help=tr("language of the text: en (English, the default) or zh (简体中文)"),
    )
    g.add_argument("--no-caption", action="store_true", help=tr("leave out the stage caption"))
    g.add_argument(
        "--title", action="store_true", help=tr("add a title line: model, sizes, sequence")
    )
    g.add_argument(
        "--unrolled", action="store_true", help=tr("show steps t−1, t, t+1 side by side")
    )
    g.add_argument(
        "--backward",
        action="store_true",
        help=tr(
            "the backward pass: the gradient flowing from step T back to step 1 (the whole "
            "pass by default)"
        ),
    )


def _parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[x×X,]\s*(\d+)\s*", text)
    if not m:
        raise ExportError(
            tr("size: write it as WIDTHxHEIGHT, e.g. 960x540, not {t!r}").format(t=text)
        )
    return int(m[1]), int(m[2])


def _parse_steps(text: str | None, step: int | None) -> tuple[int, int | None]:
    if step is not None:
        return (max(step, 1), step)
    if text is None:
        return 1, None
    m = re.fullmatch(r"\s*(\d+)\s*(?:[-:]\s*(\d+)\s*)?", text)
    if not m:
        raise ExportError(tr("steps: write N (steps 1 to N) or A-B, not {t!r}").format(t=text))
    return (1, int(m[1])) if m[2] is None else (int(m[1]), int(m[2]))


def options_from_args(args: argparse.Namespace) -> ExportOptions:
    """The :class:`ExportOptions` of parsed ``lstm-viz export`` arguments."""
    first, last = _parse_steps(args.steps, args.step)
    preset = PRESETS[args.preset]
    return ExportOptions(
        first_step=first,
        last_step=last,
        fps=args.fps,
        stages=args.stages,
        pulse_frames=args.pulse_frames,
        size=preset.size if args.size is None else _parse_size(args.size),
        scale=args.scale if args.scale is not None else preset.scale if args.size is None else 1.0,
        content=args.content,
        theme=args.theme,
        caption=not args.no_caption,
        title=args.title,
        unrolled=args.unrolled,
        backward=args.backward,
        panel=args.panel,
        lang=ALIASES.get(args.lang, args.lang),
    )
