/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints timings and peak memory of the official layout: the example to PDF
 * the way the command line does it, in-process and (when PERFGOAL_PROGRAM
 * is set) through the real program, each run a new process with its own
 * fonts to load; then a declaration of 50 goals × 60 level-3 indicators,
 * likewise. A benchmark, not a test: it asserts nothing about time.
 *
 *   PERFGOAL_PROGRAM=_build/src/perfgoal bench-print [OUT-DIR]
 *
 * With OUT-DIR, the PDFs and the large declaration (large.json) are kept
 * there. The font subsets' cache is the run's own (XDG_CACHE_HOME).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "bench-report.h"
#include "test-dirs.h"
#include "pg-cli.h"
#include "pg-document.h"
#include "pg-json.h"
#include "pg-print-fonts.h"
#include "pg-print-pdf.h"
#include "large-declaration.h"

#define N_GOALS 50
#define PROGRAM_ROUNDS 10
#define IN_PROCESS_ROUNDS 10
#define LARGE_ROUNDS 3

extern char **environ;

/* Runs the program as a new process; returns its time in ms and its peak
 * resident memory in MB. */
static double
run_program (const char *program,
             const char *out,
             const char *in,
             double     *peak_mb)
{
  const char *argv[] = { program, "--export", out, in, NULL };
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  pid_t pid;
  int status = 0;

  if (posix_spawn (&pid, program, NULL, NULL, (char **) argv, environ) != 0)
    g_error ("cannot run %s", program);
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s --export %s %s failed", program, out, in);
  *peak_mb = usage.ru_maxrss / 1024.0;
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Empties the print fonts' cache (pg-print-fonts.c). */
static void
clear_font_cache (void)
{
  g_autofree char *dir = pg_print_font_cache_dir ();
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
}

/* Where each run's font subsets come from. */
typedef enum {
  SUBSETS_CACHED,         /* the cache: the same declaration exported again */
  SUBSETS_FROM_PREPARED,  /* cut from the prepared faces: a first export */
  SUBSETS_FROM_WHOLE,     /* cut from the whole faces: no prepared faces */
} Subsets;

static void
time_program (const char *what,
              const char *program,
              const char *out,
              const char *in,
              Subsets     subsets,
              guint       rounds)
{
  static const char *const described[] = {
    [SUBSETS_CACHED] = "font subsets from the cache",
    [SUBSETS_FROM_PREPARED] = "font subsets cut from the prepared faces",
    [SUBSETS_FROM_WHOLE] = "font subsets cut from the whole faces",
  };
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *chosen = g_strdup (g_getenv ("PERFGOAL_PRINT_FACES"));
  double peak_mb = 0;

  /* The children's environment: an empty name means none
   * (pg-print-fonts.h). */
  if (subsets == SUBSETS_FROM_WHOLE)
    g_setenv ("PERFGOAL_PRINT_FACES", "", TRUE);
  if (subsets == SUBSETS_CACHED)
    run_program (program, out, in, &peak_mb);
  for (guint round = 0; round < rounds; round++)
    {
      double peak = 0;
      double round_ms;

      if (subsets != SUBSETS_CACHED)
        clear_font_cache ();
      round_ms = run_program (program, out, in, &peak);
      g_array_append_val (ms, round_ms);
      peak_mb = MAX (peak_mb, peak);
    }
  if (chosen != NULL)
    g_setenv ("PERFGOAL_PRINT_FACES", chosen, TRUE);
  else
    g_unsetenv ("PERFGOAL_PRINT_FACES");
  printf ("%s, perfgoal --export as a new process, %s: peak memory %.1f MB\n", what, described[subsets], peak_mb);
  bench_report ("  time", ms);
}

int
main (int    argc,
      char **argv)
{
  /* Working copies, the font subsets' cache and (without OUT-DIR) the
   * output: a scratch place, removed at exit. */
  const char *data_home = pg_test_private_data_home ("perfgoal-bench-print");
  g_autofree char *out_dir = argc > 1 ? g_strdup (argv[1]) : g_strdup (data_home);
  g_autofree char *example = g_strdup (PG_EXAMPLE_JSON);
  g_autofree char *example_pdf = g_build_filename (out_dir, "example.pdf", NULL);
  g_autofree char *large_pdf = g_build_filename (out_dir, "large.pdf", NULL);
  g_autofree char *large_json = g_build_filename (out_dir, "large.json", NULL);
  g_autofree char *json = NULL;
  gsize json_length = 0;
  const char *program = g_getenv ("PERFGOAL_PROGRAM");
  g_autoptr(PgDocument) large = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) warm_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start;


  /* The program first, while this process has loaded nothing. */
  if (program != NULL)
    {
      time_program ("example → PDF", program, example_pdf, example, SUBSETS_FROM_PREPARED, PROGRAM_ROUNDS);
      time_program ("example → PDF", program, example_pdf, example, SUBSETS_CACHED, PROGRAM_ROUNDS);
      time_program ("example → PDF", program, example_pdf, example, SUBSETS_FROM_WHOLE, PROGRAM_ROUNDS);
    }

  for (guint round = 0; round <= IN_PROCESS_ROUNDS; round++)
    {
      const char *cli_argv[] = { "perfgoal", "--export", example_pdf, example, NULL };
      double round_ms;

      start = g_get_monotonic_time ();
      g_assert_cmpint (pg_cli_run (G_N_ELEMENTS (cli_argv) - 1, (char **) cli_argv), ==, 0);
      round_ms = (g_get_monotonic_time () - start) / 1000.0;
      /* The first round also loads fontconfig's configuration and caches. */
      if (round == 0)
        printf ("example → PDF, pg_cli_run in-process, first round: %.1f ms\n", round_ms);
      else
        g_array_append_val (warm_ms, round_ms);
    }
  printf ("example → PDF, pg_cli_run in-process, later rounds:\n");
  bench_report ("  time", warm_ms);

  start = g_get_monotonic_time ();
  large = large_declaration_new (N_GOALS, 0, 0);
  printf ("50 goals × 60 indicators: document made in %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  json = pg_json_export (large, &json_length);
  if (!g_file_set_contents (large_json, json, (gssize) json_length, &error))
    g_error ("%s", error->message);

  for (guint round = 0; round < LARGE_ROUNDS; round++)
    {
      double round_ms;

      start = g_get_monotonic_time ();
      if (!pg_print_pdf_write (large, NULL, large_pdf, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      round_ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (large_ms, round_ms);
    }
  {
    g_autoptr(PgPrintLayout) layout = pg_print_layout_new (large, NULL);

    pg_print_layout_paginate (layout, 0);
    printf ("50 goals × 60 indicators → PDF (%u pages), pg_print_pdf_write in-process:\n",
            pg_print_layout_get_n_pages (layout));
    bench_report ("  time", large_ms);
  }
  pg_document_close (large);

  /* Loading the JSON included: what a user of the command line waits for. */
  if (program != NULL)
    time_program ("50 goals × 60 indicators (large.json) → PDF", program, large_pdf, large_json, SUBSETS_FROM_PREPARED, LARGE_ROUNDS);

  return 0;
}
