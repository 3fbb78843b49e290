/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_RENDER_H
#define RESULTS_RENDER_H

#include "model.h"
#include "strbuf.h"

struct summary;

void render_text(const struct summary *s, struct strbuf *out);
void render_record_json(const struct record *r, struct strbuf *out);
void render_json(const struct results *res, const struct summary *s,
		 struct strbuf *out);

#endif /* RESULTS_RENDER_H */
