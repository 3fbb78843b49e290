// SPDX-License-Identifier: GPL-2.0
/*
 * modpost's lines (scripts/mod/modpost.c), all on stderr:
 *
 *   WARNING: modpost: missing MODULE_DESCRIPTION() in drivers/widget/wdg.o
 *   ERROR: modpost: "wdg_hw_init" [drivers/widget/wdg.ko] undefined!
 *   WARNING: modpost: vmlinux: section mismatch in reference: f+0x10 (section: .text) -> g (section: .init.text)
 *   FATAL: modpost: ... (6.1 only)
 *
 * The file is the module or object the message names; the category says
 * what kind of problem it is, so that RESULTS can be read by kind.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"

struct modpost_kind {
	const char *needle;
	const char *category;
};

static const struct modpost_kind kinds[] = {
	{ "] undefined!", "undefined" },
	{ "section mismatch in reference", "section-mismatch" },
	{ "Section mismatch in reference", "section-mismatch" },
	{ "missing MODULE_LICENSE()", "missing-license" },
	{ "missing MODULE_DESCRIPTION()", "missing-description" },
	{ "uses GPL-only symbol", "gpl-only" },
	{ "but does not import it", "namespace" },
	{ "has no CRC", "no-crc" },
	{ "version generation failed", "no-version" },
	{ "modpost: Section mismatches detected", NULL },
};

/* The module "[x.ko]", the object "in x.o", or "vmlinux: ..." */
static bool find_file(const char *msg, struct location *loc)
{
	const char *p, *e;

	if ((p = strchr(msg, '[')) && (e = strchr(p, ']')) && e > p + 1) {
		loc->file = p + 1;
		loc->file_len = e - p - 1;
		return true;
	}
	if ((p = strstr(msg, " in ")) && (e = p + 4 + strcspn(p + 4, " ")) &&
	    e > p + 4 && (ends_with_n(p + 4, e - p - 4, ".o") ||
			  ends_with_n(p + 4, e - p - 4, ".ko"))) {
		loc->file = p + 4;
		loc->file_len = e - p - 4;
		return true;
	}
	e = strstr(msg, ": ");
	if (e && !memchr(msg, ' ', e - msg)) {
		loc->file = msg;
		loc->file_len = e - msg;
		return true;
	}
	return false;
}

/**
 * fmt_modpost_line() - read a line that modpost printed
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is modpost's.
 */
bool fmt_modpost_line(struct kbuild *kb, const struct line *l)
{
	const char *s = l->s, *msg;
	struct location loc = { 0 };
	enum severity sev;
	const char *category = NULL;
	size_t i;

	/* what every line starts with: one test for all of them */
	if (s[0] != 'W' && s[0] != 'E' && s[0] != 'F' && s[0] != 'S')
		return false;
	if ((msg = skip_prefix(s, "WARNING: modpost: ")))
		sev = SEV_WARNING;
	else if ((msg = skip_prefix(s, "ERROR: modpost: ")) ||
		 (msg = skip_prefix(s, "FATAL: modpost: ")))
		sev = SEV_ERROR;
	else if (starts_with(s, "Set CONFIG_SECTION_MISMATCH_WARN_ONLY=y"))
		return true;	/* advice after "Section mismatches detected" */
	else
		return false;

	/* modpost's own counts and summaries are about the run */
	if (starts_with(msg, "suppressed ") ||
	    starts_with(msg, "Section mismatches detected")) {
		if (starts_with(msg, "suppressed "))
			parse_notice(kb->ctx, "build", "modpost", "%s", msg);
		kbuild_stop_attaching(kb);
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strstr(msg, kinds[i].needle))
			category = kinds[i].category;
	kbuild_diag(kb, "build", "modpost", sev,
		    find_file(msg, &loc) ? &loc : NULL, category, msg,
		    strlen(msg));
	/* older kernels explain a mismatch on indented lines after it */
	kb->excerpt_due = false;
	return true;
}
