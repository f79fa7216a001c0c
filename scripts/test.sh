#!/usr/bin/env bash
# Set up (idempotent) and run the test suite; arguments go to pytest, e.g. `bash scripts/test.sh tests/app -q`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --test
# One worker per core (-n auto; idle workers steal queued tests); a later -n in the
# arguments wins, e.g. `-n 0` to debug.
exec .venv/bin/python -m pytest -n auto --dist worksteal "$@"
