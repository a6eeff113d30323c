/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-sections.h"

GtkWidget *
pg_section_page_new (GtkWidget **out_box)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  *out_box = box;
  return scrolled;
}

void
pg_section_show_toast (GtkWidget  *widget,
                       const char *message,
                       gboolean    offer_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  toast = adw_toast_new (message);
  if (offer_undo)
    {
      adw_toast_set_button_label (toast, _("Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
pg_section_show_error (GtkWidget *widget,
                       GError    *error)
{
  pg_section_show_toast (widget, error->message, FALSE);
}

static void
scroll_now (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double top;

  if (scrolled == NULL)
    return;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (viewport == NULL || !gtk_widget_compute_bounds (widget, viewport, &bounds))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  top = gtk_adjustment_get_value (adjustment) + bounds.origin.y;
  gtk_adjustment_clamp_page (adjustment, top - 12, top + bounds.size.height + 12);
}

static void
scroll_after_paint (GdkFrameClock *clock,
                    GtkWidget     *widget)
{
  g_signal_handlers_disconnect_by_func (clock, scroll_after_paint, widget);
  if (gtk_widget_get_root (widget) != NULL)
    scroll_now (widget);
  g_object_unref (widget);
}

void
pg_section_scroll_into_view (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock == NULL)
    return;
  g_signal_connect (clock, "after-paint", G_CALLBACK (scroll_after_paint), g_object_ref (widget));
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

/* Rows */

#define ROW_DATA_KEY "pg-section-row"

void
pg_section_row_set_data (GtkWidget      *row,
                         gpointer        data,
                         GDestroyNotify  free_data)
{
  g_object_set_data_full (G_OBJECT (row), ROW_DATA_KEY, data, free_data);
}

gpointer
pg_section_row_get_data (GtkWidget *widget)
{
  return widget ? g_object_get_data (G_OBJECT (widget), ROW_DATA_KEY) : NULL;
}

gpointer
pg_section_row_containing (GtkWidget *page,
                           GtkWidget *widget)
{
  for (; widget != NULL && widget != page; widget = gtk_widget_get_parent (widget))
    {
      gpointer data = pg_section_row_get_data (widget);
      if (data != NULL)
        return data;
    }
  return NULL;
}

GtkWidget *
pg_section_get_focus (GtkWidget *page)
{
  GtkRoot *root = gtk_widget_get_root (page);
  return root ? gtk_root_get_focus (root) : NULL;
}

static int
get_cursor (GtkWidget *widget)
{
  if (GTK_IS_EDITABLE (widget))
    return gtk_editable_get_position (GTK_EDITABLE (widget));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      return gtk_text_iter_get_offset (&iter);
    }
  return -1;
}

PgFocusSpot
pg_section_find_focus (GtkWidget         *focus,
                       GtkWidget * const *parts,
                       guint              n_parts)
{
  PgFocusSpot spot = { -1, -1 };

  if (focus == NULL)
    return spot;
  /* The innermost part wins: the row itself is a part that holds the rest. */
  for (guint i = 0; i < n_parts; i++)
    if (parts[i] != NULL && (focus == parts[i] || gtk_widget_is_ancestor (focus, parts[i])))
      spot.part = (int) i;
  if (spot.part >= 0)
    spot.cursor = get_cursor (parts[spot.part]);
  return spot;
}

void
pg_section_set_cursor (GtkWidget *widget,
                       int        cursor)
{
  if (cursor < 0)
    return;
  if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_position (GTK_EDITABLE (widget), cursor);
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, cursor);
      gtk_text_buffer_place_cursor (buffer, &iter);
    }
}

void
pg_section_add_shortcut (GtkEventController *controller,
                         guint               keyval,
                         GdkModifierType     modifiers,
                         GtkShortcutFunc     callback,
                         gpointer            data,
                         GVariant           *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (callback, data, NULL));

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

void
pg_section_set_drag_icon (GtkDragSource *source,
                          GtkWidget     *shown,
                          GtkWidget     *handle,
                          double         x,
                          double         y)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (shown);
  double icon_x = 0, icon_y = 0;

  gtk_widget_translate_coordinates (handle, shown, x, y, &icon_x, &icon_y);
  gtk_drag_source_set_icon (source, paintable, (int) icon_x, (int) icon_y);
}

gboolean
pg_section_drop_is_after (GtkWidget *row,
                          double     y)
{
  return y > gtk_widget_get_height (row) / 2.0;
}

gboolean
pg_section_gap_to_position (guint  from,
                            guint  gap,
                            guint *position)
{
  /* Taking the item out first closes its own gap. */
  *position = from < gap ? gap - 1 : gap;
  return *position != from;
}
