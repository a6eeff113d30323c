/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fields: the one place where a widget meets a record's property. A bound
 * widget sends each edit to the document as a command and shows the
 * document's value whenever it changes (undo, redo, paste, import); it keeps
 * no undo history of its own, so there is only the document's. Every bound
 * widget is tagged with its record and property, so the window can find it
 * again to reveal and focus what an undo restored.
 */
#pragma once

#include <gtk/gtk.h>

#include "pg-document.h"

G_BEGIN_DECLS

/* A single-line text field (GtkEntry, GtkText, AdwEntryRow …). */
void pg_field_bind_text (GtkEditable *editable,
                         PgDocument  *document,
                         PgRecord    *record,
                         const char  *property);

/* Long text that wraps and grows (functions, task bodies, purposes). */
void pg_field_bind_text_view (GtkTextView *view,
                              PgDocument  *document,
                              PgRecord    *record,
                              const char  *property);

/* An amount (a gint64 property, see pg-amount.h). What the user types is
 * checked as typed: "1,485.73", "1485.73" and full-width digits are taken;
 * anything else is marked in place (style class "error", tooltip and
 * accessible description say why) and the document keeps its value until
 * the text is an amount again. Empty means "not filled in". */
void pg_field_bind_amount (GtkEditable *editable,
                           PgDocument  *document,
                           PgRecord    *record,
                           const char  *property);

/* Tags a widget (bound or not) as the place `record`'s `property` is
 * edited; property NULL tags the record as a whole (a list row). */
void       pg_field_tag  (GtkWidget  *widget,
                          PgRecord   *record,
                          const char *property);
/* The widget under `root` tagged with record and property (any of the
 * record's when property is NULL), or NULL. Looks into every stack page,
 * shown or not. */
GtkWidget *pg_field_find (GtkWidget  *root,
                          PgRecord   *record,
                          const char *property);

typedef void (*PgFieldFunc) (GtkWidget  *widget,
                             PgRecord   *record,
                             const char *property,
                             gpointer    user_data);
/* Calls `func` on every tagged widget under `root` (every stack page,
 * shown or not), with its record and property. */
void       pg_field_foreach        (GtkWidget   *root,
                                    PgFieldFunc  func,
                                    gpointer     user_data);
/* Calls `func` on every widget tagged with `record` and `property`, in
 * every window, without walking any: for a view that follows a few fields
 * among thousands. */
void       pg_field_foreach_tagged (PgRecord    *record,
                                    const char  *property,
                                    PgFieldFunc  func,
                                    gpointer     user_data);
/* Calls `func` on each widget as it is tagged (a table built or rebuilt),
 * until pg_field_unwatch_tags() with the id returned. The widget is
 * usually not in a window yet. */
guint      pg_field_watch_tags     (PgFieldFunc  func,
                                    gpointer     user_data);
void       pg_field_unwatch_tags   (guint        id);

/* Sets the accessible label of a bound widget (what a screen reader says). */
void pg_field_set_label (GtkWidget  *widget,
                         const char *label);

/* Sets `widget`'s tooltip (NULL: none), cheaply: GTK 4.8's
 * gtk_widget_set_tooltip_text() asks the display where the pointer is
 * whenever the widget is visible, a round trip to an X server each time. */
void pg_field_set_tooltip (GtkWidget  *widget,
                           const char *text);

G_END_DECLS
