/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-start-window.h"

#define START_WINDOW_KEY "pg-start-window"
#define MAX_RECENT 8

static void
recent_activated (AdwActionRow *row,
                  GtkWindow    *window)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  GApplication *application = G_APPLICATION (gtk_window_get_application (window));

  g_application_open (application, &file, 1, "");
}

static gboolean
is_declaration (GtkRecentInfo *info)
{
  return g_str_has_suffix (gtk_recent_info_get_uri (info), ".perfgoal")
         || g_strcmp0 (gtk_recent_info_get_mime_type (info), "application/x-perfgoal") == 0;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo **) a, *y = *(GtkRecentInfo **) b;
  return g_date_time_compare (gtk_recent_info_get_modified (y), gtk_recent_info_get_modified (x));
}

/* The recently saved declarations that still exist, newest first. */
static GtkWidget *
recent_group (GtkWindow *window)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *group = adw_preferences_group_new ();

  for (GList *l = items; l; l = l->next)
    if (is_declaration (l->data) && gtk_recent_info_exists (l->data))
      g_ptr_array_add (found, l->data);
  g_ptr_array_sort (found, newest_first);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Recent Declarations"));
  for (guint i = 0; i < found->len && i < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (found, i);
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *where = parent ? g_file_get_parse_name (parent) : g_strdup ("");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (gtk_recent_info_get_uri (info)), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (recent_activated), window);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_widget_set_visible (group, found->len > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return group;
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

GtkWindow *
pg_start_window_present (GtkApplication *application)
{
  GtkWidget *window = adw_application_window_new (application);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *clamp = adw_clamp_new ();

  g_object_set_data (G_OBJECT (window), START_WINDOW_KEY, GINT_TO_POINTER (TRUE));
  gtk_window_set_title (GTK_WINDOW (window), _("PerfGoal"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 640);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("PerfGoal"), NULL));
  gtk_box_append (GTK_BOX (box), header);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), APP_ID);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Performance Goals Declaration"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Fill in the department expenditure performance goals declaration, "
                                     "check it, and print it in the official layout."));

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), action_button (_("_New Declaration"), "app.new", TRUE));
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Open…"), "app.open", FALSE));
  gtk_box_append (GTK_BOX (buttons), action_button (_("Open _Example"), "app.open-example", FALSE));
  gtk_box_append (GTK_BOX (content), buttons);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  adw_clamp_set_child (ADW_CLAMP (clamp), recent_group (GTK_WINDOW (window)));
  gtk_box_append (GTK_BOX (content), clamp);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), content);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), status);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
close_start_windows (gpointer data)
{
  g_autoptr(GtkApplication) application = data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (application));

  for (GList *l = windows; l; l = l->next)
    if (g_object_get_data (G_OBJECT (l->data), START_WINDOW_KEY) != NULL)
      gtk_window_destroy (GTK_WINDOW (l->data));
}

void
pg_start_window_close_all (GtkApplication *application)
{
  /* From idle: the caller may be a dialog of the start window, still in
   * the middle of its response. */
  g_idle_add_once (close_start_windows, g_object_ref (application));
}
