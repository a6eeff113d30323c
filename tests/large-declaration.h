/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The large declaration the benchmarks measure: `n_goals` goals of 60
 * level-3 indicators each (3 level-1, 5 level-2, 12 level-3 under each
 * level-2), `n_tasks` tasks in 10 groups and `n_projects` projects.
 */
#pragma once

#include "pg-document.h"

PgDocument *large_declaration_new (guint n_goals,
                                   guint n_tasks,
                                   guint n_projects);
