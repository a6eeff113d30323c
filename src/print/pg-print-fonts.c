/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its errors only reach the log, in English (i18n-log-only): a failure
 * costs size and speed, never a page, as the whole faces print instead.
 */
#define G_LOG_DOMAIN "perfgoal-print"

#include "config.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <errno.h>
#include <stdlib.h>
#include <utime.h>

#include "pg-print-fonts.h"
#include "pg-print-truetype.h"

typedef struct {
  PangoFontDescription *description; /* with no size */
  PangoFontset         *fontset;
  hb_set_t             *asked;      /* the characters already looked up */
} Request;

typedef struct {
  char     *file;
  guint     index;                  /* the face in a collection */
  hb_set_t *codepoints;
} Face;

struct _PgPrintFontSubsetter
{
  PangoContext         *context;
  GPtrArray            *requests;  /* Request, one per font description */
  GPtrArray            *faces;     /* Face, in the order first met */
  GHashTable           *by_file;   /* "index:file" → Face */
  /* Those set by pg_print_font_subsetter_set_prepared_faces (), or else
   * the default ones, opened for each font map. */
  gboolean              prepared_chosen;
  PgPrintPreparedFaces *prepared;
  int                   n_from_prepared;  /* atomic: faces cut from them */
};

/* What the system's fontconfig rules do to a face that lacks the weight
 * asked for (90-synthetic.conf): the private configuration of the subsets
 * has no rules of its own, and a form printed where no bold CJK face is
 * installed must still get its bold headings. */
static const char synthetic_bold_rules[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
  "<fontconfig>\n"
  "  <match target=\"font\">\n"
  "    <test name=\"weight\" compare=\"less_eq\"><const>medium</const></test>\n"
  "    <test target=\"pattern\" name=\"weight\" compare=\"more_eq\"><const>bold</const></test>\n"
  "    <edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>\n"
  "    <edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>\n"
  "  </match>\n"
  "</fontconfig>\n";

/* The font options cairo's PDF surface draws text with. Pango's fonts are
 * made with these too, so that the font a cell was measured with is the very
 * font it is drawn with: with other options, cairo would make a second font
 * to draw and load every glyph's outline twice, most of an export's time.
 * They are read off a surface rather than written out, as one of them
 * (rounding glyph positions) cannot be set through cairo's API. */
static cairo_font_options_t *
pdf_font_options (void)
{
  static cairo_font_options_t *options;

  if (g_once_init_enter (&options))
    {
      cairo_surface_t *probe = cairo_pdf_surface_create_for_stream (NULL, NULL, 1, 1);
      cairo_font_options_t *read = cairo_font_options_create ();

      cairo_surface_get_font_options (probe, read);
      cairo_surface_destroy (probe);
      /* Whatever the surface says: the same metrics on paper, in PDF and
       * on screen. */
      cairo_font_options_set_hint_metrics (read, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (read, CAIRO_HINT_STYLE_NONE);
      g_once_init_leave (&options, read);
    }
  return options;
}

PangoContext *
pg_print_context_new (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);

  /* 72 dpi: one Pango point is one unit of the page, whatever the device. */
  pango_cairo_context_set_resolution (context, 72.0);
  /* No hinting, as the PDF surface draws (see pdf_font_options). */
  pango_cairo_context_set_font_options (context, pdf_font_options ());
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  return context;
}

static void
request_free (gpointer data)
{
  Request *request = data;

  pango_font_description_free (request->description);
  g_clear_object (&request->fontset);
  hb_set_destroy (request->asked);
  g_free (request);
}

static void
face_free (gpointer data)
{
  Face *face = data;

  g_free (face->file);
  hb_set_destroy (face->codepoints);
  g_free (face);
}

PgPrintFontSubsetter *
pg_print_font_subsetter_new (PangoContext *context)
{
  PgPrintFontSubsetter *self;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  self = g_new0 (PgPrintFontSubsetter, 1);
  self->context = g_object_ref (context);
  self->requests = g_ptr_array_new_with_free_func (request_free);
  self->faces = g_ptr_array_new_with_free_func (face_free);
  self->by_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
pg_print_font_subsetter_free (PgPrintFontSubsetter *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->context);
  g_ptr_array_unref (self->requests);
  g_ptr_array_unref (self->faces);
  g_hash_table_unref (self->by_file);
  pg_print_prepared_faces_free (self->prepared);
  g_free (self);
}

guint
pg_print_font_subsetter_get_n_from_prepared (PgPrintFontSubsetter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) g_atomic_int_get (&self->n_from_prepared);
}

void
pg_print_font_subsetter_set_prepared_faces (PgPrintFontSubsetter *self,
                                            const char           *path)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->prepared, pg_print_prepared_faces_free);
  self->prepared_chosen = TRUE;
  if (path != NULL)
    {
      self->prepared = pg_print_prepared_faces_open (path, &error);
      if (self->prepared == NULL)
        g_debug ("No prepared faces: %s", error->message);
    }
}

static void add_codepoint (PgPrintFontSubsetter *self,
                           Request              *request,
                           gunichar              c);

static Request *
get_request (PgPrintFontSubsetter       *self,
             const PangoFontDescription *description)
{
  /* What Pango may print in any text without its being in it: the
   * hyphen it adds where a word breaks across lines (U+2010, or '-' in a
   * face without one), and the space. */
  static const gunichar always[] = { 0x2010, '-', ' ' };
  PangoFontDescription *sizeless = pango_font_description_copy (description);
  Request *request;

  /* Pango prints only outline faces, and fontconfig picks those whatever
   * the size: one lookup serves every size of a style. */
  pango_font_description_unset_fields (sizeless, PANGO_FONT_MASK_SIZE);
  for (guint i = 0; i < self->requests->len; i++)
    {
      request = g_ptr_array_index (self->requests, i);
      if (pango_font_description_equal (request->description, sizeless))
        {
          pango_font_description_free (sizeless);
          return request;
        }
    }

  request = g_new0 (Request, 1);
  request->description = sizeless;
  request->fontset = pango_font_map_load_fontset (pango_context_get_font_map (self->context), self->context,
                                                  description, pango_context_get_language (self->context));
  request->asked = hb_set_create ();
  g_ptr_array_add (self->requests, request);
  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    add_codepoint (self, request, always[i]);
  return request;
}

static Face *
get_face (PgPrintFontSubsetter *self,
          const char           *file,
          guint                 index)
{
  g_autofree char *key = g_strdup_printf ("%u:%s", index, file);
  Face *face = g_hash_table_lookup (self->by_file, key);

  if (face == NULL)
    {
      face = g_new0 (Face, 1);
      face->file = g_strdup (file);
      face->index = index;
      face->codepoints = hb_set_create ();
      g_ptr_array_add (self->faces, face);
      g_hash_table_insert (self->by_file, g_steal_pointer (&key), face);
    }
  return face;
}

static void
add_codepoint (PgPrintFontSubsetter *self,
               Request              *request,
               gunichar              c)
{
  PangoFont *font;
  FcPattern *pattern;
  FcChar8 *file = NULL;
  int index = 0;

  if (hb_set_has (request->asked, c))
    return;
  hb_set_add (request->asked, c);
  if (request->fontset == NULL)
    return;

  /* The face Pango itself would print the character in. */
  font = pango_fontset_get_font (request->fontset, c);
  if (font == NULL)
    return;
  if (PANGO_IS_FC_FONT (font))
    {
      pattern = pango_fc_font_get_pattern (PANGO_FC_FONT (font));
      if (FcPatternGetString (pattern, FC_FILE, 0, &file) == FcResultMatch)
        {
          FcPatternGetInteger (pattern, FC_INDEX, 0, &index);
          /* The high bits name an instance of a variable face: its subset
           * keeps the variations, so one subset serves every instance. */
          hb_set_add (get_face (self, (const char *) file, (guint) index & 0xffff)->codepoints, c);
        }
    }
  g_object_unref (font);
}

void
pg_print_font_subsetter_add_text (PgPrintFontSubsetter       *self,
                                  const PangoFontDescription *description,
                                  const char                 *text)
{
  Request *request;

  g_return_if_fail (self != NULL);
  g_return_if_fail (description != NULL);

  if (text == NULL)
    return;
  request = get_request (self, description);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    add_codepoint (self, request, g_utf8_get_char (p));
}

/* Whether the face itself lacks every character of `missing`: `source`
 * when the caller has it open, else read from the face's file. */
static gboolean
face_lacks_all (const Face *face,
                hb_face_t  *source,
                hb_set_t   *missing)
{
  hb_blob_t *blob = source == NULL ? hb_blob_create_from_file_or_fail (face->file) : NULL;
  hb_face_t *opened = blob != NULL ? hb_face_create (blob, face->index) : NULL;
  hb_font_t *font = NULL;
  hb_codepoint_t c = HB_SET_VALUE_INVALID;
  gboolean lacks;

  if (source == NULL)
    source = opened;
  font = source != NULL ? hb_font_create (source) : NULL;
  lacks = font != NULL;
  while (lacks && hb_set_next (missing, &c))
    {
      hb_codepoint_t glyph = 0;

      lacks = !hb_font_get_nominal_glyph (font, c, &glyph);
    }
  hb_font_destroy (font);
  hb_face_destroy (opened);
  hb_blob_destroy (blob);
  return lacks;
}

/* Whether `mapped` (the characters a cut of the face maps) holds every
 * character of `face` that the face itself maps (`source`, when the caller
 * has it open). */
static gboolean
maps_all_of (const hb_set_t *mapped,
             const Face     *face,
             hb_face_t      *source)
{
  hb_set_t *missing = hb_set_copy (face->codepoints);
  gboolean ok;

  hb_set_subtract (missing, mapped);
  ok = hb_set_is_empty (missing) || face_lacks_all (face, source, missing);
  hb_set_destroy (missing);
  return ok;
}

/* Whether `cut` maps every character of `face` that the face itself maps. */
static gboolean
face_maps_all_of (hb_face_t  *cut,
                  const Face *face,
                  hb_face_t  *source)
{
  hb_set_t *mapped = hb_set_create ();
  gboolean ok;

  hb_face_collect_unicodes (cut, mapped);
  ok = maps_all_of (mapped, face, source);
  hb_set_destroy (mapped);
  return ok;
}

static char      *face_identity   (hb_blob_t            *file,
                                   hb_face_t            *source,
                                   guint                 index);
static hb_face_t *lookup_prepared (PgPrintPreparedFaces *self,
                                   const char           *identity);

/* Changes whenever make_subset cuts differently. */
#define SUBSET_RECIPE 2

/* The subset of `face`, made by HarfBuzz, or NULL when HarfBuzz cannot
 * subset it (not an OpenType font). It is cut from the face's prepared face
 * when `prepared` has one holding all its characters, from the face itself
 * otherwise: the same glyphs either way. */
static GBytes *
make_subset (const Face           *face,
             PgPrintPreparedFaces *prepared,
             gboolean             *out_from_prepared)
{
  hb_blob_t *blob = hb_blob_create_from_file_or_fail (face->file);
  hb_face_t *source = NULL;
  hb_face_t *cut_from = NULL;
  hb_subset_input_t *input = NULL;
  hb_blob_t *data = NULL;
  GBytes *bytes = NULL;

  if (blob != NULL)
    source = hb_face_create (blob, face->index);
  if (source != NULL && prepared != NULL)
    {
      g_autofree char *identity = face_identity (blob, source, face->index);

      cut_from = identity != NULL ? lookup_prepared (prepared, identity) : NULL;
      if (cut_from != NULL && !face_maps_all_of (cut_from, face, source))
        {
          g_debug ("%s has characters its prepared face lacks: cut whole", face->file);
          g_clear_pointer (&cut_from, hb_face_destroy);
        }
    }
  *out_from_prepared = cut_from != NULL;
  if (cut_from == NULL && source != NULL)
    cut_from = hb_face_reference (source);
  if (cut_from != NULL && hb_face_get_glyph_count (cut_from) > 0)
    input = hb_subset_input_create_or_fail ();
  if (input != NULL)
    {
      hb_set_t *names = hb_subset_input_set (input, HB_SUBSET_SETS_NAME_ID);
      hb_set_t *name_languages = hb_subset_input_set (input, HB_SUBSET_SETS_NAME_LANG_ID);

      hb_set_set (hb_subset_input_unicode_set (input), face->codepoints);
      /* Every name in every language: fontconfig matches a family by any
       * of them, and the form may ask for "宋体". */
      hb_set_clear (names);
      hb_set_invert (names);
      hb_set_clear (name_languages);
      hb_set_invert (name_languages);
      /* HarfBuzz kerns with the old 'kern' table in faces with no GPOS. */
      hb_set_del (hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG), HB_TAG ('k', 'e', 'r', 'n'));
      /* Where CFF outlines stay (pg_print_truetype_subset could not
       * replace them), several times faster on the CJK faces, and the
       * subset is smaller once the subroutines that served other glyphs
       * are gone. No hints:
       * the layout never hints (pg_print_context_new) and a printer's
       * resolution needs none, while FreeType reads a hinted glyph
       * slower, and every glyph is read three times to print it (Pango
       * measures it at each size, cairo maps it into the PDF's subset and
       * measures it again at the face's own size). The pages come out the
       * same. */
      hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
      /* With TrueType outlines when the face has CFF ones: FreeType reads
       * them several times faster (pg-print-truetype.h). The example's
       * export: 350 → 240 M instructions. */
      data = pg_print_truetype_subset (cut_from, input);
    }

  if (data != NULL && hb_blob_get_length (data) > 0)
    {
      unsigned int length = 0;
      const char *contents = hb_blob_get_data (data, &length);

      bytes = g_bytes_new (contents, length);
    }

  hb_blob_destroy (data);
  hb_subset_input_destroy (input);
  hb_face_destroy (cut_from);
  hb_face_destroy (source);
  hb_blob_destroy (blob);
  return bytes;
}

/* Prepared faces (pg-print-fonts.h).
 *
 * Cutting a CJK face for a set of characters it has not been cut for is
 * the slow part of a first export: HarfBuzz closes the characters over the
 * layout lookups of the face's 65 000 glyphs, and each glyph kept is drawn
 * again in TrueType's curves (pg-print-truetype.h). So the build cuts each
 * face the form prints with, once, to the characters of everyday Chinese
 * text (data/print-characters.txt); an export whose characters a prepared
 * face holds cuts that instead: a fifth of the glyphs (13 000 of the
 * 65 000 of Noto Serif CJK), with TrueType outlines already, which HarfBuzz
 * copies as they are. The example's first export: 117 → 94 ms.
 *
 * A face is known by what it is, not where it lies: its file's size, its
 * index in the file and its 'head' table (the font's revision, dates and
 * checksum). A face changed since the build has another identity: it is
 * cut whole, as with no prepared faces at all. The file is a GVariant
 * dictionary, a{say}, from identities to fonts. */

/* Changes whenever the prepared faces are cut or named differently. */
#define PREPARED_RECIPE 1

struct _PgPrintPreparedFaces
{
  GVariant *faces;  /* a{say} */
};

static char *
face_identity (hb_blob_t *file,
               hb_face_t *source,
               guint      index)
{
  g_autoptr(GChecksum) sum = NULL;
  g_autofree char *header = NULL;
  hb_blob_t *head = hb_face_reference_table (source, HB_TAG ('h', 'e', 'a', 'd'));
  unsigned int length = 0;
  const char *data = hb_blob_get_data (head, &length);
  char *identity = NULL;

  if (length > 0)
    {
      sum = g_checksum_new (G_CHECKSUM_SHA256);
      header = g_strdup_printf ("perfgoal prepared face %d\nsubset %d\nindex %u\nsize %u\n",
                                PREPARED_RECIPE, SUBSET_RECIPE, index, hb_blob_get_length (file));
      g_checksum_update (sum, (const guchar *) header, -1);
      g_checksum_update (sum, (const guchar *) data, length);
      identity = g_strdup (g_checksum_get_string (sum));
    }
  hb_blob_destroy (head);
  return identity;
}

PgPrintPreparedFaces *
pg_print_prepared_faces_open (const char  *path,
                              GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PgPrintPreparedFaces *self;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  self = g_new0 (PgPrintPreparedFaces, 1);
  /* Not trusted: a damaged file reads as fewer faces (or none), and each
   * face is checked as it is used. */
  self->faces = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a{say}"), bytes, FALSE));
  return self;
}

/* Where an installed program finds its prepared faces; beside the
 * program when it runs from the build tree (where the build writes them);
 * PERFGOAL_PRINT_FACES says where else, or none when empty. */
PgPrintPreparedFaces *
pg_print_prepared_faces_open_default (void)
{
  const char *chosen = g_getenv ("PERFGOAL_PRINT_FACES");
  g_autofree char *self_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  PgPrintPreparedFaces *faces;

  if (chosen != NULL)
    path = g_strdup (chosen);
  else
    {
      self_path = g_file_read_link ("/proc/self/exe", NULL);
      dir = self_path != NULL ? g_path_get_dirname (self_path) : NULL;
      path = dir != NULL ? g_build_filename (dir, PG_PRINT_PREPARED_FACES_NAME, NULL) : NULL;
      if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_free (path);
          path = g_build_filename (PKGDATADIR, PG_PRINT_PREPARED_FACES_NAME, NULL);
        }
    }
  if (*path == '\0')
    return NULL;
  faces = pg_print_prepared_faces_open (path, &error);
  if (faces == NULL)
    g_debug ("No prepared faces: %s", error->message);
  return faces;
}

void
pg_print_prepared_faces_free (PgPrintPreparedFaces *self)
{
  if (self == NULL)
    return;
  g_variant_unref (self->faces);
  g_free (self);
}

guint
pg_print_prepared_faces_get_n_faces (PgPrintPreparedFaces *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) g_variant_n_children (self->faces);
}

/* The prepared face of the face `identity` names, or NULL. */
static hb_face_t *
lookup_prepared (PgPrintPreparedFaces *self,
                 const char           *identity)
{
  g_autoptr(GVariant) font = NULL;
  const char *data;
  gsize length = 0;
  hb_blob_t *blob;
  hb_face_t *face;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  font = g_variant_lookup_value (self->faces, identity, G_VARIANT_TYPE_BYTESTRING);
  if (font == NULL)
    return NULL;
  data = g_variant_get_fixed_array (font, &length, 1);
  if (length < 12 || length > G_MAXUINT)
    return NULL;
  /* The font's bytes stay in the mapped file, for as long as the face. */
  blob = hb_blob_create (data, (unsigned int) length, HB_MEMORY_MODE_READONLY,
                         g_variant_ref (font), (hb_destroy_func_t) g_variant_unref);
  face = hb_face_create (blob, 0);
  hb_blob_destroy (blob);
  if (hb_face_get_glyph_count (face) == 0)
    {
      g_debug ("The prepared face %s is not a font", identity);
      g_clear_pointer (&face, hb_face_destroy);
    }
  return face;
}

/* The identity of the face at `index` in `file`, or NULL when it cannot be
 * read. */
static char *
file_face_identity (const char *file,
                    guint       index)
{
  hb_blob_t *blob = hb_blob_create_from_file_or_fail (file);
  hb_face_t *source = blob != NULL ? hb_face_create (blob, index) : NULL;
  char *identity = source != NULL ? face_identity (blob, source, index) : NULL;

  hb_face_destroy (source);
  hb_blob_destroy (blob);
  return identity;
}

hb_face_t *
pg_print_prepared_faces_lookup_face (PgPrintPreparedFaces *self,
                                     const char           *file,
                                     guint                 index)
{
  g_autofree char *identity = file_face_identity (file, index);

  return identity != NULL ? lookup_prepared (self, identity) : NULL;
}

gboolean
pg_print_font_subsetter_write_prepared (PgPrintFontSubsetter  *self,
                                        const char            *path,
                                        GError               **error)
{
  GVariantBuilder builder;
  g_autoptr(GVariant) faces = NULL;
  g_autoptr(GBytes) data = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{say}"));
  for (guint i = 0; i < self->faces->len; i++)
    {
      const Face *face = g_ptr_array_index (self->faces, i);
      g_autofree char *identity = file_face_identity (face->file, face->index);
      gboolean from_prepared = FALSE;
      g_autoptr(GBytes) font = identity != NULL ? make_subset (face, NULL, &from_prepared) : NULL;

      /* A face HarfBuzz cannot cut is left out: it prints whole. */
      if (font != NULL)
        g_variant_builder_add (&builder, "{s@ay}", identity,
                               g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, font, TRUE));
    }
  faces = g_variant_ref_sink (g_variant_builder_end (&builder));
  data = g_variant_get_data_as_bytes (faces);
  return g_file_set_contents_full (path, g_bytes_get_data (data, NULL), (gssize) g_bytes_get_size (data),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* The cache of subsets.
 *
 * Subsetting a CJK face is a fifth of an export's time, and a declaration
 * is exported, corrected and exported again with the same characters. So
 * each subset is kept in the user's cache folder, named after everything
 * that makes it: the face's file (path, size and time), the face in it,
 * HarfBuzz's version, how it is cut, and the characters. A kept subset is
 * used only when its own character map holds exactly the characters asked
 * for; anything else (a damaged or foreign file) is made again. The cache
 * keeps the most recently used subsets, MAX_CACHED of them. */

#define MAX_CACHED 32

char *
pg_print_font_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "perfgoal", "print-fonts", NULL);
}

static char *
cache_path (const Face *face)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *recipe = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  unsigned int major = 0, minor = 0, micro = 0;
  hb_codepoint_t c = HB_SET_VALUE_INVALID;
  GStatBuf info;

  if (g_stat (face->file, &info) != 0)
    return NULL;
  hb_version (&major, &minor, &micro);
  recipe = g_strdup_printf ("%s\n%u\n%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT "\nharfbuzz %u.%u.%u\nrecipe %d\n",
                            face->file, face->index, (gint64) info.st_size, (gint64) info.st_mtime,
                            major, minor, micro, SUBSET_RECIPE);
  g_checksum_update (sum, (const guchar *) recipe, -1);
  while (hb_set_next (face->codepoints, &c))
    {
      guint32 le = GUINT32_TO_LE (c);

      g_checksum_update (sum, (const guchar *) &le, sizeof le);
    }
  dir = pg_print_font_cache_dir ();
  name = g_strconcat (g_checksum_get_string (sum), ".otf", NULL);
  return g_build_filename (dir, name, NULL);
}

/* Whether `bytes` is a font mapping what a subset of `face` maps: the
 * characters asked for, but those the face lacks. */
static gboolean
is_subset_of (GBytes     *bytes,
              const Face *face)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  hb_blob_t *blob = NULL;
  hb_face_t *font = NULL;
  hb_set_t *mapped = NULL;
  gboolean ok = FALSE;

  if (length < 12 || length > G_MAXUINT)
    return FALSE;
  blob = hb_blob_create (data, (unsigned int) length, HB_MEMORY_MODE_READONLY, NULL, NULL);
  font = hb_face_create (blob, 0);
  if (hb_face_get_glyph_count (font) > 0)
    {
      mapped = hb_set_create ();
      hb_face_collect_unicodes (font, mapped);
      ok = hb_set_is_subset (mapped, face->codepoints) && maps_all_of (mapped, face, NULL);
      hb_set_destroy (mapped);
    }
  hb_face_destroy (font);
  hb_blob_destroy (blob);
  return ok;
}

static GBytes *
read_cached (const char *path,
             const Face *face)
{
  char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  bytes = g_bytes_new_take (contents, length);
  if (!is_subset_of (bytes, face))
    {
      g_debug ("Made again: %s is not the subset it is named after", path);
      return NULL;
    }
  /* Used: the most recent, for pruning. */
  g_utime (path, NULL);
  return g_steal_pointer (&bytes);
}

typedef struct {
  char   *path;
  gint64  time;
} Cached;

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Cached *x = a, *y = b;

  return x->time < y->time ? 1 : x->time > y->time ? -1 : 0;
}

/* Keeps the MAX_CACHED most recently used subsets. */
static void
prune_cache (const char *dir)
{
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  g_autoptr(GArray) cached = g_array_new (FALSE, FALSE, sizeof (Cached));
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      Cached entry = { g_build_filename (dir, name, NULL), 0 };
      GStatBuf info;

      if (g_str_has_suffix (name, ".otf") && g_stat (entry.path, &info) == 0)
        {
          entry.time = (gint64) info.st_mtime;
          g_array_append_val (cached, entry);
        }
      else
        g_free (entry.path);
    }
  g_array_sort (cached, compare_newest_first);
  for (guint i = 0; i < cached->len; i++)
    {
      Cached *entry = &g_array_index (cached, Cached, i);

      if (i >= MAX_CACHED)
        g_unlink (entry->path);
      g_free (entry->path);
    }
}

static void
write_cached (const char *path,
              GBytes     *bytes)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  /* Written beside and renamed: another export reading the cache at the
   * same time sees the whole subset or none. */
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_debug ("Could not keep the subset in the cache: %s", error != NULL ? error->message : g_strerror (errno));
      return;
    }
  prune_cache (dir);
}

/* Writes the subset of `face` into `dir` and returns its path, or returns
 * the face's own file when HarfBuzz cannot subset it (not an OpenType
 * font): fontconfig then adds it whole. The subset comes from the cache
 * when it is there. */
static char *
write_subset (const Face            *face,
              PgPrintPreparedFaces  *prepared,
              int                   *n_from_prepared,
              const char            *dir,
              guint                  number,
              GError               **error)
{
  g_autofree char *cached = cache_path (face);
  g_autoptr(GBytes) bytes = cached != NULL ? read_cached (cached, face) : NULL;
  g_autofree char *name = NULL;
  char *path;
  gsize length = 0;
  const char *data;

  if (bytes == NULL)
    {
      gboolean from_prepared = FALSE;

      bytes = make_subset (face, prepared, &from_prepared);
      if (from_prepared)
        g_atomic_int_inc (n_from_prepared);
      if (bytes == NULL)
        return g_strdup (face->file);
      if (cached != NULL)
        write_cached (cached, bytes);
    }

  /* A copy of its own, for as long as the font map reads it: another
   * export may prune the cache meanwhile. */
  name = g_strdup_printf ("face-%u.otf", number);
  path = g_build_filename (dir, name, NULL);
  data = g_bytes_get_data (bytes, &length);
  if (!g_file_set_contents (path, data, (gssize) length, error))
    g_clear_pointer (&path, g_free);
  return path;
}

static void
remove_dir (const char *dir)
{
  GDir *entries = g_dir_open (dir, 0, NULL);
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  if (entries != NULL)
    g_dir_close (entries);
  g_rmdir (dir);
}

/* The directories of the subsets of the font maps alive, removed at exit
 * as well: a window left open at exit (a preview) never finalizes its
 * layout, and the subsets would stay in the temporary folder. */
G_LOCK_DEFINE_STATIC (live_dirs);
static GPtrArray *live_dirs;

static void
remove_live_dirs (void)
{
  G_LOCK (live_dirs);
  for (guint i = 0; live_dirs != NULL && i < live_dirs->len; i++)
    remove_dir (g_ptr_array_index (live_dirs, i));
  g_clear_pointer (&live_dirs, g_ptr_array_unref);
  G_UNLOCK (live_dirs);
}

static void
keep_live_dir (const char *dir)
{
  G_LOCK (live_dirs);
  if (live_dirs == NULL)
    {
      live_dirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_live_dirs);
    }
  g_ptr_array_add (live_dirs, g_strdup (dir));
  G_UNLOCK (live_dirs);
}

static void
forget_live_dir (const char *dir)
{
  G_LOCK (live_dirs);
  for (guint i = 0; live_dirs != NULL && i < live_dirs->len; i++)
    if (g_str_equal (g_ptr_array_index (live_dirs, i), dir))
      {
        g_ptr_array_remove_index_fast (live_dirs, i);
        break;
      }
  G_UNLOCK (live_dirs);
}

/* When the font map goes. Pango 1.50 never gives back a font map's
 * configuration (later versions do, in finalize): detach it, once the map is
 * shut down so that it does not load the system's fonts in its place. */
static void
on_font_map_gone (gpointer  data,
                  GObject  *font_map)
{
  char *dir = data;

  pango_fc_font_map_shutdown (PANGO_FC_FONT_MAP (font_map));
  pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (font_map), NULL);
  forget_live_dir (dir);
  remove_dir (dir);
  g_free (dir);
}

/* One face's subset, made on a thread of its own. */
typedef struct {
  const Face           *face;
  PgPrintPreparedFaces *prepared;
  int                  *n_from_prepared;
  const char           *dir;
  guint                 number;
  char                 *path;
  GError               *error;
} SubsetJob;

static gpointer
run_subset_job (gpointer data)
{
  SubsetJob *job = data;

  job->path = write_subset (job->face, job->prepared, job->n_from_prepared, job->dir, job->number, &job->error);
  return NULL;
}

PangoFontMap *
pg_print_font_subsetter_make_font_map (PgPrintFontSubsetter  *self,
                                       GError               **error)
{
  g_autofree char *dir = NULL;
  g_autofree SubsetJob *jobs = NULL;
  g_autofree GThread **threads = NULL;
  g_autoptr(PgPrintPreparedFaces) prepared = NULL;
  PangoFontMap *font_map = NULL;
  FcConfig *config = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->faces->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no face prints any of the text");
      return NULL;
    }
  dir = g_dir_make_tmp ("perfgoal-print-fonts-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  if (!self->prepared_chosen)
    prepared = pg_print_prepared_faces_open_default ();

  /* The faces are cut at the same time, each on a thread of its own but the
   * first, on this one: a form prints with a regular and a bold face, and
   * subsetting a CJK face is a good part of an export's time. */
  jobs = g_new0 (SubsetJob, self->faces->len);
  threads = g_new0 (GThread *, self->faces->len);
  for (guint i = 0; i < self->faces->len; i++)
    {
      jobs[i].face = g_ptr_array_index (self->faces, i);
      jobs[i].prepared = self->prepared_chosen ? self->prepared : prepared;
      jobs[i].n_from_prepared = &self->n_from_prepared;
      jobs[i].dir = dir;
      jobs[i].number = i;
      if (i > 0)
        threads[i] = g_thread_try_new ("perfgoal-subset", run_subset_job, &jobs[i], NULL);
    }
  for (guint i = 0; i < self->faces->len; i++)
    if (threads[i] == NULL)
      run_subset_job (&jobs[i]);
  for (guint i = 0; i < self->faces->len; i++)
    if (threads[i] != NULL)
      g_thread_join (threads[i]);

  config = FcConfigCreate ();
  if (config == NULL || !FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) synthetic_bold_rules, FcTrue))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "fontconfig could not make a configuration");
      ok = FALSE;
    }
  for (guint i = 0; ok && i < self->faces->len; i++)
    {
      if (jobs[i].path == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&jobs[i].error));
          ok = FALSE;
        }
      else if (!FcConfigAppFontAddFile (config, (const FcChar8 *) jobs[i].path))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "fontconfig could not read %s", jobs[i].path);
          ok = FALSE;
        }
    }
  for (guint i = 0; i < self->faces->len; i++)
    {
      g_free (jobs[i].path);
      g_clear_error (&jobs[i].error);
    }

  if (ok)
    {
      font_map = pango_cairo_font_map_new ();
      if (!PANGO_IS_FC_FONT_MAP (font_map))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Pango does not use fontconfig here");
          g_clear_object (&font_map);
        }
    }
  if (font_map != NULL)
    {
      pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (font_map), config);
      /* The subsets are read as they are needed, to shape and to embed:
       * they stay as long as the font map. */
      keep_live_dir (dir);
      g_object_weak_ref (G_OBJECT (font_map), on_font_map_gone, g_steal_pointer (&dir));
    }
  else
    remove_dir (dir);
  if (config != NULL)
    FcConfigDestroy (config);
  return font_map;
}
