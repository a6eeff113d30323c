/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window, driven through its widgets and actions under Xvfb: every page
 * shows the example's data, an edit in a field reaches the document, undo
 * brings the old value back into the field and reveals it, a deleted task
 * comes back in its place, and a saved file reopens with the edits.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "pg-amount.h"
#include "pg-field.h"
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

static gpointer
item (GListModel *list,
      guint       position)
{
  gpointer object = g_list_model_get_item (list, position);
  g_assert_nonnull (object);
  g_object_unref (object); /* the list keeps it */
  return object;
}

static void
drain (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* What a field shows, whatever kind of widget it is. */
static char *
shown_text (GtkWidget *widget)
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

static GtkWidget *
field (PgWindow   *window,
       gpointer    record,
       const char *property)
{
  GtkWidget *widget = pg_field_find (GTK_WIDGET (window), PG_RECORD (record), property);

  if (widget == NULL)
    g_error ("no field for %s.%s", pg_record_get_table (record), property ? property : "*");
  return widget;
}

static void
assert_shows (PgWindow   *window,
              gpointer    record,
              const char *property,
              const char *expected)
{
  g_autofree char *text = shown_text (field (window, record, property));
  g_assert_cmpstr (text, ==, expected);
}

/* The first button under `root` showing the icon `icon_name`. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *icon_name)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, icon_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkStack *
stack_of (PgWindow *window)
{
  GtkWidget *widget = pg_field_find (GTK_WIDGET (window),
                                     PG_RECORD (pg_document_get_declaration (pg_window_get_document (window))),
                                     "phone");
  return GTK_STACK (gtk_widget_get_ancestor (widget, GTK_TYPE_STACK));
}

/* Opens a window and visits every page (pages are built when first
 * shown), coming back to the first. */
static PgWindow *
open_window (PgDocument *doc)
{
  static const char *pages[] = { "finance", "functions", "tasks", "projects", "goals", "basic" };
  PgWindow *window = pg_window_new (NULL, doc);

  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]));
  drain ();
  return window;
}

static void
close_window (PgWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_every_page_shows_its_data (void)
{
  g_autoptr(PgDocument) doc = example ();
  PgWindow *window = open_window (doc);
  PgDeclaration *decl = pg_document_get_declaration (doc);
  PgFinanceRow *fiscal = item (pg_finance_block_get_rows (pg_document_get_revenue (doc)), 0);
  PgTaskGroup *group6 = item (pg_document_get_task_groups (doc), 5);
  PgTask *task19 = item (pg_task_group_get_tasks (group6), 6);
  PgProject *project = item (pg_document_get_projects (doc), 3);
  PgGoal *goal = item (pg_document_get_goals (doc), 0);
  GtkStack *stack;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "武汉市蔡甸区残疾人联合会 — 2023");

  assert_shows (window, decl, "department-name", "武汉市蔡甸区残疾人联合会");
  assert_shows (window, decl, "phone", "84902037");
  assert_shows (window, fiscal, "amount", "1485.73");
  assert_shows (window, fiscal, "year-minus-2", "2699");
  {
    g_autofree char *functions = shown_text (field (window, decl, "functions"));
    g_assert_true (g_str_has_prefix (functions, "1.贯彻执行党和国家有关残疾人工作的方针"));
  }
  g_assert_cmpuint (pg_task_get_number (task19), ==, 19);
  assert_shows (window, task19, "title", "打造“阳光残联”。");
  assert_shows (window, project, "name", "康复经费");
  assert_shows (window, project, "year-budget", "662.8");
  g_assert_nonnull (field (window, goal, NULL));

  /* Six pages, reachable by the window's page actions. */
  stack = stack_of (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_stack_get_pages (stack))), ==, 6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "tasks"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "tasks");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-page", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "projects");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-page", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-page", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "functions");

  close_window (window);
}

static void
test_edit_undo_reveals (void)
{
  g_autoptr(PgDocument) doc = example ();
  PgWindow *window = open_window (doc);
  PgDeclaration *decl = pg_document_get_declaration (doc);
  PgFinanceRow *other = item (pg_finance_block_get_rows (pg_document_get_revenue (doc)), 1);
  GtkWidget *phone = field (window, decl, "phone");
  GtkWidget *amount = field (window, other, "amount");
  GtkStack *stack = stack_of (window);

  /* An edit through the widget is a command on the document. */
  gtk_editable_set_text (GTK_EDITABLE (phone), "027-84902037");
  g_assert_cmpstr (pg_declaration_get_phone (decl), ==, "027-84902037");
  g_assert_true (pg_document_get_can_undo (doc));

  /* Amounts: a Chinese input method's full-width digits are taken; junk is
   * marked and never reaches the document. */
  pg_document_break_coalescing (doc);
  gtk_editable_set_text (GTK_EDITABLE (amount), "１２．５");
  g_assert_cmpint (pg_finance_row_get_amount (other), ==, 125000);
  gtk_editable_set_text (GTK_EDITABLE (amount), "12.5元");
  g_assert_true (gtk_widget_has_css_class (amount, "error"));
  g_assert_cmpint (pg_finance_row_get_amount (other), ==, 125000);
  gtk_editable_set_text (GTK_EDITABLE (amount), "1,200");
  g_assert_false (gtk_widget_has_css_class (amount, "error"));
  g_assert_cmpint (pg_finance_row_get_amount (other), ==, 12000000);
  /* The total follows. */
  g_assert_cmpint (pg_finance_block_get_total (pg_document_get_revenue (doc)), ==, 14857300 + 12000000);

  /* From another page, undo: the value comes back, and its page and field
   * are shown. */
  gtk_stack_set_visible_child_name (stack, "goals");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_cmpint (pg_finance_row_get_amount (other), ==, PG_AMOUNT_NONE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount)), ==, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "finance");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_cmpstr (pg_declaration_get_phone (decl), ==, "84902037");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "84902037");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "basic");

  /* A change made underneath the window shows in it. */
  g_assert_true (pg_document_set_string (doc, PG_RECORD (decl), "department-name", "蔡甸区残联", NULL));
  drain ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "蔡甸区残联 — 2023");
  assert_shows (window, decl, "department-name", "蔡甸区残联");

  close_window (window);
}

static void
test_delete_task_and_undo (void)
{
  g_autoptr(PgDocument) doc = example ();
  PgWindow *window = open_window (doc);
  PgTaskGroup *group = item (pg_document_get_task_groups (doc), 0);
  GListModel *tasks = pg_task_group_get_tasks (group);
  PgTask *second = item (tasks, 1);
  g_autoptr(PgTask) kept = g_object_ref (second);
  PgTask *third = item (tasks, 2);

  /* The delete button of task 2, as a user presses it. */
  {
    GtkWidget *button = find_button (field (window, second, NULL), "user-trash-symbolic");

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    drain ();
  }
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 2);
  g_assert_true (item (tasks, 1) == third);
  g_assert_cmpuint (pg_task_get_number (third), ==, 2);
  assert_shows (window, third, "title", "落实党建带残建制度。");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 3);
  g_assert_cmpint (pg_record_get_id (PG_RECORD (item (tasks, 1))), ==, pg_record_get_id (PG_RECORD (kept)));
  g_assert_cmpuint (pg_task_get_number (third), ==, 3);
  assert_shows (window, item (tasks, 1), "title", "发挥党组织作用。");

  close_window (window);
}

/* The widget with the keyboard focus. */
static GtkWidget *
focused (PgWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Moving a row rebuilds it: the focus and the cursor go back to the same
 * field of the moved row, for a project and for a task that crosses into
 * the group before its own. */
static void
test_move_keeps_focus (void)
{
  g_autoptr(PgDocument) doc = example ();
  PgWindow *window = open_window (doc);
  GListModel *projects = pg_document_get_projects (doc);
  PgProject *project = item (projects, 1);
  PgTaskGroup *first_group = item (pg_document_get_task_groups (doc), 0);
  PgTaskGroup *second_group = item (pg_document_get_task_groups (doc), 1);
  PgTask *task = item (pg_task_group_get_tasks (second_group), 0);
  guint n_first = g_list_model_get_n_items (pg_task_group_get_tasks (first_group));
  GtkWidget *name, *title;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "projects"));
  drain ();
  name = field (window, project, "name");
  gtk_widget_grab_focus (name);
  gtk_editable_set_position (GTK_EDITABLE (name), 2);
  g_signal_emit_by_name (find_button (field (window, project, NULL), "go-up-symbolic"), "clicked");
  drain ();
  g_assert_true (item (projects, 0) == project);
  name = field (window, project, "name");
  g_assert_true (focused (window) == name || gtk_widget_is_ancestor (focused (window), name));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (name)), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "tasks"));
  drain ();
  title = field (window, task, "title");
  gtk_widget_grab_focus (title);
  gtk_editable_set_position (GTK_EDITABLE (title), 3);
  g_signal_emit_by_name (find_button (field (window, task, NULL), "go-up-symbolic"), "clicked");
  drain ();
  g_assert_true (pg_task_get_group (task) == first_group);
  g_assert_cmpuint (g_list_model_get_n_items (pg_task_group_get_tasks (first_group)), ==, n_first + 1);
  g_assert_true (item (pg_task_group_get_tasks (first_group), n_first) == task);
  title = field (window, task, "title");
  g_assert_true (focused (window) == title || gtk_widget_is_ancestor (focused (window), title));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (title)), ==, 3);

  /* Each move is one step back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_true (pg_task_get_group (task) == second_group);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_true (item (projects, 1) == project);

  close_window (window);
}

static void
test_save_and_reopen (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = example ();
  g_autoptr(PgDocument) reopened = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "saved.perfgoal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PgWindow *window = open_window (doc);
  PgDeclaration *decl = pg_document_get_declaration (doc);
  PgTask *task = item (pg_task_group_get_tasks (item (pg_document_get_task_groups (doc), 0)), 0);

  gtk_editable_set_text (GTK_EDITABLE (field (window, decl, "head")), "张三");
  gtk_editable_set_text (GTK_EDITABLE (field (window, task, "title")), "完善领导体制。");
  g_assert_true (pg_document_save_as (doc, file, &error));
  g_assert_no_error (error);
  close_window (window);

  reopened = pg_document_open (file, &error);
  g_assert_no_error (error);
  window = open_window (reopened);
  decl = pg_document_get_declaration (reopened);
  task = item (pg_task_group_get_tasks (item (pg_document_get_task_groups (reopened), 0)), 0);
  assert_shows (window, decl, "head", "张三");
  assert_shows (window, task, "title", "完善领导体制。");
  close_window (window);
  g_unlink (path);
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

  g_test_add_func ("/window/every-page-shows-its-data", test_every_page_shows_its_data);
  g_test_add_func ("/window/edit-undo-reveals", test_edit_undo_reveals);
  g_test_add_func ("/window/delete-task-and-undo", test_delete_task_and_undo);
  g_test_add_func ("/window/move-keeps-focus", test_move_keeps_focus);
  g_test_add_func ("/window/save-and-reopen", test_save_and_reopen);
  return g_test_run ();
}
