/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "pg-style.h"

void
pg_style_load (void)
{
  static GdkDisplay *loaded_on;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == loaded_on)
    return;
  loaded_on = display;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/example/PerfGoal/pg-style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
