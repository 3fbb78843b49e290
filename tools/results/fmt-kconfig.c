// SPDX-License-Identifier: GPL-2.0
/*
 * Kconfig's own warnings during a build's configuration step:
 *
 *   drivers/acme/Kconfig:12:warning: choice value used outside its choice
 *   WARNING: unmet direct dependencies detected for WIDGET_CORE
 *     Depends on [n]: ACME_BUS [=n]
 *     Selected by [y]:
 *     - WIDGET_EVK [=y]
 *
 * The indented lines of an unmet-dependencies block belong to it.
 */
#include <string.h>

#include "kbuild.h"

/* A base name that starts "Kconfig": Kconfig, Kconfig.debug */
static bool is_kconfig_file(struct kbuild *kb, const struct location *loc)
{
	const char *base = kbuild_base(kb, loc);

	return loc->file + loc->file_len - base >= 7 &&
	       !memcmp(base, "Kconfig", 7);
}

/**
 * fmt_kconfig_line() - read a line that Kconfig printed
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is Kconfig's.
 */
bool fmt_kconfig_line(struct kbuild *kb, const struct line *l)
{
	const struct location *loc;
	enum severity sev;
	const char *msg;
	bool note;

	msg = skip_prefix(l->s, "WARNING: unmet direct dependencies detected for ");
	if (msg) {
		kbuild_diag(kb, "build", "kconfig", SEV_WARNING, NULL,
			    "unmet-dependency", l->s + 9, l->len - 9);
		return true;
	}
	loc = kbuild_location(kb, l);
	if (!loc || loc->column || !is_kconfig_file(kb, loc))
		return false;
	msg = severity_word(loc->rest, &sev, &note);
	if (!msg || note)
		return false;
	kbuild_diag(kb, "build", "kconfig", sev, loc, NULL, msg,
		    l->len - (msg - l->s));
	return true;
}
