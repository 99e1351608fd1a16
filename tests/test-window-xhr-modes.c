/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-cors-flow.h"
#include "pf-lesson.h"
#include "pf-request-view-private.h"
#include "pf-test-window.h"
#include "pf-timeline-chart.h"

/* The XHR modes in the window: the request options that choose them, and what the tab shows
 * for them (the band of a synchronous request on the timeline chart). */

typedef PfTestWindow Fixture;

static PfRequest *
tab_request (Fixture *fixture)
{
  return pf_request_view_get_request (pf_window_get_request_view (fixture->window));
}

/* The chart's phase labels, in order, joined by spaces. */
static char *
chart_phase_labels (Fixture *fixture)
{
  GtkWidget *chart = pf_test_find_widget (GTK_WIDGET (fixture->window), PF_TYPE_TIMELINE_CHART,
                                          NULL);
  g_autoptr (GArray) parts = pf_timeline_chart_layout (PF_TIMELINE_CHART (chart), 600);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      PfTimelineChartPart *part = &g_array_index (parts, PfTimelineChartPart, i);

      if (part->kind != PF_TIMELINE_CHART_PHASE_LABEL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, part->text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The Synchronous switch sets the tab's request; sent, the chart gains the band of time the
 * page was frozen, and the timeline has no loadstart. */
static void
test_sync_switch_and_band (Fixture *fixture,
                           gconstpointer data)
{
  GtkWidget *sync = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_SWITCH,
                                         "sync-switch");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PfExchange *exchange;

  g_assert_nonnull (sync);
  pf_test_window_send (fixture, "example.txt");
  before = chart_phase_labels (fixture);
  g_assert_null (strstr (before, "page frozen"));

  gtk_switch_set_active (GTK_SWITCH (sync), TRUE);
  g_assert_true (pf_request_get_sync (tab_request (fixture)));
  pf_test_window_send (fixture, "example.txt");
  exchange = pf_window_get_exchange (fixture->window);
  g_assert_true (pf_exchange_get_sync (exchange));
  after = chart_phase_labels (fixture);
  g_assert_nonnull (strstr (after, "page frozen"));
  g_assert_null (pf_test_find_label (GTK_WIDGET (fixture->window), "loadstart"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* Back from the model: the switch follows the request. */
  pf_request_set_sync (tab_request (fixture), FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sync)));
}

/* The response type row sets the tab's request, both ways. */
static void
test_response_type_row (Fixture *fixture,
                        gconstpointer data)
{
  GtkWidget *row = pf_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_COMBO_ROW,
                                        "response-type-row");

  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpint (pf_request_get_response_type (tab_request (fixture)), ==,
                   PF_RESPONSE_TYPE_JSON);
  pf_request_set_response_type (tab_request (fixture), PF_RESPONSE_TYPE_BLOB);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 5);

  /* Sent, the Response page says what xhr.response is. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  pf_test_window_send (fixture, "example.txt");
  g_assert_true (g_str_has_prefix (pf_test_window_body_note (fixture),
                                   "xhr.response is null: the body does not parse as JSON\n"
                                   "Reading xhr.responseText throws InvalidStateError"));
}

/* The XDomainRequest switch sets the tab's request; the lesson pair sends one POST as XDR
 * and as CORS: only the CORS page sees the status. */
static void
test_xdr_switch_and_lessons (Fixture *fixture,
                             gconstpointer data)
{
  GtkWidget *xdr = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_SWITCH,
                                        "xdr-switch");
  GListModel *lessons = pf_lessons_get_all ();
  guint found = 0;

  g_assert_nonnull (xdr);
  gtk_switch_set_active (GTK_SWITCH (xdr), TRUE);
  g_assert_true (pf_request_get_xdr (tab_request (fixture)));
  gtk_switch_set_active (GTK_SWITCH (xdr), FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) lesson = g_list_model_get_item (lessons, i);
      const char *title = pf_lesson_get_title (lesson);
      g_autoptr (PfRequest) request = NULL;
      PfRequestView *view;
      PfExchange *exchange;
      gboolean as_xdr = g_str_equal (title, "IE 8/9: XDomainRequest");

      if (!as_xdr && !g_str_equal (title, "The same request with XMLHttpRequest"))
        continue;
      found++;
      request = pf_lesson_build_request (lesson, pf_lab_server_get_base_url (fixture->lab));
      view = pf_window_new_tab (fixture->window, NULL);
      pf_request_view_set_request (view, request);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
      pf_test_window_wait_for_done (fixture->window);
      exchange = pf_window_get_exchange (fixture->window);
      g_assert_cmpint (pf_exchange_get_xdr (exchange), ==, as_xdr);
      g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NONE);
      g_assert_cmpint (pf_exchange_is_header_exposed (exchange, "Content-Language"), ==, !as_xdr);
    }
  g_assert_cmpuint (found, ==, 2);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_window_set_up, func, pf_test_window_tear_down)

int
main (int argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  ADD ("/window/xhr-modes/sync-switch-and-frozen-band", test_sync_switch_and_band);
  ADD ("/window/xhr-modes/response-type-row", test_response_type_row);
  ADD ("/window/xhr-modes/xdr-switch-and-lessons", test_xdr_switch_and_lessons);

  return g_test_run ();
}
