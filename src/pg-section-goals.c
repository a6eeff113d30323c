/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The goals, each with its indicator tree, shown as the printed form lays
 * them out. Read-only here: the tree gets its own editor (the indicator
 * tree issue). The page follows the document: a goal's tree is rebuilt when
 * any of its lists changes (undo, paste, import), and the cells follow
 * their records' properties.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-category.h"
#include "pg-field.h"
#include "pg-sections.h"

static gboolean
ui_is_english (void)
{
  return !g_str_has_prefix (g_get_language_names ()[0], "zh");
}

static void rebuild_goal (GtkWidget *box);

static void
on_tree_changed (GListModel *list,
                 guint       position,
                 guint       removed,
                 guint       added,
                 GtkWidget  *box)
{
  rebuild_goal (box);
}

static const char *
basis_label (const char *key)
{
  const PgBasis *basis = pg_basis_lookup (key);
  return basis ? pg_basis_name (basis, ui_is_english () ? PG_LANGUAGE_EN : PG_LANGUAGE_ZH_CN) : "";
}

static GtkWidget *
cell (const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* One level-3 row: name, the two previous years, the target, the basis. */
static void
add_leaf (GtkGrid     *grid,
          int          row,
          PgIndicator *leaf)
{
  const char *texts[] = {
    pg_indicator_get_name (leaf),
    pg_indicator_get_year_minus_2 (leaf),
    pg_indicator_get_year_minus_1 (leaf),
    pg_indicator_get_target (leaf),
    basis_label (pg_indicator_get_basis (leaf)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkWidget *label = cell (texts[i], FALSE);
      gtk_grid_attach (grid, label, 2 + (int) i, row, 1, 1);
      if (i == 0)
        pg_field_tag (label, PG_RECORD (leaf), NULL);
    }
}

static int
add_subtree (GtkGrid     *grid,
             int          row,
             PgIndicator *node,
             GtkWidget   *box)
{
  GListModel *children = pg_indicator_get_children (node);
  guint n = g_list_model_get_n_items (children);
  guint level = pg_indicator_get_level (node);
  int first = row;
  GtkWidget *label;

  g_signal_connect_object (children, "items-changed", G_CALLBACK (on_tree_changed), box, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) child = g_list_model_get_item (children, i);

      if (pg_indicator_get_level (child) >= 3)
        add_leaf (grid, row++, child);
      else
        row = add_subtree (grid, row, child, box);
    }
  if (row == first)
    row++; /* an empty level-1 or level-2 still shows */

  /* Like the form: the category cell spans the rows of its indicators. */
  label = cell (pg_indicator_get_display_name (node, ui_is_english ()), FALSE);
  pg_field_tag (label, PG_RECORD (node), NULL);
  gtk_grid_attach (grid, label, level - 1, first, 1, row - first);
  return row;
}

static void
rebuild_goal (GtkWidget *box)
{
  PgGoal *goal = g_object_get_data (G_OBJECT (box), "goal");
  GListModel *level1 = pg_goal_get_indicators (goal);
  guint n = g_list_model_get_n_items (level1);
  g_autofree char *heading = NULL;
  GtkWidget *grid, *child;
  PgDocument *document = g_object_get_data (G_OBJECT (box), "document");
  int budget_year = pg_declaration_get_budget_year (pg_document_get_declaration (document));
  g_autofree char *year_minus_2 = NULL;
  g_autofree char *year_minus_1 = NULL;
  int row = 1;
  const char *headings[] = {
    _("Level-1"), _("Level-2"), _("Level-3 indicator"), NULL, NULL, _("Expected this year"), _("Basis"),
  };

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  heading = g_strdup_printf (_("Goal %u: %s"), pg_goal_get_number (goal), pg_goal_get_title (goal));
  child = cell (heading, TRUE);
  pg_field_tag (child, PG_RECORD (goal), NULL);
  gtk_box_append (GTK_BOX (box), child);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    if (headings[i] != NULL)
      gtk_grid_attach (GTK_GRID (grid), cell (headings[i], TRUE), (int) i, 0, 1, 1);
  /* The previous years' columns are headed with the real years. */
  year_minus_2 = budget_year ? g_strdup_printf ("%d", budget_year - 2) : g_strdup (_("Year −2"));
  year_minus_1 = budget_year ? g_strdup_printf ("%d", budget_year - 1) : g_strdup (_("Year −1"));
  gtk_grid_attach (GTK_GRID (grid), cell (year_minus_2, TRUE), 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (year_minus_1, TRUE), 4, 0, 1, 1);

  g_signal_connect_object (level1, "items-changed", G_CALLBACK (on_tree_changed), box, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) indicator = g_list_model_get_item (level1, i);
      row = add_subtree (GTK_GRID (grid), row, indicator, box);
    }
  if (n == 0)
    gtk_grid_attach (GTK_GRID (grid), cell (_("No indicators yet."), FALSE), 0, 1, 7, 1);
  gtk_box_append (GTK_BOX (box), grid);
}

static GtkWidget *
create_goal (gpointer item,
             gpointer user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  g_object_set_data_full (G_OBJECT (box), "goal", g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (box), "document", g_object_ref (user_data), g_object_unref);
  rebuild_goal (box);
  g_signal_connect_object (pg_document_get_declaration (user_data), "notify::budget-year",
                           G_CALLBACK (rebuild_goal), box, G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::title", G_CALLBACK (rebuild_goal), box, G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::number", G_CALLBACK (rebuild_goal), box, G_CONNECT_SWAPPED);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

GtkWidget *
pg_section_goals_new (PgDocument *document)
{
  GtkWidget *box;
  GtkWidget *page = pg_section_page_new (&box);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *note = gtk_label_new (_("Each annual goal with its three levels of indicators, as the printed form shows them."));

  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), note);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (list), pg_document_get_goals (document), create_goal, document, NULL);
  gtk_box_append (GTK_BOX (box), list);
  return page;
}
