// SPDX-License-Identifier: GPL-2.0
/*
 * results parse: print the records of the inputs, every occurrence, one
 * JSON object a line with --json, or one text line each without.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "strbuf.h"

static const char parse_usage[] =
"usage: results parse [--json] [OPTIONS] INPUT...\n"
"\n"
"Print every record the inputs hold, in input order, without dedup.\n"
"\n"
"  --json              one JSON object per line (the machine interface)\n"
"  --label KEY=VALUE   label every input (arch, config, compiler,\n"
"                      compiler_version, w); overrides the log\n"
"  --srctree DIR       the kernel source tree the log's paths are in\n"
"  --objtree DIR       the build directory (make O=DIR)\n"
"  -h, --help          show this help\n"
"\n"
"INPUT is FILE, - for stdin, or KIND:FILE; kinds: %s.\n";

static void text_record(const struct record *r, struct strbuf *out)
{
	char *name;

	strbuf_addf(out, "%s:%lu: ", r->input, r->input_line);
	switch (r->type) {
	case REC_TEST:
		name = test_path_join(r);
		strbuf_addf(out, "%s %s %s", r->source,
			    test_status_name(r->status), name);
		free(name);
		break;
	case REC_DIAG:
		strbuf_addf(out, "%s %s %s", r->tool,
			    severity_name(r->severity),
			    r->file ? r->file : "-");
		if (r->line)
			strbuf_addf(out, ":%lu", r->line);
		if (r->column)
			strbuf_addf(out, ":%lu", r->column);
		strbuf_addf(out, ": %s", r->message);
		if (r->category)
			strbuf_addf(out, " [%s]", r->category);
		break;
	case REC_BUILD:
		strbuf_addf(out, "make %s%s%s", r->failed ? "FAIL" : "PASS",
			    r->target ? " " : "", r->target ? r->target : "");
		break;
	case REC_NOTICE:
		strbuf_addf(out, "notice %s: %s", r->tool, r->message);
		break;
	}
}

struct parse_out {
	bool json;
	struct strbuf buf;
};

/* Print one input's records as soon as it is read, then drop them. */
static int print_records(struct results *res, void *data)
{
	struct parse_out *po = data;
	size_t i;
	int ret = 0;

	for (i = 0; i < res->nr; i++) {
		if (po->json)
			render_record_json(&res->rec[i], &po->buf);
		else
			text_record(&res->rec[i], &po->buf);
		strbuf_addch(&po->buf, '\n');
		if (po->buf.len >= 64 * 1024 || i + 1 == res->nr) {
			ret = write_output(NULL, po->buf.buf, po->buf.len);
			strbuf_reset(&po->buf);
			if (ret)
				break;
		}
	}
	results_clear_records(res);
	return ret;
}

/**
 * cmd_parse() - "results parse"
 * @argc: arguments after the command name's position
 * @argv: the arguments, argv[0] being "parse"
 *
 * Return: the exit status.
 */
int cmd_parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		INPUT_OPTS_LONG,
		{ NULL, 0, NULL, 0 },
	};
	struct input_opts io = { 0 };
	struct parse_out po = { .buf = STRBUF_INIT };
	struct results res;
	int opt, ret = EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case '?':
		case ':':
			bad_option("parse", opt, argv);
			short_usage(parse_usage, "parse");
			input_opts_release(&io);
			return EXIT_TROUBLE;
		case 'j':
			po.json = true;
			break;
		case 'h':
			printf(parse_usage, parser_kind_list());
			input_opts_release(&io);
			return EXIT_OK;
		default:
			if (input_opts_handle(&io, opt, optarg)) {
				short_usage(parse_usage, "parse");
				input_opts_release(&io);
				return EXIT_TROUBLE;
			}
		}
	}
	if (optind == argc) {
		error("parse: no input given");
		short_usage(parse_usage, "parse");
		input_opts_release(&io);
		return EXIT_TROUBLE;
	}
	results_init(&res);
	if (read_inputs(&res, &io, argc - optind, argv + optind,
			print_records, &po))
		ret = EXIT_TROUBLE;
	strbuf_release(&po.buf);
	results_release(&res);
	input_opts_release(&io);
	return ret;
}
