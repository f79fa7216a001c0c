"""Train the small models shipped in ``resources/models`` with lstm-viz's own trainer.

    .venv/bin/python scripts/make_trained_models.py            # (re)write them
    .venv/bin/python scripts/make_trained_models.py --check    # retrain, compare, write nothing

Every model is an RNN, an LSTM or a GRU with H = 8 trained on the adding problem
with T = 80 (Adam, lr 0.01, clipping at 1.0, batch 32, 2000 iterations, seed 0,
forget bias 1.0) — the settings the window opens on, so the first screen shows
each model after training beside its untrained twin (same seed). The trainer is
deterministic (its own seeded streams, one BLAS thread), so running the script
again rebuilds the same arrays bit for bit; the ``.npz`` is written with fixed zip
timestamps, so the files are byte-identical too and ``--check`` compares them.

Each ``<stem>.npz`` has a ``<stem>.json`` beside it: the training config, this
command, the SHA-256 of every array, the held-out loss, the trivial loss and the
first iteration that beat it (see ``lstm_viz.engine.training.milestones``).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_viz.engine.training.bundled import params_digest  # noqa: E402
from lstm_viz.engine.training.milestones import first_beats_trivial  # noqa: E402
from lstm_viz.engine.training.trainer import TrainConfig, Trainer  # noqa: E402
from lstm_viz.files import atomic_write  # noqa: E402

OUT = ROOT / "resources" / "models"
COMMAND = "python scripts/make_trained_models.py"
BASE = TrainConfig(
    task="adding",
    length=80,
    hidden_size=8,
    batch=32,
    iters=2000,
    lr=0.01,
    optimizer="adam",
    clip=1.0,
    seed=0,
    forget_bias=1.0,
)
KINDS = ("rnn", "lstm", "gru")
TEST_SEQUENCES = 1000


def stem(config: TrainConfig) -> str:
    return f"{config.task}-{config.model}-H{config.hidden_size}-T{config.length}-seed{config.seed}"


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An ``.npz`` archive whose bytes depend only on the arrays (fixed timestamps)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for key in sorted(arrays):
            data = io.BytesIO()
            np.lib.format.write_array(data, np.asarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data.getvalue())
    return buffer.getvalue()


def train(config: TrainConfig) -> tuple[bytes, str]:
    """Train one model; its ``.npz`` bytes and its sidecar's text."""
    trainer = Trainer(config)
    for _ in trainer.run():
        pass
    if trainer.status != "done":
        raise SystemExit(f"{stem(config)}: training ended {trainer.status}")
    params = trainer.state.params
    arrays = {
        f"{k}_l0" if not k.startswith("readout.") else k: np.asarray(v) for k, v in params.items()
    }
    test = trainer.evaluate(TEST_SEQUENCES)
    meta = {
        "format": 1,
        "command": COMMAND,
        "config": config.as_dict(),
        "iterations": trainer.iteration,
        "test_loss": test.loss,
        "test_sequences": test.sequences,
        "trivial": config.train_task.trivial,
        "first_below_trivial": first_beats_trivial(trainer.history["loss"], test.trivial),
        "sha256": {k: params_digest(a) for k, a in sorted(arrays.items())},
    }
    return npz_bytes(arrays), json.dumps(meta, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="retrain and compare with the files; write nothing"
    )
    args = parser.parse_args(argv)
    differ = []
    for kind in KINDS:
        config = BASE.replace(model=kind)
        name = stem(config)
        data, meta = train(config)
        npz, side = OUT / f"{name}.npz", OUT / f"{name}.json"
        if args.check:
            same = npz.is_file() and npz.read_bytes() == data and side.read_text() == meta
            print(f"{name}: {'identical' if same else 'DIFFERENT'}")
            if not same:
                differ.append(name)
            continue
        OUT.mkdir(parents=True, exist_ok=True)
        atomic_write(npz, lambda f, d=data: f.write(d))
        atomic_write(side, lambda f, m=meta: f.write(m.encode("utf-8")))
        print(f"wrote {npz.relative_to(ROOT)} ({len(data)} bytes) and its sidecar")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
