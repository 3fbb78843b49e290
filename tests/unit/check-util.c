// SPDX-License-Identifier: GPL-2.0
/*
 * util.c: interned strings, prefixes, numbers, base names.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
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

/* .results.config as kconfig writes it: strings, ints, bools off */
START_TEST(test_config_read)
{
	char *path = tu_write_temp_str(
		"#\n# Automatically generated file; DO NOT EDIT.\n#\n"
		"CONFIG_RESULTS_BUILD=y\n"
		"# CONFIG_RESULTS_COCCI is not set\n"
		"CONFIG_RESULTS_BUILD_TARGETS=\"all \\\"x\\\" a\\\\b\"\n"
		"CONFIG_RESULTS_EXCERPT_LINES=10\n"
		"\n"
		"CONFIG_RESULTS_EXCERPT_LINES=12  \n"
		"CONFIG_RESULTS_KNOWN=\"\"\n"
		"CONFIG_RESULTS_KNOWN_ABS=\"/k.yaml\"\n"
		"CONFIG_RESULTS_KNOWN_REL=\"doc/k.yaml\"\n");
	struct results_config c = { 0 };
	unsigned long v = 99;
	char *p, *dir;

	ck_assert_int_eq(config_read(&c, path), 0);
	ck_assert_str_eq(config_get(&c, "RESULTS_BUILD"), "y");
	/* off, empty and absent are all not set */
	ck_assert_ptr_null(config_get(&c, "RESULTS_COCCI"));
	ck_assert_ptr_null(config_get(&c, "RESULTS_KNOWN"));
	ck_assert_ptr_null(config_get(&c, "RESULTS_DT"));
	ck_assert_str_eq(config_get(&c, "RESULTS_BUILD_TARGETS"),
			 "all \"x\" a\\b");
	/* the last setting wins, as in make */
	ck_assert_int_eq(config_get_uint(&c, "RESULTS_EXCERPT_LINES", 100, &v),
			 0);
	ck_assert_uint_eq(v, 12);
	ck_assert_int_eq(config_get_uint(&c, "RESULTS_MAX_LINES", 100, &v), 0);
	ck_assert_uint_eq(v, 12);
	/* paths are the config's directory's */
	p = config_get_path(&c, "RESULTS_KNOWN_ABS");
	ck_assert_str_eq(p, "/k.yaml");
	free(p);
	p = config_get_path(&c, "RESULTS_KNOWN_REL");
	dir = xstrndup(path, strrchr(path, '/') - path + 1);
	ck_assert_int_eq(strncmp(p, dir, strlen(dir)), 0);
	ck_assert_str_eq(p + strlen(dir), "doc/k.yaml");
	free(p);
	free(dir);
	config_release(&c);
	tu_remove_temp(path);
}
END_TEST

static void config_fails_n(const char *text, size_t len, const char *want)
{
	char *path = tu_write_temp(text, len);
	struct results_config c = { 0 };
	struct tu_capture cap;
	char *err, *line;
	unsigned long v;
	int ret;

	tu_capture_start(&cap);
	ret = config_read(&c, path);
	if (!ret)
		ret = config_get_uint(&c, "RESULTS_N", 50, &v);
	err = tu_capture_end(&cap);
	ck_assert_int_eq(ret, -1);
	line = xmalloc(strlen(path) + strlen(want) + 16);
	sprintf(line, "results: %s:%s\n", path, want);
	ck_assert_str_eq(err, line);
	free(line);
	free(err);
	config_release(&c);
	tu_remove_temp(path);
}

static void config_fails(const char *text, const char *want)
{
	config_fails_n(text, strlen(text), want);
}

START_TEST(test_config_errors)
{
	config_fails("CONFIG_RESULTS_A=y\nRESULTS_B=y\n",
		     "2: not a setting: CONFIG_NAME=VALUE expected");
	config_fails("CONFIG_=y\n",
		     "1: not a setting: CONFIG_NAME=VALUE expected");
	config_fails("CONFIG_RESULTS_A y\n",
		     "1: not a setting: CONFIG_NAME=VALUE expected");
	config_fails("CONFIG_RESULTS_A=\"open\n",
		     "1: a string without its closing '\"'");
	config_fails("CONFIG_RESULTS_A=\"a\" b\n",
		     "1: text after a quoted value");
	config_fails("CONFIG_RESULTS_A=a b\n",
		     "1: an unquoted value with blanks or quotes");
	config_fails("\n\nCONFIG_RESULTS_N=51\n",
		     "3: CONFIG_RESULTS_N: not a number from 0 to 50: '51'");
	config_fails("CONFIG_RESULTS_N=-1\n",
		     "1: CONFIG_RESULTS_N: not a number from 0 to 50: '-1'");
	config_fails_n("# c\nCONFIG_RESULTS_A=y\n\0\n", 24,
		       "3: a NUL byte: not a text file");
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
	tc = tcase_create("config");
	tcase_add_test(tc, test_config_read);
	tcase_add_test(tc, test_config_errors);
	suite_add_tcase(s, tc);
	return s;
}
