/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Functions" page: the overview of the department's functions
 * (部门职能概述), one long text of numbered paragraphs. The text view does
 * not scroll by itself: it grows, and the page scrolls.
 */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>

#include "pg-field.h"
#include "pg-sections.h"

/* Counted from the document, which every keystroke reaches at once. */
static void
update_count (PgDeclaration *declaration,
              GParamSpec    *pspec,
              GtkLabel      *label)
{
  const char *text = pg_declaration_get_functions (declaration);
  glong n = g_utf8_strlen (text != NULL ? text : "", -1);
  g_autofree char *caption = NULL;

  /* Translators: the length of the functions overview. */
  caption = g_strdup_printf (ngettext ("%ld character", "%ld characters", (gulong) n), n);
  gtk_label_set_text (label, caption);
}

GtkWidget *
pg_section_functions_new (PgDocument *document)
{
  PgDeclaration *declaration;
  GtkWidget *box;
  GtkWidget *page;
  GtkWidget *group;
  GtkWidget *frame;
  GtkWidget *view;
  GtkWidget *count;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  declaration = pg_document_get_declaration (document);
  page = pg_section_page_new (&box);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Overview of Departmental Functions"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What the department is for, usually in numbered paragraphs."));

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), FALSE);
  /* Tab moves on to the next field, as in every other input of the window. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (view), 2);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_vexpand (view, TRUE);
  pg_field_set_label (view, _("Overview of departmental functions"));
  pg_field_bind_text_view (GTK_TEXT_VIEW (view), document, PG_RECORD (declaration), "functions");

  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "view");
  /* An empty overview still offers a field the size of a few paragraphs.
   * The minimum goes on the frame: on the text view itself it would stop
   * the view from growing with its text. */
  gtk_widget_set_size_request (frame, -1, 200);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_widget_add_css_class (count, "caption");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_set_margin_top (count, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), count);
  update_count (declaration, NULL, GTK_LABEL (count));
  g_signal_connect_object (declaration, "notify::functions", G_CALLBACK (update_count), count, 0);

  gtk_box_append (GTK_BOX (box), group);
  return page;
}
