"""Facts 4 and 7 in the Train dock: clipping rescues a run that diverges without it, and the
GRU's parameters and first iteration below the trivial loss beside the LSTM's — each sentence
with the run's own numbers."""

from __future__ import annotations

import pytest

from lstm_viz.app.train_dock import TrainDock
from lstm_viz.app.train_form import CLIP_RESCUE
from lstm_viz.engine.training.milestones import first_beats_trivial, run_outcome
from lstm_viz.engine.training.trainer import Trainer
from lstm_viz.plots.training import UNCLIPPED


@pytest.fixture
def dock(qtbot, tmp_path):
    d = TrainDock(data_dir=tmp_path)
    qtbot.addWidget(d)
    d.resize(520, 760)
    yield d
    assert d.shutdown(3000)


def run_to_end(qtbot, dock: TrainDock, start, timeout: int = 60_000) -> None:
    with qtbot.waitSignal(
        dock.lab.runningChanged, timeout=timeout, check_params_cb=lambda r: not r
    ):
        start()
    assert dock.lab.finished


def test_clipping_rescue_trains_the_same_rnn_with_and_without_clipping(qtbot, dock) -> None:
    run_to_end(qtbot, dock, dock.rescue_button.click)
    twin = "rnn" + UNCLIPPED
    assert dock.lab.kinds == ("rnn", twin)
    assert dock.lab.config("rnn") == CLIP_RESCUE
    assert dock.lab.config(twin) == CLIP_RESCUE.replace(clip=0.0)
    trivial = CLIP_RESCUE.train_task.trivial
    clipped = run_outcome(dock.lab.history("rnn"), trivial)
    free = run_outcome(dock.lab.history(twin), trivial)
    # The clipped run learns: its loss ends far below the trivial 0.5, every step finite.
    assert dock.lab.status("rnn") == "done" and clipped.first_nonfinite is None
    assert clipped.final_loss < 0.05 * trivial and clipped.learned
    # The unclipped run explodes: its gradient overflows and training diverges.
    assert dock.lab.status(twin) == "diverged" and free.first_nonfinite is not None
    assert free.peak_norm > 1e100 and not free.learned
    # Both curves are drawn, the unclipped one beside the clipped one.
    assert set(dock.plots.kinds) == {"rnn", twin}
    text = dock.verdict.text()
    assert dock.verdict.isVisibleTo(dock)
    assert (
        f"Clipping at 0.25 rescued the RNN: with it the loss fell to {clipped.final_loss:.2g}"
        in text
    )
    assert f"the gradient norm reached {free.peak_norm:.2g}" in text
    assert f"— the run overflowed at iteration {free.first_nonfinite} and diverged." in text
    assert "never beat the trivial loss" in dock.status[twin].text()


def test_the_runs_are_the_engines_own(qtbot, dock) -> None:
    run_to_end(qtbot, dock, dock.rescue_button.click)
    for run, clip in (("rnn", CLIP_RESCUE.clip), ("rnn" + UNCLIPPED, 0.0)):
        straight = Trainer(CLIP_RESCUE.replace(clip=clip))
        for _ in straight.run():
            pass
        ref = straight.history
        got = dock.lab.history(run)
        assert got["loss"].tolist() == ref["loss"].tolist()
        assert got["finite"].tolist() == ref["finite"].tolist()


def test_the_unclipped_twin_needs_clipping_on(dock) -> None:
    dock.form.unclipped.setChecked(True)
    dock.form.clip_on.setChecked(False)
    with pytest.raises(ValueError, match="Clip gradients at"):
        dock.configs()
    assert not dock.start_button.isEnabled()


def test_the_gru_fact_states_parameters_and_the_first_iteration_below_trivial(qtbot, dock) -> None:
    dock.form.length.setValue(10)
    dock.form.hidden.setValue(8)
    dock.form.iters.setValue(400)
    dock.form.models["rnn"].setChecked(False)
    run_to_end(qtbot, dock, dock.start_button.click)
    beats, params = {}, {}
    for kind in ("lstm", "gru"):
        straight = Trainer(dock.configs()[kind])
        for _ in straight.run():
            pass
        beats[kind] = first_beats_trivial(straight.history["loss"], 1.0 / 6.0)
        params[kind] = straight.model.n_params
        assert beats[kind] is not None
        status = dock.status[kind].text()
        assert (
            f"{params[kind]} parameters · beat the trivial loss at iteration {beats[kind]}"
            in status
        )
    assert params == {"lstm": 384, "gru": 288}  # 4 and 3 blocks of 8·(2 + 8) + 2·8
    assert (
        f"The GRU has 288 parameters, 75% of the LSTM's 384 (three blocks of weights to its "
        f"four). First beat the trivial loss: GRU iteration {beats['gru']}, LSTM iteration "
        f"{beats['lstm']}." in dock.verdict.text()
    )
    assert beats["gru"] < beats["lstm"]
