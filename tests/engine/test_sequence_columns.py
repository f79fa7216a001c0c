"""Real CSVs: choose the columns, keep a date or token column as step labels."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine.data.text import parse_columns, parse_sequence_text
from lstm_viz.engine.data.text_file import load_sequence_csv, read_columns
from lstm_viz.engine.data.value import SequenceError

AIRLINE = "Month,Passengers\n1949-01,112\n1949-02,118\n1949-03,132\n"


def test_a_date_column_without_a_choice_is_named_and_the_choice_suggested():
    with pytest.raises(SequenceError) as info:
        parse_sequence_text(AIRLINE)
    assert str(info.value) == (
        "line 2: non-numeric value '1949-01' in column 1 ('Month'): choose the numeric "
        "columns to use (--columns Passengers, or Columns… in the window); the first other "
        "column then labels the steps"
    )


@pytest.mark.parametrize("columns", [("Passengers",), (2,)])
def test_chosen_columns_are_the_features_and_the_dates_label_the_steps(columns):
    seq = parse_sequence_text(AIRLINE, columns=columns)
    assert seq.values.ravel().tolist() == [112, 118, 132]
    assert seq.feature_names == ("Passengers",)
    assert seq.step_labels == ("1949-01", "1949-02", "1949-03")
    assert "Column Month labels the steps." in seq.description
    assert "Commas were read" not in seq.description  # chosen columns: no ambiguity


def test_columns_are_read_in_the_order_chosen_and_numbers_name_them_in_errors():
    text = "t,a,b\nx,1,2\ny,3,oops\n"
    seq = parse_sequence_text("t,a,b\nx,1,2\ny,3,4\n", columns=("b", "a"))
    assert seq.values.tolist() == [[2, 1], [4, 3]] and seq.feature_names == ("b", "a")
    with pytest.raises(SequenceError, match=r"line 3: non-numeric value 'oops' in column 3 "):
        parse_sequence_text(text, columns=(2, 3))


def test_semicolons_bom_and_crlf_with_decimal_commas(tmp_path):
    path = tmp_path / "air.csv"
    path.write_bytes("\ufeffMonth;Passengers\r\n1949-01;112,5\r\n1949-02;118\r\n".encode())
    seq = load_sequence_csv(path, columns=("Passengers",))
    assert seq.values.ravel().tolist() == [112.5, 118.0]
    assert seq.step_labels == ("1949-01", "1949-02")


def test_unknown_columns_are_named_with_what_the_table_has():
    with pytest.raises(SequenceError, match=r"no column named 'Pass'; the header has: Month, Pass"):
        parse_sequence_text(AIRLINE, columns=("Pass",))
    with pytest.raises(SequenceError, match=r"there is no column 3: the table has 2 column"):
        parse_sequence_text(AIRLINE, columns=(3,))


@pytest.mark.parametrize(
    ("spec", "parsed"), [("Passengers", ("Passengers",)), ("2, 3", (2, 3)), ('"a b",1', ("a b", 1))]
)
def test_column_specs_are_names_or_numbers_from_one(spec, parsed):
    assert parse_columns(spec) == parsed


@pytest.mark.parametrize("spec", ["", "a,,b", "0"])
def test_bad_column_specs_are_refused(spec):
    with pytest.raises(SequenceError, match="columns: "):
        parse_columns(spec)


def test_read_columns_lists_the_header_and_the_first_values(tmp_path):
    path = tmp_path / "air.csv"
    path.write_text("# airline\n" + AIRLINE)
    assert read_columns(path) == (("Month", "Passengers"), ("1949-01", "112"))
    path.write_text("1949-01;112\n")
    assert read_columns(path) == (("1", "2"), ("1949-01", "112"))


def test_step_labels_must_match_the_steps():
    from lstm_viz.engine.data.value import Sequence

    with pytest.raises(SequenceError, match="2 step labels for 3 steps"):
        Sequence("s", np.zeros((3, 1)), "", step_labels=("a", "b"))
