// SPDX-License-Identifier: GPL-2.0
/*
 * make htmldocs: Sphinx and docutils report in upper case,
 *
 *   Documentation/widget/index.rst:12: WARNING: Unknown target name: "wdg".
 *   Documentation/widget/api.rst: WARNING: document isn't included in any toctree
 *   Documentation/widget/api.rst:40: ERROR: Unexpected indentation.
 *
 * while the kernel-doc lines of the same run ("FILE:LINE: warning: ...")
 * are kernel-doc's, read by fmt-kerneldoc.c. Paths may be absolute; they
 * are made tree-relative with every other path of the log.
 */
#include <string.h>

#include "kbuild.h"

static const char *sphinx_severity(const char *s, enum severity *sev)
{
	static const struct {
		const char *word;
		enum severity sev;
	} words[] = {
		{ "WARNING: ", SEV_WARNING },
		{ "ERROR: ", SEV_ERROR },
		{ "SEVERE: ", SEV_ERROR },
		{ "CRITICAL: ", SEV_ERROR },
		{ "INFO: ", SEV_INFO },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++) {
		const char *p = skip_prefix(s, words[i].word);

		if (p) {
			*sev = words[i].sev;
			return p;
		}
	}
	return NULL;
}

static bool is_doc(const char *file, size_t len)
{
	return ends_with_n(file, len, ".rst") || ends_with_n(file, len, ".txt") ||
	       ends_with_n(file, len, ".py") || ends_with_n(file, len, ".c") ||
	       ends_with_n(file, len, ".h");
}

/**
 * fmt_sphinx_line() - read a line that Sphinx or docutils printed
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is Sphinx's.
 */
bool fmt_sphinx_line(struct kbuild *kb, const struct line *l)
{
	const struct location *at = kbuild_location(kb, l);
	struct location loc = { 0 };
	enum severity sev;
	const char *msg, *p;

	if (at && !at->column) {
		loc = *at;
		msg = sphinx_severity(loc.rest, &sev);
	} else {
		/*
		 * "FILE: WARNING: ..." with no line: the first ": ", with
		 * no blank before it, so the line's first blank is the one
		 * right after a ':' that is not the first byte
		 */
		p = l->space;
		if (!p || p - l->s < 2 || p[-1] != ':')
			return false;
		p--;
		loc.file = l->s;
		loc.file_len = p - l->s;
		loc.line = 0;
		msg = sphinx_severity(p + 2, &sev);
	}
	if (!msg || !is_doc(loc.file, loc.file_len))
		return false;
	kbuild_diag(kb, "build", "sphinx", sev, &loc, NULL, msg, strlen(msg));
	kb->excerpt_due = false;
	return true;
}
