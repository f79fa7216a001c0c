"""The scene shows the engine's exact numbers, stage by stage, without growing."""

from __future__ import annotations

import html

import numpy as np
import pytest

from lstm_viz.diagram.tooltips import unit_value
from lstm_viz.state.timeline import STAGES, Cursor

LAST = {k: len(v) - 1 for k, v in STAGES.items()}


def _expected(results, t: int) -> dict[str, np.ndarray]:
    tr = results.trace
    out = {"x": tr.x[t], "h": tr.h[t], "h_prev": tr.h_prev[t]}
    if results.kind == "lstm":
        out |= {k: tr.gates[k][t] for k in "ifgo"}
        out |= {"c": tr.c[t], "c_prev": tr.c_prev[t], "tanh_c": np.tanh(tr.c[t])}
    elif results.kind == "gru":
        out |= {k: tr.gates[k][t] for k in "rzn"}
    else:
        out["tanh"] = np.tanh(tr.gates["a"][t])
    return out


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_strips_show_the_engines_numbers_for_the_cursor_step(scene, results_by_kind, kind):
    results = results_by_kind[kind]
    for t in (0, 7, results.steps - 1):
        scene.show(results, Cursor(t, LAST[kind], 1.0))
        for name, want in _expected(results, t).items():
            np.testing.assert_array_equal(scene.displayed_values(name), want, err_msg=name)


def test_lstm_later_stages_are_pending_and_the_forget_gate_is_shown(scene, results_by_kind):
    results = results_by_kind["lstm"]
    t = 5
    scene.show(results, Cursor(t, 0, 0.5))
    np.testing.assert_array_equal(scene.displayed_values("f"), results.trace.gates["f"][t])
    np.testing.assert_array_equal(scene.displayed_values("c_prev"), results.trace.c_prev[t])
    for name in ("i", "g", "o", "c", "h", "i_g", "tanh_c"):
        assert np.isnan(scene.displayed_values(name)).all(), name
    scene.show(results, Cursor(t, 1, 1.0))
    np.testing.assert_array_equal(scene.displayed_values("c"), results.trace.c[t])
    assert np.isnan(scene.displayed_values("h")).all()
    scene.show(results, Cursor(t, 2, 1.0))
    for name in scene.part_names():
        assert np.isfinite(scene.displayed_values(name)).all(), name


def test_gru_stages_reveal_reset_then_candidate_then_update(scene, results_by_kind):
    results = results_by_kind["gru"]
    scene.show(results, Cursor(4, 0, 0.3))
    assert np.isfinite(scene.displayed_values("r")).all()
    assert np.isnan(scene.displayed_values("n")).all()
    scene.show(results, Cursor(4, 1, 0.3))
    np.testing.assert_array_equal(scene.displayed_values("n"), results.trace.gates["n"][4])
    assert np.isnan(scene.displayed_values("z")).all()


def test_forget_caption_prints_the_mean_forget_gate_as_a_percentage(scene, results_by_kind):
    results = results_by_kind["lstm"]
    for t in (0, 9, 20):
        scene.show(results, Cursor(t, 0, 1.0))
        want = round(100 * float(np.mean(results.trace.gates["f"][t])))
        assert f"kept {want}% of it on average" in scene.caption_text()


def test_gru_update_caption_prints_the_mean_update_gate(scene, results_by_kind):
    results = results_by_kind["gru"]
    scene.show(results, Cursor(3, 2, 1.0))
    want = round(100 * float(np.mean(results.trace.gates["z"][3])))
    assert f"kept {want}% of the old state" in scene.caption_text()


def test_switching_model_changes_the_parts_and_keeps_the_item_count_flat(scene, results_by_kind):
    names = {}
    for kind in ("lstm", "gru", "rnn"):
        scene.show(results_by_kind[kind], Cursor(2, 0, 0.5))
        names[kind] = set(scene.part_names())
    assert {"f", "i", "g", "o", "c"} <= names["lstm"]
    assert {"r", "z", "n"} <= names["gru"] and "c" not in names["gru"]
    assert names["rnn"] == {"x", "h_prev", "tanh", "h"}
    counts = []
    for _ in range(5):  # items are built on first use of each (kind, unrolled), then reused
        for kind in ("lstm", "gru", "rnn"):
            scene.set_unrolled(True)
            scene.show(results_by_kind[kind], Cursor(3, 0, 0.4))
            scene.set_unrolled(False)
            scene.show(results_by_kind[kind], Cursor(3, 0, 0.4))
        counts.append(scene.item_count())
    assert len(set(counts)) == 1, counts


def test_five_hundred_frames_keep_the_item_count_constant(scene, results_by_kind):
    results = results_by_kind["lstm"]
    scene.show(results, Cursor(0, 0, 0.0))
    count = scene.item_count()
    for k in range(500):
        p = k * 0.37
        scene.show(results, Cursor(int(p // 3) % results.steps, int(p) % 3, p % 1.0))
    assert scene.item_count() == count


@pytest.mark.parametrize("part", ["f", "c", "i_g", "h"])
def test_hover_tooltips_contain_every_units_exact_value(scene, results_by_kind, part):
    results = results_by_kind["lstm"]
    scene.show(results, Cursor(6, 2, 1.0))
    text = scene.tooltip_for(part)
    for v in scene.displayed_values(part):
        assert unit_value(v) in text
    assert "σ(W_f" in scene.tooltip_for("f")  # the symbolic equation
    assert "mean pre-activation" in scene.tooltip_for("f")


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_tooltips_write_the_equations_panels_notation_with_pytorchs_names(
    scene, results_by_kind, kind
):
    from lstm_viz.state.equations import EQUATIONS, plain
    from lstm_viz.state.timeline import STAGES

    results = results_by_kind[kind]
    scene.show(results, Cursor(3, len(STAGES[kind]) - 1, 1.0))  # every part computed
    for eq in EQUATIONS[kind]:
        part = "tanh" if eq.name == "a" else eq.name
        text = html.unescape(scene.tooltip_for(part))
        if eq.name != "a":
            assert plain(eq.markup) in text, part
        for p in eq.params:
            assert f"{plain(p.symbol)} = {p.torch}" in text, part
    if kind == "gru":
        n = html.unescape(scene.tooltip_for("n"))
        assert "W_xn xₜ" in n and "W_in" not in n and "b_in" not in n


def test_tooltip_of_a_pending_part_says_not_yet_computed(scene, results_by_kind):
    scene.show(results_by_kind["lstm"], Cursor(6, 0, 0.5))
    assert "Not yet computed" in scene.tooltip_for("o")


def test_clicking_the_unrolled_strip_emits_step_clicked(qtbot, results_by_kind):
    from PySide6.QtCore import QPoint, Qt

    from lstm_viz.diagram import CellDiagram, DiagramView
    from lstm_viz.diagram.sequence import X0, X1, Y_ROW3

    scene = CellDiagram()
    view = DiagramView(scene)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    results = results_by_kind["lstm"]
    scene.show(results, Cursor(3, 0, 1.0))
    step = 17
    x = X0 + (step + 0.5) * (X1 - X0) / results.steps
    pos = view.mapFromScene(x, Y_ROW3 + 10)
    with qtbot.waitSignal(scene.stepClicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos))
    assert blocker.args == [step]


def test_non_finite_values_render_flagged_without_errors(scene, results_by_kind):
    from lstm_viz.diagram import render_scene
    from lstm_viz.diagram.theme import LIGHT
    from lstm_viz.state.results import Results

    base = results_by_kind["rnn"]
    x = np.full((6, base.model.input_size), 1e308)
    x[2] = np.inf
    x[4] = np.nan
    trace = base.model.forward(x)
    assert not trace.finite
    bad = Results(base.settings, base.model, base.sequence, trace)
    for t in range(6):
        scene.show(bad, Cursor(t, 0, 0.5))
        image = render_scene(scene, (640, 360))
        assert not image.isNull()
    assert np.isnan(scene.displayed_values("h")).any()
    assert "overflow" in scene.caption_text()
    # The flag colour is actually painted.
    img = render_scene(scene, (1280, 720))
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(720, 1280, 4)
    flag = LIGHT.nonfinite.lstrip("#")
    r, g, b = (int(flag[i : i + 2], 16) for i in (0, 2, 4))
    hit = (arr[..., 2] == r) & (arr[..., 1] == g) & (arr[..., 0] == b)
    assert hit.sum() > 50


def test_hovering_a_block_in_a_view_shows_its_tooltip(qtbot, results_by_kind):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from lstm_viz.diagram import CellDiagram, DiagramView
    from lstm_viz.diagram.layouts import LAYOUTS

    scene = CellDiagram()
    view = DiagramView(scene)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    results = results_by_kind["lstm"]
    scene.show(results, Cursor(8, 2, 1.0))
    (f_block,) = (b for b in LAYOUTS["lstm"].blocks if b.name == "f")
    pos = view.mapFromScene(*f_block.center)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(QPoint(pos)))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=1000)
    assert unit_value(results.trace.gates["f"][8][0]) in QToolTip.text()
    QToolTip.hideText()


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_backward_pass_shows_the_gradients_arriving_at_the_step(scene, results_by_kind, kind):
    r = results_by_kind[kind]
    g = r.diagnostics.grads
    scene.show(r, Cursor(17, 0, 0.5, backward=True))
    np.testing.assert_array_equal(scene.displayed_values("h"), g.h[17])
    np.testing.assert_array_equal(scene.displayed_values("h_prev"), g.h[16])
    text = scene.caption_text()
    assert "step 18" in text and f"{np.linalg.norm(g.h[17]):.2e}" in text
    if kind == "lstm":
        np.testing.assert_array_equal(scene.displayed_values("c"), g.c[17])
        assert "highway" in text and "%" in text
    # The forward values of the gates stay on show: the highway multiplies by f.
    gate = {"lstm": "f", "gru": "z", "rnn": "tanh"}[kind]
    assert np.isfinite(scene.displayed_values(gate)).all()


def test_backward_frames_keep_the_item_count_flat(scene, results_by_kind):
    r = results_by_kind["lstm"]
    scene.show(r, Cursor(29, 0, 0.5, backward=True))
    count = scene.item_count()
    for t in range(29, -1, -1):
        scene.show(r, Cursor(t, 0, 0.3, backward=True))
        scene.show(r, Cursor(t, 1, 0.3))
    assert scene.item_count() == count


def test_the_legend_says_the_backward_strips_are_scaled_gradients(scene, results_by_kind):
    r = results_by_kind["lstm"]
    scene.show(r, Cursor(10, 0, 1.0, backward=True))
    assert scene._chrome.signed_label.text() == "gradients, scaled to ±1"
    scene.show(r, Cursor(10, 0, 1.0))
    assert scene._chrome.signed_label.text() == "tanh, states"


def test_a_stage_about_to_run_states_no_result_yet(scene, results_by_kind):
    scene.show(results_by_kind["lstm"], Cursor(0, 0, 0.0))
    assert "about to run" in scene.caption_text() and "%" not in scene.caption_text()
    scene.show(results_by_kind["lstm"], Cursor(0, 0, 0.5))
    assert "%" in scene.caption_text()


def _arrow_points(wire) -> tuple[float, float]:
    """Where a wire's arrowhead points: its tip minus the middle of its base, as (dx, dy)."""
    head = wire._head
    tip, b1, b2 = head.at(0), head.at(1), head.at(2)
    return tip.x() - (b1.x() + b2.x()) / 2, tip.y() - (b1.y() + b2.y()) / 2


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_backward_arrowheads_point_from_t_to_t_minus_1_even_in_still_frames(
    scene, results_by_kind, kind
):
    from lstm_viz.diagram.items import WireItem

    results = results_by_kind[kind]
    scene.set_unrolled(True)
    scene.show(results, Cursor(5, 0, 1.0, backward=True))  # a still frame: no pulse moves
    state_wires = [
        w
        for w in scene.items()
        if isinstance(w, WireItem) and w.isVisible() and w.role in ("c_line", "h_line")
    ]
    horizontal = [w for w in state_wires if abs(_arrow_points(w)[0]) > abs(_arrow_points(w)[1])]
    assert horizontal
    # Time runs left to right: the gradient's arrows all point left.
    assert all(_arrow_points(w)[0] < 0 for w in horizontal)
    # No other wire shows an arrow pointing the forward way.
    others = [w for w in scene.items() if isinstance(w, WireItem) and w not in state_wires]
    assert not any(w._head_shown for w in others)
    scene.show(results, Cursor(5, 0, 1.0))
    assert all(_arrow_points(w)[0] > 0 for w in horizontal)


def test_backward_pulses_run_right_to_left(scene, results_by_kind):
    from lstm_viz.diagram.items import PulseItem

    results = results_by_kind["lstm"]

    def pulse_xs(phase: float) -> list[float]:
        scene.show(results, Cursor(5, 0, phase, backward=True))
        return sorted(
            p.pos().x() for p in scene.items() if isinstance(p, PulseItem) and p.isVisible()
        )

    early, late = pulse_xs(0.2), pulse_xs(0.7)
    assert early and len(early) == len(late)
    assert all(b < a for a, b in zip(early, late, strict=True))


def test_the_unrolled_neighbours_name_their_steps_tokens(scene) -> None:
    from lstm_viz.state.results import compute
    from lstm_viz.state.settings import Settings
    from lstm_viz.state.timeline import Cursor

    results = compute(Settings().replace(sequence="text", text="a cat sat", tokenizer="words"))
    scene.set_unrolled(True)
    scene.show(results, Cursor(1, 3))
    nb = scene._neighbour(results.kind)
    assert nb.left.header.text() == "step 1 · a"
    assert nb.right.header.text() == "step 3 · sat"
