/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-exchange.h"
#include "pf-mime.h"
#include "pf-test-lab.h"

/* PfExchange against the real lab server over loopback: the XHR event order, progress
 * values, response details and every way an exchange can go wrong. */

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

/* The XHR events as a short string: "rs1 loadstart upload.loadstart … loadend". */
static char *
event_order (PfExchange *exchange)
{
  GListModel *timeline = pf_exchange_get_timeline (exchange);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);
      const char *name = pf_timeline_entry_get_name (entry);

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

/* Repeated "rs3 progress" pairs collapse to one, as the WPT event-order tests allow. */
static char *
collapsed_order (PfExchange *exchange)
{
  g_autofree char *order = event_order (exchange);
  g_autoptr (GString) out = g_string_new (order);

  while (g_string_replace (out, "rs3 progress rs3 progress", "rs3 progress", 0) > 0)
    ;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static PfTimelineEntry *
find_event (PfExchange *exchange,
            PfTarget target,
            const char *name)
{
  GListModel *timeline = pf_exchange_get_timeline (exchange);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);

      if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_EVENT &&
          pf_timeline_entry_get_target (entry) == target &&
          g_str_equal (pf_timeline_entry_get_name (entry), name))
        return entry;
    }
  return NULL;
}

static char *
body_text (PfExchange *exchange)
{
  g_autoptr (GBytes) bytes = pf_exchange_dup_body_bytes (exchange);

  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_order_success (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "example.txt");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  g_autofree char *order = event_order (exchange);
  PfTimelineEntry *load = find_event (exchange, PF_TARGET_XHR, "load");

  g_assert_cmpstr (order, ==, "rs1 loadstart rs2 rs3 progress rs4 load loadend");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_cmpstr (pf_exchange_get_status_text (exchange), ==, "OK");
  g_assert_cmpint (pf_exchange_get_ready_state (exchange), ==, PF_READY_STATE_DONE);
  g_assert_cmpuint (pf_timeline_entry_get_loaded (load), ==, pf_exchange_get_loaded (exchange));
  g_assert_cmpuint (pf_timeline_entry_get_total (load), ==, pf_exchange_get_loaded (exchange));
  g_assert_true (pf_timeline_entry_get_length_computable (load));
  g_assert_null (pf_exchange_get_failure_name (exchange));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_order_empty_body (Fixture *fixture,
                       gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "bytes/0");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  g_autofree char *order = event_order (exchange);

  g_assert_cmpstr (order, ==, "rs1 loadstart rs2 rs4 load loadend");
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_order_not_found_is_a_load (Fixture *fixture,
                                gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "status/404");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  g_autofree char *order = event_order (exchange);

  g_assert_cmpstr (order, ==, "rs1 loadstart rs2 rs3 progress rs4 load loadend");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 404);
  g_assert_null (pf_exchange_get_failure_name (exchange));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_order_upload (Fixture *fixture,
                   gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "echo");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *order = NULL;
  PfTimelineEntry *upload_load;

  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "hello world!");
  exchange = run_request (fixture, request);
  order = collapsed_order (exchange);
  g_assert_true (g_str_has_prefix (order, "rs1 loadstart upload.loadstart upload.progress"));
  g_assert_nonnull (strstr (order, "upload.progress upload.load upload.loadend rs2 rs3 progress"));
  g_assert_true (g_str_has_suffix (order, "rs4 load loadend"));
  upload_load = find_event (exchange, PF_TARGET_UPLOAD, "load");
  g_assert_cmpuint (pf_timeline_entry_get_loaded (upload_load), ==, 12);
  g_assert_cmpuint (pf_timeline_entry_get_total (upload_load), ==, 12);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
abort_on_progress_cb (GListModel *timeline,
                      guint position,
                      guint removed,
                      guint added,
                      PfExchange *exchange)
{
  g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, position + added - 1);

  if (g_str_equal (pf_timeline_entry_get_name (entry), "progress"))
    pf_exchange_abort (exchange);
}

static void
test_order_abort_while_loading (Fixture *fixture,
                                gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET",
                                               "drip?numbytes=10&duration=1000");
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  g_autofree char *order = NULL;

  g_signal_connect (pf_exchange_get_timeline (exchange), "items-changed",
                    G_CALLBACK (abort_on_progress_cb), exchange);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  order = event_order (exchange);
  g_assert_cmpstr (order, ==, "rs1 loadstart rs2 rs3 progress rs4 abort loadend");
  g_assert_cmpint (pf_exchange_get_ready_state (exchange), ==, PF_READY_STATE_UNSENT);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 0);
  g_assert_cmpuint (pf_exchange_get_server_status (exchange), ==, 200);
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange), ==, "abort");
  g_signal_handlers_disconnect_by_data (pf_exchange_get_timeline (exchange), exchange);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_order_network_error (Fixture *fixture,
                          gconstpointer data)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *url = NULL;
  g_autofree char *order = NULL;

  /* Bind a port, then close it: nothing listens there any more. */
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_listener_close (listener);
  pf_request_set_url (request, url);
  exchange = run_request (fixture, request);
  order = event_order (exchange);
  g_assert_cmpstr (order, ==, "rs1 loadstart rs4 error loadend");
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange), ==, "network");
  g_assert_nonnull (pf_exchange_get_error_message (exchange));
  g_assert_cmpint (pf_exchange_get_ready_state (exchange), ==, PF_READY_STATE_DONE);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_order_timeout (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "delay/3000");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *order = NULL;
  PfTimelineEntry *timeout;

  pf_request_set_timeout_ms (request, 200);
  exchange = run_request (fixture, request);
  order = event_order (exchange);
  g_assert_cmpstr (order, ==, "rs1 loadstart rs4 timeout loadend");
  timeout = find_event (exchange, PF_TARGET_XHR, "timeout");
  g_assert_cmpint (pf_timeline_entry_get_time_us (timeout), >=, 200 * 1000);
  g_assert_cmpint (pf_timeline_entry_get_time_us (timeout), <, 2000 * 1000);
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange), ==, "timeout");
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_order_timeout_during_upload (Fixture *fixture,
                                  gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "delay/3000");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *order = NULL;

  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "x");
  pf_request_set_timeout_ms (request, 200);
  exchange = run_request (fixture, request);
  order = collapsed_order (exchange);
  /* The body was sent before the server stalled, so the upload completed first. */
  g_assert_true (g_str_has_suffix (order, "upload.loadend rs4 timeout loadend"));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_progress_without_content_length (Fixture *fixture,
                                      gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "bytes/100000?chunked=1");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  PfTimelineEntry *progress = find_event (exchange, PF_TARGET_XHR, "progress");
  PfTimelineEntry *load = find_event (exchange, PF_TARGET_XHR, "load");

  g_assert_cmpuint (pf_timeline_entry_get_total (progress), ==, 0);
  g_assert_false (pf_timeline_entry_get_length_computable (progress));
  g_assert_cmpuint (pf_timeline_entry_get_loaded (load), ==, 100000);
  g_assert_false (pf_timeline_entry_get_length_computable (load));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_progress_throttled (Fixture *fixture,
                         gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "drip?numbytes=40&duration=600");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  GListModel *timeline = pf_exchange_get_timeline (exchange);
  gint64 previous = -1;
  guint progress_events = 0;
  guint64 last_loaded = 0;

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_EVENT ||
          !g_str_equal (pf_timeline_entry_get_name (entry), "progress"))
        continue;
      /* The last one may be the flush before DONE; all others are ≥ 50 ms apart. */
      if (previous >= 0 && pf_timeline_entry_get_loaded (entry) < 40)
        g_assert_cmpint (pf_timeline_entry_get_time_us (entry) - previous, >=, 50 * 1000);
      g_assert_cmpuint (pf_timeline_entry_get_loaded (entry), >, last_loaded);
      last_loaded = pf_timeline_entry_get_loaded (entry);
      previous = pf_timeline_entry_get_time_us (entry);
      progress_events++;
    }
  g_assert_cmpuint (last_loaded, ==, 40);
  g_assert_cmpuint (progress_events, >=, 3);
  g_assert_cmpuint (progress_events, <=, 14);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_response_all_headers_format (Fixture *fixture,
                                  gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "example.txt");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  g_autofree char *all = pf_exchange_dup_all_response_headers (exchange);
  g_auto (GStrv) lines = g_strsplit (all, "\r\n", -1);

  g_assert_true (g_str_has_suffix (all, "\r\n"));
  g_assert_nonnull (strstr (all, "content-type: text/plain"));
  for (guint i = 0; lines[i] && lines[i + 1] && *lines[i + 1]; i++)
    g_assert_cmpint (strcmp (lines[i], lines[i + 1]), <, 0);
  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      g_autofree char *lower = g_ascii_strdown (lines[i], strchr (lines[i], ':') - lines[i]);
      g_assert_true (g_str_has_prefix (lines[i], lower));
    }
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

/* The records read without the list model (as the CLI reads them) are the model's rows, the
 * same before the model is made and after, and the model made late holds them all. */
static void
test_timeline_records_without_model (Fixture *fixture,
                                     gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "example.txt");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  const PfTimelineRecord *record;
  GListModel *timeline;

  for (guint i = 0; (record = pf_exchange_get_record (exchange, i)) != NULL; i++)
    g_ptr_array_add (names, (gpointer) record->name);
  g_assert_cmpuint (names->len, >=, 6);
  timeline = pf_exchange_get_timeline (exchange);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, names->len);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);

      g_assert_cmpstr (pf_timeline_entry_get_name (entry), ==, names->pdata[i]);
      g_assert_true (pf_exchange_get_record (exchange, i)->name == names->pdata[i]);
    }
  g_assert_null (pf_exchange_get_record (exchange, names->len));
  g_assert_true (pf_exchange_get_timeline (exchange) == timeline);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
check_xml (Fixture *fixture,
           const char *path,
           const char *override,
           gboolean expected,
           const char *mime_type)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", path);
  g_autoptr (PfExchange) exchange = NULL;

  if (override != NULL)
    pf_request_set_override_mime_type (request, override);
  exchange = run_request (fixture, request);
  g_assert_cmpint (pf_exchange_get_response_xml (exchange), ==, expected);
  g_assert_true (g_str_has_prefix (pf_exchange_get_mime_type (exchange), mime_type));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_response_xml_and_override (Fixture *fixture,
                                gconstpointer data)
{
  check_xml (fixture, "xml", NULL, TRUE, "application/xml");
  check_xml (fixture, "xml-as-text", NULL, FALSE, "text/plain");
  check_xml (fixture, "xml-as-text", "text/xml", TRUE, "text/xml");
  check_xml (fixture, "example.txt", "text/xml", FALSE, "text/xml");
  check_xml (fixture, "xml", "text/plain; charset=x-user-defined", FALSE, "text/plain");
}

static void
test_body_spooled_past_limit (Fixture *fixture,
                              gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "bytes/300000");
  g_autoptr (PfRequest) small = request_for (fixture, "GET", "bytes/300000");
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (PfExchange) in_memory = run_request (fixture, small);
  g_autoptr (GBytes) expected = pf_exchange_dup_body_bytes (in_memory);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize length = 0;

  pf_exchange_set_memory_limit (exchange, 1000);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  g_assert_null (pf_exchange_dup_body_bytes (exchange));
  g_assert_nonnull (pf_exchange_get_body_file (exchange));
  path = g_file_get_path (pf_exchange_get_body_file (exchange));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
  g_assert_finalize_object (g_steal_pointer (&exchange));
  /* The spool file goes with its exchange (and the write that was last to hold its store,
   * which may end on the network thread just after). */
  PF_TEST_WAIT_UNTIL (!g_file_test (path, G_FILE_TEST_EXISTS), 5000);
  g_assert_finalize_object (g_steal_pointer (&in_memory));
}

static void
test_redirects_followed (Fixture *fixture,
                         gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "redirect/3");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  GListModel *timeline = pf_exchange_get_timeline (exchange);
  guint redirects = 0;

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);
      redirects += pf_timeline_entry_get_kind (entry) == PF_TIMELINE_REDIRECT;
    }
  g_assert_cmpuint (redirects, ==, 3);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_true (g_str_has_suffix (pf_exchange_get_response_url (exchange), "/redirect/0"));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_redirects_limited (Fixture *fixture,
                        gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "redirect/3");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *order = NULL;

  pf_request_set_max_redirects (request, 2);
  exchange = run_request (fixture, request);
  order = event_order (exchange);
  g_assert_cmpstr (order, ==, "rs1 loadstart rs4 error loadend");
  g_assert_nonnull (strstr (pf_exchange_get_error_message (exchange), "Too many redirects"));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static JsonObject *
echo_of (PfExchange *exchange,
         JsonParser *parser)
{
  g_autofree char *text = body_text (exchange);

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
check_redirect_method (Fixture *fixture,
                       guint status,
                       const char *method,
                       const char *expected_method,
                       gboolean keeps_body)
{
  g_autofree char *path = g_strdup_printf ("redirect-to?url=/echo&status=%u", status);
  g_autoptr (PfRequest) request = request_for (fixture, method, path);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = NULL;
  JsonObject *echo;

  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "payload");
  exchange = run_request (fixture, request);
  echo = echo_of (exchange, parser);
  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, expected_method);
  g_assert_cmpstr (json_object_get_string_member (echo, "body"), ==, keeps_body ? "payload" : "");
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_redirects_rewrite_methods_as_fetch (Fixture *fixture,
                                         gconstpointer data)
{
  check_redirect_method (fixture, 301, "POST", "GET", FALSE);
  check_redirect_method (fixture, 302, "POST", "GET", FALSE);
  check_redirect_method (fixture, 303, "PUT", "GET", FALSE);
  check_redirect_method (fixture, 302, "PUT", "PUT", TRUE);
  check_redirect_method (fixture, 307, "POST", "POST", TRUE);
  check_redirect_method (fixture, 308, "PUT", "PUT", TRUE);
}

static const char *
echo_header (JsonObject *echo,
             const char *name)
{
  JsonArray *headers = json_object_get_array_member (echo, "headers");

  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      if (g_ascii_strcasecmp (json_array_get_string_element (pair, 0), name) == 0)
        return json_array_get_string_element (pair, 1);
    }
  return NULL;
}

static void
test_request_headers_as_xhr_sends_them (Fixture *fixture,
                                        gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "delete", "echo");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = NULL;
  JsonObject *echo;

  pf_request_add_header (request, "X-Twice", "one");
  pf_request_add_header (request, "x-twice", " two ");
  pf_request_add_header (request, "Cookie", "stolen=1");
  pf_key_value_set_enabled (pf_request_add_header (request, "X-Off", "no"), FALSE);
  exchange = run_request (fixture, request);
  echo = echo_of (exchange, parser);
  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, "DELETE");
  g_assert_cmpstr (echo_header (echo, "X-Twice"), ==, "one, two");
  g_assert_null (echo_header (echo, "Cookie"));
  g_assert_null (echo_header (echo, "X-Off"));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_request_custom_method_sent_as_typed (Fixture *fixture,
                                          gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "patch", "echo");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  JsonObject *echo = echo_of (exchange, parser);

  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, "patch");
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_request_get_has_no_body (Fixture *fixture,
                              gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "echo");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *order = NULL;
  JsonObject *echo;

  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "ignored");
  exchange = run_request (fixture, request);
  order = event_order (exchange);
  echo = echo_of (exchange, parser);
  g_assert_cmpstr (json_object_get_string_member (echo, "body"), ==, "");
  g_assert_null (strstr (order, "upload."));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_request_urlencoded_fields (Fixture *fixture,
                                gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "echo");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = NULL;
  JsonObject *echo;
  JsonArray *fields;

  pf_request_set_body_kind (request, PF_BODY_URLENCODED);
  pf_request_add_field (request, "name", "Zhang San");
  pf_request_add_field (request, "note", "a&b=c 中文");
  exchange = run_request (fixture, request);
  echo = echo_of (exchange, parser);
  g_assert_cmpstr (json_object_get_string_member (echo, "body"), ==,
                   "name=Zhang%20San&note=a%26b%3Dc%20%E4%B8%AD%E6%96%87");
  g_assert_cmpstr (echo_header (echo, "Content-Type"), ==, "application/x-www-form-urlencoded");
  fields = json_object_get_array_member (json_object_get_object_member (echo, "form"), "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (fields, 1), 1), ==,
                   "a&b=c 中文");
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_request_multipart_with_file (Fixture *fixture,
                                  gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "echo");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "notes.txt", NULL);
  JsonObject *form, *file;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "file contents\n", -1, NULL));
  pf_request_set_body_kind (request, PF_BODY_MULTIPART);
  pf_request_add_field (request, "title", "Notes");
  pf_request_add_file_field (request, "attachment", path);
  exchange = run_request (fixture, request);
  form = json_object_get_object_member (echo_of (exchange, parser), "form");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (form, "fields")), ==, 1);
  file = json_array_get_object_element (json_object_get_array_member (form, "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (file, "field"), ==, "attachment");
  g_assert_cmpstr (json_object_get_string_member (file, "filename"), ==, "notes.txt");
  g_assert_cmpstr (json_object_get_string_member (file, "text"), ==, "file contents\n");
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

/* HTML's multipart/form-data encoding sends every line break of a name or string value as
 * CRLF (escaped as %0D%0A in a name), as Chromium does (tests/browser/compare-code.py). */
static void
test_request_multipart_line_breaks (Fixture *fixture,
                                    gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "echo");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = NULL;
  JsonArray *field;

  pf_request_set_body_kind (request, PF_BODY_MULTIPART);
  pf_request_add_field (request, "a\nb", "one\ntwo\rthree\r\nfour");
  exchange = run_request (fixture, request);
  field = json_array_get_array_element (
      json_object_get_array_member (json_object_get_object_member (echo_of (exchange, parser),
                                                                   "form"),
                                    "fields"),
      0);
  /* In a name, escaped: it is a quoted header parameter. */
  g_assert_cmpstr (json_array_get_string_element (field, 0), ==, "a%0D%0Ab");
  g_assert_cmpstr (json_array_get_string_element (field, 1), ==, "one\r\ntwo\r\nthree\r\nfour");
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_request_file_body (Fixture *fixture,
                        gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "PUT", "echo");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "body.json", NULL);
  PfTimelineEntry *upload_load;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"a\": 1}", -1, NULL));
  pf_request_set_body_kind (request, PF_BODY_FILE);
  pf_request_set_body_file (request, path);
  pf_request_set_body_content_type (request, "application/json");
  exchange = run_request (fixture, request);
  g_assert_cmpstr (json_object_get_string_member (echo_of (exchange, parser), "body"), ==,
                   "{\"a\": 1}");
  upload_load = find_event (exchange, PF_TARGET_UPLOAD, "load");
  g_assert_cmpuint (pf_timeline_entry_get_total (upload_load), ==, 8);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
check_bad_input (Fixture *fixture,
                 PfRequest *request,
                 int code)
{
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (GError) error = NULL;

  g_assert_false (pf_test_lab_run_exchange (exchange, &error));
  g_assert_error (error, PF_REQUEST_ERROR, code);
  g_assert_cmpuint (g_list_model_get_n_items (pf_exchange_get_timeline (exchange)), ==, 0);
  g_assert_cmpint (pf_exchange_get_ready_state (exchange), ==, PF_READY_STATE_UNSENT);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_bad_input_refused_before_sending (Fixture *fixture,
                                       gconstpointer data)
{
  g_autoptr (PfRequest) bad_url = request_for (fixture, "GET", "");
  g_autoptr (PfRequest) bad_header = request_for (fixture, "GET", "echo");
  g_autoptr (PfRequest) bad_value = request_for (fixture, "GET", "echo");
  g_autoptr (PfRequest) missing_file = request_for (fixture, "POST", "echo");
  g_autoptr (PfRequest) missing_part = request_for (fixture, "POST", "echo");
  const char *forbidden[] = { "CONNECT", "trace", "Track" };

  pf_request_set_url (bad_url, "http://exa mple.com/");
  check_bad_input (fixture, bad_url, PF_REQUEST_ERROR_INVALID_URL);
  pf_request_add_header (bad_header, "X Bad", "1");
  check_bad_input (fixture, bad_header, PF_REQUEST_ERROR_INVALID_HEADER_NAME);
  pf_request_add_header (bad_value, "X-Split", "a\r\nX-Injected: 1");
  check_bad_input (fixture, bad_value, PF_REQUEST_ERROR_INVALID_HEADER_VALUE);
  pf_request_set_body_kind (missing_file, PF_BODY_FILE);
  pf_request_set_body_file (missing_file, "/nonexistent/body.bin");
  check_bad_input (fixture, missing_file, PF_REQUEST_ERROR_BODY_FILE);
  pf_request_set_body_kind (missing_part, PF_BODY_MULTIPART);
  pf_request_add_file_field (missing_part, "f", "/nonexistent/part.bin");
  check_bad_input (fixture, missing_part, PF_REQUEST_ERROR_BODY_FILE);
  /* XHR open () throws for these before anything goes out (CONNECT once hung). */
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autoptr (PfRequest) request = request_for (fixture, forbidden[i], "echo");

      check_bad_input (fixture, request, PF_REQUEST_ERROR_FORBIDDEN_METHOD);
    }
}

static void
test_server_cut_mid_body (Fixture *fixture,
                          gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "cut");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  g_autofree char *order = event_order (exchange);

  g_assert_true (g_str_has_prefix (order, "rs1 loadstart rs2"));
  g_assert_true (g_str_has_suffix (order, "rs4 error loadend"));
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange), ==, "network");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_server_garbage (Fixture *fixture,
                     gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "garbage");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  g_autofree char *order = event_order (exchange);

  g_assert_cmpstr (order, ==, "rs1 loadstart rs4 error loadend");
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange), ==, "network");
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

/* The names of @exchange's network phases, in timeline order: "dns connect send …". */
static char *
phase_names (PfExchange *exchange)
{
  GListModel *timeline = pf_exchange_get_timeline (exchange);
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_PHASE)
        continue;
      g_assert_cmpint (pf_timeline_entry_get_end_us (entry), >=,
                       pf_timeline_entry_get_time_us (entry));
      g_string_append_printf (names, "%s ", pf_timeline_entry_get_name (entry));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_phases_recorded (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "example.txt");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);
  g_autofree char *names = phase_names (exchange);

  g_assert_nonnull (strstr (names, "connect "));
  g_assert_nonnull (strstr (names, "wait "));
  g_assert_nonnull (strstr (names, "download "));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

/* What the wire carried, against the lab: the peer is 127.0.0.1 on the lab's port, HTTP/1.1,
 * and the sizes are the bytes of the heads and bodies that went each way. */
static void
test_wire_sizes_and_peer (Fixture *fixture,
                          gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "echo");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GUri) lab = g_uri_parse (pf_lab_server_get_base_url (fixture->lab), G_URI_FLAGS_NONE,
                                      NULL);
  g_autofree char *peer = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (lab));
  g_autofree char *response = NULL;

  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "hello world!");
  exchange = pf_exchange_new (fixture->profile, request);
  g_assert_null (pf_exchange_get_http_version (exchange));
  g_assert_null (pf_exchange_get_remote_address (exchange));
  g_clear_object (&exchange);
  exchange = run_request (fixture, request);
  g_assert_cmpstr (pf_exchange_get_remote_address (exchange), ==, peer);
  g_assert_cmpstr (pf_exchange_get_http_version (exchange), ==, "HTTP/1.1");
  g_assert_cmpuint (pf_exchange_get_request_body_size (exchange), ==, strlen ("hello world!"));
  /* The heads as they went: their lines and the blank line that ends them. */
  g_assert_cmpuint (pf_exchange_get_request_head_size (exchange), ==,
                    strlen (pf_exchange_get_raw_request_head (exchange)) + 2);
  response = pf_exchange_dup_raw_response_head (exchange);
  g_assert_cmpuint (pf_exchange_get_response_head_size (exchange), ==, strlen (response) + 2);
  /* A Content-Length body comes as it is. */
  g_assert_cmpuint (pf_exchange_get_loaded (exchange), >, 0);
  g_assert_cmpuint (pf_exchange_get_response_body_transferred (exchange), ==,
                    pf_exchange_get_loaded (exchange));
}

/* A chunked body costs more on the wire than the body a script gets: the chunk framing. */
static void
test_wire_chunked_costs_framing (Fixture *fixture,
                                 gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "stream?lines=3&interval=10");
  g_autoptr (PfExchange) exchange = run_request (fixture, request);

  g_assert_cmpuint (pf_exchange_get_loaded (exchange), >, 0);
  g_assert_cmpuint (pf_exchange_get_response_body_transferred (exchange), >,
                    pf_exchange_get_loaded (exchange));
  g_assert_true (pf_exchange_get_body_is_text (exchange));
}

/* A chunk's row says what it added to responseText: its start on one line, escapes visible,
 * a long one cut with “…”; the byte count stays. */
static void
test_chunk_described_with_its_text (void)
{
  const struct
  {
    guint64 size;
    const char *text;
    const char *line;
  } cases[] = {
    { 7, "line 1\n", "chunk of 7 bytes: “line 1\\n”" },
    { 9, "a\tb\r\n\x1b€", "chunk of 9 bytes: “a\\tb\\r\\n\\x1b€”" },
    { 50, "0123456789012345678901234567890123456789€more",
      "chunk of 50 bytes: “0123456789012345678901234567890123456789…”" },
    { 3, NULL, "chunk of 3 bytes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PfTimelineRecord record = pf_timeline_record_chunk (cases[i].size, cases[i].text, 0);
      g_autofree char *line = pf_timeline_record_describe (&record);

      g_assert_cmpstr (line, ==, cases[i].line);
      pf_timeline_record_clear (&record);
    }
}

/* 127.0.0.1 is not looked up: no dns phase on a fresh connection. A name is (GLib answers
 * "localhost" itself, without the system's resolver): a dns phase before connect. */
static void
test_phases_dns_only_for_a_name (Fixture *fixture,
                                 gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "example.txt");
  g_autoptr (PfExchange) literal = run_request (fixture, request);
  g_autoptr (PfProfile) fresh = pf_profile_new ();
  g_autoptr (PfExchange) named = NULL;
  g_autofree char *url = g_strdup_printf ("http://localhost:%u/example.txt",
                                          pf_lab_server_get_port (fixture->lab));
  g_autofree char *literal_names = phase_names (literal);
  g_autofree char *named_names = NULL;

  g_assert_cmpstr (literal_names, ==, "connect send wait download ");
  pf_request_set_url (request, url);
  named = pf_exchange_new (fresh, request);
  g_assert_true (pf_test_lab_run_exchange (named, NULL));
  named_names = phase_names (named);
  g_assert_cmpstr (named_names, ==, "dns connect send wait download ");
  g_assert_finalize_object (g_steal_pointer (&literal));
  g_assert_finalize_object (g_steal_pointer (&named));
  PF_TEST_WAIT_UNTIL (G_OBJECT (fresh)->ref_count == 1 &&
                          G_OBJECT (pf_profile_get_session (fresh))->ref_count == 1,
                      5000);
  g_assert_finalize_object (g_steal_pointer (&fresh));
}

/* The caller's main loop stalls (a long frame in the window) just after Send and again at
 * HEADERS_RECEIVED. With the profile's I/O on its network thread, the stalls are not counted
 * as connect, wait or download: each phase is the network's time, as in the CLI. */
#define STALL_US (300 * G_TIME_SPAN_MILLISECOND)

static gboolean
stall_cb (gpointer data)
{
  g_usleep (STALL_US);
  return G_SOURCE_REMOVE;
}

static void
stall_at_headers_cb (PfExchange *exchange,
                     GParamSpec *pspec,
                     gpointer data)
{
  if (pf_exchange_get_ready_state (exchange) == PF_READY_STATE_HEADERS_RECEIVED)
    stall_cb (NULL);
}

static void
test_phases_network_time_while_the_caller_stalls (void)
{
  g_autoptr (PfLabServer) lab = pf_test_lab_server_start_in_thread ();
  g_autoptr (PfProfile) profile = pf_profile_new_with_network_thread ();
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autofree char *url = pf_test_lab_url (lab, "example.txt");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  GListModel *timeline;
  guint phases = 0;

  pf_request_set_url (request, url);
  exchange = pf_exchange_new (profile, request);
  g_signal_connect (exchange, "notify::ready-state", G_CALLBACK (stall_at_headers_cb), NULL);
  pf_exchange_send_async (exchange, NULL, pf_test_keep_result_cb, &result);
  g_idle_add_full (G_PRIORITY_HIGH, stall_cb, NULL, NULL);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (pf_exchange_send_finish (exchange, result, NULL));
  timeline = pf_exchange_get_timeline (exchange);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);
      gint64 span;

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_PHASE)
        continue;
      span = pf_timeline_entry_get_end_us (entry) - pf_timeline_entry_get_time_us (entry);
      g_test_message ("%s: %" G_GINT64_FORMAT " µs", pf_timeline_entry_get_name (entry), span);
      g_assert_cmpint (span, <, STALL_US / 2);
      phases++;
    }
  g_assert_cmpuint (phases, ==, 4);
  g_signal_handlers_disconnect_by_func (exchange, stall_at_headers_cb, NULL);
  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&exchange));
  PF_TEST_WAIT_UNTIL (G_OBJECT (profile)->ref_count == 1, 5000);
  g_assert_finalize_object (g_steal_pointer (&profile));
  pf_test_lab_server_finalize (g_steal_pointer (&lab));
}

/* An image ping's page sees one event, load or error: no readyState, no progress. */
static void
check_image_ping (Fixture *fixture,
                  const char *path,
                  const char *expected)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", path);
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *order = NULL;

  pf_request_set_initiator (request, PF_INITIATOR_IMAGE);
  exchange = run_request (fixture, request);
  order = event_order (exchange);
  g_test_message ("%s: %s", path, order);
  g_assert_cmpstr (order, ==, expected);
  g_assert_cmpstr (pf_exchange_get_image_event (exchange), ==, expected);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_image_ping_one_event (Fixture *fixture,
                           gconstpointer data)
{
  check_image_ping (fixture, "ping.gif?event=visit", "load");
  check_image_ping (fixture, "example.txt", "error");
  check_image_ping (fixture, "status/404", "error");
  check_image_ping (fixture, "redirect-to?url=/ping.gif", "load");
}

/* An image asks for an image with GET, sends no header or body a script set, and sends the
 * cookies. */
static void
test_image_ping_request (Fixture *fixture,
                         gconstpointer data)
{
  g_autoptr (PfRequest) cookie = request_for (fixture, "GET", "cookies/set?visitor=7");
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "echo?event=visit");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *order = NULL;
  JsonObject *echo;

  g_object_unref (run_request (fixture, cookie));
  pf_request_add_header (request, "X-Token", "42");
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "payload");
  pf_request_set_timeout_ms (request, 1);
  pf_request_set_initiator (request, PF_INITIATOR_IMAGE);
  exchange = run_request (fixture, request);
  /* What the network saw, which the page does not. */
  echo = echo_of (exchange, parser);
  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, "GET");
  g_assert_cmpstr (json_object_get_string_member (echo, "body"), ==, "");
  g_assert_cmpstr (echo_header (echo, "Accept"), ==, PF_IMAGE_ACCEPT);
  g_assert_null (echo_header (echo, "X-Token"));
  g_assert_null (echo_header (echo, "Origin"));
  g_assert_cmpstr (echo_header (echo, "Cookie"), ==, "visitor=7");
  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NONE);
  order = event_order (exchange);
  g_assert_cmpstr (order, ==, "error");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_lab_set_up, func, pf_test_lab_tear_down)

static void
test_raw_heads (Fixture *fixture,
                gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "PUT", "echo?a=b");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *response = NULL;
  const char *head;

  pf_request_add_header (request, "X-Demo", "1");
  exchange = run_request (fixture, request);
  head = pf_exchange_get_raw_request_head (exchange);
  g_assert_true (g_str_has_prefix (head, "PUT /echo?a=b HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (head, "\r\nX-Demo: 1\r\n"));
  g_assert_nonnull (strstr (head, "\r\nHost: 127.0.0.1:"));
  response = pf_exchange_dup_raw_response_head (exchange);
  g_assert_true (g_str_has_prefix (response, "HTTP/1.1 200 OK\r\n"));
  g_assert_nonnull (strstr (response, "\r\nContent-Type: application/json\r\n"));
}

/* The rows match libsoup's header list in order, whether asked for before the run (they then
 * follow each hop) or only after it. */
static void
assert_rows_match_head (GListModel *rows,
                        PfExchange *exchange)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  guint i = 0;

  soup_message_headers_iter_init (&iter, pf_exchange_get_response_head (exchange));
  for (; soup_message_headers_iter_next (&iter, &name, &value); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);

      g_assert_nonnull (row);
      g_assert_cmpstr (pf_key_value_get_name (row), ==, name);
      g_assert_cmpstr (pf_key_value_get_value (row), ==, value);
      g_assert_cmpstr (name, !=, "Location");
    }
  g_assert_cmpuint (i, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, i);
}

static void
test_response_header_rows_follow_hops (Fixture *fixture,
                                       gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "redirect/2");
  g_autoptr (PfExchange) early = pf_exchange_new (fixture->profile, request);
  g_autoptr (PfExchange) late = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *rows = pf_exchange_get_response_headers (early);

  g_assert_null (pf_exchange_get_response_head (early));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_true (pf_test_lab_run_exchange (early, &error));
  g_assert_no_error (error);
  assert_rows_match_head (rows, early);
  late = run_request (fixture, request);
  assert_rows_match_head (pf_exchange_get_response_headers (late), late);
}

static void
count_added_cb (GListModel *model,
                guint position,
                guint removed,
                guint added,
                guint *count)
{
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (position, ==, *count);
  *count += added;
}

/* The timeline keeps records and makes an entry only when asked, once per row: the entry
 * repeats its record, and a second get_item () gives the same object. */
static void
test_timeline_entries_made_on_demand (Fixture *fixture,
                                      gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "redirect/1");
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  PfTimeline *timeline = PF_TIMELINE (pf_exchange_get_timeline (exchange));
  g_autoptr (GError) error = NULL;
  guint added = 0;

  g_signal_connect (timeline, "items-changed", G_CALLBACK (count_added_cb), &added);
  g_assert_true (pf_test_lab_run_exchange (exchange, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, g_list_model_get_n_items (G_LIST_MODEL (timeline)));
  g_assert_null (pf_timeline_get_record (timeline, added));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (timeline), added));
  for (guint i = added; i-- > 0;)
    {
      const PfTimelineRecord *record = pf_timeline_get_record (timeline, i);
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      g_autoptr (PfTimelineEntry) again = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      g_autofree char *line = pf_timeline_entry_describe (entry);
      g_autofree char *record_line = pf_timeline_record_describe (record);

      g_assert_true (entry == again);
      g_assert_cmpint (pf_timeline_entry_get_kind (entry), ==, record->kind);
      g_assert_cmpstr (pf_timeline_entry_get_name (entry), ==, record->name);
      g_assert_cmpstr (pf_timeline_entry_get_detail (entry), ==, record->detail);
      g_assert_cmpint (pf_timeline_entry_get_time_us (entry), ==, record->time_us);
      g_assert_cmpuint (pf_timeline_entry_get_loaded (entry), ==, record->loaded);
      g_assert_cmpstr (line, ==, record_line);
    }
  g_signal_handlers_disconnect_by_data (timeline, &added);
}

static void
test_ready_state_names (void)
{
  g_assert_cmpstr (pf_ready_state_get_name (PF_READY_STATE_UNSENT), ==, "UNSENT");
  g_assert_cmpstr (pf_ready_state_get_name (PF_READY_STATE_OPENED), ==, "OPENED");
  g_assert_cmpstr (pf_ready_state_get_name (PF_READY_STATE_HEADERS_RECEIVED), ==,
                   "HEADERS_RECEIVED");
  g_assert_cmpstr (pf_ready_state_get_name (PF_READY_STATE_LOADING), ==, "LOADING");
  g_assert_cmpstr (pf_ready_state_get_name (PF_READY_STATE_DONE), ==, "DONE");
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/exchange/order/success", test_order_success);
  ADD ("/exchange/timeline/records-without-model", test_timeline_records_without_model);
  ADD ("/exchange/order/empty-body-skips-loading", test_order_empty_body);
  ADD ("/exchange/order/not-found-is-a-load", test_order_not_found_is_a_load);
  ADD ("/exchange/order/upload-events-before-headers", test_order_upload);
  ADD ("/exchange/order/abort-while-loading", test_order_abort_while_loading);
  ADD ("/exchange/order/network-error", test_order_network_error);
  ADD ("/exchange/order/timeout", test_order_timeout);
  ADD ("/exchange/order/timeout-after-upload", test_order_timeout_during_upload);
  ADD ("/exchange/progress/not-computable-without-content-length",
       test_progress_without_content_length);
  ADD ("/exchange/progress/throttled-to-50ms", test_progress_throttled);
  ADD ("/exchange/response/all-headers-sorted-lowercase", test_response_all_headers_format);
  ADD ("/exchange/response/xml-and-override-mime-type", test_response_xml_and_override);
  ADD ("/exchange/response/header-rows-follow-hops", test_response_header_rows_follow_hops);
  ADD ("/exchange/timeline/entries-made-on-demand", test_timeline_entries_made_on_demand);
  ADD ("/exchange/body/spooled-past-memory-limit", test_body_spooled_past_limit);
  ADD ("/exchange/redirect/followed-and-recorded", test_redirects_followed);
  ADD ("/exchange/redirect/limit-is-a-network-error", test_redirects_limited);
  ADD ("/exchange/redirect/methods-rewritten-as-fetch", test_redirects_rewrite_methods_as_fetch);
  ADD ("/exchange/request/headers-combined-forbidden-dropped",
       test_request_headers_as_xhr_sends_them);
  ADD ("/exchange/request/patch-sent-as-typed", test_request_custom_method_sent_as_typed);
  ADD ("/exchange/request/get-never-has-a-body", test_request_get_has_no_body);
  ADD ("/exchange/request/urlencoded-fields", test_request_urlencoded_fields);
  ADD ("/exchange/request/multipart-with-file-part", test_request_multipart_with_file);
  ADD ("/exchange/request/multipart-line-breaks-are-crlf", test_request_multipart_line_breaks);
  ADD ("/exchange/request/file-body", test_request_file_body);
  ADD ("/exchange/bad-input/refused-before-sending", test_bad_input_refused_before_sending);
  ADD ("/exchange/server/cut-mid-body", test_server_cut_mid_body);
  ADD ("/exchange/server/garbage", test_server_garbage);
  ADD ("/exchange/phases/from-metrics", test_phases_recorded);
  ADD ("/exchange/phases/dns-only-for-a-name", test_phases_dns_only_for_a_name);
  g_test_add_func ("/exchange/phases/network-time-while-the-caller-stalls",
                   test_phases_network_time_while_the_caller_stalls);
  ADD ("/exchange/raw-heads", test_raw_heads);
  ADD ("/exchange/wire/sizes-and-peer", test_wire_sizes_and_peer);
  ADD ("/exchange/wire/chunked-costs-framing", test_wire_chunked_costs_framing);
  ADD ("/exchange/image-ping/one-event", test_image_ping_one_event);
  ADD ("/exchange/image-ping/request", test_image_ping_request);
  g_test_add_func ("/exchange/ready-state/named-as-xhr-spells-them", test_ready_state_names);
  g_test_add_func ("/exchange/timeline/chunk-described-with-its-text",
                   test_chunk_described_with_its_text);

  return g_test_run ();
}
