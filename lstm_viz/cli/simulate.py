"""``lstm-viz simulate``: run the engine on a sequence and print or save its numbers. No Qt.

lstm-viz simulate --model rnn --recurrent-scale 0.9 --length 100
lstm-viz simulate --weights w.safetensors --sequence data.csv --json report.json
lstm-viz simulate --weights bilstm.npz --sequence data.csv --layer 1 --direction reverse
"""

from __future__ import annotations

import sys
from collections.abc import Sequence as Seq
from typing import TYPE_CHECKING

import numpy as np

from ..engine.cells.stack import DIRECTIONS
from ..i18n_core import error_text, requested_language, say, set_language, tr
from ..state.text_view import shown_token, step_tokens
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
    from ..engine.gradients.diagnostics import PascanuCondition
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
    from ..state.prediction import prediction_report
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
        text_report = prediction_report(results, max(1, args.top_k))
    except (ValueError, OSError) as err:
        raise CommandError(error_text(err), tr("check the --labels file")) from None
    if args.json:
        write_json("--json", args.json, full_report(results) | text_report)
        return 0
    print(summary(results))
    return 0


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
            row += f"  {_best_text(predictions, i)}"
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
