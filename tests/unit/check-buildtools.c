// SPDX-License-Identifier: GPL-2.0
/*
 * The rest of a build log: linkers, modpost, objtool, Sphinx, smatch and
 * rustc, each line to the tool that printed it.
 */
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

/* Parse @log; the only diagnostic must be of @tool; return it. */
static struct record *only_diag(struct results *res, const char *log,
				const char *tool)
{
	struct record *r;

	results_init(res);
	ck_assert_int_eq(tu_parse_str(res, log), 0);
	ck_assert_uint_eq(tu_count(res, REC_DIAG), 1);
	r = tu_nth(res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, tool);
	ck_assert_str_eq(r->source, "build");
	return r;
}

START_TEST(test_gnu_ld_undefined_reference)
{
	const char *log =
		"  LD      vmlinux.o\n"
		"aarch64-linux-gnu-ld: drivers/widget/wdg-core.o: in function `wdg_probe':\n"
		"wdg-core.c:(.text+0x1a4): undefined reference to `wdg_hw_init'\n"
		"collect2: error: ld returned 1 exit status\n";
	struct results res;
	struct record *r = only_diag(&res, log, "ld");

	ck_assert_int_eq(r->severity, SEV_ERROR);
	/* the object of the "in function" line, not ld's base name */
	ck_assert_str_eq(r->file, "drivers/widget/wdg-core.o");
	ck_assert_str_eq(r->message, "undefined reference to `wdg_hw_init'");
	ck_assert_str_eq(r->context,
			 "aarch64-linux-gnu-ld: drivers/widget/wdg-core.o: in function `wdg_probe':");
	results_release(&res);
}
END_TEST

START_TEST(test_gnu_ld_multiple_definition)
{
	const char *log =
		"ld: b.o: in function `dup':\n"
		"b.c:(.text+0x0): multiple definition of `dup'; a.o:a.c:(.text+0x10): first defined here\n";
	struct results res;
	struct record *r = only_diag(&res, log, "ld");

	ck_assert_str_eq(r->file, "b.o");
	ck_assert_str_eq(r->message, "multiple definition of `dup'");
	ck_assert_ptr_nonnull(strstr(r->context,
				     "a.o:a.c:(.text+0x10): first defined here"));
	results_release(&res);
}
END_TEST

START_TEST(test_lld_undefined_symbol)
{
	const char *log =
		"ld.lld: error: undefined symbol: wdg_hw_init\n"
		">>> referenced by wdg-core.c:142 (drivers/widget/wdg-core.c:142)\n"
		">>>               drivers/widget/wdg-core.o:(wdg_probe) in archive vmlinux.a\n";
	struct results res;
	struct record *r = only_diag(&res, log, "ld");

	ck_assert_int_eq(r->severity, SEV_ERROR);
	ck_assert_str_eq(r->message, "undefined symbol: wdg_hw_init");
	ck_assert_uint_eq(tu_context_lines(r), 2);
	results_release(&res);
}
END_TEST

START_TEST(test_ld_object_warning)
{
	const char *log =
		"ld: warning: orphan section `.foo' from `x.o' being placed in section `.foo'\n"
		"ld: drivers/widget/wdg.o: warning: relocation in read-only section `.text'\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count_diags(&res, "ld", SEV_WARNING), 2);
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->file, "drivers/widget/wdg.o");
	ck_assert_str_eq(r->message, "relocation in read-only section `.text'");
	results_release(&res);
}
END_TEST

START_TEST(test_modpost)
{
	const char *log =
		"  MODPOST Module.symvers\n"
		"ERROR: modpost: \"wdg_hw_init\" [drivers/widget/wdg.ko] undefined!\n"
		"WARNING: modpost: missing MODULE_DESCRIPTION() in drivers/widget/wdg.o\n"
		"WARNING: modpost: vmlinux: section mismatch in reference: f+0x10 (section: .text) -> g (section: .init.text)\n"
		"WARNING: modpost: suppressed 5 unresolved symbol warnings because there were too many)\n"
		"WARNING: modpost: Section mismatches detected.\n"
		"Set CONFIG_SECTION_MISMATCH_WARN_ONLY=y to allow them.\n"
		"make[2]: *** [scripts/Makefile.modpost:126: Module.symvers] Error 1\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 3);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, "modpost");
	ck_assert_int_eq(r->severity, SEV_ERROR);
	ck_assert_str_eq(r->file, "drivers/widget/wdg.ko");
	ck_assert_str_eq(r->category, "undefined");
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->file, "drivers/widget/wdg.o");
	ck_assert_str_eq(r->category, "missing-description");
	r = tu_nth(&res, REC_DIAG, 2);
	ck_assert_str_eq(r->file, "vmlinux");
	ck_assert_str_eq(r->category, "section-mismatch");
	/* the cap is about the run */
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 1);
	ck_assert_str_eq(tu_nth(&res, REC_NOTICE, 0)->tool, "modpost");
	ck_assert(tu_nth(&res, REC_BUILD, 0)->failed);
	ck_assert_str_eq(tu_nth(&res, REC_BUILD, 0)->target, "Module.symvers");
	results_release(&res);
}
END_TEST

START_TEST(test_objtool)
{
	const char *log =
		"vmlinux.o: warning: objtool: do_x+0x1a: call to y() leaves .noinstr.text section\n"
		"drivers/widget/wdg-core.o: error: objtool: wdg_irq() falls through to next function wdg_poll()\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count_diags(&res, "objtool", -1), 2);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->file, "vmlinux.o");
	ck_assert_str_eq(r->message,
			 "do_x+0x1a: call to y() leaves .noinstr.text section");
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_int_eq(r->severity, SEV_ERROR);
	ck_assert_str_eq(r->file, "drivers/widget/wdg-core.o");
	results_release(&res);
}
END_TEST

START_TEST(test_htmldocs)
{
	const char *log =
		"  SPHINX  htmldocs --> file:///tmp/x/Documentation/output\n"
		"Documentation/widget/index.rst:12: WARNING: Unknown target name: \"wdg\".\n"
		"Documentation/widget/api.rst: WARNING: document isn't included in any toctree\n"
		"Documentation/widget/api.rst:40: ERROR: Unexpected indentation.\n"
		"./include/linux/widget.h:20: warning: Function parameter or member 'w' not described in 'wdg_get'\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count_diags(&res, "sphinx", SEV_WARNING), 2);
	ck_assert_uint_eq(tu_count_diags(&res, "sphinx", SEV_ERROR), 1);
	ck_assert_uint_eq(tu_count_diags(&res, "kernel-doc", SEV_WARNING), 1);
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->file, "Documentation/widget/api.rst");
	ck_assert_uint_eq(r->line, 0);
	ck_assert_str_eq(r->message,
			 "document isn't included in any toctree");
	results_release(&res);
}
END_TEST

/* A page's warning has no position: none is kept from the line before */
START_TEST(test_htmldocs_no_column)
{
	const char *log =
		"drivers/widget/wdg.c:7:12: warning: unused variable \xe2\x80\x98x\xe2\x80\x99 [-Wunused-variable]\n"
		"Documentation/widget/api.rst: WARNING: document isn't included in any toctree\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->tool, "sphinx");
	ck_assert_str_eq(r->file, "Documentation/widget/api.rst");
	ck_assert_uint_eq(r->line, 0);
	ck_assert_uint_eq(r->column, 0);
	results_release(&res);
}
END_TEST

START_TEST(test_smatch)
{
	const char *log =
		"  CHECK   drivers/widget/wdg-core.c\n"
		"drivers/widget/wdg-core.c:123 wdg_probe() warn: inconsistent returns 'lock'.\n"
		"drivers/widget/wdg-core.c:200 wdg_irq() error: we previously assumed 'w' could be null (see line 190)\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count_diags(&res, "smatch", -1), 2);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->file, "drivers/widget/wdg-core.c");
	ck_assert_uint_eq(r->line, 123);
	ck_assert_uint_eq(r->column, 0);
	ck_assert_str_eq(r->message,
			 "wdg_probe() warn: inconsistent returns 'lock'.");
	ck_assert_int_eq(tu_nth(&res, REC_DIAG, 1)->severity, SEV_ERROR);
	results_release(&res);
}
END_TEST

START_TEST(test_rustc)
{
	const char *log =
		"  RUSTC L rust/kernel.o\n"
		"error[E0425]: cannot find value `foo` in this scope\n"
		"  --> rust/kernel/widget.rs:12:9\n"
		"   |\n"
		"12 |         foo\n"
		"   |         ^^^ not found in this scope\n"
		"\n"
		"warning: unused variable: `x`\n"
		" --> rust/kernel/widget.rs:3:9\n"
		"  |\n"
		"  = note: `#[warn(unused_variables)]` on by default\n"
		"\n"
		"error: aborting due to previous error\n"
		"warning: 1 warning emitted\n";
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	/* the closing counts are not diagnostics */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, "rustc");
	ck_assert_int_eq(r->severity, SEV_ERROR);
	ck_assert_str_eq(r->category, "E0425");
	ck_assert_str_eq(r->file, "rust/kernel/widget.rs");
	ck_assert_uint_eq(r->line, 12);
	ck_assert_uint_eq(r->column, 9);
	ck_assert_str_eq(r->message, "cannot find value `foo` in this scope");
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->tool, "rustc");
	ck_assert_int_eq(r->severity, SEV_WARNING);
	ck_assert_ptr_null(r->category);
	ck_assert_str_eq(r->message, "unused variable: `x`");
	ck_assert_uint_eq(r->line, 3);
	results_release(&res);
}
END_TEST

Suite *buildtools_suite(void)
{
	Suite *s = suite_create("buildtools");
	TCase *tc = tcase_create("tools");

	tcase_add_test(tc, test_gnu_ld_undefined_reference);
	tcase_add_test(tc, test_gnu_ld_multiple_definition);
	tcase_add_test(tc, test_lld_undefined_symbol);
	tcase_add_test(tc, test_ld_object_warning);
	tcase_add_test(tc, test_modpost);
	tcase_add_test(tc, test_objtool);
	tcase_add_test(tc, test_htmldocs);
	tcase_add_test(tc, test_htmldocs_no_column);
	tcase_add_test(tc, test_smatch);
	tcase_add_test(tc, test_rustc);
	suite_add_tcase(s, tc);
	return s;
}
