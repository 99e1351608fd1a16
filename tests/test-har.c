/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-cors-finding.h"
#include "pf-cors-flow.h"
#include "pf-har-entry.h"
#include "pf-har.h"
#include "pf-test-lab.h"

/* Exchanges against the real lab, saved as HAR 1.2: an entry per hop and per preflight, the
 * bodies as sent and received, timings from the phases; and every file valid by the HAR
 * schema (har-validator, run by node when it is installed). */

typedef PfTestLab Fixture;

static PfExchange *
run (Fixture *fixture,
     PfRequest *request,
     const char *origin)
{
  PfExchange *exchange = pf_exchange_new (fixture->profile, request);

  if (origin != NULL)
    {
      pf_request_set_origin (request, origin);
      g_assert_true (pf_cors_flow_attach (exchange, NULL));
    }
  pf_test_lab_run_exchange (exchange, NULL);
  return exchange;
}

static PfRequest *
request_for (Fixture *fixture,
             const char *method,
             const char *path)
{
  PfRequest *request = pf_request_new ();
  g_autofree char *url = pf_test_lab_url (fixture->lab, path);

  pf_request_set_method (request, method);
  pf_request_set_url (request, url);
  return request;
}

/* The HAR of @exchange, checked by the schema validator, and its entries. */
static JsonArray *
entries_of (PfExchange *exchange,
            JsonNode **root)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "exchange.har", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (pf_har_save (&exchange, 1, PF_HAR_NONE, file, &error));
  g_assert_no_error (error);
  pf_test_assert_valid_har (path);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  *root = json_node_copy (json_parser_get_root (parser));
  return json_object_get_array_member (json_object_get_object_member (json_node_get_object (*root),
                                                                      "log"),
                                       "entries");
}

static JsonObject *
member (JsonObject *object,
        const char *path)
{
  g_auto (GStrv) names = g_strsplit (path, ".", -1);

  for (guint i = 0; names[i] != NULL; i++)
    object = json_object_get_object_member (object, names[i]);
  return object;
}

static const char *
pair_value (JsonArray *pairs,
            const char *name)
{
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);

      if (g_ascii_strcasecmp (json_object_get_string_member (pair, "name"), name) == 0)
        return json_object_get_string_member (pair, "value");
    }
  return NULL;
}

static void
assert_timings (JsonObject *entry)
{
  JsonObject *timings = json_object_get_object_member (entry, "timings");
  const char *required[] = { "send", "wait", "receive" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_cmpfloat (json_object_get_double_member (timings, required[i]), >=, 0);
  g_assert_cmpfloat (json_object_get_double_member (entry, "time"), >=, 0);
}

static void
test_get_text (Fixture *fixture,
               gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "example.txt?a=1&b=x+y");
  g_autoptr (PfExchange) exchange = run (fixture, request, NULL);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GBytes) body = pf_exchange_dup_body_bytes (exchange);
  g_autoptr (GDateTime) started = NULL;
  JsonArray *entries = entries_of (exchange, &root);
  JsonObject *entry, *request_json, *response, *content;
  const char *text;

  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  entry = json_array_get_object_element (entries, 0);
  started = g_date_time_new_from_iso8601 (json_object_get_string_member (entry, "startedDateTime"),
                                          NULL);
  g_assert_nonnull (started);
  g_assert_cmpint (ABS (g_date_time_to_unix (started) - g_get_real_time () / G_USEC_PER_SEC), <, 60);
  request_json = member (entry, "request");
  g_assert_cmpstr (json_object_get_string_member (request_json, "method"), ==, "GET");
  g_assert_cmpstr (json_object_get_string_member (request_json, "httpVersion"), ==, "HTTP/1.1");
  g_assert_nonnull (pair_value (json_object_get_array_member (request_json, "headers"), "Host"));
  g_assert_cmpstr (pair_value (json_object_get_array_member (request_json, "queryString"), "b"),
                   ==, "x y");
  response = member (entry, "response");
  g_assert_cmpint (json_object_get_int_member (response, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (response, "statusText"), ==, "OK");
  content = member (response, "content");
  text = json_object_get_string_member (content, "text");
  g_assert_cmpmem (text, strlen (text), g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_false (json_object_has_member (content, "encoding"));
  g_assert_cmpint (json_object_get_int_member (content, "size"), ==, g_bytes_get_size (body));
  g_assert_cmpstr (json_object_get_string_member (entry, "serverIPAddress"), ==, "127.0.0.1");
  assert_timings (entry);
  /* A fresh connection to an IP: connect happened, no name was looked up. */
  g_assert_cmpfloat (json_object_get_double_member (member (entry, "timings"), "connect"), >=, 0);
  g_assert_cmpfloat (json_object_get_double_member (member (entry, "timings"), "dns"), ==, -1);
  g_assert_cmpfloat (json_object_get_double_member (member (entry, "timings"), "ssl"), ==, -1);
}

static double
timing (JsonObject *entry,
        const char *phase)
{
  return json_object_get_double_member (member (entry, "timings"), phase);
}

/* HAR 1.2: "ssl" lies inside "connect" (plain HTTP's -1 is checked in entry/get-text). */
static void
test_timings_ssl_inside_connect (Fixture *fixture,
                                 gconstpointer data)
{
  g_autofree char *https = g_strconcat (pf_lab_server_get_tls_url (fixture->lab,
                                                                   PF_LAB_TLS_SELF_SIGNED),
                                        "example.txt", NULL);
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *entry;

  pf_request_set_url (request, https);
  pf_request_set_insecure (request, TRUE);
  exchange = run (fixture, request, NULL);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  entry = json_array_get_object_element (entries_of (exchange, &root), 0);
  assert_timings (entry);
  g_assert_cmpfloat (timing (entry, "ssl"), >=, 0);
  g_assert_cmpfloat (timing (entry, "connect"), >=, timing (entry, "ssl"));
  g_assert_cmpfloat (timing (entry, "dns"), ==, -1);
  g_assert_cmpfloat (timing (entry, "blocked"), ==, -1);
}

static void
test_binary_is_base64 (Fixture *fixture,
                       gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "ping.gif");
  g_autoptr (PfExchange) exchange = run (fixture, request, NULL);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GBytes) body = pf_exchange_dup_body_bytes (exchange);
  JsonArray *entries = entries_of (exchange, &root);
  JsonObject *content = member (json_array_get_object_element (entries, 0), "response.content");
  g_autofree guchar *decoded = NULL;
  gsize length = 0;

  g_assert_cmpstr (json_object_get_string_member (content, "encoding"), ==, "base64");
  g_assert_cmpstr (json_object_get_string_member (content, "mimeType"), ==, "image/gif");
  decoded = g_base64_decode (json_object_get_string_member (content, "text"), &length);
  g_assert_cmpmem (decoded, length, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_post_data (Fixture *fixture,
                gconstpointer data)
{
  g_autoptr (PfRequest) raw = request_for (fixture, "POST", "echo");
  g_autoptr (PfRequest) form = request_for (fixture, "POST", "echo");
  g_autoptr (PfExchange) raw_exchange = NULL;
  g_autoptr (PfExchange) form_exchange = NULL;
  g_autoptr (JsonNode) raw_root = NULL;
  g_autoptr (JsonNode) form_root = NULL;
  g_autofree char *encoded = NULL;
  JsonObject *post;

  pf_request_set_body_kind (raw, PF_BODY_RAW);
  pf_request_set_body_text (raw, "{\"π\": \"ünïcödé\"}");
  pf_request_set_body_content_type (raw, "application/json");
  raw_exchange = run (fixture, raw, NULL);
  post = member (json_array_get_object_element (entries_of (raw_exchange, &raw_root), 0),
                 "request.postData");
  g_assert_cmpstr (json_object_get_string_member (post, "mimeType"), ==, "application/json");
  g_assert_cmpstr (json_object_get_string_member (post, "text"), ==, "{\"π\": \"ünïcödé\"}");

  pf_request_set_body_kind (form, PF_BODY_URLENCODED);
  pf_request_add_field (form, "language", "C & C++");
  form_exchange = run (fixture, form, NULL);
  post = member (json_array_get_object_element (entries_of (form_exchange, &form_root), 0),
                 "request.postData");
  encoded = pf_request_encode_fields (form);
  g_assert_cmpstr (json_object_get_string_member (post, "text"), ==, encoded);
  g_assert_cmpstr (pair_value (json_object_get_array_member (post, "params"), "language"), ==,
                   "C & C++");
}

/* A multipart form's file part is saved with the file name and type it went with: the field's
 * own, or the file's name and the type that name gives. */
static void
test_post_data_file_parts (Fixture *fixture,
                           gconstpointer data)
{
  g_autoptr (PfRequest) form = request_for (fixture, "POST", "echo");
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "scan.bin", NULL);
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *params;
  JsonObject *own, *typed;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, "\x89PNG", -1, &error);
  g_assert_no_error (error);
  pf_request_set_body_kind (form, PF_BODY_MULTIPART);
  pf_request_add_file_field (form, "own", path);
  pf_key_value_set_file_name (pf_request_add_file_field (form, "named", path), "pic.png");
  pf_key_value_set_content_type (pf_request_add_file_field (form, "typed", path), "image/png");
  exchange = run (fixture, form, NULL);
  params = json_object_get_array_member (
      member (json_array_get_object_element (entries_of (exchange, &root), 0), "request.postData"),
      "params");
  g_assert_cmpuint (json_array_get_length (params), ==, 3);
  own = json_array_get_object_element (params, 0);
  typed = json_array_get_object_element (params, 2);
  g_assert_cmpstr (json_object_get_string_member (own, "fileName"), ==, "scan.bin");
  /* The test's isolated dirs have no MIME database: octet-stream, as when sending. */
  g_assert_cmpstr (json_object_get_string_member (own, "contentType"), ==,
                   "application/octet-stream");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (params, 1),
                                                  "fileName"),
                   ==, "pic.png");
  g_assert_cmpstr (json_object_get_string_member (typed, "fileName"), ==, "scan.bin");
  g_assert_cmpstr (json_object_get_string_member (typed, "contentType"), ==, "image/png");
}

/* Each redirect is an entry of its own whose response names the next URL, as browsers save
 * them; the last hop has the body. */
static void
test_redirect_entry_per_hop (Fixture *fixture,
                             gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "redirect/2");
  g_autoptr (PfExchange) exchange = run (fixture, request, NULL);
  g_autoptr (JsonNode) root = NULL;
  JsonArray *entries = entries_of (exchange, &root);
  JsonObject *first, *last;

  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  first = json_array_get_object_element (entries, 0);
  g_assert_cmpint (json_object_get_int_member (member (first, "response"), "status"), ==, 302);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (member (first, "request"), "url"),
                                   "/redirect/2"));
  g_assert_cmpstr (json_object_get_string_member (member (first, "response"), "redirectURL"), !=,
                   "");
  last = json_array_get_object_element (entries, 2);
  g_assert_cmpint (json_object_get_int_member (member (last, "response"), "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (member (last, "request"), "url"), ==,
                   pf_exchange_get_url (exchange));
  for (guint i = 0; i < 3; i++)
    assert_timings (json_array_get_object_element (entries, i));
}

/* A preflighted request: the OPTIONS before it, with the headers a browser sends, and the
 * verdict in the request's comment. */
static void
test_preflight_entry (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (PfRequest) request =
      request_for (fixture, "PUT", "cors/api?allow-origin=*&allow-methods=PUT&allow-headers=x-token");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *entries;
  JsonObject *preflight, *actual;

  pf_request_add_header (request, "X-Token", "1");
  exchange = run (fixture, request, "http://page.test");
  entries = entries_of (exchange, &root);
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  preflight = json_array_get_object_element (entries, 0);
  g_assert_cmpstr (json_object_get_string_member (member (preflight, "request"), "method"), ==,
                   "OPTIONS");
  g_assert_cmpstr (pair_value (json_object_get_array_member (member (preflight, "request"),
                                                             "headers"),
                               "Access-Control-Request-Method"),
                   ==, "PUT");
  g_assert_cmpint (json_object_get_int_member (member (preflight, "response"), "status"), ==, 204);
  actual = json_array_get_object_element (entries, 1);
  g_assert_cmpstr (json_object_get_string_member (member (actual, "request"), "method"), ==, "PUT");
  g_assert_cmpstr (json_object_get_string_member (actual, "comment"), ==, "CORS allowed");
}

static void
test_response_cookies (Fixture *fixture,
                       gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "cookies/set?session=abc");
  g_autoptr (PfExchange) exchange = run (fixture, request, NULL);
  g_autoptr (JsonNode) root = NULL;
  JsonArray *cookies = json_object_get_array_member (
      member (json_array_get_object_element (entries_of (exchange, &root), 0), "response"), "cookies");

  g_assert_cmpstr (pair_value (cookies, "session"), ==, "abc");
}

/* A request that never got an answer is an entry too: status 0 and why, in its comment. */
static void
test_failure_entry (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "garbage");
  g_autoptr (PfExchange) exchange = run (fixture, request, NULL);
  g_autoptr (JsonNode) root = NULL;
  JsonObject *entry = json_array_get_object_element (entries_of (exchange, &root), 0);

  g_assert_cmpint (json_object_get_int_member (member (entry, "response"), "status"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "comment"), ==,
                   pf_exchange_get_error_message (exchange));
}

/* The values of secret variables are masked unless the user asks for them. */
static void
test_secrets_masked_unless_asked (Fixture *fixture,
                                  gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "echo?key=s3cr3t");
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  const char *secrets[] = { "s3cr3t", NULL };
  g_autoptr (JsonNode) masked = NULL;
  g_autoptr (JsonNode) whole = NULL;
  g_autofree char *masked_text = NULL;
  g_autofree char *whole_text = NULL;

  pf_request_add_header (request, "X-Token", "Bearer s3cr3t");
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "token=s3cr3t");
  pf_exchange_set_secrets (exchange, secrets);
  pf_test_lab_run_exchange (exchange, NULL);
  masked = pf_har_new (&exchange, 1, PF_HAR_NONE);
  masked_text = pf_har_to_data (masked, NULL);
  g_assert_null (strstr (masked_text, "s3cr3t"));
  g_assert_nonnull (strstr (masked_text, "Bearer ••••"));
  whole = pf_har_new (&exchange, 1, PF_HAR_INCLUDE_SECRETS);
  whole_text = pf_har_to_data (whole, NULL);
  g_assert_nonnull (strstr (whole_text, "token=s3cr3t"));
}

/* A WebSocket: the handshake (101) as the entry, the messages as Chromium's
 * "_webSocketMessages": text as it is, binary in base64, each way, times in seconds. */
static void
test_web_socket_messages (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *base = pf_test_lab_url (fixture->lab, "ws");
  g_autofree char *url = g_strconcat ("ws", base + 4, NULL);
  g_autoptr (PfWebSocket) socket = pf_web_socket_new (fixture->profile, url, NULL);
  g_autoptr (GBytes) binary = g_bytes_new_static ("\0\1\2", 3);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "ws.har", NULL);
  g_autofree char *text = NULL;
  JsonObject *entry;
  JsonArray *messages;
  gsize length = 0;
  double now = g_get_real_time () / (double) G_USEC_PER_SEC;

  pf_web_socket_connect (socket);
  PF_TEST_WAIT_UNTIL (pf_web_socket_get_state (socket) == PF_WEB_SOCKET_OPEN, 5000);
  g_assert_true (pf_web_socket_send_text (socket, "héllo"));
  g_assert_true (pf_web_socket_send_binary (socket, binary));
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (pf_web_socket_get_frames (socket)) >= 5, 5000);
  pf_web_socket_close (socket, 1000, "bye");
  PF_TEST_WAIT_UNTIL (pf_web_socket_get_state (socket) == PF_WEB_SOCKET_CLOSED, 5000);
  root = pf_har_new_for_web_socket (socket);
  text = pf_har_to_data (root, &length);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, length, NULL));
  pf_test_assert_valid_har (path);
  entry = json_array_get_object_element (
      json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "log"),
                                    "entries"),
      0);
  g_assert_cmpint (json_object_get_int_member (member (entry, "response"), "status"), ==, 101);
  g_assert_cmpstr (pair_value (json_object_get_array_member (member (entry, "request"), "headers"),
                               "Upgrade"),
                   ==, "websocket");
  g_assert_cmpstr (json_object_get_string_member (entry, "_resourceType"), ==, "websocket");
  messages = json_object_get_array_member (entry, "_webSocketMessages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "type"),
                   ==, "send");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "data"),
                   ==, "héllo");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (messages, 1), "opcode"),
                   ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1), "data"),
                   ==, "AAEC");
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (ABS (json_object_get_double_member (json_array_get_object_element (messages, i),
                                                           "time") -
                            now),
                       <, 60);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 2), "type"),
                   ==, "receive");
}

/* HAR in */

/* A HAR file of tests/har (written from the HAR 1.2 specification in the style each browser
 * saves, never copied from one), its "LAB/" the lab's URL. */
static char *
lab_har (Fixture *fixture,
         const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "har", name, NULL);
  g_autofree char *base = pf_test_lab_url (fixture->lab, "");
  g_autofree char *text = NULL;
  g_auto (GStrv) parts = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (text, "LAB/", -1);
  return g_strjoinv (base, parts);
}

static GListModel *
load_entries (const char *har)
{
  g_autoptr (GError) error = NULL;
  GListModel *entries = pf_har_entry_list_new_from_data (har, strlen (har), &error);

  g_assert_no_error (error);
  return entries;
}

/* Sends @request as its page would, and returns the rule that blocked it. */
static char *
blocked_rule (Fixture *fixture,
              PfRequest *request)
{
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (PfCorsFinding) finding = NULL;

  g_assert_true (pf_cors_flow_attach (exchange, NULL));
  pf_test_lab_run_exchange (exchange, NULL);
  g_assert_cmpint (pf_cors_flow_get_outcome (pf_cors_flow_get_for (exchange)), ==,
                   PF_CORS_OUTCOME_BLOCKED);
  finding = g_list_model_get_item (pf_cors_flow_get_failures (pf_cors_flow_get_for (exchange)), 0);
  g_assert_nonnull (pf_cors_finding_get_rule (finding));
  return g_strdup (pf_cors_finding_get_rule (finding));
}

static gboolean
has_note (PfHarEntry *entry,
          const char *start)
{
  const char *const *notes = pf_har_entry_get_notes (entry);

  for (guint i = 0; notes[i] != NULL; i++)
    if (g_str_has_prefix (notes[i], start))
      return TRUE;
  return FALSE;
}

/* A page at http://page.test fetched the lab's /cors/api without the server allowing it:
 * Chromium saves such a request with status 0 and "_error", its HTTP/2 pseudo-headers and the
 * headers it set itself. */
static void
test_in_chromium_blocked (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *har = lab_har (fixture, "chromium-blocked.har");
  g_autoptr (GListModel) entries = load_entries (har);
  g_autoptr (PfHarEntry) entry = NULL;
  g_autofree char *rule = NULL;
  PfRequest *request;
  GListModel *headers;

  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  entry = g_list_model_get_item (entries, 0);
  g_assert_true (pf_har_entry_get_failed (entry));
  g_assert_cmpstr (pf_har_entry_get_error (entry), ==, "net::ERR_FAILED");
  g_assert_cmpstr (pf_har_entry_get_origin (entry), ==, "http://page.test");
  g_assert_true (has_note (entry, ":authority is left out"));
  g_assert_true (has_note (entry, "sec-fetch-mode is left out"));
  g_assert_true (has_note (entry, "cookie is left out"));
  request = pf_har_entry_get_request (entry);
  g_assert_cmpstr (pf_request_get_method (request), ==, "PUT");
  g_assert_cmpstr (pf_request_get_origin (request), ==, "http://page.test");
  g_assert_cmpint (pf_request_get_credentials (request), ==, PF_CREDENTIALS_INCLUDE);
  g_assert_cmpstr (pf_request_get_body_text (request), ==, "{\"a\": \"é\"}");
  headers = pf_request_get_headers (request);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 3); /* accept, content-type, x-token */

  /* Sent again as that page would: Preflight names the rule that blocked it. */
  rule = blocked_rule (fixture, request);
  g_test_message ("rule: %s", rule);
}

/* Firefox's "Save All As HAR": HTTP/1.1 headers with Host, Connection and the Sec-Fetch ones,
 * timings of 0 for the phases it did not time, and "params" beside "text". A same-origin GET is
 * sent again as it was; a cross-origin form POST the browser got an answer to (but did not
 * hand to the page) is replayed from its Origin, with its cookie, and blocked by a rule. */
static void
test_in_firefox (Fixture *fixture,
                 gconstpointer data)
{
  g_autofree char *har = lab_har (fixture, "firefox.har");
  g_autoptr (GListModel) entries = load_entries (har);
  g_autoptr (PfHarEntry) get = NULL;
  g_autoptr (PfHarEntry) post = NULL;
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *rule = NULL;
  PfRequest *request;

  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  get = g_list_model_get_item (entries, 0);
  g_assert_cmpuint (pf_har_entry_get_status (get), ==, 200);
  g_assert_false (pf_har_entry_get_failed (get));
  g_assert_null (pf_har_entry_get_origin (get));
  g_assert_true (has_note (get, "Host is left out"));
  g_assert_true (has_note (get, "Sec-Fetch-Mode is left out"));
  request = pf_har_entry_get_request (get);
  g_assert_true (g_str_has_suffix (pf_request_get_url (request), "/example.txt?lang=en"));
  g_assert_cmpstr (pf_request_get_origin (request), ==, "");
  exchange = pf_exchange_new (fixture->profile, request);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);

  post = g_list_model_get_item (entries, 1);
  g_assert_cmpstr (pf_har_entry_get_origin (post), ==, "http://page.test");
  g_assert_true (has_note (post, "Cookie is left out"));
  g_assert_true (has_note (post, "Content-Length is left out"));
  request = pf_har_entry_get_request (post);
  g_assert_cmpstr (pf_request_get_method (request), ==, "POST");
  g_assert_cmpint (pf_request_get_credentials (request), ==, PF_CREDENTIALS_INCLUDE);
  g_assert_cmpstr (pf_request_get_body_text (request), ==, "q=caf%C3%A9&n=1");
  rule = blocked_rule (fixture, request);
  g_test_message ("rule: %s", rule);
}

/* HAR 1.2 lets a form be saved as "params" without "text": its fields are sent again. */
static void
test_in_params_only (Fixture *fixture,
                     gconstpointer data)
{
  g_autofree char *har = lab_har (fixture, "spec-params.har");
  g_autoptr (GListModel) entries = load_entries (har);
  g_autoptr (PfHarEntry) entry = g_list_model_get_item (entries, 0);
  PfRequest *request = pf_har_entry_get_request (entry);
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (GBytes) body = NULL;
  g_autofree char *encoded = NULL;

  g_assert_cmpint (pf_request_get_body_kind (request), ==, PF_BODY_URLENCODED);
  encoded = pf_request_encode_fields (request);
  g_assert_cmpstr (encoded, ==, "q=a%20b%26c&%C3%A9=%C3%BC");
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  body = pf_exchange_dup_body_bytes (exchange);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "q=a%20b%26c"));
}

static const char *
header_value (PfRequest *request,
              const char *name)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) header = g_list_model_get_item (headers, i);

      if (g_ascii_strcasecmp (pf_key_value_get_name (header), name) == 0)
        return pf_key_value_get_value (header);
    }
  return NULL;
}

/* What Preflight saves, it reads back to the same requests. */
static void
test_in_round_trip (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "echo?q=1");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GFile) file = g_file_new_build_filename (g_get_user_cache_dir (), "round.har", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GListModel) entries = NULL;
  g_autoptr (PfHarEntry) entry = NULL;
  gsize length = 0;

  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "line 1\nline 2 “quoted”");
  pf_request_add_header (request, "X-Custom", "a, b");
  exchange = run (fixture, request, NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (pf_har_save (&exchange, 1, PF_HAR_NONE, file, &error));
  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  entries = pf_har_entry_list_new_from_data (contents, length, &error);
  g_assert_no_error (error);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (pf_har_entry_get_url (entry), ==, pf_exchange_get_url (exchange));
  g_assert_cmpuint (pf_har_entry_get_status (entry), ==, 200);
  g_assert_false (pf_har_entry_get_failed (entry));
  g_assert_null (pf_har_entry_get_origin (entry));
  g_assert_cmpstr (pf_request_get_method (pf_har_entry_get_request (entry)), ==, "POST");
  g_assert_cmpstr (pf_request_get_body_text (pf_har_entry_get_request (entry)), ==,
                   "line 1\nline 2 “quoted”");
  g_assert_true (has_note (entry, "Host is left out"));
  g_assert_cmpstr (header_value (pf_har_entry_get_request (entry), "X-Custom"), ==, "a, b");
}

static void
assert_load_error (const char *har,
                   int code,
                   const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) entries = pf_har_entry_list_new_from_data (har, strlen (har), &error);

  g_assert_null (entries);
  g_assert_error (error, PF_HAR_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
}

/* The first problem, where it is; and nothing half-read. */
static void
test_in_errors_say_where (void)
{
  assert_load_error ("{\"log\": {\"entries\": [}", PF_HAR_ERROR_SYNTAX, "1:");
  assert_load_error ("[1, 2]", PF_HAR_ERROR_FORMAT, "“log”");
  assert_load_error ("{\"log\": {}}", PF_HAR_ERROR_FORMAT, "$.log.entries: missing");
  assert_load_error ("{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"http://a/\","
                     " \"headers\": []}, \"response\": {\"status\": 200}},"
                     " {\"request\": {\"method\": \"GET\", \"headers\": []}}]}}",
                     PF_HAR_ERROR_FORMAT, "$.log.entries[1].request.url: missing");
  assert_load_error ("{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"http://a/\","
                     " \"headers\": [{\"name\": \"A\", \"value\": 3}]}, \"response\": {\"status\": 200}}]}}",
                     PF_HAR_ERROR_FORMAT, "$.log.entries[0].request.headers[0].value: not a string");
  assert_load_error ("{\"log\": {\"entries\": [{\"request\": {\"method\": \"POST\", \"url\": \"http://a/\","
                     " \"headers\": [], \"postData\": {\"mimeType\": \"application/x-www-form-urlencoded\","
                     " \"params\": [{\"name\": \"a\"}, 3]}}, \"response\": {\"status\": 200}}]}}",
                     PF_HAR_ERROR_FORMAT, "$.log.entries[0].request.postData.params[1]: not an object");
}

#define ADD(path, func) \
  g_test_add ("/har/" path, Fixture, NULL, pf_test_lab_set_up, func, pf_test_lab_tear_down)

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ADD ("entry/get-text", test_get_text);
  ADD ("entry/binary-is-base64", test_binary_is_base64);
  ADD ("timings/ssl-inside-connect", test_timings_ssl_inside_connect);
  ADD ("entry/post-data", test_post_data);
  ADD ("entry/post-data-file-parts", test_post_data_file_parts);
  ADD ("entry/response-cookies", test_response_cookies);
  ADD ("entry/failure-has-status-0", test_failure_entry);
  ADD ("redirect/an-entry-per-hop", test_redirect_entry_per_hop);
  ADD ("cors/preflight-is-its-own-entry", test_preflight_entry);
  ADD ("in/chromium-blocked-replays-under-cors", test_in_chromium_blocked);
  ADD ("in/firefox-entries-sent-again", test_in_firefox);
  ADD ("in/params-without-text-are-the-form", test_in_params_only);
  ADD ("in/round-trip", test_in_round_trip);
  ADD ("secrets/masked-unless-asked", test_secrets_masked_unless_asked);
  ADD ("web-socket/messages-as-chromium-saves-them", test_web_socket_messages);
  g_test_add_func ("/har/in/errors-say-where", test_in_errors_say_where);
  return g_test_run ();
}
