# SPDX-License-Identifier: GPL-2.0
#
# results: put test results into Linux kernel releases.
#
#   make                 build tools/results/results
#   make check           unit tests (Check), golden tests, corpus tests
#   make results         build, test, check this tree; write RESULTS
#   make bench           benchmarks against grep/sort/uniq and wc
#   make install         install into $(DESTDIR)$(prefix)/bin, with the
#                        git-results link for "git results show/log/..."
#
# Kbuild conventions: O=DIR puts every output in DIR, V=1 shows the
# commands, W=1 adds extra warnings, W=e makes warnings errors.

VERSION = 0
PATCHLEVEL = 1
RESULTS_VERSION := $(VERSION).$(PATCHLEVEL)

MAKEFLAGS += --no-print-directory
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:

# The tree, as "." when make runs in it, so that compiler messages name
# files relative to it
srctree := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
ifeq ($(srctree),$(CURDIR))
  srctree := .
endif

ifeq ($(V),1)
  Q =
  quiet =
else
  Q = @
  quiet = quiet_
endif

ifneq ($(O),)
  $(shell mkdir -p $(O))
  OUTPUT := $(abspath $(O))/
  $(if $(wildcard $(OUTPUT)),,$(error O=$(O): cannot create the directory))
else
  OUTPUT :=
endif

# "  CC      tools/results/main.o", or the full command with V=1
ifeq ($(V),1)
  QUIET_CC =
  QUIET_LINK =
  QUIET_GEN =
else
  QUIET_CC = @printf '  %-7s %s\n' CC $(patsubst $(OUTPUT)%,%,$@);
  QUIET_LINK = @printf '  %-7s %s\n' LD $(patsubst $(OUTPUT)%,%,$@);
  QUIET_GEN = @printf '  %-7s %s\n' GEN $(patsubst $(OUTPUT)%,%,$@);
endif

CC ?= cc
PKG_CONFIG ?= pkg-config
prefix ?= /usr/local
bindir ?= $(prefix)/bin
INSTALL ?= install

# Kbuild's W= levels; they combine, as in W=1e
EXTRA_WARNINGS_1 := -Wbad-function-cast -Wdeclaration-after-statement \
	-Wformat-security -Wformat-y2k -Winit-self -Wmissing-declarations \
	-Wmissing-prototypes -Wnested-externs -Wold-style-definition \
	-Wpacked -Wredundant-decls -Wstrict-prototypes -Wswitch-enum \
	-Wundef -Wwrite-strings -Wformat=2 -Wshadow -Wno-format-nonliteral
EXTRA_WARNINGS_2 := -Wcast-align -Wcast-qual -Wpointer-arith \
	-Wunused-macros -Wmissing-field-initializers -Wlogical-op
WARNINGS := -Wall -Wextra
ifneq ($(findstring 1,$(W)),)
  WARNINGS += $(EXTRA_WARNINGS_1)
endif
ifneq ($(findstring 2,$(W)),)
  WARNINGS += $(filter-out $(if $(findstring clang,$(shell $(CC) --version 2>/dev/null)),-Wlogical-op),$(EXTRA_WARNINGS_2))
endif
ifneq ($(findstring e,$(W)),)
  WARNINGS += -Werror
endif

# Targets that need no library
NO_DEPS_GOALS := clean help uninstall
ifneq ($(filter-out $(NO_DEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
  define need_pkg
    $(if $(shell $(PKG_CONFIG) --exists $(1) 2>/dev/null && echo y),,\
      $(error $(1) not found by $(PKG_CONFIG): install the Debian package $(2) (apt-get install $(2))))
  endef
  $(if $(shell command -v $(PKG_CONFIG) 2>/dev/null),,\
    $(error $(PKG_CONFIG) not found: install the Debian package pkg-config))
  $(call need_pkg,jansson,libjansson-dev)
  $(call need_pkg,yaml-0.1,libyaml-dev)
  ifneq ($(filter check results,$(MAKECMDGOALS)),)
    $(call need_pkg,check,check)
  endif
endif

CFLAGS ?= -O2 -g
# make SANITIZE=address,undefined check: every run of the tool and the
# tests under the sanitizers; any report fails the tests
ifneq ($(SANITIZE),)
  CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
  LDFLAGS += -fsanitize=$(SANITIZE)
endif
ALL_CFLAGS := $(CFLAGS) $(WARNINGS) -std=gnu11 -D_GNU_SOURCE \
	-DRESULTS_VERSION=$(RESULTS_VERSION) \
	$(shell $(PKG_CONFIG) --cflags jansson yaml-0.1 2>/dev/null) \
	$(EXTRA_CFLAGS)
LIBS := $(shell $(PKG_CONFIG) --libs jansson yaml-0.1 2>/dev/null)

# As Kbuild does, rebuild when the compiler or its flags change (W=1
# after a plain build, CC=clang, ...): the objects depend on a file that
# holds them and is rewritten only when they differ.
BUILD_FLAGS := $(CC) $(ALL_CFLAGS) $(LDFLAGS) $(LIBS)
FLAGS_FILE := $(OUTPUT)tools/results/.build-flags
ifneq ($(BUILD_FLAGS),$(file < $(FLAGS_FILE)))
  $(shell mkdir -p $(dir $(FLAGS_FILE)))
  $(file > $(FLAGS_FILE),$(BUILD_FLAGS))
endif

TOOL_DIR := tools/results
TOOL_SRCS := $(sort $(wildcard $(srctree)/$(TOOL_DIR)/*.c))
TOOL_OBJS := $(patsubst $(srctree)/%.c,$(OUTPUT)%.o,$(TOOL_SRCS))
LIB_OBJS := $(filter-out %/main.o,$(TOOL_OBJS))
RESULTS := $(OUTPUT)$(TOOL_DIR)/results

TEST_SRCS := $(sort $(wildcard $(srctree)/tests/unit/*.c))
TEST_OBJS := $(patsubst $(srctree)/%.c,$(OUTPUT)%.o,$(TEST_SRCS))
CHECK_RESULTS := $(OUTPUT)tests/unit/check-results

.PHONY: all
all: $(RESULTS)

$(OUTPUT)$(TOOL_DIR)/%.o: $(srctree)/$(TOOL_DIR)/%.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(RESULTS): $(TOOL_OBJS)
	$(QUIET_LINK)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(OUTPUT)tests/unit/%.o: $(srctree)/tests/unit/%.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -I$(srctree)/$(TOOL_DIR) \
		$(shell $(PKG_CONFIG) --cflags check) -MMD -MP -c -o $@ $<

$(CHECK_RESULTS): $(TEST_OBJS) $(LIB_OBJS)
	$(QUIET_LINK)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) \
		$(shell $(PKG_CONFIG) --libs check)

$(TOOL_OBJS) $(TEST_OBJS): $(FLAGS_FILE)

-include $(TOOL_OBJS:.o=.d) $(TEST_OBJS:.o=.d)

# The shared corpus of real tool outputs, when it is beside the tree
CORPUS ?= $(srctree)/../shared/corpus

.PHONY: check unit-check golden-check git-check kconfig-check kcidb-check \
	hostile-check determinism-check
check: unit-check golden-check git-check kconfig-check kcidb-check \
	hostile-check determinism-check

# the runner also writes its results as KTAP, which the tool reads
unit-check: $(CHECK_RESULTS) $(RESULTS)
	$(Q)RESULTS_BIN=$(RESULTS) RESULTS_SRCTREE=$(srctree) \
		RESULTS_CORPUS=$(CORPUS) \
		RESULTS_KTAP=$(OUTPUT)tests/unit/check-results.ktap \
		$(CHECK_RESULTS)

golden-check: $(RESULTS)
	$(Q)RESULTS_CORPUS=$(CORPUS) UPDATE_GOLDEN=$(UPDATE_GOLDEN) \
		$(srctree)/tests/golden.sh $(RESULTS) $(srctree)/tests/golden

# The golden tests again, every run of the tool under valgrind's memcheck:
# an error or a definite leak changes the exit status and the stderr that
# the cases compare, so any report fails a case.
VALGRIND ?= valgrind
.PHONY: valgrind-check
valgrind-check: $(RESULTS)
	@command -v $(VALGRIND) > /dev/null 2>&1 || { \
		echo "$(VALGRIND) not found: install the Debian package valgrind" >&2; \
		exit 2; }
	@mkdir -p $(OUTPUT).valgrind
	$(Q)printf '#!/bin/sh\nexec %s -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect %s "$$@"\n' \
		'$(VALGRIND)' '$(abspath $(RESULTS))' > $(OUTPUT).valgrind/results
	$(Q)chmod +x $(OUTPUT).valgrind/results
	$(Q)RESULTS_CORPUS=$(CORPUS) $(srctree)/tests/golden.sh \
		$(OUTPUT).valgrind/results $(srctree)/tests/golden

# diff, show, log, notes, trailer, report and the merge driver, in
# temporary git repositories with tagged releases
kconfig-check:
	$(Q)$(srctree)/tests/kconfig.sh $(srctree)

git-check: $(RESULTS)
	$(Q)$(srctree)/tests/git.sh $(RESULTS)

# --format=kcidb against the KCIDB schema in ../shared, with
# python3-jsonschema; skipped with a message when either is missing
KCIDB_SCHEMA ?= $(srctree)/../shared/schemas/kcidb.v05.03.schema.json
kcidb-check: $(RESULTS)
	$(Q)$(srctree)/tests/kcidb-schema.sh $(RESULTS) $(srctree) \
		$(KCIDB_SCHEMA)

# hostile inputs (made at run time) and failed writes; the same bytes
# whatever the locale, TZ, input order and RESULTS_HASH_SEED
hostile-check: $(RESULTS)
	$(Q)$(srctree)/tests/hostile.sh $(RESULTS)

determinism-check: $(RESULTS)
	$(Q)$(srctree)/tests/determinism.sh $(RESULTS) $(srctree)

# Kconfig.results says what make results checks; .results.config (make
# syntax, written by make resultsconfig, resultsdefconfig or
# resultsoldconfig) holds the choices. Without it, Kconfig.results'
# defaults apply.
RESULTS_CONFIG := $(srctree)/.results.config
KCONFIG_CONF ?= kconfig-conf
KCONFIG_MCONF ?= kconfig-mconf
ifneq ($(wildcard $(RESULTS_CONFIG)),)
  include $(RESULTS_CONFIG)
else
  CONFIG_RESULTS_BUILD := y
  CONFIG_RESULTS_BUILD_W := "1"
  CONFIG_RESULTS_BUILD_TARGETS := "all"
  CONFIG_RESULTS_UNIT := y
  CONFIG_RESULTS_SPARSE := y
  CONFIG_RESULTS_PREVIOUS_TAG := "v[0-9]*"
endif
unquote = $(patsubst "%",%,$(1))

define need_kconfig
  @command -v $(1) > /dev/null 2>&1 || { \
	echo "$(1) not found: install the Debian package $(2)" >&2; exit 2; }
endef

.PHONY: resultsconfig resultsdefconfig resultsoldconfig
resultsconfig:
	$(call need_kconfig,$(KCONFIG_MCONF),kconfig-frontends)
	$(Q)KCONFIG_CONFIG=$(RESULTS_CONFIG) $(KCONFIG_MCONF) \
		$(srctree)/Kconfig.results
resultsdefconfig:
	$(call need_kconfig,$(KCONFIG_CONF),kconfig-frontends-nox)
	$(Q)KCONFIG_CONFIG=$(RESULTS_CONFIG) $(KCONFIG_CONF) -s \
		--alldefconfig $(srctree)/Kconfig.results
resultsoldconfig:
	$(call need_kconfig,$(KCONFIG_CONF),kconfig-frontends-nox)
	$(Q)KCONFIG_CONFIG=$(RESULTS_CONFIG) $(KCONFIG_CONF) \
		--oldconfig $(srctree)/Kconfig.results

# make results: this tree's own dogfood. The tool is built from scratch
# in a directory of its own, so that every run reads the same build log.
# RESULTS is compared with the previous release: RESULTS_PREVIOUS (a
# revision or a RESULTS file) when given, else the latest tag before HEAD
# that matches RESULTS_PREVIOUS_TAG; with no such tag, nothing is compared.
RESULTS_PREVIOUS_TAG ?= $(call unquote,$(CONFIG_RESULTS_PREVIOUS_TAG))
RESULTS_PREVIOUS ?=
RWORK := $(OUTPUT).results/
RBUILD_ARGS := $(if $(call unquote,$(CONFIG_RESULTS_BUILD_W)),W=$(call unquote,$(CONFIG_RESULTS_BUILD_W))) \
	$(if $(CONFIG_RESULTS_BUILD_LLVM),LLVM=1 CC=clang) \
	$(call unquote,$(CONFIG_RESULTS_BUILD_TARGETS))
RBUILD_CC := $(if $(CONFIG_RESULTS_BUILD_LLVM),clang,$(CC))
.PHONY: results
results: $(RESULTS) $(CHECK_RESULTS)
	$(Q)rm -rf $(RWORK) && mkdir -p $(RWORK) && : > $(RWORK)notices
ifeq ($(CONFIG_RESULTS_BUILD),y)
	@printf '  %-7s %s\n' BUILD $(patsubst $(srctree)/%,%,$(RWORK))build.log
	$(Q){ $(RBUILD_CC) --version 2>&1 | head -n 1; \
	      echo '$$ make $(RBUILD_ARGS)'; \
	      $(MAKE) O=$(RWORK)build $(RBUILD_ARGS) 2>&1; } \
		> $(RWORK)build.log 2>&1 || :
endif
ifneq ($(CONFIG_RESULTS_KUNIT)$(CONFIG_RESULTS_COCCI)$(CONFIG_RESULTS_DT),)
	$(Q)for c in $(if $(CONFIG_RESULTS_KUNIT),kunit) \
		     $(if $(CONFIG_RESULTS_COCCI),coccinelle) \
		     $(if $(CONFIG_RESULTS_DT),dt); do \
		echo "$$c:not run: this tree is not a kernel tree" \
			>> $(RWORK)notices; \
	done
endif
	$(Q)for f in $(call unquote,$(CONFIG_RESULTS_KTAP_FILES)) \
		     $(call unquote,$(CONFIG_RESULTS_KCIDB_FILES)); do \
		[ -f "$$f" ] || echo "results:not run: $$f does not exist" \
			>> $(RWORK)notices; \
	done
	@printf '  %-7s %s\n' TEST $(patsubst $(srctree)/%,%,$(RWORK))unit.log
ifeq ($(CONFIG_RESULTS_UNIT),y)
	$(Q)status=0; RESULTS_BIN=$(RESULTS) RESULTS_SRCTREE=$(srctree) \
		RESULTS_CORPUS=$(CORPUS) CK_VERBOSITY=normal \
		CK_TAP_LOG_FILE_NAME=$(RWORK)unit.tap \
		RESULTS_KTAP=$(RWORK)unit.ktap \
		$(CHECK_RESULTS) > $(RWORK)unit.log 2>&1 || status=$$?; \
		if [ ! -s $(RWORK)unit.ktap ]; then \
			printf 'check:unit tests: %s (exit %s)\n' \
			"$$(tail -n 1 $(RWORK)unit.log)" "$$status" \
			>> $(RWORK)notices; \
		fi
endif
ifeq ($(CONFIG_RESULTS_SPARSE),y)
	$(Q)if command -v sparse >/dev/null 2>&1; then \
		printf '  %-7s %s\n' SPARSE $(patsubst $(srctree)/%,%,$(RWORK))sparse.log; \
		for f in $(patsubst $(srctree)/%,%,$(TOOL_SRCS)); do \
			printf '  %-7s %s\n' CHECK $$f; \
			(cd $(srctree) && sparse -D_GNU_SOURCE \
				$(shell $(PKG_CONFIG) --cflags jansson yaml-0.1) $$f); \
		done > $(RWORK)sparse.log 2>&1; \
	else \
		echo 'sparse:not run: sparse is not installed' >> $(RWORK)notices; \
	fi
endif
	@printf '  %-7s %s\n' RENDER RESULTS
	$(Q)set --; \
	if [ -f $(RWORK)build.log ]; then set -- build:$(RWORK)build.log; fi; \
	for f in $(call unquote,$(CONFIG_RESULTS_KTAP_FILES)); do \
		[ -f "$$f" ] && set -- "$$@" "ktap:$$f"; \
	done; \
	for f in $(call unquote,$(CONFIG_RESULTS_KCIDB_FILES)); do \
		[ -f "$$f" ] && set -- "$$@" "$$f"; \
	done; \
	if [ -n '$(call unquote,$(CONFIG_RESULTS_KNOWN))' ]; then \
		set -- "$$@" --known '$(call unquote,$(CONFIG_RESULTS_KNOWN))'; \
	fi; \
	if [ -f $(RWORK)sparse.log ]; then set -- "$$@" sparse:$(RWORK)sparse.log; fi; \
	if [ -s $(RWORK)unit.ktap ]; then set -- "$$@" ktap:$(RWORK)unit.ktap; fi; \
	while IFS= read -r n; do set -- "$$@" --notice "$$n"; done < $(RWORK)notices; \
	if [ -n '$(RESULTS_PREVIOUS)' ]; then \
		set -- --previous '$(RESULTS_PREVIOUS)' "$$@"; \
	else \
		set -- --previous-tag '$(RESULTS_PREVIOUS_TAG)' "$$@"; \
	fi; \
	$(RESULTS) render --srctree $(srctree) -o $(srctree)/RESULTS "$$@"

.PHONY: bench
bench: $(RESULTS)
	$(Q)RESULTS_CORPUS=$(CORPUS) $(srctree)/tests/bench/bench.sh $(RESULTS)
	$(Q)$(srctree)/tests/bench/bench-kbuild.sh $(RESULTS)

# libFuzzer targets, one per input kind of the registry in parser.c and
# fuzz-known for the known-issues YAML, built with clang: make fuzz;
# make fuzz-smoke FUZZ_SECONDS=N runs each for N seconds from the test
# fixtures and fails on any crash, leak or UB report.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 30
FUZZ_DIR := $(OUTPUT).fuzz/
FUZZ_FLAGS := -g -O1 -std=gnu11 -D_GNU_SOURCE -Wall -Wextra \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined \
	$(shell $(PKG_CONFIG) --cflags jansson yaml-0.1 2>/dev/null)
FUZZ_KINDS := $(shell sed -n 's/^\t&parser_\([a-z0-9_]*\),$$/\1/p' \
	$(srctree)/tools/results/parser.c)
FUZZ_OBJS := $(patsubst $(srctree)/tools/results/%.c,$(FUZZ_DIR)obj/%.o,\
	$(filter-out %/main.c,$(TOOL_SRCS)))
FUZZ_TARGETS := $(FUZZ_KINDS) known
FUZZERS := $(addprefix $(FUZZ_DIR)fuzz-,$(FUZZ_TARGETS))

$(FUZZ_DIR)obj/%.o: $(srctree)/tools/results/%.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link \
		-MMD -MP -c -o $@ $<

$(FUZZ_DIR)fuzz-%: $(srctree)/tests/fuzz/fuzz-parse.c $(FUZZ_OBJS)
	$(QUIET_LINK)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer \
		-DFUZZ_KIND='"$*"' -I$(srctree)/tools/results -o $@ $^ $(LIBS)

$(FUZZ_DIR)fuzz-known: $(srctree)/tests/fuzz/fuzz-known.c $(FUZZ_OBJS)
	$(QUIET_LINK)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer \
		-I$(srctree)/tools/results -o $@ $^ $(LIBS)

-include $(FUZZ_OBJS:.o=.d)
.SECONDARY: $(FUZZ_OBJS)

.PHONY: fuzz fuzz-smoke fuzz-long
fuzz: $(FUZZERS)

# Seeds: every fixture and golden input, copied afresh to seeds/ on each
# run; new finds stay in corpus-KIND/
fuzz-smoke fuzz-long: fuzz
	$(Q)for k in $(FUZZ_TARGETS); do \
		c=$(FUZZ_DIR)corpus-$$k; s=$(FUZZ_DIR)seeds; \
		mkdir -p $$c; rm -rf $$s; mkdir -p $$s; \
		find $(srctree)/tests/fixtures $(srctree)/tests/golden -type f \
			! -name 'expected.*' ! -name args ! -name check \
			! -name NOTES ! -name needs-corpus -size -256k \
			-exec cp --backup=numbered -t $$s {} + ; \
		printf '  %-7s %s\n' FUZZ "$$k ($(FUZZ_SECONDS) s)"; \
		$(FUZZ_DIR)fuzz-$$k -max_total_time=$(FUZZ_SECONDS) \
			-max_len=65536 -timeout=10 -rss_limit_mb=2048 \
			-print_final_stats=0 -artifact_prefix=$(FUZZ_DIR)$$k- \
			$$c $$s 2> $(FUZZ_DIR)fuzz-$$k.log || \
			{ grep -v '^results: ' $(FUZZ_DIR)fuzz-$$k.log | tail -n 40; \
			  echo "fuzz-$$k failed: see $(FUZZ_DIR)fuzz-$$k.log"; exit 1; }; \
	done
fuzz-long: FUZZ_SECONDS = 3600

.PHONY: install uninstall
install: $(RESULTS)
	$(Q)$(INSTALL) -d -m 0755 $(DESTDIR)$(bindir)
	$(Q)$(INSTALL) -m 0755 $(RESULTS) $(DESTDIR)$(bindir)/results
	$(Q)ln -sf results $(DESTDIR)$(bindir)/git-results

uninstall:
	$(Q)rm -f $(DESTDIR)$(bindir)/results $(DESTDIR)$(bindir)/git-results

.PHONY: clean
clean:
	$(Q)rm -rf $(OUTPUT)$(TOOL_DIR)/*.o $(OUTPUT)$(TOOL_DIR)/*.d \
		$(RESULTS) $(OUTPUT)tests/unit/*.o $(OUTPUT)tests/unit/*.d \
		$(CHECK_RESULTS) $(OUTPUT).results $(FLAGS_FILE) $(FUZZ_DIR) \
		$(OUTPUT).valgrind

.PHONY: help
help:
	@echo 'Targets:'
	@echo '  all (default)  build $(TOOL_DIR)/results'
	@echo '  check          unit, golden, corpus and git tests, hostile'
	@echo '                 inputs, determinism'
	@echo '  results        build, test and check this tree; write RESULTS,'
	@echo '                 compared with the previous release (a tag)'
	@echo '  bench          benchmarks against grep|sort|uniq -c and wc -l'
	@echo '  valgrind-check the golden tests under valgrind memcheck'
	@echo '  fuzz           libFuzzer targets, one per input kind (clang)'
	@echo '  fuzz-smoke     run each for FUZZ_SECONDS (default 30)'
	@echo '  install        install into $$(DESTDIR)$$(prefix)/bin'
	@echo '  uninstall      remove what install put there'
	@echo '  clean          remove build outputs'
	@echo ''
	@echo 'Variables: O=DIR  V=1  W=1|2|e  CC=  prefix=  DESTDIR='
	@echo '           SANITIZE=address,undefined  FUZZ_SECONDS=N'
	@echo '           RESULTS_PREVIOUS_TAG=PATTERN (v[0-9]*)  RESULTS_PREVIOUS=REV|FILE'
