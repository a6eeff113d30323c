/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the benchmarks print a series of timings.
 */
#pragma once

#include <glib.h>

/* Sorts `ms` (doubles, milliseconds) and prints its median, fastest and
 * slowest: the fastest is what the machine can do, the median what it did
 * while shared with others. */
void bench_report (const char *what,
                   GArray     *ms);
