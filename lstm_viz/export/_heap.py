"""Give frame-sized buffers back to the system as soon as they are freed (glibc).

An export allocates each frame (6 MB at 1080p) on the GUI thread and frees it on
an encoder thread. glibc raises its mmap threshold after the first such free, so
later frames come from the heaps, where freed blocks stay resident: measured,
a 120-frame 1080p GIF ended at 306 MB instead of 207 MB. A fixed threshold of
1 MiB makes every frame buffer a mapping of its own, unmapped when freed.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["return_big_buffers"]

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
THRESHOLD = 1 << 20
_done = False


def return_big_buffers() -> None:
    """Set glibc's mmap threshold once (elsewhere, or without glibc, nothing happens)."""
    global _done
    if _done or not sys.platform.startswith("linux"):
        return
    _done = True
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return
    mallopt(M_MMAP_THRESHOLD, THRESHOLD)
