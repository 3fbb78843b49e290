// SPDX-License-Identifier: GPL-2.0
/*
 * The shared corpus of real tool outputs (../shared/corpus), when it is
 * there: $RESULTS_CORPUS names it. Without it every test says SKIP and
 * passes, so that the tree tests alone.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "parser.h"
#include "strbuf.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

static const char *corpus_dir(void)
{
	return getenv("RESULTS_CORPUS");
}

/*
 * True, after saying so on stdout, when the corpus is not there; the
 * calling test then returns without failing.
 */
static bool corpus_missing(void)
{
	const char *dir = corpus_dir();
	struct stat st;

	if (dir && *dir && !stat(dir, &st) && S_ISDIR(st.st_mode))
		return false;
	printf("SKIP: corpus not found at %s (tests need ../shared/corpus)\n",
	       dir && *dir ? dir : "(RESULTS_CORPUS unset)");
	fflush(stdout);
	return true;
}

static char *corpus_path(const char *rel)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/%s", corpus_dir(), rel);
	return strbuf_detach(&sb);
}

static void parse_corpus(struct results *res, const char *rel)
{
	char *path = corpus_path(rel);

	results_init(res);
	ck_assert_msg(tu_parse_quiet(res, path, NULL, NULL, 0, NULL) == 0,
		      "parse %s", path);
	free(path);
}

/*
 * Count the leaves' statuses of a kunit.py document our own way: every
 * object in a "test_cases" array anywhere in it, whatever its nesting.
 */
static void count_statuses(json_t *v, unsigned long *count)
{
	const char *key;
	json_t *item, *tc;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, item)
			count_statuses(item, count);
		return;
	}
	if (!json_is_object(v))
		return;
	json_object_foreach(v, key, item) {
		if (strcmp(key, "test_cases") || !json_is_array(item)) {
			count_statuses(item, count);
			continue;
		}
		json_array_foreach(item, i, tc) {
			int st = test_status_parse(json_string_value(
				json_object_get(tc, "status")) ?: "");

			ck_assert_int_ge(st, 0);
			count[st]++;
		}
	}
}

static void check_kunit_json(const char *rel)
{
	unsigned long want[TEST_NR_STATUS] = { 0 };
	char *path = corpus_path(rel);
	struct results res;
	json_error_t jerr;
	json_t *doc;
	int st;

	doc = json_load_file(path, 0, &jerr);
	ck_assert_msg(doc != NULL, "%s: %s", path, jerr.text);
	count_statuses(doc, want);
	json_decref(doc);

	parse_corpus(&res, rel);
	ck_assert_str_eq(res.in[0].kind, "kunit");
	for (st = 0; st < TEST_NR_STATUS; st++)
		ck_assert_msg(tu_count_tests(&res, st) == want[st],
			      "%s: %s: we read %zu, jansson counts %lu", rel,
			      test_status_name(st), tu_count_tests(&res, st),
			      want[st]);
	results_release(&res);
	free(path);
}

/*
 * Call @fn with "kunit/test_data/NAME" for every fixture whose name ends
 * in @suffix. Return: how many there were.
 */
static int for_each_test_data(const char *suffix, void (*fn)(const char *))
{
	struct strbuf dir = STRBUF_INIT;
	struct dirent *de;
	DIR *d;
	int n = 0;

	strbuf_addf(&dir, "%s/kunit/test_data", corpus_dir());
	d = opendir(dir.buf);
	ck_assert_msg(d != NULL, "cannot open %s", dir.buf);
	while ((de = readdir(d))) {
		struct strbuf rel = STRBUF_INIT;

		if (!ends_with(de->d_name, suffix))
			continue;
		strbuf_addf(&rel, "kunit/test_data/%s", de->d_name);
		fn(rel.buf);
		strbuf_release(&rel);
		n++;
	}
	closedir(d);
	strbuf_release(&dir);
	return n;
}

START_TEST(test_kunit_test_data)
{
	if (corpus_missing())
		return;
	/* the README lists eleven fixtures */
	ck_assert_int_ge(for_each_test_data(".json", check_kunit_json), 11);
}
END_TEST

START_TEST(test_kunit_run_default)
{
	struct results res;

	if (corpus_missing())
		return;
	check_kunit_json("kunit/kunit_run_default.json");
	parse_corpus(&res, "kunit/kunit_run_default.json");
	ck_assert_uint_eq(tu_count_tests(&res, TEST_PASS), 210);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_SKIP), 7);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_FAIL), 0);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_ERROR), 0);
	ck_assert_uint_eq(res.nr, 217);
	ck_assert_str_eq(input_label(&res.in[0], "arch"), "um");
	results_release(&res);
}
END_TEST

START_TEST(test_build_w1_arch_x86)
{
	struct results res;
	struct record *r;

	if (corpus_missing())
		return;
	parse_corpus(&res, "build/build_W1_arch_x86.log");
	ck_assert_uint_eq(tu_count_diags(&res, "kernel-doc", SEV_WARNING), 27);
	ck_assert_uint_eq(tu_count_diags(&res, "gcc", SEV_ERROR), 1);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 28);
	r = tu_nth(&res, REC_DIAG, 27);
	ck_assert_str_eq(r->tool, "gcc");
	ck_assert_str_eq(r->category, "-Wmissing-prototypes");
	ck_assert(r->werror);
	ck_assert_str_eq(r->file, "arch/x86/kernel/cpu/amd.c");
	ck_assert_str_eq(r->message,
			 "no previous prototype for 'amd_check_microcode'");
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(r->failed);
	ck_assert_str_eq(r->target, "arch/x86/kernel/cpu/amd.o");
	ck_assert_str_eq(input_label(&res.in[0], "arch"), "x86");
	ck_assert_str_eq(input_label(&res.in[0], "compiler"), "gcc");
	results_release(&res);
}
END_TEST

START_TEST(test_build_w1_arch_x86_keepgoing)
{
	struct results res;
	struct record *r;

	if (corpus_missing())
		return;
	parse_corpus(&res, "build/build_W1_arch_x86_keepgoing.log");
	ck_assert_uint_eq(tu_count_diags(&res, "kernel-doc", SEV_WARNING), 7);
	ck_assert_uint_eq(tu_count_diags(&res, "gcc", SEV_ERROR), 1);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 8);
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(r->failed);
	ck_assert_str_eq(r->target, "arch/x86/kernel/cpu/amd.o");
	results_release(&res);
}
END_TEST

START_TEST(test_build_w1_nowerror)
{
	struct results res;

	if (corpus_missing())
		return;
	parse_corpus(&res, "build/build_W1_nowerror_scsi_acpi_ata.log");
	ck_assert_uint_eq(tu_count_diags(&res, "kernel-doc", SEV_WARNING), 8);
	ck_assert_uint_eq(tu_count_diags(&res, "gcc", SEV_WARNING), 7);
	ck_assert_uint_eq(tu_count_diags(&res, NULL, SEV_ERROR), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 15);
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	ck_assert(!tu_nth(&res, REC_BUILD, 0)->failed);
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 0);
	results_release(&res);
}
END_TEST

START_TEST(test_build_llvm_clean)
{
	struct results res;
	size_t i;

	if (corpus_missing())
		return;
	parse_corpus(&res, "build/build_llvm_W1_ext4_e1000.log");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 0);
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	ck_assert(!tu_nth(&res, REC_BUILD, 0)->failed);
	ck_assert_uint_ge(res.in[0].units.nr, 43);
	ck_assert(nameset_has(&res.in[0].units, "fs/ext4/inode.o"));
	ck_assert(nameset_has(&res.in[0].units,
			      "drivers/net/ethernet/intel/e1000/e1000_main.o"));
	for (i = 0; i < res.in[0].units.nr; i++)
		ck_assert(res.in[0].units.name[i][0] != '/');
	results_release(&res);
}
END_TEST

/*
 * make -j2 C=1 kernel/time/: the README counts 38 warning lines (all of
 * them sparse's: gcc printed none), 4 "in included file" notes, 24 CC and
 * 24 CHECK lines.
 */
START_TEST(test_sparse_c1_kernel_time)
{
	struct results res;
	size_t i, with_includer = 0;

	if (corpus_missing())
		return;
	parse_corpus(&res, "sparse/sparse_C1_kernel_time.log");
	ck_assert_uint_eq(tu_count_diags(&res, "sparse", SEV_WARNING), 38);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 38);
	ck_assert_uint_eq(res.in[0].checked.nr, 24);
	ck_assert_uint_eq(res.in[0].units.nr, 24);
	for (i = 0; i < res.nr; i++) {
		const struct record *r = &res.rec[i];

		if (r->type != REC_DIAG)
			continue;
		/* the continuation lines are context, never findings */
		ck_assert(!starts_with(r->message, "expected ") &&
			  !starts_with(r->message, "got "));
		if (r->context && strstr(r->context, "in included file"))
			with_includer++;
	}
	ck_assert_uint_eq(with_includer, 4);
	/* nothing here says which compiler ran: no label is guessed */
	ck_assert_ptr_null(input_label(&res.in[0], "compiler"));
	results_release(&res);
}
END_TEST

/*
 * kunit.py's leaves, our own way: "STATUS a.b.c" for every object of a
 * "test_cases" array, its path the names of the groups above it below
 * the root. A name "selftests: T: P" is the two names T and P, as the
 * ktap kind reads kselftest's programs.
 */
static void json_leaves(json_t *group, struct strbuf *path,
			struct strbuf *out)
{
	size_t len = path->len, i;
	json_t *v;

	json_array_foreach(json_object_get(group, "sub_groups"), i, v) {
		strbuf_addf(path, "%s.", json_string_value(
			json_object_get(v, "name")));
		json_leaves(v, path, out);
		strbuf_setlen(path, len);
	}
	json_array_foreach(json_object_get(group, "test_cases"), i, v) {
		const char *name = json_string_value(json_object_get(v, "name"));
		const char *t = skip_prefix(name, "selftests: ");
		const char *sep = t ? strstr(t, ": ") : NULL;

		strbuf_addf(out, "%s %s", json_string_value(
			json_object_get(v, "status")), path->buf);
		if (sep)
			strbuf_addf(out, "%.*s.%s", (int)(sep - t), t, sep + 2);
		else
			strbuf_addstr(out, name);
		strbuf_addch(out, '\n');
	}
}

/* Our test records, in the same form */
static void our_leaves(const struct results *res, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < res->nr; i++) {
		char *name;

		if (res->rec[i].type != REC_TEST)
			continue;
		name = test_path_join(&res->rec[i]);
		strbuf_addf(out, "%s %s\n",
			    test_status_name(res->rec[i].status), name);
		free(name);
	}
}

/* Remove the line @line (with its '\n') from @sb: true when it was there */
static bool take_line(struct strbuf *sb, const char *line, size_t len)
{
	char *p = sb->buf;

	while ((p = memmem(p, sb->buf + sb->len - p, line, len))) {
		if ((p == sb->buf || p[-1] == '\n') && p[len] == '\n') {
			memmove(p, p + len + 1, sb->buf + sb->len - p - len - 1);
			strbuf_setlen(sb, sb->len - len - 1);
			return true;
		}
		p++;
	}
	return false;
}

/*
 * Read @log and compare its tests with kunit.py's JSON @json of it:
 * every leaf of kunit.py's has a record with the same path and status.
 * With @nested, records below one of kunit.py's leaves may be left over
 * (the results of a kselftest program, which kunit.py does not read);
 * without, nothing may.
 */
static void compare_with_json(const char *log, const char *json, bool nested)
{
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	struct strbuf path = STRBUF_INIT;
	char *jpath = corpus_path(json);
	const char *p, *e;
	struct results res;
	json_error_t jerr;
	json_t *doc;

	doc = json_load_file(jpath, 0, &jerr);
	ck_assert_msg(doc != NULL, "%s: %s", jpath, jerr.text);
	json_leaves(doc, &path, &want);
	json_decref(doc);
	parse_corpus(&res, log);
	our_leaves(&res, &got);
	for (p = want.buf; *p; p = e + 1) {
		e = strchr(p, '\n');
		ck_assert_msg(take_line(&got, p, e - p),
			      "%s: kunit.py's '%.*s' is not read the same", log,
			      (int)(e - p), p);
	}
	for (p = got.buf; *p; p = e + 1) {
		const char *w, *we, *name = strchr(p, ' ') + 1;
		bool below = false;

		e = strchr(p, '\n');
		for (w = want.buf; nested && *w && !below; w = we + 1) {
			const char *wname = strchr(w, ' ') + 1;

			we = strchr(w, '\n');
			below = (size_t)(e - name) > (size_t)(we - wname) &&
				!memcmp(name, wname, we - wname) &&
				name[we - wname] == '.';
		}
		ck_assert_msg(below, "%s: '%.*s' is not one of kunit.py's",
			      log, (int)(e - p), p);
	}
	results_release(&res);
	strbuf_release(&want);
	strbuf_release(&got);
	strbuf_release(&path);
	free(jpath);
}

/*
 * kunit.py's own parser fixtures, each with the JSON that kunit.py parse
 * --json made of it: the same leaves, the same statuses.
 */
/* A fixture's log against the JSON kunit.py made of it */
static void compare_log_with_its_json(const char *log)
{
	struct strbuf json = STRBUF_INIT;

	strbuf_add(&json, log, strlen(log) - 4);
	strbuf_addstr(&json, ".json");
	compare_with_json(log, json.buf, true);
	strbuf_release(&json);
}

START_TEST(test_ktap_test_data)
{
	if (corpus_missing())
		return;
	ck_assert_int_ge(for_each_test_data(".log", compare_log_with_its_json),
			 11);
}
END_TEST

/*
 * The run of kunit_run_default.json as the kernel printed it (test.log),
 * as kunit.py exec --raw_output=kunit printed it, and kunit.py's console
 * of it, plain and through a pty: the README's 217 tests, 210 passed and
 * 7 skipped, the same leaves as the JSON's.
 */
START_TEST(test_ktap_run_default)
{
	static const char *const logs[] = {
		"kunit/kunit_run_default.test.log",
		"kunit/kunit_exec_raw_kunit.txt",
		"kunit/kunit_run_default.console.txt",
		"kunit/kunit_exec_tty_ansi.txt",
	};
	size_t i;

	if (corpus_missing())
		return;
	for (i = 0; i < ARRAY_SIZE(logs); i++) {
		struct results res;

		compare_with_json(logs[i], "kunit/kunit_run_default.json",
				  false);
		parse_corpus(&res, logs[i]);
		ck_assert_uint_eq(tu_count_tests(&res, TEST_PASS), 210);
		ck_assert_uint_eq(tu_count_tests(&res, TEST_SKIP), 7);
		ck_assert_uint_eq(tu_count(&res, REC_TEST), 217);
		ck_assert_uint_eq(res.in[0].suites.nr, 27);
		results_release(&res);
	}
}
END_TEST

/*
 * The README's counts of the runner's own lines: 46 programs, 39 ok, 2
 * skipped, 5 not ok; and 9 timers programs, 3 ok, 5 timed out, 1 skipped
 */
START_TEST(test_kselftest_runs)
{
	static const struct {
		const char *log;
		unsigned long pass, fail, skip, error;
	} runs[] = {
		{ "kselftest/kselftest_run_kselftest.log", 39, 5, 2, 0 },
		{ "kselftest/kselftest_timers_timeout20.log", 3, 0, 1, 5 },
	};
	size_t i, k;

	if (corpus_missing())
		return;
	for (i = 0; i < ARRAY_SIZE(runs); i++) {
		unsigned long n[TEST_NR_STATUS] = { 0 };
		struct results res;

		parse_corpus(&res, runs[i].log);
		ck_assert_str_eq(res.in[0].kind, "ktap");
		/* the programs: the records whose path is [target, program] */
		for (k = 0; k < res.nr; k++)
			if (res.rec[k].type == REC_TEST && res.rec[k].depth == 2)
				n[res.rec[k].status]++;
		ck_assert_uint_eq(n[TEST_PASS], runs[i].pass);
		ck_assert_uint_eq(n[TEST_FAIL], runs[i].fail);
		ck_assert_uint_eq(n[TEST_SKIP], runs[i].skip);
		ck_assert_uint_eq(n[TEST_ERROR], runs[i].error);
		results_release(&res);
	}
}
END_TEST

Suite *corpus_suite(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("corpus");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_kunit_test_data);
	tcase_add_test(tc, test_kunit_run_default);
	tcase_add_test(tc, test_ktap_test_data);
	tcase_add_test(tc, test_ktap_run_default);
	tcase_add_test(tc, test_kselftest_runs);
	tcase_add_test(tc, test_build_w1_arch_x86);
	tcase_add_test(tc, test_build_w1_arch_x86_keepgoing);
	tcase_add_test(tc, test_build_w1_nowerror);
	tcase_add_test(tc, test_build_llvm_clean);
	tcase_add_test(tc, test_sparse_c1_kernel_time);
	suite_add_tcase(s, tc);
	return s;
}
