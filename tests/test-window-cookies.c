/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-cookies-window.h"
#include "pf-test-window.h"

/* The Cookies window: the profile's jar as the lab set it, live, delete one and all. */

typedef PfTestWindow Fixture;

/* The window's Cookies, opened as the main menu opens it. */
static PfCookiesWindow *
open_cookies (Fixture *fixture)
{
  g_autoptr (GList) windows = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cookies", NULL));
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (PF_IS_COOKIES_WINDOW (l->data))
      {
        gtk_test_widget_wait_for_draw (l->data);
        return l->data;
      }
  g_assert_not_reached ();
}

static guint
n_shown (PfCookiesWindow *cookies)
{
  return g_list_model_get_n_items (G_LIST_MODEL (pf_cookies_window_get_selection (cookies)));
}

static gboolean
shows (PfCookiesWindow *cookies,
       const char      *text)
{
  GtkWidget *label = pf_test_find_label (GTK_WIDGET (cookies), text);

  return label != NULL && g_str_equal (gtk_label_get_label (GTK_LABEL (label)), text);
}

static void
test_lists_what_the_lab_set (Fixture      *fixture,
                             gconstpointer data)
{
  PfCookiesWindow *cookies;

  pf_test_window_send (fixture, "cors/api?set-cookie=token%3Dxyz%3B%20HttpOnly%3B%20"
                                "SameSite%3DStrict%3B%20Max-Age%3D600");
  cookies = open_cookies (fixture);
  PF_TEST_WAIT_UNTIL (n_shown (cookies) == 1, 5000);
  PF_TEST_WAIT_UNTIL (shows (cookies, "token"), 5000);
  g_assert_true (shows (cookies, "xyz"));
  g_assert_true (shows (cookies, "127.0.0.1"));
  g_assert_true (shows (cookies, "/cors"));
  g_assert_true (shows (cookies, "Strict"));
  g_assert_false (shows (cookies, "Session"));
  /* Opening it again brings the same window forward. */
  g_assert_true (open_cookies (fixture) == cookies);
  /* Live: a cookie set while it is open shows at once. */
  pf_test_window_send (fixture, "cookies/set?later=1");
  PF_TEST_WAIT_UNTIL (n_shown (cookies) == 2 && shows (cookies, "later"), 5000);
  g_assert_true (shows (cookies, "Session"));
  gtk_window_destroy (GTK_WINDOW (cookies));
}

static void
test_delete_one_and_all (Fixture      *fixture,
                         gconstpointer data)
{
  PfCookiesWindow *cookies = open_cookies (fixture);
  GtkSelectionModel *selection = pf_cookies_window_get_selection (cookies);
  GtkWidget *empty;
  g_autoptr (PfCookie) first = NULL;

  /* The jar is empty: the empty page says so, nothing to delete. */
  empty = pf_test_find_widget (GTK_WIDGET (cookies), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_false (gtk_widget_is_sensitive (pf_test_find_label (GTK_WIDGET (cookies), "Delete _All")));
  pf_test_window_send (fixture, "cookies/set?a=1&b=2&c=3");
  PF_TEST_WAIT_UNTIL (n_shown (cookies) == 3, 5000);
  PF_TEST_WAIT_UNTIL (!gtk_widget_get_mapped (empty), 5000);
  g_assert_true (gtk_widget_is_sensitive (pf_test_find_label (GTK_WIDGET (cookies), "Delete _All")));
  gtk_selection_model_select_item (selection, 1, TRUE);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 1);
  g_assert_cmpstr (pf_cookie_get_name (first), ==, "b");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cookies), "cookies.delete", NULL));
  PF_TEST_WAIT_UNTIL (n_shown (cookies) == 2, 5000);
  PF_TEST_WAIT_UNTIL (!shows (cookies, "b"), 5000);
  g_assert_true (shows (cookies, "a") && shows (cookies, "c"));
  g_assert_cmpuint (g_list_model_get_n_items (pf_profile_get_cookies (fixture->profile)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cookies), "cookies.delete-all", NULL));
  PF_TEST_WAIT_UNTIL (n_shown (cookies) == 0, 5000);
  g_assert_null (soup_cookie_jar_all_cookies (pf_profile_get_cookie_jar (fixture->profile)));
  PF_TEST_WAIT_UNTIL (gtk_widget_get_mapped (empty), 5000);
  gtk_window_destroy (GTK_WINDOW (cookies));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_window_set_up, func, pf_test_window_tear_down)

int
main (int   argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  ADD ("/window/cookies/lists-what-the-lab-set", test_lists_what_the_lab_set);
  ADD ("/window/cookies/delete-one-and-all", test_delete_one_and_all);

  return g_test_run ();
}
