/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One goal's indicator tree as a grid of entries, drawn like the printed
 * form. Columns: level 1, level 2, the level-3 indicator, the two previous
 * years (headed with the real years), the target, the basis, and a menu per
 * row. The document keeps the tree's shape; a command it refuses shows its
 * message in a toast.
 *
 * Every focusable cell carries its record and its part ("node", "name",
 * "target", "menu", …), so the focus can be put back on the same cell of
 * the same record after a rebuild (a move, an undo), and the keyboard can
 * walk the grid as a table.
 *
 * The keyboard. A cell holding the focus is either selected (its text all
 * selected: arrows move between cells, Delete removes the row, Ctrl+C/X/V
 * copy, cut and paste the row's subtree) or being edited (the keys edit the
 * text; Left and Right leave the cell only at the ends of its text).
 * Typing, Enter, F2 or a click starts an edit; Enter ends it and Escape
 * cancels it (the cell gets back the text it had when the edit began).
 * Level-1 and level-2 rows are a button with the category's name, that
 * collapses and expands them; Enter or F2 on it changes the category.
 *
 * Collapsing hides the rows under a node rather than destroying them, so
 * expanding costs no more than showing widgets again; which nodes are
 * collapsed is kept on the goal, by row id, so it survives a rebuild, an
 * undo and a new editor.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-category.h"
#include "pg-field.h"
#include "pg-indicator-editor.h"
#include "pg-json.h"
#include "pg-sections.h"
#include "pg-style.h"
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

/* The parts of a row that take the focus, left to right. A level-3 row's
 * parts are its record's properties (and its menu). */
#define PART_NODE "node"
#define PART_NAME "name"
#define PART_MENU "menu"
#define PART_ADD  "add"
#define PART_RENAME "rename"

static const char *const leaf_parts[] = { PART_NAME, "year-minus-2", "year-minus-1", "target", "basis", PART_MENU };
static const char *const node_parts[] = { PART_NODE, PART_ADD, PART_RENAME, PART_MENU };

/* The clipboard's own type for a subtree; it also holds the same JSON as
 * plain text, for other programs and other PerfGoal windows alike. */
#define SUBTREE_MIME_TYPE "application/x-perfgoal-indicator+json"

/* One node of the tree as the grid shows it. */
typedef struct {
  PgIndicator *node;
  guint        level;
  guint        index;    /* in Editor.rows, which is in the outline's order */
  guint        end;      /* the index past its subtree */
  int          span;     /* grid rows its subtree takes, expanded */
  int          first_line; /* levels 1 and 2: the grid line its subtree starts at */
  GtkWidget   *cell;     /* levels 1 and 2: the cell spanning the subtree */
  GtkWidget   *expander; /* levels 1 and 2: the button with its name */
  GPtrArray   *widgets;  /* the widgets of its own row (not its children's) */
} Row;

typedef struct {
  PgDocument *document;
  PgGoal     *goal;
  GtkWidget  *box;        /* not owned: the editor lives on it */
  GtkWidget  *grid;
  GtkWidget  *add_level1;
  GPtrArray  *lists;      /* the lists whose changes rebuild the grid */
  GPtrArray  *rows;       /* of Row, in the outline's order */
  GHashTable *row_of;     /* PgIndicator → Row */
  GHashTable *collapsed;  /* row ids (gint64 *), shared with the goal */
  GtkWidget  *editing;    /* the entry being edited, or NULL */
  gboolean    composing;  /* an input method is composing text in it */
  char       *original;   /* its text when the edit began */
  GtkRoot    *root;       /* watched for focus changes while realized */
  Row        *drop_row;   /* where a drag would drop, shown */
  const char *drop_class;
  /* Building (in steps: pg_indicator_editor_new_in_steps): where the walk
   * of the outline is (BuildFrame, the innermost last), the grid line the
   * next row goes to, the years of the headings. */
  guint       step_id;
  gboolean    stepping;    /* counted in n_stepping */
  gulong      painted_id;  /* on `clock`: the next step waits for a frame */
  GdkFrameClock *clock;
  GArray     *walk;
  int         next_line;
  char       *year_minus_2;
  char       *year_minus_1;
} Editor;

typedef enum {
  DROP_BEFORE,
  DROP_AFTER,
  DROP_INTO,
} DropPlace;

static const char *record_key = "pg-indicator-editor-record";
static const char *part_key = "pg-indicator-editor-part";
static const char *editor_key = "pg-indicator-editor";
static const char *collapsed_key = "pg-indicator-editor-collapsed";

static void rebuild (Editor *editor);

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

/* Folds
 *
 * Each cell of the grid sits in a fold. A fold folded under a collapsed
 * node takes no room and draws, picks and focuses nothing, and hides its
 * cell from assistive technologies, but leaves it mapped: GTK 4.8's GtkText
 * shapes its text again each time it is mapped, most of an expand's time
 * when collapsed rows were hidden instead (20 rows: ~8 ms). */

#define PG_TYPE_FOLD (pg_fold_get_type ())
G_DECLARE_FINAL_TYPE (PgFold, pg_fold, PG, FOLD, GtkWidget)

struct _PgFold
{
  GtkWidget  parent_instance;
  GtkWidget *child;
  gboolean   folded;
};

G_DEFINE_FINAL_TYPE (PgFold, pg_fold, GTK_TYPE_WIDGET)

static void
pg_fold_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  PgFold *self = PG_FOLD (widget);

  if (self->folded)
    {
      *minimum = *natural = 0;
      *minimum_baseline = *natural_baseline = -1;
      return;
    }
  gtk_widget_measure (self->child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
pg_fold_size_allocate (GtkWidget *widget,
                       int        width,
                       int        height,
                       int        baseline)
{
  PgFold *self = PG_FOLD (widget);

  if (self->folded)
    {
      /* A size of its own, out of sight: the column may be narrower than
       * the cell (all the cells of a column folded), never the cell. */
      int minimum = 0;

      gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      width = MAX (width, minimum);
      gtk_widget_measure (self->child, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
      height = minimum;
      baseline = -1;
    }
  gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
pg_fold_snapshot (GtkWidget   *widget,
                  GtkSnapshot *snapshot)
{
  PgFold *self = PG_FOLD (widget);

  if (!self->folded)
    gtk_widget_snapshot_child (widget, self->child, snapshot);
}

static GtkSizeRequestMode
pg_fold_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (PG_FOLD (widget)->child);
}

static void
pg_fold_compute_expand (GtkWidget *widget,
                        gboolean  *hexpand,
                        gboolean  *vexpand)
{
  PgFold *self = PG_FOLD (widget);

  *hexpand = gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static void
pg_fold_dispose (GObject *object)
{
  PgFold *self = PG_FOLD (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (pg_fold_parent_class)->dispose (object);
}

static void
pg_fold_class_init (PgFoldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pg_fold_dispose;
  widget_class->measure = pg_fold_measure;
  widget_class->size_allocate = pg_fold_size_allocate;
  widget_class->snapshot = pg_fold_snapshot;
  widget_class->get_request_mode = pg_fold_get_request_mode;
  widget_class->compute_expand = pg_fold_compute_expand;
  gtk_widget_class_set_css_name (widget_class, "pg-fold");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
pg_fold_init (PgFold *self)
{
}

static GtkWidget *
pg_fold_new (GtkWidget *child)
{
  PgFold *self = g_object_new (PG_TYPE_FOLD, NULL);

  self->child = child;
  gtk_widget_set_parent (child, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

static void
pg_fold_set_folded (PgFold   *self,
                    gboolean  folded)
{
  if (self->folded == folded)
    return;
  self->folded = folded;
  /* Focus and pointer pass over a folded cell's whole subtree. */
  gtk_widget_set_can_focus (GTK_WIDGET (self), !folded);
  gtk_widget_set_can_target (GTK_WIDGET (self), !folded);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, folded, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The fold of one of the grid's cells. */
static PgFold *
fold_of (GtkWidget *cell)
{
  return PG_FOLD (gtk_widget_get_parent (cell));
}

/* Rows */

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->node);
  g_ptr_array_unref (row->widgets);
  g_free (row);
}

static Row *
row_for (Editor      *editor,
         PgIndicator *node)
{
  return node ? g_hash_table_lookup (editor->row_of, node) : NULL;
}

static gboolean
is_collapsed (Editor      *editor,
              PgIndicator *node)
{
  gint64 id = pg_record_get_id (PG_RECORD (node));

  return g_hash_table_contains (editor->collapsed, &id);
}

/* Whether a collapsed node above hides the row. */
static gboolean
row_hidden (Editor *editor,
            Row    *row)
{
  for (PgIndicator *up = pg_indicator_get_parent (row->node); up != NULL; up = pg_indicator_get_parent (up))
    if (is_collapsed (editor, up))
      return TRUE;
  return FALSE;
}

/* Cells and the focus */

static void
cell_mark (GtkWidget   *widget,
           PgIndicator *record,
           const char  *part)
{
  g_object_set_data_full (G_OBJECT (widget), record_key, g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (widget), part_key, (gpointer) part);
}

static GtkWidget *
row_cell (Row        *row,
          const char *part)
{
  for (guint i = 0; i < row->widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (row->widgets, i);
      GtkWidget *found = NULL;

      if (row->cell == widget)
        {
          /* The node cell holds its parts a level down. */
          for (GtkWidget *w = row->expander; w != NULL; w = NULL)
            if (part == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (w), part_key), part) == 0)
              found = w;
          if (found == NULL)
            {
              GtkWidget *buttons = gtk_widget_get_last_child (row->cell);
              for (GtkWidget *w = gtk_widget_get_first_child (buttons); w; w = gtk_widget_get_next_sibling (w))
                if (part == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (w), part_key), part) == 0)
                  {
                    found = w;
                    break;
                  }
            }
        }
      else if (g_object_get_data (G_OBJECT (widget), part_key) != NULL
               && (part == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (widget), part_key), part) == 0))
        found = widget;
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

/* The record, part and widget of the cell holding the focus, if it is in
 * the grid and not in a popover of it (a drop-down's list, a menu). */
static PgIndicator *
focused_cell (Editor      *editor,
              const char **out_part,
              int         *out_cursor,
              GtkWidget  **out_cell)
{
  GtkWidget *focus = focus_widget (editor);

  for (GtkWidget *widget = focus; widget != NULL && widget != editor->grid; widget = gtk_widget_get_parent (widget))
    {
      PgIndicator *record;

      if (GTK_IS_POPOVER (widget))
        return NULL;
      record = g_object_get_data (G_OBJECT (widget), record_key);
      if (record == NULL)
        continue;
      if (!gtk_widget_is_ancestor (widget, editor->grid))
        return NULL;
      if (out_part != NULL)
        *out_part = g_object_get_data (G_OBJECT (widget), part_key);
      if (out_cursor != NULL)
        *out_cursor = GTK_IS_EDITABLE (widget) ? gtk_editable_get_position (GTK_EDITABLE (widget)) : -1;
      if (out_cell != NULL)
        *out_cell = widget;
      return record;
    }
  return NULL;
}

/* Focuses `part` of `record`'s row (its first part when that one is not
 * there); `cursor` >= 0 puts an entry's cursor back where it was, -1
 * selects the entry's text (the cell is selected, not edited). */
static gboolean
focus_cell (Editor      *editor,
            PgIndicator *record,
            const char  *part,
            int          cursor)
{
  Row *row = row_for (editor, record);
  GtkWidget *widget;

  if (row == NULL || row_hidden (editor, row))
    return FALSE;
  widget = row_cell (row, part);
  if (widget == NULL)
    widget = row_cell (row, NULL);
  if (widget == NULL || !gtk_widget_grab_focus (widget))
    return FALSE;
  if (cursor >= 0 && GTK_IS_EDITABLE (widget))
    gtk_editable_set_position (GTK_EDITABLE (widget), cursor);
  else if (GTK_IS_EDITABLE (widget))
    gtk_editable_select_region (GTK_EDITABLE (widget), 0, -1);
  pg_section_scroll_into_view (widget);
  return TRUE;
}

/* The first part of a row: what the keyboard lands on. */
static const char *
primary_part (PgIndicator *node)
{
  return pg_indicator_get_level (node) >= 3 ? PART_NAME : PART_NODE;
}

/* Editing a cell */

static void
begin_editing (Editor    *editor,
               GtkWidget *entry)
{
  if (editor->editing == entry)
    return;
  editor->editing = entry;
  g_free (editor->original);
  editor->original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
end_editing (Editor *editor)
{
  editor->editing = NULL;
  editor->composing = FALSE;
  g_clear_pointer (&editor->original, g_free);
  pg_document_break_coalescing (editor->document);
}

/* Escape: the cell gets back the text it had when the edit began, which
 * the document then takes (as any edit, it can be undone). */
static void
cancel_editing (Editor *editor)
{
  GtkEditable *entry = GTK_EDITABLE (editor->editing);
  g_autofree char *original = g_steal_pointer (&editor->original);

  end_editing (editor);
  if (g_strcmp0 (gtk_editable_get_text (entry), original) != 0)
    gtk_editable_set_text (entry, original);
  gtk_editable_select_region (entry, 0, -1);
  pg_document_break_coalescing (editor->document);
}

/* The focus left the cell being edited: the edit is over. */
static void
on_focus_changed (GtkRoot    *root,
                  GParamSpec *pspec,
                  Editor     *editor)
{
  GtkWidget *focus = gtk_root_get_focus (root);

  if (editor->editing != NULL && (focus == NULL || (focus != editor->editing && !gtk_widget_is_ancestor (focus, editor->editing))))
    end_editing (editor);
}

/* A click in an entry edits it (the entry puts the cursor where it was
 * clicked). */
static void
on_grid_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 Editor          *editor)
{
  GtkWidget *picked = gtk_widget_pick (editor->grid, x, y, GTK_PICK_DEFAULT);
  GtkWidget *entry = picked ? gtk_widget_get_ancestor (picked, GTK_TYPE_ENTRY) : NULL;

  if (entry != NULL && g_object_get_data (G_OBJECT (entry), record_key) != NULL)
    begin_editing (editor, entry);
}

/* While an input method composes (pinyin before it becomes 汉字), the
 * arrows, Enter and Escape are its own: they choose and commit. */
static void
on_preedit_changed (GtkText    *text,
                    const char *preedit,
                    Editor     *editor)
{
  GtkWidget *entry = gtk_widget_get_ancestor (GTK_WIDGET (text), GTK_TYPE_ENTRY);

  editor->composing = preedit != NULL && *preedit != '\0';
  if (editor->composing && entry != NULL)
    begin_editing (editor, entry);
}

/* The tree */

static GListModel *
siblings_of (Editor      *editor,
             PgIndicator *node)
{
  PgIndicator *parent = pg_indicator_get_parent (node);
  return parent ? pg_indicator_get_children (parent) : pg_goal_get_indicators (pg_indicator_get_goal (node));
}

static guint
index_of (Editor      *editor,
          PgIndicator *node)
{
  guint i = 0;

  pg_list_model_find (siblings_of (editor, node), node, &i);
  return i;
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

/* Collapse and expand */

static void
update_expander (Editor *editor,
                 Row    *row)
{
  gboolean collapsed = is_collapsed (editor, row->node);
  GtkWidget *icon = gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (row->expander)));

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), collapsed ? "pan-end-symbolic" : "pan-down-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row->expander), GTK_ACCESSIBLE_STATE_EXPANDED, !collapsed, -1);
  pg_field_set_tooltip (row->expander, collapsed ? _("Expand (Right or +)") : _("Collapse (Left or -)"));
}

/* A level-1 or level-2 cell spans its subtree's lines, or its own line
 * when collapsed. */
static void
set_cell_span (Editor *editor,
               Row    *row)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (editor->grid);
  GtkGridLayoutChild *child = GTK_GRID_LAYOUT_CHILD (
    gtk_layout_manager_get_layout_child (layout, GTK_WIDGET (fold_of (row->cell))));

  gtk_grid_layout_child_set_row_span (child, is_collapsed (editor, row->node) ? 1 : MAX (row->span, 1));
}

/* Unfolds or folds the rows from `from` to `to` (indices in editor->rows)
 * as the collapsed nodes above them say; a collapsed node's cell spans its
 * own row only. */
static void
apply_collapsed (Editor *editor,
                 guint   from,
                 guint   to)
{
  for (guint i = from; i < to; i++)
    {
      Row *row = g_ptr_array_index (editor->rows, i);
      gboolean visible = !row_hidden (editor, row);

      for (guint k = 0; k < row->widgets->len; k++)
        pg_fold_set_folded (fold_of (g_ptr_array_index (row->widgets, k)), !visible);
      if (row->cell != NULL)
        {
          set_cell_span (editor, row);
          update_expander (editor, row);
        }
    }
}

static void
set_expanded (Editor      *editor,
              PgIndicator *node,
              gboolean     expanded)
{
  Row *row = row_for (editor, node);
  gint64 id = pg_record_get_id (PG_RECORD (node));
  g_autoptr(PgIndicator) focused = NULL;

  if (row == NULL || row->cell == NULL || expanded == !is_collapsed (editor, node))
    return;
  focused = focused_cell (editor, NULL, NULL, NULL);
  if (focused != NULL)
    g_object_ref (focused);
  if (expanded)
    g_hash_table_remove (editor->collapsed, &id);
  else
    g_hash_table_add (editor->collapsed, g_memdup2 (&id, sizeof id));
  apply_collapsed (editor, row->index, row->end);
  /* The focus does not stay in a row that is gone from sight. */
  if (focused != NULL && focused != node && row_hidden (editor, row_for (editor, focused)))
    focus_cell (editor, node, PART_NODE, -1);
}

/* Shows every collapsed node above `node`. */
static void
reveal (Editor      *editor,
        PgIndicator *node)
{
  for (PgIndicator *up = pg_indicator_get_parent (node); up != NULL; up = pg_indicator_get_parent (up))
    set_expanded (editor, up, TRUE);
}

static void
on_expander_clicked (GtkButton *button,
                     Editor    *editor)
{
  PgIndicator *node = g_object_get_data (G_OBJECT (button), record_key);

  set_expanded (editor, node, is_collapsed (editor, node));
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
  reveal (editor, leaf);
  /* Focusing an entry selects its text: the default name is replaced by
   * the first keystroke. */
  focus_cell (editor, leaf, PART_NAME, -1);
}

/* Ctrl+Enter: a new row right after this one, of its level: a level-3
 * named "New indicator", or a category chosen in the popover of the row's
 * category button. */
static void
add_sibling (Editor      *editor,
             PgIndicator *node)
{
  Row *row = row_for (editor, node);
  GtkWidget *button = row ? row_cell (row, PART_RENAME) : NULL;

  if (pg_indicator_get_level (node) >= 3)
    add_leaf (editor, pg_indicator_get_parent (node), index_of (editor, node) + 1);
  else if (button != NULL)
    {
      g_object_set_data (G_OBJECT (button), "pg-picker-sibling", GINT_TO_POINTER (TRUE));
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    }
}

static void
add_category (Editor      *editor,
              PgIndicator *parent,
              guint        position,
              const char  *key,
              const char  *custom_name)
{
  g_autoptr(GError) error = NULL;
  PgIndicator *node = pg_document_add_indicator (editor->document, editor->goal, parent, position,
                                                 key ? key : PG_CATEGORY_CUSTOM, custom_name, &error);

  if (node == NULL)
    {
      pg_section_show_error (editor->box, error);
      return;
    }
  if (parent != NULL)
    set_expanded (editor, parent, TRUE);
  focus_cell (editor, node, PART_ADD, -1);
}

/* Changes a level-1 or level-2 row's category, or gives it a name of its
 * own, as one step. */
static void
change_category (Editor      *editor,
                 PgIndicator *node,
                 const char  *key,
                 const char  *custom_name)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  pg_document_begin_step (editor->document);
  ok = pg_document_set_string (editor->document, PG_RECORD (node), "category",
                               key ? key : PG_CATEGORY_CUSTOM, &error)
       && pg_document_set_string (editor->document, PG_RECORD (node), "name",
                                  key ? "" : custom_name, &error);
  if (!pg_document_end_step (editor->document, ok, ok ? &error : NULL) || !ok)
    pg_section_show_error (editor->box, error);
  focus_cell (editor, node, PART_NODE, -1);
}

static void
move_by (Editor      *editor,
         PgIndicator *node,
         int          delta)
{
  g_autoptr(PgIndicator) hold = g_object_ref (node);
  g_autoptr(GError) error = NULL;
  GListModel *siblings = siblings_of (editor, node);
  const char *part = NULL;
  int cursor = -1;
  guint i;

  if (!pg_list_model_find (siblings, node, &i))
    return;
  if ((delta < 0 && i == 0) || (delta > 0 && i + 1 >= g_list_model_get_n_items (siblings)))
    {
      gtk_widget_error_bell (editor->box);
      return;
    }
  if (focused_cell (editor, &part, &cursor, NULL) != node)
    {
      part = pg_indicator_get_level (node) >= 3 ? PART_MENU : PART_NODE;
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
indent (Editor      *editor,
        PgIndicator *node,
        gboolean     outdent)
{
  g_autoptr(PgIndicator) hold = g_object_ref (node);
  g_autoptr(GError) error = NULL;
  gboolean ok = outdent ? pg_document_outdent_indicator (editor->document, node, &error)
                        : pg_document_indent_indicator (editor->document, node, &error);

  if (!ok)
    {
      pg_section_show_error (editor->box, error);
      return;
    }
  reveal (editor, node);
  focus_cell (editor, node, PART_NODE, -1);
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
    /* Translators: a toast; %s is the indicator's name. */
    message = g_strdup_printf (_("Indicator “%s” deleted"), pg_indicator_get_name (node));
  else
    /* Translators: a toast; %s is a level-1 or level-2 category. */
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
  if (neighbour == NULL || !focus_cell (editor, neighbour, primary_part (neighbour), -1))
    gtk_widget_grab_focus (editor->add_level1);
}

/* The clipboard */

static void
copy_node (Editor      *editor,
           PgIndicator *node)
{
  g_autofree char *json = pg_json_indicator_to_string (node);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  GdkContentProvider *providers[] = {
    gdk_content_provider_new_for_bytes (SUBTREE_MIME_TYPE, bytes),
    gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes),
  };
  g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));

  gdk_clipboard_set_content (gtk_widget_get_clipboard (editor->box), provider);
}

static void
cut_node (Editor      *editor,
          PgIndicator *node)
{
  copy_node (editor, node);
  delete_node (editor, node);
}

/* Where a subtree pasted at `anchor` may go, nearest first: as the
 * anchor's next sibling, under it, or next to one of its ancestors. */
typedef struct {
  PgIndicator *parent;    /* NULL: level 1 */
  guint        position;
} Place;

static guint
paste_places (Editor      *editor,
              PgIndicator *anchor,
              Place        places[3])
{
  guint n = 0;

  if (anchor == NULL)
    {
      places[n++] = (Place) { NULL, PG_POSITION_END };
      return n;
    }
  if (pg_indicator_get_level (anchor) < 3)
    places[n++] = (Place) { anchor, PG_POSITION_END };
  for (PgIndicator *node = anchor; node != NULL && n < 3; node = pg_indicator_get_parent (node))
    places[n++] = (Place) { pg_indicator_get_parent (node), index_of (editor, node) + 1 };
  return n;
}

/* Pastes the subtree `json` where it fits nearest to `anchor` (NULL: at
 * the end of the goal), as one step; focuses what was pasted. */
static gboolean
paste_json (Editor      *editor,
            PgIndicator *anchor,
            const char  *json)
{
  g_autoptr(GError) error = NULL;
  Place places[3];
  guint n = paste_places (editor, anchor, places);

  for (guint i = 0; i < n; i++)
    {
      guint level = places[i].parent ? pg_indicator_get_level (places[i].parent) + 1 : 1;
      PgIndicator *pasted;

      if (!pg_json_check_indicator (json, level, error == NULL ? &error : NULL))
        continue;
      g_clear_error (&error);
      pasted = pg_json_paste_indicator (editor->document, editor->goal, places[i].parent, places[i].position,
                                        json, &error);
      if (pasted == NULL)
        {
          pg_section_show_error (editor->box, error);
          return FALSE;
        }
      reveal (editor, pasted);
      focus_cell (editor, pasted, primary_part (pasted), -1);
      return TRUE;
    }
  if (error != NULL && !g_error_matches (error, PG_JSON_ERROR, PG_JSON_ERROR_INVALID))
    pg_section_show_toast (editor->box, _("The clipboard holds no indicators to paste."), FALSE);
  else
    pg_section_show_toast (editor->box,
                           _("The copied indicators do not fit here: a level-3 indicator goes under a level-2, "
                             "a level-2 under a level-1."),
                           FALSE);
  return FALSE;
}

typedef struct {
  GtkWidget   *box;     /* the editor's, held until the text comes */
  PgIndicator *anchor;
} PasteRequest;

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PasteRequest *request = user_data;
  Editor *editor = g_object_get_data (G_OBJECT (request->box), editor_key);
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  /* The editor may have gone, or its anchor with an undo, meanwhile. */
  if (editor != NULL && gtk_widget_get_root (request->box) != NULL)
    {
      PgIndicator *anchor = request->anchor ? find_indicator (editor, pg_record_get_id (PG_RECORD (request->anchor)))
                                            : NULL;

      if (text == NULL)
        pg_section_show_toast (editor->box, _("The clipboard holds no indicators to paste."), FALSE);
      else
        paste_json (editor, anchor, text);
    }
  g_clear_object (&request->anchor);
  g_object_unref (request->box);
  g_free (request);
}

static void
paste (Editor      *editor,
       PgIndicator *anchor)
{
  PasteRequest *request = g_new0 (PasteRequest, 1);

  request->box = g_object_ref (editor->box);
  request->anchor = anchor ? g_object_ref (anchor) : NULL;
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (editor->box), NULL, on_clipboard_text, request);
}

/* Drag and drop: a row's handle (the name button of a level-1 or level-2,
 * the menu button of any row) drags the node with its subtree; it drops
 * before or after a row of its level, or into a row of the level above
 * (at the end), in this goal or another. */

/* Where `dragged` lands when dropped on `target` (in its upper half when
 * `after` is FALSE): the new parent (a PgGoal or a PgIndicator) and the
 * position there after the move. FALSE when it cannot go there. */
static gboolean
drop_place (Editor       *editor,
            PgIndicator  *dragged,
            PgIndicator  *target,
            gboolean      after,
            gpointer     *out_parent,
            guint        *out_position,
            DropPlace    *out_place)
{
  guint level = pg_indicator_get_level (dragged);
  guint position;

  /* Over a row of a deeper level: the drop is about its ancestor of the
   * dragged node's level. */
  while (target != NULL && pg_indicator_get_level (target) > level)
    target = pg_indicator_get_parent (target);
  if (target == NULL)
    return FALSE;
  for (PgIndicator *up = target; up != NULL; up = pg_indicator_get_parent (up))
    if (up == dragged)
      return FALSE;

  if (pg_indicator_get_level (target) + 1 == level)
    {
      *out_parent = target;
      *out_position = PG_POSITION_END;
      *out_place = DROP_INTO;
      return TRUE;
    }
  if (pg_indicator_get_level (target) != level)
    return FALSE;

  position = index_of (editor, target) + (after ? 1 : 0);
  if (pg_indicator_get_parent (target) == pg_indicator_get_parent (dragged)
      && pg_indicator_get_goal (target) == pg_indicator_get_goal (dragged)
      && index_of (editor, dragged) < position)
    position--;  /* the dragged node leaves a gap above */
  *out_parent = pg_indicator_get_parent (target) ? (gpointer) pg_indicator_get_parent (target)
                                                 : (gpointer) pg_indicator_get_goal (target);
  *out_position = position;
  *out_place = after ? DROP_AFTER : DROP_BEFORE;
  return TRUE;
}

static gboolean
drop_node (Editor      *editor,
           PgIndicator *dragged,
           PgIndicator *target,
           gboolean     after)
{
  g_autoptr(PgIndicator) hold = g_object_ref (dragged);
  g_autoptr(GError) error = NULL;
  gpointer parent;
  guint position;
  DropPlace place;

  if (!drop_place (editor, dragged, target, after, &parent, &position, &place))
    {
      gtk_widget_error_bell (editor->box);
      return FALSE;
    }
  if (!pg_document_move (editor->document, PG_RECORD (dragged), parent, position, &error))
    {
      pg_section_show_error (editor->box, error);
      return FALSE;
    }
  reveal (editor, dragged);
  focus_cell (editor, dragged, primary_part (dragged), -1);
  return TRUE;
}

static void
show_drop (Editor     *editor,
           Row        *row,
           const char *css_class)
{
  if (editor->drop_row == row && editor->drop_class == css_class)
    return;
  if (editor->drop_row != NULL)
    for (guint i = 0; i < editor->drop_row->widgets->len; i++)
      gtk_widget_remove_css_class (g_ptr_array_index (editor->drop_row->widgets, i), editor->drop_class);
  editor->drop_row = row;
  editor->drop_class = css_class;
  if (row != NULL)
    for (guint i = 0; i < row->widgets->len; i++)
      gtk_widget_add_css_class (g_ptr_array_index (row->widgets, i), css_class);
}

/* The row under the pointer and whether the pointer is in its lower half. */
static Row *
row_at (Editor   *editor,
        double    x,
        double    y,
        gboolean *out_after)
{
  GtkWidget *picked = gtk_widget_pick (editor->grid, x, y, GTK_PICK_DEFAULT);
  graphene_rect_t bounds;
  Row *row = NULL;

  for (GtkWidget *w = picked; w != NULL && w != editor->grid && row == NULL; w = gtk_widget_get_parent (w))
    row = row_for (editor, g_object_get_data (G_OBJECT (w), record_key));
  if (row == NULL)
    return NULL;
  /* A level-1 or level-2 cell spans its subtree: its half is that of its
   * name, the row it starts on. */
  if (!gtk_widget_compute_bounds (row->cell ? row->expander : g_ptr_array_index (row->widgets, 0),
                                  editor->grid, &bounds))
    return NULL;
  *out_after = y > bounds.origin.y + bounds.size.height / 2;
  return row;
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                Editor        *editor)
{
  const GValue *value = gtk_drop_target_get_value (target);
  PgIndicator *dragged = value ? g_value_get_object (value) : NULL;
  gboolean after = FALSE;
  Row *row = row_at (editor, x, y, &after);
  gpointer parent;
  guint position;
  DropPlace place;
  static const char *const classes[] = { "pg-drop-before", "pg-drop-after", "pg-drop-into" };

  if (dragged == NULL || row == NULL || !drop_place (editor, dragged, row->node, after, &parent, &position, &place))
    {
      show_drop (editor, NULL, NULL);
      return 0;
    }
  /* Shown on the row the drop is about. */
  while (pg_indicator_get_level (row->node) > pg_indicator_get_level (dragged)
         && row_for (editor, pg_indicator_get_parent (row->node)) != NULL)
    row = row_for (editor, pg_indicator_get_parent (row->node));
  show_drop (editor, row, classes[place]);
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave (GtkDropTarget *target,
               Editor        *editor)
{
  show_drop (editor, NULL, NULL);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Editor        *editor)
{
  PgIndicator *dragged = g_value_get_object (value);
  gboolean after = FALSE;
  Row *row = row_at (editor, x, y, &after);

  show_drop (editor, NULL, NULL);
  if (dragged == NULL || row == NULL)
    return FALSE;
  return drop_node (editor, dragged, row->node, after);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  PgIndicator *node = g_object_get_data (G_OBJECT (handle), record_key);

  return gdk_content_provider_new_typed (PG_TYPE_INDICATOR, node);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       user_data)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (handle);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static void
add_drag_source (GtkWidget *handle)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  /* Before the button's own click, which would otherwise claim the press;
   * a press that does not move far enough to drag is still a click. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (source), GTK_PHASE_CAPTURE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), NULL);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), NULL);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (source));
}

/* The category popover, to add a level-1 or level-2 or to change one's
 * category: the standard categories not yet present, then those already
 * present, then a name of the user's own. */

typedef struct {
  Editor      *editor;
  PgIndicator *parent;    /* where a new one goes; NULL: a level-1 */
  PgIndicator *renamed;   /* the one whose category changes, or NULL */
  guint        position;  /* where a new one goes in its list */
  GtkWidget   *popover;
  GtkWidget   *entry;
} Picker;

static void
picker_free (gpointer data)
{
  Picker *picker = data;

  g_clear_object (&picker->parent);
  g_clear_object (&picker->renamed);
  g_free (picker);
}

static void
picker_choose (Picker     *picker,
               const char *key,
               const char *custom_name)
{
  Editor *editor = picker->editor;
  g_autoptr(PgIndicator) parent = picker->parent ? g_object_ref (picker->parent) : NULL;
  g_autoptr(PgIndicator) renamed = picker->renamed ? g_object_ref (picker->renamed) : NULL;

  gtk_popover_popdown (GTK_POPOVER (picker->popover));
  if (renamed != NULL)
    change_category (editor, renamed, key, custom_name);
  else
    add_category (editor, parent, picker->position, key, custom_name);
}

static void
on_category_clicked (GtkButton *button,
                     Picker    *picker)
{
  picker_choose (picker, g_object_get_data (G_OBJECT (button), "pg-category-key"), NULL);
}

static void
on_custom_activate (GtkWidget *widget,
                    Picker    *picker)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (picker->entry))));

  if (*name == '\0')
    {
      gtk_widget_error_bell (picker->entry);
      return;
    }
  picker_choose (picker, NULL, name);
}

static gboolean
category_present (GListModel  *list,
                  const char  *key,
                  PgIndicator *except)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) node = g_list_model_get_item (list, i);

      if (node != except && g_strcmp0 (pg_indicator_get_category (node), key) == 0)
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

static GtkWidget *
picker_new (Editor      *editor,
            PgIndicator *parent,
            PgIndicator *renamed,
            guint        position)
{
  Picker *picker = g_new0 (Picker, 1);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *custom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_label (renamed ? _("Rename") : _("Add"));
  GtkWidget *present_label = NULL;
  GListModel *existing = parent ? pg_indicator_get_children (parent) : pg_goal_get_indicators (editor->goal);
  const PgCategory *children[32];
  const PgCategory *categories;
  guint n;

  picker->editor = editor;
  picker->parent = parent ? g_object_ref (parent) : NULL;
  picker->renamed = renamed ? g_object_ref (renamed) : NULL;
  picker->position = position;
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
        gboolean present = category_present (existing, category->key, renamed);
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
  if (renamed != NULL && g_strcmp0 (pg_indicator_get_category (renamed), PG_CATEGORY_CUSTOM) == 0)
    gtk_editable_set_text (GTK_EDITABLE (picker->entry), pg_indicator_get_name (renamed));
  gtk_widget_set_hexpand (picker->entry, TRUE);
  g_signal_connect (picker->entry, "activate", G_CALLBACK (on_custom_activate), picker);
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect (add, "clicked", G_CALLBACK (on_custom_activate), picker);
  gtk_box_append (GTK_BOX (custom), picker->entry);
  gtk_box_append (GTK_BOX (custom), add);
  gtk_widget_set_margin_top (custom, 6);
  gtk_box_append (GTK_BOX (box), custom);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
create_picker (GtkMenuButton *menu_button,
               gpointer       user_data)
{
  Editor *editor = user_data;
  PgIndicator *parent = g_object_get_data (G_OBJECT (menu_button), record_key);

  gtk_menu_button_set_popover (menu_button, picker_new (editor, parent, NULL, PG_POSITION_END));
}

static void
create_rename_picker (GtkMenuButton *menu_button,
                      gpointer       user_data)
{
  Editor *editor = user_data;
  PgIndicator *node = g_object_get_data (G_OBJECT (menu_button), record_key);

  PgIndicator *parent = pg_indicator_get_parent (node);

  /* Ctrl+Enter borrows the button to add a row after this one. */
  if (g_object_steal_data (G_OBJECT (menu_button), "pg-picker-sibling") != NULL)
    gtk_menu_button_set_popover (menu_button, picker_new (editor, parent, NULL, index_of (editor, node) + 1));
  else
    gtk_menu_button_set_popover (menu_button, picker_new (editor, parent, node, PG_POSITION_END));
}

/* Enter or F2 on a level-1 or level-2 row: its category, in the popover of
 * its rename button. */
static void
rename_node (Editor      *editor,
             PgIndicator *node)
{
  Row *row = row_for (editor, node);
  GtkWidget *button = row ? row_cell (row, PART_RENAME) : NULL;

  if (button != NULL)
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
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

  if (node == NULL)
    return;
  if (g_str_equal (name, "move-up"))
    move_by (editor, node, -1);
  else if (g_str_equal (name, "move-down"))
    move_by (editor, node, 1);
  else if (g_str_equal (name, "delete"))
    delete_node (editor, node);
  else if (g_str_equal (name, "add-below"))
    add_sibling (editor, node);
  else if (g_str_equal (name, "indent"))
    indent (editor, node, FALSE);
  else if (g_str_equal (name, "outdent"))
    indent (editor, node, TRUE);
  else if (g_str_equal (name, "rename"))
    rename_node (editor, node);
  else if (g_str_equal (name, "toggle-expanded"))
    set_expanded (editor, node, is_collapsed (editor, node));
  else if (g_str_equal (name, "copy"))
    copy_node (editor, node);
  else if (g_str_equal (name, "cut"))
    cut_node (editor, node);
  else if (g_str_equal (name, "paste"))
    paste (editor, node);
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
  gtk_widget_set_margin_bottom (label, 4);
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

static void
menu_append (GMenu       *menu,
             const char  *label,
             const char  *action,
             PgIndicator *node,
             const char  *accel)
{
  g_autoptr(GMenuItem) item = menu_item (label, action, node, accel);

  g_menu_append_item (menu, item);
}

/* The "⋮" menu of a row: built when it first opens, as a row has many
 * and most never open. */
static void
create_row_menu (GtkMenuButton *button,
                 gpointer       user_data)
{
  PgIndicator *node = g_object_get_data (G_OBJECT (button), record_key);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edits = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) clipboard = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();

  if (pg_indicator_get_level (node) >= 3)
    menu_append (edits, _("_Add Indicator Below"), "indicator.add-below", node, "<Control>Return");
  else
    {
      menu_append (edits, _("_Add Category Below…"), "indicator.add-below", node, "<Control>Return");
      menu_append (edits, _("Change _Category…"), "indicator.rename", node, "F2");
    }
  menu_append (moves, _("Move _Up"), "indicator.move-up", node, "<Control>Up");
  menu_append (moves, _("Move _Down"), "indicator.move-down", node, "<Control>Down");
  if (pg_indicator_get_level (node) < 3)
    {
      menu_append (moves, _("_Indent"), "indicator.indent", node, "<Alt><Shift>Right");
      menu_append (moves, _("_Outdent"), "indicator.outdent", node, "<Alt><Shift>Left");
    }
  menu_append (clipboard, _("Cu_t"), "indicator.cut", node, "<Control>x");
  menu_append (clipboard, _("_Copy"), "indicator.copy", node, "<Control>c");
  menu_append (clipboard, _("_Paste"), "indicator.paste", node, "<Control>v");
  menu_append (removal, _("_Delete"), "indicator.delete", node, "Delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edits));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clipboard));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* A row's menu button, which is also its drag handle. */
static GtkWidget *
row_menu_new (PgIndicator *node)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_row_menu, NULL, NULL);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  pg_field_set_tooltip (button, _("Edit, Move or Delete (drag to move)"));
  pg_field_set_label (button, _("Row menu"));
  cell_mark (button, node, PART_MENU);
  add_drag_source (button);
  return button;
}

static void
update_node_label (PgIndicator *node,
                   GParamSpec  *pspec,
                   GtkLabel    *label)
{
  guint n = pg_indicator_get_n_indicators (node);
  /* Translators: how many level-3 indicators a level-1 or level-2 holds. */
  g_autofree char *count = g_strdup_printf (ngettext ("%u indicator", "%u indicators", n), n);
  const char *name = pg_indicator_get_display_name (node, ui_is_english ());
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", name, count);
  /* Translators: what a screen reader says of a level-1 or level-2 row:
   * its category, then how many indicators it holds. */
  g_autofree char *accessible = g_strdup_printf (C_("indicator row", "%s, %s"), name, count);

  gtk_label_set_markup (label, markup);
  pg_field_set_label (gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON), accessible);
}

static void
on_add_leaf_clicked (GtkButton *button,
                     Editor    *editor)
{
  PgIndicator *parent = g_object_get_data (G_OBJECT (button), record_key);

  add_leaf (editor, parent, PG_POSITION_END);
}

/* A level-1 or level-2 cell: the button with its name and count (which
 * collapses and expands it, and is its drag handle), buttons to add under
 * it and to change its category, and its menu. It spans the rows of its indicators, as on the form. */
static GtkWidget *
node_cell_new (Editor      *editor,
               Row         *row)
{
  PgIndicator *node = row->node;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *name = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new_from_icon_name ("pan-down-symbolic");
  GtkWidget *add, *rename;
  g_autofree char *add_label = NULL;
  g_autofree char *rename_label = NULL;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Room for a category's name ("Satisfaction", "产出指标") on one line. */
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (name), icon);
  gtk_box_append (GTK_BOX (name), label);
  row->expander = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (row->expander), name);
  gtk_widget_add_css_class (row->expander, "flat");
  g_signal_connect (row->expander, "clicked", G_CALLBACK (on_expander_clicked), editor);
  cell_mark (row->expander, node, PART_NODE);
  /* The window reveals a level-1 or level-2 node here after an undo. */
  pg_field_tag (row->expander, PG_RECORD (node), NULL);
  /* Its tooltip set before it is in the window (pg_field_set_tooltip). */
  update_expander (editor, row);
  add_drag_source (row->expander);

  update_node_label (node, NULL, GTK_LABEL (label));
  g_signal_connect_object (node, "notify::n-indicators", G_CALLBACK (update_node_label), label, 0);
  g_signal_connect_object (node, "notify::name", G_CALLBACK (update_node_label), label, 0);
  g_signal_connect_object (node, "notify::category", G_CALLBACK (update_node_label), label, 0);

  if (pg_indicator_get_level (node) == 1)
    {
      add = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "list-add-symbolic");
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (add), create_picker, editor, NULL);
      pg_field_set_tooltip (add, _("Add Level-2 Indicator"));
      /* Translators: %s is a level-1 category. */
      add_label = g_strdup_printf (_("Add a level-2 indicator under %s"),
                                   pg_indicator_get_display_name (node, ui_is_english ()));
    }
  else
    {
      add = gtk_button_new_from_icon_name ("list-add-symbolic");
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_leaf_clicked), editor);
      pg_field_set_tooltip (add, _("Add Indicator"));
      /* Translators: %s is a level-2 category. */
      add_label = g_strdup_printf (_("Add an indicator under %s"),
                                   pg_indicator_get_display_name (node, ui_is_english ()));
    }
  pg_field_set_label (add, add_label);
  gtk_widget_add_css_class (add, "flat");
  cell_mark (add, node, PART_ADD);

  rename = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (rename), "document-edit-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (rename), create_rename_picker, editor, NULL);
  pg_field_set_tooltip (rename, _("Change Category (F2)"));
  /* Translators: %s is a level-1 or level-2 category. */
  rename_label = g_strdup_printf (_("Change the category of %s"),
                                  pg_indicator_get_display_name (node, ui_is_english ()));
  pg_field_set_label (rename, rename_label);
  gtk_widget_add_css_class (rename, "flat");
  cell_mark (rename, node, PART_RENAME);

  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (GTK_BOX (buttons), rename);
  gtk_box_append (GTK_BOX (buttons), row_menu_new (node));
  gtk_box_append (GTK_BOX (box), row->expander);
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
      pg_field_set_tooltip (widget, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else if (gtk_widget_has_css_class (widget, "warning"))
    {
      gtk_widget_remove_css_class (widget, "warning");
      pg_field_set_tooltip (widget, NULL);
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
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "preedit-changed",
                    G_CALLBACK (on_preedit_changed), editor);
  gtk_widget_set_valign (entry, GTK_ALIGN_START);
  if (!g_str_equal (property, "name"))
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
      update_value_mark (GTK_EDITABLE (entry));
      g_signal_connect (entry, "changed", G_CALLBACK (update_value_mark), NULL);
    }
  return entry;
}

/* The basis: a button showing it, whose drop-down lists "not set" and the
 * four bases in their order. The list is built each time it opens (with
 * the current basis checked): a GtkDropDown per row would build its list
 * with the row, which made the rows several times dearer to create. */

static void
update_basis_button (PgIndicator   *leaf,
                     GParamSpec    *pspec,
                     GtkMenuButton *button)
{
  const PgBasis *basis = pg_basis_lookup (pg_indicator_get_basis (leaf));
  const char *name = basis ? pg_basis_name (basis, ui_language ()) : _("Not set");
  /* Translators: what a screen reader says of the basis cell; %s is the
   * basis, e.g. "Historical data" or "Not set". */
  g_autofree char *accessible = g_strdup_printf (_("Basis of the target: %s"), name);

  gtk_label_set_text (GTK_LABEL (gtk_menu_button_get_child (button)), name);
  pg_field_set_tooltip (GTK_WIDGET (button), name);
  pg_field_set_label (GTK_WIDGET (button), accessible);
}

static void
on_basis_chosen (GtkButton *choice,
                 Editor    *editor)
{
  GtkWidget *button = gtk_widget_get_ancestor (GTK_WIDGET (choice), GTK_TYPE_MENU_BUTTON);
  PgIndicator *leaf = g_object_get_data (G_OBJECT (button), record_key);
  const char *key = g_object_get_data (G_OBJECT (choice), "pg-basis-key");
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  if (!pg_document_set_string (editor->document, PG_RECORD (leaf), "basis", key, &error))
    pg_section_show_error (editor->box, error);
  pg_document_break_coalescing (editor->document);
}

static GtkWidget *
basis_choice (Editor     *editor,
              const char *key,
              const char *name,
              gboolean    current)
{
  GtkWidget *choice = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_opacity (check, current ? 1 : 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_button_set_child (GTK_BUTTON (choice), box);
  gtk_widget_add_css_class (choice, "flat");
  gtk_accessible_update_state (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_STATE_CHECKED,
                               current ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
  g_object_set_data (G_OBJECT (choice), "pg-basis-key", (gpointer) key);
  g_signal_connect (choice, "clicked", G_CALLBACK (on_basis_chosen), editor);
  return choice;
}

static void
create_basis_popup (GtkMenuButton *button,
                    gpointer       user_data)
{
  Editor *editor = user_data;
  PgIndicator *leaf = g_object_get_data (G_OBJECT (button), record_key);
  const char *current = pg_indicator_get_basis (leaf);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  guint n;
  const PgBasis *bases = pg_basis_list (&n);

  gtk_box_append (GTK_BOX (box), basis_choice (editor, "", _("Not set"), current == NULL));
  for (guint i = 0; i < n; i++)
    gtk_box_append (GTK_BOX (box), basis_choice (editor, bases[i].key, pg_basis_name (&bases[i], ui_language ()),
                                                 g_strcmp0 (current, bases[i].key) == 0));
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

static GtkWidget *
basis_new (Editor      *editor,
           PgIndicator *leaf)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  /* A narrow grid (a small window, the review panel open) may shorten the
   * basis, never push the row past the page's edge: room for the Chinese
   * names (历史数据) whole, the longer English ones end in "…" (the tooltip
   * has them whole). */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_basis_popup, editor, NULL);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  pg_field_tag (button, PG_RECORD (leaf), "basis");
  cell_mark (button, leaf, "basis");
  update_basis_button (leaf, NULL, GTK_MENU_BUTTON (button));
  g_signal_connect_object (leaf, "notify::basis", G_CALLBACK (update_basis_button), button, 0);
  return button;
}

static void
attach (Editor    *editor,
        Row       *row,
        GtkWidget *widget,
        int        column,
        int        line,
        int        width)
{
  gtk_grid_attach (GTK_GRID (editor->grid), pg_fold_new (widget), column, line, width, 1);
  g_ptr_array_add (row->widgets, widget);
  /* The grid has no row spacing: the lines folded under a collapsed node
   * would keep theirs. */
  gtk_widget_set_margin_bottom (widget, 4);
}

static void
attach_leaf (Editor     *editor,
             int         line,
             Row        *row,
             const char *year_minus_2,
             const char *year_minus_1)
{
  PgIndicator *leaf = row->node;
  /* Translators: the accessible name of a value cell; %s is a year. */
  g_autofree char *label_2 = g_strdup_printf (_("Value in %s"), year_minus_2);
  g_autofree char *label_1 = g_strdup_printf (_("Value in %s"), year_minus_1);
  GtkWidget *name = entry_new (editor, leaf, "name", _("Indicator name"), _("Level-3 indicator"));

  gtk_widget_set_hexpand (name, TRUE);
  /* The least it needs; it takes every pixel the other columns leave. */
  gtk_editable_set_width_chars (GTK_EDITABLE (name), 8);
  attach (editor, row, name, COL_NAME, line, 1);
  /* Examples of the form a value takes, as the form writes them. */
  attach (editor, row, entry_new (editor, leaf, "year-minus-2", "1100 人次", label_2), COL_YEAR_MINUS_2, line, 1);
  attach (editor, row, entry_new (editor, leaf, "year-minus-1", "1100 人次", label_1), COL_YEAR_MINUS_1, line, 1);
  attach (editor, row, entry_new (editor, leaf, "target", "≥95%", _("Expected this year")), COL_TARGET, line, 1);
  attach (editor, row, basis_new (editor, leaf), COL_BASIS, line, 1);
  attach (editor, row, row_menu_new (leaf), COL_MENU, line, 1);
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

/* The grid is built by walking the outline in its order (the node's cell
 * before its children, so that the order of the widgets, which Tab
 * follows, is the outline's), one node at a time: a goal's table built in
 * steps between frames never holds one for long. Each frame of the walk is
 * a list of nodes and the row whose children they are (NULL: the goal's
 * level-1 nodes). The list is read as the walk goes, so a node not reached
 * yet is attached as it is then. */
typedef struct {
  GListModel *list;
  guint       next;
  Row        *owner;
} BuildFrame;

/* How long a step of a build in steps attaches rows for: a level-3 row
 * costs ~4 ms here, a frame 16. */
#define STEP_BUDGET_US 4000

static Row *
new_row (Editor      *editor,
         PgIndicator *node)
{
  Row *row = g_new0 (Row, 1);

  row->node = g_object_ref (node);
  row->level = pg_indicator_get_level (node);
  row->index = editor->rows->len;
  row->widgets = g_ptr_array_new ();
  g_ptr_array_add (editor->rows, row);
  g_hash_table_insert (editor->row_of, node, row);
  return row;
}

/* All of a level-1 or level-2 node's subtree is attached. */
static void
finish_row (Editor *editor,
            Row    *row)
{
  if (editor->next_line == row->first_line)
    {
      /* An empty level-1 or level-2 still takes a line, which says so. */
      GtkWidget *empty = gtk_label_new (row->level == 1 ? _("No level-2 indicators yet") : _("No indicators yet"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_set_margin_top (empty, 8);
      attach (editor, row, empty, row->level == 1 ? COL_LEVEL2 : COL_NAME, editor->next_line,
              row->level == 1 ? N_COLUMNS - COL_LEVEL2 : N_COLUMNS - COL_NAME);
      pg_fold_set_folded (fold_of (empty), row_hidden (editor, row));
      editor->next_line++;
    }
  row->span = editor->next_line - row->first_line;
  row->end = editor->rows->len;
  set_cell_span (editor, row);
}

/* Attaches the next node of the outline. FALSE when there is none left. */
static gboolean
attach_next (Editor *editor)
{
  while (editor->walk->len > 0)
    {
      BuildFrame *frame = &g_array_index (editor->walk, BuildFrame, editor->walk->len - 1);
      g_autoptr(PgIndicator) node = NULL;
      Row *row;

      if (frame->next >= g_list_model_get_n_items (frame->list))
        {
          if (frame->owner != NULL)
            finish_row (editor, frame->owner);
          g_array_set_size (editor->walk, editor->walk->len - 1);
          continue;
        }
      node = g_list_model_get_item (frame->list, frame->next++);
      if (pg_indicator_get_level (node) == 1 && editor->rows->len > 0)
        gtk_grid_attach (GTK_GRID (editor->grid), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL),
                         0, editor->next_line++, N_COLUMNS, 1);
      row = new_row (editor, node);
      if (row->level >= 3)
        {
          attach_leaf (editor, editor->next_line++, row, editor->year_minus_2, editor->year_minus_1);
          row->span = 1;
          row->end = row->index + 1;
        }
      else
        {
          BuildFrame child = { pg_indicator_get_children (node), 0, row };

          row->cell = node_cell_new (editor, row);
          row->first_line = editor->next_line;
          /* Its children's lines, or an empty one, follow from here. */
          attach (editor, row, row->cell, row->level - 1, editor->next_line, 1);
          row->end = row->index + 1;
          watch_list (editor, child.list);
          g_array_append_val (editor->walk, child);
        }
      return TRUE;
    }
  return FALSE;
}

/* Attaches the outline's next nodes for about `budget` µs (all of them when
 * negative), at least one. */
static void
attach_rows (Editor *editor,
             gint64  budget)
{
  gint64 deadline = budget < 0 ? G_MAXINT64 : g_get_monotonic_time () + budget;
  guint first_row = editor->rows->len;

  while (attach_next (editor) && g_get_monotonic_time () < deadline)
    ;
  /* The nodes whose subtrees are attached in part span what is there. */
  for (guint i = 0; i < editor->walk->len; i++)
    {
      Row *owner = g_array_index (editor->walk, BuildFrame, i).owner;

      if (owner != NULL)
        {
          owner->span = editor->next_line - owner->first_line;
          owner->end = editor->rows->len;
          if (owner->index < first_row)
            set_cell_span (editor, owner);
        }
    }
  apply_collapsed (editor, first_row, editor->rows->len);
}

static void
clear_rows (Editor *editor)
{
  show_drop (editor, NULL, NULL);
  g_array_set_size (editor->walk, 0);
  g_hash_table_remove_all (editor->row_of);
  g_ptr_array_set_size (editor->rows, 0);
}

/* Building in steps: rows for a few milliseconds at an idle, then, while
 * the grid is on screen, the next step after the frame that shows them:
 * a goal's table coming near the view while the page scrolls adds a step
 * and its rows' layout to a frame at most. */

static gboolean attach_next_step (gpointer data);

/* Editors building in steps, for pg_indicator_editor_n_building(). */
static guint n_stepping;

static void
set_stepping (Editor   *editor,
              gboolean  stepping)
{
  if (editor->stepping == stepping)
    return;
  editor->stepping = stepping;
  if (stepping)
    n_stepping++;
  else
    n_stepping--;
}

/* Stops waiting for a frame; the next step (if any) comes at an idle. */
static void
stop_waiting_for_frame (Editor   *editor,
                        gboolean  step)
{
  if (editor->painted_id == 0)
    return;
  g_clear_signal_handler (&editor->painted_id, editor->clock);
  g_clear_object (&editor->clock);
  if (step)
    editor->step_id = g_idle_add_full (G_PRIORITY_LOW, attach_next_step, editor, NULL);
}

static void
on_step_painted (GdkFrameClock *clock,
                 Editor        *editor)
{
  stop_waiting_for_frame (editor, TRUE);
}

static void
queue_step (Editor *editor)
{
  GdkFrameClock *clock = gtk_widget_get_mapped (editor->grid) ? gtk_widget_get_frame_clock (editor->grid) : NULL;

  if (clock != NULL)
    {
      editor->clock = g_object_ref (clock);
      editor->painted_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_step_painted), editor);
      /* The step's rows ask for a frame already; this one cannot be missed. */
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
    }
  else
    editor->step_id = g_idle_add_full (G_PRIORITY_LOW, attach_next_step, editor, NULL);
}

static void
cancel_steps (Editor *editor)
{
  g_clear_handle_id (&editor->step_id, g_source_remove);
  stop_waiting_for_frame (editor, FALSE);
  set_stepping (editor, FALSE);
}

static gboolean
attach_next_step (gpointer data)
{
  Editor *editor = data;

  editor->step_id = 0;
  attach_rows (editor, STEP_BUDGET_US);
  if (editor->walk->len > 0)
    queue_step (editor);
  else
    set_stepping (editor, FALSE);
  return G_SOURCE_REMOVE;
}

/* Builds the grid anew: all of it, or (`in_steps`) the headings now and the
 * rows at the next idles. */
static void
build_grid (Editor   *editor,
            gboolean  in_steps)
{
  GListModel *level1 = pg_goal_get_indicators (editor->goal);
  guint n = g_list_model_get_n_items (level1);
  int budget_year = pg_declaration_get_budget_year (pg_document_get_declaration (editor->document));
  g_autofree char *year_minus_2 = NULL;
  g_autofree char *year_minus_1 = NULL;
  g_autoptr(PgIndicator) focused = NULL;
  const char *part = NULL;
  int cursor = -1;
  GtkWidget *child;
  const char *headings[N_COLUMNS] = {
    [COL_LEVEL1] = _("Level-1"),
    [COL_LEVEL2] = _("Level-2"),
    [COL_NAME] = _("Level-3 indicator"),
    [COL_TARGET] = _("Expected this year"),
    [COL_BASIS] = _("Basis"),
  };

  focused = focused_cell (editor, &part, &cursor, NULL);
  if (focused != NULL)
    g_object_ref (focused);
  /* The cell being edited is about to go; its text is the document's. */
  editor->editing = NULL;
  g_clear_pointer (&editor->original, g_free);

  unwatch_lists (editor);
  clear_rows (editor);
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
  g_free (editor->year_minus_2);
  g_free (editor->year_minus_1);
  editor->year_minus_2 = g_steal_pointer (&year_minus_2);
  editor->year_minus_1 = g_steal_pointer (&year_minus_1);
  editor->next_line = 1;
  cancel_steps (editor);
  {
    BuildFrame top = { level1, 0, NULL };

    g_array_append_val (editor->walk, top);
  }
  if (in_steps && n > 0)
    {
      editor->step_id = g_idle_add_full (G_PRIORITY_LOW, attach_next_step, editor, NULL);
      set_stepping (editor, TRUE);
    }
  else
    attach_rows (editor, -1);
  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No indicators yet. Add a level-1 indicator to start."));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_grid_attach (GTK_GRID (editor->grid), empty, 0, 1, N_COLUMNS, 1);
    }
  if (focused != NULL && !focus_cell (editor, focused, part, cursor))
    {
      /* In a collapsed node: its first shown ancestor. */
      for (PgIndicator *up = pg_indicator_get_parent (focused); up != NULL; up = pg_indicator_get_parent (up))
        if (focus_cell (editor, up, PART_NODE, -1))
          break;
    }
}

static void
rebuild (Editor *editor)
{
  build_grid (editor, FALSE);
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

/* Shows and focuses a record's cell: expands what hides it. */
static gboolean
focus_record (Editor      *editor,
              PgIndicator *record,
              const char  *property)
{
  const char *part = primary_part (record);

  if (row_for (editor, record) == NULL)
    return FALSE;
  if (property != NULL && pg_indicator_get_level (record) >= 3)
    for (guint i = 0; i < G_N_ELEMENTS (leaf_parts); i++)
      if (g_str_equal (leaf_parts[i], property))
        part = leaf_parts[i];
  reveal (editor, record);
  return focus_cell (editor, record, part, -1);
}

/* After an undo or redo about a cell hidden in a collapsed node: show it,
 * and focus it (the window, which tried first, could not). */
static void
on_history_step (PgDocument *document,
                 PgRecord   *record,
                 const char *property,
                 Editor     *editor)
{
  Row *row = PG_IS_INDICATOR (record) ? row_for (editor, PG_INDICATOR (record)) : NULL;

  if (row != NULL && row_hidden (editor, row))
    focus_record (editor, row->node, property);
}

/* The keyboard */

/* Left and Right along a row: a level-3 row's parts, then (leftwards) the
 * level-2 and level-1 cells it belongs to; on a level-1 or level-2 name,
 * collapse and expand first, as in any tree. */
static void
move_across (Editor      *editor,
             PgIndicator *node,
             const char  *part,
             int          direction)
{
  gboolean leaf = pg_indicator_get_level (node) >= 3;
  const char *const *parts = leaf ? leaf_parts : node_parts;
  guint n = leaf ? G_N_ELEMENTS (leaf_parts) : G_N_ELEMENTS (node_parts);
  guint k = 0;

  while (k < n && g_strcmp0 (parts[k], part) != 0)
    k++;
  if (!leaf && k == 0)
    {
      gboolean collapsed = is_collapsed (editor, node);
      GListModel *children = pg_indicator_get_children (node);

      if (direction < 0 && !collapsed)
        set_expanded (editor, node, FALSE);
      else if (direction < 0 && pg_indicator_get_parent (node) != NULL)
        focus_cell (editor, pg_indicator_get_parent (node), PART_NODE, -1);
      else if (direction > 0 && collapsed)
        set_expanded (editor, node, TRUE);
      else if (direction > 0 && g_list_model_get_n_items (children) > 0)
        {
          g_autoptr(PgIndicator) first = g_list_model_get_item (children, 0);
          focus_cell (editor, first, primary_part (first), -1);
        }
      else
        gtk_widget_error_bell (editor->box);
      return;
    }
  if (k == n || (direction < 0 && k == 0))
    {
      if (leaf)
        focus_cell (editor, pg_indicator_get_parent (node), PART_NODE, -1);
      return;
    }
  if (direction > 0 && k + 1 == n)
    {
      gtk_widget_error_bell (editor->box);
      return;
    }
  focus_cell (editor, node, parts[k + direction], -1);
}

/* Up and Down: the next row shown in the same column (a level-3 part, or
 * the level-1 or level-2 cells), across level-1 and level-2 groups. */
static void
move_along (Editor      *editor,
            PgIndicator *node,
            const char  *part,
            int          direction)
{
  Row *row = row_for (editor, node);

  if (row == NULL)
    return;
  for (guint i = row->index; direction < 0 ? i > 0 : i + 1 < editor->rows->len; )
    {
      Row *other;

      i = direction < 0 ? i - 1 : i + 1;
      other = g_ptr_array_index (editor->rows, i);
      if (other->level == row->level && !row_hidden (editor, other))
        {
          focus_cell (editor, other->node, part, -1);
          return;
        }
    }
  gtk_widget_error_bell (editor->box);
}

/* Tab and Shift+Tab: the row's next or previous part, then the first
 * (last) part of the next (previous) row shown, whatever its level; past
 * the last row, the button that adds a level-1. FALSE before the first
 * row, where the focus leaves the grid as usual. */
static gboolean
move_tab (Editor      *editor,
          PgIndicator *node,
          const char  *part,
          int          direction)
{
  Row *row = row_for (editor, node);
  gboolean leaf = pg_indicator_get_level (node) >= 3;
  const char *const *parts = leaf ? leaf_parts : node_parts;
  guint n = leaf ? G_N_ELEMENTS (leaf_parts) : G_N_ELEMENTS (node_parts);
  guint k = 0;

  if (row == NULL)
    return FALSE;
  while (k < n && g_strcmp0 (parts[k], part) != 0)
    k++;
  if (k < n && ((direction > 0 && k + 1 < n) || (direction < 0 && k > 0)))
    return focus_cell (editor, node, parts[k + direction], -1);
  for (guint i = row->index; direction < 0 ? i > 0 : i + 1 < editor->rows->len; )
    {
      Row *other;

      i = direction < 0 ? i - 1 : i + 1;
      other = g_ptr_array_index (editor->rows, i);
      if (row_hidden (editor, other))
        continue;
      if (direction > 0)
        return focus_cell (editor, other->node, primary_part (other->node), -1);
      return focus_cell (editor, other->node, PART_MENU, -1);
    }
  /* Past the last row: the button that adds a level-1, under the grid. */
  return direction > 0 && gtk_widget_grab_focus (editor->add_level1);
}

/* Whether Left or Right would leave the entry's text: at its start or end,
 * with nothing selected. */
static gboolean
at_text_end (GtkEditable *editable,
             int          direction)
{
  int start, end;

  if (gtk_editable_get_selection_bounds (editable, &start, &end))
    return FALSE;
  if (direction < 0)
    return gtk_editable_get_position (editable) == 0;
  return gtk_editable_get_position (editable) == (int) g_utf8_strlen (gtk_editable_get_text (editable), -1);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                Editor                *editor)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK);
  const char *part = NULL;
  GtkWidget *cell = NULL;
  PgIndicator *node = focused_cell (editor, &part, NULL, &cell);
  gboolean entry, editing, leaf;
  int direction;

  if (node == NULL)
    return FALSE;
  entry = GTK_IS_ENTRY (cell);
  editing = entry && editor->editing == cell;
  if (editing && editor->composing)
    return FALSE;
  leaf = pg_indicator_get_level (node) >= 3;

  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      direction = keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1;
      if (mods == GDK_CONTROL_MASK || mods == GDK_ALT_MASK)
        move_by (editor, node, direction);
      else if (mods == 0)
        move_along (editor, node, part, direction);
      else
        return FALSE;
      return TRUE;

    case GDK_KEY_Left: case GDK_KEY_KP_Left:
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      direction = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left ? -1 : 1;
      if (mods == (GDK_ALT_MASK | GDK_SHIFT_MASK))
        {
          indent (editor, node, direction < 0);
          return TRUE;
        }
      if (mods != 0 || (editing && !at_text_end (GTK_EDITABLE (cell), direction)))
        return FALSE;
      move_across (editor, node, part, direction);
      return TRUE;

    case GDK_KEY_plus: case GDK_KEY_KP_Add: case GDK_KEY_equal:
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      if (entry || leaf || (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
        break;
      set_expanded (editor, node, keyval != GDK_KEY_minus && keyval != GDK_KEY_KP_Subtract);
      return TRUE;

    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      if (mods == GDK_CONTROL_MASK)
        {
          add_sibling (editor, node);
          return TRUE;
        }
      if (mods != 0)
        break;
      if (editing)
        {
          end_editing (editor);
          gtk_editable_select_region (GTK_EDITABLE (cell), 0, -1);
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case GDK_KEY_F2:
      if (mods != 0)
        break;
      if (entry)
        {
          begin_editing (editor, cell);
          gtk_editable_set_position (GTK_EDITABLE (cell), -1);
          return TRUE;
        }
      if (g_strcmp0 (part, PART_NODE) == 0)
        {
          rename_node (editor, node);
          return TRUE;
        }
      break;

    case GDK_KEY_Tab: case GDK_KEY_KP_Tab: case GDK_KEY_ISO_Left_Tab:
      if ((mods & ~GDK_SHIFT_MASK) != 0)
        break;
      return move_tab (editor, node, part, (mods & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab ? -1 : 1);

    case GDK_KEY_Escape:
      if (!editing || mods != 0)
        break;
      cancel_editing (editor);
      return TRUE;

    case GDK_KEY_Delete: case GDK_KEY_KP_Delete:
      if (editing || mods != 0)
        break;
      delete_node (editor, node);
      return TRUE;

    case GDK_KEY_c: case GDK_KEY_C:
    case GDK_KEY_x: case GDK_KEY_X:
    case GDK_KEY_v: case GDK_KEY_V:
      if (editing || mods != GDK_CONTROL_MASK)
        break;
      if (keyval == GDK_KEY_c || keyval == GDK_KEY_C)
        copy_node (editor, node);
      else if (keyval == GDK_KEY_x || keyval == GDK_KEY_X)
        cut_node (editor, node);
      else
        paste (editor, node);
      return TRUE;

    default:
      break;
    }

  /* Typing in a selected cell edits it, starting from what is typed (the
   * cell's text is selected, so it is replaced); Home and End edit it from
   * its start or end. */
  if (entry && !editing && (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0
      && (g_unichar_isprint (gdk_keyval_to_unicode (keyval)) || keyval == GDK_KEY_BackSpace
          || keyval == GDK_KEY_Home || keyval == GDK_KEY_End))
    begin_editing (editor, cell);
  return FALSE;
}

/* The editor */

static void
on_realize (GtkWidget *box,
            Editor    *editor)
{
  editor->root = gtk_widget_get_root (box);
  g_signal_connect (editor->root, "notify::focus-widget", G_CALLBACK (on_focus_changed), editor);
}

static void
on_unrealize (GtkWidget *box,
              Editor    *editor)
{
  if (editor->root != NULL)
    g_signal_handlers_disconnect_by_data (editor->root, editor);
  editor->root = NULL;
  /* The window's frames end here; a build goes on at idles. */
  stop_waiting_for_frame (editor, TRUE);
}

static void
disconnect_all (Editor *editor)
{
  unwatch_lists (editor);
  on_unrealize (editor->box, editor);
  g_signal_handlers_disconnect_by_data (pg_document_get_declaration (editor->document), editor);
  g_signal_handlers_disconnect_by_data (editor->document, editor);
}

static void
on_destroy (GtkWidget *box,
            Editor    *editor)
{
  cancel_steps (editor);
  disconnect_all (editor);
  clear_rows (editor);
}

static void
editor_free (gpointer data)
{
  Editor *editor = data;

  disconnect_all (editor);
  g_ptr_array_unref (editor->lists);
  g_array_unref (editor->walk);
  g_ptr_array_unref (editor->rows);
  g_hash_table_unref (editor->row_of);
  g_hash_table_unref (editor->collapsed);
  cancel_steps (editor);
  g_free (editor->original);
  g_free (editor->year_minus_2);
  g_free (editor->year_minus_1);
  g_clear_object (&editor->goal);
  g_clear_object (&editor->document);
  g_free (editor);
}

/* Which nodes are collapsed: kept on the goal, so a new editor of it (the
 * goals list rebuilds its rows) shows it as it was. */
static GHashTable *
collapsed_set (PgGoal *goal)
{
  GHashTable *set = g_object_get_data (G_OBJECT (goal), collapsed_key);

  if (set == NULL)
    {
      set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (goal), collapsed_key, set, (GDestroyNotify) g_hash_table_unref);
    }
  return g_hash_table_ref (set);
}

static GtkWidget *
editor_new (PgDocument *document,
            PgGoal     *goal,
            gboolean    in_steps)
{
  static const GActionEntry actions[] = {
    { "move-up", on_action, "x", NULL, NULL, { 0 } },
    { "move-down", on_action, "x", NULL, NULL, { 0 } },
    { "delete", on_action, "x", NULL, NULL, { 0 } },
    { "add-below", on_action, "x", NULL, NULL, { 0 } },
    { "indent", on_action, "x", NULL, NULL, { 0 } },
    { "outdent", on_action, "x", NULL, NULL, { 0 } },
    { "rename", on_action, "x", NULL, NULL, { 0 } },
    { "toggle-expanded", on_action, "x", NULL, NULL, { 0 } },
    { "cut", on_action, "x", NULL, NULL, { 0 } },
    { "copy", on_action, "x", NULL, NULL, { 0 } },
    { "paste", on_action, "x", NULL, NULL, { 0 } },
  };
  Editor *editor;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkEventController *keys;
  GtkGesture *click;
  GtkDropTarget *drop;
  GtkWidget *content, *scrolled;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (PG_IS_GOAL (goal), NULL);

  pg_style_load ();
  editor = g_new0 (Editor, 1);
  editor->document = g_object_ref (document);
  editor->goal = g_object_ref (goal);
  editor->lists = g_ptr_array_new_with_free_func (g_object_unref);
  editor->walk = g_array_new (FALSE, FALSE, sizeof (BuildFrame));
  editor->rows = g_ptr_array_new_with_free_func (row_free);
  editor->row_of = g_hash_table_new (NULL, NULL);
  editor->collapsed = collapsed_set (goal);
  editor->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_object_set_data_full (G_OBJECT (editor->box), editor_key, editor, editor_free);
  g_signal_connect (editor->box, "destroy", G_CALLBACK (on_destroy), editor);
  g_signal_connect (editor->box, "realize", G_CALLBACK (on_realize), editor);
  g_signal_connect (editor->box, "unrealize", G_CALLBACK (on_unrealize), editor);

  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), editor);
  gtk_widget_insert_action_group (editor->box, "indicator", G_ACTION_GROUP (group));

  editor->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (editor->grid), 6);
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
  g_signal_connect (document, "history-step", G_CALLBACK (on_history_step), editor);

  /* Before the cells' own handling: arrows, Enter and Escape mean moving
   * and editing here, not what an entry or a button makes of them. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), editor);
  gtk_widget_add_controller (editor->box, keys);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_grid_pressed), editor);
  gtk_widget_add_controller (editor->grid, GTK_EVENT_CONTROLLER (click));

  drop = gtk_drop_target_new (PG_TYPE_INDICATOR, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), editor);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), editor);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), editor);
  gtk_widget_add_controller (editor->grid, GTK_EVENT_CONTROLLER (drop));

  build_grid (editor, in_steps);
  return editor->box;
}

GtkWidget *
pg_indicator_editor_new (PgDocument *document,
                         PgGoal     *goal)
{
  return editor_new (document, goal, FALSE);
}

GtkWidget *
pg_indicator_editor_new_in_steps (PgDocument *document,
                                  PgGoal     *goal)
{
  return editor_new (document, goal, TRUE);
}

/* For the window, the tests and the benchmark */

static Editor *
editor_get (GtkWidget *widget)
{
  return widget ? g_object_get_data (G_OBJECT (widget), editor_key) : NULL;
}

void
pg_indicator_editor_finish (GtkWidget *widget)
{
  Editor *editor = editor_get (widget);

  g_return_if_fail (editor != NULL);

  if (editor->walk->len == 0)
    return;
  cancel_steps (editor);
  attach_rows (editor, -1);
}

guint
pg_indicator_editor_n_building (void)
{
  return n_stepping;
}

gboolean
pg_indicator_editor_is_built (GtkWidget *widget)
{
  Editor *editor = editor_get (widget);

  g_return_val_if_fail (editor != NULL, FALSE);
  return editor->walk->len == 0;
}

GtkWidget *
pg_indicator_editor_find (GtkWidget *root,
                          PgGoal    *goal)
{
  Editor *editor = editor_get (root);

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  if (editor != NULL && editor->goal == goal)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pg_indicator_editor_find (child, goal);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
pg_indicator_editor_cell_is_shown (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), FALSE);

  for (GtkWidget *up = cell; up != NULL; up = gtk_widget_get_parent (up))
    if (PG_IS_FOLD (up))
      return !PG_FOLD (up)->folded && gtk_widget_get_visible (cell);
  return gtk_widget_get_visible (cell);
}

gboolean
pg_indicator_editor_focus_path (GtkWidget  *widget,
                                const char *path)
{
  Editor *editor = editor_get (widget);
  GListModel *list;
  PgIndicator *node = NULL;
  const char *p = path;
  const char *part;
  g_autofree char *property = NULL;

  g_return_val_if_fail (editor != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  list = pg_goal_get_indicators (editor->goal);
  for (const char *member = "indicators"; ; member = "children")
    {
      gsize length = strlen (member);
      char *end;
      guint64 index;

      if (strncmp (p, member, length) != 0 || p[length] != '[')
        break;
      index = g_ascii_strtoull (p + length + 1, &end, 10);
      if (end == p + length + 1 || *end != ']' || index >= g_list_model_get_n_items (list))
        return FALSE;
      node = g_list_model_get_item (list, (guint) index);
      g_object_unref (node);  /* the list keeps it */
      list = pg_indicator_get_children (node);
      p = end + 1;
      if (*p != '.')
        break;
      p++;
    }
  if (node == NULL)
    return FALSE;

  /* A field of the exchange format ("target", "year_minus_2"), if any. */
  property = g_strdelimit (g_strdup (p), "_", '-');
  if (pg_indicator_get_level (node) < 3 || *property == '\0')
    part = primary_part (node);
  else
    {
      part = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (leaf_parts); i++)
        if (g_str_equal (leaf_parts[i], property))
          part = leaf_parts[i];
      if (part == NULL)
        return FALSE;
    }
  reveal (editor, node);
  return focus_cell (editor, node, part, -1);
}

gboolean
pg_indicator_editor_focus_record (GtkWidget   *widget,
                                  PgIndicator *record,
                                  const char  *property)
{
  Editor *editor = editor_get (widget);

  g_return_val_if_fail (editor != NULL, FALSE);
  g_return_val_if_fail (PG_IS_INDICATOR (record), FALSE);
  return focus_record (editor, record, property);
}

gboolean
pg_indicator_editor_drop (GtkWidget   *widget,
                          PgIndicator *dragged,
                          PgIndicator *target,
                          gboolean     after)
{
  Editor *editor = editor_get (widget);

  g_return_val_if_fail (editor != NULL, FALSE);
  g_return_val_if_fail (PG_IS_INDICATOR (dragged) && PG_IS_INDICATOR (target), FALSE);
  return drop_node (editor, dragged, target, after);
}

gboolean
pg_indicator_editor_paste_text (GtkWidget   *widget,
                                PgIndicator *anchor,
                                const char  *json)
{
  Editor *editor = editor_get (widget);

  g_return_val_if_fail (editor != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  return paste_json (editor, anchor, json);
}
