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

/* The options from the user's preferences, for the paper of `setup` (A4
 * when NULL), in its orientation. The margins are GB/T 9704's, or the page
 * setup's own where those are wider (a printer's unprintable edges, a
 * custom paper's margins); the text area follows the paper, so the layout
 * reflows on another size or orientation. */
static void
options_from_settings (PgPrintOptions *options,
                       GtkPageSetup   *setup)
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
  if (setup != NULL)
    {
      /* Both take the orientation into account. */
      double width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS);
      double height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS);

      if (width > 0 && height > 0)
        {
          options->paper_width = width;
          options->paper_height = height;
        }
      options->margin_top = MAX (options->margin_top, gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS));
      options->margin_bottom = MAX (options->margin_bottom, gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_POINTS));
      options->margin_left = MAX (options->margin_left, gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS));
      options->margin_right = MAX (options->margin_right, gtk_page_setup_get_right_margin (setup, GTK_UNIT_POINTS));
    }
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

/* The layout options: page numbering, attachment number, signature block
 * and the printed labels' language. The first three are preferences kept in
 * GSettings; the language is the document's own, so changing it is a command
 * on the document (one undo step). The same values are read by printing, the
 * preview and the PDF export. */

static const char * const numbering_keys[] = { "gbt9704", "page-of-total" };
static const char * const language_keys[] = { "zh_CN", "en" };

static guint
key_index (const char * const *keys,
           guint               n_keys,
           const char         *key)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return i;
  return 0;
}

/* Stores the options: the preferences in GSettings, the language (when it
 * differs) in the document. `attachment_number` is 0 for none. */
static gboolean
store_options (PgDocument  *document,
               const char  *numbering,
               guint        attachment_number,
               gboolean     signature_block,
               const char  *language,
               GError     **error)
{
  g_autoptr(GSettings) settings = get_settings ();
  PgDeclaration *declaration = pg_document_get_declaration (document);

  if (settings != NULL)
    {
      g_autofree char *old_numbering = g_settings_get_string (settings, "page-numbering");

      /* Only what changed: each write tells every listener. */
      if (g_strcmp0 (old_numbering, numbering) != 0)
        g_settings_set_string (settings, "page-numbering", numbering);
      if ((guint) g_settings_get_int (settings, "attachment-number") != attachment_number)
        g_settings_set_int (settings, "attachment-number", (int) MIN (attachment_number, 99));
      if (g_settings_get_boolean (settings, "print-signature-block") != signature_block)
        g_settings_set_boolean (settings, "print-signature-block", signature_block);
    }
  if (language != NULL && g_strcmp0 (language, pg_declaration_get_label_language (declaration)) != 0)
    return pg_document_set_string (document, PG_RECORD (declaration), "label-language", language, error);
  return TRUE;
}

typedef struct {
  PgDocument *document;
  GSettings  *settings;
  GtkWidget  *numbering;          /* AdwComboRow */
  GtkWidget  *attachment;         /* GtkSwitch */
  GtkWidget  *attachment_number;  /* GtkSpinButton */
  GtkWidget  *signature;          /* GtkSwitch */
  GtkWidget  *language;           /* AdwComboRow */
  gboolean    live;
  gboolean    updating;
} OptionsEditor;

static void
options_editor_free (gpointer data)
{
  OptionsEditor *editor = data;

  if (editor->settings != NULL)
    g_signal_handlers_disconnect_by_data (editor->settings, editor);
  g_signal_handlers_disconnect_by_data (pg_document_get_declaration (editor->document), editor);
  g_clear_object (&editor->settings);
  g_clear_object (&editor->document);
  g_free (editor);
}

static OptionsEditor *
options_editor_get (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "pg-options-editor");
}

/* Shows the stored options. */
static void
options_editor_load (OptionsEditor *editor)
{
  PgDeclaration *declaration = pg_document_get_declaration (editor->document);
  g_autofree char *numbering = NULL;
  int attachment = 0;
  gboolean signature = TRUE;

  if (editor->settings != NULL)
    {
      numbering = g_settings_get_string (editor->settings, "page-numbering");
      attachment = g_settings_get_int (editor->settings, "attachment-number");
      signature = g_settings_get_boolean (editor->settings, "print-signature-block");
    }
  editor->updating = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor->numbering),
                              key_index (numbering_keys, G_N_ELEMENTS (numbering_keys), numbering));
  gtk_switch_set_active (GTK_SWITCH (editor->attachment), attachment > 0);
  if (attachment > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor->attachment_number), attachment);
  gtk_widget_set_sensitive (editor->attachment_number, attachment > 0);
  gtk_switch_set_active (GTK_SWITCH (editor->signature), signature);
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor->language),
                              key_index (language_keys, G_N_ELEMENTS (language_keys),
                                         pg_declaration_get_label_language (declaration)));
  gtk_widget_set_sensitive (editor->language, !pg_document_get_read_only (editor->document));
  editor->updating = FALSE;
}

/* Stores the options shown. */
static void
options_editor_apply (OptionsEditor *editor)
{
  g_autoptr(GError) error = NULL;
  guint numbering = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->numbering));
  guint language = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->language));
  guint attachment = 0;

  if (gtk_switch_get_active (GTK_SWITCH (editor->attachment)))
    attachment = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (editor->attachment_number));
  if (!store_options (editor->document,
                      numbering_keys[MIN (numbering, G_N_ELEMENTS (numbering_keys) - 1)],
                      attachment,
                      gtk_switch_get_active (GTK_SWITCH (editor->signature)),
                      pg_document_get_read_only (editor->document)
                        ? NULL : language_keys[MIN (language, G_N_ELEMENTS (language_keys) - 1)],
                      &error))
    {
      GtkRoot *root = gtk_widget_get_root (editor->numbering);

      show_error (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Could Not Change the Label Language"),
                  error->message);
      options_editor_load (editor);
    }
}

static void
on_editor_changed (OptionsEditor *editor)
{
  if (editor->updating)
    return;
  gtk_widget_set_sensitive (editor->attachment_number,
                            gtk_switch_get_active (GTK_SWITCH (editor->attachment)));
  if (editor->live)
    options_editor_apply (editor);
}

static void
on_editor_stored (OptionsEditor *editor)
{
  /* Stored elsewhere (another window, an undo): show it. */
  if (!editor->updating)
    options_editor_load (editor);
}

static GtkWidget *
switch_row_new (const char *title,
                const char *subtitle,
                GtkWidget  *extra,
                GtkWidget  *toggle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (extra != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), extra);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  return row;
}

/* The options as a group of rows. A `live` editor stores every change at
 * once (the preview re-paginates as it goes); otherwise call
 * options_editor_apply() (the print dialog's "custom-widget-apply"). */
static GtkWidget *
options_editor_new (PgDocument *document,
                    gboolean    live)
{
  OptionsEditor *editor = g_new0 (OptionsEditor, 1);
  g_autoptr(GtkStringList) numberings = NULL;
  g_autoptr(GtkStringList) languages = NULL;
  GtkWidget *group, *row;

  editor->document = g_object_ref (document);
  editor->settings = get_settings ();
  editor->live = live;

  group = adw_preferences_group_new ();
  g_object_set_data_full (G_OBJECT (group), "pg-options-editor", editor, options_editor_free);

  /* Translators: the official page numbers; keep the dashes. */
  numberings = gtk_string_list_new ((const char * const[]) { _("“— 1 —” (GB/T 9704)"),
                                                             _("“Page 1 of 3”"), NULL });
  editor->numbering = adw_combo_row_new ();
  gtk_widget_set_name (editor->numbering, "numbering");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->numbering), _("Page Numbers"));
  adw_combo_row_set_model (ADW_COMBO_ROW (editor->numbering), G_LIST_MODEL (numberings));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), editor->numbering);

  editor->attachment_number = gtk_spin_button_new_with_range (1, 99, 1);
  gtk_widget_set_name (editor->attachment_number, "attachment-number");
  gtk_widget_set_valign (editor->attachment_number, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (editor->attachment_number), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->attachment_number),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attachment number"), -1);
  editor->attachment = gtk_switch_new ();
  gtk_widget_set_name (editor->attachment, "attachment");
  row = switch_row_new (_("Attachment Number"), _("Prints “Attachment N” at the top of the first page"),
                        editor->attachment_number, editor->attachment);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  editor->signature = gtk_switch_new ();
  gtk_widget_set_name (editor->signature, "signature");
  row = switch_row_new (_("Signature Block"),
                        _("Lines for the signatures, the date and room for the seal, after the form"),
                        NULL, editor->signature);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  languages = gtk_string_list_new ((const char * const[]) { "中文", "English", NULL });
  editor->language = adw_combo_row_new ();
  gtk_widget_set_name (editor->language, "language");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->language), _("Printed labels"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (editor->language), _("A setting of the declaration: it can be undone"));
  adw_combo_row_set_model (ADW_COMBO_ROW (editor->language), G_LIST_MODEL (languages));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), editor->language);

  options_editor_load (editor);

  g_signal_connect_swapped (editor->numbering, "notify::selected", G_CALLBACK (on_editor_changed), editor);
  g_signal_connect_swapped (editor->attachment, "notify::active", G_CALLBACK (on_editor_changed), editor);
  g_signal_connect_swapped (editor->attachment_number, "value-changed", G_CALLBACK (on_editor_changed), editor);
  g_signal_connect_swapped (editor->signature, "notify::active", G_CALLBACK (on_editor_changed), editor);
  g_signal_connect_swapped (editor->language, "notify::selected", G_CALLBACK (on_editor_changed), editor);
  if (live)
    {
      if (editor->settings != NULL)
        g_signal_connect_swapped (editor->settings, "changed", G_CALLBACK (on_editor_stored), editor);
      g_signal_connect_swapped (pg_document_get_declaration (document), "notify::label-language",
                                G_CALLBACK (on_editor_stored), editor);
    }
  return group;
}

static GtkPageSetup *
a4_page_setup_new (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  return setup;
}

/* The print settings and page setup of the last print, read again each
 * time (the preview and the export follow a print made meanwhile). With no
 * settings schema installed, those kept in memory; A4 before any print. */
static void
load_saved (void)
{
  g_autoptr(GSettings) settings = get_settings ();
  g_autoptr(GVariant) value = NULL;
  GtkPageSetup *setup = NULL;

  if (saved_settings == NULL)
    saved_settings = gtk_print_settings_new ();
  if (saved_page_setup == NULL)
    saved_page_setup = a4_page_setup_new ();
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
    setup = gtk_page_setup_new_from_gvariant (value);
  /* Reset, or unreadable: A4 again. */
  g_clear_object (&saved_page_setup);
  saved_page_setup = setup != NULL ? setup : a4_page_setup_new ();
}

void
pg_print_get_saved_options (PgPrintOptions *options)
{
  g_return_if_fail (options != NULL);

  load_saved ();
  options_from_settings (options, saved_page_setup);
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

  options_from_settings (&options, setup);
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
pg_print_operation_done (GtkPrintOperation      *operation,
                         GtkPrintOperationResult result)
{
  /* Only now, not at "end-print": GTK finishes the printed surface in
   * between, embedding the layout's fonts, which live as long as it. */
  g_clear_object (&PG_PRINT_OPERATION (operation)->layout);
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    store_saved (gtk_print_operation_get_print_settings (operation),
                 gtk_print_operation_get_default_page_setup (operation));
}

/* The print dialog's "Layout" tab. */
static GtkWidget *
pg_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  PgPrintOperation *self = PG_PRINT_OPERATION (operation);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (box), options_editor_new (self->document, FALSE));
  return box;
}

/* Just before printing (or previewing) with the options chosen. */
static void
pg_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                        GtkWidget         *widget)
{
  OptionsEditor *editor = options_editor_get (gtk_widget_get_first_child (widget));

  if (editor != NULL)
    options_editor_apply (editor);
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
  operation_class->done = pg_print_operation_done;
  operation_class->create_custom_widget = pg_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = pg_print_operation_custom_widget_apply;
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
  /* Translators: the print dialog's tab of the form's layout options. */
  gtk_print_operation_set_custom_tab_label (operation, _("Layout"));
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
  PgDocument     *document;
  GSettings      *settings;
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
  if (preview->settings != NULL)
    g_signal_handlers_disconnect_by_data (preview->settings, preview);
  g_signal_handlers_disconnect_by_data (pg_document_get_declaration (preview->document), preview);
  g_clear_object (&preview->settings);
  g_clear_object (&preview->layout);
  g_clear_object (&preview->document);
  g_free (preview);
}

static void
preview_update (Preview *preview)
{
  guint n = pg_print_layout_get_n_pages (preview->layout);
  gboolean done = pg_print_layout_is_paginated (preview->layout);
  g_autofree char *text = NULL;

  if (!done)
    /* Translators: progress of a print or export; %d is a percentage, %% the sign. */
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
  /* The same page, or the last one when there are fewer now. */
  preview->page = MIN (preview->page, MAX (pg_print_layout_get_n_pages (preview->layout), 1) - 1);
  preview_update (preview);
  return G_SOURCE_REMOVE;
}

/* Lays the pages out again with the stored options. */
static void
preview_rebuild (Preview *preview)
{
  PgPrintOptions options;

  g_clear_handle_id (&preview->idle_id, g_source_remove);
  g_clear_object (&preview->layout);
  pg_print_get_saved_options (&options);
  preview->layout = pg_print_layout_new (preview->document, &options);
  preview->idle_id = g_idle_add (preview_paginate, preview);
  preview_update (preview);
}

static void
on_preview_settings_changed (GSettings  *settings,
                             const char *key,
                             gpointer    data)
{
  if (g_str_equal (key, "page-numbering") || g_str_equal (key, "print-signature-block") ||
      g_str_equal (key, "attachment-number") || g_str_equal (key, "page-setup"))
    preview_rebuild (data);
}

static void
on_preview_language_changed (GObject    *declaration,
                             GParamSpec *pspec,
                             gpointer    data)
{
  preview_rebuild (data);
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
  GtkWindow *parent = gtk_window_get_transient_for (window);

  /* Through the document window's action, which first says how many
   * errors the review found. */
  if (parent == NULL || !gtk_widget_activate_action (GTK_WIDGET (parent), "win.print", NULL))
    pg_print_run (parent, document);
}

GtkWindow *
pg_print_preview (GtkWindow  *parent,
                  PgDocument *document)
{
  Preview *preview;
  GtkWidget *box, *header, *scrolled, *print, *options, *popover, *editor;
  GtkEventController *keys;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  preview = g_new0 (Preview, 1);
  preview->document = g_object_ref (document);
  preview->settings = get_settings ();

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
  gtk_widget_set_name (preview->page_label, "page-label");
  gtk_widget_add_css_class (preview->page_label, "numeric");
  /* The layout options, applied as they change: the pages follow. */
  editor = options_editor_new (document, TRUE);
  gtk_widget_set_size_request (editor, 360, -1);
  gtk_widget_set_margin_top (editor, 6);
  gtk_widget_set_margin_bottom (editor, 6);
  gtk_widget_set_margin_start (editor, 6);
  gtk_widget_set_margin_end (editor, 6);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), editor);
  options = gtk_menu_button_new ();
  gtk_widget_set_name (options, "layout-options");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (options), "document-properties-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (options), popover);
  gtk_widget_set_tooltip_text (options, _("Layout Options"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), preview->previous);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), preview->next);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), preview->fit);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), options);
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

  if (preview->settings != NULL)
    g_signal_connect (preview->settings, "changed", G_CALLBACK (on_preview_settings_changed), preview);
  g_signal_connect (pg_document_get_declaration (document), "notify::label-language",
                    G_CALLBACK (on_preview_language_changed), preview);

  preview_rebuild (preview);
  gtk_window_present (preview->window);
  return preview->window;
}

PgPrintLayout *
pg_print_preview_get_layout (GtkWindow *preview_window)
{
  Preview *preview;

  g_return_val_if_fail (GTK_IS_WINDOW (preview_window), NULL);

  preview = g_object_get_data (G_OBJECT (preview_window), "pg-preview");
  return preview != NULL ? preview->layout : NULL;
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

/* The layout options as choices of the file chooser (a native or portal
 * chooser takes no widgets of ours, only choices). The stored value comes
 * first in each list: GTK 4.8's own chooser ignores set_choice() for a
 * list and shows its first item. */
static void
export_add_choices (GtkFileChooser *chooser,
                    PgDocument     *document)
{
  g_autoptr(GSettings) settings = get_settings ();
  const char *numbering_labels[] = { _("“— 1 —” (GB/T 9704)"), _("“Page 1 of 3”") };
  const char *language_labels[] = { "中文", "English" };
  const char *numbering_ids[G_N_ELEMENTS (numbering_keys) + 1] = { NULL };
  const char *numbering_names[G_N_ELEMENTS (numbering_keys) + 1] = { NULL };
  const char *language_ids[G_N_ELEMENTS (language_keys) + 1] = { NULL };
  const char *language_names[G_N_ELEMENTS (language_keys) + 1] = { NULL };
  char *attachment_ids[101] = { NULL };
  char *attachment_labels[101] = { NULL };
  g_autofree char *numbering = NULL;
  const char *language = pg_declaration_get_label_language (pg_document_get_declaration (document));
  guint current_numbering, current_language, attachment = 0, n = 0;

  if (settings != NULL)
    {
      numbering = g_settings_get_string (settings, "page-numbering");
      attachment = (guint) CLAMP (g_settings_get_int (settings, "attachment-number"), 0, 99);
    }
  current_numbering = key_index (numbering_keys, G_N_ELEMENTS (numbering_keys), numbering);
  current_language = key_index (language_keys, G_N_ELEMENTS (language_keys), language);

  /* Two of each: the stored one, then the other. */
  numbering_ids[0] = numbering_keys[current_numbering];
  numbering_names[0] = numbering_labels[current_numbering];
  numbering_ids[1] = numbering_keys[1 - current_numbering];
  numbering_names[1] = numbering_labels[1 - current_numbering];
  language_ids[0] = language_keys[current_language];
  language_names[0] = language_labels[current_language];
  language_ids[1] = language_keys[1 - current_language];
  language_names[1] = language_labels[1 - current_language];
  if (attachment > 0)
    {
      attachment_ids[n] = g_strdup_printf ("%u", attachment);
      attachment_labels[n++] = g_strdup_printf ("%u", attachment);
    }
  for (guint i = 0; i < 100; i++)
    if (i != attachment || attachment == 0)
      {
        attachment_ids[n] = g_strdup_printf ("%u", i);
        /* Translators: no attachment number on the printed form. */
        attachment_labels[n++] = i == 0 ? g_strdup (C_("attachment number", "None")) : g_strdup_printf ("%u", i);
      }

  gtk_file_chooser_add_choice (chooser, "numbering", _("Page Numbers"), numbering_ids, numbering_names);
  gtk_file_chooser_add_choice (chooser, "attachment", _("Attachment Number"),
                               (const char **) attachment_ids, (const char **) attachment_labels);
  gtk_file_chooser_add_choice (chooser, "signature", _("Signature Block"), NULL, NULL);
  if (!pg_document_get_read_only (document))
    gtk_file_chooser_add_choice (chooser, "language", _("Printed labels"), language_ids, language_names);

  /* For the portal, which does take them. */
  gtk_file_chooser_set_choice (chooser, "numbering", numbering_ids[0]);
  gtk_file_chooser_set_choice (chooser, "attachment", attachment_ids[0]);
  gtk_file_chooser_set_choice (chooser, "signature",
                               settings == NULL || g_settings_get_boolean (settings, "print-signature-block")
                                 ? "true" : "false");
  if (!pg_document_get_read_only (document))
    gtk_file_chooser_set_choice (chooser, "language", language_ids[0]);

  for (guint i = 0; i < n; i++)
    {
      g_free (attachment_ids[i]);
      g_free (attachment_labels[i]);
    }
}

static void
export_store_choices (GtkFileChooser *chooser,
                      GtkWindow      *parent,
                      PgDocument     *document)
{
  g_autoptr(GError) error = NULL;
  const char *numbering = gtk_file_chooser_get_choice (chooser, "numbering");
  const char *attachment = gtk_file_chooser_get_choice (chooser, "attachment");
  const char *signature = gtk_file_chooser_get_choice (chooser, "signature");
  const char *language = pg_document_get_read_only (document) ? NULL : gtk_file_chooser_get_choice (chooser, "language");
  guint64 number = 0;

  if (attachment == NULL || !g_ascii_string_to_unsigned (attachment, 10, 0, 99, &number, NULL))
    number = 0;
  if (numbering == NULL || key_index (numbering_keys, G_N_ELEMENTS (numbering_keys), numbering) == 0)
    numbering = numbering_keys[0];
  if (language != NULL && !pg_language_from_key (language, &(PgLanguage) { 0 }))
    language = NULL;
  if (!store_options (document, numbering, (guint) number, g_strcmp0 (signature, "false") != 0, language, &error))
    show_error (parent, _("Could Not Change the Label Language"), error->message);
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
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      export_store_choices (GTK_FILE_CHOOSER (chooser), parent, document);
    }
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

  pg_print_get_saved_options (&options);
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
  export_add_choices (GTK_FILE_CHOOSER (chooser), document);
  g_object_set_data_full (G_OBJECT (chooser), "pg-document", g_object_ref (document), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file), parent != NULL ? g_object_ref (parent) : NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
