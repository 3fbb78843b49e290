/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_STRBUF_H
#define RESULTS_STRBUF_H

#include <stddef.h>

#include "util.h"

/*
 * A growable string. @buf is never NULL and always NUL-terminated; @len
 * excludes the NUL. strbuf_detach() hands @buf to the caller.
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { .buf = strbuf_slopbuf }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addul(struct strbuf *sb, unsigned long v);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __printf(2, 3);
void strbuf_setlen(struct strbuf *sb, size_t len);
int strbuf_read_file(struct strbuf *sb, const char *path);

#endif /* RESULTS_STRBUF_H */
