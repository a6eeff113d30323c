/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Projects (项目支出情况): an ordered list of projects with their budgets and
 * purpose, bound to the document's list model. Above it, the sum of this
 * year's project budgets beside the project expenditure of the revenue and
 * expenditure section, both read-only and live, for the reader to compare.
 * Reordering, adding and deleting work as for tasks: buttons, Alt+Up,
 * Alt+Down, Delete on a focused row, and drag and drop on a row's handle.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-amount.h"
#include "pg-field.h"
#include "pg-sections.h"

/* The parts of a row that can hold the focus, so a moved row (which the
 * list rebuilds) gets it back in the same place. */
typedef enum {
  PART_ROW,
  PART_NAME,
  PART_TOTAL,
  PART_YEAR,
  PART_PURPOSE,
  PART_UP,
  PART_DOWN,
  PART_DELETE,
  N_PARTS
} Part;

typedef struct {
  PgDocument   *document;
  GtkWidget    *page;           /* not owned: the section lives on it */
  GtkWidget    *list;
  GtkWidget    *sum;            /* this year's budgets, added up */
  GtkWidget    *expenditure;    /* the expenditure block's project amount */
  GtkWidget    *sum_caption;
  GtkWidget    *expenditure_caption;
  GPtrArray    *watched;        /* the projects whose year budget we add up */
  PgFinanceRow *project_row;    /* the expenditure row "project" */
  guint         refresh_id;
} Section;

typedef struct {
  Section   *section;           /* not owned: it outlives every row */
  PgProject *project;
  GtkWidget *parts[N_PARTS];
  GtkWidget *number;
  GtkWidget *handle;
  GtkWidget *total_caption;
  GtkWidget *year_caption;
  gulong     number_id;
  double     drag_x;
  double     drag_y;
} Row;

/* Helpers */

static Row *
row_for_record (Section  *section,
                PgRecord *record)
{
  return pg_section_row_get_data (pg_field_find (section->list, record, NULL));
}

static const char *
unit_name (Section *section)
{
  PgDeclaration *declaration = pg_document_get_declaration (section->document);

  if (g_strcmp0 (pg_declaration_get_unit (declaration), "yuan") == 0)
    return _("yuan");
  return _("10,000 yuan");
}

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

/* The comparison */

static char *
amount_text (gint64 amount)
{
  if (amount == PG_AMOUNT_NONE)
    return g_strdup ("—");
  /* Two places as in a budget, and more when the amount has them: rounding
   * must not hide a difference in the last ones. */
  return pg_amount_format_for_locale (amount, 2);
}

static void
update_figure_captions (Section *section)
{
  const char *unit = unit_name (section);
  /* Translators: %s is the unit, 万元 or 元. */
  g_autofree char *sum = g_strdup_printf (_("Sum of the projects’ budgets for this year (%s)"), unit);
  /* Translators: %s is the unit, 万元 or 元. */
  g_autofree char *expenditure = g_strdup_printf (_("Project expenditure in Revenue & expenditure (%s)"), unit);

  gtk_label_set_text (GTK_LABEL (section->sum_caption), sum);
  gtk_label_set_text (GTK_LABEL (section->expenditure_caption), expenditure);
}

static void
update_sum (Section *section)
{
  GListModel *projects = pg_document_get_projects (section->document);
  guint n = g_list_model_get_n_items (projects);
  gint64 sum = PG_AMOUNT_NONE;
  g_autofree char *sum_text = NULL;
  g_autofree char *expenditure_text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgProject) project = g_list_model_get_item (projects, i);
      gint64 amount = pg_project_get_year_budget (project);

      if (amount != PG_AMOUNT_NONE)
        sum = (sum == PG_AMOUNT_NONE ? 0 : sum) + amount;
    }
  sum_text = amount_text (sum);
  expenditure_text = amount_text (section->project_row
                                  ? pg_finance_row_get_amount (section->project_row)
                                  : PG_AMOUNT_NONE);
  gtk_label_set_text (GTK_LABEL (section->sum), sum_text);
  gtk_label_set_text (GTK_LABEL (section->expenditure), expenditure_text);
}

static void
on_year_budget_changed (GObject    *object,
                        GParamSpec *pspec,
                        Section    *section)
{
  update_sum (section);
}

static void
unwatch_projects (Section *section)
{
  for (guint i = 0; i < section->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (section->watched, i),
                                          on_year_budget_changed, section);
  g_ptr_array_set_size (section->watched, 0);
}

/* Follows each project's year budget; the list is short (tens). */
static void
watch_projects (Section *section)
{
  GListModel *projects = pg_document_get_projects (section->document);
  guint n = g_list_model_get_n_items (projects);

  unwatch_projects (section);
  for (guint i = 0; i < n; i++)
    {
      PgProject *project = g_list_model_get_item (projects, i);

      g_signal_connect (project, "notify::year-budget", G_CALLBACK (on_year_budget_changed), section);
      g_ptr_array_add (section->watched, project);
    }
  update_sum (section);
}

static void
watch_expenditure (Section *section)
{
  GListModel *rows = pg_finance_block_get_rows (pg_document_get_expenditure (section->document));
  guint n = g_list_model_get_n_items (rows);

  if (section->project_row != NULL)
    g_signal_handlers_disconnect_by_func (section->project_row, on_year_budget_changed, section);
  g_clear_object (&section->project_row);
  for (guint i = 0; i < n && section->project_row == NULL; i++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (pg_finance_row_get_item (row), "project") == 0)
        section->project_row = g_steal_pointer (&row);
    }
  if (section->project_row != NULL)
    g_signal_connect (section->project_row, "notify::amount", G_CALLBACK (on_year_budget_changed), section);
  update_sum (section);
}

static void
on_expenditure_rows_changed (GListModel *model,
                             guint       position,
                             guint       removed,
                             guint       added,
                             Section    *section)
{
  watch_expenditure (section);
}

/* Move buttons */

static void
refresh_buttons_now (Section *section)
{
  guint n = g_list_model_get_n_items (pg_document_get_projects (section->document));

  g_clear_handle_id (&section->refresh_id, g_source_remove);
  for (guint i = 0; i < n; i++)
    {
      Row *data = pg_section_row_get_data (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (section->list), i)));

      if (data == NULL)
        continue;
      gtk_widget_set_sensitive (data->parts[PART_UP], i > 0);
      gtk_widget_set_sensitive (data->parts[PART_DOWN], i + 1 < n);
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
on_projects_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Section    *section)
{
  watch_projects (section);
  if (section->refresh_id == 0)
    section->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_buttons_idle, section, NULL);
}

/* Commands */

/* Moves a project and gives the focus back where it was in its row, which
 * the list has rebuilt. */
static void
move_project (Section   *section,
              PgProject *project,
              guint      position)
{
  g_autoptr(PgProject) hold = g_object_ref (project);
  g_autoptr(GError) error = NULL;
  Row *data = row_for_record (section, PG_RECORD (project));
  PgFocusSpot spot = { -1, -1 };

  if (data != NULL)
    spot = pg_section_find_focus (pg_section_get_focus (section->page), data->parts, N_PARTS);

  if (!pg_document_move (section->document, PG_RECORD (project), NULL, position, &error))
    {
      pg_section_show_error (section->page, error);
      return;
    }
  refresh_buttons_now (section);

  if (spot.part < 0)
    return;
  focus_part (section, PG_RECORD (project), spot.part);
  data = row_for_record (section, PG_RECORD (project));
  if (data != NULL)
    pg_section_set_cursor (data->parts[spot.part], spot.cursor);
}

static void
move_by (Row *data,
         int  delta)
{
  Section *section = data->section;
  GListModel *projects = pg_document_get_projects (section->document);
  guint i;

  if (!pg_list_model_find (projects, data->project, &i))
    return;
  if ((delta < 0 && i == 0) || (delta > 0 && i + 1 >= g_list_model_get_n_items (projects)))
    {
      gtk_widget_error_bell (section->page);
      return;
    }
  move_project (section, data->project, delta < 0 ? i - 1 : i + 1);
}

/* Puts a project at the gap before index `gap` (counted before the move). */
static void
drop_project (Section   *section,
              PgProject *project,
              guint      gap)
{
  guint from, position;

  if (pg_list_model_find (pg_document_get_projects (section->document), project, &from)
      && pg_section_gap_to_position (from, gap, &position))
    move_project (section, project, position);
}

static void
delete_project (Section   *section,
                PgProject *project)
{
  g_autoptr(PgProject) hold = g_object_ref (project);
  g_autoptr(PgProject) neighbour = NULL;
  g_autoptr(GError) error = NULL;
  /* Translators: a toast; %u is the project’s number. */
  g_autofree char *message = g_strdup_printf (_("Project %u deleted"), pg_project_get_number (project));
  GListModel *projects = pg_document_get_projects (section->document);
  guint n = g_list_model_get_n_items (projects);
  guint i;

  if (pg_list_model_find (projects, project, &i) && n > 1)
    neighbour = g_list_model_get_item (projects, i + 1 < n ? i + 1 : i - 1);

  if (!pg_document_remove (section->document, PG_RECORD (project), &error))
    {
      pg_section_show_error (section->page, error);
      return;
    }
  pg_section_show_toast (section->page, message, TRUE);
  refresh_buttons_now (section);
  if (neighbour != NULL)
    focus_part (section, PG_RECORD (neighbour), PART_ROW);
}

static void
add_project (Section *section)
{
  g_autoptr(GError) error = NULL;
  PgProject *project = pg_document_add_project (section->document, PG_POSITION_END, "", &error);

  if (project == NULL)
    {
      pg_section_show_error (section->page, error);
      return;
    }
  refresh_buttons_now (section);
  focus_part (section, PG_RECORD (project), PART_NAME);
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
  delete_project (data->section, data->project);
}

static void
on_add_clicked (GtkButton *button,
                Section   *section)
{
  add_project (section);
}

/* Keyboard: Alt+Up and Alt+Down anywhere in a row (no field uses them);
 * Delete only on the row itself, so it still deletes text in a field. */

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
  delete_project (section, data->project);
  return TRUE;
}

/* Drag and drop: the handle drags the project; dropped on another, it goes
 * before or after it, by the half it lands on. */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 Row           *data)
{
  data->drag_x = x;
  data->drag_y = y;
  return gdk_content_provider_new_typed (PG_TYPE_PROJECT, data->project);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               Row           *data)
{
  pg_section_set_drag_icon (source, data->parts[PART_ROW], data->handle, data->drag_x, data->drag_y);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Row           *data)
{
  gboolean after = pg_section_drop_is_after (data->parts[PART_ROW], y);
  PgProject *project;
  guint index;

  if (!G_VALUE_HOLDS (value, PG_TYPE_PROJECT))
    return FALSE;
  project = g_value_get_object (value);
  if (project == data->project
      || !pg_list_model_find (pg_document_get_projects (data->section->document), data->project, &index))
    return FALSE;
  drop_project (data->section, project, after ? index + 1 : index);
  return TRUE;
}

/* Rows */

static void
row_free (gpointer user_data)
{
  Row *data = user_data;

  g_clear_signal_handler (&data->number_id, data->project);
  g_clear_object (&data->project);
  g_free (data);
}

/* The row's labels reach into its children, which go away at dispose. */
static void
on_row_destroy (GtkWidget *row,
                Row       *data)
{
  g_clear_signal_handler (&data->number_id, data->project);
}

static void
update_captions (Row *data)
{
  const char *unit = unit_name (data->section);
  /* Translators: a column heading; %s is the unit, 万元 or 元. */
  g_autofree char *total = g_strdup_printf (_("Total budget (%s)"), unit);
  /* Translators: a column heading; %s is the unit, 万元 or 元. */
  g_autofree char *year = g_strdup_printf (_("Budget for this year (%s)"), unit);

  gtk_label_set_text (GTK_LABEL (data->total_caption), total);
  gtk_label_set_text (GTK_LABEL (data->year_caption), year);
}

static void
update_number (Row *data)
{
  guint number = pg_project_get_number (data->project);
  g_autofree char *text = g_strdup_printf ("%u", number);
  /* Translators: accessible name of a project; %u is its number. */
  g_autofree char *row = g_strdup_printf (_("Project %u"), number);
  /* Translators: accessible name; %u is the project’s number. */
  g_autofree char *name = g_strdup_printf (_("Project %u name"), number);
  /* Translators: accessible name; %u is the project’s number. */
  g_autofree char *total = g_strdup_printf (_("Project %u total budget"), number);
  /* Translators: accessible name; %u is the project’s number. */
  g_autofree char *year = g_strdup_printf (_("Project %u budget for this year"), number);
  /* Translators: accessible name; %u is the project’s number. */
  g_autofree char *purpose = g_strdup_printf (_("Project %u main direction and use of funds"), number);
  /* Translators: accessible name of a button; %u is the project’s number. */
  g_autofree char *up = g_strdup_printf (_("Move project %u up"), number);
  /* Translators: accessible name of a button; %u is the project’s number. */
  g_autofree char *down = g_strdup_printf (_("Move project %u down"), number);
  /* Translators: accessible name of a button; %u is the project’s number. */
  g_autofree char *delete = g_strdup_printf (_("Delete project %u"), number);

  gtk_label_set_text (GTK_LABEL (data->number), text);
  pg_field_set_label (data->parts[PART_ROW], row);
  pg_field_set_label (data->parts[PART_NAME], name);
  pg_field_set_label (data->parts[PART_TOTAL], total);
  pg_field_set_label (data->parts[PART_YEAR], year);
  pg_field_set_label (data->parts[PART_PURPOSE], purpose);
  pg_field_set_label (data->parts[PART_UP], up);
  pg_field_set_label (data->parts[PART_DOWN], down);
  pg_field_set_label (data->parts[PART_DELETE], delete);
}

static void
on_number_changed (PgProject  *project,
                   GParamSpec *pspec,
                   Row        *data)
{
  update_number (data);
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
caption_new (GtkWidget *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  return label;
}

/* A caption above its field. */
static GtkWidget *
labelled (GtkWidget *caption,
          GtkWidget *field)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), field);
  return box;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  Section *section = user_data;
  PgProject *project = item;
  Row *data = g_new0 (Row, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *name = gtk_entry_new ();
  GtkWidget *total = gtk_entry_new ();
  GtkWidget *year = gtk_entry_new ();
  GtkWidget *purpose = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *amounts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *purpose_caption = caption_new (purpose);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (PG_TYPE_PROJECT, GDK_ACTION_MOVE);

  data->section = section;
  data->project = g_object_ref (project);
  data->parts[PART_ROW] = row;
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  pg_section_row_set_data (row, data, row_free);
  g_signal_connect (row, "destroy", G_CALLBACK (on_row_destroy), data);
  pg_field_tag (row, PG_RECORD (project), NULL);

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
  gtk_label_set_width_chars (GTK_LABEL (data->number), 2);
  gtk_label_set_xalign (GTK_LABEL (data->number), 1);
  gtk_widget_set_valign (data->number, GTK_ALIGN_CENTER);
  data->number_id = g_signal_connect (project, "notify::number", G_CALLBACK (on_number_changed), data);

  gtk_widget_set_hexpand (name, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), _("Project name"));
  pg_field_bind_text (GTK_EDITABLE (name), section->document, PG_RECORD (project), "name");
  data->parts[PART_NAME] = name;

  data->parts[PART_UP] = icon_button ("go-up-symbolic", _("Move Up (Alt+Up)"),
                                      G_CALLBACK (on_up_clicked), data);
  data->parts[PART_DOWN] = icon_button ("go-down-symbolic", _("Move Down (Alt+Down)"),
                                        G_CALLBACK (on_down_clicked), data);
  data->parts[PART_DELETE] = icon_button ("user-trash-symbolic",
                                          _("Delete Project (or Delete on the focused row)"),
                                          G_CALLBACK (on_delete_clicked), data);
  gtk_box_append (GTK_BOX (buttons), data->parts[PART_UP]);
  gtk_box_append (GTK_BOX (buttons), data->parts[PART_DOWN]);
  gtk_box_append (GTK_BOX (buttons), data->parts[PART_DELETE]);

  gtk_entry_set_input_purpose (GTK_ENTRY (total), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_input_purpose (GTK_ENTRY (year), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_alignment (GTK_ENTRY (total), 1);
  gtk_entry_set_alignment (GTK_ENTRY (year), 1);
  pg_field_bind_amount (GTK_EDITABLE (total), section->document, PG_RECORD (project), "total-budget");
  pg_field_bind_amount (GTK_EDITABLE (year), section->document, PG_RECORD (project), "year-budget");
  data->parts[PART_TOTAL] = total;
  data->parts[PART_YEAR] = year;
  data->total_caption = caption_new (total);
  data->year_caption = caption_new (year);
  gtk_box_set_homogeneous (GTK_BOX (amounts), TRUE);
  gtk_box_append (GTK_BOX (amounts), labelled (data->total_caption, total));
  gtk_box_append (GTK_BOX (amounts), labelled (data->year_caption, year));

  gtk_label_set_text (GTK_LABEL (purpose_caption), _("Main direction and use of funds"));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (purpose), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (purpose), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (purpose), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (purpose), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (purpose), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (purpose), 8);
  pg_field_bind_text_view (GTK_TEXT_VIEW (purpose), section->document, PG_RECORD (project), "purpose");
  gtk_frame_set_child (GTK_FRAME (frame), purpose);
  data->parts[PART_PURPOSE] = purpose;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 9);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 12);
  gtk_grid_attach (GTK_GRID (grid), data->handle, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), data->number, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), name, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), buttons, 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), amounts, 2, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), labelled (purpose_caption, frame), 2, 2, 2, 1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), data);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  update_captions (data);
  update_number (data);
  return row;
}

/* The section */

static void
on_unit_changed (PgDeclaration *declaration,
                 GParamSpec    *pspec,
                 Section       *section)
{
  guint n = g_list_model_get_n_items (pg_document_get_projects (section->document));

  for (guint i = 0; i < n; i++)
    {
      Row *data = pg_section_row_get_data (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (section->list), i)));

      if (data != NULL)
        update_captions (data);
    }
  update_figure_captions (section);
}

static void
section_free (gpointer user_data)
{
  Section *section = user_data;

  g_clear_handle_id (&section->refresh_id, g_source_remove);
  unwatch_projects (section);
  g_ptr_array_unref (section->watched);
  if (section->project_row != NULL)
    g_signal_handlers_disconnect_by_func (section->project_row, on_year_budget_changed, section);
  g_clear_object (&section->project_row);
  g_signal_handlers_disconnect_by_data (pg_document_get_projects (section->document), section);
  g_signal_handlers_disconnect_by_data (pg_finance_block_get_rows (pg_document_get_expenditure (section->document)),
                                        section);
  g_signal_handlers_disconnect_by_data (pg_document_get_declaration (section->document), section);
  g_clear_object (&section->document);
  g_free (section);
}

static GtkWidget *
figure_new (GtkWidget **out_caption,
            GtkWidget **out_figure)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_label_new (NULL);
  GtkWidget *figure = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (figure), 0);
  gtk_widget_add_css_class (figure, "title-3");
  gtk_widget_add_css_class (figure, "numeric");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (figure), GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), figure);
  *out_caption = caption;
  *out_figure = figure;
  return box;
}

GtkWidget *
pg_section_projects_new (PgDocument *document)
{
  Section *section;
  GtkWidget *box, *page, *placeholder, *add, *add_content, *figures;
  GtkEventController *shortcuts;
  GListModel *expenditure_rows;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  section = g_new0 (Section, 1);
  page = pg_section_page_new (&box);
  section->document = g_object_ref (document);
  section->page = page;
  section->watched = g_ptr_array_new_with_free_func (g_object_unref);
  g_object_set_data_full (G_OBJECT (page), "pg-section-projects", section, section_free);

  /* The two figures side by side, to be compared. */
  figures = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_add_css_class (figures, "card");
  gtk_box_set_homogeneous (GTK_BOX (figures), TRUE);
  gtk_box_append (GTK_BOX (figures),
                  figure_new (&section->sum_caption, &section->sum));
  gtk_box_append (GTK_BOX (figures),
                  figure_new (&section->expenditure_caption, &section->expenditure));
  for (GtkWidget *child = gtk_widget_get_first_child (figures); child; child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_margin_top (child, 12);
      gtk_widget_set_margin_bottom (child, 12);
      gtk_widget_set_margin_start (child, 12);
      gtk_widget_set_margin_end (child, 12);
    }
  gtk_box_append (GTK_BOX (box), figures);
  update_figure_captions (section);

  section->list = gtk_list_box_new ();
  gtk_widget_add_css_class (section->list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (section->list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (section->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Projects"), -1);
  placeholder = gtk_label_new (_("No projects yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (section->list), placeholder);
  gtk_list_box_bind_model (GTK_LIST_BOX (section->list), pg_document_get_projects (document),
                           create_row, section, NULL);
  gtk_box_append (GTK_BOX (box), section->list);

  g_signal_connect (pg_document_get_projects (document), "items-changed",
                    G_CALLBACK (on_projects_changed), section);
  expenditure_rows = pg_finance_block_get_rows (pg_document_get_expenditure (document));
  g_signal_connect (expenditure_rows, "items-changed", G_CALLBACK (on_expenditure_rows_changed), section);
  g_signal_connect (pg_document_get_declaration (document), "notify::unit",
                    G_CALLBACK (on_unit_changed), section);
  watch_expenditure (section);
  watch_projects (section);
  refresh_buttons_now (section);

  add_content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (add_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (add_content), _("Add _Project"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (add_content), TRUE);
  add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add), add_content);
  gtk_widget_add_css_class (add, "pill");
  gtk_widget_set_halign (add, GTK_ALIGN_CENTER);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked), section);
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
