"""lstm_viz.files writes each kind of target as it should be written, and never half a file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lstm_viz.files import (
    TEMP_PREFIX,
    TargetError,
    atomic_write,
    atomic_write_text,
    commit_temp,
    open_temp_beside,
    remove_stale_temps,
    temp_beside,
    writable_target,
)

ROOT = Path(__file__).resolve().parents[1]


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_regular_file_is_replaced_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    assert atomic_write_text(target, "new") == target
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _names(tmp_path) == ["out.json"], "no temporary file is left"


def test_a_new_path_is_created(tmp_path: Path) -> None:
    assert writable_target(tmp_path / "new.txt").kind == "new"
    atomic_write_text(tmp_path / "new.txt", "hello")
    assert (tmp_path / "new.txt").read_text() == "hello"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"previous")

    def broken(file) -> None:
        file.write(b"half")
        raise RuntimeError("the encoder died")

    with pytest.raises(RuntimeError):
        atomic_write(target, broken)
    assert target.read_bytes() == b"previous"
    assert _names(tmp_path) == ["out.bin"]


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "data.json"
    real.write_text("old")
    link_folder = tmp_path / "links"
    link_folder.mkdir()
    link = link_folder / "data.json"
    link.symlink_to(real)
    seen: list[str] = []

    def write(file) -> None:
        seen.extend(os.listdir(real_folder))
        file.write(b"new")

    atomic_write(link, write)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    temps = [n for n in seen if n.startswith(TEMP_PREFIX)]
    assert len(temps) == 1, "the temporary file goes beside the real file"
    assert _names(link_folder) == ["data.json"] and _names(real_folder) == ["data.json"]


def test_a_dangling_symlink_creates_the_file_it_points_to(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made.json")
    atomic_write_text(link, "x")
    assert link.is_symlink() and (tmp_path / "made.json").read_text() == "x"


def test_dev_null_is_written_into_and_stays_a_device() -> None:
    target = writable_target("/dev/null")
    assert target.kind == "stream"
    atomic_write_text("/dev/null", "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="Linux's /dev/full")
def test_a_full_device_fails_the_write_and_stays_a_device() -> None:
    with pytest.raises(OSError) as caught:
        atomic_write_text("/dev/full", "x" * 100_000)
    assert not isinstance(caught.value, TargetError)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_is_streamed_to_its_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    atomic_write_text(fifo, "through the pipe")
    reader.join()
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert _names(tmp_path) == ["pipe"]


def test_a_pipe_named_by_dev_fd_is_streamed() -> None:
    # bash's `>(wc -c)` hands the program /dev/fd/63: a pipe, not a folder to write beside.
    code = (
        "import os, sys\n"
        "from lstm_viz.files import atomic_write_text\n"
        "r, w = os.pipe()\n"
        "atomic_write_text(f'/dev/fd/{w}', 'streamed')\n"
        "os.close(w)\n"
        "print(os.read(r, 100).decode())\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "streamed"


def test_a_folder_is_not_a_file_and_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "frames").mkdir()
    (tmp_path / "a.png").write_bytes(b"png")
    with pytest.raises(TargetError, match="is a folder — choose a file name"):
        atomic_write_text(tmp_path / "frames", "x")
    assert (tmp_path / "frames").is_dir()
    with pytest.raises(TargetError, match="is not a folder"):
        writable_target(tmp_path / "a.png", folder=True)
    assert writable_target(tmp_path / "frames", folder=True).kind == "folder"


def test_a_read_only_file_is_refused_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "keep.json"
    target.write_text("precious")
    target.chmod(0o444)
    with pytest.raises(TargetError, match="read-only"):
        atomic_write_text(target, "overwritten")
    assert target.read_text() == "precious"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(TargetError, match="permission denied"):
            atomic_write_text(folder / "x.json", "x")
    finally:
        folder.chmod(0o755)


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="does not exist"):
        atomic_write_text(tmp_path / "nowhere" / "x.json", "x")
    assert not (tmp_path / "nowhere").exists()


def test_temporaries_carry_the_prefix_and_stale_ones_are_removed(tmp_path: Path) -> None:
    fd, temp = open_temp_beside(tmp_path / "movie.mp4")
    os.close(fd)
    assert temp.name.startswith(TEMP_PREFIX) and temp.parent == tmp_path
    folder_temp = temp_beside(tmp_path / "frames")
    folder_temp.mkdir()
    (folder_temp / "frame_00001.png").write_bytes(b"")
    (tmp_path / ".movie.mp4.cache").write_text("not ours")
    (tmp_path / "notes.tmp").write_text("not ours either")
    # Nothing is older than this run yet: a run in progress is never disturbed.
    assert remove_stale_temps(tmp_path) == 0
    assert remove_stale_temps(tmp_path, older_than=time.time() + 60) == 2
    assert _names(tmp_path) == [".movie.mp4.cache", "notes.tmp"]


def test_the_next_write_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    # The stale temporary is older than the new process, as a killed run's would be.
    stale = tmp_path / f"{TEMP_PREFIX}0123abcd.report.json.tmp"
    stale.write_text("half a report")
    code = "import sys, lstm_viz.files as f; f.atomic_write_text(sys.argv[1], 'x')"
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "report.json")], cwd=ROOT, check=False
    )
    assert run.returncode == 0
    assert _names(tmp_path) == ["report.json"]


def test_a_finished_temporary_is_committed_to_a_link_or_a_device(tmp_path: Path) -> None:
    real = tmp_path / "real.mp4"
    real.write_bytes(b"old")
    link = tmp_path / "link.mp4"
    link.symlink_to(real)
    fd, temp = open_temp_beside(link)
    os.write(fd, b"encoded")
    os.close(fd)
    commit_temp(temp, link)
    assert link.is_symlink() and real.read_bytes() == b"encoded"
    fd, temp = open_temp_beside(tmp_path / "x.mp4")
    os.close(fd)
    commit_temp(temp, "/dev/null")
    assert not temp.exists() and stat.S_ISCHR(os.stat("/dev/null").st_mode)
