/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-application.h"
#include "pg-cli.h"
#include "pg-json.h"
#include "pg-start-window.h"
#include "pg-renderer.h"
#include "pg-window.h"
#include "pg-working-copy.h"

#define EXAMPLE_RESOURCE "/com/example/PerfGoal/example.json"

struct _PgApplication
{
  AdwApplication parent_instance;
  gboolean       open_example;
};

G_DEFINE_FINAL_TYPE (PgApplication, pg_application, ADW_TYPE_APPLICATION)

PgApplication *
pg_application_new (void)
{
  return g_object_new (PG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/com/example/PerfGoal",
                       NULL);
}

void
pg_application_show_document (PgApplication *self,
                              PgDocument    *document)
{
  PgWindow *window = pg_window_new (self, document);

  gtk_window_present (GTK_WINDOW (window));
  /* The start page has done its job once a declaration is open. */
  pg_start_window_close_all (GTK_APPLICATION (self));
}

static void
show_error (PgApplication *self,
            const char    *heading,
            const char    *body)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_example (PgApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (EXAMPLE_RESOURCE, 0, &error);
  g_autoptr(PgDocument) document = NULL;

  if (bytes != NULL)
    document = pg_json_import (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (document == NULL)
    {
      show_error (self, _("The Example Could Not Be Opened"), error->message);
      return;
    }
  pg_application_show_document (self, document);
}

static void
open_new (PgApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) document = pg_document_new (&error);

  if (document == NULL)
    {
      show_error (self, _("A New Declaration Could Not Be Created"), error->message);
      return;
    }
  pg_application_show_document (self, document);
}

static void
recover_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  PgApplication *self = PG_APPLICATION (user_data);
  GPtrArray *copies = g_object_get_data (G_OBJECT (dialog), "copies");

  for (guint i = 0; i < copies->len; i++)
    {
      PgRecoverable *copy = g_ptr_array_index (copies, i);

      if (g_strcmp0 (response, "recover") == 0)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PgDocument) document = pg_document_recover (copy->path, &error);

          if (document != NULL)
            pg_application_show_document (self, document);
          else
            show_error (self, _("A Declaration Could Not Be Recovered"), error->message);
        }
      else if (g_strcmp0 (response, "discard") == 0)
        pg_working_copy_delete (copy->path, -1);
    }
}

/* After a crash: offer the working copies with unsaved edits; working copies
 * with nothing unsaved are of no use to anyone and go. Returns whether it
 * offered anything. */
static gboolean
offer_recovery (PgApplication *self)
{
  g_autoptr(GPtrArray) all = pg_working_copy_list_recoverable ();
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) pg_recoverable_free);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; i < all->len; i++)
    {
      PgRecoverable *copy = g_ptr_array_index (all, i);

      if (!copy->modified)
        {
          pg_working_copy_delete (copy->path, -1);
          continue;
        }
      g_ptr_array_add (copies, g_steal_pointer (&all->pdata[i]));
    }
  if (copies->len == 0)
    return FALSE;

  g_string_append (body, _("PerfGoal was closed before these declarations were saved. "
                           "Their last edits were kept:"));
  for (guint i = 0; i < copies->len; i++)
    {
      PgRecoverable *copy = g_ptr_array_index (copies, i);
      /* Translators: when a declaration to recover was last edited, in
       * g_date_time_format() notation: the locale's date ("%x") and the time.
       * Chinese is "%Y年%-m月%-d日 %H:%M" (2023年1月5日 14:30).
       * xgettext:no-c-format */
      g_autofree char *when = copy->last_edit ? g_date_time_format (copy->last_edit, _("%x %H:%M")) : g_strdup ("");
      g_autoptr(GFile) source = copy->source_uri ? g_file_new_for_uri (copy->source_uri) : NULL;
      g_autofree char *name = source ? g_file_get_basename (source) : g_strdup (_("New declaration"));

      g_string_append_c (body, '\n');
      if (*copy->title != '\0')
        /* Translators: a declaration in the list of those to recover: its
         * file name, its title (department and year) and when it was last
         * edited. */
        g_string_append_printf (body, _("• %s — %s (%s)"), name, copy->title, when);
      else
        /* Translators: a declaration in the list of those to recover: its
         * file name and when it was last edited. */
        g_string_append_printf (body, _("• %s (%s)"), name, when);
    }

  /* Over the start page, which stays if the user discards them. */
  dialog = adw_message_dialog_new (pg_start_window_present (GTK_APPLICATION (self)),
                                   _("Recover Unsaved Declarations?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  g_object_set_data_full (G_OBJECT (dialog), "copies", g_steal_pointer (&copies),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (recover_response), self);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
pg_application_activate (GApplication *app)
{
  PgApplication *self = PG_APPLICATION (app);
  GtkWindow *window;

  if (self->open_example)
    {
      self->open_example = FALSE;
      open_example (self);
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (!offer_recovery (self))
    pg_start_window_present (GTK_APPLICATION (self));
}

static void
pg_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PgApplication *self = PG_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PgDocument) document = NULL;
      PgWindow *existing = pg_window_find_for_file (GTK_APPLICATION (app), files[i]);

      /* A file already open is raised, never opened twice. */
      if (existing != NULL)
        {
          gtk_window_present (GTK_WINDOW (existing));
          continue;
        }

      document = pg_cli_load (files[i], FALSE, &error);
      if (document == NULL)
        {
          g_autofree char *name = g_file_get_parse_name (files[i]);
          /* Translators: a dialog heading; %s is a file name. */
          g_autofree char *heading = g_strdup_printf (_("“%s” Could Not Be Opened"), name);
          show_error (self, heading, error->message);
          continue;
        }
      pg_application_show_document (self, document);
    }
}

static int
pg_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PgApplication *self = PG_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "example"))
    return -1;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s: %s\n", PROGRAM_NAME, error->message);
      return 1;
    }
  if (g_application_get_is_remote (app))
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), "open-example", NULL);
      return 0;
    }
  self->open_example = TRUE;
  return -1;
}

static void
open_response (GtkNativeDialog *dialog,
               int              response,
               PgApplication   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      g_application_open (G_APPLICATION (self), (GFile **) array->pdata, array->len, "");
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
action_open (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PgApplication *self = PG_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkFileFilter) declarations = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  /* The native chooser goes through the file chooser portal in Flatpak. */
  dialog = gtk_file_chooser_native_new (_("Open Declaration"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_file_filter_set_name (declarations, _("PerfGoal declarations"));
  gtk_file_filter_add_pattern (declarations, "*.perfgoal");
  gtk_file_filter_add_mime_type (declarations, "application/x-perfgoal");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), declarations);
  gtk_file_filter_set_name (json, _("Exchange files (JSON)"));
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
action_about (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { "PerfGoal developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("PerfGoal"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("PerfGoal developers"),
                         "comments", _("Fill in, check and print the department expenditure "
                                       "performance goals declaration (部门整体支出绩效目标申报表)."),
                         "website", "https://example.com/perfgoal",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
action_open_example (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  open_example (PG_APPLICATION (user_data));
}

static void
action_new (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  open_new (PG_APPLICATION (user_data));
}

static void
action_quit (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window asks about its own unsaved changes as it closes. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { "open-example", action_open_example },
  { "new", action_new },
  { "open", action_open },
  { "about", action_about },
  { "quit", action_quit },
};

static void
pg_application_startup (GApplication *app)
{
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (pg_application_parent_class)->startup (app);
  pg_renderer_choose ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  pg_window_install_accels (GTK_APPLICATION (app));
}

static void
pg_application_class_init (PgApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = pg_application_activate;
  app_class->open = pg_application_open;
  app_class->startup = pg_application_startup;
  app_class->handle_local_options = pg_application_handle_local_options;
}

static void
pg_application_init (PgApplication *self)
{
  static const GOptionEntry entries[] = {
    { "example", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the bundled example declaration"), NULL },
    /* Handled before the application starts (pg-cli.c); listed for --help. */
    { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the declaration FILE to OUT (.json or .perfgoal) and exit"), N_("OUT") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}
