#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Kconfig.results must be valid for the real kconfig tools:
#
#   tests/kconfig.sh SRCTREE
#
# kconfig-conf (Debian package kconfig-frontends-nox) parses it without a
# warning for the default, all-yes and all-no configurations, and the
# defaults are the ones make results falls back to without a config. With
# KSRC=, the config and results' GNUmakefile go into the kernel tree.
set -euo pipefail

srctree=$1
if ! command -v kconfig-conf > /dev/null 2>&1; then
	echo "SKIP kconfig: kconfig-conf not found (Debian package kconfig-frontends-nox)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

run_conf() {
	KCONFIG_CONFIG="$tmp/$1.config" kconfig-conf -s "--$1" \
		"$srctree/Kconfig.results" > "$tmp/$1.out" 2>&1 &&
		[ ! -s "$tmp/$1.out" ]
}

for mode in alldefconfig allyesconfig allnoconfig; do
	check "kconfig-$mode" run_conf "$mode"
done

# the defaults make results uses when there is no .results.config: the
# Makefile's list is alldefconfig's, for every symbol the Makefile reads
fallback() {
	sed -n '/^ifneq (\$(wildcard \$(RESULTS_CONFIG)),)/,/^endif/s/^  \(CONFIG_RESULTS_[A-Z0-9_]*\) := \(.*\)$/\1=\2/p' \
		"$srctree/Makefile" | sort
}
active() {
	grep -o 'CONFIG_RESULTS_[A-Z0-9_]*' "$srctree/Makefile" | sort -u |
		awk 'NR == FNR { read[$0] = 1; next }
		     /^CONFIG_RESULTS_[A-Z0-9_]*=/ && !/=""$/ {
			     split($0, kv, "="); if (kv[1] in read) print }' \
			- "$tmp/alldefconfig.config" | sort
}
defaults() {
	[ -n "$(fallback)" ] && diff -u <(active) <(fallback) &&
		grep -qx '# CONFIG_RESULTS_KUNIT is not set' "$tmp/alldefconfig.config"
}
check kconfig-defaults defaults

# a choice and a dependency hold in the all-yes configuration
yes_config() {
	local c=$tmp/allyesconfig.config
	[ "$(grep -c '^CONFIG_RESULTS_SPARSE_C[12]=y' "$c")" = 1 ] &&
		grep -qx 'CONFIG_RESULTS_DT_BINDING_CHECK=y' "$c"
}
check kconfig-allyes-choice yes_config

# every symbol the Makefile reads is defined in Kconfig.results
symbols() {
	local sym
	while read -r sym; do
		grep -q "^config ${sym#CONFIG_}\$" "$srctree/Kconfig.results" ||
			{ echo "$sym is read by the Makefile but not in Kconfig.results"; return 1; }
	done < <(grep -o 'CONFIG_RESULTS_[A-Z0-9_]*' "$srctree/Makefile" | sort -u)
}
check kconfig-makefile-symbols symbols

# A kernel tree (KSRC=): its .results.config, results' GNUmakefile in it,
# which sends the results goals to this Makefile and the others to the
# kernel's; here a stand-in tree, as the Makefile knows one
ksrc=$tmp/linux
mkdir -p "$ksrc/scripts"
: > "$ksrc/Kconfig"
: > "$ksrc/scripts/Kbuild.include"
printf 'kernelversion:\n\t@echo 6.1.192\n' > "$ksrc/Makefile"
unset MAKEFLAGS MFLAGS MAKELEVEL
kmake() {
	make --no-print-directory "$@" > "$tmp/make.out" 2>&1
}
ksrc_config() {
	kmake -C "$srctree" resultsdefconfig KSRC="$ksrc" &&
		grep -qx 'CONFIG_RESULTS_BUILD=y' "$ksrc/.results.config"
}
check kconfig-ksrc-config ksrc_config
gnumakefile() {
	rm -f "$ksrc/.results.config" &&
		kmake -C "$srctree" resultsinstall KSRC="$ksrc" &&
		head -n 1 "$ksrc/GNUmakefile" | grep -q '^# results: ' &&
		kmake -C "$srctree" resultsinstall KSRC="$ksrc" &&
		kmake -C "$ksrc" resultsdefconfig &&
		grep -qx 'CONFIG_RESULTS_BUILD=y' "$ksrc/.results.config" &&
		[ "$(make -s -C "$ksrc" kernelversion)" = 6.1.192 ]
}
check kconfig-ksrc-gnumakefile gnumakefile
foreign_gnumakefile() {
	echo '# mine' > "$ksrc/GNUmakefile" &&
		! kmake -C "$srctree" resultsinstall KSRC="$ksrc" &&
		[ "$(cat "$ksrc/GNUmakefile")" = '# mine' ] &&
		[ ! -e "$ksrc/.GNUmakefile.tmp" ]
}
check kconfig-ksrc-foreign-gnumakefile foreign_gnumakefile
not_kernel() {
	! kmake -C "$srctree" resultsdefconfig KSRC="$tmp" &&
		grep -q 'not a kernel tree' "$tmp/make.out"
}
check kconfig-ksrc-not-kernel not_kernel

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
