# The two set-up commands are `make run` and `make test`; both install what they need.
MAKEFLAGS += --no-print-directory
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DB ?= $(BUILD)/examples.db

.PHONY: all deps configure build test run bench asan format clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

run: build
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	@./$(BUILD)/parley ingest --db $(DB) examples/
	@./$(BUILD)/parley timeline --db $(DB)

# Each pipeline stage in its own process, so peak_rss_MB is that stage's peak.
STAGES ?= Ingest Clean Text Time Entities Events Claims Pipeline
bench: build
	@for s in $(STAGES); do ./$(BUILD)/parley_bench --benchmark_filter="^BM_Stage$$s\$$" --benchmark_min_time=1 \
	  --benchmark_counters_tabular=true 2>/dev/null | grep -E "^(Benchmark|BM_)" ; done

asan: deps
	@cmake --preset debug-asan >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ctest --output-on-failure -j $(JOBS)

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	@rm -rf $(BUILD) build-asan
