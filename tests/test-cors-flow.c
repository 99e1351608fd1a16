/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-cors-flow.h"
#include "pf-key-value.h"
#include "pf-test-lab.h"

/* PfCorsFlow against the lab server's /cors/ endpoints over loopback: the page is at
 * http://page.test, the lab at http://127.0.0.1:PORT, another origin. What reached the
 * server is read back from /cors-log. */

#define PAGE "http://page.test"

typedef PfTestLab Fixture;

/* A request for /cors/<test>?QUERY&case=<id>, from the page at @origin. */
static PfRequest *
cors_request (Fixture    *fixture,
              const char *method,
              const char *query,
              const char *id)
{
  PfRequest *request = pf_request_new ();
  g_autofree char *path = g_strdup_printf ("cors/api?%s%scase=%s", query, *query ? "&" : "", id);
  g_autofree char *url = pf_test_lab_url (fixture->lab, path);

  pf_request_set_method (request, method);
  pf_request_set_url (request, url);
  pf_request_set_origin (request, PAGE);
  return request;
}

/* Runs @request as the page would; the exchange holds its flow. */
static PfExchange *
run_cors (Fixture   *fixture,
          PfRequest *request)
{
  PfExchange *exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (pf_cors_flow_attach (exchange, &error));
  g_assert_no_error (error);
  g_assert_true (pf_test_lab_run_exchange (exchange, &error));
  g_assert_no_error (error);
  return exchange;
}

/* The lab's own origin: its base URL without the final "/". */
static char *
lab_origin (Fixture *fixture)
{
  const char *base = pf_lab_server_get_base_url (fixture->lab);

  return g_strndup (base, strlen (base) - 1);
}

/* A cookie @name=1 in the profile's jar for the lab's host, as if the lab had set it. */
static void
add_lab_cookie (Fixture    *fixture,
                const char *name)
{
  soup_cookie_jar_add_cookie (pf_profile_get_cookie_jar (fixture->profile),
                              soup_cookie_new (name, "1", "127.0.0.1", "/", -1));
}

/* What /cors-log says arrived for case @id. */
static JsonObject *
case_log (Fixture    *fixture,
          const char *id)
{
  g_autofree char *path = g_strconcat ("cors-log?case=", id, NULL);
  g_autofree char *url = pf_test_lab_url (fixture->lab, path);
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();

  pf_request_set_url (request, url);
  exchange = pf_exchange_new (fixture->profile, request);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  body = pf_exchange_dup_body_bytes (exchange);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The value of @name in the logged header list @member ("preflight" or "request"). */
static const char *
logged_header (JsonObject *log,
               const char *member,
               const char *name)
{
  JsonNode *node = json_object_get_member (log, member);
  JsonArray *headers;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  headers = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      if (g_ascii_strcasecmp (json_array_get_string_element (pair, 0), name) == 0)
        return json_array_get_string_element (pair, 1);
    }
  return NULL;
}

/* The CORS steps and XHR events in order: "preflight preflight-response:204 check:200 rs2 …". */
static char *
steps (PfExchange *exchange)
{
  GListModel *timeline = pf_exchange_get_timeline (exchange);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);
      PfTimelineKind kind = pf_timeline_entry_get_kind (entry);
      const char *name = pf_timeline_entry_get_name (entry);

      if (kind == PF_TIMELINE_PHASE || kind == PF_TIMELINE_CHUNK ||
          (kind == PF_TIMELINE_EVENT &&
           (!strcmp (name, "progress") || !strcmp (name, "loadstart"))))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (kind == PF_TIMELINE_EVENT && g_str_equal (name, "readystatechange"))
        g_string_append_printf (out, "rs%d", pf_timeline_entry_get_ready_state (entry));
      else if (kind == PF_TIMELINE_CORS && pf_timeline_entry_get_status (entry) != 0)
        g_string_append_printf (out, "%s:%u", name, pf_timeline_entry_get_status (entry));
      else
        g_string_append (out, name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
rules_of (GListModel *findings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (PfCorsFinding) finding = g_list_model_get_item (findings, i);
      g_string_append_printf (out, "%s%s", i ? "," : "", pf_cors_finding_get_rule (finding));
    }
  return g_string_free (out, FALSE);
}

static void
test_simple_allowed (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "GET", "allow-origin=*", "simple");
  g_autoptr (PfExchange) exchange = run_cors (fixture, request);
  PfCorsFlow *flow = pf_cors_flow_get_for (exchange);
  g_autoptr (JsonObject) log = case_log (fixture, "simple");
  g_autofree char *all = pf_exchange_dup_all_response_headers (exchange);
  g_autofree char *order = steps (exchange);

  g_assert_cmpstr (order, ==, "rs1 check:200 rs2 rs3 rs4 load loadend");
  g_assert_cmpint (pf_cors_flow_get_outcome (flow), ==, PF_CORS_OUTCOME_ALLOWED);
  g_assert_false (pf_cors_flow_get_preflight (flow));
  g_assert_cmpuint (g_list_model_get_n_items (pf_cors_flow_get_reasons (flow)), ==, 0);
  g_assert_cmpint (json_object_get_int_member (log, "preflights"), ==, 0);
  g_assert_cmpstr (logged_header (log, "request", "Origin"), ==, PAGE);
  /* The script reads only safelisted headers: X-Lab-Secret and Date stay hidden. */
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_null (strstr (all, "x-lab-secret"));
  g_assert_null (strstr (all, "date:"));
  g_assert_nonnull (strstr (all, "content-type: application/json\r\n"));
  g_assert_false (pf_exchange_is_header_exposed (exchange, "X-Lab-Secret"));
}

static void
test_blocked_without_allow_origin (Fixture      *fixture,
                                   gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "GET", "", "no-acao");
  g_autoptr (PfExchange) exchange = run_cors (fixture, request);
  PfCorsFlow *flow = pf_cors_flow_get_for (exchange);
  g_autofree char *order = steps (exchange);
  g_autofree char *rules = rules_of (pf_cors_flow_get_failures (flow));
  g_autofree char *all = pf_exchange_dup_all_response_headers (exchange);

  /* The page sees a network error; the user still sees what the server answered. */
  g_assert_cmpstr (order, ==, "rs1 check:200 blocked rs4 error loadend");
  g_assert_cmpint (pf_cors_flow_get_outcome (flow), ==, PF_CORS_OUTCOME_BLOCKED);
  g_assert_cmpstr (rules, ==, "allow-origin-missing");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 0);
  g_assert_cmpuint (pf_exchange_get_server_status (exchange), ==, 200);
  g_assert_cmpuint (g_list_model_get_n_items (pf_exchange_get_response_headers (exchange)), >, 3);
  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NETWORK);
  g_assert_cmpstr (all, ==, "");
  g_assert_cmpuint (pf_exchange_get_loaded (exchange), ==, 0);
  g_assert_true (g_str_has_prefix (pf_exchange_get_error_message (exchange), "Blocked by CORS: "));
}

static void
test_preflight_sent_as_browsers_send_it (Fixture      *fixture,
                                         gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "PUT",
                                                "allow-origin=echo&allow-methods=PUT&"
                                                "allow-headers=x-b,X-A&allow-credentials=true",
                                                "preflight");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (JsonObject) log = NULL;
  g_autofree char *order = NULL;
  g_autofree char *reasons = NULL;

  add_lab_cookie (fixture, "session");
  pf_request_set_credentials (request, PF_CREDENTIALS_INCLUDE);
  pf_request_add_header (request, "X-B", "1");
  pf_request_add_header (request, "x-a", "2");
  pf_request_add_header (request, "Accept", "*/*");
  exchange = run_cors (fixture, request);
  log = case_log (fixture, "preflight");
  order = steps (exchange);
  reasons = rules_of (pf_cors_flow_get_reasons (pf_cors_flow_get_for (exchange)));

  g_assert_cmpstr (order, ==,
                   "rs1 preflight preflight-response:204 check:200 rs2 rs3 rs4 load loadend");
  g_assert_cmpstr (reasons, ==, "safelisted-method,safelisted-header-name,safelisted-header-name");
  g_assert_cmpint (json_object_get_int_member (log, "preflights"), ==, 1);
  g_assert_cmpstr (logged_header (log, "preflight", "Origin"), ==, PAGE);
  g_assert_cmpstr (logged_header (log, "preflight", "Access-Control-Request-Method"), ==, "PUT");
  g_assert_cmpstr (logged_header (log, "preflight", "Access-Control-Request-Headers"), ==,
                   "x-a,x-b");
  /* No credentials on the preflight; the actual request carries them. */
  g_assert_null (logged_header (log, "preflight", "Cookie"));
  g_assert_cmpstr (logged_header (log, "request", "Cookie"), ==, "session=1");
  g_assert_cmpstr (logged_header (log, "request", "X-A"), ==, "2");
  g_assert_cmpint (pf_cors_flow_get_outcome (pf_cors_flow_get_for (exchange)), ==,
                   PF_CORS_OUTCOME_ALLOWED);
}

static void
test_preflight_blocks (Fixture      *fixture,
                       gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "DELETE",
                                                "allow-origin=*&allow-methods=PUT", "pf-block");
  g_autoptr (PfExchange) exchange = run_cors (fixture, request);
  PfCorsFlow *flow = pf_cors_flow_get_for (exchange);
  g_autoptr (JsonObject) log = case_log (fixture, "pf-block");
  g_autofree char *order = steps (exchange);
  g_autoptr (PfCorsFinding) finding = g_list_model_get_item (pf_cors_flow_get_failures (flow), 0);

  g_assert_cmpstr (order, ==, "rs1 preflight preflight-response:204 blocked rs4 error loadend");
  g_assert_cmpint (json_object_get_int_member (log, "requests"), ==, 0);
  g_assert_cmpuint (pf_cors_flow_get_preflight_status (flow), ==, 204);
  g_assert_cmpstr (pf_cors_finding_get_rule (finding), ==, "allow-methods");
  g_assert_cmpstr (pf_cors_finding_get_header (finding), ==, "Access-Control-Allow-Methods");
  g_assert_cmpstr (pf_cors_finding_get_value (finding), ==, "PUT");
  g_assert_cmpuint (pf_exchange_get_server_status (exchange), ==, 0);
}

static void
test_preflight_status_must_be_ok (Fixture      *fixture,
                                  gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "PUT",
                                                "allow-origin=*&allow-methods=PUT&"
                                                "preflight-status=403",
                                                "pf-403");
  g_autoptr (PfExchange) exchange = run_cors (fixture, request);
  g_autofree char *rules = rules_of (pf_cors_flow_get_failures (pf_cors_flow_get_for (exchange)));

  g_assert_cmpstr (rules, ==, "preflight-status");
}

static guint
preflights_for_two_runs (Fixture    *fixture,
                         const char *query,
                         const char *id,
                         gboolean   *second_cached)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "PUT", query, id);
  g_autoptr (PfExchange) first = run_cors (fixture, request);
  g_autoptr (PfExchange) second = run_cors (fixture, request);
  g_autoptr (JsonObject) log = case_log (fixture, id);

  g_assert_cmpint (pf_cors_flow_get_outcome (pf_cors_flow_get_for (first)), ==,
                   PF_CORS_OUTCOME_ALLOWED);
  g_assert_cmpint (pf_cors_flow_get_outcome (pf_cors_flow_get_for (second)), ==,
                   PF_CORS_OUTCOME_ALLOWED);
  *second_cached = pf_cors_flow_get_preflight_cached (pf_cors_flow_get_for (second));
  return json_object_get_int_member (log, "preflights");
}

static void
test_preflight_cache (Fixture      *fixture,
                      gconstpointer data)
{
  gboolean cached = FALSE;
  PfPreflightCache *cache;
  g_autoptr (PfTimelineEntry) entry = NULL;

  g_assert_cmpuint (preflights_for_two_runs (fixture, "allow-origin=*&allow-methods=PUT&max-age=60",
                                             "cache-60", &cached), ==, 1);
  g_assert_true (cached);
  g_assert_cmpuint (preflights_for_two_runs (fixture, "allow-origin=*&allow-methods=PUT&max-age=0",
                                             "cache-0", &cached), ==, 2);
  g_assert_false (cached);
  /* Without the header the default of 5 s applies; unparsable values mean the default too. */
  g_assert_cmpuint (preflights_for_two_runs (fixture, "allow-origin=*&allow-methods=PUT",
                                             "cache-default", &cached), ==, 1);
  g_assert_cmpuint (preflights_for_two_runs (fixture, "allow-origin=*&allow-methods=PUT&max-age=-5",
                                             "cache-junk", &cached), ==, 1);
  cache = pf_profile_get_preflight_cache (fixture->profile);
  entry = g_list_model_get_item (pf_preflight_cache_get_entries (cache), 0);
  g_assert_cmpstr (pf_preflight_cache_entry_get_origin ((PfPreflightCacheEntry *) entry), ==, PAGE);
}

/* Whether the cookie set for the lab went with a request in credentials mode @mode. */
static gboolean
cookie_sent (Fixture          *fixture,
             PfCredentialsMode mode,
             const char       *origin,
             const char       *id)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "GET",
                                                "allow-origin=echo&allow-credentials=true", id);
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (JsonObject) log = NULL;

  add_lab_cookie (fixture, "jar");
  pf_request_set_credentials (request, mode);
  pf_request_set_origin (request, origin);
  exchange = run_cors (fixture, request);
  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NONE);
  log = case_log (fixture, id);
  return logged_header (log, "request", "Cookie") != NULL;
}

static void
test_credentials_modes (Fixture      *fixture,
                        gconstpointer data)
{
  g_autofree char *self = lab_origin (fixture);

  g_assert_false (cookie_sent (fixture, PF_CREDENTIALS_OMIT, PAGE, "omit"));
  g_assert_false (cookie_sent (fixture, PF_CREDENTIALS_SAME_ORIGIN, PAGE, "same-cross"));
  g_assert_true (cookie_sent (fixture, PF_CREDENTIALS_INCLUDE, PAGE, "include"));
  g_assert_true (cookie_sent (fixture, PF_CREDENTIALS_SAME_ORIGIN, self, "same-same"));
  g_assert_false (cookie_sent (fixture, PF_CREDENTIALS_OMIT, self, "omit-same"));
}

static void
test_cookies_stored_only_with_credentials (Fixture      *fixture,
                                           gconstpointer data)
{
  g_autoptr (PfRequest) omit = cors_request (fixture, "GET",
                                             "allow-origin=echo&set-cookie=stored%3D1", "set-omit");
  g_autoptr (PfRequest) include = cors_request (fixture, "GET",
                                                "allow-origin=echo&allow-credentials=true&"
                                                "set-cookie=stored%3D2",
                                                "set-include");
  g_autoptr (PfExchange) first = NULL;
  g_autoptr (PfExchange) second = NULL;
  g_autoptr (GSList) cookies = NULL;
  SoupCookieJar *jar = pf_profile_get_cookie_jar (fixture->profile);

  first = run_cors (fixture, omit);
  g_assert_null (soup_cookie_jar_all_cookies (jar));
  pf_request_set_credentials (include, PF_CREDENTIALS_INCLUDE);
  second = run_cors (fixture, include);
  cookies = soup_cookie_jar_all_cookies (jar);
  g_assert_cmpuint (g_slist_length (cookies), ==, 1);
  g_assert_cmpstr (soup_cookie_get_value (cookies->data), ==, "2");
  g_slist_free_full (g_steal_pointer (&cookies), (GDestroyNotify) soup_cookie_free);
}

static void
test_exposed_headers (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "GET",
                                                "allow-origin=*&expose-headers=X-Lab-Secret",
                                                "expose");
  g_autoptr (PfExchange) exchange = run_cors (fixture, request);
  PfCorsFlow *flow = pf_cors_flow_get_for (exchange);
  g_autofree char *names = g_strjoinv (",", (GStrv) pf_cors_flow_get_exposed_headers (flow));
  g_autofree char *all = pf_exchange_dup_all_response_headers (exchange);

  g_assert_cmpstr (names, ==,
                   "cache-control,content-language,content-length,content-type,x-lab-secret");
  g_assert_nonnull (strstr (all, "x-lab-secret: 42\r\n"));
  g_assert_null (strstr (all, "x-lab-other"));
}

static void
test_dropped_headers (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "GET", "allow-origin=*", "dropped");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfCorsFinding) finding = NULL;
  g_autoptr (JsonObject) log = NULL;
  GListModel *dropped;

  pf_request_add_header (request, "Cookie", "a=b");
  pf_request_add_header (request, "Sec-Fetch-Mode", "no-cors");
  exchange = run_cors (fixture, request);
  log = case_log (fixture, "dropped");
  dropped = pf_cors_flow_get_dropped (pf_cors_flow_get_for (exchange));
  g_assert_cmpuint (g_list_model_get_n_items (dropped), ==, 2);
  finding = g_list_model_get_item (dropped, 1);
  g_assert_cmpstr (pf_cors_finding_get_header (finding), ==, "Sec-Fetch-Mode");
  g_assert_nonnull (strstr (pf_cors_finding_get_message (finding), "Sec-"));
  g_assert_null (logged_header (log, "request", "Cookie"));
  /* What goes is the browser's own Sec-Fetch-Mode (sent as Chromium would), not the
   * script's. */
  g_assert_cmpstr (logged_header (log, "request", "Sec-Fetch-Mode"), ==, "cors");
  /* A dropped header does not make the request need a preflight. */
  g_assert_false (pf_cors_flow_get_preflight (pf_cors_flow_get_for (exchange)));
}

static void
test_same_origin (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "PUT", "", "same");
  g_autofree char *self = lab_origin (fixture);
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (JsonObject) log = NULL;
  PfCorsFlow *flow;

  pf_request_set_origin (request, self);
  pf_request_add_header (request, "X-Token", "1");
  exchange = run_cors (fixture, request);
  flow = pf_cors_flow_get_for (exchange);
  log = case_log (fixture, "same");
  g_assert_cmpint (pf_cors_flow_get_outcome (flow), ==, PF_CORS_OUTCOME_SAME_ORIGIN);
  g_assert_false (pf_cors_flow_get_cross_origin (flow));
  g_assert_false (pf_cors_flow_get_preflight (flow));
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  /* A PUT carries Origin even to its own origin; every header is readable. */
  g_assert_cmpstr (logged_header (log, "request", "Origin"), ==, self);
  g_assert_true (pf_exchange_is_header_exposed (exchange, "X-Lab-Secret"));
}

static void
test_redirect_taints_origin (Fixture      *fixture,
                             gconstpointer data)
{
  g_autofree char *target = g_strdup_printf ("http://localhost:%u/cors/b?"
                                             "allow-origin=%s&case=taint",
                                             pf_lab_server_get_port (fixture->lab), PAGE);
  g_autofree char *escaped = g_uri_escape_string (target, NULL, FALSE);
  g_autofree char *query = g_strdup_printf ("allow-origin=*&redirect=%s", escaped);
  g_autoptr (PfRequest) request = cors_request (fixture, "GET", query, "taint-start");
  g_autoptr (PfExchange) exchange = run_cors (fixture, request);
  g_autoptr (JsonObject) log = case_log (fixture, "taint");
  g_autoptr (PfCorsFinding) finding = g_list_model_get_item (
    pf_cors_flow_get_failures (pf_cors_flow_get_for (exchange)), 0);

  /* After a redirect to a third origin the request's origin is "null": a server that names
   * the page's origin no longer matches. */
  g_assert_cmpstr (logged_header (log, "request", "Origin"), ==, "null");
  g_assert_cmpstr (pf_cors_finding_get_rule (finding), ==, "allow-origin-mismatch");
  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NETWORK);
}

static void
test_redirect_without_allow_origin_blocks (Fixture      *fixture,
                                           gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "GET", "redirect=%2Fexample.txt", "redir");
  g_autoptr (PfExchange) exchange = run_cors (fixture, request);
  g_autofree char *order = steps (exchange);

  g_assert_cmpstr (order, ==, "rs1 check:302 blocked rs4 error loadend");
}

static void
test_upload_listeners_force_a_preflight (Fixture      *fixture,
                                         gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "POST", "allow-origin=*", "upload");
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  PfCorsFlow *flow;

  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "hello");
  flow = pf_cors_flow_attach (exchange, NULL);
  pf_cors_flow_set_upload_listeners (flow, TRUE);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  g_assert_true (pf_cors_flow_get_preflight (flow));
  /* Fetch: a forced preflight without Access-Control-Allow-Methods allows the method. */
  g_assert_cmpint (pf_cors_flow_get_outcome (flow), ==, PF_CORS_OUTCOME_ALLOWED);
}

static void
test_abort_during_preflight (Fixture      *fixture,
                             gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "PUT", "allow-origin=*&allow-methods=PUT",
                                                "abort");
  g_autoptr (PfExchange) exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *order = NULL;

  pf_cors_flow_attach (exchange, NULL);
  pf_exchange_send_async (exchange, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (pf_cors_flow_get_preflight (pf_cors_flow_get_for (exchange)), 10000);
  pf_exchange_abort (exchange);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (pf_exchange_send_finish (exchange, result, &error));
  order = steps (exchange);
  g_assert_cmpstr (order, ==, "rs1 preflight rs4 abort loadend");
}

static void
test_bad_origin_is_refused (Fixture      *fixture,
                            gconstpointer data)
{
  g_autoptr (PfRequest) request = cors_request (fixture, "GET", "", "bad");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GError) error = NULL;

  pf_request_set_origin (request, "not an origin");
  exchange = pf_exchange_new (fixture->profile, request);
  g_assert_null (pf_cors_flow_attach (exchange, &error));
  g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "not an origin"));
}

#define ADD(path, func) \
  g_test_add ("/cors-flow/" path, Fixture, NULL, pf_test_lab_set_up, func, pf_test_lab_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("simple/allowed-and-filtered", test_simple_allowed);
  ADD ("simple/blocked-without-allow-origin", test_blocked_without_allow_origin);
  ADD ("preflight/sent-as-browsers-send-it", test_preflight_sent_as_browsers_send_it);
  ADD ("preflight/blocks-the-request", test_preflight_blocks);
  ADD ("preflight/status-must-be-ok", test_preflight_status_must_be_ok);
  ADD ("preflight/cache", test_preflight_cache);
  ADD ("preflight/upload-listeners", test_upload_listeners_force_a_preflight);
  ADD ("preflight/abort", test_abort_during_preflight);
  ADD ("credentials/modes", test_credentials_modes);
  ADD ("credentials/cookies-stored-only-with-credentials",
       test_cookies_stored_only_with_credentials);
  ADD ("response/exposed-headers", test_exposed_headers);
  ADD ("request/dropped-headers", test_dropped_headers);
  ADD ("same-origin", test_same_origin);
  ADD ("redirect/taints-origin", test_redirect_taints_origin);
  ADD ("redirect/checked", test_redirect_without_allow_origin_blocks);
  ADD ("bad-origin", test_bad_origin_is_refused);

  return g_test_run ();
}
