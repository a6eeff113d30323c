/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-amount.h"
#include "pg-field.h"

typedef enum {
  FIELD_TEXT,
  FIELD_TEXT_VIEW,
  FIELD_AMOUNT,
} FieldKind;

typedef struct {
  FieldKind   kind;
  GtkWidget  *widget;    /* not owned: the binding lives on it */
  PgDocument *document;
  PgRecord   *record;
  char       *property;
  gulong      notify_id;
  guint       empty_id;  /* an emptied amount, waiting to be committed */
  gboolean    updating;  /* the widget is being set from the document */
} Binding;

typedef struct {
  GtkWidget  *widget;    /* not owned: the tag lives on it */
  PgRecord   *record;    /* not owned: compared, never dereferenced */
  const char *property;  /* interned */
} Tag;

typedef struct {
  PgFieldFunc func;
  gpointer    user_data;
} TagWatch;

static GQuark binding_quark;
static GQuark tag_quark;
/* Every tag, by its record: record → GPtrArray of Tag. A view that follows
 * a few fields among the thousands of a window (the review's marks) looks
 * them up here instead of walking every widget. */
static GHashTable *tags_by_record;
static GArray *tag_watches;  /* TagWatch */
static guint n_tag_watches;  /* ids given out: a watch's id is its index + 1 */

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  g_clear_handle_id (&binding->empty_id, g_source_remove);
  g_clear_signal_handler (&binding->notify_id, binding->record);
  g_clear_object (&binding->record);
  g_clear_object (&binding->document);
  g_free (binding->property);
  g_free (binding);
}

static void
tag_free (gpointer data)
{
  Tag *tag = data;
  GPtrArray *tags = g_hash_table_lookup (tags_by_record, tag->record);

  /* The widget is being finalized, or tagged anew. */
  if (tags != NULL)
    {
      g_ptr_array_remove_fast (tags, tag);
      if (tags->len == 0)
        g_hash_table_remove (tags_by_record, tag->record);
    }
  g_free (tag);
}

static void
ensure_quarks (void)
{
  if (binding_quark == 0)
    {
      binding_quark = g_quark_from_static_string ("pg-field-binding");
      tag_quark = g_quark_from_static_string ("pg-field-tag");
      tags_by_record = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
      tag_watches = g_array_new (FALSE, TRUE, sizeof (TagWatch));
    }
}

void
pg_field_tag (GtkWidget  *widget,
              PgRecord   *record,
              const char *property)
{
  Tag *tag = g_new0 (Tag, 1);

  GPtrArray *tags;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  ensure_quarks ();
  tag->widget = widget;
  tag->record = record;
  tag->property = g_intern_string (property);
  /* Frees an earlier tag of the widget, which leaves the index. */
  g_object_set_qdata_full (G_OBJECT (widget), tag_quark, tag, tag_free);
  tags = g_hash_table_lookup (tags_by_record, record);
  if (tags == NULL)
    {
      tags = g_ptr_array_new ();
      g_hash_table_insert (tags_by_record, record, tags);
    }
  g_ptr_array_add (tags, tag);

  for (guint i = 0; i < tag_watches->len; i++)
    {
      const TagWatch *watch = &g_array_index (tag_watches, TagWatch, i);

      if (watch->func != NULL)
        watch->func (widget, record, tag->property, watch->user_data);
    }
}

GtkWidget *
pg_field_find (GtkWidget  *root,
               PgRecord   *record,
               const char *property)
{
  Tag *tag;

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  ensure_quarks ();

  tag = g_object_get_qdata (G_OBJECT (root), tag_quark);
  if (tag != NULL && tag->record == record
      && (property == NULL || g_strcmp0 (tag->property, property) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pg_field_find (child, record, property);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
pg_field_foreach (GtkWidget   *root,
                  PgFieldFunc  func,
                  gpointer     user_data)
{
  Tag *tag;

  g_return_if_fail (GTK_IS_WIDGET (root));
  ensure_quarks ();

  tag = g_object_get_qdata (G_OBJECT (root), tag_quark);
  if (tag != NULL)
    func (root, tag->record, tag->property, user_data);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    pg_field_foreach (child, func, user_data);
}

void
pg_field_foreach_tagged (PgRecord    *record,
                         const char  *property,
                         PgFieldFunc  func,
                         gpointer     user_data)
{
  GPtrArray *tags;
  g_autoptr(GPtrArray) widgets = NULL;

  g_return_if_fail (func != NULL);
  ensure_quarks ();

  tags = g_hash_table_lookup (tags_by_record, record);
  if (tags == NULL)
    return;
  /* The widgets first: `func` may tag or untag some. */
  widgets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tags->len; i++)
    {
      const Tag *tag = g_ptr_array_index (tags, i);

      if (g_strcmp0 (tag->property, property) == 0)
        g_ptr_array_add (widgets, g_object_ref (tag->widget));
    }
  for (guint i = 0; i < widgets->len; i++)
    func (g_ptr_array_index (widgets, i), record, property, user_data);
}

guint
pg_field_watch_tags (PgFieldFunc func,
                     gpointer    user_data)
{
  TagWatch watch = { func, user_data };

  g_return_val_if_fail (func != NULL, 0);
  ensure_quarks ();

  g_array_append_val (tag_watches, watch);
  return ++n_tag_watches;
}

void
pg_field_unwatch_tags (guint id)
{
  g_return_if_fail (id > 0 && id <= tag_watches->len);

  /* Left in place, empty: the other watches keep their ids. */
  g_array_index (tag_watches, TagWatch, id - 1).func = NULL;
}

void
pg_field_set_label (GtkWidget  *widget,
                    const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* An indicator table set hundreds of tooltips as it was built, a fifth of
 * its time in round trips to the X server. A widget not in a window yet is
 * hidden while its tooltip is set, which costs nothing; in a window, a
 * tooltip is set only when it changes. */
void
pg_field_set_tooltip (GtkWidget  *widget,
                      const char *text)
{
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;
  if (gtk_widget_get_root (widget) == NULL && gtk_widget_get_visible (widget))
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
    }
  else
    gtk_widget_set_tooltip_text (widget, text);
}

/* Marks a field whose text the document cannot take, or clears the mark. */
static void
mark_invalid (GtkWidget  *widget,
              const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      pg_field_set_tooltip (widget, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else if (gtk_widget_has_css_class (widget, "error"))
    {
      gtk_widget_remove_css_class (widget, "error");
      pg_field_set_tooltip (widget, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* The document's value as the field shows it. */
static char *
model_text (Binding *binding)
{
  if (binding->kind == FIELD_AMOUNT)
    {
      gint64 amount = PG_AMOUNT_NONE;
      g_object_get (binding->record, binding->property, &amount, NULL);
      return amount == PG_AMOUNT_NONE ? g_strdup ("") : pg_amount_format_for_locale (amount, 0);
    }
  else
    {
      char *text = NULL;
      g_object_get (binding->record, binding->property, &text, NULL);
      return text ? text : g_strdup ("");
    }
}

static char *
widget_text (Binding *binding)
{
  if (binding->kind == FIELD_TEXT_VIEW)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (binding->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (binding->widget)));
}

/* Whether the field's text already stands for the document's value, so a
 * change from the document need not touch it (and move the cursor). */
static gboolean
shows_model_value (Binding *binding)
{
  g_autofree char *shown = widget_text (binding);

  if (binding->kind == FIELD_AMOUNT)
    {
      gint64 model = PG_AMOUNT_NONE, typed = PG_AMOUNT_NONE;
      g_autoptr(GError) error = NULL;

      g_object_get (binding->record, binding->property, &model, NULL);
      if (!pg_amount_parse (shown, &typed, &error))
        return FALSE;
      return typed == model;
    }
  else
    {
      g_autofree char *model = model_text (binding);
      return g_strcmp0 (model, shown) == 0;
    }
}

static void
show_model_value (Binding *binding)
{
  g_autofree char *text = NULL;

  if (shows_model_value (binding))
    return;
  text = model_text (binding);
  binding->updating = TRUE;
  if (binding->kind == FIELD_TEXT_VIEW)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (binding->widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (binding->widget), text);
  binding->updating = FALSE;
  mark_invalid (binding->widget, NULL);
}

static void
on_model_notify (GObject    *record,
                 GParamSpec *pspec,
                 Binding    *binding)
{
  show_model_value (binding);
}

static void commit (Binding  *binding,
                    gboolean  now);

static gboolean
commit_emptied_amount (gpointer data)
{
  Binding *binding = data;

  binding->empty_id = 0;
  commit (binding, TRUE);
  return G_SOURCE_REMOVE;
}

/* Sends the field's text to the document as one command. */
static void
commit (Binding  *binding,
        gboolean  now)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (binding->updating)
    return;
  g_clear_handle_id (&binding->empty_id, g_source_remove);
  text = widget_text (binding);

  if (binding->kind == FIELD_AMOUNT)
    {
      gint64 amount = PG_AMOUNT_NONE;

      if (!pg_amount_parse (text, &amount, &error))
        {
          if (!g_error_matches (error, PG_AMOUNT_ERROR, PG_AMOUNT_ERROR_EMPTY))
            {
              mark_invalid (binding->widget, error->message);
              return;
            }
          g_clear_error (&error);
          /* Replacing the text of a GtkEntry (gtk_editable_set_text(), a
           * paste over a selection) passes through an empty text with a
           * "changed" of its own. Committed at once, it would throw the
           * amount away even when the new text is not an amount; so an
           * empty amount waits until the change is over. */
          if (!now)
            {
              binding->empty_id = g_idle_add_full (G_PRIORITY_HIGH, commit_emptied_amount, binding, NULL);
              return;
            }
          amount = PG_AMOUNT_NONE;
        }
      ok = pg_document_set_amount (binding->document, binding->record, binding->property, amount, &error);
    }
  else
    ok = pg_document_set_string (binding->document, binding->record, binding->property, text, &error);

  mark_invalid (binding->widget, ok ? NULL : error->message);
}

static void
on_editable_changed (GtkEditable *editable,
                     Binding     *binding)
{
  commit (binding, FALSE);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   Binding       *binding)
{
  commit (binding, FALSE);
}

/* Leaving a field ends its run of coalesced edits: the next edit of the
 * same field is a new undo step. An amount shows its canonical form. */
static void
on_focus_leave (GtkEventControllerFocus *controller,
                Binding                 *binding)
{
  if (binding->empty_id != 0)
    commit (binding, TRUE);
  pg_document_break_coalescing (binding->document);
  if (binding->kind == FIELD_AMOUNT && !gtk_widget_has_css_class (binding->widget, "error"))
    {
      g_autofree char *canonical = model_text (binding);
      g_autofree char *shown = widget_text (binding);

      if (g_strcmp0 (canonical, shown) != 0)
        {
          binding->updating = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (binding->widget), canonical);
          binding->updating = FALSE;
        }
    }
}

/* GTK 4.8 sizes a text view that is created inside a shown list (a row
 * the list rebuilds after a move, an undo) before it lays its text out, and
 * then keeps that 1-pixel height. One frame later its real height is known:
 * ask for it again then. */
static void
on_text_view_painted (GdkFrameClock *clock,
                      GtkWidget     *view)
{
  int width = gtk_widget_get_width (view);
  int natural = 0;

  g_signal_handlers_disconnect_by_func (clock, on_text_view_painted, view);
  if (width > 0 && gtk_widget_get_mapped (view))
    {
      gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
      if (natural != gtk_widget_get_height (view))
        gtk_widget_queue_resize (view);
    }
  g_object_unref (view);
}

static void
on_text_view_map (GtkWidget *view)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);

  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_text_view_painted), g_object_ref (view));
}

static void
bind (GtkWidget  *widget,
      FieldKind   kind,
      PgDocument *document,
      PgRecord   *record,
      const char *property)
{
  Binding *binding = g_new0 (Binding, 1);
  g_autofree char *signal = g_strdup_printf ("notify::%s", property);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  ensure_quarks ();
  binding->kind = kind;
  binding->widget = widget;
  binding->document = g_object_ref (document);
  binding->record = g_object_ref (record);
  binding->property = g_strdup (property);
  g_object_set_qdata_full (G_OBJECT (widget), binding_quark, binding, binding_free);
  pg_field_tag (widget, record, property);

  show_model_value (binding);
  binding->notify_id = g_signal_connect (record, signal, G_CALLBACK (on_model_notify), binding);

  if (kind == FIELD_TEXT_VIEW)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

      gtk_text_buffer_set_enable_undo (buffer, FALSE);
      g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed), binding);
      g_signal_connect (widget, "map", G_CALLBACK (on_text_view_map), NULL);
    }
  else
    {
      gtk_editable_set_enable_undo (GTK_EDITABLE (widget), FALSE);
      g_signal_connect (widget, "changed", G_CALLBACK (on_editable_changed), binding);
    }

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), binding);
  gtk_widget_add_controller (widget, focus);
}

void
pg_field_bind_text (GtkEditable *editable,
                    PgDocument  *document,
                    PgRecord    *record,
                    const char  *property)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  bind (GTK_WIDGET (editable), FIELD_TEXT, document, record, property);
}

void
pg_field_bind_text_view (GtkTextView *view,
                         PgDocument  *document,
                         PgRecord    *record,
                         const char  *property)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  bind (GTK_WIDGET (view), FIELD_TEXT_VIEW, document, record, property);
}

void
pg_field_bind_amount (GtkEditable *editable,
                      PgDocument  *document,
                      PgRecord    *record,
                      const char  *property)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  bind (GTK_WIDGET (editable), FIELD_AMOUNT, document, record, property);
}
