# sockplay: `make serve` builds and serves the playground, `make test` runs every test.
GO      ?= go
DIST    ?= dist
ADDR    ?= 127.0.0.1:8080
WASMEXEC = $(shell $(GO) env GOROOT)/lib/wasm/wasm_exec.js
# The engine for the browser. Go 1.26's Green Tea garbage collector pays
# off on big heaps over many cores; the page has one thread and a small
# heap, and the classic collector is 11 KB (gzip) smaller. nogreenteagc is
# Go 1.26's documented opt-out (to be removed in Go 1.27: drop it then).
WASMENV  = GOOS=js GOARCH=wasm GOEXPERIMENT=nogreenteagc

.PHONY: all wasm dist notebook-html serve test test-go test-e2e bench bench-peer bench-web clean pkt-corpus

all: dist

# The engine compiled for the browser, small: no paths, no symbol table,
# no inlining (8 % smaller; the page is not CPU-bound), data segments merged
# (scripts/wasmpack: Go splits them at every run of zeros, which gzips badly).
# One engine per variant (wasm/tables_*.go), so each page loads only what
# it uses: the playground sockplay.wasm, the notebook page
# sockplay-notebook.wasm, the exercise pages sockplay-exercise.wasm, a
# packetdrill script sockplay-pkt.wasm.
WASMS = $(DIST)/sockplay.wasm $(DIST)/sockplay-notebook.wasm $(DIST)/sockplay-exercise.wasm $(DIST)/sockplay-pkt.wasm
WASMBUILD = $(WASMENV) $(GO) build -trimpath -gcflags=all=-l -ldflags='-s -w'

wasm: $(WASMS)

.PHONY: $(WASMS)
$(DIST)/sockplay.wasm:
	mkdir -p $(DIST)
	$(WASMBUILD) -o $@ ./wasm
	$(GO) run ./scripts/wasmpack $@

$(DIST)/sockplay-notebook.wasm:
	mkdir -p $(DIST)
	$(WASMBUILD) -tags notebook -o $@ ./wasm
	$(GO) run ./scripts/wasmpack $@

$(DIST)/sockplay-exercise.wasm:
	mkdir -p $(DIST)
	$(WASMBUILD) -tags exercise -o $@ ./wasm
	$(GO) run ./scripts/wasmpack $@

$(DIST)/sockplay-pkt.wasm:
	mkdir -p $(DIST)
	$(WASMBUILD) -tags pkt -o $@ ./wasm
	$(GO) run ./scripts/wasmpack $@

# The static site: pages with their modules joined into one script
# (scripts/bundle), the engines and their brotli and gzip twins (see
# scripts/precompress), Go's loader.
dist: wasm
	cp -r site/. $(DIST)/
	rm -f $(DIST)/README.md # the site's notes are for its developers, not its visitors
	cp core/notebook/FORMAT.md $(DIST)/notebooks/format.md # the format's reference, a notebook in the page's menu
	mkdir -p $(DIST)/exercises/zh-CN && cp core/exercises/*.md $(DIST)/exercises/ && cp core/exercises/zh-CN/*.md $(DIST)/exercises/zh-CN/ # each translated exercise beside the English
	mkdir -p $(DIST)/i18n && cp core/i18n/catalogues/*.json $(DIST)/i18n/ # fetched only by a page in that language (core/i18n)
	$(GO) run ./scripts/bundle -dir $(DIST) -entry js/notebook/main.mjs -html notebook.html -keep
	$(GO) run ./scripts/bundle -dir $(DIST) -entry js/exercise/main.mjs -html exercises.html -keep
	$(GO) run ./scripts/bundle -dir $(DIST) -entry js/pkt/main.mjs -html pkt.html -keep
	mkdir -p $(DIST)/pkt && cp core/pkt/testdata/handshake.pkt $(DIST)/pkt/ # the packetdrill page's sample
	$(GO) run ./scripts/bundle -dir $(DIST) -entry js/main.mjs
	cp "$(WASMEXEC)" $(DIST)/wasm_exec.js
	bash scripts/precompress $(WASMS)
	$(GO) run ./scripts/singlefile -dir $(DIST) -o $(DIST)/sockplay-notebook.html
	$(GO) run ./scripts/precache -dir $(DIST)

# The notebook as one HTML file that runs from file:// with no server and
# no network (engine, page and tutorials inside): make dist writes it too.
notebook-html: dist

serve: dist
	$(GO) run ./scripts/serve -dir $(DIST) -addr $(ADDR)

test:
	bash scripts/test.sh

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./core/...

# The same workloads on sockplay's engine and on gVisor's netstack, side by
# side with their ratios (core/interop/cmd/bench-peer): natively (CPU
# time), then compiled to wasm under Node (wall time on one thread).
# ROUNDS and SCALE pass through (SCALE=10 for a quick look).
ROUNDS ?= 7
SCALE  ?= 1
bench-peer:
	cd core/interop && $(GO) run ./cmd/bench-peer -rounds $(ROUNDS) -scale $(SCALE)
	cd core/interop && GOOS=js GOARCH=wasm $(GO) run -exec="$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" ./cmd/bench-peer -rounds $(ROUNDS) -scale $(SCALE)

bench-web: dist
	bash scripts/bench-web.sh

clean:
	rm -rf $(DIST)

# pkt-corpus runs the Linux-passing scripts of ../shared/packetdrill (or
# PACKETDRILL_DIR), the core set and the rest, and prints passes by topic.
pkt-corpus:
	PACKETDRILL_DIR=$${PACKETDRILL_DIR:-$(CURDIR)/../shared/packetdrill} go test -count=1 -v -run 'TestCorpus(Core|BeyondCore)$$' ./core/pkt | grep -v '^=== RUN'
