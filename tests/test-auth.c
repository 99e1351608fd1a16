/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-cors-flow.h"
#include "pf-exchange.h"
#include "pf-http-syntax.h"
#include "pf-test-lab.h"

/* HTTP authentication against the real lab server: the Basic and Bearer helpers, and XHR
 * open ()'s user and password answering a Basic or Digest 401 challenge once, each step in
 * the timeline. */

typedef PfTestLab Fixture;

static PfRequest *
request_for (Fixture    *fixture,
             const char *path)
{
  PfRequest *request = pf_request_new ();
  g_autofree char *url = pf_test_lab_url (fixture->lab, path);

  pf_request_set_url (request, url);
  return request;
}

static PfExchange *
run_request (Fixture   *fixture,
             PfRequest *request,
             gboolean   cors)
{
  PfExchange *exchange = pf_exchange_new (fixture->profile, request);
  g_autoptr (GError) error = NULL;

  if (cors)
    g_assert_nonnull (pf_cors_flow_attach (exchange, &error));
  g_assert_no_error (error);
  g_assert_true (pf_test_lab_run_exchange (exchange, &error));
  g_assert_no_error (error);
  return exchange;
}

/* The authentication steps as a short string: "challenge:401 answer:alice result:200". */
static char *
auth_steps (PfExchange *exchange)
{
  GListModel *timeline = pf_exchange_get_timeline (exchange);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);
      const char *name = pf_timeline_entry_get_name (entry);

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_AUTH)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, name);
      if (g_str_equal (name, "answer"))
        g_string_append_printf (out, ":%s", pf_timeline_entry_get_detail (entry));
      else if (!g_str_equal (name, "unanswered"))
        g_string_append_printf (out, ":%u", pf_timeline_entry_get_status (entry));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static PfTimelineEntry *
find_auth (PfExchange *exchange,
           const char *name)
{
  GListModel *timeline = pf_exchange_get_timeline (exchange);

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);

      if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_AUTH &&
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
test_basic_answered (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "auth/basic?user=alice&password=s3cret");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *body = NULL;
  g_autofree char *line = NULL;

  pf_request_set_open_credentials (request, "alice", "s3cret");
  exchange = run_request (fixture, request, FALSE);
  steps = auth_steps (exchange);
  g_assert_cmpstr (steps, ==, "challenge:401 answer:alice result:200");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  body = body_text (exchange);
  g_assert_nonnull (strstr (body, "\"user\" : \"alice\""));
  g_assert_nonnull (strstr (pf_exchange_get_raw_request_head (exchange),
                            "\r\nAuthorization: Basic YWxpY2U6czNjcmV0\r\n"));
  g_assert_cmpstr (pf_timeline_entry_get_detail (find_auth (exchange, "challenge")), ==,
                   "Basic realm=\"Preflight lab\"");
  line = pf_timeline_entry_describe (find_auth (exchange, "challenge"));
  g_assert_cmpstr (line, ==, "401 challenge: Basic realm=\"Preflight lab\"");
}

static void
test_digest_answered (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "auth/digest?user=alice&password=s3cret");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *steps = NULL;
  const char *head;
  g_autofree char *authorization = NULL;

  pf_request_set_open_credentials (request, "alice", "s3cret");
  exchange = run_request (fixture, request, FALSE);
  steps = auth_steps (exchange);
  g_assert_cmpstr (steps, ==, "challenge:401 answer:alice result:200");
  g_assert_true (g_str_has_prefix (pf_timeline_entry_get_detail (find_auth (exchange,
                                                                            "challenge")),
                                   "Digest "));
  head = pf_exchange_get_raw_request_head (exchange);
  g_assert_nonnull (strstr (head, "\r\nAuthorization: Digest "));
  /* A hash of the password with the server's nonce, not the password. */
  authorization = g_strndup (strstr (head, "\r\nAuthorization: "),
                             strstr (strstr (head, "\r\nAuthorization: ") + 2, "\r\n") -
                               strstr (head, "\r\nAuthorization: "));
  g_assert_nonnull (strstr (authorization, "username=\"alice\""));
  g_assert_nonnull (strstr (authorization, "response=\""));
  g_assert_nonnull (strstr (authorization, "nonce=\""));
}

/* A wrong password is sent once; the second 401 is what the script sees. */
static void
check_wrong_password (Fixture    *fixture,
                      const char *scheme)
{
  g_autofree char *path = g_strdup_printf ("auth/%s?user=alice&password=s3cret", scheme);
  g_autoptr (PfRequest) request = request_for (fixture, path);
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *body = NULL;

  pf_request_set_open_credentials (request, "alice", "wrong");
  exchange = run_request (fixture, request, FALSE);
  steps = auth_steps (exchange);
  g_assert_cmpstr (steps, ==, "challenge:401 answer:alice result:401");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 401);
  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NONE);
  body = body_text (exchange);
  g_assert_true (g_str_has_prefix (body, "401 Unauthorized"));
}

static void
test_wrong_password_is_401 (Fixture      *fixture,
                            gconstpointer data)
{
  check_wrong_password (fixture, "basic");
  check_wrong_password (fixture, "digest");
}

static void
test_no_user_not_answered (Fixture      *fixture,
                           gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "auth/basic?user=alice&password=s3cret");
  g_autoptr (PfExchange) exchange = run_request (fixture, request, FALSE);
  g_autofree char *steps = auth_steps (exchange);

  g_assert_cmpstr (steps, ==, "challenge:401 unanswered");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 401);
}

/* Each exchange meets the challenge anew: a right answer is not reused for a wrong one. */
static void
test_no_credentials_cache (Fixture      *fixture,
                           gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "auth/basic?user=alice&password=s3cret");
  g_autoptr (PfExchange) first = NULL;
  g_autoptr (PfExchange) second = NULL;

  pf_request_set_open_credentials (request, "alice", "s3cret");
  first = run_request (fixture, request, FALSE);
  g_assert_cmpuint (pf_exchange_get_status (first), ==, 200);
  pf_request_set_open_credentials (request, "alice", "wrong");
  second = run_request (fixture, request, FALSE);
  g_assert_cmpuint (pf_exchange_get_status (second), ==, 401);
}

/* A page's same-origin request is answered; a cross-origin 401 goes to the page as it is. */
static void
test_page_origin (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "auth/basic?user=alice&password=s3cret");
  g_autofree char *origin = pf_test_lab_url (fixture->lab, "");
  g_autoptr (PfExchange) same = NULL;
  g_autoptr (PfExchange) cross = NULL;
  g_autofree char *same_steps = NULL;
  g_autofree char *cross_steps = NULL;

  pf_request_set_open_credentials (request, "alice", "s3cret");
  pf_request_set_origin (request, origin);
  same = run_request (fixture, request, TRUE);
  same_steps = auth_steps (same);
  g_assert_cmpstr (same_steps, ==, "challenge:401 answer:alice result:200");
  g_assert_cmpuint (pf_exchange_get_status (same), ==, 200);

  pf_request_set_origin (request, "http://app.example");
  pf_request_set_credentials (request, PF_CREDENTIALS_INCLUDE);
  cross = run_request (fixture, request, TRUE);
  cross_steps = auth_steps (cross);
  g_assert_cmpstr (cross_steps, ==, "challenge:401 unanswered");
  g_assert_nonnull (strstr (pf_timeline_entry_get_detail (find_auth (cross, "unanswered")),
                            "cross-origin"));
}

static void
test_basic_helper (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "auth/basic?user=alice&password=s3cret");
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *steps = NULL;

  pf_request_set_basic_auth (request, "alice", "s3cret");
  exchange = run_request (fixture, request, FALSE);
  steps = auth_steps (exchange);
  /* Sent up front: no challenge. */
  g_assert_cmpstr (steps, ==, "");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_headers (request)), ==, 0);
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
test_bearer_helper (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "echo");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfExchange) author = NULL;
  g_autofree char *body = NULL;
  g_autofree char *author_body = NULL;
  JsonObject *echo;

  pf_request_set_bearer_auth (request, "tok-123");
  exchange = run_request (fixture, request, FALSE);
  body = body_text (exchange);
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  echo = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (echo_header (echo, "Authorization"), ==, "Bearer tok-123");
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_headers (request)), ==, 0);

  /* An Authorization the author set wins over the helper's. */
  pf_request_add_header (request, "Authorization", "Token mine");
  author = run_request (fixture, request, FALSE);
  author_body = body_text (author);
  g_assert_true (json_parser_load_from_data (parser, author_body, -1, NULL));
  echo = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (echo_header (echo, "Authorization"), ==, "Token mine");
}

static void
test_request_copy_keeps_auth (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfRequest) copy = NULL;
  g_autofree char *value = NULL;

  pf_request_set_basic_auth (request, "bob", "pw");
  pf_request_set_open_credentials (request, "carol", "pw2");
  copy = pf_request_copy (request);
  g_assert_cmpint (pf_request_get_auth_kind (copy), ==, PF_AUTH_BASIC);
  g_assert_cmpstr (pf_request_get_open_username (copy), ==, "carol");
  g_assert_cmpstr (pf_request_get_open_password (copy), ==, "pw2");
  value = pf_request_dup_authorization (copy);
  g_assert_cmpstr (value, ==, "Basic Ym9iOnB3");
  pf_request_set_bearer_auth (copy, "");
  g_assert_null (pf_request_dup_authorization (copy));
}

/* What the Raw page shows: the scheme of each Authorization, never the credentials. */
static void
test_mask_credentials (void)
{
  g_autofree char *masked = pf_http_mask_credentials (
    "GET / HTTP/1.1\r\nauthorization: Basic YWxpY2U6cw==\r\nX-A: 1\r\n"
    "Proxy-Authorization: Digest username=\"a\", response=\"f00\"\r\nAuthorization: Bearer");

  g_assert_cmpstr (masked, ==, "GET / HTTP/1.1\r\nauthorization: Basic ••••\r\nX-A: 1\r\n"
                               "Proxy-Authorization: Digest ••••\r\nAuthorization: Bearer");
}

static void
test_lab_needs_account (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "auth/basic");
  g_autoptr (PfExchange) exchange = run_request (fixture, request, FALSE);

  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 400);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_lab_set_up, func, pf_test_lab_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/auth/open/basic-answered", test_basic_answered);
  ADD ("/auth/open/digest-answered", test_digest_answered);
  ADD ("/auth/open/wrong-password-is-401", test_wrong_password_is_401);
  ADD ("/auth/open/no-user-not-answered", test_no_user_not_answered);
  ADD ("/auth/open/no-credentials-cache", test_no_credentials_cache);
  ADD ("/auth/open/page-origin", test_page_origin);
  ADD ("/auth/helper/basic", test_basic_helper);
  ADD ("/auth/helper/bearer", test_bearer_helper);
  ADD ("/auth/lab/needs-account", test_lab_needs_account);
  g_test_add_func ("/auth/request/copy-keeps-auth", test_request_copy_keeps_auth);
  g_test_add_func ("/auth/raw/credentials-masked", test_mask_credentials);

  return g_test_run ();
}
