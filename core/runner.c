/* runner.c: streams inputs through a pipeline on several threads.
 *
 * One reader thread cuts the inputs into batches of whole lines or files;
 * N workers parse each batch into documents, run the pipeline and format the
 * records; the calling thread writes the batches' records in input order and
 * handles groups. Batches carry sequence numbers; the reader may not run more
 * than `window` batches ahead of the writer, so everything in flight (queued,
 * being processed, finished but waiting for an earlier batch) is bounded,
 * whatever the length of the stream. Batches of about a megabyte keep the
 * locking rare compared with the work. */
#include <winnow/runner.h>

#include <string.h>

#include "input.h"
#include "output.h"
#include "pipeline-private.h"
#include "record.h"

/* Input bytes in flight stay under about this much, split among the batches
 * of the window (single documents larger than a batch come on top). */
#define IN_FLIGHT_BYTES ((gsize)32 * 1024 * 1024)
#define MAX_BATCH_BYTES ((gsize)1024 * 1024)
#define MIN_BATCH_BYTES ((gsize)64 * 1024)
#define MAX_BATCH_UNITS 64

struct _WnRunner {
  WnPipeline *pipeline;
  guint n_threads;
  WnOffsetUnit unit;
  gsize max_doc_bytes;
  gboolean fail_fast;
  char *group;
  WnRunFormatDocFunc format_doc;
  WnRunFormatErrorFunc format_error;
  WnRunFormatGroupFunc format_group;
  gpointer format_data;
  WnRunProgressFunc progress;
  gpointer progress_data;
  gint cancelled; /* atomic */
};

WnRunner *
wn_runner_new(WnPipeline *pipeline)
{
  g_return_val_if_fail(pipeline != NULL, NULL);
  WnRunner *runner = g_new0(WnRunner, 1);
  runner->pipeline = pipeline;
  runner->unit = WN_OFFSETS_CHARS;
  runner->max_doc_bytes = WN_RUNNER_DEFAULT_MAX_DOC_BYTES;
  return runner;
}

void
wn_runner_free(WnRunner *runner)
{
  if (runner == NULL)
    return;
  g_free(runner->group);
  g_free(runner);
}

void
wn_runner_set_threads(WnRunner *runner, guint n_threads)
{
  runner->n_threads = n_threads;
}

void
wn_runner_set_offsets(WnRunner *runner, WnOffsetUnit unit)
{
  runner->unit = unit;
}

void
wn_runner_set_max_doc_bytes(WnRunner *runner, gsize max_doc_bytes)
{
  runner->max_doc_bytes = max_doc_bytes;
}

void
wn_runner_set_fail_fast(WnRunner *runner, gboolean fail_fast)
{
  runner->fail_fast = fail_fast;
}

void
wn_runner_set_group(WnRunner *runner, const char *name)
{
  g_free(runner->group);
  runner->group = g_strdup(name);
}

void
wn_runner_set_formatters(WnRunner *runner, WnRunFormatDocFunc format_doc,
                         WnRunFormatErrorFunc format_error, WnRunFormatGroupFunc format_group,
                         gpointer user_data)
{
  runner->format_doc = format_doc;
  runner->format_error = format_error;
  runner->format_group = format_group;
  runner->format_data = user_data;
}

void
wn_runner_set_progress(WnRunner *runner, WnRunProgressFunc func, gpointer user_data)
{
  runner->progress = func;
  runner->progress_data = user_data;
}

void
wn_runner_cancel(WnRunner *runner)
{
  g_atomic_int_set(&runner->cancelled, 1);
}

/* ---- Batches ------------------------------------------------------------- */

/* What the writer needs to know about one document once its record exists. */
typedef struct {
  char *id;
  char *group;   /* NULL when none, or when the document failed */
  WnDoc *doc;    /* kept only when group stages will read it */
  gsize end;     /* end of its record in the batch's output */
  int code;      /* 0 on success, else the WN_ERROR code */
  char *message; /* the full error message, for --fail-fast */
  gsize repairs;
  char *big; /* a record too large to copy into the batch's output */
  gboolean big_newline;
} DocResult;

/* Records at least this large are written from their own string rather
 * than copied into the batch's output, so the largest document is not held
 * twice more. */
#define BIG_RECORD_BYTES ((gsize)256 * 1024)

static void
doc_result_clear(gpointer data)
{
  DocResult *r = data;
  g_free(r->id);
  g_free(r->group);
  g_free(r->message);
  g_free(r->big);
  if (r->doc != NULL)
    wn_doc_unref(r->doc);
}

typedef struct {
  guint64 seq;
  GPtrArray *units; /* of WnUnit* */
  guint64 in_bytes;
  GString *out;
  GArray *docs; /* of DocResult */
  gboolean done;
} Batch;

static Batch *
batch_new(void)
{
  Batch *b = g_new0(Batch, 1);
  b->units = g_ptr_array_new_with_free_func((GDestroyNotify)wn_unit_free);
  return b;
}

static void
batch_free(Batch *b)
{
  if (b == NULL)
    return;
  g_ptr_array_unref(b->units);
  if (b->out != NULL)
    g_string_free(b->out, TRUE);
  if (b->docs != NULL)
    g_array_unref(b->docs);
  g_free(b);
}

/* ---- One run ------------------------------------------------------------- */

typedef struct {
  WnRunner *runner;
  gboolean keep_docs; /* group stages need the documents */
  gsize block_size;
  GPtrArray *files;

  GMutex lock;
  GCond reader_cond; /* the window has room */
  GCond work_cond;   /* a batch is queued, or the reader is done */
  GCond done_cond;   /* a batch is processed, or the reader is done */
  GQueue work;
  Batch **slots; /* window slots, indexed by seq % window */
  guint window;
  guint64 next_seq;   /* the reader's next batch */
  guint64 next_write; /* the writer's next batch */
  gboolean reader_done;
  gboolean stop;
  gint stop_io; /* atomic copy of `stop` (or a cancel) for the blocked reader */
  GError *reader_error;
} Run;

static gboolean
run_stopping(Run *run)
{
  return run->stop || g_atomic_int_get(&run->runner->cancelled);
}

static void
run_stop(Run *run)
{
  g_mutex_lock(&run->lock);
  run->stop = TRUE;
  g_atomic_int_set(&run->stop_io, 1);
  g_cond_broadcast(&run->reader_cond);
  g_cond_broadcast(&run->work_cond);
  g_cond_broadcast(&run->done_cond);
  g_mutex_unlock(&run->lock);
}

/* Hands a batch to the workers; waits while the window is full. FALSE when
 * the run is stopping (the batch is then freed). */
static gboolean
submit(Run *run, Batch *b)
{
  g_mutex_lock(&run->lock);
  while (run->next_seq - run->next_write >= run->window && !run_stopping(run))
    g_cond_wait(&run->reader_cond, &run->lock);
  if (run_stopping(run)) {
    g_mutex_unlock(&run->lock);
    batch_free(b);
    return FALSE;
  }
  b->seq = run->next_seq++;
  run->slots[b->seq % run->window] = b;
  g_queue_push_tail(&run->work, b);
  g_cond_signal(&run->work_cond);
  g_mutex_unlock(&run->lock);
  return TRUE;
}

static gpointer
reader_thread(gpointer data)
{
  Run *run = data;
  WnReader *reader = wn_reader_new(run->files, run->block_size, run->runner->max_doc_bytes);
  wn_reader_set_cancel(reader, &run->stop_io);
  Batch *b = batch_new();
  GError *error = NULL;
  for (;;) {
    if (run_stopping(run))
      break;
    WnUnit *unit = wn_reader_next(reader, &error);
    if (unit == NULL)
      break;
    b->in_bytes += unit->kind == WN_UNIT_OVERSIZE ? unit->size : unit->len;
    g_ptr_array_add(b->units, unit);
    if (b->in_bytes >= run->block_size || b->units->len >= MAX_BATCH_UNITS || unit->flush) {
      Batch *full = b;
      b = batch_new();
      if (!submit(run, full))
        break;
    }
  }
  if (b->units->len > 0 && error == NULL && !run_stopping(run))
    submit(run, b);
  else
    batch_free(b);
  wn_reader_free(reader);

  g_mutex_lock(&run->lock);
  run->reader_done = TRUE;
  if (error != NULL) {
    run->reader_error = error;
    run->stop = TRUE;
  }
  g_cond_broadcast(&run->work_cond);
  g_cond_broadcast(&run->done_cond);
  g_cond_broadcast(&run->reader_cond);
  g_mutex_unlock(&run->lock);
  return NULL;
}

typedef struct {
  Run *run;
  Batch *batch;
} WorkCtx;

static void
append_error(const WnRunner *runner, GString *out, const char *id, const char *source,
             const char *stage, const char *message)
{
  if (runner->format_error != NULL) {
    g_autofree char *s = runner->format_error(id, source, stage, message, runner->format_data);
    if (s != NULL)
      g_string_append(out, s);
  } else {
    wn_append_error_record(out, id, source, stage, message);
  }
}

static void
on_document(WnDoc *doc, const char *id, const char *source, const GError *error, gpointer user_data)
{
  WorkCtx *ctx = user_data;
  const WnRunner *runner = ctx->run->runner;
  Batch *b = ctx->batch;
  DocResult r = {0};

  if (doc == NULL) {
    append_error(runner, b->out, id, source, "input", error->message);
    r.id = g_strdup(id);
    r.code = error->code;
    r.message = g_strdup_printf("%s: %s", source, error->message);
  } else {
    if (runner->group != NULL)
      wn_doc_set_group(doc, runner->group);
    r.id = g_strdup(wn_doc_get_id(doc));
    r.repairs = wn_doc_get_n_repairs(doc);
    const char *stage = NULL;
    g_autofree char *cause = NULL;
    GError *local = NULL;
    if (wn_pipeline_process_full(runner->pipeline, doc, &stage, &cause, &local)) {
      const gboolean jsonl = runner->format_doc == NULL;
      gsize text_len = 0;
      wn_doc_get_text(doc, &text_len);
      g_autofree char *s = NULL;
      gsize n = 0;
      if (jsonl && text_len < BIG_RECORD_BYTES / 8) {
        /* The usual record goes straight into the batch's output, with no
         * string of its own to allocate, measure and copy. The rare one that
         * still turns out big (many spans) moves to its own string. */
        const gsize before = b->out->len;
        wn_doc_append_json_line(b->out, doc, runner->unit);
        n = b->out->len - before;
        if (n >= BIG_RECORD_BYTES) {
          s = g_strndup(b->out->str + before, n);
          g_string_truncate(b->out, before);
        } else {
          g_string_append_c(b->out, '\n');
          n = 0;
        }
      } else {
        s = jsonl ? wn_doc_to_json_line(doc, runner->unit)
                  : runner->format_doc(doc, runner->unit, runner->format_data);
        n = s != NULL ? strlen(s) : 0;
      }
      if (n >= BIG_RECORD_BYTES) {
        r.big = g_steal_pointer(&s);
        r.big_newline = jsonl;
      } else if (n > 0) {
        g_string_append_len(b->out, s, n);
        if (jsonl)
          g_string_append_c(b->out, '\n');
      }
      r.group = g_strdup(wn_doc_get_group(doc));
      if (ctx->run->keep_docs && r.group != NULL)
        r.doc = wn_doc_ref(doc);
    } else {
      append_error(runner, b->out, r.id, source, stage != NULL ? stage : "pipeline",
                   cause != NULL ? cause : local->message);
      r.code = WN_ERROR_STAGE;
      r.message = g_strdup(local->message);
      g_error_free(local);
    }
    wn_doc_unref(doc);
  }
  r.end = b->out->len;
  g_array_append_val(b->docs, r);
}

static void
process_batch(Run *run, Batch *b, WnParseScratch *scratch)
{
  b->out = g_string_sized_new(b->in_bytes + b->in_bytes / 2 + 256);
  b->docs = g_array_new(FALSE, TRUE, sizeof(DocResult));
  g_array_set_clear_func(b->docs, doc_result_clear);
  WorkCtx ctx = {run, b};
  for (guint i = 0; i < b->units->len && !run_stopping(run); i++) {
    WnUnit *unit = b->units->pdata[i];
    wn_unit_parse(unit, run->runner->max_doc_bytes, scratch, on_document, &ctx);
    /* The raw input is no longer needed; free it before the batch waits
     * for its turn to be written. */
    g_clear_pointer(&unit->data, g_free);
  }
}

static gpointer
worker_thread(gpointer data)
{
  Run *run = data;
  WnParseScratch *scratch = wn_parse_scratch_new();
  for (;;) {
    g_mutex_lock(&run->lock);
    while (g_queue_is_empty(&run->work) && !run->reader_done && !run_stopping(run))
      g_cond_wait(&run->work_cond, &run->lock);
    Batch *b = run_stopping(run) ? NULL : g_queue_pop_head(&run->work);
    g_mutex_unlock(&run->lock);
    if (b == NULL)
      break;
    process_batch(run, b, scratch);
    g_mutex_lock(&run->lock);
    b->done = TRUE;
    g_cond_signal(&run->done_cond);
    g_mutex_unlock(&run->lock);
  }
  wn_parse_scratch_free(scratch);
  return NULL;
}

/* ---- The writer (the calling thread) ------------------------------------- */

typedef struct {
  char *key; /* NULL when no group is open */
  GPtrArray *ids;
  WnGroup *group; /* when the documents are kept */
} OpenGroup;

typedef struct {
  Run *run;
  WnOutput *out;
  WnRunStats *stats;
  gint64 start_time;
  OpenGroup g;
  GString *scratch;
} Writer;

static gboolean
write_text(Writer *w, const char *data, gsize len, GError **error)
{
  if (!wn_output_write(w->out, data, len, error))
    return FALSE;
  w->stats->bytes_out += len;
  return TRUE;
}

/* Closes the open group: runs the group stages and writes its record. */
static gboolean
close_group(Writer *w, GError **error)
{
  OpenGroup *g = &w->g;
  if (g->key == NULL)
    return TRUE;
  const WnRunner *runner = w->run->runner;
  GString *s = w->scratch;
  g_string_truncate(s, 0);
  g_ptr_array_add(g->ids, NULL);
  const char *const *ids = (const char *const *)g->ids->pdata;
  gboolean ok = TRUE;
  g_autofree char *stop_message = NULL; /* --fail-fast and the group failed */
  if (g->group != NULL) {
    const char *stage = NULL;
    g_autofree char *cause = NULL;
    g_autoptr(GError) local = NULL;
    ok = wn_pipeline_process_group_full(runner->pipeline, g->group, &stage, &cause, &local);
    if (!ok && runner->fail_fast)
      stop_message = g_strdup(local->message);
    if (!ok) {
      w->stats->n_group_errors++;
      if (runner->format_error != NULL) {
        g_autofree char *label = g_strdup_printf("group %s", g->key);
        g_autofree char *t =
            runner->format_error(label, label, stage != NULL ? stage : "pipeline",
                                 cause != NULL ? cause : local->message, runner->format_data);
        if (t != NULL)
          g_string_append(s, t);
      } else {
        wn_append_group_error_record(s, g->key, stage != NULL ? stage : "pipeline",
                                     cause != NULL ? cause : local->message);
      }
    }
  }
  if (ok) {
    w->stats->n_groups++;
    if (runner->format_group != NULL) {
      g_autofree char *t = runner->format_group(g->key, ids, g->group, runner->format_data);
      if (t != NULL)
        g_string_append(s, t);
    } else {
      wn_append_group_record(s, g->key, ids, g->group);
    }
  }
  g_clear_pointer(&g->key, g_free);
  g_clear_pointer(&g->ids, g_ptr_array_unref);
  g_clear_pointer(&g->group, wn_group_free);
  if (!write_text(w, s->str, s->len, error))
    return FALSE;
  if (stop_message != NULL) {
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE,
                "Stopped at the first failed group (--fail-fast): %s", stop_message);
    return FALSE;
  }
  return TRUE;
}

static void
stats_update_time(Writer *w)
{
  w->stats->seconds = (g_get_monotonic_time() - w->start_time) / 1e6;
}

/* Writes one batch's records in order, with group records between them.
 * FALSE on a write error, or when --fail-fast stops at a failed document. */
static gboolean
write_batch(Writer *w, Batch *b, GError **error)
{
  const WnRunner *runner = w->run->runner;
  /* Records are written in runs as long as possible (usually the whole
   * batch at once); a group record or a stop cuts the run. */
  gsize written = 0, pos = 0;
  for (guint i = 0; i < b->docs->len; i++) {
    DocResult *r = &g_array_index(b->docs, DocResult, i);
    w->stats->n_documents++;
    w->stats->n_repairs += r->repairs;
    /* A group ends at the first successful document with another key (or
     * none). Failed documents neither join nor end a group: their key may
     * not even be known. */
    if (r->code == 0 && w->g.key != NULL && g_strcmp0(w->g.key, r->group) != 0) {
      if (!write_text(w, b->out->str + written, pos - written, error))
        return FALSE;
      written = pos;
      if (!close_group(w, error))
        return FALSE;
    }
    if (r->big != NULL) {
      if (!write_text(w, b->out->str + written, pos - written, error) ||
          !write_text(w, r->big, strlen(r->big), error) ||
          (r->big_newline && !write_text(w, "\n", 1, error)))
        return FALSE;
      written = pos;
      g_clear_pointer(&r->big, g_free);
    }
    pos = r->end;
    if (r->code != 0) {
      w->stats->n_errors++;
      if (runner->fail_fast) {
        if (!write_text(w, b->out->str + written, pos - written, error))
          return FALSE;
        g_set_error(error, WN_ERROR, r->code,
                    "Stopped at the first failed document (--fail-fast): %s", r->message);
        return FALSE;
      }
      continue;
    }
    if (r->group == NULL)
      continue;
    if (w->g.key == NULL) {
      w->g.key = g_strdup(r->group);
      w->g.ids = g_ptr_array_new_with_free_func(g_free);
      if (w->run->keep_docs)
        w->g.group = wn_group_new(r->group);
    }
    g_ptr_array_add(w->g.ids, g_steal_pointer(&r->id));
    if (w->g.group != NULL && r->doc != NULL)
      wn_group_add_doc(w->g.group, r->doc);
    g_clear_pointer(&r->doc, wn_doc_unref);
  }
  w->stats->bytes_in += b->in_bytes;
  return write_text(w, b->out->str + written, pos - written, error);
}

static gboolean
write_all_batches(Writer *w, GError **error)
{
  Run *run = w->run;
  const WnRunner *runner = run->runner;
  gint64 last_progress = 0;
  gboolean flushed = TRUE;
  for (;;) {
    g_mutex_lock(&run->lock);
    Batch *b = NULL;
    for (;;) {
      Batch *head = run->slots[run->next_write % run->window];
      if (head != NULL && head->seq == run->next_write && head->done) {
        b = head;
        run->slots[run->next_write % run->window] = NULL;
        break;
      }
      if (run_stopping(run) || (run->reader_done && run->next_write == run->next_seq))
        break;
      /* Nothing to write for now: hand on what is buffered, so a reader of
       * a slow stream gets each record when it is ready, not at the end. */
      if (!flushed) {
        g_mutex_unlock(&run->lock);
        flushed = TRUE;
        if (!wn_output_flush(w->out, error))
          return FALSE;
        g_mutex_lock(&run->lock);
        continue;
      }
      /* Wake now and then to notice wn_runner_cancel() from a signal. */
      g_cond_wait_until(&run->done_cond, &run->lock, g_get_monotonic_time() + 200000);
    }
    g_mutex_unlock(&run->lock);

    if (b == NULL) {
      if (run->reader_error != NULL) {
        g_propagate_error(error, g_steal_pointer(&run->reader_error));
        return FALSE;
      }
      if (g_atomic_int_get(&runner->cancelled)) {
        g_set_error(error, WN_ERROR, WN_ERROR_FAILED, "The run was cancelled");
        return FALSE;
      }
      return close_group(w, error);
    }

    gboolean ok = write_batch(w, b, error);
    flushed = FALSE;
    batch_free(b);
    g_mutex_lock(&run->lock);
    run->next_write++;
    g_cond_signal(&run->reader_cond);
    g_mutex_unlock(&run->lock);
    if (!ok)
      return FALSE;
    if (runner->progress != NULL) {
      gint64 now = g_get_monotonic_time();
      if (now - last_progress >= 100000) {
        last_progress = now;
        stats_update_time(w);
        runner->progress(w->stats, FALSE, runner->progress_data);
      }
    }
  }
}

gboolean
wn_runner_run(WnRunner *runner, const char *const *inputs, const char *output,
              WnRunStats *stats_out, GError **error)
{
  g_return_val_if_fail(runner != NULL, FALSE);
  WnRunStats stats = {0};
  gint64 start_time = g_get_monotonic_time();
  g_atomic_int_set(&runner->cancelled, 0);

  guint64 total = 0;
  g_autoptr(GPtrArray) files = wn_input_expand(inputs, &total, error);
  if (files == NULL) {
    if (stats_out != NULL)
      *stats_out = stats;
    return FALSE;
  }
  stats.bytes_total = total;
  WnOutput *out = wn_output_open(output, error);
  if (out == NULL) {
    if (stats_out != NULL)
      *stats_out = stats;
    return FALSE;
  }

  guint n_threads = runner->n_threads > 0 ? runner->n_threads : g_get_num_processors();
  Run run = {0};
  run.runner = runner;
  run.keep_docs = wn_pipeline_has_group_stages(runner->pipeline);
  run.files = files;
  run.window = 2 * n_threads + 2;
  run.block_size = CLAMP(IN_FLIGHT_BYTES / run.window, MIN_BATCH_BYTES, MAX_BATCH_BYTES);
  run.slots = g_new0(Batch *, run.window);
  g_mutex_init(&run.lock);
  g_cond_init(&run.reader_cond);
  g_cond_init(&run.work_cond);
  g_cond_init(&run.done_cond);
  g_queue_init(&run.work);

  GThread *reader = g_thread_new("wn-reader", reader_thread, &run);
  g_autoptr(GPtrArray) workers = g_ptr_array_new();
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add(workers, g_thread_new("wn-worker", worker_thread, &run));

  Writer w = {.run = &run, .out = out, .stats = &stats, .start_time = start_time};
  w.scratch = g_string_new(NULL);
  GError *local = NULL;
  gboolean ok = write_all_batches(&w, &local);

  run_stop(&run);
  g_thread_join(reader);
  for (guint i = 0; i < workers->len; i++)
    g_thread_join(workers->pdata[i]);
  for (guint i = 0; i < run.window; i++)
    batch_free(run.slots[i]);
  g_queue_clear(&run.work); /* its batches were in the slots */
  g_free(run.slots);
  g_clear_error(&run.reader_error);
  g_mutex_clear(&run.lock);
  g_cond_clear(&run.reader_cond);
  g_cond_clear(&run.work_cond);
  g_cond_clear(&run.done_cond);
  g_clear_pointer(&w.g.key, g_free);
  g_clear_pointer(&w.g.ids, g_ptr_array_unref);
  g_clear_pointer(&w.g.group, wn_group_free);
  g_string_free(w.scratch, TRUE);

  if (ok)
    ok = wn_output_commit(out, &local);
  else
    wn_output_abort(out);

  stats.seconds = (g_get_monotonic_time() - start_time) / 1e6;
  if (runner->progress != NULL)
    runner->progress(&stats, TRUE, runner->progress_data);
  if (stats_out != NULL)
    *stats_out = stats;
  if (!ok)
    g_propagate_error(error, local);
  return ok;
}
