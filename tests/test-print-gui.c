/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GTK side of printing: the print operation exported to a file (no
 * printer needed) gives the layout's pages; the preview lays them out.
 * Skipped without a display.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pg-json.h"
#include "pg-print-layout.h"
#include "pg-print-operation.h"

static PgDocument *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "example.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PgDocument *document = pg_json_import_file (file, &error);

  g_assert_no_error (error);
  return document;
}

static void
test_operation_export (void)
{
  g_autoptr(PgDocument) document = load_example ();
  g_autoptr(PgPrintOperation) operation = pg_print_operation_new (document);
  g_autoptr(PgPrintLayout) layout = pg_print_layout_new (document, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("perfgoal-print-gui-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "op.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *expected = NULL;
  const char *argv[] = { "pdfinfo", pdf, NULL };
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), pdf);
  gtk_print_operation_set_show_progress (GTK_PRINT_OPERATION (operation), FALSE);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  pg_print_layout_paginate (layout, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL, NULL, &error));
  expected = g_strdup_printf ("Pages:           %u", pg_print_layout_get_n_pages (layout));
  g_assert_nonnull (strstr (info, expected));
  g_assert_nonnull (strstr (info, "(A4)"));
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_preview (void)
{
  g_autoptr(PgDocument) document = load_example ();
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *window;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  pg_print_preview (NULL, document);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), >=, 1);
  window = g_list_model_get_item (toplevels, g_list_model_get_n_items (toplevels) - 1);
  g_object_unref (window);
  /* Let it paginate and draw. */
  while (g_get_monotonic_time () < deadline && g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  gtk_window_destroy (window);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("perfgoal-test-print-gui-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* TAP's way to skip the whole program. */
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/print-gui/operation-export", test_operation_export);
  g_test_add_func ("/print-gui/preview", test_preview);
  return g_test_run ();
}
