/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long until the window is on screen, drawn: PerfGoal's window on the
 * example against a bare libadwaita window, each in a fresh process, timed
 * from main() to the first frame painted. A benchmark: it prints figures
 * and asserts nothing.
 *
 *   xvfb-run bench-startup [ROUNDS]
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "test-dirs.h"
#include "pg-json.h"
#include "pg-renderer.h"
#include "pg-window.h"

static gint64 started;

static void
after_paint (GdkFrameClock *clock,
             GtkWindow     *window)
{
  printf ("%.1f\n", (g_get_monotonic_time () - started) / 1000.0);
  fflush (stdout);
  exit (0);
}

static void
on_map (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), window);
}

static int
run_once (const char *mode)
{
  GtkWidget *window;

  gtk_init ();
  adw_init ();
  /* As the application does at start-up, for both windows. */
  pg_renderer_choose ();
  if (g_getenv ("PERFGOAL_BENCH_PHASES"))
    fprintf (stderr, "initialised at %.1f ms\n", (g_get_monotonic_time () - started) / 1000.0);
  if (g_str_equal (mode, "bare"))
    window = adw_application_window_new (NULL);
  else if (g_str_equal (mode, "bare, with a line of Chinese"))
    {
      /* The CJK font's first use costs the same to any window. */
      window = adw_application_window_new (NULL);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                          gtk_label_new ("武汉市蔡甸区残疾人联合会 Department"));
    }
  else
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data ("/com/example/PerfGoal/example.json", 0, NULL);
      g_autoptr(PgDocument) document = pg_json_import (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
      if (g_getenv ("PERFGOAL_BENCH_PHASES"))
        fprintf (stderr, "imported at %.1f ms\n", (g_get_monotonic_time () - started) / 1000.0);
      window = GTK_WIDGET (pg_window_new (NULL, document));
      if (g_getenv ("PERFGOAL_BENCH_PHASES"))
        fprintf (stderr, "window built at %.1f ms\n", (g_get_monotonic_time () - started) / 1000.0);
    }
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
measure (const char *self,
         const char *mode,
         guint       rounds)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *out = NULL;
      const char *argv[] = { self, "--once", mode, NULL };
      double ms;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, NULL, NULL))
        return;
      ms = g_ascii_strtod (out, NULL);
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare);
  printf ("%-34s median %7.1f ms   min %7.1f   max %7.1f   (n=%u)\n", mode,
          g_array_index (times, double, times->len / 2), g_array_index (times, double, 0),
          g_array_index (times, double, times->len - 1), times->len);
}

int
main (int    argc,
      char **argv)
{
  guint rounds;

  started = g_get_monotonic_time ();
  if (argc == 3 && g_str_equal (argv[1], "--once"))
    return run_once (argv[2]);

  /* For this process and the ones it starts; removed at exit. */
  pg_test_private_data_home ("perfgoal-bench-startup");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  rounds = argc > 1 ? (guint) atoi (argv[1]) : 7;
  printf ("time from main() to the first frame drawn, fresh process each:\n");
  measure (argv[0], "bare", rounds);
  measure (argv[0], "bare, with a line of Chinese", rounds);
  measure (argv[0], "example", rounds);
  return 0;
}
