"""Benchmark: computing a composite index for 10,000 districts × 40 indicators
× 10 periods with the engine, against a plain numpy implementation of the same
formulas written here.

Run: .venv/bin/python bench/bench_index.py [--districts 10000] [--indicators 40]
     [--periods 10]

The index: 5 sub-indices of equal size; every third indicator log(x + 1)
transformed, every fourth winsorised at its 1st and 99th percentile; z-scores
(population SD), arithmetic means with weights, skip-and-reweight for missing
values (1 % missing), the index rounded to 3 decimals, quintile classes and
competition ranks on the rounded value. Prints both times, their ratio and the largest difference of
the results (they must agree). Asserts nothing about time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kette.monitoring.engine import compute, parse  # noqa: E402

GROUPS = 5
LOG = {"transform": {"function": "log", "offset": 1}}
WINSORISE = {"transform": {"low": 1, "high": 99, "percentiles": True}}
#: by indicator number modulo 12: log every third, winsorise every fourth
TRANSFORMS = [LOG if n % 3 == 0 else WINSORISE if n % 4 == 0 else {} for n in range(12)]


def definition(indicators: int, rng: np.random.Generator):
    size = indicators // GROUPS
    return parse(
        {
            "format": "kette-index/1",
            "key": "bench",
            "subindices": [
                {
                    "key": f"g{g}",
                    "weight": float(g + 1),
                    "indicators": [
                        {
                            "key": f"i{g * size + i}",
                            "weight": float(rng.integers(1, 4)),
                            "polarity": "higher_is_worse"
                            if (g + i) % 3
                            else "higher_is_better",
                            **TRANSFORMS[(g * size + i) % 12],
                        }
                        for i in range(size)
                    ],
                }
                for g in range(GROUPS)
            ],
            "classifications": [
                {"key": "q", "of": "index", "method": "quantiles", "classes": 5}
            ],
            "decimals": 3,
            "rank": {"method": "min"},
        }
    )


def plain_numpy(spec, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same index, written straight in numpy for this one shape."""
    rules = [r for g in spec.groups for r in g.indicators]
    values = values.copy()
    logs = [n for n in range(len(rules)) if n % 12 % 3 == 0]
    values[:, logs] = np.log(values[:, logs] + 1)
    capped = [n for n in range(len(rules)) if n % 12 % 3 and n % 12 % 4 == 0]
    low, high = np.nanpercentile(values[:, capped], [1, 99], axis=0)
    values[:, capped] = np.clip(values[:, capped], low, high)
    signs = np.array([1.0 if r.polarity == "higher_is_worse" else -1.0 for r in rules])
    z = (values - np.nanmean(values, axis=0)) / np.nanstd(values, axis=0) * signs
    present = ~np.isnan(z)
    filled = np.where(present, z, 0.0)
    size = len(rules) // GROUPS
    subs = []
    for g, group in enumerate(spec.groups):
        w = np.array([r.weight for r in group.indicators])
        part = slice(g * size, (g + 1) * size)
        weights = present[:, part] * w
        subs.append((filled[:, part] * w).sum(axis=1) / weights.sum(axis=1))
    sub = np.column_stack(subs)
    gw = np.array([g.weight for g in spec.groups])
    index = (sub * gw).sum(axis=1) / gw.sum()
    index = np.sign(index) * np.floor(np.abs(index) * 1000 + 0.5) / 1000
    bounds = np.quantile(index, [0.2, 0.4, 0.6, 0.8])
    return index, np.searchsorted(bounds, index, side="left")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=10_000)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--periods", type=int, default=10)
    args = parser.parse_args()
    rng = np.random.default_rng(4)
    spec = definition(args.indicators, rng)
    data = rng.gamma(2.0, 5.0, size=(args.periods, args.districts, args.indicators))
    data[rng.random(data.shape) < 0.01] = np.nan

    started = time.perf_counter()
    results = [compute(spec, data[p]) for p in range(args.periods)]
    engine = time.perf_counter() - started
    started = time.perf_counter()
    plain = [plain_numpy(spec, data[p]) for p in range(args.periods)]
    baseline = time.perf_counter() - started

    difference = max(
        float(np.nanmax(np.abs(r.index - p[0])))
        for r, p in zip(results, plain, strict=True)
    )
    same_classes = all(
        np.array_equal(r.classes["q"], p[1])
        for r, p in zip(results, plain, strict=True)
    )
    print(
        f"{args.districts:,} districts × {args.indicators} indicators × "
        f"{args.periods} periods"
    )
    print(f"engine       {engine:8.3f} s   (goal ≤ 2 s)")
    print(f"plain numpy  {baseline:8.3f} s")
    print(f"ratio        {engine / baseline:8.2f} x (goal ≤ 2x)")
    print(
        f"largest difference of the index: {difference:.2e}; same classes: {same_classes}"
    )


if __name__ == "__main__":
    main()
