// SPDX-License-Identifier: GPL-2.0
/*
 * The ktap kind (../shared/formats.md section (b)) and kunit.py's human
 * console lines, through parse_input(): every record of an input, with
 * its line, status, path and reason, and every notice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "strbuf.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

/*
 * The records as one text: "LINE STATUS PATH | REASON" for a test (an
 * empty name written ""), "LINE notice MESSAGE" for a notice.
 */
static char *records_text(const struct results *res)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < res->nr; i++) {
		const struct record *r = &res->rec[i];
		char *name;

		if (r->type == REC_NOTICE) {
			strbuf_addf(&sb, "%lu notice %s\n", r->input_line,
				    r->message);
			continue;
		}
		if (r->type != REC_TEST)
			continue;
		name = test_path_join(r);
		strbuf_addf(&sb, "%lu %s %s", r->input_line,
			    test_status_name(r->status), name);
		if (r->reason)
			strbuf_addf(&sb, " | %s", r->reason);
		strbuf_addch(&sb, '\n');
		free(name);
	}
	return strbuf_detach(&sb);
}

/* Parse @len bytes as @kind (NULL: detected) into @res. */
static void parse_text(struct results *res, const char *text, size_t len,
		       const char *kind)
{
	char *path = tu_write_temp(text, len);
	struct strbuf arg = STRBUF_INIT;

	if (kind)
		strbuf_addf(&arg, "%s:", kind);
	strbuf_addstr(&arg, path);
	results_init(res);
	ck_assert_int_eq(tu_parse_quiet(res, arg.buf, NULL, NULL, 0, NULL), 0);
	strbuf_release(&arg);
	tu_remove_temp(path);
}

static void check_records(const char *input, const char *kind,
			  const char *want)
{
	struct results res;
	char *got;

	parse_text(&res, input, strlen(input), kind);
	got = records_text(&res);
	ck_assert_str_eq(got, want);
	free(got);
	results_release(&res);
}

/*
 * KUnit as 6.1 prints it: printk times, 4 and 8 spaces, a parameterised
 * case without a plan, counts that agree, skip reasons, kunit.py's end
 */
START_TEST(test_kunit_61)
{
	const char *input =
		"[    9.998000] kunit executor: filter_glob: widget*\n"
		"[    9.999000] KTAP version 1\n"
		"[    9.999100] 1..2\n"
		"[    9.999200]     KTAP version 1\n"
		"[    9.999300]     # Subtest: widget\n"
		"[    9.999400]     1..3\n"
		"[   10.000000]     ok 1 widget_init\n"
		"[   10.000100]     # widget_size: EXPECTATION FAILED at drivers/widget/widget_test.c:42\n"
		"[   10.000200]     Expected size == 16, but\n"
		"[   10.000300]         size == 8 (0x8)\n"
		"[   10.000400]     not ok 2 widget_size\n"
		"[   10.000500]         KTAP version 1\n"
		"[   10.000600]         # Subtest: widget_modes\n"
		"[   10.000700]         ok 1 mode-a\n"
		"[   10.000800]         ok 2 mode-b # SKIP no mode b here\n"
		"[   10.000900]         not ok 3 param-2\n"
		"[   10.001000]     # widget_modes: pass:1 fail:1 skip:1 total:3\n"
		"[   10.001100]     not ok 3 widget_modes\n"
		"[   10.001200] # widget: pass:1 fail:2 skip:0 total:3\n"
		"[   10.001300] # Totals: pass:2 fail:2 skip:1 total:5\n"
		"[   10.001400] not ok 1 widget\n"
		"[   10.001500]     KTAP version 1\n"
		"[   10.001600]     # Subtest: frob\n"
		"[   10.001700]     1..1\n"
		"[   10.001800]     ok 1 frob_basic # SKIP needs CONFIG_FROB\n"
		"[   10.001900] ok 2 frob # SKIP\n"
		"[   10.002000] reboot: System halted\n";
	const char *want =
		"1 notice kunit executor: filter_glob: widget*\n"
		"7 PASS widget.widget_init\n"
		"11 FAIL widget.widget_size | widget_size: EXPECTATION FAILED at drivers/widget/widget_test.c:42\nExpected size == 16, but\n    size == 8 (0x8)\n"
		"14 PASS widget.widget_modes.mode-a\n"
		"15 SKIP widget.widget_modes.mode-b | no mode b here\n"
		"16 FAIL widget.widget_modes.param-2\n"
		"25 SKIP frob.frob_basic | needs CONFIG_FROB\n";

	check_records(input, NULL, want);
}
END_TEST

/*
 * run_kselftest.sh: every program keeps its own verdict, with its nested
 * results below it; a run cut short names the program that hung
 */
START_TEST(test_kselftest_runner)
{
	const char *input =
		"TAP version 13\n"
		"1..4\n"
		"# selftests: widget: widget_basic\n"
		"# TAP version 13\n"
		"# 1..3\n"
		"# ok 1 open\n"
		"# ok 2 # SKIP no hardware\n"
		"# not ok 3 ioctl_set\n"
		"# # Totals: pass:1 fail:1 xfail:0 xpass:0 skip:1 error:0\n"
		"not ok 1 selftests: widget: widget_basic # exit=1\n"
		"# selftests: widget: widget_stress\n"
		"# stressing...\n"
		"#\n"
		"not ok 2 selftests: widget: widget_stress # TIMEOUT 45 seconds\n"
		"# selftests: widget: widget_skip\n"
		"# no widget here\n"
		"ok 3 selftests: widget: widget_skip # SKIP\n"
		"# selftests: widget: widget_ok\n"
		"# TAP version 13\n"
		"# 1..1\n"
		"# ok 1 works & ends -> fine\n"
		"# # Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:0\n"
		"ok 4 selftests: widget: widget_ok\n"
		"TAP version 13\n"
		"1..2\n"
		"# selftests: gadget: gadget_hang\n"
		"# TAP version 13\n"
		"# 1..3\n"
		"# #  RUN           global.first ...\n"
		"# #            OK  global.first\n"
		"# ok 1 global.first\n"
		"# #  RUN           global.second ...\n";
	const char *want =
		"6 PASS widget.widget_basic.open\n"
		"7 SKIP widget.widget_basic.2 | no hardware\n"
		"8 FAIL widget.widget_basic.ioctl_set\n"
		"10 FAIL widget.widget_basic | exit=1\n"
		"14 ERROR widget.widget_stress | TIMEOUT 45 seconds\nstressing...\n"
		"17 SKIP widget.widget_skip | no widget here\n"
		"21 PASS widget.widget_ok.works & ends -> fine\n"
		"23 PASS widget.widget_ok\n"
		"31 PASS gadget.gadget_hang.global.first\n"
		"32 notice 'gadget.gadget_hang': planned 1..3, 1 result (the output ends)\n"
		"32 ERROR gadget.gadget_hang.global.second | missing: no result for test 2 of 1..3 (the output ends)\n"
		"32 ERROR gadget.gadget_hang.3 | missing: no result for test 3 of 1..3 (the output ends)\n"
		"32 notice 'gadget.gadget_hang': no result line (the output ends)\n"
		"32 ERROR gadget.gadget_hang | no result line (the output ends)\n"
		"32 notice the top level: planned 1..2, 1 result (the output ends)\n"
		"32 ERROR 2 | missing: no result for test 2 of 1..2 (the output ends)\n";

	check_records(input, NULL, want);
}
END_TEST

/*
 * A crash inside a parameterised case: the case is named, the suite's
 * missing results are ERROR, the crash is in the excerpt; printk times
 * that grow a digit are still stripped
 */
START_TEST(test_crash)
{
	const char *input =
		"[99999.999000] KTAP version 1\n"
		"[99999.999100] 1..1\n"
		"[99999.999200]     # Subtest: suite\n"
		"[99999.999300]     1..3\n"
		"[99999.999900]     ok 1 first\n"
		"[100000.000100]     KTAP version 1\n"
		"[100000.000200]     # Subtest: params\n"
		"[100000.000300]         ok 1 p0\n"
		"[100000.000400] BUG: KASAN: slab-out-of-bounds in widget_probe+0x1c/0x40\n"
		"[100000.000500] Read of size 8 at addr ffff888003f1e7f8 by task kunit_try_catch/42\n"
		"[100000.000600] Kernel panic - not syncing: Fatal exception\n";
	const char *want =
		"5 PASS suite.first\n"
		"8 PASS suite.params.p0\n"
		"11 notice 'suite.params': no result line (the output ends)\n"
		"11 ERROR suite.params | no result line (the output ends)\nBUG: KASAN: slab-out-of-bounds in widget_probe+0x1c/0x40\nRead of size 8 at addr ffff888003f1e7f8 by task kunit_try_catch/42\nKernel panic - not syncing: Fatal exception\n"
		"11 notice 'suite': planned 1..3, 2 results (the output ends)\n"
		"11 ERROR suite.3 | missing: no result for test 3 of 1..3 (the output ends)\n"
		"11 notice 'suite': no result line (the output ends)\n";

	check_records(input, NULL, want);
}
END_TEST

/*
 * KTAP v1 without "# Subtest:": a test is named by its result line
 * (by its number without one), after its subtests were read; a failure
 * that none of the subtests shows gets a record of its own
 */
START_TEST(test_unnamed_documents)
{
	const char *input =
		"KTAP version 1\n"
		"1..3\n"
		"  KTAP version 1\n"
		"  1..2\n"
		"  ok 1 case_1\n"
		"  ok 2 case_2\n"
		"ok 1 suite\n"
		"  KTAP version 1\n"
		"  1..1\n"
		"  ok 1 x\n"
		"ok 2\n"
		"  KTAP version 1\n"
		"  # Subtest: quiet\n"
		"  1..2\n"
		"  ok 1 a\n"
		"  ok 2 b\n"
		"# quiet: exit code 3\n"
		"not ok 3 quiet\n";
	const char *want =
		"5 PASS suite.case_1\n"
		"6 PASS suite.case_2\n"
		"10 PASS 2.x\n"
		"15 PASS quiet.a\n"
		"16 PASS quiet.b\n"
		"18 FAIL quiet | its result line says it failed, none of its subtests did\nquiet: exit code 3\n";

	check_records(input, NULL, want);
}
END_TEST

/*
 * Numbers that repeat, jump or are negative, a wrong "# Totals:" and a
 * plan that is not met
 */
START_TEST(test_numbers)
{
	const char *input =
		"KTAP version 1\n"
		"1..6\n"
		"ok 1 a\n"
		"ok 1 a\n"
		"ok -3 negative\n"
		"ok 7 b\n"
		"# Totals: pass:5 fail:0 skip:0 total:5\n"
		"not ok 8 c\n";
	const char *want =
		"3 PASS a\n"
		"4 notice the top level: test number 1 where 2 was expected\n"
		"4 PASS a\n"
		"6 notice the top level: test number 7 where 2 was expected\n"
		"6 PASS b\n"
		"7 notice the top level: '# Totals: pass:5 fail:0 skip:0 total:5' disagrees with the results read: pass 3, total 3\n"
		"8 FAIL c\n"
		"8 notice the top level: planned 1..6, 4 results (the output ends)\n"
		"8 ERROR 5 | missing: no result for test 5 of 1..6 (the output ends)\n"
		"8 ERROR 6 | missing: no result for test 6 of 1..6 (the output ends)\n";

	check_records(input, NULL, want);
}
END_TEST

/*
 * KTAP v2 draft metadata: names and the arch label, the rest tolerated
 */
START_TEST(test_ktap_v2)
{
	const char *input =
		"KTAP version 2\n"
		"#:ktap_test: main\n"
		"#:ktap_arch: x86_64\n"
		"1..1\n"
		"  KTAP version 2\n"
		"  #:ktap_test: widget\n"
		"  #:ktap_module: widget_test\n"
		"  1..2\n"
		"  ok 1 init_ok\n"
		"  #:ktap_test: big_buffer\n"
		"  #:ktap_speed: slow\n"
		"  ok 2 big_buffer # SKIP no large pages\n"
		"ok 1 widget\n";
	const char *want =
		"9 PASS widget.init_ok\n"
		"12 SKIP widget.big_buffer | no large pages\n";

	check_records(input, NULL, want);
}
END_TEST

/*
 * Every directive, "#SKIP" without a blank, the v2 draft's "skip"
 */
START_TEST(test_directives)
{
	const char *input =
		"TAP version 14\n"
		"1..9\n"
		"not ok 1 later # TODO not written yet\n"
		"ok 2 known # XFAIL bug 123\n"
		"ok 3 lucky # XPASS\n"
		"not ok 4 broke # ERROR no device\n"
		"not ok 5 # error open failed\n"
		"ok 6 tight#SKIP\n"
		"skip 7 v2_skip # no v2 here\n"
		"not ok 8 slow # TIMEOUT 45 seconds\n"
		"ok 9 - dashed # Skipped: not today\n"
		"# Totals: pass:0 fail:0 xfail:1 xpass:1 skip:4 error:3\n";
	const char *want =
		"3 SKIP later | TODO not written yet\n"
		"4 PASS known\n"
		"5 PASS lucky\n"
		"6 ERROR broke | ERROR no device\n"
		"7 ERROR 5 | error open failed\n"
		"8 SKIP tight\n"
		"9 SKIP v2_skip | no v2 here\n"
		"10 ERROR slow | TIMEOUT 45 seconds\n"
		"11 SKIP dashed | not today\n";

	check_records(input, NULL, want);
}
END_TEST

/*
 * Check's own TAP: no version line, the plan at the end
 */
START_TEST(test_plain_tap)
{
	const char *input =
		"ok 1 - tests/unit/check-util.c:core:test_a: Passed\n"
		"not ok 2 - tests/unit/check-util.c:core:test_b: Assertion 'x == 1' failed\n"
		"1..3\n";
	const char *want =
		"1 PASS tests/unit/check-util.c:core:test_a: Passed\n"
		"2 FAIL tests/unit/check-util.c:core:test_b: Assertion 'x == 1' failed\n"
		"3 notice the top level: planned 1..3, 2 results (the output ends)\n"
		"3 ERROR 3 | missing: no result for test 3 of 1..3 (the output ends)\n";

	check_records(input, "ktap", want);
}
END_TEST

/*
 * A long log is cut to its first and last 8 lines; Bail out!
 */
START_TEST(test_excerpt_and_bail)
{
	const char *input =
		"TAP version 13\n"
		"1..2\n"
		"# selftests: a: b\n"
		"# line 1\n"
		"# line 2\n"
		"# line 3\n"
		"# line 4\n"
		"# line 5\n"
		"# line 6\n"
		"# line 7\n"
		"# line 8\n"
		"# line 9\n"
		"# line 10\n"
		"# line 11\n"
		"# line 12\n"
		"# line 13\n"
		"# line 14\n"
		"# line 15\n"
		"# line 16\n"
		"# line 17\n"
		"# line 18\n"
		"# line 19\n"
		"# line 20\n"
		"not ok 1 selftests: a: b # exit=2\n"
		"# Bail out! no more\n"
		"Bail out! runner gave up\n";
	const char *want =
		"24 FAIL a.b | exit=2\nline 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n[...]\nline 13\nline 14\nline 15\nline 16\nline 17\nline 18\nline 19\nline 20\n"
		"26 notice the top level: planned 1..2, 1 result (Bail out! runner gave up)\n"
		"26 ERROR 2 | missing: no result for test 2 of 1..2 (Bail out! runner gave up)\nBail out! no more\n";

	check_records(input, NULL, want);
}
END_TEST

/*
 * kunit.py's console without JSON
 */
START_TEST(test_console)
{
	const char *input =
		"[10:00:00] Configuring KUnit Kernel ...\n"
		"[10:00:05] Starting KUnit Kernel (1/1)...\n"
		"[10:00:05] ============================================================\n"
		"[10:00:06] =================== widget (3 subtests) ====================\n"
		"[10:00:06] [PASSED] widget_init\n"
		"[10:00:06]     # widget_size: EXPECTATION FAILED at drivers/widget/widget_test.c:42\n"
		"[10:00:06]     Expected size == 16, but\n"
		"[10:00:06]         size == 8 (0x8)\n"
		"[10:00:06] [FAILED] widget_size\n"
		"[10:00:06] ==================== widget_modes  =====================\n"
		"[10:00:06] [PASSED] mode-a\n"
		"[10:00:06] [SKIPPED] mode-b\n"
		"[10:00:06] ================== [PASSED] widget_modes ===================\n"
		"[10:00:06] ==================== [FAILED] widget =====================\n"
		"[10:00:06] ======================= (1 subtest) =======================\n"
		"[10:00:06] [PASSED] case_1\n"
		"[10:00:06] ===================== [PASSED] anon ======================\n"
		"[10:00:06] ========================= empty  ==========================\n"
		"[10:00:06] [ERROR] Test: empty: 0 tests run!\n"
		"[10:00:06] ================== [NO TESTS RUN] empty ===================\n"
		"[10:00:06] [CRASHED] \n"
		"[10:00:06] ============================================================\n"
		"[10:00:06] Testing complete. Ran 7 tests: passed: 3, failed: 2, crashed: 1, skipped: 1, errors: 1\n"
		"[10:00:06] Elapsed time: 6.000s total\n";
	const char *want =
		"5 PASS widget.widget_init\n"
		"9 FAIL widget.widget_size |     # widget_size: EXPECTATION FAILED at drivers/widget/widget_test.c:42\n    Expected size == 16, but\n        size == 8 (0x8)\n"
		"11 PASS widget.widget_modes.mode-a\n"
		"12 SKIP widget.widget_modes.mode-b\n"
		"16 PASS anon.case_1\n"
		"20 FAIL empty\n"
		"21 ERROR \"\"\n"
		"19 notice kunit.py: Test: empty: 0 tests run!\n"
		"23 notice kunit.py reported 1 parser errors\n";

	check_records(input, NULL, want);
}
END_TEST

/* The paths and statuses of the tests, one a line */
static char *verdicts(const struct results *res)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < res->nr; i++) {
		char *name;

		if (res->rec[i].type != REC_TEST)
			continue;
		name = test_path_join(&res->rec[i]);
		strbuf_addf(&sb, "%s %s\n",
			    test_status_name(res->rec[i].status), name);
		free(name);
	}
	return strbuf_detach(&sb);
}

/*
 * Nesting does not come from blanks: the same output with printk
 * prefixes, with 4 and 8 spaces, tabs, 2 spaces or none at all reads the
 * same tests.
 */
START_TEST(test_indentation)
{
	static const char *const lines[] = {
		"KTAP version 1", "1..2",
		"\1KTAP version 1", "\1# Subtest: widget", "\1" "1..3",
		"\1ok 1 widget_init",
		"\1# widget_size: EXPECTATION FAILED at widget_test.c:42",
		"\1not ok 2 widget_size",
		"\2KTAP version 1", "\2# Subtest: widget_modes",
		"\2ok 1 mode-a", "\2ok 2 mode-b # SKIP no mode b",
		"\1# widget_modes: pass:1 fail:0 skip:1 total:2",
		"\1ok 3 widget_modes",
		"not ok 1 widget",
		"\1# Subtest: frob", "\1" "1..1",
		"\1ok 1 frob_basic # SKIP needs CONFIG_FROB",
		"ok 2 frob # SKIP",
	};
	static const char *const indent[][2] = {
		{ "    ", "        " },
		{ "\t", "\t\t" },
		{ "  ", "    " },
		{ "", "" },
		{ "    ", "        " },
	};
	const char *want =
		"PASS widget.widget_init\n"
		"FAIL widget.widget_size\n"
		"PASS widget.widget_modes.mode-a\n"
		"SKIP widget.widget_modes.mode-b\n"
		"SKIP frob.frob_basic\n";
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(indent); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct results res;
		char *got;

		for (j = 0; j < ARRAY_SIZE(lines); j++) {
			const char *l = lines[j];

			/* the last: as the console prints it */
			if (i == ARRAY_SIZE(indent) - 1)
				strbuf_addf(&sb, "[%5zu.%06zu] ", j * 9999, j);
			if (*l == '\1' || *l == '\2')
				strbuf_addstr(&sb, indent[i][*l - 1]);
			strbuf_addstr(&sb, *l == '\1' || *l == '\2' ? l + 1 : l);
			strbuf_addch(&sb, '\n');
		}
		parse_text(&res, sb.buf, sb.len, NULL);
		got = verdicts(&res);
		ck_assert_msg(!strcmp(got, want), "indentation %zu:\n%s", i,
			      got);
		/* and nothing is wrong with the plans and counts */
		ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 0);
		free(got);
		results_release(&res);
		strbuf_release(&sb);
	}
}
END_TEST

/* kunit.py's console is not counted again when its JSON follows */
START_TEST(test_console_then_json)
{
	const char *text =
		"[10:00:05] ============================================================\n"
		"[10:00:06] =================== widget (1 subtest) ====================\n"
		"[10:00:06] [FAILED] widget_init\n"
		"[10:00:06] ==================== [FAILED] widget =====================\n"
		"[10:00:06] ============================================================\n"
		"[10:00:06] Testing complete. Ran 1 tests: failed: 1\n"
		"{\n"
		"\"name\": \"KUnit Test Group\", \"sub_groups\": [{\"name\": \"widget\","
		" \"test_cases\": [{\"name\": \"widget_init\", \"status\": \"FAIL\"}]}]\n"
		"}\n"
		"[10:00:07] Elapsed time: 2.000s total\n";

	check_records(text, NULL, "7 FAIL widget.widget_init\n");
}
END_TEST

/* TAP without a version line starts only in an input of the kind ktap */
START_TEST(test_plain_tap_only_as_ktap)
{
	const char *text = "ok 1 fine\nnot ok 2 broken\n1..2\n";
	struct results res;

	check_records(text, "ktap", "1 PASS fine\n2 FAIL broken\n");
	parse_text(&res, text, strlen(text), "build");
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 0);
	results_release(&res);
}
END_TEST

/* 10,000 levels: read without recursion, paths cut at 100 names */
START_TEST(test_deep_nesting)
{
	struct strbuf sb = STRBUF_INIT;
	struct results res;
	struct record *r;
	int i;

	strbuf_addstr(&sb, "KTAP version 1\n1..1\n");
	for (i = 0; i < 10000; i++)
		strbuf_addf(&sb, "KTAP version 1\n# Subtest: s%d\n1..1\n", i);
	strbuf_addstr(&sb, "not ok 1 leaf\n");
	for (i = 9999; i >= 0; i--)
		strbuf_addf(&sb, "not ok 1 s%d\n", i);
	parse_text(&res, sb.buf, sb.len, NULL);
	ck_assert_uint_eq(tu_count(&res, REC_TEST), 1);
	r = tu_nth(&res, REC_TEST, 0);
	ck_assert_int_eq(r->status, TEST_FAIL);
	ck_assert_uint_eq(r->depth, 101);
	ck_assert_str_eq(r->path[99], "s99");
	ck_assert_str_eq(r->path[100], "leaf");
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 1);
	ck_assert_str_eq(tu_nth(&res, REC_NOTICE, 0)->message,
			 "tests nested deeper than 100 levels: their names are left out of the paths");
	results_release(&res);
	strbuf_release(&sb);
}
END_TEST

/* Plans and numbers past 2^32 and 2^64, noise, a 1 MB line */
START_TEST(test_hostile_input)
{
	static const char noise[] = "\0\1\377\376 noise \033[31mred\n";
	struct strbuf sb = STRBUF_INIT;
	struct results res;
	size_t i;

	strbuf_addstr(&sb, "KTAP version 1\n1..4294967296\nok 1 first\n");
	strbuf_add(&sb, noise, sizeof(noise) - 1);
	for (i = 0; i < (1 << 20); i++)
		strbuf_addch(&sb, 'x');
	strbuf_addstr(&sb, "\nok 2 ");
	for (i = 0; i < (1 << 20); i++)
		strbuf_addch(&sb, 'y');
	strbuf_addstr(&sb, "\n1..18446744073709551616\n"
		       "not ok 99999999999999999999999 huge\nok -1 negative\n");
	parse_text(&res, sb.buf, sb.len, NULL);
	/* two passes, one failure, and the 4294967293 missing in one */
	ck_assert_uint_eq(tu_count_tests(&res, TEST_PASS), 2);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_FAIL), 1);
	ck_assert_uint_eq(tu_count_tests(&res, TEST_ERROR), 1);
	ck_assert_str_eq(tu_nth(&res, REC_TEST, 3)->reason,
			 "missing: no results for tests 4 to 4294967296 of 1..4294967296 (the output ends)\n"
			 "ok -1 negative");
	/* a 1 MiB line is read whole */
	ck_assert_uint_eq(strlen(tu_nth(&res, REC_TEST, 1)->path[0]),
			  1 << 20);
	results_release(&res);
	strbuf_release(&sb);
}
END_TEST

/* A version line and nothing else, or nothing at all */
START_TEST(test_missing_everything)
{
	check_records("KTAP version 1\n", NULL,
		      "1 notice KTAP output without results\n");
	check_records("TAP version 13\n1..0\n", NULL,
		      "1 notice KTAP output without results\n");
	check_records("", "ktap",
		      "0 notice nothing recognised in this input\n");
}
END_TEST

/* The records of an input are counted as they come: none is held back */
START_TEST(test_records_not_held)
{
	struct strbuf sb = STRBUF_INIT;
	struct results res;
	int i;

	strbuf_addstr(&sb, "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: big\n    1..20000\n");
	for (i = 1; i <= 20000; i++)
		strbuf_addf(&sb, "    ok %d case_%d\n", i, i);
	strbuf_addstr(&sb, "ok 1 big\n");
	results_init(&res);
	res.fold = true;
	{
		char *path = tu_write_temp(sb.buf, sb.len);

		ck_assert_int_eq(tu_parse_quiet(&res, path, NULL, NULL, 0,
						NULL), 0);
		tu_remove_temp(path);
	}
	/* folded while read, in batches: few records stay */
	ck_assert_uint_lt(res.nr, 20000);
	ck_assert_uint_eq(res.in[0].nr_folded + res.nr, 20000);
	results_release(&res);
	strbuf_release(&sb);
}
END_TEST

Suite *ktap_suite(void)
{
	Suite *s = suite_create("ktap");
	TCase *tk = tcase_create("kunit");
	TCase *ts = tcase_create("kselftest");
	TCase *tg = tcase_create("grammar");
	TCase *tr = tcase_create("robustness");
	TCase *tc = tcase_create("console");

	tcase_add_test(tk, test_kunit_61);
	tcase_add_test(tk, test_indentation);
	tcase_add_test(tk, test_crash);
	tcase_add_test(tk, test_unnamed_documents);
	suite_add_tcase(s, tk);

	tcase_add_test(ts, test_kselftest_runner);
	tcase_add_test(ts, test_excerpt_and_bail);
	suite_add_tcase(s, ts);

	tcase_add_test(tg, test_numbers);
	tcase_add_test(tg, test_ktap_v2);
	tcase_add_test(tg, test_directives);
	tcase_add_test(tg, test_plain_tap);
	tcase_add_test(tg, test_plain_tap_only_as_ktap);
	suite_add_tcase(s, tg);

	tcase_add_test(tr, test_deep_nesting);
	tcase_add_test(tr, test_hostile_input);
	tcase_add_test(tr, test_missing_everything);
	tcase_add_test(tr, test_records_not_held);
	suite_add_tcase(s, tr);

	tcase_add_test(tc, test_console);
	tcase_add_test(tc, test_console_then_json);
	suite_add_tcase(s, tc);
	return s;
}
