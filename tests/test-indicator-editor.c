/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The indicator tree editor of the Goals page, driven through its widgets
 * under Xvfb: a cell edit reaches the document without rebuilding the
 * grid, the basis drop-down commits and follows undo, level-3 and level-1
 * indicators are added, a row moves, and a deleted level-2 subtree comes
 * back exactly in its place after an undo.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

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

/* The cell of `record`'s row that is its `part` ("node", "add", "menu",
 * "name", "target", …), as the editor marks it. */
static GtkWidget *
find_cell (GtkWidget   *root,
           gpointer     record,
           const char  *part)
{
  if (g_object_get_data (G_OBJECT (root), "pg-indicator-editor-record") == record
      && g_strcmp0 (g_object_get_data (G_OBJECT (root), "pg-indicator-editor-part"), part) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, record, part);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
cell (PgWindow   *window,
      gpointer    record,
      const char *part)
{
  GtkWidget *widget = find_cell (GTK_WIDGET (window), record, part);

  if (widget == NULL)
    g_error ("no cell %s of %s", part, pg_record_get_table (record));
  return widget;
}

/* The "Add Level-1 Indicator" button: the menu button showing a label. */
static GtkWidget *
find_add_level1 (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && ADW_IS_BUTTON_CONTENT (gtk_menu_button_get_child (GTK_MENU_BUTTON (root))))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_add_level1 (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static PgWindow *
open_goals (PgDocument *doc)
{
  PgWindow *window = pg_window_new (NULL, doc);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "goals"));
  drain ();
  return window;
}

static void
close_window (PgWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static gboolean
has_focus_on (PgWindow  *window,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  return focus == widget || (focus != NULL && gtk_widget_is_ancestor (focus, widget));
}

/* Whether the focus is on a cell of `node` or of one of its children. */
static gboolean
focus_in_subtree (PgWindow    *window,
                  PgIndicator *node)
{
  for (GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (window)); widget; widget = gtk_widget_get_parent (widget))
    {
      PgIndicator *record = g_object_get_data (G_OBJECT (widget), "pg-indicator-editor-record");

      if (record != NULL)
        return record == node || pg_indicator_get_parent (record) == node;
    }
  return FALSE;
}

static void
test_edit_cells (void)
{
  g_autoptr(PgDocument) doc = example ();
  PgWindow *window = open_goals (doc);
  PgGoal *goal = item (pg_document_get_goals (doc), 0);
  PgIndicator *output = item (pg_goal_get_indicators (goal), 0);
  PgIndicator *quantity = item (pg_indicator_get_children (output), 0);
  PgIndicator *leaf = item (pg_indicator_get_children (quantity), 0);
  GtkWidget *target = field (window, leaf, "target");
  GtkWidget *name = field (window, leaf, "name");
  GtkWidget *basis;

  g_assert_true (GTK_IS_ENTRY (target));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (target)), ==, "480 万元");

  /* Typing reaches the document and rebuilds nothing. */
  gtk_editable_set_text (GTK_EDITABLE (target), "≥500 万元");
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "≥500 万元");
  g_assert_true (field (window, leaf, "target") == target);
  g_assert_true (field (window, leaf, "name") == name);
  g_assert_false (gtk_widget_has_css_class (target, "warning"));

  /* Neither a quantity nor a phrase: marked, and taken all the same. */
  gtk_editable_set_text (GTK_EDITABLE (target), "约100人左右");
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "约100人左右");
  g_assert_true (gtk_widget_has_css_class (target, "warning"));
  gtk_editable_set_text (GTK_EDITABLE (target), "达标");
  g_assert_false (gtk_widget_has_css_class (target, "warning"));

  /* The basis drop-down: "not set", then the four bases in order. */
  basis = field (window, leaf, "basis");
  g_assert_true (GTK_IS_DROP_DOWN (basis));
  g_assert_cmpstr (pg_indicator_get_basis (leaf), ==, "historical");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (basis)), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (basis), 3);
  g_assert_cmpstr (pg_indicator_get_basis (leaf), ==, "plan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_cmpstr (pg_indicator_get_basis (leaf), ==, "historical");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (basis)), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (basis), 0);
  g_assert_null (pg_indicator_get_basis (leaf));

  close_window (window);
}

static void
test_add_and_move (void)
{
  g_autoptr(PgDocument) doc = example ();
  PgWindow *window = open_goals (doc);
  PgGoal *goal = item (pg_document_get_goals (doc), 0);
  GListModel *level1 = pg_goal_get_indicators (goal);
  PgIndicator *output = item (level1, 0);
  PgIndicator *quantity = item (pg_indicator_get_children (output), 0);
  GListModel *leaves = pg_indicator_get_children (quantity);
  guint n_leaves = g_list_model_get_n_items (leaves);
  guint n_level1 = g_list_model_get_n_items (level1);
  PgIndicator *first = item (leaves, 0);
  PgIndicator *added;
  GtkWidget *add, *popover, *button, *entry;

  /* The level-2 cell's add button appends a level-3 with a default name,
   * selected for editing. */
  add = cell (window, quantity, "add");
  g_assert_true (GTK_IS_BUTTON (add));
  g_signal_emit_by_name (add, "clicked");
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (leaves), ==, n_leaves + 1);
  added = item (leaves, n_leaves);
  g_assert_cmpuint (pg_indicator_get_level (added), ==, 3);
  g_assert_cmpstr (pg_indicator_get_name (added), ==, "New indicator");
  g_assert_true (has_focus_on (window, field (window, added, "name")));
  g_assert_cmpuint (pg_indicator_get_n_indicators (quantity), ==, n_leaves + 1);

  /* "Add below" (Ctrl+Enter) puts a sibling right after the row. */
  g_assert_true (gtk_widget_activate_action (field (window, first, "name"), "indicator.add-below", "x",
                                             pg_record_get_id (PG_RECORD (first))));
  g_assert_cmpuint (g_list_model_get_n_items (leaves), ==, n_leaves + 2);
  g_assert_cmpstr (pg_indicator_get_name (item (leaves, 1)), ==, "New indicator");
  g_assert_true (has_focus_on (window, field (window, item (leaves, 1), "name")));

  /* Move down (Alt+Down): the row goes one down, the focus follows it. */
  gtk_widget_grab_focus (field (window, first, "target"));
  g_assert_true (gtk_widget_activate_action (field (window, first, "name"), "indicator.move-down", "x",
                                             pg_record_get_id (PG_RECORD (first))));
  g_assert_true (item (leaves, 1) == first);
  g_assert_true (has_focus_on (window, field (window, first, "target")));
  /* Up at the top is refused by a bell, not by a broken tree. */
  g_assert_true (gtk_widget_activate_action (field (window, first, "name"), "indicator.move-up", "x",
                                             pg_record_get_id (PG_RECORD (first))));
  g_assert_true (gtk_widget_activate_action (field (window, first, "name"), "indicator.move-up", "x",
                                             pg_record_get_id (PG_RECORD (first))));
  g_assert_true (item (leaves, 0) == first);

  /* Add a level-1: the absent categories come first (the example has no
   * cost indicator). */
  add = find_add_level1 (GTK_WIDGET (window));
  g_assert_nonnull (add);
  /* On screen, so the popover has a monitor to go on. */
  gtk_widget_grab_focus (add);
  drain ();
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  drain ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (add)));
  g_assert_nonnull (popover);
  button = find_of_type (popover, GTK_TYPE_BUTTON);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (button), "pg-category-key"), ==, "cost");
  g_signal_emit_by_name (button, "clicked");
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (level1), ==, n_level1 + 1);
  g_assert_cmpstr (pg_indicator_get_category (item (level1, n_level1)), ==, "cost");

  /* And one with a name of the user's own. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  drain ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (add)));
  entry = find_of_type (popover, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  自定义指标 ");
  g_signal_emit_by_name (entry, "activate");
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (level1), ==, n_level1 + 2);
  g_assert_cmpstr (pg_indicator_get_category (item (level1, n_level1 + 1)), ==, "custom");
  g_assert_cmpstr (pg_indicator_get_name (item (level1, n_level1 + 1)), ==, "自定义指标");

  close_window (window);
}

static void
test_delete_subtree_and_undo (void)
{
  g_autoptr(PgDocument) doc = example ();
  PgWindow *window = open_goals (doc);
  PgGoal *goal = item (pg_document_get_goals (doc), 0);
  PgIndicator *output = item (pg_goal_get_indicators (goal), 0);
  GListModel *level2 = pg_indicator_get_children (output);
  g_autoptr(PgIndicator) quality = g_object_ref (item (level2, 1));
  guint n = g_list_model_get_n_items (level2);
  g_autofree char *before = pg_json_indicator_to_string (quality);
  g_autofree char *after = NULL;
  gint64 id = pg_record_get_id (PG_RECORD (quality));
  PgIndicator *restored;

  g_assert_true (gtk_widget_activate_action (field (window, quality, NULL), "indicator.delete", "x", id));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (level2), ==, n - 1);
  g_assert_null (pg_field_find (GTK_WIDGET (window), PG_RECORD (quality), NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (level2), ==, n);
  restored = item (level2, 1);
  g_assert_cmpint (pg_record_get_id (PG_RECORD (restored)), ==, id);
  after = pg_json_indicator_to_string (restored);
  g_assert_cmpstr (after, ==, before);
  /* Its rows are back in the grid, and the window focused a cell of the
   * restored subtree. */
  g_assert_nonnull (pg_field_find (GTK_WIDGET (window),
                                   PG_RECORD (item (pg_indicator_get_children (restored), 0)), "target"));
  g_assert_true (focus_in_subtree (window, restored));

  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("perfgoal-indicator-editor-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/indicator-editor/edit-cells", test_edit_cells);
  g_test_add_func ("/indicator-editor/add-and-move", test_add_and_move);
  g_test_add_func ("/indicator-editor/delete-subtree-and-undo", test_delete_subtree_and_undo);
  return g_test_run ();
}
