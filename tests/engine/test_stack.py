"""Whole recurrent stacks: PyTorch's modules exactly, forward and backward.

The ``stack-*`` fixtures in ``tests/data/parity/`` hold PyTorch's output, h_n, c_n
and every gradient for whole modules (several layers, bidirectional, proj_size,
relu, batch_first, dropout configured); each test runs against the stored numbers
and, where torch is installed, against what torch computes now. Finite differences
check the same gradients without torch.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from lstm_viz.engine.cells import LSTM, RNN
from lstm_viz.engine.cells.lstm_proj import ProjectedLSTM
from lstm_viz.engine.cells.rnn import ReluRNN
from lstm_viz.engine.cells.stack import RecurrentStack, in_time_order

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "parity"
TOLERANCE = 1e-10
STACK_CASES = sorted(p.stem for p in FIXTURES.glob("stack-*.npz"))


@functools.cache
def script() -> ModuleType:
    path = ROOT / "scripts" / "make_parity_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_parity_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def stored(name: str) -> dict[str, np.ndarray]:
    with np.load(FIXTURES / f"{name}.npz", allow_pickle=False) as archive:
        return {key: archive[key] for key in archive.files}


@pytest.fixture(params=["stored", "live"])
def torch_says(request):
    """PyTorch's outputs for a case, from the file or from torch itself (skipped without)."""
    if request.param == "stored":
        return lambda name: {
            k.removeprefix("torch."): v for k, v in stored(name).items() if k.startswith("torch.")
        }

    def live(name: str) -> dict[str, np.ndarray]:
        pytest.importorskip("torch")
        case = {k: v for k, v in stored(name).items() if not k.startswith("torch")}
        return script().torch_stack(case)

    return live


def close(actual, expected, what: str) -> None:
    np.testing.assert_allclose(actual, expected, rtol=TOLERANCE, atol=TOLERANCE, err_msg=what)


def _stack_case(name: str):
    case = stored(name)
    config = json.loads(str(case["config"]))
    tensors = {k.removeprefix("param."): v for k, v in case.items() if k.startswith("param.")}
    stack = RecurrentStack.from_state_dict(
        config["kind"], tensors, nonlinearity=config.get("nonlinearity", "tanh")
    )
    trace = stack.forward(
        case["x"], case["h0"], case.get("c0"), batch_first=config.get("batch_first", False)
    )
    return case, config, stack, trace


def test_the_fixtures_cover_every_stack_the_script_makes() -> None:
    assert {f"stack-{n}" for n in script().STACKS} == set(STACK_CASES)


@pytest.mark.parametrize("name", STACK_CASES)
def test_stack_output_and_final_states_match_pytorch(name: str, torch_says) -> None:
    _, config, stack, trace = _stack_case(name)
    expected = torch_says(name)
    assert stack.num_layers == config["num_layers"]
    assert stack.bidirectional == config.get("bidirectional", False)
    close(trace.output, expected["output"], "output")
    close(trace.h_n, expected["h_n"], "h_n")
    if stack.has_cell:
        close(trace.c_n, expected["c_n"], "c_n")
    else:
        assert trace.c_n is None


@pytest.mark.parametrize("name", STACK_CASES)
def test_stack_gradients_match_pytorch_for_every_layer_and_direction(name, torch_says) -> None:
    case, _, stack, trace = _stack_case(name)
    expected = torch_says(name)
    grads = stack.backward(trace, case["d_output"], case["d_h_n"], case.get("d_c_n"))
    close(grads.x, expected["grad.x"], "∂L/∂x")
    close(grads.h0, expected["grad.h0"], "∂L/∂h0")
    if stack.has_cell:
        close(grads.c0, expected["grad.c0"], "∂L/∂c0")
    torch_params = {
        k.removeprefix("grad."): v for k, v in expected.items() if k.startswith("grad.")
    }
    torch_params = {k: v for k, v in torch_params.items() if k not in ("x", "h0", "c0")}
    assert set(grads.params) == set(torch_params)
    for key, value in torch_params.items():
        close(grads.params[key], value, f"∂L/∂{key}")


def test_the_stacks_output_is_the_top_layers_states_in_time_order() -> None:
    _, _, stack, trace = _stack_case("stack-lstm-2-bidirectional")
    top = trace.layers[-1]
    h = stack.output_size
    np.testing.assert_array_equal(trace.output[..., :h], top[0].h)
    np.testing.assert_array_equal(trace.output[..., h:], in_time_order(top[1].h, 1))
    # The reverse direction read x_T first: its last state is at t = 1.
    np.testing.assert_array_equal(trace.h_n[-1], top[1].h[-1])
    np.testing.assert_array_equal(trace.output[0, ..., h:], top[1].h[-1])


def test_a_one_layer_stack_computes_the_bits_of_its_cell() -> None:
    cell = LSTM(3, 5, seed=4)
    x = np.random.default_rng(0).standard_normal((9, 3))
    stack = RecurrentStack.from_cells([[cell]])
    trace = stack.forward(x)
    alone = cell.forward(x)
    np.testing.assert_array_equal(trace.output, alone.h)
    dh = np.random.default_rng(1).standard_normal(alone.h.shape)
    grads = stack.backward(trace, dh)
    np.testing.assert_array_equal(
        grads.params["weight_hh_l0"], cell.backward(alone, dh).params["weight_hh"]
    )


def test_from_state_dict_builds_the_cells_pytorch_describes() -> None:
    case = stored("stack-lstm-2-proj-bidirectional")
    tensors = {k.removeprefix("param."): v for k, v in case.items() if k.startswith("param.")}
    stack = RecurrentStack.from_state_dict("lstm", tensors)
    assert isinstance(stack.cell(1, "reverse"), ProjectedLSTM)
    assert (stack.hidden_size, stack.proj_size, stack.output_size) == (4, 2, 2)
    assert stack.state_dict().keys() == tensors.keys()
    relu = stored("stack-rnn-2-relu-bidirectional")
    t = {k.removeprefix("param."): v for k, v in relu.items() if k.startswith("param.")}
    assert type(RecurrentStack.from_state_dict("rnn", t, nonlinearity="relu").cell(0)) is ReluRNN
    assert type(RecurrentStack.from_state_dict("rnn", t).cell(0)) is RNN


@pytest.mark.parametrize(
    ("kind", "tensors", "message"),
    [
        ("lstm", {"weight_ih_l0": np.zeros((8, 1))}, "missing weight_hh_l0, bias_ih_l0"),
        ("gru", {"lstm.weight_ih_l0": np.zeros((6, 1))}, "not a recurrent tensor name"),
        ("gru", {"weight_hr_l0": np.zeros((1, 2))}, "belongs to an LSTM"),
        ("lstm", {}, "no recurrent tensors"),
    ],
)
def test_from_state_dict_says_what_is_wrong(kind, tensors, message) -> None:
    with pytest.raises(ValueError, match=message):
        RecurrentStack.from_state_dict(kind, tensors)


def test_a_layer_that_does_not_fit_the_one_below_is_refused() -> None:
    cells = [[LSTM(2, 3)], [LSTM(4, 3)]]
    with pytest.raises(ValueError, match="layer 1 forward takes 4 inputs but layer 0 gives 3"):
        RecurrentStack.from_cells(cells)


def test_choosing_a_reverse_cell_of_a_one_direction_stack_is_refused() -> None:
    stack = RecurrentStack.from_cells([[LSTM(2, 3)]])
    with pytest.raises(ValueError, match="not bidirectional"):
        stack.cell(0, "reverse")


# -- finite differences ------------------------------------------------------------------


def _random_stack(kind: str, seed: int) -> RecurrentStack:
    rng = np.random.default_rng(seed)
    if kind == "lstm-proj":
        cells = [[ProjectedLSTM(2, 4, 3, seed=seed + d) for d in range(2)]]
        cells.append([ProjectedLSTM(6, 4, 3, seed=seed + 2 + d) for d in range(2)])
        return RecurrentStack.from_cells(cells)
    blocks = {"gru": 3, "rnn": 1}[kind]
    tensors = {}
    for layer in range(2):
        for tail in ("", "_reverse"):
            width = 2 if layer == 0 else 6
            tensors[f"weight_ih_l{layer}{tail}"] = rng.uniform(-0.8, 0.8, (blocks * 3, width))
            tensors[f"weight_hh_l{layer}{tail}"] = rng.uniform(-0.8, 0.8, (blocks * 3, 3))
            tensors[f"bias_ih_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, blocks * 3)
            tensors[f"bias_hh_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, blocks * 3)
    return RecurrentStack.from_state_dict(
        kind, tensors, nonlinearity="relu" if kind == "rnn" else "tanh"
    )


def _loss(stack: RecurrentStack, x, h0, c0, w) -> float:
    tr = stack.forward(x, h0, c0)
    total = float((tr.output * w["out"]).sum() + (tr.h_n * w["h_n"]).sum())
    if tr.c_n is not None:
        total += float((tr.c_n * w["c_n"]).sum())
    return total


@pytest.mark.parametrize("kind", ["lstm-proj", "gru", "rnn"])
def test_stack_gradients_equal_finite_differences(kind: str) -> None:
    stack = _random_stack(kind, seed=3)
    rng = np.random.default_rng(11)
    x = rng.standard_normal((5, 2, 2))
    states = stack.num_layers * stack.directions
    h0 = rng.standard_normal((states, 2, stack.output_size)) * 0.3
    c0 = rng.standard_normal((states, 2, stack.hidden_size)) * 0.3 if stack.has_cell else None
    tr = stack.forward(x, h0, c0)
    w = {"out": rng.standard_normal(tr.output.shape), "h_n": rng.standard_normal(tr.h_n.shape)}
    if c0 is not None:
        w["c_n"] = rng.standard_normal(tr.c_n.shape)
    grads = stack.backward(tr, w["out"], w["h_n"], w.get("c_n"))
    eps = 1e-6

    def numeric(f, a: np.ndarray, index: tuple) -> float:
        up, down = a.copy(), a.copy()
        up[index] += eps
        down[index] -= eps
        return (f(up) - f(down)) / (2 * eps)

    params = stack.state_dict()
    for key in params:
        a = np.array(params[key])
        for index in [tuple(rng.integers(0, n) for n in a.shape) for _ in range(3)]:

            def f(v, key=key):
                changed = RecurrentStack.from_state_dict(
                    stack.kind, {**params, key: v}, nonlinearity=stack.nonlinearity
                )
                return _loss(changed, x, h0, c0, w)

            assert grads.params[key][index] == pytest.approx(numeric(f, a, index), abs=1e-7), key
    for name, value, g in (("x", x, grads.x), ("h0", h0, grads.h0), ("c0", c0, grads.c0)):
        if value is None:
            continue
        index = tuple(rng.integers(0, n) for n in value.shape)

        def f(v, name=name):
            args = {"x": x, "h0": h0, "c0": c0, name: v}
            return _loss(stack, args["x"], args["h0"], args["c0"], w)

        assert g[index] == pytest.approx(numeric(f, value, index), abs=1e-7), name


def test_batch_first_is_a_layout_only() -> None:
    stack = _random_stack("gru", seed=5)
    x = np.random.default_rng(2).standard_normal((4, 6, 2))  # (T, B, D)
    plain = stack.forward(x)
    first = stack.forward(x.swapaxes(0, 1), batch_first=True)
    np.testing.assert_array_equal(first.output, plain.output.swapaxes(0, 1))
    np.testing.assert_array_equal(first.h_n, plain.h_n)
    d = np.ones_like(plain.output)
    np.testing.assert_array_equal(
        stack.backward(first, d.swapaxes(0, 1)).x, stack.backward(plain, d).x.swapaxes(0, 1)
    )
