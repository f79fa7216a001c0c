"""Train the showcase: a character-level LSTM on the Python standard library's own source.

    .venv/bin/python scripts/make_showcase_model.py [--iters N] [--seed S] [--out FILE]

The text is read from the installed Python at run time (``lstm_viz.engine.data.showcase``);
nothing of it is copied into the repository. Training uses the project's own engine:
exact BPTT (``model.backward``), the cross-entropy read-out loss and Adam from
``lstm_viz.engine.training``, global-norm clipping as the Trainer does it. The same seed,
iterations and Python version give the same file, bit for bit.

The result is ``resources/models/showcase_char_lstm.npz``: the LSTM (``weight_ih_l0`` …),
its input ``embedding.weight`` (96 characters → 32 features), its read-out
``fc.weight``/``fc.bias`` (next-character logits) and ``tokens`` (the
alphabet as Unicode code points, in id order), all float32 but ``tokens``.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

# One BLAS thread: the products are small, and a second thread on a busy core spins
# (the Trainer measured ×4–5 slower); set before NumPy loads its BLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

from lstm_viz.engine import LSTM, save_weights
from lstm_viz.engine.data.showcase import SHOWCASE_ALPHABET, held_out, stdlib_files, stdlib_text
from lstm_viz.engine.gradients.diagnostics import CLIP_EPS
from lstm_viz.engine.training.optim import make_optimizer
from lstm_viz.engine.training.readout import cross_entropy_on_targets, init_readout

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "models" / "showcase_char_lstm.npz"

HIDDEN = 64
EMBED = 32  # the engine's inputs stop at 64 features; 96 characters go through an embedding
LENGTH = 80
BATCH = 32
LR = 3e-3
CLIP = 1.0


def corpus() -> np.ndarray:
    """The training files' characters as ids, files joined by a blank line."""
    index = {ch: i for i, ch in enumerate(SHOWCASE_ALPHABET)}
    text = "\n\n".join(stdlib_text(p) for p in stdlib_files() if not held_out(p))
    return np.fromiter((index[ch] for ch in text), dtype=np.int32, count=len(text))


def train(
    ids: np.ndarray, iters: int, seed: int, length: int = LENGTH, batch: int = BATCH
) -> tuple[LSTM, dict[str, np.ndarray]]:
    v = len(SHOWCASE_ALPHABET)
    model = LSTM(EMBED, HIDDEN, seed=seed, dtype=np.float32)
    w, b = init_readout(np.random.default_rng([seed, 1]), HIDDEN, v, np.float32)
    # nn.Embedding's default initialisation: N(0, 1).
    emb = np.random.default_rng([seed, 3]).standard_normal((v, EMBED)).astype(np.float32)
    params = {**model.params, "readout.weight": w, "readout.bias": b, "embedding.weight": emb}
    optimizer = make_optimizer("adam", LR)
    state = optimizer.init(params)
    rng = np.random.default_rng([seed, 2])
    eye = np.eye(v, dtype=np.float32)
    start = time.perf_counter()
    smooth = math.log(v)
    for it in range(1, iters + 1):
        offsets = rng.integers(0, len(ids) - length - 1, batch)
        window = ids[offsets[None, :] + np.arange(length + 1)[:, None]]  # (T+1, B)
        x, y = params["embedding.weight"][window[:-1]], eye[window[1:]]
        rec = {k: p for k, p in params.items() if "." not in k}
        model = LSTM.from_params(rec, np.float32)
        trace = model.forward(x)
        out = cross_entropy_on_targets(trace.h, params["readout.weight"], params["readout.bias"], y)
        back = model.backward(trace, out.dh)
        grads = dict(back.params)
        grads["readout.weight"], grads["readout.bias"] = out.weight, out.bias
        d_emb = np.zeros_like(params["embedding.weight"])
        np.add.at(d_emb, window[:-1], back.x)  # ∂L/∂E[i] = Σ over the steps that read row i
        grads["embedding.weight"] = d_emb
        norm = math.sqrt(sum(float(np.sum(g.astype(np.float64) ** 2)) for g in grads.values()))
        if not (math.isfinite(out.loss) and math.isfinite(norm)):
            continue  # skipped like the Trainer's non-finite steps
        coef = min(1.0, CLIP / (norm + CLIP_EPS))
        grads = {k: g * np.float32(coef) for k, g in grads.items()}
        params, state = optimizer.step(params, grads, state)
        smooth = 0.99 * smooth + 0.01 * out.loss
        if it % 200 == 0 or it == iters:
            rate = it / (time.perf_counter() - start)
            print(f"iter {it:>6}  loss {smooth:.3f} nats/char  ({rate:.1f} it/s)", flush=True)
    rec = {k: p for k, p in params.items() if "." not in k}
    heads = {
        "embedding.weight": params["embedding.weight"],
        "fc.weight": params["readout.weight"],
        "fc.bias": params["readout.bias"],
    }
    return LSTM.from_params(rec, np.float32), heads


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--iters", type=int, default=12000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--length", type=int, default=LENGTH, help="characters per training window")
    p.add_argument("--batch", type=int, default=BATCH, help="windows per iteration")
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    ids = corpus()
    print(
        f"{len(ids):,} training characters from the standard library of Python "
        f"{sys.version.split()[0]}",
        flush=True,
    )
    model, heads = train(ids, args.iters, args.seed, args.length, args.batch)
    tokens = np.array([ord(ch) for ch in SHOWCASE_ALPHABET], dtype=np.int32)
    save_weights(args.out, "lstm", model.params, {**heads, "tokens": tokens})
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
