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

START_TEST(test_kunit_test_data)
{
	struct strbuf dir = STRBUF_INIT;
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (corpus_missing())
		return;
	strbuf_addf(&dir, "%s/kunit/test_data", corpus_dir());
	d = opendir(dir.buf);
	ck_assert_msg(d != NULL, "cannot open %s", dir.buf);
	while ((de = readdir(d))) {
		struct strbuf rel = STRBUF_INIT;

		if (!ends_with(de->d_name, ".json"))
			continue;
		strbuf_addf(&rel, "kunit/test_data/%s", de->d_name);
		check_kunit_json(rel.buf);
		strbuf_release(&rel);
		n++;
	}
	closedir(d);
	/* the README lists eleven fixtures */
	ck_assert_int_ge(n, 11);
	strbuf_release(&dir);
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

Suite *corpus_suite(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("corpus");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_kunit_test_data);
	tcase_add_test(tc, test_kunit_run_default);
	tcase_add_test(tc, test_build_w1_arch_x86);
	tcase_add_test(tc, test_build_w1_arch_x86_keepgoing);
	tcase_add_test(tc, test_build_w1_nowerror);
	tcase_add_test(tc, test_build_llvm_clean);
	tcase_add_test(tc, test_sparse_c1_kernel_time);
	suite_add_tcase(s, tc);
	return s;
}
