/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-cors-flow.h"
#include "pf-exchange-script.h"
#include "pf-test-lab.h"

/* The XHR modes a page chooses before send (), against the real lab server: a synchronous
 * request (open (…, false)), and responseType: what xhr.response, responseText and
 * responseXML are. */

typedef PfTestLab Fixture;

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

static PfExchange *
run_request (Fixture *fixture,
             PfRequest *request)
{
  PfExchange *exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (GError) error = NULL;

  g_assert_true (pf_test_lab_run_exchange (exchange, &error));
  g_assert_no_error (error);
  return exchange;
}

/* The XHR events as a short string ("rs1 rs4 load loadend"); the phase named @phase, if
 * any, in @found. */
static char *
event_order (PfExchange *exchange,
             const char *phase,
             PfTimelineEntry **found)
{
  GListModel *timeline = pf_exchange_get_timeline (exchange);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);
      const char *name = pf_timeline_entry_get_name (entry);

      if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_PHASE && phase != NULL &&
          g_str_equal (name, phase) && found != NULL)
        g_set_object (found, entry);
      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_EVENT)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (pf_timeline_entry_get_target (entry) == PF_TARGET_UPLOAD)
        g_string_append (out, "upload.");
      if (g_str_equal (name, "readystatechange"))
        g_string_append_printf (out, "rs%d", pf_timeline_entry_get_ready_state (entry));
      else
        g_string_append (out, name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_sync_events (Fixture *fixture,
                  gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "echo");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfTimelineEntry) frozen = NULL;
  g_autofree char *order = NULL;

  pf_request_set_sync (request, TRUE);
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "hello world!");
  exchange = run_request (fixture, request);
  order = event_order (exchange, "frozen", &frozen);
  /* No loadstart, progress, upload event or readystatechange 2 and 3 (XHR send ()). */
  g_assert_cmpstr (order, ==, "rs1 rs4 load loadend");
  g_assert_true (pf_exchange_get_sync (exchange));
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_null (pf_exchange_get_exception (exchange));
  /* The page was frozen from send () to DONE. */
  g_assert_nonnull (frozen);
  g_assert_cmpint (pf_timeline_entry_get_time_us (frozen), ==, 0);
  g_assert_cmpint (pf_timeline_entry_get_end_us (frozen), ==,
                   pf_exchange_get_elapsed_us (exchange));
  g_assert_cmpint (pf_timeline_entry_get_end_us (frozen), >, 0);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_async_has_no_frozen_band (Fixture *fixture,
                               gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "example.txt");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  g_autoptr (PfTimelineEntry) frozen = NULL;
  g_autofree char *order = event_order (exchange, "frozen", &frozen);

  g_assert_null (frozen);
  g_assert_false (pf_exchange_get_sync (exchange));
  g_assert_true (g_str_has_prefix (order, "rs1 loadstart rs2"));
}

/* A network error: send () throws a NetworkError, and no error or loadend event fires. */
static void
test_sync_network_error_throws (Fixture *fixture,
                                gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "garbage");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *order = NULL;
  g_autofree char *url = pf_test_lab_url (fixture->lab, "garbage");
  g_autofree char *expected = NULL;

  pf_request_set_sync (request, TRUE);
  exchange = run_request (fixture, request);
  order = event_order (exchange, NULL, NULL);
  g_assert_cmpstr (order, ==, "rs1");
  g_assert_cmpint (pf_exchange_get_ready_state (exchange), ==, PF_READY_STATE_DONE);
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange), ==, "network");
  expected = g_strdup_printf ("NetworkError: Failed to execute 'send' on 'XMLHttpRequest': "
                              "Failed to load '%s'.",
                              url);
  g_assert_cmpstr (pf_exchange_get_exception (exchange), ==, expected);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

/* In a window, a synchronous request refuses a timeout and any responseType, before anything
 * is sent. */
static void
test_sync_refusals (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "example.txt");
  g_autoptr (GError) error = NULL;

  pf_request_set_sync (request, TRUE);
  g_assert_true (pf_request_validate (request, NULL));
  pf_request_set_timeout_ms (request, 100);
  g_assert_false (pf_request_validate (request, &error));
  g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_SYNC);
  g_assert_nonnull (strstr (error->message, "Timeouts cannot be set for synchronous requests "
                                            "made from a document."));
  g_clear_error (&error);
  pf_request_set_timeout_ms (request, 0);
  pf_request_set_response_type (request, PF_RESPONSE_TYPE_TEXT);
  g_assert_false (pf_request_validate (request, &error));
  g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_SYNC);
  g_assert_nonnull (strstr (error->message, "The response type cannot be changed for "
                                            "synchronous requests made from a document."));
  g_clear_error (&error);
  /* Asynchronous, both are fine. */
  pf_request_set_sync (request, FALSE);
  pf_request_set_timeout_ms (request, 100);
  g_assert_true (pf_request_validate (request, NULL));
}

/* Runs GET @path with @type; returns xhr.response as JSON text, and in @throws which of
 * responseText and responseXML throw ("T", "X", "TX" or ""). */
static char *
response_of (Fixture *fixture,
             const char *path,
             PfResponseType type,
             char *throws)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", path);
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (JsonNode) response = NULL;
  g_autofree char *text_exception = NULL;
  g_autofree char *xml_exception = NULL;

  pf_request_set_response_type (request, type);
  exchange = run_request (fixture, request);
  response = pf_exchange_dup_response (exchange);
  text_exception = pf_exchange_dup_read_exception (exchange, "responseText");
  xml_exception = pf_exchange_dup_read_exception (exchange, "responseXML");
  g_snprintf (throws, 3, "%s%s", text_exception ? "T" : "", xml_exception ? "X" : "");
  if (text_exception != NULL)
    g_assert_true (g_str_has_prefix (text_exception, "InvalidStateError: Failed to read the "
                                                     "'responseText' property"));
  g_assert_finalize_object (g_steal_pointer (&exchange));
  return json_to_string (response, FALSE);
}

/* Each responseType on the lab's responses, as Chromium reads them
 * (tests/browser/compare-xhr-response.py checks the same against the browser). */
static void
test_response_types (Fixture *fixture,
                     gconstpointer data)
{
  static const struct
  {
    const char *path;
    PfResponseType type;
    const char *response; /* a prefix of the JSON text */
    const char *throws;
  } cases[] = {
    { "example.txt", PF_RESPONSE_TYPE_DEFAULT, "\"Hello from the Preflight lab server.\\n", "" },
    { "xml", PF_RESPONSE_TYPE_TEXT, "\"<?xml", "X" },
    { "echo?name=value", PF_RESPONSE_TYPE_JSON, "{\"method\":\"GET\"", "TX" },
    { "example.txt", PF_RESPONSE_TYPE_JSON, "null", "TX" },
    { "bytes/0", PF_RESPONSE_TYPE_JSON, "null", "TX" },
    { "xhr-events.html", PF_RESPONSE_TYPE_DOCUMENT,
      "{\"class\":\"Document\",\"documentElement\":\"HTML\",\"contentType\":\"text/html\"}",
      "T" },
    { "xml", PF_RESPONSE_TYPE_DOCUMENT,
      "{\"class\":\"Document\",\"documentElement\":\"books\",\"contentType\":"
      "\"application/xml\"}",
      "T" },
    { "example.txt", PF_RESPONSE_TYPE_DOCUMENT, "null", "T" },
    { "bytes/16", PF_RESPONSE_TYPE_ARRAYBUFFER, "{\"class\":\"ArrayBuffer\",\"byteLength\":16}",
      "TX" },
    { "example.txt", PF_RESPONSE_TYPE_BLOB,
      "{\"class\":\"Blob\",\"size\":110,\"type\":\"text/plain;charset=utf-8\"}", "TX" },
    { "garbage", PF_RESPONSE_TYPE_JSON, "null", "TX" },
    { "garbage", PF_RESPONSE_TYPE_TEXT, "\"\"", "X" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char throws[3];
      g_autofree char *response = response_of (fixture, cases[i].path, cases[i].type, throws);

      g_test_message ("%s as %s: %s", cases[i].path, pf_response_type_to_string (cases[i].type),
                      response);
      g_assert_true (g_str_has_prefix (response, cases[i].response));
      g_assert_cmpstr (throws, ==, cases[i].throws);
    }
}

/* The words the window shows: null and why, and what reading responseText throws. */
static void
test_response_described (Fixture *fixture,
                         gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "example.txt");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *described = NULL;
  g_autofree char *plain = NULL;

  exchange = run_request (fixture, request);
  plain = pf_exchange_describe_response (exchange);
  g_assert_null (plain);
  g_clear_object (&exchange);
  pf_request_set_response_type (request, PF_RESPONSE_TYPE_JSON);
  exchange = run_request (fixture, request);
  described = pf_exchange_describe_response (exchange);
  g_assert_true (g_str_has_prefix (described, "xhr.response is null: the body does not parse as "
                                              "JSON\nReading xhr.responseText throws "
                                              "InvalidStateError"));
}

/* XDomainRequest's rules, each refused with its words before anything is sent. */
static void
test_xdr_refusals (void)
{
  static const struct
  {
    const char *method;
    const char *url;
    const char *origin;
    const char *header;
    PfBodyKind body;
    PfCredentialsMode credentials;
    const char *message;
  } cases[] = {
    { "GET", "http://api.test/", "", NULL, PF_BODY_NONE, PF_CREDENTIALS_SAME_ORIGIN,
      "XDomainRequest needs the page’s origin" },
    { "GET", "http://api.test/", "https://app.test", NULL, PF_BODY_NONE,
      PF_CREDENTIALS_SAME_ORIGIN, "the page is https, so the URL must be too" },
    { "PUT", "http://api.test/", "http://app.test", NULL, PF_BODY_NONE,
      PF_CREDENTIALS_SAME_ORIGIN, "only sends GET and POST, not PUT" },
    { "GET", "http://api.test/", "http://app.test", "X-Token", PF_BODY_NONE,
      PF_CREDENTIALS_SAME_ORIGIN, "cannot add request headers: “X-Token”" },
    { "POST", "http://api.test/", "http://app.test", NULL, PF_BODY_MULTIPART,
      PF_CREDENTIALS_SAME_ORIGIN, "a string body only" },
    { "GET", "http://api.test/", "http://app.test", NULL, PF_BODY_NONE, PF_CREDENTIALS_INCLUDE,
      "never sends cookies" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PfRequest) request = pf_request_new ();
      g_autoptr (GError) error = NULL;

      pf_request_set_method (request, cases[i].method);
      pf_request_set_url (request, cases[i].url);
      pf_request_set_origin (request, cases[i].origin);
      if (cases[i].header != NULL)
        pf_request_add_header (request, cases[i].header, "1");
      pf_request_set_body_kind (request, cases[i].body);
      pf_request_set_credentials (request, cases[i].credentials);
      g_assert_true (pf_request_validate (request, NULL) || *cases[i].origin == '\0');
      pf_request_set_xdr (request, TRUE);
      g_assert_false (pf_request_validate (request, &error));
      g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_XDR);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static PfExchange *
run_xdr (Fixture *fixture,
         const char *path)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", path);
  PfExchange *exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (GError) error = NULL;

  pf_request_set_origin (request, "http://app.example");
  pf_request_set_body_kind (request, PF_BODY_URLENCODED);
  pf_request_add_field (request, "name", "Nicholas");
  pf_request_set_xdr (request, TRUE);
  g_assert_nonnull (pf_cors_flow_attach (exchange, &error));
  g_assert_true (pf_test_lab_run_exchange (exchange, &error));
  g_assert_no_error (error);
  return exchange;
}

/* Allowed: the body went as text/plain with Origin and no cookie, the page has no header, and
 * its events are XDomainRequest's: progress, load. */
static void
test_xdr_allowed (Fixture *fixture,
                  gconstpointer data)
{
  g_autoptr (PfExchange) exchange = run_xdr (fixture, "cors/api?allow-origin=*");
  g_autoptr (GBytes) body = pf_exchange_dup_body_bytes (exchange);
  g_autofree char *order = event_order (exchange, NULL, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  g_assert_cmpstr (order, ==, "progress load");
  g_assert_true (pf_exchange_get_xdr (exchange));
  g_assert_nonnull (strstr (text, "\"Content-Type\",\n      \"text/plain\""));
  g_assert_nonnull (strstr (text, "\"Origin\",\n      \"http://app.example\""));
  g_assert_nonnull (strstr (text, "\"body\" : \"name=Nicholas\""));
  g_assert_false (pf_exchange_is_header_exposed (exchange, "Content-Language"));
  g_assert_false (pf_exchange_is_header_exposed (exchange, "Content-Type"));
  g_assert_cmpint (pf_cors_flow_get_credentials (pf_cors_flow_get_for (exchange)), ==,
                   PF_CREDENTIALS_OMIT);
}

/* Without Access-Control-Allow-Origin the page gets onerror, and the words name the header. */
static void
test_xdr_blocked (Fixture *fixture,
                  gconstpointer data)
{
  g_autoptr (PfExchange) exchange = run_xdr (fixture, "cors/api");
  g_autofree char *order = event_order (exchange, NULL, NULL);

  g_assert_cmpstr (order, ==, "error");
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange), ==, "network");
  g_assert_true (g_str_has_prefix (pf_exchange_get_error_message (exchange),
                                   "Blocked as an XDomainRequest: "));
  g_assert_nonnull (strstr (pf_exchange_get_error_message (exchange),
                            "Access-Control-Allow-Origin"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_lab_set_up, func, pf_test_lab_tear_down)

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/xhr-modes/sync/events-and-frozen-band", test_sync_events);
  ADD ("/xhr-modes/sync/async-has-no-frozen-band", test_async_has_no_frozen_band);
  ADD ("/xhr-modes/sync/network-error-throws", test_sync_network_error_throws);
  ADD ("/xhr-modes/sync/timeout-and-response-type-refused", test_sync_refusals);
  ADD ("/xhr-modes/response-type/each-type", test_response_types);
  ADD ("/xhr-modes/response-type/described", test_response_described);
  g_test_add_func ("/xhr-modes/xdr/refusals-named", test_xdr_refusals);
  ADD ("/xhr-modes/xdr/allowed-as-text-plain-without-headers", test_xdr_allowed);
  ADD ("/xhr-modes/xdr/blocked-without-allow-origin", test_xdr_blocked);

  return g_test_run ();
}
