/* Self-test fixture for check-i18n.py: never compiled. */
static void
show (GtkWidget *box, GError **error)
{
  gtk_box_append (box, gtk_label_new (_("Translated")));
  gtk_box_append (box, gtk_label_new (_("Not in the catalog")));
  gtk_box_append (box, gtk_label_new ("Shown without translation"));
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The file “%s” is broken", "x");
  /* gtk_label_new ("in a comment: not shown") */
  g_object_set (box, "css-name", "not text a user reads", NULL);
  gtk_box_append (box, gtk_label_new (g_strdup_printf (_("%u goals"), 3)));
}
