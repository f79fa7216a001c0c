#!/usr/bin/env bash
# Set up (idempotent, quiet when nothing to do) and start lstm-viz; arguments go to `lstm-viz`.
#   bash scripts/run.sh                      # the window
#   bash scripts/run.sh export ... | simulate ...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --run
exec .venv/bin/lstm-viz "$@"
