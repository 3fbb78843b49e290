#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Determinism: the same inputs give the same bytes, whatever the locale,
# the time zone, the order of the inputs and the seed of the string
# pool's hash (RESULTS_HASH_SEED).
#
#   tests/determinism.sh RESULTS-BINARY SRCTREE
#
# The inputs are the fixtures of SRCTREE/tests/fixtures, every kind at
# once, rendered against a previous release and a known-issues file. The
# reference is made under LC_ALL=C, TZ=UTC, no seed, the inputs in the
# order of their names; each variation must give the same bytes for
# RESULTS (text), --format=json, --format=kcidb and, for the environment,
# "results parse --json" too. The checks print TAP; the exit status is 1
# when one failed, 2 on a usage error.

set -euo pipefail
export LC_ALL=C TZ=UTC
unset RESULTS_HASH_SEED

me=${0##*/}

if [[ $# -ne 2 ]]; then
	echo "usage: $me RESULTS-BINARY SRCTREE" >&2
	exit 2
fi
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
results_binary "$1"
fixtures=$2/tests/fixtures
if [[ ! -d $fixtures ]]; then
	echo "$me: $2: no tests/fixtures in it" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/results-determinism.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# copies, so that messages and RESULTS name no path of this machine
mkdir "$work/in"
for d in build cocci dt kcidb kunit; do
	cp "$fixtures/$d"/* "$work/in/"
done
cp "$fixtures/releases/1.0/build.log" "$work/in/prev-build.log"
cp "$fixtures/releases/1.0/kunit.json" "$work/in/prev-kunit.json"
cd "$work/in"

rel=(--release 6.1.192 --commit 0123456789abcdef0123456789abcdef01234567)
"$results" render --release 6.1.191 --commit unknown prev-build.log \
	prev-kunit.json > ../previous
rm prev-build.log prev-kunit.json
cat > ../known.yaml << 'EOF'
issues:
  - link: https://lore.kernel.org/r/1
    source: kunit
    test: "*"
  - link: https://lore.kernel.org/r/2
    tool: gcc
    regex: "^unused"
  - link: https://lore.kernel.org/r/3
    tool: clang
    file: "drivers/*"
EOF

inputs=()
while IFS= read -r f; do
	inputs+=("$f")
done < <(printf '%s\n' * | sort)
nr=${#inputs[@]}
if [[ $nr -lt 10 ]]; then
	echo "$me: only $nr fixtures in $fixtures" >&2
	exit 2
fi

n=0
failed=0

# outputs DIR [ENV...] -- INPUT...: every output, under env ENV...
outputs() {
	local dir=$1 i
	local -a env=()

	shift
	while [[ $1 != -- ]]; do
		env+=("$1")
		shift
	done
	shift
	mkdir -p "$dir"
	for i in text json kcidb; do
		env "${env[@]}" "$results" render "${rel[@]}" \
			--previous ../previous --known ../known.yaml \
			--format="$i" "$@" > "$dir/$i" 2> "$dir/$i.err" ||
			echo "exit status $?" >> "$dir/$i.err"
	done
	env "${env[@]}" "$results" parse --json "$@" > "$dir/parse" \
		2> "$dir/parse.err" || echo "exit status $?" >> "$dir/parse.err"
}

# same NAME DIR FILE...: DIR's outputs are the reference's
same() {
	local name=$1 dir=$2 f bad=

	shift 2
	for f in "$@"; do
		if ! cmp -s "../ref/$f" "$dir/$f" ||
		   ! cmp -s "../ref/$f.err" "$dir/$f.err"; then
			bad+=" $f"
		fi
	done
	n=$((n + 1))
	if [[ -z $bad ]]; then
		printf 'ok %d - %s\n' "$n" "$name"
	else
		printf 'not ok %d - %s\n#   differs:%s\n' "$n" "$name" "$bad"
		failed=$((failed + 1))
	fi
}

echo "TAP version 13"

outputs ../ref -- "${inputs[@]}"
# the reference itself must be worth comparing
n=$((n + 1))
if [[ -s ../ref/text && ! -s ../ref/text.err ]] &&
   grep -q '^Changes since 6.1.191$' ../ref/text &&
   grep -q '^Known issues$' ../ref/text &&
   [[ $(grep -c '^  input ' ../ref/text) -ge 10 ]]; then
	printf 'ok %d - the reference reads every input\n' "$n"
else
	printf 'not ok %d - the reference reads every input\n' "$n"
	sed 's/^/#   /' ../ref/*.err
	failed=$((failed + 1))
fi

all=(text json kcidb parse)

# locales: those the tests name, and any other the machine has
locales=(C POSIX C.UTF-8)
while IFS= read -r l; do
	case $l in
	C | POSIX | C.utf8 | C.UTF-8) ;;
	*.utf8 | *.UTF-8) locales+=("$l") ;;
	esac
done < <(locale -a 2> /dev/null | sort | head -n 20)
for l in "${locales[@]}"; do
	outputs "../loc-$l" LANG="$l" LC_ALL="$l" -- "${inputs[@]}"
	same "locale $l" "../loc-$l" "${all[@]}"
done

for tz in Asia/Tokyo America/St_Johns Pacific/Kiritimati 'XYZ+13:45' ''; do
	outputs "../tz-$n" TZ="$tz" -- "${inputs[@]}"
	same "TZ='$tz'" "../tz-$n" "${all[@]}"
done

for seed in 0 1 42 0xdeadbeef 18446744073709551615; do
	outputs "../seed-$seed" RESULTS_HASH_SEED="$seed" -- "${inputs[@]}"
	same "RESULTS_HASH_SEED=$seed" "../seed-$seed" "${all[@]}"
done

# the order of the inputs: reversed, rotated, and the odd ones first
reversed=()
for ((i = nr - 1; i >= 0; i--)); do
	reversed+=("${inputs[i]}")
done
outputs ../order-reversed -- "${reversed[@]}"
same "inputs reversed" ../order-reversed text json kcidb
for k in 1 $((nr / 2)) $((nr - 1)); do
	outputs "../order-rot-$k" -- "${inputs[@]:k}" "${inputs[@]:0:k}"
	same "inputs rotated by $k" "../order-rot-$k" text json kcidb
done
odd=()
for ((i = 1; i < nr; i += 2)); do
	odd+=("${inputs[i]}")
done
for ((i = 0; i < nr; i += 2)); do
	odd+=("${inputs[i]}")
done
outputs ../order-odd RESULTS_HASH_SEED=7 LC_ALL=C.UTF-8 TZ=Asia/Tokyo \
	-- "${odd[@]}"
same "inputs shuffled, with a seed, C.UTF-8 and Asia/Tokyo" ../order-odd \
	text json kcidb

echo "1..$n"
if [[ $failed -ne 0 ]]; then
	echo "# $failed of $n checks failed"
	exit 1
fi
echo "# all $n checks passed"
