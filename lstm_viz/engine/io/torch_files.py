"""PyTorch files (.pt/.pth/.ckpt/.net/.bin …), read only through torch's safe loader.

``torch.load(weights_only=True)`` refuses arbitrary objects, and only a PyTorch whose
safe loader is safe (2.6+) is used. What it holds may be a bare state_dict, a whole
model's, or a training checkpoint with one inside (``model_state_dict``, ``state_dict``
…); a file it refuses (a whole pickled model, a checkpoint with Python objects) gets
our own message with the line that saves the weights instead.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ...i18n_marks import tr_noop
from ..data.text import excerpt
from .checks import WeightsError, fail
from .contents import Contents

__all__ = ["CHECKPOINT_ENTRIES", "read_torch", "torch_conversion_hint"]


def torch_conversion_hint(path: Path) -> str:
    """A one-line conversion to .npz that unwraps checkpoints and keeps each dtype."""
    return (
        'python -c "import torch, numpy as np; '
        f"sd = torch.load('{path.name}', map_location='cpu', weights_only=True); "
        "sd = next((sd[k] for k in ('state_dict', 'model_state_dict', 'model') "
        "if isinstance(sd.get(k), dict)), sd); "
        f"np.savez('{path.stem}.npz', **{{k: (v.float() if v.dtype == torch.bfloat16 else v)"
        '.numpy() for k, v in sd.items() if torch.is_tensor(v)})"'
    )


def _version_tuple(version: str) -> tuple[int, ...]:
    """``"2.13.0+cpu"`` → ``(2, 13)``: the release numbers that matter here."""
    parts = version.split("+")[0].split(".")[:2]
    return tuple(int(p) if p.isdigit() else 0 for p in parts)


#: Checkpoint entries that usually hold the model's state_dict, in the order tried.
CHECKPOINT_ENTRIES = ("state_dict", "model_state_dict", "model", "net", "model_state", "state")
_GLOBAL = re.compile(r"GLOBAL ([\w.]+)")


def _refused_pickle(path: Path, source: str, exc: Exception) -> WeightsError:
    """Our own message for a file torch's safe loader refused: what it holds, the fix."""
    found = _GLOBAL.search(str(exc))
    name = found[1] if found else ""
    save = f'torch.save(model.state_dict(), "{path.stem}_state.pt")'
    if name.startswith("torch.nn.modules") or name.startswith("__main__"):
        return fail(
            source,
            tr_noop(
                "holds a whole pickled model ({name}), saved with torch.save(model). "
                "lstm-viz never unpickles a file, because unpickling can run any code it "
                "holds. Where the model is defined, save its weights instead with {save} "
                "and open that file."
            ),
            name=name,
            save=save,
        )
    return fail(
        source,
        tr_noop(
            "holds Python objects ({name}) besides tensors, which lstm-viz does not "
            "unpickle, because unpickling can run any code it holds. Save the weights "
            "alone with {save} and open that file."
        ),
        name=name or tr_noop("not tensors"),
        save=save,
    )


def read_torch(path: Path, source: str) -> Contents:
    """Read a PyTorch file through torch's safe loader: a state_dict or a checkpoint."""
    try:
        import torch
    except ImportError:
        raise fail(
            source,
            tr_noop(
                "reading PyTorch files (.pt/.pth/.ckpt …) needs PyTorch, which is not "
                "installed. Install it (pip install torch), or convert the file to .npz once "
                "where PyTorch is available: {hint}"
            ),
            hint=torch_conversion_hint(path),
        ) from None
    if _version_tuple(torch.__version__) < (2, 6):
        # Before 2.6 the restricted unpickler behind weights_only=True could still
        # run code from a crafted file (CVE-2025-32434): refuse rather than trust it.
        raise fail(
            source,
            tr_noop(
                "reading PyTorch files safely needs PyTorch 2.6 or newer (this is {version}); "
                "upgrade it, or convert the file to .npz once: {hint}"
            ),
            version=torch.__version__,
            hint=torch_conversion_hint(path),
        )
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise _refused_pickle(path, source, exc) from None
    except Exception as exc:  # torch reports corruption with many exception types
        why = excerpt(_ANSI.sub("", str(exc)).splitlines()[0] if str(exc) else "", 160)
        raise fail(source, tr_noop("is corrupt or not a PyTorch file ({why})"), why=why) from None
    state, entry, ignored = _unwrap_checkpoint(obj, torch, source)
    arrays = {}
    for key, tensor in state.items():
        tensor = tensor.detach().cpu()
        if tensor.dtype == torch.bfloat16:  # NumPy has no bfloat16
            tensor = tensor.float()
        arrays[str(key)] = np.array(tensor.numpy())
    return Contents(arrays, tr_noop("a PyTorch state_dict"), entry=entry, ignored=ignored)


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _unwrap_checkpoint(obj: Any, torch: Any, source: str) -> tuple[dict, str | None, list[str]]:
    """The state_dict inside ``obj`` (itself, or a checkpoint's entry), that entry's
    name, and the non-tensor values left out of it."""
    if not isinstance(obj, Mapping):
        raise fail(
            source,
            tr_noop(
                "holds a {kind}, not a state_dict (a dict of tensors); save "
                "model.state_dict() instead"
            ),
            kind=type(obj).__name__,
        )

    def tensors(mapping: Mapping) -> dict:
        return {k: v for k, v in mapping.items() if isinstance(v, torch.Tensor)}

    def skipped(mapping: Mapping) -> list[str]:
        return [str(k) for k, v in mapping.items() if not isinstance(v, torch.Tensor)]

    def unwrapped(entry: Any) -> tuple[dict, str, list[str]]:
        others = [str(k) for k in obj if k != entry]  # the checkpoint's other entries
        return tensors(obj[entry]), str(entry), [*skipped(obj[entry]), *others]

    for entry in CHECKPOINT_ENTRIES:
        inner = obj.get(entry)
        if isinstance(inner, Mapping) and tensors(inner):
            return unwrapped(entry)
    nested = [k for k, v in obj.items() if isinstance(v, Mapping) and tensors(v)]
    if len(nested) == 1 and not tensors(obj):
        return unwrapped(nested[0])
    if tensors(obj):
        return tensors(obj), None, skipped(obj)
    raise fail(
        source,
        tr_noop(
            "holds no tensors where a state_dict would be (its keys: {keys}); expected "
            "model.state_dict() or a checkpoint with one under 'state_dict' or "
            "'model_state_dict'"
        ),
        keys=excerpt(", ".join(map(str, obj)), 120) or "none",
    )
