// SPDX-License-Identifier: GPL-2.0
/*
 * The cocci kind: coccicheck's output in the report, org, context and
 * patch modes, V=1 and "online" (make C=1 CHECK=scripts/coccicheck), and
 * what it makes of hostile input.
 */
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

START_TEST(test_report_mode)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "cocci/report.log");
	ck_assert_str_eq(res.in[0].kind, "cocci");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 8);
	/* "WARNING:", columns 0-based in the log, 1-based in the record */
	r = tu_nth(&res, REC_DIAG, 0);
	tu_assert_diag(r, "coccinelle", SEV_WARNING, "drivers/widget/wdg-core.c",
		       57, 10, "misc/array_size", "Use ARRAY_SIZE");
	ck_assert_str_eq(r->source, "cocci");
	ck_assert_ptr_null(r->context);
	ck_assert_uint_eq(r->input_line, 12);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "coccinelle", SEV_WARNING,
		       "drivers/widget/wdg-core.c", 91, 10, "misc/array_size",
		       "Use ARRAY_SIZE");
	/* "ERROR:"; the other line stays in the message */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 2), "coccinelle", SEV_ERROR,
		       "drivers/widget/wdg-irq.c", 210, 3, "free/put_device",
		       "missing put_device; call of_find_device_by_node on line 198, but without a corresponding object release within this function.");
	/* "WARNING" without a colon */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 3), "coccinelle", SEV_WARNING,
		       "drivers/widget/wdg-clk.c", 44, 18, "misc/minmax",
		       "opportunity for min()");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 4), "coccinelle", SEV_WARNING,
		       "drivers/widget/wdg-clk.c", 48, 13, "misc/minmax",
		       "opportunity for min()");
	/* no word: a warning; INFO and SUGGESTION: info */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 5), "coccinelle", SEV_WARNING,
		       "drivers/widget/wdg-regs.h", 12, 2, "misc/doubleinit",
		       "first of two initialisations of wdg_ops.probe");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 6), "coccinelle", SEV_INFO,
		       "drivers/widget/wdg-regs.h", 30, 5, "misc/doubleinit",
		       "double initialisation of field 'probe'");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 7), "coccinelle", SEV_INFO,
		       "drivers/widget/wdg-core.c", 120, 9, "misc/boolconv",
		       "the conversion to bool is not needed here");

	/* spatch's warning, the skipped script and the failure: notices */
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 4);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->source, "cocci");
	ck_assert_str_eq(r->tool, "spatch");
	ck_assert_str_eq(r->message,
			 "api/stream_open: warning: line 134: should no_llseek be a metavariable?");
	r = tu_nth(&res, REC_NOTICE, 1);
	ck_assert_str_eq(r->tool, "coccicheck");
	ck_assert_str_eq(r->message,
			 "skipped api/kfree_mismatch: it requires coccinelle 1.1.2");
	r = tu_nth(&res, REC_NOTICE, 2);
	ck_assert_str_eq(r->tool, "spatch");
	ck_assert_str_eq(r->message,
			 "null/deref_null: Fatal error: exception Stack_overflow");
	r = tu_nth(&res, REC_NOTICE, 3);
	ck_assert_str_eq(r->tool, "coccicheck");
	ck_assert_str_eq(r->message,
			 "coccicheck failed in null/deref_null: the scripts after it did not run");

	/* make's verdict stays make's */
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(r->failed);
	ck_assert_str_eq(r->target, "coccicheck");

	/* coverage: every script that ran, over the whole tree */
	ck_assert_uint_eq(res.in[0].scripts.nr, 7);
	ck_assert(nameset_has(&res.in[0].scripts, "misc/array_size"));
	ck_assert(nameset_has(&res.in[0].scripts, "null/deref_null"));
	ck_assert(!nameset_has(&res.in[0].scripts, "api/kfree_mismatch"));
	ck_assert_uint_eq(res.in[0].dirs.nr, 1);
	ck_assert_str_eq(res.in[0].dirs.name[0], ".");
	/* the version came with the skipped script */
	ck_assert(nameset_has(&res.in[0].tools, "spatch 1.1.1"));
	results_release(&res);
}
END_TEST

START_TEST(test_org_mode)
{
	struct results res;
	struct record *r;
	char *line;

	tu_parse_fixture_ok(&res, "cocci/org.log");
	ck_assert_str_eq(res.in[0].kind, "cocci");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 3);
	r = tu_nth(&res, REC_DIAG, 0);
	tu_assert_diag(r, "coccinelle", SEV_WARNING, "drivers/widget/wdg-core.c",
		       57, 10, "misc/array_size", "should use ARRAY_SIZE");
	ck_assert_ptr_null(r->context);
	/* the secondary positions are the item's context */
	r = tu_nth(&res, REC_DIAG, 1);
	tu_assert_diag(r, "coccinelle", SEV_ERROR, "drivers/widget/wdg-irq.c",
		       210, 3, "free/put_device",
		       "missing put_device; call of_find_device_by_node on line 198, but without a corresponding object release within this function.");
	ck_assert_uint_eq(tu_context_lines(r), 2);
	line = tu_context_line(r, 1);
	ck_assert_str_eq(line,
			 "[[view:drivers/widget/wdg-irq.c::face=ovl-face2::linb=205::colb=1::cole=7][return]]");
	free(line);
	/* print_safe_todo's @( ) stay as printed */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 2), "coccinelle", SEV_WARNING,
		       "drivers/widget/wdg-bus.c", 77, 7, "iterators/itnull",
		       "iterator with @(safe@) variable");
	ck_assert_uint_eq(res.in[0].dirs.nr, 1);
	ck_assert_str_eq(res.in[0].dirs.name[0], "drivers/widget");
	results_release(&res);
}
END_TEST

START_TEST(test_context_mode)
{
	struct results res;
	struct record *r;
	char *line;

	tu_parse_fixture_ok(&res, "cocci/context.log");
	/* one finding per diff header, at its first matched line */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	r = tu_nth(&res, REC_DIAG, 0);
	tu_assert_diag(r, "coccinelle", SEV_WARNING, "drivers/widget/wdg-core.c",
		       58, 0, "misc/array_size",
		       "semantic match in static int wdg_count(void)");
	/* both hunks are its context, headers included */
	ck_assert_uint_eq(tu_context_lines(r), 13);
	line = tu_context_line(r, 0);
	ck_assert_str_eq(line, "@@ -55,6 +55,5 @@ static int wdg_count(void)");
	free(line);
	line = tu_context_line(r, 4);
	ck_assert_str_eq(line, "-\tn = sizeof(tbl) / sizeof(tbl[0]);");
	free(line);
	line = tu_context_line(r, 7);
	ck_assert_str_eq(line, "@@ -89,5 +88,4 @@ static void wdg_fill(struct wdg *w)");
	free(line);
	/* no function named: the message alone; "\ No newline" is context */
	r = tu_nth(&res, REC_DIAG, 1);
	tu_assert_diag(r, "coccinelle", SEV_WARNING, "drivers/widget/wdg-clk.c",
		       4, 0, "misc/array_size", "semantic match");
	ck_assert_uint_eq(tu_context_lines(r), 5);
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 0);
	ck_assert_uint_eq(res.in[0].scripts.nr, 2);
	results_release(&res);
}
END_TEST

START_TEST(test_patch_mode)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "cocci/patch.log");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	/* a/ goes; the line is the first changed line of the old file */
	r = tu_nth(&res, REC_DIAG, 0);
	tu_assert_diag(r, "coccinelle", SEV_WARNING, "drivers/widget/wdg-core.c",
		       142, 0, "api/alloc/zalloc-simple",
		       "proposed change in static int wdg_probe(struct platform_dev");
	ck_assert_uint_eq(tu_context_lines(r), 10);
	/* an insertion only: where it goes in the old file */
	r = tu_nth(&res, REC_DIAG, 1);
	tu_assert_diag(r, "coccinelle", SEV_WARNING, "drivers/widget/wdg-nl.c",
		       12, 0, "misc/newline_in_nl_msg", "proposed change");
	ck_assert_str_eq(r->context, "@@ -12,0 +13,1 @@\n+#include <net/netlink.h>");
	results_release(&res);
}
END_TEST

START_TEST(test_verbose_description_is_not_a_finding)
{
	struct results res;

	tu_parse_fixture_ok(&res, "cocci/verbose.log");
	/* the /// text ("WARNING: ...") and "Running (...)": the wrapper's */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "coccinelle", SEV_WARNING,
		       "drivers/widget/wdg-core.c", 57, 10, "misc/array_size",
		       "Use ARRAY_SIZE");
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 0);
	ck_assert_uint_eq(res.in[0].scripts.nr, 2);
	results_release(&res);
}
END_TEST

START_TEST(test_online_mode_with_the_compiler)
{
	struct results res;

	tu_parse_fixture_ok(&res, "cocci/online.log");
	/* a C=1 log compiles: the build kind, with coccinelle's lines in it */
	ck_assert_str_eq(res.in[0].kind, "build");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 3);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "coccinelle", SEV_WARNING,
		       "drivers/widget/wdg-core.c", 57, 10, "misc/array_size",
		       "Use ARRAY_SIZE");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "gcc", SEV_WARNING,
		       "drivers/widget/wdg-irq.c", 12, 6, "-Wmissing-prototypes",
		       "no previous prototype for 'wdg_irq_setup'");
	/* attributed to the script of the last command, not to a CHECK */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 2), "coccinelle", SEV_ERROR,
		       "drivers/widget/wdg-irq.c", 210, 3, "free/put_device",
		       "missing put_device; call of_find_device_by_node on line 198, but without a corresponding object release within this function.");
	ck_assert_uint_eq(res.in[0].checked.nr, 2);
	ck_assert_uint_eq(res.in[0].scripts.nr, 2);
	ck_assert_uint_eq(res.in[0].dirs.nr, 0);
	results_release(&res);
}
END_TEST

START_TEST(test_identity_leaves_out_line_references)
{
	const char *log =
		"/usr/bin/spatch -D report --very-quiet --cocci-file scripts/coccinelle/free/put_device.cocci --dir drivers\n"
		"drivers/a.c:20:1-7: ERROR: missing put_device; call of_find_device_by_node on line 10, but without a corresponding object release within this function.\n"
		"drivers/a.c:31:1-7: ERROR: missing put_device; call of_find_device_by_node on line 12, but without a corresponding object release within this function.\n";
	struct results res;
	struct summary s;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	tu_summarise(&s, &res);
	/* one identity, counted twice */
	ck_assert_uint_eq(s.nr_diag, 1);
	ck_assert_uint_eq(s.diag[0].count, 2);
	ck_assert_str_eq(s.diag[0].message,
			 "missing put_device; call of_find_device_by_node on line N, but without a corresponding object release within this function.");
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_absolute_script_and_unknown_script)
{
	const char *log =
		"/usr/bin/spatch -D report --very-quiet --cocci-file /srv/linux/scripts/coccinelle/misc/minmax.cocci --dir /srv/linux/drivers\n"
		"/srv/linux/drivers/a.c:5:4-5: WARNING opportunity for max()\n"
		"/usr/bin/spatch -D report --very-quiet --cocci-file /home/u/my-check.cocci --dir /srv/linux/drivers\n"
		"/srv/linux/drivers/b.c:7:0-3: something odd\n";
	const struct parse_options opt = { .srctree = "/srv/linux" };
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, log, strlen(log), &opt, NULL, 0,
				      NULL), 0);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "coccinelle", SEV_WARNING,
		       "drivers/a.c", 5, 5, "misc/minmax",
		       "opportunity for max()");
	/* a script kept elsewhere: its base name; no machine path */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "coccinelle", SEV_WARNING,
		       "drivers/b.c", 7, 1, "my-check", "something odd");
	ck_assert_uint_eq(res.in[0].dirs.nr, 1);
	ck_assert_str_eq(res.in[0].dirs.name[0], "drivers");
	results_release(&res);
}
END_TEST

START_TEST(test_report_line_without_command)
{
	/* DEBUG_FILE= sends the commands away: the script is unknown */
	const char *log = "./fs/x.c:3:2-9: WARNING: something\n";
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "coccinelle", SEV_WARNING,
		       "fs/x.c", 3, 3, NULL, "something");
	results_release(&res);
}
END_TEST

START_TEST(test_hostile_truncated)
{
	/* a diff cut inside a hunk, an org item cut in its link */
	const char *log =
		"Please check for false positives in the output before submitting a patch.\n"
		"/usr/bin/spatch -D patch --very-quiet --cocci-file scripts/coccinelle/a/b.cocci --dir .\n"
		"diff -u -p a/x.c b/x.c\n"
		"--- a/x.c\n"
		"+++ b/x.c\n"
		"@@ -10,9 +10,9 @@ int f(void)\n"
		" a\n"
		"-b\n"
		"* TODO [[view:x.c::face=ovl-face1::linb=3::colb=1::cole=";
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	/* the diff ends where the log does; the cut item is no item */
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 1);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "coccinelle", SEV_WARNING,
		       "x.c", 11, 0, "a/b", "proposed change in int f(void)");
	results_release(&res);
}
END_TEST

START_TEST(test_hostile_bytes)
{
	static const char nul[] = "y.c:2:0-1: WARNING: nul\0here\r\n";
	struct strbuf sb = STRBUF_INIT;
	struct results res;
	size_t i;

	strbuf_addstr(&sb, "/usr/bin/spatch -D report --cocci-file scripts/coccinelle/a/b.cocci --dir .\n");
	/* a 1 MB report line, read whole */
	strbuf_addstr(&sb, "x.c:1:0-1: WARNING: ");
	for (i = 0; i < 1024 * 1024; i++)
		strbuf_addch(&sb, 'm');
	strbuf_addch(&sb, '\n');
	/* NUL bytes, ANSI colours and CRLF */
	strbuf_add(&sb, nul, sizeof(nul) - 1);
	strbuf_addstr(&sb, "\x1b[1;31mz.c:3:4-5: ERROR: red\x1b[0m\r\n");
	/* a hunk header that promises more than a 32-bit count */
	strbuf_addstr(&sb, "diff -u -p a/q.c b/q.c\n@@ -1,99999999999999999999 +1 @@\n-x\n");
	strbuf_addstr(&sb, "diff -u -p a/q.c b/q.c\n@@ -1,18446744073709551615 +1,18446744073709551615 @@\n-x\n+y\n");

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, sb.buf, sb.len, NULL, NULL, 0,
				      NULL), 0);
	ck_assert_uint_eq(tu_count_diags(&res, "coccinelle", -1), 5);
	ck_assert_uint_eq(strlen(tu_nth(&res, REC_DIAG, 0)->message),
			  1024 * 1024);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "coccinelle", SEV_WARNING,
		       "y.c", 2, 1, "a/b", "nul?here");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 2), "coccinelle", SEV_ERROR,
		       "z.c", 3, 5, "a/b", "red");
	/* a count that does not fit: no hunk; one that fits ends the log */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 3), "coccinelle", SEV_WARNING,
		       "q.c", 0, 0, "a/b", "proposed change");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 4), "coccinelle", SEV_WARNING,
		       "q.c", 1, 0, "a/b", "proposed change");
	results_release(&res);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_crlf_gives_the_same_records)
{
	struct results res;
	size_t len;
	char *text = tu_fixture_crlf("cocci/context.log", &len);

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, text, len, NULL, NULL, 0, NULL),
			 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "coccinelle", SEV_WARNING,
		       "drivers/widget/wdg-core.c", 58, 0, "misc/array_size",
		       "semantic match in static int wdg_count(void)");
	ck_assert_uint_eq(tu_context_lines(tu_nth(&res, REC_DIAG, 0)), 13);
	results_release(&res);
	free(text);
}
END_TEST

Suite *cocci_suite(void)
{
	Suite *s = suite_create("cocci");
	TCase *tc = tcase_create("modes");
	TCase *th = tcase_create("hostile");

	tcase_add_test(tc, test_report_mode);
	tcase_add_test(tc, test_org_mode);
	tcase_add_test(tc, test_context_mode);
	tcase_add_test(tc, test_patch_mode);
	tcase_add_test(tc, test_verbose_description_is_not_a_finding);
	tcase_add_test(tc, test_online_mode_with_the_compiler);
	tcase_add_test(tc, test_identity_leaves_out_line_references);
	tcase_add_test(tc, test_absolute_script_and_unknown_script);
	tcase_add_test(tc, test_report_line_without_command);
	suite_add_tcase(s, tc);
	tcase_add_test(th, test_hostile_truncated);
	tcase_add_test(th, test_hostile_bytes);
	tcase_add_test(th, test_crlf_gives_the_same_records);
	suite_add_tcase(s, th);
	return s;
}
