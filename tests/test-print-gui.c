/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GTK side of printing: the print operation exported to a file (no
 * printer needed) gives the layout's pages; the preview lays them out; the
 * layout options set through the print dialog's "Layout" tab and the
 * preview's options popover change the pages; the preview and the export
 * print on the paper of the saved page setup. Skipped without a display.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "pg-print-layout.h"
#include "pg-print-operation.h"

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "page-numbering");
  g_settings_reset (settings, "attachment-number");
  g_settings_reset (settings, "print-signature-block");
}

static GtkWidget *
find_widget (GtkWidget  *root,
             const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of `pdf` (one page when `page` > 0), without any white space. */
static char *
pdf_text (const char *pdf,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *all[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
  const char *one[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-f", first, "-l", first, pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GString *squeezed = g_string_new (NULL);
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) (page > 0 ? one : all), NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (squeezed, g_utf8_get_char (p));
  return g_string_free (squeezed, FALSE);
}

static void
iterate_until_paginated (GtkWindow *preview)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* Let GSettings' change notifications arrive, then the pages follow. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  while (g_get_monotonic_time () < deadline &&
         !pg_print_layout_is_paginated (pg_print_preview_get_layout (preview)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (pg_print_layout_is_paginated (pg_print_preview_get_layout (preview)));
}

/* Page 1 of the preview's pages, drawn to a PDF, as text. */
static char *
preview_page1_text (GtkWindow  *preview,
                    const char *dir)
{
  PgPrintLayout *layout = pg_print_preview_get_layout (preview);
  const PgPrintOptions *options = pg_print_layout_get_options (layout);
  g_autofree char *pdf = g_build_filename (dir, "preview.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (pdf, options->paper_width, options->paper_height);
  cairo_t *cr = cairo_create (surface);
  char *text;

  pg_print_layout_draw_page (layout, cr, 0);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  text = pdf_text (pdf, 1);
  g_unlink (pdf);
  return text;
}

static void
test_operation_export (void)
{
  g_autoptr(PgDocument) document = pg_test_example ();
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
  g_autoptr(PgDocument) document = pg_test_example ();
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

/* The print dialog's "Layout" tab: its widgets, applied as the dialog
 * applies them, decide what prints. */
static void
test_dialog_options (void)
{
  g_autoptr(PgDocument) document = pg_test_example ();
  g_autoptr(PgPrintOperation) operation = pg_print_operation_new (document);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) tab = NULL;
  g_autofree char *dir = g_dir_make_tmp ("perfgoal-print-gui-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "options.pdf", NULL);
  g_autofree char *page1 = NULL;
  g_autofree char *all = NULL;
  g_autofree char *numbering = NULL;
  g_autofree char *tab_label = NULL;
  PgDeclaration *declaration = pg_document_get_declaration (document);
  GtkWidget *widget;
  GtkPrintOperationResult result;

  reset_settings ();
  g_object_get (operation, "custom-tab-label", &tab_label, NULL);
  g_assert_nonnull (tab_label);
  g_signal_emit_by_name (operation, "create-custom-widget", &tab);
  g_assert_true (GTK_IS_WIDGET (tab));
  g_object_ref_sink (tab);
  widget = GTK_WIDGET (tab);
  g_assert_cmpstr (pg_declaration_get_label_language (declaration), ==, "zh_CN");
  g_assert_false (pg_document_get_can_undo (document));

  /* The labels' language is the document's: one step to undo. Nothing
   * changes before the dialog applies the tab. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (widget, "language")), 1);
  g_assert_cmpstr (pg_declaration_get_label_language (declaration), ==, "zh_CN");
  g_signal_emit_by_name (operation, "custom-widget-apply", widget);
  g_assert_cmpstr (pg_declaration_get_label_language (declaration), ==, "en");
  g_assert_true (pg_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pg_declaration_get_label_language (declaration), ==, "zh_CN");
  g_assert_false (pg_document_get_can_undo (document));

  /* "第 X 页 共 Y 页", "附件 3", no signature block. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (widget, "numbering")), 1);
  gtk_switch_set_active (GTK_SWITCH (find_widget (widget, "attachment")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (widget, "attachment-number")), 3);
  gtk_switch_set_active (GTK_SWITCH (find_widget (widget, "signature")), FALSE);
  /* The undo above shows in the tab only when it is made again. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (widget, "language")), 0);
  g_assert_true (g_settings_get_boolean (settings, "print-signature-block"));
  g_signal_emit_by_name (operation, "custom-widget-apply", widget);
  numbering = g_settings_get_string (settings, "page-numbering");
  g_assert_cmpstr (numbering, ==, "page-of-total");
  g_assert_cmpint (g_settings_get_int (settings, "attachment-number"), ==, 3);
  g_assert_false (g_settings_get_boolean (settings, "print-signature-block"));
  g_assert_cmpstr (pg_declaration_get_label_language (declaration), ==, "zh_CN");
  g_assert_false (pg_document_get_can_undo (document));

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), pdf);
  gtk_print_operation_set_show_progress (GTK_PRINT_OPERATION (operation), FALSE);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  page1 = pdf_text (pdf, 1);
  all = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (page1, "附件3"));
  g_assert_nonnull (strstr (page1, "第1页共"));
  g_assert_null (strstr (all, "（签字）"));
  g_assert_null (strstr (all, "（盖章）"));
  g_assert_null (strstr (all, "—1—"));

  g_unlink (pdf);
  g_rmdir (dir);
  reset_settings ();
}

/* The preview's options popover: every change lays the pages out again. */
static void
test_preview_options (void)
{
  g_autoptr(PgDocument) document = pg_test_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("perfgoal-print-gui-XXXXXX", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *english = NULL;
  g_autofree char *expected = NULL;
  PgDeclaration *declaration = pg_document_get_declaration (document);
  const PgPrintOptions *options;
  GtkWindow *preview;
  GtkWidget *root, *label;
  guint n_pages;

  reset_settings ();
  preview = pg_print_preview (NULL, document);
  root = GTK_WIDGET (preview);
  g_assert_nonnull (find_widget (root, "layout-options"));
  iterate_until_paginated (preview);
  n_pages = pg_print_layout_get_n_pages (pg_print_preview_get_layout (preview));
  before = preview_page1_text (preview, dir);
  g_assert_null (strstr (before, "附件"));
  g_assert_nonnull (strstr (before, "—1—"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (root, "numbering")), 1);
  gtk_switch_set_active (GTK_SWITCH (find_widget (root, "attachment")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (root, "attachment-number")), 5);
  gtk_switch_set_active (GTK_SWITCH (find_widget (root, "signature")), FALSE);
  iterate_until_paginated (preview);
  options = pg_print_layout_get_options (pg_print_preview_get_layout (preview));
  g_assert_cmpint (options->numbering, ==, PG_PRINT_NUMBERING_PAGE_OF_TOTAL);
  g_assert_cmpuint (options->attachment_number, ==, 5);
  g_assert_false (options->signature_block);
  after = preview_page1_text (preview, dir);
  g_assert_nonnull (strstr (after, "附件5"));
  expected = g_strdup_printf ("第1页共%u页", pg_print_layout_get_n_pages (pg_print_preview_get_layout (preview)));
  g_assert_nonnull (strstr (after, expected));
  g_assert_cmpuint (pg_print_layout_get_n_pages (pg_print_preview_get_layout (preview)), <=, n_pages);

  /* The labels' language: a command on the document, shown at once. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (root, "language")), 1);
  g_assert_cmpstr (pg_declaration_get_label_language (declaration), ==, "en");
  iterate_until_paginated (preview);
  english = preview_page1_text (preview, dir);
  g_assert_nonnull (strstr (english, "Attachment5"));
  g_assert_nonnull (strstr (english, "Page1of"));
  /* Undone, the popover and the pages follow. */
  g_assert_true (pg_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_false (pg_document_get_can_undo (document));
  iterate_until_paginated (preview);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_widget (root, "language"))), ==, 0);
  g_assert_cmpint (pg_print_layout_get_language (pg_print_preview_get_layout (preview)), ==, PG_LANGUAGE_ZH_CN);

  label = find_widget (root, "page-label");
  g_assert_nonnull (label);
  gtk_window_destroy (preview);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_rmdir (dir);
  reset_settings ();
}

static void
assert_gbt9704_margins (const PgPrintOptions *options)
{
  PgPrintOptions a4;

  pg_print_options_init (&a4);
  g_assert_cmpfloat_with_epsilon (options->margin_top, PG_MM_TO_PT (37), 0.01);
  g_assert_cmpfloat_with_epsilon (options->margin_left, PG_MM_TO_PT (28), 0.01);
  g_assert_cmpfloat_with_epsilon (options->margin_right, a4.margin_right, 0.01);
  g_assert_cmpfloat_with_epsilon (options->margin_bottom, a4.margin_bottom, 0.01);
}

/* The preview and the PDF export lay the form out on the paper of the last
 * print's page setup (remembered across runs): A4 with GB/T 9704's margins
 * before any print; another size and orientation reflow it; margins of the
 * page setup's own wider than GB/T 9704's are kept. */
static void
test_saved_page_setup (void)
{
  g_autoptr(PgDocument) document = pg_test_example ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  PgPrintOptions options;
  const PgPrintOptions *shown;
  GtkWindow *preview;
  double x, y, width, height;

  reset_settings ();
  g_settings_reset (settings, "page-setup");
  pg_print_get_saved_options (&options);
  g_assert_cmpfloat_with_epsilon (options.paper_width, PG_MM_TO_PT (210), 0.5);
  g_assert_cmpfloat_with_epsilon (options.paper_height, PG_MM_TO_PT (297), 0.5);
  assert_gbt9704_margins (&options);
  preview = pg_print_preview (NULL, document);
  iterate_until_paginated (preview);
  pg_print_layout_get_text_area (pg_print_preview_get_layout (preview), &x, &y, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, PG_MM_TO_PT (156), 0.5);
  g_assert_cmpfloat_with_epsilon (height, PG_MM_TO_PT (225), 0.5);

  /* US Letter, landscape, as the print dialog stores it after a print. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, letter);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_settings_set_value (settings, "page-setup", gtk_page_setup_to_gvariant (setup));
  pg_print_get_saved_options (&options);
  g_assert_cmpfloat_with_epsilon (options.paper_width, 11 * 72, 0.5);
  g_assert_cmpfloat_with_epsilon (options.paper_height, 8.5 * 72, 0.5);
  assert_gbt9704_margins (&options);
  /* The open preview follows, reflowed into the wider, shorter area. */
  iterate_until_paginated (preview);
  shown = pg_print_layout_get_options (pg_print_preview_get_layout (preview));
  g_assert_cmpfloat_with_epsilon (shown->paper_width, 11 * 72, 0.5);
  g_assert_cmpfloat_with_epsilon (shown->paper_height, 8.5 * 72, 0.5);
  pg_print_layout_get_text_area (pg_print_preview_get_layout (preview), &x, &y, &width, &height);
  g_assert_cmpfloat_with_epsilon (x, PG_MM_TO_PT (28), 0.5);
  g_assert_cmpfloat_with_epsilon (y, PG_MM_TO_PT (37), 0.5);
  g_assert_cmpfloat_with_epsilon (width, 11 * 72 - x - shown->margin_right, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 8.5 * 72 - y - shown->margin_bottom, 0.5);

  /* A custom paper's wider left margin stays; the others are GB/T 9704's. */
  gtk_page_setup_set_left_margin (setup, 40, GTK_UNIT_MM);
  g_settings_set_value (settings, "page-setup", gtk_page_setup_to_gvariant (setup));
  pg_print_get_saved_options (&options);
  g_assert_cmpfloat_with_epsilon (options.margin_left, PG_MM_TO_PT (40), 0.01);
  g_assert_cmpfloat_with_epsilon (options.margin_top, PG_MM_TO_PT (37), 0.01);

  gtk_window_destroy (preview);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  gtk_paper_size_free (letter);
  g_settings_reset (settings, "page-setup");
}

int
main (int    argc,
      char **argv)
{
  if (!pg_test_gui_init (&argc, &argv, NULL))
    return 0;

  g_test_add_func ("/print-gui/operation-export", test_operation_export);
  g_test_add_func ("/print-gui/preview", test_preview);
  g_test_add_func ("/print-gui/dialog-options", test_dialog_options);
  g_test_add_func ("/print-gui/preview-options", test_preview_options);
  g_test_add_func ("/print-gui/saved-page-setup", test_saved_page_setup);
  return g_test_run ();
}
