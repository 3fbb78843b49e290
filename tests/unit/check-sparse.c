// SPDX-License-Identifier: GPL-2.0
/*
 * The sparse kind: sparse's lines in a make C=1 log, told apart from the
 * compiler's by what comes with them.
 */
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

/* A make C=1 -j2 log: gcc and sparse, two units interleaved. */
static const char c1_log[] =
	"  CC      drivers/widget/wdg-core.o\n"
	"drivers/widget/wdg-core.c:40:6: warning: no previous prototype for \xe2\x80\x98wdg_reset\xe2\x80\x99 [-Wmissing-prototypes]\n"
	"   40 | void wdg_reset(void)\n"
	"      |      ^~~~~~~~~\n"
	"  CHECK   drivers/widget/wdg-core.c\n"
	"  CHECK   drivers/widget/wdg-irq.c\n"
	"drivers/widget/wdg-core.c:88:31: warning: incorrect type in argument 1 (different address spaces)\n"
	"drivers/widget/wdg-core.c:88:31:    expected void const volatile [noderef] __iomem *addr\n"
	"drivers/widget/wdg-core.c:88:31:    got void *base\n"
	"drivers/widget/wdg-core.c:120:5: warning: symbol 'wdg_state' was not declared. Should it be static?\n"
	"drivers/widget/wdg-irq.c: note: in included file (through include/linux/widget.h):\n"
	"./include/linux/wdg-regs.h:30:13: error: undefined identifier 'WDG_BASE'\n"
	"  CC      drivers/widget/wdg-irq.o\n";

START_TEST(test_c1_log_split_between_gcc_and_sparse)
{
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, c1_log), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 4);
	/* the compiler's keeps its flag and its tool */
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, "gcc");
	ck_assert_str_eq(r->source, "build");
	ck_assert_str_eq(r->category, "-Wmissing-prototypes");
	/* sparse's: no flag, no excerpt; continuations are context */
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->tool, "sparse");
	ck_assert_str_eq(r->source, "sparse");
	ck_assert_ptr_null(r->category);
	ck_assert_str_eq(r->file, "drivers/widget/wdg-core.c");
	ck_assert_uint_eq(r->line, 88);
	ck_assert_uint_eq(r->column, 31);
	ck_assert_str_eq(r->message,
			 "incorrect type in argument 1 (different address spaces)");
	ck_assert_uint_eq(tu_context_lines(r), 2);
	r = tu_nth(&res, REC_DIAG, 2);
	ck_assert_str_eq(r->tool, "sparse");
	ck_assert_ptr_null(r->context);
	/*
	 * attributed by its own path, not by the last CHECK line (wdg-irq.c),
	 * with the includer as context
	 */
	r = tu_nth(&res, REC_DIAG, 3);
	ck_assert_str_eq(r->tool, "sparse");
	ck_assert_int_eq(r->severity, SEV_ERROR);
	ck_assert_str_eq(r->file, "include/linux/wdg-regs.h");
	ck_assert_str_eq(r->context,
			 "drivers/widget/wdg-irq.c: note: in included file (through include/linux/widget.h):");
	/* CHECK lines are coverage, CC lines too */
	ck_assert_uint_eq(res.in[0].checked.nr, 2);
	ck_assert_uint_eq(res.in[0].units.nr, 2);
	/* a C=1 log is a build log that sparse ran in */
	ck_assert_str_eq(res.in[0].kind, "build");
	/* the gcc evidence is the compiler's alone */
	ck_assert_str_eq(input_label(&res.in[0], "compiler"), "gcc");
	results_release(&res);
}
END_TEST

START_TEST(test_prefixed_forms)
{
	const char *log =
		"drivers/widget/wdg-core.c:88:31: sparse: warning: incorrect type in argument 1 (different address spaces)\n"
		"drivers/widget/wdg-core.c:88:31: sparse:    expected void [noderef] __iomem *\n"
		"drivers/widget/wdg-core.c:88:31: sparse:    got void *\n"
		"drivers/widget/wdg-irq.c:12:9: sparse: sparse: cast to restricted __le32 @@     expected unsigned int val @@     got restricted __le32 @@\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_str_eq(res.in[0].kind, "sparse");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, "sparse");
	ck_assert_str_eq(r->message,
			 "incorrect type in argument 1 (different address spaces)");
	ck_assert_uint_eq(tu_context_lines(r), 2);
	/* 0-day's form: the glued expected/got go to the context */
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_int_eq(r->severity, SEV_WARNING);
	ck_assert_str_eq(r->message, "cast to restricted __le32");
	ck_assert_str_eq(r->context,
			 "@@     expected unsigned int val @@     got restricted __le32 @@");
	results_release(&res);
}
END_TEST

START_TEST(test_too_many_warnings_is_a_notice)
{
	const char *log =
		"  CHECK   fs/big.c\n"
		"fs/big.c:10:5: warning: symbol 'a' was not declared. Should it be static?\n"
		"fs/big.c:900:1: warning: too many warnings\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 1);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->tool, "sparse");
	ck_assert_str_eq(r->message,
			 "sparse stopped after too many warnings; later ones are missing");
	results_release(&res);
}
END_TEST

START_TEST(test_clang_error_without_flag_stays_clang)
{
	/* clang's errors have no flag, but a bare excerpt follows them */
	const char *log =
		"drivers/widget/wdg-core.c:12:2: error: use of undeclared identifier 'x'\n"
		"        x = 1;\n"
		"        ^\n"
		"1 error generated.\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, "clang");
	ck_assert_str_eq(r->source, "build");
	results_release(&res);
}
END_TEST

START_TEST(test_continuation_of_another_position_is_dropped)
{
	/* a continuation must repeat the position of what it continues */
	const char *log =
		"a.c:1:2: warning: incorrect type in assignment (different base types)\n"
		"b.c:9:9:    expected int\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, "sparse");
	ck_assert_ptr_null(r->context);
	results_release(&res);
}
END_TEST

Suite *sparse_suite(void)
{
	Suite *s = suite_create("sparse");
	TCase *tc = tcase_create("lines");

	tcase_add_test(tc, test_c1_log_split_between_gcc_and_sparse);
	tcase_add_test(tc, test_prefixed_forms);
	tcase_add_test(tc, test_too_many_warnings_is_a_notice);
	tcase_add_test(tc, test_clang_error_without_flag_stays_clang);
	tcase_add_test(tc, test_continuation_of_another_position_is_dropped);
	suite_add_tcase(s, tc);
	return s;
}
