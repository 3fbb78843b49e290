// SPDX-License-Identifier: GPL-2.0
/*
 * The kcidb kind (KCIDB I/O JSON v4.x and v5.x, ../shared/formats.md
 * section (g)) and "results render --format=kcidb", through
 * parse_input() and render_kcidb(): import, structure errors, export and
 * the round trip between them.
 */
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "render.h"
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

START_TEST(test_kernelci_v5)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "kcidb/kernelci-v5.json");
	ck_assert_str_eq(res.in[0].kind, "kcidb");
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 2);
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 5);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_PASS), 2);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_FAIL), 1);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_SKIP), 1);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_ERROR), 1);
	r = tu_nth(&res, REC_BUILD, 1);
	ck_assert(r->failed);
	ck_assert_str_eq(r->source, "kcidb");
	ck_assert_str_eq(r->origin, "maestro");
	ck_assert_str_eq(r->target, "arm64 defconfig+arm64-chromebook");
	ck_assert_str_eq(r->message,
			 "drivers/gpu/drm/msm/msm_gpu.c:1021:9: error: call to undeclared function 'devfreq_suspend_device'");
	ck_assert(!tu_nth(&res, REC_BUILD, 0)->failed);
	r = tu_nth(&res, REC_TEST, 2);
	ck_assert_str_eq(r->source, "kcidb");
	ck_assert_str_eq(r->origin, "maestro");
	ck_assert_uint_eq(r->depth, 3);
	ck_assert_str_eq(r->path[0], "kselftest");
	ck_assert_str_eq(r->path[2], "timers_posix_timers");
	ck_assert_int_eq(r->status, TEST_FAIL);
	ck_assert_str_eq(r->reason,
			 "log: https://kciapistagingstorage1.file.core.windows.net/production/kselftest-timers-67a1b3f1/lava_log.txt.gz");
	assert_path(tu_nth(&res, REC_TEST, 4),
		    "kunit.exec.time_test_cases.time64_to_tm_test_date_range");
	results_release(&res);
}
END_TEST

START_TEST(test_several_origins_v4)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "kcidb/cki-syzbot-v4.json");
	/* v4 "valid"; syzbot's build has no status: nothing to count */
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	ck_assert_str_eq(tu_nth(&res, REC_BUILD, 0)->origin, "redhat");
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 3);
	ck_assert_str_eq(tu_nth(&res, REC_TEST, 1)->origin, "redhat");
	assert_path(tu_nth(&res, REC_TEST, 1), "net.selftests.fcnal-test");
	/* the empty path is the root of the build's tests */
	r = tu_nth(&res, REC_TEST, 2);
	ck_assert_str_eq(r->origin, "syzbot");
	assert_path(r, "(root)");
	ck_assert_int_eq(r->status, TEST_FAIL);
	/* the incident gives its issue as a diagnostic */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->origin, "syzbot");
	tu_assert_diag(r, "syzbot", SEV_ERROR, NULL, 0, 0, NULL,
		       "KASAN: slab-use-after-free Read in tcp_write_timer_handler");
	results_release(&res);
}
END_TEST

#define V5 "{\"version\": {\"major\": 5, \"minor\": 3}, "

START_TEST(test_structure_errors)
{
	tu_parse_fails("{\"version\": {\"major\": 3, \"minor\": 0}, \"builds\": []}\n",
		       "results: FILE: version.major: unsupported KCIDB version 3 (expected 4 or 5)\n");
	tu_parse_fails("{\"version\": {\"major\": \"5\"}, \"builds\": []}\n",
		       "results: FILE: version.major: expected integer\n");
	tu_parse_fails(V5 "\"builds\": {}}\n",
		       "results: FILE: builds: expected array\n");
	tu_parse_fails(V5 "\"builds\": [{\"origin\": \"ci\", \"checkout_id\": \"ci:1\"}]}\n",
		       "results: FILE: builds[0].id: missing: id is required\n");
	tu_parse_fails(V5 "\"tests\": [{\"id\": \"ci:1\", \"origin\": \"ci\", \"build_id\": \"ci:2\"}, "
		       "{\"id\": \"ci:3\", \"origin\": \"ci\", \"build_id\": 2}]}\n",
		       "results: FILE: tests[1].build_id: expected string\n");
	tu_parse_fails(V5 "\"tests\": [{\"id\": \"ci:1\", \"origin\": \"ci\", \"build_id\": \"ci:2\", \"status\": \"OK\"}]}\n",
		       "results: FILE: tests[0].status: unknown status 'OK'\n");
	tu_parse_fails(V5 "\"checkouts\": [{\"id\": \"1\", \"origin\": \"ci\"}]}\n",
		       "results: FILE: checkouts[0].id: expected an id 'origin:...', got '1'\n");
	tu_parse_fails(V5 "\"checkouts\": [{\"id\": \"CI:1\", \"origin\": \"CI\"}]}\n",
		       "results: FILE: checkouts[0].id: expected an id 'origin:...', got 'CI:1'\n");
	tu_parse_fails(V5 "\"issues\": [{\"id\": \"ci:1\", \"origin\": \"ci\"}]}\n",
		       "results: FILE: issues[0].version: missing: version is required\n");
	tu_parse_fails(V5 "\"incidents\": [{\"id\": \"ci:1\", \"origin\": \"ci\", \"issue_id\": \"ci:2\", \"issue_version\": 1, \"present\": \"yes\"}]}\n",
		       "results: FILE: incidents[0].present: expected boolean\n");
}
END_TEST

/* Render @res as KCIDB with origin @origin; malloc'd. */
static char *export(const struct results *res, const char *origin)
{
	struct strbuf out = STRBUF_INIT;
	struct summary s;

	tu_summarise(&s, res);
	render_kcidb(res, &s, origin, NULL, &out);
	summary_release(&s);
	return strbuf_detach(&out);
}

static void parse_two(struct results *res)
{
	char *build = tu_fixture("build/gcc_werror.log");
	char *kunit = tu_fixture("kunit/nested_61.json");

	results_init(res);
	ck_assert_int_eq(tu_parse_quiet(res, build, NULL, NULL, 0, NULL), 0);
	ck_assert_int_eq(tu_parse_quiet(res, kunit, NULL, NULL, 0, NULL), 0);
	free(build);
	free(kunit);
}

START_TEST(test_export_deterministic)
{
	struct results res;
	char *a, *b;
	json_t *doc, *t;

	parse_two(&res);
	a = export(&res, "my_ci");
	b = export(&res, "my_ci");
	ck_assert_str_eq(a, b);
	doc = json_loads(a, 0, NULL);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(json_integer_value(json_object_get(
		json_object_get(doc, "version"), "minor")), 3);
	t = json_array_get(json_object_get(doc, "tests"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(t, "origin")),
			 "my_ci");
	ck_assert(!strncmp(json_string_value(json_object_get(t, "id")),
			   "my_ci:", 6));
	ck_assert_str_eq(json_string_value(json_object_get(t, "path")),
			 "widget.sizes.size-16");
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "checkouts")),
			  1);
	json_decref(doc);
	free(a);
	free(b);
	results_release(&res);
}
END_TEST

START_TEST(test_export_sanitised_path)
{
	static const char ktap[] =
		"KTAP version 1\n1..1\n"
		"    KTAP version 1\n    1..1\n"
		"    ok 1 case 1: a.b/c\n"
		"ok 1 my suite\n";
	struct results res;
	json_t *doc, *t, *names;
	char *path = tu_write_temp_str(ktap), *text;

	results_init(&res);
	ck_assert_int_eq(tu_parse_quiet(&res, path, NULL, NULL, 0, NULL), 0);
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 1);
	text = export(&res, "results");
	doc = json_loads(text, 0, NULL);
	t = json_array_get(json_object_get(doc, "tests"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(t, "path")),
			 "my_suite.case_1__a_b_c");
	names = json_object_get(json_object_get(t, "misc"), "names");
	ck_assert_str_eq(json_string_value(json_array_get(names, 1)),
			 "case 1: a.b/c");
	json_decref(doc);
	free(text);
	tu_remove_temp(path);
	results_release(&res);
}
END_TEST

START_TEST(test_round_trip)
{
	struct results res, back;
	char *text, *path;
	size_t i;

	parse_two(&res);
	text = export(&res, "results");
	path = tu_write_temp_str(text);
	results_init(&back);
	ck_assert_int_eq(tu_parse_quiet(&back, path, NULL, NULL, 0, NULL), 0);
	ck_assert_str_eq(back.in[0].kind, "kcidb");
	ck_assert_uint_eq(tu_count(&back, REC_BUILD), tu_count(&res, REC_BUILD));
	ck_assert_uint_eq(tu_count(&back, REC_TEST), tu_count(&res, REC_TEST));
	for (i = 0; i < TEST_NR_STATUS; i++)
		ck_assert_uint_eq(tu_count_tests(&back, i),
				  tu_count_tests(&res, i));
	/* misc.names gives the original names back */
	for (i = 0; i < tu_count(&res, REC_TEST); i++) {
		char *a = test_path_join(tu_nth(&res, REC_TEST, i));

		assert_path(tu_nth(&back, REC_TEST, i), a);
		free(a);
	}
	tu_remove_temp(path);
	free(text);
	results_release(&back);
	results_release(&res);
}
END_TEST

Suite *kcidb_suite(void)
{
	Suite *s = suite_create("kcidb");
	TCase *ti = tcase_create("import");
	TCase *te = tcase_create("export");

	tcase_add_test(ti, test_kernelci_v5);
	tcase_add_test(ti, test_several_origins_v4);
	tcase_add_test(ti, test_structure_errors);
	suite_add_tcase(s, ti);

	tcase_add_test(te, test_export_deterministic);
	tcase_add_test(te, test_export_sanitised_path);
	tcase_add_test(te, test_round_trip);
	suite_add_tcase(s, te);
	return s;
}
