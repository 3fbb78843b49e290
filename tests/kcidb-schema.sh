#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Validate "results render --format=kcidb" against the KCIDB schema.
#
#   tests/kcidb-schema.sh RESULTS-BINARY SRCTREE SCHEMA
#
# Renders the build, kunit, coccinelle and dt fixtures as KCIDB JSON,
# validates that with python3-jsonschema (the Debian package
# python3-jsonschema) and checks that the bytes are the same on a second
# run. Skips, with a message and exit status 0, when the schema (in
# ../shared, beside the tree) or python3-jsonschema is missing.

set -u -o pipefail
export LC_ALL=C TZ=UTC

if [[ $# -ne 3 ]]; then
	echo "usage: ${0##*/} RESULTS-BINARY SRCTREE SCHEMA" >&2
	exit 2
fi
results=$1 src=$2 schema=$3

if [[ ! -f $schema ]]; then
	echo "kcidb-schema: SKIP: no KCIDB schema at $schema (../shared is missing)"
	exit 0
fi
if ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "kcidb-schema: SKIP: python3-jsonschema is not installed (apt-get install python3-jsonschema)"
	exit 0
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

fx=$src/tests/fixtures
set -- "$fx"/build/gcc_werror.log "$fx"/build/clang_werror.log
for f in "$fx"/kunit/*.json "$fx"/cocci/* "$fx"/dt/*; do
	[[ -f $f ]] && set -- "$@" "$f"
done

render() {
	"$results" render --release v6.1 \
		--commit 0123456789abcdef0123456789abcdef01234567 \
		--format=kcidb --origin results_ci \
		--tree-url https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git \
		"$@" 2> "$tmp/err"
}

render "$@" > "$tmp/a.json" || { cat "$tmp/err"; echo "kcidb-schema: FAIL: render"; exit 1; }
render "$@" > "$tmp/b.json" || exit 1
if ! cmp -s "$tmp/a.json" "$tmp/b.json"; then
	echo "kcidb-schema: FAIL: a second run gives other bytes"
	exit 1
fi
python3 - "$schema" "$tmp/a.json" <<'PY' || exit 1
import json, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc),
                key=lambda e: list(e.absolute_path))
for e in errors[:20]:
    print("kcidb-schema: %s: %s" % ("/".join(map(str, e.absolute_path)),
                                   e.message[:300]))
if errors:
    print("kcidb-schema: FAIL: %d schema errors" % len(errors))
    sys.exit(1)
n = {k: len(doc.get(k, [])) for k in
     ("checkouts", "builds", "tests", "issues", "incidents")}
if not (n["checkouts"] == 1 and n["builds"] and n["tests"]):
    print("kcidb-schema: FAIL: expected a checkout, builds and tests: %r" % n)
    sys.exit(1)
print("kcidb-schema: PASS: %(checkouts)d checkout, %(builds)d builds, "
      "%(tests)d tests, %(issues)d issues, %(incidents)d incidents" % n)
PY
