#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Golden (whole-program) tests of results.
#
#   tests/golden.sh RESULTS-BINARY GOLDEN-DIR
#
# Every directory GOLDEN-DIR/CASE/ is one case, run in order of its name;
# a directory whose name ends in ".bug" holds the right expectation of a
# known bug of the tool and is not run. A case holds:
#
#   args             the arguments, one a line (an empty line is an empty
#                    argument); @CORPUS@, @CASE@ and @TMP@ in them become
#                    $RESULTS_CORPUS, the case directory and a fresh empty
#                    directory of the case's own
#   stdin            the command's standard input (default: /dev/null)
#   expected.stdout  what it must print on stdout,
#   expected.stderr  on stderr,
#   expected.status  and its exit status
#   needs-corpus     the case reads $RESULTS_CORPUS: skip it when that is
#                    not a directory
#   check            a bash script run after the command, in @TMP@, with
#                    CASE, TMP, CORPUS and RESULTS (the binary) exported;
#                    it must exit 0 (a command of it that fails unchecked
#                    is named with its line)
#   NOTES            what the case is about, when its name does not say
#
# The command runs in @TMP@ with LC_ALL=C TZ=UTC. Before stdout and stderr
# are compared (diff -u), the corpus, case and temporary directories in
# them are written back as @CORPUS@, @CASE@ and @TMP@, so that expected
# output holds no machine paths. With UPDATE_GOLDEN=1 the expected files
# are rewritten from what the command did instead (and the check script
# still has to pass).
#
# Each case prints PASS, FAIL (with the diff or the check's output), SKIP
# or, when updating, UPDATE. The last line is "N passed, M failed"
# (", K skipped" when some were); the exit status is 1 when a case failed,
# 2 on a usage error.

set -u -o pipefail
export LC_ALL=C TZ=UTC

me=${0##*/}

if [[ $# -ne 2 ]]; then
	echo "usage: $me RESULTS-BINARY GOLDEN-DIR" >&2
	exit 2
fi

# absolute paths: every case runs in a directory of its own
abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s\n' "$PWD/$1" ;;
	esac
}

results=$(abspath "$1")
golden=$(abspath "$2")
if [[ ! -x $results || -d $results ]]; then
	echo "$me: $1: not an executable file" >&2
	exit 2
fi
if [[ ! -d $golden ]]; then
	echo "$me: $2: not a directory" >&2
	exit 2
fi
golden=$(cd "$golden" && pwd)

corpus=${RESULTS_CORPUS:-}
have_corpus=false
if [[ -n $corpus && -d $corpus ]]; then
	corpus=$(cd "$corpus" && pwd)
	have_corpus=true
fi

update=false
[[ ${UPDATE_GOLDEN:-} == 1 ]] && update=true

root=$(mktemp -d "${TMPDIR:-/tmp}/results-golden.XXXXXX") || exit 2
trap 'rm -rf "$root"' EXIT
trap 'exit 130' INT TERM

# a string as a sed regular expression that matches just itself
sed_quote() {
	printf '%s' "$1" | sed -e 's/[]\/$*.^[]/\\&/g'
}

# normalise FILE: machine paths back to their placeholders, the longest
# path first, so that no path is half-replaced by a shorter one inside it
normalise() {
	local file=$1 casedir=$2 tmp=$3 token path
	local -a script=()

	while IFS=$'\t' read -r _ token path; do
		script+=(-e "s/$(sed_quote "$path")/$token/g")
	done < <({
		printf '%s\t@TMP@\t%s\n' "${#tmp}" "$tmp"
		printf '%s\t@CASE@\t%s\n' "${#casedir}" "$casedir"
		if [[ -n $corpus ]]; then
			printf '%s\t@CORPUS@\t%s\n' "${#corpus}" "$corpus"
		fi
	} | sort -t $'\t' -k1,1nr)
	sed -i "${script[@]}" "$file"
}

# runs a check script so that the command that made it fail is named
# shellcheck disable=SC2016 # expanded by the shell that runs the check
check_runner='trap '\''echo "check:$LINENO: failed: $BASH_COMMAND"'\'' ERR; . "$1"'

passed=0
failed=0
skipped=0

fail() {
	printf 'FAIL %s: %s\n' "$1" "$2"
}

# compare one output with its expected file, or rewrite that file
compare() {
	local name=$1 expected=$2 actual=$3

	if $update; then
		cp "$actual" "$expected"
		return 0
	fi
	if [[ ! -f $expected ]]; then
		fail "$name" "${expected##*/} missing (make golden-check UPDATE_GOLDEN=1 writes it)"
		return 1
	fi
	if ! diff -u --label "${expected##*/}" --label actual \
	     "$expected" "$actual"; then
		fail "$name" "${expected##*/} differs"
		return 1
	fi
	return 0
}

run_case() {
	local casedir=$1 name=$2 tmp=$3 out=$4
	local -a args=()
	local arg input=/dev/null status ok=0

	if [[ ! -f $casedir/args ]]; then
		fail "$name" "no args file"
		return 1
	fi
	while IFS= read -r arg || [[ -n $arg ]]; do
		arg=${arg//@CORPUS@/"$corpus"}
		arg=${arg//@CASE@/"$casedir"}
		arg=${arg//@TMP@/"$tmp"}
		args+=("$arg")
	done < "$casedir/args"
	[[ -f $casedir/stdin ]] && input=$casedir/stdin

	(cd "$tmp" && exec "$results" "${args[@]}") \
		< "$input" > "$out/stdout" 2> "$out/stderr"
	status=$?
	echo "$status" > "$out/status"
	normalise "$out/stdout" "$casedir" "$tmp"
	normalise "$out/stderr" "$casedir" "$tmp"

	compare "$name" "$casedir/expected.stdout" "$out/stdout" || ok=1
	compare "$name" "$casedir/expected.stderr" "$out/stderr" || ok=1
	compare "$name" "$casedir/expected.status" "$out/status" || ok=1

	if [[ -f $casedir/check ]]; then
		# a failing command of the script names itself
		if ! (cd "$tmp" && CASE=$casedir TMP=$tmp CORPUS=$corpus \
		      RESULTS=$results exec bash -E -c "$check_runner" check \
		      "$casedir/check") < /dev/null > "$out/check" 2>&1; then
			cat "$out/check"
			fail "$name" "check script failed"
			ok=1
		fi
	fi
	return $ok
}

shopt -s nullglob
for casedir in "$golden"/*/; do
	casedir=${casedir%/}
	name=${casedir##*/}
	[[ $name == *.bug ]] && continue

	if [[ -e $casedir/needs-corpus ]] && ! $have_corpus; then
		printf 'SKIP %s: corpus not found at %s\n' "$name" \
			"${RESULTS_CORPUS:-(RESULTS_CORPUS is not set)}"
		skipped=$((skipped + 1))
		continue
	fi

	tmp=$root/tmp/$name
	out=$root/out/$name
	mkdir -p "$tmp" "$out" || exit 2
	if run_case "$casedir" "$name" "$tmp" "$out"; then
		if $update; then
			printf 'UPDATE %s\n' "$name"
		else
			printf 'PASS %s\n' "$name"
		fi
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done

summary="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && summary+=", $skipped skipped"
echo "$summary"
[[ $failed -eq 0 ]]
