// SPDX-License-Identifier: GPL-2.0
/*
 * Release over release: the Changes, Known issues and Coverage sections
 * read back, the comparison by identity and coverage, the known-issues
 * YAML, and the --fail-on grammar of changes.
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "known.h"
#include "render.h"
#include "strbuf.h"
#include "suites.h"
#include "summary.h"
#include "testutil.h"
#include "util.h"

/* A RESULTS with every section, as render writes it */
static const char full[] =
"Results for 1.2\n"
"  format   1\n"
"  commit   0123456789abcdef\n"
"  input    build build.log compiler=gcc units=3\n"
"  input    kunit kunit.json suites=1\n"
"\n"
"Changes since 1.1\n"
"  build    builds 1 -> 1: pass 1 -> 1, fail 0 -> 0\n"
"  build    diagnostics 3 -> 4: error 0 -> 0, warning 3 -> 4, info 0 -> 0\n"
"  kunit    tests 4 -> 2: pass 3 -> 1, fail 1 -> 1, skip 0 -> 0, error 0 -> 0\n"
"  more: gcc warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable 'x'\n"
"      occurrences 2 -> 3\n"
"  fixed: gcc warning build -Wtype-limits drivers/widget/wdg-core.c: comparison is always true\n"
"  gone: kunit FAIL frob.basic\n"
"\n"
"Known issues\n"
"  https://lore.kernel.org/r/x intermittent since 1.0\n"
"    | fails under load\n"
"    |\n"
"    | see the thread\n"
"    kunit FAIL widget.limits\n"
"  known issue not seen in this release: - since 0.9\n"
"    | no link yet\n"
"  known issue not seen in this release: https://syzkaller.appspot.com/bug?extid=0\n"
"\n"
"Summary\n"
"  build    builds 1: pass 1, fail 0\n"
"  build    diagnostics 4: error 0, warning 4, info 0, unique 2\n"
"  kunit    tests 2: pass 1, fail 1, skip 0, error 0\n"
"\n"
"Failures\n"
"  kunit FAIL widget.limits\n"
"\n"
"gcc: errors 0, warnings 4, info 0, unique 2\n"
"  warning build -Wunused-variable drivers/widget/wdg-core.c: unused variable 'x'\n"
"      3 occurrences\n"
"  warning build -Wformat fs/ext4/inode.c: format '%d'\n"
"\n"
"Coverage\n"
"  configuration -\n"
"    suite widget\n"
"  configuration compiler=gcc\n"
"    dir drivers/widget\n"
"    dir fs/ext4\n";

/* Read RESULTS @text into a finished summary; it must be well formed. */
static void read_ok(const char *text, struct summary *s)
{
	struct tu_capture cap;
	char *err;
	int ret;

	summary_init(s);
	tu_capture_start(&cap);
	ret = results_read_buffer("T", text, strlen(text), s);
	err = tu_capture_end(&cap);
	ck_assert_msg(ret == 0, "read failed: %s", err);
	free(err);
	summary_finish(s);
}

/* Read RESULTS @text, which must fail with exactly the stderr @want. */
static void read_fails(const char *text, const char *want)
{
	struct tu_capture cap;
	struct summary s;
	char *err;

	summary_init(&s);
	tu_capture_start(&cap);
	ck_assert_int_eq(results_read_buffer("T", text, strlen(text), &s), -1);
	err = tu_capture_end(&cap);
	ck_assert_str_eq(err, want);
	free(err);
	summary_release(&s);
}

/* @text with the line that starts with @from replaced by @to */
static char *edit(const char *text, const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	const char *hit = strstr(text, from);
	const char *eol;

	ck_assert_ptr_nonnull(hit);
	eol = strchr(hit, '\n');
	strbuf_add(&sb, text, hit - text);
	strbuf_addstr(&sb, to);
	strbuf_addstr(&sb, eol);
	return strbuf_detach(&sb);
}

START_TEST(test_sections_read_back)
{
	struct summary s;
	char *again;

	read_ok(full, &s);
	ck_assert(s.ext.has_changes);
	ck_assert_str_eq(s.ext.prev, "1.1");
	ck_assert_uint_eq(s.ext.nr_delta, 3);
	ck_assert_uint_eq(s.ext.nr_chg, 3);
	ck_assert_int_eq(s.ext.chg[0].kind, CHANGE_MORE);
	ck_assert_uint_eq(s.ext.chg[0].old_count, 2);
	ck_assert_uint_eq(s.ext.chg[0].new_count, 3);
	ck_assert_int_eq(s.ext.chg[2].kind, CHANGE_GONE);
	ck_assert_uint_eq(s.ext.nr_known, 3);
	ck_assert(s.ext.known[0].ref.intermittent);
	ck_assert_str_eq(s.ext.known[0].ref.note,
			 "fails under load\n\nsee the thread");
	ck_assert(!s.ext.known[1].seen);
	ck_assert_str_eq(s.ext.known[1].ref.link, "-");
	ck_assert_str_eq(s.ext.known[1].ref.note, "no link yet");
	ck_assert_uint_eq(s.ext.nr_cov, 2);
	ck_assert_uint_eq(s.ext.cov[1].dirs.nr, 2);
	again = tu_render(&s);
	ck_assert_str_eq(again, full);
	free(again);
	summary_release(&s);
}

START_TEST(test_previous_missing_reads_back)
{
	static const char text[] =
		"Results for 1.0\n"
		"  format   1\n"
		"  commit   unknown\n"
		"\n"
		"Changes since v0.9\n"
		"  no RESULTS in v0.9: nothing compared\n"
		"\n"
		"Summary\n";
	struct summary s;
	char *again;

	read_ok(text, &s);
	ck_assert(s.ext.prev_missing);
	again = tu_render(&s);
	ck_assert_str_eq(again, text);
	free(again);
	summary_release(&s);
}

START_TEST(test_sections_malformed)
{
	char *t;

	t = edit(full, "      occurrences 2 -> 3", "  fixed: kunit FAIL a.b");
	read_fails(t, "results: T:12: expected 'occurrences OLD -> NEW'\n");
	free(t);
	t = edit(full, "  gone: kunit FAIL frob.basic",
		 "      occurrences 1 -> 2");
	read_fails(t, "results: T:14: occurrences without a 'more' change\n");
	free(t);
	t = edit(full, "  gone: kunit FAIL frob.basic",
		 "  gone: kunit PASS frob.basic");
	read_fails(t, "results: T:14: expected 'KIND: SOURCE STATUS NAME' or 'KIND: TOOL SEVERITY SOURCE CATEGORY FILE: MESSAGE'\n");
	free(t);
	t = edit(full, "  kunit    tests 4 -> 2",
		 "  kunit    tests 4 -> 3: pass 3 -> 1, fail 1 -> 1, skip 0 -> 0, error 0 -> 0");
	read_fails(t, "results: T:10: bad counts before and after\n");
	free(t);
	t = edit(full, "    kunit FAIL widget.limits",
		 "  https://example.org/other");
	read_fails(t, "results: T:21: known issue without a matched item\n");
	free(t);
	t = edit(full, "    dir fs/ext4", "    dir drivers");
	read_fails(t, "results: T:44: coverage out of order: 'drivers'\n");
	free(t);
	t = edit(full, "    suite widget", "    unit widget");
	read_fails(t, "results: T:41: expected 'configuration LABELS', 'dir DIR' or 'suite SUITE'\n");
	free(t);
	/* sections in their order only */
	read_fails("Results for 1\n  format   1\n\nSummary\n\nChanges since 0\n",
		   "results: T:6: section out of order: 'Changes since 0'\n");
	read_fails("Results for 1\n  format   1\n\nChanges since 0\n",
		   "results: T:4: no 'Summary' section: truncated RESULTS\n");
	read_fails("Results for 1\n  format   1\n\nChanges since 0\n"
		   "  no RESULTS in 0: nothing compared\n"
		   "  new: kunit FAIL a.b\n\nSummary\n",
		   "results: T:6: changes after 'no RESULTS'\n");
}

/* Two releases, to compare */
static const char v1[] =
"Results for 1\n"
"  format   1\n"
"  commit   unknown\n"
"  input    build arm.log arch=arm64 compiler=gcc compiler_version=12.2.0 units=10\n"
"  input    build x86.log arch=x86 compiler=gcc units=10\n"
"  input    kunit kunit.json arch=um suites=2\n"
"\n"
"Summary\n"
"  build    diagnostics 5: error 0, warning 5, info 0, unique 5\n"
"  kunit    tests 3: pass 1, fail 2, skip 0, error 0\n"
"\n"
"Failures\n"
"  kunit FAIL frob.basic\n"
"  kunit FAIL widget.limits\n"
"\n"
"gcc: errors 0, warnings 5, info 0, unique 5\n"
"  warning build -Wa arch/arm64/kernel/a.c: only arm64 builds this\n"
"  warning build -Wb drivers/b/b.c: fixed in 2\n"
"  warning build -Wc drivers/c/c.c: a directory 2 did not build\n"
"  warning build -Wd include/linux/d.h: a header\n"
"  warning build -We drivers/b/e.c: stays\n"
"\n"
"Coverage\n"
"  configuration arch=arm64 compiler=gcc\n"
"    dir arch/arm64/kernel\n"
"    dir drivers/b\n"
"    dir drivers/c\n"
"  configuration arch=um\n"
"    suite frob\n"
"    suite widget\n"
"  configuration arch=x86 compiler=gcc\n"
"    dir drivers/b\n"
"    dir drivers/c\n";

/* arm64 not built; x86 from gcc 13; drivers/c not built; frob not run */
static const char v2[] =
"Results for 2\n"
"  format   1\n"
"  commit   unknown\n"
"  input    build x86.log arch=x86 compiler=gcc compiler_version=13.1.0 units=12\n"
"  input    kunit kunit.json arch=um suites=1\n"
"\n"
"Summary\n"
"  build    diagnostics 4: error 0, warning 4, info 0, unique 2\n"
"  kunit    tests 1: pass 1, fail 0, skip 0, error 0\n"
"\n"
"gcc: errors 0, warnings 4, info 0, unique 2\n"
"  warning build -We drivers/b/e.c: stays\n"
"      3 occurrences\n"
"  warning build -Wf drivers/b/f.c: new in 2\n"
"\n"
"Coverage\n"
"  configuration arch=um\n"
"    suite widget\n"
"  configuration arch=x86 compiler=gcc\n"
"    dir drivers/b\n"
"    dir drivers/new\n";

static const struct change *find(const struct summary_ext *x,
				 const char *what)
{
	size_t i;

	for (i = 0; i < x->nr_chg; i++) {
		const struct change *c = &x->chg[i];

		if (c->diag ? !strcmp(c->category, what) :
			      !strcmp(c->name, what))
			return c;
	}
	ck_abort_msg("no change for '%s'", what);
	return NULL;
}

START_TEST(test_compare_coverage)
{
	struct summary a, b;
	struct summary_ext x = { 0 };

	read_ok(v1, &a);
	read_ok(v2, &b);
	compare_releases(&a, &b, NULL, &x);
	ext_finish(&x);
	/* arm64 was not built at all this time */
	ck_assert_int_eq(find(&x, "-Wa")->kind, CHANGE_NOT_CHECKED);
	/* drivers/b was built again for x86, not for arm64 */
	ck_assert_int_eq(find(&x, "-Wb")->kind, CHANGE_NOT_CHECKED);
	/* drivers/c was not built again */
	ck_assert_int_eq(find(&x, "-Wc")->kind, CHANGE_NOT_CHECKED);
	ck_assert_int_eq(find(&x, "-Wd")->kind, CHANGE_NOT_CHECKED);
	ck_assert_int_eq(find(&x, "-We")->kind, CHANGE_MORE);
	ck_assert_uint_eq(find(&x, "-We")->old_count, 1);
	ck_assert_uint_eq(find(&x, "-We")->new_count, 3);
	ck_assert_int_eq(find(&x, "-Wf")->kind, CHANGE_NEW);
	/* the suite ran and the test passed; the other suite did not run */
	ck_assert_int_eq(find(&x, "widget.limits")->kind, CHANGE_FIXED);
	ck_assert_int_eq(find(&x, "frob.basic")->kind, CHANGE_GONE);
	ext_release(&x);
	summary_release(&a);
	summary_release(&b);
}

START_TEST(test_compare_fixed_in_every_configuration)
{
	static const char *const drop[] = {
		"  input    build arm.log arch=arm64 compiler=gcc compiler_version=12.2.0 units=10\n",
		"  configuration arch=arm64 compiler=gcc\n"
		"    dir arch/arm64/kernel\n"
		"    dir drivers/b\n"
		"    dir drivers/c\n",
		"  warning build -Wa arch/arm64/kernel/a.c: only arm64 builds this\n",
	};
	struct summary a, b;
	struct summary_ext x = { 0 };
	char *t = xstrdup(v1), *u;
	size_t i;

	/* without arm64 before, x86 alone decides */
	for (i = 0; i < ARRAY_SIZE(drop); i++) {
		size_t n = strlen(drop[i]);

		u = strstr(t, drop[i]);
		ck_assert_ptr_nonnull(u);
		memmove(u, u + n, strlen(u + n) + 1);
	}
	u = edit(t, "  build    diagnostics 5",
		 "  build    diagnostics 4: error 0, warning 4, info 0, unique 4");
	free(t);
	t = edit(u, "gcc: errors", "gcc: errors 0, warnings 4, info 0, unique 4");
	read_ok(t, &a);
	read_ok(v2, &b);
	compare_releases(&a, &b, NULL, &x);
	ext_finish(&x);
	ck_assert_int_eq(find(&x, "-Wb")->kind, CHANGE_FIXED);
	ck_assert_int_eq(find(&x, "-Wc")->kind, CHANGE_NOT_CHECKED);
	/* a header: x86 compiled more units than before */
	ck_assert_int_eq(find(&x, "-Wd")->kind, CHANGE_FIXED);
	ext_release(&x);
	summary_release(&a);
	summary_release(&b);
	free(t);
	free(u);
}

START_TEST(test_compare_without_coverage)
{
	static const char old[] =
		"Results for 1\n  format   1\n  commit   unknown\n"
		"  input    build build.log compiler=gcc\n\n"
		"Summary\n"
		"  build    diagnostics 1: error 0, warning 1, info 0, unique 1\n"
		"  kunit    tests 1: pass 0, fail 1, skip 0, error 0\n\n"
		"Failures\n  kunit FAIL a.b\n\n"
		"gcc: errors 0, warnings 1, info 0, unique 1\n"
		"  warning build - a.c: gone\n";
	static const char new[] =
		"Results for 2\n  format   1\n  commit   unknown\n"
		"  input    build build.log compiler=gcc\n\n"
		"Summary\n";
	struct summary a, b;
	struct summary_ext x = { 0 };

	/* nothing says what was checked: nothing is fixed */
	read_ok(old, &a);
	read_ok(new, &b);
	compare_releases(&a, &b, NULL, &x);
	ext_finish(&x);
	ck_assert_int_eq(find(&x, "-")->kind, CHANGE_NOT_CHECKED);
	ck_assert_int_eq(find(&x, "a.b")->kind, CHANGE_NOT_CHECKED);
	ext_release(&x);
	summary_release(&a);
	summary_release(&b);
}

/* A warning that moved ten lines is the same warning */
START_TEST(test_compare_moved_warning)
{
	static const char log1[] =
		"  CC      drivers/b/e.o\n"
		"drivers/b/e.c:10:5: warning: unused variable 'x' [-Wunused-variable]\n";
	static const char log2[] =
		"  CC      drivers/b/e.o\n"
		"drivers/b/e.c:20:5: warning: unused variable 'x' [-Wunused-variable]\n";
	struct results r1, r2;
	struct summary a, b;
	struct summary_ext x = { 0 };

	results_init(&r1);
	results_init(&r2);
	ck_assert_int_eq(tu_parse_str(&r1, log1), 0);
	ck_assert_int_eq(tu_parse_str(&r2, log2), 0);
	tu_summarise(&a, &r1);
	tu_summarise(&b, &r2);
	compare_releases(&a, &b, NULL, &x);
	ext_finish(&x);
	ck_assert_uint_eq(x.nr_chg, 1);
	ck_assert_int_eq(x.chg[0].kind, CHANGE_STILL);
	ext_release(&x);
	summary_release(&a);
	summary_release(&b);
	results_release(&r1);
	results_release(&r2);
}

START_TEST(test_config_of)
{
	static const char *const labels[] = {
		"w=1", "units=3", "compiler_version=12.2.0", "arch=x86",
		"checked=2", "suites=1", "exit=2", "tool_version=sparse_0.6.4",
	};
	struct input_desc in = { .label = (const char **)labels };

	in.nr_label = ARRAY_SIZE(labels);
	ck_assert_str_eq(config_of(&in), "arch=x86 w=1");
	in.nr_label = 2;
	in.label = (const char **)labels + 1;
	ck_assert_str_eq(config_of(&in), "-");
	ck_assert_str_eq(dir_of("./drivers/b/e.o"), "drivers/b");
	ck_assert_str_eq(dir_of("vmlinux.o"), ".");
	ck_assert_str_eq(suite_of("widget.sizes.size-16"), "widget");
}

/* Load YAML @text; return what known_load() did, stderr in *@err */
static int load_known(const char *text, struct known_list *k, char **err)
{
	char *path = tu_write_temp_str(text);
	struct tu_capture cap;
	struct strbuf sb = STRBUF_INIT;
	char *e, *hit;
	int ret;

	tu_capture_start(&cap);
	ret = known_load(k, path);
	e = tu_capture_end(&cap);
	/* the file's name as "Y" */
	hit = strstr(e, path);
	if (hit) {
		strbuf_add(&sb, e, hit - e);
		strbuf_addch(&sb, 'Y');
		strbuf_addstr(&sb, hit + strlen(path));
		free(e);
		e = strbuf_detach(&sb);
	}
	*err = e;
	tu_remove_temp(path);
	return ret;
}

static void known_fails(const char *text, const char *want)
{
	struct known_list k = { 0 };
	char *err;

	ck_assert_int_eq(load_known(text, &k, &err), -1);
	ck_assert_str_eq(err, want);
	free(err);
	known_release(&k);
}

START_TEST(test_known_errors)
{
	known_fails("issues:\n  - link: x\n    tset: y\n",
		    "results: Y:3:5: unknown key 'tset' (known: link, intermittent, since, note, source, test, tool, file, severity, message, regex)\n");
	known_fails("issues:\n  - link: \"x\n",
		    "results: Y:3:1: invalid YAML: found unexpected end of stream\n");
	known_fails("issues:\n  - tool: gcc\n    intermittent: yes\n",
		    "results: Y:3:19: expected true or false for 'intermittent'\n");
	known_fails("issues:\n  - tool: gcc\n    regex: \"((\"\n",
		    "results: Y:3:12: bad regex '((': Unmatched ( or \\(\n");
	known_fails("issues:\n  - test: x\n",
		    "results: Y:2:5: 'test' needs a 'source'\n");
	known_fails("issues:\n  - link: x\n",
		    "results: Y:2:5: a known issue needs 'source' and 'test', or 'tool'\n");
	known_fails("issues:\n  - source: kunit\n    test: a\n    file: b\n",
		    "results: Y:2:5: 'file', 'severity', 'message' and 'regex' go with 'tool', not 'test'\n");
	known_fails("issues:\n  - tool: gcc\n    link: two words\n",
		    "results: Y:3:11: 'link' must be one word: 'two words'\n");
	known_fails("- tool: gcc\n",
		    "results: Y:1:1: expected a mapping with the key 'issues'\n");
	known_fails("issues:\n  - &a\n    tool: gcc\n  - *a\n",
		    "results: Y:4:5: aliases are not supported\n");
	known_fails("issues: []\n---\nissues: []\n",
		    "results: Y:2:1: one YAML document only\n");
}

START_TEST(test_known_matching)
{
	static const char yaml[] =
		"# comment\n"
		"issues:\n"
		"  - source: kunit\n"
		"    test: \"widget.*\"\n"
		"  - tool: gcc\n"
		"    file: \"drivers/*\"\n"
		"    severity: warning\n"
		"    message: unused\n"
		"  - tool: sparse\n"
		"    regex: \"^context imbalance in '[a-z_]+'\"\n";
	struct known_list k = { 0 };
	struct change t = { .source = "kunit", .name = "widget.sizes.s16" };
	struct change d = {
		.diag = true, .source = "build", .tool = "gcc",
		.severity = SEV_WARNING, .file = "drivers/b/c.c",
		.message = "unused variable 'x'", .category = "-",
	};
	char *err;

	ck_assert_int_eq(load_known(yaml, &k, &err), 0);
	free(err);
	ck_assert_uint_eq(k.nr, 3);
	ck_assert_str_eq(k.e[0].ref.link, "-");
	ck_assert(known_matches(&k, &t));
	t.name = "frob.widget";
	ck_assert(!known_matches(&k, &t));
	ck_assert(known_matches(&k, &d));
	d.severity = SEV_ERROR;
	ck_assert(!known_matches(&k, &d));
	d.severity = SEV_WARNING;
	d.file = "fs/a.c";
	ck_assert(!known_matches(&k, &d));
	d.tool = "sparse";
	d.message = "context imbalance in 'foo' - wrong count at exit";
	ck_assert(known_matches(&k, &d));
	d.message = "a context imbalance in 'foo'";
	ck_assert(!known_matches(&k, &d));
	known_release(&k);
	/* an empty file, or comments only: no known issues, no error */
	ck_assert_int_eq(load_known("# none yet\n", &k, &err), 0);
	free(err);
	ck_assert_uint_eq(k.nr, 0);
	known_release(&k);
}

START_TEST(test_fail_on)
{
	struct fail_on_list l = { 0 };
	struct summary_ext x = { 0 };
	struct change c = { .kind = CHANGE_NEW, .source = "kunit",
			    .name = "a.b", .status = TEST_FAIL };
	struct tu_capture cap;
	char *err;

	change_add(&x, &c);
	ck_assert_int_eq(fail_on_parse(&l, "new:build:error,more"), 0);
	ck_assert(!fail_on_new_holds(&l, &x));
	ck_assert_int_eq(fail_on_parse(&l, "new:kunit:fail"), 0);
	ck_assert(fail_on_new_holds(&l, &x));
	fail_on_release(&l);
	ck_assert_int_eq(fail_on_parse(&l, "new:kunit:warning"), 0);
	ck_assert(!fail_on_new_holds(&l, &x));
	fail_on_release(&l);
	tu_capture_start(&cap);
	ck_assert_int_eq(fail_on_parse(&l, "new:kunit:bad"), -1);
	ck_assert_int_eq(fail_on_parse(&l, "fixed"), -1);
	ck_assert_int_eq(fail_on_parse(&l, "new:"), -1);
	err = tu_capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(err, "results: bad --fail-on 'fixed': expected new or more"));
	free(err);
	fail_on_release(&l);
	ext_release(&x);
}

/**
 * compare_tcases() - the test cases of release over release
 * @s: the suite that carries them
 */
void compare_tcases(Suite *s)
{
	TCase *tr = tcase_create("sections");
	TCase *tc = tcase_create("compare");
	TCase *tk = tcase_create("known");

	tcase_add_test(tr, test_sections_read_back);
	tcase_add_test(tr, test_previous_missing_reads_back);
	tcase_add_test(tr, test_sections_malformed);
	suite_add_tcase(s, tr);
	tcase_add_test(tc, test_compare_coverage);
	tcase_add_test(tc, test_compare_fixed_in_every_configuration);
	tcase_add_test(tc, test_compare_without_coverage);
	tcase_add_test(tc, test_compare_moved_warning);
	tcase_add_test(tc, test_config_of);
	tcase_add_test(tc, test_fail_on);
	suite_add_tcase(s, tc);
	tcase_add_test(tk, test_known_errors);
	tcase_add_test(tk, test_known_matching);
	suite_add_tcase(s, tk);
}
