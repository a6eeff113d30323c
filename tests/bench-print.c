/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints timings of the official layout: the example to PDF the way the
 * command line does it (in-process, and through the real program when
 * PERFGOAL_PROGRAM is set), and a declaration of 50 goals × 60 level-3
 * indicators, with the process's peak memory. A benchmark, not a test: it
 * asserts nothing about time.
 *
 *   bench-print [OUT-DIR]
 *
 * With OUT-DIR, the PDFs and the large declaration (large.json) are kept
 * there, so that the program can be timed on it as well.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "pg-cli.h"
#include "pg-document.h"
#include "pg-json.h"
#include "pg-print-pdf.h"
#include "large-declaration.h"

#define N_GOALS 50

static long
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *out_dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("perfgoal-bench-print-XXXXXX", NULL);
  g_autofree char *data_home = g_dir_make_tmp ("perfgoal-bench-data-XXXXXX", NULL);
  g_autofree char *example = g_strdup (PG_EXAMPLE_JSON);
  g_autofree char *example_pdf = g_build_filename (out_dir, "example.pdf", NULL);
  g_autofree char *large_pdf = g_build_filename (out_dir, "large.pdf", NULL);
  g_autofree char *large_json = g_build_filename (out_dir, "large.json", NULL);
  g_autofree char *json = NULL;
  gsize json_length = 0;
  const char *program = g_getenv ("PERFGOAL_PROGRAM");
  g_autoptr(PgDocument) large = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double ms;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* The program, cold: a new process, fonts and all. */
  if (program != NULL)
    for (guint round = 0; round < 3; round++)
      {
        const char *spawn_argv[] = { program, "--export", example_pdf, example, NULL };
        int status = 0;

        start = g_get_monotonic_time ();
        g_spawn_sync (NULL, (char **) spawn_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
        g_assert_no_error (error);
        printf ("example → PDF, perfgoal --export (new process), round %u: %.1f ms\n", round + 1,
                (g_get_monotonic_time () - start) / 1000.0);
      }

  for (guint round = 0; round < 3; round++)
    {
      const char *cli_argv[] = { "perfgoal", "--export", example_pdf, example, NULL };

      start = g_get_monotonic_time ();
      g_assert_cmpint (pg_cli_run (G_N_ELEMENTS (cli_argv) - 1, (char **) cli_argv), ==, 0);
      printf ("example → PDF, pg_cli_run in-process, round %u: %.1f ms\n", round + 1,
              (g_get_monotonic_time () - start) / 1000.0);
    }

  start = g_get_monotonic_time ();
  large = large_declaration_new (N_GOALS, 0, 0);
  printf ("50 goals × 60 indicators: document made in %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  /* The same declaration as a file, for timing the program on it:
   * /usr/bin/time -v perfgoal --export large.pdf OUT-DIR/large.json */
  json = pg_json_export (large, &json_length);
  if (!g_file_set_contents (large_json, json, (gssize) json_length, &error))
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  if (!pg_print_pdf_write (large, NULL, large_pdf, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  {
    g_autoptr(PgPrintLayout) layout = pg_print_layout_new (large, NULL);
    pg_print_layout_paginate (layout, 0);
    printf ("50 goals × 60 indicators → PDF: %.1f ms, %u pages; max RSS %.1f MB\n", ms,
            pg_print_layout_get_n_pages (layout), max_rss_kb () / 1024.0);
  }
  pg_document_close (large);
  if (argc <= 1)
    {
      g_unlink (example_pdf);
      g_unlink (large_pdf);
      g_unlink (large_json);
      g_rmdir (out_dir);
    }
  return 0;
}
