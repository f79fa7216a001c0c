"""Time the panels' background jobs at the sizes real models have (issue #15's table).

Run: ``.venv/bin/python benchmarks/scale.py`` (``--sizes 1000x256,200x32`` for some).
Each (T, H) runs in its own process, so the peak memory is that size's own (the
largest resident size of the process: the trace and every job's working set). The
jobs are the panels' own, from ``lstm_viz.state.plot_data``, on the app's default
sequence at the given length, float64:

- compare: ``compare(settings)``, the three models' traces (a settings change);
- LSTM paths: ``run_paths`` (LSTM highway, total and other paths, RNN ‖∂h_T/∂h_t‖);
- stability sweep: ``run_sweeps`` of the RNN and the LSTM over the 40 scales;
- connectivity: ``run_connectivity`` of the LSTM (the current model).

Each job's time is also printed as a ratio to its flop estimate at this machine's
measured float64 GEMM rate (1.0 = as fast as the matrix products it cannot avoid;
the estimates are in :func:`flops`). The machine is shared: compare the rows and
the ratios of one run, not absolute times across runs (``--repeats N`` keeps each
job's best of N rounds, before and after alternating). ``--against DIR`` runs every
size twice, first with the package found in DIR (say an older commit, exported with
``git archive <commit> lstm_viz | tar -x -C DIR``), then with this worktree's, so a
before/after table comes from one run. ``--jobs connectivity`` times only those jobs
(the others' cells say "—"); ``--cpu`` adds each job's CPU time (every thread of the
process: on a loaded machine, the work one core would take).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

SIZES = [(200, 32), (1000, 32), (1000, 128), (1000, 256), (5000, 32), (10000, 64), (100000, 32)]
JOBS = ("compare", "paths", "sweep", "connectivity")
SCALES = 40


class _TooSlow(Exception):
    pass


def gemm_rate() -> float:
    """The float64 GEMM rate of this machine now (flop/s), best of three 1024³ products."""
    a = np.random.default_rng(0).standard_normal((1024, 1024))
    best = np.inf
    for _ in range(3):
        start = time.perf_counter()
        a @ a
        best = min(best, time.perf_counter() - start)
    return 2 * 1024**3 / best


def flops(job: str, steps: int, hidden: int, d: int) -> float:
    """The matrix products each job cannot avoid.

    compare: the forward passes of LSTM, GRU and RNN (8 blocks of H × (H + D)).
    paths: the Jacobian products: ``(H × 2H)(2H × H)`` per step for the LSTM's
    ∂c_T/∂c_t (gradients/_jacobian_pass.py) and ``(H × H)(H × H)`` for the RNN.
    sweep: 40 scales × forward + backward (≈ 3 forwards) of the RNN and the LSTM.
    connectivity: the tangents of all earlier inputs times the LSTM's (2H × H) kernel,
    ``Σ_u 2·2H·H·u·D ≈ 2H²T²D`` (the products of :func:`lstm_viz.engine.budget.connectivity_cost`).
    """
    if job == "compare":
        return steps * 2 * 8 * hidden * (hidden + d)
    if job == "paths":
        return steps * (4 + 2) * hidden**3
    if job == "sweep":
        return SCALES * steps * 3 * 2 * 5 * hidden * (hidden + d)
    if job == "connectivity":
        return 2 * hidden**2 * steps**2 * d
    raise ValueError(job)


def run_one(
    steps: int, hidden: int, limit: float, only: tuple[str, ...] = JOBS
) -> dict[str, object]:
    """Every job at one size in this process; ``limit`` seconds at most per job."""
    from lstm_viz.state import results as results_module
    from lstm_viz.state.comparison import compare
    from lstm_viz.state.plot_data import run_connectivity, run_paths, run_sweeps, sweep_request
    from lstm_viz.state.settings import Settings

    def fresh_compare() -> object:
        results_module._RUNS.clear()  # a settings change runs the models; the cache would not
        return compare(settings)

    rate = gemm_rate()
    settings = Settings(model="lstm", hidden_size=hidden, length=steps)

    def alarm(*_: object) -> None:
        raise _TooSlow

    signal.signal(signal.SIGALRM, alarm)
    out: dict[str, object] = {"rate": rate}
    comparison = compare(settings)  # once untimed: imports, caches
    d = comparison["lstm"].model.input_size
    jobs: dict[str, Callable[[], object]] = {
        "compare": fresh_compare,
        "paths": lambda: run_paths(comparison["lstm"], comparison["rnn"]),
        "sweep": lambda: run_sweeps(
            comparison["lstm"].sequence.values,
            sweep_request(comparison["lstm"], ("rnn", "lstm")),
        ),
        "connectivity": lambda: run_connectivity(comparison["lstm"]),
    }
    for name, job in jobs.items():
        if name not in only:
            out[name], out[name + "_ratio"], out[name + "_skipped"] = None, None, True
            continue
        signal.setitimer(signal.ITIMER_REAL, limit)
        cpu = time.process_time()
        start = time.perf_counter()
        try:
            result = job()
            seconds: float | None = time.perf_counter() - start
            out[name + "_cpu"] = time.process_time() - cpu
            window = getattr(result, "window", None)
            if window is not None and not window.whole:  # over the work budget: a window
                out[name + "_window"] = window.stop - window.start
        except _TooSlow:
            seconds = None
        except ValueError as err:  # a refusal (the memory budget): said as such
            seconds = None
            out[name + "_refused"] = str(err)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out[name] = seconds
        out[name + "_ratio"] = (
            None if seconds is None else seconds * rate / flops(name, steps, hidden, d)
        )
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _cell(
    seconds: object,
    ratio: object,
    limit: float,
    refused: bool,
    skipped: bool,
    window: object,
    cpu: object = None,
) -> str:
    if skipped:
        return "—"
    if refused:
        return "refused (budget)"
    if seconds is None:
        return f"> {limit:.0f} s"
    t = float(seconds)  # type: ignore[arg-type]
    shown = f"{t * 1e3:.0f} ms" if t < 1 else f"{t:.1f} s"
    if cpu is not None:  # --cpu: the CPU time of every thread of the process
        shown += f" (cpu {float(cpu):.1f} s)"  # type: ignore[arg-type]
    if window is not None:  # the ratio is to the whole map's estimate: not meaningful
        return f"{shown} (window of {window} steps)"
    return f"{shown} (×{float(ratio):.1f})"  # type: ignore[arg-type]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(f"{t}x{h}" for t, h in SIZES))
    ap.add_argument("--limit", type=float, default=120.0, help="seconds per job at most")
    ap.add_argument("--against", help="also run each size with the lstm_viz package in DIR")
    ap.add_argument("--jobs", default=",".join(JOBS), help="which jobs to time (comma-separated)")
    ap.add_argument("--repeats", type=int, default=1, help="rounds per size; the best is kept")
    ap.add_argument("--cpu", action="store_true", help="also print each job's CPU time")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        steps, hidden = map(int, args.one.split("x"))
        print(json.dumps(run_one(steps, hidden, args.limit, tuple(args.jobs.split(",")))))
        return
    print(f"numpy {np.__version__}; one process per size; (×r) = time / flop estimate")
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    head = ["T, H", "compare (3 models)", "LSTM paths", "stability sweep", "connectivity"]
    codes = [("before", args.against), ("after", None)] if args.against else [("", None)]
    print("| " + " | ".join([*head, "peak memory"]) + " |")
    print("|" + "---|" * (len(head) + 1))
    for size in args.sizes.split(","):
        runs: dict[str, list[dict[str, object]]] = {label: [] for label, _ in codes}
        failed: dict[str, str] = {}
        # Before and after alternate, each size's rounds back to back: a burst of load
        # from elsewhere then hits both, and the best of the rounds is kept.
        for _ in range(args.repeats):
            for label, code in codes:
                r = _run_size(size, code, args)
                if isinstance(r, str):
                    failed[label] = r
                else:
                    runs[label].append(r)
        t, h = size.split("x")
        for label, _ in codes:
            name = f"{t}, {h}" + (f" {label}" if label else "")
            if not runs[label]:
                print(f"| {name} | failed: {failed.get(label, '')} |")
                continue
            r = _best(runs[label])
            cells = [
                _cell(
                    r[j],
                    r[j + "_ratio"],
                    args.limit,
                    j + "_refused" in r,
                    j + "_skipped" in r,
                    r.get(j + "_window"),
                    r.get(j + "_cpu") if args.cpu else None,
                )
                for j in JOBS
            ]
            print(f"| {name} | " + " | ".join(cells) + f" | {r['peak_mb']:.0f} MB |", flush=True)


def _run_size(size: str, code: str | None, args: argparse.Namespace) -> dict[str, object] | str:
    """One process timing every job at ``size``: its results, or the error's last line."""
    env = dict(os.environ)
    if code:
        env["PYTHONPATH"] = os.pathsep.join([code, env.get("PYTHONPATH", "")])
    one = ["--one", size, "--limit", str(args.limit), "--jobs", args.jobs]
    proc = subprocess.run(
        [sys.executable, __file__, *one], capture_output=True, text=True, check=False, env=env
    )
    if proc.returncode != 0:
        return str(proc.stderr.strip().splitlines()[-1:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _best(runs: list[dict[str, object]]) -> dict[str, object]:
    """Each job's fastest round (a job over the limit counts as slowest); peak memory the
    largest."""
    best = dict(runs[0])
    for job in JOBS:
        timed = [r for r in runs if r.get(job) is not None]
        if timed:
            fastest = min(timed, key=lambda r: float(r[job]))  # type: ignore[arg-type]
            for key in (job, job + "_ratio", job + "_window", job + "_cpu"):
                if key in fastest:
                    best[key] = fastest[key]
    best["peak_mb"] = max(float(r["peak_mb"]) for r in runs)  # type: ignore[arg-type]
    return best


if __name__ == "__main__":
    main()
