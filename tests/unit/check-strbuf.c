// SPDX-License-Identifier: GPL-2.0
/*
 * strbuf.c: growth, detach, setlen, release and reuse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "suites.h"
#include "testutil.h"

START_TEST(test_init_is_empty)
{
	struct strbuf sb = STRBUF_INIT;
	struct strbuf sb2;

	ck_assert_ptr_eq(sb.buf, strbuf_slopbuf);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_uint_eq(sb.alloc, 0);
	ck_assert_str_eq(sb.buf, "");
	strbuf_init(&sb2);
	ck_assert_ptr_eq(sb2.buf, strbuf_slopbuf);
	/* setlen on a strbuf that owns nothing must not write the slop */
	strbuf_setlen(&sb, 0);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_int_eq(strbuf_slopbuf[0], '\0');
}
END_TEST

START_TEST(test_addf_grows_past_64)
{
	struct strbuf sb = STRBUF_INIT;
	char want[300];
	size_t i;

	/* the first attempt prints into 64 bytes; this needs 200 */
	for (i = 0; i < 200; i++)
		want[i] = 'a' + i % 26;
	want[200] = '\0';
	strbuf_addf(&sb, "%s", want);
	ck_assert_uint_eq(sb.len, 200);
	ck_assert_uint_ge(sb.alloc, 201);
	ck_assert_str_eq(sb.buf, want);

	/* appending formats after the growth keeps what was there */
	strbuf_addf(&sb, "|%d:%s|", 42, "x");
	ck_assert_uint_eq(sb.len, 206);
	ck_assert_str_eq(sb.buf + 200, "|42:x|");
	ck_assert_int_eq(memcmp(sb.buf, want, 200), 0);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_addf_exactly_at_boundary)
{
	struct strbuf sb = STRBUF_INIT;
	char want[65];

	/* 63 bytes fit in the first 64 with the NUL; 64 do not */
	memset(want, 'q', 64);
	want[64] = '\0';
	strbuf_addf(&sb, "%.63s", want);
	ck_assert_uint_eq(sb.len, 63);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s", want);
	ck_assert_uint_eq(sb.len, 64);
	ck_assert_str_eq(sb.buf, want);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_add_and_addch)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, "ab\0cd", 5);
	ck_assert_uint_eq(sb.len, 5);
	ck_assert_int_eq(memcmp(sb.buf, "ab\0cd", 6), 0);
	strbuf_addch(&sb, 'e');
	strbuf_addstr(&sb, "fg");
	ck_assert_uint_eq(sb.len, 8);
	ck_assert_str_eq(sb.buf + 3, "cdefg");
	ck_assert_int_eq(sb.buf[8], '\0');
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_addul)
{
	struct strbuf sb = STRBUF_INIT;
	char want[64];

	strbuf_addul(&sb, 0);
	strbuf_addch(&sb, ' ');
	strbuf_addul(&sb, 7);
	strbuf_addch(&sb, ' ');
	strbuf_addul(&sb, 1000);
	strbuf_addch(&sb, ' ');
	strbuf_addul(&sb, ~0UL);
	snprintf(want, sizeof(want), "0 7 1000 %lu", ~0UL);
	ck_assert_str_eq(sb.buf, want);
	ck_assert_uint_eq(sb.len, strlen(want));
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_detach)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	strbuf_addstr(&sb, "In function 'wdg_probe'");
	s = strbuf_detach(&sb);
	ck_assert_str_eq(s, "In function 'wdg_probe'");
	/* the strbuf is left empty and owns nothing */
	ck_assert_ptr_eq(sb.buf, strbuf_slopbuf);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_uint_eq(sb.alloc, 0);
	free(s);

	/* detaching an empty strbuf still gives a string to free */
	s = strbuf_detach(&sb);
	ck_assert_ptr_ne(s, strbuf_slopbuf);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(test_setlen)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "sub_groups[2].test_cases[5]");
	strbuf_setlen(&sb, 13);
	ck_assert_uint_eq(sb.len, 13);
	ck_assert_str_eq(sb.buf, "sub_groups[2]");
	strbuf_addstr(&sb, ".name");
	ck_assert_str_eq(sb.buf, "sub_groups[2].name");
	strbuf_reset(&sb);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_str_eq(sb.buf, "");
	ck_assert_uint_gt(sb.alloc, 0);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_release_then_reuse)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%0100d", 1);
	ck_assert_uint_eq(sb.len, 100);
	strbuf_release(&sb);
	ck_assert_ptr_eq(sb.buf, strbuf_slopbuf);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_uint_eq(sb.alloc, 0);
	/* releasing twice is harmless */
	strbuf_release(&sb);
	strbuf_addstr(&sb, "again");
	ck_assert_str_eq(sb.buf, "again");
	ck_assert_uint_eq(sb.len, 5);
	ck_assert_ptr_ne(sb.buf, strbuf_slopbuf);
	strbuf_release(&sb);
}
END_TEST

Suite *strbuf_suite(void)
{
	Suite *s = suite_create("strbuf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_init_is_empty);
	tcase_add_test(tc, test_addf_grows_past_64);
	tcase_add_test(tc, test_addf_exactly_at_boundary);
	tcase_add_test(tc, test_add_and_addch);
	tcase_add_test(tc, test_detach);
	tcase_add_test(tc, test_setlen);
	tcase_add_test(tc, test_release_then_reuse);
	tcase_add_test(tc, test_addul);
	suite_add_tcase(s, tc);
	return s;
}
