/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review panel in the window, under Xvfb: the header bar's count, the
 * list of findings, a finding that opens its page and focuses its field
 * (also in the indicator tree), the fields marked, the list and marks
 * following an edit, "No problems found" on a clean declaration, and the
 * notice before export.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "pg-field.h"
#include "pg-json.h"
#include "pg-review-panel.h"
#include "pg-window.h"

static PgDocument *
import (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PgDocument *doc = pg_json_import_file (file, &error);

  g_assert_no_error (error);
  return doc;
}

static gboolean
time_is_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for `ms`: the panel catches up a moment after edits. */
static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, time_is_up, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  pg_test_drain ();
}

static PgReviewPanel *
panel_of (PgWindow *window)
{
  GtkWidget *panel = pg_test_find_of_type (GTK_WIDGET (window), PG_TYPE_REVIEW_PANEL);

  g_assert_nonnull (panel);
  return PG_REVIEW_PANEL (panel);
}

/* The button under `root` for `action`, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The count on the header bar's review button ("" when hidden). */
static const char *
header_count (PgWindow *window)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (window), "win.review");
  GtkWidget *label;

  g_assert_nonnull (button);
  label = pg_test_find_of_type (button, GTK_TYPE_LABEL);
  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : "";
}

static GtkListBox *
list_of (PgReviewPanel *panel)
{
  return GTK_LIST_BOX (pg_test_find_of_type (GTK_WIDGET (panel), GTK_TYPE_LIST_BOX));
}

static guint
n_rows (PgReviewPanel *panel)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_of (panel), n) != NULL)
    n++;
  return n;
}

/* The row of the finding at `path`, or NULL. */
static GtkListBoxRow *
row_for (PgReviewPanel *panel,
         const char    *path)
{
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list_of (panel), i)) != NULL; i++)
    {
      PgFinding *finding = g_object_get_data (G_OBJECT (row), "finding");
      if (g_str_equal (finding->path, path))
        return row;
    }
  return NULL;
}

/* Whether the keyboard focus is in `widget` (an entry's focus is on its
 * inner text). */
static gboolean
has_focus_within (PgWindow  *window,
                  GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static PgWindow *
open_window (PgDocument *doc)
{
  PgWindow *window = pg_window_new (NULL, doc);

  gtk_window_present (GTK_WINDOW (window));
  pg_test_drain ();
  return window;
}

static void
test_count_and_list (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_window (doc);
  PgReviewPanel *panel = panel_of (window);
  PgReview *review = pg_review_panel_get_review (panel);
  guint n_findings = pg_review_get_n_errors (review) + pg_review_get_n_warnings (review);
  g_autofree char *expected = g_strdup_printf ("%u", n_findings);
  gboolean visible = FALSE;

  g_assert_cmpuint (n_findings, >, 5);
  g_assert_cmpstr (header_count (window), ==, expected);
  g_assert_cmpuint (pg_review_panel_get_n_errors (panel), ==, pg_review_get_n_errors (review));

  /* F8's action shows the panel, with every finding a row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL));
  wait_ms (500);
  g_object_get (window, "review-visible", &visible, NULL);
  g_assert_true (visible);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_cmpuint (n_rows (panel), ==, n_findings);
  g_assert_nonnull (row_for (panel, "fill_date"));
  g_assert_nonnull (row_for (panel, "projects"));
  /* The keyboard lands on the first finding. */
  g_assert_true (has_focus_within (window, GTK_WIDGET (gtk_list_box_get_row_at_index (list_of (panel), 0))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL));
  g_object_get (window, "review-visible", &visible, NULL);
  g_assert_false (visible);
  pg_test_close_window (window);
}

static void
test_jump_and_marks (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_window (doc);
  PgReviewPanel *panel = panel_of (window);
  PgFinanceRow *other = pg_test_item (pg_finance_block_get_rows (pg_document_get_revenue (doc)), 1);
  PgIndicator *output = pg_test_item (pg_goal_get_indicators (pg_test_item (pg_document_get_goals (doc), 0)), 0);
  PgIndicator *timeliness = pg_test_item (pg_indicator_get_children (output), 2);
  PgIndicator *leaf = pg_test_item (pg_indicator_get_children (timeliness), 0);
  const char *leaf_path = "goals[0].indicators[0].children[2].children[0].target";
  GtkStack *stack;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL));
  wait_ms (500);
  stack = GTK_STACK (gtk_widget_get_ancestor (pg_test_field (window, pg_document_get_declaration (doc), "phone"),
                                              GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "basic");

  /* A finding opens its page and focuses its field, which is marked. */
  gtk_widget_activate (GTK_WIDGET (row_for (panel, "finance.revenue[1].year_minus_2")));
  pg_test_drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "finance");
  g_assert_true (has_focus_within (window, pg_test_field (window, other, "year-minus-2")));
  g_assert_true (gtk_widget_has_css_class (pg_test_field (window, other, "year-minus-2"), "error"));
  g_assert_true (gtk_widget_has_css_class (pg_test_field (window, other, "amount"), "warning"));
  g_assert_false (gtk_widget_has_css_class (pg_test_field (window, other, "amount"), "error"));

  /* Also inside the indicator tree. */
  gtk_widget_activate (GTK_WIDGET (row_for (panel, leaf_path)));
  pg_test_drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "goals");
  g_assert_true (has_focus_within (window, pg_test_field (window, leaf, "target")));
  g_assert_true (gtk_widget_has_css_class (pg_test_field (window, leaf, "target"), "error"));
  g_assert_false (gtk_widget_has_css_class (pg_test_field (window, leaf, "name"), "error"));

  /* An edit: a moment later the finding, its row and its mark are gone,
   * and the count follows. */
  {
    guint before = pg_review_panel_get_n_errors (panel);
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (list_of (panel), 0);

    gtk_editable_set_text (GTK_EDITABLE (pg_test_field (window, leaf, "target")), "100%");
    g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "100%");
    /* Not within the keystroke. */
    g_assert_cmpuint (pg_review_panel_get_n_errors (panel), ==, before);
    wait_ms (600);
    g_assert_cmpuint (pg_review_panel_get_n_errors (panel), ==, before - 1);
    g_assert_null (row_for (panel, leaf_path));
    g_assert_false (gtk_widget_has_css_class (pg_test_field (window, leaf, "target"), "error"));
    /* Only the rows of what changed are replaced. */
    g_assert_true (gtk_list_box_get_row_at_index (list_of (panel), 0) == first);
  }

  /* A move rebuilds the tree's widgets; the new ones are marked too. */
  {
    PgIndicator *effect = pg_test_item (pg_goal_get_indicators (pg_test_item (pg_document_get_goals (doc), 0)), 1);
    PgIndicator *impact = pg_test_item (pg_indicator_get_children (effect), 1);
    PgIndicator *petitions = pg_test_item (pg_indicator_get_children (impact), 0);
    PgIndicator *quantity = pg_test_item (pg_indicator_get_children (output), 0);
    PgIndicator *first_leaf = pg_test_item (pg_indicator_get_children (quantity), 0);
    GtkWidget *before = pg_test_field (window, petitions, "target");
    g_autoptr(GError) error = NULL;

    g_assert_true (gtk_widget_has_css_class (before, "error"));
    g_assert_true (pg_document_move (doc, PG_RECORD (first_leaf), NULL, 1, &error));
    g_assert_no_error (error);
    wait_ms (600);
    g_assert_true (gtk_widget_has_css_class (pg_test_field (window, petitions, "target"), "error"));
    g_assert_true (gtk_widget_has_css_class (pg_test_field (window, first_leaf, "name"), "warning"));

    /* A table rebuilt (its year columns renamed for a new budget year) is
     * marked as it is built, before the panel's next update. */
    before = pg_test_field (window, petitions, "target");
    g_assert_true (pg_document_set_int (doc, PG_RECORD (pg_document_get_declaration (doc)), "budget-year",
                                        pg_declaration_get_budget_year (pg_document_get_declaration (doc)) + 1,
                                        &error));
    g_assert_no_error (error);
    pg_test_drain ();
    g_assert_true (pg_test_field (window, petitions, "target") != before);
    g_assert_true (gtk_widget_has_css_class (pg_test_field (window, petitions, "target"), "error"));
    g_assert_true (gtk_widget_has_css_class (pg_test_field (window, first_leaf, "name"), "warning"));
    /* And the marks of the update follow the findings, as before. */
    wait_ms (600);
    g_assert_true (gtk_widget_has_css_class (pg_test_field (window, petitions, "target"), "error"));
    g_assert_false (gtk_widget_has_css_class (pg_test_field (window, leaf, "target"), "error"));
  }

  /* A finding with no field of its own opens its page. */
  gtk_widget_activate (GTK_WIDGET (row_for (panel, "projects")));
  pg_test_drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "projects");
  pg_test_close_window (window);
}

static void
test_clean (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "clean-declaration.json", NULL);
  g_autoptr(PgDocument) doc = import (path);
  PgWindow *window = open_window (doc);
  PgReviewPanel *panel = panel_of (window);
  AdwStatusPage *status;

  g_assert_cmpstr (header_count (window), ==, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL));
  wait_ms (500);
  g_assert_cmpuint (n_rows (panel), ==, 0);
  status = ADW_STATUS_PAGE (pg_test_find_of_type (GTK_WIDGET (panel), ADW_TYPE_STATUS_PAGE));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No problems found");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));

  /* An edit that breaks a rule brings the list back. */
  pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)), "phone", "", NULL);
  wait_ms (600);
  g_assert_cmpstr (header_count (window), ==, "1");
  g_assert_nonnull (row_for (panel, "department.phone"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (status)));
  pg_test_close_window (window);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Export with errors left: a notice with their count, then the choice. */
static void
test_notice_before_export (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  PgWindow *window = open_window (doc);
  PgReviewPanel *panel = panel_of (window);
  g_autofree char *heading = g_strdup_printf ("%u Errors Remain", pg_review_panel_get_n_errors (panel));
  AdwMessageDialog *dialog;
  gboolean visible = TRUE;

  g_object_get (window, "review-visible", &visible, NULL);
  g_assert_false (visible);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-pdf", NULL));
  pg_test_drain ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_true (adw_message_dialog_has_response (dialog, "go-on"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "go-on"), ==, "_Export Anyway");

  /* "Review" shows the findings instead. */
  adw_message_dialog_response (dialog, "review");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pg_test_drain ();
  g_object_get (window, "review-visible", &visible, NULL);
  g_assert_true (visible);
  g_assert_null (find_message_dialog ());
  pg_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  if (!pg_test_gui_init (&argc, &argv, "en"))
    return 0;

  g_test_add_func ("/review-panel/count-and-list", test_count_and_list);
  g_test_add_func ("/review-panel/jump-and-marks", test_jump_and_marks);
  g_test_add_func ("/review-panel/clean", test_clean);
  g_test_add_func ("/review-panel/notice-before-export", test_notice_before_export);
  return g_test_run ();
}
