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

.PHONY: all setup build run test test-unit test-asan format format-check clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
	@cmake --build $(BUILD_DIR)
	@scripts/build-web.sh

run: build
	@DB=$(DB) LISTEN=$(LISTEN) BUILD_DIR=$(BUILD_DIR) scripts/run-demo.sh

test: build format-check test-unit test-asan

test-unit:
	@tests/support/pg_harness.sh run ctest --test-dir $(BUILD_DIR) --output-on-failure -j2 --timeout 600

# The unit and API suites again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: setup
	@[ -f $(ASAN_DIR)/build.ninja ] || cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGRIDGOV_SANITIZE=ON
	@cmake --build $(ASAN_DIR)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		tests/support/pg_harness.sh run ctest --test-dir $(ASAN_DIR) --output-on-failure -j2 --timeout 900

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
