// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-doc's warnings, printed during W=1 builds:
 * "FILE:LINE: warning: Function parameter or member 'x' not described in
 * 'f'". They have a line but no column and no -W flag, which is what sets
 * them apart from the compiler's.
 */
#include <string.h>

#include "kbuild.h"
#include "util.h"

/**
 * fmt_kerneldoc_line() - read a kernel-doc warning or error
 * @kb: the log state
 * @l: the line
 *
 * The position is the one kbuild_location() read for the formats before,
 * and so is the word when fmt_cc_line() has turned the line away for
 * having no column and no -W flag (@kb->loc_doc); else it is read here,
 * most often "warning: ", compared as words first.
 *
 * Return: true when the line is kernel-doc's.
 */
bool fmt_kerneldoc_line(struct kbuild *kb, const struct line *l)
{
	const struct location *loc = kbuild_location(kb, l);
	enum severity sev;
	const char *msg;
	size_t len;
	bool note;

	if (!loc || loc->column)
		return false;
	if (kb->loc_doc) {
		/* fmt_cc_line() has read the word, and found no -W flag */
		msg = kb->loc_doc;
		sev = kb->loc_doc_sev;
		len = l->len - (msg - l->s);
	} else {
		msg = located_severity(l, loc, &sev, &note);
		if (!msg || note)
			return false;
		len = l->len - (msg - l->s);
		/* a -W flag is the compiler's: found by its '[', few hold */
		if (memchr(msg, '[', len) && strstr(msg, " [-W"))
			return false;
	}
	kbuild_diag(kb, "build", "kernel-doc", sev, loc, NULL, msg, len);
	return true;
}
