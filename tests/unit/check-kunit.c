// SPDX-License-Identifier: GPL-2.0
/*
 * The kunit kind: kunit.py --json in its file form, its stdout form and
 * --run_isolated's several documents (../shared/formats.md section (a)),
 * through parse_input().
 */
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "strbuf.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

static void assert_path(const struct record *r, const char *want)
{
	char *got = test_path_join(r);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_file_form_nested)
{
	struct results res;
	struct record *r;
	size_t i;

	tu_parse_fixture_ok(&res, "kunit/nested_61.json");
	ck_assert_str_eq(res.in[0].kind, "kunit");
	ck_assert_uint_eq(res.nr, 6);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_PASS), 3);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_FAIL), 1);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_SKIP), 1);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_ERROR), 1);
	/* a sub-group's cases come first, then the group's own */
	r = tu_nth(&res, REC_TEST, 0);
	ck_assert_uint_eq(r->depth, 3);
	ck_assert_str_eq(r->path[0], "widget");
	ck_assert_str_eq(r->path[1], "sizes");
	ck_assert_str_eq(r->path[2], "size-16");
	ck_assert_int_eq(r->status, TEST_PASS);
	ck_assert_str_eq(r->source, "kunit");
	ck_assert_uint_eq(r->input_line, 1);
	assert_path(tu_nth(&res, REC_TEST, 1), "widget.sizes.size-64");
	ck_assert_int_eq(tu_nth(&res, REC_TEST, 1)->status, TEST_SKIP);
	r = tu_nth(&res, REC_TEST, 3);
	ck_assert_uint_eq(r->depth, 2);
	assert_path(r, "widget.limits");
	ck_assert_int_eq(r->status, TEST_FAIL);
	/* paths start below kunit.py's root group */
	for (i = 0; i < res.nr; i++)
		ck_assert_str_ne(res.rec[i].path[0], "KUnit Test Group");
	results_release(&res);
}
END_TEST

START_TEST(test_crash_placeholder)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "kunit/nested_61.json");
	r = tu_nth(&res, REC_TEST, 5);
	ck_assert_int_eq(r->status, TEST_ERROR);
	ck_assert_uint_eq(r->depth, 2);
	ck_assert_str_eq(r->path[0], "frob");
	ck_assert_str_eq(r->path[1], "");
	assert_path(r, "frob.\"\"");
	results_release(&res);
}
END_TEST

START_TEST(test_suites_coverage)
{
	struct results res;

	tu_parse_fixture_ok(&res, "kunit/nested_61.json");
	/* suites are the groups right below the root; "sizes" is not one */
	ck_assert_uint_eq(res.in[0].suites.nr, 2);
	ck_assert_str_eq(res.in[0].suites.name[0], "widget");
	ck_assert_str_eq(res.in[0].suites.name[1], "frob");
	ck_assert(!nameset_has(&res.in[0].suites, "sizes"));
	ck_assert(!nameset_has(&res.in[0].suites, "KUnit Test Group"));
	/* kunit.py parse leaves "arch" empty: no label */
	ck_assert_ptr_null(input_label(&res.in[0], "arch"));
	results_release(&res);
}
END_TEST

START_TEST(test_stdout_form)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "kunit/stdout_run.txt");
	ck_assert_str_eq(res.in[0].kind, "kunit");
	/* the human lines and "Elapsed time" give no records */
	ck_assert_uint_eq(res.nr, 3);
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 3);
	r = tu_nth(&res, REC_TEST, 0);
	assert_path(r, "string_helpers.test_unescape");
	/* records point at the line that opens the document */
	ck_assert_uint_eq(r->input_line, 20);
	r = tu_nth(&res, REC_TEST, 2);
	assert_path(r, "time_test_cases.time64_to_tm_test_date_range");
	ck_assert_int_eq(r->status, TEST_SKIP);
	ck_assert_str_eq(input_label(&res.in[0], "arch"), "x86_64");
	ck_assert_uint_eq(res.in[0].suites.nr, 2);
	results_release(&res);
}
END_TEST

START_TEST(test_stdout_form_crlf)
{
	struct results res;
	size_t len;
	/* kunit.py run through a pty (script, CI runners) ends lines CRLF */
	char *text = tu_fixture_crlf("kunit/stdout_run.txt", &len);

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, text, len, NULL, NULL, 0, NULL),
			 0);
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 3);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_SKIP), 1);
	assert_path(tu_nth(&res, REC_TEST, 0), "string_helpers.test_unescape");
	results_release(&res);
	free(text);
}
END_TEST

START_TEST(test_run_isolated_documents)
{
	struct results res;

	tu_parse_fixture_ok(&res, "kunit/run_isolated.txt");
	ck_assert_uint_eq(res.nr, 5);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_PASS), 4);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_FAIL), 1);
	assert_path(tu_nth(&res, REC_TEST, 0),
		    "list-kunit-test.list_test_list_init");
	ck_assert_uint_eq(tu_nth(&res, REC_TEST, 0)->input_line, 4);
	assert_path(tu_nth(&res, REC_TEST, 3), "hash.test_hash_or");
	ck_assert_uint_eq(tu_nth(&res, REC_TEST, 3)->input_line, 41);
	ck_assert_uint_eq(tu_nth(&res, REC_TEST, 4)->input_line, 78);
	ck_assert_uint_eq(res.in[0].suites.nr, 3);
	ck_assert_str_eq(res.in[0].suites.name[2], "sysctl_test");
	results_release(&res);
}
END_TEST

START_TEST(test_documents_on_one_line)
{
	const char *text =
		"{\"name\": \"KUnit Test Group\", \"sub_groups\": [{\"name\": \"a\", \"test_cases\": [{\"name\": \"x\", \"status\": \"PASS\"}]}]}"
		" {\"name\": \"KUnit Test Group\", \"sub_groups\": [{\"name\": \"b\", \"test_cases\": [{\"name\": \"y\", \"status\": \"FAIL\"}]}]}\n"
		"\n"
		"{\"name\": \"KUnit Test Group\", \"test_cases\": [{\"name\": \"z\", \"status\": \"SKIP\"}]}\n";
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, text), 0);
	ck_assert_uint_eq(res.nr, 3);
	assert_path(tu_nth(&res, REC_TEST, 0), "a.x");
	assert_path(tu_nth(&res, REC_TEST, 1), "b.y");
	ck_assert_int_eq(tu_nth(&res, REC_TEST, 1)->status, TEST_FAIL);
	/* a case right in the root group has a path of one name */
	assert_path(tu_nth(&res, REC_TEST, 2), "z");
	ck_assert_uint_eq(tu_nth(&res, REC_TEST, 2)->input_line, 3);
	results_release(&res);
}
END_TEST

START_TEST(test_misc_agrees)
{
	struct results res;

	tu_parse_fixture_ok(&res, "kunit/misc_agree.json");
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 6);
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 0);
	ck_assert_uint_eq(res.nr, 6);
	results_release(&res);
}
END_TEST

START_TEST(test_misc_disagrees)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "kunit/misc_disagree.json");
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 3);
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 1);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->source, "kunit");
	ck_assert_str_eq(r->tool, "kunit.py");
	ck_assert_str_eq(r->message,
			 "group 'KUnit Test Group': misc counts disagree: tests 4, tests give 3");
	results_release(&res);
}
END_TEST

START_TEST(test_misc_parser_errors)
{
	const char *json =
		"{\"name\": \"KUnit Test Group\", \"sub_groups\": [\n"
		" {\"name\": \"frob\", \"sub_groups\": [], \"test_cases\": [\n"
		"  {\"name\": \"frob_basic\", \"status\": \"PASS\"},\n"
		"  {\"name\": \"\", \"status\": \"ERROR\"}],\n"
		"  \"misc\": {\"tests\": 2, \"passed\": 1, \"failed\": 0, \"crashed\": 1, \"skipped\": 0, \"errors\": 2}}],\n"
		" \"test_cases\": [],\n"
		" \"misc\": {\"tests\": 2, \"passed\": 1, \"failed\": 0, \"crashed\": 1, \"skipped\": 0, \"errors\": 2}}\n";
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, json), 0);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_ERROR), 1);
	/* the root's parser errors are reported once, not per group */
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 1);
	ck_assert_str_eq(tu_nth(&res, REC_NOTICE, 0)->message,
			 "kunit.py reported 2 parser errors");
	results_release(&res);
}
END_TEST

START_TEST(test_sub_groups_not_array)
{
	tu_parse_fails("{\"name\": \"KUnit Test Group\", \"sub_groups\": 5, \"test_cases\": []}\n",
		       "results: FILE: sub_groups: expected array\n");
	tu_parse_fails("{\"name\": \"KUnit Test Group\", \"sub_groups\": [{\"name\": \"s\", \"sub_groups\": {}, \"test_cases\": []}]}\n",
		       "results: FILE: sub_groups[0].sub_groups: expected array\n");
	tu_parse_fails("{\"name\": \"KUnit Test Group\", \"sub_groups\": [], \"test_cases\": \"none\"}\n",
		       "results: FILE: test_cases: expected array\n");
}
END_TEST

START_TEST(test_unknown_status)
{
	tu_parse_fails("{\"name\": \"KUnit Test Group\", \"sub_groups\": [{\"name\": \"s\", \"sub_groups\": [], \"test_cases\": ["
		       "{\"name\": \"a\", \"status\": \"PASS\"}, {\"name\": \"b\", \"status\": \"SUCCESS\"}]}], \"test_cases\": []}\n",
		       "results: FILE: sub_groups[0].test_cases[1].status: unknown status 'SUCCESS'\n");
}
END_TEST

START_TEST(test_other_type_errors)
{
	tu_parse_fails("{\"name\": \"KUnit Test Group\", \"sub_groups\": [{\"name\": 7, \"test_cases\": []}]}\n",
		       "results: FILE: sub_groups[0].name: expected string\n");
	tu_parse_fails("{\"name\": \"KUnit Test Group\", \"test_cases\": [{\"name\": \"a\", \"status\": 1}]}\n",
		       "results: FILE: test_cases[0].status: expected string\n");
	tu_parse_fails("{\"name\": \"KUnit Test Group\", \"test_cases\": [{\"name\": \"a\", \"status\": \"PASS\"}], \"misc\": {\"tests\": -1}}\n",
		       "results: FILE: misc.tests: expected non-negative integer\n");
}
END_TEST

START_TEST(test_truncated_json)
{
	const char *json =
		"{\n"
		"    \"name\": \"KUnit Test Group\",\n"
		"    \"sub_groups\": [\n"
		"        {\"name\": \"s\", \"test_cases\": [{\"name\": \"a\", \"status\": \"PASS\"}\n";
	struct results res;
	char *err = NULL;

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, json, strlen(json), NULL, NULL, 0,
				      &err), -1);
	/* jansson's own words follow; the position is ours */
	ck_assert_msg(starts_with(err, "results: FILE:"),
		      "stderr: %s", err);
	ck_assert_ptr_nonnull(strstr(err, ": invalid JSON: "));
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 0);
	free(err);
	results_release(&res);
}
END_TEST

START_TEST(test_truncated_stdout_form)
{
	const char *text =
		"[12:35:42] Testing complete. Ran 1 tests: passed: 1\n"
		"{\n"
		"    \"name\": \"KUnit Test Group\",\n"
		"    \"sub_groups\": [\n";
	struct results res;
	struct record *r;
	char *err = NULL;

	/*
	 * kunit.py's stdout is a log: one that ends inside its JSON ended
	 * early, and says so in a notice, not with an error
	 */
	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, text, strlen(text), NULL, NULL, 0,
				      &err), 0);
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 0);
	/*
	 * no document came, so kunit.py's human lines count: its summary
	 * promises a test that no result line shows
	 */
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 2);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->message,
			 "the JSON document at the end is cut short");
	ck_assert_uint_eq(r->input_line, 2);
	r = tu_nth(&res, REC_NOTICE, 1);
	ck_assert_str_eq(r->message,
			 "kunit.py's summary disagrees with its result lines: ran 1, lines give 0; passed 1, lines give 0");
	ck_assert_uint_eq(r->input_line, 1);
	free(err);
	results_release(&res);
}
END_TEST

START_TEST(test_arch_from_json)
{
	const char *json =
		"{\"name\": \"KUnit Test Group\", \"arch\": \"arm64\", \"defconfig\": \"kunit_defconfig\","
		" \"sub_groups\": [{\"name\": \"s\", \"arch\": \"arm64\", \"test_cases\": [{\"name\": \"a\", \"status\": \"PASS\"}]}]}\n";
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, json), 0);
	ck_assert_str_eq(input_label(&res.in[0], "arch"), "arm64");
	ck_assert_uint_eq(res.in[0].nr_label, 1);
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 1);
	results_release(&res);
}
END_TEST

START_TEST(test_no_tests_notice)
{
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res,
				      "{\"name\": \"KUnit Test Group\", \"sub_groups\": [], \"test_cases\": []}\n"),
			 0);
	ck_assert_uint_eq(res.nr, 1);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->message, "kunit.py ran no tests");
	ck_assert_uint_eq(r->input_line, 1);
	ck_assert_str_eq(r->tool, "kunit.py");
	results_release(&res);
}
END_TEST

START_TEST(test_long_name_not_cut)
{
	struct strbuf sb = STRBUF_INIT;
	struct results res;
	struct record *r;
	size_t i;

	/* JSON is read whole: a 100 kB name is longer than a log line */
	strbuf_addstr(&sb, "{\"name\": \"KUnit Test Group\", \"sub_groups\": [{\"name\": \"s\", \"test_cases\": [{\"name\": \"");
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, 'a' + i % 26);
	strbuf_addstr(&sb, "\", \"status\": \"PASS\"}]}]}\n");
	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, sb.buf, sb.len, NULL, NULL, 0,
				      NULL), 0);
	ck_assert_uint_eq(res.nr, 1);
	r = tu_nth(&res, REC_TEST, 0);
	ck_assert_uint_eq(strlen(r->path[1]), 100000);
	results_release(&res);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_byte_order_mark)
{
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res,
				      "\xef\xbb\xbf{\"name\": \"KUnit Test Group\", \"test_cases\": [{\"name\": \"a\", \"status\": \"PASS\"}]}\n"),
			 0);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_PASS), 1);
	ck_assert_str_eq(res.in[0].kind, "kunit");
	results_release(&res);
}
END_TEST

START_TEST(test_foreign_json)
{
	const char *log =
		"[10:00:00] Starting KUnit Kernel (1/1)...\n"
		"{\n"
		"\"other\": 1\n"
		"}\n"
		"{\n"
		"\"name\": \"KUnit Test Group\", \"test_cases\": [{\"name\": \"a\", \"status\": \"PASS\"}]\n"
		"}\n";
	struct strbuf want = STRBUF_INIT;
	struct results res;
	char *err = NULL;

	/* a JSON file that is no kind's is an error */
	strbuf_addf(&want, "results: FILE:1: JSON document of no known kind (known: %s)\n",
		    parser_kind_list());
	tu_parse_fails("{\"kernel\": \"6.1\", \"tests\": []}\n", want.buf);
	strbuf_release(&want);

	/* one inside a log is skipped with a notice */
	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, log, strlen(log), NULL, NULL, 0,
				      &err), 0);
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 1);
	ck_assert_str_eq(tu_nth(&res, REC_NOTICE, 0)->message,
			 "JSON document of no known kind skipped");
	ck_assert_uint_eq(tu_nth(&res, REC_NOTICE, 0)->input_line, 2);
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 1);
	ck_assert_uint_eq(tu_nth(&res, REC_TEST, 0)->input_line, 5);
	free(err);
	results_release(&res);
}
END_TEST

Suite *kunit_suite(void)
{
	Suite *s = suite_create("kunit");
	TCase *tc = tcase_create("forms");
	TCase *tm = tcase_create("misc");
	TCase *te = tcase_create("errors");

	tcase_add_test(tc, test_file_form_nested);
	tcase_add_test(tc, test_crash_placeholder);
	tcase_add_test(tc, test_suites_coverage);
	tcase_add_test(tc, test_stdout_form);
	tcase_add_test(tc, test_stdout_form_crlf);
	tcase_add_test(tc, test_run_isolated_documents);
	tcase_add_test(tc, test_documents_on_one_line);
	tcase_add_test(tc, test_arch_from_json);
	tcase_add_test(tc, test_no_tests_notice);
	tcase_add_test(tc, test_long_name_not_cut);
	tcase_add_test(tc, test_byte_order_mark);
	suite_add_tcase(s, tc);

	tcase_add_test(tm, test_misc_agrees);
	tcase_add_test(tm, test_misc_disagrees);
	tcase_add_test(tm, test_misc_parser_errors);
	suite_add_tcase(s, tm);

	tcase_add_test(te, test_sub_groups_not_array);
	tcase_add_test(te, test_unknown_status);
	tcase_add_test(te, test_other_type_errors);
	tcase_add_test(te, test_truncated_json);
	tcase_add_test(te, test_truncated_stdout_form);
	tcase_add_test(te, test_foreign_json);
	suite_add_tcase(s, te);
	return s;
}
