#!/usr/bin/env bash
# Screenshot of lstm-viz's window on a virtual X server (Xvfb), no real display needed.
#
#   bash scripts/screenshot.sh OUT.png [lstm-viz arguments...]
#
# Starts Xvfb on a free display (xvfb-run -a), launches the app on the xcb platform, waits
# SHOT_DELAY seconds (default 4), saves the whole root window as OUT.png, then stops the app.
# Fails if the app exits before the screenshot or if the screenshot is one flat colour.
#
# Environment:
#   SHOT_DELAY   seconds to wait before the screenshot (default 4)
#   SHOT_SCREEN  Xvfb screen geometry and depth (default 1280x800x24)
#   SHOT_CMD     command to launch instead of .venv/bin/lstm-viz (shell syntax; the arguments after
#                OUT.png are appended), e.g. SHOT_CMD=".venv/bin/python demo.py"
#
# Needs xvfb and xauth (bash scripts/setup.sh --test installs them). The screenshot is taken
# with Qt itself (QScreen.grabWindow(0) on the root window), so ImageMagick is not needed;
# it gives the same pixels as `import -window root`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$ROOT/.venv/bin/python"

die() {
    echo "screenshot: error: $*" >&2
    exit 1
}

if [[ ${1:-} != --inside-xvfb ]]; then
    [[ $# -ge 1 && $1 != -* ]] || die "usage: bash scripts/screenshot.sh OUT.png [lstm-viz arguments...]"
    if ! command -v xvfb-run > /dev/null 2>&1 || ! command -v xauth > /dev/null 2>&1; then
        die "xvfb-run and xauth are needed: run 'bash scripts/setup.sh --test' (or apt-get install xvfb xauth)"
    fi
    [[ -x $PY ]] || die "no .venv: run 'bash scripts/setup.sh --test' first"
    exec xvfb-run -a -s "-screen 0 ${SHOT_SCREEN:-1280x800x24} -nolisten tcp" \
        bash "${BASH_SOURCE[0]}" --inside-xvfb "$@"
fi

# --- inside xvfb-run: DISPLAY points to the fresh Xvfb ----------------------------------------
shift
out="$1"
shift
export QT_QPA_PLATFORM=xcb # not offscreen, even when called from the test suite
unset WAYLAND_DISPLAY

if [[ -n ${SHOT_CMD:-} ]]; then
    bash -c "exec $SHOT_CMD \"\$@\"" shot-cmd "$@" &
else
    "$ROOT/.venv/bin/lstm-viz" "$@" &
fi
app=$!

stop_app() {
    kill -TERM "$app" 2> /dev/null || return 0
    for _ in $(seq 50); do
        kill -0 "$app" 2> /dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$app" 2> /dev/null || true
}
trap stop_app EXIT

sleep "${SHOT_DELAY:-4}"
if ! kill -0 "$app" 2> /dev/null; then
    status=0
    wait "$app" || status=$?
    trap - EXIT
    die "the app exited (status $status) before the screenshot"
fi

"$PY" - "$out" << 'EOF'
import sys

from PySide6.QtGui import QGuiApplication, QImage

app = QGuiApplication([])
image = app.primaryScreen().grabWindow(0).toImage()
flat = QImage(image.size(), image.format())
flat.fill(image.pixel(0, 0))
if image.isNull() or not image.save(sys.argv[1]):
    sys.exit(f"screenshot: error: could not grab the screen into {sys.argv[1]}")
if image == flat:
    sys.exit(f"screenshot: error: {sys.argv[1]} is one flat colour: no window was shown")
print(f"screenshot: {sys.argv[1]} ({image.width()}x{image.height()})", file=sys.stderr)
EOF
