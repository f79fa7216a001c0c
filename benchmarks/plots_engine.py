"""Time the engine behind the live gradient plots.

Run: ``.venv/bin/python benchmarks/plots_engine.py``. Prints medians over repeats:

- the stability-map sweep, S=40 scales (0.5 … 2.0), T=100, H=32, RNN + LSTM
  (goal from the issue: ≤ 100 ms), beside the per-scale engine loop it replaces;
- ``compare(settings)``: all three models at T=200, H=32, without and with
  their (lazy) diagnostics (goal: the whole settings change, panels included,
  ≤ 30 ms), with where the time goes;
- the connectivity matrix of each model at T=200, H=32.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from lstm_viz.engine import MODELS
from lstm_viz.engine.gradients.connectivity import connectivity
from lstm_viz.engine.gradients.diagnostics import diagnose, last_step_loss_gradient, spectral_norms
from lstm_viz.engine.gradients.sweep import DEFAULT_SCALES, scale_sweep
from lstm_viz.state.comparison import compare
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings


def median_ms(run: Callable[[], object], repeats: int) -> float:
    run()  # warm up
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e3


def sweep_section(repeats: int) -> None:
    x = np.random.default_rng(0).standard_normal((100, 1))

    def both() -> None:
        for kind in ("rnn", "lstm"):
            scale_sweep(kind, x, 32, 0, DEFAULT_SCALES, forget_bias=1.0, clip=1.0)

    def loop() -> None:  # what the sweep replaces: one model and two passes per scale
        for kind in ("rnn", "lstm"):
            for s in DEFAULT_SCALES:
                m = MODELS[kind](1, 32, seed=0, recurrent_scale=float(s), forget_bias=1.0)
                tr = m.forward(x)
                m.backward(tr, last_step_loss_gradient(tr))

    t = median_ms(both, repeats)
    print(f"sweep S=40 T=100 H=32, RNN+LSTM     {t:8.1f} ms  goal 100  {_mark(t, 100)}")
    for kind in ("rnn", "lstm", "gru"):
        t_kind = median_ms(lambda k=kind: scale_sweep(k, x, 32, 0, DEFAULT_SCALES), repeats)
        print(f"  {kind:4} alone                        {t_kind:8.1f} ms")
    print(f"  per-scale engine loop, RNN+LSTM    {median_ms(loop, max(3, repeats // 3)):8.1f} ms")


def compare_section(repeats: int) -> None:
    settings = Settings(model="lstm", hidden_size=32, length=200, sequence="sine")
    t = median_ms(lambda: compare(settings), repeats)
    print(f"compare T=200 H=32, traces only     {t:8.1f} ms  (diagnostics are lazy)")

    def with_panels() -> None:
        # What gradient panels 1 and 2 read: ‖∂L/∂h_t‖ of all three models,
        # the RNN's ‖∂h_T/∂h_t‖, the LSTM's highway and total ‖∂c_T/∂c_t‖.
        c = compare(settings)
        for r in c.results.values():
            r.diagnostics.loss_grad  # noqa: B018
        c["rnn"].diagnostics.jacobian_spectral  # noqa: B018
        c["lstm"].diagnostics.highway  # noqa: B018
        c["lstm"].diagnostics.cell_total  # noqa: B018

    def with_everything() -> None:
        for r in compare(settings).results.values():
            r.diagnostics.finite  # noqa: B018 - computes every quantity

    t = median_ms(with_panels, repeats)
    print(f"  + what panels 1-2 read            {t:8.1f} ms  goal  30  {_mark(t, 30)}")
    t = median_ms(with_everything, repeats)
    print(f"  + every diagnostic of all three   {t:8.1f} ms")
    for kind in ("lstm", "gru", "rnn"):
        print(_breakdown(settings.replace(model=kind), repeats))


def _breakdown(settings: Settings, repeats: int) -> str:
    r = compute(settings)
    m, tr, x = r.model, r.trace, r.sequence.values
    jac = m.state_jacobians(tr)["h"]
    t_compute = median_ms(lambda: compute(settings), repeats)
    t_forward = median_ms(lambda: m.forward(x), repeats)
    t_diag = median_ms(lambda: diagnose(m, tr).finite, repeats)
    t_jac = median_ms(lambda: m.state_jacobians(tr), repeats)
    t_svd = median_ms(lambda: spectral_norms(jac), repeats)
    n = 2 if m.has_cell else 1  # the LSTM also differentiates c_T
    return (
        f"  {m.kind:4} compute {t_compute:5.1f} ms: forward {t_forward:4.1f}, diagnose "
        f"{t_diag:5.1f} (state_jacobians {t_jac:4.1f} ×{n}, {len(jac)} SVDs {t_svd:4.1f} ×{n})"
    )


def connectivity_section(repeats: int) -> None:
    for d in (1, 4):
        x = np.random.default_rng(0).standard_normal((200, d))
        times = []
        for kind in ("rnn", "lstm", "gru"):
            m = MODELS[kind](d, 32, seed=0, forget_bias=1.0)
            tr = m.forward(x)
            times.append(
                f"{kind} {median_ms(lambda m=m, tr=tr: connectivity(m, tr), repeats):5.1f}"
            )
        print(f"connectivity T=200 H=32 D={d}        {', '.join(times)} ms")


def _mark(ms: float, goal: float) -> str:
    return "ok" if ms <= goal else "MISS"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    args = ap.parse_args()
    print(f"numpy {np.__version__}; medians of {args.repeats} runs")
    sweep_section(args.repeats)
    compare_section(args.repeats)
    connectivity_section(max(3, args.repeats // 3))


if __name__ == "__main__":
    main()
