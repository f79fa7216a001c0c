"""How many BLAS threads the engine's computations use: chosen by the size of their work.

Measured on the development machine (2 cores, OpenBLAS 0.3.31 pthreads, float64;
``tests`` never time this — the figures are in the README's "Performance"):

- Batch 1, the window's own work (a settings change: the forward passes and the loss
  gradients, matrix–vector products, at H = 256 a 1024 × 256 W_hh): a second thread
  never helps — 1.00× on an idle core, and at (T = 1000, H = 256) the forward pass
  takes 90 ms on two threads against 53 ms on one while another process keeps a core
  busy.
- Matrix products (the training lab's batches, the Jacobian products, connectivity's
  wide H × (T·D) tangents): from ~2.5e7 flop a product a second thread halves the
  time on an idle machine (0.5–0.6×; below ~8e6 flop it gains nothing), but with the
  other core busy every size from 4e6 to 5e8 flop loses, by 1.5× to 170×: the first
  thread waits a whole scheduler slice (12–36 ms) for its descheduled partner.

So two threads pay only for a large product (:data:`TWO_THREAD_FLOPS` a product)
that is the process's only BLAS work on a machine with a core to spare (the
one-minute load average below ``cores − 1``); everything else runs on one thread,
which leaves the other core to the GUI thread, the other job or another program.

OpenBLAS's thread count is one setting for the whole process, and the window's GUI
thread and the panels' two pool threads compute at once, so the setting is counted:
each computation enters :func:`blas_threads` with the size of its products, the
setting is two threads only while exactly one caller is inside and it asked for two
(two callers already fill two cores), one thread otherwise, and the last to leave
restores what was there. (A plain nested ``threadpool_limits`` would let the first
job to finish restore two threads under the second.)
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

__all__ = ["TWO_THREAD_FLOPS", "blas_threads", "one_blas_thread"]

#: Flops of one matrix product from which a second BLAS thread may run it (when the
#: product is the only BLAS work and a core is free): ~2 ms on one core, ×0.5–0.6 on
#: two idle ones.
TWO_THREAD_FLOPS = 1e8

_lock = threading.Lock()
_wishes: list[int] = []  # the thread count each caller inside asked for
_original: dict[str, int] | None = None  # each BLAS library's count before the first caller
_current = 0  # the count set now (0: the process's own, nothing limited)


@functools.cache
def _controller() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return ThreadpoolController()


def _set(controller: Any, limits: int | dict[str, int]) -> None:
    """Set BLAS's thread count from whichever thread calls (lock held).

    threadpoolctl ≥ 3.6 lets only one "controlling" Python thread change OpenBLAS's
    pthreads pool — the first to set a limit, until it leaves a ``with`` block — and
    silently ignores every other thread. The window's GUI thread, the pool's two
    threads and a training thread all set it here, so the ownership is cleared before
    and after each change (this module's lock serialises them instead).
    """
    clear = _clear_owner()
    clear()
    controller.limit(limits=limits, user_api=None if isinstance(limits, dict) else "blas")
    clear()


@functools.cache
def _clear_owner() -> Any:
    try:
        from threadpoolctl import OpenBLASController
    except ImportError:  # pragma: no cover - threadpoolctl < 3.6 has no owner
        return lambda: None
    clear = getattr(OpenBLASController, "clear_controlling_thread", None)
    return (lambda: None) if clear is None else functools.partial(clear, force=True)


def _spare_core() -> bool:
    """Whether the machine has a core nothing else is running on (load average)."""
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - Windows: assume busy
        return False
    return cores >= 2 and load < cores - 1


def _wanted(flops: float) -> int:
    return 2 if flops >= TWO_THREAD_FLOPS and _spare_core() else 1


def _apply(controller: Any) -> None:
    """Set the count the callers inside agree on (lock held)."""
    global _original, _current
    count = _wishes[0] if len(_wishes) == 1 else 1
    if count == _current:
        return
    if _original is None:  # the first caller in: keep what to restore
        blas = controller.select(user_api="blas").info()
        _original = {lib["filepath"]: lib["num_threads"] for lib in blas}
    _set(controller, count)
    _current = count


@contextmanager
def blas_threads(flops: float = 0.0) -> Iterator[None]:
    """BLAS threads for a computation whose matrix products are ``flops`` each.

    One thread unless the products reach :data:`TWO_THREAD_FLOPS`, this is the only
    caller inside and the machine has a spare core (see the module docstring); the
    process's own setting is restored when the last caller leaves.
    """
    global _original, _current
    controller = _controller()
    if controller is None:  # pragma: no cover
        yield
        return
    wish = _wanted(flops)
    with _lock:
        _wishes.append(wish)
        _apply(controller)
    try:
        yield
    finally:
        with _lock:
            _wishes.remove(wish)
            if _wishes:
                _apply(controller)
            elif _original is not None:
                _set(controller, _original)
                _original, _current = None, 0


def one_blas_thread() -> AbstractContextManager[None]:
    """BLAS on one thread while any caller is inside; restored when the last leaves."""
    return blas_threads(0.0)
