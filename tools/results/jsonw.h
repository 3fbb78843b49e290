/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_JSONW_H
#define RESULTS_JSONW_H

#include <stdbool.h>

#include "strbuf.h"

/*
 * A compact JSON writer into a strbuf. Keys are written in the order the
 * caller gives, so output is deterministic. Strings are escaped fully;
 * bytes that are not valid UTF-8 become U+FFFD, so the output is always
 * valid JSON whatever the log held.
 */
void jw_string(struct strbuf *sb, const char *s);
void jw_key(struct strbuf *sb, bool *first, const char *key);
void jw_str_field(struct strbuf *sb, bool *first, const char *key,
		  const char *value);
void jw_ulong_field(struct strbuf *sb, bool *first, const char *key,
		    unsigned long value);
void jw_pos_field(struct strbuf *sb, bool *first, const char *key,
		  unsigned long value);
void jw_bool_field(struct strbuf *sb, bool *first, const char *key,
		   bool value);

#endif /* RESULTS_JSONW_H */
