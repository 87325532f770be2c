"""JSONL.gz, CSV and SQLite exports read by the tools people load them
with (gzip, pandas, DuckDB, sqlite3): record for record and field for field
the values of the JSON Lines export."""

import gzip
import json
import math
import os
import signal
import sqlite3
import subprocess
from datetime import datetime

import duckdb
import pandas as pd
import pytest

from conftest import WINNOW, read_jsonl, winnow

# The flat columns of CSV and SQLite, in order (README "Export formats").
COLUMNS = [
    "id", "url", "canonical_url", "source_kind", "source_path", "source_offset", "source_warc_record_id",
    "fetched_at", "http_status", "page_type", "charset", "title", "authors", "published", "modified", "site_name",
    "description", "language", "language_confidence", "text", "paragraphs", "captions", "related",
    "alternates", "translation", "tags", "dedup_text_hash", "dedup_cluster", "dedup_duplicate_of", "warnings",
]
STRING_LISTS = {"authors", "captions", "tags", "warnings"}
JSON_COLUMNS = {"paragraphs", "related", "alternates", "translation"}


def expected_columns(record):
    """What each flat column must hold for this JSONL record (None = absent)."""
    source = record["source"]
    dedup = record.get("dedup", {})
    flat = dict(record)
    flat.update({
        "source_kind": source["kind"], "source_path": source["path"], "source_offset": source.get("offset"),
        "source_warc_record_id": source.get("warc_record_id"),
        "dedup_text_hash": dedup.get("text_hash"), "dedup_cluster": dedup.get("cluster"),
        "dedup_duplicate_of": dedup.get("duplicate_of"),
    })
    return {name: flat.get(name) for name in COLUMNS}


def test_jsonl_gz_decompresses_to_the_plain_export(any_run, tmp_path):
    run, _ = any_run
    plain, packed = tmp_path / "a.jsonl", tmp_path / "a.jsonl.gz"
    winnow("export", run, "--to", plain, "--quiet")
    winnow("export", run, "--to", packed, "--quiet")
    assert gzip.decompress(packed.read_bytes()) == plain.read_bytes()
    # zcat reads the concatenated members too.
    assert subprocess.run(["zcat", packed], capture_output=True, check=True).stdout == plain.read_bytes()
    frame = pd.read_json(packed, lines=True, compression="gzip", dtype=False)
    assert list(frame["id"]) == [r["id"] for r in read_jsonl(plain)]


def test_jsonl_zst_decompresses_to_the_plain_export(any_run, tmp_path):
    run, _ = any_run
    plain, packed = tmp_path / "a.jsonl", tmp_path / "a.jsonl.zst"
    winnow("export", run, "--to", plain, "--quiet")
    winnow("export", run, "--to", packed, "--quiet")
    assert subprocess.run(["zstdcat", packed], capture_output=True, check=True).stdout == plain.read_bytes()
    frame = pd.read_json(packed, lines=True, compression="zstd", dtype=False)
    assert list(frame["id"]) == [r["id"] for r in read_jsonl(plain)]
    assert duckdb.sql(f"SELECT count(*) FROM read_json_auto('{packed}')").fetchall()[0][0] == len(frame)


def test_csv_read_by_pandas_gives_the_jsonl_values(any_run, tmp_path):
    run, records = any_run
    path = tmp_path / "a.csv"
    winnow("export", run, "--to", path, "--quiet")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    assert list(frame.columns) == COLUMNS
    assert len(frame) == len(records)
    for row, record in zip(frame.to_dict("records"), records):
        for name, want in expected_columns(record).items():
            got = row[name]
            if want is None:
                assert isinstance(got, float) and math.isnan(got), (record["id"], name, got)
            elif name in STRING_LISTS:
                assert got.split("\n") == want, (record["id"], name)
            elif name in JSON_COLUMNS:
                assert json.loads(got) == want, (record["id"], name)
            elif name == "language_confidence":
                assert float(got) == want
            else:
                assert got == str(want), (record["id"], name, got, want)


def test_csv_read_by_duckdb_gives_the_jsonl_values(samples_run, tmp_path):
    run, records = samples_run
    path = tmp_path / "a.csv"
    winnow("export", run, "--to", path, "--quiet")
    rows = duckdb.sql(f"SELECT * FROM read_csv_auto('{path}', header=true, all_varchar=true)").fetchall()
    names = [c[0] for c in duckdb.sql(f"DESCRIBE SELECT * FROM read_csv_auto('{path}', header=true)").fetchall()]
    assert names == COLUMNS
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        for got, (name, want) in zip(row, expected_columns(record).items()):
            if want is None:
                assert got is None, (record["id"], name, got)
            elif name in STRING_LISTS:
                assert got.split("\n") == want
            elif name in JSON_COLUMNS:
                assert json.loads(got) == want
            elif name == "language_confidence":
                assert float(got) == want
            else:
                assert got == str(want), (record["id"], name)
    # With type detection, numbers come back as numbers.
    typed = {c[0]: c[1] for c in duckdb.sql(f"DESCRIBE SELECT * FROM read_csv_auto('{path}')").fetchall()}
    assert typed["language_confidence"] == "DOUBLE"


def test_csv_is_rfc_4180(samples_run, tmp_path):
    run, records = samples_run
    path = tmp_path / "a.csv"
    winnow("export", run, "--to", path, "--quiet")
    data = path.read_bytes()
    # Rows end in CRLF; a bare LF only appears inside a quoted cell (paragraphs, lists).
    assert data.endswith(b"\r\n") and data.count(b"\r\n") >= len(records) + 1
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    assert rows[0] == COLUMNS and len(rows) == len(records) + 1
    assert any('"' in cell for row in rows for cell in row), "Samples/ has quotes in text"
    assert any("," in cell for row in rows[1:] for cell in row)


def sqlite_rows(path):
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    return db, [dict(r) for r in db.execute("SELECT * FROM records ORDER BY rowid")]


def test_sqlite_holds_the_jsonl_values(any_run, tmp_path):
    run, records = any_run
    path = tmp_path / "a.sqlite"
    winnow("export", run, "--to", path, "--quiet")
    db, rows = sqlite_rows(path)
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        assert list(row) == COLUMNS
        for name, want in expected_columns(record).items():
            got = row[name]
            if want is not None and (name in STRING_LISTS or name in JSON_COLUMNS):
                got = json.loads(got)
            assert got == want, (record["id"], name)
        paragraphs = db.execute("SELECT text, kind, language FROM paragraphs WHERE record_id = ? ORDER BY position",
                                (record["id"],)).fetchall()
        want = [(p["text"], p["kind"], p.get("language")) for p in record.get("paragraphs", [])]
        assert [tuple(p) for p in paragraphs] == want


def test_sqlite_full_text_search_finds_english_and_korean_words(samples_run, tmp_path):
    run, records = samples_run
    path = tmp_path / "a.sqlite"
    winnow("export", run, "--to", path, "--quiet")
    db = sqlite3.connect(path)

    def search(query):
        return {r[0] for r in db.execute(
            "SELECT records.id FROM records_fts JOIN records ON records.rowid = records_fts.rowid "
            "WHERE records_fts MATCH ? ORDER BY rank", (query,))}

    import re
    rice = {r["id"] for r in records if re.search(r"\brice\b", (r.get("title", "") + " " + r.get("text", "")), re.I)}
    assert rice and search("rice") == rice
    # Korean words carry particles at their end (평양에서, 평양의): a prefix query finds them all.
    pyongyang = {r["id"] for r in records if re.search(r"(^|\W)평양", r.get("title", "") + " " + r.get("text", ""))}
    assert pyongyang and search("평양*") == pyongyang
    assert search("zzzznotaword") == set()


def test_filters_drop_duplicates_and_language(samples_run, tmp_path):
    run, records = samples_run
    duplicates = {r["id"] for r in records if r.get("dedup", {}).get("duplicate_of")}
    assert duplicates, "Samples/ holds duplicates"
    path = tmp_path / "dropped.csv"
    winnow("export", run, "--to", path, "--drop-duplicates", "--quiet")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert set(frame["id"]) == {r["id"] for r in records} - duplicates
    path = tmp_path / "ko.jsonl"
    winnow("export", run, "--to", path, "--language", "ko", "--quiet")
    korean = read_jsonl(path)
    assert korean and [r["id"] for r in korean] == [r["id"] for r in records if r.get("language") == "ko"]
    path = tmp_path / "articles.csv"
    winnow("export", run, "--to", path, "--articles-only", "--quiet")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    articles = [r["id"] for r in records if r.get("page_type") == "article"]
    assert articles and len(articles) < len(records) or all(r.get("page_type") == "article" for r in records)
    assert list(frame["id"]) == articles and set(frame["page_type"]) == {"article"}


def test_unknown_extension_and_incomplete_runs_are_refused(samples_run, tmp_path):
    run, _ = samples_run
    result = winnow("export", run, "--to", tmp_path / "a.xls", check=False)
    assert result.returncode == 64
    assert "jsonl, jsonl.gz" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "a.xls").exists()
    # A run with a shard not complete is refused, naming the shard, unless --allow-incomplete.
    import shutil
    copy = tmp_path / "incomplete"
    shutil.copytree(run, copy)
    checkpoint = copy / "shard-00000-of-00001.checkpoint.json"
    state = json.loads(checkpoint.read_text())
    state["complete"] = False
    checkpoint.write_text(json.dumps(state))
    result = winnow("export", copy, "--to", tmp_path / "b.csv", check=False)
    assert result.returncode == 64 and "0/1" in result.stderr and "--allow-incomplete" in result.stderr
    assert not (tmp_path / "b.csv").exists()
    result = winnow("export", copy, "--to", tmp_path / "b.csv", "--allow-incomplete")
    assert "incomplete shards left out: 0/1" in result.stderr
    assert (tmp_path / "b.csv").read_text().count("\n") == 1  # the header alone


def test_an_export_killed_midway_leaves_nothing_at_path(generated_run, tmp_path):
    run, _ = generated_run
    path = tmp_path / "killed.sqlite"
    process = subprocess.Popen([WINNOW, "export", str(run), "--to", str(path), "--quiet"])
    # Kill as soon as the partial file exists: the export is midway.
    partial = tmp_path / "killed.sqlite.partial"
    while not partial.exists() and process.poll() is None:
        pass
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the export finished before it could be killed"
    assert not path.exists()


def test_an_export_without_dedup_is_the_runs_own_records_byte_for_byte(tmp_path):
    # Export reads records back (RecordReader) and writes them again: with no
    # decisions to apply, the JSONL export must be the shard file itself.
    from conftest import ROOT
    run = tmp_path / "run"
    winnow("run", "--input", ROOT / "Samples", "--output", run, "--quiet")
    winnow("export", run, "--to", tmp_path / "a.jsonl", "--quiet")
    assert (tmp_path / "a.jsonl").read_bytes() == (run / "shard-00000-of-00001.jsonl").read_bytes()


def test_fields_keep_only_the_named_keys_in_every_format(samples_run, tmp_path):
    import pyarrow.parquet as pq
    run, records = samples_run
    winnow("export", run, "--to", tmp_path / "f.jsonl", "--fields", "title,published", "--quiet")
    assert [sorted(r) for r in read_jsonl(tmp_path / "f.jsonl")] == [
        sorted(k for k in ("id", "source", "title", "published") if k in r) for r in records]
    winnow("export", run, "--to", tmp_path / "f.csv", "--fields", "title,published", "--quiet")
    frame = pd.read_csv(tmp_path / "f.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["id", "source_kind", "source_path", "source_offset", "source_warc_record_id",
                                   "title", "published"]
    winnow("export", run, "--to", tmp_path / "f.parquet", "--fields", "title,published", "--quiet")
    assert pq.read_table(tmp_path / "f.parquet").column_names == [
        "id", "source_kind", "source_path", "source_offset", "source_warc_record_id", "title", "published", "published_raw"]
    winnow("export", run, "--to", tmp_path / "f.sqlite", "--fields", "title", "--quiet")
    db = sqlite3.connect(tmp_path / "f.sqlite")
    assert [c[1] for c in db.execute("PRAGMA table_info(records)")][-1] == "title"
    assert db.execute("SELECT count(*) FROM records_fts WHERE records_fts MATCH 'rice'").fetchall()[0][0] > 0
    bad = winnow("export", run, "--to", tmp_path / "g.csv", "--fields", "titel", check=False)
    assert bad.returncode == 64 and "unknown field 'titel'" in bad.stderr
