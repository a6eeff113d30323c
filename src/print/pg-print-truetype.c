/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CFF outlines to TrueType ones, for the print fonts' subsets
 * (pg-print-truetype.h). HarfBuzz draws each glyph; its cubic curves
 * become quadratic ones, split until each piece is within the tolerance;
 * the glyphs are written as a 'glyf' table with long 'loca' offsets, and
 * 'maxp' and 'head' say so.
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

/* One glyph's outline as HarfBuzz draws it. */
typedef struct {
  GArray  *points;        /* Point */
  GArray  *ends;          /* guint16: the last point of each contour */
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
  guint n;
  guint16 last;
  Point *points;

  if (!outline->open)
    return;
  outline->open = FALSE;

  points = (Point *) outline->points->data;
  n = outline->points->len - start;
  if (n > 1 && points[start + n - 1].on_curve
      && points[start + n - 1].x == points[start].x && points[start + n - 1].y == points[start].y)
    {
      g_array_set_size (outline->points, outline->points->len - 1);
      n--;
    }
  if (n < 2)
    {
      /* A lone point draws nothing. */
      g_array_set_size (outline->points, start);
      return;
    }

  for (guint i = start + 1, k = start + n - 1; i < k; i++, k--)
    {
      Point swap = points[i];

      points[i] = points[k];
      points[k] = swap;
    }
  last = (guint16) (outline->points->len - 1);
  g_array_append_val (outline->ends, last);
}

static void
add_point (Outline *outline,
           double   x,
           double   y,
           gboolean on_curve)
{
  Point point = { (gint32) lround (x), (gint32) lround (y), on_curve };

  /* A line of no length. */
  if (on_curve && outline->points->len > outline->contour_start)
    {
      const Point *last = &g_array_index (outline->points, Point, outline->points->len - 1);

      if (last->on_curve && last->x == point.x && last->y == point.y)
        return;
    }
  g_array_append_val (outline->points, point);
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
  outline->contour_start = outline->points->len;
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

static void
put16 (GByteArray *out,
       guint       value)
{
  guint8 bytes[2] = { (guint8) (value >> 8), (guint8) value };

  g_byte_array_append (out, bytes, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  guint8 bytes[4] = { (guint8) (value >> 24), (guint8) (value >> 16), (guint8) (value >> 8), (guint8) value };

  g_byte_array_append (out, bytes, 4);
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
put_delta (GByteArray *out,
           gint32      delta,
           guint8      flags,
           guint8      shorter)
{
  if (flags & shorter)
    {
      guint8 byte = (guint8) ABS (delta);

      g_byte_array_append (out, &byte, 1);
    }
  else if (delta != 0)
    put16 (out, (guint16) (gint16) delta);
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
put_glyph (GByteArray    *glyf,
           const Outline *outline)
{
  const Point *points = (const Point *) outline->points->data;
  guint n = outline->points->len;
  g_autofree guint8 *flags = g_new (guint8, MAX (n, 1));
  gint32 x_min = G_MAXINT32, y_min = G_MAXINT32, x_max = G_MININT32, y_max = G_MININT32;
  gint32 x = 0, y = 0;

  if (outline->ends->len == 0)
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

  put16 (glyf, outline->ends->len);
  put16 (glyf, (guint16) (gint16) x_min);
  put16 (glyf, (guint16) (gint16) y_min);
  put16 (glyf, (guint16) (gint16) x_max);
  put16 (glyf, (guint16) (gint16) y_max);
  for (guint i = 0; i < outline->ends->len; i++)
    put16 (glyf, g_array_index (outline->ends, guint16, i));
  put16 (glyf, 0); /* no instructions */

  /* The flags, a run of equal ones as the flag and a count. */
  for (guint i = 0; i < n;)
    {
      guint run = 1;

      while (i + run < n && flags[i + run] == flags[i] && run < 256)
        run++;
      if (run > 1)
        {
          guint8 bytes[2] = { flags[i] | REPEAT, (guint8) (run - 1) };

          g_byte_array_append (glyf, bytes, 2);
        }
      else
        g_byte_array_append (glyf, &flags[i], 1);
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

  while (glyf->len % 4 != 0)
    g_byte_array_append (glyf, (const guint8 *) "", 1);
}

/* Adds `bytes` to the font being built, which takes them. */
static void
add_table (hb_face_t  *builder,
           hb_tag_t    tag,
           GByteArray *bytes)
{
  guint length = bytes->len;
  guint8 *data = g_byte_array_free (bytes, FALSE);
  hb_blob_t *blob = hb_blob_create ((const char *) data, length, HB_MEMORY_MODE_WRITABLE, data, g_free);

  hb_face_builder_add_table (builder, tag, blob);
  hb_blob_destroy (blob);
}

hb_blob_t *
pg_print_truetype_from_cff (hb_blob_t *font_file)
{
  /* A face read from the file: a face still being built (a subset) does
   * not list its tables. */
  hb_face_t *face = hb_face_create (font_file, 0);
  hb_blob_t *cff = hb_face_reference_table (face, HB_TAG ('C', 'F', 'F', ' '));
  hb_blob_t *head = hb_face_reference_table (face, HB_TAG ('h', 'e', 'a', 'd'));
  gboolean convertible = hb_blob_get_length (cff) > 0 && hb_blob_get_length (head) >= 54;
  unsigned int n_glyphs = hb_face_get_glyph_count (face);
  hb_font_t *font = NULL;
  hb_draw_funcs_t *funcs = NULL;
  GByteArray *glyf, *loca, *maxp, *new_head;
  hb_face_t *builder;
  Outline outline;
  guint max_points = 0, max_contours = 0;
  unsigned int start = 0, n_tags;
  hb_tag_t tags[64];
  hb_blob_t *result;

  hb_blob_destroy (cff);
  if (!convertible || n_glyphs == 0)
    {
      hb_blob_destroy (head);
      hb_face_destroy (face);
      return NULL;
    }

  font = hb_font_create (face);  /* scaled in font units */
  funcs = outline_funcs ();
  glyf = g_byte_array_new ();
  loca = g_byte_array_new ();
  outline.points = g_array_new (FALSE, FALSE, sizeof (Point));
  outline.ends = g_array_new (FALSE, FALSE, sizeof (guint16));

  for (unsigned int glyph = 0; glyph < n_glyphs; glyph++)
    {
      g_array_set_size (outline.points, 0);
      g_array_set_size (outline.ends, 0);
      outline.contour_start = 0;
      outline.open = FALSE;
      draw_glyph (font, glyph, funcs, &outline);
      if (outline.points->len > G_MAXUINT16)
        {
          g_debug ("Glyph %u has too many points for TrueType: the CFF outlines stay", glyph);
          g_byte_array_unref (glyf);
          g_byte_array_unref (loca);
          glyf = NULL;
          break;
        }
      max_points = MAX (max_points, outline.points->len);
      max_contours = MAX (max_contours, outline.ends->len);
      put32 (loca, glyf->len);
      put_glyph (glyf, &outline);
    }
  g_array_unref (outline.points);
  g_array_unref (outline.ends);
  hb_draw_funcs_destroy (funcs);
  hb_font_destroy (font);
  if (glyf == NULL)
    {
      hb_blob_destroy (head);
      hb_face_destroy (face);
      return NULL;
    }
  put32 (loca, glyf->len);

  /* Version 1.0, for TrueType outlines, with no instructions anywhere. */
  maxp = g_byte_array_new ();
  put32 (maxp, 0x00010000);
  put16 (maxp, n_glyphs);
  put16 (maxp, max_points);
  put16 (maxp, max_contours);
  put16 (maxp, 0);  /* maxCompositePoints */
  put16 (maxp, 0);  /* maxCompositeContours */
  put16 (maxp, 1);  /* maxZones: no twilight zone */
  for (int i = 0; i < 8; i++)
    put16 (maxp, 0);  /* twilight points … component depth */

  /* Long offsets in 'loca', TrueType glyph data. */
  new_head = g_byte_array_new ();
  g_byte_array_append (new_head, (const guint8 *) hb_blob_get_data (head, NULL), hb_blob_get_length (head));
  memset (new_head->data + 8, 0, 4);       /* checkSumAdjustment: none */
  new_head->data[50] = 0, new_head->data[51] = 1;  /* indexToLocFormat */
  new_head->data[52] = 0, new_head->data[53] = 0;  /* glyphDataFormat */
  hb_blob_destroy (head);

  builder = hb_face_builder_create ();
  add_table (builder, HB_TAG ('g', 'l', 'y', 'f'), glyf);
  add_table (builder, HB_TAG ('l', 'o', 'c', 'a'), loca);
  add_table (builder, HB_TAG ('m', 'a', 'x', 'p'), maxp);
  add_table (builder, HB_TAG ('h', 'e', 'a', 'd'), new_head);
  do
    {
      n_tags = G_N_ELEMENTS (tags);
      hb_face_get_table_tags (face, start, &n_tags, tags);
      for (unsigned int i = 0; i < n_tags; i++)
        {
          hb_blob_t *table;

          /* The CFF outlines and their vertical origins go; the tables
           * just written stay as written. */
          if (tags[i] == HB_TAG ('C', 'F', 'F', ' ') || tags[i] == HB_TAG ('V', 'O', 'R', 'G')
              || tags[i] == HB_TAG ('g', 'l', 'y', 'f') || tags[i] == HB_TAG ('l', 'o', 'c', 'a')
              || tags[i] == HB_TAG ('m', 'a', 'x', 'p') || tags[i] == HB_TAG ('h', 'e', 'a', 'd'))
            continue;
          table = hb_face_reference_table (face, tags[i]);
          hb_face_builder_add_table (builder, tags[i], table);
          hb_blob_destroy (table);
        }
      start += n_tags;
    }
  while (n_tags == G_N_ELEMENTS (tags));

  result = hb_face_reference_blob (builder);
  hb_face_destroy (builder);
  hb_face_destroy (face);
  return result;
}
