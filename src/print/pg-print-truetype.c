/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Subsets with TrueType outlines, for the print fonts (pg-print-truetype.h).
 * HarfBuzz cuts every table but the CFF outlines; HarfBuzz then draws each
 * glyph kept from the whole face, its cubic curves become quadratic ones,
 * split until each piece is within the tolerance, and the glyphs are
 * written as a 'glyf' table with long 'loca' offsets, which 'maxp' and
 * 'head' announce.
 */
#define G_LOG_DOMAIN "perfgoal-print"

#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "pg-print-truetype.h"

/* A point of a TrueType outline, in font units. */
typedef struct {
  gint32   x, y;
  gboolean on_curve;
} Point;

/* One glyph's outline as HarfBuzz draws it. Plain arrays: a face's
 * glyphs make hundreds of thousands of points. */
typedef struct {
  Point   *points;
  guint    n_points, points_size;
  guint16 *ends;          /* the last point of each contour */
  guint    n_ends, ends_size;
  guint    contour_start; /* its first point in `points` */
  gboolean open;          /* a contour is being drawn */
} Outline;

/* Ends the contour being drawn. TrueType closes contours itself, so a last
 * point on the first goes; TrueType's outer contours turn clockwise, CFF's
 * the other way, so the points are reversed (the first stays first). */
static void
close_contour (Outline *outline)
{
  guint start = outline->contour_start;
  Point *points = outline->points;
  guint n;

  if (!outline->open)
    return;
  outline->open = FALSE;

  n = outline->n_points - start;
  if (n > 1 && points[start + n - 1].on_curve
      && points[start + n - 1].x == points[start].x && points[start + n - 1].y == points[start].y)
    {
      outline->n_points--;
      n--;
    }
  if (n < 2)
    {
      /* A lone point draws nothing. */
      outline->n_points = start;
      return;
    }

  for (guint i = start + 1, k = start + n - 1; i < k; i++, k--)
    {
      Point swap = points[i];

      points[i] = points[k];
      points[k] = swap;
    }
  if (outline->n_ends == outline->ends_size)
    {
      outline->ends_size = MAX (16, 2 * outline->ends_size);
      outline->ends = g_renew (guint16, outline->ends, outline->ends_size);
    }
  /* Fewer than 65536 points: pg_print_truetype_subset checks. */
  outline->ends[outline->n_ends++] = (guint16) (outline->n_points - 1);
}

static void
add_point (Outline *outline,
           double   x,
           double   y,
           gboolean on_curve)
{
  Point point = { (gint32) floor (x + 0.5), (gint32) floor (y + 0.5), on_curve };
  guint n = outline->n_points - outline->contour_start;

  /* A line of no length. */
  if (on_curve && n > 0)
    {
      const Point *last = &outline->points[outline->n_points - 1];

      if (last->on_curve && last->x == point.x && last->y == point.y)
        return;
    }
  /* An on-curve point between two off-curve ones goes when it lies within
   * half a unit of their midpoint, where TrueType puts one of its own:
   * where a cubic was cut into pieces, most do. A third fewer points to
   * store, read and compress. The contour's first point stays. */
  if (!on_curve && n > 2)
    {
      const Point *last = &outline->points[outline->n_points - 1];
      const Point *before = &outline->points[outline->n_points - 2];

      if (last->on_curve && !before->on_curve
          && ABS (2 * last->x - before->x - point.x) <= 1
          && ABS (2 * last->y - before->y - point.y) <= 1)
        outline->n_points--;
    }
  if (outline->n_points == outline->points_size)
    {
      outline->points_size = MAX (256, 2 * outline->points_size);
      outline->points = g_renew (Point, outline->points, outline->points_size);
    }
  outline->points[outline->n_points++] = point;
}

static void
on_move_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED,
            void            *data,
            hb_draw_state_t *state G_GNUC_UNUSED,
            float            x,
            float            y,
            void            *user_data G_GNUC_UNUSED)
{
  Outline *outline = data;

  close_contour (outline);
  outline->contour_start = outline->n_points;
  outline->open = TRUE;
  add_point (outline, x, y, TRUE);
}

static void
on_line_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED,
            void            *data,
            hb_draw_state_t *state G_GNUC_UNUSED,
            float            x,
            float            y,
            void            *user_data G_GNUC_UNUSED)
{
  add_point (data, x, y, TRUE);
}

static void
on_quadratic_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED,
                 void            *data,
                 hb_draw_state_t *state G_GNUC_UNUSED,
                 float            control_x,
                 float            control_y,
                 float            x,
                 float            y,
                 void            *user_data G_GNUC_UNUSED)
{
  add_point (data, control_x, control_y, FALSE);
  add_point (data, x, y, TRUE);
}

/* The cubic from p0 through p1 and p2 to p3 as quadratic pieces. One
 * quadratic, its control point at (3 (p1 + p2) − p0 − p3) / 4, strays from
 * the cubic by at most √3/36 · |p3 − 3 p2 + 3 p1 − p0|; cut into n equal
 * pieces, each strays n³ times less. */
static void
on_cubic_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED,
             void            *data,
             hb_draw_state_t *state,
             float            x1,
             float            y1,
             float            x2,
             float            y2,
             float            x3,
             float            y3,
             void            *user_data G_GNUC_UNUSED)
{
  Outline *outline = data;
  const double x0 = state->current_x, y0 = state->current_y;
  const double stray = sqrt (3.0) / 36.0 * hypot (x3 - 3 * x2 + 3 * x1 - x0, y3 - 3 * y2 + 3 * y1 - y0);
  const int n = CLAMP ((int) ceil (cbrt (stray / PG_PRINT_TRUETYPE_TOLERANCE)), 1, 64);
  double ax = x0, ay = y0;   /* the piece's start */
  double dax = 3 * (x1 - x0), day = 3 * (y1 - y0);  /* and the curve's derivative there */

  for (int i = 1; i <= n; i++)
    {
      const double t = (double) i / n, u = 1 - t, h = 1.0 / n;
      /* The curve at t, and its derivative. */
      const double dx = u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3;
      const double dy = u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3;
      const double ddx = 3 * (u * u * (x1 - x0) + 2 * u * t * (x2 - x1) + t * t * (x3 - x2));
      const double ddy = 3 * (u * u * (y1 - y0) + 2 * u * t * (y2 - y1) + t * t * (y3 - y2));
      /* The piece from a to d as a cubic of its own: b and c. */
      const double bx = ax + h / 3 * dax, by = ay + h / 3 * day;
      const double cx = dx - h / 3 * ddx, cy = dy - h / 3 * ddy;

      add_point (outline, (3 * (bx + cx) - ax - dx) / 4, (3 * (by + cy) - ay - dy) / 4, FALSE);
      add_point (outline, dx, dy, TRUE);
      ax = dx, ay = dy, dax = ddx, day = ddy;
    }
}

static void
on_close_path (hb_draw_funcs_t *funcs G_GNUC_UNUSED,
               void            *data,
               hb_draw_state_t *state G_GNUC_UNUSED,
               void            *user_data G_GNUC_UNUSED)
{
  close_contour (data);
}

static hb_draw_funcs_t *
outline_funcs (void)
{
  hb_draw_funcs_t *funcs = hb_draw_funcs_create ();

  hb_draw_funcs_set_move_to_func (funcs, on_move_to, NULL, NULL);
  hb_draw_funcs_set_line_to_func (funcs, on_line_to, NULL, NULL);
  hb_draw_funcs_set_quadratic_to_func (funcs, on_quadratic_to, NULL, NULL);
  hb_draw_funcs_set_cubic_to_func (funcs, on_cubic_to, NULL, NULL);
  hb_draw_funcs_set_close_path_func (funcs, on_close_path, NULL, NULL);
  hb_draw_funcs_make_immutable (funcs);
  return funcs;
}

static void
draw_glyph (hb_font_t       *font,
            hb_codepoint_t   glyph,
            hb_draw_funcs_t *funcs,
            Outline         *outline)
{
#if HB_VERSION_ATLEAST (7, 0, 0)
  hb_font_draw_glyph (font, glyph, funcs, outline);
#else
  hb_font_get_glyph_shape (font, glyph, funcs, outline);
#endif
  close_contour (outline);
}

/* A growing table. */
typedef struct {
  guint8 *data;
  gsize   length, size;
} Table;

static guint8 *
table_grow (Table *table,
            gsize  n)
{
  guint8 *end;

  if (table->length + n > table->size)
    {
      table->size = MAX (2 * table->size, table->length + n + 4096);
      table->data = g_realloc (table->data, table->size);
    }
  end = table->data + table->length;
  table->length += n;
  return end;
}

static void
put8 (Table *table,
      guint8 value)
{
  *table_grow (table, 1) = value;
}

static void
put16 (Table *table,
       guint  value)
{
  guint8 *at = table_grow (table, 2);

  at[0] = (guint8) (value >> 8), at[1] = (guint8) value;
}

static void
put32 (Table  *table,
       guint32 value)
{
  guint8 *at = table_grow (table, 4);

  at[0] = (guint8) (value >> 24), at[1] = (guint8) (value >> 16);
  at[2] = (guint8) (value >> 8), at[3] = (guint8) value;
}

/* A coordinate's change: none, a byte and its sign in the flags, or two
 * bytes. `shorter` and `same_or_positive` are the flag bits for the axis. */
static guint8
delta_flags (gint32 delta,
             guint8 shorter,
             guint8 same_or_positive)
{
  if (delta == 0)
    return same_or_positive;
  if (delta >= -255 && delta <= 255)
    return shorter | (delta > 0 ? same_or_positive : 0);
  return 0;
}

static void
put_delta (Table *table,
           gint32 delta,
           guint8 flags,
           guint8 shorter)
{
  if (flags & shorter)
    put8 (table, (guint8) ABS (delta));
  else if (delta != 0)
    put16 (table, (guint16) (gint16) delta);
}

enum {
  ON_CURVE = 0x01,
  X_SHORT = 0x02,
  Y_SHORT = 0x04,
  REPEAT = 0x08,
  X_SAME_OR_POSITIVE = 0x10,
  Y_SAME_OR_POSITIVE = 0x20,
};

/* Appends a simple glyph; an outline with no contours takes no bytes. */
static void
put_glyph (Table         *glyf,
           const Outline *outline,
           guint8        *flags)
{
  const Point *points = outline->points;
  guint n = outline->n_points;
  gint32 x_min = G_MAXINT32, y_min = G_MAXINT32, x_max = G_MININT32, y_max = G_MININT32;
  gint32 x = 0, y = 0;

  if (outline->n_ends == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      x_min = MIN (x_min, points[i].x), x_max = MAX (x_max, points[i].x);
      y_min = MIN (y_min, points[i].y), y_max = MAX (y_max, points[i].y);
      flags[i] = (points[i].on_curve ? ON_CURVE : 0)
                 | delta_flags (points[i].x - x, X_SHORT, X_SAME_OR_POSITIVE)
                 | delta_flags (points[i].y - y, Y_SHORT, Y_SAME_OR_POSITIVE);
      x = points[i].x, y = points[i].y;
    }

  put16 (glyf, outline->n_ends);
  put16 (glyf, (guint16) (gint16) x_min);
  put16 (glyf, (guint16) (gint16) y_min);
  put16 (glyf, (guint16) (gint16) x_max);
  put16 (glyf, (guint16) (gint16) y_max);
  for (guint i = 0; i < outline->n_ends; i++)
    put16 (glyf, outline->ends[i]);
  put16 (glyf, 0); /* no instructions */

  /* The flags, a run of equal ones as the flag and a count. */
  for (guint i = 0; i < n;)
    {
      guint run = 1;

      while (i + run < n && flags[i + run] == flags[i] && run < 256)
        run++;
      if (run > 1)
        {
          put8 (glyf, flags[i] | REPEAT);
          put8 (glyf, (guint8) (run - 1));
        }
      else
        put8 (glyf, flags[i]);
      i += run;
    }

  x = 0;
  for (guint i = 0; i < n; i++)
    {
      put_delta (glyf, points[i].x - x, flags[i], X_SHORT);
      x = points[i].x;
    }
  y = 0;
  for (guint i = 0; i < n; i++)
    {
      put_delta (glyf, points[i].y - y, flags[i], Y_SHORT);
      y = points[i].y;
    }

  while (glyf->length % 4 != 0)
    put8 (glyf, 0);
}

/* Adds `table` to the font being built, which takes its bytes. */
static void
add_table (hb_face_t *builder,
           hb_tag_t   tag,
           Table     *table)
{
  hb_blob_t *blob = hb_blob_create ((const char *) table->data, (unsigned int) table->length,
                                    HB_MEMORY_MODE_WRITABLE, table->data, g_free);

  hb_face_builder_add_table (builder, tag, blob);
  hb_blob_destroy (blob);
  *table = (Table) { NULL, 0, 0 };
}

static gboolean
has_table (hb_face_t *face,
           hb_tag_t   tag)
{
  hb_blob_t *table = hb_face_reference_table (face, tag);
  gboolean has = hb_blob_get_length (table) > 0;

  hb_blob_destroy (table);
  return has;
}

/* A range of the subset's glyphs, drawn from the whole face: their part of
 * 'glyf', and where each starts in it. */
typedef struct {
  hb_face_t      *source;
  const hb_map_t *new_to_old;
  guint           first, end;
  Table           glyf;
  guint32        *starts;   /* end − first of them */
  guint           max_points, max_contours;
  gboolean        ok;       /* FALSE: one has too many points for TrueType */
} Glyphs;

static gpointer
draw_glyphs (gpointer data)
{
  Glyphs *glyphs = data;
  hb_font_t *font = hb_font_create (glyphs->source);  /* scaled in font units */
  hb_draw_funcs_t *funcs = outline_funcs ();
  Outline outline = { 0 };
  guint8 *flags = NULL;
  guint flags_size = 0;

  glyphs->ok = TRUE;
  glyphs->starts = g_new (guint32, glyphs->end - glyphs->first);
  for (guint glyph = glyphs->first; glyph < glyphs->end; glyph++)
    {
      outline.n_points = outline.n_ends = outline.contour_start = 0;
      outline.open = FALSE;
      draw_glyph (font, hb_map_get (glyphs->new_to_old, glyph), funcs, &outline);
      if (outline.n_points > G_MAXUINT16)
        {
          g_debug ("Glyph %u has too many points for TrueType", glyph);
          glyphs->ok = FALSE;
          break;
        }
      if (outline.n_points > flags_size)
        {
          flags_size = outline.points_size;
          flags = g_renew (guint8, flags, flags_size);
        }
      glyphs->max_points = MAX (glyphs->max_points, outline.n_points);
      glyphs->max_contours = MAX (glyphs->max_contours, outline.n_ends);
      glyphs->starts[glyph - glyphs->first] = (guint32) glyphs->glyf.length;
      put_glyph (&glyphs->glyf, &outline, flags);
    }

  g_free (flags);
  g_free (outline.points);
  g_free (outline.ends);
  hb_draw_funcs_destroy (funcs);
  hb_font_destroy (font);
  return NULL;
}

/* The ranges' glyphs, one after the other, as 'glyf' and 'loca'. */
static void
join_glyphs (Glyphs *ranges,
             guint   n_ranges,
             Table  *glyf,
             Table  *loca)
{
  for (guint r = 0; r < n_ranges; r++)
    {
      guint32 base = (guint32) glyf->length;

      for (guint i = 0; i < ranges[r].end - ranges[r].first; i++)
        put32 (loca, base + ranges[r].starts[i]);
      if (ranges[r].glyf.length > 0)
        memcpy (table_grow (glyf, ranges[r].glyf.length), ranges[r].glyf.data, ranges[r].glyf.length);
    }
  put32 (loca, (guint32) glyf->length);
}

/* The subset `tables` (every table but the outlines) with `glyf`, `loca`
 * and the 'maxp' and 'head' that go with them. */
static hb_blob_t *
assemble (hb_face_t *tables,
          guint      n_glyphs,
          Table     *glyf,
          Table     *loca,
          guint      max_points,
          guint      max_contours)
{
  hb_blob_t *head = hb_face_reference_table (tables, HB_TAG ('h', 'e', 'a', 'd'));
  Table maxp = { 0 }, new_head = { 0 };
  hb_face_t *builder;
  guint8 *at;
  unsigned int start = 0, n_tags;
  hb_tag_t tags[64];
  hb_blob_t *result;

  if (hb_blob_get_length (head) < 54)
    {
      hb_blob_destroy (head);
      return NULL;
    }

  /* Version 1.0, for TrueType outlines, with no instructions anywhere. */
  put32 (&maxp, 0x00010000);
  put16 (&maxp, n_glyphs);
  put16 (&maxp, max_points);
  put16 (&maxp, max_contours);
  put16 (&maxp, 0);  /* maxCompositePoints */
  put16 (&maxp, 0);  /* maxCompositeContours */
  put16 (&maxp, 1);  /* maxZones: no twilight zone */
  for (int i = 0; i < 8; i++)
    put16 (&maxp, 0);  /* twilight points … component depth */

  /* Long offsets in 'loca', TrueType glyph data. */
  at = table_grow (&new_head, hb_blob_get_length (head));
  memcpy (at, hb_blob_get_data (head, NULL), hb_blob_get_length (head));
  at[8] = at[9] = at[10] = at[11] = 0;  /* checkSumAdjustment: none */
  at[50] = 0, at[51] = 1;               /* indexToLocFormat */
  at[52] = 0, at[53] = 0;               /* glyphDataFormat */
  hb_blob_destroy (head);

  builder = hb_face_builder_create ();
  add_table (builder, HB_TAG ('g', 'l', 'y', 'f'), glyf);
  add_table (builder, HB_TAG ('l', 'o', 'c', 'a'), loca);
  add_table (builder, HB_TAG ('m', 'a', 'x', 'p'), &maxp);
  add_table (builder, HB_TAG ('h', 'e', 'a', 'd'), &new_head);
  do
    {
      n_tags = G_N_ELEMENTS (tags);
      hb_face_get_table_tags (tables, start, &n_tags, tags);
      for (unsigned int i = 0; i < n_tags; i++)
        {
          hb_blob_t *table;

          if (has_table (builder, tags[i]))
            continue;
          table = hb_face_reference_table (tables, tags[i]);
          hb_face_builder_add_table (builder, tags[i], table);
          hb_blob_destroy (table);
        }
      start += n_tags;
    }
  while (n_tags == G_N_ELEMENTS (tags));

  result = hb_face_reference_blob (builder);
  hb_face_destroy (builder);
  return result;
}

/* What HarfBuzz cuts of `source`, serialized. */
static hb_blob_t *
plain_subset (hb_face_t               *source,
              const hb_subset_input_t *input)
{
  hb_face_t *subset = hb_subset_or_fail (source, input);
  hb_blob_t *blob = subset != NULL ? hb_face_reference_blob (subset) : NULL;

  hb_face_destroy (subset);
  return blob;
}

hb_blob_t *
pg_print_truetype_subset (hb_face_t         *source,
                          hb_subset_input_t *input)
{
  hb_set_t *dropped = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  hb_subset_plan_t *plan = NULL;
  const hb_map_t *new_to_old = NULL;
  hb_face_t *subset = NULL;
  hb_blob_t *tables_blob = NULL;
  hb_face_t *tables = NULL;
  Glyphs halves[2] = { { 0 }, { 0 } };
  GThread *helper = NULL;
  Table glyf = { 0 }, loca = { 0 };
  guint n_glyphs = 0;
  hb_blob_t *result = NULL;

  if (!has_table (source, HB_TAG ('C', 'F', 'F', ' ')))
    return plain_subset (source, input);

  /* HarfBuzz need not cut the CFF outlines, nor their vertical origins. */
  hb_set_add (dropped, HB_TAG ('C', 'F', 'F', ' '));
  hb_set_add (dropped, HB_TAG ('V', 'O', 'R', 'G'));
  plan = hb_subset_plan_create_or_fail (source, input);
  if (plan != NULL)
    {
      new_to_old = hb_subset_plan_new_to_old_glyph_mapping (plan);
      n_glyphs = hb_map_get_population (new_to_old);
    }
  if (n_glyphs > 0)
    {
      /* Half the glyphs are drawn on a thread of their own, while HarfBuzz
       * cuts the other tables and this thread draws the other half: the
       * faces are cut while the export waits. */
      for (guint i = 0; i < 2; i++)
        halves[i] = (Glyphs) { source, new_to_old, i * n_glyphs / 2, (i + 1) * n_glyphs / 2 };
      helper = g_thread_try_new ("perfgoal-glyphs", draw_glyphs, &halves[1], NULL);
      subset = hb_subset_plan_execute_or_fail (plan);
      draw_glyphs (&halves[0]);
      if (helper != NULL)
        g_thread_join (helper);
      else
        draw_glyphs (&halves[1]);
    }
  if (subset != NULL)
    {
      /* Read back: a face being built does not list its tables. */
      tables_blob = hb_face_reference_blob (subset);
      tables = hb_face_create (tables_blob, 0);
      if (hb_face_get_glyph_count (tables) == n_glyphs && halves[0].ok && halves[1].ok)
        {
          join_glyphs (halves, 2, &glyf, &loca);
          result = assemble (tables, n_glyphs, &glyf, &loca,
                             MAX (halves[0].max_points, halves[1].max_points),
                             MAX (halves[0].max_contours, halves[1].max_contours));
        }
    }
  for (guint i = 0; i < 2; i++)
    {
      g_free (halves[i].glyf.data);
      g_free (halves[i].starts);
    }
  g_free (glyf.data);
  g_free (loca.data);
  hb_face_destroy (tables);
  hb_blob_destroy (tables_blob);
  hb_face_destroy (subset);
  hb_subset_plan_destroy (plan);
  hb_set_del (dropped, HB_TAG ('C', 'F', 'F', ' '));
  hb_set_del (dropped, HB_TAG ('V', 'O', 'R', 'G'));
  if (result == NULL)
    {
      g_debug ("No TrueType outlines for this face: its CFF ones stay");
      return plain_subset (source, input);
    }
  return result;
}
