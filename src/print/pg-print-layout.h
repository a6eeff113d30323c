/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The official layout of the declaration, with no GTK: one continuous ruled
 * table laid out with Pango and cut into pages so that nothing is ever
 * clipped or dropped. A cell taller than the rest of a page goes on, line by
 * line, on the next one; a spanning cell that breaks is repeated there with a
 * "(续)" mark; an indicator table's headings repeat after every break.
 *
 * Like GtkSourceView's print compositor, a layout paginates in chunks (so a
 * print operation can show progress) and keeps what each page holds, so that
 * drawing a page only replays it. Every length is in points (1/72 inch), and
 * text is laid out at 72 dpi with metric hinting off, so the same pages come
 * out on a PDF surface, a printer or the screen.
 *
 * A layout copies everything it prints from the document when it is made:
 * the document may change or go away afterwards.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "pg-category.h"
#include "pg-document.h"

G_BEGIN_DECLS

#define PG_MM_TO_PT(mm) ((mm) * 72.0 / 25.4)

typedef enum {
  PG_PRINT_NUMBERING_GBT9704,       /* "— 1 —", GB/T 9704 */
  PG_PRINT_NUMBERING_PAGE_OF_TOTAL, /* "第 1 页 共 3 页" / "Page 1 of 3" */
  PG_PRINT_NUMBERING_NONE,
} PgPrintNumbering;

typedef struct {
  gboolean         override_language; /* FALSE: the document's label language */
  PgLanguage       language;
  PgPrintNumbering numbering;
  guint            attachment_number; /* "附件 N" on page 1; 0 for none */
  gboolean         signature_block;
  /* The paper, in points, and the margins around the text area. */
  double           paper_width;
  double           paper_height;
  double           margin_top;
  double           margin_bottom;
  double           margin_left;
  double           margin_right;
} PgPrintOptions;

/* The defaults: the document's language, "— 1 —", no attachment number, a
 * signature block, A4 portrait with GB/T 9704 margins (top 37 mm, left
 * 28 mm, a text area of 156 × 225 mm). */
void pg_print_options_init (PgPrintOptions *options);

/* "gbt9704" / "page-of-total" / "none", as in the GSettings key. */
gboolean    pg_print_numbering_from_string (const char       *string,
                                            PgPrintNumbering *out_numbering);
const char *pg_print_numbering_to_string   (PgPrintNumbering  numbering);

/* The serif CJK family the form prints with (found through fontconfig), or
 * NULL when no font for Chinese is installed at all: Chinese text would then
 * print as empty boxes. When only a sans-serif CJK face exists it is
 * returned and *out_serif (if given) is FALSE. */
const char *pg_print_find_cjk_family (gboolean *out_serif);

/* Writes to `path` the prepared faces (pg-print-fonts.h) of the faces the
 * layout prints `characters` in, in all its styles, and says how many there
 * are (none when no face for them is installed). For the build. */
gboolean    pg_print_prepare_faces (const char  *characters,
                                    const char  *path,
                                    guint       *out_n_faces,
                                    GError     **error);

#define PG_TYPE_PRINT_LAYOUT (pg_print_layout_get_type ())
G_DECLARE_FINAL_TYPE (PgPrintLayout, pg_print_layout, PG, PRINT_LAYOUT, GObject)

PgPrintLayout *pg_print_layout_new (PgDocument           *document,
                                    const PgPrintOptions *options);

const PgPrintOptions *pg_print_layout_get_options (PgPrintLayout *self);
PgLanguage            pg_print_layout_get_language (PgPrintLayout *self);

/* Lays out at most `n_rows` more rows of the table (0: all of them).
 * Returns TRUE once the whole document is paginated. */
gboolean pg_print_layout_paginate     (PgPrintLayout *self,
                                       guint          n_rows);
gboolean pg_print_layout_is_paginated (PgPrintLayout *self);
/* How far pagination has got, from 0 to 1. */
double   pg_print_layout_get_progress (PgPrintLayout *self);

/* The pages so far; the total once paginated. */
guint    pg_print_layout_get_n_pages  (PgPrintLayout *self);

/* Draws page `page` (0-based) of a paginated layout on `cr`, whose origin
 * is the top left corner of the paper and whose unit is the point. */
void     pg_print_layout_draw_page    (PgPrintLayout *self,
                                       cairo_t       *cr,
                                       guint          page);

/* Streaming, for drawing each page as soon as it is paginated (when the
 * numbering needs no page total): each cell is then laid out once, its
 * lines kept from pagination to drawing. Set it before paginating, and
 * release each page once drawn: what only that page needed is freed. */
void     pg_print_layout_set_streaming (PgPrintLayout *self,
                                        gboolean       streaming);
void     pg_print_layout_release_page  (PgPrintLayout *self,
                                        guint          page);

/* The text area in paper coordinates (points). */
void     pg_print_layout_get_text_area (PgPrintLayout *self,
                                        double        *x,
                                        double        *y,
                                        double        *width,
                                        double        *height);

G_END_DECLS
