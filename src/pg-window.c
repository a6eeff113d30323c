/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document window: one page per section of the form (pg-sections.h) in a
 * stack with a sidebar, the document's undo history, and the file
 * commands. The window keeps no copy of the document's data: the sections
 * show the document live, and after an undo or redo the window reveals and
 * focuses the field the step was about, on whatever page it is.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pg-field.h"
#include "pg-print-operation.h"
#include "pg-review-panel.h"
#include "pg-sections.h"
#include "pg-window.h"

struct _PgWindow
{
  AdwApplicationWindow parent_instance;

  PgDocument     *document;

  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  GtkRevealer    *read_only_revealer;
  GtkStack       *stack;
  GtkRevealer    *review_revealer;
  GtkToggleButton *review_button;
  GtkImage       *review_icon;
  GtkLabel       *review_count;
  PgReviewPanel  *review_panel;

  GSettings      *settings;  /* NULL when the schema is not installed */
  gboolean        close_confirmed;
};

/* The sections, in the form's order. Alt+1 … Alt+6 follow it. `members`
 * are the exchange format's top-level members a section edits, so a
 * finding's path leads to its page. */
static const struct {
  const char *name;
  const char *title;
  GtkWidget *(*create) (PgDocument *document);
  const char *members[4];
} sections[] = {
  { "basic", N_("Basic Information"), pg_section_basic_new, { "budget_year", "fill_date", "department", NULL } },
  { "finance", N_("Revenue & Expenditure"), pg_section_finance_new, { "finance", NULL } },
  { "functions", N_("Functions"), pg_section_functions_new, { "functions", NULL } },
  { "tasks", N_("Work Tasks"), pg_section_tasks_new, { "task_groups", NULL } },
  { "projects", N_("Projects"), pg_section_projects_new, { "projects", NULL } },
  { "goals", N_("Goals"), pg_section_goals_new, { "goals", NULL } },
};

G_DEFINE_FINAL_TYPE (PgWindow, pg_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_DOCUMENT, PROP_REVIEW_VISIBLE, N_PROPS };
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
    /* Translators: the window title: the department’s name, then the budget year. */
    title = g_strdup_printf (_("%s — %d"), name, year);
  else if (*name != '\0')
    title = g_strdup (name);
  else if (file != NULL)
    title = g_file_get_basename (file);
  else
    title = g_strdup (_("New Declaration"));

  where = file != NULL ? g_file_get_parse_name (file) : g_strdup (_("Not saved yet"));
  if (pg_document_get_read_only (self->document))
    /* Translators: the window subtitle; %s is the file name. */
    subtitle = g_strdup_printf (_("%s (read-only)"), where);
  else if (pg_document_get_modified (self->document))
    /* Translators: the window subtitle; %s is the file name. */
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
  gtk_revealer_set_reveal_child (self->read_only_revealer, !writable);
  update_title (self);
}

/* The window's size and last page, kept between runs. Without the schema
 * (running from a build tree without its environment) nothing is kept. */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema ? g_settings_new (APP_ID) : NULL;
}

static void
restore_state (PgWindow *self)
{
  g_autofree char *page = NULL;

  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  page = g_settings_get_string (self->settings, "last-page");
  if (gtk_stack_get_child_by_name (self->stack, page) != NULL)
    gtk_stack_set_visible_child_name (self->stack, page);
}

static void
save_state (PgWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_string (self->settings, "last-page", gtk_stack_get_visible_child_name (self->stack));
}

/* Pages are built when first shown: the window is on screen as soon as
 * the first page is, however long the declaration. */
static void
ensure_page (PgWindow  *self,
             GtkWidget *holder)
{
  guint index;

  if (holder == NULL || gtk_widget_get_first_child (holder) != NULL)
    return;
  index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (holder), "section"));
  gtk_box_append (GTK_BOX (holder), sections[index].create (self->document));
}

static void
ensure_all_pages (PgWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    ensure_page (self, gtk_stack_get_child_by_name (self->stack, sections[i].name));
}

static void
on_visible_page (PgWindow *self)
{
  ensure_page (self, gtk_stack_get_visible_child (self->stack));
}

static void
build_pages (PgWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      g_object_set_data (G_OBJECT (holder), "section", GUINT_TO_POINTER (i));
      gtk_stack_add_titled (self->stack, holder, sections[i].name, _(sections[i].title));
    }
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (on_visible_page),
                           self, G_CONNECT_SWAPPED);
  on_visible_page (self);
}

/* Pages: Ctrl+Page Up/Down, Alt+1…6, and the last one shown is remembered. */
static void
show_page_by_index (PgWindow *self,
                    int       index)
{
  if (index >= 0 && index < (int) G_N_ELEMENTS (sections))
    gtk_stack_set_visible_child_name (self->stack, sections[index].name);
}

static int
current_page_index (PgWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].name, name) == 0)
      return (int) i;
  return 0;
}

static void
action_show_page (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_stack_set_visible_child_name (PG_WINDOW (widget)->stack, g_variant_get_string (parameter, NULL));
}

static void
action_next_page (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PgWindow *self = PG_WINDOW (widget);
  show_page_by_index (self, (current_page_index (self) + 1) % (int) G_N_ELEMENTS (sections));
}

static void
action_previous_page (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PgWindow *self = PG_WINDOW (widget);
  int n = G_N_ELEMENTS (sections);
  show_page_by_index (self, (current_page_index (self) + n - 1) % n);
}

/* Shows the page of a record's field and focuses it; property NULL (or a
 * property with no field of its own) focuses the record's first field. */
static gboolean
reveal_field (PgWindow   *self,
              PgRecord   *record,
              const char *property)
{
  GtkWidget *widget = NULL;
  GtkWidget *page;

  /* The field may be on a page not built yet. */
  ensure_all_pages (self);
  if (property != NULL)
    widget = pg_field_find (GTK_WIDGET (self->stack), record, property);
  if (widget == NULL)
    widget = pg_field_find (GTK_WIDGET (self->stack), record, NULL);
  if (widget == NULL)
    return FALSE;

  for (page = widget; page != NULL && gtk_widget_get_parent (page) != GTK_WIDGET (self->stack);
       page = gtk_widget_get_parent (page))
    ;
  if (page != NULL)
    gtk_stack_set_visible_child (self->stack, page);
  gtk_widget_grab_focus (widget);
  /* Focus selects a field's text; the next keystroke must not replace it. */
  if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_position (GTK_EDITABLE (widget), -1);
  return TRUE;
}

/* After undo and redo: show the page of the field the step was about and
 * focus it, so the user sees what changed. */
static void
on_history_step (PgDocument *document,
                 PgRecord   *record,
                 const char *property,
                 PgWindow   *self)
{
  if (record != NULL)
    reveal_field (self, record, property);
}

/* Review */

/* A finding chosen in the review panel: its field, else its page. */
static void
on_finding_activated (PgWindow   *self,
                      const char *path)
{
  g_autofree char *property = NULL;
  g_autofree char *first = g_strndup (path, strcspn (path, ".["));
  PgRecord *record = pg_review_locate (self->document, path, &property);

  if (record != NULL && reveal_field (self, record, property))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strv_contains (sections[i].members, first))
      {
        gtk_stack_set_visible_child_name (self->stack, sections[i].name);
        gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
      }
}

/* The header bar's button says how many findings there are. */
static void
update_review_button (PgWindow *self)
{
  guint n_errors = pg_review_panel_get_n_errors (self->review_panel);
  guint n_findings = n_errors + pg_review_panel_get_n_warnings (self->review_panel);
  g_autofree char *count = g_strdup_printf ("%u", n_findings);
  g_autofree char *spoken = NULL;

  gtk_label_set_label (self->review_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->review_count), n_findings > 0);
  gtk_image_set_from_icon_name (self->review_icon, n_errors > 0 ? "dialog-error-symbolic"
                                                   : n_findings > 0 ? "dialog-warning-symbolic"
                                                   : "emblem-ok-symbolic");
  if (n_findings == 0)
    spoken = g_strdup (_("Review: no problems found"));
  else
    /* Translators: the accessible label of the review button in the header bar */
    spoken = g_strdup_printf (ngettext ("Review: %u finding", "Review: %u findings", n_findings), n_findings);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->review_button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
set_review_visible (PgWindow *self,
                    gboolean  visible)
{
  if (gtk_revealer_get_reveal_child (self->review_revealer) == visible)
    return;
  gtk_revealer_set_reveal_child (self->review_revealer, visible);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_VISIBLE]);
}

/* Once the panel has slid in, the keyboard goes to the first finding. */
static void
on_review_revealed (PgWindow *self)
{
  if (gtk_revealer_get_child_revealed (self->review_revealer)
      && gtk_revealer_get_reveal_child (self->review_revealer))
    pg_review_panel_focus (self->review_panel);
}

static void
build_review (PgWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->review_panel = PG_REVIEW_PANEL (pg_review_panel_new (self->document, GTK_WIDGET (self->stack)));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->review_panel));
  gtk_revealer_set_child (self->review_revealer, box);
  g_signal_connect_object (self->review_panel, "finding-activated", G_CALLBACK (on_finding_activated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_revealer, "notify::child-revealed", G_CALLBACK (on_review_revealed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_panel, "notify::n-errors", G_CALLBACK (update_review_button),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_panel, "notify::n-warnings", G_CALLBACK (update_review_button),
                           self, G_CONNECT_SWAPPED);
  update_review_button (self);
}

/* Printing and export first say how many errors remain, and go on if the
 * user wants: the finance bureau would send the declaration back. */
static void
print_response (AdwMessageDialog *dialog,
                const char       *response,
                PgWindow         *self)
{
  void (*go_on) (GtkWindow *, PgDocument *) = g_object_get_data (G_OBJECT (dialog), "go-on");

  if (g_strcmp0 (response, "review") == 0)
    set_review_visible (self, TRUE);
  else if (g_strcmp0 (response, "go-on") == 0)
    go_on (GTK_WINDOW (self), self->document);
}

static void
print_after_review (PgWindow   *self,
                    void      (*go_on) (GtkWindow *, PgDocument *),
                    const char *go_on_label)
{
  GtkWidget *dialog;
  guint n_errors;

  pg_review_panel_update (self->review_panel);
  n_errors = pg_review_panel_get_n_errors (self->review_panel);
  if (n_errors == 0)
    {
      go_on (GTK_WINDOW (self), self->document);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL,
                                   _("The finance bureau would send the declaration back for them. "
                                     "Review them first, or go on anyway."));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     /* Translators: a dialog heading before printing;
                                      * %u is how many errors the review found. */
                                     ngettext ("%u Error Remains", "%u Errors Remain", n_errors), n_errors);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "go-on", go_on_label,
                                    "review", _("_Review"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "review", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "review");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "go-on", go_on);
  g_signal_connect_object (dialog, "response", G_CALLBACK (print_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

/* Saved files are offered again on the start page. */
static void
remember_recent (PgWindow *self)
{
  GFile *file = pg_document_get_file (self->document);
  g_autofree char *uri = file ? g_file_get_uri (file) : NULL;

  if (uri != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

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
  remember_recent (self);
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
      else
        {
          remember_recent (self);
          if (close_after)
            {
              self->close_confirmed = TRUE;
              gtk_window_close (GTK_WINDOW (self));
            }
          else
            show_toast (self, _("Saved"));
        }
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
action_print (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  print_after_review (PG_WINDOW (widget), pg_print_run, _("_Print Anyway"));
}

static void
action_print_preview (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PgWindow *self = PG_WINDOW (widget);
  pg_print_preview (GTK_WINDOW (self), self->document);
}

static void
action_export_pdf (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  print_after_review (PG_WINDOW (widget), pg_print_export_pdf, _("_Export Anyway"));
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
      save_state (self);
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

  build_pages (self);
  build_review (self);

  g_signal_connect_object (self->document, "notify::can-undo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-redo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::read-only", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "history-step", G_CALLBACK (on_history_step), self, 0);
  g_signal_connect_object (declaration, "notify::department-name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (declaration, "notify::budget-year", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  update_actions (self);
  restore_state (self);
}

static void
pg_window_dispose (GObject *object)
{
  PgWindow *self = PG_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PG_TYPE_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
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
    case PROP_REVIEW_VISIBLE:
      /* The action asks before the template is built. */
      g_value_set_boolean (value, PG_WINDOW (object)->review_revealer != NULL
                                  && gtk_revealer_get_reveal_child (PG_WINDOW (object)->review_revealer));
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
    case PROP_REVIEW_VISIBLE:
      set_review_visible (PG_WINDOW (object), g_value_get_boolean (value));
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
  /* Whether the review panel is shown (the action win.review toggles it). */
  properties[PROP_REVIEW_VISIBLE] =
    g_param_spec_boolean ("review-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/PerfGoal/pg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PgWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, PgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PgWindow, review_revealer);
  gtk_widget_class_bind_template_child (widget_class, PgWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, PgWindow, review_icon);
  gtk_widget_class_bind_template_child (widget_class, PgWindow, review_count);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, action_redo);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, action_save_as);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "win.print-preview", NULL, action_print_preview);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, action_export_pdf);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", action_show_page);
  gtk_widget_class_install_property_action (widget_class, "win.review", "review-visible");
  gtk_widget_class_install_action (widget_class, "win.next-page", NULL, action_next_page);
  gtk_widget_class_install_action (widget_class, "win.previous-page", NULL, action_previous_page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-page", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", sections[i].name);
}

static void
pg_window_init (PgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = open_settings ();
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
    { "win.print", { "<Control>p", NULL } },
    { "win.export-pdf", { "<Control><Shift>e", NULL } },
    { "win.review", { "F8", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}
