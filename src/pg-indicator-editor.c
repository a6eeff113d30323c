/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One goal's indicator tree as a grid of entries, drawn like the printed
 * form. Columns: level 1, level 2, the level-3 indicator, the two previous
 * years (headed with the real years), the target, the basis, and a menu per
 * row. The document keeps the tree's shape; a command it refuses shows its
 * message in a toast.
 *
 * Every focusable cell carries its record and its part ("name", "target",
 * "menu", …), so the focus can be put back on the same cell of the same
 * record after a rebuild (a move, an undo).
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-category.h"
#include "pg-field.h"
#include "pg-indicator-editor.h"
#include "pg-sections.h"
#include "pg-value.h"

enum {
  COL_LEVEL1,
  COL_LEVEL2,
  COL_NAME,
  COL_YEAR_MINUS_2,
  COL_YEAR_MINUS_1,
  COL_TARGET,
  COL_BASIS,
  COL_MENU,
  N_COLUMNS
};

/* The parts of a row that take the focus. */
#define PART_NAME "name"
#define PART_MENU "menu"
#define PART_ADD  "add"

typedef struct {
  PgDocument *document;
  PgGoal     *goal;
  GtkWidget  *box;        /* not owned: the editor lives on it */
  GtkWidget  *grid;
  GtkWidget  *add_level1;
  GPtrArray  *lists;      /* the lists whose changes rebuild the grid */
} Editor;

static const char *record_key = "pg-indicator-editor-record";
static const char *part_key = "pg-indicator-editor-part";

static gboolean
ui_is_english (void)
{
  return !g_str_has_prefix (g_get_language_names ()[0], "zh");
}

static PgLanguage
ui_language (void)
{
  return ui_is_english () ? PG_LANGUAGE_EN : PG_LANGUAGE_ZH_CN;
}

/* Cells and the focus */

static void
cell_mark (GtkWidget  *widget,
           PgIndicator *record,
           const char *part)
{
  g_object_set_data_full (G_OBJECT (widget), record_key, g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (widget), part_key, (gpointer) part);
}

static GtkWidget *
cell_find (GtkWidget   *root,
           PgIndicator *record,
           const char  *part)
{
  if (g_object_get_data (G_OBJECT (root), record_key) == record
      && (part == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (root), part_key), part) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cell_find (child, record, part);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
focus_widget (Editor *editor)
{
  GtkRoot *root = gtk_widget_get_root (editor->box);
  return root ? gtk_root_get_focus (root) : NULL;
}

/* The record and part of the cell holding the focus, if it is in the grid. */
static PgIndicator *
focused_cell (Editor      *editor,
              const char **out_part,
              int         *out_cursor)
{
  GtkWidget *focus = focus_widget (editor);

  for (GtkWidget *widget = focus; widget != NULL && widget != editor->grid; widget = gtk_widget_get_parent (widget))
    {
      PgIndicator *record = g_object_get_data (G_OBJECT (widget), record_key);

      if (record == NULL)
        continue;
      if (!gtk_widget_is_ancestor (widget, editor->grid))
        return NULL;
      if (out_part != NULL)
        *out_part = g_object_get_data (G_OBJECT (widget), part_key);
      if (out_cursor != NULL)
        *out_cursor = GTK_IS_EDITABLE (widget) ? gtk_editable_get_position (GTK_EDITABLE (widget)) : -1;
      return record;
    }
  return NULL;
}

/* Focuses `part` of `record`'s row (any part of it when that one is gone);
 * `cursor` >= 0 puts an entry's cursor back where it was. */
static gboolean
focus_cell (Editor      *editor,
            PgIndicator *record,
            const char  *part,
            int          cursor)
{
  GtkWidget *widget = cell_find (editor->grid, record, part);

  if (widget == NULL)
    widget = cell_find (editor->grid, record, NULL);
  if (widget == NULL)
    return FALSE;
  gtk_widget_grab_focus (widget);
  if (cursor >= 0 && GTK_IS_EDITABLE (widget))
    gtk_editable_set_position (GTK_EDITABLE (widget), cursor);
  pg_section_scroll_into_view (widget);
  return TRUE;
}

/* The tree */

static GListModel *
siblings_of (Editor      *editor,
             PgIndicator *node)
{
  PgIndicator *parent = pg_indicator_get_parent (node);
  return parent ? pg_indicator_get_children (parent) : pg_goal_get_indicators (editor->goal);
}

static PgIndicator *
find_in (GListModel *list,
         gint64      id)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) node = g_list_model_get_item (list, i);
      PgIndicator *found;

      if (pg_record_get_id (PG_RECORD (node)) == id)
        return node;
      found = find_in (pg_indicator_get_children (node), id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The goal's indicator with row id `id` (owned by the document), or NULL. */
static PgIndicator *
find_indicator (Editor *editor,
                gint64  id)
{
  return find_in (pg_goal_get_indicators (editor->goal), id);
}

/* Commands */

static void
add_leaf (Editor      *editor,
          PgIndicator *parent,
          guint        position)
{
  g_autoptr(GError) error = NULL;
  PgIndicator *leaf = pg_document_add_indicator (editor->document, editor->goal, parent, position,
                                                 NULL, _("New indicator"), &error);

  if (leaf == NULL)
    {
      pg_section_show_error (editor->box, error);
      return;
    }
  /* Focusing an entry selects its text: the default name is replaced by
   * the first keystroke. */
  focus_cell (editor, leaf, PART_NAME, -1);
}

static void
add_category (Editor      *editor,
              PgIndicator *parent,
              const char  *key,
              const char  *custom_name)
{
  g_autoptr(GError) error = NULL;
  PgIndicator *node = pg_document_add_indicator (editor->document, editor->goal, parent, PG_POSITION_END,
                                                 key ? key : PG_CATEGORY_CUSTOM, custom_name, &error);

  if (node == NULL)
    {
      pg_section_show_error (editor->box, error);
      return;
    }
  focus_cell (editor, node, PART_ADD, -1);
}

static void
move_by (Editor      *editor,
         PgIndicator *node,
         int          delta)
{
  g_autoptr(PgIndicator) hold = g_object_ref (node);
  g_autoptr(GError) error = NULL;
  GListModel *siblings = siblings_of (editor, node);
  const char *part = PART_MENU;
  int cursor = -1;
  guint i;

  if (!pg_list_model_find (siblings, node, &i))
    return;
  if ((delta < 0 && i == 0) || (delta > 0 && i + 1 >= g_list_model_get_n_items (siblings)))
    {
      gtk_widget_error_bell (editor->box);
      return;
    }
  if (focused_cell (editor, &part, &cursor) != node)
    {
      part = PART_MENU;
      cursor = -1;
    }
  if (!pg_document_move (editor->document, PG_RECORD (node), NULL, delta < 0 ? i - 1 : i + 1, &error))
    {
      pg_section_show_error (editor->box, error);
      return;
    }
  focus_cell (editor, node, part, cursor);
}

static void
delete_node (Editor      *editor,
             PgIndicator *node)
{
  g_autoptr(PgIndicator) hold = g_object_ref (node);
  g_autoptr(PgIndicator) neighbour = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GListModel *siblings = siblings_of (editor, node);
  guint n = g_list_model_get_n_items (siblings);
  guint i;

  if (pg_indicator_get_level (node) >= 3)
    /* Translators: a toast; %s is the level-3 indicator’s name. */
    message = g_strdup_printf (_("Indicator “%s” deleted"), pg_indicator_get_name (node));
  else
    /* Translators: a toast; %s is a level-1 or level-2 indicator’s name. */
    message = g_strdup_printf (_("“%s” deleted with its indicators"),
                               pg_indicator_get_display_name (node, ui_is_english ()));

  if (pg_list_model_find (siblings, node, &i) && n > 1)
    neighbour = g_list_model_get_item (siblings, i + 1 < n ? i + 1 : i - 1);
  else if (pg_indicator_get_parent (node) != NULL)
    neighbour = g_object_ref (pg_indicator_get_parent (node));

  if (!pg_document_remove (editor->document, PG_RECORD (node), &error))
    {
      pg_section_show_error (editor->box, error);
      return;
    }
  pg_section_show_toast (editor->box, message, TRUE);
  if (neighbour == NULL || !focus_cell (editor, neighbour, PART_MENU, -1))
    gtk_widget_grab_focus (editor->add_level1);
}

/* Actions of the row menus, on the record with the given row id. */

static void
on_action (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  Editor *editor = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  PgIndicator *node = find_indicator (editor, g_variant_get_int64 (parameter));
  GListModel *siblings;
  guint i;

  if (node == NULL)
    return;
  if (g_str_equal (name, "move-up"))
    move_by (editor, node, -1);
  else if (g_str_equal (name, "move-down"))
    move_by (editor, node, 1);
  else if (g_str_equal (name, "delete"))
    delete_node (editor, node);
  else if (g_str_equal (name, "add-below"))
    {
      siblings = siblings_of (editor, node);
      if (pg_list_model_find (siblings, node, &i))
        add_leaf (editor, pg_indicator_get_parent (node), i + 1);
    }
}

/* The category popover: the standard categories not yet present, then
 * those already present, then a name of the user's own. */

typedef struct {
  Editor      *editor;
  PgIndicator *parent;    /* NULL: a level-1 */
  GtkWidget   *popover;
  GtkWidget   *entry;
} Picker;

static void
picker_free (gpointer data)
{
  Picker *picker = data;

  g_clear_object (&picker->parent);
  g_free (picker);
}

static void
on_category_clicked (GtkButton *button,
                     Picker    *picker)
{
  const char *key = g_object_get_data (G_OBJECT (button), "pg-category-key");
  Editor *editor = picker->editor;
  g_autoptr(PgIndicator) parent = picker->parent ? g_object_ref (picker->parent) : NULL;

  gtk_popover_popdown (GTK_POPOVER (picker->popover));
  add_category (editor, parent, key, NULL);
}

static void
on_custom_activate (GtkWidget *widget,
                    Picker    *picker)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (picker->entry))));
  Editor *editor = picker->editor;
  g_autoptr(PgIndicator) parent = picker->parent ? g_object_ref (picker->parent) : NULL;

  if (*name == '\0')
    {
      gtk_widget_error_bell (picker->entry);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (picker->popover));
  add_category (editor, parent, NULL, name);
}

static gboolean
category_present (GListModel *list,
                  const char *key)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) node = g_list_model_get_item (list, i);

      if (g_strcmp0 (pg_indicator_get_category (node), key) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
category_button (Picker           *picker,
                 const PgCategory *category)
{
  GtkWidget *button = gtk_button_new_with_label (pg_category_name (category, ui_language ()));

  gtk_widget_add_css_class (button, "flat");
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  g_object_set_data (G_OBJECT (button), "pg-category-key", (gpointer) category->key);
  g_signal_connect (button, "clicked", G_CALLBACK (on_category_clicked), picker);
  return button;
}

static void
create_picker (GtkMenuButton *menu_button,
               gpointer       user_data)
{
  Editor *editor = user_data;
  PgIndicator *parent = g_object_get_data (G_OBJECT (menu_button), record_key);
  Picker *picker = g_new0 (Picker, 1);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *custom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_label (_("Add"));
  GtkWidget *present_label = NULL;
  GListModel *existing = parent ? pg_indicator_get_children (parent) : pg_goal_get_indicators (editor->goal);
  const PgCategory *children[32];
  const PgCategory *categories;
  guint n;

  picker->editor = editor;
  picker->parent = parent ? g_object_ref (parent) : NULL;
  picker->popover = popover;
  g_object_set_data_full (G_OBJECT (popover), "pg-picker", picker, picker_free);

  if (parent == NULL)
    categories = pg_category_list (1, &n);
  else
    {
      n = pg_category_children (pg_indicator_get_category (parent), children, G_N_ELEMENTS (children));
      categories = NULL;
    }

  /* Two passes: absent ones first. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const PgCategory *category = categories ? &categories[i] : children[i];
        gboolean present = category_present (existing, category->key);
        GtkWidget *button;

        if (present != (pass == 1))
          continue;
        if (present && present_label == NULL)
          {
            present_label = gtk_label_new (_("Already in this goal"));
            gtk_label_set_xalign (GTK_LABEL (present_label), 0);
            gtk_widget_add_css_class (present_label, "caption");
            gtk_widget_add_css_class (present_label, "dim-label");
            gtk_widget_set_margin_top (present_label, 6);
            gtk_widget_set_margin_start (present_label, 6);
            gtk_box_append (GTK_BOX (box), present_label);
          }
        button = category_button (picker, category);
        gtk_box_append (GTK_BOX (box), button);
      }
  if (n > 0)
    gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  picker->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (picker->entry), _("A name of your own"));
  pg_field_set_label (picker->entry, _("A name of your own"));
  gtk_widget_set_hexpand (picker->entry, TRUE);
  g_signal_connect (picker->entry, "activate", G_CALLBACK (on_custom_activate), picker);
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect (add, "clicked", G_CALLBACK (on_custom_activate), picker);
  gtk_box_append (GTK_BOX (custom), picker->entry);
  gtk_box_append (GTK_BOX (custom), add);
  gtk_widget_set_margin_top (custom, 6);
  gtk_box_append (GTK_BOX (box), custom);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (menu_button, popover);
}

/* Cells */

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  return label;
}

static GMenuItem *
menu_item (const char  *label,
           const char  *action,
           PgIndicator *node,
           const char  *accel)
{
  GMenuItem *item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action,
                                           g_variant_new_int64 (pg_record_get_id (PG_RECORD (node))));
  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  return item;
}

/* The "⋮" menu of a row: add (level 3), move, delete. */
static GtkWidget *
row_menu_new (PgIndicator *node)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();
  g_autoptr(GMenuItem) up = menu_item (_("Move _Up"), "indicator.move-up", node, "<Alt>Up");
  g_autoptr(GMenuItem) down = menu_item (_("Move _Down"), "indicator.move-down", node, "<Alt>Down");
  g_autoptr(GMenuItem) delete = menu_item (_("_Delete"), "indicator.delete", node, NULL);
  GtkWidget *button = gtk_menu_button_new ();

  if (pg_indicator_get_level (node) >= 3)
    {
      g_autoptr(GMenu) adds = g_menu_new ();
      g_autoptr(GMenuItem) below = menu_item (_("_Add Indicator Below"), "indicator.add-below", node,
                                              "<Control>Return");

      g_menu_append_item (adds, below);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (adds));
    }
  g_menu_append_item (moves, up);
  g_menu_append_item (moves, down);
  g_menu_append_item (removal, delete);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Move or Delete"));
  cell_mark (button, node, PART_MENU);
  return button;
}

static void
update_node_label (PgIndicator *node,
                   GParamSpec  *pspec,
                   GtkLabel    *label)
{
  guint n = pg_indicator_get_n_indicators (node);
  /* Translators: how many level-3 indicators a level-1 or level-2 row holds. */
  g_autofree char *count = g_strdup_printf (ngettext ("%u indicator", "%u indicators", n), n);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>",
                                                     pg_indicator_get_display_name (node, ui_is_english ()),
                                                     count);

  gtk_label_set_markup (label, markup);
}

static void
on_add_leaf_clicked (GtkButton *button,
                     Editor    *editor)
{
  PgIndicator *parent = g_object_get_data (G_OBJECT (button), record_key);

  add_leaf (editor, parent, PG_POSITION_END);
}

/* A level-1 or level-2 cell: its name and count, a button to add under it
 * and its menu. It spans the rows of its indicators, as on the form. */
static GtkWidget *
node_cell_new (Editor      *editor,
               PgIndicator *node)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *add;
  g_autofree char *add_label = NULL;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  update_node_label (node, NULL, GTK_LABEL (label));
  g_signal_connect_object (node, "notify::n-indicators", G_CALLBACK (update_node_label), label, 0);
  g_signal_connect_object (node, "notify::name", G_CALLBACK (update_node_label), label, 0);
  g_signal_connect_object (node, "notify::category", G_CALLBACK (update_node_label), label, 0);

  if (pg_indicator_get_level (node) == 1)
    {
      add = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "list-add-symbolic");
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (add), create_picker, editor, NULL);
      gtk_widget_set_tooltip_text (add, _("Add Level-2 Indicator"));
      /* Translators: %s is a level-1 indicator’s name (产出指标 …). */
      add_label = g_strdup_printf (_("Add a level-2 indicator under %s"),
                                   pg_indicator_get_display_name (node, ui_is_english ()));
    }
  else
    {
      add = gtk_button_new_from_icon_name ("list-add-symbolic");
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_leaf_clicked), editor);
      gtk_widget_set_tooltip_text (add, _("Add Indicator"));
      /* Translators: %s is a level-2 indicator’s name (数量指标 …). */
      add_label = g_strdup_printf (_("Add an indicator under %s"),
                                   pg_indicator_get_display_name (node, ui_is_english ()));
    }
  pg_field_set_label (add, add_label);
  gtk_widget_add_css_class (add, "flat");
  cell_mark (add, node, PART_ADD);
  /* The window reveals a level-1 or level-2 node here after an undo. */
  pg_field_tag (add, PG_RECORD (node), NULL);

  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (GTK_BOX (buttons), row_menu_new (node));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_add_css_class (box, pg_indicator_get_level (node) == 1 ? "pg-level-1" : "pg-level-2");
  return box;
}

/* Marks a value that is neither a quantity nor a qualitative phrase; the
 * document takes it all the same. */
static void
update_value_mark (GtkEditable *editable)
{
  g_autoptr(PgValue) value = pg_value_parse (gtk_editable_get_text (editable));
  GtkWidget *widget = GTK_WIDGET (editable);

  if (value->kind == PG_VALUE_OTHER)
    {
      const char *message = _("Neither a quantity (“≥95%”, “1100 人次”) nor a qualitative phrase (“达标”)");

      gtk_widget_add_css_class (widget, "warning");
      gtk_widget_set_tooltip_text (widget, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else if (gtk_widget_has_css_class (widget, "warning"))
    {
      gtk_widget_remove_css_class (widget, "warning");
      gtk_widget_set_tooltip_text (widget, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static GtkWidget *
entry_new (Editor      *editor,
           PgIndicator *leaf,
           const char  *property,
           const char  *placeholder,
           const char  *accessible_label)
{
  GtkWidget *entry = gtk_entry_new ();

  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  pg_field_bind_text (GTK_EDITABLE (entry), editor->document, PG_RECORD (leaf), property);
  pg_field_set_label (entry, accessible_label);
  cell_mark (entry, leaf, property);
  gtk_widget_set_valign (entry, GTK_ALIGN_START);
  if (!g_str_equal (property, "name"))
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
      update_value_mark (GTK_EDITABLE (entry));
      g_signal_connect (entry, "changed", G_CALLBACK (update_value_mark), NULL);
    }
  return entry;
}

/* The basis drop-down: "not set", then the four bases in their order. */

static guint
basis_index (const char *key)
{
  guint n;
  const PgBasis *bases = pg_basis_list (&n);

  for (guint i = 0; i < n && key != NULL; i++)
    if (g_str_equal (bases[i].key, key))
      return i + 1;
  return 0;
}

static void
on_basis_selected (GtkDropDown *drop_down,
                   GParamSpec  *pspec,
                   Editor      *editor)
{
  PgIndicator *leaf = g_object_get_data (G_OBJECT (drop_down), record_key);
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GError) error = NULL;
  guint n;
  const PgBasis *bases = pg_basis_list (&n);
  const char *key = selected >= 1 && selected <= n ? bases[selected - 1].key : "";

  if (g_object_get_data (G_OBJECT (drop_down), "pg-updating") != NULL)
    return;
  if (selected == basis_index (pg_indicator_get_basis (leaf)))
    return;
  if (!pg_document_set_string (editor->document, PG_RECORD (leaf), "basis", key, &error))
    {
      pg_section_show_error (editor->box, error);
      g_object_set_data (G_OBJECT (drop_down), "pg-updating", GINT_TO_POINTER (1));
      gtk_drop_down_set_selected (drop_down, basis_index (pg_indicator_get_basis (leaf)));
      g_object_set_data (G_OBJECT (drop_down), "pg-updating", NULL);
    }
  pg_document_break_coalescing (editor->document);
}

static void
on_basis_notify (PgIndicator *leaf,
                 GParamSpec  *pspec,
                 GtkDropDown *drop_down)
{
  g_object_set_data (G_OBJECT (drop_down), "pg-updating", GINT_TO_POINTER (1));
  gtk_drop_down_set_selected (drop_down, basis_index (pg_indicator_get_basis (leaf)));
  g_object_set_data (G_OBJECT (drop_down), "pg-updating", NULL);
}

static GtkWidget *
basis_new (Editor      *editor,
           PgIndicator *leaf)
{
  guint n;
  const PgBasis *bases = pg_basis_list (&n);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  gtk_string_list_append (names, _("Not set"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, pg_basis_name (&bases[i], ui_language ()));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), basis_index (pg_indicator_get_basis (leaf)));
  gtk_widget_set_valign (drop_down, GTK_ALIGN_START);
  pg_field_tag (drop_down, PG_RECORD (leaf), "basis");
  pg_field_set_label (drop_down, _("Basis of the target"));
  cell_mark (drop_down, leaf, "basis");
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_basis_selected), editor);
  g_signal_connect_object (leaf, "notify::basis", G_CALLBACK (on_basis_notify), drop_down, 0);
  return drop_down;
}

static void
attach_leaf (Editor      *editor,
             int          row,
             PgIndicator *leaf,
             const char  *year_minus_2,
             const char  *year_minus_1)
{
  GtkGrid *grid = GTK_GRID (editor->grid);
  /* Translators: accessible name of a value cell; %s is a column heading, such as a year. */
  g_autofree char *label_2 = g_strdup_printf (_("Value in %s"), year_minus_2);
  /* Translators: accessible name of a value cell; %s is a column heading, such as a year. */
  g_autofree char *label_1 = g_strdup_printf (_("Value in %s"), year_minus_1);
  GtkWidget *name = entry_new (editor, leaf, "name", _("Indicator name"), _("Level-3 indicator"));

  gtk_widget_set_hexpand (name, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (name), 12);
  gtk_grid_attach (grid, name, COL_NAME, row, 1, 1);
  /* Examples of the form a value takes, as the form writes them. */
  gtk_grid_attach (grid, entry_new (editor, leaf, "year-minus-2", "1100 人次", label_2), COL_YEAR_MINUS_2, row, 1, 1);
  gtk_grid_attach (grid, entry_new (editor, leaf, "year-minus-1", "1100 人次", label_1), COL_YEAR_MINUS_1, row, 1, 1);
  gtk_grid_attach (grid, entry_new (editor, leaf, "target", "≥95%", _("Expected this year")), COL_TARGET, row, 1, 1);
  gtk_grid_attach (grid, basis_new (editor, leaf), COL_BASIS, row, 1, 1);
  gtk_grid_attach (grid, row_menu_new (leaf), COL_MENU, row, 1, 1);
}

static void on_list_changed (GListModel *list,
                             guint       position,
                             guint       removed,
                             guint       added,
                             Editor     *editor);

static void
watch_list (Editor     *editor,
            GListModel *list)
{
  g_ptr_array_add (editor->lists, g_object_ref (list));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_list_changed), editor);
}

static void
unwatch_lists (Editor *editor)
{
  for (guint i = 0; i < editor->lists->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (editor->lists, i), editor);
  g_ptr_array_set_size (editor->lists, 0);
}

static int
attach_node (Editor      *editor,
             int          row,
             PgIndicator *node,
             const char  *year_minus_2,
             const char  *year_minus_1)
{
  GListModel *children = pg_indicator_get_children (node);
  guint n = g_list_model_get_n_items (children);
  guint level = pg_indicator_get_level (node);
  int first = row;

  if (level >= 3)
    {
      attach_leaf (editor, row, node, year_minus_2, year_minus_1);
      return row + 1;
    }
  watch_list (editor, children);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) child = g_list_model_get_item (children, i);
      row = attach_node (editor, row, child, year_minus_2, year_minus_1);
    }
  if (row == first)
    {
      /* An empty level-1 or level-2 still takes a row, which says so. */
      GtkWidget *empty = gtk_label_new (level == 1 ? _("No level-2 indicators yet") : _("No indicators yet"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_set_margin_top (empty, 8);
      gtk_grid_attach (GTK_GRID (editor->grid), empty, level == 1 ? COL_LEVEL2 : COL_NAME, row,
                       level == 1 ? N_COLUMNS - COL_LEVEL2 : N_COLUMNS - COL_NAME, 1);
      row++;
    }
  gtk_grid_attach (GTK_GRID (editor->grid), node_cell_new (editor, node), level - 1, first, 1, row - first);
  return row;
}

static void
rebuild (Editor *editor)
{
  GListModel *level1 = pg_goal_get_indicators (editor->goal);
  guint n = g_list_model_get_n_items (level1);
  int budget_year = pg_declaration_get_budget_year (pg_document_get_declaration (editor->document));
  g_autofree char *year_minus_2 = NULL;
  g_autofree char *year_minus_1 = NULL;
  g_autoptr(PgIndicator) focused = NULL;
  const char *part = NULL;
  int cursor = -1;
  int row = 1;
  GtkWidget *child;
  const char *headings[N_COLUMNS] = {
    [COL_LEVEL1] = _("Level-1"),
    [COL_LEVEL2] = _("Level-2"),
    [COL_NAME] = _("Level-3 indicator"),
    [COL_TARGET] = _("Expected this year"),
    [COL_BASIS] = _("Basis"),
  };

  focused = focused_cell (editor, &part, &cursor);
  if (focused != NULL)
    g_object_ref (focused);

  unwatch_lists (editor);
  while ((child = gtk_widget_get_first_child (editor->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (editor->grid), child);

  /* The previous years' columns are headed with the real years. */
  year_minus_2 = budget_year ? g_strdup_printf ("%d", budget_year - 2) : g_strdup (_("Year −2"));
  year_minus_1 = budget_year ? g_strdup_printf ("%d", budget_year - 1) : g_strdup (_("Year −1"));
  headings[COL_YEAR_MINUS_2] = year_minus_2;
  headings[COL_YEAR_MINUS_1] = year_minus_1;
  for (guint i = 0; i < N_COLUMNS; i++)
    if (headings[i] != NULL)
      gtk_grid_attach (GTK_GRID (editor->grid), heading_new (headings[i]), (int) i, 0, 1, 1);

  watch_list (editor, level1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) indicator = g_list_model_get_item (level1, i);

      if (i > 0)
        gtk_grid_attach (GTK_GRID (editor->grid), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL),
                         0, row++, N_COLUMNS, 1);
      row = attach_node (editor, row, indicator, year_minus_2, year_minus_1);
    }
  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No indicators yet. Add a level-1 indicator to start."));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_grid_attach (GTK_GRID (editor->grid), empty, 0, 1, N_COLUMNS, 1);
    }

  if (focused != NULL)
    focus_cell (editor, focused, part, cursor);
}

static void
on_list_changed (GListModel *list,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Editor     *editor)
{
  rebuild (editor);
}

static void
on_budget_year_changed (GObject    *object,
                        GParamSpec *pspec,
                        Editor     *editor)
{
  rebuild (editor);
}

/* Keyboard: Alt+Up/Down move the row holding the focus; Ctrl+Enter adds an
 * indicator below a level-3 row (or under a level-2); Delete removes the
 * row whose menu or add button has the focus (in an entry it deletes text). */

static gboolean
on_move_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  Editor *editor = user_data;
  PgIndicator *node = focused_cell (editor, NULL, NULL);

  if (node == NULL)
    return FALSE;
  move_by (editor, node, g_variant_get_int32 (args));
  return TRUE;
}

static gboolean
on_add_key (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  Editor *editor = user_data;
  PgIndicator *node = focused_cell (editor, NULL, NULL);
  guint i;

  if (node == NULL || pg_indicator_get_level (node) == 1)
    return FALSE;
  if (pg_indicator_get_level (node) == 2)
    add_leaf (editor, node, PG_POSITION_END);
  else if (pg_list_model_find (siblings_of (editor, node), node, &i))
    add_leaf (editor, pg_indicator_get_parent (node), i + 1);
  return TRUE;
}

static gboolean
on_delete_key (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  Editor *editor = user_data;
  const char *part = NULL;
  PgIndicator *node = focused_cell (editor, &part, NULL);

  if (node == NULL || (g_strcmp0 (part, PART_MENU) != 0 && g_strcmp0 (part, PART_ADD) != 0))
    return FALSE;
  delete_node (editor, node);
  return TRUE;
}

static void
add_shortcut (GtkEventController *controller,
              guint               keyval,
              GdkModifierType     modifiers,
              GtkShortcutFunc     callback,
              Editor             *editor,
              GVariant           *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (callback, editor, NULL));

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

/* The editor */

static void
on_destroy (GtkWidget *box,
            Editor    *editor)
{
  unwatch_lists (editor);
  g_signal_handlers_disconnect_by_data (pg_document_get_declaration (editor->document), editor);
}

static void
editor_free (gpointer data)
{
  Editor *editor = data;

  unwatch_lists (editor);
  g_ptr_array_unref (editor->lists);
  g_signal_handlers_disconnect_by_data (pg_document_get_declaration (editor->document), editor);
  g_clear_object (&editor->goal);
  g_clear_object (&editor->document);
  g_free (editor);
}

GtkWidget *
pg_indicator_editor_new (PgDocument *document,
                         PgGoal     *goal)
{
  static const GActionEntry actions[] = {
    { "move-up", on_action, "x", NULL, NULL, { 0 } },
    { "move-down", on_action, "x", NULL, NULL, { 0 } },
    { "delete", on_action, "x", NULL, NULL, { 0 } },
    { "add-below", on_action, "x", NULL, NULL, { 0 } },
  };
  Editor *editor;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkEventController *shortcuts;
  GtkWidget *content, *scrolled;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (PG_IS_GOAL (goal), NULL);

  editor = g_new0 (Editor, 1);
  editor->document = g_object_ref (document);
  editor->goal = g_object_ref (goal);
  editor->lists = g_ptr_array_new_with_free_func (g_object_unref);
  editor->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_object_set_data_full (G_OBJECT (editor->box), "pg-indicator-editor", editor, editor_free);
  g_signal_connect (editor->box, "destroy", G_CALLBACK (on_destroy), editor);

  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), editor);
  gtk_widget_insert_action_group (editor->box, "indicator", G_ACTION_GROUP (group));

  editor->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (editor->grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (editor->grid), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Indicators"), -1);
  /* A narrow window scrolls the table sideways rather than crush it. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), editor->grid);
  gtk_box_append (GTK_BOX (editor->box), scrolled);

  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Level-1 Indicator"));
  editor->add_level1 = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (editor->add_level1), content);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (editor->add_level1), create_picker, editor, NULL);
  gtk_widget_set_halign (editor->add_level1, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (editor->box), editor->add_level1);

  g_signal_connect (pg_document_get_declaration (document), "notify::budget-year",
                    G_CALLBACK (on_budget_year_changed), editor);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_shortcut (shortcuts, GDK_KEY_Up, GDK_ALT_MASK, on_move_key, editor, g_variant_new_int32 (-1));
  add_shortcut (shortcuts, GDK_KEY_KP_Up, GDK_ALT_MASK, on_move_key, editor, g_variant_new_int32 (-1));
  add_shortcut (shortcuts, GDK_KEY_Down, GDK_ALT_MASK, on_move_key, editor, g_variant_new_int32 (1));
  add_shortcut (shortcuts, GDK_KEY_KP_Down, GDK_ALT_MASK, on_move_key, editor, g_variant_new_int32 (1));
  add_shortcut (shortcuts, GDK_KEY_Return, GDK_CONTROL_MASK, on_add_key, editor, NULL);
  add_shortcut (shortcuts, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, on_add_key, editor, NULL);
  add_shortcut (shortcuts, GDK_KEY_Delete, 0, on_delete_key, editor, NULL);
  add_shortcut (shortcuts, GDK_KEY_KP_Delete, 0, on_delete_key, editor, NULL);
  gtk_widget_add_controller (editor->box, shortcuts);

  rebuild (editor);
  return editor->box;
}
