/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_SUITES_H
#define RESULTS_SUITES_H

#include <check.h>

/* One suite per module of tools/results, in check-<module>.c */
Suite *util_suite(void);
Suite *strbuf_suite(void);
Suite *model_suite(void);
Suite *kbuild_suite(void);
Suite *build_suite(void);
Suite *kunit_suite(void);
Suite *ktap_suite(void);
Suite *results_suite(void);
Suite *summary_suite(void);
Suite *jsonw_suite(void);
Suite *sparse_suite(void);
Suite *dt_suite(void);
Suite *cocci_suite(void);
Suite *buildtools_suite(void);
Suite *kcidb_suite(void);
Suite *corpus_suite(void);

/* Test cases that a suite above carries: results_suite() */
void compare_tcases(Suite *s);

/*
 * check-main.c writes the results as KTAP with the suites' and tests'
 * names, which Check's TestResult does not carry: the suites register
 * them through these wrappers of Check's functions as they build
 * themselves.
 */
Suite *ck_named_suite_create(const char *name);
TCase *ck_named_tcase_create(const char *name);
void ck_named_suite_add_tcase(Suite *s, TCase *tc);
void ck_named_add_test(TCase *tc, const TTest *ttest, int signal,
		       int allowed_exit_value, int start, int end);
#define suite_create ck_named_suite_create
#define tcase_create ck_named_tcase_create
#define suite_add_tcase ck_named_suite_add_tcase
#define _tcase_add_test ck_named_add_test

#endif /* RESULTS_SUITES_H */
