// SPDX-License-Identifier: GPL-2.0
/*
 * The results kind: RESULTS read back. Render, read, render must give the
 * same bytes; a RESULTS that is not well formed is an error.
 */
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "render.h"
#include "strbuf.h"
#include "suites.h"
#include "summary.h"
#include "testutil.h"
#include "util.h"

/* Parse fixtures into @res, which must all read without error. */
static void parse_fixtures(struct results *res, const char *const *rel,
			   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ck_assert_msg(tu_parse_fixture(res, rel[i]) == 0, "parse %s",
			      rel[i]);
}

/* The RESULTS of @res, as "results render" builds it. */
static char *render_results(struct results *res, const char *release,
			    const char *commit)
{
	struct summary s;
	char *text;

	tu_summarise(&s, res);
	if (release)
		s.release = intern(release);
	if (commit)
		s.commit = intern(commit);
	text = tu_render(&s);
	summary_release(&s);
	return text;
}

/* Read RESULTS @text back and render it again. */
static char *reread(const char *text)
{
	struct results res;
	char *again;

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, text, strlen(text), NULL, NULL, 0,
				      NULL), 0);
	ck_assert_uint_eq(res.nr_in, 1);
	ck_assert_str_eq(res.in[0].kind, "results");
	ck_assert_ptr_nonnull(res.imported);
	/* a RESULTS brings a summary, not records */
	ck_assert_uint_eq(res.nr, 0);
	again = render_results(&res, NULL, NULL);
	results_release(&res);
	return again;
}

START_TEST(test_round_trip)
{
	static const char *const inputs[] = {
		"build/gcc_werror.log",
		"build/kerneldoc_nocol.log",
		"build/gcc_included.log",
		"build/ld_unknown.log",
		"build/clang_werror.log",
		"kunit/misc_agree.json",
		"kunit/misc_disagree.json",
		"kunit/run_isolated.txt",
	};
	struct results res;
	struct record *r;
	char *first, *second;

	results_init(&res);
	parse_fixtures(&res, inputs, ARRAY_SIZE(inputs));
	/* a failure with a reason of several lines, one of them empty */
	r = tu_nth(&res, REC_TEST, 3);
	ck_assert_int_eq(r->status, TEST_FAIL);
	r->reason = xstrdup("Expected limits[3] == 64, but\n\n    limits[3] == 32");
	r = results_add(&res, REC_NOTICE, "results", NULL, 0);
	r->tool = intern("sparse");
	r->message = xstrdup("not run: sparse is not installed");

	first = render_results(&res, "6.9.0-rc3", "0123456789abcdef");
	ck_assert_ptr_nonnull(strstr(first, "\nFailures\n"));
	ck_assert_ptr_nonnull(strstr(first,
				     "    | Expected limits[3] == 64, but\n    |\n    |     limits[3] == 32\n"));
	second = reread(first);
	ck_assert_str_eq(second, first);
	free(first);
	free(second);
	results_release(&res);
}
END_TEST

START_TEST(test_fixture_reads_back)
{
	char *path = tu_fixture("results/good.results");
	char *text = tu_read_file(path, NULL);
	char *again = reread(text);

	ck_assert_str_eq(again, text);
	free(again);
	free(text);
	free(path);
}
END_TEST

START_TEST(test_read_back_fields)
{
	struct results res;
	const struct summary *s;
	const struct source_counts *c;

	results_init(&res);
	ck_assert_int_eq(tu_parse_fixture(&res, "results/good.results"), 0);
	s = res.imported;
	ck_assert_str_eq(s->release, "6.1.192");
	ck_assert_str_eq(s->commit, "4a34f83c0ffee");
	ck_assert_uint_eq(s->nr_in, 2);
	ck_assert_str_eq(s->in[1].kind, "kunit");
	ck_assert_str_eq(s->in[1].name, "kunit.json");
	ck_assert_uint_eq(s->in[1].nr_label, 2);
	ck_assert_str_eq(s->in[1].label[1], "suites=27");
	ck_assert_uint_eq(s->nr_tool, 1);
	ck_assert_str_eq(s->tool[0], "gcc 12.2.0");
	ck_assert_uint_eq(s->nr_src, 2);
	c = &s->src[1];
	ck_assert_str_eq(c->source, "kunit");
	ck_assert_uint_eq(c->tests[TEST_PASS], 210);
	ck_assert_uint_eq(c->tests[TEST_SKIP], 7);
	ck_assert_uint_eq(c->tests[TEST_ERROR], 1);
	ck_assert_uint_eq(c->notices, 1);
	ck_assert_uint_eq(s->src[0].builds, 1);
	ck_assert_uint_eq(s->src[0].builds_failed, 1);
	ck_assert_uint_eq(s->nr_fail, 3);
	ck_assert_str_eq(s->fail[1].name, "frob.\"\"");
	ck_assert_int_eq(s->fail[1].status, TEST_ERROR);
	ck_assert_str_eq(s->fail[2].reason,
			 "Expected limits[3] == 64, but\n\n    limits[3] == 32");
	ck_assert_uint_eq(s->nr_diag, 2);
	ck_assert_int_eq(s->diag[0].severity, SEV_ERROR);
	ck_assert_str_eq(s->diag[0].category, "-Wmissing-prototypes");
	ck_assert_uint_eq(s->diag[1].count, 2);
	ck_assert_str_eq(s->diag[1].tool, "kernel-doc");
	ck_assert_str_eq(s->diag[1].category, "-");
	ck_assert_str_eq(s->diag[1].file, "arch/x86/mm/pgtable.c");
	ck_assert_uint_eq(s->nr_notice, 1);
	ck_assert_str_eq(s->notice[0].tool, "kunit.py");
	results_release(&res);
}
END_TEST

static void bad_results(const char *rel, const char *want_tail)
{
	char *path = tu_fixture(rel);
	struct strbuf want = STRBUF_INIT;
	struct results res;
	char *err = NULL;

	results_init(&res);
	ck_assert_int_eq(tu_parse_quiet(&res, path, NULL, NULL, 0, &err), -1);
	ck_assert_str_eq(res.in[0].kind, "results");
	ck_assert_ptr_null(res.imported);
	strbuf_addf(&want, "results: %s%s\n", path, want_tail);
	ck_assert_str_eq(err, want.buf);
	strbuf_release(&want);
	free(err);
	free(path);
	results_release(&res);
}

START_TEST(test_unknown_section)
{
	bad_results("results/unknown_section.results", ":12: unknown section 'Regressions'");
}
END_TEST

START_TEST(test_bad_counts)
{
	bad_results("results/bad_counts.results", ":11: bad test counts");
}
END_TEST

START_TEST(test_truncated_no_summary)
{
	bad_results("results/truncated.results",
		    ":6: no 'Summary' section: truncated RESULTS");
}
END_TEST

/* RESULTS @text, which must fail with "results: FILE:@tail". */
static void bad_text(const char *text, const char *tail)
{
	struct strbuf want = STRBUF_INIT;

	strbuf_addf(&want, "results: FILE:%s\n", tail);
	tu_parse_fails(text, want.buf);
	strbuf_release(&want);
}

START_TEST(test_other_malformed)
{
	static const char head[] =
		"Results for 6.1\n  format   1\n  commit   abc\n";
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s\nSummary\n  build    builds 2: pass 1, fail 1\n\ngcc: errors 0, warnings 0, info 0, unique 0\n\nFailures\n",
		    head);
	bad_text(sb.buf, "10: section out of order: 'Failures'");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s\nSummary\n\nFailures\n  kunit SKIP suite.case\n",
		    head);
	bad_text(sb.buf, "8: failure status must be FAIL or ERROR, not 'SKIP'");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s\nSummary\n  build    diagnostics 2: error 1, warning 0, info 0, unique 1\n",
		    head);
	bad_text(sb.buf, "6: bad diagnostic counts");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s\nSummary\n\ngcc: errors 0, warnings 1, info 0, unique 1\n  warning build -Wx a.c: m\n      1 occurrences\n",
		    head);
	bad_text(sb.buf, "9: expected 'N occurrences'");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s\nSummary\n\ngcc: errors 0, warnings 1, info 0, unique 1\n  warning build -Wx a.c: m\n\n      2 occurrences\n",
		    head);
	bad_text(sb.buf, "10: count line without a diagnostic or notice");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s\nSummary\n\ngcc: errors 0, warnings 1, info 0, unique 1\n  warning build -Wx\n",
		    head);
	bad_text(sb.buf, "8: expected 'SEVERITY SOURCE CATEGORY FILE: MESSAGE'");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s\nSummary\n\nsparse: errors 0, warnings 0, info 0, unique 0\n\ngcc: errors 0, warnings 0, info 0, unique 0\n",
		    head);
	bad_text(sb.buf, "9: tool section out of order: 'gcc'");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s\nSummary\n\ngcc: errors 0, warnings 1, info 0, unique 1\n  oops build -Wx a.c: m\n",
		    head);
	bad_text(sb.buf, "8: unknown severity 'oops'");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "Results for 6.1\n  format   2\n  commit   abc\n\nSummary\n");
	bad_text(sb.buf, "2: unsupported RESULTS format '2'");
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_label_with_newline_reads_back)
{
	const char *json =
		"{\"name\": \"KUnit Test Group\", \"arch\": \"um\\nsecond\","
		" \"sub_groups\": [{\"name\": \"s\", \"test_cases\": [{\"name\": \"a\", \"status\": \"PASS\"}]}]}\n";
	struct results res;
	char *first, *second;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, json), 0);
	first = render_results(&res, "6.1", "abc");
	/* every input stays on its one header line */
	ck_assert_ptr_null(strstr(first, "\nsecond"));
	second = reread(first);
	ck_assert_str_eq(second, first);
	free(first);
	free(second);
	results_release(&res);
}
END_TEST

START_TEST(test_control_byte_in_name_reads_back)
{
	const char *json =
		"{\"name\": \"KUnit Test Group\", \"sub_groups\": [{\"name\": \"s\","
		" \"test_cases\": [{\"name\": \"a\\u007fb\", \"status\": \"FAIL\"}]}]}\n";
	struct results res;
	char *first, *second;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, json), 0);
	first = render_results(&res, "6.1", "abc");
	second = reread(first);
	ck_assert_str_eq(second, first);
	free(first);
	free(second);
	results_release(&res);
}
END_TEST

START_TEST(test_reason_leading_blank_reads_back)
{
	struct results res;
	struct record *r;
	char *first, *second;

	results_init(&res);
	r = results_add(&res, REC_TEST, "kunit", NULL, 0);
	r->status = TEST_FAIL;
	r->path = xmalloc(sizeof(*r->path));
	r->path[0] = intern("case");
	r->depth = 1;
	r->reason = xstrdup("\n    # case: EXPECTATION FAILED");
	first = render_results(&res, "6.1", "abc");
	second = reread(first);
	ck_assert_str_eq(second, first);
	free(first);
	free(second);
	results_release(&res);
}
END_TEST

Suite *results_suite(void)
{
	Suite *s = suite_create("results");
	TCase *tc = tcase_create("read-back");
	TCase *te = tcase_create("malformed");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_fixture_reads_back);
	tcase_add_test(tc, test_read_back_fields);
	tcase_add_test(tc, test_label_with_newline_reads_back);
	tcase_add_test(tc, test_control_byte_in_name_reads_back);
	tcase_add_test(tc, test_reason_leading_blank_reads_back);
	suite_add_tcase(s, tc);

	tcase_add_test(te, test_unknown_section);
	tcase_add_test(te, test_bad_counts);
	tcase_add_test(te, test_truncated_no_summary);
	tcase_add_test(te, test_other_malformed);
	suite_add_tcase(s, te);
	/* the sections that compare releases: check-compare.c */
	compare_tcases(s);
	return s;
}
