/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The annual goals (年度目标 1, 2, 3 …): an ordered list bound to the
 * document's goals. Each goal has its statement and the editor of its
 * indicator tree (pg-indicator-editor.c). Goals are added, deleted and
 * moved with the buttons of their heading, and with Alt+Up and Alt+Down
 * from their statement.
 *
 * A goal's indicator editor is hundreds of widgets: the page builds those
 * of the first goals at once and the others as they come near the visible
 * part of the page (one a main-loop turn), in a placeholder of about their
 * height, so a declaration of 50 goals opens at once and scrolls. An undo
 * about an indicator of a goal not built yet builds it, then shows it.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-field.h"
#include "pg-indicator-editor.h"
#include "pg-sections.h"
#include "pg-style.h"

typedef struct {
  PgDocument *document;
  GtkWidget  *page;     /* not owned: the section lives on it */
  GtkWidget  *list;
  GtkWidget  *add;
  gboolean    bound;    /* the list's first rows are made */
  guint       n_made;   /* rows made before that */
  guint       build_id; /* building the editors near the view */
  GtkRoot    *root;     /* watched for the focus while the page is mapped */
  gulong      focus_id;
} Section;

typedef struct {
  Section   *section;   /* not owned: it outlives every row */
  PgGoal    *goal;
  GtkWidget *number;
  GtkWidget *title;
  GtkWidget *up;
  GtkWidget *down;
  GtkWidget *delete;
  GtkWidget *content;   /* the row's: its heading and its slot */
  GtkWidget *slot;      /* where the indicator editor goes */
  GtkWidget *editor;    /* NULL until built */
  gulong     number_id;
} Row;

static Row *
row_get (GtkWidget *widget)
{
  return widget ? g_object_get_data (G_OBJECT (widget), "pg-goal-row") : NULL;
}

/* The goal whose heading holds the focus (not its indicator tree). */
static Row *
heading_with_focus (Section *section)
{
  GtkRoot *root = gtk_widget_get_root (section->page);
  GtkWidget *widget = root ? gtk_root_get_focus (root) : NULL;

  for (; widget != NULL && widget != section->page; widget = gtk_widget_get_parent (widget))
    {
      Row *data = row_get (widget);
      if (data != NULL)
        return data;
    }
  return NULL;
}

/* A line between goals (pg-style.css says why not the rows' border). */
static void
separate_goals (GtkListBoxRow *row,
                GtkListBoxRow *before,
                gpointer       data)
{
  if (before == NULL)
    gtk_list_box_row_set_header (row, NULL);
  else if (gtk_list_box_row_get_header (row) == NULL)
    gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
}

static void
focus_title (Section *section,
             PgGoal  *goal)
{
  GtkWidget *title = pg_field_find (section->list, PG_RECORD (goal), "title");

  if (title == NULL)
    return;
  gtk_widget_grab_focus (title);
  gtk_editable_set_position (GTK_EDITABLE (title), -1);
  pg_section_scroll_into_view (title);
}

static void
refresh_buttons (Section *section)
{
  guint n = g_list_model_get_n_items (pg_document_get_goals (section->document));

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (section->list), (int) i);
      Row *data = row ? row_get (gtk_widget_get_first_child (gtk_list_box_row_get_child (row))) : NULL;

      if (data == NULL)
        continue;
      gtk_widget_set_sensitive (data->up, i > 0);
      gtk_widget_set_sensitive (data->down, i + 1 < n);
    }
}

static void queue_build (Section *section);

static void
on_goals_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Section    *section)
{
  refresh_buttons (section);
  /* Goals moved, came or went: which tables are near the view is known
   * once the page is laid out again, which is before the idle build. */
  queue_build (section);
}

/* Commands */

static void
move_by (Row *data,
         int  delta)
{
  Section *section = data->section;
  GListModel *goals = pg_document_get_goals (section->document);
  g_autoptr(PgGoal) goal = g_object_ref (data->goal);
  g_autoptr(GError) error = NULL;
  guint i;

  if (!pg_list_model_find (goals, goal, &i))
    return;
  if ((delta < 0 && i == 0) || (delta > 0 && i + 1 >= g_list_model_get_n_items (goals)))
    {
      gtk_widget_error_bell (section->page);
      return;
    }
  if (!pg_document_move (section->document, PG_RECORD (goal), NULL, delta < 0 ? i - 1 : i + 1, &error))
    {
      pg_section_show_error (section->page, error);
      return;
    }
  refresh_buttons (section);
  focus_title (section, goal);
}

static void
delete_goal (Row *data)
{
  Section *section = data->section;
  GListModel *goals = pg_document_get_goals (section->document);
  g_autoptr(PgGoal) goal = g_object_ref (data->goal);
  g_autoptr(PgGoal) neighbour = NULL;
  g_autoptr(GError) error = NULL;
  /* Translators: a toast; %u is the goal’s number. */
  g_autofree char *message = g_strdup_printf (_("Goal %u deleted"), pg_goal_get_number (goal));
  guint n = g_list_model_get_n_items (goals);
  guint i;

  if (pg_list_model_find (goals, goal, &i) && n > 1)
    neighbour = g_list_model_get_item (goals, i + 1 < n ? i + 1 : i - 1);
  if (!pg_document_remove (section->document, PG_RECORD (goal), &error))
    {
      pg_section_show_error (section->page, error);
      return;
    }
  pg_section_show_toast (section->page, message, TRUE);
  refresh_buttons (section);
  if (neighbour != NULL)
    focus_title (section, neighbour);
  else
    gtk_widget_grab_focus (section->add);
}

static void
on_add_clicked (GtkButton *button,
                Section   *section)
{
  g_autoptr(GError) error = NULL;
  PgGoal *goal = pg_document_add_goal (section->document, PG_POSITION_END, "", &error);

  if (goal == NULL)
    {
      pg_section_show_error (section->page, error);
      return;
    }
  refresh_buttons (section);
  focus_title (section, goal);
}

static void
on_up_clicked (GtkButton *button,
               Row       *data)
{
  move_by (data, -1);
}

static void
on_down_clicked (GtkButton *button,
                 Row       *data)
{
  move_by (data, 1);
}

static void
on_delete_clicked (GtkButton *button,
                   Row       *data)
{
  delete_goal (data);
}

static gboolean
on_move_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  Row *data = heading_with_focus (user_data);

  if (data == NULL)
    return FALSE;
  move_by (data, g_variant_get_int32 (args));
  return TRUE;
}

/* Indicator editors, built when needed */

/* Goals whose editors are built with their rows, as the page opens: those
 * on screen first. */
#define EAGER_GOALS 2

static void
build_editor (Row *data)
{
  if (data->editor != NULL)
    return;
  /* In steps: the table of a goal coming near the view as the page scrolls
   * is built between frames. */
  data->editor = pg_indicator_editor_new_in_steps (data->section->document, data->goal);
  gtk_widget_set_size_request (data->slot, -1, -1);
  gtk_box_append (GTK_BOX (data->slot), data->editor);
}

static Row *
row_at (Section *section,
        int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (section->list), index);

  return row ? row_get (gtk_widget_get_first_child (gtk_list_box_row_get_child (row))) : NULL;
}

/* Whether a goal's row is on screen or within a screen of it, reckoned in
 * the page's content from the scroll position, which is right even before
 * the next layout moves the content. */
static gboolean
near_view (Section *section,
           Row     *data)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (section->page));
  GtkWidget *content = GTK_IS_VIEWPORT (viewport) ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : NULL;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (section->page));
  double top = gtk_adjustment_get_value (adjustment);
  double height = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t bounds;

  if (content == NULL || !gtk_widget_compute_bounds (data->content, content, &bounds))
    return FALSE;
  return bounds.origin.y < top + 2 * height && bounds.origin.y + bounds.size.height > top - height;
}

static void update_drawn (Section *section);

/* Builds one editor not built yet that is near the view; TRUE while there
 * may be more. Then, the page laid out, draws those near the view. */
static gboolean
build_near_view (gpointer user_data)
{
  Section *section = user_data;
  Row *data;

  for (int i = 0; (data = row_at (section, i)) != NULL; i++)
    if (data->editor == NULL && near_view (section, data))
      {
        build_editor (data);
        return G_SOURCE_CONTINUE;
      }
  section->build_id = 0;
  update_drawn (section);
  return G_SOURCE_REMOVE;
}

static void
queue_build (Section *section)
{
  if (section->build_id == 0)
    section->build_id = g_idle_add_full (G_PRIORITY_LOW, build_near_view, section, NULL);
}

/* Only the goals near the view are drawn. GTK 4.8 snapshots and draws
 * every mapped widget of a page for every frame, on screen or not: once a
 * user had scrolled through 50 goals, each keystroke's frame drew all 50
 * indicator tables (160 ms instead of 10), and every frame drew the 50
 * goals' headings, 150 icons among them (a sixth of a frame's drawing).
 * A goal far from the view is unmapped, heading and table, still laid out
 * (the page keeps its length); the one holding the focus stays mapped
 * wherever it is. A field focused far away (an undo, a review finding)
 * scrolls the page to it, which maps its goal. */
static void
update_drawn (Section *section)
{
  GtkRoot *root = gtk_widget_get_root (section->page);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  Row *data;

  for (int i = 0; (data = row_at (section, i)) != NULL; i++)
    gtk_widget_set_child_visible (data->content,
                                  near_view (section, data)
                                  || (focus != NULL && gtk_widget_is_ancestor (focus, data->content)));
}

static void
on_view_changed (GtkAdjustment *adjustment,
                 Section       *section)
{
  update_drawn (section);
  queue_build (section);
}

/* The focus moved, maybe into a goal far from the view (an undo about its
 * statement): that goal is drawn. The page scrolls to it before the window
 * says where the focus is. */
static void
on_focus_moved (Section *section)
{
  update_drawn (section);
}

static void
on_page_map (GtkWidget *page,
             Section   *section)
{
  section->root = gtk_widget_get_root (page);
  section->focus_id = g_signal_connect_swapped (section->root, "notify::focus-widget",
                                                G_CALLBACK (on_focus_moved), section);
}

static void
on_page_unmap (GtkWidget *page,
               Section   *section)
{
  g_clear_signal_handler (&section->focus_id, section->root);
  section->root = NULL;
}

GtkWidget *
pg_section_goals_ensure_editor (GtkWidget *page,
                                PgGoal    *goal)
{
  Section *section = g_object_get_data (G_OBJECT (page), "pg-section-goals");
  Row *data;

  g_return_val_if_fail (section != NULL, NULL);
  for (int i = 0; (data = row_at (section, i)) != NULL; i++)
    if (data->goal == goal)
      {
        build_editor (data);
        pg_indicator_editor_finish (data->editor);
        return data->editor;
      }
  return NULL;
}

/* After an undo or redo about an indicator whose goal's editor was not
 * built (or not whole yet): the window found nothing to show, so the page
 * shows it. */
static void
on_history_step (PgDocument *document,
                 PgRecord   *record,
                 const char *property,
                 Section    *section)
{
  GtkWidget *editor;
  Row *data;
  PgGoal *goal;

  if (!PG_IS_INDICATOR (record))
    return;
  goal = pg_indicator_get_goal (PG_INDICATOR (record));
  for (int i = 0; (data = row_at (section, i)) != NULL; i++)
    if (data->goal == goal)
      break;
  if (data == NULL || (data->editor != NULL && pg_indicator_editor_is_built (data->editor)))
    return;
  editor = pg_section_goals_ensure_editor (section->page, goal);
  gtk_widget_activate_action (section->page, "win.show-page", "s", "goals");
  pg_indicator_editor_focus_record (editor, PG_INDICATOR (record), property);
}

/* About the height of a goal's editor, for the place it takes before it is
 * built: a line per indicator or empty category, with the heading and the
 * add button. */
static int
estimated_height (PgGoal *goal)
{
  GListModel *level1 = pg_goal_get_indicators (goal);
  guint n = g_list_model_get_n_items (level1);
  guint lines = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) node = g_list_model_get_item (level1, i);
      lines += MAX (pg_indicator_get_n_indicators (node), 1);
    }
  return 100 + 40 * (int) MAX (lines, 1);
}

/* Rows */

static void
update_number (Row *data)
{
  guint number = pg_goal_get_number (data->goal);
  /* Translators: accessible name of a goal; %u is its number. */
  g_autofree char *text = g_strdup_printf (_("Goal %u"), number);
  /* Translators: accessible name; %u is the goal’s number. */
  g_autofree char *title = g_strdup_printf (_("Goal %u statement"), number);
  /* Translators: accessible name of a button; %u is the goal’s number. */
  g_autofree char *up = g_strdup_printf (_("Move goal %u up"), number);
  /* Translators: accessible name of a button; %u is the goal’s number. */
  g_autofree char *down = g_strdup_printf (_("Move goal %u down"), number);
  /* Translators: accessible name of a button; %u is the goal’s number. */
  g_autofree char *delete = g_strdup_printf (_("Delete goal %u"), number);

  gtk_label_set_text (GTK_LABEL (data->number), text);
  pg_field_set_label (data->title, title);
  pg_field_set_label (data->up, up);
  pg_field_set_label (data->down, down);
  pg_field_set_label (data->delete, delete);
}

static void
on_number_changed (PgGoal     *goal,
                   GParamSpec *pspec,
                   Row        *data)
{
  update_number (data);
}

static void
row_free (gpointer user_data)
{
  Row *data = user_data;

  g_clear_signal_handler (&data->number_id, data->goal);
  g_clear_object (&data->goal);
  g_free (data);
}

static void
on_row_destroy (GtkWidget *widget,
                Row       *data)
{
  g_clear_signal_handler (&data->number_id, data->goal);
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             GCallback   callback,
             Row        *data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  pg_field_set_tooltip (button, tooltip);
  g_signal_connect (button, "clicked", callback, data);
  return button;
}

static GtkWidget *
create_goal (gpointer item,
             gpointer user_data)
{
  Section *section = user_data;
  Row *data = g_new0 (Row, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  data->section = section;
  data->goal = g_object_ref (item);
  data->content = box;
  g_object_set_data_full (G_OBJECT (heading), "pg-goal-row", data, row_free);
  g_signal_connect (heading, "destroy", G_CALLBACK (on_row_destroy), data);

  data->number = gtk_label_new (NULL);
  gtk_widget_add_css_class (data->number, "heading");
  data->title = gtk_entry_new ();
  gtk_widget_set_hexpand (data->title, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (data->title), _("Goal statement"));
  pg_field_bind_text (GTK_EDITABLE (data->title), section->document, PG_RECORD (item), "title");
  data->up = icon_button ("go-up-symbolic", _("Move Goal Up (Alt+Up)"), G_CALLBACK (on_up_clicked), data);
  data->down = icon_button ("go-down-symbolic", _("Move Goal Down (Alt+Down)"), G_CALLBACK (on_down_clicked), data);
  data->delete = icon_button ("user-trash-symbolic", _("Delete Goal"), G_CALLBACK (on_delete_clicked), data);
  gtk_box_append (GTK_BOX (heading), data->number);
  gtk_box_append (GTK_BOX (heading), data->title);
  gtk_box_append (GTK_BOX (heading), data->up);
  gtk_box_append (GTK_BOX (heading), data->down);
  gtk_box_append (GTK_BOX (heading), data->delete);
  data->number_id = g_signal_connect (item, "notify::number", G_CALLBACK (on_number_changed), data);
  update_number (data);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), heading);
  data->slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), data->slot);
  /* A goal added, moved or restored later is on its own: built at once. */
  if (section->bound || section->n_made++ < EAGER_GOALS)
    build_editor (data);
  else
    {
      gtk_widget_set_size_request (data->slot, -1, estimated_height (item));
      queue_build (section);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
section_free (gpointer user_data)
{
  Section *section = user_data;

  g_signal_handlers_disconnect_by_data (pg_document_get_goals (section->document), section);
  g_signal_handlers_disconnect_by_data (section->document, section);
  g_clear_handle_id (&section->build_id, g_source_remove);
  g_clear_object (&section->document);
  g_free (section);
}

static void
add_shortcut (GtkEventController *controller,
              guint               keyval,
              int                 delta,
              Section            *section)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, GDK_ALT_MASK),
                                            gtk_callback_action_new (on_move_key, section, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (delta));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

GtkWidget *
pg_section_goals_new (PgDocument *document)
{
  Section *section;
  GtkWidget *box, *page, *note, *placeholder, *content;
  GtkEventController *shortcuts;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  section = g_new0 (Section, 1);
  page = pg_section_page_new (&box);
  section->document = g_object_ref (document);
  section->page = page;
  g_object_set_data_full (G_OBJECT (page), "pg-section-goals", section, section_free);

  note = gtk_label_new (_("Each annual goal with its three levels of indicators, as the printed form shows them. "
                          "The arrows move between cells; Enter or F2 edits a cell and Escape cancels the edit; "
                          "Ctrl+Enter adds an indicator below; Ctrl+Up and Ctrl+Down move a row; "
                          "Ctrl+? lists every key."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), note);
  /* The indicator table is as wide as the printed form: give it room. */
  adw_clamp_set_maximum_size (ADW_CLAMP (gtk_widget_get_parent (box)), 1400);

  pg_style_load ();
  section->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (section->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (section->list, "boxed-list");
  gtk_widget_add_css_class (section->list, "pg-goals");
  gtk_list_box_set_header_func (GTK_LIST_BOX (section->list), separate_goals, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (section->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Goals"), -1);
  placeholder = gtk_label_new (_("No goals yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (section->list), placeholder);
  gtk_list_box_bind_model (GTK_LIST_BOX (section->list), pg_document_get_goals (document), create_goal, section, NULL);
  section->bound = TRUE;
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page)), "value-changed",
                    G_CALLBACK (on_view_changed), section);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page)), "changed",
                    G_CALLBACK (on_view_changed), section);
  g_signal_connect (document, "history-step", G_CALLBACK (on_history_step), section);
  g_signal_connect (page, "map", G_CALLBACK (on_page_map), section);
  g_signal_connect (page, "unmap", G_CALLBACK (on_page_unmap), section);
  gtk_box_append (GTK_BOX (box), section->list);
  g_signal_connect (pg_document_get_goals (document), "items-changed", G_CALLBACK (on_goals_changed), section);
  refresh_buttons (section);

  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add _Goal"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  section->add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (section->add), content);
  gtk_widget_add_css_class (section->add, "pill");
  gtk_widget_set_halign (section->add, GTK_ALIGN_CENTER);
  g_signal_connect (section->add, "clicked", G_CALLBACK (on_add_clicked), section);
  gtk_box_append (GTK_BOX (box), section->add);

  shortcuts = gtk_shortcut_controller_new ();
  add_shortcut (shortcuts, GDK_KEY_Up, -1, section);
  add_shortcut (shortcuts, GDK_KEY_KP_Up, -1, section);
  add_shortcut (shortcuts, GDK_KEY_Down, 1, section);
  add_shortcut (shortcuts, GDK_KEY_KP_Down, 1, section);
  gtk_widget_add_controller (page, shortcuts);
  return page;
}
