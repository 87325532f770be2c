#!/usr/bin/env bash
# Interop tests: what Winnow writes (WARC, Parquet, CSV, SQLite, ...) read by
# the real tools people use (warcio, FastWARC, DuckDB, pyarrow, pandas,
# fastparquet, sqlite3), in a venv this script creates. Run by `make test`
# after `swift test`, against the debug binary that `swift test` built.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-interop
requirements=Tests/Interop/requirements.txt
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$stamp"; then
  echo "interop: creating $venv (pip install -r $requirements)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi
bin="${WINNOW_BIN:-$(swift build --show-bin-path)/winnow}"
[ -x "$bin" ] || swift build --product winnow
export WINNOW_BIN="$bin"
exec "$venv/bin/python" -m pytest -q Tests/Interop "$@"
