"""Application services: the duty desk's logic. Nothing here imports Qt."""
