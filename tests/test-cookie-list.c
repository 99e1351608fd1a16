/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-profile.h"
#include "pf-test-lab.h"

/* The profile's cookie jar as a list (what the Cookies window shows), against cookies the lab
 * server sets over loopback: it follows the jar, shows each attribute, deletes. */

typedef PfTestLab Fixture;

/* GETs @path of the lab with no page origin, as a tab with no origin sends it. */
static void
lab_get (Fixture    *fixture,
         const char *path)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, path);
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GError) error = NULL;

  pf_request_set_url (request, url);
  exchange = pf_exchange_new (fixture->profile, request);
  g_assert_true (pf_test_lab_run_exchange (exchange, &error));
  g_assert_no_error (error);
}

static PfCookie *
cookie_at (GListModel *cookies,
           guint       position)
{
  PfCookie *cookie = g_list_model_get_item (cookies, position);

  g_assert_nonnull (cookie);
  g_object_unref (cookie); /* the list keeps it */
  return cookie;
}

static void
test_follows_the_jar (Fixture      *fixture,
                      gconstpointer data)
{
  GListModel *cookies = pf_profile_get_cookies (fixture->profile);
  PfCookie *cookie;

  g_assert_true (g_list_model_get_item_type (cookies) == PF_TYPE_COOKIE);
  g_assert_cmpuint (g_list_model_get_n_items (cookies), ==, 0);
  lab_get (fixture, "cookies/set?session=abc");
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (cookies) == 1, 5000);
  cookie = cookie_at (cookies, 0);
  g_assert_cmpstr (pf_cookie_get_domain (cookie), ==, "127.0.0.1");
  g_assert_cmpstr (pf_cookie_get_path (cookie), ==, "/");
  g_assert_cmpstr (pf_cookie_get_name (cookie), ==, "session");
  g_assert_cmpstr (pf_cookie_get_value (cookie), ==, "abc");
  g_assert_null (pf_cookie_get_expires (cookie));
  g_assert_false (pf_cookie_get_secure (cookie));
  g_assert_false (pf_cookie_get_http_only (cookie));
  /* Without SameSite, libsoup's jar keeps it as None (browsers now take Lax). */
  g_assert_cmpstr (pf_cookie_get_same_site_name (cookie), ==, "None");
}

/* Max-Age, HttpOnly, SameSite and Path as a Set-Cookie header gives them. */
static void
test_attributes (Fixture      *fixture,
                 gconstpointer data)
{
  GListModel *cookies = pf_profile_get_cookies (fixture->profile);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  PfCookie *cookie;
  GTimeSpan left;

  lab_get (fixture, "cors/api?set-cookie=id%3D7%3B%20Max-Age%3D3600%3B%20HttpOnly%3B%20"
                    "SameSite%3DStrict%3B%20Path%3D%2Fcors");
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (cookies) == 1, 5000);
  cookie = cookie_at (cookies, 0);
  g_assert_cmpstr (pf_cookie_get_path (cookie), ==, "/cors");
  g_assert_true (pf_cookie_get_http_only (cookie));
  g_assert_cmpint (pf_cookie_get_same_site (cookie), ==, PF_COOKIE_SAME_SITE_STRICT);
  g_assert_nonnull (pf_cookie_get_expires (cookie));
  left = g_date_time_difference (pf_cookie_get_expires (cookie), now);
  g_assert_cmpint (left, >, 3500 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (left, <=, 3601 * G_TIME_SPAN_SECOND);
}

/* Sorted by domain, path and name; a changed cookie replaces its item alone. */
static void
test_sorted_and_replaced (Fixture      *fixture,
                          gconstpointer data)
{
  GListModel *cookies = pf_profile_get_cookies (fixture->profile);
  g_autoptr (PfCookie) first = NULL;
  g_autoptr (PfCookie) last = NULL;

  lab_get (fixture, "cookies/set?b=1&a=1&c=1");
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (cookies) == 3, 5000);
  g_assert_cmpstr (pf_cookie_get_name (cookie_at (cookies, 0)), ==, "a");
  g_assert_cmpstr (pf_cookie_get_name (cookie_at (cookies, 2)), ==, "c");
  first = g_object_ref (cookie_at (cookies, 0));
  last = g_object_ref (cookie_at (cookies, 2));
  lab_get (fixture, "cookies/set?b=2");
  PF_TEST_WAIT_UNTIL (g_strcmp0 (pf_cookie_get_value (cookie_at (cookies, 1)), "2") == 0, 5000);
  g_assert_true (cookie_at (cookies, 0) == first);
  g_assert_true (cookie_at (cookies, 2) == last);
}

static void
test_delete (Fixture      *fixture,
             gconstpointer data)
{
  GListModel *cookies = pf_profile_get_cookies (fixture->profile);
  SoupCookieJar *jar = pf_profile_get_cookie_jar (fixture->profile);
  g_autoptr (GSList) left = NULL;

  lab_get (fixture, "cookies/set?a=1&b=2&c=3");
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (cookies) == 3, 5000);
  pf_profile_delete_cookie (fixture->profile, cookie_at (cookies, 1));
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (cookies) == 2, 5000);
  g_assert_cmpstr (pf_cookie_get_name (cookie_at (cookies, 1)), ==, "c");
  left = soup_cookie_jar_all_cookies (jar);
  g_assert_cmpuint (g_slist_length (left), ==, 2);
  g_slist_free_full (g_steal_pointer (&left), (GDestroyNotify) soup_cookie_free);
  pf_profile_delete_all_cookies (fixture->profile);
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (cookies) == 0, 5000);
  g_assert_null (soup_cookie_jar_all_cookies (jar));
}

static gpointer
add_cookie_thread (gpointer jar)
{
  soup_cookie_jar_add_cookie (jar, soup_cookie_new ("t", "1", "example.test", "/", -1));
  return NULL;
}

/* A jar changed on another thread (a network thread) changes the list on the list's own. */
static void
test_changed_on_another_thread (Fixture      *fixture,
                                gconstpointer data)
{
  GListModel *cookies = pf_profile_get_cookies (fixture->profile);
  GThread *thread = g_thread_new ("jar", add_cookie_thread,
                                  pf_profile_get_cookie_jar (fixture->profile));

  g_thread_join (thread);
  g_assert_cmpuint (g_list_model_get_n_items (cookies), ==, 0);
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (cookies) == 1, 5000);
  g_assert_cmpstr (pf_cookie_get_domain (cookie_at (cookies, 0)), ==, "example.test");
}

#define ADD(path, func) \
  g_test_add ("/cookie-list/" path, Fixture, NULL, pf_test_lab_set_up, func, pf_test_lab_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("follows-the-jar", test_follows_the_jar);
  ADD ("attributes", test_attributes);
  ADD ("sorted-and-replaced", test_sorted_and_replaced);
  ADD ("delete", test_delete);
  ADD ("changed-on-another-thread", test_changed_on_another_thread);

  return g_test_run ();
}
