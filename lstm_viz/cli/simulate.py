"""``lstm-viz simulate``: run the engine on a sequence and print or save its numbers. No Qt.

lstm-viz simulate --model rnn --recurrent-scale 0.9 --length 100
lstm-viz simulate --weights w.safetensors --sequence data.csv --json report.json
lstm-viz simulate --weights bilstm.npz --sequence data.csv --layer 1 --direction reverse
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from collections.abc import Sequence as Seq
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from ..engine.budget import ONE_CORE_FLOPS
from ..engine.cells.stack import DIRECTIONS
from ..i18n_core import error_text, requested_language, say, set_language, tr
from ..state.text_view import shown_token, step_tokens, written_step
from ..state.training_note import training_note
from ._errors import INTERRUPTED, CommandError, Parser, interruptible, note, report
from ._options import (
    add_lang_option,
    add_settings_options,
    option_error,
    settings_from_args,
    weights_warning,
    whole,
)
from ._output import check_output, write_json

if TYPE_CHECKING:
    from ..engine.gradients.diagnostics import Diagnostics, PascanuCondition
    from ..state.prediction import Predictions
    from ..state.results import Results

PROG = "lstm-viz simulate"


def simulate_parser() -> Parser:
    p = Parser(
        prog=PROG,
        description=tr(
            "Run the engine on a sequence and report every activation and the "
            "gradient diagnostics (no window needed)."
        ),
    )
    add_settings_options(p)
    p.add_argument(
        "--json",
        metavar="FILE",
        help=tr("write the full results as JSON ('-' for standard output)"),
    )
    p.add_argument(
        "--top-k",
        type=whole,
        default=3,
        metavar="K",
        help=tr("classes per step in the JSON's predictions (default: 3)"),
    )
    add_lang_option(p)
    return p


def simulate_command(argv: Seq[str]) -> int:
    """Run ``lstm-viz simulate`` with the arguments after ``simulate``; the exit status."""
    set_language(requested_language(list(argv)))  # so that --help speaks it too
    try:
        with interruptible():
            return _simulate(argv)
    except CommandError as err:
        return report(PROG, err)
    except KeyboardInterrupt:
        note(f"{PROG}: " + tr("interrupted — nothing was written"))
        return INTERRUPTED


def _simulate(argv: Seq[str]) -> int:
    from ..state.results import compute
    from ..state.stack_report import full_report

    args = simulate_parser().parse_args(argv)
    check_output("--json", args.json)
    settings = settings_from_args(args)
    try:
        results = compute(settings)
    except (ValueError, OSError) as err:
        raise CommandError(
            option_error(err), tr("check the file and the options, then run again")
        ) from None
    if warning := weights_warning(args):
        note(warning)
    if results.weights is not None:
        from ..state.health import check_health
        from ..state.load_report import run_report

        for line in run_report(results).lines():
            note(tr("load: {line}").format(line=say(line)))
        for finding in check_health(results).findings:
            note(tr("health: {line}").format(line=say(finding.text)))
    if args.weights is not None and args.sequence is None and results.text is None:
        note(
            tr(
                "note: no --sequence given; ran the built-in {name!r} sequence ({steps} steps) "
                "— choose one with --sequence NAME|FILE"
            ).format(name=results.sequence.name, steps=results.steps)
        )
    try:
        _ = results.predictions  # the labels must fit the head, for the table too
    except (ValueError, OSError) as err:
        raise CommandError(error_text(err), tr("check the --labels file")) from None
    _compute_diagnostics(results, every_cell=bool(args.json))
    if args.json:
        if _report_values(results) >= SLOW_REPORT_VALUES:
            note(tr("writing the JSON report…"))
        text_report = _prediction_report(results, max(1, args.top_k))
        write_json("--json", args.json, full_report(results) | text_report)
        return 0
    print(summary(results))
    return 0


#: Work that shows its progress on standard error: about a second on one core.
SLOW_WORK_FLOPS = ONE_CORE_FLOPS
#: A JSON report with this many numbers takes about a second to write, and says so.
SLOW_REPORT_VALUES = 1_000_000


def _cells(results: Results, every_cell: bool) -> list[Diagnostics]:
    """The diagnostics the output reads: the chosen cell's, or every cell of the stack."""
    run = results.stack_run
    if not every_cell or run is None:
        return [results.diagnostics]
    stack = run.stack
    cells = [run.cell(k, d) for k in range(stack.num_layers) for d in range(stack.directions)]
    return cells if any(c is results.diagnostics for c in cells) else [results.diagnostics, *cells]


def _compute_diagnostics(results: Results, every_cell: bool) -> None:
    """Compute the full Jacobians the output reads, showing their progress when slow.

    The rest of the diagnostics takes a fraction of this (one backward pass each).
    """
    cells = _cells(results, every_cell)
    steps = sum(d.jacobian_steps for d in cells)
    # One (H × 2H)(2H × H) product per step of each pass, the LSTM's; the others' less.
    work = sum(d.jacobian_steps * 4.0 * d.model.hidden_size**3 for d in cells)
    if work < SLOW_WORK_FLOPS:
        return  # read when the output needs them, with nothing to show
    with _progress(steps) as advance:
        for d in cells:
            d.compute_jacobians(advance)


def _prediction_report(results: Results, top_k: int) -> dict:
    """The JSON's tokens, predictions and attribution; the attribution's backward passes
    (one a step, through the whole stack) show their progress when slow."""
    from ..state.prediction import attribution_rows, prediction_report

    try:
        has_head = results.predictions is not None
    except ValueError:  # the labels were checked before; never silently wrong
        has_head = False
    rows = len(attribution_rows(results)) if has_head else 0
    stack = results.stack
    cells = 1 if stack is None else stack.num_layers * stack.directions
    # A backward pass: about 8 H × (H + D) flops per gate block, step and cell.
    m = results.model
    blocks = m.params["weight_hh"].shape[0] // m.hidden_size
    work = (
        rows * results.steps * cells * 8.0 * blocks * m.hidden_size * (m.hidden_size + m.input_size)
    )
    if work < SLOW_WORK_FLOPS:
        return prediction_report(results, top_k)
    with _progress(rows, tr("attribution of every step's prediction")) as advance:
        return prediction_report(results, top_k, advance)


def _report_values(results: Results) -> int:
    """About how many numbers the JSON report holds (h, c, the gates, the per-step norms)."""
    m = results.model
    cells = 1 if results.stack_run is None else 2 * len(_cells(results, True))
    return (6 * m.hidden_size + m.input_size + 8) * results.steps * cells


def _line(text: str) -> None:
    # One write per line: a Ctrl-C arriving mid-line could otherwise glue the stop's own
    # line to this one.
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


@contextmanager
def _progress(total: int, what: str | None = None) -> Iterator[Callable[[int], None]]:
    """``advance(n)``: n more of ``total`` steps of ``what`` (default: the full
    Jacobians) done, shown on standard error.

    A bar on a terminal (tqdm, as ``lstm-viz train`` shows); otherwise a line to begin
    with and one at every tenth of the work, which a log or a pipe can follow.
    """
    what = what or tr("full Jacobians")
    if sys.stderr.isatty():
        try:
            from tqdm import tqdm
        except ImportError:  # a declared dependency, but a missing bar must not stop the work
            tqdm = None
        if tqdm is not None:
            with tqdm(total=total, desc=what, unit=tr("step"), file=sys.stderr, leave=False) as bar:
                yield bar.update
            return
    _line(
        tr("computing the {what}, {total} steps in all (Ctrl+C stops)…").format(
            what=what, total=total
        )
    )
    start, done, shown = time.perf_counter(), 0, 0

    def advance(n: int) -> None:
        nonlocal done, shown
        done += n
        if 10 * done // total > shown:
            shown = 10 * done // total
            line = tr("{what}: {done}/{total} steps ({percent}%), {seconds:.1f} s")
            _line(
                line.format(
                    what=what,
                    done=done,
                    total=total,
                    percent=100 * done // total,
                    seconds=time.perf_counter() - start,
                )
            )

    yield advance


def summary(results: Results) -> str:
    """The table ``simulate`` prints: the model, its sequence and the gradient diagnostics."""
    m, d = results.model, results.diagnostics
    steps = results.steps
    lines = [
        f"{m.kind.upper()}  input_size={m.input_size}  hidden_size={m.hidden_size}  "
        f"parameters={m.n_params}",
        *_stack_lines(results),
        tr("sequence {name!r}: {steps} steps").format(name=results.sequence.name, steps=steps),
        _pascanu_line(d.pascanu),
    ]
    if (note := training_note(results)) is not None:
        lines.append(say(note))
    if not results.finite:
        lines.append(tr("warning: some values overflowed (inf/nan); see --json for which steps"))
    tokens = step_tokens(results)
    token_title, prediction_title = tr("token"), tr("prediction")
    header = f"{'t':>5} "
    if tokens:
        header += f"{token_title:<12} "
    header += f"{'‖∂h_T/∂h_t‖':>13} {'‖∂L/∂h_t‖':>12}"
    if d.highway is not None:
        header += f" {'highway ∏f':>12} {'‖∂c_T/∂c_t‖':>13}"
    predictions = results.predictions
    if predictions is not None:
        header += f"  {prediction_title}"
    lines += ["", header]
    shown = sorted(set(np.linspace(0, steps - 1, min(steps, 11)).round().astype(int)))
    for i in shown:
        row = f"{i + 1:>5} "
        if tokens:
            row += f"{shown_token(tokens[i]):<12} "
        row += f"{d.jacobian_spectral[i]:>13.4g} {d.loss_grad[i]:>12.4g}"
        if d.highway is not None:
            row += f" {d.highway[i]:>12.4g} {d.cell_total[i]:>13.4g}"
        if predictions is not None:
            row += f"  {_best_text(predictions, written_step(i, steps, results.direction))}"
        lines.append(row)
    lines += [
        "",
        tr("L = Σ_k h_T[k]/√H, a loss on the last step whose gradient at T has norm 1;"),
        tr("highway ∏f: the cell-state path alone; ‖∂c_T/∂c_t‖: all paths together."),
    ]
    return "\n".join(lines)


def _best_text(predictions: Predictions, t: int) -> str:
    """The read-out's best class and its probability at step ``t`` (a regressor: its value)."""
    label, value = predictions.top(t, 1)[0]
    if label is None:
        return f"{value:.4g}"
    return f"{shown_token(label)} ({value:.2f})"


def _stack_lines(results: Results) -> list[str]:
    """What a stacked or bidirectional model adds: its shape and the cell shown."""
    stack = results.stack
    if stack is None or (stack.num_layers == 1 and not stack.bidirectional):
        return []
    line = tr(
        "stack: {layers} layer(s) × {directions} direction(s), {params} parameters in all; "
        "showing layer {layer} {direction}"
    ).format(
        layers=stack.num_layers,
        directions=stack.directions,
        params=stack.n_params,
        layer=results.layer,
        direction=DIRECTIONS[results.direction],
    )
    lines = [line]
    if results.direction == 1:
        lines.append(
            tr("the reverse direction reads x_T first: its step t below is input T + 1 − t")
        )
    return lines


def _pascanu_line(p: PascanuCondition) -> str:
    if p.applies:
        verdict = (
            tr("vanishing guaranteed") if p.vanishing_guaranteed else tr("vanishing not guaranteed")
        )
        return tr(
            "σ_max(W_hh) = {sigma:.4g}: {verdict} (Pascanu et al. 2013: below "
            "1/γ = {threshold:g} for a {nonlinearity} RNN)"
        ).format(
            sigma=p.sigma_max,
            verdict=verdict,
            threshold=p.threshold,
            nonlinearity=p.nonlinearity,
        )
    blocks = "  ".join(f"{k} {v:.3g}" for k, v in p.blocks.items())
    return tr(
        "σ_max of each block of W_hh: {blocks}  (Pascanu's bound is for the plain RNN)"
    ).format(blocks=blocks)


if __name__ == "__main__":  # pragma: no cover - `python -m lstm_viz.cli.simulate`
    sys.exit(simulate_command(sys.argv[1:]))
