// SPDX-License-Identifier: GPL-2.0
/*
 * objtool's lines:
 *
 *   vmlinux.o: warning: objtool: do_x+0x1a: call to y() leaves .noinstr.text section
 *   drivers/widget/wdg-core.o: warning: objtool: wdg_irq() falls through to next function wdg_poll()
 *
 * With CONFIG_OBJTOOL_WERROR the word is "error". The file is the object;
 * the function and offset stay in the message, where identity turns the
 * offset into 0xN.
 */
#include <string.h>

#include "kbuild.h"

/**
 * fmt_objtool_line() - read a line that objtool printed
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is objtool's.
 */
bool fmt_objtool_line(struct kbuild *kb, const struct line *l)
{
	const char *sp = l->space, *p, *w;
	struct location loc = { 0 };
	enum severity sev;
	bool note;

	/*
	 * "OBJ: warning: objtool: ..." or "OBJ: error: objtool: ...": the
	 * first ": " has no blank before it, so the line's first blank is
	 * the one right after a ':'.
	 */
	if (!sp || sp == l->s || sp[-1] != ':')
		return false;
	w = sp - 1;
	if (!severity_word(w + 2, &sev, &note) || note)
		return false;
	/* the first ": objtool: ", which is not that first ": " */
	p = strstr(w, ": objtool: ");
	if (!p || p == w)
		return false;
	loc.file = l->s;
	loc.file_len = w - l->s;
	p += strlen(": objtool: ");
	kbuild_diag(kb, "build", "objtool", sev, &loc, NULL, p, strlen(p));
	kb->excerpt_due = false;
	return true;
}
