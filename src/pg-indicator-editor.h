/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor of one goal's indicator tree: a grid of real entry widgets,
 * laid out like the printed form (level-1 and level-2 cells span the rows of
 * their indicators), where level-3 rows edit all five cells in place. The
 * grid is rebuilt only when one of the goal's lists changes, never on a cell
 * edit, and keeps the focus on the same cell across a rebuild. Level-1 and
 * level-2 rows collapse and expand; the keyboard walks the grid as a table
 * (see pg-indicator-editor.c); rows move, indent, outdent, cut, copy and
 * paste (the clipboard holds the exchange format's JSON of the subtree) and
 * drag and drop, each as one undo step.
 */
#pragma once

#include <gtk/gtk.h>

#include "pg-document.h"

G_BEGIN_DECLS

GtkWidget *pg_indicator_editor_new (PgDocument *document,
                                    PgGoal     *goal);

/* The same, its table built in steps of a few milliseconds, at idles
 * between frames, one step a frame while its window shows it (a goals
 * page builds the tables of goals coming near the view as it scrolls). */
GtkWidget *pg_indicator_editor_new_in_steps (PgDocument *document,
                                             PgGoal     *goal);
/* Builds now what is left to build; whether nothing is. */
void       pg_indicator_editor_finish       (GtkWidget  *editor);
gboolean   pg_indicator_editor_is_built     (GtkWidget  *editor);
/* How many editors are building in steps (their steps wait for the frames
 * of their window while it shows them). */
guint      pg_indicator_editor_n_building   (void);

/* The editor of `goal` under `root`, or NULL. */
GtkWidget *pg_indicator_editor_find (GtkWidget *root,
                                     PgGoal    *goal);

/* Whether `cell`, a widget of the tree, is in sight: not folded away
 * under a collapsed node. */
gboolean   pg_indicator_editor_cell_is_shown (GtkWidget *cell);

/* Shows and focuses the cell at `path`, a path within the goal in the
 * exchange format's terms: "indicators[0].children[1].children[0].target"
 * (a level-3 field: name, year_minus_2, year_minus_1, target, basis), or a
 * node ("indicators[1]", "indicators[1].category"). Collapsed nodes above
 * it are expanded. FALSE when there is no such cell. */
gboolean   pg_indicator_editor_focus_path (GtkWidget  *editor,
                                           const char *path);

/* Shows and focuses `record`'s cell for `property` (its first cell when
 * NULL or not a cell of it), expanding the collapsed nodes above it. */
gboolean   pg_indicator_editor_focus_record (GtkWidget   *editor,
                                             PgIndicator *record,
                                             const char  *property);

/* What a drop of `dragged` on `target` does (in its lower half when
 * `after`): a move before or after a row of its level, or to the end of a
 * row of the level above. The drop target calls it; so can tests. */
gboolean   pg_indicator_editor_drop (GtkWidget   *editor,
                                     PgIndicator *dragged,
                                     PgIndicator *target,
                                     gboolean     after);

/* What a paste of `json` at `anchor` (NULL: the goal's end) does: the
 * subtree goes where its level fits, nearest the anchor, as one step.
 * The paste action reads the clipboard and calls it. */
gboolean   pg_indicator_editor_paste_text (GtkWidget   *editor,
                                           PgIndicator *anchor,
                                           const char  *json);

G_END_DECLS
