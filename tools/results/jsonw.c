// SPDX-License-Identifier: GPL-2.0
/*
 * Compact JSON output with full escaping.
 */
#include <string.h>

#include "jsonw.h"

/* Length of the valid UTF-8 sequence at @s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/**
 * jw_string() - append a JSON string
 * @sb: where to write
 * @s: the string, or NULL for null
 */
void jw_string(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		strbuf_addstr(sb, "null");
		return;
	}
	strbuf_addch(sb, '"');
	while (*p) {
		const unsigned char *run = p;
		size_t n;

		/* plain ASCII needs no escaping: copy it in one go */
		while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			strbuf_add(sb, run, p - run);
		if (!*p)
			break;

		switch (*p) {
		case '"':
			strbuf_addstr(sb, "\\\"");
			break;
		case '\\':
			strbuf_addstr(sb, "\\\\");
			break;
		case '\n':
			strbuf_addstr(sb, "\\n");
			break;
		case '\t':
			strbuf_addstr(sb, "\\t");
			break;
		case '\r':
			strbuf_addstr(sb, "\\r");
			break;
		default:
			if (*p < 0x20) {
				strbuf_addf(sb, "\\u%04x", *p);
				break;
			}
			n = utf8_len(p);
			if (!n) {
				strbuf_addstr(sb, "\xef\xbf\xbd");
				break;
			}
			strbuf_add(sb, p, n);
			p += n;
			continue;
		}
		p++;
	}
	strbuf_addch(sb, '"');
}

void jw_key(struct strbuf *sb, bool *first, const char *key)
{
	if (!*first)
		strbuf_addch(sb, ',');
	*first = false;
	jw_string(sb, key);
	strbuf_addch(sb, ':');
}

void jw_str_field(struct strbuf *sb, bool *first, const char *key,
		  const char *value)
{
	jw_key(sb, first, key);
	jw_string(sb, value);
}

void jw_ulong_field(struct strbuf *sb, bool *first, const char *key,
		    unsigned long value)
{
	jw_key(sb, first, key);
	strbuf_addf(sb, "%lu", value);
}

/* A line or column: 0 means the tool gave none, written as null. */
void jw_pos_field(struct strbuf *sb, bool *first, const char *key,
		  unsigned long value)
{
	jw_key(sb, first, key);
	if (value)
		strbuf_addf(sb, "%lu", value);
	else
		strbuf_addstr(sb, "null");
}

void jw_bool_field(struct strbuf *sb, bool *first, const char *key,
		   bool value)
{
	jw_key(sb, first, key);
	strbuf_addstr(sb, value ? "true" : "false");
}
