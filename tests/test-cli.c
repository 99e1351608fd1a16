/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "pf-test-lab.h"
#include "pf-test-tsv.h"

/* preflight-cli as scripts use it: the real binary, against the real lab server, checked
 * on its JSON Lines, its text, its exit status and its one-line errors. */

typedef struct
{
  PfLabServer *lab;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Only the lab: the client is preflight-cli, in its own process with its own profile. */
static void
fixture_set_up (Fixture *fixture,
                gconstpointer data)
{
  fixture->lab = pf_test_lab_server_start ();
}

static void
fixture_tear_down (Fixture *fixture,
                   gconstpointer data)
{
  pf_test_lab_server_finalize (g_steal_pointer (&fixture->lab));
}

static const char *
cli_path (void)
{
  const char *path = g_getenv ("PREFLIGHT_CLI");

  g_assert_nonnull (path);
  return path;
}

static void
communicated_cb (GObject *object,
                 GAsyncResult *result,
                 gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  if (run->out == NULL)
    run->out = g_strdup ("");
}

/* Runs preflight-cli with @args while the lab server keeps serving in this process. */
static void
run_cli (const char *const *args,
         Run *run)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, run);
  PF_TEST_WAIT_UNTIL (run->out != NULL, 60000);
  g_subprocess_wait (process, NULL, NULL);
  run->status = g_subprocess_get_exit_status (process);
  /* What the CLI said, for a failing assertion's log. */
  if (run->status != 0)
    g_test_message ("exit %d; stderr:\n%s\nlast of stdout:\n%s", run->status, run->err,
                    strlen (run->out) > 2000 ? run->out + strlen (run->out) - 2000 : run->out);
}

/* Every line parses as a JSON object; returns them in order. */
static GPtrArray *
json_lines (const char *out)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      g_ptr_array_add (objects, json_node_copy (json_parser_get_root (parser)));
    }
  return objects;
}

static JsonObject *
line_at (GPtrArray *lines,
         guint index)
{
  return json_node_get_object (g_ptr_array_index (lines, index));
}

static char *
xhr_types (GPtrArray *lines)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = line_at (lines, i);
      const char *type = json_object_get_string_member (line, "type");

      if (!json_object_has_member (line, "target"))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (g_str_equal (json_object_get_string_member (line, "target"), "upload"))
        g_string_append (out, "upload.");
      if (g_str_equal (type, "readystatechange"))
        g_string_append_printf (out, "rs%" G_GINT64_FORMAT,
                                json_object_get_int_member (line, "readyState"));
      else
        g_string_append (out, type);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_json_success (Fixture *fixture,
                   gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "example.txt");
  const char *args[] = { "fetch", "--json", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autofree char *types = NULL;
  JsonObject *result, *first;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  types = xhr_types (lines);
  g_assert_cmpstr (types, ==, "rs1 loadstart rs2 rs3 progress rs4 load loadend");
  first = line_at (lines, 0);
  g_assert_true (json_object_has_member (first, "t_ms"));
  g_assert_true (json_object_has_member (first, "lengthComputable"));
  result = line_at (lines, lines->len - 1);
  g_assert_cmpstr (json_object_get_string_member (result, "type"), ==, "result");
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (result, "statusText"), ==, "OK");
  g_assert_cmpstr (json_object_get_string_member (result, "responseURL"), ==, url);
  g_assert_true (json_object_get_null_member (result, "error"));
  g_assert_false (json_object_get_boolean_member (result, "responseXML"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "mimeType"),
                                   "text/plain"));
  g_assert_nonnull (strstr (json_object_get_string_member (result, "allResponseHeaders"),
                            "content-type: text/plain"));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (result, "headers")), >, 0);
  /* What the wire carried: example.txt has a Content-Length, so its body came as it is. */
  g_assert_cmpstr (json_object_get_string_member (result, "httpVersion"), ==, "HTTP/1.1");
  /* Plain HTTP: no TLS connection to tell of. */
  g_assert_true (json_object_get_null_member (result, "tls"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "remoteAddress"),
                                   "127.0.0.1:"));
  g_assert_cmpint (json_object_get_int_member (result, "requestHeadBytes"), >, 0);
  g_assert_cmpint (json_object_get_int_member (result, "requestBodyBytes"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "responseHeadBytes"), >, 0);
  g_assert_cmpint (json_object_get_int_member (result, "bodyTransferredBytes"), ==,
                   json_object_get_int_member (result, "bodyBytes"));
}

static void
test_json_phases (Fixture *fixture,
                  gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "example.txt");
  const char *args[] = { "fetch", "--json", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  guint phases = 0;

  run_cli (args, &run);
  lines = json_lines (run.out);
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = line_at (lines, i);

      if (!g_str_equal (json_object_get_string_member (line, "type"), "phase"))
        continue;
      g_assert_cmpfloat (json_object_get_double_member (line, "end_ms"), >=,
                         json_object_get_double_member (line, "start_ms"));
      /* 127.0.0.1 is not looked up: no dns line, as no dns row in the window's chart. */
      g_assert_cmpstr (json_object_get_string_member (line, "name"), !=, "dns");
      phases++;
    }
  g_assert_cmpuint (phases, >=, 3);
}

static void
test_json_upload (Fixture *fixture,
                  gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "echo");
  const char *args[] = { "fetch", "--json", "-d", "hello world!", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autofree char *types = NULL;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  types = xhr_types (lines);
  g_assert_true (g_str_has_prefix (types, "rs1 loadstart upload.loadstart upload.progress"));
  g_assert_nonnull (strstr (types, "upload.load upload.loadend rs2"));
}

static void
check_failure (Fixture *fixture,
               const char *path,
               const char *option,
               const char *value,
               const char *error,
               const char *suffix)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, path);
  const char *args[] = { "fetch", "--json", option, value, url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autofree char *types = NULL;
  JsonObject *result;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 1);
  lines = json_lines (run.out);
  types = xhr_types (lines);
  g_assert_true (g_str_has_suffix (types, suffix));
  result = line_at (lines, lines->len - 1);
  g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, error);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result, "allResponseHeaders"), ==, "");
}

static void
test_exit_1_on_timeout_abort_network (Fixture *fixture,
                                      gconstpointer data)
{
  check_failure (fixture, "delay/3000", "--timeout", "150", "timeout",
                 "rs1 loadstart rs4 timeout loadend");
  check_failure (fixture, "drip?numbytes=20&duration=2000", "--abort-after", "400", "abort",
                 "rs4 abort loadend");
  check_failure (fixture, "cut", "--timeout", "5000", "network", "rs4 error loadend");
  check_failure (fixture, "garbage", "--timeout", "5000", "network",
                 "rs1 loadstart rs4 error loadend");
}

static void
check_bad_input (const char *const *args,
                 const char *message)
{
  g_auto (Run) run = { 0 };

  run_cli (args, &run);
  g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "preflight-cli: "));
  g_assert_nonnull (strstr (run.err, message));
  /* One line, and no GLib warning or critical anywhere. */
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
}

static void
test_exit_2_on_bad_input (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "echo");
  const char *no_url[] = { "fetch", NULL };
  const char *bad_url[] = { "fetch", "http://exa mple/", NULL };
  const char *ftp[] = { "fetch", "ftp://127.0.0.1/", NULL };
  const char *bad_name[] = { "fetch", "-H", "Bad Name: 1", url, NULL };
  const char *no_colon[] = { "fetch", "-H", "NoColon", url, NULL };
  const char *cr_lf[] = { "fetch", "-H", "X-A: 1\r\nX-Injected: 2", url, NULL };
  const char *bad_method[] = { "fetch", "-X", "GET ME", url, NULL };
  const char *no_file[] = { "fetch", "--data-file", "/nonexistent/body", url, NULL };
  const char *no_part[] = { "fetch", "-F", "f=@/nonexistent/part", url, NULL };
  const char *two_bodies[] = { "fetch", "-d", "x", "--urlencode", "a=b", url, NULL };
  const char *bad_timeout[] = { "fetch", "--timeout", "soon", url, NULL };
  const char *bad_output[] = { "fetch", "-o", "/nonexistent/dir/out", url, NULL };
  const char *unknown[] = { "frobnicate", NULL };

  check_bad_input (no_url, "exactly one URL");
  check_bad_input (bad_url, "exa mple");
  check_bad_input (ftp, "not an http or https URL");
  check_bad_input (bad_name, "contains a space");
  check_bad_input (no_colon, "has no colon");
  check_bad_input (cr_lf, "carriage return");
  check_bad_input (bad_method, "GET ME");
  check_bad_input (no_file, "/nonexistent/body");
  check_bad_input (no_part, "/nonexistent/part");
  check_bad_input (two_bodies, "one kind of body");
  check_bad_input (bad_timeout, "soon");
  check_bad_input (bad_output, "/nonexistent/dir/out");
  check_bad_input (unknown, "frobnicate");
}

static void
test_output_file (Fixture *fixture,
                  gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "bytes/300000");
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "out.bin", NULL);
  const char *args[] = { "fetch", "-o", path, url, NULL };
  g_auto (Run) run = { 0 };
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 300000);
  for (gsize i = 0; i < length; i += 4999)
    g_assert_cmpint (contents[i], ==, 'a' + i % 26);
  g_assert_null (strstr (run.out, "abcdefghij"));
}

/* A sink that refuses the body (a full disk) is a network error of the run, said in words,
 * and exit status 1: nothing is reported as loaded. */
static void
test_output_refused (Fixture *fixture,
                     gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "bytes/300000");
  const char *args[] = { "fetch", "--json", "-o", "/dev/full", url, NULL };
  g_auto (Run) run = { 0 };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }
  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "\"type\":\"error\""));
  g_assert_nonnull (strstr (run.out, "Could not store the response body"));
  g_assert_null (strstr (run.out, "\"type\":\"load\""));
}

static void
test_text_output (Fixture *fixture,
                  gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "status/404");
  const char *args[] = { "fetch", url, NULL };
  g_auto (Run) run = { 0 };

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "readystatechange → 1"));
  g_assert_nonnull (strstr (run.out, "loadend"));
  g_assert_nonnull (strstr (run.out, "\n404 Not Found\n"));
  g_assert_true (g_str_has_suffix (run.out, "404 Not Found\n"));
}

static void
test_forbidden_header_noted (Fixture *fixture,
                             gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "echo");
  const char *args[] = { "fetch", "-H", "Cookie: a=b", "-H", "X-Fine: yes", url, NULL };
  g_auto (Run) run = { 0 };

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "“Cookie” is not sent"));
  g_assert_nonnull (strstr (run.out, "X-Fine"));
  g_assert_null (strstr (run.out, "a=b"));
}

/* The body /echo answered, from -o PATH, as a JSON object. */
static JsonObject *
read_echo (JsonParser *parser,
           const char *path)
{
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
echo_header (JsonObject *echo,
             const char *name)
{
  JsonArray *headers = json_object_get_array_member (echo, "headers");

  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      if (g_ascii_strcasecmp (json_array_get_string_element (pair, 0), name) == 0)
        return g_strdup (json_array_get_string_element (pair, 1));
    }
  return NULL;
}

/* --curl: the command's request is sent, what it asks that is not applied is noted on
 * stderr, and the fetch options given go on top of it. */
static void
test_fetch_curl (Fixture *fixture,
                 gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "echo");
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "echo.json", NULL);
  g_autofree char *command = g_strdup_printf ("curl '%s' \\\n  -sS -H 'X-A: Zoë' "
                                              "--data-raw $'a\\nb' --compressed",
                                              url);
  const char *args[] = { "fetch", "--curl", command, "-o", path, NULL };
  const char *on_top[] = { "fetch", "--curl", command, "-X", "PUT", "-H", "X-B: 2",
                           "-o", path, NULL };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (Run) run = { 0 };
  g_auto (Run) again = { 0 };
  g_autofree char *x_a = NULL;
  g_autofree char *x_b = NULL;
  JsonObject *echo;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==,
                   "preflight-cli: note: “-s” is not applied: it changes only what curl prints "
                   "or saves\n"
                   "preflight-cli: note: “-S” is not applied: it changes only what curl prints "
                   "or saves\n");
  echo = read_echo (parser, path);
  x_a = echo_header (echo, "X-A");
  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (echo, "body"), ==, "a\nb");
  g_assert_cmpstr (x_a, ==, "Zoë");
  run_cli (on_top, &again);
  g_assert_cmpint (again.status, ==, 0);
  echo = read_echo (parser, path);
  x_b = echo_header (echo, "X-B");
  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, "PUT");
  g_assert_cmpstr (json_object_get_string_member (echo, "body"), ==, "a\nb");
  g_assert_cmpstr (x_b, ==, "2");
}

/* A command that does not parse is bad input: exit 2, the place in the message. */
static void
test_fetch_curl_errors (Fixture *fixture,
                        gconstpointer data)
{
  const char *unclosed[] = { "fetch", "--curl", "curl 'http://127.0.0.1/", NULL };
  const char *not_curl[] = { "fetch", "--curl", "wget http://127.0.0.1/", NULL };
  const char *no_value[] = { "fetch", "--curl", "curl http://127.0.0.1/ -H", NULL };
  g_auto (Run) a = { 0 };
  g_auto (Run) b = { 0 };
  g_auto (Run) c = { 0 };

  run_cli (unclosed, &a);
  run_cli (not_curl, &b);
  run_cli (no_value, &c);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_cmpstr (a.err, ==, "preflight-cli: The quote ' opened at character 6 is never closed\n");
  g_assert_cmpint (b.status, ==, 2);
  g_assert_cmpstr (b.err, ==, "preflight-cli: The command does not start with “curl”\n");
  g_assert_cmpint (c.status, ==, 2);
  g_assert_cmpstr (c.err, ==,
                   "preflight-cli: The option “-H” at character 24 needs a value after it\n");
  g_assert_cmpstr (a.out, ==, "");
}

/* --print-curl prints the command instead of sending; --curl and it round-trip, a browser's
 * Origin as the page origin and its Origin header again, what a page cannot send noted. */
static void
test_fetch_print_curl (Fixture *fixture,
                       gconstpointer data)
{
  const char *args[] = { "fetch", "--print-curl", "-X", "PUT", "-H", "X-Q: it's", "-d", "x y",
                         "--timeout", "1500", "http://127.0.0.1:9/a?b=1", NULL };
  const char *from_curl[] = { "fetch", "--print-curl", "--curl",
                              "curl -L http://127.0.0.1:9/ -u al:pw --json '{\"a\":1}'", NULL };
  const char *from_browser[] = { "fetch", "--print-curl", "--curl",
                                 "curl http://127.0.0.1:9/ -H 'origin: http://app.example' "
                                 "-b 'sid=1' -H 'sec-fetch-mode: cors'",
                                 NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) curl = { 0 };
  g_auto (Run) browser = { 0 };

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "curl 'http://127.0.0.1:9/a?b=1' -X PUT -H 'X-Q: it'\\''s' "
                   "-H 'Content-Type: text/plain;charset=UTF-8' --data-raw 'x y' -m 1.5 "
                   "-L --max-redirs 20\n");
  run_cli (from_curl, &curl);
  g_assert_cmpint (curl.status, ==, 0);
  g_assert_cmpstr (curl.out, ==,
                   "curl http://127.0.0.1:9/ -H 'Content-Type: application/json' "
                   "-H 'Accept: application/json' -u al:pw --data-raw '{\"a\":1}' -L\n");
  run_cli (from_browser, &browser);
  g_assert_cmpint (browser.status, ==, 0);
  g_assert_cmpstr (browser.out, ==,
                   "curl http://127.0.0.1:9/ -H 'Cookie: sid=1' -H 'sec-fetch-mode: cors' "
                   "-H 'Origin: http://app.example'\n");
  g_assert_cmpstr (browser.err, ==,
                   "preflight-cli: note: The header “Cookie” is kept but not sent: a page cannot "
                   "set Cookie; the cookie jar sends the cookies it holds for the URL, as the "
                   "credentials mode allows\n"
                   "preflight-cli: note: The header “sec-fetch-mode” is kept but not sent: a page "
                   "cannot set headers starting with “Sec-”; the browser sends its own\n"
                   "preflight-cli: note: Sent from the page origin http://app.example, under "
                   "CORS: a page cannot set Origin; the browser sends it\n");
}

/* --user answers the 401 challenge once, as XHR open ()'s user and password; --bearer sends
 * the token; --help names both. */
static void
test_fetch_auth (Fixture *fixture,
                 gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "auth/digest?user=alice&password=pw");
  g_autofree char *echo = pf_test_lab_url (fixture->lab, "echo");
  const char *text_args[] = { "fetch", "--user", "alice:pw", url, NULL };
  const char *json_args[] = { "fetch", "--json", "-u", "alice:nope", url, NULL };
  const char *bearer_args[] = { "fetch", "--bearer", "tok-9", echo, NULL };
  const char *bad_args[] = { "fetch", "--user", "alice", url, NULL };
  const char *help_args[] = { "fetch", "--help", NULL };
  g_auto (Run) text = { 0 };
  g_auto (Run) json = { 0 };
  g_auto (Run) bearer = { 0 };
  g_auto (Run) bad = { 0 };
  g_auto (Run) help = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  JsonObject *line;

  run_cli (text_args, &text);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "401 challenge: Digest realm=\"Preflight lab\""));
  g_assert_nonnull (strstr (text.out, "answered with user “alice”"));
  g_assert_nonnull (strstr (text.out, "200: the server accepted the credentials"));
  g_assert_nonnull (strstr (text.out, "\n200 OK · HTTP/1.1\n"));

  run_cli (json_args, &json);
  g_assert_cmpint (json.status, ==, 0);
  lines = json_lines (json.out);
  line = line_at (lines, lines->len - 1);
  g_assert_cmpint (json_object_get_int_member (line, "status"), ==, 401);
  g_assert_nonnull (strstr (json.out, "\"type\":\"auth\",\"name\":\"answer\","
                                      "\"detail\":\"alice\"}"));
  g_assert_nonnull (strstr (json.out, "\"type\":\"auth\",\"name\":\"result\","
                                      "\"status\":401}"));

  run_cli (bearer_args, &bearer);
  g_assert_cmpint (bearer.status, ==, 0);
  g_assert_nonnull (strstr (bearer.out, "\"Authorization\",\n      \"Bearer tok-9\""));

  run_cli (bad_args, &bad);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "USER:PASSWORD"));

  run_cli (help_args, &help);
  g_assert_nonnull (strstr (help.out, "--user=USER:PASSWORD"));
  g_assert_nonnull (strstr (help.out, "--bearer=TOKEN"));
}

static void
test_max_redirects (Fixture *fixture,
                    gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "redirect/3");
  const char *ok[] = { "fetch", "--json", "--max-redirects", "3", url, NULL };
  const char *too_many[] = { "fetch", "--json", "--max-redirects", "2", url, NULL };
  g_auto (Run) first = { 0 };
  g_auto (Run) second = { 0 };

  run_cli (ok, &first);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "\"type\":\"redirect\",\"status\":302"));
  run_cli (too_many, &second);
  g_assert_cmpint (second.status, ==, 1);
  g_assert_nonnull (strstr (second.out, "Too many redirects"));
}

static void
test_override_mime_makes_xml (Fixture *fixture,
                              gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "xml-as-text");
  const char *args[] = { "fetch", "--json", "--override-mime", "text/xml", url, NULL };
  g_auto (Run) run = { 0 };

  run_cli (args, &run);
  g_assert_nonnull (strstr (run.out, "\"mimeType\":\"text/xml\""));
  g_assert_nonnull (strstr (run.out, "\"responseXML\":true"));
}

/* --sync: the events of a synchronous XHR, and the exception its send () throws. */
static void
test_sync (Fixture *fixture,
           gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "example.txt");
  g_autofree char *bad_url = pf_test_lab_url (fixture->lab, "garbage");
  const char *args[] = { "fetch", "--json", "--sync", url, NULL };
  const char *bad_args[] = { "fetch", "--json", "--sync", bad_url, NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) bad = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) bad_lines = NULL;
  g_autofree char *types = NULL;
  g_autofree char *bad_types = NULL;
  JsonObject *result;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  types = xhr_types (lines);
  g_assert_cmpstr (types, ==, "rs1 rs4 load loadend");
  result = line_at (lines, lines->len - 1);
  g_assert_true (json_object_get_boolean_member (result, "sync"));
  g_assert_true (json_object_get_null_member (result, "exception"));
  g_assert_nonnull (strstr (run.out, "\"type\":\"phase\",\"name\":\"frozen\",\"start_ms\":0.000"));

  run_cli (bad_args, &bad);
  g_assert_cmpint (bad.status, ==, 1);
  bad_lines = json_lines (bad.out);
  bad_types = xhr_types (bad_lines);
  g_assert_cmpstr (bad_types, ==, "rs1");
  result = line_at (bad_lines, bad_lines->len - 1);
  g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, "network");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "exception"),
                                   "NetworkError: Failed to execute 'send' on 'XMLHttpRequest'"));
}

/* What a page cannot do with a synchronous request is refused as bad input. */
static void
test_sync_refusals (Fixture *fixture,
                    gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "example.txt");
  const char *timeout_args[] = { "fetch", "--sync", "--timeout", "100", url, NULL };
  const char *type_args[] = { "fetch", "--sync", "--response-type", "json", url, NULL };
  const char *abort_args[] = { "fetch", "--sync", "--abort-after", "10", url, NULL };
  g_auto (Run) timeout = { 0 };
  g_auto (Run) type = { 0 };
  g_auto (Run) abort = { 0 };

  run_cli (timeout_args, &timeout);
  g_assert_cmpint (timeout.status, ==, 2);
  g_assert_nonnull (strstr (timeout.err, "InvalidAccessError: Failed to set the 'timeout' "
                                         "property on 'XMLHttpRequest'"));
  run_cli (type_args, &type);
  g_assert_cmpint (type.status, ==, 2);
  g_assert_nonnull (strstr (type.err, "The response type cannot be changed for synchronous "
                                      "requests made from a document."));
  run_cli (abort_args, &abort);
  g_assert_cmpint (abort.status, ==, 2);
  g_assert_nonnull (strstr (abort.err, "--abort-after"));
}

/* --response-type: the result line says what xhr.response is and what throws. */
static void
test_response_type (Fixture *fixture,
                    gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "bytes/16");
  const char *args[] = { "fetch", "--json", "--response-type", "arraybuffer", url, NULL };
  const char *bad_args[] = { "fetch", "--response-type", "xml", url, NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) bad = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  JsonObject *result, *response, *throws;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  result = line_at (lines, lines->len - 1);
  g_assert_cmpstr (json_object_get_string_member (result, "responseType"), ==, "arraybuffer");
  response = json_object_get_object_member (result, "response");
  g_assert_cmpstr (json_object_get_string_member (response, "class"), ==, "ArrayBuffer");
  g_assert_cmpint (json_object_get_int_member (response, "byteLength"), ==, 16);
  throws = json_object_get_object_member (result, "throws");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (throws, "responseText"),
                                   "(was 'arraybuffer')."));
  g_assert_true (json_object_has_member (throws, "responseXML"));

  run_cli (bad_args, &bad);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "responseType “xml” is not one of"));
}

/* --xdr: a rule broken exits 2 naming it; the result hides the status and the headers. */
static void
test_xdr (Fixture *fixture,
          gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "cors/api?allow-origin=*");
  const char *args[] = { "fetch", "--json", "--xdr", "--origin", "http://app.example", url,
                         NULL };
  const char *put_args[] = { "fetch", "--xdr", "--origin", "http://app.example", "-X", "PUT",
                             url, NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) put = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  JsonObject *result;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  result = line_at (lines, lines->len - 1);
  g_assert_true (json_object_get_boolean_member (result, "xdr"));
  g_assert_true (json_object_get_null_member (result, "status"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "headers")), ==,
                    0);
  g_assert_cmpint (json_object_get_int_member (result, "serverStatus"), ==, 200);

  run_cli (put_args, &put);
  g_assert_cmpint (put.status, ==, 2);
  g_assert_nonnull (strstr (put.err, "XDomainRequest only sends GET and POST, not PUT"));
}

static void
first_line_cb (GObject *object,
               GAsyncResult *result,
               gpointer user_data)
{
  char **line = user_data;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL,
                                                     NULL);
  if (*line == NULL)
    *line = g_strdup ("");
}

static void
test_lab_command (void)
{
  const char *argv[] = { cli_path (), "lab", NULL };
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
  g_assert_nonnull (process);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, first_line_cb, &line);
  PF_TEST_WAIT_UNTIL (line != NULL, 10000);
  g_assert_true (g_str_has_prefix (line, "Lab server listening on http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));
  /* Then its HTTPS ports, each named by its certificate. */
  for (guint i = 0; i < PF_LAB_TLS_N_KINDS; i++)
    {
      g_autofree char *suffix = g_strdup_printf ("/ (%s)", pf_lab_tls_get_name (i));

      g_clear_pointer (&line, g_free);
      g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, first_line_cb, &line);
      PF_TEST_WAIT_UNTIL (line != NULL, 10000);
      g_assert_true (g_str_has_prefix (line, "Lab server listening on https://127.0.0.1:"));
      g_assert_true (g_str_has_suffix (line, suffix));
    }
  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* The result lines of a JSON Lines run, in order. */
static GPtrArray *
result_lines (GPtrArray *lines)
{
  GPtrArray *results = g_ptr_array_new ();

  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (json_object_get_string_member (line_at (lines, i), "type"), "result"))
      g_ptr_array_add (results, line_at (lines, i));
  return results;
}

static void
test_cors_repeat (Fixture *fixture,
                  gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab,
                                          "cors/api?allow-origin=*&allow-methods=PUT&"
                                          "allow-headers=x-token&max-age=60");
  const char *args[] = { "fetch", "--json", "--origin", "http://page.test", "--repeat", "2",
                         "-X", "PUT", "-H", "X-Token: 1", "-H", "Cookie: a=b", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) results = NULL;
  JsonObject *cors, *request;
  JsonArray *headers;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  results = result_lines (lines);
  g_assert_cmpuint (results->len, ==, 2);
  for (guint k = 0; k < 2; k++)
    {
      JsonObject *result = results->pdata[k];
      JsonArray *dropped, *cache;

      g_assert_cmpint (json_object_get_int_member (result, "run"), ==, k + 1);
      g_assert_cmpint (json_object_get_int_member (result, "serverStatus"), ==, 200);
      cors = json_object_get_object_member (result, "cors");
      g_assert_cmpstr (json_object_get_string_member (cors, "outcome"), ==, "allowed");
      g_assert_cmpint (json_object_get_boolean_member (cors, "preflight"), ==, k == 0);
      g_assert_cmpint (json_object_get_boolean_member (cors, "preflightCached"), ==, k == 1);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cors, "failures")),
                        ==, 0);
      dropped = json_object_get_array_member (cors, "droppedHeaders");
      g_assert_cmpstr (json_array_get_string_element (dropped, 0), ==, "Cookie");
      /* The cache holds PUT and x-token for 60 s after the first run's preflight. */
      cache = json_object_get_array_member (cors, "preflightCache");
      g_assert_cmpuint (json_array_get_length (cache), ==, 2);
    }
  cors = json_object_get_object_member (results->pdata[0], "cors");
  request = json_object_get_object_member (cors, "preflightRequest");
  headers = json_object_get_array_member (request, "headers");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (headers, 3), 0), ==,
                   "Access-Control-Request-Headers");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (headers, 3), 1), ==,
                   "x-token");
  headers = json_object_get_array_member (cors, "exposedHeaders");
  g_assert_cmpstr (json_array_get_string_element (headers, 0), ==, "cache-control");
}

static void
test_cors_blocked (Fixture *fixture,
                   gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "cors/api?allow-origin=*");
  const char *args[] = { "fetch", "--json", "--origin", "http://page.test", "--credentials",
                         "include", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) results = NULL;
  JsonObject *result, *cors, *failure;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 1);
  lines = json_lines (run.out);
  results = result_lines (lines);
  result = results->pdata[0];
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "serverStatus"), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "headers")),
                    ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "serverHeaders")),
                    >, 3);
  g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, "network");
  cors = json_object_get_object_member (result, "cors");
  g_assert_cmpstr (json_object_get_string_member (cors, "outcome"), ==, "blocked");
  failure = json_array_get_object_element (json_object_get_array_member (cors, "failures"), 0);
  g_assert_cmpstr (json_object_get_string_member (failure, "rule"), ==, "allow-origin-wildcard");
  g_assert_cmpstr (json_object_get_string_member (failure, "header"), ==,
                   "Access-Control-Allow-Origin");
  g_assert_cmpstr (json_object_get_string_member (failure, "value"), ==, "*");
  g_assert_nonnull (json_object_get_string_member (failure, "message"));
}

static void
test_cors_bad_options (Fixture *fixture,
                       gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "cors/api");
  const char *bad_mode[] = { "fetch", "--origin", "http://page.test", "--credentials", "always",
                             url, NULL };
  const char *bad_origin[] = { "fetch", "--origin", "page.test", url, NULL };
  const char *no_origin[] = { "fetch", "--credentials", "include", url, NULL };
  g_auto (Run) mode = { 0 };
  g_auto (Run) origin = { 0 };
  g_auto (Run) missing = { 0 };

  run_cli (bad_mode, &mode);
  g_assert_cmpint (mode.status, ==, 2);
  g_assert_nonnull (strstr (mode.err, "“always” is not omit, same-origin or include"));
  run_cli (bad_origin, &origin);
  g_assert_cmpint (origin.status, ==, 2);
  g_assert_nonnull (strstr (origin.err, "is not an origin"));
  run_cli (no_origin, &missing);
  g_assert_cmpint (missing.status, ==, 2);
}

static void
test_cors_text (Fixture *fixture,
                gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab,
                                          "cors/api?allow-origin=*&allow-methods=GET");
  const char *args[] = { "fetch", "--origin", "http://page.test", "-X", "delete", url, NULL };
  g_auto (Run) run = { 0 };

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "The method “delete” is sent as “DELETE”"));
  g_assert_nonnull (strstr (run.out, "A preflight is needed:"));
  g_assert_nonnull (strstr (run.out, "> Access-Control-Request-Method: DELETE"));
  g_assert_nonnull (strstr (run.out, "Access-Control-Allow-Methods does not list DELETE"));
  g_assert_nonnull (strstr (run.out, "Blocked: the page sees a network error"));
}

static void
test_events_json (Fixture *fixture,
                  gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab,
                                          "events?interval=20&retry=100&drop-after=2");
  const char *args[] = { "events", "--json", "--reconnects", "1",
                         "--last-event-id", "4", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  const char *expected[] = { "open", "message", "message", "error", "reconnect", "open", "message",
                             "message", "error" };
  JsonObject *message, *reconnect;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < lines->len; i++)
    g_assert_cmpstr (json_object_get_string_member (line_at (lines, i), "type"), ==, expected[i]);
  message = line_at (lines, 1);
  g_assert_cmpstr (json_object_get_string_member (message, "event"), ==, "message");
  g_assert_cmpstr (json_object_get_string_member (message, "lastEventId"), ==, "5");
  g_assert_cmpstr (json_object_get_string_member (message, "data"), ==,
                   "{\"n\": 5, \"text\": \"event 5\"}");
  g_assert_cmpint (json_object_get_int_member (message, "connection"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (line_at (lines, 3), "readyState"), ==, 0);
  reconnect = line_at (lines, 4);
  g_assert_cmpint (json_object_get_int_member (reconnect, "delayMs"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (reconnect, "lastEventId"), ==, "6");
  g_assert_cmpstr (json_object_get_string_member (line_at (lines, 6), "lastEventId"), ==, "7");
  g_assert_cmpint (json_object_get_int_member (line_at (lines, 6), "connection"), ==, 2);
}

static void
test_events_stop_and_fail (Fixture *fixture,
                           gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "events?interval=10");
  g_autofree char *bad = pf_test_lab_url (fixture->lab, "status/500");
  const char *max[] = { "events", "--json", "--max-events", "3", url, NULL };
  const char *fail[] = { "events", "--json", bad, NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) failed = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) fail_lines = NULL;

  run_cli (max, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  g_assert_cmpuint (lines->len, ==, 4);
  run_cli (fail, &failed);
  g_assert_cmpint (failed.status, ==, 1);
  fail_lines = json_lines (failed.out);
  g_assert_cmpuint (fail_lines->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (line_at (fail_lines, 0), "readyState"), ==, 2);
}

/* The result line's "browserHeaders" as "a,b,c", or NULL when the member is missing. */
static char *
browser_headers_of (const char *out)
{
  g_autoptr (GPtrArray) lines = json_lines (out);
  JsonObject *result = line_at (lines, lines->len - 1);
  JsonArray *names;
  GString *joined = g_string_new (NULL);

  if (!json_object_has_member (result, "browserHeaders"))
    return g_string_free (joined, TRUE);
  names = json_object_get_array_member (result, "browserHeaders");
  for (guint i = 0; i < json_array_get_length (names); i++)
    g_string_append_printf (joined, "%s%s", i ? "," : "", json_array_get_string_element (names, i));
  return g_string_free (joined, FALSE);
}

static void
test_browser_headers (Fixture *fixture,
                      gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab,
                                          "cors/api?allow-origin=*&allow-headers=x-mine");
  const char *by_origin[] = { "fetch", "--json", "--origin", "http://page.example", "-H",
                              "X-Mine: 1", url, NULL };
  const char *off[] = { "fetch", "--json", "--origin", "http://page.example",
                        "--no-browser-headers", url, NULL };
  const char *on[] = { "fetch", "--json", "--browser-headers", url, NULL };
  const char *both[] = { "fetch", "--browser-headers", "--no-browser-headers", url, NULL };
  g_auto (Run) a = { 0 };
  g_auto (Run) b = { 0 };
  g_auto (Run) c = { 0 };
  g_auto (Run) d = { 0 };
  g_autofree char *names = NULL;
  g_autofree char *none = NULL;
  g_autofree char *tool = NULL;

  /* On by default with --origin: the list names the browser's headers, not X-Mine. */
  run_cli (by_origin, &a);
  g_assert_cmpint (a.status, ==, 0);
  names = browser_headers_of (a.out);
  g_assert_cmpstr (names, ==,
                   "Connection,User-Agent,Accept,Referer,Accept-Encoding,Accept-Language,Origin,"
                   "Host,sec-ch-ua-platform,sec-ch-ua,sec-ch-ua-mobile,Sec-Fetch-Site,"
                   "Sec-Fetch-Mode,Sec-Fetch-Dest");
  run_cli (off, &b);
  g_assert_cmpint (b.status, ==, 0);
  none = browser_headers_of (b.out);
  g_assert_null (none);
  /* Without a page: a page at the URL's own origin. */
  run_cli (on, &c);
  g_assert_cmpint (c.status, ==, 0);
  tool = browser_headers_of (c.out);
  g_assert_nonnull (strstr (tool, "Sec-Fetch-Site"));
  g_assert_null (strstr (tool, "Origin"));
  run_cli (both, &d);
  g_assert_cmpint (d.status, ==, 2);
  g_assert_nonnull (strstr (d.err, "not both"));
}

static void
test_events_cors (Fixture *fixture,
                  gconstpointer data)
{
  g_autofree char *allowed = pf_test_lab_url (fixture->lab,
                                              "events?interval=0&count=2&allow-origin=*");
  g_autofree char *star = pf_test_lab_url (fixture->lab, "events?interval=0&count=2&"
                                                         "allow-origin=*&allow-credentials=true");
  const char *ok[] = { "events", "--json", "--origin", "http://page.example", allowed, NULL };
  const char *blocked[] = { "events", "--json", "--origin", "http://page.example",
                            "--with-credentials", star, NULL };
  const char *text[] = { "events", "--origin", "http://page.example", "--with-credentials",
                         star, NULL };
  const char *bad[] = { "events", "--origin", "nowhere", allowed, NULL };
  const char *lone[] = { "events", "--with-credentials", allowed, NULL };
  g_auto (Run) a = { 0 };
  g_auto (Run) b = { 0 };
  g_auto (Run) c = { 0 };
  g_auto (Run) d = { 0 };
  g_auto (Run) e = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) blocked_lines = NULL;
  JsonObject *error;

  run_cli (ok, &a);
  g_assert_cmpint (a.status, ==, 0);
  lines = json_lines (a.out);
  g_assert_cmpstr (json_object_get_string_member (line_at (lines, 0), "type"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (line_at (lines, 2), "lastEventId"), ==, "2");
  /* "*" with credentials: the connection fails (CLOSED, no reconnect), naming the rule. */
  run_cli (blocked, &b);
  g_assert_cmpint (b.status, ==, 1);
  blocked_lines = json_lines (b.out);
  g_assert_cmpuint (blocked_lines->len, ==, 1);
  error = line_at (blocked_lines, 0);
  g_assert_cmpstr (json_object_get_string_member (error, "type"), ==, "error");
  g_assert_cmpint (json_object_get_int_member (error, "readyState"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (error, "cors"), ==, "allow-origin-wildcard");
  run_cli (text, &c);
  g_assert_cmpint (c.status, ==, 1);
  g_assert_nonnull (strstr (c.out, "error, readyState 2: Access-Control-Allow-Origin is “*”"));
  run_cli (bad, &d);
  g_assert_cmpint (d.status, ==, 2);
  g_assert_nonnull (strstr (d.err, "The page origin “nowhere” is not an origin"));
  run_cli (lone, &e);
  g_assert_cmpint (e.status, ==, 2);
  g_assert_nonnull (strstr (e.err, "--with-credentials needs --origin"));
}

static void
test_poll_json (Fixture *fixture,
                gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "poll?hold=50");
  const char *args[] = { "poll", "--json", "--cycles", "2", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  g_assert_cmpuint (lines->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *cycle = line_at (lines, i);

      g_assert_cmpstr (json_object_get_string_member (cycle, "type"), ==, "cycle");
      g_assert_cmpint (json_object_get_int_member (cycle, "cycle"), ==, i + 1);
      g_assert_cmpint (json_object_get_int_member (cycle, "status"), ==, 200);
      g_assert_cmpfloat (json_object_get_double_member (cycle, "heldMs"), >=, 45);
      g_assert_true (json_object_get_null_member (cycle, "error"));
    }
}

/* Short polling of the lab's news: a request every 150 ms, the ETag sent back, so that an
 * answer after the first is 304, or 200 only with other news (the lab's news are 0.7 s apart
 * or more: in 300 ms at most one comes). */
static void
test_poll_interval (Fixture *fixture,
                    gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "news");
  const char *args[] = { "poll", "--json", "--cycles", "3", "--interval", "150", url, NULL };
  const char *negative[] = { "poll", "--interval", "-1", url, NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) bad = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  guint not_modified = 0;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpint (json_object_get_int_member (line_at (lines, 0), "status"), ==, 200);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *cycle = line_at (lines, i);
      gint64 status = json_object_get_int_member (cycle, "status");

      g_assert_cmpint (json_object_get_int_member (cycle, "intervalMs"), ==, 150);
      not_modified += status == 304;
      if (status == 304)
        g_assert_cmpint (json_object_get_int_member (cycle, "size"), ==, 0);
      else if (i > 0)
        g_assert_cmpstr (json_object_get_string_member (cycle, "text"), !=,
                         json_object_get_string_member (line_at (lines, 0), "text"));
    }
  g_assert_cmpuint (not_modified, >=, 1);
  g_assert_cmpfloat (json_object_get_double_member (line_at (lines, 2), "t_ms") -
                         json_object_get_double_member (line_at (lines, 1), "t_ms"),
                     >=, 140);
  run_cli (negative, &bad);
  g_assert_cmpint (bad.status, ==, 2);
}

static void
test_ws_json (Fixture *fixture,
              gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "ws");
  const char *args[] = { "ws", "--json", "--send", "one", "--send", "two", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  const char *expected[][2] = { { "open", NULL }, { "text", "sent" }, { "text", "sent" }, { "text", "received" }, { "text", "received" }, { "close", "sent" }, { "close", "received" } };

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *frame = line_at (lines, i);

      g_assert_cmpstr (json_object_get_string_member (frame, "type"), ==, expected[i][0]);
      if (expected[i][1] != NULL)
        g_assert_cmpstr (json_object_get_string_member (frame, "direction"), ==, expected[i][1]);
    }
  g_assert_cmpstr (json_object_get_string_member (line_at (lines, 4), "text"), ==, "two");
  g_assert_cmpint (json_object_get_int_member (line_at (lines, 6), "code"), ==, 1000);
}

/* --origin, --protocol and -i: the handshake a page's new WebSocket (url, "chat") sends from
 * another origin, refused by the server (not by CORS), with error then close 1006. */
static void
test_ws_origin_handshake (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "ws/checked");
  const char *args[] = { "ws", "--json", "-i", "--origin", "http://evil.example", "--protocol",
                         "chat", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  const char *handshake;
  JsonObject *close;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 1);
  lines = json_lines (run.out);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (line_at (lines, 0), "type"), ==, "handshake");
  handshake = json_object_get_string_member (line_at (lines, 0), "text");
  g_assert_nonnull (strstr (handshake, "\r\nOrigin: http://evil.example\r\n"));
  g_assert_nonnull (strstr (handshake, "\r\nSec-WebSocket-Protocol: chat\r\n"));
  g_assert_nonnull (strstr (handshake, "\r\nHTTP/1.1 403 Forbidden\r\n"));
  g_assert_cmpstr (json_object_get_string_member (line_at (lines, 1), "type"), ==, "error");
  close = line_at (lines, 2);
  g_assert_cmpstr (json_object_get_string_member (close, "type"), ==, "close");
  g_assert_cmpint (json_object_get_int_member (close, "code"), ==, 1006);
  g_assert_false (json_object_get_boolean_member (close, "wasClean"));
}

static void
test_fetch_chunks (Fixture *fixture,
                   gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "stream?lines=2&interval=20");
  const char *args[] = { "fetch", "--json", url, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  run_cli (args, &run);
  lines = json_lines (run.out);
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (json_object_get_string_member (line_at (lines, i), "type"), "chunk"))
      g_string_append (text, json_object_get_string_member (line_at (lines, i), "text"));
  g_assert_cmpstr (text->str, ==, "line 1\nline 2\n");
}

/* fetch --har saves a blocked cross-origin request; har lists it and sends it again from
 * the same page origin, which names the rule that blocked it. */
static void
test_har_list_and_send (Fixture *fixture,
                        gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "cors/api");
  g_autofree char *har = g_build_filename (g_get_user_cache_dir (), "blocked.har", NULL);
  const char *fetch[] = { "fetch", "--har", har, "--origin", "http://page.test", "-X", "PUT",
                          "-H", "X-Token: 1", url, NULL };
  const char *list[] = { "har", "--json", har, NULL };
  const char *send[] = { "har", "--json", "--send", "2", har, NULL };
  const char *missing[] = { "har", "--send", "3", har, NULL };
  g_auto (Run) fetched = { 0 };
  g_auto (Run) listed = { 0 };
  g_auto (Run) sent = { 0 };
  g_auto (Run) wrong = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) sent_lines = NULL;
  g_autoptr (GPtrArray) results = NULL;
  JsonObject *entry, *cors;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  run_cli (fetch, &fetched);
  g_assert_cmpint (fetched.status, ==, 1);
  run_cli (list, &listed);
  g_assert_cmpint (listed.status, ==, 0);
  lines = json_lines (listed.out);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (line_at (lines, 0), "method"), ==, "OPTIONS");
  entry = line_at (lines, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "method"), ==, "PUT");
  g_assert_cmpint (json_object_get_int_member (entry, "status"), ==, 0);
  g_assert_true (json_object_get_boolean_member (entry, "failed"));
  g_assert_cmpstr (json_object_get_string_member (entry, "origin"), ==, "http://page.test");
  run_cli (send, &sent);
  g_assert_cmpint (sent.status, ==, 1);
  g_assert_nonnull (strstr (sent.err, "page origin http://page.test"));
  sent_lines = json_lines (sent.out);
  results = result_lines (sent_lines);
  g_assert_cmpuint (results->len, ==, 1);
  cors = json_object_get_object_member (results->pdata[0], "cors");
  g_assert_cmpstr (json_object_get_string_member (cors, "outcome"), ==, "blocked");
  run_cli (missing, &wrong);
  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_nonnull (strstr (wrong.err, "No entry 3"));
}

static void
test_har_bad_file_says_where (Fixture *fixture,
                              gconstpointer data)
{
  g_autofree char *har = g_build_filename (g_get_user_cache_dir (), "bad.har", NULL);
  const char *list[] = { "har", har, NULL };
  g_auto (Run) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (har, "{\"log\": {\"entries\": [{\"request\": {}}]}}", -1, NULL));
  run_cli (list, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "$.log.entries[0].request.method: missing"));
  g_assert_cmpstr (run.out, ==, "");
}

/* A collection folder in the test's own data directory: @http as FILE.http, and an
 * http-client.env.json whose "dev" points at the lab. Returns the .http file's path. */
static char *
write_collection (Fixture *fixture,
                  const char *http)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "");
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "collection", NULL);
  g_autofree char *env = g_strdup_printf ("{ \"dev\": { \"host\": \"%s:%d\" },\n"
                                          "  \"prod\": { \"host\": \"nowhere.invalid\" } }\n",
                                          g_uri_get_host (uri), g_uri_get_port (uri));
  g_autofree char *env_path = g_build_filename (folder, "http-client.env.json", NULL);
  g_autofree char *secret_path = g_build_filename (folder, "http-client.private.env.json", NULL);
  char *path = g_build_filename (folder, "requests.http", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (env_path, env, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (secret_path, "{ \"dev\": { \"token\": \"t0k3n\" } }", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, http, -1, &error);
  g_assert_no_error (error);
  return path;
}

static const char collection[] =
    "# Two requests and a page's one.\n"
    "### plain\n"
    "GET http://{{host}}/example.txt\n"
    "\n"
    "###\n"
    "# @name echo\n"
    "POST http://{{host}}/echo\n"
    "Content-Type: text/plain\n"
    "X-Token: {{token}}\n"
    "\n"
    "hello {{token}}\n";

static GPtrArray *
lines_of_type (GPtrArray *lines,
               const char *type)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (json_object_get_string_member (line_at (lines, i), "type"), type))
      g_ptr_array_add (found, line_at (lines, i));
  return found;
}

static void
test_run_collection (Fixture *fixture,
                     gconstpointer data)
{
  g_autofree char *path = write_collection (fixture, collection);
  const char *args[] = { "run", "--env", "dev", "--json", path, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  g_autoptr (GPtrArray) results = NULL;
  JsonObject *echo;

  run_cli (args, &run);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  requests = lines_of_type (lines, "request");
  results = lines_of_type (lines, "result");
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (requests->pdata[0], "name"), ==, "plain");
  g_assert_cmpint (json_object_get_int_member (requests->pdata[0], "line"), ==, 3);
  echo = requests->pdata[1];
  g_assert_cmpstr (json_object_get_string_member (echo, "name"), ==, "echo");
  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, "POST");
  g_assert_false (g_str_has_suffix (json_object_get_string_member (echo, "url"), "{{host}}/echo"));
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpint (json_object_get_int_member (results->pdata[i], "status"), ==, 200);
  /* The body went out with the private file's value in it. */
  g_assert_nonnull (strstr (run.out, "hello t0k3n"));
}

static void
test_run_by_name_as_text (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *path = write_collection (fixture, collection);
  const char *args[] = { "run", "--env", "dev", "--name", "echo", path, NULL };
  g_auto (Run) run = { 0 };
  g_autofree char *heading = g_strdup_printf ("### echo (%s:7)\n", path);

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, heading));
  g_assert_nonnull (strstr (run.out, "\n200 OK · HTTP/1.1\n"));
  g_assert_null (strstr (run.out, "### plain"));
}

static void
test_run_unknown_variable_fails (Fixture *fixture,
                                 gconstpointer data)
{
  g_autofree char *path = write_collection (fixture, collection);
  const char *args[] = { "run", "--env", "prod", "--json", path, NULL };
  const char *no_env[] = { "run", "--json", path, NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) bare = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  g_autoptr (GPtrArray) results = NULL;
  JsonObject *echo;
  g_autofree char *expected = g_strdup_printf (
      "preflight-cli: %s:7: Unknown variable {{token}} in header “X-Token”, at character 1\n",
      path);

  /* prod has no token: that request is not sent; the other one still runs (and fails:
   * nowhere.invalid). */
  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, expected));
  lines = json_lines (run.out);
  requests = lines_of_type (lines, "request");
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_false (json_object_has_member (requests->pdata[0], "error"));
  echo = requests->pdata[1];
  g_assert_cmpstr (json_object_get_string_member (echo, "name"), ==, "echo");
  g_assert_cmpstr (json_object_get_string_member (echo, "error"), ==, "unknown-variable");
  results = lines_of_type (lines, "result");
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_null (strstr (run.out, "{{token}}\""));
  run_cli (no_env, &bare);
  g_assert_cmpint (bare.status, ==, 1);
  g_assert_nonnull (strstr (bare.err, "Unknown variable {{host}} in the URL, at character 8"));
}

static void
test_run_origin_is_cors (Fixture *fixture,
                         gconstpointer data)
{
  g_autofree char *path = write_collection (fixture,
                                            "# @origin http://page.test\n"
                                            "# @credentials include\n"
                                            "GET http://{{host}}/cors/api?allow-origin=*\n");
  const char *args[] = { "run", "--env", "dev", "--json", path, NULL };
  g_auto (Run) run = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) results = NULL;
  JsonObject *cors;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 1);
  lines = json_lines (run.out);
  results = lines_of_type (lines, "result");
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (results->pdata[0], "status"), ==, 0);
  cors = json_object_get_object_member (results->pdata[0], "cors");
  g_assert_cmpstr (json_object_get_string_member (cors, "outcome"), ==, "blocked");
}

static void
test_run_bad_files (Fixture *fixture,
                    gconstpointer data)
{
  g_autofree char *path = write_collection (fixture, "GET http://{{host}}/\nnot a header\n");
  const char *args[] = { "run", "--env", "dev", path, NULL };
  const char *bad_env[] = { "run", "--env", "staging", path, NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) env = { 0 };
  g_autofree char *expected = g_strdup_printf (
      "preflight-cli: %s: line 2, column 1: expected a header “Name: value” or a blank line\n",
      path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *same_path = NULL;

  g_file_get_contents (path, &before, NULL, NULL);
  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpstr (run.out, ==, "");
  /* Never rewritten because it was opened. */
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, before);
  same_path = write_collection (fixture, collection);
  run_cli (bad_env, &env);
  g_assert_cmpint (env.status, ==, 2);
  g_assert_nonnull (strstr (env.err, "No environment “staging” in http-client.env.json"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* --print-code prints and sends nothing: the URL needs no server. */
static void
test_fetch_print_code (void)
{
  const char *xhr_args[] = { "fetch", "--print-code", "xhr", "--origin", "http://page.test",
                             "-u", "al:pw", "--credentials", "include", "--timeout", "900",
                             "http://127.0.0.1:9/echo", NULL };
  const char *http_args[] = { "fetch", "--print-code", "http", "-H", "X-A: 1", "-d", "hi",
                              "http://127.0.0.1:9/echo", NULL };
  const char *bad_args[] = { "fetch", "--print-code", "curl", "http://127.0.0.1:9/", NULL };
  g_auto (Run) xhr = { 0 };
  g_auto (Run) http = { 0 };
  g_auto (Run) bad = { 0 };

  run_cli (xhr_args, &xhr);
  g_assert_cmpint (xhr.status, ==, 0);
  g_assert_nonnull (strstr (xhr.out, "xhr.open('GET', 'http://127.0.0.1:9/echo', true, 'al', "
                                     "'pw');\n"));
  g_assert_nonnull (strstr (xhr.out, "xhr.withCredentials = true;"));
  g_assert_nonnull (strstr (xhr.out, "xhr.timeout = 900;\n"));
  run_cli (http_args, &http);
  g_assert_cmpint (http.status, ==, 0);
  g_assert_cmpstr (http.out, ==, "POST http://127.0.0.1:9/echo\nX-A: 1\n\nhi\n");
  run_cli (bad_args, &bad);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "“curl”"));
}

/* TLS: a refused certificate as preflight-cli says it, and the ways on. */

static char *
tls_url (Fixture *fixture,
         PfLabTls kind)
{
  return g_strconcat (pf_lab_server_get_tls_url (fixture->lab, kind), "example.txt", NULL);
}

/* The fingerprint a refused run printed after --trust-certificate. */
static char *
printed_fingerprint (const char *out)
{
  const char *start = strstr (out, "--trust-certificate ");

  g_assert_nonnull (start);
  start += strlen ("--trust-certificate ");
  return g_strndup (start, strspn (start, "0123456789ABCDEF:"));
}

static void
test_tls_refused_text (Fixture *fixture,
                       gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_WRONG_HOST);
  const char *args[] = { "fetch", url, NULL };
  g_auto (Run) run = { 0 };
  g_autofree char *fingerprint = NULL;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 1);
  /* Every problem in words, the chain, and how to go on. */
  g_assert_nonnull (strstr (run.out, "Failed: The TLS certificate of 127.0.0.1:"));
  g_assert_nonnull (strstr (run.out, "It is for another host: it names wrong-host.example"));
  g_assert_nonnull (strstr (run.out, "unknown certificate authority"));
  g_assert_nonnull (strstr (run.out, "Certificate 1 of 2\n  Subject: "));
  g_assert_nonnull (strstr (run.out, "Certificate 2 of 2\n"));
  g_assert_nonnull (strstr (run.out, "  Names: wrong-host.example\n"));
  g_assert_nonnull (strstr (run.out, "  Valid: "));
  g_assert_nonnull (strstr (run.out, "--insecure (-k)"));
  fingerprint = printed_fingerprint (run.out);
  g_assert_cmpuint (strlen (fingerprint), ==, 95);
  g_assert_nonnull (strstr (run.out, fingerprint));
}

static void
test_tls_trust_certificate (Fixture *fixture,
                            gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_SELF_SIGNED);
  g_autofree char *other_url = tls_url (fixture, PF_LAB_TLS_EXPIRED);
  const char *refused_args[] = { "fetch", url, NULL };
  const char *other_args[] = { "fetch", other_url, NULL };
  g_auto (Run) refused = { 0 };
  g_auto (Run) other = { 0 };
  g_auto (Run) trusted = { 0 };
  g_auto (Run) wrong = { 0 };
  g_autofree char *fingerprint = NULL;
  g_autofree char *other_fingerprint = NULL;

  run_cli (refused_args, &refused);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.out, "It is self-signed"));
  fingerprint = printed_fingerprint (refused.out);
  {
    const char *args[] = { "fetch", "--trust-certificate", fingerprint, url, NULL };

    run_cli (args, &trusted);
  }
  g_assert_cmpint (trusted.status, ==, 0);
  /* The result line: status and version, then the connection. */
  g_assert_nonnull (strstr (trusted.out, "\n200 OK · HTTP/1.1\nTLS: TLS 1.3 · TLS_"));
  g_assert_nonnull (strstr (trusted.out, fingerprint));
  g_assert_nonnull (strstr (trusted.out, "trusted for this request by its fingerprint"));
  g_assert_nonnull (strstr (trusted.out, "Hello from the Preflight lab"));
  /* Another certificate's fingerprint trusts nothing here. */
  run_cli (other_args, &other);
  other_fingerprint = printed_fingerprint (other.out);
  {
    const char *args[] = { "fetch", "--trust-certificate", other_fingerprint, url, NULL };

    run_cli (args, &wrong);
  }
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_nonnull (strstr (wrong.out, "It is self-signed"));
}

static void
test_tls_insecure_json (Fixture *fixture,
                        gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_EXPIRED);
  const char *args[] = { "fetch", "-k", "--json", url, NULL };
  const char *refused_args[] = { "fetch", "--json", url, NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) refused = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) refused_lines = NULL;
  JsonObject *result, *tls, *leaf;
  JsonArray *problems;

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 0);
  lines = json_lines (run.out);
  result = line_at (lines, lines->len - 1);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 200);
  tls = json_object_get_object_member (result, "tls");
  g_assert_cmpstr (json_object_get_string_member (tls, "protocol"), ==, "TLS 1.3");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (tls, "cipherSuite"), "TLS_"));
  g_assert_cmpstr (json_object_get_string_member (tls, "trust"), ==, "insecure");
  problems = json_object_get_array_member (tls, "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (problems, 0), ==, "unknown-ca");
  g_assert_cmpstr (json_array_get_string_element (problems, 1), ==, "expired");
  leaf = json_array_get_object_element (json_object_get_array_member (tls, "certificates"), 0);
  g_assert_cmpuint (strlen (json_object_get_string_member (leaf, "sha256")), ==, 95);
  g_assert_nonnull (json_object_get_string_member (leaf, "notAfter"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (leaf, "altNames")), ==, 2);
  /* Without -k: the same certificate refused, with the same record. */
  run_cli (refused_args, &refused);
  g_assert_cmpint (refused.status, ==, 1);
  refused_lines = json_lines (refused.out);
  result = line_at (refused_lines, refused_lines->len - 1);
  g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, "network");
  tls = json_object_get_object_member (result, "tls");
  g_assert_cmpstr (json_object_get_string_member (tls, "trust"), ==, "refused");
  g_assert_true (json_object_get_null_member (tls, "protocol"));
}

static void
test_tls_bad_fingerprint (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_SELF_SIGNED);
  const char *args[] = { "fetch", "--trust-certificate", "12:34", url, NULL };
  g_auto (Run) run = { 0 };

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is not a SHA-256 certificate fingerprint"));
  g_assert_cmpstr (run.out, ==, "");
}

/* https:// to the plain port fails at once, saying why. */
static void
test_tls_to_plain_port (Fixture *fixture,
                        gconstpointer data)
{
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/example.txt",
                                          pf_lab_server_get_port (fixture->lab));
  const char *args[] = { "fetch", url, NULL };
  g_auto (Run) run = { 0 };
  gint64 start = g_get_monotonic_time ();

  run_cli (args, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "plain HTTP"));
  /* At once, not after libsoup's 60 s I/O timeout; under the sanitizers a TLS client takes
   * seconds to start (the system's CA list). */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <,
                   pf_test_under_sanitizer () ? 45000 : 5000);
}
/* XHR's open () refuses CONNECT, TRACE and TRACK, in any case: refused at once (CONNECT once
 * hung), nothing sent, the rule and Chromium's words on one line. */
static void
test_forbidden_methods (Fixture *fixture,
                        gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "echo");
  const char *methods[] = { "TRACE", "connect", "Track" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      const char *args[] = { "fetch", "-X", methods[i], url, NULL };
      g_autofree char *message = g_strdup_printf (
          "Method “%s” is forbidden: XMLHttpRequest’s open () throws a SecurityError for "
          "CONNECT, TRACE and TRACK, so nothing is sent (Chromium: “Failed to execute 'open' on "
          "'XMLHttpRequest': '%s' HTTP method is unsupported.”)",
          methods[i], methods[i]);

      check_bad_input (args, message);
    }
}

/* The JSON array of strings @array as one string, "a|b". */
static char *
joined (JsonArray *array)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", json_array_get_string_element (array, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every row of tests/data/evil.tsv, as preflight-cli fetch --json ends it: the exit status,
 * and the result's error, status, message and warnings. */
static void
test_evil (Fixture *fixture,
           gconstpointer data)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("evil.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *url = pf_test_lab_url (fixture->lab, row[0]);
      const char *args[] = { "fetch", "--json", "--timeout", row[1], "--abort-after", row[2], url,
                             NULL };
      gboolean failed = !g_str_equal (row[3], "none");
      g_auto (Run) run = { 0 };
      g_autoptr (GPtrArray) lines = NULL;
      g_autofree char *warnings = NULL;
      JsonObject *result;
      const char *message;

      g_test_message ("%s", row[0]);
      run_cli (args, &run);
      g_assert_cmpint (run.status, ==, failed ? 1 : 0);
      lines = json_lines (run.out);
      result = line_at (lines, lines->len - 1);
      g_assert_cmpstr (json_object_get_string_member (result, "type"), ==, "result");
      g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, failed ? row[3] : NULL);
      g_assert_cmpint (json_object_get_int_member (result, "status"), ==, atoi (row[4]));
      message = json_object_get_string_member (result, "errorMessage");
      if (g_str_has_suffix (row[5], "…"))
        {
          g_autofree char *prefix = g_strndup (row[5], strlen (row[5]) - strlen ("…"));

          g_assert_true (g_str_has_prefix (message, prefix));
        }
      else
        g_assert_cmpstr (message, ==, g_str_equal (row[5], "-") ? NULL : row[5]);
      warnings = joined (json_object_get_array_member (result, "warnings"));
      g_assert_cmpstr (warnings, ==, g_str_equal (row[6], "-") ? "" : row[6]);
    }
}

/* Text mode says it too: a failure on its "Failed:" line, a warning on its own. */
static void
test_evil_text (Fixture *fixture,
                gconstpointer data)
{
  g_autofree char *chunk = pf_test_lab_url (fixture->lab, "evil/bad-chunk");
  g_autofree char *longer = pf_test_lab_url (fixture->lab, "evil/long-body");
  const char *chunk_args[] = { "fetch", chunk, NULL };
  const char *longer_args[] = { "fetch", longer, NULL };
  g_auto (Run) failed = { 0 };
  g_auto (Run) warned = { 0 };

  run_cli (chunk_args, &failed);
  g_assert_cmpint (failed.status, ==, 1);
  g_assert_nonnull (strstr (failed.out, "\nFailed: The chunked encoding is invalid: a chunk size "
                                        "is not a hexadecimal number"));
  run_cli (longer_args, &warned);
  g_assert_cmpint (warned.status, ==, 0);
  g_assert_nonnull (strstr (warned.out, "\n200 OK · HTTP/1.1\nWarning: The server sent more "
                                        "than the 10 bytes its Content-Length announced"));
  g_assert_true (g_str_has_suffix (warned.out, "\n\n0123456789"));
}

/* An event stream that never breaks its line fails the connection at 16 MiB (exit 1); one that
 * is not UTF-8 says so once, before the message that holds the bytes. */
static void
test_events_evil (Fixture *fixture,
                  gconstpointer data)
{
  g_autofree char *endless = pf_test_lab_url (fixture->lab, "evil/endless-line");
  g_autofree char *latin = pf_test_lab_url (fixture->lab, "evil/bad-utf8-events");
  const char *endless_args[] = { "events", "--json", endless, NULL };
  const char *latin_args[] = { "events", "--json", "--max-events", "2", latin, NULL };
  g_auto (Run) run = { 0 };
  g_auto (Run) noted = { 0 };
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) noted_lines = NULL;
  JsonObject *error, *note;

  run_cli (endless_args, &run);
  g_assert_cmpint (run.status, ==, 1);
  lines = json_lines (run.out);
  g_assert_cmpuint (lines->len, ==, 2);
  error = line_at (lines, 1);
  g_assert_cmpstr (json_object_get_string_member (error, "type"), ==, "error");
  g_assert_cmpint (json_object_get_int_member (error, "readyState"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (error, "detail"), ==,
                   "The stream sent a line longer than 16 MiB without a line break: Preflight "
                   "closes the connection rather than hold the line in memory (a browser keeps "
                   "reading until memory runs out)");
  run_cli (latin_args, &noted);
  g_assert_cmpint (noted.status, ==, 0);
  noted_lines = json_lines (noted.out);
  g_assert_cmpuint (noted_lines->len, ==, 4);
  note = line_at (noted_lines, 1);
  g_assert_cmpstr (json_object_get_string_member (note, "type"), ==, "note");
  g_assert_cmpstr (json_object_get_string_member (note, "detail"), ==,
                   "The stream holds bytes that are not UTF-8: each invalid sequence became "
                   "U+FFFD (\xef\xbf\xbd), as a browser decodes it, and no event says so");
  g_assert_cmpstr (json_object_get_string_member (line_at (noted_lines, 2), "data"), ==,
                   "caf\xef\xbf\xbd au lait (Latin-1, not UTF-8)");
  g_assert_cmpstr (json_object_get_string_member (line_at (noted_lines, 3), "data"), ==,
                   "\xef\xbf\xbd\xef\xbf\xbd (never in UTF-8)");
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/cli/fetch/json-lines-success", test_json_success);
  ADD ("/cli/fetch/json-phases", test_json_phases);
  ADD ("/cli/fetch/json-upload-events", test_json_upload);
  ADD ("/cli/fetch/exit-1-on-timeout-abort-network", test_exit_1_on_timeout_abort_network);
  ADD ("/cli/fetch/exit-2-on-bad-input", test_exit_2_on_bad_input);
  ADD ("/cli/fetch/output-file", test_output_file);
  ADD ("/cli/fetch/output-refused-is-an-error", test_output_refused);
  ADD ("/cli/fetch/text-output", test_text_output);
  ADD ("/cli/fetch/forbidden-header-noted", test_forbidden_header_noted);
  ADD ("/cli/fetch/max-redirects", test_max_redirects);
  ADD ("/cli/fetch/override-mime-makes-xml", test_override_mime_makes_xml);
  ADD ("/cli/fetch/sync", test_sync);
  ADD ("/cli/fetch/sync-refusals", test_sync_refusals);
  ADD ("/cli/fetch/response-type", test_response_type);
  ADD ("/cli/fetch/xdr", test_xdr);
  ADD ("/cli/cors/repeat-shares-the-preflight-cache", test_cors_repeat);
  ADD ("/cli/cors/blocked-result", test_cors_blocked);
  ADD ("/cli/cors/bad-options", test_cors_bad_options);
  ADD ("/cli/cors/text", test_cors_text);
  ADD ("/cli/events/json-with-a-reconnect", test_events_json);
  ADD ("/cli/events/max-events-and-failure", test_events_stop_and_fail);
  ADD ("/cli/events/origin-and-cors-failure", test_events_cors);
  ADD ("/cli/fetch/browser-headers", test_browser_headers);
  ADD ("/cli/events/evil-line-and-bytes", test_events_evil);
  ADD ("/cli/fetch/forbidden-methods-refused", test_forbidden_methods);
  ADD ("/cli/fetch/evil-endpoints", test_evil);
  ADD ("/cli/fetch/evil-text", test_evil_text);
  ADD ("/cli/poll/json", test_poll_json);
  ADD ("/cli/poll/interval-and-etag", test_poll_interval);
  ADD ("/cli/ws/json", test_ws_json);
  ADD ("/cli/ws/origin-and-handshake", test_ws_origin_handshake);
  ADD ("/cli/fetch/streaming-chunks", test_fetch_chunks);
  ADD ("/cli/har/list-and-send-again", test_har_list_and_send);
  ADD ("/cli/har/bad-file-says-where", test_har_bad_file_says_where);
  ADD ("/cli/fetch/user-and-bearer", test_fetch_auth);
  ADD ("/cli/fetch/curl-command-and-options-on-top", test_fetch_curl);
  ADD ("/cli/fetch/curl-command-errors-exit-2", test_fetch_curl_errors);
  ADD ("/cli/fetch/print-curl", test_fetch_print_curl);
  ADD ("/cli/run/collection-with-environment", test_run_collection);
  ADD ("/cli/run/by-name-as-text", test_run_by_name_as_text);
  ADD ("/cli/run/unknown-variable-fails", test_run_unknown_variable_fails);
  ADD ("/cli/run/origin-is-cors", test_run_origin_is_cors);
  ADD ("/cli/run/bad-file-and-environment", test_run_bad_files);
  ADD ("/cli/tls/refused-says-why-and-how-to-go-on", test_tls_refused_text);
  ADD ("/cli/tls/trust-certificate", test_tls_trust_certificate);
  ADD ("/cli/tls/insecure-and-json", test_tls_insecure_json);
  ADD ("/cli/tls/bad-fingerprint-exit-2", test_tls_bad_fingerprint);
  ADD ("/cli/tls/https-to-plain-port-fails-at-once", test_tls_to_plain_port);
  g_test_add_func ("/cli/lab/prints-url-and-serves-until-terminated", test_lab_command);
  g_test_add_func ("/cli/fetch/print-code-sends-nothing", test_fetch_print_code);

  return g_test_run ();
}
