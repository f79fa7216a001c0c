"""Input sequences: the Sequence value, built-in presets, typed or CSV tables, task batches."""
