"""Never a broken file: errors and cancels leave the previous output and nothing else."""

from __future__ import annotations

import errno

import pytest

from lstm_viz.export import ExportError, describe_error, export_animation, export_still
from lstm_viz.export import writers as writers_mod

from .conftest import leftovers


def test_cancel_midway_leaves_nothing(qapp, comparison, small, tmp_path):
    for name in ("a.gif", "frames"):
        calls = iter(range(100))
        result = export_animation(
            comparison, small, tmp_path / name, cancelled=lambda c=calls: next(c) >= 2
        )
        assert result is None
    assert list(tmp_path.iterdir()) == []


def test_full_disk_keeps_the_previous_gif(qapp, comparison, small, tmp_path, monkeypatch):
    out = tmp_path / "a.gif"
    out.write_bytes(b"previous")
    real = writers_mod._StreamWriter.write

    def full(self, data):
        if self.count >= 2:  # the disk fills up while the frames stream in
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, data)

    monkeypatch.setattr(writers_mod._StreamWriter, "write", full)
    with pytest.raises(OSError) as info:
        export_animation(comparison, small, out)
    assert describe_error(info.value, out) == f"cannot write {out}: the disk is full"
    assert out.read_bytes() == b"previous" and leftovers(tmp_path) == []


def test_full_disk_during_frames_keeps_the_previous_folder(
    qapp, comparison, small, tmp_path, monkeypatch
):
    out = tmp_path / "frames"
    out.mkdir()
    (out / "frame_00001.png").write_bytes(b"old")
    written = []

    def full(path, data):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        path.write_bytes(data)

    monkeypatch.setattr(writers_mod, "write_bytes", full)
    with pytest.raises(OSError, match="No space"):
        export_animation(comparison, small, out)
    assert [p.name for p in out.iterdir()] == ["frame_00001.png"]
    assert (out / "frame_00001.png").read_bytes() == b"old" and leftovers(tmp_path) == []


def test_frames_replace_an_earlier_export_only(qapp, comparison, small, tmp_path):
    out = tmp_path / "frames"
    export_animation(comparison, small.replace(last_step=6), out)
    export_animation(comparison, small, out)
    assert len(list(out.iterdir())) == 4 and leftovers(tmp_path) == []
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("keep me")
    with pytest.raises(ExportError, match="holds other files"):
        export_animation(comparison, small, mine)
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("missing/a.gif", "does not exist"),
        ("a.bmp", "unknown file type"),
        ("missing/deeper/frames", "does not exist"),
    ],
)
def test_bad_paths(qapp, comparison, small, tmp_path, name, words):
    with pytest.raises(ExportError, match=words):
        export_animation(comparison, small, str(tmp_path / name))
    assert [p.name for p in tmp_path.iterdir()] == []


def test_unwritable_folder(qapp, comparison, small, tmp_path, monkeypatch):
    # Root may write anywhere, so the check is driven through os.access.
    monkeypatch.setattr(writers_mod.os, "access", lambda *_a: False)
    with pytest.raises(ExportError, match="permission denied"):
        export_still(comparison, small, tmp_path / "a.png")
    assert list(tmp_path.iterdir()) == []


def test_permission_error_in_words(tmp_path):
    err = PermissionError(errno.EACCES, "Permission denied")
    assert describe_error(err, "x.gif") == "cannot write x.gif: permission denied"


def test_mp4_without_encoder_says_how_to_get_one(qapp, comparison, small, tmp_path, monkeypatch):
    monkeypatch.setattr(writers_mod, "mp4_available", lambda: False)
    with pytest.raises(ExportError, match=r"lstm-viz\[mp4\]"):
        export_animation(comparison, small, tmp_path / "a.mp4")
    assert list(tmp_path.iterdir()) == []


def test_gif_rejects_fps_browsers_cannot_play(qapp, comparison, small, tmp_path):
    with pytest.raises(ExportError, match="at most 50"):
        export_animation(comparison, small.replace(fps=60), tmp_path / "a.gif")


def test_replacing_frames_shows_nothing_beside_the_folder_but_the_temporary(
    qapp, comparison, small, tmp_path, monkeypatch
):
    out = tmp_path / "frames"
    export_animation(comparison, small, out)
    seen = []
    real = writers_mod.os.replace

    def replace(a, b):
        real(a, b)
        seen.append(sorted(p.name for p in tmp_path.iterdir()))

    monkeypatch.setattr(writers_mod.os, "replace", replace)
    export_animation(comparison, small.replace(last_step=3), out)
    assert len(seen) == 2  # the old folder out of the way, then the new one in
    for names in seen:
        assert [n for n in names if n != "frames" and not n.startswith(".lstm-viz")] == []
        assert not any(n.endswith(".old") for n in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["frames"]
    assert len(list(out.iterdir())) == 3
