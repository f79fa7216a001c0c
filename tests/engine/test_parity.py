"""The engine computes what PyTorch computes, to 1e-12 in float64, on every run.

Each case in ``tests/data/parity/`` holds its inputs and PyTorch's outputs
(``torch.*`` keys), written by ``scripts/make_parity_fixtures.py``. Every test
runs twice: against the stored outputs (always), and against outputs PyTorch
computes now from the same inputs (only where torch is installed; it is not a
dependency). The ``live`` runs also check that the stored outputs are current.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from lstm_viz.engine import MODELS, save_weights
from lstm_viz.engine.gradients.diagnostics import clip_grad_norm
from lstm_viz.engine.training.optim import SGD, Adam
from lstm_viz.engine.training.saving import save_trained
from lstm_viz.engine.training.trainer import TrainConfig, Trainer

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "parity"
REGENERATE = "regenerate with: .venv/bin/python scripts/make_parity_fixtures.py"
TOLERANCE = 1e-12
PARAM_KEYS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


@functools.cache
def script() -> ModuleType:
    """scripts/make_parity_fixtures.py, which imports torch only when asked to compute."""
    path = ROOT / "scripts" / "make_parity_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_parity_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def drawn() -> dict[str, dict[str, np.ndarray]]:
    """The inputs the script draws for every case (no torch needed)."""
    return {name: case for name, (case, _) in script().cases().items()}


@functools.cache
def stored(name: str) -> dict[str, np.ndarray]:
    with np.load(FIXTURES / f"{name}.npz", allow_pickle=False) as archive:
        return {key: archive[key] for key in archive.files}


def inputs(name: str) -> dict[str, np.ndarray]:
    return {k: v for k, v in stored(name).items() if not k.startswith("torch")}


def stems(prefix: str) -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob(f"{prefix}-*.npz"))


def live(name: str) -> dict[str, np.ndarray]:
    """What PyTorch computes now from the case's stored inputs."""
    pytest.importorskip("torch")
    make = script()
    case = inputs(name)
    kind, _, rest = name.partition("-")
    if kind == "cell":
        return make.torch_cell(rest.split("-")[0], case)
    if kind == "clip":
        return make.torch_clip(case)
    if kind == "optim":
        return make.torch_optim(rest, case)
    if kind == "state":
        return make.torch_state_dicts(case)
    if kind == "stack":
        return make.torch_stack(case)
    return make.torch_training(json.loads(str(case["config"])), case)


@pytest.fixture(params=["stored", "live"])
def torch_says(request) -> Callable[[str], dict[str, np.ndarray]]:
    """``torch_says(case)``: PyTorch's outputs for a case, from the file or from torch itself."""
    if request.param == "stored":
        return lambda name: {
            k.removeprefix("torch."): v for k, v in stored(name).items() if k.startswith("torch.")
        }
    return live


def close(actual, expected, what: str) -> None:
    np.testing.assert_allclose(actual, expected, rtol=TOLERANCE, atol=TOLERANCE, err_msg=what)


# -- the fixtures themselves -----------------------------------------------------------


def test_the_fixtures_are_exactly_the_scripts_cases() -> None:
    on_disk = {p.stem for p in FIXTURES.glob("*.npz")}
    assert on_disk == set(drawn()), REGENERATE


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.npz")))
def test_stored_inputs_are_what_the_script_draws(name: str) -> None:
    # The training cases' inputs come from the engine's Trainer: this also fails if its
    # initial parameters or batches change, and the PyTorch outputs must be redone.
    assert set(drawn()[name]) == set(inputs(name)) - {"torch_version"}, REGENERATE
    for key, value in drawn()[name].items():
        np.testing.assert_array_equal(inputs(name)[key], value, err_msg=f"{key}: {REGENERATE}")


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.npz")))
def test_stored_outputs_are_what_pytorch_computes_now(name: str) -> None:
    now = live(name)
    then = {k.removeprefix("torch."): v for k, v in stored(name).items() if k.startswith("torch.")}
    assert set(now) == set(then), REGENERATE
    for key in now:
        close(then[key], now[key], f"{name} {key}: {REGENERATE}")


# -- cells: forward and every gradient ---------------------------------------------------


def _model_and_trace(name: str):
    case = inputs(name)
    kind = name.split("-")[1]
    model = MODELS[kind].from_params({k: case[k] for k in PARAM_KEYS})
    trace = model.forward(case["x"], case["h0"], case.get("c0"))
    return case, model, trace


@pytest.mark.parametrize("name", stems("cell"))
def test_forward_states_and_gates_match_pytorch(name: str, torch_says) -> None:
    _, model, trace = _model_and_trace(name)
    expected = torch_says(name)
    assert trace.batched == ("-batched" in name)
    close(trace.h, expected["h"], "h")
    if model.has_cell:
        close(trace.c, expected["c"], "c")
    else:
        assert "c" not in expected
    gates = {k.removeprefix("gate."): v for k, v in expected.items() if k.startswith("gate.")}
    assert set(trace.gates) == set(gates) == set(model.gate_names)
    for gate, value in gates.items():
        close(trace.gates[gate], value, f"gate {gate}")


@pytest.mark.parametrize("name", stems("cell"))
def test_every_gradient_matches_pytorch(name: str, torch_says) -> None:
    case, model, trace = _model_and_trace(name)
    expected = torch_says(name)
    grads = model.backward(trace, case["dh"], case.get("dc"))
    close(grads.x, expected["grad.x"], "∂L/∂x")
    close(grads.h0, expected["grad.h0"], "∂L/∂h0")
    close(grads.h, expected["grad.h"], "total ∂L/∂h_t")
    if model.has_cell:
        close(grads.c0, expected["grad.c0"], "∂L/∂c0")
        close(grads.c, expected["grad.c"], "total ∂L/∂c_t")
    assert set(grads.params) == set(model.params)
    for key, value in grads.params.items():
        close(value, expected[f"grad.{key}"], f"∂L/∂{key}")


# -- clipping, optimisers, whole training steps ------------------------------------------


def test_clip_grad_norm_matches_pytorch_below_and_above_the_threshold(torch_says) -> None:
    case, expected = inputs("clip"), torch_says("clip")
    grads = {k.removeprefix("grad."): v for k, v in case.items() if k.startswith("grad.")}
    fired = []
    for n, max_norm in enumerate(case["max_norm"]):
        clipped, res = clip_grad_norm(grads, float(max_norm))
        close(res.total_norm, expected["total_norm"][n], f"total norm at {max_norm}")
        close(res.coef, expected["coef"][n], f"factor at {max_norm}")
        assert res.clipped == (expected["coef"][n] < 1.0) and res.finite
        fired.append(res.clipped)
        for key, value in clipped.items():
            close(value, expected[f"clipped.{n}.{key}"], f"clipped {key} at {max_norm}")
    assert fired == [True, True, False]  # the thresholds test both sides


def _optimizer(name: str):
    cls, kwargs = json.loads(str(inputs(name)["settings"]))
    if "betas" in kwargs:
        kwargs["betas"] = tuple(kwargs["betas"])
    return {"SGD": SGD, "Adam": Adam}[cls](**kwargs)


@pytest.mark.parametrize("name", stems("optim"))
def test_every_optimiser_step_matches_torch_optim(name: str, torch_says) -> None:
    case, expected = inputs(name), torch_says(name)
    opt = _optimizer(name)
    params = {k.removeprefix("param."): v for k, v in case.items() if k.startswith("param.")}
    state = opt.init(params)
    step = 0
    while f"grad.{step}.w" in case:
        grads = {k: case[f"grad.{step}.{k}"] for k in params}
        params, state = opt.step(params, grads, state)
        for key, value in params.items():
            close(value, expected[f"param.{step}.{key}"], f"{key} after step {step + 1}")
        step += 1
    assert step == state.step == 6
    buffers = {k for k in expected if not k.startswith("param.")}
    assert buffers == {f"{b}.{k}" for b in state.buffers for k in params}
    for buffer, values in state.buffers.items():
        for key, value in values.items():
            close(value, expected[f"{buffer}.{key}"], f"{buffer} of {key}")


@pytest.mark.parametrize("name", stems("training"))
def test_training_steps_match_pytorch(name: str, torch_says) -> None:
    """Forward, MSE read-out, BPTT, clipping and the optimiser together, step after step."""
    case, expected = inputs(name), torch_says(name)
    trainer = Trainer(TrainConfig(**json.loads(str(case["config"]))))
    for key, value in trainer.state.params.items():
        np.testing.assert_array_equal(value, case[f"start.{key}"], err_msg=REGENERATE)
    list(trainer.run())
    history = trainer.history
    close(history["loss"], expected["loss"], "loss per step")
    close(history["grad_norm"], expected["grad_norm"], "gradient norm before clipping")
    assert history["clipped"].any()  # the cases clip at least once
    for key, value in trainer.state.params.items():
        close(value, expected[f"end.{key}"], f"{key} after training")


# -- weight files: PyTorch's state_dict layout -------------------------------------------


def _saved_layout(path: Path) -> dict[str, tuple[int, ...]]:
    if path.suffix == ".npz":
        with np.load(path, allow_pickle=False) as archive:
            return {key: archive[key].shape for key in archive.files}
    from safetensors.numpy import load_file

    return {key: value.shape for key, value in load_file(str(path)).items()}


def _torch_layout(expected: dict[str, np.ndarray], module: str) -> dict[str, tuple[int, ...]]:
    return {
        key.removeprefix(f"{module}."): tuple(int(n) for n in shape)
        for key, shape in expected.items()
        if key.startswith(f"{module}.")
    }


@pytest.mark.parametrize("fmt", [".npz", ".safetensors"])
@pytest.mark.parametrize("bias", [True, False], ids=["bias", "nobias"])
@pytest.mark.parametrize("kind", list(MODELS))
def test_saved_weights_have_pytorchs_state_dict_keys_and_shapes(
    tmp_path, kind: str, bias: bool, fmt: str, torch_says
) -> None:
    expected = torch_says("state-dicts")
    inputs, hidden, _ = (int(n) for n in stored("state-dicts")["sizes"])
    params = MODELS[kind](inputs, hidden).params
    if not bias:
        params = {k: v for k, v in params.items() if k.startswith("weight_")}
    path = save_weights(tmp_path / f"m{fmt}", kind, params)
    module = kind if bias else f"{kind}-nobias"
    assert _saved_layout(path) == _torch_layout(expected, module)


def test_trained_models_save_as_pytorch_module_and_linear_read_out(tmp_path, torch_says) -> None:
    expected = torch_says("state-dicts")
    inputs, hidden, outputs = (int(n) for n in stored("state-dicts")["sizes"])
    trainer = Trainer(TrainConfig(task="adding", length=8, hidden_size=hidden, iters=1))
    assert (trainer.task.input_size, trainer.task.output_size) == (inputs, outputs)
    layout = _saved_layout(save_trained(tmp_path / "t.safetensors", trainer))
    linear = {f"readout.{k}": v for k, v in _torch_layout(expected, "linear").items()}
    assert layout == _torch_layout(expected, "lstm") | linear
