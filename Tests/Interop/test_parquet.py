"""Winnow's Parquet export read back by three independent readers.

pyarrow (Arrow C++), DuckDB (its own reader) and fastparquet (Python/numba)
must each give, record for record and field for field, the values of the
JSONL export of the same run; DuckDB's parquet_metadata()/parquet_schema()
and pyarrow's read_metadata must agree on row counts, row groups and
schema; statistics must be present and bound the data.

Runs the real binary ($WINNOW_BIN) over Samples/ (Korean and English
pages, broken charsets, translations) and over pages from
scripts/gen-archive.py (10,000 pages), the latter with a small row-group size and
dictionary limit (WINNOW_PARQUET_ROW_GROUP_BYTES,
WINNOW_PARQUET_DICTIONARY_BYTES, for tests only) so the file has several
row groups, several pages per column and dictionary fallback.
"""

import datetime
import json
import math
import os
import pathlib
import subprocess
import sys

import duckdb
import fastparquet
import pandas as pd
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
WINNOW = os.environ.get("WINNOW_BIN", str(ROOT / ".build/debug/winnow"))

# Columns fastparquet cannot read: it returns None for every LIST of structs
# (true of pyarrow-written files too), so they are checked with the other readers only.
LIST_OF_STRUCT = ["paragraphs", "related", "alternates", "translation_notes"]


def winnow(*args, env=None):
    run_env = dict(os.environ)
    run_env.update(env or {})
    proc = subprocess.run([WINNOW, *map(str, args)], capture_output=True, text=True, env=run_env)
    assert proc.returncode == 0, f"winnow {' '.join(map(str, args))} failed:\n{proc.stderr}"
    return proc


def build_run(input_dir, rundir, row_group_bytes=None, dictionary_bytes=None):
    winnow("run", "--input", input_dir, "--output", rundir, "--workers", "1", "--quiet")
    winnow("dedup", rundir)
    winnow("export", rundir, "--to", rundir / "export.jsonl")
    env = {}
    if row_group_bytes:
        env["WINNOW_PARQUET_ROW_GROUP_BYTES"] = str(row_group_bytes)
    if dictionary_bytes:
        env["WINNOW_PARQUET_DICTIONARY_BYTES"] = str(dictionary_bytes)
    winnow("export", rundir, "--to", rundir / "export.parquet", env=env)
    with open(rundir / "export.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    assert records, "the run exported no records"
    return records, rundir / "export.parquet"


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    return build_run(ROOT / "Samples", tmp_path_factory.mktemp("samples") / "run")


@pytest.fixture(scope="module")
def samples_small_groups(tmp_path_factory):
    return build_run(ROOT / "Samples", tmp_path_factory.mktemp("samples-rg") / "run", row_group_bytes=20_000)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    base = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, ROOT / "scripts/gen-archive.py", "10000", base / "pages", "--seed", "7"],
                   check=True, capture_output=True)
    # A 64-byte dictionary limit: author names fall back to PLAIN mid-chunk, paragraph kinds (at most 58 bytes) do not.
    return build_run(base / "pages", base / "run", row_group_bytes=2_000_000, dictionary_bytes=64)


# ---------------------------------------------------------------------------
# The JSONL record as the Parquet row the README documents.

def instant(text):
    """published/modified as an aware UTC datetime; naive values are UTC, a date alone is midnight."""
    if text is None:
        return None
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc)


def nonempty(value):
    return value if value else None


def expected_row(r):
    source, tr, dd = r["source"], r.get("translation") or {}, r.get("dedup") or {}
    return {
        "id": r["id"],
        "url": r.get("url"),
        "canonical_url": r.get("canonical_url"),
        "source_kind": source["kind"],
        "source_path": source["path"],
        "source_offset": source.get("offset"),
        "source_warc_record_id": source.get("warc_record_id"),
        "fetched_at": r.get("fetched_at"),
        "http_status": r.get("http_status"),
        "page_type": r.get("page_type"),
        "charset": r.get("charset"),
        "title": r.get("title"),
        "authors": nonempty(r.get("authors")),
        "published": instant(r.get("published")),
        "published_raw": r.get("published"),
        "modified": instant(r.get("modified")),
        "modified_raw": r.get("modified"),
        "site_name": r.get("site_name"),
        "description": r.get("description"),
        "language": r.get("language"),
        "language_confidence": r.get("language_confidence"),
        "text": r.get("text"),
        "paragraphs": nonempty([{"text": p["text"], "kind": p["kind"], "language": p.get("language")}
                                for p in r.get("paragraphs", [])]),
        "captions": nonempty(r.get("captions")),
        "related": nonempty([{"title": x.get("title"), "url": x.get("url")} for x in r.get("related", [])]),
        "alternates": nonempty([{"language": x.get("language"), "url": x["url"]} for x in r.get("alternates", [])]),
        "translation_translators": nonempty(tr.get("translators")),
        "translation_editors": nonempty(tr.get("editors")),
        "translation_original_language": tr.get("original_language"),
        "translation_original_url": tr.get("original_url"),
        "translation_notes": nonempty([{"text": n["text"], "paragraph": n["paragraph"]} for n in tr.get("notes", [])]),
        "tags": nonempty(r.get("tags")),
        "dedup_text_hash": dd.get("text_hash"),
        "dedup_cluster": dd.get("cluster"),
        "dedup_duplicate_of": dd.get("duplicate_of"),
        "warnings": nonempty(r.get("warnings")),
    }


def assert_rows_equal(reader, got_rows, records, skip=()):
    assert len(got_rows) == len(records), f"{reader}: {len(got_rows)} rows for {len(records)} records"
    for index, (got, record) in enumerate(zip(got_rows, records)):
        want = expected_row(record)
        assert list(got) == list(want), f"{reader}: columns differ"
        for key, value in want.items():
            if key in skip:
                continue
            assert got[key] == value, f"{reader}: record {index} ({record['id']}) field {key}: {got[key]!r} != {value!r}"


# ---------------------------------------------------------------------------
# The three readers, as plain Python values.

def pyarrow_rows(path):
    return pq.read_table(path).to_pylist()


def duckdb_rows(path):
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    cursor = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def plain(value):
    """fastparquet/pandas cells as plain Python values."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        if hasattr(value, "tolist") and not isinstance(value, list):
            value = value.tolist()
        if not isinstance(value, list):
            return plain(value)
        return [plain(v) for v in value]
    if isinstance(value, pd.Timestamp):
        if value is pd.NaT:
            return None
        value = value.to_pydatetime()
        return value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    return value


def fastparquet_rows(path):
    frame = fastparquet.ParquetFile(str(path)).to_pandas()
    return [{column: plain(frame[column].iloc[i]) for column in frame.columns} for i in range(len(frame))]


READERS = {"pyarrow": pyarrow_rows, "duckdb": duckdb_rows}


# ---------------------------------------------------------------------------

@pytest.mark.parametrize("reader", sorted(READERS))
def test_samples_read_back_as_the_jsonl_export(samples, reader):
    records, path = samples
    assert_rows_equal(reader, READERS[reader](path), records)


def test_samples_read_back_by_fastparquet(samples):
    records, path = samples
    rows = fastparquet_rows(path)
    assert_rows_equal("fastparquet", rows, records, skip=LIST_OF_STRUCT)


def test_samples_cover_the_hard_cases(samples):
    """The comparison above only proves something if the data has the hard cases."""
    records, _ = samples
    texts = [r.get("text") or "" for r in records]
    assert any(any("\uac00" <= c <= "\ud7a3" for c in t) for t in texts), "no Korean text"
    assert any("\n" in t for t in texts), "no newline in text"
    assert any('"' in t or "“" in t or '"' in (r.get("title") or "") for t, r in zip(texts, records)), "no quotes"
    assert any("captions" not in r for r in records) and any("captions" in r for r in records)
    assert any("modified" not in r for r in records)
    assert any(r.get("published") and len(r["published"]) == 19 for r in records), "no published without offset"


def test_nulls_and_empty_lists_are_null(samples):
    _, path = samples
    table = pq.read_table(path)
    assert table.column("captions").null_count > 0
    assert all(v is None or len(v) > 0 for v in table.column("tags").to_pylist()), "an empty list was written"


def test_types_for_analysts(samples):
    _, path = samples
    schema = pq.read_schema(path)
    assert str(schema.field("published").type) == "timestamp[us, tz=UTC]"
    assert str(schema.field("http_status").type) == "int32"
    assert str(schema.field("source_offset").type) == "int64"
    assert str(schema.field("language_confidence").type) == "double"
    assert str(schema.field("authors").type) == "list<element: string not null>"
    assert schema.field("paragraphs").type.value_type.num_fields == 3
    assert not schema.field("id").nullable
    con = duckdb.connect()
    kinds = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))",
                             [str(path)]).fetchall())
    assert kinds["published"] == "TIMESTAMP WITH TIME ZONE"
    assert kinds["paragraphs"] == 'STRUCT("text" VARCHAR, kind VARCHAR, "language" VARCHAR)[]'


def metadata_agree(path, expect_row_groups=None):
    md = pq.read_metadata(path)
    con = duckdb.connect()
    duck = con.execute(
        "SELECT row_group_id, row_group_num_rows, column_id, path_in_schema, type, num_values,"
        " stats_min_value, stats_max_value, stats_null_count, compression"
        " FROM parquet_metadata(?) ORDER BY row_group_id, column_id", [str(path)]).fetchall()
    groups = {}
    for row in duck:
        groups.setdefault(row[0], row[1])
    assert len(groups) == md.num_row_groups
    if expect_row_groups is not None:
        assert expect_row_groups(md.num_row_groups), md.num_row_groups
    assert [groups[i] for i in range(md.num_row_groups)] == [md.row_group(i).num_rows for i in range(md.num_row_groups)]
    assert sum(groups.values()) == md.num_rows
    assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0] == md.num_rows
    # Schema: the same leaf columns, physical types and annotations.
    leaves = [md.schema.column(i) for i in range(md.num_columns)]
    duck_schema = con.execute("SELECT name, type, converted_type, logical_type FROM parquet_schema(?)",
                              [str(path)]).fetchall()
    duck_leaves = [row for row in duck_schema if row[1] is not None]
    assert [row[0] for row in duck_leaves] == [leaf.name for leaf in leaves]
    assert [row[1] for row in duck_leaves] == [leaf.physical_type for leaf in leaves]
    assert [row[2] for row in duck_leaves] == [leaf.converted_type if leaf.converted_type != "NONE" else None
                                               for leaf in leaves]
    # Column chunks: same paths and counts, zstd, and statistics on each.
    for row in duck:
        rg, column = md.row_group(row[0]), md.row_group(row[0]).column(row[2])
        assert row[3].replace(", ", ".") == column.path_in_schema
        assert row[5] == column.num_values
        assert row[9] == "ZSTD" and column.compression == "ZSTD"
        assert column.is_stats_set and column.statistics.has_null_count
        assert row[8] == column.statistics.null_count
        if column.statistics.has_min_max:
            assert row[6] is not None and row[7] is not None
    return md


def test_metadata_agree_and_statistics_bound_the_data(samples):
    records, path = samples
    md = metadata_agree(path)
    assert md.num_rows == len(records)
    assert md.created_by.startswith("winnow")
    names = [md.schema.column(i).path for i in range(md.num_columns)]
    stats = {names[i]: md.row_group(0).column(i).statistics for i in range(md.num_columns)}
    ids = sorted(r["id"].encode() for r in records)
    assert stats["id"].min.encode() == ids[0] and stats["id"].max.encode() == ids[-1]
    titles = sorted(r["title"].encode() for r in records if "title" in r)
    assert stats["title"].min.encode() <= titles[0] and stats["title"].max.encode() >= titles[-1]
    texts = sorted(r["text"].encode() for r in records if "text" in r)
    assert texts[0].startswith(stats["text"].min.encode()) and len(stats["text"].min.encode()) <= 64
    assert stats["text"].max.encode() >= texts[-1]
    assert stats["published"].has_min_max and stats["language_confidence"].has_min_max
    assert stats["authors.list.element"].null_count == sum(1 for r in records if not r.get("authors"))


def test_several_row_groups(samples_small_groups):
    records, path = samples_small_groups
    metadata_agree(path, expect_row_groups=lambda n: n > 1)
    for reader in sorted(READERS):
        assert_rows_equal(reader, READERS[reader](path), records)
    assert_rows_equal("fastparquet", fastparquet_rows(path), records, skip=LIST_OF_STRUCT)
    # Statistics let DuckDB skip row groups: a lookup by id still finds exactly its record.
    con = duckdb.connect()
    some = records[len(records) // 2]["id"]
    assert con.execute("SELECT count(*) FROM read_parquet(?) WHERE id = ?", [str(path), some]).fetchone()[0] == 1


def test_generated_pages_with_many_pages_and_row_groups(generated):
    records, path = generated
    md = metadata_agree(path, expect_row_groups=lambda n: n > 1)
    chunks = [md.row_group(g).column(i) for g in range(md.num_row_groups) for i in range(md.num_columns)]
    by_path = {}
    for chunk in chunks:
        by_path.setdefault(chunk.path_in_schema, []).append(chunk)
    # Unique strings are PLAIN; authors fell back to PLAIN in the first chunk and stayed PLAIN
    # (one encoding per chunk and per column); paragraph kinds kept their dictionary.
    for name in ("text", "authors.list.element"):
        assert all(not c.has_dictionary_page and "RLE_DICTIONARY" not in c.encodings for c in by_path[name]), name
    assert all(c.has_dictionary_page for c in by_path["paragraphs.list.element.kind"])
    for reader in sorted(READERS):
        assert_rows_equal(reader, READERS[reader](path), records)
    assert_rows_equal("fastparquet", fastparquet_rows(path), records, skip=LIST_OF_STRUCT)


def test_a_run_without_records_is_an_empty_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.html").write_bytes(b"")
    winnow("run", "--input", tmp_path / "in", "--output", tmp_path / "run", "--workers", "1", "--quiet")
    path = tmp_path / "run" / "export.parquet"
    winnow("export", tmp_path / "run", "--to", path)
    assert pq.read_table(path).num_rows == 0
    assert pq.read_schema(path).names == list(expected_row({"id": "", "source": {"kind": "", "path": ""}}))
    assert duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0] == 0
    assert len(fastparquet.ParquetFile(str(path)).to_pandas()) == 0
