/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pg-document.h"

G_BEGIN_DECLS

/* A step that writes no history: for filling a document that has none yet
 * (an import). Ends with pg_document_end_step(). */
void pg_document_begin_untracked_step (PgDocument *self);

/* Forgets that the document was ever saved: after an import, the document
 * is new and unsaved. */
void pg_document_mark_unsaved (PgDocument *self);

/* Adds a level-3 indicator under `parent` with its fields set, in one
 * change rather than one per field: an import's. `values` holds column
 * names and their texts in pairs ("target", "≥95%", "basis", NULL, …),
 * ending with NULL; a NULL text sets nothing. */
PgIndicator *pg_document_add_level3_indicator (PgDocument        *self,
                                               PgIndicator       *parent,
                                               guint              position,
                                               const char        *name,
                                               const char *const *values,
                                               GError           **error);

G_END_DECLS
