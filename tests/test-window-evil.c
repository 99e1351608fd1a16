/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pf-request-view-private.h"
#include "pf-test-tsv.h"
#include "pf-test-window.h"

/* Each of the lab's /evil/ endpoints opened in the window as a user would, while a timer
 * watches the main loop: the window keeps drawing (no gap over 50 ms) and says, below the
 * status, what tests/data/evil.tsv says the engine says. The event streams open in a feed
 * tab. */

typedef PfTestWindow Fixture;

/* The longest the window's own work may keep its main loop from turning while a misbehaving
 * server is read: the main thread's CPU time between two turns, which is what the window
 * decides. The wall-clock gap also counts what else the machine is busy with (a loaded CI
 * machine delays any frame), so it is held only to the bound the other responsiveness tests
 * use. Showing a result, and a large body read as fast as it comes, cost the window frames
 * whoever the server is: where a well-behaved exchange that ends the same way (and has a body
 * of the same shape) costs more than the bound in this run (a slow or busy machine), its cost,
 * half again for what varies from run to run, is the bound there. */
#define GAP_MAX_US (50 * 1000)
#define WALL_GAP_MAX_US (500 * 1000)

/* A gap the server's misbehaviour causes comes every time; a cost paid once (a glyph's font
 * looked up the first time it is shown) or a frame another process delayed does not: each
 * misbehaving exchange is run up to TRIES times, and the best run counts; a well-behaved one
 * REFERENCE_RUNS times, and the worst counts. */
#define TRIES 5
#define REFERENCE_RUNS 3

/* Timing is not judged under the sanitizers: one run, no well-behaved runs to compare with. */
static guint
tries (void)
{
  return pf_test_under_sanitizer () ? 1 : TRIES;
}

/* What no run has beaten yet. */
#define NO_WATCH ((PfTestStall){ .worst = G_MAXINT64, .cpu_worst = G_MAXINT64 })

static guint
start_watch (PfTestStall *stall)
{
  *stall = (PfTestStall){ 0 };
  return g_timeout_add (10, pf_test_stall_tick_cb, stall);
}

static void
end_watch (PfTestStall *stall,
           guint tick,
           PfTestStall *best)
{
  g_source_remove (tick);
  g_test_message ("longest main-loop gap %.1f ms, of which the main thread was busy %.1f ms",
                  stall->worst / 1000.0, stall->cpu_worst / 1000.0);
  if (stall->cpu_worst < best->cpu_worst)
    *best = *stall;
}

static gboolean
within (const PfTestStall *best,
        gint64 cpu_max)
{
  return best->cpu_worst < cpu_max && best->worst < WALL_GAP_MAX_US;
}

static void
assert_responsive (const PfTestStall *best,
                   gint64 cpu_max)
{
  if (!pf_test_under_sanitizer ())
    {
      g_assert_cmpint (best->cpu_worst, <, cpu_max);
      g_assert_cmpint (best->worst, <, WALL_GAP_MAX_US);
    }
}

/* Turns the main loop for @ms. */
static void
iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* A window's first exchange, and its first failure, load what they are shown with (the fonts
 * for their text, highlighting): that costs the same whatever the server does, and is not what
 * is watched here. */
static void
warm_up (Fixture *fixture)
{
  g_autofree char *refused = g_strdup ("http://127.0.0.1:1/");

  pf_test_window_send (fixture, "example.txt");
  pf_window_set_url (fixture->window, refused);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* The text the window shows below the status, for the row's failure or warning. */
static char *
expected_summary (char **row)
{
  const char *failure = row[3];

  if (g_str_equal (failure, "network"))
    return g_strconcat ("Network error: ", row[5], NULL);
  if (g_str_equal (failure, "timeout"))
    return g_strconcat ("Timeout: ", row[5], NULL);
  if (g_str_equal (failure, "abort"))
    return g_strdup ("Aborted before the response was complete");
  return g_strconcat ("Warning: ", row[6], NULL);
}

static void
assert_starts (const char *text,
               const char *expected)
{
  g_autofree char *prefix = g_str_has_suffix (expected, "…")
                                ? g_strndup (expected, strlen (expected) - strlen ("…"))
                                : g_strdup (expected);

  if (!g_str_has_prefix (text, prefix))
    g_assert_cmpstr (text, ==, expected);
}

/* A well-behaved network error: nothing listens on port 1. */
#define REFUSED "http://127.0.0.1:1/"

/* Opens @path (a lab path, or a whole URL) while the main loop is watched, with XHR's @timeout_ms, and aborts it after
 * @abort_ms (when not 0), as a user would what never ends; keeps the best watch in @best. */
static void
open_watched (Fixture *fixture,
              const char *path,
              guint timeout_ms,
              guint abort_ms,
              PfTestStall *best)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  g_autofree char *url = g_str_has_prefix (path, "http://") ? g_strdup (path)
                                                            : pf_test_window_lab_url (fixture, path);
  PfTestStall stall;
  guint tick;

  pf_window_set_url (fixture->window, url);
  pf_request_set_timeout_ms (pf_request_view_get_request (view), timeout_ms);
  tick = start_watch (&stall);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  if (abort_ms > 0)
    {
      iterate_for (abort_ms);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort",
                                                 NULL));
    }
  pf_test_window_wait_for_done (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  end_watch (&stall, tick, best);
}

/* What a well-behaved exchange of @path costs the window in this run: the most of
 * REFERENCE_RUNS runs, as it varies. */
static gint64
reference_cost (Fixture *fixture,
                const char *path)
{
  gint64 most = 0;

  for (guint i = 0; i < REFERENCE_RUNS; i++)
    {
      PfTestStall run = NO_WATCH;

      open_watched (fixture, path, 0, 0, &run);
      most = MAX (most, run.cpu_worst);
    }
  g_test_message ("well-behaved %s: main thread busy %.1f ms at most", path, most / 1000.0);
  return most;
}

static void
test_request (Fixture *fixture,
              gconstpointer data)
{
  char **row = (char **) data;
  struct _PfRequestView *tab = (struct _PfRequestView *) pf_window_get_request_view (
      fixture->window);
  g_autofree char *summary = expected_summary (row);
  gboolean failed = !g_str_equal (row[3], "none");
  gint64 cpu_max = GAP_MAX_US;
  PfTestStall best = NO_WATCH;

  warm_up (fixture);
  if (!pf_test_under_sanitizer ())
    {
      gint64 reference = reference_cost (fixture, failed ? REFUSED : "example.txt");

      if (!g_str_equal (row[7], "-"))
        {
          gint64 shaped = reference_cost (fixture, row[7]);

          reference = MAX (reference, shaped);
        }
      cpu_max = MAX (cpu_max, reference * 3 / 2);
    }
  for (guint i = 0; i < tries () && !within (&best, cpu_max); i++)
    {
      open_watched (fixture, row[0], atoi (row[1]), atoi (row[2]), &best);
      if (failed)
        g_assert_cmpstr (gtk_label_get_text (tab->status_label), ==,
                         g_str_equal (row[3], "network")   ? "Network error"
                         : g_str_equal (row[3], "timeout") ? "Timeout"
                                                           : "Aborted");
      else
        g_assert_cmpstr (gtk_label_get_text (tab->status_label), ==, "200 OK");
      assert_starts (gtk_label_get_text (tab->summary_label), summary);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tab->summary_label)));
    }
  assert_responsive (&best, cpu_max);
}

/* Text that is not UTF-8 is shown as responseText has it, and the note says why. */
static void
test_not_utf8_body (Fixture *fixture,
                    gconstpointer data)
{
  g_autofree char *text = NULL;

  pf_test_window_send (fixture, "evil/bad-utf8");
  text = pf_test_text_of_view (pf_test_window_body_view (fixture));
  g_assert_nonnull (strstr (text, "caf\xef\xbf\xbd au lait"));
  g_assert_nonnull (strstr (text, "\xef\xbf\xbd\xef\xbf\xbd (never in UTF-8)"));
  g_assert_cmpstr (pf_test_window_body_note (fixture), ==,
                   "Not UTF-8, though its type says it is text: shown as responseText has it, "
                   "each invalid sequence as U+FFFD (\xef\xbf\xbd).");
}

static gboolean
source_closed (PfFeedView *feed)
{
  PfEventSource *source = pf_feed_view_get_event_source (feed);

  return source != NULL && pf_event_source_get_ready_state (source) == PF_EVENT_SOURCE_CLOSED;
}

static gboolean
two_messages (PfFeedView *feed)
{
  GListModel *entries = pf_event_source_get_entries (pf_feed_view_get_event_source (feed));
  guint messages = 0;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (PfEventSourceEntry) entry = g_list_model_get_item (entries, i);

      messages += pf_event_source_entry_get_kind (entry) == PF_EVENT_SOURCE_ENTRY_MESSAGE;
    }
  return messages == 2;
}

/* Opens @path in a new feed tab while the main loop is watched, until @done says so; keeps the
 * best watch in @best and returns the tab. */
static PfFeedView *
open_feed_watched (Fixture *fixture,
                   const char *path,
                   gboolean (*done) (PfFeedView *feed),
                   PfTestStall *best)
{
  g_autofree char *url = pf_test_window_lab_url (fixture, path);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, url);
  PfTestStall stall;
  guint tick;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  tick = start_watch (&stall);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  PF_TEST_WAIT_UNTIL (done (feed), 10000);
  iterate_for (100);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  end_watch (&stall, tick, best);
  return feed;
}

/* What a well-behaved feed that ends the same way costs the window in this run (the most of
 * REFERENCE_RUNS runs), half again, or GAP_MAX_US when that is more. */
static gint64
feed_bound (Fixture *fixture,
            const char *path,
            gboolean (*done) (PfFeedView *feed))
{
  gint64 most = 0;

  if (pf_test_under_sanitizer ())
    return GAP_MAX_US;
  for (guint i = 0; i < REFERENCE_RUNS; i++)
    {
      PfTestStall run = NO_WATCH;

      open_feed_watched (fixture, path, done, &run);
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL);
      most = MAX (most, run.cpu_worst);
    }
  g_test_message ("well-behaved feed %s: main thread busy %.1f ms at most", path, most / 1000.0);
  return MAX (GAP_MAX_US, most * 3 / 2);
}

/* An event stream without a line break: the tab says, in its error row, why the connection
 * failed, and the state line says CLOSED. The well-behaved twin: a stream the server refuses
 * (404), which fails the connection too. */
static void
test_feed_endless_line (Fixture *fixture,
                        gconstpointer data)
{
  PfTestStall best = NO_WATCH;
  gint64 bound;

  warm_up (fixture);
  bound = feed_bound (fixture, "status/404", source_closed);
  for (guint i = 0; i < tries () && !within (&best, bound); i++)
    {
      PfFeedView *feed = open_feed_watched (fixture, "evil/endless-line", source_closed, &best);

      g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed),
                                            "readyState 2 · The stream sent a line longer than 16 "
                                            "MiB without a line break: Preflight closes the "
                                            "connection"));
      g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "readyState 2 · CLOSED"));
    }
  assert_responsive (&best, bound);
}

/* An event stream that is not UTF-8: a note row says so, above the messages with U+FFFD. The
 * well-behaved twin: two events of the lab's /events. */
static void
test_feed_not_utf8 (Fixture *fixture,
                    gconstpointer data)
{
  PfTestStall best = NO_WATCH;
  gint64 bound;

  warm_up (fixture);
  bound = feed_bound (fixture, "events?interval=0&count=2", two_messages);
  for (guint i = 0; i < tries () && !within (&best, bound); i++)
    {
      PfFeedView *feed = open_feed_watched (fixture, "evil/bad-utf8-events", two_messages, &best);

      g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed),
                                            "The stream holds bytes that are not UTF-8: each "
                                            "invalid sequence became U+FFFD"));
      g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "caf\xef\xbf\xbd au lait"));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
    }
  assert_responsive (&best, bound);
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, pf_test_window_set_up, func, pf_test_window_tear_down)

int
main (int argc,
      char *argv[])
{
  g_autoptr (GPtrArray) rows = NULL;

  pf_test_window_init (&argc, &argv);
  rows = pf_test_tsv_load ("evil.tsv");
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *path = g_strconcat ("/window/evil/", row[0] + strlen ("evil/"), NULL);

      ADD (path, test_request, row);
    }
  ADD ("/window/evil/bad-utf8-shown-as-response-text", test_not_utf8_body, NULL);
  ADD ("/window/evil/feed/endless-line", test_feed_endless_line, NULL);
  ADD ("/window/evil/feed/bad-utf8", test_feed_not_utf8, NULL);
  return g_test_run ();
}
