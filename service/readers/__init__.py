"""Readers: export files as admins produce them -> canonical snapshots. Pure: standard library only."""
