"""Text as input: tokenizers, vocabularies, and tokens turned into the model's inputs.

A text becomes a sequence in three moves:

1. **Tokens.** :func:`tokenize` splits it into characters, or into words and
   punctuation marks (whitespace separates and is dropped).
2. **Ids.** A :class:`Vocabulary` maps each token to its id: from a vocabulary file
   (:func:`load_vocabulary`: one token per line in id order, or JSON token → id), from
   the arrays a checkpoint carries (:func:`vocabulary_from_arrays`), or — for a model
   without a file — the text's own distinct tokens. A token the vocabulary lacks is
   *unknown*: it takes the id of the vocabulary's ``<unk>`` token when it has one,
   else id 0, and is marked as such.
3. **Vectors.** Each id is looked up in the model's embedding (``x_t = E[id_t]``) when
   the file has one, else one-hot (``x_t = e_{id_t}``) when the input size equals the
   vocabulary's size.

Checkpoints hold numbers only (we never unpickle), so a vocabulary travels as integer
arrays of Unicode code points: a 1-D array is one character per id (``tokens``,
``chars``, ``itos`` …); a 2-D array is one zero-padded string per row (words, labels);
``char2int``/``stoi`` is an ``(N, 2)`` array of (code point, id) pairs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from ..io.bounded import FileRefused, open_regular
from .value import MAX_STEPS, Sequence, SequenceError

__all__ = [
    "LABEL_KEYS",
    "TOKENIZERS",
    "VOCAB_KEYS",
    "TextInput",
    "Vocabulary",
    "encode_text",
    "labels_from_arrays",
    "load_labels",
    "load_vocabulary",
    "read_text_file",
    "tokenize",
    "vocabulary_from_arrays",
]

#: How a text is split: one token per character, or per word/punctuation mark.
TOKENIZERS = ("chars", "words")

#: Keys under which checkpoints commonly keep their vocabulary (id → token).
VOCAB_KEYS = ("tokens", "vocab", "chars", "itos", "int2char", "idx2char", "all_letters")
#: Keys holding token → id pairs instead.
_PAIR_KEYS = ("char2int", "stoi", "char2idx", "token2id", "word_to_ix")
#: Keys under which checkpoints keep their class names, in id order.
LABEL_KEYS = ("labels", "classes", "tags", "tag_names", "categories", "all_categories", "ix_to_tag")

_UNKNOWN_NAMES = ("<unk>", "<UNK>", "[UNK]", "<oov>", "UNK")
_WORD = re.compile(r"\w+|[^\w\s]")
_MAX_VOCAB = 1_000_000
_MAX_FILE = 64 * 1024 * 1024


def tokenize(text: str, tokenizer: str = "chars") -> tuple[str, ...]:
    """Split ``text`` into tokens: ``"chars"`` (every character, spaces and newlines too)
    or ``"words"`` (runs of letters/digits/underscore, and each punctuation mark)."""
    if tokenizer == "chars":
        return tuple(text)
    if tokenizer == "words":
        return tuple(_WORD.findall(text))
    raise SequenceError(tr_noop("unknown tokenizer {name!r}; use chars or words"), name=tokenizer)


@dataclass(frozen=True)
class Vocabulary:
    """Tokens in id order, and where they came from (for the load report)."""

    tokens: tuple[str, ...]
    source: str = ""

    def __post_init__(self) -> None:
        if not self.tokens:
            raise SequenceError(tr_noop("{origin}: the vocabulary is empty"), origin=self.source)
        if len(set(self.tokens)) != len(self.tokens):
            seen: set[str] = set()
            twice = next(t for t in self.tokens if t in seen or seen.add(t))  # type: ignore[func-returns-value]
            raise SequenceError(
                tr_noop("{origin}: the token {token!r} appears twice"),
                origin=self.source,
                token=twice,
            )

    def __len__(self) -> int:
        return len(self.tokens)

    @cached_property
    def index(self) -> dict[str, int]:
        return {token: i for i, token in enumerate(self.tokens)}

    @cached_property
    def unknown_id(self) -> int:
        """The id unknown tokens take: the ``<unk>`` token's, else 0."""
        return next((self.index[n] for n in _UNKNOWN_NAMES if n in self.index), 0)


def read_text_file(path: str | Path) -> str:
    """A user's UTF-8 text file (a vocabulary, class names, a text to read), refused
    unread when it is not a regular file of at most 64 MiB (a device such as
    ``/dev/zero`` never ends, a named pipe never opens). Raises :class:`SequenceError`."""
    path = Path(path)
    try:
        with open_regular(path, _MAX_FILE) as (file, _size):
            data = file.read()
        return data.decode("utf-8-sig")
    except FileRefused as exc:  # named in full: "/dev/zero", not "zero"
        raise SequenceError(exc.template, source=str(path), **exc.slots) from None
    except UnicodeDecodeError as exc:
        raise SequenceError(
            tr_noop("{file}: not UTF-8 text (byte {offset})"), file=path.name, offset=exc.start
        ) from None
    except OSError as exc:
        raise SequenceError(
            tr_noop("{file}: cannot read it: {why}"), file=path.name, why=exc.strerror or exc
        ) from None


def _json_ids(data: object, source: str) -> tuple[str, ...]:
    """``{token: id}`` (ids 0 … V−1, each once) or a list of tokens → tokens in id order."""
    if isinstance(data, list) and all(isinstance(t, str) for t in data):
        return tuple(data)
    if not isinstance(data, dict) or not data:
        raise SequenceError(
            tr_noop("{origin}: expected a JSON object of token → id, or a list of tokens"),
            origin=source,
        )
    by_id: dict[int, str] = {}
    for token, i in data.items():
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(data):
            raise SequenceError(
                tr_noop("{origin}: token {token!r} has id {id!r}; ids must be 0 to {high}"),
                origin=source,
                token=token,
                id=i,
                high=len(data) - 1,
            )
        if i in by_id:
            raise SequenceError(
                tr_noop("{origin}: tokens {a!r} and {b!r} share id {id}"),
                origin=source,
                a=by_id[i],
                b=token,
                id=i,
            )
        by_id[i] = token
    return tuple(by_id[i] for i in range(len(data)))


def _lines(text: str) -> tuple[str, ...]:
    # Lines are kept as they are (a line holding one space is the space token); only
    # the line ends are removed, and the file's final line end does not start a token.
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(line.removesuffix("\r") for line in lines)


def load_vocabulary(path: str | Path) -> Vocabulary:
    """A vocabulary file: ``.json`` (token → id, or a list), else one token per line in id
    order. Raises :class:`SequenceError` naming the file and the problem."""
    path = Path(path)
    text = read_text_file(path)
    if path.suffix.lower() == ".json":
        try:
            tokens = _json_ids(json.loads(text), path.name)
        except json.JSONDecodeError as exc:
            raise SequenceError(
                tr_noop("{file}: not valid JSON (line {row}: {why})"),
                file=path.name,
                row=exc.lineno,
                why=exc.msg,
            ) from None
        except RecursionError:
            raise SequenceError(
                tr_noop("{file}: its JSON is nested too deeply to be a vocabulary"),
                file=path.name,
            ) from None
    else:
        tokens = _lines(text)
    if len(tokens) > _MAX_VOCAB:
        raise SequenceError(
            tr_noop("{file}: more than {most} tokens"), file=path.name, most=_MAX_VOCAB
        )
    return Vocabulary(tokens, path.name)


def load_labels(path: str | Path) -> tuple[str, ...]:
    """Class names: one per line in id order, or JSON (a list, or label → id)."""
    return load_vocabulary(path).tokens


def _strings(key: str, array: np.ndarray, source: str) -> tuple[str, ...]:
    """Code points → strings: 1-D one character per entry, 2-D one zero-padded row each."""
    if array.dtype.kind not in "iu" or array.ndim not in (1, 2):
        raise SequenceError(
            tr_noop("{origin}: key {key!r} should hold Unicode code points as whole numbers"),
            origin=source,
            key=key,
        )
    if array.size and (array.min() < 0 or array.max() > 0x10FFFF):
        raise SequenceError(
            tr_noop("{origin}: key {key!r} holds numbers that are not Unicode code points"),
            origin=source,
            key=key,
        )
    if array.ndim == 1:
        return tuple(chr(int(c)) for c in array)
    return tuple("".join(chr(int(c)) for c in row if c) for row in array)


def _pairs(key: str, array: np.ndarray, source: str) -> tuple[str, ...]:
    if array.ndim != 2 or array.shape[1] != 2 or array.dtype.kind not in "iu":
        raise SequenceError(
            tr_noop("{origin}: key {key!r} should be (code point, id) pairs, shape (N, 2)"),
            origin=source,
            key=key,
        )
    return _json_ids({chr(int(c)): int(i) for c, i in array}, f"{source} {key!r}")


def _leaf_items(arrays: Mapping[str, np.ndarray], names: tuple[str, ...]):
    for key, array in arrays.items():
        if key.rpartition(".")[2] in names:
            yield key, array


def vocabulary_from_arrays(arrays: Mapping[str, np.ndarray], source: str) -> Vocabulary | None:
    """The vocabulary a checkpoint carries among its extra arrays, or ``None``."""
    for key, array in _leaf_items(arrays, VOCAB_KEYS):
        return Vocabulary(_strings(key, array, source), f"{source} {key!r}")
    for key, array in _leaf_items(arrays, _PAIR_KEYS):
        return Vocabulary(_pairs(key, array, source), f"{source} {key!r}")
    return None


def labels_from_arrays(arrays: Mapping[str, np.ndarray], source: str) -> tuple[str, ...] | None:
    """The class names a checkpoint carries (``labels``, ``tags`` …), or ``None``."""
    for key, array in _leaf_items(arrays, LABEL_KEYS):
        return _strings(key, array, source)
    return None


@dataclass(frozen=True, eq=False)
class TextInput:
    """A text as the model reads it.

    Attributes
    ----------
    tokens
        One per step, as written in the text.
    ids
        The id each step used, shape (T,).
    known
        False where the token is not in the vocabulary (it used ``vocabulary.unknown_id``).
    vocabulary
        Where the ids come from.
    how
        ``"embedding 'key'"`` or ``"one-hot"``: how ids became vectors.
    sequence
        The model's input x_1 … x_T, with the tokens as its step labels.
    """

    tokens: tuple[str, ...]
    ids: np.ndarray
    known: np.ndarray
    vocabulary: Vocabulary
    how: str
    sequence: Sequence = field(repr=False)

    @property
    def unknown(self) -> list[tuple[int, str, int]]:
        """(step, token, id used) for every unknown token."""
        return [(t, self.tokens[t], int(self.ids[t])) for t in np.flatnonzero(~self.known)]


def encode_text(
    tokens: tuple[str, ...],
    vocabulary: Vocabulary,
    *,
    input_size: int | None = None,
    embedding: np.ndarray | None = None,
    embedding_key: str = "",
) -> TextInput:
    """Turn tokens into the model's inputs through ``embedding`` (V, D), else one-hot.

    ``input_size`` is the model's D (``None``: the vocabulary's size, one-hot). Raises
    :class:`SequenceError` when the text is empty or too long, or when the vocabulary
    does not fit the model.
    """
    if not tokens:
        raise SequenceError(tr_noop("the text has no tokens"))
    if len(tokens) > MAX_STEPS:
        raise SequenceError(
            tr_noop("the text has {n} tokens; at most {most} steps are supported"),
            n=len(tokens),
            most=MAX_STEPS,
        )
    index, unk = vocabulary.index, vocabulary.unknown_id
    ids = np.array([index.get(t, unk) for t in tokens], dtype=np.int64)
    known = np.array([t in index for t in tokens])
    v = len(vocabulary)
    if embedding is not None:
        if embedding.shape[0] != v:
            raise SequenceError(
                tr_noop(
                    "the embedding {key!r} has {rows} rows but the vocabulary ({origin}) "
                    "has {v} tokens"
                ),
                key=embedding_key,
                rows=embedding.shape[0],
                origin=vocabulary.source,
                v=v,
            )
        values, how = np.asarray(embedding, dtype=np.float64)[ids], f"embedding {embedding_key!r}"
        described = Sentence(
            tr_noop("{n} tokens through the embedding {key!r}"), n=len(tokens), key=embedding_key
        )
    else:
        if input_size is not None and input_size != v:
            raise SequenceError(
                tr_noop(
                    "the model reads {d} features per step but the vocabulary ({origin}) has "
                    "{v} tokens, and the file has no embedding to bridge them"
                ),
                d=input_size,
                origin=vocabulary.source,
                v=v,
            )
        values, how = np.eye(v)[ids], "one-hot"
        described = Sentence(tr_noop("{n} tokens, one-hot over {v}"), n=len(tokens), v=v)
    known.setflags(write=False)
    ids.setflags(write=False)
    sequence = Sequence(
        "text",
        values,
        described,
        step_labels=tuple(tokens),
    )
    return TextInput(tuple(tokens), ids, known, vocabulary, how, sequence)
