/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "gui-test-util.h"
#include "test-dirs.h"
#include "pg-field.h"
#include "pg-indicator-editor.h"
#include "pg-json.h"

gboolean
pg_test_gui_init (int         *argc,
                  char      ***argv,
                  const char  *language)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's XDG_DATA_DIRS
   * for its own schemas. Only the working copies go somewhere private. */
  pg_test_private_data_home ("perfgoal-gui-test");
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      /* TAP's way to skip the whole program. */
      printf ("1..0 # SKIP no display\n");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

PgDocument *
pg_test_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/com/example/PerfGoal/example.json", 0, &error);
  PgDocument *doc;

  g_assert_no_error (error);
  doc = pg_json_import (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return doc;
}

gpointer
pg_test_item (GListModel *list,
              guint       position)
{
  gpointer object = g_list_model_get_item (list, position);

  g_assert_nonnull (object);
  g_object_unref (object); /* the list keeps it */
  return object;
}

void
pg_test_drain (void)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  /* Indicator tables on screen build a step a frame: wait for the frames. */
  while (pg_indicator_editor_n_building () > 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GtkWidget *
pg_test_field (PgWindow   *window,
               gpointer    record,
               const char *property)
{
  GtkWidget *widget = pg_field_find (GTK_WIDGET (window), PG_RECORD (record), property);

  if (widget == NULL)
    g_error ("no field for %s.%s", pg_record_get_table (record), property ? property : "*");
  return widget;
}

char *
pg_test_shown_text (GtkWidget *widget)
{
  if (GTK_IS_EDITABLE (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (GTK_IS_LABEL (widget))
    return g_strdup (gtk_label_get_text (GTK_LABEL (widget)));
  return g_strdup ("");
}

GtkWidget *
pg_test_find_button (GtkWidget  *root,
                     const char *icon_name)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pg_test_find_button (child, icon_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
pg_test_find_of_type (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pg_test_find_of_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
pg_test_close_window (PgWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  pg_test_drain ();
}

GtkStack *
pg_test_page_stack (PgWindow *window)
{
  /* The phone field is on the first page, which is always built. */
  PgDeclaration *declaration = pg_document_get_declaration (pg_window_get_document (window));
  GtkWidget *phone = pg_test_field (window, declaration, "phone");

  return GTK_STACK (gtk_widget_get_ancestor (phone, GTK_TYPE_STACK));
}
