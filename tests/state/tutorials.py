"""The three tutorial models of issue #14, built with PyTorch, and what PyTorch says they output.

``build(name, folder)`` writes ``<name>.npz`` (the model's ``state_dict``, as the
tutorial names its modules), its vocabulary/labels files, and ``<name>.expected.npz``
(PyTorch's own outputs on the tutorial's input). Run as a script it refreshes the
stored copies in ``tests/data/tutorials``, used when torch is not installed:

    .venv/bin/python tests/state/tutorials.py

* ``pos_tagger`` — the PyTorch tutorial "Sequence models and LSTM networks":
  ``word_embeddings`` (9 × 6) → ``lstm`` (6 → 6) → ``hidden2tag`` (3), log-softmax.
* ``char_rnn`` — "Classifying names with a character-level RNN": one-hot letters
  (57) → ``rnn`` (tanh, 16 units) → ``h2o`` (18 languages), log-softmax.
* ``seq2seq_encoder`` — "Translation with a sequence to sequence network": the
  ``EncoderRNN``, ``embedding`` (12 × 8) → ``gru`` (8 → 8), no read-out.
* ``bi_tagger`` — the POS tagger as the tutorials' exercises grow it: ``embedding``
  (9 × 8) → ``lstm`` (2 layers, bidirectional, 6 units) → ``fc`` (12 → 3), reading the
  top layer's two directions side by side.
"""

from __future__ import annotations

import json
import string
import sys
from pathlib import Path

import numpy as np

STORED = Path(__file__).resolve().parent.parent / "data" / "tutorials"
NAMES = ("pos_tagger", "char_rnn", "seq2seq_encoder", "bi_tagger")

POS_SENTENCES = ["The dog ate the apple", "Everybody read that book"]
POS_TAGS = ["DET", "NN", "V"]
LETTERS = string.ascii_letters + " .,;'"
LANGUAGES = [
    "Arabic", "Chinese", "Czech", "Dutch", "English", "French", "German", "Greek", "Irish",
    "Italian", "Japanese", "Korean", "Polish", "Portuguese", "Russian", "Scottish", "Spanish",
    "Vietnamese",
]  # fmt: skip
FRENCH = ["SOS", "EOS", "je", "suis", "tres", "content", "il", "est", "grand", "elle", ".", "!"]

#: The text each test feeds, as the tutorial would.
INPUTS = {
    "pos_tagger": "The dog ate the apple",
    "char_rnn": "O'Neal Satoshi",
    "seq2seq_encoder": "je suis tres content !",
    "bi_tagger": "Everybody read the book",
}


def bi_tagger_settings(**more: object):
    """Settings that run the stored ``bi_tagger`` on its input sentence (words, its own
    vocabulary and tags); ``more`` replaces any of them."""
    from lstm_viz.state.settings import Settings

    return Settings().replace(
        sequence="text",
        text=INPUTS["bi_tagger"],
        tokenizer="words",
        vocab_file=str(STORED / "bi_tagger.vocab.json"),
        labels_file=str(STORED / "bi_tagger.tags.txt"),
        weights=str(STORED / "bi_tagger.npz"),
        **more,
    )


def _npz(module, path: Path) -> None:
    np.savez(
        path, **{k: v.detach().numpy().astype(np.float64) for k, v in module.state_dict().items()}
    )


def _tagger_files(folder: Path, name: str) -> list[str]:
    """A tagger's vocabulary (the tutorial's words, JSON word → id) and tags files; its words."""
    words = list(dict.fromkeys(" ".join(POS_SENTENCES).split()))
    (folder / f"{name}.vocab.json").write_text(json.dumps({w: i for i, w in enumerate(words)}))
    (folder / f"{name}.tags.txt").write_text("\n".join(POS_TAGS) + "\n")
    return words


def build(name: str, folder: Path) -> None:
    """Build one tutorial model with torch (seeded) and write its files into ``folder``."""
    import torch
    from torch import nn

    torch.manual_seed(0)
    if name == "pos_tagger":
        words = _tagger_files(folder, name)
        model = nn.Module()
        model.word_embeddings = nn.Embedding(len(words), 6)
        model.lstm = nn.LSTM(6, 6)
        model.hidden2tag = nn.Linear(6, len(POS_TAGS))
        ids = torch.tensor([words.index(w) for w in INPUTS[name].split()])
        with torch.no_grad():
            out, _ = model.lstm(model.word_embeddings(ids))
            expected = torch.log_softmax(model.hidden2tag(out), dim=1)
    elif name == "char_rnn":
        model = nn.Module()
        model.rnn = nn.RNN(len(LETTERS), 16)
        model.h2o = nn.Linear(16, len(LANGUAGES))
        (folder / "char_rnn.letters.txt").write_text("\n".join(LETTERS) + "\n")
        (folder / "char_rnn.languages.txt").write_text("\n".join(LANGUAGES) + "\n")
        x = torch.zeros(len(INPUTS[name]), len(LETTERS))
        for t, ch in enumerate(INPUTS[name]):
            x[t, LETTERS.index(ch)] = 1.0
        with torch.no_grad():
            out, _ = model.rnn(x)
            expected = torch.log_softmax(model.h2o(out), dim=1)
    elif name == "seq2seq_encoder":
        model = nn.Module()
        model.embedding = nn.Embedding(len(FRENCH), 8)
        model.gru = nn.GRU(8, 8)
        (folder / "seq2seq_encoder.vocab.txt").write_text("\n".join(FRENCH) + "\n")
        ids = torch.tensor([FRENCH.index(w) for w in INPUTS[name].split()])
        with torch.no_grad():
            expected, _ = model.gru(model.embedding(ids))
    elif name == "bi_tagger":
        words = _tagger_files(folder, name)
        model = nn.Module()
        model.embedding = nn.Embedding(len(words), 8)
        model.lstm = nn.LSTM(8, 6, num_layers=2, bidirectional=True)
        model.fc = nn.Linear(12, len(POS_TAGS))
        ids = torch.tensor([words.index(w) for w in INPUTS[name].split()])
        with torch.no_grad():
            out, _ = model.lstm(model.embedding(ids))
            expected = torch.log_softmax(model.fc(out), dim=1)
    else:
        raise ValueError(name)
    _npz(model, folder / f"{name}.npz")
    np.savez(folder / f"{name}.expected.npz", output=expected.numpy().astype(np.float64))


if __name__ == "__main__":
    STORED.mkdir(parents=True, exist_ok=True)
    for n in NAMES:
        build(n, STORED)
    print(f"wrote {len(NAMES)} tutorial models into {STORED}")
    sys.exit(0)
