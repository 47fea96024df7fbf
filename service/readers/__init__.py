"""Readers: export files as admins produce them -> canonical snapshots. Pure: standard library only."""

from .detect import FORMATS
from .errors import ReaderError
from .reader import merge_cloud, read_cloud_bundle, read_snapshot
from .snapshot import Snapshot

__all__ = ["FORMATS", "ReaderError", "Snapshot", "merge_cloud", "read_cloud_bundle", "read_snapshot"]
