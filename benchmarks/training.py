"""Training iterations per second: the engine's Trainer against PyTorch on the CPU.

Run: ``.venv/bin/python benchmarks/training.py`` (PyTorch optional: without it,
only the engine's rates are printed). Both sides do the same iteration at the
lab's default sizes (adding problem, T = 50, B = 32, H = 32, float64): draw the
batch with the engine's task generator, forward, MSE on the last step through a
linear read-out, backward, global-norm clipping, Adam. Blocks of iterations are
interleaved and the medians compared, so a busy machine slows both alike.
Goal: the engine within 1.5× of PyTorch's time per iteration.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

# PyTorch's OpenMP threads spin after each parallel region and would steal the
# CPU from the NumPy block that follows (see benchmarks/engine.py).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np

from lstm_viz.engine.training.trainer import TrainConfig, Trainer

GOAL = 1.5


def engine_runner(cfg: TrainConfig):
    trainer = Trainer(cfg.replace(iters=10_000_000))
    return trainer.step


def torch_runner(cfg: TrainConfig):
    import torch

    dtype = torch.float64 if cfg.dtype == "float64" else torch.float32
    task = Trainer(cfg).task
    net = getattr(torch.nn, cfg.model.upper())(task.input_size, cfg.hidden_size).to(dtype)
    lin = torch.nn.Linear(cfg.hidden_size, task.output_size).to(dtype)
    params = [*net.parameters(), *lin.parameters()]
    opt = torch.optim.Adam(params, lr=cfg.lr)
    rng = np.random.default_rng(0)

    def step() -> None:
        x, y = task.batch(rng, cfg.batch, cfg.length)
        opt.zero_grad()
        out, _ = net(torch.from_numpy(x).to(dtype))
        loss = torch.nn.functional.mse_loss(lin(out[-1]), torch.from_numpy(y).to(dtype))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, cfg.clip)
        opt.step()

    return step


def rate(step, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        step()
    return n / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--blocks", type=int, default=7, help="interleaved blocks per model")
    ap.add_argument("--block", type=int, default=40, help="iterations per block")
    ap.add_argument("--threads", type=int, default=None, help="torch.set_num_threads")
    ap.add_argument("--dtype", choices=("float64", "float32"), default="float64")
    args = ap.parse_args()
    try:
        import torch

        if args.threads:
            torch.set_num_threads(args.threads)
        print(
            f"torch {torch.__version__}, {torch.get_num_threads()} threads; numpy {np.__version__}"
        )
    except ImportError:
        torch = None
        print(f"torch not installed: engine rates only; numpy {np.__version__}")
    base = TrainConfig(dtype=args.dtype)
    sizes = f"T={base.length} B={base.batch} H={base.hidden_size}"
    print(f"adding {sizes} Adam clip={base.clip} {args.dtype}")
    print(f"{'model':6} {'engine it/s':>12} {'torch it/s':>11} {'ratio':>6} {'goal':>5}")
    for model in ("lstm", "gru", "rnn"):
        cfg = base.replace(model=model)
        ours = engine_runner(cfg)
        theirs = torch_runner(cfg) if torch else None
        rate(ours, 5)
        if theirs:
            rate(theirs, 5)
        r_ours, r_theirs = [], []
        for _ in range(args.blocks):
            r_ours.append(rate(ours, args.block))
            if theirs:
                r_theirs.append(rate(theirs, args.block))
        m_ours = statistics.median(r_ours)
        if theirs:
            m_theirs = statistics.median(r_theirs)
            ratio = m_theirs / m_ours  # time per iteration, engine / torch
            mark = "ok" if ratio <= GOAL else "MISS"
            print(f"{model:6} {m_ours:12.0f} {m_theirs:11.0f} {ratio:6.2f} {GOAL:5.1f} {mark}")
        else:
            print(f"{model:6} {m_ours:12.0f}")


if __name__ == "__main__":
    main()
