/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window, driven through its widgets and actions under Xvfb: every page
 * shows the example's data, an edit in a field reaches the document, undo
 * brings the old value back into the field and reveals it, a deleted task
 * comes back in its place, and a saved file reopens with the edits.
 */
#include "config.h"

#include <adwaita.h>
#include <epoxy/gl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "pg-amount.h"
#include "pg-field.h"
#include "pg-json.h"
#include "pg-renderer.h"
#include "pg-window.h"
#include "large-declaration.h"

static void
assert_shows (PgWindow   *window,
              gpointer    record,
              const char *property,
              const char *expected)
{
  g_autofree char *text = pg_test_shown_text (pg_test_field (window, record, property));
  g_assert_cmpstr (text, ==, expected);
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
  pg_test_drain ();
  return window;
}

static void
test_every_page_shows_its_data (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_window (doc);
  PgDeclaration *decl = pg_document_get_declaration (doc);
  PgFinanceRow *fiscal = pg_test_item (pg_finance_block_get_rows (pg_document_get_revenue (doc)), 0);
  PgTaskGroup *group6 = pg_test_item (pg_document_get_task_groups (doc), 5);
  PgTask *task19 = pg_test_item (pg_task_group_get_tasks (group6), 6);
  PgProject *project = pg_test_item (pg_document_get_projects (doc), 3);
  PgGoal *goal = pg_test_item (pg_document_get_goals (doc), 0);
  GtkStack *stack;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "武汉市蔡甸区残疾人联合会 — 2023");

  assert_shows (window, decl, "department-name", "武汉市蔡甸区残疾人联合会");
  assert_shows (window, decl, "phone", "84902037");
  assert_shows (window, fiscal, "amount", "1485.73");
  assert_shows (window, fiscal, "year-minus-2", "2699");
  {
    g_autofree char *functions = pg_test_shown_text (pg_test_field (window, decl, "functions"));
    g_assert_true (g_str_has_prefix (functions, "1.贯彻执行党和国家有关残疾人工作的方针"));
  }
  g_assert_cmpuint (pg_task_get_number (task19), ==, 19);
  assert_shows (window, task19, "title", "打造“阳光残联”。");
  assert_shows (window, project, "name", "康复经费");
  assert_shows (window, project, "year-budget", "662.8");
  g_assert_nonnull (pg_test_field (window, goal, NULL));

  /* Six pages, reachable by the window's page actions. */
  stack = pg_test_page_stack (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_stack_get_pages (stack))), ==, 6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "tasks"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "tasks");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-page", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "projects");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-page", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-page", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "functions");

  pg_test_close_window (window);
}

/* Software OpenGL is told from a GPU by its renderer's name. */
static void
test_renderer_names (void)
{
  g_assert_true (pg_renderer_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (pg_renderer_is_software ("Software Rasterizer"));
  g_assert_true (pg_renderer_is_software ("softpipe"));
  g_assert_false (pg_renderer_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  /* A GPU whose driver is built with LLVM. */
  g_assert_false (pg_renderer_is_software ("AMD Radeon RX 580 Series (polaris10, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)"));
  g_assert_false (pg_renderer_is_software (NULL));
}

/* Whether this display's OpenGL is Mesa's llvmpipe (as Xvfb's always is),
 * asked here independently of pg-renderer.c. */
static gboolean
gl_is_llvmpipe (void)
{
  g_autoptr(GdkGLContext) context = gdk_display_create_gl_context (gdk_display_get_default (), NULL);
  gboolean llvmpipe = FALSE;

  if (context != NULL && gdk_gl_context_realize (context, NULL))
    {
      gdk_gl_context_make_current (context);
      llvmpipe = strstr ((const char *) glGetString (GL_RENDERER), "llvmpipe") != NULL;
      gdk_gl_context_clear_current ();
    }
  return llvmpipe;
}

/* The choice is made before the first window: in a new process, the first
 * window draws with what was chosen. (Under Xvfb, OpenGL is llvmpipe.) */
static void
test_renderer_choice (void)
{
  if (g_test_subprocess ())
    {
      GtkWidget *window;
      GskRenderer *renderer;
      gboolean chosen, expected;

      g_unsetenv ("GSK_RENDERER");
      expected = gl_is_llvmpipe ();
      chosen = pg_renderer_choose ();
      g_assert_cmpint (chosen, ==, expected);
      window = gtk_window_new ();
      gtk_window_present (GTK_WINDOW (window));
      pg_test_drain ();
      renderer = gtk_native_get_renderer (GTK_NATIVE (window));
      g_test_message ("software OpenGL: %s; renderer: %s", chosen ? "yes" : "no", G_OBJECT_TYPE_NAME (renderer));
      if (chosen)
        {
          g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
          g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
        }
      else
        g_assert_null (g_getenv ("GSK_RENDERER"));
      gtk_window_destroy (GTK_WINDOW (window));
      pg_test_drain ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Goals are separated by a line of their own, not by their rows' bottom
 * border: GTK 4.8 draws a one-sided border by filling the row's whole
 * outline, and a goal's row is thousands of pixels tall (it tripled the
 * frame after a collapse). */
static void
test_goals_separated_by_lines (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  g_autoptr(GError) error = NULL;
  PgWindow *window;
  GtkWidget *goal1, *goal2, *row1, *row2, *header;
  GtkBorder border = { 0 };

  g_assert_nonnull (pg_document_add_goal (doc, PG_POSITION_END, "目标二", &error));
  g_assert_no_error (error);
  window = open_window (doc);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "goals"));
  pg_test_drain ();
  goal1 = pg_test_field (window, pg_test_item (pg_document_get_goals (doc), 0), NULL);
  goal2 = pg_test_field (window, pg_test_item (pg_document_get_goals (doc), 1), NULL);
  row1 = gtk_widget_get_ancestor (goal1, GTK_TYPE_LIST_BOX_ROW);
  row2 = gtk_widget_get_ancestor (goal2, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row1);
  g_assert_nonnull (row2);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_border (gtk_widget_get_style_context (row1), &border);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpint (border.top + border.right + border.bottom + border.left, ==, 0);
  g_assert_null (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row1)));
  header = gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row2));
  g_assert_true (GTK_IS_SEPARATOR (header));
  g_assert_true (gtk_widget_get_visible (header));
  pg_test_close_window (window);
}

static GtkAdjustment *
goals_scroll (PgWindow *window,
              PgGoal   *goal)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (pg_test_field (window, goal, NULL), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* With many goals, only the goals near the view are drawn, headings and
 * indicator tables (GTK draws every mapped widget of a page each frame),
 * whatever was scrolled through; the one with the focus stays drawn, and a
 * field far away that is revealed (here by an undo) is drawn and focused. */
static void
test_far_goals_not_drawn (void)
{
  g_autoptr(PgDocument) doc = large_declaration_new (8, 0, 0);
  g_autoptr(GError) error = NULL;
  PgGoal *first = pg_test_item (pg_document_get_goals (doc), 0);
  PgGoal *last = pg_test_item (pg_document_get_goals (doc), 7);
  PgIndicator *level1 = pg_test_item (pg_goal_get_indicators (last), 0);
  PgIndicator *leaf = pg_test_item (pg_indicator_get_children (pg_test_item (pg_indicator_get_children (level1), 0)), 0);
  PgWindow *window = pg_window_new (NULL, doc);
  GtkAdjustment *scroll;
  GtkWidget *first_table, *last_table, *focus, *title;

  pg_document_set_coalesce_ms (doc, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "goals"));
  pg_test_drain ();
  scroll = goals_scroll (window, first);

  /* Scrolled through to the end and back: every table built, only those
   * near the top drawn. */
  for (double value = 0; value < gtk_adjustment_get_upper (scroll); value += gtk_adjustment_get_page_size (scroll))
    {
      gtk_adjustment_set_value (scroll, value);
      pg_test_drain ();
    }
  gtk_adjustment_set_value (scroll, 0);
  pg_test_drain ();
  first_table = pg_field_find (GTK_WIDGET (window), PG_RECORD (level1), NULL);
  g_assert_nonnull (first_table);
  last_table = gtk_widget_get_ancestor (first_table, GTK_TYPE_SCROLLED_WINDOW);
  first_table = gtk_widget_get_ancestor (pg_field_find (GTK_WIDGET (window),
                                                        PG_RECORD (pg_test_item (pg_goal_get_indicators (first), 0)),
                                                        NULL),
                                         GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_get_mapped (first_table));
  g_assert_false (gtk_widget_get_mapped (last_table));

  /* An undo about the last goal reveals its field: drawn and focused. */
  g_assert_true (pg_document_set_string (doc, PG_RECORD (leaf), "target", "≥ 99%", &error));
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_no_error (error);
  pg_test_drain ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, last_table));
  g_assert_true (gtk_widget_get_mapped (focus));

  /* Scrolled back to the top, the focused table stays drawn, the focus
   * where it was. */
  gtk_adjustment_set_value (scroll, 0);
  pg_test_drain ();
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  g_assert_true (gtk_widget_get_mapped (last_table));

  /* Once the focus is elsewhere, it is not drawn at the next scroll. */
  gtk_widget_grab_focus (pg_test_field (window, first, "title"));
  gtk_adjustment_set_value (scroll, 1);
  gtk_adjustment_set_value (scroll, 0);
  pg_test_drain ();
  g_assert_false (gtk_widget_get_mapped (last_table));

  /* Nor is a far goal's heading; an undo about its statement draws and
   * focuses it. */
  title = pg_test_field (window, last, "title");
  g_assert_true (gtk_widget_get_mapped (pg_test_field (window, first, "title")));
  g_assert_false (gtk_widget_get_mapped (title));
  g_assert_true (pg_document_set_string (doc, PG_RECORD (last), "title", "改过的目标", &error));
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_no_error (error);
  pg_test_drain ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_get_mapped (title));
  g_assert_true (focus == title || gtk_widget_is_ancestor (focus, title));
  gtk_widget_grab_focus (pg_test_field (window, first, "title"));
  gtk_adjustment_set_value (scroll, 1);
  gtk_adjustment_set_value (scroll, 0);
  pg_test_drain ();
  g_assert_false (gtk_widget_get_mapped (title));

  /* Moved from the bottom to the top (the list makes its row anew, and the
   * page keeps its length): its table is built and drawn there. */
  g_assert_true (pg_document_move (doc, PG_RECORD (last), NULL, 0, &error));
  g_assert_no_error (error);
  pg_test_drain ();
  last_table = pg_field_find (GTK_WIDGET (window), PG_RECORD (level1), NULL);
  g_assert_nonnull (last_table);
  g_assert_true (gtk_widget_get_mapped (last_table));

  /* The goals above the (new) last one deleted, it comes up into the view
   * without a scroll: drawn. */
  last = pg_test_item (pg_document_get_goals (doc), 7);
  last_table = pg_field_find (GTK_WIDGET (window), PG_RECORD (pg_test_item (pg_goal_get_indicators (last), 0)), NULL);
  g_assert_nonnull (last_table);
  g_assert_false (gtk_widget_get_mapped (last_table));
  for (guint i = 0; i < 7; i++)
    g_assert_true (pg_document_remove (doc, PG_RECORD (pg_test_item (pg_document_get_goals (doc), 0)), &error));
  g_assert_no_error (error);
  pg_test_drain ();
  g_assert_true (pg_test_item (pg_document_get_goals (doc), 0) == last);
  g_assert_true (gtk_widget_get_mapped (last_table));
  pg_test_close_window (window);
}

static void
test_edit_undo_reveals (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_window (doc);
  PgDeclaration *decl = pg_document_get_declaration (doc);
  PgFinanceRow *other = pg_test_item (pg_finance_block_get_rows (pg_document_get_revenue (doc)), 1);
  GtkWidget *phone = pg_test_field (window, decl, "phone");
  GtkWidget *amount = pg_test_field (window, other, "amount");
  GtkStack *stack = pg_test_page_stack (window);

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
  pg_test_drain ();
  g_assert_cmpint (pg_finance_row_get_amount (other), ==, PG_AMOUNT_NONE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount)), ==, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "finance");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_cmpstr (pg_declaration_get_phone (decl), ==, "84902037");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "84902037");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "basic");

  /* A change made underneath the window shows in it. */
  g_assert_true (pg_document_set_string (doc, PG_RECORD (decl), "department-name", "蔡甸区残联", NULL));
  pg_test_drain ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "蔡甸区残联 — 2023");
  assert_shows (window, decl, "department-name", "蔡甸区残联");

  pg_test_close_window (window);
}

static void
test_delete_task_and_undo (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_window (doc);
  PgTaskGroup *group = pg_test_item (pg_document_get_task_groups (doc), 0);
  GListModel *tasks = pg_task_group_get_tasks (group);
  PgTask *second = pg_test_item (tasks, 1);
  g_autoptr(PgTask) kept = g_object_ref (second);
  PgTask *third = pg_test_item (tasks, 2);

  /* The delete button of task 2, as a user presses it. */
  {
    GtkWidget *button = pg_test_find_button (pg_test_field (window, second, NULL), "user-trash-symbolic");

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    pg_test_drain ();
  }
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 2);
  g_assert_true (pg_test_item (tasks, 1) == third);
  g_assert_cmpuint (pg_task_get_number (third), ==, 2);
  assert_shows (window, third, "title", "落实党建带残建制度。");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 3);
  g_assert_cmpint (pg_record_get_id (PG_RECORD (pg_test_item (tasks, 1))), ==, pg_record_get_id (PG_RECORD (kept)));
  g_assert_cmpuint (pg_task_get_number (third), ==, 3);
  assert_shows (window, pg_test_item (tasks, 1), "title", "发挥党组织作用。");

  pg_test_close_window (window);
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
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_window (doc);
  GListModel *projects = pg_document_get_projects (doc);
  PgProject *project = pg_test_item (projects, 1);
  PgTaskGroup *first_group = pg_test_item (pg_document_get_task_groups (doc), 0);
  PgTaskGroup *second_group = pg_test_item (pg_document_get_task_groups (doc), 1);
  PgTask *task = pg_test_item (pg_task_group_get_tasks (second_group), 0);
  guint n_first = g_list_model_get_n_items (pg_task_group_get_tasks (first_group));
  GtkWidget *name, *title;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "projects"));
  pg_test_drain ();
  name = pg_test_field (window, project, "name");
  gtk_widget_grab_focus (name);
  gtk_editable_set_position (GTK_EDITABLE (name), 2);
  g_signal_emit_by_name (pg_test_find_button (pg_test_field (window, project, NULL), "go-up-symbolic"), "clicked");
  pg_test_drain ();
  g_assert_true (pg_test_item (projects, 0) == project);
  name = pg_test_field (window, project, "name");
  g_assert_true (focused (window) == name || gtk_widget_is_ancestor (focused (window), name));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (name)), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "tasks"));
  pg_test_drain ();
  title = pg_test_field (window, task, "title");
  gtk_widget_grab_focus (title);
  gtk_editable_set_position (GTK_EDITABLE (title), 3);
  g_signal_emit_by_name (pg_test_find_button (pg_test_field (window, task, NULL), "go-up-symbolic"), "clicked");
  pg_test_drain ();
  g_assert_true (pg_task_get_group (task) == first_group);
  g_assert_cmpuint (g_list_model_get_n_items (pg_task_group_get_tasks (first_group)), ==, n_first + 1);
  g_assert_true (pg_test_item (pg_task_group_get_tasks (first_group), n_first) == task);
  title = pg_test_field (window, task, "title");
  g_assert_true (focused (window) == title || gtk_widget_is_ancestor (focused (window), title));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (title)), ==, 3);

  /* Each move is one step back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_true (pg_task_get_group (task) == second_group);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_true (pg_test_item (projects, 1) == project);

  pg_test_close_window (window);
}

static void
test_save_and_reopen (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = pg_test_example ();
  g_autoptr(PgDocument) reopened = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "saved.perfgoal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PgWindow *window = open_window (doc);
  PgDeclaration *decl = pg_document_get_declaration (doc);
  PgTask *task = pg_test_item (pg_task_group_get_tasks (pg_test_item (pg_document_get_task_groups (doc), 0)), 0);

  gtk_editable_set_text (GTK_EDITABLE (pg_test_field (window, decl, "head")), "张三");
  gtk_editable_set_text (GTK_EDITABLE (pg_test_field (window, task, "title")), "完善领导体制。");
  g_assert_true (pg_document_save_as (doc, file, &error));
  g_assert_no_error (error);
  pg_test_close_window (window);

  reopened = pg_document_open (file, &error);
  g_assert_no_error (error);
  window = open_window (reopened);
  decl = pg_document_get_declaration (reopened);
  task = pg_test_item (pg_task_group_get_tasks (pg_test_item (pg_document_get_task_groups (reopened), 0)), 0);
  assert_shows (window, decl, "head", "张三");
  assert_shows (window, task, "title", "完善领导体制。");
  pg_test_close_window (window);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  if (!pg_test_gui_init (&argc, &argv, "en"))
    return 0;

  g_test_add_func ("/window/every-page-shows-its-data", test_every_page_shows_its_data);
  g_test_add_func ("/window/renderer-names", test_renderer_names);
  g_test_add_func ("/window/renderer-choice", test_renderer_choice);
  g_test_add_func ("/window/goals-separated-by-lines", test_goals_separated_by_lines);
  g_test_add_func ("/window/far-goals-not-drawn", test_far_goals_not_drawn);
  g_test_add_func ("/window/edit-undo-reveals", test_edit_undo_reveals);
  g_test_add_func ("/window/delete-task-and-undo", test_delete_task_and_undo);
  g_test_add_func ("/window/move-keeps-focus", test_move_keeps_focus);
  g_test_add_func ("/window/save-and-reopen", test_save_and_reopen);
  return g_test_run ();
}
