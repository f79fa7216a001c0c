"""The engine's BLAS thread limit: counted across overlapping callers, chosen by size."""

from __future__ import annotations

import threading

import numpy as np  # noqa: F401 - loads the BLAS that threadpoolctl controls
import pytest
from threadpoolctl import ThreadpoolController, threadpool_limits

from lstm_viz.engine.gradients import _threads as threads
from lstm_viz.engine.gradients._threads import one_blas_thread


def _blas_threads() -> set[int]:
    return {p["num_threads"] for p in ThreadpoolController().info() if p["user_api"] == "blas"}


def test_blas_stays_on_one_thread_until_the_last_overlapping_job_leaves() -> None:
    if not _blas_threads():
        pytest.skip("no BLAS that threadpoolctl can control")
    with threadpool_limits(limits=2, user_api="blas"):
        before = _blas_threads()
        first, second = one_blas_thread(), one_blas_thread()
        first.__enter__()
        second.__enter__()
        assert _blas_threads() == {1}
        first.__exit__(None, None, None)  # the first job ends while the second runs
        assert _blas_threads() == {1}
        second.__exit__(None, None, None)
        assert _blas_threads() == before


def _large(monkeypatch: pytest.MonkeyPatch, spare: bool) -> float:
    if not _blas_threads():
        pytest.skip("no BLAS that threadpoolctl can control")
    monkeypatch.setattr(threads, "_spare_core", lambda: spare)
    return threads.TWO_THREAD_FLOPS


def test_a_large_product_alone_on_a_machine_with_a_spare_core_gets_two_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    large = _large(monkeypatch, spare=True)
    with threadpool_limits(limits=1, user_api="blas"):
        with threads.blas_threads(large):
            assert _blas_threads() == {2}
        assert _blas_threads() == {1}  # the process's own setting comes back


def test_a_second_caller_drops_a_large_product_to_one_thread_until_it_leaves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    large = _large(monkeypatch, spare=True)
    with threadpool_limits(limits=2, user_api="blas"), threads.blas_threads(large):
        small = threads.one_blas_thread()  # say the GUI thread's forward pass
        small.__enter__()
        assert _blas_threads() == {1}
        small.__exit__(None, None, None)
        assert _blas_threads() == {2}


def test_small_products_and_a_busy_machine_keep_one_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    large = _large(monkeypatch, spare=False)
    with threadpool_limits(limits=2, user_api="blas"):
        with threads.blas_threads(large):
            assert _blas_threads() == {1}
        monkeypatch.setattr(threads, "_spare_core", lambda: True)
        with threads.blas_threads(large / 10):
            assert _blas_threads() == {1}
        assert _blas_threads() == {2}


def test_the_limit_holds_whichever_threads_enter_and_leave() -> None:
    # threadpoolctl ignores every thread but one that "controls" OpenBLAS; the GUI
    # thread, the pool's threads and a training thread must all be obeyed.
    if not _blas_threads():
        pytest.skip("no BLAS that threadpoolctl can control")
    with threadpool_limits(limits=2, user_api="blas"):
        pass  # the main thread has controlled OpenBLAS once
    outer = one_blas_thread()
    seen: dict[str, set[int]] = {}
    entered, finish = threading.Event(), threading.Event()

    def job() -> None:  # a long-lived pool thread is the first caller in
        outer.__enter__()
        seen["job"] = _blas_threads()
        entered.set()
        finish.wait(10)

    worker = threading.Thread(target=job)
    worker.start()
    entered.wait(10)
    seen["main"] = _blas_threads()
    leave = threading.Thread(target=lambda: outer.__exit__(None, None, None))
    leave.start()
    leave.join()  # ... another thread is the last to leave, the first still alive
    seen["after"] = _blas_threads()
    finish.set()
    worker.join()
    assert seen == {"job": {1}, "main": {1}, "after": {2}}
