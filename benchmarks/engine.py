"""Time the engine's LSTM forward+backward against PyTorch's nn.LSTM on the CPU.

Run: ``.venv/bin/python benchmarks/engine.py`` (PyTorch optional: without it,
only the engine's times are printed). The two are interleaved and the medians
compared, so a busy machine slows both alike.

``--loaded`` times the quiet table first, then adds a second process that spins on
one core (what a user's machine always has: a browser, an IDE) and times the engine
both with BLAS's default threads and pinned to one thread (``one_blas_thread``, what
the gradient jobs and the window's own computations use); torch keeps its own
default. The ratio to torch is meant to stay within the goals under load too. The
load average is printed with each table (the machine may be shared). ``--one-thread``
times the engine on one BLAS thread only, as the window and the jobs run it (the
default-thread tables take minutes on a machine whose cores are both busy).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import statistics
import time

# PyTorch's OpenMP threads spin for a while after each parallel region; in an
# interleaved benchmark they would steal the CPU from the NumPy run that follows
# (measured: ×1.5–2.5 on the engine's times). Passive waiting keeps the two fair.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np

from lstm_viz.engine import LSTM
from lstm_viz.engine.gradients._threads import one_blas_thread

SIZES = [(200, 1, 4, 32), (200, 32, 4, 32), (1000, 64, 8, 128)]
GOALS = {  # engine / torch, from the issue
    ("float64", (200, 1, 4, 32)): 0.5,
    ("float64", (200, 32, 4, 32)): 0.5,
    ("float64", (1000, 64, 8, 128)): 0.5,
    ("float32", (200, 1, 4, 32)): 2.0,
    ("float32", (200, 32, 4, 32)): 1.5,
    ("float32", (1000, 64, 8, 128)): 1.0,
}


def engine_runner(size, dtype):
    t, b, d, h = size
    rng = np.random.default_rng(0)
    model = LSTM(d, h, seed=0, dtype=dtype)
    x = rng.standard_normal((t, b, d)).astype(dtype)
    dh = rng.standard_normal((t, b, h)).astype(dtype)

    def run() -> None:
        model.backward(model.forward(x), dh)

    return run


def torch_runner(size, dtype):
    import torch

    t, b, d, h = size
    tdtype = torch.float64 if dtype == np.float64 else torch.float32
    lstm = torch.nn.LSTM(d, h).to(tdtype)
    rng = np.random.default_rng(0)
    x = torch.from_numpy(rng.standard_normal((t, b, d))).to(tdtype).requires_grad_()
    dh = torch.from_numpy(rng.standard_normal((t, b, h))).to(tdtype)

    def run() -> None:
        out, _ = lstm(x)
        out.backward(dh)

    return run


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _spin(stop) -> None:  # the other process: one core busy until told to stop
    while not stop.is_set():
        sum(range(10_000))


@contextlib.contextmanager
def _one_core_busy():
    stop = multiprocessing.Event()
    proc = multiprocessing.Process(target=_spin, args=(stop,), daemon=True)
    proc.start()
    try:
        yield
    finally:
        stop.set()
        proc.join(5)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--threads", type=int, default=None, help="torch.set_num_threads")
    ap.add_argument("--loaded", action="store_true", help="a second process spins on one core")
    ap.add_argument("--one-thread", action="store_true", help="the engine on one BLAS thread only")
    args = ap.parse_args()
    if args.one_thread:
        run_table(args, "engine on one BLAS thread", one_blas_thread)
    else:
        run_table(args, "engine, BLAS default threads", contextlib.nullcontext)
    if not args.loaded:
        return
    with _one_core_busy():
        if not args.one_thread:
            run_table(args, "loaded, engine with BLAS default threads", contextlib.nullcontext)
        run_table(args, "loaded, engine on one BLAS thread", one_blas_thread)


def run_table(args: argparse.Namespace, title: str, engine_threads) -> None:
    """One table: every size and dtype, the engine run inside ``engine_threads()``."""
    print(f"-- {title} (load average {os.getloadavg()[0]:.1f})")
    try:
        import torch

        if args.threads:
            torch.set_num_threads(args.threads)
        print(
            f"torch {torch.__version__}, {torch.get_num_threads()} threads; numpy {np.__version__}"
        )
    except ImportError:
        torch = None
        print(f"torch not installed: engine times only; numpy {np.__version__}")
    print(f"{'dtype':8} {'T,B,D,H':>16} {'engine ms':>10} {'torch ms':>9} {'ratio':>6} {'goal':>5}")
    for dtype in (np.float64, np.float32):
        for size in SIZES:
            reps = args.repeats if size[0] * size[1] < 10_000 else max(3, args.repeats // 3)
            plain = engine_runner(size, dtype)

            def ours(plain=plain) -> None:
                with engine_threads():
                    plain()

            theirs = torch_runner(size, dtype) if torch else None
            ours()
            if theirs:
                theirs()
            t_ours, t_theirs = [], []
            for _ in range(reps):
                t_ours.append(timed(ours))
                if theirs:
                    t_theirs.append(timed(theirs))
            m_ours = statistics.median(t_ours) * 1e3
            name = np.dtype(dtype).name
            goal = GOALS[(name, size)]
            if theirs:
                m_theirs = statistics.median(t_theirs) * 1e3
                ratio = m_ours / m_theirs
                mark = "ok" if ratio <= goal else "MISS"
                print(
                    f"{name:8} {','.join(map(str, size)):>16} {m_ours:10.2f} {m_theirs:9.2f} "
                    f"{ratio:6.2f} {goal:5.1f} {mark}"
                )
            else:
                print(f"{name:8} {','.join(map(str, size)):>16} {m_ours:10.2f}")


if __name__ == "__main__":
    main()
