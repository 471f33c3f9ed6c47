"""The report -> activities pipeline: one stage per module, pure functions."""
