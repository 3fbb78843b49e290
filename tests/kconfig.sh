#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Kconfig.results must be valid for the real kconfig tools:
#
#   tests/kconfig.sh SRCTREE
#
# kconfig-conf (Debian package kconfig-frontends-nox) parses it without a
# warning for the default, all-yes and all-no configurations, and the
# defaults are the ones make results falls back to without a config.
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

check() {
	local name=$1; shift
	if "$@"; then
		echo "PASS $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name"
		fail=$((fail + 1))
	fi
}

run_conf() {
	KCONFIG_CONFIG="$tmp/$1.config" kconfig-conf -s "--$1" \
		"$srctree/Kconfig.results" > "$tmp/$1.out" 2>&1 &&
		[ ! -s "$tmp/$1.out" ]
}

for mode in alldefconfig allyesconfig allnoconfig; do
	check "kconfig-$mode" run_conf "$mode"
done

# the defaults make results uses when there is no .results.config
defaults() {
	local c=$tmp/alldefconfig.config
	grep -qx 'CONFIG_RESULTS_BUILD=y' "$c" &&
		grep -qx 'CONFIG_RESULTS_BUILD_W="1"' "$c" &&
		grep -qx 'CONFIG_RESULTS_BUILD_TARGETS="all"' "$c" &&
		grep -qx 'CONFIG_RESULTS_UNIT=y' "$c" &&
		grep -qx 'CONFIG_RESULTS_SPARSE=y' "$c" &&
		grep -qx 'CONFIG_RESULTS_PREVIOUS_TAG="v\[0-9\]\*"' "$c" &&
		grep -qx '# CONFIG_RESULTS_KUNIT is not set' "$c"
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

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
