/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-code-export.h"
#include "pf-http-file.h"
#include "pf-test-tsv.h"

#include <glib/gstdio.h>
#include <string.h>

typedef char *(*Generator) (PfRequest *request);

static PfRequest *
new_request (const char *method,
             const char *url)
{
  PfRequest *request = pf_request_new ();

  pf_request_set_method (request, method);
  pf_request_set_url (request, url);
  return request;
}

static PfRequest *
new_json_post (void)
{
  PfRequest *request = new_request ("POST", "http://api.test/echo?q=a%20b#fragment");

  pf_request_set_origin (request, "http://page.test");
  pf_request_add_header (request, "Content-Type", "application/json");
  pf_request_add_header (request, "X-Token", " it's ");
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "{\"a\": \"x\\ny\"}\n");
  return request;
}

/* Node's parser says whether the code is JavaScript at all (skipped without node). */
static void
assert_parses (const char *code)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *argv[] = { NULL, (char *) "--check", NULL, NULL };
  int fd, status = 0;

  if (node == NULL)
    return;
  fd = g_file_open_tmp ("pf-code-XXXXXX.js", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, code, -1, &error);
  g_assert_no_error (error);
  argv[0] = node;
  argv[2] = path;
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("not JavaScript (%s):\n%s", err, code);
  g_unlink (path);
}

static char *
generate (Generator generator,
          PfRequest *request)
{
  char *code = generator (request);

  assert_parses (code);
  return code;
}

static void
test_js_strings (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("code-export-js-strings.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *text = g_strcompress (row[0]);
      g_autofree char *literal = pf_code_export_js_string (text);

      g_test_message ("string “%s”", row[0]);
      g_assert_cmpstr (literal, ==, row[1]);
    }
}

/* The whole code for one request, as tests/data/code-export/NAME holds it. */
static void
assert_golden (const char *code,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "code-export", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, expected);
}

static void
test_fetch_json_post (void)
{
  g_autoptr (PfRequest) request = new_json_post ();
  g_autofree char *code = generate (pf_code_export_fetch, request);

  assert_golden (code, "json-post.fetch.js");
}

static void
test_xhr_json_post (void)
{
  g_autoptr (PfRequest) request = new_json_post ();
  g_autofree char *code = generate (pf_code_export_xhr, request);

  assert_golden (code, "json-post.xhr.js");
}

static void
test_get_has_no_body (void)
{
  g_autoptr (PfRequest) request = new_request ("get", "http://api.test/");
  g_autofree char *fetch = NULL;
  g_autofree char *xhr = NULL;

  /* XHR send () drops a GET's body; fetch () would throw with one. */
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "ignored");
  fetch = generate (pf_code_export_fetch, request);
  xhr = generate (pf_code_export_xhr, request);
  g_assert_null (strstr (fetch, "body"));
  g_assert_null (strstr (fetch, "ignored"));
  g_assert_nonnull (strstr (xhr, "xhr.open('get', 'http://api.test/', true);\n"));
  g_assert_nonnull (strstr (xhr, "xhr.send();\n"));
  g_assert_null (strstr (xhr, "upload"));
}

static PfRequest *
new_urlencoded (void)
{
  PfRequest *request = new_request ("POST", "http://api.test/echo");

  pf_request_set_body_kind (request, PF_BODY_URLENCODED);
  pf_request_add_field (request, "name", "a b&c");
  pf_key_value_set_enabled (pf_request_add_field (request, "off", "1"), FALSE);
  pf_request_add_field (request, "é", "'");
  return request;
}

static void
test_fetch_urlencoded (void)
{
  g_autoptr (PfRequest) request = new_urlencoded ();
  g_autofree char *code = generate (pf_code_export_fetch, request);

  g_assert_nonnull (strstr (code, "const body = new URLSearchParams();\n"
                                  "body.append('name', 'a b&c');\n"
                                  "body.append('é', '\\'');\n"));
  g_assert_null (strstr (code, "'off'"));
  g_assert_nonnull (strstr (code, "  body,\n"));
  /* URLSearchParams sets its own Content-Type. */
  g_assert_null (strstr (code, "'Content-Type'"));
}

static void
test_xhr_urlencoded (void)
{
  g_autoptr (PfRequest) request = new_urlencoded ();
  g_autofree char *code = generate (pf_code_export_xhr, request);

  g_assert_nonnull (strstr (code, "const body = [\n"
                                  "  ['name', 'a b&c'],\n"
                                  "  ['é', '\\''],\n"
                                  "]\n"
                                  "  .map(([name, value]) => encodeURIComponent(name) + '=' + "
                                  "encodeURIComponent(value))\n"));
  g_assert_nonnull (strstr (code, "xhr.setRequestHeader('Content-Type', "
                                  "'application/x-www-form-urlencoded');\n"));
  g_assert_nonnull (strstr (code, "xhr.send(body);\n"));
}

static PfRequest *
new_multipart (void)
{
  PfRequest *request = new_request ("POST", "http://api.test/upload");

  pf_request_set_body_kind (request, PF_BODY_MULTIPART);
  pf_request_add_field (request, "title", "two\nlines");
  pf_request_add_file_field (request, "photo", "/home/me/it's.png");
  pf_key_value_set_content_type (pf_request_add_file_field (request, "scan", "/tmp/a.bin"),
                                 "image/png");
  pf_key_value_set_file_name (pf_request_add_file_field (request, "notes", "/tmp/n.txt"),
                              "notes.md");
  return request;
}

static void
test_multipart (gconstpointer data)
{
  Generator generator = (Generator) data;
  g_autoptr (PfRequest) request = new_multipart ();
  g_autofree char *code = generate (generator, request);

  g_assert_nonnull (strstr (code, "const body = new FormData();\n"
                                  "body.append('title', 'two\\nlines');\n"
                                  "// The file '/home/me/it\\'s.png': a page cannot read a path."));
  g_assert_nonnull (strstr (code, "fileInput.files[0]"));
  /* The type is guessed from the name as when sending (the test's isolated dirs have no MIME
   * database, so octet-stream). */
  g_assert_nonnull (strstr (code, "body.append('photo', new Blob([], { type: '"));
  g_assert_nonnull (strstr (code, "' }), 'it\\'s.png');\n"));
  /* A field's own type and file name, as Preflight sends them. */
  g_assert_nonnull (strstr (code, "body.append('scan', new Blob([], { type: 'image/png' }), "
                                  "'a.bin');\n"));
  g_assert_nonnull (strstr (code, "' }), 'notes.md');\n"));
  /* The browser writes the boundary: no Content-Type of ours. */
  g_assert_null (strstr (code, "Content-Type"));
}

static void
test_file_body (gconstpointer data)
{
  Generator generator = (Generator) data;
  g_autoptr (PfRequest) request = new_request ("PUT", "http://api.test/file");
  g_autofree char *code = NULL;

  pf_request_set_body_kind (request, PF_BODY_FILE);
  pf_request_set_body_file (request, "/tmp/data.bin");
  pf_request_set_body_content_type (request, "application/octet-stream");
  code = generate (generator, request);
  g_assert_nonnull (strstr (code, "// The body is the file '/tmp/data.bin'"));
  g_assert_nonnull (strstr (code, "const body = fileInput.files[0];\n"));
  g_assert_nonnull (strstr (code, "'Content-Type'"));
  g_assert_nonnull (strstr (code, "'application/octet-stream'"));
}

static void
test_fetch_credentials (void)
{
  const char *expected[] = { "credentials: 'omit',", "credentials: 'same-origin',",
                             "credentials: 'include'," };
  g_autoptr (PfRequest) request = new_request ("GET", "http://api.test/");

  pf_request_set_origin (request, "http://page.test");
  for (PfCredentialsMode mode = PF_CREDENTIALS_OMIT; mode <= PF_CREDENTIALS_INCLUDE; mode++)
    {
      g_autofree char *code = NULL;

      pf_request_set_credentials (request, mode);
      code = generate (pf_code_export_fetch, request);
      g_assert_nonnull (strstr (code, expected[mode]));
    }
}

static void
test_xhr_credentials (void)
{
  g_autoptr (PfRequest) request = new_request ("GET", "http://api.test/");
  g_autofree char *omit = NULL;
  g_autofree char *same = NULL;
  g_autofree char *include = NULL;

  pf_request_set_origin (request, "http://page.test");
  pf_request_set_credentials (request, PF_CREDENTIALS_OMIT);
  omit = generate (pf_code_export_xhr, request);
  pf_request_set_credentials (request, PF_CREDENTIALS_SAME_ORIGIN);
  same = generate (pf_code_export_xhr, request);
  pf_request_set_credentials (request, PF_CREDENTIALS_INCLUDE);
  include = generate (pf_code_export_xhr, request);
  g_assert_nonnull (strstr (include, "xhr.withCredentials = true;"));
  g_assert_null (strstr (same, "withCredentials"));
  /* XHR has no 'omit': a comment says so rather than code that would differ. */
  g_assert_nonnull (strstr (omit, "// XHR cannot omit credentials"));
  g_assert_null (strstr (omit, "xhr.withCredentials"));
}

static void
test_timeout (void)
{
  g_autoptr (PfRequest) request = new_request ("GET", "http://api.test/delay/2000");
  g_autofree char *fetch = NULL;
  g_autofree char *xhr = NULL;
  g_autofree char *none = NULL;

  none = generate (pf_code_export_fetch, request);
  g_assert_null (strstr (none, "signal"));
  pf_request_set_timeout_ms (request, 1500);
  fetch = generate (pf_code_export_fetch, request);
  xhr = generate (pf_code_export_xhr, request);
  g_assert_nonnull (strstr (fetch, "  signal: AbortSignal.timeout(1500),"));
  g_assert_nonnull (strstr (xhr, "xhr.timeout = 1500;\n"));
  g_assert_nonnull (strstr (xhr, "xhr.ontimeout = "));
}

static void
test_auth (gconstpointer data)
{
  Generator generator = (Generator) data;
  g_autoptr (PfRequest) request = new_request ("GET", "http://api.test/");
  g_autofree char *basic = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *typed = NULL;

  pf_request_set_basic_auth (request, "alice", "secret");
  basic = generate (generator, request);
  g_assert_nonnull (strstr (basic, "'Authorization'"));
  g_assert_nonnull (strstr (basic, "'Basic YWxpY2U6c2VjcmV0'"));
  pf_request_set_bearer_auth (request, "t0k'en");
  bearer = generate (generator, request);
  g_assert_nonnull (strstr (bearer, "'Bearer t0k\\'en'"));
  /* The author's own Authorization wins over the helper, as when sending. */
  pf_request_add_header (request, "authorization", "Custom 1");
  typed = generate (generator, request);
  g_assert_nonnull (strstr (typed, "'Custom 1'"));
  g_assert_null (strstr (typed, "Bearer"));
}

static void
test_xhr_open_credentials (void)
{
  g_autoptr (PfRequest) request = new_request ("GET", "http://api.test/auth/basic");
  g_autofree char *xhr = NULL;
  g_autofree char *fetch = NULL;

  pf_request_set_open_credentials (request, "al'ice", "p\\w");
  xhr = generate (pf_code_export_xhr, request);
  fetch = generate (pf_code_export_fetch, request);
  g_assert_nonnull (strstr (xhr, "xhr.open('GET', 'http://api.test/auth/basic', true, "
                                 "'al\\'ice', 'p\\\\w');\n"));
  g_assert_nonnull (strstr (fetch, "// XHR open()'s user and password"));
  g_assert_null (strstr (fetch, "al'ice"));
}

static void
test_headers_as_sent (gconstpointer data)
{
  Generator generator = (Generator) data;
  g_autoptr (PfRequest) request = new_request ("GET", "http://api.test/");
  g_autofree char *code = NULL;

  pf_request_add_header (request, "X-A", "1");
  pf_key_value_set_enabled (pf_request_add_header (request, "X-Off", "no"), FALSE);
  pf_request_add_header (request, "x-a", "2");
  pf_request_add_header (request, "Cookie", "a=b");
  pf_request_add_header (request, "X-Name", "é");
  code = generate (generator, request);
  /* setRequestHeader () combines a repeated name; a disabled row is not sent. */
  g_assert_nonnull (strstr (code, "'X-A'"));
  g_assert_nonnull (strstr (code, "'1, 2'"));
  g_assert_null (strstr (code, "X-Off"));
  g_assert_nonnull (strstr (code, "'Cookie'"));
  g_assert_nonnull (strstr (code, "forbidden request-header: the browser drops it"));
  /* Fetch's ByteString: one code unit per byte, so the UTF-8 bytes Preflight sends. */
  g_assert_nonnull (strstr (code, "'\\xc3\\xa9'"));
  g_assert_nonnull (strstr (code, "// the UTF-8 bytes: a header value is a ByteString"));
}

static void
test_override_mime (void)
{
  g_autoptr (PfRequest) request = new_request ("GET", "http://api.test/xml-as-text");
  g_autofree char *fetch = NULL;
  g_autofree char *xhr = NULL;

  pf_request_set_override_mime_type (request, "text/xml");
  fetch = generate (pf_code_export_fetch, request);
  xhr = generate (pf_code_export_xhr, request);
  g_assert_nonnull (strstr (xhr, "xhr.overrideMimeType('text/xml');\n"));
  g_assert_nonnull (strstr (xhr, "xhr.responseXML.documentElement.nodeName"));
  g_assert_nonnull (strstr (fetch, "// fetch() has no overrideMimeType('text/xml')"));
  g_assert_nonnull (strstr (fetch, "new DOMParser().parseFromString(text, 'application/xml')"));
}

static void
test_xhr_sync (void)
{
  g_autoptr (PfRequest) request = new_request ("GET", "http://api.test/example.txt");
  g_autofree char *async = NULL;
  g_autofree char *sync = NULL;

  async = generate (pf_code_export_xhr, request);
  pf_request_set_sync (request, TRUE);
  sync = generate (pf_code_export_xhr, request);
  g_assert_nonnull (strstr (async, "xhr.open('GET', 'http://api.test/example.txt', true);"));
  g_assert_nonnull (strstr (sync, "xhr.open('GET', 'http://api.test/example.txt', false);"));
}

static void
test_xhr_upload_listener (void)
{
  g_autoptr (PfRequest) request = new_json_post ();
  g_autofree char *cross = NULL;
  g_autofree char *same = NULL;

  /* An upload listener makes a cross-origin request with a body preflighted (XHR standard). */
  cross = generate (pf_code_export_xhr, request);
  g_assert_nonnull (strstr (cross, "// xhr.upload.onprogress"));
  pf_request_set_origin (request, "http://api.test");
  same = generate (pf_code_export_xhr, request);
  g_assert_nonnull (strstr (same, "\nxhr.upload.onprogress = "));
}

/* The .http entry is Collections' own formatter: it reads back as the same request. */
static void
test_http_reads_back (void)
{
  g_autoptr (PfRequest) request = new_json_post ();
  g_autofree char *text = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (PfHttpFile) file = NULL;
  g_autoptr (GError) error = NULL;
  PfRequest *read;
  g_autoptr (PfKeyValue) header = NULL;

  pf_request_set_bearer_auth (request, "tok");
  pf_request_set_timeout_ms (request, 900);
  text = pf_code_export_http (request);
  bytes = g_bytes_new (text, strlen (text));
  file = pf_http_file_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  read = pf_http_file_entry_get_request (pf_http_file_get_entry (file, 0));
  g_assert_cmpstr (pf_request_get_method (read), ==, "POST");
  g_assert_cmpstr (pf_request_get_url (read), ==, pf_request_get_url (request));
  g_assert_cmpuint (pf_request_get_timeout_ms (read), ==, 900);
  g_assert_cmpstr (pf_request_get_origin (read), ==, "http://page.test");
  g_assert_cmpstr (pf_request_get_body_text (read), ==, "{\"a\": \"x\\ny\"}");
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_headers (read)), ==, 3);
  header = g_list_model_get_item (pf_request_get_headers (read), 2);
  g_assert_cmpstr (pf_key_value_get_name (header), ==, "Authorization");
  g_assert_cmpstr (pf_key_value_get_value (header), ==, "Bearer tok");
  g_assert_nonnull (strstr (text, "X-Token: it's\n"));
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/code-export/js-string/escapes", test_js_strings);
  g_test_add_func ("/code-export/fetch/json-post", test_fetch_json_post);
  g_test_add_func ("/code-export/xhr/json-post", test_xhr_json_post);
  g_test_add_func ("/code-export/get-has-no-body", test_get_has_no_body);
  g_test_add_func ("/code-export/fetch/urlencoded-is-url-search-params", test_fetch_urlencoded);
  g_test_add_func ("/code-export/xhr/urlencoded-is-encode-uri-component", test_xhr_urlencoded);
  g_test_add_data_func ("/code-export/fetch/multipart-is-form-data", pf_code_export_fetch,
                        test_multipart);
  g_test_add_data_func ("/code-export/xhr/multipart-is-form-data", pf_code_export_xhr,
                        test_multipart);
  g_test_add_data_func ("/code-export/fetch/file-body-is-chosen-file", pf_code_export_fetch,
                        test_file_body);
  g_test_add_data_func ("/code-export/xhr/file-body-is-chosen-file", pf_code_export_xhr,
                        test_file_body);
  g_test_add_func ("/code-export/fetch/credentials-modes", test_fetch_credentials);
  g_test_add_func ("/code-export/xhr/with-credentials", test_xhr_credentials);
  g_test_add_func ("/code-export/timeout", test_timeout);
  g_test_add_data_func ("/code-export/fetch/auth-helper-header", pf_code_export_fetch, test_auth);
  g_test_add_data_func ("/code-export/xhr/auth-helper-header", pf_code_export_xhr, test_auth);
  g_test_add_func ("/code-export/xhr/open-user-password", test_xhr_open_credentials);
  g_test_add_data_func ("/code-export/fetch/headers-as-sent", pf_code_export_fetch,
                        test_headers_as_sent);
  g_test_add_data_func ("/code-export/xhr/headers-as-sent", pf_code_export_xhr,
                        test_headers_as_sent);
  g_test_add_func ("/code-export/override-mime-type", test_override_mime);
  g_test_add_func ("/code-export/xhr-sync", test_xhr_sync);
  g_test_add_func ("/code-export/xhr/upload-listener-only-same-origin", test_xhr_upload_listener);
  g_test_add_func ("/code-export/http/reads-back", test_http_reads_back);
  return g_test_run ();
}
