/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exchange format (exchange-json.md). Import reads the JSON twice: a
 * first pass only checks it, so bad input is refused before any working copy
 * exists; the second pass builds the document through the public commands,
 * in one step that writes no history. Export writes the keys in the format's
 * order, so export, import, export gives the same bytes.
 */
#define G_LOG_DOMAIN "perfgoal-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pg-amount.h"
#include "pg-category.h"
#include "pg-document-private.h"
#include "pg-json.h"
#include "pg-value.h"

#define MAX_STRING_BYTES (1024 * 1024)
#define MAX_DEPTH 64

G_DEFINE_QUARK (pg-json-error-quark, pg_json_error)

/* JSON paths ("goals[0].indicators[2].target"), built in one GString as
 * the readers descend: a push returns the length to pop back to. */

static gsize
path_push_member (GString    *path,
                  const char *member)
{
  gsize len = path->len;

  if (len > 0)
    g_string_append_c (path, '.');
  g_string_append (path, member);
  return len;
}

static gsize
path_push_index (GString *path,
                 guint    index)
{
  gsize len = path->len;

  g_string_append_printf (path, "[%u]", index);
  return len;
}

static void
path_pop (GString *path,
          gsize    len)
{
  g_string_truncate (path, len);
}

static void set_path_error (GError     **error,
                            PgJsonError  code,
                            const char  *path,
                            const char  *format,
                            ...) G_GNUC_PRINTF (4, 5);

/* "path: message", or the message alone for the root. */
static void
set_path_error (GError     **error,
                PgJsonError  code,
                const char  *path,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && *path != '\0')
    /* TRANSLATORS: a JSON path ("goals[0].indicators[2].target"), then what is wrong there */
    g_set_error (error, PG_JSON_ERROR, code, _("%s: %s"), path, message);
  else
    g_set_error_literal (error, PG_JSON_ERROR, code, message);
}

/* Reading the raw text */

typedef struct {
  gboolean    object;
  guint       index;      /* arrays: the element being read */
  const char *key;        /* objects: the member being read (raw text) */
  gsize       key_len;
  gboolean    expect_key;
} Frame;

static char *
frames_path (const Frame *frames,
             guint        depth)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    {
      if (frames[i].object)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          if (frames[i].key != NULL)
            g_string_append_len (path, frames[i].key, frames[i].key_len);
        }
      else
        g_string_append_printf (path, "[%u]", frames[i].index);
    }
  return g_string_free (path, FALSE);
}

/* Looks at the text before json-glib does, which parses recursively (so a
 * deep nesting would exhaust the stack), also accepts comments and
 * single-quoted strings, and wraps integers that overflow 64 bits. */
static gboolean
prescan (const char *data,
         gsize       length,
         GError    **error)
{
  Frame frames[MAX_DEPTH];
  guint depth = 0;
  guint line = 1;
  gsize line_start = 0;
  gsize i = 0;

  while (i < length)
    {
      char c = data[i];

      switch (c)
        {
        case '\n':
          line++;
          line_start = i + 1;
          i++;
          break;

        case '"':
          {
            gsize start = ++i;

            while (i < length && data[i] != '"')
              {
                if (data[i] == '\\' && i + 1 < length)
                  i++;
                else if (data[i] == '\n')
                  {
                    line++;
                    line_start = i + 1;
                  }
                i++;
              }
            if (depth > 0 && frames[depth - 1].object && frames[depth - 1].expect_key)
              {
                frames[depth - 1].key = data + start;
                frames[depth - 1].key_len = i - start;
              }
            i++; /* the closing quote; at the end, json-glib reports the truncation */
          }
          break;

        case '{':
        case '[':
          if (depth == MAX_DEPTH)
            {
              g_autofree char *path = frames_path (frames, depth);
              set_path_error (error, PG_JSON_ERROR_INVALID, path,
                              /* Translators: follows the place in the JSON;
                               * %d is the deepest nesting the format allows. */
                              g_dngettext (GETTEXT_PACKAGE, "the data is nested deeper than %d level",
                                           "the data is nested deeper than %d levels", MAX_DEPTH),
                              MAX_DEPTH);
              return FALSE;
            }
          frames[depth].object = c == '{';
          frames[depth].index = 0;
          frames[depth].key = NULL;
          frames[depth].key_len = 0;
          frames[depth].expect_key = TRUE;
          depth++;
          i++;
          break;

        case '}':
        case ']':
          if (depth > 0)
            depth--;
          i++;
          break;

        case ':':
          if (depth > 0)
            frames[depth - 1].expect_key = FALSE;
          i++;
          break;

        case ',':
          if (depth > 0)
            {
              frames[depth - 1].expect_key = TRUE;
              frames[depth - 1].index++;
            }
          i++;
          break;

        case '/':
        case '\'':
          g_set_error (error, PG_JSON_ERROR, PG_JSON_ERROR_SYNTAX,
                       /* Translators: the line and column of the file, then the
                        * character found there. */
                       _("This is not valid JSON: line %u, column %u: unexpected character “%c”."),
                       line, (guint) (i - line_start + 1), c);
          return FALSE;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          {
            gsize start = i;
            gboolean integer = TRUE;

            while (i < length && (g_ascii_isdigit (data[i]) || strchr ("+-.eE", data[i]) != NULL))
              {
                if (!g_ascii_isdigit (data[i]) && !(data[i] == '-' && i == start))
                  integer = FALSE;
                i++;
              }
            /* Anything in 18 digits fits; longer ones are checked. */
            if (integer && i - start > 18)
              {
                g_autofree char *token = g_strndup (data + start, i - start);
                g_autoptr(GError) local_error = NULL;

                if (!g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, NULL, &local_error)
                    && g_error_matches (local_error, G_NUMBER_PARSER_ERROR,
                                        G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
                  {
                    g_autofree char *path = frames_path (frames, depth);
                    set_path_error (error, PG_JSON_ERROR_INVALID, path,
                                    /* Translators: %s is a number found in the JSON file. */
                                    _("%s is too large a number"), token);
                    return FALSE;
                  }
              }
          }
          break;

        default:
          i++;
          break;
        }
    }
  return TRUE;
}

/* Every string, member names included, within the size a document holds. */
static gboolean
check_strings (JsonNode *node,
               GString  *path,
               GError  **error)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            gsize len;

            if (strlen (name) > MAX_STRING_BYTES)
              {
                set_path_error (error, PG_JSON_ERROR_INVALID, path->str,
                                _("a member name is longer than 1 MiB"));
                return FALSE;
              }
            len = path_push_member (path, name);
            if (!check_strings (member, path, error))
              return FALSE;
            path_pop (path, len);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          {
            gsize len = path_push_index (path, i);

            if (!check_strings (json_array_get_element (array, i), path, error))
              return FALSE;
            path_pop (path, len);
          }
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING
          && strlen (json_node_get_string (node)) > MAX_STRING_BYTES)
        {
          set_path_error (error, PG_JSON_ERROR_INVALID, path->str,
                          _("the text is longer than 1 MiB"));
          return FALSE;
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
  return TRUE;
}

/* Parses exchange-format text: UTF-8, strict JSON, bounded. */
static JsonParser *
parse (const char *data,
       gssize      length,
       GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) path = NULL;
  gsize n = length < 0 ? strlen (data) : (gsize) length;

  if (!g_utf8_validate_len (data, n, NULL))
    {
      g_set_error_literal (error, PG_JSON_ERROR, PG_JSON_ERROR_SYNTAX,
                           _("This is not valid JSON: the text is not UTF-8."));
      return NULL;
    }
  if (!prescan (data, n, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) n, &local_error))
    {
      g_set_error (error, PG_JSON_ERROR, PG_JSON_ERROR_SYNTAX,
                   /* Translators: %s is the JSON parser’s reason, in English. */
                   _("This is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (json_parser_has_assignment (parser, NULL))
    {
      g_set_error_literal (error, PG_JSON_ERROR, PG_JSON_ERROR_SYNTAX,
                           _("This is not valid JSON: it assigns a JavaScript variable."));
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, PG_JSON_ERROR, PG_JSON_ERROR_SYNTAX,
                           _("This is not valid JSON: the text is empty."));
      return NULL;
    }

  path = g_string_new (NULL);
  if (!check_strings (json_parser_get_root (parser), path, error))
    return NULL;
  return g_steal_pointer (&parser);
}

/* Reading a declaration. A Reader without a document only checks; with
 * one, it also builds. */

typedef struct {
  PgDocument *document;
  GString    *path;
  GError    **error;
} Reader;

static void fail (Reader     *reader,
                  const char *member,
                  const char *format,
                  ...) G_GNUC_PRINTF (3, 4);

/* An error at the current path, or at its `member` when not NULL. */
static void
fail (Reader     *reader,
      const char *member,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  gsize len = reader->path->len;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (member != NULL)
    path_push_member (reader->path, member);
  set_path_error (reader->error, PG_JSON_ERROR_INVALID, reader->path->str, "%s", message);
  path_pop (reader->path, len);
}

/* A command's refusal at `member`: with the path when it is about the
 * value, as it came otherwise (a database error, a read-only document). */
static gboolean
command_failed (Reader     *reader,
                const char *member,
                GError     *error)
{
  if (g_error_matches (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID))
    fail (reader, member, "%s", error->message);
  else
    g_propagate_error (reader->error, g_error_copy (error));
  return FALSE;
}

static gboolean
holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
holds_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
holds_double (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE;
}

/* A member, or NULL when it is missing or null. */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

/* A string member; missing or null reads as "". */
static gboolean
read_string (Reader      *reader,
             JsonObject  *object,
             const char  *member,
             const char **out)
{
  JsonNode *node = get_member (object, member);

  *out = "";
  if (node == NULL)
    return TRUE;
  if (!holds_string (node))
    {
      fail (reader, member, _("expected a string"));
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* An object member; missing or null reads as NULL. */
static gboolean
read_object (Reader      *reader,
             JsonObject  *object,
             const char  *member,
             JsonObject **out)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, member, _("expected an object"));
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

/* An array member; missing or null reads as NULL (no elements). */
static gboolean
read_array (Reader      *reader,
            JsonObject  *object,
            const char  *member,
            JsonArray  **out)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (reader, member, _("expected an array"));
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

/* Element `index` of an array of objects. */
static gboolean
read_element (Reader      *reader,
              JsonArray   *array,
              guint        index,
              JsonObject **out)
{
  JsonNode *node = json_array_get_element (array, index);

  *out = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, NULL, _("expected an object"));
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

/* The shortest decimal text that reads back as `value`, without an
 * exponent: 1485.73 is "1485.73", never "1485.7300000000000182". The
 * number goes to pg_amount_parse() as text, so no arithmetic is ever done
 * in binary floating point. */
static char *
double_to_decimal (double value)
{
  static const char *const formats[] = {
    "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
    "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
  };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GString) digits = g_string_new (NULL);
  GString *text;
  const char *p, *e;
  gboolean negative;
  int point;

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  e = strchr (buffer, 'e');
  if (e == NULL)
    return g_strdup (buffer);

  /* Write "d.ddde±x" out in full. */
  p = buffer;
  negative = *p == '-';
  if (negative)
    p++;
  point = -1;
  for (; p < e; p++)
    {
      if (*p == '.')
        point = (int) digits->len;
      else
        g_string_append_c (digits, *p);
    }
  if (point < 0)
    point = (int) digits->len;
  point += (int) g_ascii_strtoll (e + 1, NULL, 10);

  text = g_string_new (negative ? "-" : "");
  if (point <= 0)
    {
      g_string_append (text, "0.");
      for (int k = point; k < 0; k++)
        g_string_append_c (text, '0');
      g_string_append (text, digits->str);
    }
  else if ((gsize) point >= digits->len)
    {
      g_string_append (text, digits->str);
      for (gsize k = digits->len; k < (gsize) point; k++)
        g_string_append_c (text, '0');
    }
  else
    {
      g_string_append_len (text, digits->str, point);
      g_string_append_c (text, '.');
      g_string_append (text, digits->str + point);
    }
  return g_string_free (text, FALSE);
}

/* An amount: a decimal string, a JSON number, or null (PG_AMOUNT_NONE). */
static gboolean
read_amount (Reader     *reader,
             JsonObject *object,
             const char *member,
             gint64     *out)
{
  JsonNode *node = get_member (object, member);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  *out = PG_AMOUNT_NONE;
  if (node == NULL)
    return TRUE;

  if (holds_string (node))
    text = g_strdup (json_node_get_string (node));
  else if (holds_integer (node))
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (holds_double (node) && isfinite (json_node_get_double (node)))
    text = double_to_decimal (json_node_get_double (node));
  else
    {
      fail (reader, member, _("expected an amount (a string, a number or null)"));
      return FALSE;
    }

  if (!pg_amount_parse (text, out, &local_error))
    {
      if (g_error_matches (local_error, PG_AMOUNT_ERROR, PG_AMOUNT_ERROR_EMPTY))
        {
          *out = PG_AMOUNT_NONE;
          return TRUE;
        }
      fail (reader, member, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Setting values; nothing to do when only checking. */

static gboolean
set_string (Reader     *reader,
            gpointer    record,
            const char *member,
            const char *property,
            const char *value)
{
  g_autoptr(GError) local_error = NULL;

  if (reader->document == NULL
      || pg_document_set_string (reader->document, record, property, value, &local_error))
    return TRUE;
  return command_failed (reader, member, local_error);
}

static gboolean
set_amount (Reader     *reader,
            gpointer    record,
            const char *member,
            const char *property,
            gint64      value)
{
  g_autoptr(GError) local_error = NULL;

  if (reader->document == NULL
      || pg_document_set_amount (reader->document, record, property, value, &local_error))
    return TRUE;
  return command_failed (reader, member, local_error);
}

static gboolean
read_string_into (Reader     *reader,
                  JsonObject *object,
                  const char *member,
                  gpointer    record,
                  const char *property)
{
  const char *value;

  return read_string (reader, object, member, &value)
         && set_string (reader, record, member, property, value);
}

static gboolean
read_amount_into (Reader     *reader,
                  JsonObject *object,
                  const char *member,
                  gpointer    record,
                  const char *property)
{
  gint64 value;

  return read_amount (reader, object, member, &value)
         && set_amount (reader, record, member, property, value);
}

/* The header */

static gboolean
read_header (Reader        *reader,
             JsonObject    *root,
             PgDeclaration *declaration)
{
  const char *language, *unit, *fill_date;
  JsonNode *year_node;
  PgLanguage parsed_language;
  gint64 year = 0;

  if (!read_string (reader, root, "label_language", &language))
    return FALSE;
  if (*language == '\0')
    language = "zh_CN";
  if (!pg_language_from_key (language, &parsed_language))
    {
      /* Translators: %s is the value found; zh_CN and en are codes: keep them. */
      fail (reader, "label_language", _("“%s” is not a label language (zh_CN or en)"), language);
      return FALSE;
    }
  if (!set_string (reader, declaration, "label_language", "label-language", language))
    return FALSE;

  if (!read_string (reader, root, "unit", &unit))
    return FALSE;
  if (*unit == '\0')
    unit = "wan_yuan";
  if (!g_str_equal (unit, "wan_yuan") && !g_str_equal (unit, "yuan"))
    {
      /* Translators: %s is the value found; wan_yuan and yuan are codes: keep them. */
      fail (reader, "unit", _("“%s” is not a unit (wan_yuan or yuan)"), unit);
      return FALSE;
    }
  if (!set_string (reader, declaration, "unit", "unit", unit))
    return FALSE;

  year_node = get_member (root, "budget_year");
  if (year_node != NULL)
    {
      if (!holds_integer (year_node))
        {
          fail (reader, "budget_year", _("expected a year (a whole number) or null"));
          return FALSE;
        }
      year = json_node_get_int (year_node);
      if (year != 0 && (year < 1900 || year > 9999))
        {
          g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, year);
          /* Translators: %s is the value found in the JSON file. */
          fail (reader, "budget_year", _("%s is not a budget year"), shown);
          return FALSE;
        }
    }
  if (reader->document != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!pg_document_set_int (reader->document, PG_RECORD (declaration), "budget-year",
                                (int) year, &local_error))
        return command_failed (reader, "budget_year", local_error);
    }

  if (!read_string (reader, root, "fill_date", &fill_date))
    return FALSE;
  if (*fill_date != '\0' && !pg_date_is_valid (fill_date))
    {
      /* Translators: %s is the value found; keep YYYY-MM-DD as it is. */
      fail (reader, "fill_date", _("“%s” is not a date (YYYY-MM-DD)"), fill_date);
      return FALSE;
    }
  return set_string (reader, declaration, "fill_date", "fill-date",
                     *fill_date != '\0' ? fill_date : NULL);
}

static gboolean
read_department (Reader        *reader,
                 JsonObject    *root,
                 PgDeclaration *declaration)
{
  static const struct {
    const char *member;
    const char *property;
  } fields[] = {
    { "name", "department-name" },
    { "filled_by", "filled-by" },
    { "phone", "phone" },
    { "head", "head" },
    { "finance_head", "finance-head" },
  };
  JsonObject *department;
  gsize len;
  gboolean ok = TRUE;

  if (!read_object (reader, root, "department", &department))
    return FALSE;

  len = path_push_member (reader->path, "department");
  for (gsize i = 0; ok && i < G_N_ELEMENTS (fields); i++)
    ok = read_string_into (reader, department, fields[i].member, declaration, fields[i].property);
  path_pop (reader->path, len);
  return ok;
}

/* The revenue and expenditure rows, matched by item. */

static PgFinanceRow *
find_finance_row (PgFinanceBlock *block,
                  const char     *item)
{
  GListModel *rows = pg_finance_block_get_rows (block);
  guint n = g_list_model_get_n_items (rows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (pg_finance_row_get_item (row), item) == 0)
        return row; /* the block holds it */
    }
  return NULL;
}

static gboolean
read_finance_rows (Reader         *reader,
                   JsonArray      *array,
                   PgFinanceBlock *block,
                   gboolean        revenue)
{
  const char *first_item = revenue ? "fiscal_appropriation" : "basic";
  const char *second_item = revenue ? "other_funds" : "project";
  gboolean seen[2] = { FALSE, FALSE };
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      gsize len = path_push_index (reader->path, i);
      PgFinanceRow *row = NULL;
      JsonObject *object;
      const char *item;
      int which;

      if (!read_element (reader, array, i, &object))
        return FALSE;
      if (!read_string (reader, object, "item", &item))
        return FALSE;
      which = g_str_equal (item, first_item) ? 0 : g_str_equal (item, second_item) ? 1 : -1;
      if (which < 0 && revenue)
        {
          /* Translators: %s is the value found; the words in brackets are codes: keep them. */
          fail (reader, "item", _("“%s” is not a revenue item (fiscal_appropriation or other_funds)"), item);
          return FALSE;
        }
      if (which < 0)
        {
          /* Translators: %s is the value found; the words in brackets are codes: keep them. */
          fail (reader, "item", _("“%s” is not an expenditure item (basic or project)"), item);
          return FALSE;
        }
      if (seen[which])
        {
          /* Translators: %s is a revenue or expenditure item’s code. */
          fail (reader, "item", _("“%s” is listed twice"), item);
          return FALSE;
        }
      seen[which] = TRUE;

      if (reader->document != NULL)
        {
          row = find_finance_row (block, item);
          g_assert (row != NULL);
        }
      if (!read_amount_into (reader, object, "amount", row, "amount")
          || !read_amount_into (reader, object, "year_minus_2", row, "year-minus-2")
          || !read_amount_into (reader, object, "year_minus_1", row, "year-minus-1"))
        return FALSE;
      path_pop (reader->path, len);
    }
  return TRUE;
}

static gboolean
read_finance (Reader     *reader,
              JsonObject *root)
{
  JsonObject *finance;
  JsonArray *revenue, *expenditure;
  PgDocument *document = reader->document;
  gsize len, inner;
  gboolean ok;

  if (!read_object (reader, root, "finance", &finance))
    return FALSE;

  len = path_push_member (reader->path, "finance");
  ok = read_array (reader, finance, "revenue", &revenue)
       && read_array (reader, finance, "expenditure", &expenditure);
  if (ok)
    {
      inner = path_push_member (reader->path, "revenue");
      ok = read_finance_rows (reader, revenue,
                              document ? pg_document_get_revenue (document) : NULL, TRUE);
      path_pop (reader->path, inner);
    }
  if (ok)
    {
      inner = path_push_member (reader->path, "expenditure");
      ok = read_finance_rows (reader, expenditure,
                              document ? pg_document_get_expenditure (document) : NULL, FALSE);
      path_pop (reader->path, inner);
    }
  path_pop (reader->path, len);
  return ok;
}

/* Tasks and projects */

static gboolean
read_task_group (Reader     *reader,
                 JsonObject *object)
{
  PgTaskGroup *group = NULL;
  JsonArray *tasks;
  const char *title;
  guint n;

  if (!read_string (reader, object, "title", &title)
      || !read_array (reader, object, "tasks", &tasks))
    return FALSE;
  if (reader->document != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      group = pg_document_add_task_group (reader->document, PG_POSITION_END, title, &local_error);
      if (group == NULL)
        return command_failed (reader, NULL, local_error);
    }

  n = tasks != NULL ? json_array_get_length (tasks) : 0;
  for (guint i = 0; i < n; i++)
    {
      gsize len = path_push_member (reader->path, "tasks");
      const char *task_title, *text;
      JsonObject *task;

      path_push_index (reader->path, i);
      if (!read_element (reader, tasks, i, &task)
          || !read_string (reader, task, "title", &task_title)
          || !read_string (reader, task, "text", &text))
        return FALSE;
      if (reader->document != NULL)
        {
          g_autoptr(GError) local_error = NULL;

          if (pg_document_add_task (reader->document, group, PG_POSITION_END,
                                    task_title, text, &local_error) == NULL)
            return command_failed (reader, NULL, local_error);
        }
      path_pop (reader->path, len);
    }
  return TRUE;
}

static gboolean
read_project (Reader     *reader,
              JsonObject *object)
{
  PgProject *project = NULL;
  const char *name;
  gint64 total, year;

  /* Read every value before adding, so a check finds what a build would. */
  if (!read_string (reader, object, "name", &name)
      || !read_amount (reader, object, "total_budget", &total)
      || !read_amount (reader, object, "year_budget", &year))
    return FALSE;
  if (reader->document != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      project = pg_document_add_project (reader->document, PG_POSITION_END, name, &local_error);
      if (project == NULL)
        return command_failed (reader, NULL, local_error);
    }
  return set_amount (reader, project, "total_budget", "total-budget", total)
         && set_amount (reader, project, "year_budget", "year-budget", year)
         && read_string_into (reader, object, "purpose", project, "purpose");
}

/* Indicators */

static gboolean read_indicator (Reader       *reader,
                                JsonNode     *node,
                                guint         level,
                                PgGoal       *goal,
                                PgIndicator  *parent,
                                guint         position,
                                PgIndicator **out);

static gboolean
read_children (Reader      *reader,
               JsonArray   *children,
               guint        level,
               PgGoal      *goal,
               PgIndicator *parent,
               const char  *member)
{
  guint n = children != NULL ? json_array_get_length (children) : 0;

  for (guint i = 0; i < n; i++)
    {
      gsize len = path_push_member (reader->path, member);

      path_push_index (reader->path, i);
      if (!read_indicator (reader, json_array_get_element (children, i), level,
                           goal, parent, PG_POSITION_END, NULL))
        return FALSE;
      path_pop (reader->path, len);
    }
  return TRUE;
}

/* One node at `level` and, at levels 1 and 2, its subtree. */
static gboolean
read_indicator (Reader       *reader,
                JsonNode     *node,
                guint         level,
                PgGoal       *goal,
                PgIndicator  *parent,
                guint         position,
                PgIndicator **out)
{
  g_autoptr(GError) local_error = NULL;
  PgIndicator *indicator = NULL;
  JsonObject *object;
  const char *name;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, NULL, _("expected an object"));
      return FALSE;
    }
  object = json_node_get_object (node);

  if (level < 3)
    {
      JsonArray *children;
      const char *category;
      gboolean custom;

      if (get_member (object, "category") == NULL)
        {
          /* A sentence for each level: Chinese writes 一级 and 二级, not a numeral. */
          if (level == 1)
            /* Translators: “category” is a JSON key: keep it. */
            fail (reader, NULL, _("a level-1 indicator needs a “category”"));
          else
            /* Translators: “category” is a JSON key: keep it. */
            fail (reader, NULL, _("a level-2 indicator needs a “category”"));
          return FALSE;
        }
      if (!read_string (reader, object, "category", &category))
        return FALSE;
      custom = g_str_equal (category, PG_CATEGORY_CUSTOM);
      if (custom)
        {
          if (!read_string (reader, object, "name", &name))
            return FALSE;
          if (*name == '\0')
            {
              fail (reader, "name", _("a custom category needs a name"));
              return FALSE;
            }
        }
      else if (pg_category_lookup (level, category) == NULL)
        {
          if (level == 1)
            /* Translators: %s is the category key found. */
            fail (reader, "category", _("“%s” is not a level-1 category"), category);
          else
            /* Translators: %s is the category key found. */
            fail (reader, "category", _("“%s” is not a level-2 category"), category);
          return FALSE;
        }
      if (!read_array (reader, object, "children", &children))
        return FALSE;

      if (reader->document != NULL)
        {
          indicator = pg_document_add_indicator (reader->document, goal, parent, position,
                                                 category, custom ? name : NULL, &local_error);
          if (indicator == NULL)
            return command_failed (reader, NULL, local_error);
        }
      if (!read_children (reader, children, level + 1, goal, indicator, "children"))
        return FALSE;
    }
  else
    {
      const char *year_minus_2, *year_minus_1, *target, *basis;

      if (json_object_has_member (object, "children"))
        {
          fail (reader, NULL, _("a level-3 indicator cannot have children"));
          return FALSE;
        }
      if (get_member (object, "category") != NULL)
        {
          fail (reader, "category", _("a level-3 indicator has no category"));
          return FALSE;
        }
      if (get_member (object, "name") == NULL)
        {
          fail (reader, NULL, _("a level-3 indicator needs a “name”"));
          return FALSE;
        }
      if (!read_string (reader, object, "name", &name)
          || !read_string (reader, object, "year_minus_2", &year_minus_2)
          || !read_string (reader, object, "year_minus_1", &year_minus_1)
          || !read_string (reader, object, "target", &target)
          || !read_string (reader, object, "basis", &basis))
        return FALSE;
      if (*name == '\0')
        {
          fail (reader, "name", _("a level-3 indicator needs a name"));
          return FALSE;
        }
      if (*basis != '\0' && pg_basis_lookup (basis) == NULL)
        {
          fail (reader, "basis",
                /* Translators: %s is the value found; the words in brackets are
                 * codes: keep them. */
                _("“%s” is not a basis (historical, industry_standard, plan, other or null)"), basis);
          return FALSE;
        }

      if (reader->document != NULL)
        {
          /* One change for the row and its fields: an import of thousands
           * of indicators would otherwise make five of each. */
          const char *const values[] = {
            "year_minus_2", year_minus_2,
            "year_minus_1", year_minus_1,
            "target", target,
            "basis", *basis != '\0' ? basis : NULL,
            NULL
          };

          indicator = pg_document_add_level3_indicator (reader->document, parent, position,
                                                        name, values, &local_error);
          if (indicator == NULL)
            return command_failed (reader, NULL, local_error);
        }
    }

  if (out != NULL)
    *out = indicator;
  return TRUE;
}

static gboolean
read_goal (Reader     *reader,
           JsonObject *object)
{
  g_autoptr(GError) local_error = NULL;
  PgGoal *goal = NULL;
  JsonArray *indicators;
  const char *title;

  if (!read_string (reader, object, "title", &title)
      || !read_array (reader, object, "indicators", &indicators))
    return FALSE;
  if (reader->document != NULL)
    {
      goal = pg_document_add_goal (reader->document, PG_POSITION_END, title, &local_error);
      if (goal == NULL)
        return command_failed (reader, NULL, local_error);
    }
  return read_children (reader, indicators, 1, goal, NULL, "indicators");
}

typedef gboolean (*ReadElementFunc) (Reader     *reader,
                                     JsonObject *object);

static gboolean
read_list (Reader          *reader,
           JsonObject      *root,
           const char      *member,
           ReadElementFunc  read_func)
{
  JsonArray *array;
  guint n;

  if (!read_array (reader, root, member, &array))
    return FALSE;
  n = array != NULL ? json_array_get_length (array) : 0;
  for (guint i = 0; i < n; i++)
    {
      gsize len = path_push_member (reader->path, member);
      JsonObject *object;

      path_push_index (reader->path, i);
      if (!read_element (reader, array, i, &object) || !read_func (reader, object))
        return FALSE;
      path_pop (reader->path, len);
    }
  return TRUE;
}

static gboolean
read_declaration (Reader     *reader,
                  JsonObject *root)
{
  PgDeclaration *declaration = reader->document ? pg_document_get_declaration (reader->document) : NULL;

  return read_header (reader, root, declaration)
         && read_department (reader, root, declaration)
         && read_finance (reader, root)
         && read_string_into (reader, root, "functions", declaration, "functions")
         && read_list (reader, root, "task_groups", read_task_group)
         && read_list (reader, root, "projects", read_project)
         && read_list (reader, root, "goals", read_goal);
}

/* "format" and "version": what kind of JSON this is, before anything else. */
static gboolean
check_format (JsonNode *root,
              GError  **error)
{
  JsonObject *object;
  JsonNode *format, *version;
  g_autofree char *shown = NULL;
  gint64 number;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, PG_JSON_ERROR, PG_JSON_ERROR_FORMAT,
                           _("This is not a PerfGoal declaration: the JSON is not an object."));
      return FALSE;
    }
  object = json_node_get_object (root);

  format = get_member (object, "format");
  if (format == NULL)
    {
      g_set_error_literal (error, PG_JSON_ERROR, PG_JSON_ERROR_FORMAT,
                           _("This is not a PerfGoal declaration: it has no “format”."));
      return FALSE;
    }
  if (!holds_string (format) || !g_str_equal (json_node_get_string (format), PG_JSON_FORMAT))
    {
      g_set_error (error, PG_JSON_ERROR, PG_JSON_ERROR_FORMAT,
                   /* Translators: the format name found in the file, then the one expected. */
                   _("This is not a PerfGoal declaration: unknown format “%s” (expected “%s”)."),
                   holds_string (format) ? json_node_get_string (format) : "",
                   PG_JSON_FORMAT);
      return FALSE;
    }

  version = get_member (object, "version");
  if (version == NULL || !holds_integer (version))
    {
      g_set_error_literal (error, PG_JSON_ERROR, PG_JSON_ERROR_FORMAT,
                           _("The declaration has no “version” (a whole number)."));
      return FALSE;
    }
  number = json_node_get_int (version);
  shown = g_strdup_printf ("%" G_GINT64_FORMAT, number);
  if (number > PG_JSON_VERSION)
    {
      g_set_error (error, PG_JSON_ERROR, PG_JSON_ERROR_FORMAT,
                   /* Translators: %s is the file’s format version, %d the
                    * newest this program reads. */
                   _("The declaration is in version %s of the format, newer than this PerfGoal "
                     "reads (%d). Update PerfGoal to import it."),
                   shown, PG_JSON_VERSION);
      return FALSE;
    }
  if (number < 1)
    {
      g_set_error (error, PG_JSON_ERROR, PG_JSON_ERROR_FORMAT,
                   /* Translators: %s is the version found in the file. */
                   _("The declaration's version %s is not a version of the format."), shown);
      return FALSE;
    }
  return TRUE;
}

static PgDocument *
import (const char *data,
        gssize      length,
        gboolean    in_memory,
        GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(PgDocument) document = NULL;
  JsonObject *root;
  Reader reader = { NULL, path, error };

  parser = parse (data, length, error);
  if (parser == NULL)
    return NULL;
  if (!check_format (json_parser_get_root (parser), error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  /* Check everything first: bad input creates no working copy at all. */
  if (!read_declaration (&reader, root))
    return NULL;

  document = in_memory ? pg_document_new_in_memory (error) : pg_document_new (error);
  if (document == NULL)
    return NULL;

  g_string_truncate (path, 0);
  reader.document = document;
  pg_document_begin_untracked_step (document);
  if (!read_declaration (&reader, root))
    {
      pg_document_end_step (document, FALSE, NULL);
      pg_document_close (document);
      return NULL;
    }
  if (!pg_document_end_step (document, TRUE, error))
    {
      pg_document_close (document);
      return NULL;
    }
  pg_document_mark_unsaved (document);
  return g_steal_pointer (&document);
}

PgDocument *
pg_json_import (const char *data,
                gssize      length,
                GError    **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return import (data, length, FALSE, error);
}

static PgDocument *
import_file (GFile    *file,
             gboolean  in_memory,
             GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  /* Translators: %s is a file name; the reason
                                   * follows this text. */
                                  _("Could not read “%s”: "), name);
      return NULL;
    }
  if (length > (gsize) G_MAXSSIZE)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: %s is a file name. */
      g_set_error (error, PG_JSON_ERROR, PG_JSON_ERROR_SYNTAX, _("“%s” is too large."), name);
      return NULL;
    }
  return import (contents, (gssize) length, in_memory, error);
}

PgDocument *
pg_json_import_file (GFile   *file,
                     GError **error)
{
  return import_file (file, FALSE, error);
}

PgDocument *
pg_json_import_file_in_memory (GFile   *file,
                               GError **error)
{
  return import_file (file, TRUE, error);
}

/* Export */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* A key, a date: null when empty. */
static void
add_key (JsonBuilder *builder,
         const char  *member,
         const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_amount (JsonBuilder *builder,
            const char  *member,
            gint64       amount)
{
  g_autofree char *text = pg_amount_format (amount);

  add_key (builder, member, text);
}

static void
build_indicator (JsonBuilder *builder,
                 PgIndicator *indicator)
{
  json_builder_begin_object (builder);
  if (pg_indicator_get_level (indicator) < 3)
    {
      const char *category = pg_indicator_get_category (indicator);
      GListModel *children = pg_indicator_get_children (indicator);
      guint n = g_list_model_get_n_items (children);

      add_key (builder, "category", category);
      if (g_strcmp0 (category, PG_CATEGORY_CUSTOM) == 0)
        add_string (builder, "name", pg_indicator_get_name (indicator));
      json_builder_set_member_name (builder, "children");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PgIndicator) child = g_list_model_get_item (children, i);
          build_indicator (builder, child);
        }
      json_builder_end_array (builder);
    }
  else
    {
      add_string (builder, "name", pg_indicator_get_name (indicator));
      add_string (builder, "year_minus_2", pg_indicator_get_year_minus_2 (indicator));
      add_string (builder, "year_minus_1", pg_indicator_get_year_minus_1 (indicator));
      add_string (builder, "target", pg_indicator_get_target (indicator));
      add_key (builder, "basis", pg_indicator_get_basis (indicator));
    }
  json_builder_end_object (builder);
}

static void
build_finance_block (JsonBuilder    *builder,
                     PgFinanceBlock *block)
{
  GListModel *rows = pg_finance_block_get_rows (block);
  guint n = g_list_model_get_n_items (rows);

  json_builder_set_member_name (builder, pg_finance_block_get_name (block));
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (rows, i);

      json_builder_begin_object (builder);
      add_string (builder, "item", pg_finance_row_get_item (row));
      add_amount (builder, "amount", pg_finance_row_get_amount (row));
      add_amount (builder, "year_minus_2", pg_finance_row_get_year_minus_2 (row));
      add_amount (builder, "year_minus_1", pg_finance_row_get_year_minus_1 (row));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_declaration (JsonBuilder *builder,
                   PgDocument  *document)
{
  PgDeclaration *declaration = pg_document_get_declaration (document);
  GListModel *groups = pg_document_get_task_groups (document);
  GListModel *projects = pg_document_get_projects (document);
  GListModel *goals = pg_document_get_goals (document);
  int year = pg_declaration_get_budget_year (declaration);
  guint n;

  json_builder_begin_object (builder);
  add_string (builder, "format", PG_JSON_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PG_JSON_VERSION);
  add_string (builder, "label_language", pg_declaration_get_label_language (declaration));
  add_string (builder, "unit", pg_declaration_get_unit (declaration));
  json_builder_set_member_name (builder, "budget_year");
  if (year != 0)
    json_builder_add_int_value (builder, year);
  else
    json_builder_add_null_value (builder);
  add_key (builder, "fill_date", pg_declaration_get_fill_date (declaration));

  json_builder_set_member_name (builder, "department");
  json_builder_begin_object (builder);
  add_string (builder, "name", pg_declaration_get_department_name (declaration));
  add_string (builder, "filled_by", pg_declaration_get_filled_by (declaration));
  add_string (builder, "phone", pg_declaration_get_phone (declaration));
  add_string (builder, "head", pg_declaration_get_head (declaration));
  add_string (builder, "finance_head", pg_declaration_get_finance_head (declaration));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "finance");
  json_builder_begin_object (builder);
  build_finance_block (builder, pg_document_get_revenue (document));
  build_finance_block (builder, pg_document_get_expenditure (document));
  json_builder_end_object (builder);

  add_string (builder, "functions", pg_declaration_get_functions (declaration));

  json_builder_set_member_name (builder, "task_groups");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (groups);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgTaskGroup) group = g_list_model_get_item (groups, i);
      GListModel *tasks = pg_task_group_get_tasks (group);
      guint n_tasks = g_list_model_get_n_items (tasks);

      json_builder_begin_object (builder);
      add_string (builder, "title", pg_task_group_get_title (group));
      json_builder_set_member_name (builder, "tasks");
      json_builder_begin_array (builder);
      for (guint k = 0; k < n_tasks; k++)
        {
          g_autoptr(PgTask) task = g_list_model_get_item (tasks, k);

          json_builder_begin_object (builder);
          add_string (builder, "title", pg_task_get_title (task));
          add_string (builder, "text", pg_task_get_text (task));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "projects");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (projects);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgProject) project = g_list_model_get_item (projects, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", pg_project_get_name (project));
      add_amount (builder, "total_budget", pg_project_get_total_budget (project));
      add_amount (builder, "year_budget", pg_project_get_year_budget (project));
      add_string (builder, "purpose", pg_project_get_purpose (project));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "goals");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (goals);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgGoal) goal = g_list_model_get_item (goals, i);
      GListModel *indicators = pg_goal_get_indicators (goal);
      guint n_indicators = g_list_model_get_n_items (indicators);

      json_builder_begin_object (builder);
      add_string (builder, "title", pg_goal_get_title (goal));
      json_builder_set_member_name (builder, "indicators");
      json_builder_begin_array (builder);
      for (guint k = 0; k < n_indicators; k++)
        {
          g_autoptr(PgIndicator) indicator = g_list_model_get_item (indicators, k);
          build_indicator (builder, indicator);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

/* Pretty, 2-space indent, UTF-8 as it is (json-glib escapes only what JSON
 * requires, and U+007F), and a final newline. json-glib writes a member as
 * `"key" : value`; the format writes `"key": value`, as the exchange-json.md
 * example, jq, JSON.stringify (…, null, 2) and Python's json.dumps (indent=2)
 * do, so the space before each colon goes. Outside strings, json-glib's
 * pretty output has no other " :". */
static char *
generate (JsonBuilder *builder,
          gsize       *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  gsize text_length = 0;
  gboolean in_string = FALSE;
  char *result;
  gsize n = 0;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_indent_char (generator, ' ');
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &text_length);

  result = g_malloc (text_length + 2);
  for (gsize i = 0; i < text_length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\' && i + 1 < text_length)
            {
              result[n++] = c;
              c = text[++i];
            }
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == ' ' && i + 1 < text_length && text[i + 1] == ':')
        continue;
      result[n++] = c;
    }
  result[n++] = '\n';
  result[n] = '\0';
  if (length != NULL)
    *length = n;
  return result;
}

char *
pg_json_export (PgDocument *document,
                gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  build_declaration (builder, document);
  return generate (builder, length);
}

char *
pg_json_indicator_to_string (PgIndicator *indicator)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PG_IS_INDICATOR (indicator), NULL);

  build_indicator (builder, indicator);
  return generate (builder, NULL);
}

/* Paste */

gboolean
pg_json_check_indicator (const char *json,
                         guint       level,
                         GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  Reader reader = { NULL, path, error };

  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (level >= 1 && level <= 3, FALSE);

  parser = parse (json, -1, error);
  if (parser == NULL)
    return FALSE;
  return read_indicator (&reader, json_parser_get_root (parser), level, NULL, NULL, 0, NULL);
}

PgIndicator *
pg_json_paste_indicator (PgDocument  *document,
                         PgGoal      *goal,
                         PgIndicator *parent,
                         guint        position,
                         const char  *json,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  PgIndicator *indicator = NULL;
  Reader reader = { NULL, path, error };
  JsonNode *root;
  guint level;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (parent != NULL ? PG_IS_INDICATOR (parent) : PG_IS_GOAL (goal), NULL);
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  level = parent != NULL ? pg_indicator_get_level (parent) + 1 : 1;
  if (level > 3)
    {
      g_set_error_literal (error, PG_JSON_ERROR, PG_JSON_ERROR_INVALID,
                           _("An indicator cannot go under a level-3 indicator: the form has three levels."));
      return NULL;
    }

  parser = parse (json, -1, error);
  if (parser == NULL)
    return NULL;
  root = json_parser_get_root (parser);

  /* Check the whole subtree for this level before changing anything. */
  if (!read_indicator (&reader, root, level, goal, parent, position, NULL))
    return NULL;

  g_string_truncate (path, 0);
  reader.document = document;
  pg_document_begin_step (document);
  if (!read_indicator (&reader, root, level, goal, parent, position, &indicator))
    {
      pg_document_end_step (document, FALSE, NULL);
      return NULL;
    }
  if (!pg_document_end_step (document, TRUE, error))
    return NULL;
  return indicator;
}
