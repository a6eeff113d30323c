/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-print-layout.h"
#include "pg-print-operation.h"
#include "pg-print-pdf.h"

/* Rows laid out per "paginate" call: small enough to keep the UI alive. */
#define ROWS_PER_CHUNK 100

struct _PgPrintOperation
{
  GtkPrintOperation parent_instance;

  PgDocument    *document;
  PgPrintLayout *layout;
};

G_DEFINE_FINAL_TYPE (PgPrintOperation, pg_print_operation, GTK_TYPE_PRINT_OPERATION)

/* Remembered for the life of the app, and in GSettings across runs. */
static GtkPrintSettings *saved_settings;
static GtkPageSetup *saved_page_setup;

static GSettings *
get_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema ? g_settings_new (APP_ID) : NULL;
}

/* The options from the user's preferences, for paper of the given size. */
static void
options_from_settings (PgPrintOptions *options,
                       double          paper_width,
                       double          paper_height)
{
  g_autoptr(GSettings) settings = get_settings ();

  pg_print_options_init (options);
  if (settings != NULL)
    {
      g_autofree char *numbering = g_settings_get_string (settings, "page-numbering");

      pg_print_numbering_from_string (numbering, &options->numbering);
      options->signature_block = g_settings_get_boolean (settings, "print-signature-block");
      options->attachment_number = (guint) MAX (0, g_settings_get_int (settings, "attachment-number"));
    }
  if (paper_width > 0 && paper_height > 0)
    {
      /* The GB/T 9704 margins stay; the text area follows the paper. */
      options->margin_right = MAX (options->margin_right, paper_width - options->margin_left - PG_MM_TO_PT (156.0));
      options->margin_bottom = MAX (options->margin_bottom, paper_height - options->margin_top - PG_MM_TO_PT (225.0));
      if (paper_width < options->paper_width)
        options->margin_right = options->margin_right - (options->paper_width - paper_width);
      if (paper_height < options->paper_height)
        options->margin_bottom = options->margin_bottom - (options->paper_height - paper_height);
      options->margin_right = MAX (options->margin_right, PG_MM_TO_PT (10.0));
      options->margin_bottom = MAX (options->margin_bottom, PG_MM_TO_PT (20.0));
      options->paper_width = paper_width;
      options->paper_height = paper_height;
    }
}

static void
load_saved (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) value = NULL;

  if (saved_settings != NULL)
    return;
  saved_settings = gtk_print_settings_new ();
  saved_page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (saved_page_setup, gtk_paper_size_new (GTK_PAPER_NAME_A4));
  settings = get_settings ();
  if (settings == NULL)
    return;
  value = g_settings_get_value (settings, "print-settings");
  if (g_variant_n_children (value) > 0)
    {
      g_clear_object (&saved_settings);
      saved_settings = gtk_print_settings_new_from_gvariant (value);
    }
  g_clear_pointer (&value, g_variant_unref);
  value = g_settings_get_value (settings, "page-setup");
  if (g_variant_n_children (value) > 0)
    {
      GtkPageSetup *setup = gtk_page_setup_new_from_gvariant (value);
      if (setup != NULL)
        g_set_object (&saved_page_setup, setup);
      g_clear_object (&setup);
    }
}

static void
store_saved (GtkPrintSettings *settings,
             GtkPageSetup     *page_setup)
{
  g_autoptr(GSettings) gsettings = get_settings ();

  if (settings != NULL)
    g_set_object (&saved_settings, settings);
  if (page_setup != NULL)
    g_set_object (&saved_page_setup, page_setup);
  if (gsettings == NULL)
    return;
  if (saved_settings != NULL)
    g_settings_set_value (gsettings, "print-settings", gtk_print_settings_to_gvariant (saved_settings));
  if (saved_page_setup != NULL)
    g_settings_set_value (gsettings, "page-setup", gtk_page_setup_to_gvariant (saved_page_setup));
}

static void
pg_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  PgPrintOperation *self = PG_PRINT_OPERATION (operation);
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  PgPrintOptions options;

  options_from_settings (&options,
                         gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                         gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS));
  g_clear_object (&self->layout);
  self->layout = pg_print_layout_new (self->document, &options);
}

static gboolean
pg_print_operation_paginate (GtkPrintOperation *operation,
                             GtkPrintContext   *context)
{
  PgPrintOperation *self = PG_PRINT_OPERATION (operation);

  if (!pg_print_layout_paginate (self->layout, ROWS_PER_CHUNK))
    return FALSE;
  gtk_print_operation_set_n_pages (operation, (int) pg_print_layout_get_n_pages (self->layout));
  return TRUE;
}

static void
pg_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page)
{
  PgPrintOperation *self = PG_PRINT_OPERATION (operation);

  /* Full page, in points: the layout's own coordinates. */
  pg_print_layout_draw_page (self->layout, gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
pg_print_operation_end_print (GtkPrintOperation *operation,
                              GtkPrintContext   *context)
{
  g_clear_object (&PG_PRINT_OPERATION (operation)->layout);
}

static void
pg_print_operation_done (GtkPrintOperation      *operation,
                         GtkPrintOperationResult result)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    store_saved (gtk_print_operation_get_print_settings (operation),
                 gtk_print_operation_get_default_page_setup (operation));
}

static void
pg_print_operation_finalize (GObject *object)
{
  PgPrintOperation *self = PG_PRINT_OPERATION (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (pg_print_operation_parent_class)->finalize (object);
}

static void
pg_print_operation_class_init (PgPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = pg_print_operation_finalize;
  operation_class->begin_print = pg_print_operation_begin_print;
  operation_class->paginate = pg_print_operation_paginate;
  operation_class->draw_page = pg_print_operation_draw_page;
  operation_class->end_print = pg_print_operation_end_print;
  operation_class->done = pg_print_operation_done;
}

static void
pg_print_operation_init (PgPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  load_saved ();
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_show_progress (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_print_settings (operation, saved_settings);
  gtk_print_operation_set_default_page_setup (operation, saved_page_setup);
}

PgPrintOperation *
pg_print_operation_new (PgDocument *document)
{
  PgPrintOperation *self;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  self = g_object_new (PG_TYPE_PRINT_OPERATION, NULL);
  self->document = g_object_ref (document);
  return self;
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GTK's own preview would launch an outside program, which the sandbox
 * forbids: show ours instead. */
static gboolean
on_preview (GtkPrintOperation        *operation,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            gpointer                  user_data)
{
  PgPrintOperation *self = PG_PRINT_OPERATION (operation);

  gtk_print_operation_preview_end_preview (preview);
  pg_print_preview (parent, self->document);
  return TRUE;
}

static void
on_done (GtkPrintOperation      *operation,
         GtkPrintOperationResult result,
         gpointer                user_data)
{
  GtkWindow *parent = user_data;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (parent, _("Printing Failed"), error != NULL ? error->message : "");
    }
  g_object_unref (operation);
}

void
pg_print_run (GtkWindow  *parent,
              PgDocument *document)
{
  PgPrintOperation *operation;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (PG_IS_DOCUMENT (document));

  operation = pg_print_operation_new (document);
  g_signal_connect (operation, "preview", G_CALLBACK (on_preview), NULL);
  g_signal_connect (operation, "done", G_CALLBACK (on_done), parent);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (parent, _("Printing Failed"), error->message);
  /* "done" is emitted for every result but an error reported here. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_object_unref (operation);
}

/* The preview window */

typedef struct {
  GtkWindow      *window;
  GtkWidget      *area;
  GtkWidget      *page_label;
  GtkWidget      *previous;
  GtkWidget      *next;
  GtkWidget      *fit;
  PgPrintLayout  *layout;
  guint           page;
  guint           idle_id;
} Preview;

static void
preview_free (gpointer data)
{
  Preview *preview = data;

  g_clear_handle_id (&preview->idle_id, g_source_remove);
  g_clear_object (&preview->layout);
  g_free (preview);
}

static void
preview_update (Preview *preview)
{
  guint n = pg_print_layout_get_n_pages (preview->layout);
  gboolean done = pg_print_layout_is_paginated (preview->layout);
  g_autofree char *text = NULL;

  if (!done)
    text = g_strdup_printf (_("Laying out… %d %%"), (int) (100 * pg_print_layout_get_progress (preview->layout)));
  else
    /* Translators: the page shown, of how many. */
    text = g_strdup_printf (_("Page %u of %u"), preview->page + 1, n);
  gtk_label_set_text (GTK_LABEL (preview->page_label), text);
  gtk_widget_set_sensitive (preview->previous, done && preview->page > 0);
  gtk_widget_set_sensitive (preview->next, done && preview->page + 1 < n);

  if (done)
    {
      const PgPrintOptions *options = pg_print_layout_get_options (preview->layout);
      gboolean fit = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (preview->fit));
      /* At 100 %, a point is 96/72 pixels. */
      double scale = 96.0 / 72.0;

      gtk_widget_set_size_request (preview->area,
                                   fit ? -1 : (int) (options->paper_width * scale) + 24,
                                   fit ? -1 : (int) (options->paper_height * scale) + 24);
    }
  gtk_widget_queue_draw (preview->area);
}

static gboolean
preview_paginate (gpointer data)
{
  Preview *preview = data;

  if (!pg_print_layout_paginate (preview->layout, ROWS_PER_CHUNK))
    {
      preview_update (preview);
      return G_SOURCE_CONTINUE;
    }
  preview->idle_id = 0;
  preview_update (preview);
  return G_SOURCE_REMOVE;
}

static void
preview_draw (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  Preview *preview = data;
  const PgPrintOptions *options = pg_print_layout_get_options (preview->layout);
  gboolean fit = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (preview->fit));
  double margin = 12, scale;

  if (!pg_print_layout_is_paginated (preview->layout))
    return;
  if (fit)
    scale = MIN ((width - 2 * margin) / options->paper_width, (height - 2 * margin) / options->paper_height);
  else
    scale = 96.0 / 72.0;
  if (scale <= 0)
    return;

  cairo_translate (cr, MAX (margin, (width - options->paper_width * scale) / 2), margin);
  cairo_scale (cr, scale, scale);
  /* The sheet of paper, with a thin edge. */
  cairo_rectangle (cr, 0, 0, options->paper_width, options->paper_height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 1 / scale);
  cairo_stroke (cr);
  pg_print_layout_draw_page (preview->layout, cr, preview->page);
}

static void
preview_go (Preview *preview,
            int      delta)
{
  guint n = pg_print_layout_get_n_pages (preview->layout);
  int page = (int) preview->page + delta;

  if (!pg_print_layout_is_paginated (preview->layout) || page < 0 || (guint) page >= n)
    return;
  preview->page = (guint) page;
  preview_update (preview);
}

static void
on_previous (GtkButton *button,
             gpointer   data)
{
  preview_go (data, -1);
}

static void
on_next (GtkButton *button,
         gpointer   data)
{
  preview_go (data, 1);
}

static void
on_fit_toggled (GtkToggleButton *button,
                gpointer         data)
{
  preview_update (data);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               data)
{
  switch (keyval)
    {
    case GDK_KEY_Page_Up:
    case GDK_KEY_Left:
      preview_go (data, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_Right:
      preview_go (data, 1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_print_clicked (GtkButton *button,
                  gpointer   data)
{
  GtkWindow *window = data;
  PgDocument *document = g_object_get_data (G_OBJECT (window), "pg-document");

  pg_print_run (gtk_window_get_transient_for (window), document);
}

void
pg_print_preview (GtkWindow  *parent,
                  PgDocument *document)
{
  Preview *preview;
  GtkWidget *box, *header, *scrolled, *print;
  GtkEventController *keys;
  PgPrintOptions options;

  g_return_if_fail (PG_IS_DOCUMENT (document));

  preview = g_new0 (Preview, 1);
  options_from_settings (&options, 0, 0);
  preview->layout = pg_print_layout_new (document, &options);

  preview->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (preview->window, _("Print Preview"));
  gtk_window_set_default_size (preview->window, 640, 860);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (preview->window, parent);
      gtk_window_set_modal (preview->window, TRUE);
    }
  g_object_set_data_full (G_OBJECT (preview->window), "pg-preview", preview, preview_free);
  g_object_set_data_full (G_OBJECT (preview->window), "pg-document", g_object_ref (document), g_object_unref);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  preview->previous = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (preview->previous, _("Previous Page"));
  preview->next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (preview->next, _("Next Page"));
  preview->fit = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (preview->fit), "zoom-fit-best-symbolic");
  gtk_widget_set_tooltip_text (preview->fit, _("Zoom to Fit"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (preview->fit), TRUE);
  print = gtk_button_new_with_mnemonic (_("_Print…"));
  gtk_widget_add_css_class (print, "suggested-action");
  preview->page_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (preview->page_label, "numeric");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), preview->previous);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), preview->next);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), preview->fit);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), preview->page_label);
  gtk_box_append (GTK_BOX (box), header);

  preview->area = gtk_drawing_area_new ();
  gtk_widget_set_hexpand (preview->area, TRUE);
  gtk_widget_set_vexpand (preview->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (preview->area), preview_draw, preview, NULL);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), preview->area);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (preview->window), box);

  g_signal_connect (preview->previous, "clicked", G_CALLBACK (on_previous), preview);
  g_signal_connect (preview->next, "clicked", G_CALLBACK (on_next), preview);
  g_signal_connect (preview->fit, "toggled", G_CALLBACK (on_fit_toggled), preview);
  g_signal_connect (print, "clicked", G_CALLBACK (on_print_clicked), preview->window);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), preview);
  gtk_widget_add_controller (GTK_WIDGET (preview->window), keys);

  preview->idle_id = g_idle_add (preview_paginate, preview);
  preview_update (preview);
  gtk_window_present (preview->window);
}

/* Export as PDF */

typedef struct {
  GtkWindow     *parent;
  GtkWidget     *dialog;
  GtkWidget     *progress;
  PgPrintPdfJob *job;
  guint          idle_id;
  gboolean       cancelled;
} Export;

static void
export_finish (Export *export)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&export->idle_id, g_source_remove);
  if (!pg_print_pdf_job_finish (export->job, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (export->parent, _("Export Failed"), error->message);
  export->job = NULL;
  if (export->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (export->dialog));
  g_clear_object (&export->parent);
  g_free (export);
}

static gboolean
export_step (gpointer data)
{
  Export *export = data;

  if (pg_print_pdf_job_step (export->job))
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (export->progress), pg_print_pdf_job_get_progress (export->job));
      return G_SOURCE_CONTINUE;
    }
  export->idle_id = 0;
  export_finish (export);
  return G_SOURCE_REMOVE;
}

static void
on_export_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          data)
{
  Export *export = data;

  /* Cancel: the temporary file goes, the target stays as it was. */
  export->dialog = NULL;
  export_finish (export);
}

static void
on_export_file (GtkNativeDialog *chooser,
                int              response,
                gpointer         data)
{
  g_autoptr(GtkWindow) parent = data;
  g_autoptr(PgDocument) document = g_object_steal_data (G_OBJECT (chooser), "pg-document");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PgPrintLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  PgPrintOptions options;
  Export *export;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (parent, _("Export Failed"), _("A PDF can only be written to a local file"));
      return;
    }
  if (pg_print_find_cjk_family (NULL) == NULL)
    show_error (parent, _("No Chinese Font"),
                _("No font for Chinese is installed, so Chinese text will print as empty boxes."));

  options_from_settings (&options, 0, 0);
  layout = pg_print_layout_new (document, &options);
  export = g_new0 (Export, 1);
  export->parent = parent != NULL ? g_object_ref (parent) : NULL;
  export->job = pg_print_pdf_job_new (layout, path, &error);
  if (export->job == NULL)
    {
      show_error (parent, _("Export Failed"), error->message);
      g_clear_object (&export->parent);
      g_free (export);
      return;
    }

  export->dialog = adw_message_dialog_new (parent, _("Exporting PDF…"), NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (export->dialog), "cancel", _("_Cancel"));
  export->progress = gtk_progress_bar_new ();
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (export->dialog), export->progress);
  g_signal_connect (export->dialog, "response", G_CALLBACK (on_export_response), export);
  gtk_window_present (GTK_WINDOW (export->dialog));
  export->idle_id = g_idle_add (export_step, export);
}

void
pg_print_export_pdf (GtkWindow  *parent,
                     PgDocument *document)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *name;
  g_autofree char *suggested = NULL;

  g_return_if_fail (PG_IS_DOCUMENT (document));

  chooser = gtk_file_chooser_native_new (_("Export as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = pg_declaration_get_department_name (pg_document_get_declaration (document));
  /* Translators: the suggested file name of an exported declaration. */
  suggested = g_strdup_printf ("%s.pdf", name != NULL && *name != '\0' ? name : _("Declaration"));
  g_strdelimit (suggested, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_object_set_data_full (G_OBJECT (chooser), "pg-document", g_object_ref (document), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file), parent != NULL ? g_object_ref (parent) : NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
