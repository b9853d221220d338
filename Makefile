# Entry points. `make run` and `make test` are the two set-up commands of the README: each
# installs the Debian packages it needs, builds, and runs.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: deps build run test test-full bench fuzz stress clean format release-check

deps:
	@scripts/install-deps

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The in-process demo, then the daemon in the foreground on a development setup under ./var
# (scripts/run-daemon; RUN_PORT=0 picks a free port). Ctrl-C stops it.
RUN_PORT ?= 8443
run: build
	@CRATON_RUN_PORT=$(RUN_PORT) scripts/run-daemon $(BUILD_DIR)

test: build
	@scripts/run-tests $(BUILD_DIR)

test-full: build
	@CRATON_TEST_FULL=1 scripts/run-tests $(BUILD_DIR)

bench: build
	@scripts/run-bench $(BUILD_DIR)

# libFuzzer (clang-14): make fuzz TARGET=abi SECONDS=60. Targets are tests/fuzz/*_fuzz.cpp.
TARGET ?= abi
SECONDS ?= 60
fuzz: deps
	@scripts/run-fuzz $(TARGET) $(SECONDS)

# Two release builds in different directories must be bit-identical (scripts/release).
release-check: deps
	@scripts/release $(BUILD_DIR)/release

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) build-asan build-tsan build-fuzz

# The concurrency stress test (tests/abi/stress_test.cpp) at full speed: more threads' work than
# the TSan pass of `make test` can afford. STRESS_THREADS and STRESS_ITERATIONS override.
STRESS_THREADS ?= 16
STRESS_ITERATIONS ?= 20000
stress: build
	CRATON_STRESS_THREADS=$(STRESS_THREADS) CRATON_STRESS_ITERATIONS=$(STRESS_ITERATIONS) \
	  $(BUILD_DIR)/abi_tests --gtest_filter='StressConcurrencyTest.*'
