/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the benchmarks print their figures.
 */
#pragma once

#include <glib.h>

/* Prints one line: `what`, then the median, least and most of the times
 * in `ms` (doubles, milliseconds), which it sorts. Nothing when empty. */
void bench_report (const char *what,
                   GArray     *ms);
