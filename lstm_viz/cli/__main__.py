"""``python -m lstm_viz.cli …``: the same as the ``lstm-viz`` command."""

import sys

from . import main

sys.exit(main())
