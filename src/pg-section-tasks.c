/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Work tasks (年度工作任务): ordered groups of ordered tasks. Both lists are
 * bound to the document's list models, so whatever changes the document
 * (undo, redo, import) shows by itself; the numbers are the records'
 * computed "number" properties. Reordering, adding and deleting are
 * commands, from buttons, the keyboard (Alt+Up, Alt+Down, and Delete on a
 * focused row) and drag and drop on each row's handle.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-field.h"
#include "pg-sections.h"

/* The parts of a row that can hold the focus, so a moved row (which the
 * list rebuilds) gets it back in the same place. */
typedef enum {
  PART_ROW,
  PART_TITLE,
  PART_TEXT,   /* tasks only */
  PART_ADD,    /* groups only */
  PART_UP,
  PART_DOWN,
  PART_DELETE,
  N_PARTS
} Part;

typedef struct {
  PgDocument *document;
  GtkWidget  *page;        /* not owned: the section lives on it */
  GtkWidget  *groups;      /* the GtkListBox of groups */
  guint       refresh_id;  /* idle that updates the move buttons */
} Section;

typedef struct {
  Section   *section;      /* not owned: it outlives every row */
  PgRecord  *record;       /* a PgTaskGroup or a PgTask */
  GtkWidget *parts[N_PARTS];
  GtkWidget *number;
  GtkWidget *handle;
  GtkWidget *heading;      /* groups: what a drag shows */
  GtkWidget *tasks;        /* groups: the GtkListBox of tasks */
  GListModel *task_model;  /* groups: watched for the move buttons */
  gulong     number_id;
  gulong     items_id;
  double     drag_x;
  double     drag_y;
} Row;

static GtkWidget *create_task_row  (gpointer item,
                                    gpointer user_data);
static GtkWidget *create_group_row (gpointer item,
                                    gpointer user_data);

/* Numbers */

/* 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五; digits from 10 000 on. */
static char *
chinese_numeral (guint n)
{
  static const char *const digits[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
  static const char *const units[] = { "千", "百", "十", "" };
  static const guint places[] = { 1000, 100, 10, 1 };
  GString *s;
  gboolean started = FALSE, zero = FALSE;

  if (n == 0 || n > 9999)
    return g_strdup_printf ("%u", n);

  s = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      guint digit = n / places[i] % 10;

      if (digit == 0)
        {
          zero = started;
          continue;
        }
      if (zero)
        g_string_append (s, digits[0]);
      zero = FALSE;
      /* 十一, not 一十一, at the start */
      if (!(places[i] == 10 && digit == 1 && !started))
        g_string_append (s, digits[digit]);
      g_string_append (s, units[i]);
      started = TRUE;
    }
  return g_string_free (s, FALSE);
}

/* The group's number as the form prints it in the language of the UI. */
static char *
group_number_text (guint number)
{
  /* Translators: how task groups are numbered. Translate this as "chinese"
   * for （一）（二）（三）…; anything else numbers them 1, 2, 3 … */
  if (g_str_equal (C_("task group numbering", "arabic"), "chinese"))
    {
      g_autofree char *numeral = chinese_numeral (number);
      return g_strdup_printf ("（%s）", numeral);
    }
  return g_strdup_printf ("%u", number);
}

/* Helpers */

static Row *
row_for_record (Section  *section,
                PgRecord *record)
{
  return pg_section_row_get_data (pg_field_find (section->groups, record, NULL));
}

/* Focuses `part` of the record's row (the row itself when that part cannot
 * take the focus) and scrolls the row into view. */
static void
focus_part (Section  *section,
            PgRecord *record,
            Part      part)
{
  Row *data = row_for_record (section, record);
  GtkWidget *widget;

  if (data == NULL)
    return;
  widget = data->parts[part];
  if (widget == NULL || !gtk_widget_is_sensitive (widget))
    widget = data->parts[PART_ROW];
  gtk_widget_grab_focus (widget);
  pg_section_scroll_into_view (data->parts[PART_ROW]);
}

/* Move buttons */

static void
set_move_sensitivity (Row      *data,
                      gboolean  up,
                      gboolean  down)
{
  gtk_widget_set_sensitive (data->parts[PART_UP], up);
  gtk_widget_set_sensitive (data->parts[PART_DOWN], down);
}

/* A task moves across into the neighbouring group at either end of its own,
 * so only the very first and last task cannot move further. */
static void
refresh_buttons_now (Section *section)
{
  GListModel *groups = pg_document_get_task_groups (section->document);
  guint n_groups = g_list_model_get_n_items (groups);

  g_clear_handle_id (&section->refresh_id, g_source_remove);
  for (guint g = 0; g < n_groups; g++)
    {
      Row *group = pg_section_row_get_data (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (section->groups), g)));
      guint n_tasks;

      if (group == NULL)
        continue;
      set_move_sensitivity (group, g > 0, g + 1 < n_groups);
      n_tasks = g_list_model_get_n_items (group->task_model);
      for (guint k = 0; k < n_tasks; k++)
        {
          Row *task = pg_section_row_get_data (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (group->tasks), k)));

          if (task != NULL)
            set_move_sensitivity (task, g > 0 || k > 0, g + 1 < n_groups || k + 1 < n_tasks);
        }
    }
}

static gboolean
refresh_buttons_idle (gpointer user_data)
{
  Section *section = user_data;

  section->refresh_id = 0;
  refresh_buttons_now (section);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (Section *section)
{
  if (section->refresh_id == 0)
    section->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_buttons_idle, section, NULL);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Section    *section)
{
  schedule_refresh (section);
}

/* Commands */

/* Moves a record and gives the focus back where it was in its row, which
 * the list has rebuilt. */
static void
move_record (Section  *section,
             PgRecord *record,
             gpointer  parent,
             guint     position)
{
  g_autoptr(PgRecord) hold = g_object_ref (record);
  g_autoptr(GError) error = NULL;
  Row *data = row_for_record (section, record);
  PgFocusSpot spot = { -1, -1 };

  if (data != NULL)
    spot = pg_section_find_focus (pg_section_get_focus (section->page), data->parts, N_PARTS);

  if (!pg_document_move (section->document, record, parent, position, &error))
    {
      pg_section_show_error (section->page, error);
      return;
    }
  refresh_buttons_now (section);

  if (spot.part < 0)
    return;
  focus_part (section, record, spot.part);
  data = row_for_record (section, record);
  if (data != NULL)
    pg_section_set_cursor (data->parts[spot.part], spot.cursor);
}

/* One place up (delta < 0) or down; at either end of its group, a task
 * goes to the far end of the neighbouring group. */
static void
move_task_by (Section *section,
              PgTask  *task,
              int      delta)
{
  GListModel *groups = pg_document_get_task_groups (section->document);
  PgTaskGroup *group = pg_task_get_group (task);
  GListModel *tasks = pg_task_group_get_tasks (group);
  guint n_groups = g_list_model_get_n_items (groups);
  guint n_tasks = g_list_model_get_n_items (tasks);
  g_autoptr(PgTaskGroup) target = NULL;
  guint g, k, position;

  if (!pg_list_model_find (groups, group, &g) || !pg_list_model_find (tasks, task, &k))
    return;

  if (delta < 0 && k > 0)
    {
      target = g_object_ref (group);
      position = k - 1;
    }
  else if (delta > 0 && k + 1 < n_tasks)
    {
      target = g_object_ref (group);
      position = k + 1;
    }
  else if (delta < 0 && g > 0)
    {
      target = g_list_model_get_item (groups, g - 1);
      position = g_list_model_get_n_items (pg_task_group_get_tasks (target));
    }
  else if (delta > 0 && g + 1 < n_groups)
    {
      target = g_list_model_get_item (groups, g + 1);
      position = 0;
    }
  else
    {
      gtk_widget_error_bell (section->page);
      return;
    }
  move_record (section, PG_RECORD (task), target, position);
}

static void
move_group_by (Section     *section,
               PgTaskGroup *group,
               int          delta)
{
  GListModel *groups = pg_document_get_task_groups (section->document);
  guint g;

  if (!pg_list_model_find (groups, group, &g))
    return;
  if ((delta < 0 && g == 0) || (delta > 0 && g + 1 >= g_list_model_get_n_items (groups)))
    {
      gtk_widget_error_bell (section->page);
      return;
    }
  move_record (section, PG_RECORD (group), NULL, delta < 0 ? g - 1 : g + 1);
}

static void
move_by (Row *data,
         int  delta)
{
  if (PG_IS_TASK (data->record))
    move_task_by (data->section, PG_TASK (data->record), delta);
  else
    move_group_by (data->section, PG_TASK_GROUP (data->record), delta);
}

/* Where the focus goes when a row is deleted: the next row, else the one
 * before, else (for a task) its group. Transfer full. */
static PgRecord *
neighbour_of (Section  *section,
              PgRecord *record)
{
  GListModel *model;
  guint n, i;

  if (PG_IS_TASK (record))
    model = pg_task_group_get_tasks (pg_task_get_group (PG_TASK (record)));
  else
    model = pg_document_get_task_groups (section->document);
  n = g_list_model_get_n_items (model);
  if (pg_list_model_find (model, record, &i) && n > 1)
    return g_list_model_get_item (model, i + 1 < n ? i + 1 : i - 1);
  if (PG_IS_TASK (record))
    return g_object_ref (PG_RECORD (pg_task_get_group (PG_TASK (record))));
  return NULL;
}

static void
delete_record (Section  *section,
               PgRecord *record)
{
  g_autoptr(PgRecord) hold = g_object_ref (record);
  g_autoptr(PgRecord) neighbour = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (PG_IS_TASK (record))
    /* Translators: a toast; %u is the task’s number. */
    message = g_strdup_printf (_("Task %u deleted"), pg_task_get_number (PG_TASK (record)));
  else
    {
      PgTaskGroup *group = PG_TASK_GROUP (record);
      guint n_tasks = g_list_model_get_n_items (pg_task_group_get_tasks (group));
      g_autofree char *number = group_number_text (pg_task_group_get_number (group));

      if (n_tasks == 0)
        /* Translators: a toast; %s is the group’s number, such as 一 or 1. */
        message = g_strdup_printf (_("Task group %s deleted"), number);
      else
        /* Translators: a toast; %s is the group’s number, %u how many tasks it had. */
        message = g_strdup_printf (ngettext ("Task group %s and its %u task deleted",
                                             "Task group %s and its %u tasks deleted",
                                             n_tasks),
                                   number, n_tasks);
    }
  neighbour = neighbour_of (section, record);

  if (!pg_document_remove (section->document, record, &error))
    {
      pg_section_show_error (section->page, error);
      return;
    }
  pg_section_show_toast (section->page, message, TRUE);
  refresh_buttons_now (section);
  if (neighbour != NULL)
    focus_part (section, neighbour, PART_ROW);
}

static void
add_task (Section     *section,
          PgTaskGroup *group)
{
  g_autoptr(GError) error = NULL;
  PgTask *task = pg_document_add_task (section->document, group, PG_POSITION_END, "", "", &error);

  if (task == NULL)
    {
      pg_section_show_error (section->page, error);
      return;
    }
  refresh_buttons_now (section);
  focus_part (section, PG_RECORD (task), PART_TITLE);
}

static void
add_group (Section *section)
{
  g_autoptr(GError) error = NULL;
  PgTaskGroup *group = pg_document_add_task_group (section->document, PG_POSITION_END, "", &error);

  if (group == NULL)
    {
      pg_section_show_error (section->page, error);
      return;
    }
  refresh_buttons_now (section);
  focus_part (section, PG_RECORD (group), PART_TITLE);
}

/* Buttons */

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
  delete_record (data->section, data->record);
}

static void
on_add_task_clicked (GtkButton *button,
                     Row       *data)
{
  add_task (data->section, PG_TASK_GROUP (data->record));
}

static void
on_add_group_clicked (GtkButton *button,
                      Section   *section)
{
  add_group (section);
}

/* Keyboard: Alt+Up and Alt+Down anywhere in a row (no text field uses
 * them); Delete only on the row itself, so it still deletes text in a
 * field. */

static gboolean
on_move_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  Section *section = user_data;
  Row *data = pg_section_row_containing (section->page, pg_section_get_focus (section->page));

  if (data == NULL)
    return FALSE;
  move_by (data, g_variant_get_int32 (args));
  return TRUE;
}

static gboolean
on_delete_key (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  Section *section = user_data;
  Row *data = pg_section_row_get_data (pg_section_get_focus (section->page));

  if (data == NULL || data->section != section)
    return FALSE;
  delete_record (section, data->record);
  return TRUE;
}

/* Drag and drop: a row's handle drags its record; a task dropped on a task
 * goes before or after it (by the half it lands on), on a group's heading
 * first in that group, elsewhere on a group last; a group dropped on a
 * group goes before or after it. */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 Row           *data)
{
  data->drag_x = x;
  data->drag_y = y;
  return gdk_content_provider_new_typed (G_OBJECT_TYPE (data->record), data->record);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               Row           *data)
{
  pg_section_set_drag_icon (source, data->heading ? data->heading : data->parts[PART_ROW],
                            data->handle, data->drag_x, data->drag_y);
}

/* Puts a task at the gap before index `gap` of the group's list (counted
 * before the move). */
static void
drop_task (Section     *section,
           PgTask      *task,
           PgTaskGroup *group,
           guint        gap)
{
  guint from, position = gap;

  if (pg_task_get_group (task) == group
      && pg_list_model_find (pg_task_group_get_tasks (group), task, &from)
      && !pg_section_gap_to_position (from, gap, &position))
    return;
  move_record (section, PG_RECORD (task), group, position);
}

static void
drop_group (Section     *section,
            PgTaskGroup *group,
            guint        gap)
{
  guint from, position;

  if (pg_list_model_find (pg_document_get_task_groups (section->document), group, &from)
      && pg_section_gap_to_position (from, gap, &position))
    move_record (section, PG_RECORD (group), NULL, position);
}

static gboolean
on_task_drop (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              Row           *data)
{
  PgTask *onto = PG_TASK (data->record);
  PgTaskGroup *group = pg_task_get_group (onto);
  gboolean after = pg_section_drop_is_after (data->parts[PART_ROW], y);
  PgTask *task;
  guint index;

  if (!G_VALUE_HOLDS (value, PG_TYPE_TASK))
    return FALSE;
  task = g_value_get_object (value);
  if (task == onto)
    return FALSE;
  if (!pg_list_model_find (pg_task_group_get_tasks (group), onto, &index))
    return FALSE;
  drop_task (data->section, task, group, after ? index + 1 : index);
  return TRUE;
}

static gboolean
on_group_drop (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               Row           *data)
{
  PgTaskGroup *onto = PG_TASK_GROUP (data->record);

  if (G_VALUE_HOLDS (value, PG_TYPE_TASK))
    {
      double list_y = 0;
      gboolean on_heading;

      gtk_widget_translate_coordinates (data->parts[PART_ROW], data->tasks, x, y, NULL, &list_y);
      on_heading = list_y < 0;
      drop_task (data->section, g_value_get_object (value), onto,
                 on_heading ? 0 : g_list_model_get_n_items (data->task_model));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, PG_TYPE_TASK_GROUP))
    {
      PgTaskGroup *group = g_value_get_object (value);
      gboolean after = pg_section_drop_is_after (data->parts[PART_ROW], y);
      guint index;

      if (group == onto
          || !pg_list_model_find (pg_document_get_task_groups (data->section->document), onto, &index))
        return FALSE;
      drop_group (data->section, group, after ? index + 1 : index);
      return TRUE;
    }
  return FALSE;
}

/* Rows */

static void
row_free (gpointer user_data)
{
  Row *data = user_data;

  if (data->task_model != NULL)
    g_clear_signal_handler (&data->items_id, data->task_model);
  g_clear_signal_handler (&data->number_id, data->record);
  g_clear_object (&data->task_model);
  g_clear_object (&data->record);
  g_free (data);
}

/* The row's labels reach into its children, which go away at dispose. */
static void
on_row_destroy (GtkWidget *row,
                Row       *data)
{
  if (data->task_model != NULL)
    g_clear_signal_handler (&data->items_id, data->task_model);
  g_clear_signal_handler (&data->number_id, data->record);
}

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  if (widget != NULL)
    pg_field_set_label (widget, label);
}

static void
update_task_number (Row *data)
{
  guint number = pg_task_get_number (PG_TASK (data->record));
  g_autofree char *text = g_strdup_printf ("%u", number);
  /* Translators: accessible name of a task; %u is its number. */
  g_autofree char *row = g_strdup_printf (_("Task %u"), number);
  /* Translators: accessible name; %u is the task’s number. */
  g_autofree char *title = g_strdup_printf (_("Task %u title"), number);
  /* Translators: accessible name; %u is the task’s number. */
  g_autofree char *body = g_strdup_printf (_("Task %u text"), number);
  /* Translators: accessible name of a button; %u is the task’s number. */
  g_autofree char *up = g_strdup_printf (_("Move task %u up"), number);
  /* Translators: accessible name of a button; %u is the task’s number. */
  g_autofree char *down = g_strdup_printf (_("Move task %u down"), number);
  /* Translators: accessible name of a button; %u is the task’s number. */
  g_autofree char *delete = g_strdup_printf (_("Delete task %u"), number);

  gtk_label_set_text (GTK_LABEL (data->number), text);
  set_label (data->parts[PART_ROW], row);
  set_label (data->parts[PART_TITLE], title);
  set_label (data->parts[PART_TEXT], body);
  set_label (data->parts[PART_UP], up);
  set_label (data->parts[PART_DOWN], down);
  set_label (data->parts[PART_DELETE], delete);
}

static void
update_group_number (Row *data)
{
  g_autofree char *text = group_number_text (pg_task_group_get_number (PG_TASK_GROUP (data->record)));
  /* Translators: accessible name of a task group; %s is its number, such as 一 or 1. */
  g_autofree char *row = g_strdup_printf (_("Task group %s"), text);
  /* Translators: accessible name; %s is the group’s number. */
  g_autofree char *title = g_strdup_printf (_("Task group %s title"), text);
  /* Translators: accessible name of a button; %s is the group’s number. */
  g_autofree char *add = g_strdup_printf (_("Add a task to group %s"), text);
  /* Translators: accessible name of a button; %s is the group’s number. */
  g_autofree char *up = g_strdup_printf (_("Move group %s up"), text);
  /* Translators: accessible name of a button; %s is the group’s number. */
  g_autofree char *down = g_strdup_printf (_("Move group %s down"), text);
  /* Translators: accessible name of a button; %s is the group’s number. */
  g_autofree char *delete = g_strdup_printf (_("Delete group %s"), text);

  gtk_label_set_text (GTK_LABEL (data->number), text);
  set_label (data->parts[PART_ROW], row);
  set_label (data->parts[PART_TITLE], title);
  set_label (data->parts[PART_ADD], add);
  set_label (data->parts[PART_UP], up);
  set_label (data->parts[PART_DOWN], down);
  set_label (data->parts[PART_DELETE], delete);
}

static void
on_number_changed (PgRecord   *record,
                   GParamSpec *pspec,
                   Row        *data)
{
  if (PG_IS_TASK (record))
    update_task_number (data);
  else
    update_group_number (data);
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

/* The row, its handle (a drag source) and number label, common to tasks
 * and groups. */
static Row *
row_new (Section  *section,
         PgRecord *record)
{
  Row *data = g_new0 (Row, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkDragSource *source = gtk_drag_source_new ();

  data->section = section;
  data->record = g_object_ref (record);
  data->parts[PART_ROW] = row;
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  pg_section_row_set_data (row, data, row_free);
  g_signal_connect (row, "destroy", G_CALLBACK (on_row_destroy), data);
  pg_field_tag (row, record, NULL);

  data->handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  gtk_widget_add_css_class (data->handle, "dim-label");
  gtk_widget_set_cursor_from_name (data->handle, "grab");
  pg_field_set_tooltip (data->handle, _("Drag to move"));
  gtk_widget_set_valign (data->handle, GTK_ALIGN_CENTER);
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), data);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), data);
  gtk_widget_add_controller (data->handle, GTK_EVENT_CONTROLLER (source));

  data->number = gtk_label_new (NULL);
  gtk_widget_add_css_class (data->number, "heading");
  gtk_widget_add_css_class (data->number, "numeric");
  gtk_widget_set_valign (data->number, GTK_ALIGN_CENTER);
  data->number_id = g_signal_connect (record, "notify::number", G_CALLBACK (on_number_changed), data);

  data->parts[PART_UP] = icon_button ("go-up-symbolic", _("Move Up (Alt+Up)"),
                                      G_CALLBACK (on_up_clicked), data);
  data->parts[PART_DOWN] = icon_button ("go-down-symbolic", _("Move Down (Alt+Down)"),
                                        G_CALLBACK (on_down_clicked), data);
  return data;
}

static GtkWidget *
create_task_row (gpointer item,
                 gpointer user_data)
{
  Section *section = user_data;
  PgTask *task = item;
  Row *data = row_new (section, PG_RECORD (task));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *title = gtk_entry_new ();
  GtkWidget *text = gtk_text_view_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkDropTarget *drop = gtk_drop_target_new (PG_TYPE_TASK, GDK_ACTION_MOVE);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 9);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);

  gtk_label_set_width_chars (GTK_LABEL (data->number), 2);
  gtk_label_set_xalign (GTK_LABEL (data->number), 1);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (title), _("Title"));
  pg_field_bind_text (GTK_EDITABLE (title), section->document, PG_RECORD (task), "title");
  data->parts[PART_TITLE] = title;

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text), 8);
  pg_field_bind_text_view (GTK_TEXT_VIEW (text), section->document, PG_RECORD (task), "text");
  gtk_frame_set_child (GTK_FRAME (frame), text);
  data->parts[PART_TEXT] = text;

  data->parts[PART_DELETE] = icon_button ("user-trash-symbolic",
                                          _("Delete Task (or Delete on the focused row)"),
                                          G_CALLBACK (on_delete_clicked), data);
  gtk_box_append (GTK_BOX (buttons), data->parts[PART_UP]);
  gtk_box_append (GTK_BOX (buttons), data->parts[PART_DOWN]);
  gtk_box_append (GTK_BOX (buttons), data->parts[PART_DELETE]);

  gtk_grid_attach (GTK_GRID (grid), data->handle, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), data->number, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), title, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), buttons, 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), frame, 2, 1, 2, 1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (data->parts[PART_ROW]), grid);

  g_signal_connect (drop, "drop", G_CALLBACK (on_task_drop), data);
  gtk_widget_add_controller (data->parts[PART_ROW], GTK_EVENT_CONTROLLER (drop));

  update_task_number (data);
  return data->parts[PART_ROW];
}

static GtkWidget *
create_group_row (gpointer item,
                  gpointer user_data)
{
  Section *section = user_data;
  PgTaskGroup *group = item;
  Row *data = row_new (section, PG_RECORD (group));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_entry_new ();
  GtkWidget *tasks = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (_("No tasks in this group"));
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE);
  GType types[] = { PG_TYPE_TASK_GROUP, PG_TYPE_TASK };

  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_top (box, 6);

  gtk_widget_add_css_class (data->number, "title-4");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (title), _("Group title"));
  pg_field_bind_text (GTK_EDITABLE (title), section->document, PG_RECORD (group), "title");
  data->parts[PART_TITLE] = title;
  data->parts[PART_ADD] = icon_button ("list-add-symbolic", _("Add Task"),
                                       G_CALLBACK (on_add_task_clicked), data);
  data->parts[PART_DELETE] = icon_button ("user-trash-symbolic",
                                          _("Delete Group and Its Tasks (or Delete on the focused group)"),
                                          G_CALLBACK (on_delete_clicked), data);
  gtk_box_append (GTK_BOX (heading), data->handle);
  gtk_box_append (GTK_BOX (heading), data->number);
  gtk_box_append (GTK_BOX (heading), title);
  gtk_box_append (GTK_BOX (heading), data->parts[PART_ADD]);
  gtk_box_append (GTK_BOX (heading), data->parts[PART_UP]);
  gtk_box_append (GTK_BOX (heading), data->parts[PART_DOWN]);
  gtk_box_append (GTK_BOX (heading), data->parts[PART_DELETE]);
  data->heading = heading;

  gtk_widget_add_css_class (tasks, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (tasks), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (tasks), placeholder);
  data->task_model = g_object_ref (pg_task_group_get_tasks (group));
  gtk_list_box_bind_model (GTK_LIST_BOX (tasks), data->task_model, create_task_row, section, NULL);
  data->items_id = g_signal_connect (data->task_model, "items-changed", G_CALLBACK (on_items_changed), section);
  data->tasks = tasks;

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), tasks);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (data->parts[PART_ROW]), box);

  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_group_drop), data);
  gtk_widget_add_controller (data->parts[PART_ROW], GTK_EVENT_CONTROLLER (drop));

  update_group_number (data);
  schedule_refresh (section);
  return data->parts[PART_ROW];
}

/* The section */

static void
section_free (gpointer user_data)
{
  Section *section = user_data;

  g_clear_handle_id (&section->refresh_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (pg_document_get_task_groups (section->document), section);
  g_clear_object (&section->document);
  g_free (section);
}

GtkWidget *
pg_section_tasks_new (PgDocument *document)
{
  Section *section;
  GtkWidget *box, *page, *placeholder, *add, *add_content;
  GtkEventController *shortcuts;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  section = g_new0 (Section, 1);
  page = pg_section_page_new (&box);
  section->document = g_object_ref (document);
  section->page = page;
  g_object_set_data_full (G_OBJECT (page), "pg-section-tasks", section, section_free);

  section->groups = gtk_list_box_new ();
  /* The groups sit on the page; only their task lists are cards. */
  gtk_widget_add_css_class (section->groups, "background");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (section->groups), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (section->groups),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Work tasks"), -1);
  placeholder = gtk_label_new (_("No task groups yet. Add a group, then add tasks to it."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (section->groups), placeholder);
  gtk_list_box_bind_model (GTK_LIST_BOX (section->groups), pg_document_get_task_groups (document),
                           create_group_row, section, NULL);
  g_signal_connect (pg_document_get_task_groups (document), "items-changed",
                    G_CALLBACK (on_items_changed), section);
  gtk_box_append (GTK_BOX (box), section->groups);
  refresh_buttons_now (section);

  add_content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (add_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (add_content), _("Add _Group"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (add_content), TRUE);
  add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add), add_content);
  gtk_widget_add_css_class (add, "pill");
  gtk_widget_set_halign (add, GTK_ALIGN_CENTER);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_group_clicked), section);
  gtk_box_append (GTK_BOX (box), add);

  shortcuts = gtk_shortcut_controller_new ();
  pg_section_add_shortcut (shortcuts, GDK_KEY_Up, GDK_ALT_MASK, on_move_key, section, g_variant_new_int32 (-1));
  pg_section_add_shortcut (shortcuts, GDK_KEY_KP_Up, GDK_ALT_MASK, on_move_key, section, g_variant_new_int32 (-1));
  pg_section_add_shortcut (shortcuts, GDK_KEY_Down, GDK_ALT_MASK, on_move_key, section, g_variant_new_int32 (1));
  pg_section_add_shortcut (shortcuts, GDK_KEY_KP_Down, GDK_ALT_MASK, on_move_key, section, g_variant_new_int32 (1));
  pg_section_add_shortcut (shortcuts, GDK_KEY_Delete, 0, on_delete_key, section, NULL);
  pg_section_add_shortcut (shortcuts, GDK_KEY_KP_Delete, 0, on_delete_key, section, NULL);
  gtk_widget_add_controller (page, shortcuts);

  return page;
}
