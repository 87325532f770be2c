"""`winnow export --format pairs`: the EN↔KO translation pairs of Samples/
(exactly the one the samples hold: Samples/README.md), paragraph-aligned,
as JSON Lines and Moses/OPUS line files, the same whatever the shard count."""

import json

from conftest import ROOT, read_jsonl, winnow

EN = "en/2021/04/gasoline-prices-jump.html"
KO = "ko/2021/04/gasoline-prices.html"


def test_samples_hold_exactly_one_translation_pair(samples_run, tmp_path):
    run, records = samples_run
    by_path = {r["source"]["path"]: r for r in records}
    out = tmp_path / "pairs/"
    result = winnow("export", run, "--format", "pairs", "--to", str(out) + "/")
    assert "exported 1 translation pairs" in result.stderr
    pairs = read_jsonl(out / "pairs.jsonl")
    assert len(pairs) == 1
    pair = pairs[0]
    assert (pair["left"]["id"], pair["right"]["id"]) == (by_path[EN]["id"], by_path[KO]["id"])
    assert (pair["left"]["language"], pair["right"]["language"]) == ("en", "ko")
    assert pair["left"]["translators"] == ["Erin Moss"] and pair["left"]["editors"] == ["Grace Kim"]
    assert pair["left"]["text"] == by_path[EN]["text"] and pair["right"]["title"] == by_path[KO]["title"]
    # The samples README: paragraph-aligned, 6 and 6.
    assert [(b["left"], b["right"]) for b in pair["alignment"]] == [([i], [i]) for i in range(6)]
    assert 0 < pair["alignment_score"] <= 1
    english = (out / "pairs.en-ko.en").read_text(encoding="utf-8").splitlines()
    korean = (out / "pairs.en-ko.ko").read_text(encoding="utf-8").splitlines()
    assert english == [p["text"] for p in by_path[EN]["paragraphs"]]
    assert korean == [p["text"] for p in by_path[KO]["paragraphs"]]


def test_pairs_are_the_same_whatever_the_shard_count(samples_run, tmp_path):
    run, _ = samples_run
    sharded = tmp_path / "sharded"
    for k in range(3):
        winnow("run", "--input", ROOT / "Samples", "--output", sharded, "--shard", f"{k}/3", "--quiet")
    winnow("dedup", sharded)
    winnow("export", run, "--format", "pairs", "--to", tmp_path / "one.jsonl", "--quiet")
    winnow("export", sharded, "--format", "pairs", "--to", tmp_path / "three.jsonl", "--quiet")
    one = (tmp_path / "one.jsonl").read_bytes()
    assert one and one == (tmp_path / "three.jsonl").read_bytes()
