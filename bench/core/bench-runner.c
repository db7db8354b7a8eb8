/* bench-runner.c: throughput and peak memory of the streaming runner.
 *
 *   bench-runner INPUT.jsonl [RUNS]     (default 3 runs per configuration)
 *
 * Runs INPUT through a pass-through pipeline (no stages) and through one
 * trivial stage, on one thread and on every processor, writing the records
 * to /dev/null. Each run happens in a child process so its peak RSS is its
 * own. Prints the median MB/s (input bytes per wall-clock second), MB/s per
 * worker thread, MB per CPU-second (all threads of the process: the figure
 * to trust on a busy machine, where wall-clock rates depend on the others),
 * and the largest peak RSS of the runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <winnow/winnow.h>

typedef struct {
  double mb_per_s;
  double mb_per_cpu_s; /* input MB per second of CPU time, all threads */
  double seconds;
  long max_rss_kb;
  guint64 docs;
} Result;

static const char *const plugin_dirs[] = {BENCH_PLUGINS_DIR, NULL};

/* One run in a child process; the result comes back through a pipe. */
static gboolean
run_once(const char *pipeline_json, const char *input, guint threads, Result *result)
{
  int fds[2];
  if (pipe(fds) != 0)
    return FALSE;
  pid_t pid = fork();
  if (pid < 0)
    return FALSE;
  if (pid == 0) {
    close(fds[0]);
    g_autoptr(GError) error = NULL;
    g_autoptr(WnPipeline) p =
        wn_pipeline_new_from_data(pipeline_json, -1, "<bench>", plugin_dirs, &error);
    if (p == NULL) {
      fprintf(stderr, "%s\n", error->message);
      _exit(1);
    }
    g_autoptr(WnRunner) r = wn_runner_new(p);
    wn_runner_set_threads(r, threads);
    const char *inputs[] = {input, NULL};
    WnRunStats stats;
    if (!wn_runner_run(r, inputs, "/dev/null", &stats, &error)) {
      fprintf(stderr, "%s\n", error->message);
      _exit(1);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                       ru.ru_stime.tv_usec / 1e6;
    Result res = {stats.bytes_in / 1e6 / stats.seconds, stats.bytes_in / 1e6 / cpu, stats.seconds,
                  ru.ru_maxrss, stats.n_documents};
    if (write(fds[1], &res, sizeof res) != sizeof res)
      _exit(1);
    _exit(0);
  }
  close(fds[1]);
  gboolean ok = read(fds[0], result, sizeof *result) == sizeof *result;
  close(fds[0]);
  int status;
  waitpid(pid, &status, 0);
  return ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int
compare_doubles(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: %s INPUT.jsonl [RUNS]\n", argv[0]);
    return 2;
  }
  const char *input = argv[1];
  guint runs = argc > 2 ? (guint)atoi(argv[2]) : 3;
  if (runs < 1 || runs > 99)
    runs = 3;
  struct stat st;
  if (stat(input, &st) != 0) {
    perror(input);
    return 1;
  }
  const guint cores = g_get_num_processors();
  const struct {
    const char *name;
    const char *json;
  } pipelines[] = {
      {"pass-through", "{\"name\":\"pass\",\"stages\":[]}"},
      {"trivial stage", "{\"name\":\"trivial\",\"stages\":[{\"stage\":\"bench-trivial\"}]}"},
  };
  printf("input %s: %.1f MB; %u run(s) each, median; output to /dev/null\n", input,
         st.st_size / 1e6, runs);
  printf("%-14s %7s %10s %12s %10s %10s %12s\n", "pipeline", "threads", "MB/s", "MB/s/thread",
         "MB/cpu-s", "docs/s", "peak RSS MB");
  for (guint k = 0; k < G_N_ELEMENTS(pipelines); k++) {
    const guint thread_counts[] = {1, cores};
    for (guint t = 0; t < (cores > 1 ? 2u : 1u); t++) {
      double rates[99], docs_rates[99], cpu_rates[99];
      long max_rss = 0;
      for (guint i = 0; i < runs; i++) {
        Result res;
        if (!run_once(pipelines[k].json, input, thread_counts[t], &res)) {
          fprintf(stderr, "run failed\n");
          return 1;
        }
        rates[i] = res.mb_per_s;
        cpu_rates[i] = res.mb_per_cpu_s;
        docs_rates[i] = res.docs / res.seconds;
        max_rss = MAX(max_rss, res.max_rss_kb);
      }
      qsort(rates, runs, sizeof rates[0], compare_doubles);
      qsort(docs_rates, runs, sizeof docs_rates[0], compare_doubles);
      qsort(cpu_rates, runs, sizeof cpu_rates[0], compare_doubles);
      double median = rates[runs / 2];
      printf("%-14s %7u %10.1f %12.1f %10.1f %10.0f %12.1f\n", pipelines[k].name, thread_counts[t],
             median, median / thread_counts[t], cpu_rates[runs / 2], docs_rates[runs / 2],
             max_rss / 1024.0);
      fflush(stdout);
    }
  }
  return 0;
}
