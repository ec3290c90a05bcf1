"""Seed and demo data: realistic Vietnamese texts (``texts``) and the layout of a seeded store."""
