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

G_END_DECLS
