"""The state layer holds a whole stack; the views choose a layer and direction from it.

The weight files here are stand-ins with the fields of STACK_INTERFACE.md's
``WeightFile`` (``stack`` under PyTorch's names, ``nonlinearity_assumed`` …), so
these tests do not depend on which loader reads the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from lstm_viz.engine.cells import GRU, LSTM, RNN
from lstm_viz.engine.cells.lstm_proj import ProjectedLSTM
from lstm_viz.engine.cells.rnn import ReluRNN
from lstm_viz.engine.cells.stack import RecurrentStack, in_time_order
from lstm_viz.engine.gradients.diagnostics import diagnose, spectral_norms
from lstm_viz.engine.io.report import LoadReport
from lstm_viz.engine.io.weights import WeightsError, unsupported_reason
from lstm_viz.engine.stack import StackDiagnostics
from lstm_viz.i18n_marks import Sentence
from lstm_viz.state import results as results_module
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings, SettingsError
from lstm_viz.state.stack_report import full_report

BLOCKS = {"lstm": 4, "gru": 3, "rnn": 1}


def torch_tensors(kind: str, layers: int, dirs: int, d: int, h: int, proj: int = 0, seed=0):
    """A module's recurrent tensors under PyTorch's names, drawn as torch draws them."""
    rng = np.random.default_rng(seed)
    out_size, g, k = proj or h, BLOCKS[kind] * h, 1 / np.sqrt(h)
    tensors = {}
    for layer in range(layers):
        for direction in range(dirs):
            tail = f"_l{layer}{'_reverse' if direction else ''}"
            width = d if layer == 0 else dirs * out_size
            shapes = {"weight_ih": (g, width), "weight_hh": (g, out_size)}
            shapes |= {"bias_ih": (g,), "bias_hh": (g,)}
            if proj:
                shapes["weight_hr"] = (proj, h)
            tensors |= {f"{n}{tail}": rng.uniform(-k, k, s) for n, s in shapes.items()}
    return tensors


def stand_in(kind: str, tensors: dict, **fields) -> SimpleNamespace:
    """A weight file as the loaders describe it: ``params`` is layer 0 forward."""
    params = {n: tensors[f"{n}_l0"] for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
    base = dict(
        kind=kind,
        input_size=params["weight_ih"].shape[1],
        hidden_size=params["weight_hh"].shape[0] // BLOCKS[kind],
        params=params,
        stack=tensors,
        source=Path("model.pt"),
        layers=1 + max(int(k.split("_l")[1].split("_")[0]) for k in tensors),
        bidirectional=any(k.endswith("_reverse") for k in tensors),
        proj_size=tensors["weight_hr_l0"].shape[0] if "weight_hr_l0" in tensors else 0,
        nonlinearity="tanh",
        nonlinearity_assumed=kind == "rnn",
        report=LoadReport(read=Sentence("a stand-in for model.pt")),
        modules=("",),
        extra={},
        readout=lambda: None,  # no read-out head among no extra keys
    )
    return SimpleNamespace(**(base | fields))


@pytest.fixture
def weights_file(monkeypatch):
    """``use(wf)``: the next ``compute`` with ``weights="model.pt"`` reads ``wf``."""

    def use(wf) -> Settings:
        monkeypatch.setattr(results_module, "_load_weights_cached", lambda path, prefix=None: wf)
        return Settings(weights="model.pt", sequence="sine", length=12)

    return use


def test_a_stacked_bidirectional_model_is_computed_whole(weights_file) -> None:
    tensors = torch_tensors("lstm", layers=2, dirs=2, d=1, h=5)
    settings = weights_file(stand_in("lstm", tensors))
    results = compute(settings)
    stack = RecurrentStack.from_state_dict("lstm", tensors)
    expected = stack.forward(results.sequence.values)
    np.testing.assert_array_equal(results.stack_trace.output, expected.output)
    assert results.stack_trace.output.shape == (12, 10)
    assert (results.layer, results.direction) == (0, 0)
    np.testing.assert_array_equal(results.trace.h, expected.layers[0][0].h)


def test_choosing_another_layer_and_direction_recomputes_nothing(weights_file) -> None:
    settings = weights_file(stand_in("gru", torch_tensors("gru", 3, 2, 1, 4)))
    results = compute(settings)
    chosen = results.select(2, "reverse")
    assert chosen.stack_run is results.stack_run
    assert chosen.trace is results.stack_trace.layers[2][1]
    assert chosen.model is results.stack.cell(2, 1)
    assert (chosen.settings.layer, chosen.settings.direction) == (2, "reverse")
    # The same cell's diagnostics object, made once and shared.
    assert chosen.diagnostics is results.select(2, 1).diagnostics


def test_the_settings_choose_the_cell_the_views_show(weights_file) -> None:
    settings = weights_file(stand_in("lstm", torch_tensors("lstm", 2, 2, 1, 3)))
    results = compute(settings.replace(layer=1, direction="reverse"))
    assert results.model is results.stack.cell(1, "reverse")
    assert results.trace is results.stack_trace.layers[1][1]


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"layer": 2}, "layer"), ({"direction": "reverse"}, "direction")],
)
def test_a_cell_the_model_does_not_have_is_refused_naming_the_setting(
    weights_file, changes, field
) -> None:
    settings = weights_file(stand_in("lstm", torch_tensors("lstm", 2, 1, 1, 3)))
    with pytest.raises(SettingsError) as err:
        compute(settings.replace(**changes))
    assert err.value.field == field


def test_a_relu_rnn_runs_relu_when_the_file_cannot_tell(weights_file) -> None:
    tensors = torch_tensors("rnn", 2, 1, 1, 6)
    settings = weights_file(stand_in("rnn", tensors, nonlinearity_assumed=True))
    relu = compute(settings.replace(nonlinearity="relu"))
    assert type(relu.model) is ReluRNN
    assert (relu.stack_trace.output >= 0).all()
    assert type(compute(settings).model) is RNN


def test_a_file_that_records_its_nonlinearity_decides_it(weights_file) -> None:
    tensors = torch_tensors("rnn", 1, 1, 1, 6)
    wf = stand_in("rnn", tensors, nonlinearity="relu", nonlinearity_assumed=False)
    assert type(compute(weights_file(wf)).model) is ReluRNN


def test_the_settings_nonlinearity_makes_a_relu_rnn() -> None:
    results = compute(Settings(model="rnn", nonlinearity="relu", length=10))
    assert type(results.model) is ReluRNN
    assert (results.trace.h >= 0).all()


def test_a_single_file_layer_still_loads_from_params_alone(weights_file) -> None:
    tensors = torch_tensors("gru", 1, 1, 1, 4)
    wf = stand_in("gru", tensors, stack={})  # a loader that fills only params
    results = compute(weights_file(wf))
    assert type(results.model) is GRU
    assert results.stack.num_layers == 1


def test_unsupported_reason_accepts_every_stack_the_engine_runs() -> None:
    for kind, proj in (("lstm", 2), ("gru", 0), ("rnn", 0)):
        wf = stand_in(kind, torch_tensors(kind, 3, 2, 2, 4, proj=proj))
        assert unsupported_reason(wf) is None
    odd = stand_in("gru", torch_tensors("gru", 1, 1, 1, 4), proj_size=2)
    assert "belongs to an LSTM" in unsupported_reason(odd)


def test_a_stack_the_engine_cannot_run_is_refused_with_the_reason(weights_file) -> None:
    wf = stand_in("rnn", torch_tensors("rnn", 1, 1, 1, 4), nonlinearity="gelu")
    wf.nonlinearity_assumed = False
    with pytest.raises(WeightsError, match=r"model\.pt: the RNN's nonlinearity 'gelu'"):
        compute(weights_file(wf))


# -- per-layer diagnostics -----------------------------------------------------------------


def test_a_one_cell_stacks_loss_gradient_is_the_cells_own() -> None:
    cell = LSTM(2, 5, seed=3)
    x = np.random.default_rng(0).standard_normal((20, 2))
    stack = RecurrentStack.from_cells([[cell]])
    run = StackDiagnostics(stack, stack.forward(x))
    np.testing.assert_allclose(run.loss_grad(0), diagnose(cell, cell.forward(x)).loss_grad)
    np.testing.assert_allclose(run.loss_grad_c(0), diagnose(cell, cell.forward(x)).loss_grad_c)


def test_a_lower_layer_receives_the_gradient_through_the_layers_above() -> None:
    tensors = torch_tensors("lstm", 3, 1, 1, 4, seed=2)
    stack = RecurrentStack.from_state_dict("lstm", tensors)
    x = np.random.default_rng(1).standard_normal((15, 1))
    run = StackDiagnostics(stack, stack.forward(x))
    top = run.loss_grad(2)
    # The loss is on the top layer's last state: before T its gradient only comes back
    # through time, and layer 0's last step is reached only through layers 1 and 2.
    assert top[-1] == pytest.approx(1.0)
    bottom = run.loss_grad(0)
    assert 0 < bottom[-1] < 1
    np.testing.assert_allclose(
        bottom,
        np.linalg.norm(run.grads.layers[0][0].h, axis=-1),
    )


def test_a_projected_cells_jacobian_norms_match_finite_differences(weights_file) -> None:
    tensors = torch_tensors("lstm", 2, 2, 1, 5, proj=3, seed=4)
    results = compute(weights_file(stand_in("lstm", tensors))).select(1, "reverse")
    assert isinstance(results.model, ProjectedLSTM)
    d = results.diagnostics
    assert d.jacobian_spectral[-1] == pytest.approx(1.0)
    # ∂h_T/∂h_1 by central differences: run the cell from h_1 over steps 2 … T.
    tr, model, eps = results.trace, results.model, 1e-6
    numeric = np.zeros((3, 3))
    for j in range(3):
        e = np.zeros(3)
        e[j] = eps
        up = model.forward(tr.x[1:], tr.h[0] + e, tr.c[0]).h[-1]
        down = model.forward(tr.x[1:], tr.h[0] - e, tr.c[0]).h[-1]
        numeric[:, j] = (up - down) / (2 * eps)
    assert d.jacobian_spectral[0] == pytest.approx(spectral_norms(numeric), rel=1e-7)
    assert np.isfinite(d.cell_total).all() and d.highway is not None


# -- the report ----------------------------------------------------------------------------


def test_the_report_holds_the_modules_output_and_every_cell_in_time_order(weights_file) -> None:
    tensors = torch_tensors("lstm", 2, 2, 1, 3)
    results = compute(weights_file(stand_in("lstm", tensors)))
    report = json.loads(json.dumps(full_report(results)))
    output = np.array(report["output"])
    assert output.shape == (12, 6)
    np.testing.assert_array_equal(output, results.stack_trace.output)
    assert np.array(report["h_n"]).shape == (4, 3) and np.array(report["c_n"]).shape == (4, 3)
    top = report["layers"][1]
    np.testing.assert_array_equal(np.array(top["forward"]["h"]), output[:, :3])
    np.testing.assert_array_equal(np.array(top["reverse"]["h"]), output[:, 3:])
    reverse = results.select(1, 1)
    np.testing.assert_allclose(
        top["reverse"]["jacobian_norm"], in_time_order(reverse.diagnostics.jacobian_spectral, 1)
    )
    assert report["stack"]["num_layers"] == 2 and report["stack"]["bidirectional"]
    assert report["stack"]["dropout"] == "not applied (inference)"


def test_choosing_a_cell_through_new_settings_reuses_the_run(weights_file) -> None:
    settings = weights_file(stand_in("lstm", torch_tensors("lstm", 2, 2, 1, 3)))
    first = compute(settings)
    again = compute(settings.replace(layer=1, direction="reverse"))
    assert again.stack_run is first.stack_run
    assert again.trace is first.stack_trace.layers[1][1]
    # Another sequence is another run.
    assert compute(settings.replace(length=13)).stack_run is not first.stack_run


def test_a_stacked_file_compares_with_seeded_models_of_its_first_layer(weights_file) -> None:
    from lstm_viz.state.comparison import compare

    settings = weights_file(stand_in("lstm", torch_tensors("lstm", 2, 2, 1, 3)))
    comparison = compare(settings.replace(layer=1, direction="reverse"))
    assert comparison.current_results.layer == 1
    for kind in ("gru", "rnn"):
        other = comparison.results[kind]
        assert (other.model.input_size, other.model.hidden_size) == (1, 3)
