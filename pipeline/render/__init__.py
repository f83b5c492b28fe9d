"""Render stage: one renderer per output format."""
