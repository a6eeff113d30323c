/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-field.h"
#include "pg-review-panel.h"

/* How long after an edit the panel catches up: typing never waits for it,
 * and a burst of keystrokes makes one update. */
#define UPDATE_DELAY_MS 300
#define PANEL_WIDTH 340

struct _PgReviewPanel
{
  GtkBox      parent_instance;

  PgReview   *review;
  GtkWidget  *fields_root;  /* not owned: the window's, which outlives the panel */
  GPtrArray  *shown;        /* the findings the marks and counts show */
  GPtrArray  *listed;       /* the findings the list's rows show */
  gboolean    list_stale;   /* the list waits until the panel is shown */
  guint       update_id;
  GHashTable *marks;        /* Mark: the fields marked, with their findings */
  GPtrArray  *pending;      /* PendingMark: widgets tagged since, to mark */
  guint       mark_new_id;
  guint       tag_watch;
  guint       n_errors;
  guint       n_warnings;

  GtkLabel   *summary;
  GtkStack   *content;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (PgReviewPanel, pg_review_panel, GTK_TYPE_BOX)

enum { PROP_0, PROP_N_ERRORS, PROP_N_WARNINGS, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { FINDING_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What the panel last wrote on a field: its mark is the panel's to take off. */
static GQuark mark_quark;

/* A widget tagged with a field that has a finding, waiting to be marked. */
typedef struct {
  GtkWidget  *widget;
  PgRecord   *record;
  const char *property;  /* interned */
} PendingMark;

/* Marks
 *
 * The panel marks the fields that have a finding, and only those: an update
 * looks up the widgets of the fields whose findings came or went
 * (pg_field_foreach_tagged), and a widget tagged later (a goal's table
 * built as it comes near, a tree rebuilt after a move, a page built when
 * first shown) is marked as soon as it is built. Walking every widget of
 * the window instead grew with every table built: in the benchmark's window
 * (bench-indicator-editor), an update after an edit took 16.5 ms, and 4.2
 * ms this way, most of it the review itself. */

/* A field with a finding: the first of the field's findings (errors come
 * first). Hashed on the field. */
typedef struct {
  PgRecord   *record;    /* held: its address names the field */
  const char *property;  /* interned */
  PgFinding  *finding;   /* owned by the findings shown */
} Mark;

static guint
mark_hash (gconstpointer key)
{
  const Mark *mark = key;

  return g_direct_hash (mark->record) ^ g_direct_hash (mark->property);
}

static gboolean
mark_equal (gconstpointer a,
            gconstpointer b)
{
  const Mark *x = a, *y = b;

  return x->record == y->record && x->property == y->property;
}

static void
mark_free (gpointer data)
{
  Mark *mark = data;

  g_object_unref (mark->record);
  g_free (mark);
}

static gboolean
in_fields (PgReviewPanel *self,
           GtkWidget     *widget)
{
  return widget == self->fields_root || gtk_widget_is_ancestor (widget, self->fields_root);
}

static void
unmark (GtkWidget *widget)
{
  const char *message = g_object_get_qdata (G_OBJECT (widget), mark_quark);

  if (message == NULL)
    return;
  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_remove_css_class (widget, "warning");
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), message) == 0)
    pg_field_set_tooltip (widget, NULL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_set_qdata (G_OBJECT (widget), mark_quark, NULL);
}

static void
unmark_field (GtkWidget  *widget,
              PgRecord   *record,
              const char *property,
              gpointer    user_data)
{
  if (in_fields (user_data, widget))
    unmark (widget);
}

/* Marks `widget` with the finding of its field (`property` interned, as
 * tags and marks hold it), if it has one. */
static void
mark_widget (PgReviewPanel *self,
             GtkWidget     *widget,
             PgRecord      *record,
             const char    *property)
{
  Mark key = { record, property, NULL };
  const Mark *mark = self->marks != NULL ? g_hash_table_lookup (self->marks, &key) : NULL;
  const PgFinding *finding = mark != NULL ? mark->finding : NULL;
  const char *marked;

  if (finding == NULL || !in_fields (self, widget))
    return;
  marked = g_object_get_qdata (G_OBJECT (widget), mark_quark);
  if (marked != NULL && g_str_equal (marked, finding->message)
      && gtk_widget_has_css_class (widget, finding->severity == PG_SEVERITY_ERROR ? "error" : "warning"))
    return;

  unmark (widget);
  gtk_widget_add_css_class (widget, finding->severity == PG_SEVERITY_ERROR ? "error" : "warning");
  /* A field's own message (an amount it cannot read) comes first. */
  if (gtk_widget_get_tooltip_text (widget) == NULL)
    pg_field_set_tooltip (widget, finding->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  finding->message, -1);
  g_object_set_qdata_full (G_OBJECT (widget), mark_quark, g_strdup (finding->message), g_free);
}

static void
mark_field (GtkWidget  *widget,
            PgRecord   *record,
            const char *property,
            gpointer    user_data)
{
  mark_widget (user_data, widget, record, property);
}

/* The marks of the findings shown: the fields that lost theirs are
 * cleared, the others marked (a field already showing its finding is left
 * as it is). */
static void
update_marks (PgReviewPanel *self)
{
  PgDocument *document = pg_review_get_document (self->review);
  GHashTable *before = g_steal_pointer (&self->marks);
  GHashTableIter iter;
  Mark *mark;

  self->marks = g_hash_table_new_full (mark_hash, mark_equal, mark_free, NULL);
  for (guint i = 0; i < self->shown->len; i++)
    {
      PgFinding *finding = self->shown->pdata[i];
      g_autofree char *property = NULL;
      PgRecord *record = pg_review_locate (document, finding->path, &property);
      Mark key = { record, g_intern_string (property), NULL };

      if (record == NULL || property == NULL || g_hash_table_contains (self->marks, &key))
        continue;
      mark = g_new (Mark, 1);
      *mark = key;
      g_object_ref (record);
      mark->finding = finding;
      g_hash_table_add (self->marks, mark);
    }

  if (before != NULL)
    {
      g_hash_table_iter_init (&iter, before);
      while (g_hash_table_iter_next (&iter, (gpointer *) &mark, NULL))
        if (!g_hash_table_contains (self->marks, mark))
          pg_field_foreach_tagged (mark->record, mark->property, unmark_field, self);
      g_hash_table_unref (before);
    }
  g_hash_table_iter_init (&iter, self->marks);
  while (g_hash_table_iter_next (&iter, (gpointer *) &mark, NULL))
    pg_field_foreach_tagged (mark->record, mark->property, mark_field, self);
}

/* Widgets tagged since the last update are marked once built: a step
 * that builds a table ends before the next frame. */
static gboolean
mark_new_fields (gpointer data)
{
  PgReviewPanel *self = data;
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

  self->mark_new_id = 0;
  for (guint i = 0; i < pending->len; i++)
    {
      PendingMark *entry = g_ptr_array_index (pending, i);

      mark_widget (self, entry->widget, entry->record, entry->property);
    }
  return G_SOURCE_REMOVE;
}

static void
pending_mark_free (gpointer data)
{
  PendingMark *entry = data;

  g_object_unref (entry->widget);
  g_object_unref (entry->record);
  g_free (entry);
}

static void
on_field_tagged (GtkWidget  *widget,
                 PgRecord   *record,
                 const char *property,
                 gpointer    user_data)
{
  PgReviewPanel *self = user_data;
  Mark key = { record, property, NULL };
  PendingMark *entry;

  if (property == NULL || self->marks == NULL || !g_hash_table_contains (self->marks, &key))
    return;
  entry = g_new (PendingMark, 1);
  entry->widget = g_object_ref (widget);
  entry->record = g_object_ref (record);
  entry->property = property;
  if (self->pending == NULL)
    self->pending = g_ptr_array_new_with_free_func (pending_mark_free);
  g_ptr_array_add (self->pending, entry);
  if (self->mark_new_id == 0)
    self->mark_new_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, mark_new_fields, self, NULL);
}

/* The list */

static GtkWidget *
finding_row (PgFinding *finding)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (finding->severity == PG_SEVERITY_ERROR
                                                  ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  GtkWidget *message = gtk_label_new (finding->message);
  GtkWidget *where = gtk_label_new (finding->path);
  g_autofree char *spoken = NULL;

  gtk_widget_add_css_class (icon, finding->severity == PG_SEVERITY_ERROR ? "error" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (where, "caption");
  gtk_widget_add_css_class (where, "dim-label");
  gtk_box_append (GTK_BOX (texts), message);
  gtk_box_append (GTK_BOX (texts), where);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  spoken = g_strdup_printf (finding->severity == PG_SEVERITY_ERROR
                            /* Translators: what a screen reader says for a finding of the review; %s is its message */
                            ? _("Error: %s")
                            /* Translators: what a screen reader says for a warning of the review; %s is its message */
                            : _("Warning: %s"),
                            finding->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  g_object_set_data_full (G_OBJECT (row), "finding", pg_finding_ref (finding), (GDestroyNotify) pg_finding_unref);
  return row;
}

/* Brings the list from the findings it shows (`listed`) to self->shown.
 * Most updates change one scope's findings, so only the rows between the
 * unchanged first and last ones are replaced: a long list stays cheap. */
static void
update_list (PgReviewPanel *self)
{
  GPtrArray *from = self->listed;
  GPtrArray *to = self->shown;
  guint prefix = 0, suffix = 0;

  self->list_stale = FALSE;
  if (from == NULL)
    from = g_ptr_array_new ();
  while (prefix < from->len && prefix < to->len && from->pdata[prefix] == to->pdata[prefix])
    prefix++;
  while (suffix < from->len - prefix && suffix < to->len - prefix
         && from->pdata[from->len - 1 - suffix] == to->pdata[to->len - 1 - suffix])
    suffix++;

  for (guint i = prefix; i < from->len - suffix; i++)
    gtk_list_box_remove (self->list, GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) prefix)));
  for (guint i = prefix; i < to->len - suffix; i++)
    gtk_list_box_insert (self->list, finding_row (to->pdata[i]), (int) i);

  g_ptr_array_unref (from);
  self->listed = g_ptr_array_ref (to);
}

static void
update_summary (PgReviewPanel *self)
{
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *summary = NULL;

  gtk_stack_set_visible_child_name (self->content, self->shown->len == 0 ? "clean" : "list");
  if (self->shown->len == 0)
    {
      gtk_label_set_label (self->summary, "");
      return;
    }
  /* Translators: how many errors the review found. */
  errors = g_strdup_printf (ngettext ("%u error", "%u errors", self->n_errors), self->n_errors);
  /* Translators: how many warnings the review found. */
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", self->n_warnings), self->n_warnings);
  /* Translators: the review's counts, "3 errors, 2 warnings" */
  summary = g_strdup_printf (C_("review summary", "%s, %s"), errors, warnings);
  gtk_label_set_label (self->summary, summary);
}

static gboolean
same_findings (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] != b->pdata[i])
      return FALSE;
  return TRUE;
}

void
pg_review_panel_update (PgReviewPanel *self)
{
  g_autoptr(GPtrArray) findings = NULL;
  guint n_errors, n_warnings;
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (PG_IS_REVIEW_PANEL (self));

  g_clear_handle_id (&self->update_id, g_source_remove);
  findings = pg_review_get_findings (self->review);
  n_errors = pg_review_get_n_errors (self->review);
  n_warnings = pg_review_get_n_warnings (self->review);

  /* Unchanged findings (the reviewer keeps their very objects) need no new
   * rows, but the marks are looked up again: a finding's path may name
   * another record now (an undo brought a deleted one back). */
  if (self->shown != NULL && same_findings (self->shown, findings))
    {
      update_marks (self);
      g_debug ("review panel: marks refreshed in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
      return;
    }
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  self->shown = g_steal_pointer (&findings);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_list (self);
  else
    self->list_stale = TRUE;
  update_marks (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_errors != n_errors)
    {
      self->n_errors = n_errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
  if (self->n_warnings != n_warnings)
    {
      self->n_warnings = n_warnings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
    }
  update_summary (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_debug ("review panel: %u findings shown in %.1f ms", self->shown->len,
           (g_get_monotonic_time () - start) / 1000.0);
}

static gboolean
update_later (gpointer data)
{
  PgReviewPanel *self = data;

  self->update_id = 0;
  pg_review_panel_update (self);
  return G_SOURCE_REMOVE;
}

static void
on_review_stale (PgReviewPanel *self)
{
  if (self->update_id == 0)
    self->update_id = g_timeout_add (UPDATE_DELAY_MS, update_later, self);
}

static void
on_row_activated (PgReviewPanel *self,
                  GtkListBoxRow *row)
{
  PgFinding *finding = g_object_get_data (G_OBJECT (row), "finding");

  g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding->path);
}

void
pg_review_panel_focus (PgReviewPanel *self)
{
  GtkListBoxRow *first;

  g_return_if_fail (PG_IS_REVIEW_PANEL (self));
  pg_review_panel_update (self);
  if (self->list_stale)
    update_list (self);
  first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

static void
pg_review_panel_map (GtkWidget *widget)
{
  PgReviewPanel *self = PG_REVIEW_PANEL (widget);

  GTK_WIDGET_CLASS (pg_review_panel_parent_class)->map (widget);
  if (self->list_stale)
    update_list (self);
}

PgReview *
pg_review_panel_get_review (PgReviewPanel *self)
{
  g_return_val_if_fail (PG_IS_REVIEW_PANEL (self), NULL);
  return self->review;
}

guint
pg_review_panel_get_n_errors (PgReviewPanel *self)
{
  g_return_val_if_fail (PG_IS_REVIEW_PANEL (self), 0);
  return self->n_errors;
}

guint
pg_review_panel_get_n_warnings (PgReviewPanel *self)
{
  g_return_val_if_fail (PG_IS_REVIEW_PANEL (self), 0);
  return self->n_warnings;
}

static void
build (PgReviewPanel *self)
{
  GtkWidget *title = gtk_label_new (_("Review"));
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clean = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->summary));
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Findings of the review"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (clean), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (clean), _("No problems found"));
  adw_status_page_set_description (ADW_STATUS_PAGE (clean),
                                   _("The declaration passes every check of the finance bureau’s review."));
  gtk_widget_add_css_class (clean, "compact");

  self->content = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->content), TRUE);
  gtk_stack_add_named (self->content, scrolled, "list");
  gtk_stack_add_named (self->content, clean, "clean");

  /* The panel is as wide as PANEL_WIDTH, never as wide as its longest
   * message would be unwrapped: the revealer gives it its natural width. */
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->content));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), PANEL_WIDTH);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), PANEL_WIDTH);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_size_request (clamp, PANEL_WIDTH, -1);
  gtk_widget_set_vexpand (clamp, TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_append (GTK_BOX (self), clamp);
}

GtkWidget *
pg_review_panel_new (PgDocument *document,
                     GtkWidget  *fields_root)
{
  PgReviewPanel *self;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (fields_root), NULL);

  self = g_object_new (PG_TYPE_REVIEW_PANEL, NULL);
  self->review = pg_review_new (document);
  self->fields_root = fields_root;
  build (self);
  g_signal_connect_object (self->review, "stale", G_CALLBACK (on_review_stale), self, G_CONNECT_SWAPPED);
  self->tag_watch = pg_field_watch_tags (on_field_tagged, self);
  pg_review_panel_update (self);
  return GTK_WIDGET (self);
}

static void
pg_review_panel_dispose (GObject *object)
{
  PgReviewPanel *self = PG_REVIEW_PANEL (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_handle_id (&self->mark_new_id, g_source_remove);
  if (self->tag_watch != 0)
    pg_field_unwatch_tags (self->tag_watch);
  self->tag_watch = 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_object (&self->review);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->listed, g_ptr_array_unref);
  G_OBJECT_CLASS (pg_review_panel_parent_class)->dispose (object);
}

static void
pg_review_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PgReviewPanel *self = PG_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pg_review_panel_class_init (PgReviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pg_review_panel_dispose;
  object_class->get_property = pg_review_panel_get_property;
  widget_class->map = pg_review_panel_map;

  properties[PROP_N_ERRORS] = g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WARNINGS] = g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PgReviewPanel::finding-activated:
   * @path: the exchange-format path of the finding the user chose
   */
  signals[FINDING_ACTIVATED] = g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  mark_quark = g_quark_from_static_string ("pg-review-mark");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pg_review_panel_init (PgReviewPanel *self)
{
}
