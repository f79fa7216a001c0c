"""Keras 3 files: a ``.keras`` zip (config.json + model.weights.h5) or a ``.weights.h5``.

Each recurrent layer becomes one module under PyTorch's names and gate order, so the
rest of the loader treats it like a state_dict:

- ``LSTM``: Keras' kernel (D, 4H) and recurrent kernel (H, 4H) hold the gates i, f, c, o
  — PyTorch's i, f, g, o — so ``weight_ih = kernel.T``, ``weight_hh = recurrent.T``;
  Keras' one bias is ``bias_ih`` and ``bias_hh`` is zero.
- ``GRU`` with ``reset_after=True`` (Keras 3's default): the blocks z, r, h become
  PyTorch's r, z, n, and the bias (2, 3H) is (``bias_ih``, ``bias_hh``); the equations
  are then PyTorch's exactly (n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),
  h' = (1 − z) ⊙ n + z ⊙ h). With ``reset_after=False`` Keras applies r *before* the
  recurrent matrix (tanh(W x + U (r ⊙ h) + b)), which no PyTorch GRU computes: refused.
- ``SimpleRNN``: ``weight_ih = kernel.T``, the bias is ``bias_ih``; the ``.keras``
  config records tanh or relu, a ``.weights.h5`` alone does not (tanh is assumed).
- ``Bidirectional`` around one of them: its forward and backward layers are the
  ``_l0`` and ``_l0_reverse`` weights of one module (merge_mode "concat" only).
- ``Dense``: ``<name>.weight = kernel.T`` and ``<name>.bias``, a read-out candidate.
- ``Embedding``: ``<name>.weight = embeddings`` (V × D, PyTorch's layout), so text can be
  read through it; with ``mask_zero`` Keras skips the steps that read id 0, which the
  engine does not (said in the report).
- A ``Sequential`` model whose recurrent layers feed one another (each but the last
  with ``return_sequences=True``, one kind, one width, all bidirectional or none;
  ``Dropout`` between them is the identity at inference) is one stack: the layers
  become ``_l0``, ``_l1`` … of the first layer's module, as PyTorch's ``num_layers``.

The HDF5 file is read with h5py, each dataset's shape and dtype checked against the
memory budget before its data is read; nothing is ever deserialised as code.
"""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from ..budget import MAX_ARRAY_BYTES, MEMORY_BUDGET, format_bytes
from ..data.text import excerpt
from .checks import fail
from .contents import Contents
from .keras_stack import stack_sequential

__all__ = ["bidirectional", "dense", "embedding", "finish", "read_keras", "recurrent"]

_RECURRENT = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "rnn"}
_GATES = {"lstm": 4, "gru": 3, "rnn": 1}
_MAX_CONFIG = 16 * 1024**2


def read_keras(file: BinaryIO, size: int, kind: str, source: str) -> Contents:
    """Read a ``.keras`` zip (``kind == ".keras"``) or a ``.weights.h5`` (``".h5"``)."""
    try:
        import h5py
    except ImportError:  # pragma: no cover - h5py is a dependency of lstm-viz
        raise fail(source, tr_noop("reading Keras files needs h5py (pip install h5py)")) from None
    config = None
    if kind == ".keras":
        config, data = _unzip(file, source)
        read = tr_noop("a Keras 3 model (.keras)")
    else:
        data = file
        read = tr_noop("Keras 3 weights (.weights.h5)")
    try:
        with h5py.File(data, "r") as h5:
            return _read_layers(h5, config, read, source)
    except OSError as exc:
        raise fail(
            source,
            tr_noop("is corrupt or not a Keras weights file (HDF5: {why})"),
            why=excerpt(str(exc), 120),
        ) from None


def _unzip(file: BinaryIO, source: str) -> tuple[dict, BinaryIO]:
    """The config and the weights (in memory) of a ``.keras`` archive, sizes checked."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = {info.filename: info for info in archive.infolist()}
            for name, most in (
                ("config.json", _MAX_CONFIG),
                ("model.weights.h5", MEMORY_BUDGET // 4),
            ):
                if name not in members:
                    raise fail(
                        source, tr_noop("is not a Keras 3 .keras file: it has no {name}"), name=name
                    )
                if members[name].file_size > most:
                    raise fail(
                        source,
                        tr_noop("its {name} would unpack to {need}, more than the {most} read"),
                        name=name,
                        need=format_bytes(members[name].file_size),
                        most=format_bytes(most),
                    )
            config = json.loads(archive.read("config.json"))
            weights = io.BytesIO(archive.read("model.weights.h5"))
    except (zipfile.BadZipFile, ValueError, RecursionError, OSError) as exc:
        raise fail(
            source,
            tr_noop("is corrupt or truncated (not a readable .keras archive: {why})"),
            why=excerpt(str(exc), 120),
        ) from None
    if not isinstance(config, dict):
        raise fail(source, tr_noop("its config.json is not a Keras model's configuration"))
    return config, weights


def _snake(name: str) -> str:
    """Keras' own naming of a layer's group in the weights file (``SimpleRNN`` → ``simple_rnn``)."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def _config_layers(config: dict | None) -> dict[str, dict]:
    """Each top-level layer's config under the group name Keras gives it in the h5 file."""
    if config is None:
        return {}
    layers = config.get("config", {}).get("layers", []) if isinstance(config, dict) else []
    named: dict[str, dict] = {}
    seen: dict[str, int] = {}
    for layer in layers if isinstance(layers, list) else []:
        if not isinstance(layer, dict) or not isinstance(layer.get("class_name"), str):
            continue
        base = _snake(layer["class_name"])
        count = seen.get(base)
        seen[base] = 0 if count is None else count + 1
        named[base if count is None else f"{base}_{count + 1}"] = layer
    return named


def _read_layers(h5: Any, config: dict | None, read: str, source: str) -> Contents:
    configs = _config_layers(config)
    contents = Contents({}, read)
    group = h5.get("layers")
    if group is None:
        raise fail(
            source,
            tr_noop(
                "has no layers group, so it is not a Keras 3 weights file (a Keras 2 .h5 "
                'model?); load it in Keras 3 and save it again with model.save("model.keras")'
            ),
        )
    budget = [MEMORY_BUDGET // 2]
    one_bias = False
    # In the model's order where the config gives it (HDF5 lists groups alphabetically):
    # "the first recurrent module" is then the one nearest the input.
    names = [n for n in configs if n in group] + [n for n in group if n not in configs]
    for name in names:
        layer = configs.get(name, {})
        cls = layer.get("class_name") or _guess_class(name)
        cfg = layer.get("config", {}) if isinstance(layer.get("config"), dict) else {}
        prefix = f"{cfg.get('name') or name}."
        if cls == "Bidirectional":
            parts = {
                part: (
                    functools.partial(lambda g: _guess_class(_inner_name(g)), group[name][part]),
                    functools.partial(_vars, group[name][part], budget, source),
                )
                for part in ("forward_layer", "backward_layer")
            }
            one_bias |= bidirectional(parts, cfg, prefix, contents, source)
        elif cls in _RECURRENT:
            read = functools.partial(_vars, group[name], budget, source)
            one_bias |= recurrent(read, cls, cfg, prefix, "", contents, source)
        elif cls == "Dense":
            dense(_vars(group[name], budget, source), prefix, contents)
        elif cls == "Embedding":
            embedding(_vars(group[name], budget, source), cfg, prefix, contents)
        else:
            contents.ignored.extend(f"{name}/{path}" for path, _ in _datasets(group[name]))
    return finish(contents, config, one_bias)


def dense(values: list[np.ndarray], prefix: str, contents: Contents) -> None:
    """A Dense layer as ``<name>.weight`` (kernel.T) and ``<name>.bias``."""
    if values:
        contents.arrays[f"{prefix}weight"] = values[0].T
    if len(values) > 1:
        contents.arrays[f"{prefix}bias"] = values[1]


def embedding(values: list[np.ndarray], cfg: dict, prefix: str, contents: Contents) -> None:
    """An Embedding layer as ``<name>.weight`` (its V × D table, as PyTorch keeps it)."""
    if len(values) == 1 and values[0].ndim == 2:
        contents.arrays[f"{prefix}weight"] = values[0]
    if cfg.get("mask_zero"):
        contents.notes.append(
            Sentence(
                tr_noop(
                    "the embedding {name!r} has mask_zero: Keras skips the steps that read "
                    "id 0, lstm-viz runs every step — values differ from Keras' at those steps"
                ),
                name=prefix.rstrip("."),
            )
        )


def finish(contents: Contents, config: dict | None, one_bias: bool) -> Contents:
    """Chain a Sequential model's recurrent layers; say that Keras has one bias."""
    if config is not None:
        stack_sequential(config, contents, _RECURRENT)
    if one_bias:
        contents.filled.append(
            Sentence(
                tr_noop("Keras keeps one bias per gate where PyTorch has two: bias_hh is zero")
            )
        )
    return contents


def _guess_class(name: str) -> str:
    """A layer's class from its group name, for a ``.weights.h5`` without a config."""
    base = re.sub(r"_\d+$", "", name)
    return {
        "lstm": "LSTM",
        "gru": "GRU",
        "simple_rnn": "SimpleRNN",
        "dense": "Dense",
        "embedding": "Embedding",
        "bidirectional": "Bidirectional",
    }.get(base, base)


def _datasets(group: Any) -> Iterator[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    group.visititems(lambda path, obj: found.append((path, obj)) if hasattr(obj, "shape") else None)
    return iter(found)


def _vars(group: Any, budget: list[int], source: str) -> list[np.ndarray]:
    """A layer's variables (``…/vars/0``, ``1`` …) in order, each checked before it is read."""
    out = []
    for path, dataset in sorted(_datasets(group), key=lambda item: _var_order(item[0])):
        need = int(np.prod(dataset.shape)) * dataset.dtype.itemsize
        if dataset.dtype.kind != "f":
            raise fail(
                source,
                tr_noop("{key} has dtype {dtype}; expected floating-point numbers"),
                key=path,
                dtype=str(dataset.dtype),
            )
        if need > MAX_ARRAY_BYTES or need > budget[0]:
            raise fail(
                source,
                tr_noop(
                    "{key} claims shape {shape}, more than the {most} read; refusing to read it"
                ),
                key=path,
                shape=excerpt(str(dataset.shape)),
                most=format_bytes(min(MAX_ARRAY_BYTES, budget[0])),
            )
        budget[0] -= need
        out.append(np.asarray(dataset[()]))
    return out


def _var_order(path: str) -> tuple[int, str]:
    last = path.rpartition("/")[2]
    return (int(last), path) if last.isdigit() else (1 << 30, path)


#: Reads a layer's variables, in Keras' order (kernel, recurrent kernel, bias).
Read = Callable[[], list[np.ndarray]]


def bidirectional(
    parts: dict[str, tuple[Callable[[], str], Read]],
    cfg: dict,
    prefix: str,
    contents: Contents,
    source: str,
) -> bool:
    """A Bidirectional wrapper: ``parts`` gives the forward and backward layers'
    class (guessed when the config does not say) and variables."""
    if cfg.get("merge_mode", "concat") != "concat":
        raise fail(
            source,
            tr_noop(
                "layer {name!r} is Bidirectional with merge_mode={mode!r}; only 'concat' "
                "(PyTorch's bidirectional output) can be read"
            ),
            name=prefix.rstrip("."),
            mode=cfg.get("merge_mode"),
        )
    one_bias = False
    for part, tail in (("forward_layer", ""), ("backward_layer", "_reverse")):
        inner = cfg.get("layer" if tail == "" else "backward_layer") or cfg.get("layer") or {}
        guess, read = parts[part]
        cls = inner.get("class_name") or guess()
        inner_cfg = dict(inner.get("config", {}))
        inner_cfg.pop("go_backwards", None)  # the wrapper reverses the backward layer
        one_bias |= recurrent(read, cls, inner_cfg, prefix, tail, contents, source)
    return one_bias


def _inner_name(group: Any) -> str:
    vars_group = group.get("cell/vars")
    name = vars_group.attrs.get("name", "") if vars_group is not None else ""
    return str(name).removesuffix("_cell")


def recurrent(
    read: Read,
    cls: str,
    cfg: dict,
    prefix: str,
    tail: str,
    contents: Contents,
    source: str,
) -> bool:
    """Map one Keras recurrent layer to PyTorch's tensors; True if bias_hh was made zero."""
    kind = _RECURRENT.get(cls)
    if kind is None:
        raise fail(
            source,
            tr_noop("layer {name!r} wraps a {cls}, which is not LSTM, GRU or SimpleRNN"),
            name=prefix.rstrip("."),
            cls=cls,
        )
    name = prefix.rstrip(".")
    _check_options(kind, cfg, name, source)
    dropped = {k: cfg[k] for k in ("dropout", "recurrent_dropout") if cfg.get(k)}
    if dropped and not tail:  # said once for a Bidirectional pair
        contents.notes.append(
            Sentence(
                tr_noop("layer {name!r}: {what} ignored, as at inference"),
                name=name,
                what=", ".join(f"{k}={v:g}" for k, v in dropped.items()),
            )
        )
    values = read()
    if len(values) < 2:
        raise fail(
            source,
            tr_noop("layer {name!r} has {n} weight arrays; a {cls} has 2 or 3"),
            name=name,
            n=len(values),
            cls=cls,
        )
    kernel, recurrent = values[0], values[1]
    bias = values[2] if len(values) > 2 else None
    if (
        kernel.ndim != 2
        or recurrent.ndim != 2
        or recurrent.shape[1] != _GATES[kind] * recurrent.shape[0]
    ):
        raise fail(
            source,
            tr_noop("layer {name!r}: kernel {k} and recurrent kernel {r} are not a {cls}'s shapes"),
            name=name,
            k=kernel.shape,
            r=recurrent.shape,
            cls=cls,
        )
    hidden = recurrent.shape[0]
    rows = _GATES[kind] * hidden
    b_ih = np.zeros(rows, kernel.dtype) if bias is None else bias
    b_hh = np.zeros(rows, kernel.dtype)
    one_bias = bias is not None
    if kind == "gru":
        reset_after = cfg.get("reset_after", bias is None or bias.ndim == 2)
        if not reset_after or (bias is not None and bias.ndim != 2):
            raise fail(
                source,
                tr_noop(
                    "layer {name!r} is a GRU with reset_after=False: Keras applies the reset "
                    "gate before the recurrent matrix, which no PyTorch GRU computes, so it "
                    "cannot be shown exactly. Retrain it with reset_after=True (Keras 3's "
                    "default) to look at it here."
                ),
                name=name,
            )
        if bias is not None:
            b_ih, b_hh = bias[0], bias[1]
            one_bias = False
        order = np.r_[hidden : 2 * hidden, 0:hidden, 2 * hidden : 3 * hidden]  # z,r,h → r,z,n
        kernel, recurrent = kernel[:, order], recurrent[:, order]
        b_ih, b_hh = b_ih[order], b_hh[order]
    if bias is not None and b_ih.shape != (rows,):
        raise fail(
            source,
            tr_noop("layer {name!r}: bias of shape {b} does not fit {rows} gate rows"),
            name=name,
            b=bias.shape,
            rows=rows,
        )
    suffix = f"_l0{tail}"
    contents.arrays[f"{prefix}weight_ih{suffix}"] = np.ascontiguousarray(kernel.T)
    contents.arrays[f"{prefix}weight_hh{suffix}"] = np.ascontiguousarray(recurrent.T)
    contents.arrays[f"{prefix}bias_ih{suffix}"] = b_ih
    contents.arrays[f"{prefix}bias_hh{suffix}"] = b_hh
    if kind == "rnn" and "activation" in cfg:
        contents.recorded[prefix] = cfg["activation"]
    return one_bias


def _check_options(kind: str, cfg: dict, name: str, source: str) -> None:
    """Refuse the options that change a layer's equations away from PyTorch's."""
    wanted = {"activation": ("tanh",) if kind != "rnn" else ("tanh", "relu")}
    if kind != "rnn":
        wanted["recurrent_activation"] = ("sigmoid",)
    for option, allowed in wanted.items():
        value = cfg.get(option, allowed[0])
        if value not in allowed:
            raise fail(
                source,
                tr_noop(
                    "layer {name!r} uses {option}={value!r}; PyTorch's {kind} computes only "
                    "{allowed}, so it cannot be shown exactly"
                ),
                name=name,
                option=option,
                value=value,
                kind=kind.upper(),
                allowed=" or ".join(allowed),
            )
    if cfg.get("go_backwards"):
        raise fail(
            source,
            tr_noop(
                "layer {name!r} runs backwards (go_backwards=True); reverse the sequence "
                "yourself and save the layer without it to look at it here"
            ),
            name=name,
        )
