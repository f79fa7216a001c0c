#!/usr/bin/env bash
# Idempotent set-up for lstm-viz: the system libraries Qt needs, then the project venv.
#
#   bash scripts/setup.sh --run    # what `scripts/run.sh` needs: offscreen + X11 window libs, `pip install -e .`
#   bash scripts/setup.sh --test   # also Xvfb (tests take screenshots), `pip install -e ".[test]"`
#
# A second run does nothing and prints nothing: system packages are checked with dpkg-query, and
# the pip step is skipped when .venv records the sha256 of the pyproject.toml it last installed.
# All messages go to stderr, so `scripts/run.sh simulate ... > out.csv` gets only the app's output.
#
# The Debian package lists below were found by walking the direct ELF dependencies (readelf -d,
# NEEDED) of PySide6-Essentials 6.11's Qt modules and plugins and mapping each system library to
# its package with `dpkg -S`; apt pulls in their own dependencies. Libraries of the base system
# (libc6, libstdc++6, libgcc-s1, zlib1g, libzstd1) are left out.
set -euo pipefail

usage() {
    echo "usage: bash scripts/setup.sh --run | --test" >&2
}

case "${1:-}" in
    --run) mode='run' ;;
    --test) mode='test' ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        usage
        exit 2
        ;;
esac

say() { echo "setup: $*" >&2; }
die() {
    echo "setup: error: $*" >&2
    exit 1
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# --- 1. system packages (Debian/Ubuntu only) --------------------------------------------------

# QtCore/QtGui/QtWidgets/QtSvg/QtOpenGL, the offscreen platform plugin and the image-format plugins
# (enough for the tests and for `lstm-viz export`), plus fonts: DejaVu for Latin/Greek/maths
# symbols, WenQuanYi Micro Hei for the Chinese text.
OFFSCREEN_PKGS=(
    libglib2.0-0 libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
    fonts-dejavu-core fonts-wqy-microhei
)
# The xcb platform plugin (libqxcb.so -> libQt6XcbQpa.so.6) and its GLX/EGL integrations:
# needed for a real window under X11 (or Xvfb). No libxcb-xinerama0: Qt 6 does not use it.
WINDOW_PKGS=(
    libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
    libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
)
# A virtual X server for the screenshot tests; xvfb-run needs xauth (only a Recommends of xvfb).
# librsvg2-bin: rsvg-convert, one of the two renderers tests/export/test_svg.py draws the SVG with.
XVFB_PKGS=(xvfb xauth librsvg2-bin)

wanted=("${OFFSCREEN_PKGS[@]}" "${WINDOW_PKGS[@]}")
if [[ $mode == test ]]; then
    wanted+=("${XVFB_PKGS[@]}")
fi

is_installed() {
    # Ubuntu 24.04 renamed some libraries with a t64 suffix (libglib2.0-0t64); accept either.
    local p
    for p in "$1" "$1t64"; do
        if dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed; then
            return 0
        fi
    done
    return 1
}

if [[ $(uname -s) == Linux ]] && command -v dpkg-query > /dev/null 2>&1; then
    missing=()
    for p in "${wanted[@]}"; do
        is_installed "$p" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        if [[ $(id -u) -ne 0 ]]; then
            die "missing system packages; install them with:
    sudo apt-get install --no-install-recommends ${missing[*]}
then run this again."
        fi
        say "installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq > /dev/null || die "apt-get update failed"
        apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null \
            || die "apt-get install failed for: ${missing[*]}"
    fi
elif [[ $(uname -s) == Linux ]]; then
    say "not a Debian-based system: make sure the Qt 6 runtime libraries (xcb, EGL, fontconfig) are installed"
fi

# --- 2. the virtual environment ---------------------------------------------------------------

PYTHON="${PYTHON:-python3}"
python_ok() {
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' > /dev/null 2>&1
}

if [[ ! -x .venv/bin/python ]]; then
    command -v "$PYTHON" > /dev/null 2>&1 || die "$PYTHON not found; lstm-viz needs Python >= 3.11"
    python_ok "$PYTHON" \
        || die "lstm-viz needs Python >= 3.11, but $PYTHON is $("$PYTHON" -V 2>&1); set PYTHON=/path/to/python3.11"
    say "creating .venv with $("$PYTHON" -V 2>&1)"
    "$PYTHON" -m venv .venv \
        || die "'$PYTHON -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)"
fi
python_ok .venv/bin/python \
    || die ".venv uses $(.venv/bin/python -V 2>&1), but lstm-viz needs Python >= 3.11; delete .venv and run again"

# The stamp of each mode holds the sha256 of the pyproject.toml it installed; "test" is a superset
# of "run", so a test install also satisfies --run.
hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
stamp_ok() { [[ -f .venv/.lstm-viz-$1.sha256 && $(< ".venv/.lstm-viz-$1.sha256") == "$hash" ]]; }

if stamp_ok "$mode" || { [[ $mode == run ]] && stamp_ok test; }; then
    exit 0
fi

if [[ $mode == test ]]; then spec='.[test]'; else spec='.'; fi
say "installing lstm-viz into .venv (pip install -e \"$spec\")"
if ! log="$(.venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec" 2>&1)"; then
    echo "$log" >&2
    die "pip install failed"
fi
echo "$hash" > ".venv/.lstm-viz-$mode.sha256"
[[ $mode == test ]] && echo "$hash" > .venv/.lstm-viz-run.sha256
exit 0
