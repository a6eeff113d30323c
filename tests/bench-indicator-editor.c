/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints timings of the indicator tree editor on the large declaration
 * (50 goals × 60 level-3 indicators): showing one goal's editor, collapsing
 * and expanding a level-1 (20 indicators), committing a cell edit (the
 * entry's text through the document to the working copy), and the whole
 * Goals page of 50 goals in the window; then collapsing, expanding and
 * committing again in the window a user has (default size, Goals page).
 * Then it scrolls that page down 120 px a frame and times each frame to the
 * next, idle work between them included (the longest are the goals' tables
 * being built as they come near).
 * Each is the handler's time, then the next frame's (with its layout phase
 * and its paint phase: snapshot and rendering), then both: what must stay
 * under one frame (16 ms). A benchmark, not a test: it asserts nothing about
 * time, the machines are shared and noisy. The frames depend on the
 * renderer: it is the one the application chooses (cairo where OpenGL is
 * software, as under Xvfb), or GSK_RENDERER's: GSK_RENDERER=gl redraws the
 * whole window each frame, cairo only what changed.
 *
 *   xvfb-run bench-indicator-editor [ROUNDS]
 *
 * PERFGOAL_BENCH_SKIP_PAGE=1 leaves out the Goals page.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-report.h"
#include "gui-test-util.h"
#include "test-dirs.h"
#include "large-declaration.h"
#include "pg-field.h"
#include "pg-indicator-editor.h"
#include "pg-renderer.h"
#include "pg-review-panel.h"
#include "pg-window.h"

#define N_GOALS 50

/* The next frame: from its first phase to the end of its drawing, and when
 * its layout phase and its paint phase (snapshot and rendering) ended. */
typedef struct {
  gint64   started;
  gint64   laid_out;
  gint64   painted;
  double   ms;
  gboolean done;
  guint    timeout_id;
} Frame;

/* The phases of the last frame waited for, in ms. */
static double last_layout_ms, last_paint_ms;

static void
on_before_paint (GdkFrameClock *clock,
                 Frame         *frame)
{
  if (frame->started == 0)
    frame->started = g_get_monotonic_time ();
}

/* Connected after GTK's own handlers: the end of each phase. */
static void
on_layout (GdkFrameClock *clock,
           Frame         *frame)
{
  if (frame->started != 0 && frame->laid_out == 0)
    frame->laid_out = g_get_monotonic_time ();
}

static void
on_paint (GdkFrameClock *clock,
          Frame         *frame)
{
  if (frame->started != 0 && frame->painted == 0)
    frame->painted = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Frame         *frame)
{
  gint64 laid_out;

  if (frame->started == 0 || frame->done)
    return;
  frame->ms = (g_get_monotonic_time () - frame->started) / 1000.0;
  laid_out = frame->laid_out != 0 ? frame->laid_out : frame->started;
  last_layout_ms = (laid_out - frame->started) / 1000.0;
  last_paint_ms = frame->painted != 0 ? (frame->painted - laid_out) / 1000.0 : 0;
  frame->done = TRUE;
}

static gboolean
on_no_frame (gpointer data)
{
  Frame *frame = data;

  frame->done = TRUE;  /* nothing changed on screen: no frame to wait for */
  frame->timeout_id = 0;
  return G_SOURCE_REMOVE;
}

/* The frame that draws what the last change invalidated (only that: GTK
 * redraws the damaged part of the window). */
static double
next_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Frame frame = { 0, 0, 0, 0, FALSE, 0 };
  gulong before = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &frame);
  gulong layout = g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout), &frame);
  gulong paint = g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint), &frame);
  gulong after = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frame);

  last_layout_ms = last_paint_ms = 0;
  frame.timeout_id = g_timeout_add (1000, on_no_frame, &frame);
  while (!frame.done)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&frame.timeout_id, g_source_remove);
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, layout);
  g_signal_handler_disconnect (clock, paint);
  g_signal_handler_disconnect (clock, after);
  return frame.ms;
}

/* Handler, frame (with its layout and paint phases) and handler plus
 * frame, for one sample. */
typedef struct {
  GArray *handler;
  GArray *frame;
  GArray *layout;
  GArray *paint;
  GArray *total;
} Samples;

static Samples
samples_new (void)
{
  Samples s = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                g_array_new (FALSE, FALSE, sizeof (double)) };
  return s;
}

/* `frame` is what next_frame() returned, just before. */
static void
samples_add (Samples *s,
             double   handler,
             double   frame)
{
  double total = handler + frame;

  g_array_append_val (s->handler, handler);
  g_array_append_val (s->frame, frame);
  g_array_append_val (s->layout, last_layout_ms);
  g_array_append_val (s->paint, last_paint_ms);
  g_array_append_val (s->total, total);
}

static void
samples_report (const char *what,
                Samples    *s)
{
  g_autofree char *handler = g_strdup_printf ("%s: handler", what);
  g_autofree char *frame = g_strdup_printf ("%s: next frame", what);
  g_autofree char *layout = g_strdup_printf ("%s:   its layout", what);
  g_autofree char *paint = g_strdup_printf ("%s:   its paint", what);
  g_autofree char *total = g_strdup_printf ("%s: both", what);

  bench_report (handler, s->handler);
  bench_report (frame, s->frame);
  bench_report (layout, s->layout);
  bench_report (paint, s->paint);
  bench_report (total, s->total);
  g_array_unref (s->handler);
  g_array_unref (s->frame);
  g_array_unref (s->layout);
  g_array_unref (s->paint);
  g_array_unref (s->total);
}

/* Scrolling a page by a tick callback, a step a frame. */
typedef struct {
  GtkAdjustment *adjustment;
  GArray        *intervals;  /* ms from a frame to the next */
  gint64         last;
  gboolean       done;
} Scroll;

/* Its own function, for profilers to single out. */
static __attribute__ ((noinline)) void
run_until_scrolled (Scroll *scroll)
{
  while (!scroll->done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Scroll *scroll = data;
  gint64 now = g_get_monotonic_time ();
  double value = gtk_adjustment_get_value (scroll->adjustment) + 120;
  double end = MIN (30000, gtk_adjustment_get_upper (scroll->adjustment) - gtk_adjustment_get_page_size (scroll->adjustment));

  if (scroll->last != 0)
    {
      double ms = (now - scroll->last) / 1000.0;

      g_array_append_val (scroll->intervals, ms);
    }
  scroll->last = now;
  if (value > end)
    {
      scroll->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (scroll->adjustment, value);
  return G_SOURCE_CONTINUE;
}

static gpointer
item (GListModel *list,
      guint       position)
{
  gpointer object = g_list_model_get_item (list, position);
  g_object_unref (object); /* the list keeps it */
  return object;
}

int
main (int    argc,
      char **argv)
{
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 20;
  g_autoptr(PgDocument) doc = NULL;
  Samples show = samples_new (), collapse = samples_new (), expand = samples_new (), edit = samples_new ();
  Samples page = samples_new (), redraw = samples_new (), relayout = samples_new ();
  Samples in_window_collapse = samples_new (), in_window_expand = samples_new (), in_window_edit = samples_new ();
  g_autoptr(GArray) scroll_steps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) review_updates = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window, *scrolled;

  pg_test_private_data_home ("perfgoal-bench-editor");
  g_setenv ("LANGUAGE", "en", TRUE);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "no display: run under xvfb-run\n");
      return 1;
    }
  adw_init ();
  /* The renderer the application would choose (pg-renderer.h), unless
   * GSK_RENDERER says. */
  pg_renderer_choose ();
  doc = large_declaration_new (N_GOALS, 300, 60);
  pg_document_set_coalesce_ms (doc, 0);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  scrolled = gtk_scrolled_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  next_frame (window);

  for (guint r = 0; r < rounds; r++)
    {
      PgGoal *goal = item (pg_document_get_goals (doc), r % N_GOALS);
      PgIndicator *level1 = item (pg_goal_get_indicators (goal), 0);
      PgIndicator *leaf = item (pg_indicator_get_children (item (pg_indicator_get_children (level1), 0)), 0);
      g_autofree char *value = g_strdup_printf ("≥%u 人次", 1000 + r);
      GtkWidget *editor, *node, *target;
      gint64 t0;
      double handler;

      /* Show one goal's editor. */
      t0 = g_get_monotonic_time ();
      editor = pg_indicator_editor_new (doc, goal);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), editor);
      handler = (g_get_monotonic_time () - t0) / 1000.0;
      samples_add (&show, handler, next_frame (window));

      /* Collapse and expand its first level-1. */
      node = pg_field_find (editor, PG_RECORD (level1), NULL);
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (node, "indicator.toggle-expanded", "x", pg_record_get_id (PG_RECORD (level1)));
      handler = (g_get_monotonic_time () - t0) / 1000.0;
      samples_add (&collapse, handler, next_frame (window));
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (node, "indicator.toggle-expanded", "x", pg_record_get_id (PG_RECORD (level1)));
      handler = (g_get_monotonic_time () - t0) / 1000.0;
      samples_add (&expand, handler, next_frame (window));

      /* The floor: a frame redrawing one button, for nothing changed. */
      gtk_widget_queue_draw (node);
      samples_add (&redraw, 0, next_frame (window));
      /* And one laying the grid out again, for nothing changed. */
      gtk_widget_queue_resize (node);
      samples_add (&relayout, 0, next_frame (window));

      /* Commit a cell edit: the text through the field to the document. */
      target = pg_field_find (editor, PG_RECORD (leaf), "target");
      t0 = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (target), value);
      handler = (g_get_monotonic_time () - t0) / 1000.0;
      samples_add (&edit, handler, next_frame (window));
      if (g_strcmp0 (pg_indicator_get_target (leaf), value) != 0)
        g_error ("the edit did not reach the document");
    }
  printf ("Indicator tree editor, %d goals × 60 level-3 indicators, drawn by %s\n", N_GOALS,
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The whole Goals page of the window: all 50 goals' editors. */
  for (guint r = 0; r < (g_getenv ("PERFGOAL_BENCH_SKIP_PAGE") ? 0 : MAX (rounds / 10, 2)); r++)
    {
      PgWindow *pg_window = pg_window_new (NULL, doc);
      gint64 t0;
      double handler;

      gtk_window_present (GTK_WINDOW (pg_window));
      next_frame (GTK_WIDGET (pg_window));
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (pg_window), "win.show-page", "s", "goals");
      handler = (g_get_monotonic_time () - t0) / 1000.0;
      samples_add (&page, handler, next_frame (GTK_WIDGET (pg_window)));
      gtk_window_destroy (GTK_WINDOW (pg_window));
    }

  /* The same in the window a user has, at its default size, on the Goals
   * page: goal 1's first level-1 collapsed and expanded, a target edited. */
  {
    PgWindow *pg_window = pg_window_new (NULL, doc);
    PgGoal *goal = item (pg_document_get_goals (doc), 0);
    PgIndicator *level1 = item (pg_goal_get_indicators (goal), 0);
    PgIndicator *leaf = item (pg_indicator_get_children (item (pg_indicator_get_children (level1), 0)), 0);
    GtkWidget *node, *target;

    gtk_window_present (GTK_WINDOW (pg_window));
    gtk_widget_activate_action (GTK_WIDGET (pg_window), "win.show-page", "s", "goals");
    for (guint i = 0; i < 3; i++)
      next_frame (GTK_WIDGET (pg_window));
    /* Measured once the tables near the view are built: the page builds
     * them in steps after it is shown. */
    for (gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; g_get_monotonic_time () < until;)
      {
        gboolean building = FALSE;

        for (guint i = 0; i < 5; i++)
          {
            GtkWidget *editor = pg_indicator_editor_find (GTK_WIDGET (pg_window), item (pg_document_get_goals (doc), i));

            building = building || (editor != NULL && !pg_indicator_editor_is_built (editor));
          }
        if (!building)
          break;
        g_main_context_iteration (NULL, TRUE);
      }
    node = pg_field_find (GTK_WIDGET (pg_window), PG_RECORD (level1), NULL);
    target = pg_field_find (GTK_WIDGET (pg_window), PG_RECORD (leaf), "target");
    if (node == NULL || target == NULL)
      g_error ("goal 1's editor is not in the window");
    for (guint r = 0; r < rounds; r++)
      {
        g_autofree char *value = g_strdup_printf ("≥%u 人次", 2000 + r);
        gint64 t0 = g_get_monotonic_time ();
        double handler;

        gtk_widget_activate_action (node, "indicator.toggle-expanded", "x", pg_record_get_id (PG_RECORD (level1)));
        handler = (g_get_monotonic_time () - t0) / 1000.0;
        samples_add (&in_window_collapse, handler, next_frame (GTK_WIDGET (pg_window)));
        t0 = g_get_monotonic_time ();
        gtk_widget_activate_action (node, "indicator.toggle-expanded", "x", pg_record_get_id (PG_RECORD (level1)));
        handler = (g_get_monotonic_time () - t0) / 1000.0;
        samples_add (&in_window_expand, handler, next_frame (GTK_WIDGET (pg_window)));
        t0 = g_get_monotonic_time ();
        gtk_editable_set_text (GTK_EDITABLE (target), value);
        handler = (g_get_monotonic_time () - t0) / 1000.0;
        samples_add (&in_window_edit, handler, next_frame (GTK_WIDGET (pg_window)));
      }
    /* Scrolling down the page 120 px a frame (three wheel clicks): the time
     * from a frame to the next, idle work between them included (a goal's
     * table is built as it comes within a screen). */
    {
      Scroll scroll = { 0 };

      scroll.adjustment = gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (pg_field_find (GTK_WIDGET (pg_window), PG_RECORD (goal), NULL),
                                                      GTK_TYPE_SCROLLED_WINDOW)));
      scroll.intervals = scroll_steps;
      gtk_adjustment_set_value (scroll.adjustment, 0);
      next_frame (GTK_WIDGET (pg_window));
      gtk_widget_add_tick_callback (GTK_WIDGET (pg_window), scroll_tick, &scroll, NULL);
      run_until_scrolled (&scroll);
    }
    /* The review panel catching up with an edit (what it does 300 ms after
     * the user stops typing), with the tables the scroll built. */
    {
      GtkWidget *panel = pg_test_find_of_type (GTK_WIDGET (pg_window), PG_TYPE_REVIEW_PANEL);

      if (panel == NULL)
        g_error ("no review panel in the window");
      for (guint r = 0; r < rounds; r++)
        {
          g_autofree char *value = g_strdup_printf (r % 2 ? "≥%u 人次" : "%u 个", 3000 + r);
          gint64 t0;
          double ms;

          gtk_editable_set_text (GTK_EDITABLE (target), value);
          t0 = g_get_monotonic_time ();
          pg_review_panel_update (PG_REVIEW_PANEL (panel));
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (review_updates, ms);
        }
    }
    {
      int width = 0, height = 0;

      gtk_window_get_default_size (GTK_WINDOW (pg_window), &width, &height);
      printf ("In the window (%d × %d, Goals page):\n", width, height);
    }
    gtk_window_destroy (GTK_WINDOW (pg_window));
  }

  samples_report ("show one goal's editor", &show);
  samples_report ("collapse a level-1 (20 rows)", &collapse);
  samples_report ("expand it again", &expand);
  samples_report ("commit a cell edit", &edit);
  samples_report ("a frame redrawing one button", &redraw);
  samples_report ("a frame laying the grid out", &relayout);
  samples_report ("Goals page, 50 goals", &page);
  samples_report ("in the window: collapse a level-1", &in_window_collapse);
  samples_report ("in the window: expand it again", &in_window_expand);
  samples_report ("in the window: commit a cell edit", &in_window_edit);
  bench_report ("in the window: scrolling 120 px a frame, frame to frame", scroll_steps);
  {
    guint over_33 = 0, over_50 = 0;

    for (guint i = 0; i < scroll_steps->len; i++)
      {
        double ms = g_array_index (scroll_steps, double, i);

        over_33 += ms > 33.4;
        over_50 += ms > 50;
      }
    printf ("  of which longer than two frames (33.4 ms): %u, longer than 50 ms: %u\n", over_33, over_50);
  }
  bench_report ("in the window: the review panel's update after an edit", review_updates);

  g_clear_object (&doc);
  return 0;
}
