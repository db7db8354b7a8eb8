/* wire.h: rules for the forms of wire-service copy that prose-trained models
 * get wrong: results and standings tables, ranked lists with countries in
 * brackets, cricket scorecards, scorers, lists of names, short datelines and
 * all-caps headlines. Called by tagger.c after the document rules. */
#pragma once

#include "ent.h"

G_BEGIN_DECLS

/* Rewrites `spans` (sorted, not overlapping, WnEntSpan) of `doc` in place:
 * spans the rules decide replace whatever overlapped them; the result is
 * sorted and not overlapping. Linear in the document's tokens and spans. */
void wn_ent_wire(const WnEntDoc *doc, GArray *spans);

G_END_DECLS
