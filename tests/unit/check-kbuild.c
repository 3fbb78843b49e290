// SPDX-License-Identifier: GPL-2.0
/*
 * kbuild.c helpers: positions, severity words, quotes, paths.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"
#include "suites.h"
#include "testutil.h"

/* The file part of a parsed location, as a string. */
static const char *loc_file(const struct location *loc)
{
	return intern_n(loc->file, loc->file_len);
}

START_TEST(test_location_line_column)
{
	const char *s = "a.c:12:5: warning: x";
	struct location loc;

	ck_assert(location_parse(s, &loc));
	ck_assert_str_eq(loc_file(&loc), "a.c");
	ck_assert_ptr_eq(loc.file, s);
	ck_assert_uint_eq(loc.line, 12);
	ck_assert_uint_eq(loc.column, 5);
	ck_assert_str_eq(loc.rest, "warning: x");
}
END_TEST

START_TEST(test_location_line_only)
{
	struct location loc;

	ck_assert(location_parse("a.c:12: warning: x", &loc));
	ck_assert_str_eq(loc_file(&loc), "a.c");
	ck_assert_uint_eq(loc.line, 12);
	ck_assert_uint_eq(loc.column, 0);
	ck_assert_str_eq(loc.rest, "warning: x");

	/* a path with directories and a dash */
	ck_assert(location_parse("drivers/acpi/sleep.c:515: warning: y",
				 &loc));
	ck_assert_str_eq(loc_file(&loc), "drivers/acpi/sleep.c");
	ck_assert_uint_eq(loc.line, 515);
}
END_TEST

START_TEST(test_location_kconfig_no_space)
{
	struct location loc;

	ck_assert(location_parse("Kconfig:3:warning: x", &loc));
	ck_assert_str_eq(loc_file(&loc), "Kconfig");
	ck_assert_uint_eq(loc.line, 3);
	ck_assert_uint_eq(loc.column, 0);
	ck_assert_str_eq(loc.rest, "warning: x");
}
END_TEST

START_TEST(test_location_rejects)
{
	struct location loc;

	/* indented: an excerpt or a context line, never a position */
	ck_assert(!location_parse("  a.c:1:", &loc));
	ck_assert(!location_parse("\ta.c:1: warning: x", &loc));
	ck_assert(!location_parse("no position", &loc));
	ck_assert(!location_parse("", &loc));
	/* no number after the colon */
	ck_assert(!location_parse("a.c: warning: x", &loc));
	/* a blank before the colon: not a file name */
	ck_assert(!location_parse("make[4]: *** [scripts/Makefile.build:250: x.o] Error 1",
				  &loc));
	/* no colon after the number */
	ck_assert(!location_parse("a.c:12 warning", &loc));
	/* no file before the colon */
	ck_assert(!location_parse(":12: warning: x", &loc));
}
END_TEST

START_TEST(test_severity_word)
{
	enum severity sev = SEV_INFO;
	bool note = true;

	ck_assert_str_eq(severity_word("warning: unused", &sev, &note),
			 "unused");
	ck_assert_int_eq(sev, SEV_WARNING);
	ck_assert(!note);
	ck_assert_str_eq(severity_word("error: bad", &sev, &note), "bad");
	ck_assert_int_eq(sev, SEV_ERROR);
	ck_assert_str_eq(severity_word("fatal error: x.h: No such file or directory",
				       &sev, &note),
			 "x.h: No such file or directory");
	ck_assert_int_eq(sev, SEV_ERROR);
	ck_assert(!note);
	ck_assert_str_eq(severity_word("note: in expansion of macro 'X'",
				       &sev, &note),
			 "in expansion of macro 'X'");
	ck_assert_int_eq(sev, SEV_INFO);
	ck_assert(note);
	sev = SEV_ERROR;
	ck_assert_ptr_null(severity_word("Warning: x", &sev, &note));
	ck_assert_ptr_null(severity_word("warning:x", &sev, &note));
	ck_assert_ptr_null(severity_word("In function 'f':", &sev, &note));
	/* nothing is changed when there is no word */
	ck_assert_int_eq(sev, SEV_ERROR);
}
END_TEST

START_TEST(test_plain_quotes)
{
	/* U+2018/U+2019 as gcc quotes in UTF-8, U+201C/U+201D */
	const char *in = "no previous prototype for \xe2\x80\x98wdg_setup\xe2\x80\x99 "
			 "and \xe2\x80\x9cstr\xe2\x80\x9d";
	char *out = plain_quotes_to(xmalloc(64), in, strlen(in));

	ck_assert_str_eq(out, "no previous prototype for 'wdg_setup' and \"str\"");
	free(out);

	/* other characters of the same block stay: an em dash, U+2014 */
	out = plain_quotes_to(xmalloc(64), "a\xe2\x80\x94z", 5);
	ck_assert_str_eq(out, "a\xe2\x80\x94z");
	free(out);

	/* a quote right at the end, and one cut short by @len */
	out = plain_quotes_to(xmalloc(64), "x\xe2\x80\x99", 4);
	ck_assert_str_eq(out, "x'");
	free(out);
	out = plain_quotes_to(xmalloc(64), "x\xe2\x80\x99", 3);
	ck_assert_str_eq(out, "x\xe2\x80");
	free(out);

	/* ASCII text is copied as it is, only @len bytes of it */
	out = plain_quotes_to(xmalloc(64), "'x' and more", 3);
	ck_assert_str_eq(out, "'x'");
	free(out);
}
END_TEST

static void check_clean(const char *in, const char *want)
{
	char *out = path_clean(in);

	ck_assert_msg(!strcmp(out, want), "path_clean(\"%s\") is \"%s\", want \"%s\"",
		      in, out, want);
	free(out);
}

START_TEST(test_path_clean)
{
	check_clean("./a/../b//c", "b/c");
	check_clean("../x", "../x");
	check_clean("/a/../..", "/");
	check_clean("../../a/../b", "../../b");
	check_clean("a/../../b", "../b");
	check_clean("a/b/", "a/b");
	check_clean("./", ".");
	check_clean("a/..", ".");
	check_clean("", ".");
	check_clean("/", "/");
	check_clean("//srv/./ci//obj/", "/srv/ci/obj");
	check_clean("fs/ext4/.../x.c", "fs/ext4/.../x.c");
}
END_TEST

static void check_rel(const char *path, const char *src, const char *obj,
		      const char *want)
{
	char *out = tree_relative(path, src, obj);

	ck_assert_msg(!strcmp(out, want),
		      "tree_relative(\"%s\", \"%s\", \"%s\") is \"%s\", want \"%s\"",
		      path, src ? src : "(null)", obj ? obj : "(null)", out,
		      want);
	free(out);
}

START_TEST(test_tree_relative_absolute)
{
	check_rel("/home/dev/mainline/fs/ext4/inode.c", "/home/dev/mainline",
		  NULL, "fs/ext4/inode.c");
	check_rel("/srv/ci/kernel-src/drivers/scsi/sd.c", "/srv/ci/kernel-src/",
		  "/srv/ci/obj-x86", "drivers/scsi/sd.c");
	/* a tree whose name is a prefix of another directory's */
	check_rel("/src/linux-next-old/mm/slab.c", "/src/linux-next", NULL,
		  "/src/linux-next-old/mm/slab.c");
	/* outside every tree: cleaned, kept absolute */
	check_rel("/usr/include/stdio.h", "/srv/ci/kernel-src", "/srv/ci/obj",
		  "/usr/include/stdio.h");
}
END_TEST

START_TEST(test_tree_relative_dotdot)
{
	/* make runs in the objtree; gcc names sources through ../srctree */
	check_rel("../linux/fs/x.c", "linux", "linux-build", "fs/x.c");
	check_rel("../kernel-src/fs/x.c", "kernel-src", "out/x86",
		  "../kernel-src/fs/x.c");
	check_rel("../../kernel-src/fs/x.c", "kernel-src", "out/x86",
		  "fs/x.c");
	/* O=build inside the tree: kbuild's srctree is ".." */
	check_rel("../fs/x.c", "..", "/home/dev/next-20250101/build",
		  "fs/x.c");
}
END_TEST

START_TEST(test_tree_relative_objtree)
{
	/* generated files live in the build directory */
	check_rel("/srv/ci/obj-x86/include/generated/autoconf.h",
		  "/srv/ci/kernel-src", "/srv/ci/obj-x86",
		  "include/generated/autoconf.h");
	check_rel("drivers/scsi/scsi_devinfo_tbl.c", "kernel-src",
		  "kbuild-out", "drivers/scsi/scsi_devinfo_tbl.c");
	check_rel("./include/generated/uapi/linux/version.h", "/w/mainline",
		  "/w/mainline-out", "include/generated/uapi/linux/version.h");
}
END_TEST

START_TEST(test_tree_relative_in_tree)
{
	/* an in-tree build: both trees are make's directory */
	check_rel("fs/ext4/inode.c", ".", ".", "fs/ext4/inode.c");
	check_rel("./fs/ext4/inode.c", NULL, NULL, "fs/ext4/inode.c");
	check_rel("/home/u/linux-6.9/fs/x.c", "/home/u/linux-6.9",
		  "/home/u/linux-6.9", "fs/x.c");
	check_rel("fs/x.c", "/home/u/linux-6.9", "/home/u/linux-6.9",
		  "fs/x.c");
}
END_TEST

Suite *kbuild_suite(void)
{
	Suite *s = suite_create("kbuild");
	TCase *tc = tcase_create("location");
	TCase *tp = tcase_create("paths");

	tcase_add_test(tc, test_location_line_column);
	tcase_add_test(tc, test_location_line_only);
	tcase_add_test(tc, test_location_kconfig_no_space);
	tcase_add_test(tc, test_location_rejects);
	tcase_add_test(tc, test_severity_word);
	tcase_add_test(tc, test_plain_quotes);
	suite_add_tcase(s, tc);

	tcase_add_test(tp, test_path_clean);
	tcase_add_test(tp, test_tree_relative_absolute);
	tcase_add_test(tp, test_tree_relative_dotdot);
	tcase_add_test(tp, test_tree_relative_objtree);
	tcase_add_test(tp, test_tree_relative_in_tree);
	suite_add_tcase(s, tp);
	return s;
}
