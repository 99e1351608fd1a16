/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-poll-comparison"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pf-feed-list.h"
#include "pf-poll-comparison.h"

/* Short polling beside long polling, on one URL and one clock: the comparison the Comet
 * chapter draws. Both loops watch the same news (the lab's /news); every cycle goes into one
 * list, and each loop's count of requests, empty (304) answers and news, with how late each
 * news reached the page, says what the two cost and what they give. A news is counted once it
 * was published after the start: an answer's "ageMs" says how long before it was. */

#define MAX_NEWS 1000

static GQuark
cycle_news_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("pf-poll-comparison-news");
  return quark;
}

struct _PfPollComparison
{
  GObject parent_instance;

  PfLongPoll *loops[PF_POLL_N_LANES];
  PfFeedList *cycles;
  PfPollLaneStats stats[PF_POLL_N_LANES];
  guint64 last_news[PF_POLL_N_LANES];
  GArray *news;
  gint64 t0;
};

static void pf_poll_comparison_feed_init (PfFeedInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfPollComparison, pf_poll_comparison, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (PF_TYPE_FEED, pf_poll_comparison_feed_init))

static void
pf_poll_comparison_dispose (GObject *object)
{
  PfPollComparison *self = PF_POLL_COMPARISON (object);

  for (guint i = 0; i < PF_POLL_N_LANES; i++)
    {
      if (self->loops[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->loops[i], self);
      g_clear_object (&self->loops[i]);
    }
  G_OBJECT_CLASS (pf_poll_comparison_parent_class)->dispose (object);
}

static void
pf_poll_comparison_finalize (GObject *object)
{
  PfPollComparison *self = PF_POLL_COMPARISON (object);

  g_clear_object (&self->cycles);
  g_array_unref (self->news);
  G_OBJECT_CLASS (pf_poll_comparison_parent_class)->finalize (object);
}

static void
pf_poll_comparison_class_init (PfPollComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pf_poll_comparison_dispose;
  object_class->finalize = pf_poll_comparison_finalize;
}

static void
pf_poll_comparison_init (PfPollComparison *self)
{
  self->cycles = pf_feed_list_new (PF_TYPE_LONG_POLL_CYCLE);
  pf_feed_list_set_max_items (self->cycles, PF_LONG_POLL_MAX_CYCLES_DEFAULT);
  self->news = g_array_new (FALSE, FALSE, sizeof (PfPollNews));
}

/* The news number and age an answer of the lab's /news carries; FALSE for another body. */
static gboolean
read_news (const char *text,
           guint64 *number,
           gint64 *age_ms)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "news") || !json_object_has_member (object, "ageMs"))
    return FALSE;
  *number = (guint64) MAX (json_object_get_int_member (object, "news"), 0);
  *age_ms = MAX (json_object_get_int_member (object, "ageMs"), 0);
  return TRUE;
}

static void
remember_news (PfPollComparison *self,
               guint64 number,
               gint64 published_us)
{
  PfPollNews news = { number, published_us };

  for (guint i = 0; i < self->news->len; i++)
    if (g_array_index (self->news, PfPollNews, i).number == number)
      return;
  if (self->news->len >= MAX_NEWS)
    g_array_remove_index (self->news, 0);
  g_array_append_val (self->news, news);
}

/* An answer with a body: news when it is one published since the start, and not yet seen by
 * this loop. Another server's answers each count as news, with no delay known. */
static void
count_answer (PfPollComparison *self,
              PfPollLane lane,
              PfLongPollCycle *cycle)
{
  gint64 end_us = pf_long_poll_cycle_get_start_us (cycle) + pf_long_poll_cycle_get_held_us (cycle);
  guint64 number = 0;
  gint64 age_ms = 0, published_us;

  if (!read_news (pf_long_poll_cycle_get_text (cycle), &number, &age_ms))
    {
      self->stats[lane].news++;
      return;
    }
  published_us = end_us - age_ms * 1000;
  if (number == 0 || number <= self->last_news[lane] || published_us < 0)
    {
      self->last_news[lane] = MAX (self->last_news[lane], number);
      return;
    }
  self->last_news[lane] = number;
  g_object_set_qdata (G_OBJECT (cycle), cycle_news_quark (), GSIZE_TO_POINTER (number));
  self->stats[lane].news++;
  self->stats[lane].delay_us += age_ms * 1000;
  remember_news (self, number, published_us);
}

static void
cycle_done_cb (PfLongPoll *loop,
               PfLongPollCycle *cycle,
               PfPollComparison *self)
{
  PfPollLane lane = pf_poll_comparison_lane_of (cycle);
  guint status = pf_long_poll_cycle_get_status (cycle);

  self->stats[lane].requests++;
  if (pf_long_poll_cycle_get_error (cycle) != NULL)
    self->stats[lane].errors++;
  else if (status == SOUP_STATUS_NOT_MODIFIED)
    self->stats[lane].not_modified++;
  else
    count_answer (self, lane, cycle);
  pf_feed_list_append (self->cycles, cycle);
  pf_feed_emit_state_changed (PF_FEED (self));
}

/* Fails (PF_REQUEST_ERROR) when @url is not an http(s) URL. */
PfPollComparison *
pf_poll_comparison_new (PfProfile *profile,
                        const char *url,
                        GError **error)
{
  PfPollComparison *self;
  PfLongPoll *loops[PF_POLL_N_LANES] = { NULL };

  for (guint i = 0; i < PF_POLL_N_LANES; i++)
    {
      loops[i] = pf_long_poll_new (profile, url, error);
      if (loops[i] == NULL)
        {
          g_clear_object (&loops[PF_POLL_LANE_SHORT]);
          return NULL;
        }
    }
  self = g_object_new (PF_TYPE_POLL_COMPARISON, NULL);
  pf_long_poll_set_interval (loops[PF_POLL_LANE_SHORT], PF_POLL_COMPARISON_INTERVAL_MS);
  pf_long_poll_set_wait (loops[PF_POLL_LANE_LONG], PF_POLL_COMPARISON_WAIT_S);
  for (guint i = 0; i < PF_POLL_N_LANES; i++)
    {
      self->loops[i] = loops[i];
      pf_long_poll_set_max_cycles (loops[i], 1);
      g_signal_connect (loops[i], "cycle-done", G_CALLBACK (cycle_done_cb), self);
    }
  return self;
}

/* The short-polling loop's interval (PF_POLL_COMPARISON_INTERVAL_MS unless set). */
void
pf_poll_comparison_set_interval (PfPollComparison *self,
                                 guint interval_ms)
{
  g_return_if_fail (PF_IS_POLL_COMPARISON (self));
  g_return_if_fail (interval_ms > 0);
  pf_long_poll_set_interval (self->loops[PF_POLL_LANE_SHORT], interval_ms);
}

PfLongPoll *
pf_poll_comparison_get_loop (PfPollComparison *self,
                             PfPollLane lane)
{
  g_return_val_if_fail (PF_IS_POLL_COMPARISON (self), NULL);
  g_return_val_if_fail (lane < PF_POLL_N_LANES, NULL);
  return self->loops[lane];
}

/* Which loop made @cycle: short polling has an interval. */
PfPollLane
pf_poll_comparison_lane_of (PfLongPollCycle *cycle)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (cycle), PF_POLL_LANE_LONG);
  return pf_long_poll_cycle_get_interval_ms (cycle) > 0 ? PF_POLL_LANE_SHORT : PF_POLL_LANE_LONG;
}

/* The news @cycle brought (counted as in pf_poll_comparison_get_stats ()), or 0. */
guint64
pf_poll_comparison_get_cycle_news (PfLongPollCycle *cycle)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (cycle), 0);
  return GPOINTER_TO_SIZE (g_object_get_qdata (G_OBJECT (cycle), cycle_news_quark ()));
}

void
pf_poll_comparison_get_stats (PfPollComparison *self,
                              PfPollLane lane,
                              PfPollLaneStats *stats)
{
  g_return_if_fail (PF_IS_POLL_COMPARISON (self));
  g_return_if_fail (lane < PF_POLL_N_LANES);
  *stats = self->stats[lane];
}

/* How late, on average, a news reached the page by @lane's loop; -1 before any did. */
gint64
pf_poll_comparison_get_mean_delay_us (PfPollComparison *self,
                                      PfPollLane lane)
{
  g_return_val_if_fail (PF_IS_POLL_COMPARISON (self), -1);
  g_return_val_if_fail (lane < PF_POLL_N_LANES, -1);
  if (self->stats[lane].news == 0)
    return -1;
  return self->stats[lane].delay_us / self->stats[lane].news;
}

/* The news seen since the start, in the order first seen (the last MAX_NEWS). */
const PfPollNews *
pf_poll_comparison_get_news (PfPollComparison *self,
                             guint *n_news)
{
  g_return_val_if_fail (PF_IS_POLL_COMPARISON (self), NULL);
  *n_news = self->news->len;
  return (const PfPollNews *) (gpointer) self->news->data;
}

/* µs since the comparison started (0 before). */
gint64
pf_poll_comparison_get_elapsed_us (PfPollComparison *self)
{
  g_return_val_if_fail (PF_IS_POLL_COMPARISON (self), 0);
  return self->t0 ? g_get_monotonic_time () - self->t0 : 0;
}

static GListModel *
feed_get_items (PfFeed *feed)
{
  return G_LIST_MODEL (PF_POLL_COMPARISON (feed)->cycles);
}

static guint64
feed_get_dropped (PfFeed *feed)
{
  return pf_feed_list_get_dropped (PF_POLL_COMPARISON (feed)->cycles);
}

static gboolean
feed_get_running (PfFeed *feed)
{
  return pf_long_poll_get_running (PF_POLL_COMPARISON (feed)->loops[PF_POLL_LANE_LONG]);
}

static char *
feed_dup_state_text (PfFeed *feed)
{
  PfPollComparison *self = PF_POLL_COMPARISON (feed);
  guint interval = pf_long_poll_get_interval (self->loops[PF_POLL_LANE_SHORT]);

  if (!feed_get_running (feed))
    return g_strdup (_("Stopped"));
  return g_strdup_printf (_("Short polling every %.1f s beside long polling, on one URL"),
                          interval / 1000.0);
}

static void
feed_set_max_items (PfFeed *feed,
                    guint max_items)
{
  pf_feed_list_set_max_items (PF_POLL_COMPARISON (feed)->cycles, max_items);
}

static void
feed_start (PfFeed *feed)
{
  PfPollComparison *self = PF_POLL_COMPARISON (feed);

  if (feed_get_running (feed))
    return;
  self->t0 = self->t0 ? self->t0 : g_get_monotonic_time ();
  for (guint i = 0; i < PF_POLL_N_LANES; i++)
    {
      pf_long_poll_set_t0 (self->loops[i], self->t0);
      pf_long_poll_start (self->loops[i]);
    }
  pf_feed_emit_state_changed (feed);
}

static void
feed_stop (PfFeed *feed,
           PfFeedStop how)
{
  PfPollComparison *self = PF_POLL_COMPARISON (feed);

  for (guint i = 0; i < PF_POLL_N_LANES; i++)
    pf_long_poll_stop (self->loops[i]);
  pf_feed_emit_state_changed (feed);
}

static void
feed_hold (PfFeed *feed,
           gboolean hold)
{
  pf_feed_list_hold (PF_POLL_COMPARISON (feed)->cycles, hold);
}

static void
feed_clear (PfFeed *feed)
{
  pf_feed_list_clear (PF_POLL_COMPARISON (feed)->cycles);
}

static void
pf_poll_comparison_feed_init (PfFeedInterface *iface)
{
  iface->get_items = feed_get_items;
  iface->get_dropped = feed_get_dropped;
  iface->get_running = feed_get_running;
  iface->dup_state_text = feed_dup_state_text;
  iface->set_max_items = feed_set_max_items;
  iface->start = feed_start;
  iface->stop = feed_stop;
  iface->hold = feed_hold;
  iface->clear = feed_clear;
}
