// SPDX-License-Identifier: GPL-2.0
/*
 * rustc and clippy in a CONFIG_RUST build:
 *
 *   error[E0425]: cannot find value `foo` in this scope
 *     --> rust/kernel/widget.rs:12:9
 *      |
 *   12 |         foo
 *      |         ^^^ not found in this scope
 *
 *   warning: unused variable: `x`
 *     --> rust/kernel/widget.rs:3:9
 *      = note: `#[warn(unused_variables)]` on by default
 *
 * The header comes first and the position on the line after it, so the
 * header is read as a line of an unknown tool and the "-->" line makes it
 * rustc's. The code in brackets, or the lint the note names, is the
 * category. "aborting due to" and "N warnings emitted" are counts.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"

/* The category: "E0425" from "error[E0425]: ..." */
static const char *rust_code(const char *msg)
{
	const char *open = strchr(msg, '['), *close;
	char *code;
	const char *ret;

	if (!open || !(close = strchr(open, ']')) || close[1] != ':' ||
	    open > strchr(msg, ':'))
		return NULL;
	code = xstrndup(open + 1, close - open - 1);
	ret = intern(code);
	free(code);
	return ret;
}

/**
 * fmt_rust_line() - read rustc's position line
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is rustc's "  --> FILE:L:C".
 */
bool fmt_rust_line(struct kbuild *kb, const struct line *l)
{
	struct record *r = kbuild_last(kb);
	const char *p = skip_spaces(l->s), *msg;
	struct location loc;
	char *file;

	if (!starts_with(p, "--> ") || !r || r->file ||
	    r->tool != intern("unknown"))
		return false;
	/* location_parse() wants a ':' after the column: give it one */
	file = xmalloc(l->len + 2);
	strcpy(file, p + 4);
	strcat(file, ":");
	if (!location_parse(file, &loc)) {
		free(file);
		return false;
	}
	r->tool = intern("rustc");
	r->category = rust_code(r->message);
	msg = strstr(r->message, ": ");
	if (msg && r->category) {
		record_set_message(r, xstrdup(msg + 2));
	} else if (starts_with(r->message, "warning: ") ||
		   starts_with(r->message, "error: ")) {
		record_set_message(r, xstrdup(strchr(r->message, ' ') + 1));
	}
	file[loc.file_len] = '\0';
	r->file = intern(file);
	r->line = loc.line;
	r->column = loc.column;
	free(file);
	kbuild_attach(kb, l->s, l->len);
	return true;
}
