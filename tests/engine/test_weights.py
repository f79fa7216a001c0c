"""Tests for lstm_viz.engine.io.weights: loading and saving PyTorch-style weight files."""

from __future__ import annotations

import json
import struct
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from safetensors.numpy import load_file as load_safetensors
from safetensors.numpy import save_file as save_safetensors

from lstm_viz.engine.io import formats as weight_formats
from lstm_viz.engine.io import weights as wmod
from lstm_viz.engine.io.weights import (
    GATES,
    MAX_SIZE,
    WeightFile,
    WeightsError,
    check_params,
    load_weights,
    save_weights,
)

KIND_GATES = [("lstm", 4), ("gru", 3), ("rnn", 1)]


def torch_state(
    gates: int,
    hidden: int,
    inputs: int,
    *,
    seed: int = 0,
    prefix: str = "",
    suffix: str = "_l0",
    dtype=np.float32,
    bias: bool = True,
) -> dict:
    """A state_dict shaped like PyTorch's, with the given key prefix and suffix."""
    rng = np.random.default_rng(seed)
    rows = gates * hidden
    state = {
        f"{prefix}weight_ih{suffix}": rng.normal(size=(rows, inputs)).astype(dtype),
        f"{prefix}weight_hh{suffix}": rng.normal(size=(rows, hidden)).astype(dtype),
    }
    if bias:
        state[f"{prefix}bias_ih{suffix}"] = rng.normal(size=rows).astype(dtype)
        state[f"{prefix}bias_hh{suffix}"] = rng.normal(size=rows).astype(dtype)
    return state


def write_npz(path: Path, state: dict) -> Path:
    with path.open("wb") as file:
        np.savez(file, **state)
    return path


def engine_params(gates: int, hidden: int, inputs: int, dtype=np.float64) -> dict:
    state = torch_state(gates, hidden, inputs, dtype=dtype)
    return {key.removesuffix("_l0"): value for key, value in state.items()}


# --------------------------------------------------------------------------------------
# Loading valid files
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "gates"), KIND_GATES)
@pytest.mark.parametrize("fmt", [".npz", ".safetensors"])
def test_kind_and_sizes_are_inferred_from_the_shapes(tmp_path, kind, gates, fmt):
    state = torch_state(gates, hidden=5, inputs=3)
    path = tmp_path / f"model{fmt}"
    if fmt == ".npz":
        write_npz(path, state)
    else:
        save_safetensors(state, str(path))
    wf = load_weights(path)
    assert (wf.kind, wf.input_size, wf.hidden_size, wf.gates) == (kind, 3, 5, gates)
    assert wf.source == path
    assert list(wf.params) == ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
    for name, array in wf.params.items():
        assert array.dtype == np.float64
        assert not array.flags.writeable
        np.testing.assert_array_equal(array, state[f"{name}_l0"])
    assert wf.extra == {}
    if kind == "rnn":  # a state_dict cannot tell tanh from relu: the report says so
        assert wf.nonlinearity_assumed and wf.report.assumed
        assert wf.notes == tuple(map(str, wf.report.assumed))
    else:
        assert wf.notes == () and not wf.nonlinearity_assumed


def test_loaded_arrays_can_keep_the_stored_float32(tmp_path):
    path = write_npz(tmp_path / "m.npz", torch_state(4, 2, 2, dtype=np.float32))
    wf = load_weights(path, dtype=None)
    assert all(a.dtype == np.float32 for a in wf.params.values())


def test_float16_files_are_widened_to_float32_when_keeping_the_dtype(tmp_path):
    path = write_npz(tmp_path / "m.npz", torch_state(1, 2, 2, dtype=np.float16))
    assert load_weights(path, dtype=None).params["weight_hh"].dtype == np.float32


def test_module_prefix_is_stripped_and_other_keys_become_extra(tmp_path):
    state = torch_state(4, 6, 2, prefix="lstm.")
    state["readout.weight"] = np.ones((3, 6), np.float32)
    state["readout.bias"] = np.zeros(3, np.float32)
    state["step"] = np.array(12)
    wf = load_weights(write_npz(tmp_path / "m.npz", state))
    assert wf.kind == "lstm"
    assert set(wf.extra) == {"readout.weight", "readout.bias", "step"}
    assert wf.extra["readout.weight"].dtype == np.float64
    assert wf.extra["step"].dtype.kind == "i"  # integers are kept as they are
    assert not wf.extra["readout.bias"].flags.writeable
    assert any("'lstm.'" in note for note in wf.notes)
    readout = wf.readout()
    assert readout is not None and readout.prefix == "readout."
    assert readout.weight.shape == (3, 6) and readout.bias.shape == (3,)


def test_cell_module_keys_without_the_l0_suffix_are_accepted(tmp_path):
    wf = load_weights(
        write_npz(tmp_path / "m.npz", torch_state(3, 4, 2, suffix="", prefix="cell."))
    )
    assert (wf.kind, wf.hidden_size) == ("gru", 4)


def test_missing_biases_are_filled_with_zeros_and_noted(tmp_path):
    wf = load_weights(write_npz(tmp_path / "m.npz", torch_state(4, 3, 2, bias=False)))
    assert wf.params["bias_ih"].shape == (12,) and not wf.params["bias_hh"].any()
    assert not wf.params["bias_ih"].flags.writeable
    assert any("no biases" in note and "zeros" in note for note in wf.notes)


def test_prefix_argument_chooses_one_of_several_recurrent_layers(tmp_path):
    state = torch_state(4, 3, 2, prefix="encoder.") | torch_state(3, 5, 3, prefix="decoder.")
    path = write_npz(tmp_path / "m.npz", state)
    wf = load_weights(path, prefix="decoder")
    assert (wf.kind, wf.hidden_size) == ("gru", 5)
    assert "encoder.weight_ih_l0" in wf.extra


def test_readout_prefers_conventional_module_names_and_gives_up_when_ambiguous():
    params = engine_params(1, 4, 2)
    extra = {"fc.weight": np.ones((2, 4)), "fc.bias": np.ones(2), "aux.weight": np.ones((1, 4))}
    wf = WeightFile("rnn", 2, 4, params, extra=extra)
    assert wf.readout().prefix == "fc."
    tie = WeightFile(
        "rnn", 2, 4, params, extra={"a.weight": np.ones((1, 4)), "b.weight": np.ones((1, 4))}
    )
    assert tie.readout() is None
    mismatch = WeightFile("rnn", 2, 4, params, extra={"fc.weight": np.ones((1, 5))})
    assert mismatch.readout() is None


# --------------------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    kind=st.sampled_from(["lstm", "gru", "rnn"]),
    inputs=st.integers(1, 7),
    hidden=st.integers(1, 7),
    dtype=st.sampled_from([np.float32, np.float64]),
    fmt=st.sampled_from([".npz", ".safetensors"]),
    with_bias=st.booleans(),
    seed=st.integers(0, 1000),
)
def test_any_valid_layer_round_trips_through_save_and_load(
    kind, inputs, hidden, dtype, fmt, with_bias, seed
):
    rng = np.random.default_rng(seed)
    rows = GATES[kind] * hidden
    params = {
        "weight_ih": rng.normal(size=(rows, inputs)).astype(dtype),
        "weight_hh": rng.normal(size=(rows, hidden)).astype(dtype),
    }
    if with_bias:
        params["bias_ih"] = rng.normal(size=rows).astype(dtype)
        params["bias_hh"] = rng.normal(size=rows).astype(dtype)
    extra = {"readout.weight": rng.normal(size=(2, hidden)).astype(dtype)}
    with tempfile.TemporaryDirectory() as folder:
        path = save_weights(Path(folder) / f"m{fmt}", kind, params, extra=extra)
        wf = load_weights(path, dtype=None)
    assert (wf.kind, wf.input_size, wf.hidden_size) == (kind, inputs, hidden)
    for name in params:
        assert wf.params[name].dtype == dtype
        np.testing.assert_array_equal(wf.params[name], params[name])
    np.testing.assert_array_equal(wf.extra["readout.weight"], extra["readout.weight"])
    assert wf.extra["readout.weight"].dtype == dtype
    assert bool(wf.report.filled) != with_bias
    assert wf.report.ignored == ("readout.weight",)


@pytest.mark.parametrize("fmt", [".npz", ".safetensors"])
def test_saved_files_use_pytorchs_keys_and_keep_float32(tmp_path, fmt):
    params = engine_params(4, 3, 2, dtype=np.float32)
    path = save_weights(tmp_path / f"m{fmt}", "lstm", params, extra={"fc.bias": np.zeros(1)})
    if fmt == ".npz":
        with np.load(path, allow_pickle=False) as archive:
            stored = {key: archive[key] for key in archive.files}
    else:
        stored = load_safetensors(str(path))
    assert set(stored) == {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "fc.bias"}
    assert stored["weight_hh_l0"].dtype == np.float32
    assert stored["fc.bias"].dtype == np.float64


def test_save_accepts_pytorch_names_and_read_only_arrays(tmp_path):
    state = torch_state(1, 2, 2, dtype=np.float64)
    for array in state.values():
        array.setflags(write=False)
    path = save_weights(tmp_path / "m.npz", "rnn", state)
    np.testing.assert_array_equal(load_weights(path).params["weight_hh"], state["weight_hh_l0"])


def test_extra_keys_that_would_clash_with_npz_arguments_are_stored(tmp_path):
    path = save_weights(
        tmp_path / "m.npz",
        "rnn",
        engine_params(1, 2, 2),
        extra={"file": np.ones(1), "allow_pickle": np.ones(1)},
    )
    assert set(load_weights(path).extra) == {"file", "allow_pickle"}


# --------------------------------------------------------------------------------------
# Atomic saving
# --------------------------------------------------------------------------------------


def _failing_writer(file, arrays):
    file.write(b"half a file")
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    ("fmt", "writer"), [(".npz", "_write_npz"), (".safetensors", "_write_safetensors")]
)
def test_failed_write_leaves_the_old_file_intact_and_no_temp_file(
    tmp_path, monkeypatch, fmt, writer
):
    path = save_weights(tmp_path / f"m{fmt}", "rnn", engine_params(1, 2, 2))
    before = path.read_bytes()
    monkeypatch.setattr(weight_formats, writer, _failing_writer)
    with pytest.raises(WeightsError, match=rf"m\{fmt}: could not write the file: No space left"):
        save_weights(path, "lstm", engine_params(4, 3, 3))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_unexpected_exception_mid_write_also_cleans_up_and_propagates(tmp_path, monkeypatch):
    def boom(file, arrays):
        file.write(b"x")
        raise RuntimeError("boom")

    monkeypatch.setattr(weight_formats, "_write_npz", boom)
    with pytest.raises(RuntimeError, match="boom"):
        save_weights(tmp_path / "new.npz", "rnn", engine_params(1, 2, 2))
    assert list(tmp_path.iterdir()) == []


def test_failed_rename_leaves_the_old_file_intact_and_no_temp_file(tmp_path, monkeypatch):
    path = save_weights(tmp_path / "m.npz", "rnn", engine_params(1, 2, 2))
    before = path.read_bytes()

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(wmod.os, "replace", refuse)
    with pytest.raises(WeightsError, match=r"m\.npz: could not write the file: Permission denied"):
        save_weights(path, "rnn", engine_params(1, 5, 5))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


def test_invalid_parameters_never_touch_the_disk(tmp_path):
    path = save_weights(tmp_path / "m.npz", "rnn", engine_params(1, 2, 2))
    before = path.read_bytes()
    with pytest.raises(WeightsError):
        save_weights(path, "lstm", engine_params(1, 2, 2))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


# --------------------------------------------------------------------------------------
# Loading never unpickles
# --------------------------------------------------------------------------------------

UNPICKLED: list[str] = []


def _record_unpickling(tag: str) -> str:
    UNPICKLED.append(tag)
    return tag


class _Payload:
    """Runs _record_unpickling if anyone ever unpickles it."""

    def __reduce__(self):
        return (_record_unpickling, ("unpickled!",))


def test_npz_with_an_object_array_is_rejected_without_unpickling(tmp_path):
    state = torch_state(1, 2, 2)
    state["payload"] = np.array([_Payload()], dtype=object)
    path = write_npz(tmp_path / "evil.npz", state)
    UNPICKLED.clear()
    with pytest.raises(WeightsError) as info:
        load_weights(path)
    assert UNPICKLED == []
    message = str(info.value)
    assert message.startswith("evil.npz: key 'payload' holds Python objects")
    assert "refusing to unpickle" in message


def test_pickle_file_with_an_npz_suffix_is_rejected_without_unpickling(tmp_path):
    import pickle

    path = tmp_path / "evil.npz"
    path.write_bytes(pickle.dumps(_Payload()))
    UNPICKLED.clear()
    with pytest.raises(WeightsError, match=r"evil\.npz: is not an \.npz archive"):
        load_weights(path)
    assert UNPICKLED == []


def test_npy_file_with_an_npz_suffix_is_rejected(tmp_path):
    path = tmp_path / "single.npz"
    with path.open("wb") as file:
        np.save(file, np.zeros(3))
    with pytest.raises(WeightsError, match=r"single\.npz: is not an \.npz archive"):
        load_weights(path)


# --------------------------------------------------------------------------------------
# Every load error names the file and the key or shapes
# --------------------------------------------------------------------------------------


def load_state(tmp_path: Path, state: dict, name: str = "bad.npz") -> str:
    """Write ``state`` to an .npz and return the WeightsError message of loading it."""
    path = write_npz(tmp_path / name, state)
    with pytest.raises(WeightsError) as info:
        load_weights(path)
    message = str(info.value)
    assert message.startswith(f"{name}: ")
    return message


def test_unknown_suffix_is_rejected_listing_the_supported_ones(tmp_path):
    path = tmp_path / "model.h5"
    path.write_bytes(b"x")
    with pytest.raises(
        WeightsError,
        match=r"model\.h5: unsupported file type '\.h5'.*\.npz, "
        r"\.safetensors, \.pt, \.pth",
    ):
        load_weights(path)


def test_missing_file_is_reported_by_name(tmp_path):
    with pytest.raises(WeightsError, match=r"^nothing\.npz: file not found"):
        load_weights(tmp_path / "nothing.npz")


def test_folder_is_not_a_weight_file(tmp_path):
    (tmp_path / "dir.npz").mkdir()
    with pytest.raises(WeightsError, match=r"dir\.npz: is a folder"):
        load_weights(tmp_path / "dir.npz")


def test_truncated_npz_is_reported_as_corrupt(tmp_path):
    path = write_npz(tmp_path / "cut.npz", torch_state(4, 3, 2))
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(WeightsError, match=r"^cut\.npz: is corrupt or truncated"):
        load_weights(path)


def test_npz_member_that_is_not_an_array_is_named(tmp_path):
    path = tmp_path / "odd.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(WeightsError, match=r"odd\.npz: key 'notes\.txt' is not a NumPy array"):
        load_weights(path)


@pytest.mark.parametrize("cut", [4, 30, -3])
def test_truncated_or_garbage_safetensors_is_reported_as_corrupt(tmp_path, cut):
    path = tmp_path / "cut.safetensors"
    save_safetensors(torch_state(4, 3, 2), str(path))
    path.write_bytes(path.read_bytes()[:cut])
    with pytest.raises(WeightsError, match=r"^cut\.safetensors: is corrupt or truncated"):
        load_weights(path)


def test_safetensors_with_a_dtype_numpy_lacks_is_explained(tmp_path):
    header = json.dumps({"weight_hh_l0": {"dtype": "BF16", "shape": [2], "data_offsets": [0, 4]}})
    path = tmp_path / "bf16.safetensors"
    path.write_bytes(struct.pack("<Q", len(header)) + header.encode() + b"\0" * 4)
    with pytest.raises(
        WeightsError, match=r"bf16\.safetensors: .*dtype BF16, which NumPy cannot read.*float32"
    ):
        load_weights(path)


def test_file_without_recurrent_keys_lists_what_it_has(tmp_path):
    message = load_state(tmp_path, {"fc.weight": np.ones((2, 2)), "fc.bias": np.ones(2)})
    assert "no recurrent layer found" in message
    assert "weight_ih_l0" in message and "fc.weight, fc.bias" in message


def test_empty_archive_says_it_has_no_arrays(tmp_path):
    assert "no arrays" in load_state(tmp_path, {})


def test_missing_weight_key_is_named_with_the_files_prefix(tmp_path):
    state = torch_state(4, 3, 2, prefix="lstm.")
    del state["lstm.weight_hh_l0"]
    assert "missing key 'lstm.weight_hh_l0'" in load_state(tmp_path, state)


def test_missing_key_is_named_in_the_cell_style_without_suffix(tmp_path):
    state = torch_state(4, 3, 2, suffix="")
    del state["weight_ih"]
    assert "missing key 'weight_ih' (found" in load_state(tmp_path, state)


def test_one_bias_without_the_other_is_an_error_naming_both(tmp_path):
    state = torch_state(4, 3, 2)
    del state["bias_hh_l0"]
    message = load_state(tmp_path, state)
    assert "missing key 'bias_hh_l0'" in message and "'bias_ih_l0'" in message


def test_several_recurrent_modules_are_listed_and_the_first_is_shown_saying_so(tmp_path):
    state = torch_state(4, 3, 2, prefix="encoder.") | torch_state(3, 4, 3, prefix="decoder.")
    wf = load_weights(write_npz(tmp_path / "m.npz", state))
    assert wf.modules == ("encoder.", "decoder.")
    assert (wf.kind, wf.report.prefix) == ("lstm", "encoder.")
    (note,) = wf.report.notes
    assert "2 recurrent modules ('encoder.', 'decoder.')" in note and "--module" in note
    assert "decoder.weight_hh_l0" in wf.report.ignored


def test_unknown_prefix_argument_lists_the_available_ones(tmp_path):
    path = write_npz(tmp_path / "m.npz", torch_state(4, 3, 2, prefix="rnn."))
    with pytest.raises(
        WeightsError,
        match=r"m\.npz: no recurrent module with prefix 'gru'; "
        r"the file has 'rnn\.'",
    ):
        load_weights(path, prefix="gru")


def test_duplicate_keys_for_one_parameter_are_named(tmp_path):
    state = torch_state(1, 2, 2) | torch_state(1, 2, 2, suffix="")
    message = load_state(tmp_path, state)
    assert "'weight_ih_l0' and 'weight_ih' both give weight_ih" in message


def test_weight_hh_whose_rows_are_not_a_gate_multiple_gets_a_hint_from_weight_ih(tmp_path):
    state = {"weight_ih_l0": np.ones((96, 5)), "weight_hh_l0": np.ones((96, 30))}
    message = load_state(tmp_path, state)
    assert (
        "weight_hh_l0 has shape (96, 30): its rows must be 1, 3 or 4 times its columns" in message
    )
    assert "hidden size 24 (LSTM), 32 (GRU) or 96 (RNN)" in message


def test_weight_ih_rows_must_match_the_gate_multiple_of_weight_hh(tmp_path):
    state = torch_state(3, 4, 2)
    state["weight_ih_l0"] = np.ones((16, 2))
    message = load_state(tmp_path, state)
    assert (
        "weight_ih_l0 has shape (16, 2) but weight_hh_l0 (12, 4) implies a GRU with hidden "
        "size 4, so weight_ih_l0 needs 12 rows"
    ) in message


def test_bias_of_the_wrong_length_says_expected_and_got(tmp_path):
    state = torch_state(4, 3, 2)
    state["bias_hh_l0"] = np.ones(11, np.float32)
    message = load_state(tmp_path, state)
    assert "bias_hh_l0 has shape (11,) but expected (12,) for an LSTM with hidden size 3" in message


@pytest.mark.parametrize(
    ("key", "array", "expected"),
    [
        (
            "weight_ih_l0",
            np.ones((4, 2, 1)),
            "weight_ih_l0 must be a 2-D matrix but has shape (4, 2, 1)",
        ),
        ("bias_ih_l0", np.ones((4, 1)), "bias_ih_l0 must be a 1-D vector but has shape (4, 1)"),
        (
            "weight_hh_l0",
            np.ones((4, 1), np.int64),
            "weight_hh_l0 has dtype int64; expected floating-point",
        ),
    ],
)
def test_arrays_of_the_wrong_rank_or_dtype_are_named(tmp_path, key, array, expected):
    state = torch_state(4, 1, 2)
    state[key] = array
    assert expected in load_state(tmp_path, state)


def test_non_finite_values_are_counted_per_key(tmp_path):
    state = torch_state(4, 3, 2)
    state["weight_hh_l0"][0, :2] = np.nan
    state["weight_hh_l0"][1, 0] = np.inf
    assert "weight_hh_l0 has 3 non-finite value(s)" in load_state(tmp_path, state)


def test_non_finite_extra_arrays_are_named(tmp_path):
    state = torch_state(1, 2, 2) | {"fc.bias": np.array([1.0, np.nan])}
    assert "fc.bias has 1 non-finite value(s)" in load_state(tmp_path, state)


def test_non_numeric_extra_arrays_are_named(tmp_path):
    state = torch_state(1, 2, 2) | {"labels": np.array(["a", "b"])}
    assert "key 'labels' has dtype <U1; expected numbers" in load_state(tmp_path, state)


def test_zero_hidden_size_is_rejected(tmp_path):
    state = {"weight_ih_l0": np.ones((0, 2)), "weight_hh_l0": np.ones((0, 0))}
    assert "weight_hh_l0 has shape (0, 0): the hidden size is 0" in load_state(tmp_path, state)


def test_zero_input_size_is_rejected(tmp_path):
    state = torch_state(4, 2, 0)
    assert "weight_ih_l0 has shape (8, 0): the input size is 0" in load_state(tmp_path, state)


def test_absurdly_large_input_size_is_rejected(tmp_path):
    state = torch_state(4, 1, MAX_SIZE + 1)
    message = load_state(tmp_path, state)
    assert f"input size {MAX_SIZE + 1} is larger than the supported maximum {MAX_SIZE}" in message


def test_absurdly_large_hidden_size_is_rejected():
    # Broadcast views cost no memory: the size check must fire before anything is read.
    huge = MAX_SIZE + 1
    params = {
        "weight_ih": np.broadcast_to(np.float32(0), (huge, 2)),
        "weight_hh": np.broadcast_to(np.float32(0), (huge, huge)),
    }
    with pytest.raises(WeightsError, match=f"hidden size {huge} is larger than the supported"):
        check_params(params, source="big.npz")


def test_non_float_dtype_argument_is_rejected(tmp_path):
    path = write_npz(tmp_path / "m.npz", torch_state(1, 2, 2))
    with pytest.raises(
        WeightsError, match=r"m\.npz: dtype must be a floating-point type; got int32"
    ):
        load_weights(path, dtype=np.int32)


def test_pt_files_without_torch_explain_how_to_install_or_convert(tmp_path, monkeypatch):
    path = tmp_path / "model.pt"
    path.write_bytes(b"not really")
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` fail
    with pytest.raises(WeightsError) as info:
        load_weights(path)
    message = str(info.value)
    assert message.startswith("model.pt: reading PyTorch files (.pt/.pth/.ckpt …) needs PyTorch")
    assert "pip install torch" in message
    assert "torch.load('model.pt', map_location='cpu', weights_only=True)" in message
    assert "np.savez('model.npz'" in message


# --------------------------------------------------------------------------------------
# Saving errors
# --------------------------------------------------------------------------------------


def test_save_rejects_suffixes_it_cannot_write(tmp_path):
    with pytest.raises(
        WeightsError,
        match=r"m\.pt: cannot write '\.pt' files: use \.npz or "
        r"\.safetensors",
    ):
        save_weights(tmp_path / "m.pt", "rnn", engine_params(1, 2, 2))


def test_save_rejects_an_unknown_kind(tmp_path):
    with pytest.raises(
        WeightsError, match="unknown model kind 'lstmx'; expected one of lstm, gru, rnn"
    ):
        save_weights(tmp_path / "m.npz", "lstmx", engine_params(4, 2, 2))


def test_save_checks_the_shapes_against_the_given_kind(tmp_path):
    params = {"weight_ih": np.ones((96, 5)), "weight_hh": np.ones((96, 30))}
    with pytest.raises(WeightsError) as info:
        save_weights(tmp_path / "m.npz", "gru", params)
    assert str(info.value) == (
        "m.npz: weight_hh_l0 has shape (96, 30) but a GRU with hidden size 30 needs (90, 30); "
        "weight_ih_l0 implies hidden size 32"
    )


def test_save_rejects_unexpected_parameter_names(tmp_path):
    params = engine_params(1, 2, 2) | {"weight_xx": np.ones(1)}
    with pytest.raises(WeightsError, match="unexpected parameter 'weight_xx'"):
        save_weights(tmp_path / "m.npz", "rnn", params)


def test_save_rejects_the_same_parameter_under_two_names(tmp_path):
    params = engine_params(1, 2, 2) | {"weight_ih_l0": np.ones((2, 2))}
    with pytest.raises(WeightsError, match="parameter 'weight_ih' given twice"):
        save_weights(tmp_path / "m.npz", "rnn", params)


def test_save_requires_both_weight_matrices(tmp_path):
    params = engine_params(1, 2, 2)
    del params["weight_hh"]
    with pytest.raises(WeightsError, match=r"m\.npz: missing key 'weight_hh_l0'"):
        save_weights(tmp_path / "m.npz", "rnn", params)


def test_save_rejects_extra_keys_that_look_recurrent(tmp_path):
    with pytest.raises(WeightsError, match=r"extra key 'gru\.weight_ih_l0' would be read back"):
        save_weights(
            tmp_path / "m.npz",
            "rnn",
            engine_params(1, 2, 2),
            extra={"gru.weight_ih_l0": np.ones((3, 2))},
        )


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"": np.ones(1)}, "extra key '' must be a non-empty string"),
        ({"fc.names": np.array(["a"])}, "extra key 'fc.names' has dtype <U1"),
        ({"fc.bias": np.array([np.inf])}, "fc.bias has 1 non-finite value(s)"),
    ],
)
def test_save_rejects_invalid_extra_arrays(tmp_path, extra, expected):
    with pytest.raises(WeightsError) as info:
        save_weights(tmp_path / "m.npz", "rnn", engine_params(1, 2, 2), extra=extra)
    assert expected in str(info.value)


def test_save_into_a_missing_folder_names_it(tmp_path):
    with pytest.raises(WeightsError, match=r"m\.npz: cannot write: the folder .*nowhere does not"):
        save_weights(tmp_path / "nowhere" / "m.npz", "rnn", engine_params(1, 2, 2))


def test_save_rejects_non_finite_parameters_naming_the_key(tmp_path):
    params = engine_params(4, 2, 2)
    params["bias_ih"][3] = np.nan
    with pytest.raises(WeightsError, match="bias_ih_l0 has 1 non-finite value"):
        save_weights(tmp_path / "m.safetensors", "lstm", params)


# --------------------------------------------------------------------------------------
# Comparison with PyTorch, when it happens to be installed
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("module", "kind"), [("LSTM", "lstm"), ("GRU", "gru"), ("RNN", "rnn")])
def test_pytorch_state_dicts_load_from_pt_files(tmp_path, module, kind):
    torch = pytest.importorskip("torch")
    model = getattr(torch.nn, module)(input_size=3, hidden_size=4)
    path = tmp_path / "model.pt"
    torch.save(model.state_dict(), path)
    wf = load_weights(path)
    assert (wf.kind, wf.input_size, wf.hidden_size) == (kind, 3, 4)
    for name, tensor in model.state_dict().items():
        np.testing.assert_allclose(wf.params[name.removesuffix("_l0")], tensor.numpy())


def test_pytorch_full_model_pickles_are_refused(tmp_path):
    torch = pytest.importorskip("torch")
    path = tmp_path / "model.pt"
    torch.save(torch.nn.LSTM(2, 2), path)
    with pytest.raises(WeightsError) as info:
        load_weights(path)
    message = str(info.value)
    assert message.startswith("model.pt: holds a whole pickled model (torch.nn.modules.rnn.LSTM)")
    assert 'torch.save(model.state_dict(), "model_state.pt")' in message
    assert "weights_only" not in message and "\x1b" not in message and "\n" not in message


def test_training_checkpoint_with_a_nested_state_dict_loads_from_pt(tmp_path):
    torch = pytest.importorskip("torch")

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.gru = torch.nn.GRU(2, 3)
            self.fc = torch.nn.Linear(3, 1)

    net = Net()
    path = tmp_path / "ckpt.pth"
    torch.save({"state_dict": net.state_dict(), "epoch": 3}, path)
    wf = load_weights(path)
    assert (wf.kind, wf.hidden_size) == ("gru", 3)
    assert any("'state_dict'" in note for note in wf.notes)
    readout = wf.readout()
    assert readout is not None and readout.prefix == "fc."
    np.testing.assert_allclose(readout.weight, net.fc.weight.detach().numpy())


def test_bfloat16_tensors_in_pt_files_are_widened(tmp_path):
    torch = pytest.importorskip("torch")
    path = tmp_path / "half.pt"
    torch.save(torch.nn.RNN(2, 2).to(torch.bfloat16).state_dict(), path)
    assert load_weights(path, dtype=None).params["weight_hh"].dtype == np.float32


def test_pt_file_holding_something_other_than_a_state_dict_is_explained(tmp_path):
    torch = pytest.importorskip("torch")
    path = tmp_path / "list.pt"
    torch.save([torch.zeros(2)], path)
    with pytest.raises(WeightsError, match=r"list\.pt: holds a list, not a state_dict"):
        load_weights(path)
    torch.save({"epoch": 3, "note": "hi"}, path)
    with pytest.raises(WeightsError, match=r"list\.pt: holds no tensors .*its keys: epoch, note"):
        load_weights(path)


def test_pt_files_need_a_torch_whose_safe_loader_is_safe(tmp_path, monkeypatch):
    # Before PyTorch 2.6, weights_only=True could still run code from a crafted file.
    torch = pytest.importorskip("torch")
    path = tmp_path / "model.pt"
    torch.save(torch.nn.LSTM(2, 2).state_dict(), path)
    monkeypatch.setattr(torch, "__version__", "2.5.1+cpu")
    with pytest.raises(WeightsError, match=r"model\.pt: .*PyTorch 2\.6 or newer \(this is 2\.5\.1"):
        load_weights(path)
