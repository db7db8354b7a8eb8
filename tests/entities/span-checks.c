/* span-checks.c: see span-checks.h. */
#include "span-checks.h"

#include <string.h>

WnPipeline *
span_checks_pipeline(const char *file, const char *entity_options, GError **error)
{
  g_autofree char *options =
      entity_options != NULL ? g_strdup_printf(", \"options\": %s", entity_options) : NULL;
  g_autofree char *json =
      g_strdup_printf("{\"stages\": [{\"stage\": \"sentences\"}, {\"stage\": \"entities\"%s}]}",
                      options != NULL ? options : "");
  return wn_pipeline_new_from_data(json, -1, file, NULL, error);
}

WnDoc *
span_checks_tag(WnPipeline *p, const char *text)
{
  g_autoptr(GError) error = NULL;
  WnDoc *doc = wn_doc_new("t", text, -1, WN_MEDIA_TYPE_TEXT);
  g_assert_true(wn_pipeline_process(p, doc, &error));
  g_assert_no_error(error);
  g_assert_nonnull(wn_doc_get_layer(doc, "entities"));
  return doc;
}

/* Byte range of the nth occurrence of `needle`, which the test's own text
 * must contain. */
static void
find_nth(WnDoc *doc, const char *needle, guint nth, gsize *start, gsize *end)
{
  const char *text = wn_doc_get_text(doc, NULL);
  const char *at = text;
  for (guint k = 0;; k++) {
    at = strstr(at, needle);
    g_assert_nonnull(at);
    if (k == nth)
      break;
    at += 1;
  }
  *start = at - text;
  *end = *start + strlen(needle);
}

/* The label of the first entity on exactly (`exact`) or overlapping the nth
 * `needle`, or NULL. */
static const char *
label_at(WnDoc *doc, const char *needle, guint nth, gboolean exact)
{
  gsize start, end, n = 0;
  find_nth(doc, needle, nth, &start, &end);
  const WnSpan *spans = wn_layer_get_spans(wn_doc_get_layer(doc, "entities"), &n);
  for (gsize i = 0; i < n; i++)
    if (exact ? spans[i].start == start && spans[i].end == end
              : spans[i].start < end && spans[i].end > start)
      return spans[i].label;
  return NULL;
}

const char *
span_checks_label(WnDoc *doc, const char *needle, guint nth)
{
  return label_at(doc, needle, nth, TRUE);
}

const char *
span_checks_overlap(WnDoc *doc, const char *needle, guint nth)
{
  return label_at(doc, needle, nth, FALSE);
}

void
span_checks_assert_valid(WnDoc *doc)
{
  gsize len = 0, n = 0;
  wn_doc_get_text(doc, &len);
  const WnSpan *spans = wn_layer_get_spans(wn_doc_get_layer(doc, "entities"), &n);
  for (gsize i = 0; i < n; i++) {
    g_assert_cmpuint(spans[i].start, <, spans[i].end);
    g_assert_cmpuint(spans[i].end, <=, len);
    g_assert_cmpfloat(spans[i].score, >=, 0.0);
    g_assert_cmpfloat(spans[i].score, <=, 1.0);
    if (i > 0)
      g_assert_cmpuint(spans[i - 1].end, <=, spans[i].start);
  }
}
