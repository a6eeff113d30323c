/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor of one goal's indicator tree: a grid of real entry widgets,
 * laid out like the printed form (level-1 and level-2 cells span the rows of
 * their indicators), where level-3 rows edit all five cells in place. The
 * grid is rebuilt only when one of the goal's lists changes, never on a cell
 * edit, and keeps the focus on the same cell across a rebuild.
 */
#pragma once

#include <gtk/gtk.h>

#include "pg-document.h"

G_BEGIN_DECLS

GtkWidget *pg_indicator_editor_new (PgDocument *document,
                                    PgGoal     *goal);

G_END_DECLS
