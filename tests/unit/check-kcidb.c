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
#include "summary.h"
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

/* The build or test of @res whose name (target or path) is @name */
static struct record *find(struct results *res, enum record_type type,
			   const char *name)
{
	size_t i;

	for (i = 0; i < res->nr; i++) {
		struct record *r = &res->rec[i];
		char *path;
		bool hit;

		if (r->type != type)
			continue;
		if (type == REC_BUILD) {
			if (r->target && !strcmp(r->target, name))
				return r;
			continue;
		}
		path = test_path_join(r);
		hit = !strcmp(path, name);
		free(path);
		if (hit)
			return r;
	}
	ck_abort_msg("no record '%s'", name);
	return NULL;
}

/*
 * An incident links its issue to the build or test it names: the
 * highest version of the issue, its culprits and report URL, several
 * issues sorted, an issue not in the file by its id; an incident that is
 * not present links nothing.
 */
START_TEST(test_incident_links)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "kcidb/release-v5.json");
	r = find(&res, REC_BUILD, "arm64 defconfig+arm64-chromebook");
	ck_assert(r->failed);
	ck_assert_str_eq(r->origin, "maestro");
	ck_assert_str_eq(r->log_url,
			 "https://files.kernelci.org/kbuild-clang-17-arm64-67a1c11f/build.log.gz");
	ck_assert_str_eq(r->issues,
			 "drm/msm: devfreq_suspend_device() undeclared without CONFIG_PM_DEVFREQ (culprit: code) https://lore.kernel.org/r/202502031422.Xb7kQz1T-lkp@intel.com");
	/* "present": false */
	r = find(&res, REC_BUILD, "x86_64 x86_64_defconfig");
	ck_assert(!r->failed);
	ck_assert_ptr_null(r->issues);
	/* ERROR is a failed build; no log, no incident */
	r = find(&res, REC_BUILD, "riscv defconfig");
	ck_assert(r->failed);
	ck_assert_ptr_null(r->log_url);
	ck_assert_ptr_null(r->issues);
	r = find(&res, REC_TEST, "net.selftests.fcnal-test");
	ck_assert_str_eq(r->origin, "redhat");
	ck_assert_str_eq(r->issues,
			 "Beaker lab: no IPv6 router on the test network (culprit: harness) https://gitlab.com/cki-project/infrastructure/-/issues/3578\n"
			 "fcnal-test: ipv6 ping over VRF fails on machines without IPv6 routes (culprit: tool) https://gitlab.com/cki-project/kernel-tests/-/issues/3512");
	r = find(&res, REC_TEST, "kselftest.timers.timers_posix_timers");
	ck_assert_str_eq(r->issues, "maestro:4e97d0c2a1b3f5e8");
	r = find(&res, REC_TEST, "(root)");
	ck_assert_str_eq(r->origin, "syzbot");
	ck_assert_str_eq(r->issues,
			 "KASAN: slab-use-after-free Read in tcp_write_timer_handler (culprit: code) https://syzkaller.appspot.com/bug?extid=6f1d5c1a8e7e4b2cbd2a");
	/* every present incident is a diagnostic too */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 6);
	results_release(&res);
}
END_TEST

/* The same links from a version 4 document, whatever the input order */
START_TEST(test_incident_links_v4_reversed)
{
	static const char doc[] =
		"{\"version\": {\"major\": 4, \"minor\": 5},\n"
		" \"incidents\": [{\"id\": \"ci:n2\", \"origin\": \"ci\", \"issue_id\": \"ci:i2\", \"issue_version\": 0, \"test_id\": \"ci:t\"},\n"
		"  {\"id\": \"ci:n1\", \"origin\": \"ci\", \"issue_id\": \"ci:i1\", \"issue_version\": 0, \"test_id\": \"ci:t\"},\n"
		"  {\"id\": \"ci:n3\", \"origin\": \"ci\", \"issue_id\": \"ci:i1\", \"issue_version\": 0, \"test_id\": \"ci:t\"}],\n"
		" \"issues\": [{\"id\": \"ci:i2\", \"origin\": \"ci\", \"version\": 0, \"comment\": \"b\\nsecond line\"},\n"
		"  {\"id\": \"ci:i1\", \"origin\": \"ci\", \"version\": 0, \"report_subject\": \"a\", \"culprit\": {\"code\": true, \"harness\": true}}],\n"
		" \"tests\": [{\"id\": \"ci:t\", \"origin\": \"ci\", \"build_id\": \"ci:b\", \"path\": \"x.y\", \"status\": \"FAIL\"}],\n"
		" \"builds\": [{\"id\": \"ci:b\", \"origin\": \"ci\", \"checkout_id\": \"ci:c\", \"valid\": false}]}\n";
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, doc), 0);
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	ck_assert(tu_nth(&res, REC_BUILD, 0)->failed);
	ck_assert_ptr_null(tu_nth(&res, REC_BUILD, 0)->issues);
	/* one line per issue, control characters made blanks */
	ck_assert_str_eq(tu_nth(&res, REC_TEST, 0)->issues,
			 "a (culprit: code, harness)\nb second line");
	results_release(&res);
}
END_TEST

static const char ci_section[] =
	"\nCI systems\n"
	"  maestro  builds 3: pass 1, fail 2; tests 4: pass 1, fail 1, skip 1, error 1\n"
	"    build FAIL arm64 defconfig+arm64-chromebook\n"
	"      log: https://files.kernelci.org/kbuild-clang-17-arm64-67a1c11f/build.log.gz\n"
	"      issue: drm/msm: devfreq_suspend_device() undeclared without CONFIG_PM_DEVFREQ (culprit: code) https://lore.kernel.org/r/202502031422.Xb7kQz1T-lkp@intel.com\n"
	"    build FAIL riscv defconfig\n"
	"    test FAIL kselftest.timers.timers_posix_timers\n"
	"      log: https://files.kernelci.org/kselftest-timers-67a1c2a0/lava_log.txt.gz\n"
	"      issue: maestro:4e97d0c2a1b3f5e8\n"
	"    test ERROR kunit.exec.time_test_cases.time64_to_tm_test_date_range\n"
	"  redhat   builds 2: pass 1, fail 1; tests 3: pass 2, fail 1, skip 0, error 0\n"
	"    build FAIL s390x\n"
	"      log: https://s3.amazonaws.com/arr-cki-prod-trusted-artifacts/trusted-artifacts/1647003311/build_s390x/build.log\n"
	"      issue: s390/boot: startup_kernel() references a symbol that is missing with CONFIG_KASAN=n (culprit: code) https://lore.kernel.org/r/cki.0A1B2C3D4E.s390x@redhat.com\n"
	"    test FAIL net.selftests.fcnal-test\n"
	"      log: https://s3.amazonaws.com/arr-cki-prod-trusted-artifacts/trusted-artifacts/1647003311/test_x86_64/fcnal-test/taskout.log\n"
	"      issue: Beaker lab: no IPv6 router on the test network (culprit: harness) https://gitlab.com/cki-project/infrastructure/-/issues/3578\n"
	"      issue: fcnal-test: ipv6 ping over VRF fails on machines without IPv6 routes (culprit: tool) https://gitlab.com/cki-project/kernel-tests/-/issues/3512\n"
	"  syzbot   builds 0: pass 0, fail 0; tests 1: pass 0, fail 1, skip 0, error 0\n"
	"    test FAIL (root)\n"
	"      log: https://syzkaller.appspot.com/x/log.txt?x=16e4a9df980000\n"
	"      issue: KASAN: slab-use-after-free Read in tcp_write_timer_handler (culprit: code) https://syzkaller.appspot.com/bug?extid=6f1d5c1a8e7e4b2cbd2a\n"
	"\nFailures\n";

/* RESULTS of the KCIDB fixture: the exact section; read back, the same */
START_TEST(test_ci_section)
{
	struct results res, back;
	struct summary s;
	char *text, *again, *sect;

	tu_parse_fixture_ok(&res, "kcidb/release-v5.json");
	tu_summarise(&s, &res);
	text = tu_render(&s);
	summary_release(&s);
	sect = strstr(text, "\nCI systems\n");
	ck_assert_ptr_nonnull(sect);
	ck_assert_int_eq(strncmp(sect, ci_section, strlen(ci_section)), 0);

	results_init(&back);
	ck_assert_int_eq(tu_parse_buf(&back, text, strlen(text), NULL, NULL, 0,
				      NULL), 0);
	ck_assert_ptr_nonnull(back.imported);
	ck_assert_uint_eq(back.imported->nr_cifail, 7);
	tu_summarise(&s, &back);
	again = tu_render(&s);
	summary_release(&s);
	ck_assert_str_eq(again, text);
	free(again);
	free(text);
	results_release(&back);
	results_release(&res);
}
END_TEST

#define CI_HEAD "Results for 6.14\n  format   1\n  commit   abc\n\nSummary\n\nCI systems\n"
#define CI_ONE "  ci       builds 1: pass 0, fail 1; tests 1: pass 0, fail 0, skip 0, error 1\n"

/* A CI systems section that is not well formed is an error. */
START_TEST(test_ci_section_malformed)
{
	tu_parse_fails(CI_HEAD "    build FAIL x\n",
		       "results: FILE:8: expected 'build FAIL NAME' or 'test STATUS NAME' under a CI system\n");
	tu_parse_fails(CI_HEAD CI_ONE "    build ERROR x\n",
		       "results: FILE:9: CI failure status must be FAIL or ERROR, not 'ERROR'\n");
	tu_parse_fails(CI_HEAD CI_ONE "    test PASS x\n",
		       "results: FILE:9: CI failure status must be FAIL or ERROR, not 'PASS'\n");
	tu_parse_fails(CI_HEAD CI_ONE "    suite FAIL x\n",
		       "results: FILE:9: expected 'build FAIL NAME' or 'test STATUS NAME' under a CI system\n");
	tu_parse_fails(CI_HEAD CI_ONE "      log: https://a\n",
		       "results: FILE:9: log line without a CI failure\n");
	tu_parse_fails(CI_HEAD CI_ONE "    build FAIL x\n      log: https://a\n      log: https://b\n",
		       "results: FILE:11: log line without a CI failure\n");
	tu_parse_fails(CI_HEAD CI_ONE "    build FAIL x\n      issue: b\n      log: https://a\n",
		       "results: FILE:11: log line without a CI failure\n");
	tu_parse_fails(CI_HEAD CI_ONE "    build FAIL x\n      issue: b\n      issue: a\n",
		       "results: FILE:11: issue out of order: 'a'\n");
	tu_parse_fails(CI_HEAD CI_ONE "    build FAIL x\n      issue: a\n      issue: a\n",
		       "results: FILE:11: issue out of order: 'a'\n");
	tu_parse_fails(CI_HEAD CI_ONE "     build FAIL x\n",
		       "results: FILE:9: expected 'build FAIL NAME' or 'test STATUS NAME' under a CI system\n");
	tu_parse_fails(CI_HEAD CI_ONE CI_ONE,
		       "results: FILE:9: CI system out of order: 'ci'\n");
	/* the failures must add up to the counts, in their order */
	tu_parse_fails(CI_HEAD CI_ONE "    build FAIL x\n",
		       "results: FILE:8: the counts of CI system 'ci' disagree with its failures\n");
	tu_parse_fails(CI_HEAD CI_ONE "    test ERROR t\n    build FAIL x\n",
		       "results: FILE:10: CI failure out of order: 'x'\n");
	/* and this is right */
	{
		struct results res;

		results_init(&res);
		ck_assert_int_eq(tu_parse_str(&res, CI_HEAD CI_ONE
					      "    build FAIL x\n      log: https://a\n"
					      "    test ERROR t\n      issue: a\n      issue: b\n"),
				 0);
		results_release(&res);
	}
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
	/* a test's number is {"value": ..., "unit": ...} */
	tu_parse_fails(V5 "\"tests\": [{\"id\": \"ci:1\", \"origin\": \"ci\", \"build_id\": \"ci:2\", \"number\": 5}]}\n",
		       "results: FILE: tests[0].number: expected object\n");
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
	tcase_add_test(ti, test_incident_links);
	tcase_add_test(ti, test_incident_links_v4_reversed);
	tcase_add_test(ti, test_ci_section);
	tcase_add_test(ti, test_ci_section_malformed);
	suite_add_tcase(s, ti);

	tcase_add_test(te, test_export_deterministic);
	tcase_add_test(te, test_export_sanitised_path);
	tcase_add_test(te, test_round_trip);
	suite_add_tcase(s, te);
	return s;
}
