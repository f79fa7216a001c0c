"""``lstm-viz train``: train an RNN, LSTM or GRU on a long-time-lag task, in NumPy.

    lstm-viz train --task adding --length 50 --model lstm --out w.safetensors --json h.json

Progress goes to standard error — a progress bar on a terminal, otherwise one line
every ``--every`` iterations — and one summary line to standard output. The weights
file holds the recurrent layer under PyTorch's keys (``weight_ih_l0`` …) plus the
read-out as ``readout.weight``/``readout.bias``, so ``load_weights`` (and PyTorch)
read it back. The JSON holds the settings, the loss history and ``test_mse``: the
error on 1,000 held-out sequences the model never trained on.

Exit status: 0 when training finished, 1 when it diverged (too many non-finite
steps in a row; the last finite weights are still written), 2 for bad options,
130 when interrupted.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from . import __version__
from .engine import MODELS
from .engine.io.formats import WRITE_SUFFIXES
from .engine.io.weights import WeightsError
from .engine.training.saving import save_trained
from .engine.training.tasks import TRAIN_TASKS
from .engine.training.trainer import Progress, TrainConfig, Trainer
from .files import atomic_write_text

PROG = "lstm-viz train"
TEST_SEQUENCES = 1000
_DEFAULTS = TrainConfig()


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad option is one line (no usage dump) and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def train_parser() -> argparse.ArgumentParser:
    d = _DEFAULTS
    p = _Parser(
        prog=PROG,
        description="Train a recurrent model with a linear read-out on a long-time-lag task "
        "(NumPy, exact BPTT) and report its error on held-out sequences.",
    )
    p.add_argument("--task", choices=TRAIN_TASKS, default=d.task, help="default: %(default)s")
    p.add_argument(
        "--length",
        type=int,
        default=d.length,
        metavar="T",
        help="steps per sequence (default: %(default)s)",
    )
    p.add_argument("--model", choices=MODELS, default=d.model, help="default: %(default)s")
    p.add_argument(
        "--hidden-size", type=int, default=d.hidden_size, metavar="H", help="default: %(default)s"
    )
    p.add_argument(
        "--batch",
        type=int,
        default=d.batch,
        metavar="B",
        help="sequences per iteration (default: %(default)s)",
    )
    p.add_argument(
        "--iters", type=int, default=d.iters, metavar="N", help="iterations (default: %(default)s)"
    )
    p.add_argument("--lr", type=float, default=d.lr, help="learning rate (default: %(default)s)")
    p.add_argument(
        "--optimizer", choices=("sgd", "adam"), default=d.optimizer, help="default: %(default)s"
    )
    p.add_argument(
        "--momentum", type=float, default=d.momentum, help="SGD momentum (default: %(default)s)"
    )
    p.add_argument(
        "--clip",
        type=float,
        default=d.clip,
        metavar="NORM",
        help="global gradient-norm clipping threshold, 0 = off (default: %(default)s)",
    )
    p.add_argument(
        "--seed", type=int, default=d.seed, help="makes the run reproducible (default: %(default)s)"
    )
    p.add_argument(
        "--forget-bias",
        type=float,
        default=d.forget_bias,
        metavar="B",
        help="LSTM forget-gate (GRU update-gate) bias (default: %(default)s)",
    )
    p.add_argument(
        "--recurrent-scale",
        type=float,
        default=None,
        metavar="S",
        help="largest singular value of each block of W_hh at init (default: PyTorch's init)",
    )
    p.add_argument("--out", metavar="FILE", help="write the trained weights (.safetensors or .npz)")
    p.add_argument(
        "--json", metavar="FILE", help="write settings, loss history and test error ('-': stdout)"
    )
    p.add_argument(
        "--every",
        type=int,
        default=d.every,
        metavar="N",
        help="report every N iterations (default: %(default)s)",
    )
    return p


def train_command(argv: list[str]) -> int:
    """Run ``lstm-viz train`` with the arguments after ``train``; return the exit status."""
    try:
        args = train_parser().parse_args(argv)
        config = _config(args)
        _check_outputs(args)
    except (_UsageError, ValueError) as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    trainer = Trainer(config)
    start = time.perf_counter()
    try:
        _train(trainer, config)
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted at iteration {trainer.iteration}", file=sys.stderr)
        return 130
    seconds = time.perf_counter() - start
    ev = trainer.evaluate(TEST_SEQUENCES)
    if args.out:
        try:
            save_trained(args.out, trainer)
        except WeightsError as err:
            print(f"{PROG}: error: {err}", file=sys.stderr)
            return 1
        print(f"wrote {args.out}", file=sys.stderr)
    if args.json:
        text = json.dumps(_clean(report(trainer, ev, seconds)), indent=1, allow_nan=False)
        if args.json == "-":
            sys.stdout.write(text + "\n")
        else:
            try:
                atomic_write_text(args.json, text + "\n")
            except OSError as err:
                print(
                    f"{PROG}: error: cannot write {args.json}: {err.strerror or err}",
                    file=sys.stderr,
                )
                return 1
            print(f"wrote {args.json}", file=sys.stderr)
    print(summary(trainer, ev, seconds), file=sys.stderr if args.json == "-" else sys.stdout)
    return 1 if trainer.status == "diverged" else 0


def _config(args: argparse.Namespace) -> TrainConfig:
    if args.momentum and args.optimizer != "sgd":
        raise ValueError("--momentum applies to --optimizer sgd only")
    return TrainConfig(
        task=args.task,
        length=args.length,
        model=args.model,
        hidden_size=args.hidden_size,
        batch=args.batch,
        iters=args.iters,
        lr=args.lr,
        optimizer=args.optimizer,
        momentum=args.momentum,
        clip=args.clip,
        seed=args.seed,
        forget_bias=args.forget_bias,
        recurrent_scale=args.recurrent_scale,
        every=args.every,
    )


def _check_outputs(args: argparse.Namespace) -> None:
    """Fail before a minute of training, not after it, on a path that cannot be written."""
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() not in WRITE_SUFFIXES:
            raise ValueError(f"--out {args.out}: use a .safetensors or .npz file name")
        if not out.parent.is_dir():
            raise ValueError(f"--out {args.out}: the folder {out.parent} does not exist")
    if args.json and args.json != "-" and not Path(args.json).parent.is_dir():
        raise ValueError(f"--json {args.json}: the folder {Path(args.json).parent} does not exist")


def _train(trainer: Trainer, config: TrainConfig) -> None:
    try:
        from tqdm import tqdm
    except ImportError:  # a declared dependency, but a missing bar must not stop training
        tqdm = None
    if tqdm is not None and sys.stderr.isatty():
        with tqdm(total=config.iters, file=sys.stderr, desc=config.model.upper(), unit="it") as bar:
            # Small reports keep the bar smooth; each costs microseconds.
            for p in trainer.run(every=max(1, min(config.every, 10))):
                bar.update(p.iteration - bar.n)
                bar.set_postfix(
                    loss=f"{p.mean_loss:.4g}", gnorm=f"{p.grad_norm:.3g}", refresh=False
                )
        return
    start = time.perf_counter()
    for p in trainer.run():
        print(_progress_line(trainer, p, time.perf_counter() - start), file=sys.stderr, flush=True)


def _progress_line(trainer: Trainer, p: Progress, seconds: float) -> str:
    clipped = trainer.history["clipped"][-trainer.config.every :]
    width = len(str(p.iters))
    line = (
        f"iter {p.iteration:>{width}}/{p.iters}  loss {p.mean_loss:.4g}  "
        f"‖g‖ {p.grad_norm:.3g}  clipped {100 * clipped.mean():.0f}%  {seconds:.1f} s"
    )
    if p.nonfinite_steps:
        line += f"  non-finite steps {p.nonfinite_steps}"
    return line


def summary(trainer: Trainer, ev: Any, seconds: float) -> str:
    c = trainer.config
    what = "MSE" if c.task != "copy" else "cross-entropy"
    head = (
        f"{c.model.upper()} {c.task} T={c.length} H={c.hidden_size}: test {what} "
        f"{ev.loss:.4g} on {ev.sequences} held-out sequences (trivial {ev.trivial:.3g})"
    )
    if ev.accuracy is not None:
        head += f", accuracy {100 * ev.accuracy:.1f}%"
    tail = f"{trainer.iteration} iterations in {seconds:.1f} s"
    if trainer.status == "diverged":
        tail = f"DIVERGED after {tail} ({trainer.config.max_nonfinite} non-finite steps in a row)"
    nonfinite = int((~trainer.history["finite"]).sum()) if trainer.iteration else 0
    if nonfinite and trainer.status != "diverged":
        tail += f", {nonfinite} non-finite steps skipped"
    return f"{head}; {tail}"


def report(trainer: Trainer, ev: Any, seconds: float) -> dict[str, Any]:
    """The JSON report: settings, model facts, loss history and held-out error."""
    model = trainer.model
    w, b = trainer.readout
    hist = trainer.history
    return {
        "command": PROG,
        "version": __version__,
        "settings": trainer.config.as_dict(),
        "model": {
            "kind": model.kind,
            "input_size": model.input_size,
            "hidden_size": model.hidden_size,
            "output_size": int(w.shape[0]),
            "n_params": model.n_params + int(w.size + b.size),
        },
        "loss": trainer.task.loss,
        "status": trainer.status,
        "iterations": trainer.iteration,
        "seconds": round(seconds, 3),
        "test_sequences": ev.sequences,
        "test_mse": ev.mse,
        "test_loss": ev.loss,
        "test_accuracy": ev.accuracy,
        "trivial_loss": ev.trivial,
        "nonfinite_steps": int((~hist["finite"]).sum()) if trainer.iteration else 0,
        "history": {k: v.tolist() for k, v in hist.items()},
    }


def _clean(value: Any) -> Any:
    """JSON has no inf/nan: non-finite numbers become null (the history's ``finite`` says why)."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    return value


def main() -> None:  # pragma: no cover - `python -m lstm_viz.train_cli`
    sys.exit(train_command(sys.argv[1:]))


if __name__ == "__main__":  # pragma: no cover
    main()
