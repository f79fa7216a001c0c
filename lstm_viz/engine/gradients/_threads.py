"""How many BLAS threads the gradient jobs use: chosen by the size of their products.

The diagnostics multiply H×H (H ≤ 256) matrices once per step, thousands of times.
At that size a second BLAS thread gains little on an idle machine, and a
multi-threaded OpenBLAS whose other core is busy (the GUI thread, another job,
another process) spins waiting for it: measured 6× slower forward+backward passes
and 25× slower decompositions on a loaded two-core machine. So every per-step loop
here runs on one thread, leaving the other core to the GUI thread.

OpenBLAS's thread count is one setting for the whole process, and the panels' jobs
run on two pool threads at once, so the limit is counted: the first job to enter
sets one thread, the last to leave restores what was there. (A plain nested
``threadpool_limits`` would let the first job to finish restore two threads under
the second.)
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["one_blas_thread"]

_lock = threading.Lock()
_holders = 0
_restore: Any = None


@functools.cache
def _controller() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS on one thread while any caller is inside; restored when the last leaves."""
    global _holders, _restore
    controller = _controller()
    if controller is None:  # pragma: no cover
        yield
        return
    with _lock:
        if _holders == 0:
            _restore = controller.limit(limits=1, user_api="blas")
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _restore is not None:
                _restore.restore_original_limits()
                _restore = None
