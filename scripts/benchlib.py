"""Helpers shared by the benchmark scripts (bench.py, bench_dedup.py,
bad-inputs.py). Standard library only."""

import json
import platform
import shutil
import subprocess
import sys


def pinned_venv(venv, pins, import_check, logfile, log):
    """VENV's python with PINS installed as wheels, made once and reused while
    the pins and Python are the same (a marker file records them). Returns
    (python, None), or (None, why it could not be made); the steps' output
    goes to LOGFILE."""
    python = venv / "bin" / "python"
    marker = venv / "bench-pins.json"
    want = {"pins": pins, "python": platform.python_version()}
    try:
        if python.exists() and json.loads(marker.read_text()) == want:
            return python, None
    except (OSError, ValueError):
        pass
    shutil.rmtree(venv, ignore_errors=True)
    logfile.parent.mkdir(parents=True, exist_ok=True)
    log(f"creating {venv} with {' '.join(pins)} (log {logfile}) ...")
    steps = [[sys.executable, "-m", "venv", str(venv)],
             [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--only-binary", ":all:", *pins],
             [str(python), "-c", import_check]]
    with open(logfile, "w") as out:
        for cmd in steps:
            out.write(f"$ {' '.join(cmd)}\n")
            out.flush()
            try:
                rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT).returncode
            except OSError as e:
                rc = e
            if rc != 0:
                shutil.rmtree(venv, ignore_errors=True)
                return None, f"`{' '.join(cmd[:4])} ...` failed ({rc}); see {logfile}"
    marker.write_text(json.dumps(want, indent=2) + "\n")
    return python, None


def print_table(head, cells):
    """A plain-text table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(x) for x in col) for col in zip(head, *cells)]
    for i, row in enumerate([head] + cells):
        print("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
