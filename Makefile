# freshbench: the two commands a user needs are `make run` and `make test`.
# Each installs what it needs first and is safe to run twice.

BUILD_DIR ?= build
FRESHBENCH := $(BUILD_DIR)/freshbench
JOBS ?= $(shell nproc)

.PHONY: all deps build run test unit-test integration-test bench stack-up stack-down clean format

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The main job: start the local stack and run the benchmark.
run: build
	scripts/run.sh

test: build
	scripts/install-deps.sh test
	scripts/test.sh

unit-test: build
	cd $(BUILD_DIR) && ctest -L unit --output-on-failure

integration-test: build
	scripts/install-deps.sh test
	scripts/test.sh integration

bench: build
	scripts/bench.sh

stack-up: build
	scripts/fetch-jars.sh
	$(FRESHBENCH) stack up

stack-down: build
	$(FRESHBENCH) stack down

format:
	@scripts/install-deps.sh dev
	clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc')

clean:
	rm -rf $(BUILD_DIR)
