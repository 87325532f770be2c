"""Shared fixtures for the interop tests: runs made by the real `winnow`
binary (env WINNOW_BIN, set by scripts/interop-tests.sh)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WINNOW = os.environ.get("WINNOW_BIN", str(ROOT / ".build/debug/winnow"))


def winnow(*args, check=True, **kwargs):
    """Runs the binary; returns the CompletedProcess (text output)."""
    result = subprocess.run([WINNOW, *map(str, args)], capture_output=True, text=True, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"winnow {' '.join(map(str, args))} exited {result.returncode}: {result.stderr}")
    return result


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def make_run(tmp_root, name, input_dir):
    run = tmp_root / name
    winnow("run", "--input", input_dir, "--output", run, "--quiet")
    winnow("dedup", run)
    export = run / "export.jsonl"
    winnow("export", run, "--to", export, "--quiet")
    return run, read_jsonl(export)


@pytest.fixture(scope="session")
def samples_run(tmp_path_factory):
    """A deduplicated run over Samples/ and its JSONL export (the reference)."""
    return make_run(tmp_path_factory.mktemp("samples"), "run", ROOT / "Samples")


@pytest.fixture(scope="session")
def generated_run(tmp_path_factory):
    """A deduplicated run over 10,000 generated pages and its JSONL export."""
    root = tmp_path_factory.mktemp("generated")
    pages = root / "pages"
    subprocess.run([sys.executable, str(ROOT / "scripts/gen-archive.py"), "10000", str(pages)],
                   check=True, capture_output=True)
    return make_run(root, "run", pages)


@pytest.fixture(params=["samples", "generated"])
def any_run(request):
    return request.getfixturevalue(f"{request.param}_run")
