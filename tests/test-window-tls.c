/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-lesson.h"
#include "pf-test-window.h"
#include "pf-tls-panel.h"

/* TLS in the window as a user meets it against the lab's HTTPS ports: a refused certificate
 * shows its problems and chain with the two ways on; pressing one sends the request again,
 * which then succeeds and says on the Raw page what the connection was. */

typedef PfTestWindow Fixture;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_window_set_up, func, pf_test_window_tear_down)

static GtkWidget *
find (Fixture *fixture,
      GType type,
      const char *css_class)
{
  GtkWidget *widget = pf_test_find_widget (GTK_WIDGET (pf_window_get_request_view (fixture->window)),
                                           type, css_class);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
panel (Fixture *fixture)
{
  return find (fixture, PF_TYPE_TLS_PANEL, "tls-panel");
}

/* Sends @url in the selected tab and waits for its result. */
static void
send_url (Fixture *fixture,
          const char *url)
{
  pf_window_set_url (fixture->window, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
}

static char *
raw_text (Fixture *fixture)
{
  return pf_test_text_of_view (GTK_TEXT_VIEW (find (fixture, GTK_TYPE_TEXT_VIEW, "raw-view")));
}

/* A refused certificate as the window shows it: the problems in words and the chain. */
static void
assert_refused_shown (Fixture *fixture,
                      const char *problem)
{
  PfExchange *exchange = pf_window_get_exchange (fixture->window);
  const char *problems =
      gtk_label_get_label (GTK_LABEL (find (fixture, GTK_TYPE_LABEL, "tls-problems")));
  const char *chain = gtk_label_get_label (GTK_LABEL (find (fixture, GTK_TYPE_LABEL, "tls-chain")));
  const char *fingerprint = pf_certificate_get_sha256 (
      pf_tls_info_get_certificate (pf_exchange_get_tls_info (exchange)));

  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NETWORK);
  g_assert_true (gtk_widget_get_visible (panel (fixture)));
  g_assert_nonnull (strstr (problems, problem));
  g_assert_nonnull (strstr (chain, "Certificate 1 of "));
  g_assert_nonnull (strstr (chain, fingerprint));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (fixture->window), "Network error"));
}

static void
press (Fixture *fixture,
       const char *css_class)
{
  GtkWidget *button = find (fixture, GTK_TYPE_BUTTON, css_class);

  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  pf_test_window_wait_for_done (fixture->window);
}

static void
test_trust_for_this_request (Fixture *fixture,
                             gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_tls_url (fixture->lab,
                                                                 PF_LAB_TLS_SELF_SIGNED),
                                      "example.txt", NULL);
  g_autofree char *raw = NULL;
  PfExchange *exchange;

  send_url (fixture, url);
  assert_refused_shown (fixture, "It is self-signed");
  press (fixture, "tls-trust-request");
  exchange = pf_window_get_exchange (fixture->window);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_cmpint (pf_tls_info_get_trust (pf_exchange_get_tls_info (exchange)), ==,
                   PF_TLS_TRUST_FINGERPRINT);
  g_assert_false (gtk_widget_get_visible (panel (fixture)));
  /* The Raw page: the version really spoken and the TLS connection. */
  raw = raw_text (fixture);
  g_assert_nonnull (strstr (raw, "HTTP/1.1 200 OK"));
  g_assert_nonnull (strstr (raw, "[TLS: TLS 1.3 · TLS_"));
  g_assert_nonnull (strstr (raw, "trusted for this request by its fingerprint"));
  /* For this request only: sent again as it is, it is refused again. */
  send_url (fixture, url);
  assert_refused_shown (fixture, "It is self-signed");
}

static void
test_trust_host_until_quit (Fixture *fixture,
                            gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_tls_url (fixture->lab, PF_LAB_TLS_EXPIRED),
                                      "status/204", NULL);
  g_autofree char *other = g_strconcat (pf_lab_server_get_tls_url (fixture->lab,
                                                                   PF_LAB_TLS_WRONG_HOST),
                                        "example.txt", NULL);
  PfExchange *exchange;

  send_url (fixture, url);
  assert_refused_shown (fixture, "It has expired");
  press (fixture, "tls-trust-host");
  g_assert_cmpuint (pf_exchange_get_status (pf_window_get_exchange (fixture->window)), ==, 204);
  /* The host stays trusted: a plain Send goes through. */
  send_url (fixture, url);
  exchange = pf_window_get_exchange (fixture->window);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 204);
  g_assert_cmpint (pf_tls_info_get_trust (pf_exchange_get_tls_info (exchange)), ==,
                   PF_TLS_TRUST_HOST);
  /* Another host (port) is not. */
  send_url (fixture, other);
  assert_refused_shown (fixture, "It is for another host");
}

/* The TLS lessons open on the lab's HTTPS ports. */
static void
test_lessons_on_https_ports (Fixture *fixture,
                             gconstpointer data)
{
  GListModel *lessons = pf_lessons_get_all ();
  guint found = 0;

  pf_window_set_lab (fixture->window, fixture->lab);
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) lesson = g_list_model_get_item (lessons, i);
      PfLabTls kind;
      PfRequest *request;

      if (!pf_lesson_get_lab_tls (lesson, &kind))
        continue;
      found++;
      pf_window_open_lesson (fixture->window, lesson);
      request = pf_request_view_get_request (pf_window_get_request_view (fixture->window));
      g_assert_true (g_str_has_prefix (pf_request_get_url (request),
                                       pf_lab_server_get_tls_url (fixture->lab, kind)));
      g_assert_cmpstr (pf_lesson_get_chapter (lesson), ==, "Security");
    }
  g_assert_cmpuint (found, ==, PF_LAB_TLS_N_KINDS);
}

int
main (int argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  ADD ("/window/tls/trust-for-this-request", test_trust_for_this_request);
  ADD ("/window/tls/trust-host-until-quit", test_trust_host_until_quit);
  ADD ("/window/tls/lessons-on-https-ports", test_lessons_on_https_ports);
  return g_test_run ();
}
