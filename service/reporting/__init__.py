"""Renderers: a report dict -> CSV, a terminal table (pure: standard library only)."""
