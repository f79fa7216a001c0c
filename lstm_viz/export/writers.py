"""File writers for animations: numbered PNG frames, GIF, APNG and MP4.

Each writer splits its work in two: :meth:`prepare` (per frame, run in a
thread pool: PNG compression, palette mapping) and :meth:`append` (in frame
order, one thread), which streams the result into a temporary file beside
the target — memory holds a few frames, never the animation; :meth:`finish`
renames the file into place, so a failure, a cancel or a kill never leaves a
half-written file under the target's name. Encoding is Pillow's, libwebp's
and ffmpeg's (through imageio-ffmpeg); only the containers' chunks are put
together here (GIF blocks, APNG chunks).
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ..files import commit_temp, open_temp_beside, remove_stale_temps, temp_beside
from ..i18n_marks import tr_noop
from .apng import apng_end, apng_header, encode_region, frame_chunks
from .gif import gif_frame, gif_header
from .options import ExportError, tr

__all__ = [
    "ApngWriter",
    "FrameFolderWriter",
    "FrameWriter",
    "GifWriter",
    "Mp4Writer",
    "WebpWriter",
    "frame_durations",
    "make_writer",
    "mp4_available",
]

FRAME_NAME = "frame_{:05d}.png"
_FRAME_RE = re.compile(r"frame_\d{5}\.png")
PNG_LEVEL = 1  # zlib level: 6 is 4× slower for files ~15 % smaller


def frame_duration(k: int, fps: float, tick_ms: int = 1) -> int:
    """Frame ``k``'s duration in ms, a multiple of ``tick_ms``; the running sum tracks k/fps.

    GIF stores centiseconds: at 12 fps frames alternate 80 and 90 ms so the
    animation keeps the exact pace instead of running 4 % fast.
    """

    def end(j: int) -> int:
        return round(j * 1000.0 / fps / tick_ms) * tick_ms

    return end(k + 1) - end(k)


def frame_durations(n: int, fps: float, tick_ms: int = 1) -> list[int]:
    """The durations of frames 0 … n−1 (see :func:`frame_duration`)."""
    return [frame_duration(k, fps, tick_ms) for k in range(n)]


def check_target(path: Path) -> None:
    """Fail early, with one line, when ``path``'s folder cannot take the file."""
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(tr("the folder {f} does not exist").format(f=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(tr("cannot write to the folder {f}: permission denied").format(f=folder))
    if path.is_dir() and not path.is_symlink():
        raise ExportError(tr("{p} is a folder; choose a file name").format(p=path))


class FrameWriter:
    """Base class: takes frames as they come, then writes ``path`` atomically."""

    def __init__(self, path: Path, fps: float) -> None:
        self.path = path
        self.fps = fps
        self.count = 0

    def prepare(self, rgb: np.ndarray, index: int, previous: np.ndarray | None) -> Any:
        """Per-frame work; runs in a worker thread, in any order.

        ``previous`` is the frame before (None for the first): the formats that
        store only what changed compare with it.
        """
        return Image.fromarray(rgb)

    def append(self, prepared: Any, index: int) -> None:
        """Takes the prepared frames in order (one thread)."""
        self.count += 1

    def finish(self) -> Path:
        """Write the file and rename it into place; the final path."""
        raise NotImplementedError

    def discard(self) -> None:
        """Forget everything written so far (cancel or error)."""


class FrameFolderWriter(FrameWriter):
    """Numbered PNG frames in a fresh hidden folder, moved into place at the end.

    The frames are written to ``<temp>/new``; at the end an earlier frames folder
    moves to ``<temp>/old``, ``new`` to the target, and the temporary folder is
    removed: nothing but the one temporary folder (which a killed run's next
    export removes) ever appears beside the target.
    """

    def __init__(self, path: Path, fps: float) -> None:
        super().__init__(path, fps)
        check_target_folder(path)
        remove_stale_temps(path.parent)
        self.temp = temp_beside(path)
        self.temp.mkdir()
        self.new = self.temp / "new"
        self.new.mkdir()

    def prepare(self, rgb: np.ndarray, index: int, previous: np.ndarray | None) -> Any:
        # Compressing and writing are the slow parts, and both release the GIL.
        buf = io.BytesIO()
        Image.fromarray(rgb).save(buf, "PNG", compress_level=PNG_LEVEL)
        write_bytes(self.new / FRAME_NAME.format(index + 1), buf.getvalue())
        return None

    def finish(self) -> Path:
        old = None
        if self.path.exists():
            old = self.temp / "old"
            os.replace(self.path, old)
        try:
            os.replace(self.new, self.path)
        except BaseException:
            if old is not None:
                os.replace(old, self.path)
            raise
        shutil.rmtree(self.temp, ignore_errors=True)
        return self.path

    def discard(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file (a seam the tests use to simulate a full disk)."""
    with open(path, "wb") as f:
        f.write(data)


def check_target_folder(path: Path) -> None:
    """A frame folder may replace only an earlier frame folder, never someone's files."""
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(tr("the folder {f} does not exist").format(f=parent))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(tr("cannot write to the folder {f}: permission denied").format(f=parent))
    if path.exists() and not path.is_dir():
        raise ExportError(tr("{p} is a file; frames need a folder name").format(p=path))
    if path.is_dir():
        others = [n for n in os.listdir(path) if not _FRAME_RE.fullmatch(n)]
        if others:
            raise ExportError(
                tr("{p} holds other files ({n}); choose a new or empty folder").format(
                    p=path, n=others[0]
                )
            )


class _StreamWriter(FrameWriter):
    """Writes each frame into a temporary file beside the target as it comes (memory
    stays at a few frames); :meth:`finish` renames the complete file into place."""

    def __init__(self, path: Path, fps: float) -> None:
        super().__init__(path, fps)
        check_target(path)
        fd, self.temp = open_temp_beside(path)
        self.file = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.file.write(data)

    def finish(self) -> Path:
        if not self.count:
            raise ExportError(tr("no frames to write"))
        self.close_file()
        commit_temp(self.temp, self.path)
        return self.path

    def close_file(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            self.temp.unlink()


class GifWriter(_StreamWriter):
    """An animated GIF whose every frame has its own exact colour table (see :mod:`.gif`).

    Frames are encoded in the pool (palette, mapping, LZW) and written in order.
    """

    def __init__(self, path: Path, fps: float, size: tuple[int, int], theme: str) -> None:
        super().__init__(path, fps)
        self.theme = theme
        self.write(gif_header(size))

    def prepare(self, rgb: np.ndarray, index: int, previous: np.ndarray | None) -> Any:
        # GIF delays are in 10 ms ticks: alternate them so the pace stays right.
        return gif_frame(rgb, previous, self.theme, frame_duration(index, self.fps, 10))

    def append(self, prepared: Any, index: int) -> None:
        self.write(prepared)
        self.count += 1

    def finish(self) -> Path:
        self.write(b";")
        return super().finish()


class ApngWriter(_StreamWriter):
    """An animated PNG (full colour), streamed: each frame's changed rectangle is
    compressed in the pool and its chunks written in order (see :mod:`.apng`)."""

    def __init__(self, path: Path, fps: float, size: tuple[int, int], frames: int) -> None:
        super().__init__(path, fps)
        self.frames = frames
        self.sequence = 0
        self.write(apng_header(size, frames))

    def prepare(self, rgb: np.ndarray, index: int, previous: np.ndarray | None) -> Any:
        return encode_region(rgb, previous, PNG_LEVEL)

    def append(self, prepared: Any, index: int) -> None:
        box, data = prepared
        delay = frame_duration(index, self.fps)
        chunks, self.sequence = frame_chunks(self.sequence, box, delay, data, index == 0)
        self.write(chunks)
        self.count += 1

    def finish(self) -> Path:
        if self.count != self.frames:
            raise ExportError(tr("no frames to write"))
        self.write(apng_end())
        return super().finish()


class _Aborted(Exception):
    """The export stopped while the WebP encoder waited for a frame."""


_END = object()


class _FrameFeed(Image.Image):
    """The frames after the first, as one multi-frame image for Pillow's ``save_all``.

    Pillow's WebP writer takes the frames as images it can ``seek`` through; this
    one takes each frame from a queue when Pillow seeks to it, so frames reach
    the encoder as they are rendered and only a few are ever held.
    """

    def __init__(self, frames: queue.Queue[Any], n: int, size: tuple[int, int]) -> None:
        super().__init__()
        self._mode = "RGB"
        self._size = size
        self.n_frames = n
        self._frames = frames

    def seek(self, frame: int) -> None:
        item = self._frames.get()
        if item is _END:
            raise _Aborted
        self.im = item.im

    def tell(self) -> int:
        return 0


class WebpWriter(FrameWriter):
    """An animated WebP, lossless and true-colour (Pillow's libwebp encoder).

    The encoder runs on its own thread from the first frame on and pulls the
    others through a queue of :data:`QUEUED` frames; libwebp keeps only the
    compressed frames until the file is assembled.
    """

    QUEUED = 2

    def __init__(self, path: Path, fps: float, frames: int) -> None:
        super().__init__(path, fps)
        check_target(path)
        self.frames = frames
        fd, self.temp = open_temp_beside(path)
        self.file = os.fdopen(fd, "wb")
        self._queue: queue.Queue[Any] = queue.Queue(self.QUEUED)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def append(self, prepared: Any, index: int) -> None:
        if self._error is not None:
            raise self._error
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._encode, args=(prepared,), name="export-webp", daemon=True
            )
            self._thread.start()
        else:
            self._queue.put(prepared)
        self.count += 1

    def _encode(self, first: Image.Image) -> None:
        rest = _FrameFeed(self._queue, self.frames - 1, first.size)
        try:
            first.save(
                self.file, "WEBP", save_all=True, append_images=[rest] if self.frames > 1 else [],
                duration=frame_durations(self.frames, self.fps), loop=0, lossless=True,
                quality=WEBP_EFFORT, method=0,
            )  # fmt: skip
        except BaseException as err:  # reported by append() or finish()
            self._error = err

    def finish(self) -> Path:
        if self._thread is None or self.count != self.frames:
            raise ExportError(tr("no frames to write"))
        self._thread.join()
        if self._error is not None:
            raise self._error
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        commit_temp(self.temp, self.path)
        return self.path

    def discard(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                while True:  # make room, then tell the encoder to stop
                    self._queue.get_nowait()
            self._queue.put(_END)
            self._thread.join()
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            self.temp.unlink()


#: libwebp's lossless effort (0 fastest … 100 smallest); 0 is ~2× faster, files ~10 % larger.
WEBP_EFFORT = 0


def mp4_available() -> bool:
    """Whether an MP4 encoder is installed (the optional ``mp4`` extra: imageio-ffmpeg)."""
    try:
        import imageio_ffmpeg

        imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        return False
    return True


MP4_MISSING = tr_noop(
    "MP4 needs an encoder, and none is installed: pip install 'lstm-viz[mp4]' "
    "(imageio-ffmpeg); GIF and APNG work without it"
)


class Mp4Writer(FrameWriter):
    """H.264 in MP4 through imageio-ffmpeg's ffmpeg (a separate process: encodes in parallel)."""

    def __init__(self, path: Path, fps: float, size: tuple[int, int]) -> None:
        super().__init__(path, fps)
        if not mp4_available():
            raise ExportError(tr(MP4_MISSING))
        if size[0] % 2 or size[1] % 2:
            raise ExportError(
                tr("MP4 needs an even width and height, not {w}×{h}").format(w=size[0], h=size[1])
            )
        check_target(path)
        import imageio_ffmpeg

        fd, self.temp = open_temp_beside(path)
        os.close(fd)
        self._gen = imageio_ffmpeg.write_frames(
            str(self.temp),
            size,
            fps=fps,
            codec="libx264",
            pix_fmt_out="yuv420p",
            macro_block_size=1,
            quality=8,
            ffmpeg_log_level="error",
            output_params=["-f", "mp4", "-movflags", "+faststart"],
        )
        self._gen.send(None)

    def prepare(self, rgb: np.ndarray, index: int, previous: np.ndarray | None) -> Any:
        return rgb.tobytes()

    def append(self, prepared: Any, index: int) -> None:
        self._gen.send(prepared)
        self.count += 1

    def finish(self) -> Path:
        self._gen.close()
        commit_temp(self.temp, self.path)
        return self.path

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            self._gen.close()
        with contextlib.suppress(OSError):
            self.temp.unlink()


def make_writer(
    fmt: str, path: Path, fps: float, size: tuple[int, int], theme: str = "light", frames: int = 0
) -> FrameWriter:
    """The writer of an animation format (``frames``, ``gif``, ``apng``, ``webp``, ``mp4``)
    of ``frames`` frames."""
    if fmt == "gif" and fps > 50:
        # Browsers slow GIF frames shorter than 20 ms down to 100 ms.
        raise ExportError(tr("GIF plays at most 50 frames per second; use APNG or MP4"))
    if fmt == "frames":
        return FrameFolderWriter(path, fps)
    if fmt == "gif":
        return GifWriter(path, fps, size, theme)
    if fmt == "apng":
        return ApngWriter(path, fps, size, frames)
    if fmt == "webp":
        return WebpWriter(path, fps, frames)
    if fmt == "mp4":
        return Mp4Writer(path, fps, size)
    raise ExportError(tr("{f} is not an animation format").format(f=fmt))
