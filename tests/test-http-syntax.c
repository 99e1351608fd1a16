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

/* XHR open (): a method is a token, and not one of the forbidden three in any case. */
static void
test_methods_open_refuses (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("methods-open.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr (GError) error = NULL;
      gboolean ok = pf_http_check_method (row[0], &error);

      g_test_message ("“%s”: %s", row[0], row[1]);
      g_assert_cmpint (ok, ==, g_str_equal (row[1], "ok"));
      g_assert_cmpint (pf_http_is_forbidden_method (row[0]), ==, g_str_equal (row[1], "forbidden"));
      if (g_str_equal (row[1], "syntax"))
        g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_METHOD);
      else if (g_str_equal (row[1], "forbidden"))
        g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_FORBIDDEN_METHOD);
    }
}

/* The message names the rule, and what Chromium's open () says, with the method as typed. */
static void
test_forbidden_method_message (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (GError) error = NULL;

  pf_request_set_url (request, "http://127.0.0.1:1/");
  pf_request_set_method (request, "Trace");
  g_assert_false (pf_request_validate (request, &error));
  g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_FORBIDDEN_METHOD);
  g_assert_cmpstr (error->message, ==,
                   "Method “Trace” is forbidden: XMLHttpRequest’s open () throws a SecurityError "
                   "for CONNECT, TRACE and TRACK, so nothing is sent (Chromium: “Failed to execute "
                   "'open' on 'XMLHttpRequest': 'Trace' HTTP method is unsupported.”)");
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

/* The URL sent is the one GLib joins from the parsed URL's parts (without the fragment, "/"
 * for an empty path), whether Preflight joins it itself (a host name or IPv4 address, no
 * user information) or hands it to GLib. */
static void
test_request_url_sent_as_glib_joins_it (void)
{
  static const char *const urls[] = {
    "http://127.0.0.1:1/search?lang=en#top",
    "HTTP://Example.COM",
    "https://h:443/a/../b/?",
    "http://h:0/%2F?q=%25&r",
    "http://user:pw@h:8080/x?y",
    "http://[::1]:8080/x",
    "http://[fe80::1%25eth0]/",
    "http://h%41/",
    "https://xn--caf-dma.example/é?é#é",
    "http://h/a;b=c,d!$'()*+~-_.",
    "http://h?only-query",
    "http://h:65535",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr (PfRequest) request = pf_request_new ();
      g_autoptr (GUri) uri = g_uri_parse (urls[i], G_URI_FLAGS_ENCODED, NULL);
      g_autoptr (GUri) built = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *url = NULL;

      g_assert_nonnull (uri);
      built = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                           g_uri_get_host (uri), g_uri_get_port (uri),
                           *g_uri_get_path (uri) ? g_uri_get_path (uri) : "/",
                           g_uri_get_query (uri), NULL);
      expected = g_uri_to_string (built);
      pf_request_set_url (request, urls[i]);
      url = pf_request_build_url (request, NULL);
      g_assert_cmpstr (url, ==, expected);
    }
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
count_notify_cb (GObject *object,
                 GParamSpec *pspec,
                 guint *count)
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

static char *
join_pairs (GPtrArray *pairs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < pairs->len; i++)
    {
      PfKeyValue *pair = g_ptr_array_index (pairs, i);

      g_string_append_printf (out, "%s%s=%s", i ? " | " : "", pf_key_value_get_name (pair),
                              pf_key_value_get_value (pair));
    }
  return g_string_free (out, FALSE);
}

static void
test_form_parse (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("form-parse.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr (GPtrArray) pairs = pf_http_parse_form (row[0]);
      g_autofree char *joined = join_pairs (pairs);

      g_test_message ("form “%s”", row[0]);
      g_assert_cmpstr (joined, ==, row[1]);
    }
}

static char *
join_params (PfRequest *request)
{
  GListModel *params = pf_request_get_params (request);
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (params); i++)
    g_ptr_array_add (pairs, g_list_model_get_item (params, i));
  return join_pairs (pairs);
}

static void
test_request_params_follow_the_url (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autofree char *first = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *none = NULL;

  pf_request_set_url (request, "http://h.test/p?a=1&b=x+y&city=%E5%8C%97#top?x=1");
  first = join_params (request);
  g_assert_cmpstr (first, ==, "a=1 | b=x y | city=北");
  /* A URL being typed has a query too. */
  pf_request_set_url (request, "h.test/?q=");
  typed = join_params (request);
  g_assert_cmpstr (typed, ==, "q=");
  pf_request_set_url (request, "http://h.test/p#a=1");
  none = join_params (request);
  g_assert_cmpstr (none, ==, "");
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_request_params_rewrite_the_url (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  GListModel *params = pf_request_get_params (request);
  g_autoptr (PfKeyValue) a = NULL;
  guint url_notified = 0;

  pf_request_set_url (request, "http://h.test/p?a=1&b=2#top");
  g_signal_connect_swapped (request, "notify::url", G_CALLBACK (count_cb), &url_notified);
  a = g_list_model_get_item (params, 0);
  pf_key_value_set_value (a, "café & tea");
  g_assert_cmpstr (pf_request_get_url (request), ==,
                   "http://h.test/p?a=caf%C3%A9%20%26%20tea&b=2#top");
  pf_key_value_set_enabled (a, FALSE);
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://h.test/p?b=2#top");
  /* The table keeps the row turned off; the URL does not have it. */
  g_assert_cmpuint (g_list_model_get_n_items (params), ==, 2);
  pf_request_add_param (request, "c", "");
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://h.test/p?b=2&c=#top");
  g_list_store_remove_all (G_LIST_STORE (params));
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://h.test/p#top");
  g_assert_cmpuint (url_notified, ==, 4);
}

static void
test_request_copy_is_deep (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfRequest) copy = NULL;
  g_autoptr (PfKeyValue) header = NULL;
  g_autoptr (PfKeyValue) param = NULL;
  g_autoptr (PfKeyValue) field = NULL;
  PfKeyValue *off;

  pf_request_set_method (request, "PUT");
  pf_request_set_url (request, "http://h.test/?a=1");
  off = pf_request_add_param (request, "b", "2");
  pf_key_value_set_enabled (off, FALSE);
  pf_request_add_header (request, "X-Token", "42");
  pf_request_add_file_field (request, "upload", "/tmp/notes.txt");
  pf_request_set_body_kind (request, PF_BODY_MULTIPART);
  pf_request_set_origin (request, "http://page.test");
  pf_request_set_credentials (request, PF_CREDENTIALS_INCLUDE);
  copy = pf_request_copy (request);
  g_assert_cmpstr (pf_request_get_method (copy), ==, "PUT");
  g_assert_cmpstr (pf_request_get_url (copy), ==, "http://h.test/?a=1");
  /* The row turned off is copied too, still off. */
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_params (copy)), ==, 2);
  param = g_list_model_get_item (pf_request_get_params (copy), 1);
  g_assert_false (pf_key_value_get_enabled (param));
  g_assert_cmpint (pf_request_get_body_kind (copy), ==, PF_BODY_MULTIPART);
  g_assert_cmpint (pf_request_get_credentials (copy), ==, PF_CREDENTIALS_INCLUDE);
  g_assert_cmpstr (pf_request_get_origin (copy), ==, "http://page.test");
  field = g_list_model_get_item (pf_request_get_fields (copy), 0);
  g_assert_true (pf_key_value_get_is_file (field));
  /* Editing the original leaves the copy as it was. */
  header = g_list_model_get_item (pf_request_get_headers (request), 0);
  pf_key_value_set_value (header, "43");
  pf_request_set_url (request, "http://h.test/other");
  g_assert_cmpstr (pf_request_get_url (copy), ==, "http://h.test/?a=1");
  g_clear_object (&header);
  header = g_list_model_get_item (pf_request_get_headers (copy), 0);
  g_assert_cmpstr (pf_key_value_get_value (header), ==, "42");
}

/* Editing one query value rewrites that pair only: the others stay as they were typed. */
static void
test_request_params_keep_untouched_pairs (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfKeyValue) a = NULL;
  g_autoptr (PfKeyValue) c = NULL;

  pf_request_set_url (request, "http://h.test/?a=1&c=x+y&d=%7e#top");
  a = g_list_model_get_item (pf_request_get_params (request), 0);
  pf_key_value_set_value (a, "2 3");
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://h.test/?a=2%203&c=x+y&d=%7e#top");
  /* An edited pair is written as encodeURIComponent () writes it; edited back to what it
   * meant, it is written as it was typed. */
  c = g_list_model_get_item (pf_request_get_params (request), 1);
  pf_key_value_set_value (c, "x  y");
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://h.test/?a=2%203&c=x%20%20y&d=%7e#top");
  pf_key_value_set_value (c, "x y");
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://h.test/?a=2%203&c=x+y&d=%7e#top");
  /* A copy (a duplicated tab, what Send sent) writes its pairs back the same way. */
  {
    g_autoptr (PfRequest) copy = pf_request_copy (request);
    g_autoptr (PfKeyValue) first = g_list_model_get_item (pf_request_get_params (copy), 0);

    pf_key_value_set_value (first, "4");
    g_assert_cmpstr (pf_request_get_url (copy), ==, "http://h.test/?a=4&c=x+y&d=%7e#top");
  }
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/http/method/normalised-as-fetch-says", test_methods_normalised);
  g_test_add_func ("/http/method/open-refuses-syntax-and-forbidden", test_methods_open_refuses);
  g_test_add_func ("/request/validate/forbidden-method-says-why", test_forbidden_method_message);
  g_test_add_func ("/http/header-name/must-be-a-token", test_header_names);
  g_test_add_func ("/http/header-name/message-names-the-problem",
                   test_header_name_message_names_the_problem);
  g_test_add_func ("/http/header-value/refuses-cr-and-lf", test_header_values_refuse_cr_lf);
  g_test_add_func ("/http/header-value/outer-whitespace-trimmed",
                   test_header_value_whitespace_is_trimmed);
  g_test_add_func ("/http/encode-uri-component/as-ecmascript", test_encode_uri_component);
  g_test_add_func ("/http/url/only-absolute-http-and-https", test_urls);
  g_test_add_func ("/http/forbidden-header/as-fetch-lists", test_forbidden_headers);
  g_test_add_func ("/http/form/parsed-as-the-url-standard-says", test_form_parse);
  g_test_add_func ("/request/params/sent-without-the-fragment",
                   test_request_builds_query_from_params);
  g_test_add_func ("/request/params/follow-the-url", test_request_params_follow_the_url);
  g_test_add_func ("/request/params/rewrite-the-url", test_request_params_rewrite_the_url);
  g_test_add_func ("/request/params/untouched-pairs-kept-as-typed",
                   test_request_params_keep_untouched_pairs);
  g_test_add_func ("/request/copy/is-deep", test_request_copy_is_deep);
  g_test_add_func ("/request/url/sent-as-glib-joins-it", test_request_url_sent_as_glib_joins_it);
  g_test_add_func ("/request/fields/encoded-like-encode-uri-component",
                   test_request_fields_encode_like_encode_uri_component);
  g_test_add_func ("/request/validate/header-value-with-crlf-refused",
                   test_request_validate_reports_first_problem);
  g_test_add_func ("/request/validate/method-must-be-a-token", test_request_method_must_be_a_token);
  g_test_add_func ("/request/notify/only-when-changed", test_request_notifies_only_on_change);

  return g_test_run ();
}
