# Doorloop - build, run and test.
#
#   make run     set up what is missing, build (optimised), init + demo data, serve
#   make test    set up, build (sanitizers), run every suite: unit, API, browser
#   make bench   benchmarks
#   make deb     the Debian package (build/deb/doorloop_*.deb); make deb-check
#                installs it in a debootstrapped Debian 12 (slow, root, network)
#   make fuzz    the libFuzzer targets, FUZZ_TIME seconds each (default 30)
#   make soak    10 minutes of mixed load (SOAK_SECONDS to shorten)
#
# MODE=debug (default for tests): -O1 -g, AddressSanitizer + UBSan.
# MODE=release (make run): -O2.
MODE ?= debug
CC ?= gcc
BUILD := build/$(MODE)
PKGS := libmicrohttpd jansson sqlite3 libpq libsodium zlib liboath

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# MODE=fuzz (make fuzz): clang with libFuzzer's coverage, ASan and UBSan, in
# build/fuzz; warnings are gcc's business (-Werror there).
ifeq ($(MODE),fuzz)
CC := clang
WARN := $(filter-out -Werror,$(WARN))
endif
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -Isrc -I$(BUILD)/gen $(WARN) $(PKG_CFLAGS) -MMD -MP
ifeq ($(MODE),release)
MODE_CFLAGS := -O2 -DNDEBUG -fstack-protector-strong -D_FORTIFY_SOURCE=2
MODE_LDFLAGS :=
else
MODE_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
MODE_LDFLAGS := -fsanitize=address,undefined
endif
ifeq ($(MODE),fuzz)
MODE_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined
MODE_LDFLAGS := -fsanitize=address,undefined
endif
CFLAGS_ALL := $(BASE_CFLAGS) $(MODE_CFLAGS) $(CFLAGS)
LDLIBS_ALL := $(PKG_LIBS) -lpthread -lm

# Every .c under src/ except the program's entry point goes into one archive.
LIB_SRC := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o $(BUILD)/gen/openapi.o \
	$(BUILD)/gen/common_passwords.o
LIB := $(BUILD)/libdoorloop.a
BIN := $(BUILD)/doorloop
MIGRATIONS := $(sort $(wildcard src/db/migrations/*.sql))

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# The fuzz targets (tests/fuzz/fuzz_*.c): libFuzzer binaries in MODE=fuzz,
# and in every build a replay binary that runs each corpus file once
# (make test's regression run of tests/fuzz/corpus/).
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(BUILD)/tests/%)
FUZZ_TIME ?= 30

.PHONY: all build run test bench clean setup-run setup-test unit web-deps deb deb-check fuzz soak
.DEFAULT_GOAL := all

all: $(BIN) $(UNIT_BIN) $(FUZZ_REPLAY)

build: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/gen/migrations.c: $(MIGRATIONS) scripts/embed-migrations.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-migrations.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/gen/openapi.c: docs/api/openapi.json scripts/embed-file.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-file.sh api_openapi_json docs/api/openapi.json > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/openapi.o: $(BUILD)/gen/openapi.c
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/gen/common_passwords.c: data/common-passwords.txt scripts/embed-file.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-file.sh auth_common_passwords data/common-passwords.txt > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/common_passwords.o: $(BUILD)/gen/common_passwords.c
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/src/cli/main.o $(LIB)
	$(CC) $(MODE_LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(MODE_LDFLAGS) $(LDLIBS_ALL) $(CMOCKA_LIBS)

$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< tests/fuzz/replay.c $(LIB) $(MODE_LDFLAGS) $(LDLIBS_ALL)

$(BUILD)/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(MODE_LDFLAGS) -fsanitize=fuzzer $(LDLIBS_ALL)

# The continuity engine's benchmark program; bench/run.sh builds it in release mode.
$(BUILD)/bench/worklist_bench: bench/worklist_bench.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(MODE_LDFLAGS) $(LDLIBS_ALL)

# The municipality figures' benchmark; bench/figures_bench.sh builds it in release mode.
$(BUILD)/bench/figures_bench: bench/figures_bench.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(MODE_LDFLAGS) $(LDLIBS_ALL)

unit: $(UNIT_BIN)

# ---- the two commands ----

run:
	@sh scripts/setup.sh run
	@$(MAKE) --no-print-directory MODE=release build
	@sh scripts/run.sh

test:
	@sh scripts/setup.sh test
	@$(MAKE) --no-print-directory MODE=debug all
	@sh scripts/test.sh

# Issue 9's measures against nginx, an fdatasync loop and the worklist
# bench, on SQLite and PostgreSQL, in one table (docs/PERFORMANCE.md).
bench:
	@sh scripts/setup.sh bench
	@$(MAKE) --no-print-directory MODE=release build
	@python3 bench/perf.py $(BENCH_ARGS)

# Mixed reads and writes at 64 connections for SOAK_SECONDS (default 600):
# no 5xx, resident memory grows < 10 % (bench/soak.py, docs/PERFORMANCE.md).
SOAK_SECONDS ?= 600
soak:
	@sh scripts/setup.sh bench
	@$(MAKE) --no-print-directory MODE=release build
	@SOAK_SECONDS=$(SOAK_SECONDS) python3 bench/soak.py

# Every libFuzzer target for FUZZ_TIME seconds (default 30), new inputs in
# build/fuzz/corpus/, the kept corpus tests/fuzz/corpus/ read (scripts/fuzz.sh).
fuzz:
	@sh scripts/setup.sh test
	@$(MAKE) --no-print-directory MODE=fuzz $(FUZZ_TARGETS:%=build/fuzz/bin/%)
	@sh scripts/fuzz.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

# The Debian package from a release build (scripts/deb.sh).
deb:
	@sh scripts/setup.sh run
	@sh scripts/setup.sh deb-check
	@$(MAKE) --no-print-directory MODE=release build
	@sh scripts/deb.sh

# The package installed with dpkg and apt in a debootstrapped Debian 12
# (cached tarball in build/deb-check), its service started as the unit says.
deb-check: deb
	@sh scripts/setup.sh deb-check
	@sh scripts/deb-check.sh

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BUILD)/src/cli/main.d $(UNIT_BIN:=.d)
