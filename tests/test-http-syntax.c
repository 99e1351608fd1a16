/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-http-syntax.h"
#include "pf-request.h"
#include "pf-test-tsv.h"

#include <string.h>

static void
test_methods_normalised (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("methods.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *sent = pf_http_normalize_method (row[0]);

      g_assert_cmpstr (sent, ==, row[1]);
    }
}

static void
test_header_names (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("header-names.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr (GError) error = NULL;
      gboolean valid = pf_http_check_header_name (row[0], &error);

      g_test_message ("header name “%s”", row[0]);
      g_assert_cmpint (valid, ==, g_str_equal (row[1], "yes"));
      if (!valid)
        g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_HEADER_NAME);
    }
}

static void
test_header_name_message_names_the_problem (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (pf_http_check_header_name ("Bad Name", &error));
  g_assert_cmpstr (error->message, ==, "Header name “Bad Name” contains a space");
}

static void
test_header_values_refuse_cr_lf (void)
{
  g_autoptr (GError) cr = NULL;
  g_autoptr (GError) lf = NULL;

  g_assert_true (pf_http_check_header_value ("X", "plain value", NULL));
  g_assert_false (pf_http_check_header_value ("X", "a\rb", &cr));
  g_assert_error (cr, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_HEADER_VALUE);
  g_assert_nonnull (strstr (cr->message, "carriage return"));
  g_assert_false (pf_http_check_header_value ("X", "a\nInjected: yes", &lf));
  g_assert_nonnull (strstr (lf->message, "line feed"));
}

static void
test_header_value_whitespace_is_trimmed (void)
{
  g_autofree char *value = pf_http_normalize_value (" \t value with inner space \r\n");

  g_assert_cmpstr (value, ==, "value with inner space");
}

static void
test_encode_uri_component (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("encode-uri-component.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *encoded = pf_uri_encode_component (row[0]);

      g_assert_cmpstr (encoded, ==, row[1]);
    }
}

static void
test_urls (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("urls.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr (GError) error = NULL;
      gboolean valid = pf_http_check_url (row[0], &error);

      g_test_message ("url “%s”", row[0]);
      g_assert_cmpint (valid, ==, g_str_equal (row[1], "yes"));
      if (!valid)
        g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL);
    }
}

static void
test_forbidden_headers (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("forbidden-headers.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      const char *reason = pf_http_forbidden_header_reason (row[0], row[1]);

      g_test_message ("header “%s: %s”", row[0], row[1]);
      g_assert_cmpint (reason != NULL, ==, g_str_equal (row[2], "yes"));
    }
}

static void
test_request_builds_query_from_params (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autofree char *url = NULL;
  PfKeyValue *disabled;

  pf_request_set_url (request, "http://127.0.0.1:1/search?lang=en#top");
  pf_request_add_param (request, "q", "café & tea");
  disabled = pf_request_add_param (request, "skip", "me");
  pf_key_value_set_enabled (disabled, FALSE);
  url = pf_request_build_url (request, NULL);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:1/search?lang=en&q=caf%C3%A9%20%26%20tea");
}

static void
test_request_fields_encode_like_encode_uri_component (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autofree char *body = NULL;

  pf_request_add_field (request, "name", "Nicholas Zakas");
  pf_request_add_field (request, "book", "JS & Ajax (3rd)");
  body = pf_request_encode_fields (request);
  g_assert_cmpstr (body, ==, "name=Nicholas%20Zakas&book=JS%20%26%20Ajax%20(3rd)");
}

static void
test_request_validate_reports_first_problem (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (GError) error = NULL;

  pf_request_set_url (request, "http://127.0.0.1:1/");
  pf_request_add_header (request, "X-Fine", "yes");
  pf_request_add_header (request, "X-Evil", "a\r\nInjected: 1");
  g_assert_false (pf_request_validate (request, &error));
  g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_HEADER_VALUE);
  g_assert_nonnull (strstr (error->message, "X-Evil"));
}

static void
test_request_method_must_be_a_token (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (GError) error = NULL;

  pf_request_set_url (request, "http://127.0.0.1:1/");
  pf_request_set_method (request, "GET ME");
  g_assert_false (pf_request_validate (request, &error));
  g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_METHOD);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_request_notifies_only_on_change (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  guint notified = 0;

  g_signal_connect (request, "notify::url", G_CALLBACK (count_notify_cb), &notified);
  pf_request_set_url (request, "http://a.test/");
  pf_request_set_url (request, "http://a.test/");
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/http/method/normalised-as-fetch-says", test_methods_normalised);
  g_test_add_func ("/http/header-name/must-be-a-token", test_header_names);
  g_test_add_func ("/http/header-name/message-names-the-problem",
                   test_header_name_message_names_the_problem);
  g_test_add_func ("/http/header-value/refuses-cr-and-lf", test_header_values_refuse_cr_lf);
  g_test_add_func ("/http/header-value/outer-whitespace-trimmed",
                   test_header_value_whitespace_is_trimmed);
  g_test_add_func ("/http/encode-uri-component/as-ecmascript", test_encode_uri_component);
  g_test_add_func ("/http/url/only-absolute-http-and-https", test_urls);
  g_test_add_func ("/http/forbidden-header/as-fetch-lists", test_forbidden_headers);
  g_test_add_func ("/request/params/appended-to-query-before-fragment",
                   test_request_builds_query_from_params);
  g_test_add_func ("/request/fields/encoded-like-encode-uri-component",
                   test_request_fields_encode_like_encode_uri_component);
  g_test_add_func ("/request/validate/header-value-with-crlf-refused",
                   test_request_validate_reports_first_problem);
  g_test_add_func ("/request/validate/method-must-be-a-token", test_request_method_must_be_a_token);
  g_test_add_func ("/request/notify/only-when-changed", test_request_notifies_only_on_change);

  return g_test_run ();
}
