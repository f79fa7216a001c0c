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
