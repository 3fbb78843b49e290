// SPDX-License-Identifier: GPL-2.0
/*
 * summary.c and render_text(): grouping by identity, order, counts.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "suites.h"
#include "summary.h"
#include "testutil.h"
#include "util.h"

static struct record *add_diag(struct results *res, const struct input *in,
			       enum severity sev, const char *tool,
			       const char *file, unsigned long line,
			       unsigned long column, const char *category,
			       const char *message)
{
	struct record *r = results_add(res, REC_DIAG, "build", in, line);

	r->tool = intern(tool);
	r->severity = sev;
	r->file = intern(file);
	r->line = line;
	r->column = column;
	r->category = intern(category);
	r->message = xstrdup(message);
	return r;
}

static void add_test(struct results *res, const struct input *in,
		     const char *suite, const char *name,
		     enum test_status st)
{
	struct record *r = results_add(res, REC_TEST, "kunit", in, 1);

	r->status = st;
	r->depth = 2;
	r->path = xmalloc(2 * sizeof(*r->path));
	r->path[0] = intern(suite);
	r->path[1] = intern(name);
}

static void add_build(struct results *res, const struct input *in,
		      const char *target)
{
	struct record *r = results_add(res, REC_BUILD, "build", in, 1);

	r->tool = intern("make");
	r->failed = target != NULL;
	r->target = intern(target);
}

START_TEST(test_lines_are_not_identity)
{
	struct results res;
	struct summary s;
	struct input *in;

	results_init(&res);
	in = results_add_input(&res, "build.log", "build");
	add_diag(&res, in, SEV_WARNING, "gcc", "fs/ext4/inode.c", 120, 5,
		 "-Wunused-variable", "unused variable 'x'");
	/* a line added above it moves it: still the same warning */
	add_diag(&res, in, SEV_WARNING, "gcc", "fs/ext4/inode.c", 121, 9,
		 "-Wunused-variable", "unused variable 'x'");
	add_diag(&res, in, SEV_WARNING, "gcc", "fs/ext4/super.c", 120, 5,
		 "-Wunused-variable", "unused variable 'x'");
	add_diag(&res, in, SEV_WARNING, "gcc", "fs/ext4/inode.c", 120, 5,
		 "-Wunused-variable", "unused variable 'y'");
	tu_summarise(&s, &res);
	ck_assert_uint_eq(s.nr_diag, 3);
	ck_assert_str_eq(s.diag[0].file, "fs/ext4/inode.c");
	ck_assert_str_eq(s.diag[0].message, "unused variable 'x'");
	ck_assert_uint_eq(s.diag[0].count, 2);
	ck_assert_str_eq(s.diag[1].message, "unused variable 'y'");
	ck_assert_uint_eq(s.diag[1].count, 1);
	ck_assert_str_eq(s.diag[2].file, "fs/ext4/super.c");
	ck_assert_uint_eq(s.diag[2].count, 1);
	/* the counts are of occurrences, "unique" of groups */
	ck_assert_uint_eq(s.nr_src, 1);
	ck_assert_uint_eq(s.src[0].diags[SEV_WARNING], 4);
	ck_assert_uint_eq(summary_unique(&s, "build"), 3);
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_other_fields_are_identity)
{
	struct results res;
	struct summary s;
	struct input *in;

	results_init(&res);
	in = results_add_input(&res, "build.log", "build");
	add_diag(&res, in, SEV_WARNING, "gcc", "a.c", 1, 1, "-Wx", "m");
	add_diag(&res, in, SEV_WARNING, "clang", "a.c", 1, 1, "-Wx", "m");
	add_diag(&res, in, SEV_WARNING, "gcc", "a.c", 1, 1, "-Wy", "m");
	add_diag(&res, in, SEV_ERROR, "gcc", "a.c", 1, 1, "-Wx", "m");
	tu_summarise(&s, &res);
	ck_assert_uint_eq(s.nr_diag, 4);
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_errors_first_per_tool)
{
	struct results res;
	struct summary s;
	struct input *in;
	char *text, *err, *warn;

	results_init(&res);
	in = results_add_input(&res, "build.log", "build");
	add_diag(&res, in, SEV_WARNING, "kernel-doc", "a/first.c", 3, 0, NULL,
		 "Excess function parameter 'x' description in 'f'");
	add_diag(&res, in, SEV_INFO, "gcc", "a/a.c", 3, 0, NULL, "info");
	add_diag(&res, in, SEV_ERROR, "gcc", "z/last.c", 9, 2,
		 "-Wmissing-prototypes", "no previous prototype for 'g'");
	tu_summarise(&s, &res);
	/* a section per tool, in tool order; errors first within one */
	ck_assert_uint_eq(s.nr_diag, 3);
	ck_assert_str_eq(s.diag[0].tool, "gcc");
	ck_assert_int_eq(s.diag[0].severity, SEV_ERROR);
	ck_assert_str_eq(s.diag[0].file, "z/last.c");
	ck_assert_str_eq(s.diag[1].tool, "gcc");
	ck_assert_int_eq(s.diag[1].severity, SEV_INFO);
	ck_assert_str_eq(s.diag[2].tool, "kernel-doc");
	ck_assert_int_eq(s.diag[2].severity, SEV_WARNING);
	text = tu_render(&s);
	err = strstr(text, "\ngcc: errors 1, warnings 0, info 1, unique 2\n"
			   "  error build -Wmissing-prototypes z/last.c: no previous prototype for 'g'\n"
			   "  info build - a/a.c: info\n");
	warn = strstr(text, "\nkernel-doc: errors 0, warnings 1, info 0, unique 1\n"
			    "  warning build - a/first.c: Excess function parameter 'x' description in 'f'\n");
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(warn);
	ck_assert(err < warn);
	free(text);
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_failures_listed_once)
{
	struct results res;
	struct summary s;
	struct input *a, *b;

	results_init(&res);
	a = results_add_input(&res, "x86/kunit.json", "kunit");
	add_test(&res, a, "hash", "test_hash_or", TEST_FAIL);
	add_test(&res, a, "hash", "test_string_or", TEST_PASS);
	add_test(&res, a, "frob", "", TEST_ERROR);
	b = results_add_input(&res, "arm64/kunit.json", "kunit");
	add_test(&res, b, "hash", "test_hash_or", TEST_FAIL);
	add_test(&res, b, "frob", "", TEST_ERROR);
	add_build(&res, a, "drivers/acme/a.o");
	add_build(&res, b, "drivers/acme/a.o");
	add_build(&res, b, NULL);
	tu_summarise(&s, &res);
	/* one line each, sorted by source, then name */
	ck_assert_uint_eq(s.nr_fail, 3);
	ck_assert_str_eq(s.fail[0].source, "build");
	ck_assert_str_eq(s.fail[0].name, "drivers/acme/a.o");
	ck_assert_str_eq(s.fail[1].name, "frob.\"\"");
	ck_assert_int_eq(s.fail[1].status, TEST_ERROR);
	ck_assert_str_eq(s.fail[2].name, "hash.test_hash_or");
	/* while the counts are of every run */
	ck_assert_uint_eq(s.nr_src, 2);
	ck_assert_str_eq(s.src[1].source, "kunit");
	ck_assert_uint_eq(s.src[1].tests[TEST_FAIL], 2);
	ck_assert_uint_eq(s.src[1].tests[TEST_ERROR], 2);
	ck_assert_uint_eq(s.src[1].tests[TEST_PASS], 1);
	ck_assert_uint_eq(s.src[0].builds, 3);
	ck_assert_uint_eq(s.src[0].builds_failed, 2);
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_failed_build_without_target)
{
	struct results res;
	struct summary s;
	struct input *in;

	results_init(&res);
	in = results_add_input(&res, "build.log", "build");
	add_build(&res, in, NULL);
	res.rec[0].failed = true;
	tu_summarise(&s, &res);
	ck_assert_uint_eq(s.nr_fail, 1);
	ck_assert_str_eq(s.fail[0].name, "(make)");
	ck_assert_int_eq(s.fail[0].status, TEST_FAIL);
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_quotes_do_not_split_groups)
{
	const char *utf8 =
		"fs/a.c:3:5: warning: unused variable \xe2\x80\x98x\xe2\x80\x99 [-Wunused-variable]\n";
	const char *ascii =
		"fs/a.c:4:5: warning: unused variable 'x' [-Wunused-variable]\n";
	struct results res;
	struct summary s;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, utf8), 0);
	ck_assert_int_eq(tu_parse_str(&res, ascii), 0);
	tu_summarise(&s, &res);
	ck_assert_uint_eq(s.nr_diag, 1);
	ck_assert_uint_eq(s.diag[0].count, 2);
	ck_assert_str_eq(s.diag[0].message, "unused variable 'x'");
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_line_refs_and_addresses_not_identity)
{
	/* "on line N" inside a message, and ld's section offsets */
	const char *a =
		"ld: warning: x.o: in function f: foo on line 298 at 0x1a4\n";
	const char *b =
		"ld: warning: x.o: in function f: foo on line 310 at 0x2F0\n";
	const char *c =
		"ld: warning: x.o: in function f: foo on pipeline 310\n";
	struct results res;
	struct summary s;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, a), 0);
	ck_assert_int_eq(tu_parse_str(&res, b), 0);
	ck_assert_int_eq(tu_parse_str(&res, c), 0);
	tu_summarise(&s, &res);
	ck_assert_uint_eq(s.nr_diag, 2);
	ck_assert_str_eq(s.diag[0].tool, "ld");
	ck_assert_str_eq(s.diag[0].message,
			 "x.o: in function f: foo on line N at 0xN");
	ck_assert_uint_eq(s.diag[0].count, 2);
	/* only a word "line" counts: "pipeline 310" stays */
	ck_assert_str_eq(s.diag[1].message,
			 "x.o: in function f: foo on pipeline 310");
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_identity_text_met_literally)
{
	/*
	 * A message that reads "line N" itself, met before and after one
	 * that normalises to it, and a plain one counted many times: the
	 * record loop counts a message it saw as its own identity without
	 * normalising it again, which must give the same groups.
	 */
	struct results res;
	struct input *in;
	struct summary s;
	int i;

	results_init(&res);
	in = results_add_input(&res, "x.log", "build");
	add_diag(&res, in, SEV_WARNING, "ld", "a.c", 1, 0, NULL,
		 "foo on line N");
	add_diag(&res, in, SEV_WARNING, "ld", "a.c", 2, 0, NULL,
		 "foo on line 12");
	add_diag(&res, in, SEV_WARNING, "ld", "a.c", 3, 0, NULL,
		 "foo on line N");
	add_diag(&res, in, SEV_WARNING, "ld", "a.c", 4, 0, NULL,
		 "foo at 0x10");
	for (i = 0; i < 5; i++)
		add_diag(&res, in, SEV_WARNING, "ld", "a.c", 5 + i, 0, NULL,
			 "plain");
	/* the same text, another file: another group */
	add_diag(&res, in, SEV_WARNING, "ld", "b.c", 1, 0, NULL, "plain");
	summary_init(&s);
	summary_add_results(&s, &res);
	ck_assert_uint_eq(s.nr_diag, 4);
	ck_assert_str_eq(s.diag[0].message, "foo on line N");
	ck_assert_uint_eq(s.diag[0].count, 3);
	ck_assert_str_eq(s.diag[1].message, "foo at 0xN");
	ck_assert_uint_eq(s.diag[1].count, 1);
	ck_assert_str_eq(s.diag[2].message, "plain");
	ck_assert_str_eq(s.diag[2].file, "a.c");
	ck_assert_uint_eq(s.diag[2].count, 5);
	ck_assert_str_eq(s.diag[3].file, "b.c");
	ck_assert_uint_eq(s.diag[3].count, 1);
	summary_release(&s);
	results_release(&res);
}
END_TEST

/*
 * A log long enough that "results render" folds its records into groups
 * while reading, with the facts that change them (the compiler, the
 * source tree) known only at its end: folding must give the very RESULTS
 * that keeping every record gives.
 */
START_TEST(test_fold_equals_keeping_records)
{
	struct strbuf log = STRBUF_INIT;
	struct results kept, folded;
	struct summary a, b;
	char *ta, *tb, *path;
	int i;

	strbuf_addstr(&log, "make[1]: Entering directory '/w/obj'\n");
	for (i = 0; i < 6000; i++) {
		strbuf_addf(&log, "  CC      drivers/d%d/f.o\n", i % 70);
		strbuf_addf(&log,
			    "/w/src/drivers/d%d/f.c:%d:5: warning: unused variable 'v%d' [-Wunused-variable]\n",
			    i % 70, 10 + i, i % 9);
		strbuf_addstr(&log, "        int v;\n            ^\n");
	}
	strbuf_addstr(&log, "1 warning generated.\n");
	strbuf_addstr(&log, "make[1]: *** [/w/src/Makefile:2012: .] Error 2\n");

	path = tu_write_temp(log.buf, log.len);
	results_init(&kept);
	results_init(&folded);
	folded.fold = true;
	ck_assert_int_eq(tu_parse_quiet(&kept, path, NULL, NULL, 0, NULL), 0);
	ck_assert_int_eq(tu_parse_quiet(&folded, path, NULL, NULL, 0, NULL),
			 0);
	tu_remove_temp(path);
	/* the folded model holds (almost) no records any more */
	ck_assert_uint_eq(folded.nr, 0);
	ck_assert_uint_eq(kept.nr, 6001);
	tu_summarise(&a, &kept);
	tu_summarise(&b, &folded);
	ta = tu_render(&a);
	tb = tu_render(&b);
	/* too long for Check's message: say where they part */
	for (i = 0; ta[i] && ta[i] == tb[i]; i++)
		;
	ck_assert_msg(ta[i] == tb[i], "folded RESULTS differ at byte %d: '%.60s' vs '%.60s'",
		      i, ta + i, tb + i);
	/* 70 files, each with 9 variables */
	ck_assert_uint_eq(b.nr_diag, 630);
	ck_assert_str_eq(b.diag[0].tool, "clang");
	ck_assert_str_eq(b.diag[0].file, "drivers/d0/f.c");
	ck_assert_ptr_null(strstr(tb, "/w/"));
	free(ta);
	free(tb);
	summary_release(&a);
	summary_release(&b);
	results_release(&kept);
	results_release(&folded);
	strbuf_release(&log);
}
END_TEST

/*
 * summary_add_records() in batches, as a build log is folded: a sequence
 * of diagnostics seen again is counted in the groups it foretells, one
 * in a new order by the index. Either way the groups are those of
 * summary_add_record(), one record at a time.
 */
START_TEST(test_batches_foretold)
{
	static const char *const msg[] = {
		"unused variable 'x'",
		"array index 3 is past the end",
		"comparison is always false",
		/* not its own identity text: normalised each time */
		"unreachable code at line 17",
	};
	struct results res;
	struct summary one, batched;
	struct input *in;
	char file[32];
	char *ta, *tb;
	size_t i, n;

	results_init(&res);
	in = results_add_input(&res, "build.log", "build");
	/*
	 * 1,600 records of 400 diagnostics: in one order, twice, then in
	 * another, in which each is foretold wrong: another file, the same
	 * message and severity
	 */
	for (i = 0; i < 1600; i++) {
		n = i < 800 ? i % 400 : (i * 3) % 400;
		/* names that are not tokens as they are, and no category */
		snprintf(file, sizeof(file), n % 7 ? "drivers/d%zu/f.c" :
			 "drivers/my d%zu/f.c", n % 50);
		add_diag(&res, in, n / 50 % 5 ? SEV_WARNING : SEV_ERROR,
			 "gcc", file, 10 + i, 5,
			 n % 11 ? (n / 50 % 3 ? "-Wx" : "-Wy") : NULL,
			 msg[n / 50 % ARRAY_SIZE(msg)]);
	}
	summary_init(&one);
	for (i = 0; i < res.nr; i++)
		summary_add_record(&one, &res.rec[i]);
	summary_init(&batched);
	for (i = 0; i < res.nr; i += 100)
		summary_add_records(&batched, &res.rec[i], 100);
	/* the second 400 were foretold, and counted that way */
	ck_assert_uint_ge(batched.pred_hits, 300);
	ck_assert_uint_eq(one.nr_diag, batched.nr_diag);
	summary_finish(&one);
	summary_finish(&batched);
	ta = tu_render(&one);
	tb = tu_render(&batched);
	ck_assert_str_eq(ta, tb);
	ck_assert_uint_eq(batched.src[0].diags[SEV_ERROR] +
			  batched.src[0].diags[SEV_WARNING], 1600);
	free(ta);
	free(tb);
	summary_release(&one);
	summary_release(&batched);
	results_release(&res);
}
END_TEST

START_TEST(test_notices_collapsed)
{
	struct results res;
	struct summary s;
	struct record *r;
	int i;

	results_init(&res);
	for (i = 0; i < 3; i++) {
		r = results_add(&res, REC_NOTICE, "kunit", NULL, 0);
		r->tool = intern("kunit.py");
		r->message = xstrdup(i < 2 ? "kunit.py ran no tests" :
				     "kunit.py reported 2 parser errors");
	}
	tu_summarise(&s, &res);
	ck_assert_uint_eq(s.nr_notice, 2);
	ck_assert_str_eq(s.notice[0].message, "kunit.py ran no tests");
	ck_assert_uint_eq(s.notice[0].count, 2);
	ck_assert_uint_eq(s.notice[1].count, 1);
	ck_assert_uint_eq(s.src[0].notices, 3);
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_token)
{
	ck_assert_str_eq(token(NULL), "-");
	ck_assert_str_eq(token(""), "-");
	ck_assert_str_eq(token("gcc"), "gcc");
	ck_assert_ptr_eq(token("gcc"), intern("gcc"));
	ck_assert_str_eq(token("Debian clang\t14"), "Debian_clang_14");
}
END_TEST

START_TEST(test_merge)
{
	struct results res;
	struct summary a, b;
	struct input *in;

	results_init(&res);
	in = results_add_input(&res, "build.log", "build");
	add_diag(&res, in, SEV_WARNING, "gcc", "a.c", 1, 1, "-Wx", "m");
	add_build(&res, in, NULL);
	tu_summarise(&a, &res);
	tu_summarise(&b, &res);
	b.release = intern("6.1.192");
	summary_merge(&a, &b);
	summary_finish(&a);
	ck_assert_str_eq(a.release, "6.1.192");
	ck_assert_uint_eq(a.nr_diag, 1);
	ck_assert_uint_eq(a.diag[0].count, 2);
	ck_assert_uint_eq(a.src[0].builds, 2);
	ck_assert_uint_eq(a.src[0].diags[SEV_WARNING], 2);
	ck_assert_uint_eq(a.nr_in, 2);
	summary_release(&a);
	summary_release(&b);
	results_release(&res);
}
END_TEST

START_TEST(test_render_exact)
{
	struct results res;
	struct summary s;
	struct input *in;
	struct record *r;
	char *text;

	results_init(&res);
	in = results_add_input(&res, "logs/build W1.log", "build");
	input_set_label(in, "w", "1", false);
	input_set_label(in, "arch", "x86", false);
	nameset_add(&in->units, "fs/a.o");
	nameset_add(&in->tools, "gcc 12.2.0");
	add_diag(&res, in, SEV_WARNING, "gcc", "fs/a.c", 3, 5, "-Wx",
		 "two\nlines");
	add_diag(&res, in, SEV_WARNING, "gcc", "fs/a.c", 30, 5, "-Wx",
		 "two\nlines");
	add_diag(&res, in, SEV_ERROR, "gcc", NULL, 0, 0, "-Wy", "once");
	add_build(&res, in, "fs/a.o");
	r = results_add(&res, REC_NOTICE, "results", in, 7);
	r->tool = intern("results");
	r->message = xstrdup("a line longer than 64 MiB was cut");
	in = results_add_input(&res, "kunit.json", "kunit");
	add_test(&res, in, "s", "ok", TEST_PASS);
	add_test(&res, in, "s", "gone", TEST_SKIP);
	tu_summarise(&s, &res);
	s.release = intern("6.1.192");
	text = tu_render(&s);
	ck_assert_str_eq(text,
			 "Results for 6.1.192\n"
			 "  format   1\n"
			 "  commit   unknown\n"
			 "  input    build build_W1.log arch=x86 units=1 w=1\n"
			 "  input    kunit kunit.json\n"
			 "  tool     gcc 12.2.0\n"
			 "\n"
			 "Summary\n"
			 "  build    builds 1: pass 0, fail 1\n"
			 "  build    diagnostics 3: error 1, warning 2, info 0, unique 2\n"
			 "  kunit    tests 2: pass 1, fail 0, skip 1, error 0\n"
			 "  results  notices 1\n"
			 "\n"
			 "Failures\n"
			 "  build FAIL fs/a.o\n"
			 "\n"
			 "Skips\n"
			 "  kunit SKIP s.gone\n"
			 "\n"
			 "gcc: errors 1, warnings 2, info 0, unique 2\n"
			 "  error build -Wy -: once\n"
			 "  warning build -Wx fs/a.c: two lines\n"
			 "      2 occurrences\n"
			 "\n"
			 "Notices\n"
			 "  results results build W1.log: a line longer than 64 MiB was cut\n"
			 "\n"
			 "Coverage\n"
			 "  configuration arch=x86 w=1\n"
			 "    dir fs\n");
	free(text);
	summary_release(&s);
	results_release(&res);
}
END_TEST

Suite *summary_suite(void)
{
	Suite *s = suite_create("summary");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_lines_are_not_identity);
	tcase_add_test(tc, test_other_fields_are_identity);
	tcase_add_test(tc, test_errors_first_per_tool);
	tcase_add_test(tc, test_failures_listed_once);
	tcase_add_test(tc, test_failed_build_without_target);
	tcase_add_test(tc, test_quotes_do_not_split_groups);
	tcase_add_test(tc, test_line_refs_and_addresses_not_identity);
	tcase_add_test(tc, test_identity_text_met_literally);
	tcase_add_test(tc, test_fold_equals_keeping_records);
	tcase_add_test(tc, test_batches_foretold);
	tcase_add_test(tc, test_notices_collapsed);
	tcase_add_test(tc, test_token);
	tcase_add_test(tc, test_merge);
	tcase_add_test(tc, test_render_exact);
	suite_add_tcase(s, tc);
	return s;
}
