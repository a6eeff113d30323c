/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review panel: the reviewer's findings (pg-review.h) as a list, each
 * row a button that asks the window to show its field ("finding-activated"
 * with the finding's path), and the fields themselves marked (style class
 * "error" or "warning", the message as tooltip and accessible description).
 * It follows the document's edits, but never within a keystroke: an edit
 * schedules one update a moment later, however many edits come meanwhile.
 */
#pragma once

#include <adwaita.h>

#include "pg-review.h"

G_BEGIN_DECLS

#define PG_TYPE_REVIEW_PANEL (pg_review_panel_get_type ())
G_DECLARE_FINAL_TYPE (PgReviewPanel, pg_review_panel, PG, REVIEW_PANEL, GtkBox)

/* Marks the fields found under `fields_root`. */
GtkWidget *pg_review_panel_new          (PgDocument    *document,
                                         GtkWidget     *fields_root);
PgReview  *pg_review_panel_get_review   (PgReviewPanel *self);
/* Brings the list, the counts and the marks up to date now, instead of
 * after the pending delay (before printing; tests). */
void       pg_review_panel_update       (PgReviewPanel *self);
guint      pg_review_panel_get_n_errors   (PgReviewPanel *self);
guint      pg_review_panel_get_n_warnings (PgReviewPanel *self);
/* Puts the keyboard focus on the first finding, or the panel itself. */
void       pg_review_panel_focus        (PgReviewPanel *self);

G_END_DECLS
