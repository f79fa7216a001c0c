"""display_problem decides from the environment alone whether a Qt window can open."""

import subprocess
import sys

import pytest

from lstm_viz.app.display import _parse_ldd, display_problem, missing_system_libraries


def test_no_display_on_linux_explains_and_points_to_headless_commands():
    msg = display_problem({}, platform="linux")
    assert msg is not None
    assert "no display" in msg
    assert "DISPLAY" in msg and "WAYLAND_DISPLAY" in msg
    assert "xvfb-run -a lstm-viz" in msg
    assert "lstm-viz export" in msg and "lstm-viz simulate" in msg and "lstm-viz train" in msg
    assert msg.count("\n") >= 3


@pytest.mark.parametrize(
    "env",
    [
        {"DISPLAY": ":0"},
        {"DISPLAY": "localhost:10.0"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"},
    ],
)
def test_a_display_server_is_enough(env):
    assert display_problem(env, platform="linux") is None


@pytest.mark.parametrize("env", [{"DISPLAY": ""}, {"WAYLAND_DISPLAY": ""}, {"QT_QPA_PLATFORM": ""}])
def test_empty_variables_count_as_unset(env):
    assert display_problem(env, platform="linux") is not None


@pytest.mark.parametrize(
    "name", ["offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vnc:size=800x600"]
)
def test_headless_platforms_need_no_display(name):
    assert display_problem({"QT_QPA_PLATFORM": name}, platform="linux") is None


def test_xcb_needs_display():
    msg = display_problem({"QT_QPA_PLATFORM": "xcb"}, platform="linux")
    assert msg is not None and "QT_QPA_PLATFORM=xcb" in msg
    assert display_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"}, platform="linux") is None
    assert (
        display_problem(
            {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, platform="linux"
        )
        is not None
    )


def test_wayland_needs_wayland_display():
    assert display_problem({"QT_QPA_PLATFORM": "wayland"}, platform="linux") is not None
    assert display_problem({"QT_QPA_PLATFORM": "wayland-egl", "DISPLAY": ":0"}, platform="linux")
    env = {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-1"}
    assert display_problem(env, platform="linux") is None


def test_fallback_lists_need_one_usable_entry():
    assert display_problem({"QT_QPA_PLATFORM": "wayland;xcb"}, platform="linux") is not None
    assert display_problem({"QT_QPA_PLATFORM": "wayland;xcb;offscreen"}, platform="linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb;", "DISPLAY": ":1"}, platform="linux") is None


def test_unknown_platform_is_left_to_qt():
    assert display_problem({"QT_QPA_PLATFORM": "myplugin"}, platform="linux") is None


@pytest.mark.parametrize("platform", ["darwin", "win32", "cygwin"])
def test_macos_and_windows_always_have_a_window_system(platform):
    assert display_problem({}, platform=platform) is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, platform=platform) is None


@pytest.mark.parametrize("platform", ["linux", "freebsd14"])
def test_other_unixes_are_checked_like_linux(platform):
    assert display_problem({}, platform=platform) is not None


def test_defaults_read_the_real_environment(monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    expected_none = not sys.platform.startswith("linux") and not sys.platform.startswith("freebsd")
    assert (display_problem() is None) == expected_none
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_problem() is None


def test_module_imports_no_qt():
    code = (
        "import sys, lstm_viz.app.display as d\n"
        "d.display_problem(); d.missing_system_libraries()\n"
        "qt = ('PySide6', 'shiboken6', 'pyqtgraph')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in qt]\n"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_parse_ldd():
    out = (
        "\tlinux-vdso.so.1 (0x00007ffd)\n"
        "\tlibxcb-icccm.so.4 => not found\n"
        "\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f1a)\n"
        "\tlibxcb-keysyms.so.1 => not found\n"
        "\tlibxcb-icccm.so.4 => not found\n"
    )
    assert _parse_ldd(out) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert _parse_ldd("") == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux-only")
def test_set_up_machine_has_the_xcb_and_offscreen_libraries():
    # scripts/setup.sh installs them; a failure here names the missing sonames.
    assert missing_system_libraries("xcb") == []
    assert missing_system_libraries("offscreen") == []
    assert missing_system_libraries("no-such-platform") == []
