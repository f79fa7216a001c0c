"""A scenario keeps which columns of its table and which module of its weights it uses."""

from __future__ import annotations

import numpy as np

from lstm_viz.state.scenario import read_scenario, write_scenario
from lstm_viz.state.scenario_value import Scenario
from lstm_viz.state.settings import Settings


def test_columns_and_module_round_trip_through_a_scenario_file(tmp_path):
    table = tmp_path / "air.csv"
    table.write_text("Month,Passengers\n1949-01,112\n1949-02,118\n")
    rng = np.random.default_rng(0)
    state = {}
    for prefix in ("encoder.", "decoder."):
        state[f"{prefix}weight_ih_l0"] = rng.normal(size=(4, 1))
        state[f"{prefix}weight_hh_l0"] = rng.normal(size=(4, 4))
    np.savez(tmp_path / "w.npz", **state)
    settings = Settings(
        sequence="file",
        sequence_file=str(table),
        sequence_columns="Passengers",
        weights=str(tmp_path / "w.npz"),
        weights_module="decoder.",
    )
    (tmp_path / "out").mkdir()
    path = write_scenario(tmp_path / "out" / "s.toml", Scenario(settings=settings))
    back = read_scenario(path).settings
    assert (back.sequence_columns, back.weights_module) == ("Passengers", "decoder.")


def test_another_file_forgets_the_module_and_columns_chosen_in_the_previous_one():
    s = Settings(weights="a.npz", weights_module="decoder.", sequence_columns="2")
    s = Settings.replace(s, sequence="file", sequence_file="b.csv", weights_module="decoder.")
    assert (s.weights_module, s.sequence_columns) == ("decoder.", None)
    s = s.replace(weights="c.npz")
    assert s.weights_module is None
    assert s.replace(weights="c.npz", weights_module="x.").weights_module == "x."
