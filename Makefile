# gridgov: the two commands of the README, and a few helpers.
#   make run   installs what is missing, builds, creates the demo county database if absent, serves it.
#   make test  installs what is missing, builds, runs every test (plus the sanitizer build and format check).
BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
BUILD_TYPE ?= RelWithDebInfo
DB        ?= var/demo.db
LISTEN    ?= 127.0.0.1:8080

# ccache keys on paths relative to the checkout, so a fresh clone reuses earlier compilations.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all setup build run test test-unit test-asan test-fuzz format format-check clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
	@cmake --build $(BUILD_DIR)
	@scripts/build-web.sh

run: build
	@DB=$(DB) LISTEN=$(LISTEN) BUILD_DIR=$(BUILD_DIR) scripts/run-demo.sh

test: build format-check test-unit test-asan test-fuzz

test-unit:
	@tests/support/pg_harness.sh run ctest --test-dir $(BUILD_DIR) --output-on-failure -j2 --timeout 600

# The unit and API suites again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: setup
	@[ -f $(ASAN_DIR)/build.ninja ] || cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGRIDGOV_SANITIZE=ON
	@cmake --build $(ASAN_DIR)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		tests/support/pg_harness.sh run ctest --test-dir $(ASAN_DIR) --output-on-failure -j2 --timeout 900

# libFuzzer targets (fuzz/README.md), built with clang in build-fuzz, each run briefly from its seed corpus.
FUZZ_DIR ?= build-fuzz
FUZZ_TIME ?= 10
test-fuzz: setup
	@[ -f $(FUZZ_DIR)/build.ninja ] || CXX=clang++-14 cmake -S fuzz -B $(FUZZ_DIR) -G Ninja
	@cmake --build $(FUZZ_DIR) --target parser_fuzzers
	@for t in fuzz_csv fuzz_codes fuzz_geojson fuzz_http fuzz_json_bodies; do \
		work=$$(mktemp -d); \
		$(FUZZ_DIR)/$$t -max_total_time=$(FUZZ_TIME) -rss_limit_mb=2048 -print_final_stats=1 $$work fuzz/corpus/$$t \
			2>$$work.log || { tail -40 $$work.log; rm -rf $$work $$work.log; exit 1; }; \
		echo "$$t: $$(grep -o 'stat::number_of_executed_units: *[0-9]*' $$work.log | grep -o '[0-9]*$$') runs, no crash"; \
		rm -rf $$work $$work.log; \
	done

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
