// SPDX-License-Identifier: GPL-2.0
/*
 * The build kind through its real entry point, parse_input(), on logs in
 * tests/fixtures/build/ shaped like the real ones (../shared/formats.md
 * section (f), ../shared/corpus/build/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser.h"
#include "strbuf.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

/* Parse a fixture that must read without error. */
static void assert_context_line(const struct record *r, size_t n,
				const char *want)
{
	char *got = tu_context_line(r, n);

	ck_assert_msg(got && !strcmp(got, want),
		      "context line %zu is \"%s\", want \"%s\"", n,
		      got ? got : "(none)", want);
	free(got);
}

START_TEST(test_gcc_warning_with_gutter)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/gcc_format_gutter.log");
	/* the gutter, caret, label and fix-it lines are not diagnostics */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->source, "build");
	ck_assert_str_eq(r->tool, "gcc");
	ck_assert_int_eq(r->severity, SEV_WARNING);
	ck_assert_str_eq(r->file, "drivers/widget/wdg-core.c");
	ck_assert_uint_eq(r->line, 140);
	ck_assert_uint_eq(r->column, 25);
	ck_assert_str_eq(r->category, "-Wformat=");
	ck_assert(!r->werror);
	ck_assert_uint_eq(r->input_line, 3);
	ck_assert_uint_eq(tu_context_lines(r), 6);
	assert_context_line(r, 1,
			    "  140 |         dev_info(dev, \"rate %d\\n\", rate);");
	assert_context_line(r, 2, "      |                        ~^");
	assert_context_line(r, 5, "      |                        %ld");
	/* the progress line after it ends the context */
	ck_assert_uint_eq(res.in[0].units.nr, 2);
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	ck_assert(!tu_nth(&res, REC_BUILD, 0)->failed);
	results_release(&res);
}
END_TEST

START_TEST(test_gcc_typographic_quotes)
{
	struct results res;
	struct record *r;
	const char *ascii =
		"  CC      drivers/widget/wdg-core.o\n"
		"drivers/widget/wdg-core.c:140:25: warning: format '%d' expects argument of type 'int', but argument 3 has type 'long int' [-Wformat=]\n";

	tu_parse_fixture_ok(&res, "build/gcc_format_gutter.log");
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->message,
			 "format '%d' expects argument of type 'int', but argument 3 has type 'long int'");
	/* the context is the log's own text, quotes untouched */
	assert_context_line(r, 0,
			    "drivers/widget/wdg-core.c: In function \xe2\x80\x98wdg_probe\xe2\x80\x99:");
	/* the same warning under LANG=C reads the same */
	ck_assert_int_eq(tu_parse_str(&res, ascii), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 1)->message, r->message);
	results_release(&res);
}
END_TEST

START_TEST(test_gcc_werror_promoted)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/gcc_werror.log");
	/* "cc1: all warnings being treated as errors" is no diagnostic */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, "gcc");
	ck_assert_int_eq(r->severity, SEV_ERROR);
	ck_assert_str_eq(r->category, "-Wmissing-prototypes");
	ck_assert(r->werror);
	ck_assert_str_eq(r->message, "no previous prototype for 'wdg_setup'");
	ck_assert_str_eq(r->file, "drivers/widget/wdg-core.c");
	ck_assert_uint_eq(r->line, 88);
	ck_assert_uint_eq(r->column, 6);
	ck_assert_uint_eq(tu_context_lines(r), 2);
	ck_assert_str_eq(input_label(&res.in[0], "compiler"), "gcc");
	results_release(&res);
}
END_TEST

START_TEST(test_make_chain_one_failed_build)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/gcc_werror.log");
	/* five "***" lines and a "Waiting": one make run, one failure */
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(r->failed);
	ck_assert_str_eq(r->target, "drivers/widget/wdg-core.o");
	ck_assert_str_eq(r->message,
			 "[scripts/Makefile.build:250: drivers/widget/wdg-core.o] Error 1");
	ck_assert_uint_eq(r->input_line, 6);
	ck_assert_str_eq(r->tool, "make");
	results_release(&res);
}
END_TEST

START_TEST(test_make_no_rule_and_keep_going)
{
	struct results res;
	struct record *r;
	const char *log =
		"  CC      drivers/acme/a.o\n"
		"make[3]: *** No rule to make target 'drivers/acme/missing.c', needed by 'drivers/acme/missing.o'.  Stop.\n"
		"make[3]: *** [scripts/Makefile.build:250: drivers/acme/b.o] Error 1\n"
		"make[2]: *** [scripts/Makefile.build:500: drivers/acme] Error 2\n"
		"make: Target '__all' not remade because of errors.\n";

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(r->failed);
	/* the first failure names the target */
	ck_assert_str_eq(r->target, "drivers/acme/missing.c");
	ck_assert_uint_eq(r->input_line, 2);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 0);
	results_release(&res);
}
END_TEST

START_TEST(test_clang_werror_and_summary_line)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/clang_werror.log");
	/* "1 warning generated." and "1 error generated." are not counted */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	ck_assert_uint_eq(tu_count_diags(&res, "clang", -1), 2);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_int_eq(r->severity, SEV_WARNING);
	ck_assert_str_eq(r->category, "-Wunused-but-set-variable");
	ck_assert(!r->werror);
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->tool, "clang");
	ck_assert_int_eq(r->severity, SEV_ERROR);
	ck_assert_str_eq(r->category, "-Wunused-function");
	ck_assert(r->werror);
	ck_assert_str_eq(r->message, "unused function 'acme_dump'");
	ck_assert_str_eq(r->file, "drivers/net/ethernet/acme/acme_hw.c");
	ck_assert_uint_eq(r->line, 301);
	ck_assert_uint_eq(r->column, 13);
	/* clang 14's bare excerpt and caret, no gutter */
	ck_assert_str_eq(r->context,
			 "static void acme_dump(struct acme_priv *priv)\n"
			 "            ^");
	ck_assert_str_eq(input_label(&res.in[0], "compiler"), "clang");
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(r->failed);
	ck_assert_str_eq(r->target, "drivers/net/ethernet/acme/acme_hw.o");
	results_release(&res);
}
END_TEST

START_TEST(test_context_before_diagnostic)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/gcc_included.log");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->file, "drivers/widget/wdg-regs.h");
	ck_assert_str_eq(r->message, "unused variable 'tmp'");
	ck_assert_uint_eq(tu_context_lines(r), 5);
	assert_context_line(r, 0,
			    "In file included from include/linux/widget.h:8,");
	assert_context_line(r, 1,
			    "                 from drivers/widget/wdg-core.c:12:");
	assert_context_line(r, 2,
			    "drivers/widget/wdg-regs.h: In function \xe2\x80\x98wdg_read\xe2\x80\x99:");
	assert_context_line(r, 3, "   30 |         u32 tmp;");

	/* "In function" after a diagnostic belongs to the next one */
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->category, "-Wdeclaration-after-statement");
	ck_assert_uint_eq(tu_context_lines(r), 3);
	assert_context_line(r, 0,
			    "drivers/widget/wdg-core.c: In function \xe2\x80\x98wdg_probe\xe2\x80\x99:");
	ck_assert_ptr_null(strstr(r->context, "In file included"));
	results_release(&res);
}
END_TEST

START_TEST(test_kerneldoc_without_column)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/kerneldoc_nocol.log");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 4);
	ck_assert_uint_eq(tu_count_diags(&res, "kernel-doc", SEV_WARNING), 2);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, "kernel-doc");
	ck_assert_str_eq(r->file, "fs/ext4/super.c");
	ck_assert_uint_eq(r->line, 1234);
	ck_assert_uint_eq(r->column, 0);
	ck_assert_ptr_null(r->category);
	ck_assert_str_eq(r->message,
			 "Function parameter or member 'sb' not described in 'ext4_commit_super'");
	r = tu_nth(&res, REC_DIAG, 3);
	ck_assert_str_eq(r->tool, "kernel-doc");
	ck_assert_str_eq(r->message,
			 "Excess function parameter 'flags' description in 'ext4_sync_fs'");
	results_release(&res);
}
END_TEST

START_TEST(test_gcc_unused_macros_without_column)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/kerneldoc_nocol.log");
	/* no column, but a -W flag: the compiler's, not kernel-doc's */
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->tool, "gcc");
	ck_assert_str_eq(r->file, "fs/ext4/super.c");
	ck_assert_uint_eq(r->line, 40);
	ck_assert_uint_eq(r->column, 0);
	ck_assert_str_eq(r->category, "-Wunused-macros");
	ck_assert_str_eq(r->message, "macro \"EXT4_UNUSED_FLAG\" is not used");
	results_release(&res);
}
END_TEST

START_TEST(test_cc1_without_position)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/kerneldoc_nocol.log");
	r = tu_nth(&res, REC_DIAG, 2);
	ck_assert_str_eq(r->tool, "gcc");
	ck_assert_int_eq(r->severity, SEV_WARNING);
	ck_assert_ptr_null(r->file);
	ck_assert_uint_eq(r->line, 0);
	ck_assert_uint_eq(r->column, 0);
	ck_assert_str_eq(r->category, "-Wmissing-include-dirs");
	ck_assert_str_eq(r->message,
			 "include/uapi/acme: No such file or directory");
	ck_assert_uint_eq(r->input_line, 4);
	results_release(&res);
}
END_TEST

START_TEST(test_clean_log_passes)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/clean.log");
	ck_assert_uint_eq(res.nr, 1);
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(!r->failed);
	ck_assert_ptr_null(r->target);
	ck_assert_ptr_null(r->message);
	ck_assert_uint_eq(r->input_line, 1);
	/* no diagnostic, no evidence: no compiler label */
	ck_assert_ptr_null(input_label(&res.in[0], "compiler"));
	ck_assert_str_eq(res.in[0].kind, "build");
	results_release(&res);
}
END_TEST

START_TEST(test_units_coverage)
{
	struct results res;
	const struct input *in;

	tu_parse_fixture_ok(&res, "build/clean.log");
	in = &res.in[0];
	/* CC, CC [M], AS and HOSTCC; not AR, LD, SYNC; setup.o once */
	ck_assert_uint_eq(in->units.nr, 5);
	ck_assert_str_eq(in->units.name[0], "scripts/basic/fixdep");
	ck_assert_str_eq(in->units.name[1], "arch/x86/kernel/setup.o");
	ck_assert_str_eq(in->units.name[2], "arch/x86/kernel/time.o");
	ck_assert_str_eq(in->units.name[3], "arch/x86/kernel/head_64.o");
	ck_assert_str_eq(in->units.name[4], "drivers/widget/wdg-core.o");
	/* CHECK is a checker's coverage, not a unit */
	ck_assert_uint_eq(in->checked.nr, 1);
	ck_assert_str_eq(in->checked.name[0], "arch/x86/kernel/time.c");
	results_release(&res);
}
END_TEST

START_TEST(test_arch_label)
{
	struct results res;

	tu_parse_fixture_ok(&res, "build/clean.log");
	ck_assert_str_eq(input_label(&res.in[0], "arch"), "x86");
	results_release(&res);

	/* the first unit under arch/ decides; a HOSTCC there does not */
	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res,
				      "  HOSTCC  arch/x86/tools/relocs_32.o\n"
				      "  CC      kernel/fork.o\n"
				      "  CC      arch/arm64/kernel/setup.o\n"
				      "  CC      arch/riscv/kernel/setup.o\n"), 0);
	ck_assert_str_eq(input_label(&res.in[0], "arch"), "arm64");
	results_release(&res);

	/* ARCH= on the echoed make command comes first */
	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res,
				      "$ make ARCH=riscv W=1 defconfig all\n"
				      "  CC      arch/riscv/kernel/setup.o\n"), 0);
	ck_assert_str_eq(input_label(&res.in[0], "arch"), "riscv");
	ck_assert_str_eq(input_label(&res.in[0], "w"), "1");
	ck_assert_str_eq(input_label(&res.in[0], "config"), "defconfig");
	results_release(&res);
}
END_TEST

START_TEST(test_given_labels_override_log)
{
	struct label labels[] = {
		{ .key = intern("compiler"), .value = intern("clang"),
		  .given = true },
		{ .key = intern("arch"), .value = intern("arm64"),
		  .given = true },
	};
	struct results res;
	char *path = tu_fixture("build/gcc_format_gutter.log");

	/* the log has gcc's gutter, quotes and "In function" */
	results_init(&res);
	ck_assert_int_eq(tu_parse_quiet(&res, path, NULL, labels, 2, NULL),
			 0);
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 0)->tool, "clang");
	ck_assert_str_eq(input_label(&res.in[0], "compiler"), "clang");
	ck_assert_str_eq(input_label(&res.in[0], "arch"), "arm64");
	results_release(&res);
	free(path);

	/* a given arch stays whatever the log's paths say */
	path = tu_fixture("build/clean.log");
	results_init(&res);
	ck_assert_int_eq(tu_parse_quiet(&res, path, NULL, labels + 1, 1,
					NULL), 0);
	ck_assert_str_eq(input_label(&res.in[0], "arch"), "arm64");
	ck_assert_uint_eq(res.in[0].nr_label, 1);
	results_release(&res);
	free(path);

	/* a cross compiler's name is a gcc */
	labels[0].value = intern("aarch64-linux-gnu-gcc-12");
	path = tu_fixture("build/clang_werror.log");
	results_init(&res);
	ck_assert_int_eq(tu_parse_quiet(&res, path, NULL, labels, 1, NULL),
			 0);
	ck_assert_uint_eq(tu_count_diags(&res, "gcc", -1), 2);
	ck_assert_str_eq(input_label(&res.in[0], "compiler"),
			 "aarch64-linux-gnu-gcc-12");
	results_release(&res);
	free(path);
}
END_TEST

START_TEST(test_compiler_banner)
{
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res,
				      "gcc (Debian 12.2.0-14) 12.2.0\n"
				      "$ make W=1 all\n"
				      "  CC      mm/slub.o\n"), 0);
	ck_assert_uint_eq(res.in[0].tools.nr, 1);
	ck_assert_str_eq(res.in[0].tools.name[0], "gcc 12.2.0");
	ck_assert_str_eq(input_label(&res.in[0], "compiler"), "gcc");
	ck_assert_str_eq(input_label(&res.in[0], "compiler_version"),
			 "12.2.0");
	results_release(&res);
}
END_TEST

START_TEST(test_objtree_absolute_paths)
{
	struct results res;
	size_t i;

	tu_parse_fixture_ok(&res, "build/objtree_abs.log");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 3);
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 0)->file, "fs/ext4/inode.c");
	/* generated in the build directory, named relative to it */
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 1)->file,
			 "drivers/scsi/scsi_devinfo_tbl.c");
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 2)->file,
			 "include/generated/acme_regs.h");
	for (i = 0; i < res.nr; i++)
		ck_assert(!res.rec[i].file || res.rec[i].file[0] != '/');
	ck_assert(!tu_nth(&res, REC_BUILD, 0)->failed);
	results_release(&res);
}
END_TEST

START_TEST(test_srctree_option)
{
	struct parse_options opt = { .srctree = "/opt/trees/linux-stable/" };
	const char *log =
		"/opt/trees/linux-stable/mm/slub.c:120:7: warning: unused variable 'n' [-Wunused-variable]\n"
		"/opt/trees/linux-stable-rc/mm/slub.c:120:7: warning: unused variable 'n' [-Wunused-variable]\n";
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, log, strlen(log), &opt, NULL, 0,
				      NULL), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 0)->file, "mm/slub.c");
	/* another tree whose name starts the same is not this tree */
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 1)->file,
			 "/opt/trees/linux-stable-rc/mm/slub.c");
	results_release(&res);
}
END_TEST

static void touch(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f;

	strbuf_addf(&sb, "%s/%s", dir, name);
	f = fopen(sb.buf, "w");
	ck_assert_msg(f != NULL, "cannot create %s", sb.buf);
	fclose(f);
	strbuf_release(&sb);
}

START_TEST(test_tree_found_on_disk)
{
	char *tree = tu_make_temp_dir();
	struct strbuf log = STRBUF_INIT, dir = STRBUF_INIT;
	struct results res;

	/* a kernel tree: Makefile, Kconfig and scripts/ at its top */
	touch(tree, "Makefile");
	touch(tree, "Kconfig");
	strbuf_addf(&dir, "%s/scripts", tree);
	ck_assert_int_eq(mkdir(dir.buf, 0755), 0);
	strbuf_reset(&dir);
	strbuf_addf(&dir, "%s/mm", tree);
	ck_assert_int_eq(mkdir(dir.buf, 0755), 0);
	strbuf_addf(&log, "%s/mm/slub.c:10:5: warning: no previous prototype for 'f' [-Wmissing-prototypes]\n",
		    tree);

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, log.buf, log.len, NULL, NULL, 0,
				      NULL), 0);
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 0)->file, "mm/slub.c");
	results_release(&res);
	strbuf_release(&log);
	strbuf_release(&dir);
	tu_remove_tree(tree);
}
END_TEST

START_TEST(test_macro_expansion_reattributed)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "build/macro_expansion.log");
	/* the note is context, not a diagnostic */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->file, "drivers/gpu/acme/acme_drv.c");
	ck_assert_uint_eq(r->line, 210);
	ck_assert_uint_eq(r->column, 16);
	ck_assert_str_eq(r->category, "-Wshift-count-overflow");
	ck_assert_str_eq(r->message, "left shift count >= width of type");
	/* the unit's warning now: no header, so no unit including it */
	ck_assert_ptr_null(r->includer);
	assert_context_line(r, 0,
			    "reported at drivers/gpu/acme/acme_regs.h:44:33");
	assert_context_line(r, 1,
			    "In file included from drivers/gpu/acme/acme_drv.c:9:");
	ck_assert_uint_eq(tu_context_lines(r), 7);
	results_release(&res);
}
END_TEST

START_TEST(test_macro_expansion_in_header_kept)
{
	struct results res;
	struct record *r;
	const char *log =
		"include/linux/acme.h:5:20: warning: left shift count >= width of type [-Wshift-count-overflow]\n"
		"include/linux/acme_bits.h:9:2: note: in expansion of macro 'ACME_BIT'\n"
		"drivers/acme/core.c:30:3: warning: unused variable 'x' [-Wunused-variable]\n";

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	/* every expansion site is a header: the position stays */
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->file, "include/linux/acme.h");
	ck_assert_uint_eq(r->line, 5);
	ck_assert_str_eq(r->context,
			 "include/linux/acme_bits.h:9:2: note: in expansion of macro 'ACME_BIT'");
	/* a diagnostic in a .c file is never moved */
	r = tu_nth(&res, REC_DIAG, 1);
	ck_assert_str_eq(r->file, "drivers/acme/core.c");
	ck_assert_ptr_null(r->context);
	results_release(&res);
}
END_TEST

START_TEST(test_unknown_tool_line)
{
	struct results res;
	struct record *r;

	/* the linker's lines are ld's, whatever path it was run by */
	tu_parse_fixture_ok(&res, "build/ld_unknown.log");
	/* "ld: NOTE: ..." has no severity word; it is not kept */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	ck_assert_uint_eq(tu_count_diags(&res, "ld", SEV_WARNING), 2);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_ptr_null(r->file);
	ck_assert_ptr_null(r->category);
	ck_assert_str_eq(r->message,
			 "arch/x86/um/vdso/vdso.o: missing .note.GNU-stack section implies executable stack");
	ck_assert_uint_eq(r->input_line, 2);
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 1)->message,
			 "vmlinux has a LOAD segment with RWX permissions");
	results_release(&res);

	/* a tool no format knows is kept as "unknown", never dropped */
	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res,
				      "/usr/lib/pahole: warning: die__process_unit: DW_TAG_label not handled\n"
				      "BTF: error: .tmp_vmlinux.btf: pahole failed\n"),
			 0);
	ck_assert_uint_eq(tu_count_diags(&res, "unknown", SEV_WARNING), 1);
	ck_assert_uint_eq(tu_count_diags(&res, "unknown", SEV_ERROR), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	/* "/usr/lib/pahole:" is named by its base name */
	ck_assert_str_eq(r->message,
			 "pahole: warning: die__process_unit: DW_TAG_label not handled");
	ck_assert_ptr_null(r->file);
	results_release(&res);
}
END_TEST

START_TEST(test_binary_noise)
{
	static const char tail[] = "\0\0\0\x1b[31\n";
	static const char line[] =
		"fs/a.c:3:1: warning: nul\0here [-Wnoise-test]\n";
	struct strbuf sb = STRBUF_INIT;
	unsigned int x = 12345;
	struct results res;
	struct record *r = NULL;
	size_t i;
	int ret;

	strbuf_addstr(&sb, "  CC      fs/a.o\n");
	/* a console log with a crashed device spewing bytes, NULs too */
	for (i = 0; i < 16384; i++) {
		x = x * 1103515245 + 12345;
		strbuf_addch(&sb, (x >> 16) & 0xff);
	}
	strbuf_add(&sb, tail, sizeof(tail) - 1);
	strbuf_add(&sb, line, sizeof(line) - 1);

	results_init(&res);
	ret = tu_parse_buf(&res, sb.buf, sb.len, NULL, NULL, 0, NULL);
	ck_assert_int_eq(ret, 0);
	for (i = 0; i < res.nr; i++) {
		const struct record *c = &res.rec[i];

		if (c->type == REC_DIAG && c->category &&
		    !strcmp(c->category, "-Wnoise-test")) {
			ck_assert_ptr_null(r);
			r = &res.rec[i];
		}
	}
	ck_assert_ptr_nonnull(r);
	/* a NUL byte reads as '?' */
	ck_assert_str_eq(r->message, "nul?here");
	ck_assert_str_eq(r->file, "fs/a.c");
	results_release(&res);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_long_line_cut)
{
	struct strbuf sb = STRBUF_INIT;
	struct results res;
	struct record *r;
	size_t i;

	strbuf_addstr(&sb, "  CC      fs/a.o\n");
	/* past the 64 MiB the reader keeps of a line */
	for (i = 0; i < 65 * 1024 * 1024; i++)
		strbuf_addch(&sb, 'x');
	strbuf_addstr(&sb, "\nfs/a.c:3:1: warning: after the long line [-Wfoo]\n");
	for (i = 0; i < 200 * 1024; i++)
		strbuf_addch(&sb, 'y');
	strbuf_addstr(&sb, "\n");

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, sb.buf, sb.len, NULL, NULL, 0,
				      NULL), 0);
	/* one notice for the input, however many lines are cut */
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 1);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->message, "a line longer than 64 MiB was cut");
	ck_assert_uint_eq(r->input_line, 2);
	ck_assert_str_eq(r->source, "results");
	ck_assert_int_eq(r->severity, SEV_INFO);
	/* the lines after it are read as usual */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->message, "after the long line");
	ck_assert_uint_eq(r->input_line, 3);
	results_release(&res);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_crlf_line_ends)
{
	struct results res;
	struct record *r;
	size_t len;
	char *text = tu_fixture_crlf("build/gcc_werror.log", &len);

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, text, len, NULL, NULL, 0, NULL),
			 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->message, "no previous prototype for 'wdg_setup'");
	ck_assert_str_eq(r->category, "-Wmissing-prototypes");
	ck_assert_str_eq(r->context,
			 "   88 | void wdg_setup(void)\n"
			 "      |      ^~~~~~~~~");
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(r->failed);
	ck_assert_str_eq(r->target, "drivers/widget/wdg-core.o");
	ck_assert_str_eq(r->message,
			 "[scripts/Makefile.build:250: drivers/widget/wdg-core.o] Error 1");
	ck_assert_uint_eq(res.in[0].units.nr, 2);
	results_release(&res);
	free(text);
}
END_TEST

START_TEST(test_nothing_recognised)
{
	struct results res;
	struct record *r;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, "hello\nworld\n"), 0);
	ck_assert_uint_eq(res.nr, 1);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->message, "nothing recognised in this input");
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 0);
	ck_assert_uint_eq(res.in[0].nr_rec, 1);
	results_release(&res);
}
END_TEST

START_TEST(test_kconfig_warning_not_kerneldoc)
{
	struct results res;
	struct record *r;

	/* formats.md (f), Kconfig: no blank after the line's colon */
	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res,
				      "drivers/acme/Kconfig:12:warning: choice value used outside its choice group\n"),
			 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->file, "drivers/acme/Kconfig");
	ck_assert_uint_eq(r->line, 12);
	ck_assert_str_eq(r->message,
			 "choice value used outside its choice group");
	/* kernel-doc reads C sources; this is Kconfig's own warning */
	ck_assert_str_ne(r->tool, "kernel-doc");
	results_release(&res);
}
END_TEST

START_TEST(test_bad_arguments)
{
	struct results res;
	char *dir = tu_make_temp_dir();
	struct strbuf want = STRBUF_INIT;
	char *err = NULL;

	results_init(&res);
	ck_assert_int_eq(tu_parse_quiet(&res, "/nonexistent/build.log", NULL,
					NULL, 0, &err), -1);
	ck_assert_str_eq(err,
			 "results: /nonexistent/build.log: cannot open: No such file or directory\n");
	free(err);
	ck_assert_int_eq(tu_parse_quiet(&res, dir, NULL, NULL, 0, &err), -1);
	strbuf_addf(&want, "results: %s: is a directory\n", dir);
	ck_assert_str_eq(err, want.buf);
	free(err);
	ck_assert_int_eq(tu_parse_quiet(&res, "nosuchkind:/nonexistent/x.log",
					NULL, NULL, 0, &err), -1);
	strbuf_reset(&want);
	strbuf_addf(&want, "results: unknown kind 'nosuchkind' in 'nosuchkind:/nonexistent/x.log' (known: %s)\n",
		    parser_kind_list());
	ck_assert_str_eq(err, want.buf);
	free(err);
	/* nothing was read, nothing was added */
	ck_assert_uint_eq(res.nr, 0);
	ck_assert_uint_eq(res.nr_in, 0);
	results_release(&res);
	strbuf_release(&want);
	tu_remove_tree(dir);
}
END_TEST

START_TEST(test_kind_prefix)
{
	struct results res;
	char *path = tu_fixture("build/clean.log");
	struct strbuf arg = STRBUF_INIT;

	/* KIND:FILE names the kind; the file is read as given after it */
	strbuf_addf(&arg, "build:%s", path);
	results_init(&res);
	ck_assert_int_eq(tu_parse_quiet(&res, arg.buf, NULL, NULL, 0, NULL),
			 0);
	ck_assert_str_eq(res.in[0].kind, "build");
	ck_assert_str_eq(res.in[0].name, path);
	ck_assert_str_eq(res.in[0].display, "clean.log");
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	results_release(&res);
	strbuf_release(&arg);
	free(path);
}
END_TEST

Suite *build_suite(void)
{
	Suite *s = suite_create("build");
	TCase *tc = tcase_create("diagnostics");
	TCase *tm = tcase_create("make");
	TCase *tp = tcase_create("paths");
	TCase *tr = tcase_create("robustness");

	tcase_add_test(tc, test_gcc_warning_with_gutter);
	tcase_add_test(tc, test_gcc_typographic_quotes);
	tcase_add_test(tc, test_gcc_werror_promoted);
	tcase_add_test(tc, test_clang_werror_and_summary_line);
	tcase_add_test(tc, test_context_before_diagnostic);
	tcase_add_test(tc, test_kerneldoc_without_column);
	tcase_add_test(tc, test_gcc_unused_macros_without_column);
	tcase_add_test(tc, test_cc1_without_position);
	tcase_add_test(tc, test_macro_expansion_reattributed);
	tcase_add_test(tc, test_macro_expansion_in_header_kept);
	tcase_add_test(tc, test_unknown_tool_line);
	tcase_add_test(tc, test_kconfig_warning_not_kerneldoc);
	suite_add_tcase(s, tc);

	tcase_add_test(tm, test_make_chain_one_failed_build);
	tcase_add_test(tm, test_make_no_rule_and_keep_going);
	tcase_add_test(tm, test_clean_log_passes);
	tcase_add_test(tm, test_units_coverage);
	tcase_add_test(tm, test_arch_label);
	tcase_add_test(tm, test_given_labels_override_log);
	tcase_add_test(tm, test_compiler_banner);
	suite_add_tcase(s, tm);

	tcase_add_test(tp, test_objtree_absolute_paths);
	tcase_add_test(tp, test_srctree_option);
	tcase_add_test(tp, test_tree_found_on_disk);
	suite_add_tcase(s, tp);

	tcase_set_timeout(tr, 30);
	tcase_add_test(tr, test_binary_noise);
	tcase_add_test(tr, test_long_line_cut);
	tcase_add_test(tr, test_crlf_line_ends);
	tcase_add_test(tr, test_nothing_recognised);
	tcase_add_test(tr, test_bad_arguments);
	tcase_add_test(tr, test_kind_prefix);
	suite_add_tcase(s, tr);
	return s;
}
