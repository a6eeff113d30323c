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
#include "pg-print-layout.h"

G_BEGIN_DECLS

#define PG_TYPE_PRINT_OPERATION (pg_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (PgPrintOperation, pg_print_operation, PG, PRINT_OPERATION, GtkPrintOperation)

PgPrintOperation *pg_print_operation_new (PgDocument *document);

/* Print (Ctrl+P): the print dialog, then the printer. Print settings and
 * page setup are remembered for the next time. The dialog has a "Layout"
 * tab with the options of the form's layout (page numbers, attachment
 * number, signature block: GSettings; the labels' language: the document). */
void pg_print_run        (GtkWindow  *parent,
                          PgDocument *document);
/* The options the preview and the PDF export lay the form out with: the
 * layout preferences, and the paper, orientation and margins of the page
 * setup of the last print (remembered across runs), or A4 with GB/T 9704's
 * margins before any. */
void pg_print_get_saved_options (PgPrintOptions *options);
/* The pages as they will print, in a window of their own (returned, owned
 * by GTK). Its header bar has the layout options; the pages are laid out
 * again as soon as one changes. */
GtkWindow *pg_print_preview (GtkWindow  *parent,
                             PgDocument *document);
/* The layout the preview shows (it may still be paginating), or NULL. */
PgPrintLayout *pg_print_preview_get_layout (GtkWindow *preview_window);
/* Export as PDF (Ctrl+Shift+E): asks for a file, with the layout options
 * as choices in the file chooser, then writes it atomically, showing
 * progress, with a Cancel button. */
void pg_print_export_pdf (GtkWindow  *parent,
                          PgDocument *document);

G_END_DECLS
