/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <hb.h>

/* The font in `font_file` (a single face) with TrueType (quadratic)
 * outlines in place of its CFF ones, or NULL when it has no CFF outlines (it is TrueType already,
 * or CFF2). Everything else of the face (character map, metrics, layout
 * tables, names) is kept as it is; the outlines follow the cubic ones to
 * within PG_PRINT_TRUETYPE_TOLERANCE font units.
 *
 * Why: FreeType reads a CFF glyph by running its charstring, ten times
 * the work of reading a TrueType glyph, and Pango and cairo read each
 * glyph of a page three times to print it (pg-print-fonts.c). */
#define PG_PRINT_TRUETYPE_TOLERANCE 0.5

hb_blob_t *pg_print_truetype_from_cff (hb_blob_t *font_file);
