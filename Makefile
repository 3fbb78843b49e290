# SPDX-License-Identifier: GPL-2.0
#
# results: put test results into Linux kernel releases.
#
#   make                 build tools/results/results
#   make check           unit tests (Check), golden tests, corpus tests
#   make results         build, test, check this tree; write RESULTS
#   make results KSRC=DIR  run the checks Kconfig.results chooses on the
#                        kernel tree DIR; write DIR/RESULTS
#   make check-kernel    make results on Debian's linux-source-6.1
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

# "  CC      tools/results/main.o", or the full command with V=1; the
# same for the steps of make results: $(call progress,WHAT,FILE)
ifeq ($(V),1)
  progress = :
  QUIET_CC =
  QUIET_LINK =
  QUIET_GEN =
else
  QUIET_CC = @printf '  %-7s %s\n' CC $(patsubst $(OUTPUT)%,%,$@);
  QUIET_LINK = @printf '  %-7s %s\n' LD $(patsubst $(OUTPUT)%,%,$@);
  QUIET_GEN = @printf '  %-7s %s\n' GEN $(patsubst $(OUTPUT)%,%,$@);
  progress = printf '  %-7s %s\n' $(1) $(2)
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
  ifneq ($(filter check $(if $(KSRC),,results),$(MAKECMDGOALS)),)
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
# resultsoldconfig) holds the choices, at the top of this tree or, with
# KSRC=DIR, of the kernel tree DIR. Without it, Kconfig.results' defaults
# apply.
KSRC ?=
ifneq ($(KSRC),)
  RKSRC := $(abspath $(KSRC))
  ifneq ($(words $(wildcard $(RKSRC)/Makefile $(RKSRC)/Kconfig \
		$(RKSRC)/scripts/Kbuild.include)),3)
    $(error KSRC=$(KSRC): not a kernel tree (no Makefile, Kconfig and scripts/Kbuild.include))
  endif
  RTOP := $(RKSRC)
else
  RTOP := $(srctree)
endif
RESULTS_CONFIG := $(RTOP)/.results.config
KCONFIG_CONF ?= kconfig-conf
KCONFIG_MCONF ?= kconfig-mconf
ifneq ($(wildcard $(RESULTS_CONFIG)),)
  include $(RESULTS_CONFIG)
else
  CONFIG_RESULTS_BUILD := y
  CONFIG_RESULTS_BUILD_CONFIG := "defconfig"
  CONFIG_RESULTS_BUILD_W := "1"
  CONFIG_RESULTS_BUILD_TARGETS := "all"
  CONFIG_RESULTS_UNIT := y
  CONFIG_RESULTS_SPARSE := y
  CONFIG_RESULTS_SPARSE_C1 := y
  CONFIG_RESULTS_PREVIOUS_TAG := "v[0-9]*"
endif
# a Kconfig string's value: "a b" is a b
unquote = $(patsubst "%,%,$(patsubst %",%,$(1)))

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

# make results: build, test and check a tree and write RESULTS at its top
# (also with O=), compared with the previous release: RESULTS_PREVIOUS (a
# revision or a RESULTS file) when given, else the latest tag before HEAD
# that matches RESULTS_PREVIOUS_TAG; with no such tag, nothing is compared.
# The tree is this one (the dogfood) or, with KSRC=DIR, the kernel tree DIR.
# Each check is a rule, results-CHECK, so that make -j runs them side by
# side; each writes CHECK.log in the working directory .results/ under the
# output directory, or CHECK.notice ("TOOL:not run: REASON") when it
# cannot run.
RESULTS_PREVIOUS_TAG ?= $(call unquote,$(CONFIG_RESULTS_PREVIOUS_TAG))
RESULTS_PREVIOUS ?=
RWORK := $(OUTPUT).results/
RLOG := .results/
R_KTAP_FILES := $(call unquote,$(CONFIG_RESULTS_KTAP_FILES))
R_KCIDB_FILES := $(call unquote,$(CONFIG_RESULTS_KCIDB_FILES))
R_KNOWN := $(call unquote,$(CONFIG_RESULTS_KNOWN))

.PHONY: results results-prepare
results-prepare:
	$(Q)rm -rf $(RWORK) && mkdir -p $(RWORK)

ifeq ($(KSRC),)
# This tree: the tool is built from scratch in a directory of its own, so
# that every run reads the same build log; the unit tests write KTAP.
RCHECKS := $(if $(filter y,$(CONFIG_RESULTS_BUILD)),build) \
	$(if $(filter y,$(CONFIG_RESULTS_UNIT)),unit) \
	$(if $(filter y,$(CONFIG_RESULTS_SPARSE)),sparse)
RBUILD_ARGS := $(if $(call unquote,$(CONFIG_RESULTS_BUILD_W)),W=$(call unquote,$(CONFIG_RESULTS_BUILD_W))) \
	$(if $(CONFIG_RESULTS_BUILD_LLVM),LLVM=1 CC=clang) \
	$(call unquote,$(CONFIG_RESULTS_BUILD_TARGETS))
RBUILD_CC := $(if $(CONFIG_RESULTS_BUILD_LLVM),clang,$(CC))
.PHONY: $(addprefix results-,$(RCHECKS))
$(addprefix results-,$(RCHECKS)): results-prepare $(RESULTS)

results-build:
	@$(call progress,BUILD,$(RLOG)build.log)
	$(Q){ $(RBUILD_CC) --version 2>&1 | head -n 1; \
	      echo '$$ make $(RBUILD_ARGS)'; \
	      $(MAKE) O=$(RWORK)build V=0 $(RBUILD_ARGS) 2>&1; } \
		> $(RWORK)build.log 2>&1 || :

results-unit: $(CHECK_RESULTS)
	@$(call progress,TEST,$(RLOG)unit.log)
	$(Q)status=0; RESULTS_BIN=$(RESULTS) RESULTS_SRCTREE=$(srctree) \
		RESULTS_CORPUS=$(CORPUS) CK_VERBOSITY=normal \
		CK_TAP_LOG_FILE_NAME=$(RWORK)unit.tap \
		RESULTS_KTAP=$(RWORK)unit.ktap \
		$(CHECK_RESULTS) > $(RWORK)unit.log 2>&1 || status=$$?; \
		if [ ! -s $(RWORK)unit.ktap ]; then \
			printf 'check:unit tests: %s (exit %s)\n' \
			"$$(tail -n 1 $(RWORK)unit.log)" "$$status" \
			> $(RWORK)unit.notice; \
		fi

results-sparse:
	$(Q)if command -v sparse >/dev/null 2>&1; then \
		$(call progress,SPARSE,$(RLOG)sparse.log); \
		for f in $(patsubst $(srctree)/%,%,$(TOOL_SRCS)); do \
			printf '  %-7s %s\n' CHECK $$f; \
			(cd $(srctree) && sparse -D_GNU_SOURCE \
				$(shell $(PKG_CONFIG) --cflags jansson yaml-0.1) $$f); \
		done > $(RWORK)sparse.log 2>&1; \
	else \
		echo 'sparse:not run: sparse is not installed' > $(RWORK)sparse.notice; \
	fi

results: results-prepare $(addprefix results-,$(RCHECKS)) $(RESULTS)
	@$(call progress,RESULTS,RESULTS)
	$(Q)set --; \
	if [ -f $(RWORK)build.log ]; then set -- build:$(RWORK)build.log; fi; \
	for f in $(R_KTAP_FILES); do \
		[ -f "$$f" ] && set -- "$$@" "ktap:$$f"; \
	done; \
	for f in $(R_KCIDB_FILES); do \
		[ -f "$$f" ] && set -- "$$@" "$$f"; \
	done; \
	if [ -n '$(R_KNOWN)' ]; then set -- "$$@" --known '$(R_KNOWN)'; fi; \
	if [ -f $(RWORK)sparse.log ]; then set -- "$$@" sparse:$(RWORK)sparse.log; fi; \
	if [ -s $(RWORK)unit.ktap ]; then set -- "$$@" ktap:$(RWORK)unit.ktap; fi; \
	for c in $(if $(CONFIG_RESULTS_KUNIT),kunit) \
		 $(if $(CONFIG_RESULTS_COCCI),coccinelle) \
		 $(if $(CONFIG_RESULTS_DT),dt); do \
		set -- "$$@" --notice "$$c:not run: this tree is not a kernel tree"; \
	done; \
	for f in $(R_KTAP_FILES) $(R_KCIDB_FILES); do \
		[ -f "$$f" ] || set -- "$$@" --notice "results:not run: $$f does not exist"; \
	done; \
	for f in $(RWORK)*.notice; do \
		[ -f "$$f" ] || continue; \
		while IFS= read -r n; do set -- "$$@" --notice "$$n"; done < "$$f"; \
	done; \
	if [ -n '$(RESULTS_PREVIOUS)' ]; then \
		set -- --previous '$(RESULTS_PREVIOUS)' "$$@"; \
	else \
		set -- --previous-tag '$(RESULTS_PREVIOUS_TAG)' "$$@"; \
	fi; \
	$(RESULTS) render --srctree $(srctree) -o $(srctree)/RESULTS "$$@"

else
# A kernel tree. Each check builds in a directory of its own under the
# working directory (make O=; coccicheck reads the tree in place), from
# scratch and with make -k, so that what it reports depends neither on
# an earlier run nor on -j, and writes CHECK.status (its exit status),
# CHECK.version (its tool's) and CHECK.results: its log rendered with
# the labels of its Kconfig.results option, tool_version and exit.
# RESULTS is rendered from those, the KCIDB files and the notices.
RKWORK := $(abspath $(RWORK))/
RCHECKS := $(if $(filter y,$(CONFIG_RESULTS_BUILD)),build) \
	$(if $(filter y,$(CONFIG_RESULTS_SPARSE)),sparse) \
	$(if $(filter y,$(CONFIG_RESULTS_KUNIT)),kunit) \
	$(if $(filter y,$(CONFIG_RESULTS_COCCI)),cocci) \
	$(if $(filter y,$(CONFIG_RESULTS_DT)),dt) \
	$(if $(R_KTAP_FILES),ktap)
.PHONY: $(addprefix results-,$(RCHECKS))
$(addprefix results-,$(RCHECKS)): results-prepare $(RESULTS)

# The tools, by Kbuild's names: CHECK=, SPATCH=, DT_CHECKER= given to make
# results go on to the kernel's make too
CHECK ?= sparse
SPATCH ?= spatch
DT_CHECKER ?= dt-validate
PYTHON3 ?= python3

# a path of the kernel tree, as given or relative to it
rk_path = $(foreach p,$(1),$(if $(filter /%,$(p)),$(p),$(RKSRC)/$(p)))

# $(call rk_notrun,CHECK,TOOL,REASON): the check cannot run; it ends the
# recipe line (REASON may hold shell variables)
rk_notrun = { printf '%s:not run: %s\n' '$(2)' "$(3)" > $(RWORK)$(1).notice; exit 0; }
# $(call rk_need,CHECK,TOOL,COMMAND): not run unless COMMAND is installed
rk_need = command -v $(3) > /dev/null 2>&1 || \
	$(call rk_notrun,$(1),$(2),$(3) is not installed)
# $(call rk_exists,CHECK,TOOL,PATHS): not run unless each of PATHS (of the
# kernel tree) exists
rk_exists = for p in $(3); do \
	case $$p in /*) q=$$p ;; *) q=$(RKSRC)/$$p ;; esac; [ -e "$$q" ] || \
	$(call rk_notrun,$(1),$(2),$$p: no such file or directory); done
# $(call rk_start,CHECK,PROGRESS,COMMAND): the progress line, and the
# first line of COMMAND --version, as "COMMAND VERSION", in CHECK.version
rk_start = $(call progress,$(2),$(RLOG)$(1).log); \
	v=$$($(3) --version 2>&1 < /dev/null | sed -e '1!d' -e 's/([^)]*)//g' | \
		tr ' ' '\n' | grep -m 1 '^[0-9][0-9]*\.[0-9]'); \
	echo "$(notdir $(3)) $${v:-unknown}" > $(RWORK)$(1).version
# $(call rk_make,CHECK,ARGS): "$ make ARGS" into the log, then make ARGS
# in the kernel tree, building in CHECK/ of the working directory; never
# silent (make -s results): the log's CC lines are the coverage
rk_make = { echo '$$ make $(strip $(2))'; \
	$(MAKE) --no-silent -C $(RKSRC) O=$(RKWORK)$(1) V=0 W= C= $(2) 2>&1; }
# $(call rk_render,CHECK,INPUT,LABELS,OPTIONS): CHECK.results, one
# check's RESULTS, compared with nothing (--no-config: the final render
# alone takes the previous release and the known issues)
rk_render = $(RESULTS) render --no-config --srctree $(RKSRC) $(4) \
	--label exit=$$(cat $(RWORK)$(1).status) \
	--label "tool_version=$$(cat $(RWORK)$(1).version)" \
	$(foreach l,$(call unquote,$(3)),--label '$(l)') \
	-o $(RWORK)$(1).results $(2)

RK_ARCH := $(addprefix ARCH=,$(call unquote,$(CONFIG_RESULTS_BUILD_ARCH)))
RK_LLVM := $(if $(filter y,$(CONFIG_RESULTS_BUILD_LLVM)),LLVM=1)
RK_CC := $(if $(RK_LLVM),clang,gcc)
RK_KCONFIG := $(RK_ARCH) $(RK_LLVM) $(call unquote,$(CONFIG_RESULTS_BUILD_CONFIG))
RK_BUILD_TARGETS := $(call unquote,$(CONFIG_RESULTS_BUILD_TARGETS))
RK_BUILD_W := $(addprefix W=,$(call unquote,$(CONFIG_RESULTS_BUILD_W)))

results-build:
	$(Q)+$(call rk_need,build,$(RK_CC),$(RK_CC)); \
	$(call rk_exists,build,$(RK_CC),$(filter %/,$(RK_BUILD_TARGETS))); \
	$(call rk_start,build,BUILD,$(RK_CC)); \
	{ $(RK_CC) --version 2>&1 | head -n 1; \
	  $(call rk_make,build,$(RK_KCONFIG)) && \
	  $(call rk_make,build,-k $(RK_ARCH) $(RK_LLVM) $(RK_BUILD_W) $(RK_BUILD_TARGETS)); \
	  echo $$? > $(RWORK)build.status; } > $(RWORK)build.log; \
	$(call rk_render,build,build:$(RWORK)build.log,$(CONFIG_RESULTS_BUILD_LABELS),--objtree $(RKWORK)build)

RK_SPARSE_TARGETS := $(or $(call unquote,$(CONFIG_RESULTS_SPARSE_TARGETS)),$(RK_BUILD_TARGETS),all)
RK_SPARSE_C := C=$(if $(filter y,$(CONFIG_RESULTS_SPARSE_C2)),2,1)

results-sparse:
	$(Q)+$(call rk_need,sparse,sparse,$(CHECK)); \
	$(call rk_exists,sparse,sparse,$(filter %/,$(RK_SPARSE_TARGETS))); \
	$(call rk_start,sparse,SPARSE,$(CHECK)); \
	{ $(call rk_make,sparse,$(RK_KCONFIG)) && \
	  $(call rk_make,sparse,-k $(RK_ARCH) $(RK_LLVM) $(RK_SPARSE_C) $(RK_SPARSE_TARGETS)); \
	  echo $$? > $(RWORK)sparse.status; } > $(RWORK)sparse.log; \
	$(call rk_render,sparse,sparse:$(RWORK)sparse.log,$(CONFIG_RESULTS_SPARSE_LABELS),--objtree $(RKWORK)sparse)

# kunit.py runs make itself, with its own --jobs
RK_KUNITCONFIG := $(call unquote,$(CONFIG_RESULTS_KUNIT_KUNITCONFIG))
RK_KUNIT_ARGS := --arch=$(call unquote,$(CONFIG_RESULTS_KUNIT_ARCH)) \
	$(addprefix --kunitconfig=,$(RK_KUNITCONFIG)) \
	$(call unquote,$(CONFIG_RESULTS_KUNIT_ARGS))

results-kunit:
	$(Q)$(call rk_need,kunit,kunit,$(PYTHON3)); \
	$(call rk_exists,kunit,kunit,tools/testing/kunit/kunit.py $(RK_KUNITCONFIG)); \
	$(call rk_start,kunit,KUNIT,$(PYTHON3)); \
	{ echo '$$ ./tools/testing/kunit/kunit.py run $(strip $(RK_KUNIT_ARGS))'; \
	  (cd $(RKSRC) && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		$(PYTHON3) tools/testing/kunit/kunit.py run \
		--build_dir=$(RKWORK)kunit --json=$(RKWORK)kunit.json \
		$(RK_KUNIT_ARGS) < /dev/null 2>&1); \
	  echo $$? > $(RWORK)kunit.status; } > $(RWORK)kunit.log; \
	in=kunit:$(RWORK)kunit.log; \
	if [ -s $(RWORK)kunit.json ]; then in=kunit:$(RWORK)kunit.json; fi; \
	$(call rk_render,kunit,"$$in",$(CONFIG_RESULTS_KUNIT_LABELS))

RK_COCCI_ARGS := MODE=$(or $(call unquote,$(CONFIG_RESULTS_COCCI_MODE)),report) \
	$(addprefix M=,$(call unquote,$(CONFIG_RESULTS_COCCI_M))) \
	$(addprefix COCCI=,$(call unquote,$(CONFIG_RESULTS_COCCI_COCCI)))

results-cocci:
	$(Q)+$(call rk_need,cocci,coccinelle,$(SPATCH)); \
	$(call rk_exists,cocci,coccinelle,$(call unquote,$(CONFIG_RESULTS_COCCI_M)) \
		$(call unquote,$(CONFIG_RESULTS_COCCI_COCCI))); \
	$(call rk_start,cocci,COCCI,$(SPATCH)); \
	{ echo '$$ make coccicheck $(strip $(RK_COCCI_ARGS))'; \
	  $(MAKE) -C $(RKSRC) O= V=0 W= C= coccicheck $(RK_COCCI_ARGS) 2>&1; \
	  echo $$? > $(RWORK)cocci.status; } > $(RWORK)cocci.log; \
	$(call rk_render,cocci,cocci:$(RWORK)cocci.log,$(CONFIG_RESULTS_COCCI_LABELS))

# dtbs_check builds dtc and the dtbs only: no cross compiler is needed.
# A dtb target needs the processed schema, which dt_binding_check makes
# (with CHECK_DT_BINDING= and no more when the binding check is off).
RK_DT_ARCH := $(addprefix ARCH=,$(call unquote,$(CONFIG_RESULTS_DT_ARCH)))
RK_DTBS := $(call unquote,$(CONFIG_RESULTS_DT_DTBS))
RK_DT_SCHEMA := $(addprefix DT_SCHEMA_FILES=,$(call unquote,$(CONFIG_RESULTS_DT_SCHEMA_FILES)))
RK_DT_BINDING := $(filter y,$(CONFIG_RESULTS_DT_BINDING_CHECK))

results-dt:
	$(Q)+$(call rk_need,dt,dt,$(DT_CHECKER)); \
	$(call rk_exists,dt,dt,$(patsubst %,arch/%/boot/dts,$(call unquote,$(CONFIG_RESULTS_DT_ARCH)))); \
	$(call rk_start,dt,DTCHECK,$(DT_CHECKER)); \
	{ $(call rk_make,dt,$(RK_DT_ARCH) $(call unquote,$(CONFIG_RESULTS_DT_CONFIG))) && \
	  $(if $(RK_DT_BINDING)$(RK_DTBS),$(call rk_make,dt,$(RK_DT_ARCH) dt_binding_check \
		$(if $(RK_DT_BINDING),,CHECK_DT_BINDING=) $(RK_DT_SCHEMA)) &&) \
	  $(call rk_make,dt,-k $(RK_DT_ARCH) $(if $(RK_DTBS),CHECK_DTBS=y $(RK_DTBS),dtbs_check) \
		$(RK_DT_SCHEMA)); \
	  echo $$? > $(RWORK)dt.status; } > $(RWORK)dt.log; \
	$(call rk_render,dt,dt:$(RWORK)dt.log,$(CONFIG_RESULTS_DT_LABELS),--objtree $(RKWORK)dt)

# KTAP logs by path: no tool runs
results-ktap:
	$(Q)set --; \
	for f in $(call rk_path,$(R_KTAP_FILES)); do \
		if [ -f "$$f" ]; then set -- "$$@" "ktap:$$f"; else \
		echo "results:not run: $${f#$(RKSRC)/} does not exist" \
			>> $(RWORK)ktap.notice; fi; \
	done; \
	[ $$# = 0 ] || $(RESULTS) render --no-config --srctree $(RKSRC) \
		$(foreach l,$(call unquote,$(CONFIG_RESULTS_KTAP_LABELS)),--label '$(l)') \
		-o $(RWORK)ktap.results "$$@"

results: results-prepare $(addprefix results-,$(RCHECKS)) $(RESULTS)
	@$(call progress,RESULTS,RESULTS)
	$(Q)set --; \
	for c in $(RCHECKS); do \
		[ ! -f $(RWORK)$$c.results ] || set -- "$$@" results:$(RWORK)$$c.results; \
	done; \
	for f in $(call rk_path,$(R_KCIDB_FILES)); do \
		if [ -f "$$f" ]; then set -- "$$@" "kcidb:$$f"; else \
		echo "results:not run: $${f#$(RKSRC)/} does not exist" \
			>> $(RWORK)kcidb.notice; fi; \
	done; \
	for f in $(RWORK)*.notice; do \
		[ -f "$$f" ] || continue; \
		while IFS= read -r n; do set -- "$$@" --notice "$$n"; done < "$$f"; \
	done; \
	if [ $$# = 0 ]; then \
		echo "make results: no check is enabled: $(RKSRC)/RESULTS not written" >&2; \
		exit 1; \
	fi; \
	if [ -n '$(R_KNOWN)' ]; then set -- "$$@" --known '$(call rk_path,$(R_KNOWN))'; fi; \
	if [ -n '$(RESULTS_PREVIOUS)' ]; then \
		set -- --previous '$(RESULTS_PREVIOUS)' "$$@"; \
	else \
		set -- --previous-tag '$(RESULTS_PREVIOUS_TAG)' "$$@"; \
	fi; \
	$(RESULTS) render --srctree $(RKSRC) -o $(RKSRC)/RESULTS "$$@"
endif

# make resultsinstall KSRC=DIR: a GNUmakefile in the kernel tree DIR, which
# make reads before the kernel's Makefile: "make results" there (and
# resultsconfig, ...) runs this Makefile with KSRC=DIR; any other goal
# goes to the kernel's Makefile. It is kept out of git by
# .git/info/exclude; delete it to undo.
RESULTS_GOALS := results resultsconfig resultsdefconfig resultsoldconfig
define results_gnumakefile
# results: "make results" in this tree runs results' Makefile
# (make resultsinstall wrote this file; delete it to undo)
RESULTS_DIR := $(abspath $(srctree))
results-goals := $$(filter $(RESULTS_GOALS),$$(MAKECMDGOALS))
ifneq ($$(results-goals),)
.PHONY: $$(results-goals)
$$(results-goals):
	@+$$(MAKE) --no-print-directory -C $$(RESULTS_DIR) $$@ KSRC=$$(CURDIR) \
		$$(if $$(O),O=$$(abspath $$(O)))
else
include Makefile
endif
endef

.PHONY: resultsinstall
resultsinstall:
	$(if $(KSRC),,$(error resultsinstall: name the kernel tree, KSRC=DIR))
	$(file >$(RKSRC)/.GNUmakefile.tmp,$(results_gnumakefile))
	@$(call progress,INSTALL,$(RKSRC)/GNUmakefile)
	$(Q)if [ -e $(RKSRC)/GNUmakefile ] && \
	    ! head -n 1 $(RKSRC)/GNUmakefile | grep -q '^# results: '; then \
		rm -f $(RKSRC)/.GNUmakefile.tmp; \
		echo "$(RKSRC)/GNUmakefile is not results': left as it is" >&2; \
		exit 1; \
	fi
	$(Q)mv $(RKSRC)/.GNUmakefile.tmp $(RKSRC)/GNUmakefile
	$(Q)if [ -z "$$(git -C $(RKSRC) rev-parse --show-prefix 2>&1)" ]; then \
		x=$$(cd $(RKSRC) && realpath -m "$$(git rev-parse --git-path info/exclude)"); \
		mkdir -p "$$(dirname "$$x")"; \
		for p in /GNUmakefile /.results.config.old; do \
			grep -qxF "$$p" "$$x" 2>/dev/null || echo "$$p" >> "$$x"; \
		done; \
	fi

# make check-kernel: make results on a real kernel tree, Debian's
# linux-source-6.1, unpacked into CHECK_KERNEL_DIR (reused when there) and
# checked with a small configuration; it installs what it lacks when run
# as root. See tests/check-kernel.sh.
CHECK_KERNEL_DIR ?= $(OUTPUT).check-kernel
.PHONY: check-kernel
check-kernel:
	$(Q)$(srctree)/tests/check-kernel.sh $(abspath $(srctree)) \
		$(abspath $(CHECK_KERNEL_DIR))

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
	@echo '                 compared with the previous release (a tag);'
	@echo '                 with KSRC=DIR, the kernel tree DIR'
	@echo '  resultsconfig  choose the checks (also resultsdefconfig,'
	@echo '                 resultsoldconfig); with KSRC=DIR, for DIR'
	@echo '  resultsinstall KSRC=DIR: "make results" in the kernel tree DIR'
	@echo '  check-kernel   make results on Debian'"'"'s linux-source-6.1'
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
	@echo '           KSRC=DIR  CHECK=sparse  SPATCH=spatch  DT_CHECKER=dt-validate'
	@echo '           CHECK_KERNEL_DIR=DIR (.check-kernel)'
