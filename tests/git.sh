#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of results against git: release over release in temporary
# repositories with tagged releases, no network.
#
#   tests/git.sh RESULTS-BINARY
#
# The repositories are built from tests/fixtures/releases/VERSION/ (a
# build log and a kunit JSON per release) the way a maintainer would:
# render RESULTS against the previous tag, commit, tag. Every test runs
# in a subshell with "set -e" and prints PASS or FAIL; the last line is
# "N passed, M failed" and the exit status is 1 when a test failed.
#
# git sees nothing of the machine's configuration: GIT_CONFIG_NOSYSTEM=1,
# HOME is a temporary directory with its own .gitconfig (user.name,
# user.email, init.defaultBranch), and the repositories are below a
# GIT_CEILING_DIRECTORIES. KEEP_TMP=1 keeps the temporary directory.

set -u -o pipefail

me=${0##*/}
if [[ $# -ne 1 ]]; then
	echo "usage: $me RESULTS-BINARY" >&2
	exit 2
fi
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
results_binary "$1"
fixtures=$(cd "$(dirname "$0")/fixtures/releases" && pwd) || exit 2

root=$(mktemp -d "${TMPDIR:-/tmp}/results-git.XXXXXX") || exit 2
if [[ -n ${KEEP_TMP:-} ]]; then
	echo "$me: keeping $root" >&2
else
	trap 'rm -rf "$root"' EXIT
fi
trap 'exit 130' INT TERM

# git as a test machine sees it, whatever this machine says
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_NOTES_REF GIT_CONFIG GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT \
	XDG_CONFIG_HOME
export GIT_CONFIG_NOSYSTEM=1 HOME=$root/home GIT_CEILING_DIRECTORIES=$root
export LC_ALL=C TZ=UTC GIT_PAGER=cat PAGER=cat
mkdir -p "$HOME" "$root/bin"
cat > "$HOME/.gitconfig" <<'EOF'
[user]
	name = Test Maintainer
	email = maint@example.org
[init]
	defaultBranch = master
[advice]
	detachedHead = false
EOF
# "git results ..." runs git-results from PATH, as after make install
ln -s "$results" "$root/bin/git-results"
export PATH=$root/bin:$PATH

passed=0
failed=0
T=$root/t
mkdir -p "$T"

fail() {
	echo "$*" >&2
	return 1
}

# expect STATUS CMD...: run CMD, its output in $T/out and $T/err
expect() {
	local want=$1 got=0

	shift
	"$@" > "$T/out" 2> "$T/err" || got=$?
	if [[ $got -ne $want ]]; then
		echo "stdout:"; cat "$T/out"
		echo "stderr:"; cat "$T/err"
		fail "'$*' exited $got, not $want"
	fi
}

# same FILE: FILE equals the standard input
same() {
	diff -u - "$1" || fail "$1 differs"
}

has() {
	grep -qF -- "$2" "$1" || { cat "$1"; fail "$1 lacks '$2'"; }
}

lacks() {
	! grep -qF -- "$2" "$1" || { cat "$1"; fail "$1 has '$2'"; }
}

run() {
	local name=$1 rc

	# not on the left of || or in an if: set -e would be ignored
	(set -e; cd "$root"; "test_$name") > "$T/log" 2>&1
	rc=$?
	if [[ $rc -eq 0 ]]; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		sed 's/^/    /' "$T/log"
		failed=$((failed + 1))
	fi
}

# release REPO VERSION [PREVIOUS-TAG-PATTERN]: render, commit, tag vVERSION
release() {
	local repo=$1 v=$2

	cp "$fixtures/$v/build.log" "$fixtures/$v/kunit.json" "$repo/"
	(cd "$repo" &&
	 echo "$v" > VERSION &&
	 "$results" render --release "$v" --previous-tag 'v*' \
		-o RESULTS build.log kunit.json &&
	 git add VERSION RESULTS &&
	 git commit -q -m "Release $v" &&
	 git tag -a -m "Release $v" "v$v")
}

# The fixture: three tagged releases, RESULTS committed with each
setup() {
	git init -q "$root/repo" &&
	(cd "$root/repo" && echo build.log > .gitignore &&
	 echo kunit.json >> .gitignore && git add .gitignore &&
	 git commit -q -m "Start" && git tag v0.9) &&
	release "$root/repo" 1.0 &&
	release "$root/repo" 1.1 &&
	release "$root/repo" 1.2
}

test_changes_section() {
	cd repo
	git show v1.0:RESULTS > "$T/r10"
	git show v1.2:RESULTS > "$T/r12"
	# v0.9 has no RESULTS: reported as such, nothing new
	has "$T/r10" 'Changes since v0.9'
	has "$T/r10" '  no RESULTS in v0.9: nothing compared'
	lacks "$T/r10" 'new:'
	sed -n '/^Changes since/,/^$/p' "$T/r12" > "$T/section"
	same "$T/section" <<'EOF'
Changes since v1.1
  build    builds 1 -> 1: pass 1 -> 1, fail 0 -> 0
  build    diagnostics 3 -> 5: error 0 -> 1, warning 3 -> 4, info 0 -> 0
  kunit    tests 4 -> 2: pass 3 -> 1, fail 1 -> 1, skip 0 -> 0, error 0 -> 0
  new: kunit FAIL widget.limits
  new: gcc error build -Wimplicit-function-declaration drivers/widget/wdg-irq.c: implicit declaration of function 'wdg_ack'
  more: gcc warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable 'x'
      occurrences 2 -> 3
  gone: kunit FAIL frob.basic

EOF
	# read back, rendered again: the same bytes
	expect 0 "$results" render "$T/r12"
	cmp "$T/out" "$T/r12"
}

test_blame() {
	local line c10 c11 c12

	cd repo
	c10=$(git rev-parse v1.0^{commit})
	c11=$(git rev-parse v1.1^{commit})
	c12=$(git rev-parse v1.2^{commit})
	git blame -l -s RESULTS > "$T/blame"
	# the warning moved in the code and in RESULTS, and its count grew:
	# its line still belongs to the release that brought it in
	line=$(grep -F ")   warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable 'x'" "$T/blame")
	[[ $line == "$c10 "* ]] || fail "blamed on ${line%% *}, not v1.0 $c10"
	line=$(grep -F ')   warning build -Wtype-limits' "$T/blame")
	[[ $line == "$c11 "* ]] || fail "blamed on ${line%% *}, not v1.1 $c11"
	line=$(grep -F ')       3 occurrences' "$T/blame")
	[[ $line == "$c12 "* ]] || fail "count blamed on ${line%% *}, not v1.2"
	# the warning's line did move between the releases
	[[ $(git show v1.0:RESULTS | grep -n 'unused variable' | cut -d: -f1) != \
	   $(git show v1.2:RESULTS | grep -n 'unused variable' | cut -d: -f1) ]]
}

test_show() {
	cd repo
	expect 0 git results show v1.1
	git show v1.1:RESULTS | cmp - "$T/out"
	expect 0 "$results" show
	git show HEAD:RESULTS | cmp - "$T/out"
}

test_diff_revisions() {
	cd repo
	expect 0 git results diff v1.0 v1.1
	same "$T/out" <<'EOF'
Changes from v1.0 to v1.1
  build    builds 1 -> 1: pass 1 -> 1, fail 0 -> 0
  build    diagnostics 3 -> 3: error 0 -> 0, warning 3 -> 3, info 0 -> 0
  kunit    tests 4 -> 4: pass 3 -> 3, fail 1 -> 1, skip 0 -> 0, error 0 -> 0
  new: kunit FAIL frob.basic
  new: gcc warning build -Wtype-limits drivers/widget/wdg-core.c: comparison is always true due to limited range of data type
  more: gcc warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable 'x'
      occurrences 1 -> 2
  fixed: kunit FAIL widget.limits
  fixed: gcc warning build -Wmissing-prototypes drivers/widget/wdg-irq.c: no previous prototype for 'wdg_irq'
  not checked: gcc warning build -Wunused-but-set-variable fs/ext4/inode.c: variable 'err' set but not used
EOF
	# a file on one side, a revision on the other
	git show v1.0:RESULTS > "$T/old"
	expect 0 "$results" diff "$T/old" v1.1
	expect 1 "$results" diff --fail-on=new v1.0 v1.1
	expect 1 "$results" diff --fail-on=new:kunit:fail v1.0 v1.1
	expect 0 "$results" diff --fail-on=new:build:error v1.0 v1.1
	expect 1 "$results" diff --fail-on=new:build:error v1.1 v1.2
	expect 0 "$results" diff --fail-on=new v1.1 v1.1
}

test_diff_json() {
	cd repo
	expect 0 "$results" diff --json v1.1 v1.2
	for key in '"new":[' '"more":[' '"fixed":[' '"still":[' \
		   '"not_checked":[' '"gone":['; do
		has "$T/out" "$key"
	done
	has "$T/out" '{"type":"test","source":"kunit","path":"frob.basic","status":"FAIL","old_count":1,"new_count":0,"configs":[{}]}'
	has "$T/out" '"more":[{"type":"diagnostic","source":"build","tool":"gcc","severity":"warning","file":"drivers/widget/wdg-core.c","category":"-Wunused-variable","message":"unused variable '\''x'\''","old_count":2,"new_count":3,"configs":[{"compiler":"gcc"}]}]'
	[[ $(wc -l < "$T/out") -eq 1 ]]
}

test_known_issues() {
	cd repo
	cat > "$T/known.yaml" <<'EOF'
# known issues of this tree
issues:
  - link: https://lore.kernel.org/r/limits@example.org
    source: kunit
    test: "widget.lim*"
    intermittent: true
    since: "1.0"
    note: fails under load
  - link: https://bugzilla.kernel.org/show_bug.cgi?id=1
    tool: gcc
    file: "drivers/widget/*"
    regex: "implicit declaration of function '[a-z_]+'"
  - link: https://syzkaller.appspot.com/bug?extid=0
    source: kunit
    test: "ext4.*"
EOF
	expect 0 "$results" render --release 1.2 --previous v1.1 \
		--known "$T/known.yaml" build.log kunit.json
	sed -n '/^Known issues/,/^$/p' "$T/out" > "$T/section"
	same "$T/section" <<'EOF'
Known issues
  https://bugzilla.kernel.org/show_bug.cgi?id=1
    gcc error build -Wimplicit-function-declaration drivers/widget/wdg-irq.c: implicit declaration of function 'wdg_ack'
  https://lore.kernel.org/r/limits@example.org intermittent since 1.0
    | fails under load
    kunit FAIL widget.limits
  known issue not seen in this release: https://syzkaller.appspot.com/bug?extid=0

EOF
	# known issues never count as new
	lacks "$T/out" 'new: kunit FAIL widget.limits'
	lacks "$T/out" 'new: gcc error'
	cp "$T/out" "$T/known.results"
	expect 0 "$results" render "$T/known.results"
	cmp "$T/out" "$T/known.results"
	expect 0 "$results" diff --known "$T/known.yaml" --fail-on=new v1.1 v1.2
	has "$T/out" 'known: kunit FAIL widget.limits'
	# a broken known-issues file: LINE:COL and exit 2
	printf 'issues:\n  - link: x\n    tset: y\n' > "$T/bad.yaml"
	expect 2 "$results" render --known "$T/bad.yaml" build.log
	has "$T/err" "results: $T/bad.yaml:3:5: unknown key 'tset'"
	printf 'issues:\n  - link: "x\n' > "$T/bad.yaml"
	expect 2 "$results" diff --known "$T/bad.yaml" v1.0 v1.1
	same "$T/err" <<<"results: $T/bad.yaml:3:1: invalid YAML: found unexpected end of stream"
}

test_log() {
	cd repo
	expect 0 git results log
	same "$T/out" <<'EOF'
v0.9         no RESULTS
v1.0         build: 1 builds 0 failed, 3 diagnostics; kunit: 4 tests 1 failed
v1.1         build: 1 builds 0 failed, 3 diagnostics; kunit: 4 tests 1 failed | new 2, more 1, fixed 2, gone 0, not checked 1 | new kunit FAIL frob.basic
v1.2         build: 1 builds 0 failed, 5 diagnostics; kunit: 2 tests 1 failed | new 2, more 1, fixed 0, gone 1, not checked 0 | new kunit FAIL widget.limits

Unstable tests (the status flips across releases):
  kunit widget.limits: v0.9 - v1.0 FAIL v1.1 PASS v1.2 FAIL

Trend (oldest to newest; _ is the lowest, @ the highest):
  build    diagnostics  __@  3..5
  kunit    failures     ===  1..1
EOF
	expect 0 "$results" log --match 'v1.*' v1.0..v1.2
	[[ $(head -n 1 "$T/out") == "v1.1 "* ]]
	[[ $(sed -n 2p "$T/out") == "v1.2 "* ]]
}

test_notes() {
	cd repo
	git commit -q --allow-empty -m "Release 1.3, results kept in a note"
	git tag v1.3
	git rm -q RESULTS
	git commit -q -m "Drop RESULTS"
	git tag v1.4
	cp "$fixtures/1.2/build.log" "$fixtures/1.2/kunit.json" .
	"$results" render --release 1.4 -o "$T/r14" build.log kunit.json
	expect 2 "$results" show v1.4
	has "$T/err" "results: 'v1.4': no RESULTS in its tree nor in refs/notes/results"
	expect 0 "$results" note add -F "$T/r14" v1.4
	expect 2 "$results" note add -F "$T/r14" v1.4
	has "$T/err" "results: 'v1.4' has a note in refs/notes/results already; --force replaces it"
	expect 0 "$results" note add --force -F "$T/r14" v1.4
	expect 0 git results show v1.4
	cmp "$T/out" "$T/r14"
	expect 0 "$results" note show v1.4
	cmp "$T/out" "$T/r14"
	# the tree wins over the note
	expect 0 "$results" note add -F "$T/r14" v1.3
	expect 0 "$results" show v1.3
	git show v1.3:RESULTS | cmp - "$T/out"
	# a malformed RESULTS is not stored
	printf 'Results for x\n' > "$T/bad"
	expect 2 "$results" note add -F "$T/bad" HEAD~0
	has "$T/err" "no 'Summary' section: truncated RESULTS"
	# notes travel through their ref: push to and fetch from a bare repo
	git init -q --bare "$root/public.git"
	git push -q "$root/public.git" master 'refs/tags/*' refs/notes/results
	git clone -q "$root/public.git" "$root/clone"
	cd "$root/clone"
	expect 2 "$results" show v1.4
	git fetch -q origin refs/notes/results:refs/notes/results
	expect 0 "$results" show v1.4
	cmp "$T/out" "$T/r14"
	cd "$root/repo"
	expect 0 "$results" note remove v1.4
	expect 2 "$results" note show v1.4
	expect 2 "$results" note remove v1.4
	has "$T/err" "results: 'v1.4' has no note in refs/notes/results"
	git tag -d v1.3 v1.4 > /dev/null
	git reset -q --hard v1.2
}

test_trailer() {
	cd repo
	expect 0 "$results" trailer --base-url https://results.example.org/ \
		--tree linux-widget v1.1
	same "$T/out" <<<'Test-link: https://results.example.org/linux-widget/1.1'
	expect 2 "$results" trailer v1.1
	has "$T/err" 'no base URL'
	git config results.baseUrl https://results.example.org
	git remote add origin https://git.example.org/pub/scm/linux/widget/linux-widget.git
	expect 0 git results trailer
	same "$T/out" <<<'Test-link: https://results.example.org/linux-widget/1.2'
	git config results.tree widget
	expect 0 git results trailer v1.0
	same "$T/out" <<<'Test-link: https://results.example.org/widget/1.0'
	# a RESULTS file, before it is committed
	git show v1.1:RESULTS > "$T/f"
	expect 0 git results trailer "$T/f"
	same "$T/out" <<<'Test-link: https://results.example.org/widget/1.1'
	# Kconfig.results' choice in .results.config comes before git config
	printf '# CONFIG_RESULTS_COCCI is not set\nCONFIG_RESULTS_TEST_LINK="https://ci.example.org/r/"\n' \
		> .results.config
	expect 0 git results trailer v1.0
	same "$T/out" <<<'Test-link: https://ci.example.org/r/widget/1.0'
	printf 'CONFIG_RESULTS_TEST_LINK="https://ci.example.org\n' > .results.config
	expect 2 git results trailer v1.0
	same "$T/err" <<<"results: ./.results.config:1: a string without its closing '\"'"
	rm .results.config
	git config --unset results.tree
	git config --unset results.baseUrl
	git remote remove origin
}

test_report() {
	cd repo
	cp "$fixtures/1.2/build.log" "$fixtures/1.2/kunit.json" .
	expect 1 "$results" report --release 1.2 --commit 0123456789abcdef \
		--previous v1.1 --base-url https://results.example.org \
		--tree widget --fail-on=new:build:error build.log kunit.json
	same "$T/out" <<'EOF'
Results for 1.2 (0123456789ab), compared to v1.1
Regressions: 1 new failure, 1 new error

New failures
  kunit FAIL widget.limits

New errors and warnings

drivers/widget/wdg-irq.c:12:2: error: implicit declaration of function 'wdg_ack' [-Wimplicit-function-declaration]
   12 |         wdg_ack(w);
      |         ^~~~~~~
(gcc)

More occurrences
  gcc warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable 'x'
      occurrences 2 -> 3

No longer run
  kunit FAIL frob.basic

Summary
  build    builds 1: pass 1, fail 0
  build    diagnostics 5: error 1, warning 4, info 0, unique 3
  kunit    tests 2: pass 1, fail 1, skip 0, error 0

Counts before (v1.1) and after
  build    builds 1 -> 1: pass 1 -> 1, fail 0 -> 0
  build    diagnostics 3 -> 5: error 0 -> 1, warning 3 -> 4, info 0 -> 0
  kunit    tests 4 -> 2: pass 3 -> 1, fail 1 -> 1, skip 0 -> 0, error 0 -> 0

Tested-by: Test Maintainer <maint@example.org>
Test-link: https://results.example.org/widget/1.2
EOF
	expect 0 "$results" report --previous v1.1 --fail-on=new:sparse \
		build.log kunit.json
	expect 0 "$results" report --release 1.1 --previous v1.1 \
		--tested-by 'CI <ci@example.org>' "$fixtures/1.1/build.log" \
		"$fixtures/1.1/kunit.json"
	has "$T/out" 'No regressions.'
	has "$T/out" 'Tested-by: CI <ci@example.org>'
	lacks "$T/out" 'Test-link:'
}

test_merge_driver() {
	cd repo
	git checkout -q -b upward v1.1
	echo 'RESULTS merge=results' > .gitattributes
	git add .gitattributes
	git commit -q -m "RESULTS merges with the results driver"
	git config merge.results.name 'RESULTS: keep ours, mark it stale'
	git config merge.results.driver "$results merge-driver %O %A %B %P"
	git checkout -q -b side upward
	git show v1.2:RESULTS > RESULTS
	git commit -q -am "Side results"
	git checkout -q upward
	git show v1.0:RESULTS > RESULTS
	git commit -q -am "Our results"
	git merge -q -m "Merge side" side 2> "$T/err"
	has "$T/err" 'RESULTS: merged; RESULTS needs regenerating (make results)'
	git diff --quiet HEAD
	has RESULTS "results merge RESULTS needs regenerating: it was merged; run 'make results'"
	has RESULTS 'Results for 1.0'
	# it is a well-formed RESULTS
	expect 0 "$results" render RESULTS
	cmp "$T/out" RESULTS
	# neither side parses: the conflict stays
	printf 'broken\n' > "$T/a"
	printf 'broken\n' > "$T/b"
	expect 1 "$results" merge-driver "$T/a" "$T/a" "$T/b" RESULTS
	printf 'broken\n' | cmp - "$T/a"
	git checkout -q master
	git config --unset merge.results.driver
}

test_previous_without_tags() {
	git init -q fresh
	cd fresh
	git commit -q --allow-empty -m "No tags at all"
	cp "$fixtures/1.0/build.log" .
	expect 0 "$results" render --release 1.0 --previous-tag 'v*' build.log
	lacks "$T/out" 'Changes since'
	expect 0 "$results" log
	same "$T/out" <<<'no tagged release in HEAD'
}

# A kernel tarball unpacked inside another project's work tree: its
# RESULTS names the kernel's version, and no commit, not the outer one's.
test_nested_tree() {
	cd repo
	mkdir -p linux-6.1/scripts
	printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 192\nEXTRAVERSION =\n' \
		> linux-6.1/Makefile
	: > linux-6.1/Kconfig
	cp "$fixtures/1.0/build.log" linux-6.1/
	expect 0 "$results" render --srctree linux-6.1 linux-6.1/build.log
	has "$T/out" 'Results for 6.1.192'
	has "$T/out" '  commit   unknown'
	rm -rf linux-6.1
}

test_errors() {
	cd repo
	expect 2 "$results" diff v1.0 nosuchrev
	same "$T/err" <<<"results: 'nosuchrev': no such file or revision"
	expect 2 "$results" show nosuchrev
	same "$T/err" <<<"results: 'nosuchrev': no such revision"
	expect 2 "$results" diff v0.9 v1.0
	same "$T/err" <<<"results: 'v0.9': no RESULTS in its tree nor in refs/notes/results"
	expect 2 "$results" show v0.9
	expect 2 "$results" log nosuchrev
	same "$T/err" <<<"results: 'nosuchrev': no such revision or range"
	expect 2 "$results" diff v1.0
	has "$T/err" 'results: diff: expected two releases, OLD and NEW'
	# a malformed RESULTS in a tree: named REV:RESULTS:LINE
	git checkout -q -b broken v1.2
	sed -i 's/^  format   1$/  format   9/' RESULTS
	git commit -q -am "Broken RESULTS"
	git tag v1.2-broken
	expect 2 "$results" diff v1.2 broken
	same "$T/err" <<<"results: broken:RESULTS:2: unsupported RESULTS format '9'"
	expect 2 "$results" log v1.2..broken
	has "$T/err" "results: v1.2-broken:RESULTS:2: unsupported RESULTS format '9'"
	# show prints it as it is
	expect 0 "$results" show broken
	git checkout -q master
	git tag -d v1.2-broken > /dev/null
	# a malformed RESULTS file
	printf 'Results for 1\n  format   1\n\nSummary\n  build    builds 1: pass 2, fail 0\n' > "$T/bad.results"
	expect 2 "$results" diff "$T/bad.results" v1.0
	same "$T/err" <<<"results: $T/bad.results:5: bad build counts"
	# not a git repository
	mkdir -p "$root/norepo"
	cd "$root/norepo"
	expect 2 "$results" diff v1.0 v1.1
	same "$T/err" <<<"results: 'v1.0': no such file, and not in a git repository"
	expect 2 "$results" show v1.0
	same "$T/err" <<<"results: '.': not a git repository (or not in one)"
	expect 2 "$results" note show
	expect 2 "$results" log
	expect 2 "$results" trailer --base-url https://x.example.org
}

if ! setup > "$T/setup.log" 2>&1; then
	cat "$T/setup.log"
	echo "$me: cannot set up the repository" >&2
	exit 1
fi

for t in changes_section blame show diff_revisions diff_json known_issues \
	 log notes trailer report merge_driver previous_without_tags nested_tree \
	 errors; do
	run "$t"
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
