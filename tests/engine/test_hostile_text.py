"""Typed and pasted tables: linear, bounded, and saying what they decided."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_viz.engine.data.text import MAX_LINE_CHARS, parse_sequence_text
from lstm_viz.engine.data.value import SequenceError


@pytest.mark.parametrize("minus", ["\u2212", "\u2013", "\uff0d", "\ufe63", "\u2012"])
def test_a_first_row_written_with_a_dash_look_alike_is_data_not_a_header(minus: str) -> None:
    seq = parse_sequence_text(f"{minus}1,{minus}2\n3,{minus}4.5\n")
    assert seq.feature_names == ()
    assert seq.values.tolist() == [[-1, -2], [3, -4.5]]
    assert "Dashes such as '−' were read as minus signs." in seq.description


def test_a_header_keeps_its_dashes_and_plain_tables_get_no_note() -> None:
    seq = parse_sequence_text("t\u20131,value\n1.5,2\n")
    assert seq.feature_names == ("t\u20131", "value")
    assert seq.description == "A custom sequence of 1 step with 2 features."


def test_semicolon_separated_decimal_commas_are_read_and_said() -> None:
    seq = parse_sequence_text("time;value\n1,5;2,25\n3;\u22124,5e1\n")
    assert seq.feature_names == ("time", "value")
    assert seq.values.tolist() == [[1.5, 2.25], [3.0, -45.0]]
    assert "commas are decimal points" in seq.description


@pytest.mark.parametrize(
    ("text", "value", "fixed"),
    [("1,5 2,5\n", "1,5", "1.5"), ("1,5\t2\n", "1,5", "1.5"), ("3,05\n", "3,05", "3.05")],
)
def test_a_likely_decimal_comma_is_reported_not_split(text: str, value: str, fixed: str) -> None:
    with pytest.raises(SequenceError) as info:
        parse_sequence_text(text)
    message = str(info.value)
    assert message.startswith(f"line 1: '{value}' looks like a number with a decimal comma")
    assert f"({fixed})" in message and "';'" in message


def test_integer_columns_split_by_commas_say_how_they_were_read() -> None:
    seq = parse_sequence_text("1,5\n2,7\n")
    assert seq.values.tolist() == [[1, 5], [2, 7]]
    assert "Commas were read as column separators" in seq.description


def test_a_row_that_starts_like_numbers_is_data_and_its_typo_is_reported() -> None:
    with pytest.raises(SequenceError, match=r"line 1: non-numeric value '1\.2\.3' in column 1"):
        parse_sequence_text("1.2.3,4\n5,6\n")


def test_a_ten_megabyte_token_is_refused_quoting_only_an_excerpt() -> None:
    text = "7" * 10_000_000
    tracemalloc.start()
    try:
        with pytest.raises(SequenceError) as info:
            parse_sequence_text(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert message.startswith("line 1: line too long (10000000 characters, at most 65536)")
    assert len(message) < 200 and "\n" not in message
    assert peak < 1024**2, "the line was refused before being copied"


def test_a_long_token_within_the_line_limit_is_quoted_by_an_excerpt() -> None:
    token = "1" * (MAX_LINE_CHARS - 10) + "x"
    with pytest.raises(SequenceError) as info:
        parse_sequence_text(f"1\n{token}\n")
    assert len(str(info.value)) < 200
    assert "'" + "1" * 32 + "…'" in str(info.value)


def test_values_are_stored_compactly_while_parsing() -> None:
    text = "\n".join(f"{i}.5 {-i}.25 {i}e-3" for i in range(20_000))
    tracemalloc.start()
    try:
        seq = parse_sequence_text(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seq.values.shape == (20_000, 3)
    # 60 000 floats are 480 kB; Python lists of floats would take four times that.
    assert peak < 2 * 1024**2


_ALPHABET = st.sampled_from(
    [*"0123456789.,;eE+- \t\n\r#\"'x", "\u2212", "\u2013", "\ufeff", "nan", "inf", "\x00"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_any_text_gives_a_sequence_or_a_one_line_sequence_error(text: str) -> None:
    try:
        seq = parse_sequence_text(text)
    except SequenceError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 300
    else:
        assert np.isfinite(seq.values).all() and seq.values.ndim == 2
        assert seq.values.shape[0] >= 1


finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(finite, min_size=2, max_size=2), min_size=1, max_size=8))
def test_tables_written_with_unicode_minus_read_back_exactly(rows) -> None:
    text = "\n".join(",".join(repr(v).replace("-", "\u2212") for v in row) for row in rows)
    seq = parse_sequence_text(text)
    assert np.array_equal(seq.values, np.array(rows, dtype=np.float64))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(finite, min_size=2, max_size=3), min_size=1, max_size=8))
def test_tables_with_decimal_commas_and_semicolons_read_back_exactly(rows) -> None:
    # (One column has no ';' to tell "1,5" from two columns: that case gets a note.)
    width = len(rows[0])
    rows = [r[:width] + [0.0] * (width - len(r)) for r in rows]
    text = "\n".join(";".join(repr(v).replace(".", ",") for v in row) for row in rows)
    seq = parse_sequence_text(text)
    assert np.array_equal(seq.values, np.array(rows, dtype=np.float64))
