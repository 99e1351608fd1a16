/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-http-file.h"
#include "pf-test-tsv.h"

/* .http files written by hand in the JetBrains format: read, saved back byte for byte, one
 * request replaced with only its lines changed, and bad files refused with the line. */

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "http", name, NULL);

  return g_file_new_for_path (path);
}

static PfHttpFile *
load_fixture (const char *name)
{
  g_autoptr (GFile) file = fixture_file (name);
  g_autoptr (GError) error = NULL;
  PfHttpFile *http = pf_http_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return http;
}

static PfRequest *
entry_request (PfHttpFile *http,
               const char *name)
{
  PfHttpFileEntry *entry = pf_http_file_find_entry (http, name);

  g_assert_nonnull (entry);
  return pf_http_file_entry_dup_request (entry);
}

static const char *
header_value (PfRequest *request,
              const char *name)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      if (g_str_equal (pf_key_value_get_name (row), name))
        return pf_key_value_get_value (row);
    }
  return NULL;
}

static void
test_parse_names_and_lines (void)
{
  g_autoptr (PfHttpFile) http = load_fixture ("requests.http");
  const char *names[] = { "Plain GET", "Method left out: GET", "create-item",
                          "The URL over several lines", "cors-put", "A body from a file",
                          "Multipart, a field and a file", "last" };
  const guint lines[] = { 7, 11, 18, 30, 41, 46, 52, 69 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (http)), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      PfHttpFileEntry *entry = pf_http_file_get_entry (http, i);

      g_assert_cmpstr (pf_http_file_entry_get_name (entry), ==, names[i]);
      g_assert_cmpuint (pf_http_file_entry_get_line (entry), ==, lines[i]);
    }
  g_assert_cmpstr (g_hash_table_lookup (pf_http_file_get_variables (http), "host"), ==,
                   "127.0.0.1");
  g_assert_cmpstr (pf_http_file_get_newline (http), ==, "\n");
}

static void
test_parse_request_line_and_headers (void)
{
  g_autoptr (PfHttpFile) http = load_fixture ("requests.http");
  g_autoptr (PfRequest) plain = entry_request (http, "Plain GET");
  g_autoptr (PfRequest) bare = entry_request (http, "Method left out: GET");
  g_autoptr (PfRequest) long_url = entry_request (http, "The URL over several lines");
  g_autoptr (PfRequest) create = entry_request (http, "create-item");

  g_assert_cmpstr (pf_request_get_method (plain), ==, "GET");
  g_assert_cmpstr (pf_request_get_url (plain), ==, "http://{{host}}/example.txt");
  g_assert_cmpstr (header_value (plain, "Accept"), ==, "text/plain");
  g_assert_cmpint (pf_request_get_body_kind (plain), ==, PF_BODY_NONE);
  g_assert_cmpstr (pf_request_get_method (bare), ==, "GET");
  g_assert_cmpstr (pf_request_get_url (bare), ==, "http://{{host}}/json");
  g_assert_cmpstr (pf_request_get_url (long_url), ==,
                   "http://{{host}}/search?q=preflight&page=2");
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_params (long_url)), ==, 2);
  g_assert_cmpstr (pf_request_get_method (create), ==, "POST");
  g_assert_cmpstr (header_value (create, "X-Trace"), ==, "spaced-as-typed");
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_headers (create)), ==, 2);
  g_assert_cmpint (pf_request_get_body_kind (create), ==, PF_BODY_RAW);
  g_assert_cmpstr (pf_request_get_body_text (create), ==,
                   "{\n  \"name\": \"{{name}}\",\n  \"count\": 2\n}");
}

static void
test_parse_directives (void)
{
  g_autoptr (PfHttpFile) http = load_fixture ("requests.http");
  g_autoptr (PfRequest) create = entry_request (http, "create-item");
  g_autoptr (PfRequest) cors = entry_request (http, "cors-put");
  g_autoptr (PfRequest) from_file = entry_request (http, "A body from a file");
  g_autoptr (PfRequest) plain = entry_request (http, "Plain GET");

  g_assert_cmpuint (pf_request_get_timeout_ms (create), ==, 5000);
  g_assert_cmpuint (pf_request_get_timeout_ms (from_file), ==, 1500);
  g_assert_cmpstr (pf_request_get_origin (cors), ==, "http://app.example");
  g_assert_cmpint (pf_request_get_credentials (cors), ==, PF_CREDENTIALS_INCLUDE);
  g_assert_cmpstr (pf_request_get_override_mime_type (cors), ==, "text/plain; charset=latin1");
  g_assert_cmpuint (pf_request_get_max_redirects (cors), ==, 0);
  g_assert_cmpstr (header_value (cors, "Authorization"), ==, "Bearer {{token}}");
  /* Nothing carries over from one request to the next. */
  g_assert_cmpuint (pf_request_get_timeout_ms (plain), ==, 0);
  g_assert_cmpuint (pf_request_get_max_redirects (plain), ==, PF_REQUEST_DEFAULT_MAX_REDIRECTS);
  g_assert_cmpstr (pf_request_get_origin (plain), ==, "");
}

static void
test_parse_file_bodies (void)
{
  g_autoptr (PfHttpFile) http = load_fixture ("requests.http");
  g_autoptr (PfRequest) from_file = entry_request (http, "A body from a file");
  g_autoptr (PfRequest) multipart = entry_request (http, "Multipart, a field and a file");
  g_autoptr (GFile) body = fixture_file ("body.json");
  GListModel *fields = pf_request_get_fields (multipart);
  g_autoptr (PfKeyValue) title = NULL;
  g_autoptr (PfKeyValue) attachment = NULL;

  g_assert_cmpint (pf_request_get_body_kind (from_file), ==, PF_BODY_FILE);
  g_assert_cmpstr (pf_request_get_body_file (from_file), ==, g_file_peek_path (body));
  g_assert_cmpint (pf_request_get_body_kind (multipart), ==, PF_BODY_MULTIPART);
  /* FormData makes its own Content-Type and boundary. */
  g_assert_null (header_value (multipart, "Content-Type"));
  g_assert_cmpuint (g_list_model_get_n_items (fields), ==, 2);
  title = g_list_model_get_item (fields, 0);
  attachment = g_list_model_get_item (fields, 1);
  g_assert_cmpstr (pf_key_value_get_name (title), ==, "title");
  g_assert_cmpstr (pf_key_value_get_value (title), ==, "Notes from the field");
  g_assert_false (pf_key_value_get_is_file (title));
  g_assert_cmpstr (pf_key_value_get_name (attachment), ==, "attachment");
  g_assert_true (pf_key_value_get_is_file (attachment));
  g_assert_cmpstr (pf_key_value_get_value (attachment), ==, g_file_peek_path (body));
  /* A file part goes with the Content-Type its lines give; its filename is the file's own. */
  g_assert_cmpstr (pf_key_value_get_content_type (attachment), ==, "application/json");
  g_assert_cmpstr (pf_key_value_get_file_name (attachment), ==, "");
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  gsize a_len = 0, b_len = 0;
  const char *a_data = g_bytes_get_data (a, &a_len);
  const char *b_data = g_bytes_get_data (b, &b_len);
  g_autofree char *a_text = g_strndup (a_data, a_len);
  g_autofree char *b_text = g_strndup (b_data, b_len);

  g_assert_cmpstr (a_text, ==, b_text);
  g_assert_cmpmem (a_data, a_len, b_data, b_len);
}

/* Every request saved as it was read: the file does not change by a byte. */
static void
test_save_unchanged (gconstpointer data)
{
  g_autoptr (PfHttpFile) http = load_fixture (data);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (http)); i++)
    {
      PfHttpFileEntry *entry = pf_http_file_get_entry (http, i);
      g_autoptr (PfRequest) request = pf_http_file_entry_dup_request (entry);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) saved = pf_http_file_replace_entry (
          http, i, request, pf_http_file_entry_get_name (entry), &error);

      g_test_message ("%s, entry %u", (const char *) data, i);
      g_assert_no_error (error);
      assert_same_bytes (saved, pf_http_file_get_contents (http));
    }
}

static char **
split_bytes (GBytes *bytes)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *text = g_strndup (data, len);

  return g_strsplit (text, "\n", -1);
}

/* The lines that differ between @before and @after, as “-old” and “+new” after the common
 * first and last lines are taken off. */
static char *
changed_lines (GBytes *before,
               GBytes *after)
{
  g_auto (GStrv) a = split_bytes (before);
  g_auto (GStrv) b = split_bytes (after);
  guint na = g_strv_length (a), nb = g_strv_length (b), head = 0, tail = 0;
  g_autoptr (GString) out = g_string_new (NULL);

  while (head < na && head < nb && g_str_equal (a[head], b[head]))
    head++;
  while (tail < na - head && tail < nb - head && g_str_equal (a[na - 1 - tail], b[nb - 1 - tail]))
    tail++;
  for (guint i = head; i < na - tail; i++)
    g_string_append_printf (out, "-%s\n", a[i]);
  for (guint i = head; i < nb - tail; i++)
    g_string_append_printf (out, "+%s\n", b[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GBytes *
replace_named (PfHttpFile *http,
               const char *name,
               PfRequest *request,
               const char *new_name)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (http)); i++)
    if (g_str_equal (pf_http_file_entry_get_name (pf_http_file_get_entry (http, i)), name))
      bytes = pf_http_file_replace_entry (http, i, request, new_name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static PfKeyValue *
header_row (PfRequest *request,
            const char *name)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      if (g_str_equal (pf_key_value_get_name (row), name))
        return row;
    }
  g_assert_not_reached ();
}

static void
test_replace_changes_only_its_lines (void)
{
  g_autoptr (PfHttpFile) http = load_fixture ("requests.http");
  g_autoptr (PfRequest) create = entry_request (http, "create-item");
  g_autoptr (PfRequest) cors = entry_request (http, "cors-put");
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GBytes) timeout = NULL;
  g_autoptr (GBytes) added = NULL;
  g_autoptr (GBytes) renamed = NULL;
  g_autofree char *diff = NULL;

  pf_key_value_set_value (header_row (create, "X-Trace"), "changed");
  header = replace_named (http, "create-item", create, "create-item");
  diff = changed_lines (pf_http_file_get_contents (http), header);
  g_assert_cmpstr (diff, ==, "-X-Trace:   spaced-as-typed\n+X-Trace: changed\n");
  g_clear_pointer (&diff, g_free);

  pf_request_set_timeout_ms (create, 30000);
  pf_key_value_set_value (header_row (create, "X-Trace"), "spaced-as-typed");
  timeout = replace_named (http, "create-item", create, "create-item");
  diff = changed_lines (pf_http_file_get_contents (http), timeout);
  g_assert_cmpstr (diff, ==, "-# @timeout 5\n+# @timeout 30\n");
  g_clear_pointer (&diff, g_free);

  pf_request_add_header (cors, "X-New", "1");
  pf_request_set_credentials (cors, PF_CREDENTIALS_SAME_ORIGIN);
  added = replace_named (http, "cors-put", cors, "cors-put");
  diff = changed_lines (pf_http_file_get_contents (http), added);
  g_assert_cmpstr (diff, ==,
                   "-# @credentials include\n"
                   "-# @override-mime text/plain; charset=latin1\n"
                   "-# @no-redirect\n"
                   "-PUT http://{{host}}/cors/put\n"
                   "-Authorization: Bearer {{token}}\n"
                   "+# @override-mime text/plain; charset=latin1\n"
                   "+# @no-redirect\n"
                   "+PUT http://{{host}}/cors/put\n"
                   "+Authorization: Bearer {{token}}\n"
                   "+X-New: 1\n");
  g_clear_pointer (&diff, g_free);

  renamed = replace_named (http, "Plain GET", entry_request (http, "Plain GET"), "plain");
  diff = changed_lines (pf_http_file_get_contents (http), renamed);
  g_assert_cmpstr (diff, ==, "+# @name plain\n");
}

static void
test_replace_body_and_url (void)
{
  g_autoptr (PfHttpFile) http = load_fixture ("requests.http");
  g_autoptr (PfRequest) create = entry_request (http, "create-item");
  g_autoptr (PfRequest) multipart = entry_request (http, "Multipart, a field and a file");
  g_autoptr (PfKeyValue) title = g_list_model_get_item (pf_request_get_fields (multipart), 0);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) url = NULL;
  g_autoptr (GBytes) field = NULL;
  g_autoptr (PfHttpFile) reread = NULL;
  g_autofree char *diff = NULL;
  g_autoptr (GError) error = NULL;

  pf_request_set_body_text (create, "{\"count\": 3}");
  body = replace_named (http, "create-item", create, "create-item");
  diff = changed_lines (pf_http_file_get_contents (http), body);
  g_assert_cmpstr (diff, ==,
                   "-{\n-  \"name\": \"{{name}}\",\n-  \"count\": 2\n-}\n+{\"count\": 3}\n");
  g_clear_pointer (&diff, g_free);

  pf_request_set_url (create, "http://{{host}}/echo?x=1");
  url = replace_named (http, "create-item", create, "create-item");
  diff = changed_lines (body, url);
  g_assert_cmpstr (diff, ==,
                   "-POST http://{{host}}/echo HTTP/1.1\n+POST http://{{host}}/echo?x=1\n");
  g_clear_pointer (&diff, g_free);

  /* A new field value: the typed boundary, the relative file path and a file part's own
   * Content-Type stay; a text part's Content-Type line is not kept (FormData sends a text
   * field without one). */
  pf_key_value_set_value (title, "Other notes");
  field = replace_named (http, "Multipart, a field and a file", multipart,
                         "Multipart, a field and a file");
  diff = changed_lines (pf_http_file_get_contents (http), field);
  g_assert_cmpstr (diff, ==,
                   "-Content-Type: text/plain\n-\n-Notes from the field\n"
                   "+\n+Other notes\n");
  reread = pf_http_file_new_from_bytes (field, pf_http_file_get_location (http), &error);
  g_assert_no_error (error);
  g_clear_object (&multipart);
  multipart = entry_request (reread, "Multipart, a field and a file");
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_fields (multipart)), ==, 2);

  /* A file part's own name and type are its lines. */
  g_clear_object (&title);
  title = g_list_model_get_item (pf_request_get_fields (multipart), 1);
  pf_key_value_set_file_name (title, "report.json");
  pf_key_value_set_content_type (title, "application/vnd.api+json");
  g_clear_pointer (&diff, g_free);
  g_clear_pointer (&body, g_bytes_unref);
  body = replace_named (reread, "Multipart, a field and a file", multipart,
                        "Multipart, a field and a file");
  diff = changed_lines (field, body);
  g_assert_cmpstr (diff, ==,
                   "-Content-Disposition: form-data; name=\"attachment\"; filename=\"body.json\"\n"
                   "-Content-Type: application/json\n"
                   "+Content-Disposition: form-data; name=\"attachment\"; "
                   "filename=\"report.json\"\n"
                   "+Content-Type: application/vnd.api+json\n");
  g_clear_object (&reread);
  reread = pf_http_file_new_from_bytes (body, pf_http_file_get_location (http), &error);
  g_assert_no_error (error);
  g_clear_object (&multipart);
  multipart = entry_request (reread, "Multipart, a field and a file");
  g_clear_object (&title);
  title = g_list_model_get_item (pf_request_get_fields (multipart), 1);
  g_assert_cmpstr (pf_key_value_get_file_name (title), ==, "report.json");
  g_assert_cmpstr (pf_key_value_get_content_type (title), ==, "application/vnd.api+json");
}

static void
assert_crlf_only (GBytes *bytes)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i < len; i++)
    if (data[i] == '\n')
      g_assert_true (i > 0 && data[i - 1] == '\r');
}

static void
test_replace_keeps_crlf (void)
{
  g_autoptr (PfHttpFile) http = load_fixture ("crlf.http");
  g_autoptr (PfRequest) second = pf_http_file_entry_dup_request (pf_http_file_get_entry (http, 1));
  g_autoptr (GBytes) saved = NULL;
  g_autoptr (GBytes) appended = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *diff = NULL;

  g_assert_cmpstr (pf_http_file_get_newline (http), ==, "\r\n");
  g_assert_cmpstr (pf_request_get_body_text (second), ==, "line one\r\nline two");
  pf_request_set_body_text (second, "line one\nline 2");
  pf_request_add_header (second, "X-Added", "yes");
  saved = pf_http_file_replace_entry (http, 1, second, "", &error);
  g_assert_no_error (error);
  assert_crlf_only (saved);
  diff = changed_lines (pf_http_file_get_contents (http), saved);
  g_assert_cmpstr (diff, ==, "-\r\n-line one\r\n-line two\r\n+X-Added: yes\r\n+\r\n+line one\r\n"
                             "+line 2\r\n");
  appended = pf_http_file_append_entry (http, second, "third", &error);
  g_assert_no_error (error);
  assert_crlf_only (appended);
}

static void
test_append_and_remove (void)
{
  g_autoptr (PfHttpFile) http = load_fixture ("requests.http");
  g_autoptr (PfHttpFile) longer = NULL;
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfRequest) back = NULL;
  g_autoptr (GBytes) appended = NULL;
  g_autoptr (GBytes) removed = NULL;
  g_autoptr (GBytes) first_removed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *diff = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (http));

  pf_request_set_method (request, "PATCH");
  pf_request_set_url (request, "http://{{host}}/items/7");
  pf_request_add_header (request, "Content-Type", "application/json");
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "{\"done\": true}");
  pf_request_set_origin (request, "http://app.example");
  appended = pf_http_file_append_entry (http, request, "finish", &error);
  g_assert_no_error (error);
  diff = changed_lines (pf_http_file_get_contents (http), appended);
  /* (The blank line before “###” is new; the diff shows it after.) */
  g_assert_cmpstr (diff, ==, "+###\n+# @name finish\n+# @origin http://app.example\n"
                             "+PATCH http://{{host}}/items/7\n+Content-Type: application/json\n"
                             "+\n+{\"done\": true}\n+\n");
  g_clear_pointer (&diff, g_free);
  longer = pf_http_file_new_from_bytes (appended, pf_http_file_get_location (http), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (longer)), ==, n + 1);
  back = entry_request (longer, "finish");
  g_assert_cmpstr (pf_request_get_body_text (back), ==, "{\"done\": true}");
  g_assert_cmpstr (pf_request_get_origin (back), ==, "http://app.example");

  removed = pf_http_file_remove_entry (longer, n, &error);
  g_assert_no_error (error);
  g_clear_pointer (&diff, g_free);
  diff = changed_lines (pf_http_file_get_contents (http), removed);
  g_assert_cmpstr (diff, ==, "");

  /* The first request goes; the comments that open the file stay. */
  first_removed = pf_http_file_remove_entry (http, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&diff, g_free);
  diff = changed_lines (pf_http_file_get_contents (http), first_removed);
  g_assert_cmpstr (diff, ==, "-### Plain GET\n-GET http://{{host}}/example.txt\n"
                             "-Accept: text/plain\n-\n");
}

static void
test_refuses_a_body_that_would_split (void)
{
  g_autoptr (PfHttpFile) http = load_fixture ("requests.http");
  g_autoptr (PfRequest) create = entry_request (http, "create-item");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  pf_request_set_body_text (create, "first\n### not a separator\n");
  bytes = pf_http_file_replace_entry (http, 2, create, "create-item", &error);
  g_assert_null (bytes);
  g_assert_error (error, PF_HTTP_FILE_ERROR, PF_HTTP_FILE_ERROR_SYNTAX);
}

static void
test_errors (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("http/errors.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *text = g_strcompress (row[1]);
      g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr (GError) error = NULL;
      g_autoptr (PfHttpFile) http = pf_http_file_new_from_bytes (bytes, NULL, &error);

      g_test_message ("%s", row[0]);
      g_assert_null (http);
      g_assert_error (error, PF_HTTP_FILE_ERROR, PF_HTTP_FILE_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, row[2]);
    }
}

/* # @sync and # @response-type: read into the request, and written back as they were. */
static void
test_xhr_mode_directives (void)
{
  const char text[] = "# @sync\n# @response-type json\n# @xdr\nGET http://a/\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_autoptr (PfHttpFile) http = pf_http_file_new_from_bytes (bytes, NULL, &error);
  g_autoptr (PfRequest) request = NULL;
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  request = pf_http_file_entry_dup_request (pf_http_file_get_entry (http, 0));
  g_assert_true (pf_request_get_sync (request));
  g_assert_cmpint (pf_request_get_response_type (request), ==, PF_RESPONSE_TYPE_JSON);
  g_assert_true (pf_request_get_xdr (request));
  pf_request_set_response_type (request, PF_RESPONSE_TYPE_BLOB);
  written = pf_http_file_format_request (http, request, NULL);
  g_assert_nonnull (strstr (written, "# @sync\n"));
  g_assert_nonnull (strstr (written, "# @response-type blob\n"));
  g_assert_nonnull (strstr (written, "# @xdr\n"));
  pf_request_set_sync (request, FALSE);
  g_clear_pointer (&written, g_free);
  written = pf_http_file_format_request (http, request, NULL);
  g_assert_null (strstr (written, "@sync"));
}

static void
test_empty_and_comment_only (void)
{
  const char *texts[] = { "", "# nothing here\n\n// nor here\n", "###\n\n###\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_autoptr (GError) error = NULL;
      g_autoptr (PfHttpFile) http = pf_http_file_new_from_bytes (bytes, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (http)), ==, 0);
    }
}

/* "# @browser-headers": read, and written back only when it is not the default. */
static void
test_browser_headers_directive (void)
{
  const char text[] = "# @name off\n# @origin http://app.example\n# @browser-headers off\n"
                      "GET http://a/\n\n###\n# @name plain\nGET http://a/\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_autoptr (PfHttpFile) http = pf_http_file_new_from_bytes (bytes, NULL, &error);
  g_autoptr (PfRequest) off = entry_request (http, "off");
  g_autoptr (PfRequest) plain = entry_request (http, "plain");
  g_autofree char *written = NULL;
  g_autofree char *written_plain = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (pf_request_get_browser_headers (off), ==, PF_BROWSER_HEADERS_OFF);
  g_assert_false (pf_request_sends_browser_headers (off));
  g_assert_cmpint (pf_request_get_browser_headers (plain), ==, PF_BROWSER_HEADERS_AUTO);
  pf_request_set_browser_headers (plain, PF_BROWSER_HEADERS_ON);
  written = pf_http_file_format_request (http, plain, "plain");
  g_assert_nonnull (strstr (written, "# @browser-headers on\n"));
  pf_request_set_browser_headers (plain, PF_BROWSER_HEADERS_AUTO);
  written_plain = pf_http_file_format_request (http, plain, "plain");
  g_assert_null (strstr (written_plain, "browser-headers"));
}

/* Found by fuzzing: a request line of only a form feed (which g_strstrip () drops but a blank
 * line does not have) is a syntax error, not a crash. */
static void
test_request_line_of_form_feed (void)
{
  const char text[] = "###\n\f\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_autoptr (PfHttpFile) http = pf_http_file_new_from_bytes (bytes, NULL, &error);

  g_assert_null (http);
  g_assert_error (error, PF_HTTP_FILE_ERROR, PF_HTTP_FILE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "expected a request line"));
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/http-file/parse/names-and-lines", test_parse_names_and_lines);
  g_test_add_func ("/http-file/parse/request-line-and-headers",
                   test_parse_request_line_and_headers);
  g_test_add_func ("/http-file/parse/directives", test_parse_directives);
  g_test_add_func ("/http-file/parse/xhr-mode-directives", test_xhr_mode_directives);
  g_test_add_func ("/http-file/parse/file-bodies", test_parse_file_bodies);
  g_test_add_func ("/http-file/parse/empty-and-comment-only", test_empty_and_comment_only);
  g_test_add_func ("/http-file/parse/request-line-of-a-form-feed", test_request_line_of_form_feed);
  g_test_add_func ("/http-file/parse/errors-name-the-line", test_errors);
  g_test_add_data_func ("/http-file/save/unchanged/requests", "requests.http",
                        test_save_unchanged);
  g_test_add_data_func ("/http-file/save/unchanged/crlf", "crlf.http", test_save_unchanged);
  g_test_add_data_func ("/http-file/save/unchanged/no-newline", "no-newline.http",
                        test_save_unchanged);
  g_test_add_func ("/http-file/replace/changes-only-its-lines",
                   test_replace_changes_only_its_lines);
  g_test_add_func ("/http-file/replace/body-and-url", test_replace_body_and_url);
  g_test_add_func ("/http-file/replace/keeps-crlf", test_replace_keeps_crlf);
  g_test_add_func ("/http-file/replace/refuses-a-body-that-would-split",
                   test_refuses_a_body_that_would_split);
  g_test_add_func ("/http-file/append-and-remove", test_append_and_remove);
  g_test_add_func ("/http-file/browser-headers-directive", test_browser_headers_directive);
  return g_test_run ();
}
