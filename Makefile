# Winnow's front door. `make help` lists the targets.
SHELL := /bin/bash
SWIFT ?= swift
# Run targets use the optimized build; tests use the debug build.
RELEASE_BIN := .build/release/winnow
WORKERS ?= $(shell nproc)
SHARDS ?= 1
PIPELINE ?=
INPUT ?=
OUT ?=
BENCH_ARGS ?=
BENCH_DEDUP_ARGS ?=
BENCH_SCALE_ARGS ?=
BENCH_EXPORT_ARGS ?=

SECONDS ?= 60
FUZZ_FLAGS := -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld

PARTITION ?=
TIME ?=
MAX_PARALLEL ?=
DEDUP_PARTS ?= 4

.PHONY: help deps build build-release test format test-sanitize fuzz demo bench bench-dedup bench-export bench-scale bench-warc bench-fetch samples-warc parse-floor bad-inputs backfill slurm-backfill slurm-up slurm-down clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

deps: ## Install the system packages (libxml2, zlib, pkg-config, GNU time), or say how
	@scripts/install-deps.sh

build: deps ## Debug build
	$(SWIFT) build

build-release: deps ## Optimized build (.build/release/winnow), the Swift runtime and Foundation linked in
	$(SWIFT) build -c release --static-swift-stdlib

test: deps ## The whole test suite (what CI runs): Swift tests, then interop tests with the real readers (Python venv)
	$(SWIFT) format lint --strict -r Sources Tests
	$(SWIFT) test
	scripts/interop-tests.sh
	scripts/slurm-tests.sh

format: ## Format the Swift sources with the toolchain's swift format (.swift-format); make test lints the same
	$(SWIFT) format --in-place -r Sources Tests

test-sanitize: deps ## The test suite under AddressSanitizer, then under ThreadSanitizer (own build folders)
	LSAN_OPTIONS=suppressions=$(CURDIR)/.lsan-suppressions $(SWIFT) test --scratch-path .build-asan --sanitize=address
	$(SWIFT) test --scratch-path .build-tsan --sanitize=thread

fuzz: deps ## libFuzzer on the page -> record path for SECONDS (default 60); crashes land in Fuzz/artifacts/
	$(SWIFT) build -c release --scratch-path .build-fuzz --product winnow-fuzz $(FUZZ_FLAGS)
	@mkdir -p Fuzz/corpus Fuzz/artifacts
	.build-fuzz/release/winnow-fuzz Fuzz/corpus Fuzz/seeds Samples -max_total_time=$(SECONDS) -timeout=30 \
	  -rss_limit_mb=4096 -max_len=262144 -artifact_prefix=Fuzz/artifacts/ -print_final_stats=1

demo: build-release ## Default pipeline on Samples/ -> runs/demo, dedup, export to every format, status
	@rm -rf runs/demo
	$(RELEASE_BIN) run --input Samples --output runs/demo
	$(RELEASE_BIN) dedup runs/demo
	$(RELEASE_BIN) export runs/demo --to runs/demo/export.jsonl
	@for f in export.jsonl.gz export.csv export.sqlite; do $(RELEASE_BIN) export runs/demo --to runs/demo/$$f || exit 1; done
	$(RELEASE_BIN) export runs/demo --format pairs --to runs/demo/pairs/
	@$(RELEASE_BIN) status runs/demo || true
	@echo "first record:"; head -n 1 runs/demo/shard-00000-of-00001.jsonl | cut -c1-400

bench: build-release ## Speed, memory, extraction vs trafilatura/resiliparse [BENCH_ARGS="--quick --skip-peers"]
	python3 scripts/bench.py --winnow $(RELEASE_BIN) $(BENCH_ARGS)

bench-warc: build-release ## WARC reading MB/s and records/s vs FastWARC and warcio (digests checked), winnow run over WARC vs files: pages/s, per CPU-s, instructions [BENCH_WARC_ARGS="--quick"]
	python3 scripts/bench_warc.py --winnow $(RELEASE_BIN) $(BENCH_WARC_ARGS)

bench-fetch: build-release ## winnow fetch vs wget --warc-file on a local server (1, 10, 100 hosts): pages/s, MB/s, CPU s/1000 pages, peak RSS for 100,000 URLs [BENCH_FETCH_ARGS="--pages 1000 --big 20000"]
	python3 scripts/bench_fetch.py --winnow $(RELEASE_BIN) $(BENCH_FETCH_ARGS)

samples-warc: ## Rewrite Samples/warc/ with warcio (scripts/make-samples-warc.py, in the interop venv)
	@[ -x .venv-interop/bin/python ] || scripts/interop-tests.sh --collect-only -q >/dev/null
	.venv-interop/bin/python scripts/make-samples-warc.py

bench-dedup: build-release ## Dedup pair precision/recall vs datasketch on a known-truth corpus, and 1M signatures' dedup time/RSS [BENCH_DEDUP_ARGS=...]
	python3 scripts/bench_dedup.py --winnow $(RELEASE_BIN) $(BENCH_DEDUP_ARGS)

bench-export: build-release ## Every built export format vs DuckDB's JSON->Parquet on 100,000 generated pages: s, MB/s, RSS, size [BENCH_EXPORT_ARGS="--pages 20000"]
	python3 scripts/bench_export.py --winnow $(RELEASE_BIN) $(BENCH_EXPORT_ARGS)

bench-scale: build-release ## A 1,000,000-page archive (listing, default pipeline, 2 workers: pages/s, peak RSS vs 10,000 pages, run-dir size) and dedup over 10,000,000 synthetic signatures as 1 and 8 parts [BENCH_SCALE_ARGS="--pages 100000 --signatures 1000000"]
	python3 scripts/bench_scale.py --winnow $(RELEASE_BIN) $(BENCH_SCALE_ARGS)

parse-floor: deps ## What gunzip and libxml2 alone cost on the benchmark pages (C, no extraction): the floor under Winnow's speed
	python3 scripts/parse_floor.py

bad-inputs: build-release ## Hostile inputs (binary, huge, deep, XXE, ...) one by one: outcome, time, RSS, leak checks
	python3 scripts/bad-inputs.py --winnow $(RELEASE_BIN)

backfill: build-release ## All SHARDS shards locally (inputs listed once), then dedup and export: make backfill INPUT=dir OUT=rundir [SHARDS=N] [PIPELINE=file]
	@[ -n "$(INPUT)" ] && [ -n "$(OUT)" ] || { echo "usage: make backfill INPUT=dir OUT=rundir [SHARDS=N] [PIPELINE=file]" >&2; exit 64; }
	$(RELEASE_BIN) run $(PIPELINE) --input $(INPUT) --output $(OUT) --shards $(SHARDS) --list-only
	@per=$$(( $(WORKERS) / $(SHARDS) )); [ $$per -ge 1 ] || per=1; \
	seq 0 $$(( $(SHARDS) - 1 )) | xargs -P $(SHARDS) -I{} \
	  $(RELEASE_BIN) run $(PIPELINE) --input $(INPUT) --output $(OUT) --shard {}/$(SHARDS) --workers $$per --resume --quiet
	$(RELEASE_BIN) dedup $(OUT)
	$(RELEASE_BIN) export $(OUT) --to $(OUT)/export.jsonl
	$(RELEASE_BIN) status $(OUT)

slurm-backfill: build-release ## The backfill as Slurm jobs: inputs listed once, run array(s), dedup parts (afterok), merge + export: make slurm-backfill INPUT=dir|FETCH="SOURCES" OUT=rundir SHARDS=N [PIPELINE=file] [PARTITION=p] [TIME=t] [MAX_PARALLEL=m] [DEDUP_PARTS=p] [FETCH_SHARDS=f] [FETCH_ARGS="--delay=2 ..."]
	@{ [ -n "$(INPUT)" ] || [ -n "$(FETCH)" ]; } && [ -n "$(OUT)" ] || { echo "usage: make slurm-backfill INPUT=dir|FETCH=\"urls:FILE sitemap:URL ...\" OUT=rundir SHARDS=N [PIPELINE=file] [PARTITION=p] [TIME=t] [MAX_PARALLEL=m] [DEDUP_PARTS=p] [FETCH_SHARDS=f] [FETCH_ARGS=...]" >&2; exit 64; }
	$(RELEASE_BIN) slurm $(PIPELINE) $(if $(INPUT),--input $(INPUT)) $(foreach s,$(FETCH),--fetch $(s)) \
	  $(if $(FETCH_SHARDS),--fetch-shards $(FETCH_SHARDS)) $(foreach a,$(FETCH_ARGS),--fetch-argument=$(a)) \
	  --output $(OUT) --shards $(SHARDS) --dedup-parts $(DEDUP_PARTS) \
	  $(if $(PARTITION),--partition $(PARTITION)) $(if $(TIME),--time $(TIME)) $(if $(MAX_PARALLEL),--max-parallel $(MAX_PARALLEL))

slurm-up: ## A real two-node Slurm on this machine (root; see scripts/slurm-local.sh), then export the SLURM_CONF it prints
	scripts/slurm-local.sh up

slurm-down: ## Stop the local Slurm started by make slurm-up
	scripts/slurm-local.sh down

clean: ## Remove build products, runs/, .bench/ and the fuzz corpus
	rm -rf .build .build-asan .build-tsan .build-fuzz runs .bench Fuzz/corpus Fuzz/artifacts
