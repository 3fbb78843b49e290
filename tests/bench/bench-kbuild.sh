#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# results render on a realistic kernel build log, against grep:
#
#   tests/bench/bench-kbuild.sh RESULTS-BINARY
#
# gen-kbuild.awk writes a make -k C=1 W=1 log (4000 units in 200
# directories: gcc warnings with their excerpts, header warnings repeated
# per includer, kernel-doc, sparse with continuation lines, a dtbs_check
# block, make's "***" chain), first RESULTS_BENCH_KBUILD_MB megabytes
# (default 100), then twice that: the distinct diagnostics (about 20,000)
# stay the same, the occurrences double. A third log of the larger size
# ("-j4") builds each run of 4 neighbouring units in another order each
# pass, as make -j does, so that no pass repeats the one before line for
# line. For each log it prints, measured
# in the same run, best of RESULTS_BENCH_RUNS (default 3) by user time (the
# machine may be busy; user time is what the command itself spent), to
# the millisecond (the shell's "times"):
#
#   render/grep-c    results render over grep -c -E ': (warning|error):',
#                    its output through a pipe (on /dev/null, grep would
#                    stop at the first match)
#   render/pipeline  over grep -E ... | sort | uniq -c | sort -rn
#   RSS              the peak RSS of results render (/usr/bin/time)
#
# and whether that RSS stayed flat (within 1.2x) when the log doubled.
# A benchmark, not a test: it fails only when a command fails.
set -euo pipefail
export LC_ALL=C

results=$1
here=$(cd "$(dirname "$0")" && pwd)
mb=${RESULTS_BENCH_KBUILD_MB:-100}
runs=${RESULTS_BENCH_RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x /usr/bin/time ] || {
	echo "bench-kbuild: /usr/bin/time is missing (Debian package time)" >&2
	exit 1
}

# The user time of this shell's children so far, in seconds, from the
# output of the builtin "times" in @1: it gives milliseconds, where
# /usr/bin/time gives tens of them (too coarse for a ratio of two 0.15 s
# runs).
children_user() {
	awk 'NR == 2 { split($1, t, /[ms]/); printf "%.3f\n", t[1] * 60 + t[2] }' "$1"
}

# best user time of a command, in seconds; "times" runs in the shell
# whose children the command's runs are
best() {
	local b="" t i
	for ((i = 0; i < runs; i++)); do
		times > "$tmp/t0"
		"$@" > /dev/null
		times > "$tmp/t1"
		t=$(awk -v a="$(children_user "$tmp/t0")" \
			-v b="$(children_user "$tmp/t1")" \
			'BEGIN { printf "%.3f", b - a }')
		if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'; then
			b=$t
		fi
	done
	echo "$b"
}

rss() {
	/usr/bin/time -f %M -o "$tmp/rss" "$@" > /dev/null
	cat "$tmp/rss"
}

printf '%-13s %8s %8s %8s %8s %14s %16s %8s\n' log MB render grep-c pipeline \
	render/grep-c render/pipeline "RSS MB"
prev_rss=
for run in "$mb" $((mb * 2)) $((mb * 2))-j4; do
	size=${run%-j4}
	jobs=1
	[ "$run" = "$size" ] || jobs=4
	log=$tmp/kbuild-$run.log
	awk -v mb="$size" -v jobs="$jobs" -f "$here/gen-kbuild.awk" > "$log"
	r=$(best "$results" render --release bench --commit bench "$log")
	# through a pipe: with its output on /dev/null, grep stops early
	g=$(best sh -c "grep -c -E ': (warning|error):' '$log' | cat")
	p=$(best sh -c "grep -E ': (warning|error):' '$log' | sort | uniq -c | sort -rn")
	m=$(rss "$results" render --release bench --commit bench "$log")
	awk -v n="kbuild-$run" -v s="$(wc -c < "$log")" -v r="$r" -v g="$g" \
	    -v p="$p" -v m="$m" 'BEGIN {
		printf "%-13s %8.1f %8.3f %8.3f %8.3f %14.2f %16.2f %8.1f\n",
		       n, s / 1048576, r, g, p, (g > 0 ? r / g : 0),
		       (p > 0 ? r / p : 0), m / 1024
	}'
	[ -n "$prev_rss" ] && [ "$jobs" = 1 ] &&
	awk -v a="$prev_rss" -v b="$m" 'BEGIN {
		printf "memory flat when the log doubles: %s (%.1f -> %.1f MB)\n",
		       (b <= a * 1.2 ? "yes" : "no"), a / 1024, b / 1024
	}'
	prev_rss=$m
	rm -f "$log"
done
