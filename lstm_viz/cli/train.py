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
import sys
import time
from pathlib import Path
from typing import Any

from .. import __version__
from ..engine.io.formats import WRITE_SUFFIXES
from ..engine.io.weights import WeightsError
from ..engine.training.saving import save_trained
from ..engine.training.tasks import TRAIN_TASKS
from ..engine.training.trainer import Progress, TrainConfig, Trainer
from ..i18n_core import error_text, requested_language, set_language, tr
from ._errors import FAILED, INTERRUPTED, CommandError, Parser, interruptible, note, report
from ._options import (
    add_lang_option,
    add_model_option,
    add_scale_options,
    add_seed_option,
    check_shared_values,
    number,
    whole,
)
from ._output import check_output, write_json

PROG = "lstm-viz train"
TEST_SEQUENCES = 1000
_DEFAULTS = TrainConfig()


def train_parser() -> argparse.ArgumentParser:
    d = _DEFAULTS
    default = tr("default: %(default)s")
    p = Parser(
        prog=PROG,
        description=tr(
            "Train a recurrent model with a linear read-out on a long-time-lag task "
            "(NumPy, exact BPTT) and report its error on held-out sequences."
        ),
    )
    p.add_argument("--task", choices=TRAIN_TASKS, default=d.task, help=default)
    p.add_argument(
        "--length",
        type=whole,
        default=d.length,
        metavar="T",
        help=tr("steps per sequence (default: %(default)s)"),
    )
    add_model_option(p, default=d.model)
    p.add_argument("--hidden-size", type=whole, default=d.hidden_size, metavar="H", help=default)
    p.add_argument(
        "--batch",
        type=whole,
        default=d.batch,
        metavar="B",
        help=tr("sequences per iteration (default: %(default)s)"),
    )
    p.add_argument(
        "--iters",
        type=whole,
        default=d.iters,
        metavar="N",
        help=tr("iterations (default: %(default)s)"),
    )
    p.add_argument(
        "--lr", type=number, default=d.lr, help=tr("learning rate (default: %(default)s)")
    )
    p.add_argument("--optimizer", choices=("sgd", "adam"), default=d.optimizer, help=default)
    p.add_argument(
        "--momentum",
        type=number,
        default=d.momentum,
        help=tr("SGD momentum (default: %(default)s)"),
    )
    p.add_argument(
        "--clip",
        type=number,
        default=d.clip,
        metavar="NORM",
        help=tr("global gradient-norm clipping threshold, 0 = off (default: %(default)s)"),
    )
    add_seed_option(p, default=d.seed)
    add_scale_options(p, forget_bias=d.forget_bias)
    p.add_argument(
        "--out", metavar="FILE", help=tr("write the trained weights (.safetensors or .npz)")
    )
    p.add_argument(
        "--json",
        metavar="FILE",
        help=tr("write settings, loss history and test error ('-' for standard output)"),
    )
    p.add_argument(
        "--every",
        type=whole,
        default=d.every,
        metavar="N",
        help=tr("report every N iterations (default: %(default)s)"),
    )
    add_lang_option(p)
    return p


def train_command(argv: list[str]) -> int:
    """Run ``lstm-viz train`` with the arguments after ``train``; return the exit status."""
    set_language(requested_language(list(argv)))  # so that --help speaks it too
    trainer = None
    try:
        with interruptible():
            args = train_parser().parse_args(argv)
            trainer = _trainer(args)
            return _run(args, trainer)
    except CommandError as err:
        return report(PROG, err)
    except KeyboardInterrupt:
        if trainer is None:
            said = tr("interrupted — nothing was written")
        else:
            said = tr("interrupted at iteration {n} — nothing was written").format(
                n=trainer.iteration
            )
        note(f"{PROG}: {said}")
        return INTERRUPTED


def _trainer(args: argparse.Namespace) -> Trainer:
    """The trainer the options describe; :class:`CommandError` (status 2) for bad ones,
    found before a minute of training is spent."""
    check_shared_values(args)
    _check_outputs(args)
    try:
        return Trainer(_config(args))
    except ValueError as err:
        raise CommandError(error_text(err), "") from None


def _run(args: argparse.Namespace, trainer: Trainer) -> int:
    config = trainer.config
    start = time.perf_counter()
    _train(trainer, config)
    seconds = time.perf_counter() - start
    ev = trainer.evaluate(TEST_SEQUENCES)
    if args.out:
        try:
            save_trained(args.out, trainer)
        except WeightsError as err:
            raise CommandError(
                error_text(err), tr("choose another path, then run again"), FAILED
            ) from None
        note(tr("wrote {path}").format(path=args.out))
    if args.json:
        write_json("--json", args.json, report_data(trainer, ev, seconds))
    print(summary(trainer, ev, seconds), file=sys.stderr if args.json == "-" else sys.stdout)
    return FAILED if trainer.status == "diverged" else 0


def _config(args: argparse.Namespace) -> TrainConfig:
    if args.momentum and args.optimizer != "sgd":
        raise CommandError(
            tr("--momentum applies to --optimizer sgd only"),
            tr("add --optimizer sgd, or leave --momentum out"),
        )
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
        if Path(args.out).suffix.lower() not in WRITE_SUFFIXES:
            raise CommandError(
                tr("--out {path}: not a weights file name").format(path=args.out),
                tr("use a .safetensors or .npz file name"),
            )
        check_output("--out", args.out)
    check_output("--json", args.json)


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
    line = tr(
        "iter {i}/{n}  loss {loss:.4g}  ‖g‖ {norm:.3g}  clipped {clipped:.0f}%  {seconds:.1f} s"
    ).format(
        i=f"{p.iteration:>{width}}",
        n=p.iters,
        loss=p.mean_loss,
        norm=p.grad_norm,
        clipped=100 * clipped.mean(),
        seconds=seconds,
    )
    if p.nonfinite_steps:
        line += "  " + tr("non-finite steps {n}").format(n=p.nonfinite_steps)
    return line


def summary(trainer: Trainer, ev: Any, seconds: float) -> str:
    c = trainer.config
    what = "MSE" if c.task != "copy" else tr("cross-entropy")
    head = f"{c.model.upper()} {c.task} T={c.length} H={c.hidden_size}: " + tr(
        "test {what} {loss:.4g} on {n} held-out sequences (trivial {trivial:.3g})"
    ).format(what=what, loss=ev.loss, n=ev.sequences, trivial=ev.trivial)
    if ev.accuracy is not None:
        head += tr(", accuracy {percent:.1f}%").format(percent=100 * ev.accuracy)
    tail = tr("{n} iterations in {seconds:.1f} s").format(n=trainer.iteration, seconds=seconds)
    if trainer.status == "diverged":
        tail = tr("DIVERGED after {what} ({n} non-finite steps in a row)").format(
            what=tail, n=trainer.config.max_nonfinite
        )
    nonfinite = int((~trainer.history["finite"]).sum()) if trainer.iteration else 0
    if nonfinite and trainer.status != "diverged":
        tail += tr(", {n} non-finite steps skipped").format(n=nonfinite)
    return f"{head}; {tail}"


def report_data(trainer: Trainer, ev: Any, seconds: float) -> dict[str, Any]:
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


if __name__ == "__main__":  # pragma: no cover - `python -m lstm_viz.cli.train`
    sys.exit(train_command(sys.argv[1:]))
