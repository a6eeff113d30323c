/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <hb-subset.h>

/* The subset of `source` that `input` asks for, serialized; NULL when
 * HarfBuzz cannot cut it. When `source` has CFF outlines, the subset has
 * TrueType (quadratic) ones in their place, within
 * PG_PRINT_TRUETYPE_TOLERANCE font units of the cubic ones; everything
 * else (character map, metrics, layout tables, names) is what HarfBuzz
 * cuts. `input` is left as it was given.
 *
 * Why: FreeType reads a CFF glyph by running its charstring, ten times
 * the work of reading a TrueType glyph, and Pango and cairo read each
 * glyph of a page three times to print it (pg-print-fonts.c). */
#define PG_PRINT_TRUETYPE_TOLERANCE 0.5

hb_blob_t *pg_print_truetype_subset (hb_face_t         *source,
                                     hb_subset_input_t *input);
