"""Write the PyTorch reference outputs that tests/engine/test_parity.py compares the engine with.

    .venv/bin/pip install torch==2.13.0        # not a dependency of lstm-viz or its tests
    .venv/bin/python scripts/make_parity_fixtures.py

Every case is a small float64 ``.npz`` under ``tests/data/parity/``: the inputs (drawn
from a seeded NumPy generator, never from torch's global seed), and what PyTorch computes
from them: ``cell-*`` (LSTM/GRU/RNN, batched and unbatched: h, c, gates, every gradient),
``clip`` (``clip_grad_norm_``), ``optim-*`` (``torch.optim.SGD``/``Adam`` steps),
``training-*`` (whole training steps from the engine's starting point and batches),
``state-dicts`` (the keys and shapes of the modules' state_dicts, for saved files) and
``stack-*`` (whole ``nn.LSTM``/``GRU``/``RNN`` modules: several layers, bidirectional,
``proj_size``, relu, ``batch_first``: the output, h_n, c_n and every gradient).
Running the script again writes byte-identical files (fixed zip timestamps), so
``git status`` shows whether PyTorch's numbers moved.

The ``torch_*`` functions take the stored inputs and return PyTorch's outputs; the tests
import them to compare the fixtures and the engine with live PyTorch when it is installed.
This module imports torch only inside them, so the tests can load it without torch.

What PyTorch cannot report is checked against what it does report before it is stored:

- Gates. ``nn.LSTM`` and friends keep their gates internal, so the gates are computed
  with torch's ops from the equations in torch's documentation (same chunk order as
  its weights: LSTM i f g o, GRU r z n; RNN: the pre-activation) and the script asserts
  that they rebuild the cell's own ``c_t`` and ``h_t``.
- Total state gradients. The sequence is run one step at a time through
  ``nn.LSTMCell`` (``GRUCell``, ``RNNCell``) with ``retain_grad`` on every ``h_t``; the
  script asserts that the cell loop and the whole-sequence module give the same outputs
  and, for a loss on ``h`` alone, the same parameter gradients. The LSTM's fused cell
  hides the path ``c_t → h_t`` from autograd, so its total ``∂L/∂c_t`` comes from the
  step written with torch's ops, whose other gradients must equal the cell's.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "parity"

#: Sizes: T steps, B batch items, D inputs, H units — small, so the files stay small.
STEPS, BATCH, INPUTS, HIDDEN = 7, 3, 3, 4
PARAM_KEYS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
BLOCKS = {"lstm": 4, "gru": 3, "rnn": 1}
GATES = {"lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n"), "rnn": ("a",)}
#: How close two PyTorch computations of the same number must be before one is stored.
SELF_CHECK = 1e-13

#: torch.optim settings, as in tests/engine/test_optim.py.
OPTIMISERS: dict[str, tuple[str, dict[str, Any]]] = {
    "sgd-plain": ("SGD", {"lr": 0.1}),
    "sgd-momentum": ("SGD", {"lr": 0.05, "momentum": 0.9}),
    "sgd-dampening-decay": (
        "SGD",
        {"lr": 0.05, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.01},
    ),
    "sgd-nesterov": ("SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True}),
    "adam-default": ("Adam", {}),
    "adam-lr": ("Adam", {"lr": 0.01}),
    "adam-betas-eps-decay": (
        "Adam",
        {"lr": 0.003, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.1},
    ),
}
#: Per optimiser, the per-parameter state torch keeps and the engine mirrors.
BUFFERS = {"SGD": ("momentum_buffer",), "Adam": ("exp_avg", "exp_avg_sq")}
OPTIM_STEPS = 6

#: Global-norm clipping thresholds: one far below the norm, one just below, one above.
CLIP_NORMS = (0.5, 2.0, 1e6)

#: Trainer configs for whole training steps (forward, loss, BPTT, clipping, optimiser).
TRAINING: dict[str, dict[str, Any]] = {
    f"{kind}-sgd": {
        "model": kind,
        "length": 8,
        "hidden_size": 5,
        "batch": 4,
        "iters": 3,
        "clip": 0.05,
        "optimizer": "sgd",
        "momentum": 0.9,
        "lr": 0.1,
    }
    for kind in BLOCKS
} | {
    "lstm-adam": {
        "model": "lstm",
        "length": 8,
        "hidden_size": 5,
        "batch": 4,
        "iters": 4,
        "clip": 1.0,
        "optimizer": "adam",
        "lr": 0.01,
    }
}


#: Whole modules: torch's constructor arguments (input_size = INPUTS, hidden_size = HIDDEN)
#: and whether the input is batched. Each runs in eval() mode, so dropout is inert.
STACKS: dict[str, dict[str, Any]] = {
    "lstm-2-bidirectional": {"kind": "lstm", "num_layers": 2, "bidirectional": True},
    "lstm-2-proj-bidirectional": {
        "kind": "lstm", "num_layers": 2, "bidirectional": True, "proj_size": 2,
        "unbatched": True,
    },
    "lstm-3-dropout": {"kind": "lstm", "num_layers": 3, "dropout": 0.5},
    "gru-2-bidirectional-batch-first": {
        "kind": "gru", "num_layers": 2, "bidirectional": True, "batch_first": True,
    },
    "gru-3-unbatched": {"kind": "gru", "num_layers": 3, "unbatched": True},
    "rnn-2-relu-bidirectional": {
        "kind": "rnn", "num_layers": 2, "bidirectional": True, "nonlinearity": "relu",
    },
    "rnn-2-tanh-batch-first": {"kind": "rnn", "num_layers": 2, "batch_first": True},
}  # fmt: skip


# -- inputs ---------------------------------------------------------------------------


def cell_inputs(kind: str, batched: bool, seed: int) -> dict[str, np.ndarray]:
    """Weights as torch initialises them (U(±1/√H)), inputs, initial states, loss weights."""
    rng = np.random.default_rng(seed)
    k = 1.0 / np.sqrt(HIDDEN)
    g = BLOCKS[kind] * HIDDEN
    lead = (BATCH,) if batched else ()
    out = {
        "weight_ih": rng.uniform(-k, k, (g, INPUTS)),
        "weight_hh": rng.uniform(-k, k, (g, HIDDEN)),
        "bias_ih": rng.uniform(-k, k, g),
        "bias_hh": rng.uniform(-k, k, g),
        "x": rng.standard_normal((STEPS, *lead, INPUTS)),
        "h0": rng.standard_normal((*lead, HIDDEN)) * 0.5,
        "dh": rng.standard_normal((STEPS, *lead, HIDDEN)),
    }
    if kind == "lstm":
        out["c0"] = rng.standard_normal((*lead, HIDDEN)) * 0.5
        out["dc"] = rng.standard_normal((STEPS, *lead, HIDDEN))
    return out


def stack_inputs(config: dict[str, Any], seed: int) -> dict[str, np.ndarray]:
    """A module's tensors (U(±1/√H), PyTorch's names), input, initial states and the
    loss weights on output, h_n and c_n."""
    rng = np.random.default_rng(seed)
    kind, layers = config["kind"], config["num_layers"]
    dirs = 2 if config.get("bidirectional") else 1
    proj = config.get("proj_size", 0)
    out_size, g = proj or HIDDEN, BLOCKS[kind] * HIDDEN
    k = 1.0 / np.sqrt(HIDDEN)
    out: dict[str, np.ndarray] = {"config": np.array(json.dumps(config))}
    for layer in range(layers):
        for d in range(dirs):
            tail = f"_l{layer}{'_reverse' if d else ''}"
            width = INPUTS if layer == 0 else dirs * out_size
            shapes = {"weight_ih": (g, width), "weight_hh": (g, out_size), "bias_ih": (g,)}
            shapes["bias_hh"] = (g,)
            if proj:
                shapes["weight_hr"] = (proj, HIDDEN)
            for name, shape in shapes.items():
                out[f"param.{name}{tail}"] = rng.uniform(-k, k, shape)
    lead = () if config.get("unbatched") else (BATCH,)
    x_shape = (BATCH, STEPS, INPUTS) if config.get("batch_first") else (STEPS, *lead, INPUTS)
    out["x"] = rng.standard_normal(x_shape)
    out["h0"] = rng.standard_normal((layers * dirs, *lead, out_size)) * 0.5
    out["d_output"] = rng.standard_normal((*x_shape[:-1], dirs * out_size))
    out["d_h_n"] = rng.standard_normal(out["h0"].shape)
    if kind == "lstm":
        out["c0"] = rng.standard_normal((layers * dirs, *lead, HIDDEN)) * 0.5
        out["d_c_n"] = rng.standard_normal(out["c0"].shape)
    return out


def optim_inputs(seed: int = 7) -> dict[str, np.ndarray]:
    """Two parameters and six steps of gradients from 10⁻² to 10³ in size."""
    rng = np.random.default_rng(seed)
    out = {"param.w": rng.standard_normal((3, 4)), "param.b": rng.standard_normal(3)}
    for step, scale in enumerate(10.0 ** np.arange(-2, OPTIM_STEPS - 2)):
        for name in ("w", "b"):
            out[f"grad.{step}.{name}"] = rng.standard_normal(out[f"param.{name}"].shape) * scale
    return out


def clip_inputs(seed: int = 0) -> dict[str, np.ndarray]:
    """Gradients of three parameters with a global norm of about 13."""
    rng = np.random.default_rng(seed)
    return {
        "grad.w": rng.standard_normal((4, 3)) * 3.0,
        "grad.u": rng.standard_normal((4, 4)),
        "grad.b": rng.standard_normal(4),
        "max_norm": np.array(CLIP_NORMS),
    }


# -- what PyTorch computes --------------------------------------------------------------


def _torch():
    import torch

    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    return torch


def _np(t) -> np.ndarray:
    return t.detach().numpy().copy()


def _gates(torch, kind: str, p: dict, x_t, h_prev) -> dict[str, Any]:
    """The gates of one step, from the equations in torch's documentation."""
    gi = x_t @ p["weight_ih"].T + p["bias_ih"]
    gh = h_prev @ p["weight_hh"].T + p["bias_hh"]
    if kind == "rnn":
        return {"a": gi + gh}
    if kind == "lstm":
        i, f, g, o = (gi + gh).chunk(4, dim=-1)
        return {"i": i.sigmoid(), "f": f.sigmoid(), "g": g.tanh(), "o": o.sigmoid()}
    ir, iz, in_ = gi.chunk(3, dim=-1)
    hr, hz, hn = gh.chunk(3, dim=-1)
    r = (ir + hr).sigmoid()
    return {"r": r, "z": (iz + hz).sigmoid(), "n": (in_ + r * hn).tanh()}


def _close(name: str, a, b) -> None:
    gap = float((a - b).detach().abs().max())
    if not gap <= SELF_CHECK:
        raise AssertionError(f"{name}: two PyTorch computations differ by {gap:.3g}")


def torch_cell(kind: str, case: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """PyTorch's forward pass and gradients for one cell case (inputs from :func:`cell_inputs`).

    The loss is ``Σ_t dh_t·h_t (+ Σ_t dc_t·c_t)``, so the engine's ``backward(trace, dh, dc)``
    computes the same gradients.
    """
    torch = _torch()
    t = {k: torch.tensor(v, requires_grad=True) for k, v in case.items()}
    cell = getattr(torch.nn, f"{kind.upper()}Cell")(INPUTS, HIDDEN)
    with torch.no_grad():
        for key in PARAM_KEYS:
            getattr(cell, key).copy_(t[key])
    p = dict(cell.named_parameters())
    h, c = t["h0"], t.get("c0")
    hs, cs, gates = [], [], {name: [] for name in GATES[kind]}
    for step in range(STEPS):
        x_t = t["x"][step]
        with torch.no_grad():
            for name, g in _gates(torch, kind, p, x_t, h).items():
                gates[name].append(g)
        h_prev, c_prev = h, c
        if kind == "lstm":
            h, c = cell(x_t, (h, c))
            c.retain_grad()
            cs.append(c)
        else:
            h = cell(x_t, h)
        h.retain_grad()
        hs.append(h)
        g = {k: v[-1] for k, v in gates.items()}
        with torch.no_grad():
            if kind == "lstm":
                _close("c from the gates", g["f"] * c_prev + g["i"] * g["g"], c)
                _close("h from the gates", g["o"] * c.tanh(), h)
            elif kind == "gru":
                _close("h from the gates", (1 - g["z"]) * g["n"] + g["z"] * h_prev, h)
            else:
                _close("h from the pre-activation", g["a"].tanh(), h)
    loss = sum((d * s).sum() for d, s in zip(t["dh"], hs, strict=True))
    if kind == "lstm":
        loss = loss + sum((d * s).sum() for d, s in zip(t["dc"], cs, strict=True))
    loss.backward()

    out = {
        "h": _np(torch.stack(hs)),
        "grad.h": _np(torch.stack([s.grad for s in hs])),
        "grad.x": _np(t["x"].grad),
        "grad.h0": _np(t["h0"].grad),
    }
    out |= {f"gate.{k}": _np(torch.stack(v)) for k, v in gates.items()}
    out |= {f"grad.{k}": _np(p[k].grad) for k in PARAM_KEYS}
    if kind == "lstm":
        out |= {"c": _np(torch.stack(cs)), "grad.c0": _np(t["c0"].grad)}
        out["grad.c"] = _total_cell_gradient(torch, case, out)
    _check_against_module(torch, kind, case, out)
    return out


def _total_cell_gradient(torch, case: dict, cell_out: dict) -> np.ndarray:
    """The total ``∂L/∂c_t``, including the path through ``h_t = o_t ⊙ tanh(c_t)``.

    ``LSTMCell`` returns ``h_t`` and ``c_t`` from one fused op, so the gradient autograd
    keeps for its ``c_t`` leaves that path out. Here the step is written with torch's ops
    (``c_t = f ⊙ c_{t-1} + i ⊙ g``, ``h_t = o ⊙ tanh(c_t)``); every other gradient of this
    graph must equal the cell's.
    """
    t = {k: torch.tensor(v, requires_grad=True) for k, v in case.items()}
    p = {k: t[k] for k in PARAM_KEYS}
    h, c = t["h0"], t["c0"]
    hs, cs = [], []
    for step in range(STEPS):
        g = _gates(torch, "lstm", p, t["x"][step], h)
        c = g["f"] * c + g["i"] * g["g"]
        h = g["o"] * c.tanh()
        c.retain_grad()
        h.retain_grad()
        hs.append(h)
        cs.append(c)
    loss = sum((d * s).sum() for d, s in zip(t["dh"], hs, strict=True))
    (loss + sum((d * s).sum() for d, s in zip(t["dc"], cs, strict=True))).backward()
    _close("explicit h against LSTMCell", torch.stack(hs), torch.tensor(cell_out["h"]))
    _close("explicit ∂L/∂h_t", torch.stack([s.grad for s in hs]), torch.tensor(cell_out["grad.h"]))
    for key in ("x", "h0", "c0", *PARAM_KEYS):
        _close(f"explicit ∂L/∂{key}", t[key].grad, torch.tensor(cell_out[f"grad.{key}"]))
    return _np(torch.stack([s.grad for s in cs]))


def _check_against_module(torch, kind: str, case: dict, cell_out: dict) -> None:
    """The cell loop is what ``nn.LSTM`` (``GRU``, ``RNN``) computes for the whole sequence."""
    module = getattr(torch.nn, kind.upper())(INPUTS, HIDDEN)
    with torch.no_grad():
        for key in PARAM_KEYS:
            getattr(module, f"{key}_l0").copy_(torch.tensor(case[key]))
    h0 = torch.tensor(case["h0"])[None]
    state = (h0, torch.tensor(case["c0"])[None]) if kind == "lstm" else h0
    out, _ = module(torch.tensor(case["x"]), state)
    _close("nn module against the cell loop", out, torch.tensor(cell_out["h"]))
    if kind == "lstm":
        return  # its cell loop's loss also weighs c_t, which the module does not return
    (out * torch.tensor(case["dh"])).sum().backward()
    for key in PARAM_KEYS:
        grad = getattr(module, f"{key}_l0").grad
        _close(f"module's {key} gradient", grad, torch.tensor(cell_out[f"grad.{key}"]))


def torch_stack(case: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The whole module in eval() mode: output, h_n, c_n and every gradient of
    ``L = Σ d_output·output + Σ d_h_n·h_n (+ Σ d_c_n·c_n)``."""
    torch = _torch()
    config = json.loads(str(case["config"]))
    kind = config["kind"]
    options = {k: v for k, v in config.items() if k not in ("kind", "unbatched")}
    module = getattr(torch.nn, kind.upper())(INPUTS, HIDDEN, **options).eval()
    with torch.no_grad():
        for name, value in module.named_parameters():
            value.copy_(torch.tensor(case[f"param.{name}"]))
    t = {k: torch.tensor(case[k], requires_grad=True) for k in ("x", "h0", "c0") if k in case}
    state = (t["h0"], t["c0"]) if kind == "lstm" else t["h0"]
    output, final = module(t["x"], state)
    h_n, c_n = final if kind == "lstm" else (final, None)
    loss = (output * torch.tensor(case["d_output"])).sum()
    loss = loss + (h_n * torch.tensor(case["d_h_n"])).sum()
    if c_n is not None:
        loss = loss + (c_n * torch.tensor(case["d_c_n"])).sum()
    loss.backward()
    out = {"output": _np(output), "h_n": _np(h_n)}
    out |= {f"grad.{k}": _np(v.grad) for k, v in t.items()}
    out |= {f"grad.{name}": _np(value.grad) for name, value in module.named_parameters()}
    if c_n is not None:
        out["c_n"] = _np(c_n)
    return out


def torch_clip(case: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``clip_grad_norm_`` at each threshold: the total norm, the factor, the clipped grads."""
    torch = _torch()
    names = [k for k in case if k.startswith("grad.")]
    out: dict[str, np.ndarray] = {}
    norms, coefs = [], []
    for n, max_norm in enumerate(case["max_norm"]):
        ps = [torch.nn.Parameter(torch.zeros(case[k].shape)) for k in names]
        for p, k in zip(ps, names, strict=True):
            p.grad = torch.tensor(case[k])
        norms.append(float(torch.nn.utils.clip_grad_norm_(ps, max_norm=float(max_norm))))
        # The factor torch applied, read back from the largest entry it scaled.
        flat = torch.tensor(case[names[0]]).flatten()
        at = int(flat.abs().argmax())
        coefs.append(float(ps[0].grad.flatten()[at] / flat[at]))
        out |= {
            f"clipped.{n}.{k.removeprefix('grad.')}": _np(p.grad)
            for p, k in zip(ps, names, strict=True)
        }
    return out | {"total_norm": np.array(norms), "coef": np.array(coefs)}


def torch_optim(name: str, case: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The parameters after every step of ``torch.optim.<name>``, and its state at the end."""
    torch = _torch()
    cls, kwargs = OPTIMISERS[name]
    keys = [k.removeprefix("param.") for k in case if k.startswith("param.")]
    tp = {k: torch.tensor(case[f"param.{k}"], requires_grad=True) for k in keys}
    opt = getattr(torch.optim, cls)(list(tp.values()), **kwargs)
    out: dict[str, np.ndarray] = {}
    for step in range(OPTIM_STEPS):
        for k, p in tp.items():
            p.grad = torch.tensor(case[f"grad.{step}.{k}"])
        opt.step()
        out |= {f"param.{step}.{k}": _np(p) for k, p in tp.items()}
    for k, p in tp.items():
        state = opt.state[p]
        out |= {f"{buf}.{k}": _np(state[buf]) for buf in BUFFERS[cls] if buf in state}
    return out


def torch_state_dicts(case: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The keys and shapes of PyTorch's state_dicts: each module with and without biases,
    and the ``Linear`` read-out, as ``<module>.<key>`` → shape (the layout saved files use)."""
    torch = _torch()
    inputs, hidden, outputs = (int(n) for n in case["sizes"])
    out = {}
    for kind in BLOCKS:
        for bias in (True, False):
            module = getattr(torch.nn, kind.upper())(inputs, hidden, bias=bias)
            name = kind if bias else f"{kind}-nobias"
            out |= {f"{name}.{k}": np.array(v.shape) for k, v in module.state_dict().items()}
    linear = torch.nn.Linear(hidden, outputs)
    return out | {f"linear.{k}": np.array(v.shape) for k, v in linear.state_dict().items()}


def training_inputs(config: dict[str, Any]) -> dict[str, np.ndarray]:
    """The engine's starting parameters and batches for ``config`` (what torch will train)."""
    from lstm_viz.engine.training.trainer import TrainConfig, Trainer

    cfg = TrainConfig(**config)
    trainer = Trainer(cfg)
    start = trainer.state
    rng = np.random.default_rng()
    rng.bit_generator.state = start.rng
    out = {f"start.{k}": np.array(v) for k, v in start.params.items()}
    for step in range(cfg.iters):
        out[f"x.{step}"], out[f"y.{step}"] = trainer.task.batch(rng, cfg.batch, cfg.length)
    return out


def torch_training(config: dict[str, Any], case: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """PyTorch training on the stored batches: module, Linear read-out, MSE, clipping, optimiser.

    Matches the engine's trainer for the ``mse_last`` tasks (the adding problem).
    """
    torch = _torch()
    steps = sum(1 for k in case if k.startswith("x."))
    w = case["start.readout.weight"]
    net = getattr(torch.nn, config["model"].upper())(case["x.0"].shape[-1], w.shape[1])
    lin = torch.nn.Linear(w.shape[1], w.shape[0])
    with torch.no_grad():
        for key in PARAM_KEYS:
            getattr(net, f"{key}_l0").copy_(torch.tensor(case[f"start.{key}"]))
        lin.weight.copy_(torch.tensor(w))
        lin.bias.copy_(torch.tensor(case["start.readout.bias"]))
    params = [*net.parameters(), *lin.parameters()]
    if config["optimizer"] == "sgd":
        opt = torch.optim.SGD(params, lr=config["lr"], momentum=config.get("momentum", 0.0))
    else:
        opt = torch.optim.Adam(params, lr=config["lr"])
    losses, norms = [], []
    for step in range(steps):
        opt.zero_grad()
        out, _ = net(torch.tensor(case[f"x.{step}"]))
        loss = torch.nn.functional.mse_loss(lin(out[-1]), torch.tensor(case[f"y.{step}"]))
        loss.backward()
        losses.append(float(loss.detach()))
        norms.append(float(torch.nn.utils.clip_grad_norm_(params, config["clip"])))
        opt.step()
    out = {f"end.{k}": _np(getattr(net, f"{k}_l0")) for k in PARAM_KEYS}
    out |= {"end.readout.weight": _np(lin.weight), "end.readout.bias": _np(lin.bias)}
    return out | {"loss": np.array(losses), "grad_norm": np.array(norms)}


# -- the cases --------------------------------------------------------------------------


def cases() -> dict[str, tuple[dict[str, np.ndarray], Callable[[], dict[str, np.ndarray]]]]:
    """File stem → (stored inputs, how PyTorch computes the outputs from them)."""
    out: dict[str, Any] = {}
    for seed, kind in enumerate(BLOCKS):
        for batched in (False, True):
            case = cell_inputs(kind, batched, seed=10 * seed + batched)
            name = f"cell-{kind}-{'batched' if batched else 'unbatched'}"
            out[name] = (case, lambda kind=kind, case=case: torch_cell(kind, case))
    clip = clip_inputs()
    out["clip"] = (clip, lambda: torch_clip(clip))
    opt = optim_inputs()
    for name in OPTIMISERS:
        case = opt | {"settings": np.array(json.dumps(OPTIMISERS[name]))}
        out[f"optim-{name}"] = (case, lambda name=name: torch_optim(name, opt))
    # D = 2 and one output: the adding problem's, so a trained model's file compares too.
    sizes = {"sizes": np.array([2, HIDDEN, 1])}
    out["state-dicts"] = (sizes, lambda: torch_state_dicts(sizes))
    for name, config in TRAINING.items():
        case = training_inputs(config) | {"config": np.array(json.dumps(config))}
        out[f"training-{name}"] = (case, lambda c=config, i=case: torch_training(c, i))
    for seed, (name, config) in enumerate(STACKS.items()):
        case = stack_inputs(config, seed=100 + seed)
        out[f"stack-{name}"] = (case, lambda case=case: torch_stack(case))
    return out


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An ``.npz`` whose bytes depend only on the arrays (``np.savez`` stamps the time)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for key in sorted(arrays):
            data = io.BytesIO()
            np.lib.format.write_array(data, np.asarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data.getvalue())
    path.write_bytes(buffer.getvalue())


def main() -> int:
    try:
        torch = _torch()
    except ImportError:
        print("needs PyTorch: .venv/bin/pip install torch==2.13.0", file=sys.stderr)
        return 1
    FIXTURES.mkdir(parents=True, exist_ok=True)
    total, todo = 0, cases()
    version = {"torch_version": np.array(torch.__version__)}
    for name, (inputs, reference) in todo.items():
        path = FIXTURES / f"{name}.npz"
        write_npz(path, inputs | version | {f"torch.{k}": v for k, v in reference().items()})
        total += path.stat().st_size
    print(f"wrote {len(todo)} fixtures, {total / 1024:.0f} KiB, with torch {torch.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
