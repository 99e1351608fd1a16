/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-lesson.h"
#include "pf-request-view-private.h"
#include "pf-test-window.h"

/* The request editor's Authentication group as a user meets it: the Authorization header
 * kind and its fields, and XHR open ()'s user and password, bound both ways to the tab's
 * request; a Send whose 401 challenge is answered shows each step in the timeline, and the
 * Raw page hides the credentials. */

typedef PfTestWindow Fixture;

static GtkWidget *
editor_row (Fixture    *fixture,
            GType       type,
            const char *css_class)
{
  GtkWidget *view = GTK_WIDGET (pf_window_get_request_view (fixture->window));
  GtkWidget *row = pf_test_find_widget (view, type, css_class);

  g_assert_nonnull (row);
  return row;
}

static GtkEditable *
entry_row (Fixture    *fixture,
           const char *css_class)
{
  return GTK_EDITABLE (editor_row (fixture, ADW_TYPE_ENTRY_ROW, css_class));
}

static void
test_editor_edits_the_request (Fixture      *fixture,
                               gconstpointer data)
{
  PfRequest *request = pf_request_view_get_request (pf_window_get_request_view (fixture->window));
  AdwComboRow *kind = ADW_COMBO_ROW (editor_row (fixture, ADW_TYPE_COMBO_ROW, "auth-kind"));
  GtkWidget *user = GTK_WIDGET (entry_row (fixture, "auth-username"));
  GtkWidget *token = GTK_WIDGET (entry_row (fixture, "auth-token"));

  /* None: no field of the header shows. */
  g_assert_cmpuint (adw_combo_row_get_selected (kind), ==, 0);
  g_assert_false (gtk_widget_get_visible (user));
  g_assert_false (gtk_widget_get_visible (token));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (entry_row (fixture, "auth-password")));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (entry_row (fixture, "open-password")));

  adw_combo_row_set_selected (kind, 1);
  g_assert_cmpint (pf_request_get_auth_kind (request), ==, PF_AUTH_BASIC);
  g_assert_true (gtk_widget_get_visible (user));
  gtk_editable_set_text (GTK_EDITABLE (user), "alice");
  gtk_editable_set_text (entry_row (fixture, "auth-password"), "pw");
  g_assert_cmpstr (pf_request_get_auth_username (request), ==, "alice");
  g_assert_cmpstr (pf_request_get_auth_password (request), ==, "pw");

  /* The model edits the editor too. */
  pf_request_set_bearer_auth (request, "tok-1");
  g_assert_cmpuint (adw_combo_row_get_selected (kind), ==, 2);
  g_assert_true (gtk_widget_get_visible (token));
  g_assert_false (gtk_widget_get_visible (user));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token)), ==, "tok-1");

  gtk_editable_set_text (entry_row (fixture, "open-username"), "bob");
  gtk_editable_set_text (entry_row (fixture, "open-password"), "secret");
  g_assert_cmpstr (pf_request_get_open_username (request), ==, "bob");
  g_assert_cmpstr (pf_request_get_open_password (request), ==, "secret");
  /* Never a row of the header list. */
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_headers (request)), ==, 0);
}

static char *
raw_text (Fixture *fixture)
{
  return pf_test_text_of_view (GTK_TEXT_VIEW (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                                   GTK_TYPE_TEXT_VIEW,
                                                                   "raw-view")));
}

static void
test_challenge_in_the_timeline (Fixture      *fixture,
                                gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *status;
  g_autofree char *raw = NULL;

  gtk_editable_set_text (entry_row (fixture, "open-username"), "alice");
  gtk_editable_set_text (entry_row (fixture, "open-password"), "s3cret");
  pf_test_window_send (fixture, "auth/basic?user=alice&password=s3cret");
  status = pf_test_find_widget (window, GTK_TYPE_LABEL, "success");
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (status)), "200 OK"));
  /* Each step is a line of the timeline list. */
  PF_TEST_WAIT_UNTIL (pf_test_find_label (window, "401 challenge: Basic realm=\"Preflight lab\"")
                        != NULL, 5000);
  g_assert_nonnull (pf_test_find_label (window, "answered with user “alice”"));
  g_assert_nonnull (pf_test_find_label (window, "200: the server accepted the credentials"));
  /* The Raw page shows the answer's scheme, not the credentials. */
  raw = raw_text (fixture);
  g_assert_nonnull (strstr (raw, "\r\nAuthorization: Basic ••••\r\n"));
  g_assert_null (strstr (raw, "YWxpY2U6czNjcmV0"));
}

static void
test_wrong_password_shows_401 (Fixture      *fixture,
                               gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *status;

  gtk_editable_set_text (entry_row (fixture, "open-username"), "alice");
  gtk_editable_set_text (entry_row (fixture, "open-password"), "wrong");
  pf_test_window_send (fixture, "auth/digest?user=alice&password=s3cret");
  status = pf_test_find_widget (window, GTK_TYPE_LABEL, "status-label");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (status)), "401"));
  PF_TEST_WAIT_UNTIL (pf_test_find_label (window, "401 again: the server refused") != NULL,
                      5000);
  g_assert_nonnull (pf_test_find_label (window, "401 challenge: Digest realm=\"Preflight lab\""));
}

static PfLesson *
lesson_titled (const char *title)
{
  GListModel *lessons = pf_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) lesson = g_list_model_get_item (lessons, i);

      if (g_str_equal (pf_lesson_get_title (lesson), title))
        return lesson;
    }
  g_assert_not_reached ();
}

/* The lesson: open () with a user and password against /auth/basic, the challenge answered. */
static void
test_lesson (Fixture      *fixture,
             gconstpointer data)
{
  PfLesson *lesson = lesson_titled ("Authentication");
  g_autoptr (PfRequest) request =
    pf_lesson_build_request (lesson, pf_lab_server_get_base_url (fixture->lab));
  GtkWidget *window = GTK_WIDGET (fixture->window);
  PfRequestView *view = pf_window_new_tab (fixture->window, NULL);

  g_assert_cmpstr (pf_lesson_get_chapter (lesson), ==, "XMLHttpRequest");
  pf_request_view_set_request (view, request);
  g_assert_cmpstr (gtk_editable_get_text (entry_row (fixture, "open-username")), ==, "alice");
  g_assert_true (gtk_widget_activate_action (window, "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  g_assert_cmpuint (pf_exchange_get_status (pf_window_get_exchange (fixture->window)), ==, 200);
  PF_TEST_WAIT_UNTIL (pf_test_find_label (window, "answered with user “alice”") != NULL, 5000);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_window_set_up, func, pf_test_window_tear_down)

int
main (int   argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  ADD ("/window/auth/editor-edits-the-request", test_editor_edits_the_request);
  ADD ("/window/auth/challenge-in-the-timeline", test_challenge_in_the_timeline);
  ADD ("/window/auth/wrong-password-shows-401", test_wrong_password_shows_401);
  ADD ("/window/auth/lesson", test_lesson);

  return g_test_run ();
}
