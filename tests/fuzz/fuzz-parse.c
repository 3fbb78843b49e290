// SPDX-License-Identifier: GPL-2.0
/*
 * A libFuzzer target for one input kind, named at build time:
 *
 *   clang -fsanitize=fuzzer,address,undefined -DFUZZ_KIND='"build"' ...
 *
 * Each input goes the whole way a user's would: read as KIND:FILE,
 * counted into a summary, rendered as RESULTS and read back. Broken
 * structured input may be refused (that is the exit 2 path); nothing may
 * crash, leak or trip a sanitizer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "parser.h"
#include "render.h"
#include "summary.h"

#ifndef FUZZ_KIND
#error "build with -DFUZZ_KIND='\"kind\"'"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes as "KIND:FILE", a file that parse_input() can open by name. */
static int as_file(const char *kind, const uint8_t *data, size_t size,
		   char *path, size_t len)
{
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		return -1;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	snprintf(path, len, "%s:/proc/self/fd/%d", kind, fd);
	return fd;
}

static void render_and_reread(const struct summary *s)
{
	struct strbuf text = STRBUF_INIT;
	struct results again;
	char path[64];
	int fd;

	render_text(s, &text);
	results_init(&again);
	fd = as_file("results", (const uint8_t *)text.buf, text.len, path,
		     sizeof(path));
	if (fd >= 0) {
		/* what the tool wrote, it must read back */
		if (parse_input(&again, path, NULL, NULL, 0))
			abort();
		close(fd);
	}
	results_release(&again);
	strbuf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct results res;
	struct summary s;
	char path[64];
	int fd;

	fd = as_file(FUZZ_KIND, data, size, path, sizeof(path));
	if (fd < 0)
		return 0;
	results_init(&res);
	res.fold = size & 1;	/* both ways of counting */
	if (!parse_input(&res, path, NULL, NULL, 0)) {
		summary_init(&s);
		summary_add_results(&s, &res);
		if (res.imported)
			summary_merge(&s, res.imported);
		summary_finish(&s);
		render_and_reread(&s);
		summary_release(&s);
	}
	results_release(&res);
	close(fd);
	return 0;
}
