/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-test-lab.h"

/* TLS against the lab's real HTTPS ports: each certificate problem named in words with the
 * chain shown, trust only by an explicit choice (a fingerprint, the host until quit, or
 * insecure), what a successful connection was, and the wrong kind of port refused at once. */

typedef PfTestLab Fixture;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_lab_set_up, func, pf_test_lab_tear_down)

/* @path on the lab's HTTPS port of @kind. */
static char *
tls_url (Fixture *fixture,
         PfLabTls kind,
         const char *path)
{
  const char *base = pf_lab_server_get_tls_url (fixture->lab, kind);

  g_assert_nonnull (base);
  g_assert_true (g_str_has_prefix (base, "https://127.0.0.1:"));
  return g_strconcat (base, path, NULL);
}

/* As pf_test_lab_run_exchange (), waiting long enough for a handshake under the sanitizers. */
static gboolean
run_exchange (PfExchange *exchange,
              GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  pf_exchange_send_async (exchange, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 60000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return pf_exchange_send_finish (exchange, result, error);
}

/* The body as text. */
static char *
body_text (PfExchange *exchange)
{
  g_autoptr (GBytes) body = pf_exchange_dup_body_bytes (exchange);

  g_assert_nonnull (body);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* A finished exchange of GET @url, with @fingerprint trusted and @insecure as given. */
static PfExchange *
fetch (Fixture *fixture,
       const char *url,
       const char *fingerprint,
       gboolean insecure)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  PfExchange *exchange;
  g_autoptr (GError) error = NULL;

  pf_request_set_url (request, url);
  pf_request_set_trusted_certificate (request, fingerprint);
  pf_request_set_insecure (request, insecure);
  exchange = pf_exchange_new (fixture->profile, request);
  g_assert_true (run_exchange (exchange, &error));
  g_assert_no_error (error);
  return exchange;
}

static gboolean
strv_has (GStrv strv,
          const char *text)
{
  return g_strv_contains ((const char *const *) strv, text);
}

/* The refused exchange's TLS record: refused, every problem named, the chain there. */
static PfTlsInfo *
assert_refused (PfExchange *exchange,
                const char *problem,
                guint chain_length)
{
  PfTlsInfo *tls = pf_exchange_get_tls_info (exchange);
  g_auto (GStrv) names = NULL;

  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NETWORK);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 0);
  g_assert_nonnull (tls);
  g_assert_cmpint (pf_tls_info_get_trust (tls), ==, PF_TLS_TRUST_REFUSED);
  names = pf_tls_info_dup_problem_names (tls);
  g_assert_true (strv_has (names, problem));
  g_assert_cmpuint (g_list_model_get_n_items (pf_tls_info_get_chain (tls)), ==, chain_length);
  /* The handshake did not finish: no protocol or cipher suite to show. */
  g_assert_null (pf_tls_info_get_protocol (tls));
  g_assert_true (g_str_has_prefix (pf_exchange_get_error_message (exchange),
                                   "The TLS certificate of 127.0.0.1:"));
  return tls;
}

static void
assert_fingerprint_form (const char *fingerprint)
{
  g_assert_cmpuint (strlen (fingerprint), ==, 32 * 3 - 1);
  for (guint i = 0; i < 32; i++)
    {
      g_assert_true (g_ascii_isxdigit (fingerprint[i * 3]));
      g_assert_true (g_ascii_isxdigit (fingerprint[i * 3 + 1]));
      g_assert_true (i == 31 || fingerprint[i * 3 + 2] == ':');
    }
}

static void
test_self_signed_refused (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_SELF_SIGNED, "example.txt");
  g_autoptr (PfExchange) exchange = fetch (fixture, url, NULL, FALSE);
  PfTlsInfo *tls = assert_refused (exchange, "self-signed", 1);
  PfCertificate *leaf = pf_tls_info_get_certificate (tls);
  const char *const *names = pf_certificate_get_alt_names (leaf);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_assert_true (pf_tls_info_get_errors (tls) & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_nonnull (strstr (pf_exchange_get_error_message (exchange), "self-signed"));
  g_assert_nonnull (strstr (pf_certificate_get_subject (leaf), "CN=127.0.0.1"));
  g_assert_cmpstr (pf_certificate_get_subject (leaf), ==, pf_certificate_get_issuer (leaf));
  g_assert_true (pf_certificate_is_self_signed (leaf));
  g_assert_true (g_strv_contains (names, "127.0.0.1"));
  g_assert_true (g_strv_contains (names, "localhost"));
  g_assert_cmpint (g_date_time_compare (pf_certificate_get_not_before (leaf), now), <, 0);
  g_assert_cmpint (g_date_time_compare (pf_certificate_get_not_after (leaf), now), >, 0);
  assert_fingerprint_form (pf_certificate_get_sha256 (leaf));
}

static void
test_expired_refused (Fixture *fixture,
                      gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_EXPIRED, "example.txt");
  g_autoptr (PfExchange) exchange = fetch (fixture, url, NULL, FALSE);
  PfTlsInfo *tls = assert_refused (exchange, "expired", 2);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_auto (GStrv) names = pf_tls_info_dup_problem_names (tls);

  /* Every problem: the unknown CA that signed it too. */
  g_assert_true (strv_has (names, "unknown-ca"));
  g_assert_nonnull (strstr (pf_exchange_get_error_message (exchange), "It has expired: it ended on"));
  g_assert_cmpint (g_date_time_compare (pf_certificate_get_not_after (
                                            pf_tls_info_get_certificate (tls)),
                                        now),
                   <, 0);
}

static void
test_wrong_host_refused (Fixture *fixture,
                         gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_WRONG_HOST, "example.txt");
  g_autoptr (PfExchange) exchange = fetch (fixture, url, NULL, FALSE);
  PfTlsInfo *tls = assert_refused (exchange, "bad-identity", 2);
  const char *const *names = pf_certificate_get_alt_names (pf_tls_info_get_certificate (tls));

  g_assert_nonnull (strstr (pf_exchange_get_error_message (exchange),
                            "It is for another host: it names wrong-host.example, not 127.0.0.1:"));
  g_assert_true (g_strv_contains (names, "wrong-host.example"));
  g_assert_false (g_strv_contains (names, "127.0.0.1"));
}

static void
test_unknown_ca_refused (Fixture *fixture,
                         gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_UNKNOWN_CA, "example.txt");
  g_autoptr (PfExchange) exchange = fetch (fixture, url, NULL, FALSE);
  PfTlsInfo *tls = assert_refused (exchange, "unknown-ca", 2);
  g_autoptr (PfCertificate) ca = g_list_model_get_item (pf_tls_info_get_chain (tls), 1);
  g_auto (GStrv) names = pf_tls_info_dup_problem_names (tls);
  g_auto (GStrv) problems = pf_tls_info_dup_problems (tls);

  /* Only that problem, and the chain names the CA that signed it. */
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_false (pf_certificate_is_self_signed (pf_tls_info_get_certificate (tls)));
  g_assert_cmpstr (pf_certificate_get_issuer (pf_tls_info_get_certificate (tls)), ==,
                   pf_certificate_get_subject (ca));
  g_assert_nonnull (strstr (pf_certificate_get_subject (ca), "CN=Preflight Lab Test CA"));
  g_assert_nonnull (strstr (problems[0], "unknown certificate authority"));
}

/* The fingerprint the refusal showed, trusted for one request: the connection is made and
 * says what it was. */
static void
test_fingerprint_trusts (Fixture *fixture,
                         gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_SELF_SIGNED, "example.txt");
  g_autoptr (PfExchange) refused = fetch (fixture, url, NULL, FALSE);
  PfCertificate *leaf = pf_tls_info_get_certificate (pf_exchange_get_tls_info (refused));
  /* Typed as a user might: lower case, no colons. */
  g_autofree char *typed = g_ascii_strdown (pf_certificate_get_sha256 (leaf), -1);
  g_auto (GStrv) pairs = g_strsplit (typed, ":", -1);
  g_autofree char *plain = g_strjoinv ("", pairs);
  g_autoptr (PfExchange) exchange = fetch (fixture, url, plain, FALSE);
  PfTlsInfo *tls = pf_exchange_get_tls_info (exchange);
  g_autofree char *body = body_text (exchange);
  g_autofree char *head = pf_exchange_dup_raw_response_head (exchange);

  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NONE);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_nonnull (tls);
  g_assert_cmpint (pf_tls_info_get_trust (tls), ==, PF_TLS_TRUST_FINGERPRINT);
  g_assert_cmpstr (pf_tls_info_get_protocol (tls), ==, "TLS 1.3");
  g_assert_true (g_str_has_prefix (pf_tls_info_get_cipher_suite (tls), "TLS_"));
  g_assert_cmpstr (pf_certificate_get_sha256 (pf_tls_info_get_certificate (tls)), ==,
                   pf_certificate_get_sha256 (leaf));
  g_assert_true (g_str_has_prefix (body, "Hello from the Preflight lab"));
  g_assert_cmpstr (pf_exchange_get_http_version (exchange), ==, "HTTP/1.1");
  g_assert_true (g_str_has_prefix (head, "HTTP/1.1 200 OK\r\n"));
}

/* Another certificate's fingerprint trusts nothing here. */
static void
test_wrong_fingerprint_refused (Fixture *fixture,
                                gconstpointer data)
{
  g_autofree char *other_url = tls_url (fixture, PF_LAB_TLS_UNKNOWN_CA, "example.txt");
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_SELF_SIGNED, "example.txt");
  g_autoptr (PfExchange) other = fetch (fixture, other_url, NULL, FALSE);
  const char *fingerprint =
      pf_certificate_get_sha256 (pf_tls_info_get_certificate (pf_exchange_get_tls_info (other)));
  g_autoptr (PfExchange) exchange = fetch (fixture, url, fingerprint, FALSE);

  assert_refused (exchange, "self-signed", 1);
}

/* Not a fingerprint: refused before anything is sent, saying what to give. */
static void
test_bad_fingerprint_is_bad_input (Fixture *fixture,
                                   gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_SELF_SIGNED, "example.txt");
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GError) error = NULL;

  pf_request_set_url (request, url);
  pf_request_set_trusted_certificate (request, "AB:CD");
  exchange = pf_exchange_new (fixture->profile, request);
  g_assert_false (run_exchange (exchange, &error));
  g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "64 hex digits"));
  g_assert_cmpint (pf_exchange_get_ready_state (exchange), ==, PF_READY_STATE_UNSENT);
}

static void
test_insecure_takes_any (Fixture *fixture,
                         gconstpointer data)
{
  for (PfLabTls kind = 0; kind < PF_LAB_TLS_N_KINDS; kind++)
    {
      g_autofree char *url = tls_url (fixture, kind, "status/201");
      g_autoptr (PfExchange) exchange = fetch (fixture, url, NULL, TRUE);
      PfTlsInfo *tls = pf_exchange_get_tls_info (exchange);

      g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 201);
      g_assert_cmpint (pf_tls_info_get_trust (tls), ==, PF_TLS_TRUST_INSECURE);
      /* The problems are still said. */
      g_assert_cmpuint (pf_tls_info_get_errors (tls), !=, 0);
    }
}

/* Trusted for the host until quit: on that host and port only, and a request that trusts
 * nothing does not ride the trusted connection of another. */
static void
test_host_trust (Fixture *fixture,
                 gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_SELF_SIGNED, "example.txt");
  g_autofree char *other_url = tls_url (fixture, PF_LAB_TLS_UNKNOWN_CA, "example.txt");
  g_autoptr (PfExchange) refused = fetch (fixture, url, NULL, FALSE);
  PfTlsInfo *tls = pf_exchange_get_tls_info (refused);
  const char *fingerprint = pf_certificate_get_sha256 (pf_tls_info_get_certificate (tls));
  g_autoptr (PfExchange) trusted = NULL;
  g_autoptr (PfExchange) again = NULL;
  g_autoptr (PfExchange) other = NULL;

  pf_profile_trust_certificate (fixture->profile, pf_tls_info_get_host (tls), fingerprint);
  trusted = fetch (fixture, url, NULL, FALSE);
  g_assert_cmpuint (pf_exchange_get_status (trusted), ==, 200);
  g_assert_cmpint (pf_tls_info_get_trust (pf_exchange_get_tls_info (trusted)), ==,
                   PF_TLS_TRUST_HOST);
  again = fetch (fixture, url, NULL, FALSE);
  g_assert_cmpuint (pf_exchange_get_status (again), ==, 200);
  other = fetch (fixture, other_url, NULL, FALSE);
  assert_refused (other, "unknown-ca", 2);
}

static void
test_trust_is_per_request (Fixture *fixture,
                           gconstpointer data)
{
  g_autofree char *url = tls_url (fixture, PF_LAB_TLS_SELF_SIGNED, "example.txt");
  g_autoptr (PfExchange) insecure = fetch (fixture, url, NULL, TRUE);
  g_autoptr (PfExchange) after = NULL;

  g_assert_cmpuint (pf_exchange_get_status (insecure), ==, 200);
  /* Its connection is kept alive, but never for a request that trusts nothing. */
  after = fetch (fixture, url, NULL, FALSE);
  assert_refused (after, "self-signed", 1);
}

/* https:// to the lab's plain port: the lab answers the handshake in plain HTTP at once and
 * the message says what it means; not a wait for a timeout. */
static void
test_https_to_plain_port (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/example.txt",
                                          pf_lab_server_get_port (fixture->lab));
  gint64 start = g_get_monotonic_time ();
  g_autoptr (PfExchange) exchange = fetch (fixture, url, NULL, FALSE);
  gint64 took_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NETWORK);
  g_assert_nonnull (strstr (pf_exchange_get_error_message (exchange), "plain HTTP"));
  g_assert_nonnull (strstr (pf_exchange_get_error_message (exchange), "http://"));
  g_assert_null (pf_exchange_get_tls_info (exchange));
  /* At once, not after libsoup's 60 s I/O timeout. */
  g_assert_cmpint (took_ms, <, pf_test_under_sanitizer () ? 45000 : 5000);
}

/* http:// to an HTTPS port: a 400 that says which URL to use. */
static void
test_http_to_tls_port (Fixture *fixture,
                       gconstpointer data)
{
  g_autofree char *https = tls_url (fixture, PF_LAB_TLS_SELF_SIGNED, "example.txt");
  g_autofree char *url = g_strconcat ("http", https + strlen ("https"), NULL);
  g_autoptr (PfExchange) exchange = fetch (fixture, url, NULL, FALSE);
  g_autofree char *body = body_text (exchange);

  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 400);
  g_assert_nonnull (strstr (body, "speaks HTTPS"));
  g_assert_null (pf_exchange_get_tls_info (exchange));
}

/* Plain HTTP has no TLS record. */
static void
test_plain_has_none (Fixture *fixture,
                     gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "example.txt");
  g_autoptr (PfExchange) exchange = fetch (fixture, url, NULL, FALSE);

  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_null (pf_exchange_get_tls_info (exchange));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/tls/refused/self-signed", test_self_signed_refused);
  ADD ("/tls/refused/expired", test_expired_refused);
  ADD ("/tls/refused/wrong-host", test_wrong_host_refused);
  ADD ("/tls/refused/unknown-ca", test_unknown_ca_refused);
  ADD ("/tls/trust/fingerprint", test_fingerprint_trusts);
  ADD ("/tls/trust/wrong-fingerprint", test_wrong_fingerprint_refused);
  ADD ("/tls/trust/bad-fingerprint", test_bad_fingerprint_is_bad_input);
  ADD ("/tls/trust/insecure", test_insecure_takes_any);
  ADD ("/tls/trust/host-until-quit", test_host_trust);
  ADD ("/tls/trust/per-request", test_trust_is_per_request);
  ADD ("/tls/port/https-to-plain", test_https_to_plain_port);
  ADD ("/tls/port/http-to-tls", test_http_to_tls_port);
  ADD ("/tls/plain-has-none", test_plain_has_none);
  return g_test_run ();
}
