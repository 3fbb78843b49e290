#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile inputs and failed writes: results must read whatever it is
# given without crashing, hanging or half-writing, and say exactly what
# it did.
#
#   tests/hostile.sh RESULTS-BINARY
#
# Every input is made here, at run time, in a temporary directory: nothing
# large is kept in the tree. Each case runs the tool and checks its exact
# exit status, its exact standard error, and exact lines of its output
# (records and notices of "results parse --json", lines of RESULTS).
# The cases print TAP: "ok N - name", "not ok N - name" with what
# differed, "# SKIP" for a case this machine cannot run, "# TODO" for a
# known bug (it does not fail the run). The exit status is 1 when a case
# failed, 2 on a usage error.

set -Eeuo pipefail
export LC_ALL=C TZ=UTC
unset RESULTS_HASH_SEED

me=${0##*/}

# a command of a case that fails unchecked ends the run, and says so
trap 'printf "not ok %d - %s\n#   line %d: failed: %s\nBail out! case %d\n" \
	"$n" "$name" "$LINENO" "$BASH_COMMAND" "$n"' ERR

if [[ $# -ne 1 ]]; then
	echo "usage: $me RESULTS-BINARY" >&2
	exit 2
fi
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
results_binary "$1"

work=$(mktemp -d "${TMPDIR:-/tmp}/results-hostile.XXXXXX")
trap 'cd / && rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# the release and commit that every render names, so that RESULTS is
# the same wherever it runs
rel=(--release 6.1.192 --commit 0123456789abcdef0123456789abcdef01234567)

# A run that takes longer than this is a hang
limit=120

n=0
failed=0
todo=0
skipped=0
name=
problems=
st=0

# begin NAME: a new case, run in a fresh directory of its own
begin() {
	n=$((n + 1))
	name=$1
	problems=
	st=0
	mkdir "$work/$n"
	cd "$work/$n"
}

problem() {
	problems+="$1"$'\n'
}

# run ARG...: the tool on /dev/null, its output in "out" and "err", its
# exit status in $st
run() {
	st=0
	timeout "$limit" "$results" "$@" < /dev/null > out 2> err || st=$?
}

# want_status N: the exit status of the last run
want_status() {
	if [[ $st != "$1" ]]; then
		problem "exit status $st, expected $1"
	fi
}

# want_err [LINE...]: standard error is exactly these lines (none: empty)
want_err() {
	local want=

	if [[ $# -gt 0 ]]; then
		want=$(printf '%s\n' "$@")
	fi
	if ! cmp -s <(printf '%s' "${want:+$want$'\n'}") err; then
		problem "stderr differs:"
		problem "$(diff -u --label expected --label actual \
			   <(printf '%s' "${want:+$want$'\n'}") err || :)"
	fi
}

# want_out FILE: standard output is exactly FILE
want_out() {
	if ! cmp -s "$1" out; then
		problem "stdout differs from $1:"
		problem "$(diff -u --label expected --label actual "$1" out |
			   cut -c 1-300 | head -n 40 || :)"
	fi
}

# want_line LINE...: each is a whole line of standard output
want_line() {
	local l

	for l in "$@"; do
		# the pattern from a file: it may be longer than an argument
		if ! grep -Fxq -f <(printf '%s\n' "$l") out; then
			problem "no line in stdout: $(printf '%s' "$l" |
						       cut -c 1-300)"
		fi
	done
}

# want_lines N: standard output has N lines
want_lines() {
	local got

	got=$(wc -l < out)
	if [[ $got != "$1" ]]; then
		problem "stdout has $got lines, expected $1"
	fi
}

# end [todo REASON | skip REASON]: print the case's verdict
end() {
	local how=${1:-} why=${2:-}

	cd "$work"
	if [[ $how == skip ]]; then
		printf 'ok %d - %s # SKIP %s\n' "$n" "$name" "$why"
		skipped=$((skipped + 1))
		return
	fi
	[[ $how == todo ]] && todo=$((todo + 1))
	if [[ -z $problems ]]; then
		printf 'ok %d - %s%s\n' "$n" "$name" \
			"${how:+ # TODO $why (passes now)}"
		return
	fi
	if [[ $how == todo ]]; then
		printf 'not ok %d - %s # TODO %s\n' "$n" "$name" "$why"
		return
	fi
	printf 'not ok %d - %s\n' "$n" "$name"
	failed=$((failed + 1))
	printf '%s' "$problems" | sed 's/^/#   /'
}

# the sha256 sum, size and mtime of files, to check they stay as they were
state() {
	sha256sum "$@"
	stat -c '%n %s %Y' "$@"
}

# N bytes of one character, with no newline
repeat() {
	head -c "$2" /dev/zero | tr '\0' "$1"
}

# A build log, and the JSON records of its warning
cc_log() {
	printf '  CC      drivers/widget/wdg-core.o\n'
	printf '%s\n' "drivers/widget/wdg-core.c:22:5: warning: unused variable 'x' [-Wunused-variable]"
}
cc_json() {
	printf '{"type":"diagnostic","source":"build","tool":"gcc","severity":"warning","file":"drivers/widget/wdg-core.c","line":22,"column":5,"category":"-Wunused-variable","message":"%s","input":"%s","input_line":%d}\n' \
		"unused variable 'x'" "$1" "$2"
}
build_json() {
	printf '{"type":"build","source":"build","status":"PASS","target":null,"message":null,"input":"%s","input_line":%d}\n' \
		"$1" "$2"
}
nothing_json() {
	printf '{"type":"notice","source":"results","tool":"results","message":"nothing recognised in this input","input":"%s","input_line":null}\n' \
		"$1"
}

# A kunit.py JSON document with one suite "widget" and its cases
kunit_doc() {
	printf '{"name": "KUnit Test Group", "sub_groups": [{"name": "widget", "sub_groups": [], "test_cases": [%s]}], "test_cases": []}\n' \
		"$1"
}

# A RESULTS file, rendered from a build log and a kunit document
make_results() {
	{
		cc_log
		cc_log
	} > rbuild.log
	kunit_doc '{"name": "a", "status": "PASS"}, {"name": "b", "status": "FAIL"}' \
		> rkunit.json
	"$results" render "${rel[@]}" rbuild.log rkunit.json > "$1"
	rm rbuild.log rkunit.json
}

# The build log that the known-issues cases render
known_log() {
	cc_log > build.log
}

echo "TAP version 13"

#
# Structured input: JSON
#

begin "json: truncated inside a key"
printf '{"name": "KUnit Test Group", "sub_' > cut.json
run parse --json cut.json
want_status 2
want_err "results: cut.json:1: invalid JSON: premature end of input near '\"sub_'"
want_lines 0
end

begin "json: truncated after its third line"
kunit_doc '{"name": "a", "status": "PASS"}' | sed 's/, /,\n/g' | head -n 3 > cut.json
run parse --json kunit:cut.json
want_status 2
want_err "results: cut.json:3: invalid JSON: string or '}' expected near end of file"
end

begin "json: invalid token"
printf '{\n  "name": ,\n}\n' > bad.json
run parse --json bad.json
want_status 2
want_err "results: bad.json:2: invalid JSON: unexpected token near ','"
end

begin "json: 10,000 nested arrays"
{ repeat '[' 10000; repeat ']' 10000; echo; } > deep.json
run parse --json deep.json
want_status 2
want_err "results: deep.json:1: invalid JSON: maximum parsing depth reached near '['"
end

begin "json: 10,000 nested objects, cut off"
for ((i = 0; i < 10000; i++)); do printf '{"a":'; done > deep.json
run render "${rel[@]}" deep.json
want_status 2
want_err "results: deep.json:1: invalid JSON: maximum parsing depth reached near '{'"
want_lines 0
end

begin "json: 10,000 nested arrays in kunit.py's stdout"
{
	echo '[09:10:00] Starting KUnit Kernel (1/1)...'
	echo '{'
	printf '"sub_groups": '
	repeat '[' 10000
	repeat ']' 10000
	printf '\n}\n'
} > kunit.out
run parse --json kunit.out
want_status 2
want_err "results: kunit.out:3: invalid JSON: maximum parsing depth reached near '['"
end

begin "json: invalid UTF-8 in a string"
kunit_doc $'{"name": "a\xff", "status": "PASS"}' > bad.json
run parse --json bad.json
want_status 2
want_err "results: bad.json:1: invalid JSON: unable to decode byte 0xff near '\"a'"
end

begin "json: an escaped NUL in a name"
kunit_doc '{"name": "a\u0000b", "status": "PASS"}' > nul.json
run parse --json nul.json
want_status 2
want_err "results: nul.json:1: invalid JSON: \\u0000 is not allowed without JSON_ALLOW_NUL near '\"a\\u0000b\"'"
end

begin "json: a key given twice"
printf '{"name": "KUnit Test Group",\n "name": "x", "sub_groups": [], "test_cases": []}\n' \
	> dup.json
run parse --json dup.json
want_status 2
want_err "results: dup.json:2: invalid JSON: duplicate object key near '\"name\"'"
end

begin "json: numbers out of range"
printf '{"name": "KUnit Test Group",\n "sub_groups": [],\n "test_cases": [],\n "misc": 1e400}\n' \
	> big.json
run parse --json big.json
want_status 2
want_err "results: big.json:4: invalid JSON: real number overflow near '1e400'"
end

begin "json: CRLF line ends and a byte order mark"
kunit_doc '{"name": "a", "status": "FAIL"}' |
	sed -e 's/, /,\r\n/g' -e 's/$/\r/' -e '1s/^/\xef\xbb\xbf/' > crlf.json
run parse --json crlf.json
want_status 0
want_err
want_line '{"type":"test","source":"kunit","path":["widget","a"],"status":"FAIL","input":"crlf.json","input_line":1}'
want_lines 1
end

#
# Structured input: the known-issues YAML
#

begin "yaml: truncated inside a quoted string"
known_log
printf 'issues:\n  - tool: gcc\n    message: "unused\n' > known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:4:1: invalid YAML: found unexpected end of stream"
want_lines 0
end

begin "yaml: 10,000 nested flow sequences"
known_log
{ printf 'issues:\n  - tool: gcc\n    note: '; repeat '[' 10000; echo; } > known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:3:11: expected a string for 'note'"
end

begin "yaml: a NUL byte"
known_log
printf 'issues:\n  - tool: gcc\n    message: "a\0b"\n' > known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:1:1: invalid YAML: control characters are not allowed"
end

begin "yaml: invalid UTF-8"
known_log
printf 'issues:\n  - tool: gcc\n    message: \xff\xfe\n' > known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:1:1: invalid YAML: invalid leading UTF-8 octet"
end

# found by fuzz-known: the first regex leaked, the second quietly won
begin "yaml: a key given twice (fuzz-known)"
known_log
printf 'issues:\n  - tool: gcc\n    regex: "^unused"\n    regex: "^used"\n' \
	> known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:4:5: key 'regex' given twice"
end

# found by fuzz-known: glibc writes out "e+" as "ee*", nested: gigabytes
begin "yaml: a regex that repeats a repetition (fuzz-known)"
known_log
{ printf 'issues:\n  - tool: gcc\n    regex: "^unused e'; repeat + 40; echo '"'; } \
	> known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:3:12: bad regex '^unused e$(repeat + 40)': a repetition of a repetition"
end

# found by fuzz-known: stacked '?' took glibc's regcomp() minutes
begin "yaml: a regex of stacked optional repetitions (fuzz-known)"
known_log
printf 'issues:\n  - tool: gcc\n    regex: "always trud??????++++++;+rouscte????:ue"\n' \
	> known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:3:12: bad regex 'always trud??????++++++;+rouscte????:ue': a repetition of a repetition"
end

# found by fuzz-known: copies of what matches nothing cost their square
begin "yaml: a regex of 2^12 copies of 'u*' (fuzz-known)"
known_log
re='rer(((((((((((u*)+)+)+)+)+)+)+)+)+)+)+t0s'
printf 'issues:\n  - tool: gcc\n    regex: "%s"\n' "$re" > known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:3:12: bad regex '$re': too big once its repetitions are written out"
end

begin "yaml: a regex just within the limits is read"
known_log
printf 'issues:\n  - tool: gcc\n    regex: "^unused (variable|function) .(x|y){1,3}.(x{1,30}){1,30}|b{1,400}"\n' \
	> known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 0
want_err
want_line 'Known issues' '  -' \
	  "    gcc warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable 'x'"
end

# each group is a level of glibc's recursion: its stack overflowed
begin "yaml: a regex of 50,000 nested groups"
known_log
{
	printf 'issues:\n  - tool: gcc\n    regex: "'
	repeat '(' 50000
	printf x
	repeat ')' 50000
	echo '"'
} > known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:3:12: bad regex '$(repeat '(' 50000)x$(repeat ')' 50000)': groups nested too deep"
end

begin "yaml: an alias"
known_log
printf 'issues:\n  - &x {tool: gcc}\n  - *x\n' > known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 2
want_err "results: known.yaml:3:5: aliases are not supported"
end

begin "yaml: CRLF line ends are read"
known_log
printf 'issues:\r\n  - tool: gcc\r\n    message: "unused variable"\r\n' \
	> known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 0
want_err
want_line 'Known issues' '  -' \
	  "    gcc warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable 'x'"
end

begin "yaml: an empty file is no known issue"
known_log
: > known.yaml
run render "${rel[@]}" --known known.yaml build.log
want_status 0
want_err
# the section is there, as with any --known, and empty
want_out <(cat <<'EOF'
Results for 6.1.192
  format   1
  commit   0123456789abcdef0123456789abcdef01234567
  input    build build.log units=1

Known issues

Summary
  build    builds 1: pass 1, fail 0
  build    diagnostics 1: error 0, warning 1, info 0, unique 1

gcc: errors 0, warnings 1, info 0, unique 1
  warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable 'x'

Coverage
  configuration -
    dir drivers/widget
EOF
)
end

#
# Structured input: RESULTS
#

begin "results: an empty file"
: > RESULTS
run parse --json results:RESULTS
want_status 2
want_err "results: RESULTS:1: no 'Summary' section: truncated RESULTS"
end

begin "results: cut inside a line"
make_results full
{ head -n 12 full; printf '  kunit FA'; } > RESULTS
run render "${rel[@]}" RESULTS
want_status 2
want_err "results: RESULTS:13: expected 'SOURCE STATUS NAME'"
want_lines 0
end

begin "results: a NUL byte"
make_results full
sed '8s/pass 1/pass\x001/' full > RESULTS
run render "${rel[@]}" RESULTS
want_status 2
want_err "results: RESULTS:8: bad build counts"
end

begin "results: CRLF line ends read back the same"
make_results full
sed 's/$/\r/' full > RESULTS
run render "${rel[@]}" RESULTS
want_status 0
want_err
want_out full
end

begin "results: a line longer than 64 MiB is refused, not cut"
make_results full
{ head -n 12 full; printf '  kunit FAIL '; repeat x $((64 * 1024 * 1024)); printf '\n'; } > RESULTS
run render "${rel[@]}" RESULTS
want_status 2
want_err "results: RESULTS:13: a line longer than 64 MiB"
want_lines 0
rm RESULTS
end

begin "results: a count past 2^64"
make_results full
sed '10s/tests 2: pass 1/tests 18446744073709551616: pass 1/' full > RESULTS
run render "${rel[@]}" RESULTS
want_status 2
want_err "results: RESULTS:10: expected 'SOURCE WHAT COUNT'"
end

#
# KTAP: nesting, plans, bytes
#

begin "ktap: 10,000 nested subtests"
{
	printf 'KTAP version 1\n1..1\n'
	for ((i = 0; i < 10000; i++)); do
		printf 'KTAP version 1\n# Subtest: s%d\n1..1\n' "$i"
	done
	printf 'not ok 1 leaf\n'
	for ((i = 9999; i >= 0; i--)); do
		printf 'not ok 1 s%d\n' "$i"
	done
} > deep.ktap
run parse --json deep.ktap
want_status 0
want_err
want_line '{"type":"notice","source":"ktap","tool":"ktap","message":"tests nested deeper than 100 levels: their names are left out of the paths","input":"deep.ktap","input_line":303}'
# the names of the 100 outer levels, and its own
want_line "{\"type\":\"test\",\"source\":\"ktap\",\"path\":[$(seq -f '"s%g"' 0 99 |
	  paste -sd ,),\"leaf\"],\"status\":\"FAIL\",\"input\":\"deep.ktap\",\"input_line\":30003}"
want_lines 2
end

begin "ktap: a plan of 1..4294967296"
printf 'KTAP version 1\n1..4294967296\nok 1 first\n' > plan.ktap
run parse --json plan.ktap
want_status 0
want_err
want_line '{"type":"test","source":"ktap","path":["first"],"status":"PASS","input":"plan.ktap","input_line":3}' \
	  '{"type":"notice","source":"ktap","tool":"ktap","message":"the top level: planned 1..4294967296, 1 result (the output ends)","input":"plan.ktap","input_line":3}' \
	  '{"type":"test","source":"ktap","path":["2"],"status":"ERROR","reason":"missing: no results for tests 2 to 4294967296 of 1..4294967296 (the output ends)","input":"plan.ktap","input_line":3}'
want_lines 3
end

begin "ktap: a plan past 2^64 is 2^64 - 1"
printf 'KTAP version 1\n1..18446744073709551616\nok 1 first\n' > plan.ktap
run parse --json plan.ktap
want_status 0
want_err
want_line '{"type":"notice","source":"ktap","tool":"ktap","message":"the top level: planned 1..18446744073709551615, 1 result (the output ends)","input":"plan.ktap","input_line":3}'
want_lines 3
end

begin "ktap: NUL bytes, ANSI colours and CRLF"
printf 'KTAP version 1\r\n1..3\r\n\033[32mok 1 one\033[0m\r\nnot ok 2 t\0wo\r\nok 3 three # SKIP \033[1mno\033[0m widget\r\n' \
	> ktap.log
run parse --json ktap:ktap.log
want_status 0
want_err
want_line '{"type":"test","source":"ktap","path":["one"],"status":"PASS","input":"ktap.log","input_line":3}' \
	  '{"type":"test","source":"ktap","path":["t?wo"],"status":"FAIL","input":"ktap.log","input_line":4}' \
	  '{"type":"test","source":"ktap","path":["three"],"status":"SKIP","reason":"no widget","input":"ktap.log","input_line":5}'
want_lines 3
end

begin "ktap: a test name of 1 MB"
{
	printf 'KTAP version 1\n1..2\nnot ok 1 '
	repeat y 1048576
	printf '\nok 2 after\n'
} > long.ktap
run parse --json long.ktap
want_status 0
want_err
want_line "{\"type\":\"test\",\"source\":\"ktap\",\"path\":[\"$(repeat y 1048576)\"],\"status\":\"FAIL\",\"input\":\"long.ktap\",\"input_line\":3}" \
	  '{"type":"test","source":"ktap","path":["after"],"status":"PASS","input":"long.ktap","input_line":4}'
want_lines 2
end

#
# Logs: bytes, line ends, long lines
#

begin "log: an empty file"
: > empty.log
run parse --json empty.log
want_status 0
want_err
want_out <(nothing_json empty.log)
end

begin "log: an empty file named as kunit JSON"
: > kunit.json
run parse --json kunit:kunit.json
want_status 0
want_err
want_out <(nothing_json kunit.json)
end

begin "log: binary noise"
# 64 KiB of every byte value, from a small LCG (x * 75 + 74) mod 65537
printf '%b' "$(awk 'BEGIN {
	x = 1
	for (i = 0; i < 65536; i++) {
		x = (x * 75 + 74) % 65537
		printf "\\0%03o", x % 256
	}
}')" > noise.log
[[ $(wc -c < noise.log) == 65536 ]] || problem "noise.log is not 64 KiB"
run parse --json build:noise.log
want_status 0
want_err
want_out <(printf '{"type":"notice","source":"results","tool":"results","message":"nothing recognised in this input","input":"noise.log","input_line":%d}\n' \
		  "$(grep -ac '' noise.log)")
end

begin "log: NUL bytes and invalid UTF-8 in a warning"
{
	printf '  CC      drivers/widget/wdg-core.o\n'
	printf "drivers/widget/wdg-core.c:22:5: warning: unused \0variable '\xff\xfe' [-Wunused-variable]\n"
} > nul.log
run parse --json nul.log
want_status 0
want_err
want_line $'{"type":"diagnostic","source":"build","tool":"gcc","severity":"warning","file":"drivers/widget/wdg-core.c","line":22,"column":5,"category":"-Wunused-variable","message":"unused ?variable \'\xef\xbf\xbd\xef\xbf\xbd\'","input":"nul.log","input_line":2}'
want_lines 2
end

begin "log: invalid UTF-8 goes into RESULTS and reads back"
{
	printf '  CC      drivers/widget/wdg-core.o\n'
	printf "drivers/widget/wdg-core.c:22:5: warning: unused variable '\xff\xfe' [-Wunused-variable]\n"
} > bad.log
"$results" render "${rel[@]}" -o RESULTS bad.log
run render "${rel[@]}" RESULTS
want_status 0
want_err
want_out RESULTS
want_line $'  warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable \'\xff\xfe\''
end

begin "log: CRLF line ends"
cc_log | sed 's/$/\r/' > crlf.log
run parse --json crlf.log
want_status 0
want_err
want_out <(cc_json crlf.log 2; build_json crlf.log 1)
end

begin "log: gcc's colours (ANSI SGR escapes)"
{
	printf '  CC      drivers/widget/wdg-core.o\n'
	printf "\033[01m\033[Kdrivers/widget/wdg-core.c:22:5:\033[m\033[K \033[01;35m\033[Kwarning: \033[m\033[Kunused variable '\033[01m\033[Kx\033[m\033[K' [\033[01;35m\033[K-Wunused-variable\033[m\033[K]\n"
} > color.log
run parse --json color.log
want_status 0
want_err
want_out <(cc_json color.log 2; build_json color.log 1)
end

# gcc (10+) writing to a terminal, as through script(1), links its flags
# to their documentation with OSC 8 escapes: ESC ] 8 ;; URL BEL. They go,
# as colours do, and the flag stays the compiler's.
begin "log: gcc's links (ANSI OSC 8 escapes)"
{
	printf '  CC      drivers/widget/wdg-core.o\n'
	printf "drivers/widget/wdg-core.c:22:5: warning: unused variable 'x' [\033]8;;https://gcc.gnu.org/onlinedocs/gcc/Warning-Options.html#index-Wunused-variable\a-Wunused-variable\033]8;;\a]\n"
} > link.log
run parse --json link.log
want_status 0
want_err
want_out <(cc_json link.log 2; build_json link.log 1)
end

begin "log: a 1 MB V=1 command line, then a warning"
{
	printf '  CC      drivers/widget/wdg-core.o\n'
	printf 'gcc -Wp,-MMD,drivers/widget/.wdg-core.o.d -nostdinc'
	for ((i = 0; i < 65536; i++)); do
		printf ' -DW%011d' "$i"
	done
	printf ' -c -o drivers/widget/wdg-core.o drivers/widget/wdg-core.c\n'
	printf '%s\n' "drivers/widget/wdg-core.c:22:5: warning: unused variable 'x' [-Wunused-variable]"
} > v1.log
run parse --json v1.log
want_status 0
want_err
# whole: no "cut" notice, the warning after the line is found
want_out <(cc_json v1.log 3; build_json v1.log 1)
end

begin "log: a 1 MB line with no newline at the end"
{
	cc_log
	printf '  CC      drivers/widget/wdg-irq.o\n'
	repeat x 1048576
} > tail.log
run parse --json tail.log
want_status 0
want_err
want_out <(cc_json tail.log 2; build_json tail.log 1)
end

begin "log: a line longer than 64 MiB is cut, the next is read"
{
	printf '  CC      drivers/widget/wdg-core.o\n'
	repeat x $((64 * 1024 * 1024 + 1))
	printf '\n%s\n' "drivers/widget/wdg-core.c:22:5: warning: unused variable 'x' [-Wunused-variable]"
} > huge.log
run parse --json huge.log
want_status 0
want_err
want_out <(printf '{"type":"notice","source":"results","tool":"results","message":"a line longer than 64 MiB was cut","input":"huge.log","input_line":2}\n'
	   cc_json huge.log 3; build_json huge.log 1)
rm huge.log
end

begin "log: a JSON document cut off at the end of kunit.py's stdout"
printf '%s\n' '[09:10:00] Testing complete. Ran 1 tests: passed: 1' '{' \
	'    "name": "KUnit Test Group",' '    "sub_groups": [' > kunit.out
run parse --json kunit.out
want_status 0
want_err
want_line '{"type":"notice","source":"results","tool":"results","message":"the JSON document at the end is cut short","input":"kunit.out","input_line":2}'
end

#
# Files that are not files
#

begin "file: an empty name"
run parse ''
want_status 2
want_err "results: : cannot open: No such file or directory"
end

begin "file: a directory"
mkdir dir
run parse --json dir
want_status 2
want_err "results: dir: is a directory"
end

begin "file: a path through a file"
: > file
run parse --json file/x
want_status 2
want_err "results: file/x: cannot open: Not a directory"
end

begin "file: a FIFO is read as it comes"
mkfifo fifo
cc_log > fifo &
run parse --json fifo
wait $! || problem "the writer failed"
want_status 0
want_err
want_out <(cc_json fifo 2; build_json fifo 1)
end

begin "file: a read error"
# reading a process's memory at address 0 fails with EIO, even for root
run parse --json /proc/self/mem
want_status 2
want_err "results: /proc/self/mem: read error: Input/output error"
want_lines 0
end

begin "file: unreadable"
cc_log > secret.log
chmod 000 secret.log
how=
if [[ $EUID -ne 0 ]]; then
	run parse --json secret.log
elif command -v setpriv > /dev/null &&
     setpriv --reuid=65534 --regid=65534 --clear-groups \
	     test -x "$results" 2> /dev/null; then
	# root reads any file: run as nobody
	chmod 0755 "$work" "$work/$n"
	st=0
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$results" parse --json secret.log > out 2> err || st=$?
else
	how=skip
fi
if [[ -z $how ]]; then
	want_status 2
	want_err "results: secret.log: cannot open: Permission denied"
	end
else
	end skip "running as root, and nobody cannot run $results"
fi

begin "file: no input is changed, whatever it holds"
{ cc_log; printf '\0\xff\r\n\033[1m'; repeat x 100000; } > a.log
printf '{"name": "KUnit' > b.json
printf 'KTAP version 1\n1..4294967296\n' > c.ktap
touch -d '2020-01-01 00:00:00 UTC' a.log b.json c.ktap
before=$(state a.log b.json c.ktap)
"$results" parse --json a.log c.ktap > /dev/null
"$results" render "${rel[@]}" -o RESULTS a.log c.ktap
run render "${rel[@]}" -o RESULTS2 a.log b.json c.ktap
want_status 2
want_err "results: b.json:1: invalid JSON: premature end of input near '\"KUnit'"
[[ $(state a.log b.json c.ktap) == "$before" ]] || problem "an input changed"
[[ ! -e RESULTS2 ]] || problem "RESULTS2 was written"
left=$(find . -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')
[[ $left == "RESULTS a.log b.json c.ktap err out " ]] ||
	problem "files left: $left"
end

#
# Failed writes
#

begin "write: standard output on /dev/full"
cc_log > build.log
st=0
"$results" render "${rel[@]}" build.log > /dev/full 2> err || st=$?
want_status 2
want_err "results: write error on standard output: No space left on device"
end

begin "write: standard output closed"
cc_log > build.log
st=0
"$results" render "${rel[@]}" build.log >&- 2> err || st=$?
want_status 2
want_err "results: write error on standard output: Bad file descriptor"
end

begin "write: a reader that goes away (EPIPE)"
for ((i = 0; i < 20000; i++)); do cc_log; done > build.log
{
	st=0
	"$results" parse --json build.log 2> err || st=$?
	echo "$st" > status
} | head -c 10 > /dev/null
st=$(cat status)
want_status 2
want_err "results: write error on standard output: Broken pipe"
end

begin "write: standard output past a file size limit"
for ((i = 0; i < 500; i++)); do
	printf '  CC      drivers/widget/w%d.o\n' "$i"
	printf 'drivers/widget/w%d.c:1:1: warning: unused variable %d [-Wunused-variable]\n' \
		"$i" "$i"
done > build.log
st=0
(ulimit -f 8 && exec "$results" render "${rel[@]}" build.log) > out 2> err ||
	st=$?
want_status 2
want_err "results: write error on standard output: File too large"
end

begin "write: -o /dev/null writes the device in place"
cc_log > build.log
run render "${rel[@]}" -o /dev/null build.log
want_status 0
want_err
want_lines 0
[[ -c /dev/null ]] || problem "/dev/null is no longer a device"
end

begin "write: -o /dev/full fails and keeps the device"
cc_log > build.log
run render "${rel[@]}" -o /dev/full build.log
want_status 2
want_err "results: /dev/full: write error: No space left on device"
[[ -c /dev/full ]] || problem "/dev/full is no longer a device"
end

begin "write: -o a FIFO writes it in place"
cc_log > build.log
"$results" render "${rel[@]}" build.log > expected
mkfifo fifo
cat fifo > got &
run render "${rel[@]}" -o fifo build.log
wait $! || problem "the reader failed"
want_status 0
want_err
cmp -s got expected || problem "the reader got other bytes"
[[ -p fifo ]] || problem "the FIFO was replaced"
end

begin "write: -o a directory"
cc_log > build.log
mkdir dir
run render "${rel[@]}" -o dir build.log
want_status 2
want_err "results: dir: is a directory"
[[ -z $(ls -A dir) ]] || problem "something was written in dir"
end

begin "write: a file size limit never leaves a partial RESULTS"
for ((i = 0; i < 500; i++)); do
	printf '  CC      drivers/widget/w%d.o\n' "$i"
	printf 'drivers/widget/w%d.c:1:1: warning: unused variable %d [-Wunused-variable]\n' \
		"$i" "$i"
done > build.log
printf 'the old RESULTS\n' > RESULTS
before=$(state RESULTS)
# the tool ignores SIGXFSZ: the write fails with EFBIG, the temporary
# file is removed (it was killed, and left it, before)
st=0
(ulimit -f 8 && exec "$results" render "${rel[@]}" -o RESULTS build.log) \
	> out 2> err || st=$?
want_status 2
want_err "results: RESULTS: write error: File too large"
[[ $(state RESULTS) == "$before" ]] || problem "the old RESULTS changed"
left=$(find . -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')
[[ $left == "RESULTS build.log err out " ]] || problem "files left: $left"
end

echo "1..$n"
echo "# $((n - failed - todo - skipped)) passed, $failed failed, $todo todo, $skipped skipped"
[[ $failed -eq 0 ]] || exit 1
