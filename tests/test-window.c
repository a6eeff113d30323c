/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window, driven through its widgets and actions under Xvfb: it shows
 * the example, an edit in a field reaches the document, and undo brings the
 * old value back into the field.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "pg-json.h"
#include "pg-window.h"

static PgDocument *
example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/com/example/PerfGoal/example.json", 0, &error);
  PgDocument *doc;

  g_assert_no_error (error);
  doc = pg_json_import (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return doc;
}

/* The entry row whose title is `title`, anywhere under `widget`. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found)
        return found;
    }
  return NULL;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_window_edit_and_undo (void)
{
  g_autoptr(PgDocument) doc = example ();
  PgDeclaration *decl = pg_document_get_declaration (doc);
  PgWindow *window = pg_window_new (NULL, doc);
  GtkWidget *phone;

  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "武汉市蔡甸区残疾人联合会 — 2023");

  phone = find_row (GTK_WIDGET (window), "Contact telephone");
  g_assert_nonnull (phone);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "84902037");

  /* An edit through the widget is a command on the document. */
  gtk_editable_set_text (GTK_EDITABLE (phone), "027-84902037");
  g_assert_cmpstr (pg_declaration_get_phone (decl), ==, "027-84902037");
  g_assert_true (pg_document_get_can_undo (doc));

  /* Undo, through the window's action: the model and the field follow. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_cmpstr (pg_declaration_get_phone (decl), ==, "84902037");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "84902037");

  /* A change made underneath the window shows in it. */
  g_assert_true (pg_document_set_string (doc, PG_RECORD (decl), "department-name", "蔡甸区残联", NULL));
  drain ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "蔡甸区残联 — 2023");

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("perfgoal-window-XXXXXX", NULL);

  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's XDG_DATA_DIRS
   * for its own schemas. Only the working copies go somewhere private. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* TAP's way to skip the whole program. */
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/window/edit-and-undo", test_window_edit_and_undo);
  return g_test_run ();
}
