"""The read-out as a frame shows it, and a stack's head reading its top layer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine import LSTM
from lstm_viz.engine.cells.stack import RecurrentStack
from lstm_viz.state.frame import frame_at, readout_at, readout_history
from lstm_viz.state.prediction import attribution, prediction_report
from lstm_viz.state.results import Results, compute
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor

TEXT = "abcab cba"


@pytest.fixture(scope="module")
def stacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Results, RecurrentStack, dict]:
    """A two-layer LSTM over one-hot "abc " with a four-class head, as a real file."""
    stack = RecurrentStack.from_cells([[LSTM(4, 5, seed=1)], [LSTM(5, 5, seed=2)]])
    rng = np.random.default_rng(3)
    head = {"fc.weight": rng.normal(size=(4, 5)), "fc.bias": rng.normal(size=4)}
    path = tmp_path_factory.mktemp("stack") / "stack.npz"
    np.savez(path, **stack.state_dict(), **head, tokens=np.array([ord(c) for c in "abc "]))
    settings = Settings(sequence="text", text=TEXT, tokenizer="chars", weights=str(path))
    return compute(settings), stack, head


def test_a_stacks_head_reads_its_top_layer_whichever_cell_is_shown(stacked) -> None:
    results, stack, head = stacked
    x = np.eye(4)[["abc ".index(c) for c in TEXT]]
    want = stack.forward(x).output @ head["fc.weight"].T + head["fc.bias"]
    for layer in (0, 1):
        shown = results.select(layer)
        np.testing.assert_allclose(shown.predictions.outputs, want, rtol=1e-12)
        frame = frame_at(shown, Cursor(3, 2, 1.0))
        readout = readout_at(shown, frame)
        assert (readout.layer, readout.drawn) == (1, layer)
        assert readout.key == "fc.weight" and readout.classes == 4
        assert readout.top == tuple(shown.predictions.top(3, 3))


def test_attribution_goes_through_the_whole_stack(stacked) -> None:
    results, stack, head = stacked
    x = np.eye(4)[["abc ".index(c) for c in TEXT]]
    step, eps = 5, 1e-6
    k = int(np.argmax(results.predictions.probabilities[step]))

    def p(values: np.ndarray) -> float:
        z = stack.forward(values).output[step] @ head["fc.weight"].T + head["fc.bias"]
        e = np.exp(z - z.max())
        return float(e[k] / e.sum())

    numeric = []
    for t in range(step + 1):
        g = []
        for d in range(4):
            up, down = x.copy(), x.copy()
            up[t, d] += eps
            down[t, d] -= eps
            g.append((p(up) - p(down)) / (2 * eps))
        numeric.append(np.linalg.norm(g))
    exact = attribution(results, step)
    np.testing.assert_allclose(exact, numeric, rtol=1e-5)
    report = prediction_report(results.select(0))
    np.testing.assert_allclose(report["attribution"][step], exact, rtol=1e-12)


def test_the_read_out_follows_the_stage_that_computes_h(stacked) -> None:
    results = stacked[0]
    for cursor, status, known in (
        (Cursor(4, 0, 1.0), "pending", False),
        (Cursor(4, 2, 0.0), "active", False),
        (Cursor(4, 2, 0.3), "active", True),
    ):
        readout = readout_at(results, frame_at(results, cursor))
        assert (readout.status, readout.computed) == (status, known), cursor
    done = frame_at(results, Cursor(4, 2, 1.0))
    assert readout_at(results, done, backward=True).status == "done"


def test_the_history_hides_what_is_not_computed_yet(stacked) -> None:
    results = stacked[0]
    p = results.predictions.probabilities
    cursor = Cursor(4, 1, 1.0)
    history = readout_history(results, cursor, 2, 8, readout_at(results, frame_at(results, cursor)))
    np.testing.assert_allclose(history.values[:2], p.max(axis=1)[2:4])
    assert np.isnan(history.values[2:]).all() and list(history.computed) == [1, 1, 0, 0, 0, 0]
    labels = results.predictions.labels
    assert history.best == tuple(labels[i] for i in p.argmax(axis=1)[2:8])


def test_a_regressors_history_keeps_one_scale_over_the_sequence(tmp_path: Path) -> None:
    from lstm_viz.engine import save_weights

    model = LSTM(3, 4, seed=5)
    head = {"fc.weight": np.full((1, 4), 2.0), "fc.bias": np.array([-0.5])}
    path = save_weights(
        tmp_path / "r.npz", "lstm", model.params, {**head, "tokens": np.array([97, 98, 99])}
    )
    results = compute(
        Settings(sequence="text", text="abccba", tokenizer="chars", weights=str(path))
    )
    outputs = results.predictions.outputs[:, 0]
    cursor = Cursor(5, 2, 1.0)
    history = readout_history(results, cursor, 3, 6, readout_at(results, frame_at(results, cursor)))
    assert history.regressor and history.best == (None, None, None)
    np.testing.assert_allclose(history.values, outputs[3:6])
    assert history.scale == pytest.approx(np.abs(outputs).max())
