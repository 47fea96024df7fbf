"""Profile the engine on a generated directory pair (run bench/run.py or generate.py first).

    python bench/profile_engine.py --size 100k [--top 30] [--pyinstrument] [--no-gc] [--stages]

First two plain runs: with the time the cyclic GC takes, and with the GC off. Then cProfile (own
and cumulative time per function, with file:line) or, with --pyinstrument, pyinstrument's call
tree. --no-gc profiles with the GC off, so that collections do not land on random allocations.
--stages times the stages of `syncmatch match` in-process instead: readers, engine, rendering.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import time
from itertools import pairwise
from pathlib import Path

import orjson

from service.engine import evaluate

DATA = Path(__file__).resolve().parent / "data"


def load(size: str) -> tuple[dict, dict, dict]:
    """The parsed snapshots and settings of bench/data/<size>."""
    directory = DATA / size
    if not (directory / "onprem.json").exists():
        raise SystemExit(f"{directory} has no data: python bench/generate.py --objects {size} --out {directory}")
    return tuple(orjson.loads((directory / name).read_bytes()) for name in ("onprem.json", "cloud.json",
                                                                           "settings.json"))


def with_cprofile(onprem: dict, cloud: dict, settings: dict, top: int) -> str:
    """cProfile statistics, sorted by own time and by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    evaluate(onprem, cloud, settings)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    for key in ("tottime", "cumulative"):
        out.write(f"\n=== top {top} by {key} ===\n")
        stats.sort_stats(key).print_stats(top)
    return out.getvalue()


def with_pyinstrument(onprem: dict, cloud: dict, settings: dict) -> str:
    """pyinstrument's call tree (sampling, so the overhead is small)."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    evaluate(onprem, cloud, settings)
    profiler.stop()
    return profiler.output_text(unicode=False, color=False, show_all=False)


class GcClock:
    """Time spent in the cyclic garbage collector, per generation, through gc.callbacks."""

    def __init__(self):
        self.seconds = [0.0, 0.0, 0.0]
        self.runs = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        """gc.callbacks hook."""
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds[info["generation"]] += time.perf_counter() - self._started
            self.runs[info["generation"]] += 1

    def __str__(self) -> str:
        parts = ", ".join(f"gen{g} {n} runs {s:.2f}s" for g, (n, s) in enumerate(zip(self.runs, self.seconds,
                                                                                      strict=True)))
        return f"cyclic GC: {sum(self.seconds):.2f}s ({parts})"


def timed(onprem: dict, cloud: dict, settings: dict, collect: bool) -> str:
    """One plain evaluate (no profiler), with the time the cyclic GC took, or with the GC off."""
    clock = GcClock()
    gc.collect()
    gc.callbacks.append(clock)
    if not collect:
        gc.disable()
    started = time.perf_counter()
    try:
        evaluate(onprem, cloud, settings)
    finally:
        elapsed = time.perf_counter() - started
        gc.enable()
        gc.callbacks.remove(clock)
    return f"evaluate, gc {'on' if collect else 'off'}: {elapsed:.2f}s; {clock}"


def stages(size: str) -> str:
    """Where `syncmatch match` spends its time: each reader, the engine, rendering, writing."""
    from service.entrypoints.match import render
    from service.readers import read_snapshot

    directory = DATA / size
    clock = time.perf_counter
    marks = [("start", clock())]
    onprem = read_snapshot(str(directory / "onprem.json"), kind="onprem")
    marks.append(("read onprem.json", clock()))
    cloud = read_snapshot(str(directory / "cloud.json"), kind="cloud")
    marks.append(("read cloud.json", clock()))
    settings = orjson.loads((directory / "settings.json").read_bytes())
    report = evaluate(onprem.data, cloud.data, settings, rejected=onprem.rejected + cloud.rejected)
    marks.append(("evaluate", clock()))
    with open("/dev/null", "wb") as sink:
        sink.writelines(render(report, "json"))
    marks.append(("render json (orjson, indent 2) + write", clock()))
    lines = [f"{name:<32} {end - begin:7.2f}s" for (_, begin), (name, end) in pairwise(marks)]
    return "\n".join([*lines, f"{'total':<32} {marks[-1][1] - marks[0][1]:7.2f}s"])


def main(argv: list[str] | None = None) -> int:
    """Command line: --size LABEL [--top N] [--pyinstrument]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", help="a directory under bench/data (default 100k)")
    parser.add_argument("--top", type=int, default=30, help="functions to list (cProfile)")
    parser.add_argument("--pyinstrument", action="store_true", help="pyinstrument's call tree instead")
    parser.add_argument("--no-gc", action="store_true", help="profile with the cyclic GC disabled")
    parser.add_argument("--stages", action="store_true", help="only time the stages of `syncmatch match`")
    args = parser.parse_args(argv)
    if args.stages:
        print(stages(args.size))
        return 0
    onprem, cloud, settings = load(args.size)
    for collect in (True, False):
        print(timed(onprem, cloud, settings, collect))
    gc.collect()
    if args.no_gc:
        gc.disable()
    started = time.perf_counter()
    if args.pyinstrument:
        text = with_pyinstrument(onprem, cloud, settings)
    else:
        text = with_cprofile(onprem, cloud, settings, args.top)
    print(text)
    print(f"profiled run: {time.perf_counter() - started:.2f}s (profiler overhead included)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
