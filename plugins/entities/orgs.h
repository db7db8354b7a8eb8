/* orgs.h: document-level rules that find organisations news text names
 * without saying so in the sentence itself: one-word companies known by how
 * the document talks about them, sports teams (nicknames, places playing as
 * teams) and organisation names the model cut short ("San Francisco
 * Chronicle", "Muslim Brotherhood"). Called by tagger.c after the other
 * document rules. */
#pragma once

#include "ent.h"

G_BEGIN_DECLS

/* Rewrites `spans` (sorted, not overlapping, WnEntSpan) of `doc` in place;
 * the result is sorted and not overlapping. Linear in the document's tokens
 * and spans. */
void wn_ent_orgs(const WnEntDoc *doc, GArray *spans);

G_END_DECLS
