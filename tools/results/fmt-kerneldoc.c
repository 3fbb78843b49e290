// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-doc's warnings, printed during W=1 builds:
 * "FILE:LINE: warning: Function parameter or member 'x' not described in
 * 'f'". They have a line but no column and no -W flag, which is what sets
 * them apart from the compiler's.
 */
#include <string.h>

#include "kbuild.h"

/**
 * fmt_kerneldoc_line() - read a kernel-doc warning or error
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is kernel-doc's.
 */
bool fmt_kerneldoc_line(struct kbuild *kb, const struct line *l)
{
	struct location loc;
	enum severity sev;
	const char *msg;
	bool note;

	if (!kbuild_location(kb, l, &loc) || loc.column)
		return false;
	msg = severity_word(loc.rest, &sev, &note);
	if (!msg || note || strstr(msg, " [-W"))
		return false;
	kbuild_diag(kb, "build", "kernel-doc", sev, &loc, NULL, msg,
		    l->len - (msg - l->s));
	return true;
}
