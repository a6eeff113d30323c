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
#include <stdlib.h>

#include "pg-print-fonts.h"

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
  PangoContext *context;
  GPtrArray    *requests;  /* Request, one per font description */
  GPtrArray    *faces;     /* Face, in the order first met */
  GHashTable   *by_file;   /* "index:file" → Face */
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
  g_free (self);
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

/* Writes the subset of `face` into `dir` and returns its path, or returns
 * the face's own file when HarfBuzz cannot subset it (not an OpenType
 * font): fontconfig then adds it whole. */
static char *
write_subset (const Face  *face,
              const char  *dir,
              guint        number,
              GError     **error)
{
  hb_blob_t *blob = hb_blob_create_from_file_or_fail (face->file);
  hb_face_t *source = NULL;
  hb_face_t *subset = NULL;
  hb_subset_input_t *input = NULL;
  char *path = NULL;

  if (blob != NULL)
    source = hb_face_create (blob, face->index);
  if (source != NULL && hb_face_get_glyph_count (source) > 0)
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
      /* Several times faster on the CJK faces, and the subset is smaller
       * once the subroutines that served other glyphs are gone. No hints:
       * the layout never hints (pg_print_context_new) and a printer's
       * resolution needs none, while FreeType reads a hinted CFF glyph
       * slower, and every glyph is read three times to print it. The
       * pages come out the same. */
      hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
      subset = hb_subset_or_fail (source, input);
    }

  if (subset != NULL)
    {
      hb_blob_t *data = hb_face_reference_blob (subset);
      unsigned int length = 0;
      const char *bytes = hb_blob_get_data (data, &length);
      g_autofree char *name = g_strdup_printf ("face-%u.otf", number);

      path = g_build_filename (dir, name, NULL);
      if (length == 0 || !g_file_set_contents (path, bytes, length, error))
        {
          if (length == 0)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the subset of %s came out empty", face->file);
          g_clear_pointer (&path, g_free);
        }
      hb_blob_destroy (data);
    }
  else
    path = g_strdup (face->file);

  hb_face_destroy (subset);
  hb_subset_input_destroy (input);
  hb_face_destroy (source);
  hb_blob_destroy (blob);
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
  const Face *face;
  const char *dir;
  guint       number;
  char       *path;
  GError     *error;
} SubsetJob;

static gpointer
run_subset_job (gpointer data)
{
  SubsetJob *job = data;

  job->path = write_subset (job->face, job->dir, job->number, &job->error);
  return NULL;
}

PangoFontMap *
pg_print_font_subsetter_make_font_map (PgPrintFontSubsetter  *self,
                                       GError               **error)
{
  g_autofree char *dir = NULL;
  g_autofree SubsetJob *jobs = NULL;
  g_autofree GThread **threads = NULL;
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

  /* The faces are cut at the same time, each on a thread of its own but the
   * first, on this one: a form prints with a regular and a bold face, and
   * subsetting a CJK face is a good part of an export's time. */
  jobs = g_new0 (SubsetJob, self->faces->len);
  threads = g_new0 (GThread *, self->faces->len);
  for (guint i = 0; i < self->faces->len; i++)
    {
      jobs[i].face = g_ptr_array_index (self->faces, i);
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
