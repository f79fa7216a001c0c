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
from collections.abc import Iterator
from typing import Any, BinaryIO

import numpy as np

from ...i18n_marks import tr_noop
from ..budget import MAX_ARRAY_BYTES, MEMORY_BUDGET, format_bytes
from ..data.text import excerpt
from .checks import fail
from .contents import Contents
from .keras_layers import RECURRENT, bidirectional, dense, embedding, finish, recurrent

__all__ = ["read_keras"]

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
        elif cls in RECURRENT:
            read = functools.partial(_vars, group[name], budget, source)
            one_bias |= recurrent(read, cls, cfg, prefix, "", contents, source)
        elif cls == "Dense":
            dense(_vars(group[name], budget, source), prefix, contents)
        elif cls == "Embedding":
            embedding(_vars(group[name], budget, source), cfg, prefix, contents)
        else:
            contents.ignored.extend(f"{name}/{path}" for path, _ in _datasets(group[name]))
    return finish(contents, config, one_bias)


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
def _inner_name(group: Any) -> str:
    vars_group = group.get("cell/vars")
    name = vars_group.attrs.get("name", "") if vars_group is not None else ""
    return str(name).removesuffix("_cell")
