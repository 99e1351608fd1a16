/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-curl-command.h"
#include "pf-shell-words.h"
#include "pf-test-lab.h"
#include "pf-test-tsv.h"

/* curl commands in and out: the shell words, the request each command becomes and its notes,
 * the errors with their places, the round trip, and the real curl against the lab's /echo
 * sending what Preflight sends for the same command. */

#define CURL_PATH "/usr/bin/curl"

static char *work_dir;

/* The tables write a newline as "⏎". */
static char *
command_from_table (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, "⏎", -1);

  return g_strjoinv ("\n", parts);
}

/* Control bytes and bytes that are not UTF-8 as \xHH, a backslash as \\. */
static char *
render_bytes (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *end = text + strlen (text);

  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2 || c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02X", (guchar) *p++);
      else if (c == '\\')
        {
          g_string_append (out, "\\\\");
          p++;
        }
      else
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          p = g_utf8_next_char (p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
describe_fields (GString *out,
                 PfRequest *request)
{
  GListModel *fields = pf_request_get_fields (request);

  g_string_append (out, " (");
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (fields, i);
      g_autofree char *value = render_bytes (pf_key_value_get_value (row));

      g_string_append_printf (out, "%s%s=%s%s", i ? ", " : "", pf_key_value_get_name (row),
                              pf_key_value_get_is_file (row) ? "@" : "", value);
      if (*pf_key_value_get_content_type (row) != '\0')
        g_string_append_printf (out, ";type=%s", pf_key_value_get_content_type (row));
      if (*pf_key_value_get_file_name (row) != '\0')
        g_string_append_printf (out, ";filename=%s", pf_key_value_get_file_name (row));
    }
  g_string_append (out, ")");
}

static void
describe_body (GString *out,
               PfRequest *request)
{
  const char *type = pf_request_get_body_content_type (request);
  g_autofree char *text = render_bytes (pf_request_get_body_text (request));
  g_autofree char *encoded = pf_request_encode_fields (request);

  switch (pf_request_get_body_kind (request))
    {
    case PF_BODY_RAW:
      g_string_append_printf (out, " | raw(%s) %s", *type ? type : "-", text);
      break;
    case PF_BODY_URLENCODED:
      g_string_append_printf (out, " | urlencoded %s", encoded);
      describe_fields (out, request);
      break;
    case PF_BODY_MULTIPART:
      g_string_append (out, " | multipart");
      describe_fields (out, request);
      break;
    case PF_BODY_FILE:
      g_string_append_printf (out, " | file(%s) %s", *type ? type : "-",
                              pf_request_get_body_file (request));
      break;
    case PF_BODY_NONE:
    default:
      break;
    }
}

static void
describe_auth (GString *out,
               PfRequest *request)
{
  if (pf_request_get_auth_kind (request) == PF_AUTH_BASIC)
    g_string_append_printf (out, " | basic %s:%s", pf_request_get_auth_username (request),
                            pf_request_get_auth_password (request));
  if (pf_request_get_auth_kind (request) == PF_AUTH_BEARER)
    g_string_append_printf (out, " | bearer %s", pf_request_get_auth_token (request));
  if (*pf_request_get_open_username (request) != '\0')
    g_string_append_printf (out, " | open %s:%s", pf_request_get_open_username (request),
                            pf_request_get_open_password (request));
}

/* The request in one line, as the tables write it. */
static char *
describe_request (PfRequest *request)
{
  GString *out = g_string_new (NULL);
  g_autofree char *method = pf_request_dup_effective_method (request);
  GListModel *headers = pf_request_get_headers (request);

  g_string_append_printf (out, "%s %s", method, pf_request_get_url (request));
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      g_string_append_printf (out, " | %s: %s", pf_key_value_get_name (row),
                              pf_key_value_get_value (row));
    }
  describe_body (out, request);
  describe_auth (out, request);
  if (*pf_request_get_origin (request) != '\0')
    g_string_append_printf (out, " | origin=%s", pf_request_get_origin (request));
  if (pf_request_get_credentials (request) == PF_CREDENTIALS_INCLUDE)
    g_string_append (out, " | credentials=include");
  if (pf_request_get_timeout_ms (request) > 0)
    g_string_append_printf (out, " | timeout=%u", pf_request_get_timeout_ms (request));
  g_string_append_printf (out, " | redirects=%u", pf_request_get_max_redirects (request));
  return g_string_free (out, FALSE);
}

static char *
join_notes (PfCurlCommand *command)
{
  const char *const *notes = pf_curl_command_get_notes (command);

  return notes[0] ? g_strjoinv (" / ", (char **) notes) : g_strdup ("-");
}

static PfCurlCommand *
parse_ok (const char *command)
{
  g_autoptr (GError) error = NULL;
  PfCurlCommand *parsed = pf_curl_command_parse (command, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  return parsed;
}

static void
test_shell_words (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("curl-shell-words.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *command = command_from_table (row[0]);
      g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) words = pf_shell_split (command, notes, &error);

      g_test_message ("command “%s”", row[0]);
      g_assert_no_error (error);
      g_assert_cmpuint (words->len, ==, g_strv_length (row) - 1);
      for (guint j = 0; j < words->len; j++)
        {
          g_autofree char *shown = render_bytes (((PfShellWord *) words->pdata[j])->text);

          g_assert_cmpstr (shown, ==, row[j + 1]);
        }
    }
}

static void
test_shell_word_offsets (void)
{
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) words = pf_shell_split ("curl \\\n  'é' x", notes, NULL);

  g_assert_cmpuint (words->len, ==, 3);
  g_assert_cmpuint (((PfShellWord *) words->pdata[0])->offset, ==, 1);
  g_assert_cmpuint (((PfShellWord *) words->pdata[1])->offset, ==, 10);
  g_assert_cmpuint (((PfShellWord *) words->pdata[2])->offset, ==, 14);
}

static void
test_shell_errors (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("curl-shell-errors.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *command = command_from_table (row[0]);
      g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) words = pf_shell_split (command, notes, &error);

      g_test_message ("command “%s”", row[0]);
      g_assert_null (words);
      g_assert_true (error->domain == PF_SHELL_ERROR);
      g_assert_cmpstr (error->message, ==, row[1]);
    }
}

/* Any bytes but NUL come back as they went, however they had to be quoted. */
static void
test_shell_quote_any_bytes (void)
{
  const char *texts[] = { "plain", "", "it's", "a b", "\"q\" $x `y` \\z", "-H", "é ü 東京",
                          "\x01\x7f\xff\xfe", "a\nb\tc\r", "\xc2\x85 C1", "!#&;|<>(){}*?~" };
  char all[256];

  for (guint i = 0; i < 255; i++)
    all[i] = (char) (i + 1);
  all[255] = '\0';
  for (guint i = 0; i <= G_N_ELEMENTS (texts); i++)
    {
      const char *text = i < G_N_ELEMENTS (texts) ? texts[i] : all;
      g_autofree char *quoted = pf_shell_quote (text);
      g_autofree char *command = g_strconcat ("curl ", quoted, NULL);
      g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) words = pf_shell_split (command, notes, NULL);

      g_test_message ("quoted “%s”", quoted);
      g_assert_cmpuint (words->len, ==, 2);
      g_assert_cmpstr (((PfShellWord *) words->pdata[1])->text, ==, text);
      g_assert_cmpuint (notes->len, ==, 0);
    }
}

static void
test_import (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("curl-import.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *command = command_from_table (row[0]);
      g_autoptr (PfCurlCommand) parsed = NULL;
      g_autofree char *described = NULL;
      g_autofree char *notes = NULL;

      g_test_message ("command “%s”", row[0]);
      parsed = parse_ok (command);
      described = describe_request (pf_curl_command_get_request (parsed));
      notes = join_notes (parsed);
      g_assert_cmpstr (described, ==, row[1]);
      g_assert_cmpstr (notes, ==, row[2]);
    }
}

static void
test_import_errors (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("curl-import-errors.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *command = command_from_table (row[0]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PfCurlCommand) parsed = pf_curl_command_parse (command, &error);

      g_test_message ("command “%s”", row[0]);
      g_assert_null (parsed);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, row[1]);
    }
}

/* parse (export (r)) is r, on one line and on several; the export adds nothing to note (a
 * header a page cannot set is noted again, as it was). */
static void
test_round_trip (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("curl-import.tsv");

  for (guint i = 0; i < rows->len * 2; i++)
    {
      char **row = g_ptr_array_index (rows, i / 2);
      g_autofree char *command = command_from_table (row[0]);
      g_autoptr (PfCurlCommand) first = parse_ok (command);
      g_autofree char *exported =
          pf_curl_command_from_request (pf_curl_command_get_request (first), i % 2);
      g_autoptr (PfCurlCommand) again = NULL;
      g_autofree char *before = describe_request (pf_curl_command_get_request (first));
      g_autofree char *after = NULL;

      g_test_message ("exported “%s”", exported);
      again = parse_ok (exported);
      after = describe_request (pf_curl_command_get_request (again));
      /* A string part is exported as it is sent, its line breaks CRLF: the same bytes. */
      if (strstr (before, "multipart (") != NULL)
        {
          g_autoptr (GString) a = g_string_new (after);

          g_string_replace (a, "\\x0D\\x0A", "\\x0A", 0);
          g_free (after);
          after = g_string_free (g_steal_pointer (&a), FALSE);
        }
      g_assert_cmpstr (after, ==, before);
      for (const char *const *note = pf_curl_command_get_notes (again); *note; note++)
        g_assert_true (g_strv_contains (pf_curl_command_get_notes (first), *note));
    }
}

static void
test_export_text (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autofree char *one_line = NULL;
  g_autofree char *lines = NULL;

  pf_request_set_method (request, "PUT");
  pf_request_set_url (request, "http://h/a?x=1");
  pf_request_add_header (request, "X-Q", "it's");
  pf_key_value_set_enabled (pf_request_add_header (request, "X-Off", "1"), FALSE);
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "a\nb\xff");
  pf_request_set_timeout_ms (request, 2500);
  one_line = pf_curl_command_from_request (request, FALSE);
  lines = pf_curl_command_from_request (request, TRUE);
  g_assert_cmpstr (one_line, ==,
                   "curl 'http://h/a?x=1' -X PUT -H 'X-Q: it'\\''s' "
                   "-H 'Content-Type: text/plain;charset=UTF-8' --data-raw $'a\\nb\\xFF' -m 2.5 "
                   "-L --max-redirs 20");
  g_assert_cmpstr (lines, ==,
                   "curl 'http://h/a?x=1' \\\n  -X PUT \\\n  -H 'X-Q: it'\\''s' \\\n"
                   "  -H 'Content-Type: text/plain;charset=UTF-8' \\\n"
                   "  --data-raw $'a\\nb\\xFF' \\\n  -m 2.5 \\\n  -L \\\n  --max-redirs 20");
  /* A GET sends no body, so neither does its command. */
  pf_request_set_method (request, "GET");
  g_clear_pointer (&one_line, g_free);
  one_line = pf_curl_command_from_request (request, FALSE);
  g_assert_cmpstr (one_line, ==,
                   "curl 'http://h/a?x=1' -H 'X-Q: it'\\''s' -m 2.5 -L --max-redirs 20");
}

static void
parsed_cb (GObject *object,
           GAsyncResult *result,
           gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_parse_async (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) failed = NULL;
  g_autoptr (PfCurlCommand) parsed = NULL;
  g_autoptr (GError) error = NULL;

  pf_curl_command_parse_async ("curl http://h/ -d @body.txt", NULL, parsed_cb, &result);
  pf_curl_command_parse_async ("curl -d @missing.txt http://h/", NULL, parsed_cb, &failed);
  PF_TEST_WAIT_UNTIL (result != NULL && failed != NULL, 5000);
  parsed = pf_curl_command_parse_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pf_request_get_body_text (pf_curl_command_get_request (parsed)), ==, "l1l2");
  g_assert_null (pf_curl_command_parse_finish (failed, &error));
  g_assert_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_FILE);
}

/* The real curl against /echo */

typedef struct
{
  PfLabServer *lab;
  PfProfile *profile;
  char *echo;
} LabFixture;

static void
lab_set_up (LabFixture *fixture,
            gconstpointer data)
{
  fixture->lab = pf_test_lab_server_start_in_thread ();
  fixture->profile = pf_profile_new ();
  fixture->echo = pf_test_lab_url (fixture->lab, "echo");
}

static void
lab_tear_down (LabFixture *fixture,
               gconstpointer data)
{
  GObject *profile = G_OBJECT (fixture->profile);

  PF_TEST_WAIT_UNTIL (profile->ref_count == 1, 5000);
  g_assert_finalize_object (g_steal_pointer (&fixture->profile));
  pf_test_lab_server_finalize (g_steal_pointer (&fixture->lab));
  g_free (fixture->echo);
}

/* Headers that differ by design: Host (the same value, another place), User-Agent (curl
 * names itself; Preflight sends none), Accept-Encoding (libsoup always asks for gzip and
 * deflate, curl only with --compressed), Connection (libsoup's Keep-Alive), and curl's
 * default Accept of any type (XHR adds no Accept). A multipart body's length and boundary differ
 * too: its parts are compared instead. */
static gboolean
is_compared_header (const char *name,
                    const char *value,
                    gboolean multipart)
{
  static const char *const skipped[] = { "host", "user-agent", "accept-encoding", "connection" };

  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    if (g_ascii_strcasecmp (name, skipped[i]) == 0)
      return FALSE;
  if (g_ascii_strcasecmp (name, "accept") == 0 && g_str_equal (value, "*/*"))
    return FALSE;
  return !(multipart && (g_ascii_strcasecmp (name, "content-length") == 0 ||
                         g_ascii_strcasecmp (name, "content-type") == 0));
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
append_echo_headers (GString *out,
                     JsonObject *echo,
                     gboolean multipart)
{
  JsonArray *headers = json_object_get_array_member (echo, "headers");
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);
      const char *name = json_array_get_string_element (pair, 0);
      const char *value = json_array_get_string_element (pair, 1);
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (is_compared_header (name, value, multipart))
        g_ptr_array_add (lines, g_strdup_printf ("%s: %s\n", lower, value));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, lines->pdata[i]);
}

/* What /echo saw that matters: method, URL, headers (sorted: the orders differ by design),
 * the body bytes, or for multipart the parts. */
static char *
echo_summary (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GString *out = g_string_new (NULL);
  JsonObject *echo;
  JsonNode *form;
  gboolean multipart;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  echo = json_node_get_object (json_parser_get_root (parser));
  form = json_object_get_member (echo, "form");
  multipart = strstr (json, "multipart/form-data") != NULL;
  g_string_append_printf (out, "%s %s\n", json_object_get_string_member (echo, "method"),
                          json_object_get_string_member (echo, "url"));
  append_echo_headers (out, echo, multipart);
  if (multipart)
    {
      g_autofree char *parts = json_to_string (form, FALSE);
      g_string_append_printf (out, "parts %s\n", parts);
    }
  else if (json_object_has_member (echo, "bodyBase64"))
    g_string_append_printf (out, "base64 %s\n",
                            json_object_get_string_member (echo, "bodyBase64"));
  else
    g_string_append_printf (out, "body %s\n", json_object_get_string_member (echo, "body"));
  return g_string_free (out, FALSE);
}

/* Runs the real curl with @words (from the shell split) and returns what /echo answered. */
static char *
run_curl (GPtrArray *words)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) CURL_PATH);
  for (guint i = 1; i < words->len; i++)
    g_ptr_array_add (argv, ((PfShellWord *) words->pdata[i])->text);
  g_ptr_array_add (argv, (gpointer) "-sS");
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (work_dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return echo_summary (out);
}

static char *
run_curl_command (const char *command)
{
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) words = pf_shell_split (command, notes, &error);

  g_assert_no_error (error);
  return run_curl (words);
}

/* What /echo answered Preflight for @request, sent as the exchange sends it. */
static char *
run_preflight (LabFixture *fixture,
               PfRequest *request)
{
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *text = NULL;

  g_assert_true (pf_test_lab_run_exchange (exchange, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  body = pf_exchange_dup_body_bytes (exchange);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return echo_summary (text);
}

static char *
lab_command (LabFixture *fixture,
             const char *row)
{
  g_autofree char *command = command_from_table (row);
  g_auto (GStrv) parts = g_strsplit (command, "ECHO", -1);

  return g_strjoinv (fixture->echo, parts);
}

static void
test_real_curl (LabFixture *fixture,
                gconstpointer data)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("curl-lab.tsv");

  if (!g_file_test (CURL_PATH, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no " CURL_PATH);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *command = lab_command (fixture, ((char **) rows->pdata[i])[0]);
      g_autoptr (PfCurlCommand) parsed = parse_ok (command);
      PfRequest *request = pf_curl_command_get_request (parsed);
      g_autofree char *exported = pf_curl_command_from_request (request, FALSE);
      g_autofree char *by_curl = run_curl_command (command);
      g_autofree char *by_preflight = run_preflight (fixture, request);
      g_autofree char *by_export = run_curl_command (exported);

      g_test_message ("command “%s”, exported “%s”", command, exported);
      /* A string part's line breaks go as CRLF, as a browser's FormData sends them; curl sends
       * them as they are: the same otherwise. */
      if (strstr (by_curl, "parts {") != NULL)
        {
          g_autoptr (GString) curl_lf = g_string_new (by_curl);
          g_autoptr (GString) preflight_lf = g_string_new (by_preflight);

          g_string_replace (curl_lf, "\\r\\n", "\\n", 0);
          g_string_replace (preflight_lf, "\\r\\n", "\\n", 0);
          g_assert_cmpstr (preflight_lf->str, ==, curl_lf->str);
        }
      else
        g_assert_cmpstr (by_preflight, ==, by_curl);
      g_assert_cmpstr (by_export, ==, by_preflight);
    }
}

/* The exported quoting is right for a real shell: dash (POSIX sh) for single quotes, bash
 * for $'…'. */
static void
test_exported_through_shell (LabFixture *fixture,
                             gconstpointer data)
{
  const char *shells[] = { "/bin/sh", "/bin/bash" };
  const char *rows[] = { "curl 'ECHO?q=1' -H 'X-Quote: it'\\''s \"fine\" $HOME `x`' "
                         "-H 'X-Name: Zoë' "
                         "--data-raw 'a=\\n&b=%20'",
                         "curl ECHO -X PUT --data-raw $'bin\\x01\\xff\\'\\\\ end\\n'" };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *command = lab_command (fixture, rows[i]);
      g_autoptr (PfCurlCommand) parsed = parse_ok (command);
      g_autofree char *exported =
          pf_curl_command_from_request (pf_curl_command_get_request (parsed), i == 1);
      g_autofree char *line = g_strconcat (exported, " -sS", NULL);
      const char *argv[] = { shells[i], "-c", line, NULL };
      g_autofree char *out = NULL;
      g_autofree char *by_shell = NULL;
      g_autofree char *by_preflight = NULL;
      g_autoptr (GError) error = NULL;
      int status = 0;

      g_test_message ("%s -c “%s”", shells[i], line);
      g_spawn_sync (work_dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      by_shell = echo_summary (out);
      by_preflight = run_preflight (fixture, pf_curl_command_get_request (parsed));
      g_assert_cmpstr (by_shell, ==, by_preflight);
    }
}

static void
write_file (const char *name,
            const char *contents,
            gssize len)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (name, contents, len, &error);
  g_assert_no_error (error);
}

/* The files the tables name, in a directory of the test's own that is the current one. */
static void
make_work_dir (void)
{
  char bytes[256];

  work_dir = g_dir_make_tmp ("pf-curl-XXXXXX", NULL);
  g_assert_nonnull (work_dir);
  g_assert_cmpint (g_chdir (work_dir), ==, 0);
  for (guint i = 0; i < 256; i++)
    bytes[i] = (char) i;
  write_file ("body.txt", "l1\r\nl2\n", -1);
  write_file ("part.txt", "part text\n", -1);
  write_file ("nul.bin", "a\0b", 3);
  write_file ("data.bin", bytes, sizeof bytes);
}

#define ADD_LAB(path, func) \
  g_test_add (path, LabFixture, NULL, lab_set_up, func, lab_tear_down)

int
main (int argc,
      char *argv[])
{
  const char *files[] = { "body.txt", "part.txt", "nul.bin", "data.bin" };
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_work_dir ();

  g_test_add_func ("/curl-command/shell/words-as-bash-splits-them", test_shell_words);
  g_test_add_func ("/curl-command/shell/word-offsets-count-characters", test_shell_word_offsets);
  g_test_add_func ("/curl-command/shell/errors-say-where", test_shell_errors);
  g_test_add_func ("/curl-command/shell/quote-keeps-any-bytes", test_shell_quote_any_bytes);
  g_test_add_func ("/curl-command/import/requests-and-notes", test_import);
  g_test_add_func ("/curl-command/import/errors-say-where", test_import_errors);
  g_test_add_func ("/curl-command/import/in-a-thread", test_parse_async);
  g_test_add_func ("/curl-command/export/text", test_export_text);
  g_test_add_func ("/curl-command/export/round-trip", test_round_trip);
  ADD_LAB ("/curl-command/lab/real-curl-sends-what-preflight-sends", test_real_curl);
  ADD_LAB ("/curl-command/lab/exported-through-a-shell", test_exported_through_shell);

  status = g_test_run ();
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_remove (files[i]);
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
