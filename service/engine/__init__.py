"""The matching engine: canonical snapshots + settings -> report. Pure: standard library only."""
