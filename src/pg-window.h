/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pg-application.h"
#include "pg-document.h"

G_BEGIN_DECLS

#define PG_TYPE_WINDOW (pg_window_get_type ())
G_DECLARE_FINAL_TYPE (PgWindow, pg_window, PG, WINDOW, AdwApplicationWindow)

PgWindow   *pg_window_new          (PgApplication *application,
                                    PgDocument    *document);
PgDocument *pg_window_get_document (PgWindow      *self);

/* The window that shows `file`, if any. */
PgWindow   *pg_window_find_for_file (GtkApplication *application,
                                     GFile          *file);
/* The keyboard shortcuts of the window actions. */
void        pg_window_install_accels (GtkApplication *application);

G_END_DECLS
