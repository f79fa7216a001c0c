"""`--json` and `--out` write each kind of target as it should be written (simulate, train)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lstm_viz.cli import main
from lstm_viz.files import TEMP_PREFIX

SMALL = ["simulate", "--length", "5", "--hidden-size", "3"]


def test_a_regular_file_is_replaced_with_the_report(tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.json"
    out.write_text("old")
    assert main([*SMALL, "--json", str(out)]) == 0
    assert json.loads(out.read_text())["steps"] == 5
    assert capsys.readouterr().err == f"wrote {out}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_a_symlink_keeps_pointing_at_the_report(tmp_path: Path) -> None:
    real = tmp_path / "runs" / "today.json"
    real.parent.mkdir()
    real.write_text("{}")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    assert main([*SMALL, "--json", str(link)]) == 0
    assert link.is_symlink() and json.loads(real.read_text())["steps"] == 5


def test_dev_null_takes_the_report_and_stays_a_device() -> None:
    assert main([*SMALL, "--json", "/dev/null"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="Linux's /dev/full")
def test_a_full_device_is_a_failed_write_not_a_replaced_node(capsys) -> None:
    assert main([*SMALL, "--json", "/dev/full"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lstm-viz simulate: error: cannot write /dev/full: ")
    assert err.count("\n") == 1
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_streams_the_report_to_its_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert main([*SMALL, "--json", str(fifo)]) == 0
    reader.join()
    assert json.loads(received[0])["steps"] == 5
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_process_substitution_receives_the_report() -> None:
    # `>(wc -c)` is /dev/fd/63, a pipe; wc shares bash's stdout, so reading it to the end
    # waits for wc too.
    script = f"{sys.executable} -m lstm_viz simulate --length 5 --json >(wc -c)"
    run = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) > 1000
    assert run.stderr.startswith("wrote /dev/fd/")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a folder — choose a file name"),
        (lambda p: (p.write_text("keep"), p.chmod(0o444)), "is read-only — choose another name"),
    ],
    ids=["folder", "read-only"],
)
def test_a_target_that_must_not_be_replaced_is_refused_before_the_work(
    tmp_path: Path, capsys, make, message
) -> None:
    target = tmp_path / "target"
    make(target)
    assert main([*SMALL, "--json", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"lstm-viz simulate: error: --json {target}: ") and message in err
    assert err.count("\n") == 1
    assert target.is_dir() or target.read_text() == "keep"


def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    stale = tmp_path / f"{TEMP_PREFIX}00c0ffee.r.json.tmp"
    stale.write_text('{"half": ')
    out = tmp_path / "r.json"
    run = subprocess.run(
        [sys.executable, "-m", "lstm_viz", *SMALL, "--json", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_train_writes_weights_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "model.npz"
    link = tmp_path / "current.npz"
    link.symlink_to(real)
    quick = ["--length", "10", "--hidden-size", "4", "--batch", "4", "--iters", "5"]
    assert main(["train", *quick, "--out", str(link)]) == 0
    assert link.is_symlink() and real.stat().st_size > 0
