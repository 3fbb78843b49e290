// SPDX-License-Identifier: GPL-2.0
/*
 * dtc's warnings and errors (scripts/dtc; dtc 1.6.1, the same code in
 * every dtc since 1.4.5), in dtbs and dtbs_check logs and in the DTC step
 * of dt_binding_check:
 *
 *   arch/arm64/boot/dts/acme/wdg100.dtsi:41.4-27: Warning (reg_format): /soc/widget@4000:reg: property has invalid length (4 bytes) (#address-cells == 2, #size-cells == 1)
 *   arch/arm64/boot/dts/acme/wdg100.dtsi:697.25-715.4: Warning (unique_unit_address): /soc/pcie@5500000: duplicate unit-address (also used in node /soc/pcie-ep@5500000)
 *     also defined at arch/arm64/boot/dts/acme/wdg100-evk.dts:401.11-403.3
 *   arch/arm64/boot/dts/acme/wdg100-evk.dtb: Warning (spi_bus_reg): Failed prerequisite 'reg_format'
 *   Error: arch/arm64/boot/dts/acme/wdg100-evk.dts:30.1-2 syntax error
 *   FATAL ERROR: Unable to parse input tree
 *
 * The position is "FILE:L.C", "FILE:L.C-C2" or "FILE:L1.C1-L2.C2"; dtc's
 * columns are 1-based, as the record wants them, and the end of the range
 * is dropped. A check of the whole tree has no source position: dtc names
 * its output file instead (the dtb, kept as the file, with line 0), or
 * "<stdout>" (no file). The category is the check's name; the message is
 * what follows "(check): ", with the node path and property. Checks that
 * are errors ("ERROR (check)") and parse errors are errors, the others
 * warnings.
 *
 * Never counted on their own: "also defined at" lines, which are the
 * context of the check above them; the "FATAL ERROR: Unable to parse
 * input tree" after a syntax error and the "ERROR: Input tree has errors"
 * after error-level checks, which are the context of that error. Another
 * FATAL ERROR (an include that cannot be opened) is an error of its own.
 *
 * These are records of the dt kind (source "dt"), whatever the log; the
 * dt kind (fmt-dt-validate.c) offers each line here first.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"

static const char *dtc_tool(void)
{
	static const char *tool;

	if (!tool)
		tool = intern("dtc");
	return tool;
}

/* The open diagnostic, when it is dtc's. */
static struct record *open_dtc(struct kbuild *kb)
{
	struct record *r = kbuild_last(kb);

	return r && r->tool == dtc_tool() ? r : NULL;
}

/*
 * Read a dtc position, the @len bytes at @s: "FILE:L.C", "FILE:L.C-C2" or
 * "FILE:L1.C1-L2.C2". A name without a position is a file with line 0.
 *
 * Return: true when a line and column were read.
 */
static bool dtc_position(const char *s, size_t len, struct location *loc)
{
	const char *colon = memrchr(s, ':', len), *q;
	unsigned long line, col, n;

	memset(loc, 0, sizeof(*loc));
	loc->file = s;
	loc->file_len = len;
	if (!colon || colon == s)
		return false;
	if (!parse_ulong(colon + 1, &q, &line) || *q != '.' ||
	    !parse_ulong(q + 1, &q, &col))
		return false;
	if (*q == '-') {
		if (!parse_ulong(q + 1, &q, &n))
			return false;
		if (*q == '.' && !parse_ulong(q + 1, &q, &n))
			return false;
	}
	if (q != s + len)
		return false;
	loc->file_len = colon - s;
	loc->line = line;
	loc->column = col;
	return true;
}

static void dtc_diag(struct kbuild *kb, enum severity sev,
		     const struct location *loc, const char *check,
		     size_t check_len, const char *msg)
{
	char *cat = check ? xstrndup(check, check_len) : NULL;

	kbuild_diag(kb, "dt", "dtc", sev, loc, cat, msg, strlen(msg));
	/* nothing but "also defined at" continues it */
	kb->excerpt_due = false;
	free(cat);
}

/* "POS: Warning (check): msg", "POS: ERROR (check): msg" */
static bool check_line(struct kbuild *kb, const struct line *l)
{
	const char *s = l->s, *p = s, *name, *e;
	struct location loc, *where = NULL;
	enum severity sev;

	if (!(s[0] == 'W' && starts_with(s, "Warning (")) &&
	    !(s[0] == 'E' && starts_with(s, "ERROR ("))) {
		/* the position is the first word, up to ": " */
		p = l->space;
		if (!p || p - s < 2 || p[-1] != ':')
			return false;
		p++;
		where = &loc;
	}
	if (p[0] == 'W' && (name = skip_prefix(p, "Warning (")))
		sev = SEV_WARNING;
	else if (p[0] == 'E' && (name = skip_prefix(p, "ERROR (")))
		sev = SEV_ERROR;
	else
		return false;
	for (e = name; is_alnum(*e) || *e == '_' || *e == '-'; e++)
		;
	if (e == name || e[0] != ')' || e[1] != ':')
		return false;
	if (where) {
		size_t len = p - 2 - s;

		dtc_position(s, len, &loc);
		if (len == 8 && !memcmp(s, "<stdout>", 8))
			where = NULL;
	}
	dtc_diag(kb, sev, where, name, e - name, skip_spaces(e + 2));
	return true;
}

/* "Error: FILE:L.C-C2 syntax error", from the parser and the lexer */
static bool parse_error_line(struct kbuild *kb, const struct line *l)
{
	const char *p = skip_prefix(l->s, "Error: "), *e;
	struct location loc;

	if (!p)
		return false;
	e = strchr(p, ' ');
	if (!e || !dtc_position(p, e - p, &loc))
		return false;
	dtc_diag(kb, SEV_ERROR, &loc, NULL, 0, skip_spaces(e));
	return true;
}

/* fmt_dtc_line() for a line that fmt_dtc_may_take() let through */
static __noinline bool dtc_line(struct kbuild *kb, const struct line *l)
{
	const char *s = l->s, *p;
	struct record *r;

	switch (s[0]) {
	case ' ':
		if (!starts_with(s, "  also defined at "))
			return false;
		if (open_dtc(kb) && kb->trailing < 64)
			kbuild_attach(kb, s, l->len);
		return true;
	case 'E':
		if (starts_with(s, "ERROR: Input tree has errors")) {
			r = open_dtc(kb);
			if (r && r->severity == SEV_ERROR)
				kbuild_attach(kb, s, l->len);
			return true;
		}
		return parse_error_line(kb, l) || check_line(kb, l);
	case 'F':
		p = skip_prefix(s, "FATAL ERROR: ");
		if (!p)
			return check_line(kb, l);
		/* after a syntax error, the parse's verdict */
		r = open_dtc(kb);
		if (r && r->severity == SEV_ERROR && !r->category &&
		    starts_with(p, "Unable to parse input tree")) {
			kbuild_attach(kb, s, l->len);
			return true;
		}
		dtc_diag(kb, SEV_ERROR, NULL, NULL, 0, p);
		return true;
	default:
		return check_line(kb, l);
	}
}

/**
 * fmt_dtc_line() - read a line that dtc printed
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is dtc's.
 */
bool fmt_dtc_line(struct kbuild *kb, const struct line *l)
{
	return fmt_dtc_may_take(l) && dtc_line(kb, l);
}
