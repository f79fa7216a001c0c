"""Hostile files: every broken file of the corpus is refused in one line, in bounded memory.

The corpus (``tests/data/hostile/``) is written by ``scripts/make_hostile_corpus.py``;
its MANIFEST says what each file is and a word its error must use.
"""

from __future__ import annotations

import importlib.util
import os
import tracemalloc
from pathlib import Path

import pytest

from lstm_viz.engine.data.text_file import load_sequence_csv
from lstm_viz.engine.data.tokens import load_vocabulary
from lstm_viz.engine.data.value import SequenceError
from lstm_viz.engine.io.weights import WeightsError, load_weights

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "hostile"
_spec = importlib.util.spec_from_file_location(
    "make_hostile_corpus", ROOT / "scripts" / "make_hostile_corpus.py"
)
assert _spec is not None and _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

#: Peak bytes a refusal may allocate: the corpus's largest file is 200 kB.
REFUSAL_PEAK = 8 * 1024**2


def _load(path: Path) -> object:
    if path.suffix == ".json":
        return load_vocabulary(path)
    return load_sequence_csv(path) if path.suffix == ".csv" else load_weights(path)


def _refusal(path: Path) -> tuple[Exception, int]:
    """The error loading ``path`` raises, and the peak bytes traced while it did."""
    tracemalloc.start()
    try:
        _load(path)
    except (SequenceError, WeightsError) as exc:
        error = exc
    else:
        error = None
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert error is not None, f"{path.name} was accepted"
    return error, peak


def test_the_corpus_on_disk_is_what_the_script_writes() -> None:
    built = corpus.build()
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(built)
    for name, data in built.items():
        assert (CORPUS / name).read_bytes() == data, f"run scripts/make_hostile_corpus.py ({name})"


@pytest.mark.parametrize("name", sorted(corpus.MANIFEST))
def test_a_hostile_file_is_refused_in_one_line_with_bounded_memory(name: str) -> None:
    path = CORPUS / name
    error, peak = _refusal(path)
    message = str(error)
    word = corpus.MANIFEST[name][1]
    text_file = path.suffix in (".csv", ".json")
    assert isinstance(error, SequenceError if text_file else WeightsError)
    assert message.startswith(name), message
    assert "\n" not in message and len(message) < 300, message
    assert word.lower() in message.lower(), message
    assert peak < REFUSAL_PEAK, f"{name}: {peak} bytes"


def test_a_zip_bomb_beside_real_weights_is_refused_without_unpacking_it() -> None:
    error, peak = _refusal(CORPUS / "zip_bomb.npz")
    # The junk member unpacks to 64 MB; only its first bytes were read.
    assert "'junk'" in str(error) and peak < 1024**2


@pytest.mark.parametrize("loader", [load_sequence_csv, load_weights])
@pytest.mark.parametrize(("device", "word"), [("/dev/zero", "device"), ("/dev/urandom", "device")])
def test_devices_are_refused_by_type_without_reading(loader, device: str, word: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    path = Path(device)
    if loader is load_weights:
        # The weight loader looks at the suffix first; a device behind a weight name.
        link = Path(os.environ.get("TMPDIR", "/tmp")) / f"lstm-viz-test-{os.getpid()}.npz"
        link.unlink(missing_ok=True)
        link.symlink_to(device)
        path = link
    try:
        with pytest.raises((SequenceError, WeightsError), match=word):
            loader(path)
    finally:
        if path != Path(device):
            path.unlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    ("loader", "name"), [(load_sequence_csv, "p.csv"), (load_weights, "p.npz")]
)
def test_a_named_pipe_is_refused_instead_of_waiting_for_a_writer(tmp_path, loader, name) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    with pytest.raises((SequenceError, WeightsError), match=r"named pipe \(FIFO\)"):
        loader(fifo)


@pytest.mark.parametrize(
    ("loader", "name"), [(load_sequence_csv, "d.csv"), (load_weights, "d.npz")]
)
def test_a_folder_is_refused_by_type(tmp_path, loader, name) -> None:
    (tmp_path / name).mkdir()
    with pytest.raises((SequenceError, WeightsError), match="is a folder"):
        loader(tmp_path / name)


def test_an_oversized_weight_file_is_refused_before_reading(tmp_path, monkeypatch) -> None:
    from lstm_viz.engine.io import formats

    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.npz"
    path.write_bytes(b"PK" + bytes(200))
    with pytest.raises(WeightsError, match=r"big\.npz: file is too large \(202 bytes\)"):
        load_weights(path)


def test_an_array_within_the_limits_still_loads_after_the_header_checks(tmp_path) -> None:
    import numpy as np

    from lstm_viz.engine import LSTM, save_weights

    model = LSTM(2, 3, seed=0)
    fortran = {k: np.asfortranarray(v) for k, v in model.params.items()}
    path = save_weights(tmp_path / "w.npz", "lstm", fortran)
    loaded = load_weights(path)
    for key, value in model.params.items():
        np.testing.assert_array_equal(loaded.params[key], value)
