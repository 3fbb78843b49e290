#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make results on a real kernel tree (make check-kernel):
#
#   tests/check-kernel.sh SRCTREE DIR
#
# Debian's linux-source-6.1 (installed when missing) is unpacked into
# DIR/linux-source-6.1, or the unpack already there is reused. As
# Documentation/dev-tools/results.rst tells a maintainer, "make
# resultsinstall KSRC=" puts results' GNUmakefile into the tree, "make
# resultsdefconfig" there writes its .results.config (here from a small
# fragment) and "make -j results" there runs the checks, with the results
# output directory DIR/out (O=):
#
#   build    W=1 of kernel/time/ (x86_64 defconfig; CONFIG_WERROR makes
#            its W=1 warnings errors, so the build fails)
#   sparse   C=1 of kernel/time/
#   kunit    kunit.py run on UML with lib/kunit's kunitconfig
#   ktap     the kernel's own KTAP fixtures, tools/testing/kunit/test_data
#   cocci    free/put_device.cocci on drivers/soc/
#   dt       dtbs_check of arm64's arm/juno.dtb (no cross compiler needed)
#
# The RESULTS it writes at the top of the tree must hold the counts below.
# A second run, with V=1, makes every check unable to run and expects each
# to be listed as not run. The packages it lacks are installed when run as
# root (apt-get); otherwise it says which to install and fails.
set -euo pipefail

srctree=$1 dir=$2
ksrc=$dir/linux-source-6.1
out=$dir/out
tarball=/usr/src/linux-source-6.1.tar.xz
jobs=$(nproc)
start=$(date +%s)

# the make that runs this script is not the one of the kernel tree
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
# the tree is no git repository, whatever holds DIR
export GIT_CEILING_DIRECTORIES=$dir
# gcc's quotes, as in ../shared/corpus
export LC_ALL=C.UTF-8

pkgs=(linux-source-6.1 xz-utils make gcc libc6-dev bc flex bison libelf-dev
      libssl-dev python3 sparse coccinelle device-tree-compiler dt-schema
      yamllint kconfig-frontends-nox)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing+=("$p")
done
mkdir -p "$dir"
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "check-kernel: these Debian packages are missing; as root run:" >&2
		echo "  apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	printf '  %-7s %s\n' APT "${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get install -y -q "${missing[@]}" ||
	  { apt-get update -q && apt-get install -y -q "${missing[@]}"; }; } \
		> "$dir/apt.log" 2>&1 ||
		{ tail -n 20 "$dir/apt.log" >&2; echo "check-kernel: apt-get failed" >&2; exit 1; }
fi

if [ ! -f "$dir/.unpacked" ] || [ ! -f "$ksrc/Makefile" ]; then
	printf '  %-7s %s\n' UNPACK "$tarball"
	rm -rf "$ksrc" "$dir/.unpacked"
	tar -C "$dir" -xJf "$tarball"
	touch "$dir/.unpacked"
fi
rm -f "$ksrc/RESULTS" "$ksrc/.results.config" "$ksrc/.results.config.old" \
	"$ksrc/GNUmakefile"

pass=0 fail=0
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# the files go into the kernel tree: a GNUmakefile, out of git's sight
make -C "$srctree" -s resultsinstall KSRC="$ksrc"
kernel_make_works() {
	[ "$(make -C "$ksrc" -s kernelversion)" = 6.1.192 ]
}
check gnumakefile-kernel-goals kernel_make_works

cat > "$dir/results.fragment" <<EOF
CONFIG_RESULTS_BUILD=y
CONFIG_RESULTS_BUILD_TARGETS="kernel/time/"
CONFIG_RESULTS_SPARSE=y
CONFIG_RESULTS_SPARSE_TARGETS="kernel/time/"
CONFIG_RESULTS_KUNIT=y
CONFIG_RESULTS_KUNIT_ARGS="--jobs=$jobs"
CONFIG_RESULTS_KUNIT_KUNITCONFIG="lib/kunit"
CONFIG_RESULTS_KTAP_FILES="tools/testing/kunit/test_data/*.log"
CONFIG_RESULTS_KTAP_LABELS="config=kunit_test_data"
CONFIG_RESULTS_COCCI=y
CONFIG_RESULTS_COCCI_M="drivers/soc/"
CONFIG_RESULTS_COCCI_COCCI="scripts/coccinelle/free/put_device.cocci"
CONFIG_RESULTS_DT=y
CONFIG_RESULTS_DT_DTBS="arm/juno.dtb"
EOF
KCONFIG_ALLCONFIG=$dir/results.fragment make -C "$ksrc" -s resultsdefconfig
config_written() {
	grep -qx 'CONFIG_RESULTS_DT_ARCH="arm64"' "$ksrc/.results.config" &&
		grep -qx 'CONFIG_RESULTS_KUNIT=y' "$ksrc/.results.config"
}
check resultsdefconfig config_written

t0=$(date +%s)
status=0
make -C "$ksrc" -j"$jobs" results O="$out" > "$dir/results.out" 2>&1 || status=$?
grep -v '^  \(CC\|LD\) ' "$dir/results.out" || :
echo "make results: exit $status, $(($(date +%s) - t0)) s"
[ "$status" = 0 ] || { tail -n 30 "$dir/results.out"; exit 1; }
cp "$ksrc/RESULTS" "$dir/RESULTS"

progress() {
	local p
	for p in 'BUILD   .results/build.log' 'SPARSE  .results/sparse.log' \
		 'KUNIT   .results/kunit.log' 'COCCI   .results/cocci.log' \
		 'DTCHECK .results/dt.log' 'RESULTS RESULTS'; do
		grep -qxF "  $p" "$dir/results.out" ||
			{ echo "no progress line '  $p'"; return 1; }
	done
}
check progress-lines progress

# each line must be in RESULTS as it is
has() {
	local l
	for l in "$@"; do
		grep -qxF -- "$l" "$ksrc/RESULTS" || { echo "RESULTS lacks: $l"; return 1; }
	done
}
check header has 'Results for 6.1.192' '  commit   unknown' '  tool     gcc 12.2.0'
check build-input has \
	'  input    build build.log arch=x86 compiler=gcc compiler_version=12.2.0 config=defconfig exit=2 tool_version=gcc_12.2.0 units=72 w=1'
check sparse-input has \
	'  input    sparse sparse.log arch=x86 checked=25 config=defconfig exit=0 tool_version=sparse_0.6.4 units=72'
kunit_input() {
	grep -qx '  input    kunit kunit\.json arch=um exit=0 suites=7 tool_version=python3_3\.[0-9.]*' \
		"$ksrc/RESULTS"
}
check kunit-input kunit_input
check cocci-input has \
	'  input    cocci cocci.log dirs=1 exit=0 scripts=1 tool_version=spatch_1.1.1'
check dt-input has \
	'  input    dt dt.log arch=arm64 config=defconfig dtbs=1 exit=0 tool_version=dt-validate_2022.08.2 units=31'
ktap_inputs() {
	[ "$(grep -c '^  input    ktap test_.*\.log config=kunit_test_data' "$ksrc/RESULTS")" = \
	  "$(ls "$ksrc"/tools/testing/kunit/test_data/*.log | wc -l)" ]
}
check ktap-inputs ktap_inputs
check summary has \
	'  build    builds 3: pass 2, fail 1' \
	'  build    diagnostics 24: error 4, warning 20, info 0, unique 20' \
	'  cocci    diagnostics 2: error 2, warning 0, info 0, unique 1' \
	'  dt       diagnostics 12: error 11, warning 1, info 0, unique 12' \
	'  ktap     tests 132: pass 123, fail 1, skip 6, error 2' \
	'  kunit    tests 24: pass 22, fail 0, skip 2, error 0' \
	'  sparse   diagnostics 38: error 0, warning 38, info 0, unique 20'
check findings has \
	'  build FAIL kernel/time/hrtimer.o' \
	'  error build -Woverride-init kernel/time/hrtimer.c: initialized field overwritten' \
	'  kunit SKIP example.example_skip_test'
no_paths() {
	! grep -nF -e "$dir" -e "$srctree" "$ksrc/RESULTS"
}
check no-absolute-paths no_paths

# Every check unable to run: a tool missing, a directory or file missing
t0=$(date +%s)
status=0
make -C "$ksrc" results O="$out" V=1 CHECK=no-such-sparse \
	SPATCH=no-such-spatch DT_CHECKER=no-such-dt-validate \
	CONFIG_RESULTS_BUILD_TARGETS=no/such/dir/ \
	CONFIG_RESULTS_KUNIT_KUNITCONFIG=no/such/.kunitconfig \
	CONFIG_RESULTS_KTAP_FILES='tools/testing/kunit/test_data/test_skip_tests.log no-such.log' \
	> "$dir/notrun.out" 2>&1 || status=$?
echo "make results (nothing runs): exit $status, $(($(date +%s) - t0)) s"
check notrun-exit [ "$status" = 0 ]
verbose() {
	grep -q "results render --srctree $ksrc -o $ksrc/RESULTS" "$dir/notrun.out"
}
check verbose-commands verbose
notrun() {
	has '  ktap     tests 5: pass 4, fail 0, skip 1, error 0' \
	    '  results  notices 6' \
	    '  results coccinelle not run: no-such-spatch is not installed' \
	    '  results dt not run: no-such-dt-validate is not installed' \
	    '  results gcc not run: no/such/dir/: no such file or directory' \
	    '  results kunit not run: no/such/.kunitconfig: no such file or directory' \
	    '  results results not run: no-such.log does not exist' \
	    '  results sparse not run: no-such-sparse is not installed' &&
		[ "$(grep -c '^  input ' "$ksrc/RESULTS")" = 1 ]
}
check notices notrun
[ "$fail" = 0 ] || sed -n '/^Notices/,/^$/p' "$ksrc/RESULTS"

echo "$pass passed, $fail failed ($(($(date +%s) - start)) s)"
[ "$fail" = 0 ]
