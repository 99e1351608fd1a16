/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-cors.h"
#include "pf-key-value.h"
#include "pf-preflight-cache.h"
#include "pf-test-tsv.h"

#include <stdlib.h>
#include <string.h>

/* PfCors and PfPreflightCache: the Fetch standard's rules, from data tables (tests/data/
 * cors-*.tsv) so each rule reads as a row. */

static gboolean
is_none (const char *field)
{
  return g_str_equal (field, "-");
}

/* "Name: value | Name: value" → a request header list. */
static GPtrArray *
header_list (const char *text)
{
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) items = NULL;

  if (is_none (text))
    return headers;
  items = g_strsplit (text, " | ", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *colon = strchr (items[i], ':');

      g_assert_nonnull (colon);
      *colon = '\0';
      g_ptr_array_add (headers, pf_key_value_new (items[i], g_strstrip (colon + 1)));
    }
  return headers;
}

/* Adds one @name header per " | "-separated value of @values (none for "-"). */
static void
add_response_headers (GListStore *store,
                      const char *name,
                      const char *values)
{
  g_auto (GStrv) items = NULL;

  if (is_none (values))
    return;
  items = g_strsplit (values, " | ", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autoptr (PfKeyValue) header = pf_key_value_new (name, items[i]);
      g_list_store_append (store, header);
    }
}

static char *
joined_rules (GPtrArray *findings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      PfCorsFinding *finding = findings->pdata[i];

      g_string_append_printf (out, "%s%s", i ? "," : "", pf_cors_finding_get_rule (finding));
      /* Every finding explains itself. */
      g_assert_cmpuint (strlen (pf_cors_finding_get_message (finding)), >, 10);
    }
  if (out->len == 0)
    g_string_append (out, "-");
  return g_string_free (out, FALSE);
}

static void
test_request_headers (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("cors-request-headers.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autoptr (PfCorsFinding) finding = pf_cors_check_request_header (row[0], row[1]);

      g_test_message ("%s: %s", row[0], row[1]);
      g_assert_cmpstr (finding ? pf_cors_finding_get_rule (finding) : "safelisted", ==, row[2]);
      if (finding != NULL)
        {
          g_assert_cmpstr (pf_cors_finding_get_header (finding), ==, row[0]);
          g_assert_cmpstr (pf_cors_finding_get_value (finding), ==, row[1]);
        }
    }
}

static void
test_classify (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("cors-classify.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autoptr (GPtrArray) headers = header_list (row[1]);
      g_autoptr (GPtrArray) reasons = pf_cors_classify (row[0], headers, FALSE);
      g_autofree char *rules = joined_rules (reasons);
      g_auto (GStrv) unsafe = pf_cors_unsafe_header_names (headers);
      g_autofree char *names = g_strjoinv (",", unsafe);

      g_test_message ("%s %s", row[0], row[1]);
      g_assert_cmpstr (rules, ==, row[2]);
      g_assert_cmpstr (*names ? names : "-", ==, row[3]);
    }
}

static void
test_classify_upload_listeners (void)
{
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autoptr (GPtrArray) reasons = pf_cors_classify ("POST", none, TRUE);
  g_autofree char *rules = joined_rules (reasons);

  g_assert_cmpstr (rules, ==, "upload-listeners");
}

/* Five safelisted names at 128 bytes each stay under 1024; repeated names do not add up
 * past the per-value limit, so the total limit is reached only by long lists of them. */
static void
test_total_value_length (void)
{
  g_autoptr (GPtrArray) headers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *value = g_strnfill (120, 'a');
  g_autoptr (GPtrArray) reasons = NULL;
  g_auto (GStrv) unsafe = NULL;
  g_autofree char *names = NULL;

  for (guint i = 0; i < 9; i++)
    g_ptr_array_add (headers, pf_key_value_new (i % 2 ? "Accept" : "Accept-Language", value));
  reasons = pf_cors_classify ("GET", headers, FALSE);
  g_assert_cmpuint (reasons->len, ==, 9);
  g_assert_cmpstr (pf_cors_finding_get_rule (reasons->pdata[0]), ==, "total-value-length");
  unsafe = pf_cors_unsafe_header_names (headers);
  names = g_strjoinv (",", unsafe);
  g_assert_cmpstr (names, ==, "accept,accept-language");
}

static void
test_preflight_request_headers (void)
{
  g_autoptr (GPtrArray) headers = header_list ("X-Zeta: 1 | Content-Type: application/json | "
                                               "Accept: */* | x-alpha: 2");
  g_autoptr (GPtrArray) preflight = pf_cors_preflight_headers ("http://app.test", "PUT", headers);
  const char *expected[][2] = {
    { "Accept", "*/*" },
    { "Origin", "http://app.test" },
    { "Access-Control-Request-Method", "PUT" },
    { "Access-Control-Request-Headers", "content-type,x-alpha,x-zeta" },
  };

  g_assert_cmpuint (preflight->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < preflight->len; i++)
    {
      g_assert_cmpstr (pf_key_value_get_name (preflight->pdata[i]), ==, expected[i][0]);
      g_assert_cmpstr (pf_key_value_get_value (preflight->pdata[i]), ==, expected[i][1]);
    }
}

static void
test_preflight_without_unsafe_headers (void)
{
  g_autoptr (GPtrArray) headers = header_list ("Accept: */*");
  g_autoptr (GPtrArray) preflight = pf_cors_preflight_headers ("http://app.test", "DELETE",
                                                               headers);

  /* No Access-Control-Request-Headers when every header is safelisted. */
  g_assert_cmpuint (preflight->len, ==, 3);
}

static void
test_cors_check (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("cors-check.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autoptr (GListStore) headers = g_list_store_new (PF_TYPE_KEY_VALUE);
      g_autoptr (GPtrArray) failures = NULL;
      g_autofree char *rules = NULL;

      add_response_headers (headers, "Access-Control-Allow-Origin", row[0]);
      add_response_headers (headers, "Access-Control-Allow-Credentials", row[1]);
      failures = pf_cors_check (G_LIST_MODEL (headers), row[2], g_str_equal (row[3], "yes"));
      rules = joined_rules (failures);
      g_test_message ("ACAO %s ACAC %s origin %s credentials %s", row[0], row[1], row[2], row[3]);
      g_assert_cmpstr (rules, ==, row[4]);
    }
}

static void
test_preflight_check (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("cors-preflight.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autoptr (GListStore) headers = g_list_store_new (PF_TYPE_KEY_VALUE);
      g_autoptr (GPtrArray) request = header_list (row[6]);
      gboolean include = g_str_equal (row[4], "yes");
      g_autoptr (GPtrArray) failures = NULL;
      g_autofree char *rules = NULL;

      add_response_headers (headers, "Access-Control-Allow-Origin", row[1]);
      add_response_headers (headers, "Access-Control-Allow-Methods", row[2]);
      add_response_headers (headers, "Access-Control-Allow-Headers", row[3]);
      failures = pf_cors_check_preflight (atoi (row[0]), G_LIST_MODEL (headers), "http://app.test",
                                          include, row[5], request, FALSE);
      rules = joined_rules (failures);
      g_test_message ("row %u: %s %s", i + 1, row[5], row[6]);
      g_assert_cmpstr (rules, ==, row[7]);
    }
}

static void
test_preflight_check_names_what_it_saw (void)
{
  g_autoptr (GListStore) headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  g_autoptr (GPtrArray) request = header_list ("X-Token: 1");
  g_autoptr (GPtrArray) failures = NULL;
  PfCorsFinding *finding;

  add_response_headers (headers, "Access-Control-Allow-Origin", "*");
  add_response_headers (headers, "Access-Control-Allow-Headers", "x-other");
  failures = pf_cors_check_preflight (204, G_LIST_MODEL (headers), "http://app.test", FALSE,
                                      "GET", request, FALSE);
  g_assert_cmpuint (failures->len, ==, 1);
  finding = failures->pdata[0];
  g_assert_cmpstr (pf_cors_finding_get_header (finding), ==, "Access-Control-Allow-Headers");
  g_assert_cmpstr (pf_cors_finding_get_value (finding), ==, "x-other");
  g_assert_cmpstr (pf_cors_finding_get_message (finding), ==,
                   "Access-Control-Allow-Headers does not list x-token");
}

/* A preflight forced by upload listeners allows the method without Allow-Methods. */
static void
test_preflight_forced_method (void)
{
  g_autoptr (GListStore) headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  g_autoptr (GPtrArray) request = g_ptr_array_new ();
  g_autoptr (GPtrArray) failures = NULL;

  add_response_headers (headers, "Access-Control-Allow-Origin", "*");
  failures = pf_cors_check_preflight (204, G_LIST_MODEL (headers), "http://app.test", FALSE,
                                      "PUT", request, TRUE);
  g_assert_cmpuint (failures->len, ==, 0);
}

static void
test_max_age (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("cors-max-age.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autoptr (GListStore) headers = g_list_store_new (PF_TYPE_KEY_VALUE);

      add_response_headers (headers, "Access-Control-Max-Age", row[0]);
      g_test_message ("max-age “%s”", row[0]);
      g_assert_cmpuint (pf_cors_max_age (G_LIST_MODEL (headers)), ==, atoi (row[1]));
    }
}

static void
test_exposed (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("cors-exposed.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autoptr (GListStore) headers = g_list_store_new (PF_TYPE_KEY_VALUE);
      g_auto (GStrv) names = g_strsplit (row[0], " | ", -1);
      g_auto (GStrv) exposed = NULL;
      g_autofree char *joined = NULL;

      for (guint j = 0; names[j] != NULL; j++)
        add_response_headers (headers, names[j], "v");
      add_response_headers (headers, "Access-Control-Expose-Headers", row[1]);
      exposed = pf_cors_exposed_header_names (G_LIST_MODEL (headers), g_str_equal (row[2], "yes"));
      joined = g_strjoinv (",", exposed);
      g_test_message ("row %u", i + 1);
      g_assert_cmpstr (*joined ? joined : "-", ==, row[3]);
    }
}

static void
test_origins (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("cors-origins.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autofree char *origin = pf_cors_serialize_origin (row[0]);

      g_assert_cmpstr (origin ? origin : "-", ==, row[1]);
    }
  g_assert_true (pf_cors_same_origin ("http://app.test", "http://APP.test:80/x"));
  g_assert_false (pf_cors_same_origin ("http://app.test", "https://app.test/"));
  g_assert_false (pf_cors_same_origin ("http://app.test", "http://app.test:8080/"));
  g_assert_false (pf_cors_same_origin ("null", "http://app.test/"));
}

static const char *const put_only[] = { "PUT", NULL };
static const char *const star[] = { "*", NULL };
static const char *const token[] = { "X-Token", NULL };

static void
test_cache_keys (void)
{
  g_autoptr (PfPreflightCache) cache = pf_preflight_cache_new ();
  const char *origin = "http://app.test";
  const char *url = "http://api.test/x";
  const char *other_origin = "http://other.test";
  const char *other_url = "http://api.test/y";

  pf_preflight_cache_store (cache, origin, url, FALSE, put_only, token, 60);
  g_assert_true (pf_preflight_cache_match_method (cache, origin, url, FALSE, "PUT"));
  g_assert_false (pf_preflight_cache_match_method (cache, origin, url, FALSE, "put"));
  g_assert_false (pf_preflight_cache_match_method (cache, origin, url, FALSE, "DELETE"));
  g_assert_true (pf_preflight_cache_match_header (cache, origin, url, FALSE, "x-token"));
  /* Each part of the key counts: origin, URL and credentials. */
  g_assert_false (pf_preflight_cache_match_method (cache, other_origin, url, FALSE, "PUT"));
  g_assert_false (pf_preflight_cache_match_method (cache, origin, other_url, FALSE, "PUT"));
  g_assert_false (pf_preflight_cache_match_method (cache, origin, url, TRUE, "PUT"));
  g_assert_cmpuint (g_list_model_get_n_items (pf_preflight_cache_get_entries (cache)), ==, 2);
  /* Storing again refreshes the entries instead of adding more. */
  pf_preflight_cache_store (cache, origin, url, FALSE, put_only, token, 30);
  g_assert_cmpuint (g_list_model_get_n_items (pf_preflight_cache_get_entries (cache)), ==, 2);
  pf_preflight_cache_clear (cache);
  g_assert_false (pf_preflight_cache_match_method (cache, origin, url, FALSE, "PUT"));
}

static void
test_cache_wildcards (void)
{
  g_autoptr (PfPreflightCache) cache = pf_preflight_cache_new ();
  const char *origin = "http://app.test";
  const char *url = "http://api.test/x";

  pf_preflight_cache_store (cache, origin, url, FALSE, star, star, 60);
  g_assert_true (pf_preflight_cache_match_method (cache, origin, url, FALSE, "DELETE"));
  g_assert_true (pf_preflight_cache_match_header (cache, origin, url, FALSE, "x-anything"));
  g_assert_false (pf_preflight_cache_match_header (cache, origin, url, FALSE, "authorization"));
  pf_preflight_cache_store (cache, origin, url, TRUE, star, star, 60);
  g_assert_false (pf_preflight_cache_match_method (cache, origin, url, TRUE, "DELETE"));
  g_assert_false (pf_preflight_cache_match_header (cache, origin, url, TRUE, "x-anything"));
}

static gint64
moved_clock_us (gpointer user_data)
{
  return *(gint64 *) user_data;
}

/* One row of cors-cache-expiry.tsv: the answer is stored, then the clock is moved to the last
 * moment it still answers and to the moment it is gone. */
static void
check_expiry (char **row)
{
  g_autoptr (PfPreflightCache) cache = pf_preflight_cache_new ();
  g_autoptr (GListStore) headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  g_autoptr (PfPreflightCacheEntry) entry = NULL;
  /* Far from 0, so that a lifetime counted from 0 instead of from the store would show. */
  gint64 stored_us = 1000 * G_USEC_PER_SEC;
  gint64 now_us = stored_us;
  gint64 gone_us = g_ascii_strtoll (row[2], NULL, 10) * 1000;

  g_test_message ("max-age “%s”", row[0]);
  pf_preflight_cache_set_clock (cache, moved_clock_us, &now_us);
  add_response_headers (headers, "Access-Control-Max-Age", row[0]);
  pf_preflight_cache_store (cache, "http://app.test", "http://api.test/x", FALSE, put_only, NULL,
                            pf_cors_max_age (G_LIST_MODEL (headers)));
  entry = g_list_model_get_item (pf_preflight_cache_get_entries (cache), 0);
  g_assert_true ((entry == NULL) == is_none (row[1]));
  if (entry != NULL)
    {
      g_assert_cmpint (pf_preflight_cache_entry_get_expires_us (entry), ==, stored_us + gone_us);
      g_assert_cmpint (pf_preflight_cache_get_remaining_us (cache, entry), ==, gone_us);
      now_us = stored_us + g_ascii_strtoll (row[1], NULL, 10) * 1000;
      g_assert_true (pf_preflight_cache_match_method (cache, "http://app.test",
                                                      "http://api.test/x", FALSE, "PUT"));
      g_assert_cmpint (pf_preflight_cache_get_remaining_us (cache, entry), ==,
                       stored_us + gone_us - now_us);
    }
  now_us = stored_us + gone_us;
  g_assert_false (pf_preflight_cache_match_method (cache, "http://app.test", "http://api.test/x",
                                                   FALSE, "PUT"));
  g_assert_cmpuint (g_list_model_get_n_items (pf_preflight_cache_get_entries (cache)), ==, 0);
  if (entry != NULL)
    g_assert_cmpint (pf_preflight_cache_get_remaining_us (cache, entry), ==, 0);
}

static void
test_cache_expiry (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("cors-cache-expiry.tsv");

  for (guint i = 0; i < rows->len; i++)
    check_expiry (rows->pdata[i]);
}

/* Without a clock of its own, or once given NULL, the cache counts on the monotonic clock. */
static void
test_cache_monotonic_clock_by_default (void)
{
  g_autoptr (PfPreflightCache) cache = pf_preflight_cache_new ();
  g_autoptr (PfPreflightCacheEntry) entry = NULL;
  gint64 frozen_us = 0;
  gint64 remaining_us;

  pf_preflight_cache_store (cache, "http://app.test", "http://api.test/x", FALSE, put_only, NULL,
                            60);
  entry = g_list_model_get_item (pf_preflight_cache_get_entries (cache), 0);
  remaining_us = pf_preflight_cache_get_remaining_us (cache, entry);
  g_assert_cmpint (remaining_us, <=, 60 * G_USEC_PER_SEC);
  g_assert_cmpint (remaining_us, >, 50 * G_USEC_PER_SEC);
  pf_preflight_cache_set_clock (cache, moved_clock_us, &frozen_us);
  g_assert_cmpint (pf_preflight_cache_get_remaining_us (cache, entry), >, 60 * G_USEC_PER_SEC);
  pf_preflight_cache_set_clock (cache, NULL, NULL);
  g_assert_cmpint (pf_preflight_cache_get_remaining_us (cache, entry), <=, remaining_us);
  g_assert_cmpint (pf_preflight_cache_get_remaining_us (cache, entry), >, 50 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cors/request-headers/safelisted-or-why-not", test_request_headers);
  g_test_add_func ("/cors/classify/reasons-and-unsafe-names", test_classify);
  g_test_add_func ("/cors/classify/upload-listeners", test_classify_upload_listeners);
  g_test_add_func ("/cors/classify/total-value-length", test_total_value_length);
  g_test_add_func ("/cors/preflight/request-headers", test_preflight_request_headers);
  g_test_add_func ("/cors/preflight/no-request-headers-when-all-safelisted",
                   test_preflight_without_unsafe_headers);
  g_test_add_func ("/cors/check/allow-origin-and-credentials", test_cors_check);
  g_test_add_func ("/cors/preflight/checks", test_preflight_check);
  g_test_add_func ("/cors/preflight/finding-names-header-and-value",
                   test_preflight_check_names_what_it_saw);
  g_test_add_func ("/cors/preflight/forced-without-allow-methods", test_preflight_forced_method);
  g_test_add_func ("/cors/max-age", test_max_age);
  g_test_add_func ("/cors/exposed-headers", test_exposed);
  g_test_add_func ("/cors/origins", test_origins);
  g_test_add_func ("/cors/cache/keys", test_cache_keys);
  g_test_add_func ("/cors/cache/wildcards", test_cache_wildcards);
  g_test_add_func ("/cors/cache/entry-lives-max-age-seconds", test_cache_expiry);
  g_test_add_func ("/cors/cache/monotonic-clock-by-default", test_cache_monotonic_clock_by_default);

  return g_test_run ();
}
