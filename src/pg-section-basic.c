/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Basic information" page: the form's header (budget year, date of
 * filing, unit, language of the printed labels) and the department. The
 * text fields go through pg-field.h; the other widgets commit their own
 * commands, and show the document's value whenever it changes (undo, redo),
 * with a guard so that showing a value is never taken for an edit.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pg-field.h"
#include "pg-sections.h"

#define MIN_YEAR 1900
#define MAX_YEAR 9999

static const char * const unit_keys[] = { "wan_yuan", "yuan" };
static const char * const language_keys[] = { "zh_CN", "en" };

typedef struct {
  PgDocument    *document;
  PgDeclaration *declaration;

  AdwActionRow  *year_row;
  GtkSpinButton *year_spin;
  AdwActionRow  *date_row;
  GtkMenuButton *date_button;
  GtkCalendar   *calendar;
  GtkWidget     *clear_button;
  AdwComboRow   *unit_row;
  AdwComboRow   *language_row;
  AdwEntryRow   *phone_row;
  GtkWidget     *phone_warning; /* owned: in the row only while it applies */

  gboolean       updating; /* a widget is being set from the document */
} Basic;

static void
basic_free (gpointer data)
{
  Basic *self = data;

  g_clear_object (&self->phone_warning);
  g_clear_object (&self->declaration);
  g_clear_object (&self->document);
  g_free (self);
}

static void
report (Basic  *self,
        GError *error)
{
  if (error != NULL)
    pg_section_show_error (GTK_WIDGET (self->year_row), error);
}

/* Budget year */

static void
show_year (Basic *self)
{
  int year = pg_declaration_get_budget_year (self->declaration);
  g_autofree char *hint = NULL;

  self->updating = TRUE;
  if (year != 0)
    gtk_spin_button_set_value (self->year_spin, year);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->year_spin), "");
  self->updating = FALSE;

  if (year != 0)
    /* Translators: the years of the form's two "previous years" columns. */
    hint = g_strdup_printf (_("Previous years: %d and %d"), year - 2, year - 1);
  else
    hint = g_strdup (_("Not set: the previous years’ columns have no years"));
  adw_action_row_set_subtitle (self->year_row, hint);
}

static void
on_year_changed (GtkSpinButton *spin,
                 Basic         *self)
{
  g_autoptr(GError) error = NULL;
  int year = gtk_spin_button_get_value_as_int (spin);

  if (self->updating || year == pg_declaration_get_budget_year (self->declaration))
    return;
  if (!pg_document_set_int (self->document, PG_RECORD (self->declaration), "budget-year", year, &error))
    {
      report (self, error);
      show_year (self);
    }
}

/* A complete year typed into the field takes effect at once, so the
 * previous years (here and on the finance page) follow as the user types;
 * anything shorter waits for Enter or the focus to leave. */
static void
on_year_text_changed (GtkEditable *editable,
                      Basic       *self)
{
  const char *text = gtk_editable_get_text (editable);
  guint64 year;

  if (self->updating || strlen (text) != 4
      || !g_ascii_string_to_unsigned (text, 10, MIN_YEAR, MAX_YEAR, &year, NULL))
    return;
  gtk_spin_button_update (self->year_spin);
}

/* Leaving the field ends its run of coalesced edits, as for the bound
 * fields (pg-field.c). */
static void
on_year_focus_leave (GtkEventControllerFocus *controller,
                     Basic                   *self)
{
  pg_document_break_coalescing (self->document);
}

/* Date of filing */

static GDateTime *
parse_date (const char *text)
{
  int y, m, d;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

static void
show_date (Basic *self)
{
  const char *text = pg_declaration_get_fill_date (self->declaration);
  g_autoptr(GDateTime) date = parse_date (text);
  g_autofree char *shown = NULL;

  if (date != NULL)
    {
      /* Translators: how the date of filing is shown, in g_date_time_format()
       * notation. "%x" is the locale's own form; Chinese is "%Y年%-m月%-d日"
       * (2023年1月5日), as on the form.
       * xgettext:no-c-format */
      shown = g_date_time_format (date, _("%x"));
      adw_action_row_set_subtitle (self->date_row, shown);
      self->updating = TRUE;
      gtk_calendar_select_day (self->calendar, date);
      self->updating = FALSE;
    }
  else
    adw_action_row_set_subtitle (self->date_row, _("Not set: printed as blanks, to fill in by hand"));
  gtk_widget_set_sensitive (self->clear_button, date != NULL);
}

static void
set_date (Basic      *self,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (text, pg_declaration_get_fill_date (self->declaration)) == 0)
    return;
  if (!pg_document_set_string (self->document, PG_RECORD (self->declaration), "fill-date", text, &error))
    {
      report (self, error);
      show_date (self);
    }
}

static void
on_day_selected (GtkCalendar *calendar,
                 Basic       *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  set_date (self, text);
  gtk_menu_button_popdown (self->date_button);
}

static void
on_today_clicked (GtkButton *button,
                  Basic     *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_date_time_format (now, "%Y-%m-%d");

  set_date (self, text);
  gtk_menu_button_popdown (self->date_button);
}

static void
on_clear_date_clicked (GtkButton *button,
                       Basic     *self)
{
  set_date (self, NULL);
}

/* The calendar opens on the document's date, or on today when there is none. */
static void
on_date_popover_show (GtkWidget *popover,
                      Basic     *self)
{
  g_autoptr(GDateTime) date = parse_date (pg_declaration_get_fill_date (self->declaration));

  if (date == NULL)
    date = g_date_time_new_now_local ();
  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->updating = FALSE;
}

/* Unit and label language */

static guint
key_index (const char * const *keys,
           guint               n_keys,
           const char         *key)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return i;
  return 0;
}

static void
show_combos (Basic *self)
{
  self->updating = TRUE;
  adw_combo_row_set_selected (self->unit_row,
                              key_index (unit_keys, G_N_ELEMENTS (unit_keys),
                                         pg_declaration_get_unit (self->declaration)));
  adw_combo_row_set_selected (self->language_row,
                              key_index (language_keys, G_N_ELEMENTS (language_keys),
                                         pg_declaration_get_label_language (self->declaration)));
  self->updating = FALSE;
}

static void
on_combo_selected (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Basic       *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);
  const char *property;
  const char *key;

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (row == self->unit_row)
    {
      property = "unit";
      key = unit_keys[MIN (selected, G_N_ELEMENTS (unit_keys) - 1)];
      if (g_strcmp0 (key, pg_declaration_get_unit (self->declaration)) == 0)
        return;
    }
  else
    {
      property = "label-language";
      key = language_keys[MIN (selected, G_N_ELEMENTS (language_keys) - 1)];
      if (g_strcmp0 (key, pg_declaration_get_label_language (self->declaration)) == 0)
        return;
    }
  if (!pg_document_set_string (self->document, PG_RECORD (self->declaration), property, key, &error))
    {
      report (self, error);
      show_combos (self);
    }
}

/* Telephone: the form wants digits, spaces, "-", "+" and "()", 7 to 20 of
 * them. The document takes any text (a draft may be incomplete), so this is
 * a hint beside the field, not a refusal. */
static gboolean
phone_is_plausible (const char *phone)
{
  glong n = g_utf8_strlen (phone, -1);

  if (n < 7 || n > 20)
    return FALSE;
  for (const char *p = phone; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_ascii_isdigit (c) && c != ' ' && c != '-' && c != '+' && c != '(' && c != ')')
        return FALSE;
    }
  return TRUE;
}

static void
show_phone_hint (Basic *self)
{
  const char *phone = pg_declaration_get_phone (self->declaration);
  gboolean warn = *phone != '\0' && !phone_is_plausible (phone);
  gboolean shown = gtk_widget_get_parent (self->phone_warning) != NULL;

  /* Added and removed rather than hidden: a hidden suffix still shifts the
   * row's edit icon out of line with the other rows'. */
  if (warn && !shown)
    adw_entry_row_add_suffix (self->phone_row, self->phone_warning);
  else if (!warn && shown)
    adw_entry_row_remove (self->phone_row, self->phone_warning);
}

static void
on_declaration_notify (PgDeclaration *declaration,
                       GParamSpec    *pspec,
                       GtkWidget     *page)
{
  Basic *self = g_object_get_data (G_OBJECT (page), "pg-section-basic");
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "budget-year"))
    show_year (self);
  else if (g_str_equal (name, "fill-date"))
    show_date (self);
  else if (g_str_equal (name, "unit") || g_str_equal (name, "label-language"))
    show_combos (self);
  else if (g_str_equal (name, "phone"))
    show_phone_hint (self);
}

/* Building */

static GtkWidget *
header_group_new (Basic *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkAdjustment *adjustment = gtk_adjustment_new (MIN_YEAR, MIN_YEAR, MAX_YEAR, 1, 10, 0);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *today = gtk_button_new_with_mnemonic (_("_Today"));
  GtkEventController *year_focus;
  GtkStringList *units = gtk_string_list_new (NULL);
  /* Each language by its own name, so it can be found in either UI. */
  GtkStringList *languages = gtk_string_list_new ((const char * const[]) { "中文", "English", NULL });

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Declaration"));

  /* Budget year */
  self->year_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->year_row), _("Budget year"));
  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, 0));
  gtk_spin_button_set_numeric (self->year_spin, TRUE);
  gtk_spin_button_set_update_policy (self->year_spin, GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (GTK_WIDGET (self->year_spin), GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->year_spin), 5);
  /* There is only the document's history (Ctrl+Z goes to it). */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->year_spin), FALSE);
  year_focus = gtk_event_controller_focus_new ();
  g_signal_connect (year_focus, "leave", G_CALLBACK (on_year_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->year_spin), year_focus);
  pg_field_set_label (GTK_WIDGET (self->year_spin), _("Budget year"));
  pg_field_tag (GTK_WIDGET (self->year_spin), PG_RECORD (self->declaration), "budget-year");
  adw_action_row_add_suffix (self->year_row, GTK_WIDGET (self->year_spin));
  adw_action_row_set_activatable_widget (self->year_row, GTK_WIDGET (self->year_spin));
  g_signal_connect (self->year_spin, "value-changed", G_CALLBACK (on_year_changed), self);
  g_signal_connect_after (self->year_spin, "changed", G_CALLBACK (on_year_text_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->year_row));

  /* Date of filing */
  self->date_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Date of filing"));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  pg_field_set_label (GTK_WIDGET (self->calendar), _("Date of filing"));
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self);
  g_signal_connect (today, "clicked", G_CALLBACK (on_today_clicked), self);
  gtk_box_append (GTK_BOX (popover_box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (popover_box), today);
  gtk_popover_set_child (GTK_POPOVER (popover), popover_box);
  g_signal_connect (popover, "show", G_CALLBACK (on_date_popover_show), self);

  self->date_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->date_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->date_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->date_button), GTK_ALIGN_CENTER);
  pg_field_set_tooltip (GTK_WIDGET (self->date_button), _("Choose the date of filing"));
  pg_field_set_label (GTK_WIDGET (self->date_button), _("Choose the date of filing"));
  pg_field_tag (GTK_WIDGET (self->date_button), PG_RECORD (self->declaration), "fill-date");

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (self->clear_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->clear_button, "flat");
  pg_field_set_tooltip (self->clear_button, _("Clear the date of filing"));
  pg_field_set_label (self->clear_button, _("Clear the date of filing"));
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (on_clear_date_clicked), self);

  adw_action_row_add_suffix (self->date_row, self->clear_button);
  adw_action_row_add_suffix (self->date_row, GTK_WIDGET (self->date_button));
  adw_action_row_set_activatable_widget (self->date_row, GTK_WIDGET (self->date_button));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->date_row));

  /* Unit */
  gtk_string_list_append (units, _("10,000 yuan (万元)"));
  gtk_string_list_append (units, _("Yuan (元)"));
  self->unit_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->unit_row), _("Unit"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->unit_row), _("Every amount in the declaration is in it"));
  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (units));
  pg_field_tag (GTK_WIDGET (self->unit_row), PG_RECORD (self->declaration), "unit");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->unit_row));
  g_object_unref (units);

  /* Label language */
  self->language_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->language_row), _("Printed labels"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->language_row), _("The language of the labels on the printed form"));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  pg_field_tag (GTK_WIDGET (self->language_row), PG_RECORD (self->declaration), "label-language");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->language_row));
  g_object_unref (languages);

  return group;
}

static GtkWidget *
entry_row_new (Basic      *self,
               const char *title,
               const char *property)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  pg_field_bind_text (GTK_EDITABLE (row), self->document, PG_RECORD (self->declaration), property);
  return row;
}

static GtkWidget *
department_group_new (Basic *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *phone;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Department (Unit)"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The heads of unit and of finance sign the paper copy."));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row_new (self, _("Name of department (unit)"), "department-name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row_new (self, _("Filled in by"), "filled-by"));

  phone = entry_row_new (self, _("Contact telephone"), "phone");
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (phone), GTK_INPUT_PURPOSE_PHONE);
  self->phone_row = ADW_ENTRY_ROW (phone);
  self->phone_warning = g_object_ref_sink (gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (self->phone_warning, "warning");
  pg_field_set_tooltip (self->phone_warning,
                               _("A telephone number has 7 to 20 digits, spaces, “-”, “+” and “()”."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->phone_warning),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("A telephone number has 7 to 20 digits, spaces, “-”, “+” and “()”."),
                                  -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), phone);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row_new (self, _("Head of unit"), "head"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row_new (self, _("Head of finance"), "finance-head"));
  return group;
}

GtkWidget *
pg_section_basic_new (PgDocument *document)
{
  GtkWidget *box;
  GtkWidget *page;
  Basic *self;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  page = pg_section_page_new (&box);
  self = g_new0 (Basic, 1);
  self->document = g_object_ref (document);
  self->declaration = g_object_ref (pg_document_get_declaration (document));
  g_object_set_data_full (G_OBJECT (page), "pg-section-basic", self, basic_free);

  gtk_box_append (GTK_BOX (box), header_group_new (self));
  gtk_box_append (GTK_BOX (box), department_group_new (self));

  show_year (self);
  show_date (self);
  show_combos (self);
  show_phone_hint (self);

  g_signal_connect_after (self->unit_row, "notify::selected", G_CALLBACK (on_combo_selected), self);
  g_signal_connect_after (self->language_row, "notify::selected", G_CALLBACK (on_combo_selected), self);
  g_signal_connect_object (self->declaration, "notify", G_CALLBACK (on_declaration_notify), page, 0);
  return page;
}
