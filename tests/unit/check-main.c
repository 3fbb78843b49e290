// SPDX-License-Identifier: GPL-2.0
/*
 * The unit test runner: every suite in one SRunner. CK_VERBOSITY,
 * CK_FORK, CK_RUN_SUITE and CK_RUN_CASE work as Check documents them.
 */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	Suite *(*const suites[])(void) = {
		util_suite,
		strbuf_suite,
		model_suite,
		kbuild_suite,
		build_suite,
		kunit_suite,
		results_suite,
		summary_suite,
		jsonw_suite,
		sparse_suite,
		buildtools_suite,
		corpus_suite,
	};
	SRunner *sr = srunner_create(NULL);
	size_t i;
	int failed;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
