/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_RENDER_H
#define RESULTS_RENDER_H

#include "model.h"
#include "strbuf.h"

struct summary;

/* How much of RESULTS to write: Kconfig.results' "Rendering" menu. */
enum detail {
	DETAIL_FULL,		/* every section */
	DETAIL_FAILURES,	/* no Skips, no Coverage */
	DETAIL_SUMMARY,		/* of the lists, Changes and Known issues */
};

struct text_opts {
	unsigned long excerpt_lines;	/* of a failure's text; 0: all */
	unsigned long max_lines;	/* entries a section; 0: all */
	enum detail detail;
};

void render_text(const struct summary *s, struct strbuf *out);
void render_text_opts(const struct summary *s, const struct text_opts *o,
		      struct strbuf *out);
void render_record_json(const struct record *r, struct strbuf *out);
void render_json(const struct results *res, const struct summary *s,
		 struct strbuf *out);
void render_kcidb(const struct results *res, const struct summary *s,
		  const char *origin, const char *tree_url, struct strbuf *out);

struct change;
struct known_ref;
struct source_delta;

void render_change_item(const struct change *c, struct strbuf *out);
void render_change(const struct change *c, struct strbuf *out);
void render_delta(const struct source_delta *d, struct strbuf *out);
void render_known_ref(const struct known_ref *r, struct strbuf *out);
void render_changes_section(const struct summary *s, struct strbuf *out);
void render_known_section(const struct summary *s, struct strbuf *out);
void render_coverage_section(const struct summary *s, struct strbuf *out);

#endif /* RESULTS_RENDER_H */
