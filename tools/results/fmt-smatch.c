// SPDX-License-Identifier: GPL-2.0
/*
 * smatch (make CHECK="smatch -p=kernel" C=1):
 *
 *   drivers/widget/wdg-core.c:123 wdg_probe() warn: inconsistent returns 'lock'.
 *   drivers/widget/wdg-core.c:200 wdg_irq() error: we previously assumed 'w' could be null
 *
 * The position has no column and a blank, not a colon, after the line;
 * the function stays in the message.
 */
#include <string.h>

#include "kbuild.h"

/**
 * fmt_smatch_line() - read a line that smatch printed
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is smatch's.
 */
bool fmt_smatch_line(struct kbuild *kb, const struct line *l)
{
	static const struct {
		const char *word;
		enum severity sev;
	} words[] = {
		{ " warn: ", SEV_WARNING },
		{ " error: ", SEV_ERROR },
		{ " info: ", SEV_INFO },
	};
	struct location loc = { 0 };
	const char *s = l->s, *p, *func, *w = NULL;
	enum severity sev = SEV_WARNING;
	size_t i;

	/* the first ':', with no blank before it and a digit after */
	p = l->colon;
	if (!p || p == s || !is_digit(p[1]) || (l->space && l->space < p))
		return false;
	loc.file = s;
	loc.file_len = p - s;
	if (!parse_ulong(p + 1, &p, &loc.line) || *p != ' ')
		return false;
	func = p + 1;
	for (i = 0; i < ARRAY_SIZE(words) && !w; i++) {
		w = strstr(func, words[i].word);
		sev = words[i].sev;
	}
	/* the function: one word ending in "()" */
	if (!w || w < func + 2 || w[-1] != ')' || w[-2] != '(' ||
	    memchr(func, ' ', w - func))
		return false;
	kbuild_diag(kb, "build", "smatch", sev, &loc, NULL, func,
		    strlen(func));
	kb->excerpt_due = false;
	return true;
}
