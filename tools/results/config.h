/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_CONFIG_H
#define RESULTS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * .results.config, as kconfig writes it from Kconfig.results: make syntax,
 * one "CONFIG_RESULTS_NAME=VALUE" a line, "# CONFIG_RESULTS_NAME is not
 * set" for a bool that is off. The Makefile includes the same file.
 */
struct config_entry {
	char *key;			/* without "CONFIG_": RESULTS_KNOWN */
	char *value;			/* a string's text, unquoted */
	unsigned long line;
};

struct results_config {
	const char *path;		/* NULL when none was read */
	char *dir;			/* the directory holding it */
	struct config_entry *e;
	size_t nr, alloc;
};

int config_read(struct results_config *c, const char *path);
int config_find(struct results_config *c, const char *path,
		const char *srctree);
const char *config_get(const struct results_config *c, const char *key);
int config_get_uint(const struct results_config *c, const char *key,
		    unsigned long max, unsigned long *val);
char *config_get_path(const struct results_config *c, const char *key);
void config_release(struct results_config *c);

#endif
