/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the GUI tests share: the example document, finding a field's widget,
 * letting GTK catch up, and the start of a test program under Xvfb.
 */
#pragma once

#include <adwaita.h>

#include "pg-document.h"
#include "pg-window.h"

G_BEGIN_DECLS

/* Sets up a GUI test program: working copies in a private data directory,
 * the UI in `language` (LANGUAGE; NULL leaves it), GTK and libadwaita.
 * FALSE when there is no display: the program has then printed TAP's
 * "skip everything" line and should return 0. */
gboolean    pg_test_gui_init     (int         *argc,
                                  char      ***argv,
                                  const char  *language);
/* The bundled example declaration, imported afresh. */
PgDocument *pg_test_example      (void);
/* Item `position` of `list`, which keeps it (so: no reference). */
gpointer    pg_test_item         (GListModel  *list,
                                  guint        position);
/* Runs the main loop until nothing is left to do. */
void        pg_test_drain        (void);
/* The widget that edits `property` of `record` (NULL: the record's row) in
 * `window`; a test error when there is none. */
GtkWidget  *pg_test_field        (PgWindow    *window,
                                  gpointer     record,
                                  const char  *property);
/* What a field shows, whatever kind of widget it is. Free with g_free(). */
char       *pg_test_shown_text   (GtkWidget   *widget);
/* The first button under `root` showing the icon `icon_name`. */
GtkWidget  *pg_test_find_button  (GtkWidget   *root,
                                  const char  *icon_name);
/* The first widget under `root` (itself included) of type `type`. */
GtkWidget  *pg_test_find_of_type (GtkWidget   *root,
                                  GType        type);
/* Destroys `window` and lets GTK finish with it. */
void        pg_test_close_window (PgWindow    *window);
/* The stack of the window's pages. */
GtkStack   *pg_test_page_stack   (PgWindow    *window);

G_END_DECLS
