/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON exchange format (version 1), as in exchange-json.md: import,
 * export, and the indicator subtrees the clipboard carries.
 */
#pragma once

#include "pg-document.h"

G_BEGIN_DECLS

#define PG_JSON_FORMAT "perfgoal-declaration"
#define PG_JSON_VERSION 1

typedef enum {
  PG_JSON_ERROR_SYNTAX,   /* not JSON, or truncated */
  PG_JSON_ERROR_FORMAT,   /* unknown "format", or a "version" we cannot read */
  PG_JSON_ERROR_INVALID,  /* JSON, but not a declaration: the message names the path */
} PgJsonError;

#define PG_JSON_ERROR (pg_json_error_quark ())
GQuark pg_json_error_quark (void);

/* A new, unsaved document from exchange-format JSON. On any error nothing
 * is created, and the message names the JSON path
 * ("goals[0].indicators[2].children[0].target: expected a string"). */
PgDocument *pg_json_import      (const char *data,
                                 gssize      length,
                                 GError    **error);
PgDocument *pg_json_import_file (GFile   *file,
                                 GError **error);
/* The same, into a document held in memory only
 * (pg_document_new_in_memory). */
PgDocument *pg_json_import_file_in_memory (GFile   *file,
                                           GError **error);

/* The document as exchange-format JSON: keys in the format's order, 2-space
 * indent, UTF-8 without escapes, a final newline. Export, import, export
 * gives the same bytes. */
char *pg_json_export (PgDocument *document,
                      gsize      *length);

/* One indicator node with its subtree, as a standalone JSON object (what the
 * clipboard holds). */
char *pg_json_indicator_to_string (PgIndicator *indicator);

/* Whether such a subtree fits at `level` (1 to 3) without changing
 * anything: a clipboard's text may be any JSON, or a node of another level. */
gboolean pg_json_check_indicator (const char *json,
                                  guint       level,
                                  GError    **error);

/* Inserts such a subtree under `parent` (or at level 1 of `goal` when parent
 * is NULL) at `position`, as one history step. The node's shape must fit the
 * level: a level-3 node has no "children"; levels 1 and 2 have a category. */
PgIndicator *pg_json_paste_indicator (PgDocument  *document,
                                      PgGoal      *goal,
                                      PgIndicator *parent,
                                      guint        position,
                                      const char  *json,
                                      GError     **error);

G_END_DECLS
