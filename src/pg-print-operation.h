/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing the declaration in the official layout (src/print/): a
 * GtkPrintOperation that paginates in chunks with progress, an in-app
 * print preview (inside Flatpak GTK cannot launch an outside previewer),
 * and export as PDF with progress and cancel.
 */
#pragma once

#include <adwaita.h>

#include "pg-document.h"

G_BEGIN_DECLS

#define PG_TYPE_PRINT_OPERATION (pg_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (PgPrintOperation, pg_print_operation, PG, PRINT_OPERATION, GtkPrintOperation)

PgPrintOperation *pg_print_operation_new (PgDocument *document);

/* Print (Ctrl+P): the print dialog, then the printer. Print settings and
 * page setup are remembered for the next time. */
void pg_print_run        (GtkWindow  *parent,
                          PgDocument *document);
/* The pages as they will print, in a window of their own. */
void pg_print_preview    (GtkWindow  *parent,
                          PgDocument *document);
/* Export as PDF (Ctrl+Shift+E): asks for a file, then writes it
 * atomically, showing progress, with a Cancel button. */
void pg_print_export_pdf (GtkWindow  *parent,
                          PgDocument *document);

G_END_DECLS
