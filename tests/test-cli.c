/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * perfgoal --export, in-process (so sanitizers and Valgrind see the whole
 * path) and through the real program (exit status, one line on stderr, no
 * display needed).
 */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pg-cli.h"
#include "pg-document.h"

static char *
example_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "example.json", NULL);
}

static char *
out_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

/* Runs pg_cli_run() with `args` and returns its status; what it wrote to
 * stderr goes to *out_stderr. */
static int
run_cli (const char *const *args,
         char              **out_stderr)
{
  g_autofree char *capture = out_path ("cli-stderr.txt");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int saved, fd, status;

  g_ptr_array_add (argv, (gpointer) "perfgoal");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  fflush (stderr);
  saved = dup (STDERR_FILENO);
  fd = g_open (capture, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2 (fd, STDERR_FILENO);
  close (fd);
  g_assert_true (pg_cli_wants (argv->len - 1, (char **) argv->pdata));
  status = pg_cli_run (argv->len - 1, (char **) argv->pdata);
  fflush (stderr);
  dup2 (saved, STDERR_FILENO);
  close (saved);

  g_assert_true (g_file_get_contents (capture, out_stderr, NULL, NULL));
  g_unlink (capture);
  return status;
}

static char *
read_all (const char *path)
{
  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return g_steal_pointer (&contents);
}

static void
test_export_json (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *out = out_path ("example-out.json");
  g_autofree char *err = NULL;
  g_autofree char *written = NULL;
  g_autofree char *original = NULL;

  g_unlink (out);
  g_assert_cmpint (run_cli ((const char *[]) { "--export", out, example, NULL }, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  written = read_all (out);
  original = read_all (example);
  /* The bundled example is canonical: export gives it back byte for byte. */
  g_assert_cmpstr (written, ==, original);
  g_assert_nonnull (strstr (written, "\"department\""));
  g_assert_nonnull (strstr (written, "武汉市蔡甸区残疾人联合会"));
  g_unlink (out);
}

static void
test_export_perfgoal_and_back (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *doc = out_path ("example-out.perfgoal");
  g_autofree char *json = out_path ("example-back.json");
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *back = NULL;
  g_autofree char *original = NULL;
  g_autofree char *header = NULL;

  g_unlink (doc);
  g_assert_cmpint (run_cli ((const char *[]) { "--export", doc, example, NULL }, &err), ==, 0);
  header = read_all (doc);
  g_assert_true (g_str_has_prefix (header, "SQLite format 3"));
  g_assert_cmpint (run_cli ((const char *[]) { "--export", json, doc, NULL }, &err2), ==, 0);
  back = read_all (json);
  original = read_all (example);
  g_assert_cmpstr (back, ==, original);
  g_unlink (doc);
  g_unlink (json);
}

/* A failure: non-zero, one line "perfgoal: …" naming the problem, and OUT
 * neither created nor touched. */
static void
check_failure (const char *input_text,
               const char *out_name,
               const char *expected_in_message)
{
  g_autofree char *input = out_path ("bad-input.json");
  g_autofree char *out = out_path (out_name);
  g_autofree char *err = NULL;
  int status;

  g_unlink (out);
  if (input_text != NULL)
    g_assert_true (g_file_set_contents (input, input_text, -1, NULL));
  else
    g_unlink (input);

  status = run_cli ((const char *[]) { "--export", out, input, NULL }, &err);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, !=, 0);
  g_assert_true (g_str_has_prefix (err, "perfgoal: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_assert_nonnull (strstr (err, expected_in_message));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_unlink (input);
}

static void
test_failures (void)
{
  check_failure ("{\"format\": \"perfgoal-declaration\", \"version\": 1, \"budget_year\": \"2023\"}",
                 "o1.json", "budget_year");
  check_failure ("{\"format\": \"perfgoal-declaration\", \"version\": 1, \"goals\": [{\"title\": \"g\", "
                 "\"indicators\": [{\"category\": \"output\", \"children\": [{\"category\": \"quantity\", "
                 "\"children\": [{\"name\": \"x\", \"target\": 5}]}]}]}]}",
                 "o2.perfgoal", "goals[0].indicators[0].children[0].children[0].target");
  check_failure ("{\"format\": \"perfgoal-declaration\", \"vers", "o3.json", "");
  check_failure ("{\"format\": \"something-else\", \"version\": 1}", "o4.json", "something-else");
  check_failure (NULL, "o5.json", "bad-input.json");
}

static void
test_output_untouched_on_failure (void)
{
  g_autofree char *input = out_path ("bad.json");
  g_autofree char *out = out_path ("existing.json");
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (out, "previous contents\n", -1, NULL));
  g_assert_true (g_file_set_contents (input, "[1, 2", -1, NULL));
  g_assert_cmpint (run_cli ((const char *[]) { "--export", out, input, NULL }, &err), ==, 1);
  after = read_all (out);
  g_assert_cmpstr (after, ==, "previous contents\n");
  g_unlink (out);
  g_unlink (input);
}

static void
test_unknown_output_format (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *out = out_path ("example.txt");
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--export", out, example, NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, ".json or .perfgoal"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_usage (void)
{
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--export", "x.json", NULL }, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--export OUT FILE"));
  g_assert_cmpint (run_cli ((const char *[]) { "--export", "x.json", "a.json", "b.json", NULL }, &err2), ==, 2);
}

/* The real program: no display, no window, the same results. */
static void
test_program (void)
{
  const char *program = g_getenv ("PERFGOAL_PROGRAM");
  g_autofree char *example = example_path ();
  g_autofree char *out = out_path ("program-out.json");
  g_autofree char *bad = out_path ("program-bad.json");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) ok = NULL;
  g_autoptr(GSubprocess) fail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *written = NULL;
  g_autofree char *original = NULL;

  if (program == NULL)
    {
      g_test_skip ("PERFGOAL_PROGRAM is not set");
      return;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  /* The program's working copies go where this test's do. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);

  g_unlink (out);
  ok = g_subprocess_launcher_spawn (launcher, &error, program, "--export", out, example, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (ok, NULL, NULL, NULL, &stderr_text, &error));
  g_assert_true (g_subprocess_get_if_exited (ok));
  g_assert_cmpint (g_subprocess_get_exit_status (ok), ==, 0);
  written = read_all (out);
  original = read_all (example);
  g_assert_cmpstr (written, ==, original);
  g_clear_pointer (&stderr_text, g_free);

  g_assert_true (g_file_set_contents (bad, "{\"format\": \"perfgoal-declaration\", \"version\": 7}", -1, NULL));
  g_unlink (out);
  fail = g_subprocess_launcher_spawn (launcher, &error, program, "--export", out, bad, NULL);
  g_assert_true (g_subprocess_communicate_utf8 (fail, NULL, NULL, NULL, &stderr_text, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (fail), ==, 1);
  g_assert_true (g_str_has_prefix (stderr_text, "perfgoal: "));
  g_assert_nonnull (strstr (stderr_text, "7"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_unlink (bad);
}

/* The command line loads no GTK: the windows are in a module of their own
 * (src/pg-gui.h), which only a window loads. Asked of the dynamic loader. */
static void
test_program_without_gtk (void)
{
  const char *program = g_getenv ("PERFGOAL_PROGRAM");
  g_autofree char *example = example_path ();
  g_autofree char *out = out_path ("program-nogtk.json");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stderr_text = NULL;

  if (program == NULL)
    {
      g_test_skip ("PERFGOAL_PROGRAM is not set");
      return;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  /* Every library the loader opens, on stderr. */
  g_subprocess_launcher_setenv (launcher, "LD_DEBUG", "files", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--export", out, example, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &stderr_text, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  /* The loader did report, or the rest would prove nothing. */
  g_assert_nonnull (strstr (stderr_text, "file=libglib-2.0.so"));
  g_assert_null (strstr (stderr_text, "libgtk-4"));
  g_assert_null (strstr (stderr_text, "libadwaita-1"));
  g_assert_null (strstr (stderr_text, "libperfgoal-gui"));
  g_unlink (out);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;

  /* Working copies go to a private folder. Not G_TEST_OPTION_ISOLATE_DIRS:
   * GLib 2.74 never frees the paths it sets, and the leak checkers would
   * rightly report them. */
  data_home = g_dir_make_tmp ("perfgoal-test-cli-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/export-json", test_export_json);
  g_test_add_func ("/cli/export-perfgoal-and-back", test_export_perfgoal_and_back);
  g_test_add_func ("/cli/failures", test_failures);
  g_test_add_func ("/cli/output-untouched-on-failure", test_output_untouched_on_failure);
  g_test_add_func ("/cli/unknown-output-format", test_unknown_output_format);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/program", test_program);
  g_test_add_func ("/cli/program-without-gtk", test_program_without_gtk);

  return g_test_run ();
}
