"""The window's side: the job keeps the event loop turning; the dialogs export."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from lstm_viz.export.dialogs import ExportAnimationDialog, ExportFrameDialog
from lstm_viz.export.job import ExportJob
from lstm_viz.state.timeline import Cursor

from .conftest import leftovers


def test_job_writes_and_reports_progress(qtbot, comparison, small, tmp_path):
    job = ExportJob(comparison, small, tmp_path / "a.apng")
    seen = []
    job.progress.connect(lambda k, n: seen.append((k, n)))
    with qtbot.waitSignal(job.succeeded, timeout=20000) as blocker:
        job.start()
    assert blocker.args[0].frames == 4 and seen[-1] == (4, 4)
    assert [p.name for p in tmp_path.iterdir()] == ["a.apng"]


def test_job_cancel_leaves_nothing(qtbot, comparison, small, tmp_path):
    job = ExportJob(comparison, small.replace(last_step=8, stages=True), tmp_path / "a.gif")
    job.progress.connect(lambda k, n: job.cancel() if k else None)
    with qtbot.waitSignal(job.cancelled, timeout=20000):
        job.start()
    assert list(tmp_path.iterdir()) == [] and not job.running


def test_job_failure_is_one_line(qtbot, comparison, small, tmp_path):
    job = ExportJob(comparison, small, tmp_path / "missing" / "a.gif")
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        job.start()
    assert "does not exist" in blocker.args[0] and leftovers(tmp_path) == []


def test_animation_dialog_exports(qtbot, comparison, tmp_path):
    dialog = ExportAnimationDialog(comparison)
    qtbot.addWidget(dialog)
    dialog.form.width.setValue(192)
    dialog.form.height.setValue(108)
    dialog.form.last.setValue(3)
    dialog.path.setText(str(tmp_path / "a.gif"))
    qtbot.waitUntil(
        lambda: dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull(),
        timeout=5000,
    )
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert dialog.result.frames == 3 and (tmp_path / "a.gif").exists()


def test_frame_dialog_exports_svg(qtbot, comparison, tmp_path):
    dialog = ExportFrameDialog(comparison, Cursor(2, 1, 0.5))
    qtbot.addWidget(dialog)
    dialog.form.width.setValue(320)
    dialog.form.height.setValue(180)
    dialog.path.setText(str(tmp_path / "f.svg"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert (tmp_path / "f.svg").read_text().count("<svg") == 1


def test_export_dialogs_keep_the_language_the_window_speaks(qtbot, qapp, comparison) -> None:
    from lstm_viz import i18n

    i18n.set_language("zh_CN")
    try:
        dialog = ExportFrameDialog(comparison, Cursor(t=1, stage=1, phase=1.0))
        qtbot.addWidget(dialog)
        qapp.processEvents()
        assert dialog.form.options().lang == "zh_CN"
        assert i18n.current_language() == "zh_CN", "opening the dialog switched the app"
        assert i18n.tr("Forget") == "忘记"
    finally:
        i18n.set_language("en")


def test_summary_follows_every_edit_at_once(qtbot, comparison, tmp_path):
    dialog = ExportAnimationDialog(comparison)
    qtbot.addWidget(dialog)
    f = dialog.form
    dialog.path.setText(str(tmp_path / "a.webp"))
    assert dialog.note.text().startswith("1920 × 1080 pixels")  # the slides preset
    assert f.preset.currentData() == "slides"
    f.scale.setCurrentIndex(f.scale.findData(1.0))
    assert dialog.note.text().startswith("960 × 540 pixels")
    assert f.preset.currentData() is None  # "Custom size"
    f.width.setValue(400)
    assert dialog.note.text().startswith("400 × ")
    f.height.setValue(300)
    assert dialog.note.text().startswith("400 × 300 pixels")
    f.scale.setCurrentIndex(f.scale.findData(2.0))
    assert dialog.note.text().startswith("800 × 600 pixels")
    f.first.setValue(3)
    f.last.setValue(7)
    assert "5 frames, 0.4 s" in dialog.note.text()  # 12 fps
    f.fps.setValue(2)
    assert "5 frames, 2.5 s" in dialog.note.text()
    f.stages.setChecked(True)
    f.pulse_frames.setValue(2)
    assert "30 frames, 15.0 s" in dialog.note.text()  # 5 steps × 3 stages × 2
    f.first.setValue(9)  # past the last step: the summary says what is wrong
    assert "steps" in dialog.note.text()
    f.first.setValue(1)
    dialog.path.setText(str(tmp_path / "a.gif"))
    assert "WebP" in dialog.note.text()  # GIF's 256 colours: WebP recommended
    dialog.path.setText(str(tmp_path / "a.apng"))
    assert "WebP" not in dialog.note.text()
    f.preset.setCurrentIndex(f.preset.findData("social"))
    f.preset.activated.emit(f.preset.currentIndex())
    assert dialog.note.text().startswith("1080 × 1080 pixels")


def test_the_preview_shows_the_pictures_own_pixels(qtbot, comparison):
    from lstm_viz.export import ExportOptions

    dialog = ExportFrameDialog(comparison, Cursor(2, 1, 1.0), ExportOptions(content="diagram"))
    qtbot.addWidget(dialog)
    assert dialog.actual_pixels.isChecked()
    qtbot.waitUntil(
        lambda: dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull(),
        timeout=10000,
    )
    pix = dialog.preview.pixmap()
    assert (pix.width(), pix.height()) == (1920, 1080)  # 100 %: one pixel per pixel
    dialog.actual_pixels.setChecked(False)
    qtbot.waitUntil(lambda: dialog.preview.pixmap().width() < 1920, timeout=10000)
    assert dialog.preview.pixmap().width() <= dialog.preview_area.width()


def test_frame_dialog_cancel_while_the_plots_compute_writes_nothing(qtbot, comparison, tmp_path):
    from PySide6.QtCore import QTimer

    from lstm_viz.export import ExportOptions

    options = ExportOptions(size=(320, 180), content="plots", panel="connectivity")
    dialog = ExportFrameDialog(comparison, Cursor(2, 1, 1.0), options)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "f.png"))
    # The plot's job starts only once settings rest: the wait is certain, and Cancel ends it.
    QTimer.singleShot(0, lambda: dialog.progress.cancel())
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.written is None and list(tmp_path.iterdir()) == []
    assert dialog.isVisible() or not dialog.result()  # still open for another try


def test_a_cancelled_export_frees_its_renderer_once_the_plot_job_ends(qtbot):
    from lstm_viz.export import frames

    class Busy:
        def __init__(self) -> None:
            self.calls: list[bool] = []

        def close(self, wait: bool = True) -> bool:
            self.calls.append(wait)
            return len(self.calls) >= 3  # the job ends after two looks

    r = Busy()
    frames.close_when_idle(r)  # returns at once: never waits
    assert r.calls == [False] and r in frames._closing
    qtbot.waitUntil(lambda: len(r.calls) == 3, timeout=5000)
    assert r.calls == [False, False, False] and r not in frames._closing
