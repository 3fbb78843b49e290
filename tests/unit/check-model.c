// SPDX-License-Identifier: GPL-2.0
/*
 * model.c: records, inputs, labels, name sets, status and severity names,
 * test paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

START_TEST(test_results_add_fields)
{
	struct results res;
	struct input *in;
	struct record *r;

	results_init(&res);
	in = results_add_input(&res, "logs/x86/build.log", "build");
	r = results_add(&res, REC_DIAG, "build", in, 42);
	ck_assert_uint_eq(res.nr, 1);
	ck_assert_ptr_eq(r, &res.rec[0]);
	ck_assert_int_eq(r->type, REC_DIAG);
	ck_assert_ptr_eq(r->source, intern("build"));
	ck_assert_ptr_eq(r->input, intern("logs/x86/build.log"));
	ck_assert_uint_eq(r->input_line, 42);
	/* everything else is zero */
	ck_assert_ptr_null(r->tool);
	ck_assert_ptr_null(r->file);
	ck_assert_ptr_null(r->message);
	ck_assert_ptr_null(r->context);
	ck_assert_ptr_null(r->path);
	ck_assert_uint_eq(r->depth, 0);
	ck_assert_uint_eq(r->line, 0);
	ck_assert_uint_eq(r->column, 0);
	ck_assert(!r->werror && !r->failed);

	/* a record with no input (a --notice) */
	r = results_add(&res, REC_NOTICE, "results", NULL, 0);
	ck_assert_ptr_null(r->input);
	ck_assert_uint_eq(res.nr, 2);
	results_release(&res);
	ck_assert_uint_eq(res.nr, 0);
	ck_assert_ptr_null(res.rec);
}
END_TEST

START_TEST(test_results_add_many)
{
	struct results res;
	struct record *r;
	size_t i;

	results_init(&res);
	for (i = 0; i < 1000; i++) {
		r = results_add(&res, REC_TEST, "kunit", NULL, i + 1);
		r->status = i % TEST_NR_STATUS;
	}
	ck_assert_uint_eq(res.nr, 1000);
	ck_assert_uint_eq(res.rec[999].input_line, 1000);
	ck_assert_int_eq(res.rec[998].status, 998 % TEST_NR_STATUS);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_ERROR), 250);
	results_release(&res);
}
END_TEST

START_TEST(test_results_add_input)
{
	struct results res;
	struct input *in;

	results_init(&res);
	in = results_add_input(&res, "/abs/out/kunit.json", "kunit");
	ck_assert_str_eq(in->name, "/abs/out/kunit.json");
	ck_assert_str_eq(in->display, "kunit.json");
	ck_assert_ptr_eq(in->kind, intern("kunit"));
	ck_assert_uint_eq(in->first_rec, 0);
	results_add(&res, REC_TEST, "kunit", in, 1);
	results_add(&res, REC_TEST, "kunit", in, 1);
	in = results_add_input(&res, "-", "build");
	ck_assert_str_eq(in->name, "-");
	ck_assert_str_eq(in->display, "stdin");
	ck_assert_uint_eq(in->first_rec, 2);
	ck_assert_uint_eq(res.nr_in, 2);
	results_release(&res);
}
END_TEST

START_TEST(test_label_given_not_replaced)
{
	struct results res;
	struct input *in;

	results_init(&res);
	in = results_add_input(&res, "build.log", "build");
	input_set_label(in, "compiler", "clang", true);
	input_set_label(in, "compiler", "gcc", false);
	ck_assert_str_eq(input_label(in, "compiler"), "clang");
	ck_assert_uint_eq(in->nr_label, 1);
	ck_assert(in->label[0].given);
	results_release(&res);
}
END_TEST

START_TEST(test_label_log_replaced_by_given)
{
	struct results res;
	struct input *in;

	results_init(&res);
	in = results_add_input(&res, "build.log", "build");
	input_set_label(in, "arch", "x86", false);
	ck_assert_str_eq(input_label(in, "arch"), "x86");
	ck_assert(!in->label[0].given);
	input_set_label(in, "arch", "arm64", true);
	ck_assert_str_eq(input_label(in, "arch"), "arm64");
	ck_assert(in->label[0].given);
	ck_assert_uint_eq(in->nr_label, 1);
	/* and a log label replaces an earlier log label */
	input_set_label(in, "w", "1", false);
	input_set_label(in, "w", "12", false);
	ck_assert_str_eq(input_label(in, "w"), "12");
	ck_assert_uint_eq(in->nr_label, 2);
	/* labels keep the order they were first set in */
	ck_assert_str_eq(in->label[0].key, "arch");
	ck_assert_str_eq(in->label[1].key, "w");
	ck_assert_ptr_null(input_label(in, "config"));
	results_release(&res);
}
END_TEST

START_TEST(test_nameset_dedup_order)
{
	struct nameset set = { 0 };
	char name[32];

	nameset_add(&set, "fs/ext4/inode.o");
	nameset_add(&set, "fs/ext4/balloc.o");
	nameset_add(&set, "fs/ext4/inode.o");
	nameset_add(&set, "fs/ext4/dir.o");
	ck_assert_uint_eq(set.nr, 3);
	ck_assert_str_eq(set.name[0], "fs/ext4/inode.o");
	ck_assert_str_eq(set.name[1], "fs/ext4/balloc.o");
	ck_assert_str_eq(set.name[2], "fs/ext4/dir.o");
	/* names are interned */
	ck_assert_ptr_eq(set.name[1], intern("fs/ext4/balloc.o"));
	/* a copy that is not interned is found too */
	snprintf(name, sizeof(name), "fs/ext4/%s", "dir.o");
	ck_assert(nameset_has(&set, name));
	ck_assert(!nameset_has(&set, "fs/ext4/super.o"));
	nameset_release(&set);
	ck_assert_uint_eq(set.nr, 0);
	ck_assert(!nameset_has(&set, "fs/ext4/dir.o"));
}
END_TEST

START_TEST(test_nameset_many)
{
	struct nameset set = { 0 };
	char name[32];
	int i, round;

	/* twice over, past several rehashes: the second round adds nothing */
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 3000; i++) {
			snprintf(name, sizeof(name), "unit-%d.o", i);
			nameset_add(&set, name);
		}
	}
	ck_assert_uint_eq(set.nr, 3000);
	ck_assert_str_eq(set.name[0], "unit-0.o");
	ck_assert_str_eq(set.name[2999], "unit-2999.o");
	ck_assert(nameset_has(&set, "unit-1234.o"));
	ck_assert(!nameset_has(&set, "unit-3000.o"));
	nameset_release(&set);
}
END_TEST

START_TEST(test_status_parse_names)
{
	ck_assert_int_eq(test_status_parse("PASS"), TEST_PASS);
	ck_assert_int_eq(test_status_parse("FAIL"), TEST_FAIL);
	ck_assert_int_eq(test_status_parse("SKIP"), TEST_SKIP);
	ck_assert_int_eq(test_status_parse("ERROR"), TEST_ERROR);
	/* exact and case-sensitive; kunit.py's parser names are not JSON */
	ck_assert_int_eq(test_status_parse("pass"), -1);
	ck_assert_int_eq(test_status_parse("SUCCESS"), -1);
	ck_assert_int_eq(test_status_parse("PASSED"), -1);
	ck_assert_int_eq(test_status_parse(""), -1);
	ck_assert_str_eq(test_status_name(TEST_SKIP), "SKIP");
	ck_assert_str_eq(test_status_name(TEST_ERROR), "ERROR");
}
END_TEST

START_TEST(test_severity_parse)
{
	ck_assert_int_eq(severity_parse("error"), SEV_ERROR);
	ck_assert_int_eq(severity_parse("warning"), SEV_WARNING);
	ck_assert_int_eq(severity_parse("info"), SEV_INFO);
	ck_assert_int_eq(severity_parse("note"), -1);
	ck_assert_int_eq(severity_parse("Warning"), -1);
	ck_assert_int_eq(severity_parse("warning "), -1);
	ck_assert_str_eq(severity_name(SEV_WARNING), "warning");
	ck_assert_str_eq(severity_name(SEV_INFO), "info");
}
END_TEST

START_TEST(test_path_join_names)
{
	const char *path[] = {
		intern("widget"), intern("sizes"), intern("size-16"),
	};
	const char *crash[] = { intern("frob"), intern("") };
	const char *lone[] = { intern("") };
	struct record r = { .type = REC_TEST, .path = path, .depth = 3 };
	char *s;

	s = test_path_join(&r);
	ck_assert_str_eq(s, "widget.sizes.size-16");
	free(s);
	r.depth = 1;
	s = test_path_join(&r);
	ck_assert_str_eq(s, "widget");
	free(s);
	/* kunit.py's crash placeholder has the empty name */
	r.path = crash;
	r.depth = 2;
	s = test_path_join(&r);
	ck_assert_str_eq(s, "frob.\"\"");
	free(s);
	r.path = lone;
	r.depth = 1;
	s = test_path_join(&r);
	ck_assert_str_eq(s, "\"\"");
	free(s);
	/* no name at all reads as the empty one, never as nothing */
	r.depth = 0;
	s = test_path_join(&r);
	ck_assert_str_eq(s, "\"\"");
	free(s);
}
END_TEST

Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_results_add_fields);
	tcase_add_test(tc, test_results_add_many);
	tcase_add_test(tc, test_results_add_input);
	tcase_add_test(tc, test_label_given_not_replaced);
	tcase_add_test(tc, test_label_log_replaced_by_given);
	tcase_add_test(tc, test_nameset_dedup_order);
	tcase_add_test(tc, test_nameset_many);
	tcase_add_test(tc, test_status_parse_names);
	tcase_add_test(tc, test_severity_parse);
	tcase_add_test(tc, test_path_join_names);
	suite_add_tcase(s, tc);
	return s;
}
