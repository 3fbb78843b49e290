// SPDX-License-Identifier: GPL-2.0
/*
 * A libFuzzer target for the known-issues file (results render --known):
 *
 *   clang -fsanitize=fuzzer,address,undefined ... tests/fuzz/fuzz-known.c
 *
 * Each input is read as the YAML file that --known names. A file that is
 * not valid YAML or does not follow the schema is refused (the exit 2
 * path); one that is read has every entry matched against a few failures
 * and diagnostics, so that its globs and regular expressions run too.
 * Nothing may crash, leak or trip a sanitizer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "known.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Items such as RESULTS names them, for the entries to match. */
static const struct change items[] = {
	{
		.diag = false,
		.source = "kunit",
		.status = TEST_FAIL,
		.name = "ext4_inode_test.inode_test_xtimestamp_decoding",
	},
	{
		.diag = false,
		.source = "ktap",
		.status = TEST_ERROR,
		.name = "",
	},
	{
		.diag = true,
		.source = "build",
		.severity = SEV_WARNING,
		.tool = "gcc",
		.category = "-Wunused-variable",
		.file = "drivers/widget/wdg-core.c",
		.message = "unused variable 'tmp'",
	},
	{
		.diag = true,
		.source = "sparse",
		.severity = SEV_ERROR,
		.tool = "sparse",
		.category = "",
		.file = "",
		.message = "",
	},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct known_list k = { 0 };
	char path[64];
	size_t i, j;
	int fd;

	fd = memfd_create("fuzz", 0);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (!known_load(&k, path)) {
		for (i = 0; i < k.nr; i++)
			for (j = 0; j < ARRAY_SIZE(items); j++)
				known_entry_matches(&k.e[i], &items[j]);
	}
	known_release(&k);
	close(fd);
	return 0;
}
