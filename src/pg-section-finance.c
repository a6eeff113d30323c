/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Revenue & expenditure" page (部门总体收支情况): the revenue and the
 * expenditure block, each laid out as on the form: the item, the
 * budget-year amount, its share, and the amounts of the two previous years
 * headed with their real years, then the total. Amounts are typed; shares
 * and totals are the model's and shown read-only, live.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-amount.h"
#include "pg-field.h"
#include "pg-sections.h"

/* The amount columns, in the form's order after the share. */
static const char * const amount_properties[] = { "amount", "year-minus-2", "year-minus-1" };

enum { COL_ITEM, COL_AMOUNT, COL_SHARE, COL_YEAR_MINUS_2, COL_YEAR_MINUS_1, N_COLUMNS };

typedef struct {
  PgDocument          *document;
  PgDeclaration       *declaration;
  PgFinanceBlock      *block;
  gboolean             english;

  AdwPreferencesGroup *group;
  GtkWidget           *year_headers[2];
  GPtrArray           *entries;      /* every amount entry, row by row */
  GtkWidget           *totals[N_COLUMNS];
} Block;

/* The item labels follow the UI language, as the rest of the window. */
static gboolean
ui_is_english (void)
{
  return !g_str_has_prefix (g_get_language_names ()[0], "zh");
}

static void
block_free (gpointer data)
{
  Block *self = data;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->block);
  g_clear_object (&self->declaration);
  g_clear_object (&self->document);
  g_free (self);
}

static char *
format_amount (gint64 amount)
{
  return amount == PG_AMOUNT_NONE ? g_strdup ("—") : pg_amount_format_for_locale (amount, 0);
}

static char *
format_share (int share)
{
  return share == PG_SHARE_NONE ? g_strdup ("—") : pg_share_format (share);
}

static void
update_description (Block *self)
{
  g_autofree char *description = NULL;
  const char *unit = g_strcmp0 (pg_declaration_get_unit (self->declaration), "yuan") == 0
                     ? _("yuan (元)") : _("10,000 yuan (万元)");

  /* Translators: %s is the unit, "10,000 yuan (万元)" or "yuan (元)". */
  description = g_strdup_printf (_("Amounts in %s. Totals and shares are computed."), unit);
  adw_preferences_group_set_description (self->group, description);
}

/* The previous years' headings, and what a screen reader says for each
 * amount field, name the real years. */
static void
update_years (Block *self)
{
  int year = pg_declaration_get_budget_year (self->declaration);
  GListModel *rows = pg_finance_block_get_rows (self->block);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *heading = NULL;

      if (year != 0)
        /* Translators: a column heading, the year of the amounts in it. */
        heading = g_strdup_printf (C_("year column heading", "%d"), year - 2 + (int) i);
      else
        heading = g_strdup (i == 0 ? _("Year −2") : _("Year −1"));
      gtk_label_set_text (GTK_LABEL (self->year_headers[i]), heading);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (rows, i / G_N_ELEMENTS (amount_properties));
      const char *label = pg_finance_row_get_label (row, self->english);
      guint column = i % G_N_ELEMENTS (amount_properties);
      g_autofree char *name = NULL;

      if (column == 0)
        /* Translators: what a screen reader says for an amount field; %s is the item. */
        name = g_strdup_printf (_("%s, budget-year amount"), label);
      else if (year != 0)
        /* Translators: what a screen reader says for an amount field; %s is the item, %d a year. */
        name = g_strdup_printf (_("%s, amount in %d"), label, year - 3 + (int) column);
      else if (column == 1)
        /* Translators: accessible name of an amount field; %s is the row’s name. */
        name = g_strdup_printf (_("%s, amount two years before"), label);
      else
        /* Translators: accessible name of an amount field; %s is the row’s name. */
        name = g_strdup_printf (_("%s, amount the year before"), label);
      pg_field_set_label (g_ptr_array_index (self->entries, i), name);
    }
}

static void
update_totals (Block *self)
{
  GListModel *rows = pg_finance_block_get_rows (self->block);
  g_autoptr(PgFinanceRow) first = g_list_model_get_n_items (rows) > 0 ? g_list_model_get_item (rows, 0) : NULL;
  /* The shares of a block add up to exactly 100.00 % whenever there are any. */
  gboolean has_shares = first != NULL && pg_finance_row_get_share (first) != PG_SHARE_NONE;
  g_autofree char *total = format_amount (pg_finance_block_get_total (self->block));
  g_autofree char *share = format_share (has_shares ? 10000 : PG_SHARE_NONE);
  g_autofree char *minus_2 = format_amount (pg_finance_block_get_total_year_minus_2 (self->block));
  g_autofree char *minus_1 = format_amount (pg_finance_block_get_total_year_minus_1 (self->block));

  gtk_label_set_text (GTK_LABEL (self->totals[COL_AMOUNT]), total);
  gtk_label_set_text (GTK_LABEL (self->totals[COL_SHARE]), share);
  gtk_label_set_text (GTK_LABEL (self->totals[COL_YEAR_MINUS_2]), minus_2);
  gtk_label_set_text (GTK_LABEL (self->totals[COL_YEAR_MINUS_1]), minus_1);
}

static void
on_declaration_notify (PgDeclaration *declaration,
                       GParamSpec    *pspec,
                       GtkWidget     *grid)
{
  Block *self = g_object_get_data (G_OBJECT (grid), "pg-finance-block");

  if (g_str_equal (g_param_spec_get_name (pspec), "budget-year"))
    update_years (self);
  else if (g_str_equal (g_param_spec_get_name (pspec), "unit"))
    update_description (self);
}

static void
on_totals_notify (GObject    *object,
                  GParamSpec *pspec,
                  GtkWidget  *grid)
{
  update_totals (g_object_get_data (G_OBJECT (grid), "pg-finance-block"));
}

static void
on_share_notify (PgFinanceRow *row,
                 GParamSpec   *pspec,
                 GtkLabel     *label)
{
  g_autofree char *share = format_share (pg_finance_row_get_share (row));

  gtk_label_set_text (label, share);
}

static GtkWidget *
heading_new (const char *text,
             float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0.5 ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
value_label_new (gboolean bold)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "numeric");
  if (bold)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* A cell of one column. Each column has a size group across both blocks,
 * so that their columns line up. */
static void
attach (GtkGrid       *grid,
        GtkSizeGroup **columns,
        GtkWidget     *widget,
        int            column,
        int            line)
{
  gtk_size_group_add_widget (columns[column], widget);
  gtk_grid_attach (grid, widget, column, line, 1, 1);
}

static GtkWidget *
block_new (PgDocument     *document,
           PgFinanceBlock *block,
           const char     *title,
           GtkSizeGroup  **columns)
{
  Block *self = g_new0 (Block, 1);
  GListModel *rows = pg_finance_block_get_rows (block);
  guint n_rows = g_list_model_get_n_items (rows);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *total_label;
  int line = 2;

  self->document = g_object_ref (document);
  self->declaration = g_object_ref (pg_document_get_declaration (document));
  self->block = g_object_ref (block);
  self->english = ui_is_english ();
  self->entries = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, title);
  g_object_set_data_full (G_OBJECT (grid), "pg-finance-block", self, block_free);

  gtk_widget_add_css_class (card, "card");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);

  /* Two heading lines, as on the form: the previous years sit under one
   * heading of their own. */
  gtk_grid_attach (GTK_GRID (grid), heading_new (_("Item"), 0), COL_ITEM, 0, 1, 2);
  gtk_grid_attach (GTK_GRID (grid), heading_new (_("Budget-year amount"), 1), COL_AMOUNT, 0, 1, 2);
  gtk_grid_attach (GTK_GRID (grid), heading_new (_("Share"), 1), COL_SHARE, 0, 1, 2);
  gtk_grid_attach (GTK_GRID (grid), heading_new (_("Previous two years"), 0.5), COL_YEAR_MINUS_2, 0, 2, 1);
  for (guint i = 0; i < 2; i++)
    {
      self->year_headers[i] = heading_new (NULL, 1);
      attach (GTK_GRID (grid), columns, self->year_headers[i], COL_YEAR_MINUS_2 + (int) i, 1);
    }

  for (guint r = 0; r < n_rows; r++, line++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (rows, r);
      GtkWidget *item = gtk_label_new (pg_finance_row_get_label (row, self->english));
      GtkWidget *share = value_label_new (FALSE);

      gtk_label_set_xalign (GTK_LABEL (item), 0);
      gtk_label_set_wrap (GTK_LABEL (item), TRUE);
      attach (GTK_GRID (grid), columns, item, COL_ITEM, line);

      for (guint c = 0; c < G_N_ELEMENTS (amount_properties); c++)
        {
          GtkWidget *entry = gtk_entry_new ();
          int column = c == 0 ? COL_AMOUNT : COL_YEAR_MINUS_2 + (int) c - 1;

          gtk_entry_set_alignment (GTK_ENTRY (entry), 1);
          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
          gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 12);
          gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
          gtk_widget_set_hexpand (entry, TRUE);
          pg_field_bind_amount (GTK_EDITABLE (entry), document, PG_RECORD (row), amount_properties[c]);
          attach (GTK_GRID (grid), columns, entry, column, line);
          g_ptr_array_add (self->entries, entry);
        }

      on_share_notify (row, NULL, GTK_LABEL (share));
      g_signal_connect_object (row, "notify::share", G_CALLBACK (on_share_notify), share, 0);
      g_signal_connect_object (row, "notify::share", G_CALLBACK (on_totals_notify), grid, 0);
      pg_field_set_tooltip (share, _("This item’s share of the block’s total"));
      attach (GTK_GRID (grid), columns, share, COL_SHARE, line);
    }

  gtk_grid_attach (GTK_GRID (grid), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, line++, N_COLUMNS, 1);

  total_label = gtk_label_new (_("Total"));
  gtk_label_set_xalign (GTK_LABEL (total_label), 0);
  gtk_widget_add_css_class (total_label, "heading");
  attach (GTK_GRID (grid), columns, total_label, COL_ITEM, line);
  self->totals[COL_ITEM] = total_label;
  for (int c = COL_AMOUNT; c < N_COLUMNS; c++)
    {
      self->totals[c] = value_label_new (TRUE);
      /* Entries have padding inside their frame; line the totals up with
       * the digits above them. */
      if (c != COL_SHARE)
        gtk_widget_set_margin_end (self->totals[c], 9);
      attach (GTK_GRID (grid), columns, self->totals[c], c, line);
    }

  gtk_box_append (GTK_BOX (card), grid);
  adw_preferences_group_add (self->group, card);

  update_description (self);
  update_years (self);
  update_totals (self);
  g_signal_connect_object (self->declaration, "notify::budget-year", G_CALLBACK (on_declaration_notify), grid, 0);
  g_signal_connect_object (self->declaration, "notify::unit", G_CALLBACK (on_declaration_notify), grid, 0);
  g_signal_connect_object (block, "notify", G_CALLBACK (on_totals_notify), grid, 0);

  return GTK_WIDGET (self->group);
}

GtkWidget *
pg_section_finance_new (PgDocument *document)
{
  GtkSizeGroup *columns[N_COLUMNS];
  GtkWidget *box;
  GtkWidget *page;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  page = pg_section_page_new (&box);
  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_box_append (GTK_BOX (box),
                  block_new (document, pg_document_get_revenue (document), _("Revenue Composition"),
                             columns));
  gtk_box_append (GTK_BOX (box),
                  block_new (document, pg_document_get_expenditure (document), _("Expenditure Composition"),
                             columns));
  /* The widgets keep their groups alive. */
  for (guint c = 0; c < N_COLUMNS; c++)
    g_object_unref (columns[c]);
  return page;
}
