/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document window. It shows the declaration's basic information, bound
 * live to the document (edits go to it as commands, and its changes come
 * back through notify), and a summary of the rest; the tabs for every
 * section come with the window issue.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-amount.h"
#include "pg-window.h"

struct _PgWindow
{
  AdwApplicationWindow parent_instance;

  PgDocument     *document;

  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  AdwPreferencesPage *page;

  GtkLabel       *summary_label;
  gboolean        close_confirmed;
};

G_DEFINE_FINAL_TYPE (PgWindow, pg_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
show_toast (PgWindow   *self,
            const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The title says which declaration this is; the subtitle where it lives
 * and whether it has unsaved changes. */
static void
update_title (PgWindow *self)
{
  PgDeclaration *declaration = pg_document_get_declaration (self->document);
  const char *name = pg_declaration_get_department_name (declaration);
  int year = pg_declaration_get_budget_year (declaration);
  GFile *file = pg_document_get_file (self->document);
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  g_autofree char *subtitle = NULL;

  if (*name != '\0' && year != 0)
    title = g_strdup_printf (_("%s — %d"), name, year);
  else if (*name != '\0')
    title = g_strdup (name);
  else if (file != NULL)
    title = g_file_get_basename (file);
  else
    title = g_strdup (_("New Declaration"));

  where = file != NULL ? g_file_get_parse_name (file) : g_strdup (_("Not saved yet"));
  if (pg_document_get_read_only (self->document))
    subtitle = g_strdup_printf (_("%s (read-only)"), where);
  else if (pg_document_get_modified (self->document))
    subtitle = g_strdup_printf (_("%s • unsaved changes"), where);
  else
    subtitle = g_steal_pointer (&where);

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_actions (PgWindow *self)
{
  gboolean writable = !pg_document_get_read_only (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 writable && pg_document_get_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 writable && pg_document_get_can_redo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", writable);
  update_title (self);
}

static guint
count_level3 (GListModel *indicators)
{
  guint n = g_list_model_get_n_items (indicators), count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) indicator = g_list_model_get_item (indicators, i);
      count += pg_indicator_get_n_indicators (indicator);
    }
  return count;
}

static void
update_summary (PgWindow *self)
{
  GListModel *groups = pg_document_get_task_groups (self->document);
  GListModel *goals = pg_document_get_goals (self->document);
  guint n_groups = g_list_model_get_n_items (groups);
  guint n_goals = g_list_model_get_n_items (goals);
  guint n_tasks = 0, n_indicators = 0;
  gint64 revenue = pg_finance_block_get_total (pg_document_get_revenue (self->document));
  g_autofree char *revenue_text = revenue == PG_AMOUNT_NONE ? g_strdup ("—") : pg_amount_format_fixed (revenue, 2, TRUE);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(PgTaskGroup) group = g_list_model_get_item (groups, i);
      n_tasks += g_list_model_get_n_items (pg_task_group_get_tasks (group));
    }
  for (guint i = 0; i < n_goals; i++)
    {
      g_autoptr(PgGoal) goal = g_list_model_get_item (goals, i);
      n_indicators += count_level3 (pg_goal_get_indicators (goal));
    }

  text = g_strdup_printf (_("Total revenue: %s\n"
                            "Work tasks: %u in %u groups\n"
                            "Projects: %u\n"
                            "Goals: %u, with %u level-3 indicators"),
                          revenue_text, n_tasks, n_groups,
                          g_list_model_get_n_items (pg_document_get_projects (self->document)),
                          n_goals, n_indicators);
  gtk_label_set_text (self->summary_label, text);
}

/* A text field of the declaration: the entry sends each edit to the
 * document as a command, and shows the document's value when it changes
 * (undo, redo). The entry keeps no undo history of its own. */
typedef struct {
  PgWindow   *window;
  const char *property;
  gboolean    updating;
} FieldBinding;

static void
field_entry_changed (GtkEditable  *editable,
                     FieldBinding *binding)
{
  g_autoptr(GError) error = NULL;
  PgDeclaration *declaration;

  if (binding->updating)
    return;
  declaration = pg_document_get_declaration (binding->window->document);
  if (!pg_document_set_string (binding->window->document, PG_RECORD (declaration),
                               binding->property, gtk_editable_get_text (editable), &error))
    show_toast (binding->window, error->message);
}

static void
field_model_changed (GObject    *declaration,
                     GParamSpec *pspec,
                     GtkEditable *editable)
{
  FieldBinding *binding = g_object_get_data (G_OBJECT (editable), "binding");
  g_autofree char *value = NULL;

  g_object_get (declaration, binding->property, &value, NULL);
  if (g_strcmp0 (value, gtk_editable_get_text (editable)) == 0)
    return;
  binding->updating = TRUE;
  gtk_editable_set_text (editable, value ? value : "");
  binding->updating = FALSE;
}

static GtkWidget *
field_row (PgWindow   *self,
           const char *title,
           const char *property)
{
  GtkWidget *row = adw_entry_row_new ();
  PgDeclaration *declaration = pg_document_get_declaration (self->document);
  FieldBinding *binding = g_new0 (FieldBinding, 1);
  g_autofree char *signal = g_strdup_printf ("notify::%s", property);

  binding->window = self;
  binding->property = property;
  g_object_set_data_full (G_OBJECT (row), "binding", binding, g_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  field_model_changed (G_OBJECT (declaration), NULL, GTK_EDITABLE (row));
  g_signal_connect (row, "changed", G_CALLBACK (field_entry_changed), binding);
  g_signal_connect_object (declaration, signal, G_CALLBACK (field_model_changed), row, 0);
  return row;
}

static void
build_page (PgWindow *self)
{
  GtkWidget *department = adw_preferences_group_new ();
  GtkWidget *contents = adw_preferences_group_new ();
  GtkWidget *row;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (department), _("Department (Unit)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (department),
                             field_row (self, _("Name of department (unit)"), "department-name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (department),
                             field_row (self, _("Filled in by"), "filled-by"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (department),
                             field_row (self, _("Contact telephone"), "phone"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (department),
                             field_row (self, _("Head of unit"), "head"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (department),
                             field_row (self, _("Head of finance"), "finance-head"));
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (department));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (contents), _("Contents"));
  row = adw_action_row_new ();
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_selectable (self->summary_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->summary_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->summary_label), 12);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (self->summary_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (contents), row);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (contents));
  update_summary (self);
}

/* Actions */

static void
action_undo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PgWindow *self = PG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!pg_document_undo (self->document, &error))
    show_toast (self, error->message);
}

static void
action_redo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PgWindow *self = PG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!pg_document_redo (self->document, &error))
    show_toast (self, error->message);
}

static void save_as (PgWindow *self, gboolean close_after);

static gboolean
save (PgWindow *self,
      gboolean  close_after)
{
  g_autoptr(GError) error = NULL;

  if (pg_document_get_file (self->document) == NULL || pg_document_get_read_only (self->document))
    {
      save_as (self, close_after);
      return FALSE;
    }
  if (!pg_document_save (self->document, &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }
  show_toast (self, _("Saved"));
  if (close_after)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  return TRUE;
}

static void
save_as_response (GtkNativeDialog *dialog,
                  int              response,
                  PgWindow        *self)
{
  gboolean close_after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "close-after"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!pg_document_save_as (self->document, file, &error))
        show_toast (self, error->message);
      else if (close_after)
        {
          self->close_confirmed = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
      else
        show_toast (self, _("Saved"));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_as (PgWindow *self,
         gboolean  close_after)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  PgDeclaration *declaration = pg_document_get_declaration (self->document);
  g_autofree char *suggested = NULL;

  /* The native chooser goes through the file chooser portal in Flatpak. */
  dialog = gtk_file_chooser_native_new (_("Save Declaration"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PerfGoal declarations"));
  gtk_file_filter_add_pattern (filter, "*.perfgoal");
  gtk_file_filter_add_mime_type (filter, "application/x-perfgoal");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  if (*pg_declaration_get_department_name (declaration) != '\0')
    suggested = g_strdup_printf ("%s %d.perfgoal", pg_declaration_get_department_name (declaration),
                                 pg_declaration_get_budget_year (declaration));
  else
    suggested = g_strdup (_("Declaration.perfgoal"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);

  g_object_set_data (G_OBJECT (dialog), "close-after", GINT_TO_POINTER (close_after));
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (PG_WINDOW (widget), FALSE);
}

static void
action_save_as (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (PG_WINDOW (widget), FALSE);
}

static void
close_response (AdwMessageDialog *dialog,
                const char       *response,
                PgWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    save (self, TRUE);
}

static gboolean
pg_window_close_request (GtkWindow *window)
{
  PgWindow *self = PG_WINDOW (window);
  GtkWidget *dialog;

  if (self->close_confirmed || !pg_document_get_modified (self->document))
    {
      /* The working copy goes with the window: nothing is left to recover. */
      pg_document_close (self->document);
      return GTK_WINDOW_CLASS (pg_window_parent_class)->close_request (window);
    }

  dialog = adw_message_dialog_new (window, _("Save Changes?"),
                                   _("The declaration has unsaved changes. "
                                     "Changes that are not saved are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject */

static void
pg_window_constructed (GObject *object)
{
  PgWindow *self = PG_WINDOW (object);
  GObject *declaration = G_OBJECT (pg_document_get_declaration (self->document));

  G_OBJECT_CLASS (pg_window_parent_class)->constructed (object);

  build_page (self);

  g_signal_connect_object (self->document, "notify::can-undo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-redo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::read-only", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (declaration, "notify::department-name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (declaration, "notify::budget-year", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pg_document_get_task_groups (self->document), "items-changed",
                           G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pg_document_get_goals (self->document), "items-changed",
                           G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pg_document_get_projects (self->document), "items-changed",
                           G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  update_actions (self);

  if (pg_document_get_read_only (self->document))
    show_toast (self, _("The file is read-only. Use Save As to keep your changes in another file."));
}

static void
pg_window_dispose (GObject *object)
{
  PgWindow *self = PG_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PG_TYPE_WINDOW);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (pg_window_parent_class)->dispose (object);
}

static void
pg_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, PG_WINDOW (object)->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pg_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      PG_WINDOW (object)->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pg_window_class_init (PgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pg_window_constructed;
  object_class->dispose = pg_window_dispose;
  object_class->get_property = pg_window_get_property;
  object_class->set_property = pg_window_set_property;
  window_class->close_request = pg_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PG_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/PerfGoal/pg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PgWindow, page);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, action_redo);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, action_save_as);
}

static void
pg_window_init (PgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PgWindow *
pg_window_new (PgApplication *application,
               PgDocument    *document)
{
  return g_object_new (PG_TYPE_WINDOW, "application", application, "document", document, NULL);
}

PgDocument *
pg_window_get_document (PgWindow *self)
{
  g_return_val_if_fail (PG_IS_WINDOW (self), NULL);
  return self->document;
}

PgWindow *
pg_window_find_for_file (GtkApplication *application,
                         GFile          *file)
{
  for (GList *l = gtk_application_get_windows (application); l; l = l->next)
    {
      GFile *shown;

      if (!PG_IS_WINDOW (l->data))
        continue;
      shown = pg_document_get_file (PG_WINDOW (l->data)->document);
      if (shown != NULL && g_file_equal (shown, file))
        return PG_WINDOW (l->data);
    }
  return NULL;
}

void
pg_window_install_accels (GtkApplication *application)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}
