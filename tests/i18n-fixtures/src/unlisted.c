/* Self-test fixture for check-i18n.py: never compiled. */
static const char *title = N_("Forgotten in POTFILES.in");
