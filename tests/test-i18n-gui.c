/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window in Chinese at 800×600, under Xvfb: the UI really is in Chinese,
 * the window fits, and on every page no label is cut off: none is
 * ellipsized, none is given less room than it needs, and none reaches past
 * the window's edge (or past the visible width of the scrolled area that
 * holds it). The date of filing reads as the form writes it: 2023年1月5日. Chinese labels are shorter than English ones but taller and
 * without spaces to wrap at, so this is where a cut-off shows first.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "gui-test-util.h"

#define WIDTH 800
#define HEIGHT 600

static const char *pages[] = { "basic", "finance", "functions", "tasks", "projects", "goals" };

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *n_frames = data;

  (*n_frames)++;
  return G_SOURCE_CONTINUE;
}

/* Waits until the window has drawn a few frames, so that a page built on
 * first show has been laid out at the window's final size. The work left
 * for idle time (the goals' tables are built in steps) is done first: a
 * row attached after the last frame has no size yet. */
static void
settle (GtkWidget *window)
{
  guint n_frames = 0;
  guint id;
  gint64 give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  pg_test_drain ();
  id = gtk_widget_add_tick_callback (window, count_frame, &n_frames, NULL);
  while (n_frames < 4 && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (window, id);
}

/* Whether `widget` is really on screen: mapped, with every ancestor's child
 * visible (a GtkStack's hidden pages stay mapped for a moment). */
static gboolean
is_shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_mapped (w) || !gtk_widget_get_child_visible (w))
      return FALSE;
  return TRUE;
}

/* The horizontal range, in window coordinates, where `label` can be seen:
 * the window, narrowed by every scrolled window around the label. */
static void
visible_range (GtkWidget *label,
               GtkWidget *window,
               double    *left,
               double    *right)
{
  *left = 0;
  *right = gtk_widget_get_width (window);
  for (GtkWidget *w = gtk_widget_get_parent (label); w != NULL && w != window; w = gtk_widget_get_parent (w))
    {
      graphene_rect_t bounds;
      GtkPolicyType hpolicy;

      if (!GTK_IS_SCROLLED_WINDOW (w))
        continue;
      /* Content that scrolls sideways is not cut off: it can be reached. */
      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (w), &hpolicy, NULL);
      if (hpolicy != GTK_POLICY_NEVER && hpolicy != GTK_POLICY_EXTERNAL)
        {
          *left = -G_MAXDOUBLE;
          *right = G_MAXDOUBLE;
          return;
        }
      if (gtk_widget_compute_bounds (w, window, &bounds))
        {
          *left = MAX (*left, bounds.origin.x);
          *right = MIN (*right, bounds.origin.x + bounds.size.width);
        }
    }
}

/* Why `label` is cut off, or NULL when it is shown whole. */
static char *
cut_off (GtkLabel  *label,
         GtkWidget *window)
{
  GtkWidget *widget = GTK_WIDGET (label);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_width, text_height;
  graphene_rect_t bounds;
  double left, right;
  PangoLayout *layout = gtk_label_get_layout (label);

  if (pango_layout_is_ellipsized (layout))
    return g_strdup ("ellipsized");

  /* The text as laid out (wrapped to the allocation, if the label wraps)
   * must fit the label's content box. */
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  if (text_width > width || text_height > height)
    return g_strdup_printf ("%d×%d px of text in %d×%d", text_width, text_height, width, height);

  if (!gtk_widget_compute_bounds (widget, window, &bounds))
    return NULL;
  visible_range (widget, window, &left, &right);
  /* Half a pixel of slack for fractional positions. */
  if (bounds.origin.x < left - 0.5 || bounds.origin.x + bounds.size.width > right + 0.5)
    return g_strdup_printf ("spans x %.0f–%.0f, visible %.0f–%.0f",
                            bounds.origin.x, bounds.origin.x + bounds.size.width, left, right);
  return NULL;
}

static void
collect_cut_off (GtkWidget *widget,
                 GtkWidget *window,
                 const char *page,
                 GString   *report,
                 guint     *n_labels)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget) && is_shown (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      g_autofree char *why = cut_off (GTK_LABEL (widget), window);

      (*n_labels)++;
      if (why != NULL)
        g_string_append_printf (report, "  %s: “%s”: %s\n", page, gtk_label_get_text (GTK_LABEL (widget)), why);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_cut_off (child, window, page, report, n_labels);
}

/* Whether some row under `widget` has the subtitle `subtitle`. */
static gboolean
has_row_subtitled (GtkWidget  *widget,
                   const char *subtitle)
{
  if (ADW_IS_ACTION_ROW (widget) && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), subtitle) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_row_subtitled (child, subtitle))
      return TRUE;
  return FALSE;
}

static void
test_chinese_window_fits (void)
{
  g_autoptr(PgDocument) doc = pg_test_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  PgWindow *window;
  GtkStack *stack;
  guint n_labels = 0;

  /* The example's date of filing is empty, as the bureau noted. */
  g_assert_true (pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)),
                                         "fill-date", "2023-01-05", &error));
  g_assert_no_error (error);
  window = pg_window_new (NULL, doc);

  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  settle (GTK_WIDGET (window));

  /* The UI really is in Chinese: otherwise this test would prove nothing. */
  stack = pg_test_page_stack (window);
  g_assert_cmpstr (gtk_stack_page_get_title (gtk_stack_get_page (stack, gtk_stack_get_child_by_name (stack, "goals"))),
                   ==, "年度目标");

  /* Dates as the form writes them. */
  g_assert_true (has_row_subtitled (GTK_WIDGET (window), "2023年1月5日"));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]));
      settle (GTK_WIDGET (window));

      /* The window fits the screen: nothing demands more than 800×600. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, WIDTH);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, HEIGHT);

      collect_cut_off (GTK_WIDGET (window), GTK_WIDGET (window), pages[i], report, &n_labels);
    }

  g_test_message ("%u labels checked on %zu pages", n_labels, G_N_ELEMENTS (pages));
  /* A page that showed nothing would pass vacuously. */
  g_assert_cmpuint (n_labels, >, 100);
  if (report->len > 0)
    g_error ("labels cut off at %d×%d in Chinese:\n%s", WIDTH, HEIGHT, report->str);

  gtk_window_destroy (GTK_WINDOW (window));
  pg_test_drain ();
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("PERFGOAL_LOCALEDIR");

  /* The language of the desktop, as a user in China has it. LANGUAGE wins
   * over the locale for messages as long as the locale is not "C". */
  if (!pg_test_gui_init (&argc, &argv, "zh_CN"))
    return 0;
  /* The catalog just built, not an installed one. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n-gui/chinese-window-fits-800x600", test_chinese_window_fits);
  return g_test_run ();
}
