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

#include "gui-test-util.h"
#include "pg-field.h"
#include "pg-indicator-editor.h"
#include "pg-json.h"
#include "pg-window.h"

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

static PgWindow *
open_goals (PgDocument *doc)
{
  PgWindow *window = pg_window_new (NULL, doc);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "goals"));
  pg_test_drain ();
  return window;
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

/* Opens the basis drop-down, checks that choice `checked` is the one
 * checked, and clicks choice `index` (0: "not set"). */
static void
choose_basis (GtkWidget *basis,
              guint      index,
              guint      checked)
{
  GtkWidget *popover, *box, *choice;
  guint i = 0;

  gtk_widget_grab_focus (basis);
  pg_test_drain ();
  gtk_menu_button_popup (GTK_MENU_BUTTON (basis));
  pg_test_drain ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (basis)));
  g_assert_nonnull (popover);
  box = gtk_popover_get_child (GTK_POPOVER (popover));
  for (choice = gtk_widget_get_first_child (box); choice != NULL; choice = gtk_widget_get_next_sibling (choice), i++)
    {
      GtkWidget *check = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (choice)));

      g_assert_cmpfloat (gtk_widget_get_opacity (check), ==, i == checked ? 1 : 0);
      if (i == index)
        break;
    }
  g_assert_nonnull (choice);
  g_signal_emit_by_name (choice, "clicked");
  pg_test_drain ();
}

static void
test_edit_cells (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_goals (doc);
  PgGoal *goal = pg_test_item (pg_document_get_goals (doc), 0);
  PgIndicator *output = pg_test_item (pg_goal_get_indicators (goal), 0);
  PgIndicator *quantity = pg_test_item (pg_indicator_get_children (output), 0);
  PgIndicator *leaf = pg_test_item (pg_indicator_get_children (quantity), 0);
  GtkWidget *target = pg_test_field (window, leaf, "target");
  GtkWidget *name = pg_test_field (window, leaf, "name");
  GtkWidget *basis;

  g_assert_true (GTK_IS_ENTRY (target));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (target)), ==, "480 万元");

  /* Typing reaches the document and rebuilds nothing. */
  gtk_editable_set_text (GTK_EDITABLE (target), "≥500 万元");
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "≥500 万元");
  g_assert_true (pg_test_field (window, leaf, "target") == target);
  g_assert_true (pg_test_field (window, leaf, "name") == name);
  g_assert_false (gtk_widget_has_css_class (target, "warning"));

  /* Neither a quantity nor a phrase: marked, and taken all the same. */
  gtk_editable_set_text (GTK_EDITABLE (target), "约100人左右");
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "约100人左右");
  g_assert_true (gtk_widget_has_css_class (target, "warning"));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (target), "Neither a quantity"));
  gtk_editable_set_text (GTK_EDITABLE (target), "达标");
  g_assert_false (gtk_widget_has_css_class (target, "warning"));
  g_assert_null (gtk_widget_get_tooltip_text (target));

  /* The basis drop-down: "not set", then the four bases in order, the
   * current one checked. */
  basis = pg_test_field (window, leaf, "basis");
  g_assert_true (GTK_IS_MENU_BUTTON (basis));
  g_assert_cmpstr (pg_indicator_get_basis (leaf), ==, "historical");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (basis)))), ==, "Historical data");
  /* Its tooltip has the basis whole (the label may be shortened). */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (basis), ==, "Historical data");
  choose_basis (basis, 3, 1);
  g_assert_cmpstr (pg_indicator_get_basis (leaf), ==, "plan");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (basis)))), ==, "Plan data");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (basis), ==, "Plan data");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_cmpstr (pg_indicator_get_basis (leaf), ==, "historical");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (basis)))), ==, "Historical data");
  choose_basis (basis, 0, 1);
  g_assert_null (pg_indicator_get_basis (leaf));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (basis)))), ==, "Not set");

  pg_test_close_window (window);
}

static void
test_add_and_move (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_goals (doc);
  PgGoal *goal = pg_test_item (pg_document_get_goals (doc), 0);
  GListModel *level1 = pg_goal_get_indicators (goal);
  PgIndicator *output = pg_test_item (level1, 0);
  PgIndicator *quantity = pg_test_item (pg_indicator_get_children (output), 0);
  GListModel *leaves = pg_indicator_get_children (quantity);
  guint n_leaves = g_list_model_get_n_items (leaves);
  guint n_level1 = g_list_model_get_n_items (level1);
  PgIndicator *first = pg_test_item (leaves, 0);
  PgIndicator *added;
  GtkWidget *add, *popover, *button, *entry;

  /* The level-2 cell's add button appends a level-3 with a default name,
   * selected for editing. */
  add = cell (window, quantity, "add");
  g_assert_true (GTK_IS_BUTTON (add));
  g_signal_emit_by_name (add, "clicked");
  pg_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (leaves), ==, n_leaves + 1);
  added = pg_test_item (leaves, n_leaves);
  g_assert_cmpuint (pg_indicator_get_level (added), ==, 3);
  g_assert_cmpstr (pg_indicator_get_name (added), ==, "New indicator");
  g_assert_true (has_focus_on (window, pg_test_field (window, added, "name")));
  g_assert_cmpuint (pg_indicator_get_n_indicators (quantity), ==, n_leaves + 1);

  /* "Add below" (Ctrl+Enter) puts a sibling right after the row. */
  g_assert_true (gtk_widget_activate_action (pg_test_field (window, first, "name"), "indicator.add-below", "x",
                                             pg_record_get_id (PG_RECORD (first))));
  g_assert_cmpuint (g_list_model_get_n_items (leaves), ==, n_leaves + 2);
  g_assert_cmpstr (pg_indicator_get_name (pg_test_item (leaves, 1)), ==, "New indicator");
  g_assert_true (has_focus_on (window, pg_test_field (window, pg_test_item (leaves, 1), "name")));

  /* Move down (Alt+Down): the row goes one down, the focus follows it. */
  gtk_widget_grab_focus (pg_test_field (window, first, "target"));
  g_assert_true (gtk_widget_activate_action (pg_test_field (window, first, "name"), "indicator.move-down", "x",
                                             pg_record_get_id (PG_RECORD (first))));
  g_assert_true (pg_test_item (leaves, 1) == first);
  g_assert_true (has_focus_on (window, pg_test_field (window, first, "target")));
  /* Up at the top is refused by a bell, not by a broken tree. */
  g_assert_true (gtk_widget_activate_action (pg_test_field (window, first, "name"), "indicator.move-up", "x",
                                             pg_record_get_id (PG_RECORD (first))));
  g_assert_true (gtk_widget_activate_action (pg_test_field (window, first, "name"), "indicator.move-up", "x",
                                             pg_record_get_id (PG_RECORD (first))));
  g_assert_true (pg_test_item (leaves, 0) == first);

  /* Add a level-1: the absent categories come first (the example has no
   * cost indicator). */
  add = find_add_level1 (GTK_WIDGET (window));
  g_assert_nonnull (add);
  /* On screen, so the popover has a monitor to go on. */
  gtk_widget_grab_focus (add);
  pg_test_drain ();
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  pg_test_drain ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (add)));
  g_assert_nonnull (popover);
  button = pg_test_find_of_type (popover, GTK_TYPE_BUTTON);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (button), "pg-category-key"), ==, "cost");
  g_signal_emit_by_name (button, "clicked");
  pg_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (level1), ==, n_level1 + 1);
  g_assert_cmpstr (pg_indicator_get_category (pg_test_item (level1, n_level1)), ==, "cost");

  /* And one with a name of the user's own. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  pg_test_drain ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (add)));
  entry = pg_test_find_of_type (popover, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  自定义指标 ");
  g_signal_emit_by_name (entry, "activate");
  pg_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (level1), ==, n_level1 + 2);
  g_assert_cmpstr (pg_indicator_get_category (pg_test_item (level1, n_level1 + 1)), ==, "custom");
  g_assert_cmpstr (pg_indicator_get_name (pg_test_item (level1, n_level1 + 1)), ==, "自定义指标");

  pg_test_close_window (window);
}

static void
test_delete_subtree_and_undo (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_goals (doc);
  PgGoal *goal = pg_test_item (pg_document_get_goals (doc), 0);
  PgIndicator *output = pg_test_item (pg_goal_get_indicators (goal), 0);
  GListModel *level2 = pg_indicator_get_children (output);
  g_autoptr(PgIndicator) quality = g_object_ref (pg_test_item (level2, 1));
  guint n = g_list_model_get_n_items (level2);
  g_autofree char *before = pg_json_indicator_to_string (quality);
  g_autofree char *after = NULL;
  gint64 id = pg_record_get_id (PG_RECORD (quality));
  PgIndicator *restored;

  g_assert_true (gtk_widget_activate_action (pg_test_field (window, quality, NULL), "indicator.delete", "x", id));
  pg_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (level2), ==, n - 1);
  g_assert_null (pg_field_find (GTK_WIDGET (window), PG_RECORD (quality), NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (level2), ==, n);
  restored = pg_test_item (level2, 1);
  g_assert_cmpint (pg_record_get_id (PG_RECORD (restored)), ==, id);
  after = pg_json_indicator_to_string (restored);
  g_assert_cmpstr (after, ==, before);
  /* Its rows are back in the grid, and the window focused a cell of the
   * restored subtree. */
  g_assert_nonnull (pg_field_find (GTK_WIDGET (window),
                                   PG_RECORD (pg_test_item (pg_indicator_get_children (restored), 0)), "target"));
  g_assert_true (focus_in_subtree (window, restored));

  pg_test_close_window (window);
}

static void
on_frame_painted (GdkFrameClock *clock,
                  guint         *painted)
{
  (*painted)++;
}

/* Runs the main loop until `window` has painted `n` frames. */
static void
wait_frames (PgWindow *window,
             guint     n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint painted = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame_painted), &painted);

  while (painted < n)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, id);
}

/* Keys, as the editor's key controller gets them (GTK has no public way
 * to synthesise a key event). Returns whether the editor took the key. */
static gboolean
press (GtkWidget       *editor,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (editor);
  guint n = g_list_model_get_n_items (controllers);
  gboolean handled = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, modifiers, &handled);
          pg_test_drain ();
          return handled;
        }
    }
  g_error ("the editor has no key controller");
}

/* The example open on the Goals page, with the parts of its first goal
 * the tests use. */
typedef struct {
  PgDocument  *doc;
  PgWindow    *window;
  PgGoal      *goal;
  GtkWidget   *editor;
  GListModel  *level1;
  PgIndicator *output;     /* the level-1s */
  PgIndicator *effect;
  PgIndicator *satisfaction;
  PgIndicator *quantity;   /* output's first two level-2s */
  PgIndicator *quality;
  GListModel  *leaves;     /* quantity's indicators */
} Example;

static void
example_setup (Example       *t,
               gconstpointer  data)
{
  t->doc = pg_test_example ();
  t->window = open_goals (t->doc);
  t->goal = pg_test_item (pg_document_get_goals (t->doc), 0);
  t->editor = pg_indicator_editor_find (GTK_WIDGET (t->window), t->goal);
  g_assert_nonnull (t->editor);
  t->level1 = pg_goal_get_indicators (t->goal);
  t->output = pg_test_item (t->level1, 0);
  t->effect = pg_test_item (t->level1, 1);
  t->satisfaction = pg_test_item (t->level1, 2);
  t->quantity = pg_test_item (pg_indicator_get_children (t->output), 0);
  t->quality = pg_test_item (pg_indicator_get_children (t->output), 1);
  t->leaves = pg_indicator_get_children (t->quantity);
}

static void
example_teardown (Example       *t,
                  gconstpointer  data)
{
  pg_test_close_window (t->window);
  g_object_unref (t->doc);
}

/* Arrows walk the grid as a table: Up and Down in a column, across
 * level-2 groups; Left and Right along a row, then to the level-2 and
 * level-1 cells on its left. */
static void
test_keyboard_navigation (Example       *t,
                         gconstpointer  data)
{
  PgIndicator *last = pg_test_item (t->leaves, g_list_model_get_n_items (t->leaves) - 1);
  PgIndicator *first_quality = pg_test_item (pg_indicator_get_children (t->quality), 0);
  PgIndicator *last_of_goal = pg_test_item (pg_indicator_get_children (pg_test_item (pg_indicator_get_children (t->satisfaction), 0)), 0);
  GtkWidget *target = cell (t->window, pg_test_item (t->leaves, 0), "target");
  int start, end;

  gtk_widget_grab_focus (target);
  pg_test_drain ();
  /* The focused cell is selected, not edited: its text is all selected. */
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (target), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (target)), -1));

  g_assert_true (press (t->editor, GDK_KEY_Down, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, pg_test_item (t->leaves, 1), "target")));
  g_assert_true (press (t->editor, GDK_KEY_Up, 0));
  g_assert_true (has_focus_on (t->window, target));
  /* From the last indicator of a level-2 to the first of the next. */
  gtk_widget_grab_focus (cell (t->window, last, "year-minus-1"));
  g_assert_true (press (t->editor, GDK_KEY_Down, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, first_quality, "year-minus-1")));

  /* Along the row, then into the level-2 and level-1 cells. */
  gtk_widget_grab_focus (target);
  g_assert_true (press (t->editor, GDK_KEY_Right, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, pg_test_item (t->leaves, 0), "basis")));
  g_assert_true (press (t->editor, GDK_KEY_Left, 0));
  g_assert_true (press (t->editor, GDK_KEY_Left, 0));
  g_assert_true (press (t->editor, GDK_KEY_Left, 0));
  g_assert_true (press (t->editor, GDK_KEY_Left, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, pg_test_item (t->leaves, 0), "name")));
  g_assert_true (press (t->editor, GDK_KEY_Left, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, t->quantity, "node")));
  /* The level-2 column: the next level-2. */
  g_assert_true (press (t->editor, GDK_KEY_Down, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, t->quality, "node")));
  /* Right goes into an expanded level-2: its first indicator. */
  g_assert_true (press (t->editor, GDK_KEY_Right, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, first_quality, "name")));

  /* Tab: the next cell, and past a row's last cell (its menu) the next
   * row's first. */
  gtk_widget_grab_focus (cell (t->window, pg_test_item (t->leaves, 0), "target"));
  g_assert_true (press (t->editor, GDK_KEY_Tab, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, pg_test_item (t->leaves, 0), "basis")));
  g_assert_true (press (t->editor, GDK_KEY_Tab, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, pg_test_item (t->leaves, 0), "menu")));
  g_assert_true (press (t->editor, GDK_KEY_Tab, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, pg_test_item (t->leaves, 1), "name")));
  g_assert_true (press (t->editor, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (has_focus_on (t->window, cell (t->window, pg_test_item (t->leaves, 0), "menu")));
  /* Past the last row (the satisfaction indicator), the button that adds
   * a level-1. */
  gtk_widget_grab_focus (cell (t->window, last_of_goal, "menu"));
  g_assert_true (press (t->editor, GDK_KEY_Tab, 0));
  g_assert_true (has_focus_on (t->window, find_add_level1 (t->editor)));
  /* From a level-2's menu to its first indicator. */
  gtk_widget_grab_focus (cell (t->window, t->quality, "menu"));
  g_assert_true (press (t->editor, GDK_KEY_Tab, 0));
  g_assert_true (has_focus_on (t->window, cell (t->window, first_quality, "name")));

}

/* Enter or F2 edits a cell, Escape gives it back the text it had, Enter
 * ends the edit; while editing, Left and Right move in the text and Delete
 * deletes text, not the row. */
static void
test_edit_and_cancel (Example       *t,
                     gconstpointer  data)
{
  PgIndicator *leaf = pg_test_item (t->leaves, 0);
  guint n = g_list_model_get_n_items (t->leaves);
  GtkWidget *target = cell (t->window, leaf, "target");

  gtk_widget_grab_focus (target);
  pg_test_drain ();
  g_assert_true (press (t->editor, GDK_KEY_F2, 0));
  /* Editing: the cursor at the end, nothing selected. */
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (target), NULL, NULL));
  gtk_editable_set_text (GTK_EDITABLE (target), "≥999 万元");
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "≥999 万元");
  gtk_editable_set_position (GTK_EDITABLE (target), 2);
  g_assert_false (press (t->editor, GDK_KEY_Left, 0));      /* the entry's, inside the text */
  g_assert_false (press (t->editor, GDK_KEY_Delete, 0));    /* text, not the row */
  g_assert_cmpuint (g_list_model_get_n_items (t->leaves), ==, n);
  g_assert_true (press (t->editor, GDK_KEY_Escape, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (target)), ==, "480 万元");
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "480 万元");
  g_assert_true (has_focus_on (t->window, target));
  /* No longer editing: Escape is not the editor's. */
  g_assert_false (press (t->editor, GDK_KEY_Escape, 0));

  /* Typing in a selected cell starts an edit; Enter ends it, and the
   * document keeps what was typed. */
  g_assert_false (press (t->editor, GDK_KEY_5, 0));
  gtk_editable_set_text (GTK_EDITABLE (target), "500 万元");
  g_assert_true (press (t->editor, GDK_KEY_Return, 0));
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "500 万元");
  g_assert_false (press (t->editor, GDK_KEY_Escape, 0));
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "500 万元");

  /* While an input method composes, its keys are its own. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (target)), "preedit-changed", "ren");
  g_assert_false (press (t->editor, GDK_KEY_Down, 0));
  g_assert_false (press (t->editor, GDK_KEY_Return, 0));
  g_assert_false (press (t->editor, GDK_KEY_Escape, 0));
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (target)), "preedit-changed", "");
  g_assert_true (press (t->editor, GDK_KEY_Return, 0));
  g_assert_true (has_focus_on (t->window, target));

  /* Delete on a selected cell removes the row, with Undo. */
  g_assert_true (press (t->editor, GDK_KEY_Delete, 0));
  g_assert_cmpuint (g_list_model_get_n_items (t->leaves), ==, n - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (t->leaves), ==, n);
  g_assert_cmpstr (pg_indicator_get_target (pg_test_item (t->leaves, 0)), ==, "500 万元");

  /* Ctrl+Enter adds a sibling below; Ctrl+Down moves a row. */
  gtk_widget_grab_focus (cell (t->window, pg_test_item (t->leaves, 0), "name"));
  g_assert_true (press (t->editor, GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_cmpuint (g_list_model_get_n_items (t->leaves), ==, n + 1);
  g_assert_cmpstr (pg_indicator_get_name (pg_test_item (t->leaves, 1)), ==, "New indicator");
  g_assert_true (has_focus_on (t->window, cell (t->window, pg_test_item (t->leaves, 1), "name")));
  leaf = pg_test_item (t->leaves, 1);
  g_assert_true (press (t->editor, GDK_KEY_Down, GDK_CONTROL_MASK));
  g_assert_true (pg_test_item (t->leaves, 2) == leaf);
  g_assert_true (has_focus_on (t->window, cell (t->window, leaf, "name")));

}

/* Left/Right and -/+ on a level-1 or level-2 collapse and expand it; the
 * state survives a rebuild and an undo; an undo about a hidden cell shows
 * it. */
static void
test_collapse (Example       *t,
              gconstpointer  data)
{
  PgIndicator *leaf = pg_test_item (pg_indicator_get_children (t->quantity), 2);
  GtkWidget *node = cell (t->window, t->quantity, "node");
  GtkWidget *target;

  gtk_widget_grab_focus (cell (t->window, leaf, "target"));
  g_assert_true (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (node), ==, "Collapse (Left or -)");
  /* Collapsing a node with the focus inside puts the focus on it. */
  g_assert_true (gtk_widget_activate_action (node, "indicator.toggle-expanded", "x",
                                             pg_record_get_id (PG_RECORD (t->quantity))));
  pg_test_drain ();
  g_assert_false (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (node), ==, "Expand (Right or +)");
  g_assert_true (has_focus_on (t->window, node));
  /* GTK's own focus chain passes over the folded rows too. */
  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (t->editor, GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_root_get_focus (GTK_ROOT (t->window));
      g_assert_nonnull (focus);
      g_assert_true (pg_indicator_editor_cell_is_shown (focus));
    }
  gtk_widget_grab_focus (node);
  g_assert_true (press (t->editor, GDK_KEY_Right, 0));
  g_assert_true (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));
  g_assert_true (press (t->editor, GDK_KEY_Left, 0));
  g_assert_false (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));
  g_assert_true (press (t->editor, GDK_KEY_plus, 0));
  g_assert_true (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));
  g_assert_true (press (t->editor, GDK_KEY_minus, 0));
  g_assert_false (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));
  /* Up and Down skip the hidden rows: above the level-2 after it, there
   * is no indicator shown to go to. */
  target = cell (t->window, pg_test_item (pg_indicator_get_children (pg_test_item (pg_indicator_get_children (t->output), 1)), 0), "target");
  gtk_widget_grab_focus (target);
  g_assert_true (press (t->editor, GDK_KEY_Up, 0));
  g_assert_true (has_focus_on (t->window, target));
  g_assert_true (press (t->editor, GDK_KEY_Down, 0));
  g_assert_false (has_focus_on (t->window, target));

  /* With every level-1 collapsed, the level-2 column is no wider than its
   * heading; the folded cells in it are laid out all the same (GTK warns,
   * and the test fails, when a widget gets less than its least size). */
  for (guint i = 0; i < g_list_model_get_n_items (t->level1); i++)
    {
      PgIndicator *level1 = pg_test_item (t->level1, i);

      g_assert_true (gtk_widget_activate_action (t->editor, "indicator.toggle-expanded", "x",
                                                 pg_record_get_id (PG_RECORD (level1))));
    }
  gtk_window_set_default_size (GTK_WINDOW (t->window), 600, 500);
  wait_frames (t->window, 3);
  g_assert_false (pg_indicator_editor_cell_is_shown (cell (t->window, t->quantity, "node")));
  for (guint i = 0; i < g_list_model_get_n_items (t->level1); i++)
    {
      PgIndicator *level1 = pg_test_item (t->level1, i);

      g_assert_true (gtk_widget_activate_action (t->editor, "indicator.toggle-expanded", "x",
                                                 pg_record_get_id (PG_RECORD (level1))));
    }
  wait_frames (t->window, 3);
  g_assert_true (pg_indicator_editor_cell_is_shown (cell (t->window, t->quantity, "node")));
  g_assert_false (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));

  /* A rebuild (a row added elsewhere) and its undo keep it collapsed. */
  g_assert_nonnull (pg_document_add_indicator (t->doc, t->goal, pg_test_item (pg_indicator_get_children (t->effect), 0),
                                               PG_POSITION_END, NULL, "新指标", NULL));
  pg_test_drain ();
  g_assert_false (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_false (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));

  /* An undo about a cell hidden in it shows and focuses that cell. */
  g_assert_true (pg_document_set_string (t->doc, PG_RECORD (leaf), "target", "≥200 人", NULL));
  pg_test_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_true (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "target")));
  g_assert_true (has_focus_on (t->window, cell (t->window, leaf, "target")));
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "100 人");

}

/* Alt+Shift+Right and Left indent and outdent where the level allows it;
 * elsewhere a toast says why and nothing changes. Enter on a level-1 name
 * opens its category, and a choice there changes it in one step. */
static void
test_indent_and_category (Example       *t,
                         gconstpointer  data)
{
  PgIndicator *leaf = pg_test_item (pg_indicator_get_children (pg_test_item (pg_indicator_get_children (t->output), 0)), 0);
  g_autofree char *before = pg_json_export (t->doc, NULL);
  g_autofree char *after = NULL;
  PgIndicator *cost;
  GtkWidget *popover, *entry;

  gtk_widget_grab_focus (cell (t->window, leaf, "name"));
  g_assert_true (press (t->editor, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  after = pg_json_export (t->doc, NULL);
  g_assert_cmpstr (after, ==, before);

  cost = pg_document_add_indicator (t->doc, t->goal, NULL, PG_POSITION_END, "cost", NULL, NULL);
  pg_test_drain ();
  gtk_widget_grab_focus (cell (t->window, cost, "node"));
  g_assert_true (press (t->editor, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (pg_indicator_get_level (cost), ==, 2);
  g_assert_true (pg_indicator_get_parent (cost) == t->satisfaction);
  g_assert_cmpstr (pg_indicator_get_name (cost), ==, "成本指标");
  g_assert_true (has_focus_on (t->window, cell (t->window, cost, "node")));
  g_assert_true (press (t->editor, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (pg_indicator_get_level (cost), ==, 1);
  g_assert_true (pg_test_item (t->level1, 3) == cost);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_cmpuint (pg_indicator_get_level (cost), ==, 2);
  g_assert_true (has_focus_on (t->window, cell (t->window, cost, "node")));

  /* Ctrl+Enter on a level-1: a category chosen from the list goes right
   * after it (the absent ones first: cost). */
  gtk_widget_grab_focus (cell (t->window, t->effect, "node"));
  g_assert_true (press (t->editor, GDK_KEY_Return, GDK_CONTROL_MASK));
  popover = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (t->window)), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_signal_emit_by_name (pg_test_find_of_type (popover, GTK_TYPE_BUTTON), "clicked");
  pg_test_drain ();
  g_assert_cmpstr (pg_indicator_get_category (pg_test_item (t->level1, 2)), ==, "cost");
  g_assert_true (pg_test_item (t->level1, 3) == t->satisfaction);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_true (pg_test_item (t->level1, 2) == t->satisfaction);

  /* F2 on a level-1: a name of the user's own. */
  gtk_widget_grab_focus (cell (t->window, t->satisfaction, "node"));
  g_assert_true (press (t->editor, GDK_KEY_F2, 0));
  popover = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (t->window)), GTK_TYPE_POPOVER);
  if (popover == NULL)
    popover = pg_test_find_of_type (cell (t->window, t->satisfaction, "node"), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  entry = pg_test_find_of_type (popover, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "群众满意度");
  g_signal_emit_by_name (entry, "activate");
  pg_test_drain ();
  g_assert_cmpstr (pg_indicator_get_category (t->satisfaction), ==, "custom");
  g_assert_cmpstr (pg_indicator_get_name (t->satisfaction), ==, "群众满意度");
  /* One step: one undo gives the standard category back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_cmpstr (pg_indicator_get_category (t->satisfaction), ==, "satisfaction");
  g_assert_cmpstr (pg_indicator_get_name (t->satisfaction), ==, "");

}

static char *clipboard_text;

static void
on_text_read (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      user_data)
{
  clipboard_text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
}

/* Ctrl+C puts the subtree's exchange JSON on the clipboard, in a type of
 * its own and as text; Ctrl+V pastes it where its level fits, nearest the
 * focused row, as one undo step; Ctrl+X cuts. */
static void
test_cut_copy_paste (Example       *t,
                    gconstpointer  data)
{
  PgIndicator *social = pg_test_item (pg_indicator_get_children (t->effect), 0);
  PgIndicator *social_leaf = pg_test_item (pg_indicator_get_children (social), 0);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (t->editor);
  g_autofree char *quantity_json = pg_json_indicator_to_string (t->quantity);
  g_autofree char *before = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *pasted_json = NULL;
  PgIndicator *pasted;
  guint n_effect = g_list_model_get_n_items (pg_indicator_get_children (t->effect));

  gtk_widget_grab_focus (cell (t->window, t->quantity, "node"));
  g_assert_true (press (t->editor, GDK_KEY_c, GDK_CONTROL_MASK));
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard),
                                                        "application/x-perfgoal-indicator+json"));
  gdk_clipboard_read_text_async (clipboard, NULL, on_text_read, NULL);
  while (clipboard_text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (clipboard_text, ==, quantity_json);
  g_clear_pointer (&clipboard_text, g_free);

  /* Pasted at a level-3 of another level-1: a level-2 goes after that
   * indicator's level-2. */
  before = pg_json_export (t->doc, NULL);
  gtk_widget_grab_focus (cell (t->window, social_leaf, "target"));
  g_assert_true (press (t->editor, GDK_KEY_v, GDK_CONTROL_MASK));
  for (int i = 0; i < 100 && g_list_model_get_n_items (pg_indicator_get_children (t->effect)) == n_effect; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (t->effect)), ==, n_effect + 1);
  pasted = pg_test_item (pg_indicator_get_children (t->effect), 1);
  pasted_json = pg_json_indicator_to_string (pasted);
  g_assert_cmpstr (pasted_json, ==, quantity_json);
  g_assert_true (has_focus_on (t->window, cell (t->window, pasted, "node")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window), "win.undo", NULL));
  pg_test_drain ();
  undone = pg_json_export (t->doc, NULL);
  g_assert_cmpstr (undone, ==, before);

  /* Text that is no subtree, and a subtree that fits nowhere near. */
  g_assert_false (pg_indicator_editor_paste_text (t->editor, social_leaf, "达标"));
  g_assert_false (pg_indicator_editor_paste_text (t->editor, t->output,
                                                  "{\"name\": \"孤立的指标\", \"year_minus_2\": \"\", "
                                                  "\"year_minus_1\": \"\", \"target\": \"1 次\", \"basis\": null}"));
  g_clear_pointer (&undone, g_free);
  undone = pg_json_export (t->doc, NULL);
  g_assert_cmpstr (undone, ==, before);

  /* Cut: gone, on the clipboard, back with Undo. */
  gtk_widget_grab_focus (cell (t->window, social_leaf, "name"));
  g_assert_true (press (t->editor, GDK_KEY_x, GDK_CONTROL_MASK));
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (social)), ==, 0);
  g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), G_TYPE_STRING)
                 || gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), "text/plain;charset=utf-8"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (social)), ==, 1);

}

/* The clipboard goes between documents: a level-2 copied in one window
 * pastes under a level-1 of another declaration. */
static void
test_paste_into_other_document (Example       *t,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) other = pg_document_new (&error);
  g_autofree char *quantity_json = pg_json_indicator_to_string (t->quantity);
  g_autofree char *pasted_json = NULL;
  PgGoal *goal;
  PgIndicator *output;
  PgWindow *window;
  GtkWidget *editor;

  g_assert_no_error (error);
  goal = pg_document_add_goal (other, PG_POSITION_END, "另一份申报的目标", &error);
  output = pg_document_add_indicator (other, goal, NULL, PG_POSITION_END, "output", NULL, &error);
  g_assert_no_error (error);

  gtk_widget_grab_focus (cell (t->window, t->quantity, "node"));
  g_assert_true (press (t->editor, GDK_KEY_c, GDK_CONTROL_MASK));

  window = open_goals (other);
  editor = pg_indicator_editor_find (GTK_WIDGET (window), goal);
  gtk_widget_grab_focus (cell (window, output, "node"));
  g_assert_true (press (editor, GDK_KEY_v, GDK_CONTROL_MASK));
  for (int i = 0; i < 100 && g_list_model_get_n_items (pg_indicator_get_children (output)) == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (output)), ==, 1);
  pasted_json = pg_json_indicator_to_string (pg_test_item (pg_indicator_get_children (output), 0));
  g_assert_cmpstr (pasted_json, ==, quantity_json);
  g_assert_cmpuint (pg_indicator_get_n_indicators (output), ==, 6);

  pg_test_close_window (window);
}

/* A drop moves a row before or after a row of its level, or into a row of
 * the level above, also across parents; one undo puts it back. */
static void
test_drop (Example       *t,
          gconstpointer  data)
{
  PgIndicator *social = pg_test_item (pg_indicator_get_children (t->effect), 0);
  PgIndicator *first = pg_test_item (t->leaves, 0);
  PgIndicator *third = pg_test_item (t->leaves, 2);
  g_autofree char *before = pg_json_export (t->doc, NULL);
  g_autofree char *after = NULL;

  /* Within its parent: after the third. */
  g_assert_true (pg_indicator_editor_drop (t->editor, first, third, TRUE));
  g_assert_true (pg_test_item (t->leaves, 2) == first);
  g_assert_true (pg_test_item (t->leaves, 1) == third);
  /* Across parents: before the social-effect indicator. */
  g_assert_true (pg_indicator_editor_drop (t->editor, first, pg_test_item (pg_indicator_get_children (social), 0), FALSE));
  g_assert_true (pg_indicator_get_parent (first) == social);
  g_assert_true (pg_test_item (pg_indicator_get_children (social), 0) == first);
  g_assert_true (has_focus_on (t->window, cell (t->window, first, "name")));
  /* Into a row of the level above: a level-2 onto a level-1. */
  g_assert_true (pg_indicator_editor_drop (t->editor, t->quality, t->effect, FALSE));
  g_assert_true (pg_indicator_get_parent (t->quality) == t->effect);
  /* Over a row of a deeper level, the drop is about its ancestor of the
   * dragged row's level: a level-1 over a level-3 goes before that
   * level-3's level-1. */
  g_assert_true (pg_indicator_editor_drop (t->editor, t->effect, third, FALSE));
  g_assert_true (pg_test_item (t->level1, 0) == t->effect);
  /* Never an impossible shape: no level-3 directly under a level-1, no
   * node into its own subtree. */
  g_assert_false (pg_indicator_editor_drop (t->editor, third, t->output, TRUE));
  g_assert_false (pg_indicator_editor_drop (t->editor, t->output, third, FALSE));
  g_assert_false (pg_indicator_editor_drop (t->editor, t->quantity, third, TRUE));
  g_assert_true (pg_indicator_get_parent (third) == t->quantity);

  /* Each drop was one step. */
  for (int i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window), "win.undo", NULL));
  pg_test_drain ();
  after = pg_json_export (t->doc, NULL);
  g_assert_cmpstr (after, ==, before);

}

/* A cell found by its path in the exchange format, shown and focused even
 * in a collapsed node. */
static void
test_focus_path (Example       *t,
                gconstpointer  data)
{
  PgIndicator *leaf = pg_test_item (pg_indicator_get_children (t->quantity), 1);

  g_assert_true (gtk_widget_activate_action (cell (t->window, t->output, "node"), "indicator.toggle-expanded", "x",
                                             pg_record_get_id (PG_RECORD (t->output))));
  pg_test_drain ();
  g_assert_false (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "year-minus-2")));
  g_assert_true (pg_indicator_editor_focus_path (t->editor, "indicators[0].children[0].children[1].year_minus_2"));
  pg_test_drain ();
  g_assert_true (pg_indicator_editor_cell_is_shown (cell (t->window, leaf, "year-minus-2")));
  g_assert_true (has_focus_on (t->window, cell (t->window, leaf, "year-minus-2")));
  g_assert_true (pg_indicator_editor_focus_path (t->editor, "indicators[1]"));
  g_assert_true (has_focus_on (t->window, cell (t->window, pg_test_item (pg_goal_get_indicators (t->goal), 1), "node")));
  g_assert_false (pg_indicator_editor_focus_path (t->editor, "indicators[9].children[0]"));
  g_assert_false (pg_indicator_editor_focus_path (t->editor, "indicators[0].children[0].children[1].colour"));
  g_assert_false (pg_indicator_editor_focus_path (t->editor, "goals[0]"));

}

/* A goal far down a long Goals page has no editor until it comes near
 * the view; an undo about one of its indicators builds it and shows the
 * cell. */
static void
test_editors_built_when_needed (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgGoal *first = pg_test_item (pg_document_get_goals (doc), 0);
  g_autofree char *subtree = pg_json_indicator_to_string (pg_test_item (pg_goal_get_indicators (first), 0));
  PgWindow *window;
  PgGoal *last = NULL;
  PgIndicator *leaf;

  for (int i = 0; i < 8; i++)
    {
      last = pg_document_add_goal (doc, PG_POSITION_END, "又一个目标", NULL);
      g_assert_nonnull (pg_json_paste_indicator (doc, last, NULL, 0, subtree, NULL));
    }
  window = open_goals (doc);
  g_assert_nonnull (pg_indicator_editor_find (GTK_WIDGET (window), first));
  g_assert_null (pg_indicator_editor_find (GTK_WIDGET (window), last));

  leaf = pg_test_item (pg_indicator_get_children (pg_test_item (pg_indicator_get_children (pg_test_item (pg_goal_get_indicators (last), 0)), 0)), 3);
  g_assert_true (pg_document_set_string (doc, PG_RECORD (leaf), "target", "≥150 人", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  pg_test_drain ();
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "140 人");
  g_assert_nonnull (pg_indicator_editor_find (GTK_WIDGET (window), last));
  g_assert_true (has_focus_on (window, cell (window, leaf, "target")));

  pg_test_close_window (window);
}

static void
count_field (GtkWidget  *widget,
             PgRecord   *record,
             const char *property,
             gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static guint
count_fields (GtkWidget *editor)
{
  guint n = 0;

  pg_field_foreach (editor, count_field, &n);
  return n;
}

/* Where `record`'s cell for `property` sits in the editor's grid: its line
 * and the lines it spans. */
static void
grid_place (GtkWidget  *editor,
            gpointer    record,
            const char *property,
            int        *line,
            int        *span)
{
  GtkWidget *cell = pg_field_find (editor, PG_RECORD (record), property);

  g_assert_nonnull (cell);
  while (!GTK_IS_GRID (gtk_widget_get_parent (cell)))
    cell = gtk_widget_get_parent (cell);
  gtk_grid_query_child (GTK_GRID (gtk_widget_get_parent (cell)), cell, NULL, line, NULL, span);
}

/* Every node's and indicator's cell in the same place in both grids. */
static void
assert_same_places (GtkWidget  *a,
                    GtkWidget  *b,
                    GListModel *nodes)
{
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      PgIndicator *node = pg_test_item (nodes, i);
      const char *property = pg_indicator_get_level (node) >= 3 ? "target" : NULL;
      int line_a = -1, span_a = -1, line_b = -2, span_b = -2;

      grid_place (a, node, property, &line_a, &span_a);
      grid_place (b, node, property, &line_b, &span_b);
      g_assert_cmpint (line_a, ==, line_b);
      g_assert_cmpint (span_a, ==, span_b);
      assert_same_places (a, b, pg_indicator_get_children (node));
    }
}

/* Built in steps (as the goals page builds a goal's table coming into view):
 * the headings now and rows for a few milliseconds at each idle, ending
 * with the same table as built at once; finish builds the rest at once, and a change of the tree
 * while building builds it whole. */
static void
test_built_in_steps (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgGoal *goal = pg_test_item (pg_document_get_goals (doc), 0);
  GListModel *level1 = pg_goal_get_indicators (goal);
  PgIndicator *last = pg_test_item (level1, g_list_model_get_n_items (level1) - 1);
  GtkWidget *whole = g_object_ref_sink (pg_indicator_editor_new (doc, goal));
  GtkWidget *stepped = g_object_ref_sink (pg_indicator_editor_new_in_steps (doc, goal));
  GtkWidget *finished = g_object_ref_sink (pg_indicator_editor_new_in_steps (doc, goal));
  GtkWidget *changed;
  g_autoptr(GError) error = NULL;
  guint n_whole = count_fields (whole);

  g_assert_cmpuint (g_list_model_get_n_items (level1), >=, 2);
  g_assert_true (pg_indicator_editor_is_built (whole));
  g_assert_false (pg_indicator_editor_is_built (stepped));
  g_assert_cmpuint (count_fields (stepped), <, n_whole);
  g_assert_null (pg_field_find (stepped, PG_RECORD (last), NULL));

  pg_indicator_editor_finish (finished);
  g_assert_true (pg_indicator_editor_is_built (finished));
  g_assert_cmpuint (count_fields (finished), ==, n_whole);

  /* The idles build the rest, a few rows at a time: the cells of the
   * nodes built in part span what is there. */
  {
    guint steps = 0;
    guint n_fields = 0;

    while (!pg_indicator_editor_is_built (stepped))
      {
        guint n = count_fields (stepped);

        g_assert_cmpuint (n, >=, n_fields);
        n_fields = n;
        g_main_context_iteration (NULL, TRUE);
        steps++;
      }
    g_assert_cmpuint (steps, >, 1);
  }
  g_assert_cmpuint (count_fields (stepped), ==, n_whole);
  g_assert_nonnull (pg_field_find (stepped, PG_RECORD (last), NULL));
  assert_same_places (whole, stepped, level1);
  assert_same_places (whole, finished, level1);

  changed = g_object_ref_sink (pg_indicator_editor_new_in_steps (doc, goal));
  g_assert_false (pg_indicator_editor_is_built (changed));
  g_assert_nonnull (pg_document_add_indicator (doc, goal, NULL, PG_POSITION_END, "satisfaction", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pg_indicator_editor_is_built (changed));
  g_assert_nonnull (pg_field_find (changed, PG_RECORD (last), NULL));
  g_assert_cmpuint (count_fields (changed), ==, count_fields (stepped));

  g_object_unref (whole);
  g_object_unref (stepped);
  g_object_unref (finished);
  g_object_unref (changed);
  pg_test_drain ();
}

int
main (int    argc,
      char **argv)
{
  if (!pg_test_gui_init (&argc, &argv, "en"))
    return 0;

  g_test_add_func ("/indicator-editor/edit-cells", test_edit_cells);
  g_test_add_func ("/indicator-editor/built-in-steps", test_built_in_steps);
  g_test_add_func ("/indicator-editor/add-and-move", test_add_and_move);
  g_test_add_func ("/indicator-editor/delete-subtree-and-undo", test_delete_subtree_and_undo);
  g_test_add ("/indicator-editor/keyboard-navigation", Example, NULL, example_setup, test_keyboard_navigation, example_teardown);
  g_test_add ("/indicator-editor/edit-and-cancel", Example, NULL, example_setup, test_edit_and_cancel, example_teardown);
  g_test_add ("/indicator-editor/collapse", Example, NULL, example_setup, test_collapse, example_teardown);
  g_test_add ("/indicator-editor/indent-and-category", Example, NULL, example_setup, test_indent_and_category, example_teardown);
  g_test_add ("/indicator-editor/cut-copy-paste", Example, NULL, example_setup, test_cut_copy_paste, example_teardown);
  g_test_add ("/indicator-editor/paste-into-other-document", Example, NULL, example_setup,
              test_paste_into_other_document, example_teardown);
  g_test_add ("/indicator-editor/drop", Example, NULL, example_setup, test_drop, example_teardown);
  g_test_add ("/indicator-editor/focus-path", Example, NULL, example_setup, test_focus_path, example_teardown);
  g_test_add_func ("/indicator-editor/editors-built-when-needed", test_editors_built_when_needed);
  return g_test_run ();
}
