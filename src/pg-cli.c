/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "pg-cli.h"
#include "pg-document.h"
#include "pg-json.h"
#include "pg-print-layout.h"
#include "pg-print-pdf.h"
#include "pg-review.h"
#include "pg-schema.h"

gboolean
pg_cli_wants (int    argc,
              char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "--export") == 0 || g_str_has_prefix (argv[i], "--export=")
          || strcmp (argv[i], "--check") == 0 || g_str_has_prefix (argv[i], "--check="))
        return TRUE;
    }
  return FALSE;
}

PgDocument *
pg_cli_load (GFile    *file,
             gboolean  in_memory,
             GError  **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 header[100] = { 0 };
  gsize n_read = 0;

  /* The content decides, not the name: a .perfgoal file starts with
   * SQLite's header, anything else is read as JSON. */
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL, error))
    return NULL;
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);

  if (n_read >= 16 && memcmp (header, "SQLite format 3", 16) == 0)
    return pg_document_open (file, error);
  /* In memory: no working copy to write, to remove, or to leave behind
   * for the app to offer back if the command is killed. */
  if (in_memory)
    return pg_json_import_file_in_memory (file, error);
  return pg_json_import_file (file, error);
}

static void print_error (const char *message);

/* Started before the declaration is read, on a thread of its own: loading
 * fontconfig's configuration and finding the print font take as long as
 * reading the example, and a PDF needs both. */
static gpointer
look_up_print_font (gpointer data)
{
  pg_print_find_cjk_family (NULL);
  return NULL;
}

static gboolean
export_pdf (PgDocument *document,
            GFile      *out,
            const char *label_language,
            GError    **error)
{
  g_autofree char *local = g_file_get_path (out);
  PgPrintOptions options;

  pg_print_options_init (&options);
  if (label_language != NULL)
    {
      options.override_language = TRUE;
      pg_language_from_key (label_language, &options.language);
    }
  if (pg_print_find_cjk_family (NULL) == NULL)
    {
      /* Never silent tofu: the PDF is still written, with a warning. */
      g_autofree char *warning =
        /* Translators: %s is a Debian package name. */
        g_strdup_printf (_("warning: no font for Chinese is installed, so Chinese text will print as empty boxes; "
                           "install one (on Debian: the package %s)"), "fonts-noto-cjk");
      print_error (warning);
    }
  if (local == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A PDF can only be written to a local file"));
      return FALSE;
    }
  return pg_print_pdf_write (document, &options, local, NULL, NULL, NULL, error);
}

typedef enum {
  EXPORT_UNKNOWN,
  EXPORT_JSON,
  EXPORT_PERFGOAL,
  EXPORT_PDF,
} ExportFormat;

/* What --export writes, told by the output's name. */
static ExportFormat
export_format (const char *out_path)
{
  g_autofree char *lower = g_utf8_strdown (out_path, -1);

  if (g_str_has_suffix (lower, ".json"))
    return EXPORT_JSON;
  if (g_str_has_suffix (lower, ".perfgoal"))
    return EXPORT_PERFGOAL;
  if (g_str_has_suffix (lower, ".pdf"))
    return EXPORT_PDF;
  return EXPORT_UNKNOWN;
}

static gboolean
export_to (PgDocument *document,
           const char *out_path,
           const char *label_language,
           GError    **error)
{
  g_autoptr(GFile) out = g_file_new_for_commandline_arg (out_path);
  ExportFormat format = export_format (out_path);

  if (format == EXPORT_JSON)
    {
      gsize length = 0;
      g_autofree char *json = pg_json_export (document, &length);
      g_autofree char *local = g_file_get_path (out);

      /* Written beside the target and renamed over it: never half-written. */
      if (local != NULL)
        return g_file_set_contents_full (local, json, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
      return g_file_replace_contents (out, json, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
    }
  if (format == EXPORT_PERFGOAL)
    return pg_document_write_copy (document, out, error);
  if (format == EXPORT_PDF)
    return export_pdf (document, out, label_language, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               /* Translators: %s is the file name given; keep the extensions as they are. */
               _("Cannot tell the format of “%s” from its name: use .json or .perfgoal (a document), or .pdf (the printed form)."), out_path);
  return FALSE;
}

static void
print_error (const char *message)
{
  g_autofree char *one_line = g_strdup (message);

  /* One line per failure, so scripts can read it. */
  g_strdelimit (one_line, "\r\n", ' ');
  fprintf (stderr, "%s: %s\n", PROGRAM_NAME, one_line);
}

/* The findings as a JSON array of {severity, path, message}. */
static char *
findings_to_json (GPtrArray *findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      PgFinding *finding = findings->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, pg_severity_to_string (finding->severity));
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, finding->path);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, finding->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/* perfgoal --check FILE: the reviewer's findings on stdout, one a line
 * (SEVERITY<TAB>PATH<TAB>MESSAGE) or as JSON. 0 without an error, 1 with
 * one, 2 when FILE cannot be read. */
static int
check_file (const char *path,
            gboolean    as_json)
{
  g_autoptr(GFile) input = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) document = pg_cli_load (input, TRUE, &error);
  g_autoptr(PgReview) review = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  if (document == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", path, error->message);
      print_error (message);
      return 2;
    }

  review = pg_review_new (document);
  findings = pg_review_get_findings (review);
  if (as_json)
    {
      g_autofree char *json = findings_to_json (findings);
      printf ("%s\n", json);
    }
  else
    for (guint i = 0; i < findings->len; i++)
      {
        PgFinding *finding = findings->pdata[i];
        g_autofree char *one_line = g_strdelimit (g_strdup (finding->message), "\t\r\n", ' ');

        printf ("%s\t%s\t%s\n", pg_severity_to_string (finding->severity), finding->path, one_line);
      }
  fflush (stdout);
  pg_document_close (document);
  return pg_review_get_n_errors (review) > 0 ? 1 : 0;
}

int
pg_cli_run (int    argc,
            char **argv)
{
  g_autofree char *export_path = NULL;
  g_autofree char *check_path = NULL;
  g_autofree char *check_format = NULL;
  g_autofree char *label_language = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) document = NULL;
  g_auto(GStrv) args = g_new0 (char *, argc + 1);
  GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Write the declaration FILE to OUT (.json, .perfgoal or .pdf) and exit"), N_("OUT") },
    { "label-language", 0, 0, G_OPTION_ARG_STRING, &label_language,
      N_("Print the PDF’s labels in LANGUAGE (en or zh_CN) instead of the document’s"), N_("LANGUAGE") },
    { "check", 0, 0, G_OPTION_ARG_FILENAME, &check_path,
      N_("Review the declaration FILE as the finance bureau would, print what it finds and exit"), N_("FILE") },
    { "check-format", 0, 0, G_OPTION_ARG_STRING, &check_format,
      N_("Print the findings of --check as FORMAT: text (one a line) or json"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Export or review a performance goals declaration."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* The strv variant frees what it takes out of the vector. */
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      print_error (error->message);
      return 2;
    }

  if (label_language != NULL && !pg_language_from_key (label_language, &(PgLanguage) { 0 }))
    {
      /* Translators: %s is the value given; en and zh_CN are codes: keep them. */
      g_autofree char *message = g_strdup_printf (_("Unknown label language “%s”: use en or zh_CN"), label_language);
      print_error (message);
      return 2;
    }

  if (check_path != NULL)
    {
      if (check_format != NULL && strcmp (check_format, "text") != 0 && strcmp (check_format, "json") != 0)
        {
          /* Translators: %s is the value given; text and json are the
           * option's values: keep them. */
          g_autofree char *message = g_strdup_printf (_("Unknown check format “%s”: use text or json"), check_format);
          print_error (message);
          return 2;
        }
      if (export_path != NULL || files != NULL)
        {
          print_error (_("--check takes one file and nothing else: perfgoal --check FILE"));
          return 2;
        }
      return check_file (check_path, g_strcmp0 (check_format, "json") == 0);
    }

  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      print_error (_("--export needs exactly one input file: perfgoal --export OUT FILE"));
      return 2;
    }

  {
    g_autoptr(GFile) input = g_file_new_for_commandline_arg (files[0]);
    GThread *font_lookup = NULL;

    if (export_format (export_path) == EXPORT_PDF)
      font_lookup = g_thread_try_new ("perfgoal-fonts", look_up_print_font, NULL, NULL);
    document = pg_cli_load (input, TRUE, &error);
    if (font_lookup != NULL)
      g_thread_join (font_lookup);
  }
  if (document == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if (!export_to (document, export_path, label_language, &error))
    {
      print_error (error->message);
      return 1;
    }
  return 0;
}
