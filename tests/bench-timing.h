/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Timing for the benchmarks: TIME() adds the milliseconds a statement took
 * to an array of doubles, report() prints their median, min and max.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static inline void
report (const char *what,
        GArray     *ms)
{
  g_array_sort (ms, bench_compare_doubles);
  printf ("%-28s median %8.3f ms   min %8.3f   max %8.3f   (n=%u)\n", what,
          g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, 0),
          g_array_index (ms, double, ms->len - 1), ms->len);
}

#define TIME(ms_array, statement)                                     \
  G_STMT_START {                                                      \
    gint64 t0 = g_get_monotonic_time ();                              \
    double elapsed;                                                   \
    statement;                                                        \
    elapsed = (g_get_monotonic_time () - t0) / 1000.0;                \
    g_array_append_val (ms_array, elapsed);                           \
  } G_STMT_END
