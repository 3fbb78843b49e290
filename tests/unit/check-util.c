// SPDX-License-Identifier: GPL-2.0
/*
 * util.c: interned strings, prefixes, numbers, base names.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

START_TEST(test_intern_identity)
{
	char a[] = "drivers/widget/wdg-core.c";
	char b[] = "drivers/widget/wdg-core.c";
	const char *x = intern(a), *y = intern(b);

	ck_assert_ptr_ne(a, b);
	/* equal strings give one pointer, which is not the caller's copy */
	ck_assert_ptr_eq(x, y);
	ck_assert_ptr_ne(x, a);
	ck_assert_str_eq(x, "drivers/widget/wdg-core.c");
	/* a prefix of the bytes is its own string */
	ck_assert_ptr_eq(intern_n("gcc-12", 3), intern("gcc"));
	ck_assert_ptr_ne(intern("gcc"), intern("gcc-12"));
	ck_assert_ptr_null(intern(NULL));
	/* the empty string is a string like any other */
	ck_assert_ptr_eq(intern(""), intern_n("x", 0));
	ck_assert_str_eq(intern(""), "");
}
END_TEST

START_TEST(test_intern_survives_growth)
{
	const char *first = intern("suite-0");
	char name[32];
	int i;

	/* far past the pool's first size of 1024 slots */
	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "suite-%d", i);
		intern(name);
	}
	ck_assert_ptr_eq(intern("suite-0"), first);
	snprintf(name, sizeof(name), "suite-%d", 4999);
	ck_assert_ptr_eq(intern(name), intern("suite-4999"));
	ck_assert_str_eq(intern("suite-4999"), "suite-4999");
}
END_TEST

START_TEST(test_skip_prefix)
{
	const char *s = "warning: unused variable";

	ck_assert_ptr_eq(skip_prefix(s, "warning: "), s + 9);
	ck_assert_str_eq(skip_prefix(s, "warning: "), "unused variable");
	ck_assert_ptr_null(skip_prefix(s, "error: "));
	/* longer than the string */
	ck_assert_ptr_null(skip_prefix("warn", "warning"));
	/* the empty prefix matches at the start */
	ck_assert_ptr_eq(skip_prefix(s, ""), s);
	ck_assert_str_eq(skip_prefix("make", "make"), "");
	ck_assert(starts_with("make[1]: x", "make["));
	ck_assert(!starts_with("mak", "make"));
	ck_assert(ends_with("wdg-regs.h", ".h"));
	ck_assert(!ends_with("h", ".h"));
}
END_TEST

START_TEST(test_parse_ulong)
{
	char max[32], over[32];
	const char *end = NULL;
	unsigned long v = 7;

	ck_assert(parse_ulong("1442:6: error", &end, &v));
	ck_assert_uint_eq(v, 1442);
	ck_assert_str_eq(end, ":6: error");

	snprintf(max, sizeof(max), "%lu", ULONG_MAX);
	ck_assert(parse_ulong(max, NULL, &v));
	ck_assert_uint_eq(v, ULONG_MAX);

	/* one more than ULONG_MAX: ...615 + 1 */
	snprintf(over, sizeof(over), "%lu", ULONG_MAX);
	over[strlen(over) - 1]++;
	v = 7;
	end = NULL;
	ck_assert(!parse_ulong(over, &end, &v));
	ck_assert_uint_eq(v, 7);
	ck_assert_ptr_null(end);

	/* ten times ULONG_MAX overflows in the multiplication */
	snprintf(over, sizeof(over), "%lu0", ULONG_MAX);
	ck_assert(!parse_ulong(over, NULL, &v));

	ck_assert(!parse_ulong("", NULL, &v));
	ck_assert(!parse_ulong("-1", NULL, &v));
	ck_assert(!parse_ulong(" 1", NULL, &v));
	ck_assert(parse_ulong("007x", &end, &v));
	ck_assert_uint_eq(v, 7);
	ck_assert_str_eq(end, "x");
}
END_TEST

START_TEST(test_path_basename)
{
	ck_assert_str_eq(path_basename("build/build_W1_arch_x86.log"),
			 "build_W1_arch_x86.log");
	ck_assert_str_eq(path_basename("/abs/dir/kunit.json"), "kunit.json");
	ck_assert_str_eq(path_basename("plain.log"), "plain.log");
	ck_assert_str_eq(path_basename("dir/"), "");
	ck_assert_str_eq(path_basename("/"), "");
}
END_TEST

START_TEST(test_char_classes)
{
	/* locale-free: bytes above 0x7f are never digits, spaces or letters */
	ck_assert(is_digit('0') && is_digit('9') && !is_digit('a'));
	ck_assert(!is_digit(0xb2));
	ck_assert(is_space('\t') && is_space('\r') && !is_space(0xa0));
	ck_assert(is_upper('Q') && !is_upper('q') && !is_upper(0xc9));
	ck_assert(is_alnum('z') && is_alnum('5') && !is_alnum('_'));
	ck_assert_str_eq(skip_digits("123abc"), "abc");
	ck_assert_str_eq(skip_spaces(" \t\r\nx "), "x ");
}
END_TEST

Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_intern_identity);
	tcase_add_test(tc, test_intern_survives_growth);
	tcase_add_test(tc, test_skip_prefix);
	tcase_add_test(tc, test_parse_ulong);
	tcase_add_test(tc, test_path_basename);
	tcase_add_test(tc, test_char_classes);
	suite_add_tcase(s, tc);
	return s;
}
