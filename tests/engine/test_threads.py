"""The gradient jobs' BLAS thread limit, counted across overlapping jobs."""

from __future__ import annotations

import numpy as np  # noqa: F401 - loads the BLAS that threadpoolctl controls
import pytest
from threadpoolctl import ThreadpoolController, threadpool_limits

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
