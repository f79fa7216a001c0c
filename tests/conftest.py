"""Test-wide set-up. Runs before any test module, so before anything imports Qt."""

import os

# Tests never open real windows: force the offscreen platform, whatever the shell has set.
# LSTM_VIZ_TEST_PLATFORM overrides it (e.g. "xcb" to watch the tests under a real X server).
os.environ["QT_QPA_PLATFORM"] = os.environ.get("LSTM_VIZ_TEST_PLATFORM") or "offscreen"
