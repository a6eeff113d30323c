/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages of the window, one per section of the form. The contract every
 * section keeps: it is built from the document alone, shows it live (each
 * field through pg-field.h, so the window can reveal and focus any field
 * after an undo), sends every edit to the document as a command, and keeps
 * no state of its own that the document does not have.
 */
#pragma once

#include <adwaita.h>

#include "pg-document.h"

G_BEGIN_DECLS

GtkWidget *pg_section_basic_new     (PgDocument *document); /* header + department */
GtkWidget *pg_section_finance_new   (PgDocument *document); /* revenue & expenditure */
GtkWidget *pg_section_functions_new (PgDocument *document); /* overview of functions */
GtkWidget *pg_section_tasks_new     (PgDocument *document); /* task groups and tasks */
GtkWidget *pg_section_projects_new  (PgDocument *document); /* project expenditure */
GtkWidget *pg_section_goals_new     (PgDocument *document); /* annual goals */
/* The indicator editor of `goal` on the Goals page, built now if it was
 * not yet (the page builds those far from view only when needed). */
GtkWidget *pg_section_goals_ensure_editor (GtkWidget *page,
                                           PgGoal    *goal);

/* Scaffolding the sections share. */

/* A scrolling page with a clamped vertical box to put groups in; returns
 * the page, and the box in out_box. */
GtkWidget *pg_section_page_new    (GtkWidget **out_box);
/* A toast in the window's overlay; with `offer_undo`, an Undo button that
 * runs win.undo. */
void       pg_section_show_toast  (GtkWidget  *widget,
                                   const char *message,
                                   gboolean    offer_undo);
/* Scrolls `widget` into view once it has been laid out: a row a list has
 * just created has no place yet when it takes the focus. */
void       pg_section_scroll_into_view (GtkWidget *widget);
/* A message for an error the user should see (a command that failed). */
void       pg_section_show_error  (GtkWidget  *widget,
                                   GError     *error);

/* Rows of the reorderable lists (task groups, tasks, projects): each row
 * widget carries its data, so that a focused widget finds its row. */

/* Sets the data of `row`, freed with the row. */
void       pg_section_row_set_data   (GtkWidget      *row,
                                      gpointer        data,
                                      GDestroyNotify  free_data);
/* The data of `widget` when it is a row, else NULL. */
gpointer   pg_section_row_get_data   (GtkWidget      *widget);
/* The data of the innermost row around `widget` (itself included), looking
 * no further out than `page`; NULL outside every row. */
gpointer   pg_section_row_containing (GtkWidget      *page,
                                      GtkWidget      *widget);
/* The widget with the keyboard focus in the window of `page`, if any. */
GtkWidget *pg_section_get_focus      (GtkWidget      *page);

/* Where the focus is in a row: which of its parts, and the cursor in that
 * part when it is text. A move rebuilds the row; this puts the focus back. */
typedef struct {
  int part;    /* index in the row's parts, or -1: not in the row */
  int cursor;  /* character offset, or -1 */
} PgFocusSpot;

PgFocusSpot pg_section_find_focus    (GtkWidget         *focus,
                                      GtkWidget * const *parts,
                                      guint              n_parts);
/* Puts the cursor of an entry or text view at `cursor` (-1: leaves it). */
void       pg_section_set_cursor     (GtkWidget      *widget,
                                      int             cursor);

/* Adds a shortcut that calls `callback` with `data` (and `args`, if any). */
void       pg_section_add_shortcut   (GtkEventController *controller,
                                      guint               keyval,
                                      GdkModifierType     modifiers,
                                      GtkShortcutFunc     callback,
                                      gpointer            data,
                                      GVariant           *args);

/* Drag and drop on a row's handle: the drag shows `shown` under the pointer
 * where the handle was grabbed (at x, y in the handle). */
void       pg_section_set_drag_icon  (GtkDragSource  *source,
                                      GtkWidget      *shown,
                                      GtkWidget      *handle,
                                      double          x,
                                      double          y);
/* Whether a drop at `y` on `row` lands on its lower half: after it. */
gboolean   pg_section_drop_is_after  (GtkWidget      *row,
                                      double          y);
/* Where an item now at `from` goes, in the same list, to land in the gap
 * before index `gap` (counted before the move). FALSE when that is where
 * it already is. */
gboolean   pg_section_gap_to_position (guint          from,
                                       guint          gap,
                                       guint         *position);

G_END_DECLS
