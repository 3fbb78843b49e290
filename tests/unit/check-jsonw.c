// SPDX-License-Identifier: GPL-2.0
/*
 * jsonw.c: escaping, invalid UTF-8, fields. Every output is also fed to
 * jansson, which must read back the string that was meant.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"
#include "suites.h"
#include "testutil.h"

/* jw_string(@in) must be @want, and jansson must read it as @decoded. */
static void check_string(const char *in, const char *want,
			 const char *decoded)
{
	struct strbuf sb = STRBUF_INIT;
	json_error_t jerr;
	json_t *v;

	jw_string(&sb, in);
	ck_assert_str_eq(sb.buf, want);
	v = json_loads(sb.buf, JSON_DECODE_ANY, &jerr);
	ck_assert_msg(v != NULL, "jansson rejects %s: %s", sb.buf, jerr.text);
	if (decoded) {
		ck_assert(json_is_string(v));
		ck_assert_str_eq(json_string_value(v), decoded);
	} else {
		ck_assert(json_is_null(v));
	}
	json_decref(v);
	strbuf_release(&sb);
}

START_TEST(test_quotes_and_backslash)
{
	check_string("macro \"FOO\" is not used", "\"macro \\\"FOO\\\" is not used\"",
		     "macro \"FOO\" is not used");
	check_string("C:\\path\\", "\"C:\\\\path\\\\\"", "C:\\path\\");
	check_string("", "\"\"", "");
}
END_TEST

START_TEST(test_control_characters)
{
	check_string("a\x01" "b", "\"a\\u0001b\"", "a\x01" "b");
	check_string("\x1b[31mred", "\"\\u001b[31mred\"", "\x1b[31mred");
	check_string("tab\there\nline\r", "\"tab\\there\\nline\\r\"",
		     "tab\there\nline\r");
	check_string("\x1f", "\"\\u001f\"", "\x1f");
	/* DEL and space need no escape */
	check_string("\x7f ", "\"\x7f \"", "\x7f ");
}
END_TEST

START_TEST(test_valid_utf8_kept)
{
	/* U+2018 U+2019, U+00E9, and U+1F600 outside the BMP */
	check_string("\xe2\x80\x98x\xe2\x80\x99 caf\xc3\xa9 \xf0\x9f\x98\x80",
		     "\"\xe2\x80\x98x\xe2\x80\x99 caf\xc3\xa9 \xf0\x9f\x98\x80\"",
		     "\xe2\x80\x98x\xe2\x80\x99 caf\xc3\xa9 \xf0\x9f\x98\x80");
}
END_TEST

#define FFFD "\xef\xbf\xbd"

START_TEST(test_invalid_utf8_replaced)
{
	/* a stray byte */
	check_string("a\xff" "b", "\"a" FFFD "b\"", "a" FFFD "b");
	/* an overlong '/', byte by byte */
	check_string("\xc0\xaf", "\"" FFFD FFFD "\"", FFFD FFFD);
	/* a sequence cut short by the end of the string */
	check_string("x\xe2\x80", "\"x" FFFD FFFD "\"", "x" FFFD FFFD);
	/* a UTF-16 surrogate, U+D800, is not UTF-8 */
	check_string("\xed\xa0\x80", "\"" FFFD FFFD FFFD "\"",
		     FFFD FFFD FFFD);
	/* above U+10FFFF */
	check_string("\xf4\x90\x80\x80", "\"" FFFD FFFD FFFD FFFD "\"",
		     FFFD FFFD FFFD FFFD);
	/* Latin-1 text from an old log */
	check_string("caf\xe9!", "\"caf" FFFD "!\"", "caf" FFFD "!");
}
END_TEST

START_TEST(test_null)
{
	check_string(NULL, "null", NULL);
}
END_TEST

START_TEST(test_fields)
{
	struct strbuf sb = STRBUF_INIT;
	json_error_t jerr;
	json_t *v;
	bool first = true;

	strbuf_addch(&sb, '{');
	jw_str_field(&sb, &first, "tool", "gcc");
	jw_str_field(&sb, &first, "file", NULL);
	jw_pos_field(&sb, &first, "line", 0);
	jw_pos_field(&sb, &first, "column", 12);
	jw_ulong_field(&sb, &first, "count", 0);
	jw_bool_field(&sb, &first, "werror", true);
	jw_bool_field(&sb, &first, "failed", false);
	strbuf_addch(&sb, '}');
	ck_assert_str_eq(sb.buf,
			 "{\"tool\":\"gcc\",\"file\":null,\"line\":null,\"column\":12,\"count\":0,\"werror\":true,\"failed\":false}");
	v = json_loads(sb.buf, 0, &jerr);
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(json_integer_value(json_object_get(v, "column")),
			 12);
	json_decref(v);
	strbuf_release(&sb);
}
END_TEST

Suite *jsonw_suite(void)
{
	Suite *s = suite_create("jsonw");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_quotes_and_backslash);
	tcase_add_test(tc, test_control_characters);
	tcase_add_test(tc, test_valid_utf8_kept);
	tcase_add_test(tc, test_invalid_utf8_replaced);
	tcase_add_test(tc, test_null);
	tcase_add_test(tc, test_fields);
	suite_add_tcase(s, tc);
	return s;
}
