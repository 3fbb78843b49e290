#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Speed and memory of results against the tools a maintainer would
# otherwise use, measured in the same run on the same inputs:
#
#   tests/bench/bench.sh RESULTS-BINARY
#
# Inputs, generated into a temporary directory that is removed at exit:
#
#   varied-N    the corpus build logs ($RESULTS_CORPUS/build/*.log)
#               concatenated until the log is N MB, with a copy number
#               put into every source directory ("arch/x86/mm/c17/
#               pgtable.c"), so that distinct diagnostics and units grow
#               with the log
#   repeated-N  the same, but cycling through a fixed set of copies, so
#               that the distinct records stay the same however long the
#               log is: only the occurrence counts grow
#
# When the corpus is missing, a synthetic log of the same shape is used
# (kbuild progress lines, gcc diagnostics with their context, kernel-doc
# warnings, make's "***" lines).
#
# Commands, each run RESULTS_BENCH_RUNS times (default 3), best wall time
# kept; peak RSS from /usr/bin/time -f %M (Debian package "time"):
#
#   wc -l LOG                                           the floor
#   grep -E ': (warning|error): ' LOG | sort | uniq -c | sort -rn
#                                                       the usual pipeline
#   results parse --json LOG
#   results render --release bench --commit bench LOG
#
# (--release and --commit only keep "git describe" out of the timing.)
# Everything runs with LC_ALL=C; output goes to /dev/null.
#
# The last line says whether memory stays flat: the peak RSS of results
# on the largest repeated log within 1.5x of that on the smallest. This
# is a benchmark, not a test: the exit status is non-zero only when a
# command fails, never because something is slow or big.
#
# A second part reads KTAP: a kernel console log of KUnit's shape,
# generated with RESULTS_BENCH_KTAP cases (default 300000) in suites of
# 300, parameterised cases among them, one case in 50 skipped and one in
# 100 failed with its diagnostic lines, and a tenth of that log. It times
# "results render" on both, and "kunit.py parse --json" on the large one
# when KUNIT_PY names tools/testing/kunit/kunit.py inside a kernel tree
# (kunit.py runs only from there; Debian's linux-source-6.1 has one), and
# prints how many times faster results is (the goal: 100x at least).
#
# Environment: RESULTS_CORPUS (the shared corpus), RESULTS_BENCH_SIZES
# (log sizes in MB, default "20 200"), RESULTS_BENCH_RUNS, TMPDIR,
# RESULTS_BENCH_KTAP, KUNIT_PY. 1 MB is 2^20 bytes throughout.

set -euo pipefail
export LC_ALL=C

me=${0##*/}

die() {
	printf '%s: %s\n' "$me" "$*" >&2
	exit 1
}

if [[ $# -ne 1 ]]; then
	printf 'usage: %s RESULTS-BINARY\n' "$me" >&2
	exit 2
fi

results=$1
case $results in
/*) ;;
*) results=$PWD/$results ;;
esac
[[ -x $results ]] || die "$results: not an executable"

read -r -a sizes <<< "${RESULTS_BENCH_SIZES:-20 200}"
runs=${RESULTS_BENCH_RUNS:-3}
[[ ${#sizes[@]} -ge 1 ]] || die "RESULTS_BENCH_SIZES is empty"
for s in "${sizes[@]}" "$runs"; do
	[[ $s =~ ^[1-9][0-9]*$ ]] || die "not a positive number: '$s'"
done

# copies of the corpus a repeated log cycles through (about 1 MB)
repeat_copies=40

corpus=${RESULTS_CORPUS:-}
corpus_logs=()
if [[ -n $corpus && -d $corpus/build ]]; then
	# absolute: the inputs are made in the temporary directory
	corpus=$(cd "$corpus" && pwd)
	shopt -s nullglob
	corpus_logs=("$corpus"/build/*.log)
	shopt -u nullglob
fi

timer=/usr/bin/time
if [[ ! -x $timer ]] || ! "$timer" -f %M -o /dev/null true 2>/dev/null; then
	timer=
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/results-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# now_us: the wall clock in microseconds, into $us (no fork with bash 5)
now_us() {
	if [[ -n ${EPOCHREALTIME:-} ]]; then
		us=${EPOCHREALTIME/[.,]/}
	else
		us=$(date +%s%N)
		us=$((us / 1000))
	fi
}

# The template: one copy of the logs, "@N@" where the copy number goes.
# Every path under a top-level source directory gets it before its file
# name, so arch=x86 and the file names themselves stay as they were.
make_template() {
	local dirs='arch|block|crypto|drivers|fs|include|init|ipc|kernel|lib|mm|net|samples|security|sound|tools|virt'

	if [[ ${#corpus_logs[@]} -gt 0 ]]; then
		sed -E "s#(^|[][ '(\"])(($dirs)/([^ :'\"]*/)?)#\\1\\2@N@/#g" \
			"${corpus_logs[@]}" > template
		return
	fi
	# No corpus: a build of the same shape, written here
	awk 'BEGIN {
		split("arch/x86/kernel arch/x86/mm drivers/acpi drivers/ata " \
		      "drivers/scsi fs/ext4 kernel/sched mm net/core", dir, " ")
		print "make[1]: Entering directory '\''linux-build'\''"
		print "  SYNC    include/config/auto.conf"
		print "  CALL    scripts/checksyscalls.sh"
		for (d = 1; d <= 9; d++) {
			for (f = 1; f <= 12; f++) {
				p = dir[d] "/@N@/file" f
				printf "  CC      %s.o\n", p
				if (f % 4 == 1) {
					printf "%s.c: In function \342\200\230fn%d\342\200\231:\n", p, f
					printf "%s.c:%d:%d: warning: variable \342\200\230ret\342\200\231 set but not used [-Wunused-but-set-variable]\n", p, 100 + f, 13
					printf "  %d |         int ret;\n", 100 + f
					printf "      |             ^~~\n"
				}
				if (f % 4 == 2) {
					printf "%s.c:%d:6: warning: no previous prototype for \342\200\230fn%d\342\200\231 [-Wmissing-prototypes]\n", p, 200 + f, f
					printf "  %d | void fn%d(void)\n", 200 + f, f
					printf "      |      ^~~\n"
				}
				if (f % 3 == 0)
					printf "%s.c:%d: warning: Function parameter or member '\''arg'\'' not described in '\''fn%d'\''\n", p, 300 + f, f
			}
			printf "  AR      %s/@N@/built-in.a\n", dir[d]
		}
		p = dir[1] "/@N@/file13"
		printf "  CC      %s.o\n", p
		printf "%s.c:42:5: error: implicit declaration of function \342\200\230nope\342\200\231 [-Werror=implicit-function-declaration]\n", p
		printf "   42 |     nope();\n"
		printf "      |     ^~~~\n"
		print "cc1: some warnings being treated as errors"
		printf "make[4]: *** [scripts/Makefile.build:250: %s.o] Error 1\n", p
		print "make[3]: *** [scripts/Makefile.build:500: arch/x86/kernel] Error 2"
		print "make: *** [Makefile:2010: .] Error 2"
	}' > template
}

# gen_log TARGET-BYTES DISTINCT-COPIES OUT: copies of the template until
# TARGET-BYTES is reached, copy k written "ck"; DISTINCT-COPIES 0 makes
# every copy distinct, K cycles through c1..cK
gen_log() {
	awk -v target="$1" -v distinct="$2" '
	{ line[++n] = $0 }
	END {
		for (c = 1; out < target; c++) {
			tag = "c" (distinct ? (c - 1) % distinct + 1 : c)
			for (i = 1; i <= n; i++) {
				s = line[i]
				gsub(/@N@/, tag, s)
				print s
				out += length(s) + 1
			}
		}
	}' template > "$3"
}

make_template
tmpl_paths=$(grep -o '@N@' template | wc -l)
tmpl_bytes=$(($(wc -c < template) - 3 * tmpl_paths))
tmpl_diags=$(grep -c -E ': (warning|error): ' template || :)
if [[ ${#corpus_logs[@]} -gt 0 ]]; then
	origin="the ${#corpus_logs[@]} corpus build logs ($corpus/build)"
else
	origin="a synthetic build log (no corpus at '${corpus:-unset}')"
fi

inputs=()
for size in "${sizes[@]}"; do
	inputs+=("varied-$size")
done
for size in "${sizes[@]}"; do
	inputs+=("repeated-$size")
done

# the maintainer's pipeline; pipefail so that a failing part is seen
# shellcheck disable=SC2016 # $1 belongs to the inner shell
pipeline='set -o pipefail
grep -E ": (warning|error): " "$1" | sort | uniq -c | sort -rn'

# run_once NAME LOG: one run of a command; sets elapsed_us and rss_kb
run_once() {
	local name=$1 log=$2 t0 t1 status=0
	local -a cmd

	case $name in
	wc) cmd=(wc -l "$log") ;;
	grep) cmd=(bash -c "$pipeline" grep "$log") ;;
	parse) cmd=("$results" parse --json "$log") ;;
	render) cmd=("$results" render --release bench --commit bench "$log") ;;
	esac
	now_us
	t0=$us
	if [[ -n $timer ]]; then
		"$timer" -f %M -o rss "${cmd[@]}" > /dev/null 2> stderr || status=$?
	else
		"${cmd[@]}" > /dev/null 2> stderr || status=$?
	fi
	now_us
	t1=$us
	if [[ $status -ne 0 ]]; then
		cat stderr >&2
		die "failed (exit $status): ${cmd[*]}"
	fi
	elapsed_us=$((t1 - t0))
	rss_kb=
	if [[ -n $timer ]]; then
		rss_kb=$(tail -n 1 rss)
	fi
}

# measure INPUT NAME: best time and largest peak RSS over the runs
declare -A best_us peak_kb
measure() {
	local input=$1 name=$2 i
	local best='' peak=0

	for ((i = 0; i < runs; i++)); do
		run_once "$name" "$input.log"
		if [[ -z $best || $elapsed_us -lt $best ]]; then
			best=$elapsed_us
		fi
		if [[ -n $rss_kb && $rss_kb -gt $peak ]]; then
			peak=$rss_kb
		fi
	done
	best_us[$input,$name]=$best
	peak_kb[$input,$name]=$peak
}

commands=(wc grep parse render)

printf 'results benchmark: %s\n' "$results"
printf 'inputs from %s:\n  a copy is about %d bytes, %d paths varied, %d warning/error lines\n' \
	"$origin" "$tmpl_bytes" "$tmpl_paths" "$tmpl_diags"
printf '  varied-N: every copy has its own paths; repeated-N: copies cycle through %d path sets\n' \
	"$repeat_copies"
printf 'grep = grep -E %s LOG | sort | uniq -c | sort -rn; ' "': (warning|error): '"
printf 'render = results render; best of %d runs; LC_ALL=C; %s\n' "$runs" \
	"$(nproc 2>/dev/null || echo '?') CPUs"
if [[ -z $timer ]]; then
	printf 'peak RSS: /usr/bin/time not found; install the Debian package time (apt-get install time)\n'
fi
printf '\n'

fmt='%-13s %7s %7s %7s %7s %7s %9s %8s %8s %9s %9s\n'
# shellcheck disable=SC2059
printf "$fmt" input "size" "wc" "grep" "parse" "render" "render" \
	"render/" "render/" "parse" "render"
# shellcheck disable=SC2059
printf "$fmt" "" MB s s s s MB/s grep wc "RSS MB" "RSS MB"

for input in "${inputs[@]}"; do
	size=${input#*-}
	case $input in
	varied-*) gen_log $((size << 20)) 0 "$input.log" ;;
	*) gen_log $((size << 20)) "$repeat_copies" "$input.log" ;;
	esac
	for name in "${commands[@]}"; do
		measure "$input" "$name"
	done
	bytes=$(wc -c < "$input.log")
	awk -v fmt="$fmt" -v inp="$input" -v b="$bytes" \
	    -v wc="${best_us[$input,wc]}" -v gr="${best_us[$input,grep]}" \
	    -v pa="${best_us[$input,parse]}" -v re="${best_us[$input,render]}" \
	    -v prss="${peak_kb[$input,parse]}" -v rrss="${peak_kb[$input,render]}" \
	    -v have_rss="${timer:+1}" '
	function sec(us) { return sprintf("%.3f", us / 1e6) }
	function mb(kb) { return have_rss ? sprintf("%.1f", kb / 1024) : "n/a" }
	BEGIN {
		mib = b / 1048576
		printf fmt, inp, sprintf("%.1f", mib), sec(wc), sec(gr),
			sec(pa), sec(re), sprintf("%.1f", mib / (re / 1e6)),
			sprintf("%.1fx", re / gr), sprintf("%.0fx", re / wc),
			mb(prss), mb(rrss)
	}'
	rm -f "$input.log"
done

printf '\n'
small=repeated-${sizes[0]}
large=repeated-${sizes[${#sizes[@]} - 1]}
if [[ -z $timer ]]; then
	printf 'memory flat: unknown (no /usr/bin/time: apt-get install time)\n'
else
	awk -v small="$small" -v large="$large" \
	    -v ps="${peak_kb[$small,parse]}" -v pl="${peak_kb[$large,parse]}" \
	    -v rs="${peak_kb[$small,render]}" -v rl="${peak_kb[$large,render]}" '
	BEGIN {
		flat = pl <= 1.5 * ps && rl <= 1.5 * rs
		printf "memory flat: %s (peak RSS %s -> %s: parse %.1f -> %.1f MB, x%.2f; render %.1f -> %.1f MB, x%.2f; limit x1.50)\n",
			flat ? "yes" : "no", small, large,
			ps / 1024, pl / 1024, pl / ps, rs / 1024, rl / 1024, rl / rs
	}'
fi

# KTAP: KUnit's console with N cases, "[    1.234567] " before each line
gen_ktap() {
	awk -v cases="$1" 'BEGIN {
		per = 300
		suites = int((cases + per - 1) / per)
		t = 0
		printf "[    0.000000] Linux version 6.1.0 (bench)\n"
		printf "[    1.000000] KTAP version 1\n[    1.000000] 1..%d\n", suites
		for (s = 1; s <= suites; s++) {
			n = cases - (s - 1) * per
			if (n > per)
				n = per
			p = "[" sprintf("%5d.%06d", 1 + s / 1000, s % 1000000) "] "
			printf "%s    KTAP version 1\n%s    # Subtest: suite_%d\n%s    1..%d\n", p, p, s, p, n - int(n / 10) * 3
			pass = fail = skip = 0
			num = 0
			for (c = 1; c <= n; c++) {
				name = "s" s "_case_" c
				if (c % 10 == 1 && c + 3 <= n) {
					# a parameterised case: 4 parameters
					num++
					printf "%s        KTAP version 1\n%s        # Subtest: %s\n", p, p, name
					for (k = 1; k <= 4; k++)
						printf "%s        ok %d param-%d\n", p, k, k - 1
					printf "%s    # %s: pass:4 fail:0 skip:0 total:4\n", p, name
					printf "%s    ok %d %s\n", p, num, name
					pass += 4
					c += 3
					continue
				}
				num++
				if (c % 100 == 7) {
					printf "%s    # %s: EXPECTATION FAILED at lib/bench_test.c:%d\n", p, name, c
					printf "%s    Expected a == b, but\n%s        a == 1 (0x1)\n%s        b == 2 (0x2)\n", p, p, p
					printf "%s    not ok %d %s\n", p, num, name
					fail++
				} else if (c % 50 == 6) {
					printf "%s    ok %d %s # SKIP needs CONFIG_BENCH\n", p, num, name
					skip++
				} else {
					printf "%s    ok %d %s\n", p, num, name
					pass++
				}
			}
			printf "%s# Totals: pass:%d fail:%d skip:%d total:%d\n", p, pass, fail, skip, pass + fail + skip
			printf "%s%s %d suite_%d\n", p, fail ? "not ok" : "ok", s, s
		}
		printf "[ 9999.000000] reboot: System halted\n"
	}' > "$2"
}

# time_best LABEL CMD...: best wall time (us) into best, largest RSS (KB)
# into peak
time_best() {
	local i t0 status
	best=
	peak=0
	for ((i = 0; i < runs; i++)); do
		now_us
		t0=$us
		status=0
		if [[ -n $timer ]]; then
			"$timer" -f %M -o rss "$@" > /dev/null 2> stderr || status=$?
		else
			"$@" > /dev/null 2> stderr || status=$?
		fi
		now_us
		if [[ $status -ne 0 ]]; then
			cat stderr >&2
			die "failed (exit $status): $*"
		fi
		if [[ -z $best || $((us - t0)) -lt $best ]]; then
			best=$((us - t0))
		fi
		if [[ -n $timer && $(tail -n 1 rss) -gt $peak ]]; then
			peak=$(tail -n 1 rss)
		fi
	done
}

ktap_cases=${RESULTS_BENCH_KTAP:-300000}
[[ $ktap_cases =~ ^[1-9][0-9]*$ ]] || die "RESULTS_BENCH_KTAP: not a positive number: '$ktap_cases'"
small_cases=$((ktap_cases / 10 > 0 ? ktap_cases / 10 : 1))
printf '\nKTAP: a KUnit console log (printk times, 300 cases a suite, parameterised cases,\n'
printf '1 in 50 skipped, 1 in 100 failed with its diagnostics); best of %d runs\n\n' "$runs"
kfmt='%-12s %9s %7s %9s %9s %9s\n'
# shellcheck disable=SC2059
printf "$kfmt" cases MB lines render cases/s "RSS MB"
for n in "$small_cases" "$ktap_cases"; do
	gen_ktap "$n" "ktap-$n.log"
	time_best "$results" render --release bench --commit bench "ktap-$n.log"
	render_us[n]=$best
	awk -v fmt="$kfmt" -v n="$n" -v b="$(wc -c < "ktap-$n.log")" \
	    -v l="$(wc -l < "ktap-$n.log")" -v us="$best" -v kb="$peak" \
	    -v have_rss="${timer:+1}" 'BEGIN {
		printf fmt, n, sprintf("%.1f", b / 1048576), l,
			sprintf("%.3f s", us / 1e6), sprintf("%.0f", n / (us / 1e6)),
			have_rss ? sprintf("%.1f", kb / 1024) : "n/a"
	}'
	[[ $n == "$ktap_cases" ]] || rm -f "ktap-$n.log"
done

if [[ -z ${KUNIT_PY:-} ]]; then
	printf '\nkunit.py: not measured: KUNIT_PY is not set (point it at tools/testing/kunit/kunit.py\n'
	printf 'in a kernel tree, e.g. from the Debian package linux-source-6.1)\n'
elif [[ ! -f $KUNIT_PY || $KUNIT_PY != */tools/testing/kunit/kunit.py ]]; then
	printf '\nkunit.py: not measured: KUNIT_PY=%s is not tools/testing/kunit/kunit.py in a kernel tree\n' "$KUNIT_PY"
elif ! command -v python3 > /dev/null; then
	printf '\nkunit.py: not measured: python3 is not installed\n'
else
	# kunit.py exits 1 when a test failed, as some do here
	# shellcheck disable=SC2016 # for the inner shell
	time_best sh -c 'python3 "$0" parse --json "$1"; [ $? -le 1 ]' \
		"$KUNIT_PY" "$PWD/ktap-$ktap_cases.log"
	awk -v n="$ktap_cases" -v k="$best" -v r="${render_us[$ktap_cases]}" 'BEGIN {
		printf "\nkunit.py parse --json on the %d cases: %.3f s; results render: %.3f s: %.0fx faster (goal: 100x) %s\n",
			n, k / 1e6, r / 1e6, k / r, (k / r >= 100 ? "ok" : "BELOW THE GOAL")
	}'
fi
rm -f "ktap-$ktap_cases.log"
