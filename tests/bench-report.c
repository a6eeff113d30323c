/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "bench-report.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

void
bench_report (const char *what,
              GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  printf ("%-28s median %8.3f ms   min %8.3f   max %8.3f   (n=%u)\n", what,
          g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, 0),
          g_array_index (ms, double, ms->len - 1), ms->len);
}
