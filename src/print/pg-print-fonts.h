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

#include <hb.h>
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

/* Prepared faces: each face the form prints with, cut once, at build time,
 * to the characters of everyday Chinese text, with TrueType outlines
 * (pg-print-truetype.h). Cutting a subset from the prepared face instead of
 * the whole face gives the same glyphs in a fraction of the time: a first
 * export of new text no longer waits for HarfBuzz to go through a face of
 * 65 000 glyphs. A face whose prepared face lacks a character it prints is
 * cut whole, as are faces with no prepared face. The build writes them
 * beside the program and installs them in the package's data folder. */
#define PG_PRINT_PREPARED_FACES_NAME "print-faces.gvariant"

typedef struct _PgPrintPreparedFaces PgPrintPreparedFaces;

/* NULL with `error` set when the file cannot be read. A damaged file is
 * read as holding fewer faces, or none. */
PgPrintPreparedFaces *pg_print_prepared_faces_open         (const char  *path,
                                                            GError     **error);
/* PERFGOAL_PRINT_FACES's file (none when it is empty); else the file
 * beside the program, else the installed one; NULL when there is none. */
PgPrintPreparedFaces *pg_print_prepared_faces_open_default (void);
void                  pg_print_prepared_faces_free         (PgPrintPreparedFaces *self);
guint                 pg_print_prepared_faces_get_n_faces  (PgPrintPreparedFaces *self);
/* The prepared face of the face at `index` in `file`, or NULL: a new
 * reference, to destroy. */
hb_face_t            *pg_print_prepared_faces_lookup_face  (PgPrintPreparedFaces *self,
                                                            const char           *file,
                                                            guint                 index);

/* The prepared faces the font maps are cut from: those in `path`, or none
 * when `path` is NULL. Without this call, the default ones. */
void                  pg_print_font_subsetter_set_prepared_faces (PgPrintFontSubsetter *self,
                                                                  const char           *path);

/* How many subsets the font maps made so far were cut from prepared faces
 * (subsets taken from the cache are not cut at all). */
guint                 pg_print_font_subsetter_get_n_from_prepared (PgPrintFontSubsetter *self);

/* Writes to `path` the prepared face of each face the characters asked for
 * come from, cut from the whole face to those characters. */
gboolean              pg_print_font_subsetter_write_prepared (PgPrintFontSubsetter  *self,
                                                              const char            *path,
                                                              GError               **error);

/* The folder of the subsets kept between exports (in the user's cache
 * folder), to be freed. */
char                 *pg_print_font_cache_dir (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PgPrintFontSubsetter, pg_print_font_subsetter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PgPrintPreparedFaces, pg_print_prepared_faces_free)

G_END_DECLS
