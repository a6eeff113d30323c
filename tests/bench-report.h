/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the benchmarks time and print their figures.
 */
#pragma once

#include <glib.h>

/* Sorts `ms` (doubles, milliseconds) and prints one line: `what`, the
 * median, fastest and slowest (nothing when empty). The fastest is what the
 * machine can do, the median what it did while shared with others. */
void bench_report (const char *what,
                   GArray     *ms);

/* Adds the milliseconds `statement` took to `ms_array` (doubles). */
#define TIME(ms_array, statement)                                     \
  G_STMT_START {                                                      \
    gint64 t0 = g_get_monotonic_time ();                              \
    double elapsed;                                                   \
    statement;                                                        \
    elapsed = (g_get_monotonic_time () - t0) / 1000.0;                \
    g_array_append_val (ms_array, elapsed);                           \
  } G_STMT_END
