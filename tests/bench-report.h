/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the benchmarks print their figures.
 */
#pragma once

#include <glib.h>

/* Sorts `ms` (doubles, milliseconds) and prints one line: `what`, the
 * median, fastest and slowest (nothing when empty). The fastest is what the
 * machine can do, the median what it did while shared with others. */
void bench_report (const char *what,
                   GArray     *ms);
