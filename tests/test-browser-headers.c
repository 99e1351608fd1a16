/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-browser-headers.h"
#include "pf-key-value.h"
#include "pf-test-lab.h"

/* The headers a browser adds by itself, as Chromium adds them (tests/browser/
 * compare-browser-headers.py compares them with headless Chromium): which go to which URL,
 * the Referer policy, Sec-Fetch-Site, and an exchange that sends them and says which were the
 * browser's. */

typedef PfTestLab Fixture;

/* "Name: value\n" for each row. */
static char *
join (GPtrArray *headers)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < headers->len; i++)
    g_string_append_printf (out, "%s: %s\n", pf_key_value_get_name (headers->pdata[i]),
                            pf_key_value_get_value (headers->pdata[i]));
  return g_string_free (out, FALSE);
}

static void
test_to_loopback (void)
{
  g_autoptr (GPtrArray) headers = pf_browser_headers_for (
    "http://page.example/app/?q=1#top", "http://127.0.0.1:8080/api", "POST", PF_INITIATOR_XHR,
    FALSE);
  g_autofree char *text = join (headers);

  /* Loopback is potentially trustworthy: Fetch Metadata, client hints and br go. */
  g_assert_cmpstr (text, ==,
                   "Connection: keep-alive\n"
                   "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
                   "Gecko) Chrome/" PF_CHROMIUM_MAJOR ".0.0.0 Safari/537.36\n"
                   "Accept: */*\n"
                   "Origin: http://page.example\n"
                   "Referer: http://page.example/\n"
                   "Accept-Encoding: gzip, deflate, br\n"
                   "Accept-Language: en-US,en;q=0.9\n"
                   "sec-ch-ua-platform: \"Linux\"\n"
                   "sec-ch-ua: \"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"" PF_CHROMIUM_MAJOR "\"\n"
                   "sec-ch-ua-mobile: ?0\n"
                   "Sec-Fetch-Site: cross-site\n"
                   "Sec-Fetch-Mode: cors\n"
                   "Sec-Fetch-Dest: empty\n");
}

static void
test_to_plain_http (void)
{
  g_autoptr (GPtrArray) headers = pf_browser_headers_for (
    "http://page.lab.test", "http://api.lab.test/x", "GET", PF_INITIATOR_XHR, TRUE);
  g_autofree char *text = join (headers);

  /* Not trustworthy: no Sec-Fetch-*, no client hints, no br; a GET to another origin still
   * carries Origin. */
  g_assert_null (strstr (text, "Sec-Fetch"));
  g_assert_null (strstr (text, "sec-ch-ua"));
  g_assert_nonnull (strstr (text, "Accept-Encoding: gzip, deflate\n"));
  g_assert_nonnull (strstr (text, "Origin: http://page.lab.test\n"));
  g_assert_nonnull (strstr (text, "Referer: http://page.lab.test/\n"));
}

static void
test_image_and_same_origin (void)
{
  g_autoptr (GPtrArray) image = pf_browser_headers_for (
    "https://shop.example/cart", "https://cdn.shop.example/p.gif", "GET", PF_INITIATOR_IMAGE,
    TRUE);
  g_autoptr (GPtrArray) same = pf_browser_headers_for (
    NULL, "https://app.example/api", "GET", PF_INITIATOR_XHR, TRUE);
  g_autofree char *image_text = join (image);
  g_autofree char *same_text = join (same);

  /* An image: no-cors, no Origin, its own Accept; the same site from a subdomain. */
  g_assert_null (strstr (image_text, "Origin:"));
  g_assert_nonnull (strstr (image_text, "Accept: image/"));
  g_assert_nonnull (strstr (image_text, "Sec-Fetch-Site: same-site\n"));
  g_assert_nonnull (strstr (image_text, "Sec-Fetch-Mode: no-cors\nSec-Fetch-Dest: image\n"));
  g_assert_null (strstr (image_text, "Sec-Fetch-Storage-Access"));
  /* No page: a page at the URL's own origin; a same-origin GET has no Origin. */
  g_assert_null (strstr (same_text, "Origin:"));
  g_assert_nonnull (strstr (same_text, "Referer: https://app.example/\n"));
  g_assert_nonnull (strstr (same_text, "Sec-Fetch-Site: same-origin\n"));
}

static void
test_referrer_policy (void)
{
  static const struct
  {
    const char *page, *url, *referrer;
  } cases[] = {
    /* strict-origin-when-cross-origin: the whole URL (no fragment) to its own origin */
    { "http://a.example/p/q?x=%28y%29#frag", "http://a.example/api", "http://a.example/p/q?x=%28y%29" },
    { "http://a.example/p/q?x=1", "http://b.example/api", "http://a.example/" },
    /* https to http: nothing */
    { "https://a.example/p", "http://b.example/api", NULL },
    /* http to loopback http is not a downgrade */
    { "http://a.example", "http://127.0.0.1/api", "http://a.example/" },
    { "null", "http://b.example/", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *referrer = pf_browser_headers_referrer (cases[i].page, cases[i].url);

      g_assert_cmpstr (referrer, ==, cases[i].referrer);
    }
  g_assert_cmpstr (pf_browser_headers_site ("http://a.example.com", "http://b.example.com/"), ==,
                   "same-site");
  g_assert_cmpstr (pf_browser_headers_site ("https://a.example.com", "http://b.example.com/"), ==,
                   "cross-site");
  g_assert_cmpstr (pf_browser_headers_site ("http://127.0.0.1:1", "http://localhost:1/"), ==,
                   "cross-site");
  g_assert_true (pf_browser_headers_url_trustworthy ("http://[::1]:8080/"));
  g_assert_true (pf_browser_headers_url_trustworthy ("http://x.localhost/"));
  g_assert_false (pf_browser_headers_url_trustworthy ("http://10.0.0.1/"));
  g_assert_false (pf_browser_headers_url_trustworthy ("not a url"));
}

/* The lab echoes what arrived: the browser's headers, the script's Accept instead of the
 * browser's, and the exchange naming the browser's. */
static void
test_exchange_sends_them (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "echo");
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfExchange) plain = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;

  pf_request_set_url (request, url);
  pf_request_set_browser_headers (request, PF_BROWSER_HEADERS_ON);
  pf_request_add_header (request, "Accept", "application/json");
  pf_request_add_header (request, "X-Mine", "1");
  g_assert_true (pf_request_sends_browser_headers (request));
  exchange = pf_exchange_new (fixture->profile, request);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  body = pf_exchange_dup_body_bytes (exchange);
  /* The body is bytes, not a C string. */
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_nonnull (strstr (text, "\"Sec-Fetch-Site\",\n      \"same-origin\""));
  g_assert_nonnull (strstr (text, "\"Accept\",\n      \"application/json\""));
  g_assert_null (strstr (text, "*/*"));
  names = g_strjoinv (",", (GStrv) pf_exchange_get_browser_headers (exchange));
  g_assert_nonnull (strstr (names, "User-Agent"));
  g_assert_nonnull (strstr (names, "Host"));
  g_assert_null (strstr (names, "Accept,"));
  g_assert_null (strstr (names, "X-Mine"));
  /* AUTO without a page origin: as a tool, no browser headers and no list. */
  pf_request_set_browser_headers (request, PF_BROWSER_HEADERS_AUTO);
  g_assert_false (pf_request_sends_browser_headers (request));
  plain = pf_exchange_new (fixture->profile, request);
  g_assert_true (pf_test_lab_run_exchange (plain, NULL));
  g_assert_null (pf_exchange_get_browser_headers (plain));
  g_assert_null (strstr (pf_exchange_get_raw_request_head (plain), "Sec-Fetch"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/browser-headers/to-loopback-all-of-them", test_to_loopback);
  g_test_add_func ("/browser-headers/to-plain-http-no-fetch-metadata", test_to_plain_http);
  g_test_add_func ("/browser-headers/image-and-same-origin", test_image_and_same_origin);
  g_test_add_func ("/browser-headers/referrer-policy-and-site", test_referrer_policy);
  g_test_add ("/browser-headers/exchange-sends-and-names-them", Fixture, NULL,
              pf_test_lab_set_up, test_exchange_sends_them, pf_test_lab_tear_down);

  return g_test_run ();
}
