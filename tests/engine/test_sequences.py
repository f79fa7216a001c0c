"""Tests for lstm_viz.engine.data.sequences: presets, task batches, custom text and files."""

from __future__ import annotations

import os
import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lstm_viz.engine.data import text_file as sequence_file
from lstm_viz.engine.data.sequences import (
    COPY_ALPHABET,
    MAX_FEATURES,
    MAX_STEPS,
    PRESETS,
    SINE_PERIOD,
    Sequence,
    SequenceError,
    adding_batch,
    copy_batch,
    input_size_for,
    load_sequence_csv,
    make_sequence,
    parse_sequence_text,
    sine_prediction_batch,
)

RANDOM_PRESETS = ("noise", "random_walk", "adding", "copy")
FIXED_PRESETS = ("sine", "square", "impulse")


# --------------------------------------------------------------------------------------
# The Sequence value object
# --------------------------------------------------------------------------------------


def test_sequence_values_are_a_read_only_float64_copy():
    source = np.arange(6, dtype=np.int32).reshape(3, 2)
    seq = Sequence("s", source, "A test.")
    assert seq.values.dtype == np.float64
    assert not seq.values.flags.writeable
    source[0, 0] = 99
    assert seq.values[0, 0] == 0.0
    with pytest.raises(ValueError):
        seq.values[0, 0] = 1.0


def test_sequence_accepts_a_1d_array_as_one_feature():
    seq = Sequence("s", [1.0, 2.0, 3.0], "A test.")
    assert seq.values.shape == (3, 1)
    assert (seq.length, seq.input_size) == (3, 1)


def test_sequence_rejects_non_finite_values_saying_how_many():
    with pytest.raises(SequenceError, match=r"values has 2 non-finite"):
        Sequence("s", [[1.0], [np.nan], [np.inf]], "A test.")


def test_sequence_rejects_empty_or_3d_values_naming_the_shape():
    with pytest.raises(SequenceError, match=r"\(0, 1\)"):
        Sequence("s", np.zeros((0, 1)), "A test.")
    with pytest.raises(SequenceError, match=r"\(2, 2, 2\)"):
        Sequence("s", np.zeros((2, 2, 2)), "A test.")


def test_sequence_rejects_more_features_than_supported():
    with pytest.raises(SequenceError, match=f"at most {MAX_STEPS} steps and {MAX_FEATURES}"):
        Sequence("s", np.zeros((2, MAX_FEATURES + 1)), "A test.")


def test_sequence_rejects_feature_names_that_do_not_match_the_columns():
    with pytest.raises(SequenceError, match="1 feature names for 2 features"):
        Sequence("s", np.zeros((2, 2)), "A test.", feature_names=("a",))


def test_equal_sequences_compare_and_hash_equal_so_they_can_key_a_cache():
    a = make_sequence("adding", 30, seed=4)
    b = make_sequence("adding", 30, seed=4)
    c = make_sequence("adding", 30, seed=5)
    assert a == b and hash(a) == hash(b)
    assert a != c
    assert len({a, b, c}) == 2


# --------------------------------------------------------------------------------------
# Presets
# --------------------------------------------------------------------------------------


def test_presets_are_listed_in_display_order_with_one_sentence_each():
    assert list(PRESETS) == [
        "sine",
        "square",
        "impulse",
        "noise",
        "random_walk",
        "adding",
        "copy",
    ]
    for description in PRESETS.values():
        assert description.endswith(".")
        assert description.count(". ") == 0  # one sentence
    with pytest.raises(TypeError):
        PRESETS["x"] = "y"  # type: ignore[index]


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_has_the_requested_length_and_its_natural_input_size(name):
    seq = make_sequence(name, length=37, seed=1)
    default, _ = input_size_for(name)
    assert seq.values.shape == (37, default)
    assert seq.name == name
    assert seq.description == PRESETS[name]
    assert not seq.values.flags.writeable


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets_are_deterministic_for_a_seed(name):
    assert make_sequence(name, 50, seed=7) == make_sequence(name, 50, seed=7)


@pytest.mark.parametrize("name", RANDOM_PRESETS)
def test_random_presets_change_with_the_seed(name):
    a, b = make_sequence(name, 50, seed=1), make_sequence(name, 50, seed=2)
    assert not np.array_equal(a.values, b.values)


@pytest.mark.parametrize("name", FIXED_PRESETS)
def test_deterministic_presets_ignore_the_seed(name):
    assert np.array_equal(make_sequence(name, 30, 1).values, make_sequence(name, 30, 2).values)


def test_presets_do_not_touch_the_global_random_state():
    np.random.seed(123)  # noqa: NPY002
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    for name in PRESETS:
        make_sequence(name, 20, seed=3)
    assert np.array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_input_size_for_says_which_presets_accept_any_width():
    assert input_size_for("sine") == (1, True)
    assert input_size_for("adding") == (2, False)
    assert input_size_for("copy") == (COPY_ALPHABET + 1, False)
    assert input_size_for("noise").flexible


def test_sine_has_the_documented_period_and_phase_shifted_channels():
    seq = make_sequence("sine", 2 * SINE_PERIOD + 1, input_size=2)
    t = np.arange(2 * SINE_PERIOD + 1)
    np.testing.assert_allclose(seq.values[:, 0], np.sin(2 * np.pi * t / SINE_PERIOD), atol=1e-12)
    # Two channels are a quarter period apart: sine and cosine.
    np.testing.assert_allclose(seq.values[:, 1], np.cos(2 * np.pi * t / SINE_PERIOD), atol=1e-12)


def test_impulse_is_a_single_one_at_the_first_step():
    values = make_sequence("impulse", 10, input_size=3).values
    assert np.all(values[0] == 1.0)
    assert np.all(values[1:] == 0.0)


def test_square_pulse_fills_the_middle_third_and_exists_for_any_length():
    values = make_sequence("square", 30).values[:, 0]
    assert np.array_equal(np.flatnonzero(values), np.arange(10, 20))
    assert set(np.unique(values)) == {0.0, 1.0}
    for length in (1, 2, 3):
        assert make_sequence("square", length).values.sum() >= 1.0


def test_random_walk_starts_at_zero_and_moves_in_small_steps():
    values = make_sequence("random_walk", 200, seed=3).values
    assert values[0, 0] == 0.0
    assert 0.1 < np.std(np.diff(values[:, 0])) < 0.5


def test_noise_is_roughly_standard_normal():
    values = make_sequence("noise", 4000, seed=0).values
    assert abs(values.mean()) < 0.1
    assert abs(values.std() - 1.0) < 0.1


@settings(max_examples=60, deadline=None)
@given(length=st.integers(2, 300), seed=st.integers(0, 2**32 - 1))
def test_adding_marks_exactly_two_numbers_one_per_half_and_targets_their_sum(length, seed):
    seq = make_sequence("adding", length, seed=seed)
    numbers, markers = seq.values[:, 0], seq.values[:, 1]
    marked = np.flatnonzero(markers)
    assert set(np.unique(markers)) <= {0.0, 1.0}
    assert len(marked) == 2
    assert marked[0] < length // 2 <= marked[1]
    assert np.all((numbers >= 0.0) & (numbers < 1.0))
    assert seq.target is not None and seq.target.shape == (1,)
    assert seq.target[0] == pytest.approx(numbers[marked].sum())


def test_copy_preset_layout_symbols_then_gap_then_delimiter_then_recall():
    length = 20
    seq = make_sequence("copy", length, seed=5)
    x, y = seq.values, seq.target
    assert x.shape == (length, COPY_ALPHABET + 1) and y.shape == (length, COPY_ALPHABET)
    n = 3
    # One symbol per step at the start, blanks in the gap, the delimiter before recall.
    assert np.all(x[:n, :COPY_ALPHABET].sum(axis=1) == 1.0)
    assert np.all(x[n : length - n - 1] == 0.0)
    assert x[length - n - 1, COPY_ALPHABET] == 1.0
    assert np.all(x[length - n :] == 0.0)
    # The target repeats the symbols, in order, at the end, and is blank before.
    assert np.array_equal(y[length - n :], x[:n, :COPY_ALPHABET])
    assert np.all(y[: length - n] == 0.0)


def test_copy_preset_uses_fewer_symbols_for_very_short_sequences():
    seq = make_sequence("copy", 3, seed=0)
    assert seq.values[1, COPY_ALPHABET] == 1.0  # delimiter right after one symbol
    assert seq.target[2].sum() == 1.0


def test_unknown_preset_error_lists_the_valid_names():
    with pytest.raises(ValueError, match="unknown sequence preset 'sawtooth'") as info:
        make_sequence("sawtooth")
    for name in PRESETS:
        assert name in str(info.value)
    with pytest.raises(SequenceError, match="valid names"):
        input_size_for("nope")


@pytest.mark.parametrize("length", [0, -1, MAX_STEPS + 1])
def test_length_outside_1_to_100000_is_rejected_with_the_range(length):
    with pytest.raises(SequenceError, match=f"between 1 and {MAX_STEPS}; got {length}"):
        make_sequence("sine", length)


@pytest.mark.parametrize("length", [2.5, "40", True])
def test_non_integer_length_is_rejected(length):
    with pytest.raises(SequenceError, match="must be an integer"):
        make_sequence("sine", length)


def test_adding_and_copy_need_a_minimum_length():
    with pytest.raises(SequenceError, match="'adding' must be between 2"):
        make_sequence("adding", 1)
    with pytest.raises(SequenceError, match="'copy' must be between 3"):
        make_sequence("copy", 2)


@pytest.mark.parametrize("seed", [-1, 1.5, None])
def test_seed_must_be_a_non_negative_integer(seed):
    with pytest.raises(SequenceError, match="seed must be a non-negative integer"):
        make_sequence("noise", 10, seed=seed)


def test_fixed_width_presets_reject_another_input_size():
    with pytest.raises(SequenceError, match="'adding' preset has exactly 2 input features"):
        make_sequence("adding", 10, input_size=3)
    assert make_sequence("adding", 10, input_size=2).input_size == 2


@pytest.mark.parametrize("size", [0, MAX_FEATURES + 1])
def test_flexible_presets_reject_input_size_out_of_range(size):
    with pytest.raises(SequenceError, match=f"input_size must be between 1 and {MAX_FEATURES}"):
        make_sequence("noise", 10, input_size=size)


# --------------------------------------------------------------------------------------
# Task batches
# --------------------------------------------------------------------------------------


def test_adding_batch_has_two_markers_per_sequence_and_the_marked_sums_as_targets():
    x, y = adding_batch(np.random.default_rng(0), batch=64, length=25)
    assert x.shape == (25, 64, 2) and y.shape == (64, 1)
    markers = x[:, :, 1]
    assert np.all(markers.sum(axis=0) == 2.0)
    assert np.all(markers[:12].sum(axis=0) == 1.0)
    np.testing.assert_allclose(y[:, 0], (x[:, :, 0] * markers).sum(axis=0))


def test_copy_batch_targets_repeat_each_sequences_symbols_at_the_end():
    x, y = copy_batch(np.random.default_rng(1), batch=32, length=15, n_symbols=4, alphabet=6)
    assert x.shape == (15, 32, 7) and y.shape == (15, 32, 6)
    assert np.array_equal(y[-4:], x[:4, :, :6])
    assert np.all(x[10, :, 6] == 1.0)
    assert np.array_equal(y.any(axis=-1), np.arange(15)[:, None].repeat(32, 1) >= 11)
    # The batch really varies: not every sequence has the same symbols.
    assert len({x[:4, b].tobytes() for b in range(32)}) > 1


def test_sine_prediction_batch_targets_are_the_next_inputs():
    x, y = sine_prediction_batch(np.random.default_rng(2), batch=16, length=30)
    assert x.shape == y.shape == (30, 16, 1)
    assert np.array_equal(x[1:], y[:-1])
    assert np.all(np.abs(x) <= 1.0)
    assert not np.allclose(x[:, 0], x[:, 1])


@pytest.mark.parametrize("make", [adding_batch, copy_batch, sine_prediction_batch])
def test_batches_are_reproducible_from_the_generator_seed(make):
    a = make(np.random.default_rng(9), 4, 12)
    b = make(np.random.default_rng(9), 4, 12)
    for left, right in zip(a, b, strict=True):
        assert np.array_equal(left, right)


def test_batch_functions_reject_a_non_generator_rng():
    with pytest.raises(SequenceError, match=r"numpy\.random\.Generator"):
        adding_batch(np.random.RandomState(0), 2, 10)


def test_batch_functions_reject_bad_sizes_with_the_offending_value():
    rng = np.random.default_rng(0)
    with pytest.raises(SequenceError, match=r"batch must be between 1 and .*got 0"):
        adding_batch(rng, 0, 10)
    with pytest.raises(SequenceError, match=r"copy length must be between 7 .*got 6"):
        copy_batch(rng, 2, 6, n_symbols=3)
    with pytest.raises(SequenceError, match="alphabet must be between 2"):
        copy_batch(rng, 2, 10, alphabet=1)
    with pytest.raises(SequenceError, match=r"min_period=1\.0"):
        sine_prediction_batch(rng, 2, 10, min_period=1.0)
    with pytest.raises(SequenceError, match="must be finite"):
        sine_prediction_batch(rng, 2, 10, max_period=float("inf"))


# --------------------------------------------------------------------------------------
# Custom text
# --------------------------------------------------------------------------------------

finite_floats = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def tables(draw):
    rows = draw(st.integers(1, 12))
    cols = draw(st.integers(1, 6))
    values = draw(st.lists(st.lists(finite_floats, min_size=cols, max_size=cols), min_size=rows))
    return np.array(values[:rows], dtype=np.float64).reshape(-1, cols)


@settings(max_examples=80, deadline=None)
@given(
    table=tables(),
    sep=st.sampled_from([",", ", ", ";", " ; ", "\t", " ", "  "]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    header=st.booleans(),
    comment=st.booleans(),
)
def test_any_numeric_table_survives_formatting_and_parsing_exactly(
    table, sep, newline, header, comment
):
    lines = []
    if comment:
        lines += ["# exported by a test", ""]
    if header:
        lines.append(sep.join(f"col{j}" for j in range(table.shape[1])))
    for row in table:
        lines.append(sep.join(repr(float(v)) for v in row) + ("  # note" if comment else ""))
    seq = parse_sequence_text(newline.join(lines) + newline)
    assert np.array_equal(seq.values, table)
    assert seq.feature_names == (tuple(f"col{j}" for j in range(table.shape[1])) if header else ())


@settings(max_examples=40, deadline=None)
@given(table=tables(), data=st.data())
def test_a_bad_cell_is_reported_on_the_users_line_and_column(table, data):
    blank_lines = data.draw(st.integers(0, 3))
    row = data.draw(st.integers(0, table.shape[0] - 1))
    col = data.draw(st.integers(0, table.shape[1] - 1))
    # A first line of nothing but names is a header, not an error.
    assume(row > 0 or table.shape[1] > 1)
    cells = [[repr(float(v)) for v in r] for r in table]
    cells[row][col] = "oops"
    text = "\n" * blank_lines + "\n".join(",".join(r) for r in cells)
    with pytest.raises(SequenceError) as info:
        parse_sequence_text(text)
    assert info.value.line == blank_lines + row + 1
    assert f"line {blank_lines + row + 1}:" in str(info.value)
    assert f"'oops' in column {col + 1}" in str(info.value)


def test_parsed_sequence_has_a_descriptive_sentence_and_read_only_values():
    seq = parse_sequence_text("1 2\n3 4\n5 6", name="mine")
    assert seq.name == "mine"
    assert seq.description == "A custom sequence of 3 steps with 2 features."
    assert not seq.values.flags.writeable


def test_quoted_header_and_values_from_spreadsheet_exports_are_accepted():
    seq = parse_sequence_text('"time";"value"\n"1";"2.5"\n')
    assert seq.feature_names == ("time", "value")
    assert seq.values.tolist() == [[1.0, 2.5]]


def test_non_numeric_value_error_quotes_it_and_names_the_line():
    with pytest.raises(SequenceError) as info:
        parse_sequence_text("# data\n1, 2\n3, abc\n")
    assert str(info.value) == (
        "line 3: non-numeric value 'abc' in column 2 (column names are only allowed on the "
        "first line)"
    )
    assert info.value.line == 3


def test_mixed_first_line_is_not_taken_as_a_header_and_the_numeric_columns_are_suggested():
    with pytest.raises(
        SequenceError,
        match=r"line 1: non-numeric value 't' in column 1: choose the numeric columns to use "
        r"\(--columns 2, or Columns… in the window\)",
    ):
        parse_sequence_text("t, 1\n2, 3")


def test_second_header_row_is_rejected_on_its_line():
    with pytest.raises(SequenceError, match=r"^line 2: non-numeric value 'x'"):
        parse_sequence_text("a,b\nx,y\n1,2")


def test_python_float_spellings_we_do_not_accept_are_non_numeric():
    with pytest.raises(SequenceError, match="non-numeric value '1_000'"):
        parse_sequence_text("1\n1_000")


def test_wrong_number_of_columns_says_expected_and_got():
    with pytest.raises(SequenceError) as info:
        parse_sequence_text("1,2,3\n\n4,5\n")
    assert str(info.value) == (
        "line 3: wrong number of columns: expected 3 (as on line 1) but got 2"
    )


def test_column_count_is_fixed_by_the_header():
    with pytest.raises(SequenceError, match=r"line 2: wrong number .*expected 2 .*got 3"):
        parse_sequence_text("a b\n1 2 3")


@pytest.mark.parametrize("token", ["nan", "NaN", "inf", "-inf", "+Infinity"])
def test_nan_and_inf_are_rejected_as_non_finite(token):
    expected = re.escape(f"line 2: non-finite value '{token}' in column 2")
    with pytest.raises(SequenceError, match=expected):
        parse_sequence_text(f"1 2\n3 {token}")


def test_overflowing_number_is_rejected_as_non_finite():
    with pytest.raises(SequenceError, match=r"line 1: non-finite value '1e400'.*too large"):
        parse_sequence_text("1e400")


def test_empty_field_between_separators_is_reported_with_its_column():
    with pytest.raises(SequenceError, match="line 1: empty value in column 2"):
        parse_sequence_text("1,,2")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "the text is empty"),
        ("   \n\n", "the text is empty"),
        ("# just a comment\n\n", "only blank lines and comments"),
        ("time, value\n# nothing else", "only a header row"),
    ],
)
def test_input_without_numbers_is_reported_as_empty(text, why):
    with pytest.raises(SequenceError, match=f"^empty input: .*{why}"):
        parse_sequence_text(text)


def test_empty_column_name_in_header_is_rejected():
    with pytest.raises(SequenceError, match="line 1: empty column name"):
        parse_sequence_text("a,,b\n1,2,3")


def test_too_many_steps_names_the_limit_and_the_line():
    text = "# header comment\n" + "1\n" * (MAX_STEPS + 1)
    with pytest.raises(SequenceError) as info:
        parse_sequence_text(text)
    assert info.value.line == MAX_STEPS + 2
    assert f"too many steps: more than {MAX_STEPS}" in str(info.value)


def test_exactly_the_maximum_number_of_steps_is_accepted():
    assert parse_sequence_text("0\n" * MAX_STEPS).length == MAX_STEPS


def test_too_many_features_names_the_limit_and_the_line():
    with pytest.raises(SequenceError) as info:
        parse_sequence_text("\n" + " ".join(["1"] * (MAX_FEATURES + 1)))
    assert str(info.value) == (
        f"line 2: too many features: {MAX_FEATURES + 1} columns, at most {MAX_FEATURES} "
        "are supported"
    )


def test_byte_order_mark_and_inline_comments_are_ignored():
    seq = parse_sequence_text("\ufeff1 2 # first\n3 4")
    assert seq.values.tolist() == [[1, 2], [3, 4]]


def test_line_numbers_count_crlf_and_cr_breaks_like_an_editor():
    with pytest.raises(SequenceError) as info:
        parse_sequence_text("1\r\n2\r3\n\x0c4\nx")
    # \x0c (form feed) is not a line break for an editor, so "x" is on line 5.
    assert info.value.line == 5


def test_parser_rejects_non_string_input():
    with pytest.raises(SequenceError, match="text must be a str; got bytes"):
        parse_sequence_text(b"1 2")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------


def test_csv_file_with_bom_and_header_loads_named_after_the_file(tmp_path):
    path = tmp_path / "walk.csv"
    path.write_bytes("\ufeffx,y\r\n1,2\r\n3,4\r\n".encode())
    seq = load_sequence_csv(path)
    assert seq.name == "walk"
    assert seq.feature_names == ("x", "y")
    assert seq.values.tolist() == [[1, 2], [3, 4]]
    assert seq.description == (
        "Loaded from walk.csv: 2 steps with 2 features. Commas were read as column "
        "separators; for decimal commas, separate the columns with ';'."
    )


def test_parse_errors_from_a_file_are_prefixed_with_the_file_name(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("1,2\n3,4,5\n", encoding="utf-8")
    with pytest.raises(SequenceError) as info:
        load_sequence_csv(path)
    assert str(info.value).startswith("data.csv, line 2: wrong number of columns")
    assert (info.value.source, info.value.line) == ("data.csv", 2)


def test_missing_file_is_reported_by_name(tmp_path):
    with pytest.raises(SequenceError, match=r"^gone\.csv: file not found"):
        load_sequence_csv(tmp_path / "gone.csv")


def test_folder_is_not_a_sequence_file(tmp_path):
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(SequenceError, match=r"folder\.csv: is a folder"):
        load_sequence_csv(folder)


def test_binary_file_is_rejected_as_not_text(tmp_path):
    path = tmp_path / "weights.npz"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(SequenceError, match=r"weights\.npz: looks like a binary file"):
        load_sequence_csv(path)


def test_non_utf8_file_is_rejected_with_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("1\n2\nca\u00e9\n".encode("latin-1"))
    with pytest.raises(SequenceError, match=r"latin\.csv, line 3: is not UTF-8 .*0xe9"):
        load_sequence_csv(path)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(sequence_file, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.csv"
    path.write_text("1\n" * 20, encoding="utf-8")
    with pytest.raises(SequenceError, match=r"big\.csv: file is too large \(40 bytes\)"):
        load_sequence_csv(path)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_unreadable_file_is_reported_by_name(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("1\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(SequenceError, match=r"secret\.csv: could not read the file"):
        load_sequence_csv(path)
