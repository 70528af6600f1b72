"""Run every ``bench/bench_*.py`` in turn, each in its own process, and report how each went.

Each benchmark is a plain script: it sets up what it needs (settings, data), measures, and
prints its own numbers. Its exit status is its verdict. With no benchmarks yet, this says so
and exits 0.

    make bench                      # all of them
    .venv/bin/python bench/run.py bench_foo   # only those whose file name contains "bench_foo"
"""

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    scripts = sorted(
        path
        for path in BENCH_DIR.glob("bench_*.py")
        if not wanted or any(word in path.name for word in wanted)
    )
    if not scripts:
        print("No benchmarks yet: add bench/bench_<name>.py (see bench/README.md).")
        return 0

    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    failed = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(script)], cwd=PROJECT_DIR, env=env, check=False
        )
        elapsed = time.perf_counter() - started
        verdict = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
        print(f"== {script.name}: {verdict} in {elapsed:.1f} s", flush=True)
        if result.returncode != 0:
            failed.append(script.name)

    print(f"{len(scripts) - len(failed)} of {len(scripts)} benchmarks ran cleanly.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
