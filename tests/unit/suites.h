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
Suite *results_suite(void);
Suite *summary_suite(void);
Suite *jsonw_suite(void);
Suite *sparse_suite(void);
Suite *buildtools_suite(void);
Suite *corpus_suite(void);

#endif /* RESULTS_SUITES_H */
