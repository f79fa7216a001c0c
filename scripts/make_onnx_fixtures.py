"""Write the small ONNX fixtures the loader's tests read (made by PyTorch's exporter).

    .venv/bin/python scripts/make_onnx_fixtures.py

``tests/data/onnx/<name>.onnx`` is ``torch.onnx.export`` of one module; ``expected.npz``
holds the input ``x`` (T=6, D=2), each module's first output (``<name>.output``) and
its state_dict (``<name>.<key>``), which the tests compare with the loaded weights and
the engine's forward.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "onnx"


def modules() -> dict[str, torch.nn.Module]:
    return {
        "lstm": torch.nn.LSTM(2, 3),
        "gru": torch.nn.GRU(2, 3),
        "rnn": torch.nn.RNN(2, 3),
        "gru_stack": torch.nn.GRU(2, 3, num_layers=2, bidirectional=True),
    }


def main() -> None:
    torch.manual_seed(0)
    OUT.mkdir(parents=True, exist_ok=True)
    x = torch.randn(6, 1, 2)
    expected = {"x": x[:, 0].numpy()}
    for name, module in modules().items():
        module.eval()
        torch.onnx.export(module, (x,), OUT / f"{name}.onnx", dynamo=False, input_names=["x"])
        with torch.no_grad():
            expected[f"{name}.output"] = module(x)[0][:, 0].numpy()
        for key, tensor in module.state_dict().items():
            expected[f"{name}.{key}"] = tensor.numpy()
    np.savez(OUT / "expected.npz", **expected)


if __name__ == "__main__":
    main()
