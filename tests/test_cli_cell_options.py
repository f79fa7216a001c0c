"""``--layer``, ``--direction``, ``--nonlinearity`` mean the same in every command."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.cli import main
from lstm_viz.cli._options import settings_from_args
from lstm_viz.cli.export import export_parser
from lstm_viz.cli.gui import gui_parser
from lstm_viz.cli.simulate import simulate_parser

FLAGS = ["--layer", "1", "--direction", "reverse", "--nonlinearity", "relu"]


@pytest.mark.parametrize("parser", [gui_parser, export_parser, simulate_parser])
def test_every_command_reads_the_cell_options_into_the_settings(parser) -> None:
    extra = ["--out", "x.png"] if parser is export_parser else []
    settings = settings_from_args(parser().parse_args([*FLAGS, *extra]))
    assert (settings.layer, settings.direction, settings.nonlinearity) == (1, "reverse", "relu")


def two_layer_gru(path: Path) -> Path:
    rng = np.random.default_rng(0)
    state = {}
    for layer, width in ((0, 2), (1, 3)):
        state[f"weight_ih_l{layer}"] = rng.normal(size=(9, width))
        state[f"weight_hh_l{layer}"] = rng.normal(size=(9, 3))
    np.savez(path, **state)
    return path


def test_export_of_a_layer_the_model_lacks_names_the_option(tmp_path: Path, capsys) -> None:
    weights = two_layer_gru(tmp_path / "gru.npz")
    out = tmp_path / "frame.png"
    assert main(["export", "--weights", str(weights), "--layer", "4", "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert "--layer: the model has 2 layer(s), numbered 0 to 1; got 4" in err
    assert not out.exists()


def test_export_draws_the_chosen_layer(tmp_path: Path, capsys) -> None:
    weights = two_layer_gru(tmp_path / "gru.npz")
    frames = {}
    for layer in ("0", "1"):
        out = tmp_path / f"layer{layer}.png"
        assert main(["export", "--weights", str(weights), "--layer", layer, "--out", str(out)]) == 0
        frames[layer] = out.read_bytes()
    assert frames["0"] != frames["1"]
