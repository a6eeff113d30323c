/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The print fonts, cut down to the characters a layout prints.
 *
 * Cairo 1.16 embeds a CFF font in a PDF by first copying and parsing its
 * whole CFF table: some 24 MB for each face of Noto Serif CJK, and the form
 * prints with a regular and a bold one. That was most of an export's time
 * and memory. So a layout prints with a font map of its own, whose faces are
 * HarfBuzz subsets of the faces Pango picks from the system's fonts, each
 * holding only the characters printed in it (with their layout features,
 * metrics and names): the text is laid out and shaped exactly as with the
 * whole faces, and cairo then embeds these small faces instead.
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* A context on `font_map` laying text out the same way on any device: at
 * 72 dpi (a Pango point is a point of the page) and with no hinting, in
 * Chinese. */
PangoContext *pg_print_context_new (PangoFontMap *font_map);

typedef struct _PgPrintFontSubsetter PgPrintFontSubsetter;

/* `context` is a context on the system's font map, set up (language, font
 * options, resolution) as the text would be laid out: it decides which face
 * each character comes from. */
PgPrintFontSubsetter *pg_print_font_subsetter_new      (PangoContext               *context);
void                  pg_print_font_subsetter_free     (PgPrintFontSubsetter       *self);

/* Asks for the characters of `text`, printed in `description`. */
void                  pg_print_font_subsetter_add_text (PgPrintFontSubsetter       *self,
                                                        const PangoFontDescription *description,
                                                        const char                 *text);

/* A new font map holding a subset of each face the characters asked for
 * come from (a face HarfBuzz cannot subset is held whole), or NULL with
 * `error` set: the caller then prints with the whole faces and logs why, so
 * these errors are never shown to a user (i18n-log-only). The subsets live in a temporary directory, removed when the
 * font map is finalized. */
PangoFontMap         *pg_print_font_subsetter_make_font_map (PgPrintFontSubsetter  *self,
                                                             GError               **error);

/* The folder of the subsets kept between exports (in the user's cache
 * folder), to be freed. */
char                 *pg_print_font_cache_dir (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PgPrintFontSubsetter, pg_print_font_subsetter_free)

G_END_DECLS
