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

G_END_DECLS
