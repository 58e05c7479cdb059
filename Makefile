# iCET Explorer. The two commands a newcomer needs: `make serve` and `make test`.
# Every target installs what it needs, idempotently, from the package
# registries only (crates.io, Debian, npm); nothing comes from GitHub or a CDN.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export PATH := $(HOME)/.cargo/bin:$(PATH)

# wasm-bindgen-cli must match the wasm-bindgen crate exactly, so read the version from Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
APT_PACKAGES := chromium chromium-driver firefox-esr
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SITE := target/site
DIST := target/dist
# The dataset the site is built with: its first view is pre-rendered into the
# pages, and another than the iCET one also gives them its title and description.
DATA ?= data/icet.json
PORT ?= 8000
NPM_ROOT := tests
# --mode no-install: wasm-pack must use the wasm-bindgen and wasm-opt on PATH, and fail loudly otherwise.
WASM_PACK_MODE := --mode no-install

# wasm-opt is binaryen from npm (pinned in tests/package-lock.json), run under Node:
# wasm-pack's own is turned off in Cargo.toml, and every build optimises with these flags.
WASM_OPT := node $(NPM_ROOT)/node_modules/binaryen/bin/wasm-opt
WASM_OPT_FLAGS := -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue --strip-producers --strip-target-features

BENCH_SITE := target/bench-site
E2E_BROWSERS := chromium firefox
E2E_TESTS = $(filter-out lighthouse.test.mjs,$(notdir $(wildcard tests/e2e/*.test.mjs)))
BENCH_SIZES ?= 1000,10000,100000
# BENCH_FLAGS=--load-only: the browser benchmark times and measures loading alone.
BENCH_FLAGS ?=
PEERS_SITE := target/peers-site
PEER_SIZES ?= real,1000,10000
RUNS ?= 5
TIMELINEJS := tests/node_modules/@knight-lab/timelinejs/dist
VIS := tests/node_modules/vis-timeline

.PHONY: help size-report bench bench-native bench-browser bench-peers bench-first-input lighthouse serve test site site-files tools tools-rust tools-apt tools-npm test-native test-wasm test-wasm-chrome test-wasm-firefox test-e2e test-lighthouse test-types dist check-data

help:
	@echo "make serve   build the deployable folder (make dist) and serve it with its headers on http://127.0.0.1:$(PORT)"
	@echo "make test    run the whole test suite (native, wasm and end-to-end in Chromium and Firefox, Lighthouse, TypeScript)"
	@echo "make dist    write the deployable folder, $(DIST): hashed names, .br and .gz, _headers; and $(DIST).nginx.conf"
	@echo "make bench   benchmark the query engine natively and in headless Chromium (against MiniSearch)"
	@echo "make size-report   break the wasm down by section, crate, module and function"
	@echo "make bench-peers   compare load, memory, filter and zoom with TimelineJS3 and vis-timeline (RUNS=5 PEER_SIZES=real,1000,10000)"
	@echo "make bench-first-input   time the first filter from a cold start, on loopback and under Slow 4G"
	@echo "make lighthouse   Lighthouse, offline, on the built site"
	@echo "make fuzz   fuzz the loader, the importers, the URL reader and the markup writer (FUZZ_SECONDS=60 each)"

## Prerequisites ##############################################################

tools: tools-rust tools-apt tools-npm

tools-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@command -v wasm-pack >/dev/null || cargo install wasm-pack
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] \
		|| cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@command -v geckodriver >/dev/null || cargo install geckodriver

tools-apt:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); }

tools-npm: $(NPM_ROOT)/node_modules/.package-lock.json

$(NPM_ROOT)/node_modules/.package-lock.json: $(NPM_ROOT)/package.json $(NPM_ROOT)/package-lock.json
	cd $(NPM_ROOT) && npm ci --no-audit --no-fund --loglevel=error

## Build and serve ############################################################

# The deployable static site: www/ (less its dev tools), the wasm package and the
# data, with the first view pre-rendered into its pages by the same Rust views.
site: tools-rust tools-apt tools-npm
	# The engine without the importers, and (pkg-import) with them, for a reader who opens a file.
	wasm-pack build --release --target web $(WASM_PACK_MODE) --out-dir target/pkg -- --no-default-features
	$(WASM_OPT) $(WASM_OPT_FLAGS) target/pkg/icet_explorer_bg.wasm -o target/pkg/icet_explorer_bg.wasm
	# target/pkg is also the package for developers: typed view models, a package.json for bundlers.
	node www/dev/typed-package.mjs target/pkg
	wasm-pack build --release --target web --no-typescript --no-pack $(WASM_PACK_MODE) --out-dir target/pkg-import
	$(WASM_OPT) $(WASM_OPT_FLAGS) target/pkg-import/icet_explorer_bg.wasm -o target/pkg-import/icet_explorer_bg.wasm
	$(MAKE) --no-print-directory site-files

# The site around the built engine (target/pkg, target/pkg-import): SITE, with
# DATA served minified and its first view pre-rendered into the pages.
site-files:
	rm -rf $(SITE)
	mkdir -p $(SITE)/pkg $(SITE)/pkg-import $(SITE)/data
	tar -C www --exclude=./dev -cf - . | tar -C $(SITE) -xf -
	cp target/pkg/icet_explorer.js target/pkg/icet_explorer_bg.wasm $(SITE)/pkg/
	cp target/pkg-import/icet_explorer.js target/pkg-import/icet_explorer_bg.wasm $(SITE)/pkg-import/
	node www/dev/strip-comments.mjs $(SITE)
	# Served without the white space between tokens (2.6 KB less gzipped).
	cargo run --quiet --bin icet-convert -- --format ours --in $(DATA) --out $(SITE)/data/icet.json
	cargo run --quiet --bin icet-site -- --data $(DATA) --site $(SITE) $(if $(filter-out data/icet.json,$(DATA)),--header-from-data)

# The deployable folder: content-hashed names, each file also as .br and .gz,
# `_headers` with the policy and caching, and an nginx snippet beside it.
dist: site
	node www/dev/dist.mjs --site $(SITE) --out $(DIST)

# What is deployed, served as a static host would: headers from its `_headers` only.
serve: dist
	@echo "Serving $(DIST) on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	node www/dev/dist-server.mjs --root $(DIST) --port $(PORT)

## Benchmarks #################################################################

bench: bench-native bench-browser

bench-native:
	cargo run --quiet --release --bin icet-bench

# The same wasm with the synthetic-dataset generator exported, beside MiniSearch.
bench-browser: tools-rust tools-apt tools-npm
	wasm-pack build --release --target web --no-typescript --no-pack $(WASM_PACK_MODE) --out-dir target/bench-pkg -- --features bench
	$(WASM_OPT) $(WASM_OPT_FLAGS) target/bench-pkg/icet_explorer_bg.wasm -o target/bench-pkg/icet_explorer_bg.wasm
	rm -rf $(BENCH_SITE) && mkdir -p $(BENCH_SITE)/pkg
	cp tests/bench/bench.html tests/bench/bench.js $(BENCH_SITE)/
	cp tests/node_modules/minisearch/dist/es/index.js $(BENCH_SITE)/minisearch.js
	cp target/bench-pkg/icet_explorer.js target/bench-pkg/icet_explorer_bg.wasm $(BENCH_SITE)/pkg/
	cd tests && node bench/run.mjs --root ../$(BENCH_SITE) --sizes $(BENCH_SIZES) --out bench/results/browser.json $(BENCH_FLAGS)

# Our site beside TimelineJS3 and vis-timeline pages, all showing the same items
# converted by icet-convert: the real dataset and synthetic ones. Each synthetic
# dataset also gets a site of its own, as a newsroom builds one for its timeline.
bench-peers: site tools-npm
	cargo build --quiet --release --bin icet-convert
	rm -rf $(PEERS_SITE) && mkdir -p $(PEERS_SITE)/peers/data $(PEERS_SITE)/peers/timelinejs $(PEERS_SITE)/peers/vis
	cp -r $(SITE) $(PEERS_SITE)/ours
	cp tests/bench-peers/*.html tests/bench-peers/*-page.js tests/bench-peers/peers.css $(PEERS_SITE)/peers/
	cp -r $(TIMELINEJS)/js $(TIMELINEJS)/css $(PEERS_SITE)/peers/timelinejs/
	cp $(VIS)/standalone/umd/vis-timeline-graph2d.min.js $(VIS)/styles/vis-timeline-graph2d.min.css $(PEERS_SITE)/peers/vis/
	for size in $$(echo $(PEER_SIZES) | tr , ' '); do \
		if [ "$$size" = real ]; then source=(--in data/icet.json); else \
			source=(--synthetic $$size); \
			target/release/icet-convert --format ours "$${source[@]}" --out $(PEERS_SITE)/ours/data/synthetic-$$size.json; \
			$(MAKE) --no-print-directory site-files SITE=$(PEERS_SITE)/ours/synthetic-$$size DATA=$(PEERS_SITE)/ours/data/synthetic-$$size.json; fi; \
		for format in timelinejs vis; do \
			target/release/icet-convert --format $$format "$${source[@]}" --out $(PEERS_SITE)/peers/data/$$size.$$format.json; done; \
	done
	# BASELINE_SITE=<a built site>: that build runs too, taking turns with ours, as "baseline".
	if [ -n "$(BASELINE_SITE)" ]; then \
		cp -r $(BASELINE_SITE) $(PEERS_SITE)/baseline && cp $(PEERS_SITE)/ours/data/synthetic-*.json $(PEERS_SITE)/baseline/data/ 2>/dev/null; true; fi
	cd tests && RUNS=$(RUNS) node bench-peers/run.mjs --root ../$(PEERS_SITE) --sizes $(PEER_SIZES) --out bench-peers/results/peers.json

# The first input from a cold start (tick a filter on the pre-rendered page),
# on loopback and under Slow 4G emulation; and Lighthouse, offline, on the
# built site (mobile and desktop presets).
bench-first-input: site tools-npm
	cd $(NPM_ROOT) && node bench/first-input.mjs --root ../$(SITE) --runs $(RUNS)

lighthouse: site tools-npm
	cd $(NPM_ROOT) && node bench/lighthouse.mjs --root ../$(SITE)

## Size #######################################################################

# The release wasm again, optimised the same way but with its function names
# kept, broken down by section, crate, module and function.
size-report: tools-rust tools-npm
	cargo build --release --lib --target wasm32-unknown-unknown --no-default-features
	wasm-bindgen --target web --no-typescript --out-dir target/size-pkg target/wasm32-unknown-unknown/release/icet_explorer.wasm
	$(WASM_OPT) -g $(WASM_OPT_FLAGS) target/size-pkg/icet_explorer_bg.wasm -o target/size-pkg/named.wasm
	node tests/size/wasm-breakdown.mjs target/size-pkg/named.wasm

## Tests ######################################################################

test: test-native test-wasm test-e2e test-lighthouse test-types

test-native:
	cargo test --all-targets

check-data:
	cargo run --quiet --bin icet-check -- data/icet.json

test-wasm: test-wasm-chrome test-wasm-firefox

test-wasm-chrome: tools-rust tools-apt
	wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver $(WASM_PACK_MODE) -- --test web

test-wasm-firefox: tools-rust tools-apt
	wasm-pack test --headless --firefox --geckodriver $$(command -v geckodriver) $(WASM_PACK_MODE) -- --test web

# Every end-to-end test file, in each browser in turn (the deployed folder's too);
# a browser that does not start fails the run. Both run, then the target fails if either did.
test-e2e: dist tools-npm tools-apt
	@status=0; for browser in $(E2E_BROWSERS); do \
		echo "== end to end in $$browser"; \
		(cd tests/e2e && BROWSER=$$browser SITE_ROOT=$(CURDIR)/$(SITE) DIST_ROOT=$(CURDIR)/$(DIST) \
			node --test --test-concurrency=1 $(E2E_TESTS)) || status=1; \
	done; exit $$status

# Lighthouse (Chromium) on three pages with the mobile and desktop presets, offline.
test-lighthouse: site tools-npm tools-apt
	cd tests/e2e && SITE_ROOT=$(CURDIR)/$(SITE) node --test --test-concurrency=1 lighthouse.test.mjs

# A page of one's own, in TypeScript, type-checked against the engine package's declarations.
test-types: site tools-npm
	cd tests/types && ../node_modules/.bin/tsc -p tsconfig.json && echo "tests/types/example.ts type-checks"

## Fuzzing ####################################################################

# Coverage-guided fuzzing (cargo-fuzz, libFuzzer) of the core, each target
# for FUZZ_SECONDS; not part of `make test`. The crate is tests/fuzz (its own
# workspace, on nightly). Seeds come from tests/fuzz/seeds/<target>; the
# growing corpus and any crash are kept in target/fuzz/. Every crash found
# becomes a regression file in tests/data/fuzz/<target>/ (tests/hostile.rs).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= load url_state import_timelinejs import_csv markup
FUZZ_DIR := tests/fuzz

.PHONY: fuzz
fuzz:
	@cargo +nightly --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	for target in $(FUZZ_TARGETS); do \
		mkdir -p target/fuzz/corpus/$$target target/fuzz/artifacts/$$target; \
		dict=; [ "$$target" = load ] && dict=-dict=$(FUZZ_DIR)/json.dict; \
		cargo +nightly fuzz run --fuzz-dir $(FUZZ_DIR) $$target \
			target/fuzz/corpus/$$target $(FUZZ_DIR)/seeds/$$target -- \
			-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=65536 $$dict \
			-artifact_prefix=target/fuzz/artifacts/$$target/; \
	done
