"""Benchmark: throughput of the public directory page under a production server.

Run: .venv/bin/python bench/bench_directory_page.py [--seconds 15] [--connections 16]

Builds a scratch data dir (SQLite, ``kette demo``: Musterstadt with its ~350
offers), collects the static files, starts gunicorn with 2 workers and DEBUG
off, and loads ``/musterstadt/angebote/`` with wrk (Debian package ``wrk``;
installed with apt-get when missing and run as root) from a second process:

- ``list``: the directory without a query (the page parents land on);
- ``mixed``: a rotation of 16 parent searches with age and field filters,
  sorted and paged (each answer has facets, result cards and the SVG map);
- ``uncached``: the same searches made unique by a random extra parameter,
  so every request misses the rendered-page cache (``kette.core.fragments``)
  and searches, loads and renders everything.

Prints requests/s and wrk's latency percentiles per scenario; the goal of
issue 4 is ≥ 300 requests/s. Asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
SEARCHES = [
    {"q": "Hebamme"},
    {"q": "Kita", "years": "4"},
    {"q": "Sprachförderung", "age_band": "3-6"},
    {"q": "Hausaufgabenhilfe", "field": "school-education"},
    {"q": "Beratung Eltern"},
    {"q": "Krabbelgruppe", "age_band": "0-3"},
    {"q": "Nachhilfe", "sort": "name"},
    {"q": "Ausbildung", "age_band": "14-18"},
    {"q": "Muetter"},
    {"q": "Schwimmkurs", "free": "1"},
    {"field": "health", "age_band": "0-3"},
    {"language": "tr"},
    {"q": "Familiencafe"},
    {"q": "Babykurs", "page": "1"},
    {"q": "Erziehungsberatung", "district": "1"},
    {"age_band": "6-10", "page": "2"},
]
LUA = """
paths = {%s}
unique = %s
counter = 0
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function()
    counter = counter + 1
    local path = paths[(counter %% #paths) + 1]
    if unique then
        path = path .. "&n=" .. math.random(1, 1000000000)
    end
    return wrk.format("GET", path)
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is missing: apt-get install wrk (as root), then run again.")
    print("installing wrk (apt-get)")
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        stdout=subprocess.DEVNULL,
    )
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kette(env: dict, *args: str) -> None:
    subprocess.run(
        [str(BIN / "kette"), *args], env=env, check=True, stdout=subprocess.DEVNULL
    )


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer")


def run_wrk(
    wrk: str, base: str, paths: list[str], unique: bool, args, script_dir: Path
) -> str:
    script = script_dir / "paths.lua"
    script.write_text(
        LUA % (", ".join(f'"{p}"' for p in paths), "true" if unique else "false"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            wrk,
            "--latency",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.seconds}s",
            "-s",
            str(script),
            base,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def summary(output: str) -> str:
    keep = []
    for line in output.splitlines():
        text = line.strip()
        if text.startswith(("Requests/sec", "50%", "90%", "99%", "Non-2xx")) or (
            "requests in" in text
        ):
            keep.append(text)
    return "\n".join(f"  {line}" for line in keep)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    wrk = ensure_wrk()

    scratch = Path(tempfile.mkdtemp(prefix="kette-bench-page-"))
    env = {
        **os.environ,
        "KETTE_DATA_DIR": str(scratch),
        "KETTE_DEBUG": "0",
        "KETTE_HTTPS": "0",
        "KETTE_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    for name in ("KETTE_DATABASE_URL", "KETTE_TESTING"):
        env.pop(name, None)
    started = time.perf_counter()
    kette(env, "migrate", "--noinput")
    kette(env, "collectstatic", "--noinput")
    kette(env, "demo", "--force")
    print(f"migrate + collectstatic + demo: {time.perf_counter() - started:.1f} s")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "kette.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=scratch,
    )
    try:
        page = "/musterstadt/angebote/"
        wait_until_up(base + page, server)
        searches = [f"{page}?{urlencode(params)}" for params in SEARCHES]
        for path in searches:  # every search answers, and warms both workers
            for _ in range(args.workers):
                with urllib.request.urlopen(base + path) as response:  # noqa: S310
                    assert response.status == 200, path
        print(
            f"gunicorn {args.workers} workers, DEBUG off; wrk -t{args.threads} "
            f"-c{args.connections} -d{args.seconds}s"
        )
        scenarios = (
            ("list: the directory without a query", [page], False),
            ("mixed: 16 searches in rotation", searches, False),
            ("uncached: the 16 searches, each URL new (&n=random)", searches, True),
        )
        for label, paths, unique in scenarios:
            output = run_wrk(wrk, base, paths, unique, args, scratch)
            print(f"\n{label}")
            print(summary(output))
        print("\ngoal: ≥ 300 requests/s")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
