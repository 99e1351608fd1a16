/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "pf-application.h"
#include "pf-body-viewer.h"
#include "pf-collection-view.h"
#include "pf-history-page.h"
#include "pf-locale.h"
#include "pf-test-widgets.h"
#include "pf-window.h"

/* The window's speed, measured on the real application (PfApplication starts as `preflight`
 * does, lab server included; the bench joins in once the window exists and drives it by its
 * actions, as a user would). Run it through bench/window-run, which provides the display,
 * the session bus and throwaway settings. Each mode prints one JSON line on stdout:
 *
 *   pf-bench-window feed URL N   a feed tab (EventSource) on URL, Connect; seconds until the
 *                                list the GtkListView shows holds all N events
 *   pf-bench-window response URL a request tab, GET URL, Send; seconds from loadend until
 *                                the first frame drawn after the Response view shows the body
 *   pf-bench-window start        process start to the window's first painted frame, then the
 *                                resident size after 2 s idle; when a history file is at its
 *                                default path (XDG_DATA_HOME, kept at any count, as set by a
 *                                user who keeps that much), also how many queries the hidden
 *                                History page made until then (none is right), and then the
 *                                time from win.show-history until it lists entries
 *   pf-bench-window collection DIR N
 *                                pf_window_set_folder (DIR); seconds until the Collection
 *                                page's collection holds all N .http files, each read and
 *                                parsed, and its tree a row for each file and request
 *
 * The tab is opened (or, for a collection, the folder is set ACT_DELAY_MS after the first
 * frame) once the window has drawn its first frame, and Connect or Send come
 * once the tab has been drawn and ACT_DELAY_MS more have passed, as when a user reaches for
 * the button; the measured period starts there. The feed's cap on kept entries is raised
 * to N (+16 for open and error entries) through GSettings, as the preferences would.
 *
 * max_gap_ms is the longest the main loop went without running one of two callbacks, a
 * tick callback on the window (one per frame) and a G_PRIORITY_DEFAULT timeout every 5 ms,
 * over the measured period (the larger of the two; a stretch without a single frame counts
 * whole). For the response the period runs on for SETTLE_MS after the body is shown: what
 * the text view does after its first frame (laying out the rest of the text) is part of
 * opening it. Peak RSS is getrusage ()'s ru_maxrss; idle RSS is VmRSS.
 *
 * On stderr: the measured period as CLOCK_MONOTONIC seconds (for `perf record -k
 * CLOCK_MONOTONIC` and `perf report --time`) and where the longest gaps were; with
 * PF_BENCH_VERBOSE set, progress each second and the phases of every frame over 20 ms. */

#define TIMER_MS 5
#define SETTLE_MS 1000
#define ACT_DELAY_MS 200
#define IDLE_MS 2000
#define DEADLINE_S 300

typedef enum
{
  MODE_FEED,
  MODE_RESPONSE,
  MODE_START,
  MODE_COLLECTION,
} Mode;

typedef struct
{
  gint64 last;
  gint64 worst;
  gint64 worst_at;
} Gap;

typedef struct
{
  Mode mode;
  const char *url;
  guint events;
  gint64 process_start_us; /* CLOCK_MONOTONIC µs, see process_start_us () */

  PfApplication *app;
  PfWindow *window;
  GdkFrameClock *clock;
  gboolean first_frame;
  gboolean tab_opened;
  gboolean tab_drawn;

  /* Main-loop gaps while measuring */
  gboolean measuring;
  gboolean finished;
  Gap tick_gap;
  Gap timer_gap;
  guint timer_id;

  /* The run */
  gint64 t_start;
  gint64 t_end;
  gint64 t_shown;
  gboolean body_set;
  PfFeedView *feed;
  GtkWidget *list_view;
  GListModel *list;
  PfExchange *exchange;
  GtkTextBuffer *body_buffer;
  PfBodyViewer *viewer;
  gint64 t_jump;
  gint64 t_jumped;
  guint64 bytes;
  char *error;

  /* A collection: the folder and its files */
  const char *folder;
  guint files;
  GListModel *collection_files;
  gint64 t_drawn;

  /* Start with a history: its file was there, the hidden page's queries, when the History
   * page was shown and when it listed entries */
  guint64 idle_rss_kib;
  gboolean history_file;
  guint history_hidden_queries;
  gint64 t_history_shown;
  gint64 t_history;
  guint history_items;
} Bench;

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static guint64
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static guint64
current_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "\nVmRSS:");
  return line ? g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10) : 0;
}

/* When this process started, on g_get_monotonic_time ()'s clock (CLOCK_MONOTONIC).
 * bench/window-run passes PF_BENCH_EXEC_NS, CLOCK_REALTIME read by date(1) just before it
 * execs this program: the interval to now is taken on the same clock, in ns. Without it,
 * /proc/self/stat's start time (field 22, clock ticks after boot, 10 ms steps) against
 * CLOCK_BOOTTIME. Either way, loading and linking the program is part of the start. */
static gint64
process_start_us (void)
{
  const char *exec_ns = g_getenv ("PF_BENCH_EXEC_NS");
  g_autofree char *stat = NULL;
  struct timespec ts;
  const char *p;
  guint64 ticks;

  if (exec_ns != NULL && *exec_ns != '\0')
    {
      gint64 real_now_ns;

      clock_gettime (CLOCK_REALTIME, &ts);
      real_now_ns = (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
      return now_us () - (real_now_ns - g_ascii_strtoll (exec_ns, NULL, 10)) / 1000;
    }
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) || !(p = strrchr (stat, ')')))
    return now_us ();
  /* After "pid (comm)" each field follows a space: stop at the one before field 22. */
  for (int field = 3; field <= 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL)
    return now_us ();
  ticks = g_ascii_strtoull (p + 1, NULL, 10);
  clock_gettime (CLOCK_BOOTTIME, &ts);
  return now_us () - ((gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000) +
         (gint64) (ticks * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK));
}

static void
gap_note (Gap *gap,
          gint64 now)
{
  if (gap->last != 0 && now - gap->last > gap->worst)
    {
      gap->worst = now - gap->last;
      gap->worst_at = gap->last;
    }
  gap->last = now;
}

static double
max_gap_ms (Bench *bench)
{
  return MAX (bench->tick_gap.worst, bench->timer_gap.worst) / 1000.0;
}

/* Ends the measured period: the gap still open counts too (a period without a single tick
 * is a gap as long as the period). */
static void
stop_measuring (Bench *bench)
{
  gint64 now = now_us ();

  gap_note (&bench->tick_gap, now);
  gap_note (&bench->timer_gap, now);
  bench->measuring = FALSE;
}

static void
start_measuring (Bench *bench)
{
  bench->tick_gap = (Gap){ 0 };
  bench->timer_gap = (Gap){ 0 };
  bench->measuring = TRUE;
  bench->t_start = now_us ();
  gap_note (&bench->tick_gap, bench->t_start);
  gap_note (&bench->timer_gap, bench->t_start);
}

static gboolean
tick_cb (GtkWidget *widget,
         GdkFrameClock *clock,
         gpointer user_data)
{
  Bench *bench = user_data;

  if (bench->measuring)
    gap_note (&bench->tick_gap, now_us ());
  return G_SOURCE_CONTINUE;
}

static gboolean
timer_cb (gpointer user_data)
{
  Bench *bench = user_data;

  if (bench->measuring)
    gap_note (&bench->timer_gap, now_us ());
  return G_SOURCE_CONTINUE;
}

/* Once a second on stderr, with PF_BENCH_VERBOSE: how far the run is. */
static gboolean
progress_cb (gpointer user_data)
{
  Bench *bench = user_data;

  if (bench->measuring)
    g_printerr ("pf-bench-window: %.1f s, %u items, %" G_GUINT64_FORMAT " bytes, gap %.1f ms\n",
                (now_us () - bench->t_start) / 1e6,
                bench->list ? g_list_model_get_n_items (bench->list) : 0,
                bench->exchange ? pf_exchange_get_loaded (bench->exchange) : 0, max_gap_ms (bench));
  return G_SOURCE_CONTINUE;
}

static void
finish (Bench *bench,
        const char *json)
{
  if (bench->finished)
    return;
  bench->finished = TRUE;
  bench->measuring = FALSE;
  /* For `perf record -k CLOCK_MONOTONIC` and `perf report --time`: the measured period. */
  if (bench->t_start != 0)
    g_printerr ("pf-bench-window: measured %.6f,%.6f (CLOCK_MONOTONIC, s); longest gaps: "
                "%.1f ms between ticks from +%.3f s, %.1f ms between timeouts from +%.3f s\n",
                bench->t_start / 1e6, now_us () / 1e6, bench->tick_gap.worst / 1e3,
                (bench->tick_gap.worst_at - bench->t_start) / 1e6, bench->timer_gap.worst / 1e3,
                (bench->timer_gap.worst_at - bench->t_start) / 1e6);
  g_clear_handle_id (&bench->timer_id, g_source_remove);
  g_print ("%s\n", json);
  fflush (stdout);
  g_application_quit (G_APPLICATION (bench->app));
}

static void
fail (Bench *bench,
      const char *message)
{
  g_autofree char *json = NULL;
  g_autofree char *escaped = g_strescape (message, NULL);
  const char *names[] = { "feed", "response", "start", "collection" };

  g_printerr ("pf-bench-window: %s\n", message);
  json = g_strdup_printf ("{\"case\":\"%s\",\"error\":\"%s\"}", names[bench->mode], escaped);
  bench->error = g_strdup (message);
  finish (bench, json);
}

static gboolean
deadline_cb (gpointer user_data)
{
  fail (user_data, "deadline passed");
  return G_SOURCE_REMOVE;
}

/* Feed: done when the list holds the open entry and N messages, the last with id N. */
static gboolean
feed_complete (Bench *bench)
{
  guint n = g_list_model_get_n_items (bench->list);
  g_autoptr (GObject) item = NULL;
  g_autofree char *want = NULL;
  PfEventSourceEntry *last;

  if (n < bench->events + 1)
    return FALSE;
  item = g_list_model_get_item (bench->list, n - 1);
  if (!PF_IS_EVENT_SOURCE_ENTRY (item))
    return FALSE;
  last = PF_EVENT_SOURCE_ENTRY (item);
  want = g_strdup_printf ("%u", bench->events);
  return pf_event_source_entry_get_kind (last) == PF_EVENT_SOURCE_ENTRY_MESSAGE &&
         g_strcmp0 (pf_event_source_entry_get_last_event_id (last), want) == 0;
}

static void
feed_items_changed_cb (GListModel *list,
                       guint position,
                       guint removed,
                       guint added,
                       Bench *bench)
{
  g_autofree char *json = NULL;
  PfEventSource *source = pf_feed_view_get_event_source (bench->feed);
  gint64 end;

  if (!bench->measuring || !feed_complete (bench))
    return;
  end = now_us ();
  stop_measuring (bench);
  g_signal_handlers_disconnect_by_data (list, bench);
  if (pf_event_source_get_dropped (source) > 0)
    {
      fail (bench, "the feed's cap dropped events");
      return;
    }
  json = g_strdup_printf ("{\"case\":\"feed\",\"events\":%u,\"seconds\":%.3f,\"max_gap_ms\":%.1f,"
                          "\"peak_rss_kib\":%" G_GUINT64_FORMAT "}",
                          bench->events, (end - bench->t_start) / 1e6, max_gap_ms (bench),
                          peak_rss_kib ());
  if (g_getenv ("PF_BENCH_VERBOSE") != NULL)
    {
      guint rows = 0;

      for (GtkWidget *row = gtk_widget_get_first_child (bench->list_view); row;
           row = gtk_widget_get_next_sibling (row))
        rows++;
      g_printerr ("pf-bench-window: the list view has %u row widgets\n", rows);
    }
  /* No reconnect: the run is over. */
  gtk_widget_activate_action (GTK_WIDGET (bench->feed), "feed.close", NULL);
  finish (bench, json);
}

/* Ctrl+Shift+T and the URL, as a user opens a feed tab. */
static void
open_feed_tab (Bench *bench)
{
  gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.new-feed-tab", NULL);
  bench->feed = pf_window_get_feed_view (bench->window);
  g_assert (bench->feed != NULL &&
            pf_feed_view_get_kind (bench->feed) == PF_FEED_KIND_EVENT_SOURCE);
  pf_feed_view_set_url (bench->feed, bench->url);
  bench->list_view = pf_test_find_widget (GTK_WIDGET (bench->feed), GTK_TYPE_LIST_VIEW, "timeline");
  g_assert (bench->list_view != NULL);
}

/* Connect, and the clock runs. */
static void
connect_feed (Bench *bench)
{
  start_measuring (bench);
  gtk_widget_activate_action (GTK_WIDGET (bench->feed), "feed.connect", NULL);
  bench->list = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (bench->list_view)));
  if (bench->list == NULL || pf_feed_view_get_event_source (bench->feed) == NULL)
    {
      fail (bench, "Connect did not start an EventSource");
      return;
    }
  g_signal_connect (bench->list, "items-changed", G_CALLBACK (feed_items_changed_cb), bench);
}

static void
response_done_cb (PfExchange *exchange,
                  GParamSpec *pspec,
                  Bench *bench)
{
  if (pf_exchange_get_ready_state (exchange) != PF_READY_STATE_DONE || bench->t_end != 0)
    return;
  bench->t_end = now_us ();
  bench->bytes = pf_exchange_get_loaded (exchange);
  /* Never time an error page. */
  if (pf_exchange_get_failure (exchange) != PF_FAILURE_NONE)
    fail (bench, pf_exchange_get_error_message (exchange));
  else if (pf_exchange_get_status (exchange) != 200)
    fail (bench, "the server did not answer 200 OK");
}

static void
body_changed_cb (GtkTextBuffer *buffer,
                 Bench *bench)
{
  if (bench->t_end != 0 && gtk_text_buffer_get_char_count (buffer) > 0)
    bench->body_set = TRUE;
}

static void
response_finish (Bench *bench)
{
  g_autofree char *json = NULL;

  stop_measuring (bench);
  json = g_strdup_printf ("{\"case\":\"response\",\"bytes\":%" G_GUINT64_FORMAT ",\"seconds\":%.3f,"
                          "\"seconds_from_send\":%.3f,\"max_gap_ms\":%.1f,\"jump_ms\":%.1f,"
                          "\"peak_rss_kib\":%" G_GUINT64_FORMAT "}",
                          bench->bytes, (bench->t_shown - bench->t_end) / 1e6,
                          (bench->t_shown - bench->t_start) / 1e6, max_gap_ms (bench),
                          bench->t_jumped ? (bench->t_jumped - bench->t_jump) / 1e3 : -1.0,
                          peak_rss_kib ());
  g_printerr ("pf-bench-window: loadend at +%.3f s, body shown at +%.3f s, %u timeline entries\n",
              (bench->t_end - bench->t_start) / 1e6, (bench->t_shown - bench->t_start) / 1e6,
              g_list_model_get_n_items (pf_exchange_get_timeline (bench->exchange)));
  finish (bench, json);
}

/* After the body has settled on screen: Ctrl+End in the body viewer, timed to the frame that
 * shows the end (a body shown by the text view has no jump to time). */
static gboolean
settled_cb (gpointer user_data)
{
  Bench *bench = user_data;

  if (bench->viewer == NULL || !gtk_widget_get_mapped (GTK_WIDGET (bench->viewer)))
    {
      response_finish (bench);
      return G_SOURCE_REMOVE;
    }
  bench->t_jump = now_us ();
  gtk_widget_grab_focus (GTK_WIDGET (bench->viewer));
  pf_body_viewer_scroll_to_end (bench->viewer);
  return G_SOURCE_REMOVE;
}

static gboolean
viewer_shows_text (Bench *bench)
{
  g_autofree char *text = NULL;

  if (bench->viewer == NULL || !gtk_widget_get_mapped (GTK_WIDGET (bench->viewer)))
    return FALSE;
  text = pf_body_viewer_dup_visible_text (bench->viewer);
  return text[0] != '\0';
}

/* Ctrl+T and the URL. */
static void
open_request_tab (Bench *bench)
{
  PfRequestView *view;
  GtkWidget *url_entry;
  GtkWidget *body;

  gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.new-tab", NULL);
  view = pf_window_get_request_view (bench->window);
  url_entry = pf_test_find_widget (GTK_WIDGET (view), GTK_TYPE_ENTRY, "url-entry");
  body = pf_test_find_widget (GTK_WIDGET (view), GTK_TYPE_TEXT_VIEW, "response-body");
  g_assert (url_entry != NULL && body != NULL);
  gtk_editable_set_text (GTK_EDITABLE (url_entry), bench->url);
  bench->body_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (body));
  g_signal_connect (bench->body_buffer, "changed", G_CALLBACK (body_changed_cb), bench);
  /* A big text body is shown by the body viewer instead. */
  bench->viewer = PF_BODY_VIEWER (pf_test_find_widget (GTK_WIDGET (view), PF_TYPE_BODY_VIEWER,
                                                       NULL));
}

/* Send, and the clock runs. */
static void
send_request (Bench *bench)
{
  start_measuring (bench);
  gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.send", NULL);
  bench->exchange = pf_window_get_exchange (bench->window);
  if (bench->exchange == NULL)
    {
      fail (bench, "Send did not start an exchange");
      return;
    }
  g_signal_connect (bench->exchange, "notify::ready-state", G_CALLBACK (response_done_cb), bench);
}

static PfHistoryPage *
history_page (Bench *bench)
{
  GtkWidget *page = pf_test_find_widget (GTK_WIDGET (bench->window), PF_TYPE_HISTORY_PAGE, NULL);

  g_assert (page != NULL);
  return PF_HISTORY_PAGE (page);
}

static void
finish_start (Bench *bench)
{
  g_autofree char *json = NULL;
  g_autofree char *history = NULL;

  if (bench->history_file)
    history = g_strdup_printf (",\"history_hidden_queries\":%u,\"history_listed_ms\":%.1f,"
                               "\"history_items\":%u",
                               bench->history_hidden_queries,
                               (bench->t_history - bench->t_history_shown) / 1e3,
                               bench->history_items);
  json = g_strdup_printf ("{\"case\":\"start\",\"seconds\":%.3f,"
                          "\"idle_rss_kib\":%" G_GUINT64_FORMAT "%s}",
                          (bench->t_shown - bench->process_start_us) / 1e6,
                          bench->idle_rss_kib, history ? history : "");
  finish (bench, json);
}

/* Start with a history: the History page's first list of entries once it is shown. */
static void
history_items_cb (GListModel *items,
                  guint position,
                  guint removed,
                  guint added,
                  Bench *bench)
{
  if (bench->t_history_shown == 0 || bench->t_history != 0 ||
      g_list_model_get_n_items (items) == 0)
    return;
  bench->t_history = now_us ();
  bench->history_items = g_list_model_get_n_items (items);
  finish_start (bench);
}

static void
watch_history_page (Bench *bench)
{
  g_signal_connect (pf_history_page_get_items (history_page (bench)), "items-changed",
                    G_CALLBACK (history_items_cb), bench);
}

/* After the idle time: the idle size, then with a history the History page is shown (as by
 * Ctrl+H) and the run ends once it lists entries. */
static gboolean
idle_done_cb (gpointer user_data)
{
  Bench *bench = user_data;

  bench->idle_rss_kib = current_rss_kib ();
  if (!bench->history_file)
    {
      finish_start (bench);
      return G_SOURCE_REMOVE;
    }
  bench->history_hidden_queries = pf_history_page_get_n_queries (history_page (bench));
  bench->t_history_shown = now_us ();
  if (!gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.show-history", NULL))
    fail (bench, "win.show-history did not run");
  return G_SOURCE_REMOVE;
}

/* Collection: done when the collection holds every file. */
static void
collection_files_cb (GListModel *files,
                     guint position,
                     guint removed,
                     guint added,
                     Bench *bench)
{
  if (bench->t_end != 0 || g_list_model_get_n_items (files) < bench->files)
    return;
  bench->t_end = now_us ();
  g_signal_handlers_disconnect_by_data (files, bench);
}

/* Open Folder…'s outcome, and the clock runs. */
static void
set_folder (Bench *bench)
{
  g_autoptr (GFile) folder = g_file_new_for_path (bench->folder);
  GtkWidget *view;
  PfCollection *collection;

  start_measuring (bench);
  pf_window_set_folder (bench->window, folder);
  view = pf_test_find_widget (GTK_WIDGET (bench->window), PF_TYPE_COLLECTION_VIEW, NULL);
  collection = view ? pf_collection_view_get_collection (PF_COLLECTION_VIEW (view)) : NULL;
  if (collection == NULL)
    {
      fail (bench, "setting the folder made no collection");
      return;
    }
  bench->collection_files = pf_collection_get_files (collection);
  g_signal_connect (bench->collection_files, "items-changed", G_CALLBACK (collection_files_cb),
                    bench);
}

/* Every file's requests (a file that did not parse counts as an error) and the tree's rows. */
static gboolean
collection_done_cb (gpointer user_data)
{
  Bench *bench = user_data;
  GtkWidget *view = pf_test_find_widget (GTK_WIDGET (bench->window), PF_TYPE_COLLECTION_VIEW,
                                         NULL);
  GListModel *rows = pf_collection_view_get_rows (PF_COLLECTION_VIEW (view));
  guint n = g_list_model_get_n_items (bench->collection_files);
  guint requests = 0, errors = 0;
  g_autofree char *json = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PfCollectionItem) item = g_list_model_get_item (bench->collection_files, i);
      GListModel *children = pf_collection_item_get_children (item);

      if (pf_collection_item_get_http (item) == NULL)
        errors++;
      else if (children != NULL)
        requests += g_list_model_get_n_items (children);
    }
  json = g_strdup_printf ("{\"case\":\"collection\",\"files\":%u,\"requests\":%u,"
                          "\"errors\":%u,\"rows\":%u,\"seconds\":%.3f,\"seconds_drawn\":%.3f,"
                          "\"max_gap_ms\":%.1f,\"peak_rss_kib\":%" G_GUINT64_FORMAT "}",
                          n, requests, errors, g_list_model_get_n_items (rows),
                          (bench->t_end - bench->t_start) / 1e6,
                          (bench->t_drawn - bench->t_start) / 1e6, max_gap_ms (bench),
                          peak_rss_kib ());
  finish (bench, json);
  return G_SOURCE_REMOVE;
}

static gboolean
open_tab_cb (gpointer user_data)
{
  Bench *bench = user_data;

  if (bench->mode == MODE_FEED)
    open_feed_tab (bench);
  else
    open_request_tab (bench);
  bench->tab_opened = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
act_cb (gpointer user_data)
{
  Bench *bench = user_data;

  if (bench->mode == MODE_FEED)
    connect_feed (bench);
  else if (bench->mode == MODE_COLLECTION)
    set_folder (bench);
  else
    send_request (bench);
  return G_SOURCE_REMOVE;
}

/* The window's first frame starts a run: the tab opens; once it has been drawn and a moment
 * has passed (as when a user reaches for the button), Connect or Send. */
static void
after_paint_cb (GdkFrameClock *clock,
                Bench *bench)
{
  if (!bench->first_frame)
    {
      bench->first_frame = TRUE;
      bench->t_shown = now_us ();
      if (bench->mode == MODE_START)
        g_timeout_add (IDLE_MS, idle_done_cb, bench);
      else if (bench->mode == MODE_COLLECTION)
        g_timeout_add (ACT_DELAY_MS, act_cb, bench);
      else
        g_idle_add (open_tab_cb, bench);
      return;
    }
  if (bench->tab_opened && !bench->tab_drawn)
    {
      bench->tab_drawn = TRUE;
      g_timeout_add (ACT_DELAY_MS, act_cb, bench);
      return;
    }
  /* A collection is open once the first frame after its last file is painted. */
  if (bench->mode == MODE_COLLECTION && bench->t_end != 0 && bench->t_drawn == 0)
    {
      bench->t_drawn = now_us ();
      stop_measuring (bench);
      g_idle_add (collection_done_cb, bench);
      return;
    }
  if (bench->mode == MODE_RESPONSE && bench->t_jump != 0 && bench->t_jumped == 0)
    {
      bench->t_jumped = now_us ();
      response_finish (bench);
      return;
    }
  if (bench->mode == MODE_RESPONSE && bench->t_end != 0 && !bench->body_set)
    bench->body_set = viewer_shows_text (bench);
  if (bench->mode == MODE_RESPONSE && bench->body_set && bench->t_shown < bench->t_end)
    {
      bench->t_shown = now_us ();
      g_timeout_add (SETTLE_MS, settled_cb, bench);
    }
}

/* With PF_BENCH_VERBOSE: the phases of each frame over 20 ms, on stderr. */
static gint64 phase_at[4];

static void
phase_cb (GdkFrameClock *clock,
          gpointer phase)
{
  phase_at[GPOINTER_TO_INT (phase)] = now_us ();
}

static void
frame_done_cb (GdkFrameClock *clock,
               Bench *bench)
{
  gint64 now = now_us ();

  if (bench->measuring && now - phase_at[0] > 20000)
    g_printerr ("pf-bench-window: frame at +%.3f s (%.6f): update %.1f, layout %.1f, "
                "paint %.1f ms\n",
                (phase_at[0] - bench->t_start) / 1e6, phase_at[0] / 1e6,
                (phase_at[1] - phase_at[0]) / 1e3, (phase_at[2] - phase_at[1]) / 1e3,
                (phase_at[3] - phase_at[2]) / 1e3);
}

static void
window_realized_cb (GtkWidget *window,
                    Bench *bench)
{
  bench->clock = gtk_widget_get_frame_clock (window);
  if (g_getenv ("PF_BENCH_VERBOSE") != NULL)
    {
      g_signal_connect (bench->clock, "before-paint", G_CALLBACK (phase_cb), GINT_TO_POINTER (0));
      g_signal_connect (bench->clock, "update", G_CALLBACK (phase_cb), GINT_TO_POINTER (1));
      g_signal_connect (bench->clock, "layout", G_CALLBACK (phase_cb), GINT_TO_POINTER (2));
      g_signal_connect (bench->clock, "paint", G_CALLBACK (phase_cb), GINT_TO_POINTER (3));
      g_signal_connect (bench->clock, "after-paint", G_CALLBACK (frame_done_cb), bench);
    }
  g_signal_connect (bench->clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
  if (bench->history_file)
    watch_history_page (bench);
  if (bench->mode != MODE_START)
    gtk_widget_add_tick_callback (window, tick_cb, bench, NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow *window,
                 Bench *bench)
{
  if (bench->window != NULL || !PF_IS_WINDOW (window))
    return;
  bench->window = PF_WINDOW (window);
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realized_cb), bench);
}

/* A returning user (no first lesson), and for a feed a cap that keeps every event, as the
 * preferences would set them. */
static void
prepare_settings (Bench *bench)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GSettingsSchemaKey) key = NULL;
  g_autoptr (GVariant) range = NULL;
  g_autoptr (GVariant) limits = NULL;
  guint min_entries, max_entries;

  schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  if (schema == NULL)
    g_error ("the settings schema %s is not found: run through bench/window-run", APP_ID);
  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "first-lesson-shown", TRUE);
  /* Whoever has that much history keeps it all: nothing is pruned at start. */
  if (bench->history_file)
    g_settings_set_uint (settings, "history-max-entries", 0);
  if (bench->mode != MODE_FEED)
    return;
  key = g_settings_schema_get_key (schema, "feed-max-entries");
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", NULL, &limits);
  g_variant_get (limits, "(uu)", &min_entries, &max_entries);
  if ((guint64) bench->events + 16 > max_entries)
    g_printerr ("pf-bench-window: the feed keeps at most %u entries; %u events will not fit\n",
                max_entries, bench->events);
  g_settings_set_uint (settings, "feed-max-entries",
                       CLAMP ((guint64) bench->events + 16, min_entries, max_entries));
}

static int
usage (void)
{
  g_printerr ("usage: pf-bench-window feed URL N | response URL | start | collection DIR N\n");
  return 2;
}

int
main (int argc,
      char *argv[])
{
  Bench bench = { 0 };
  int status;

  bench.process_start_us = process_start_us ();
  pf_locale_init ();

  if (argc == 4 && g_str_equal (argv[1], "feed"))
    {
      bench.mode = MODE_FEED;
      bench.url = argv[2];
      bench.events = (guint) g_ascii_strtoull (argv[3], NULL, 10);
      if (bench.events == 0)
        return usage ();
    }
  else if (argc == 3 && g_str_equal (argv[1], "response"))
    {
      bench.mode = MODE_RESPONSE;
      bench.url = argv[2];
    }
  else if (argc == 2 && g_str_equal (argv[1], "start"))
    bench.mode = MODE_START;
  else if (argc == 4 && g_str_equal (argv[1], "collection"))
    {
      bench.mode = MODE_COLLECTION;
      bench.folder = argv[2];
      bench.files = (guint) g_ascii_strtoull (argv[3], NULL, 10);
      if (bench.files == 0)
        return usage ();
    }
  else
    return usage ();
  if (bench.mode == MODE_START)
    {
      g_autofree char *history = pf_history_dup_default_path ();

      bench.history_file = g_file_test (history, G_FILE_TEST_EXISTS);
    }

  prepare_settings (&bench);
  pf_application_setup_environment ();
  bench.app = pf_application_new ();
  g_signal_connect (bench.app, "window-added", G_CALLBACK (window_added_cb), &bench);
  if (bench.mode != MODE_START)
    bench.timer_id = g_timeout_add (TIMER_MS, timer_cb, &bench);
  g_timeout_add_seconds (DEADLINE_S, deadline_cb, &bench);
  if (g_getenv ("PF_BENCH_VERBOSE") != NULL)
    g_timeout_add_seconds (1, progress_cb, &bench);
  /* The modes are ours, not GApplication's. */
  status = g_application_run (G_APPLICATION (bench.app), 1, argv);
  g_clear_object (&bench.app);
  if (status == 0 && bench.error != NULL)
    status = 1;
  g_free (bench.error);
  return status;
}
