/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-key-value.h"
#include "pf-request-json.h"

/* A request as composed, through JSON and back (the window's session keeps its tabs so):
 * every body kind, disabled rows, file fields and the options come back as they were. */

static void
assert_rows_equal (GListModel *a,
                   GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr (PfKeyValue) x = g_list_model_get_item (a, i);
      g_autoptr (PfKeyValue) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (pf_key_value_get_name (x), ==, pf_key_value_get_name (y));
      g_assert_cmpstr (pf_key_value_get_value (x), ==, pf_key_value_get_value (y));
      g_assert_cmpint (pf_key_value_get_enabled (x), ==, pf_key_value_get_enabled (y));
      g_assert_cmpint (pf_key_value_get_is_file (x), ==, pf_key_value_get_is_file (y));
      g_assert_cmpstr (pf_key_value_get_file_name (x), ==, pf_key_value_get_file_name (y));
      g_assert_cmpstr (pf_key_value_get_content_type (x), ==, pf_key_value_get_content_type (y));
    }
}

static void
assert_requests_equal (PfRequest *a,
                       PfRequest *b)
{
  g_assert_cmpstr (pf_request_get_method (a), ==, pf_request_get_method (b));
  g_assert_cmpstr (pf_request_get_url (a), ==, pf_request_get_url (b));
  assert_rows_equal (pf_request_get_params (a), pf_request_get_params (b));
  assert_rows_equal (pf_request_get_headers (a), pf_request_get_headers (b));
  g_assert_cmpint (pf_request_get_body_kind (a), ==, pf_request_get_body_kind (b));
  g_assert_cmpstr (pf_request_get_body_text (a), ==, pf_request_get_body_text (b));
  g_assert_cmpstr (pf_request_get_body_content_type (a), ==,
                   pf_request_get_body_content_type (b));
  assert_rows_equal (pf_request_get_fields (a), pf_request_get_fields (b));
  g_assert_cmpstr (pf_request_get_body_file (a), ==, pf_request_get_body_file (b));
  g_assert_cmpuint (pf_request_get_timeout_ms (a), ==, pf_request_get_timeout_ms (b));
  g_assert_cmpuint (pf_request_get_max_redirects (a), ==, pf_request_get_max_redirects (b));
  g_assert_cmpstr (pf_request_get_override_mime_type (a), ==,
                   pf_request_get_override_mime_type (b));
  g_assert_cmpstr (pf_request_get_origin (a), ==, pf_request_get_origin (b));
  g_assert_cmpint (pf_request_get_credentials (a), ==, pf_request_get_credentials (b));
  g_assert_cmpint (pf_request_get_initiator (a), ==, pf_request_get_initiator (b));
  g_assert_cmpint (pf_request_get_sync (a), ==, pf_request_get_sync (b));
  g_assert_cmpint (pf_request_get_xdr (a), ==, pf_request_get_xdr (b));
  g_assert_cmpint (pf_request_get_response_type (a), ==, pf_request_get_response_type (b));
}

/* Through JSON text, as the session file holds it. */
static PfRequest *
round_trip (PfRequest *request)
{
  g_autoptr (JsonNode) node = pf_request_to_json (request);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr (JsonNode) parsed = NULL;
  g_autoptr (GError) error = NULL;
  PfRequest *copy;

  parsed = json_from_string (text, &error);
  g_assert_no_error (error);
  copy = pf_request_new_from_json (parsed, &error);
  g_assert_no_error (error);
  assert_requests_equal (request, copy);
  return copy;
}

static PfRequest *
composed (PfBodyKind kind)
{
  PfRequest *request = pf_request_new ();

  pf_request_set_method (request, "PUT");
  pf_request_set_url (request, "http://127.0.0.1:8080/echo?q=caf%C3%A9&a=1+2");
  pf_key_value_set_enabled (pf_request_add_header (request, "X-Off", "no"), FALSE);
  pf_request_add_header (request, "X-Token", "secret \"quoted\"");
  pf_request_set_body_kind (request, kind);
  pf_request_set_timeout_ms (request, 2500);
  pf_request_set_max_redirects (request, 3);
  pf_request_set_override_mime_type (request, "text/plain");
  pf_request_set_origin (request, "http://page.test");
  pf_request_set_credentials (request, PF_CREDENTIALS_INCLUDE);
  pf_request_set_sync (request, TRUE);
  pf_request_set_xdr (request, TRUE);
  pf_request_set_response_type (request, PF_RESPONSE_TYPE_ARRAYBUFFER);
  return request;
}

static void
test_raw (void)
{
  g_autoptr (PfRequest) request = composed (PF_BODY_RAW);
  g_autoptr (PfRequest) copy = NULL;

  pf_request_set_body_text (request, "{\"a\": \"line\\n\"}\n###\nnot a separator\n");
  pf_request_set_body_content_type (request, "application/json");
  copy = round_trip (request);
}

static void
test_urlencoded (void)
{
  g_autoptr (PfRequest) request = composed (PF_BODY_URLENCODED);
  g_autoptr (PfRequest) copy = NULL;

  pf_request_add_field (request, "name", "Zoë & co");
  pf_key_value_set_enabled (pf_request_add_field (request, "off", "1"), FALSE);
  /* The raw text typed before switching kinds stays, as in the editor. */
  pf_request_set_body_text (request, "kept");
  copy = round_trip (request);
  g_assert_cmpstr (pf_request_get_body_text (copy), ==, "kept");
}

static void
test_multipart (void)
{
  g_autoptr (PfRequest) request = composed (PF_BODY_MULTIPART);
  g_autoptr (PfRequest) copy = NULL;
  g_autoptr (PfKeyValue) file = NULL;
  PfKeyValue *scan;

  pf_request_add_field (request, "text", "value");
  pf_request_add_file_field (request, "upload", "/tmp/some file.png");
  scan = pf_request_add_file_field (request, "scan", "/tmp/scan.bin");
  pf_key_value_set_file_name (scan, "page 1.png");
  pf_key_value_set_content_type (scan, "image/png");
  copy = round_trip (request);
  file = g_list_model_get_item (pf_request_get_fields (copy), 1);
  g_assert_true (pf_key_value_get_is_file (file));
  g_clear_object (&file);
  file = g_list_model_get_item (pf_request_get_fields (copy), 2);
  g_assert_cmpstr (pf_key_value_get_file_name (file), ==, "page 1.png");
  g_assert_cmpstr (pf_key_value_get_content_type (file), ==, "image/png");
}

static void
test_file (void)
{
  g_autoptr (PfRequest) request = composed (PF_BODY_FILE);
  g_autoptr (PfRequest) copy = NULL;

  pf_request_set_body_file (request, "/home/user/data.bin");
  pf_request_set_body_content_type (request, "application/octet-stream");
  copy = round_trip (request);
}

static void
test_none_image (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfRequest) copy = NULL;

  pf_request_set_url (request, "http://127.0.0.1/pixel.png");
  pf_request_set_initiator (request, PF_INITIATOR_IMAGE);
  copy = round_trip (request);
  g_assert_cmpint (pf_request_get_body_kind (copy), ==, PF_BODY_NONE);
  g_assert_cmpint (pf_request_get_credentials (copy), ==, PF_CREDENTIALS_SAME_ORIGIN);
}

/* A URL half typed, which no .http entry would keep, comes back as typed. */
static void
test_url_as_typed (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfRequest) copy = NULL;

  pf_request_set_url (request, "htp:/127.0.0.1:80 80/a b?x=%zz&y");
  copy = round_trip (request);
}

/* A parameter turned off is not in the URL, yet comes back off, in its place. */
static void
test_disabled_params (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfRequest) copy = NULL;
  g_autoptr (PfKeyValue) off = NULL;

  pf_request_set_url (request, "http://127.0.0.1/echo?a=1&b=2&c=3");
  off = g_list_model_get_item (pf_request_get_params (request), 1);
  pf_key_value_set_enabled (off, FALSE);
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://127.0.0.1/echo?a=1&c=3");
  copy = round_trip (request);
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_params (copy)), ==, 3);
}

/* What is not a request object is refused; members of the wrong type take their defaults. */
static void
test_damaged (void)
{
  g_autoptr (JsonNode) array = json_from_string ("[1, 2]", NULL);
  g_autoptr (JsonNode) odd = json_from_string ("{\"method\": 7, \"url\": \"http://a/\", "
                                               "\"headers\": [1, {\"name\": \"X\"}], "
                                               "\"timeout_ms\": \"soon\", "
                                               "\"body_kind\": \"sideways\"}",
                                               NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PfRequest) request = NULL;

  g_assert_null (pf_request_new_from_json (array, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);
  request = pf_request_new_from_json (odd, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pf_request_get_method (request), ==, "GET");
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://a/");
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_headers (request)), ==, 1);
  g_assert_cmpuint (pf_request_get_timeout_ms (request), ==, 0);
  g_assert_cmpint (pf_request_get_body_kind (request), ==, PF_BODY_NONE);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/request-json/round-trip/raw", test_raw);
  g_test_add_func ("/request-json/round-trip/urlencoded", test_urlencoded);
  g_test_add_func ("/request-json/round-trip/multipart", test_multipart);
  g_test_add_func ("/request-json/round-trip/file", test_file);
  g_test_add_func ("/request-json/round-trip/none-as-image", test_none_image);
  g_test_add_func ("/request-json/round-trip/url-as-typed", test_url_as_typed);
  g_test_add_func ("/request-json/round-trip/disabled-params", test_disabled_params);
  g_test_add_func ("/request-json/damaged", test_damaged);

  return g_test_run ();
}
