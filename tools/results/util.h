/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_UTIL_H
#define RESULTS_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noreturn __attribute__((noreturn))

/*
 * Grow an array of @nr used elements to hold at least @want elements,
 * tracking the allocated count in @alloc.
 */
#define ALLOC_GROW(arr, want, alloc)					\
	do {								\
		if ((want) > (alloc)) {					\
			(alloc) = (alloc) ? (alloc) * 2 : 16;		\
			if ((alloc) < (want))				\
				(alloc) = (want);			\
			(arr) = xrealloc((arr), (alloc) * sizeof(*(arr))); \
		}							\
	} while (0)

extern const char *progname;

void die(const char *fmt, ...) __printf(1, 2) __noreturn;
int error(const char *fmt, ...) __printf(1, 2);
void warning(const char *fmt, ...) __printf(1, 2);

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

const char *intern(const char *s);
const char *intern_n(const char *s, size_t n);

bool starts_with(const char *s, const char *prefix);
bool ends_with(const char *s, const char *suffix);
bool ends_with_n(const char *s, size_t len, const char *suffix);
const char *skip_prefix(const char *s, const char *prefix);
bool is_digit(int c);
bool is_space(int c);
bool is_upper(int c);
bool is_alnum(int c);
const char *skip_digits(const char *s);
const char *skip_spaces(const char *s);
const char *path_basename(const char *path);
bool parse_ulong(const char *s, const char **end, unsigned long *val);

#endif /* RESULTS_UTIL_H */
