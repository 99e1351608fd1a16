/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-long-poll"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-long-poll.h"
#include "pf-feed-list.h"
#include "pf-http-syntax.h"

/* The long-polling loop of the classic examples: send a request, wait for the server to
 * answer (it holds the request until it has something), record the cycle, send the next
 * at once. After an error (a network failure or a 4xx/5xx answer) it backs off, 1 s then
 * doubling up to 30 s, and starts again at once after the next success.
 *
 * With an interval it is short polling instead: a request every interval (the next goes out
 * at once when an answer took longer). As a page that polls well does, it sends back the
 * last answer's ETag as If-None-Match, so that "nothing new" is a 304 with no body, and with
 * a wait it sends Prefer: wait=S (RFC 7240), telling the server how long it may hold. */

#define TEXT_MAX        (64 * 1024)
#define BACKOFF_FIRST_MS 1000
#define BACKOFF_MAX_MS   30000

struct _PfLongPollCycle
{
  GObject parent_instance;

  guint number;
  gint64 start_us;
  gint64 held_us;
  guint status;
  char *text;
  guint64 size;
  char *error;
  guint next_delay_ms;
  guint interval_ms;
};

G_DEFINE_FINAL_TYPE (PfLongPollCycle, pf_long_poll_cycle, G_TYPE_OBJECT)

static void
pf_long_poll_cycle_finalize (GObject *object)
{
  PfLongPollCycle *self = PF_LONG_POLL_CYCLE (object);

  g_free (self->text);
  g_free (self->error);
  G_OBJECT_CLASS (pf_long_poll_cycle_parent_class)->finalize (object);
}

static void
pf_long_poll_cycle_class_init (PfLongPollCycleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_long_poll_cycle_finalize;
}

static void
pf_long_poll_cycle_init (PfLongPollCycle *self)
{
}

guint
pf_long_poll_cycle_get_number (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), 0);
  return self->number;
}

/* When the request went out, in µs since start (). */
gint64
pf_long_poll_cycle_get_start_us (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), 0);
  return self->start_us;
}

/* How long the server held the request before the answer was complete. */
gint64
pf_long_poll_cycle_get_held_us (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), 0);
  return self->held_us;
}

/* The HTTP status, 0 after a network error. */
guint
pf_long_poll_cycle_get_status (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), 0);
  return self->status;
}

/* What came back, as UTF-8 text (the first 64 KiB, invalid bytes replaced). */
const char *
pf_long_poll_cycle_get_text (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), NULL);
  return self->text;
}

guint64
pf_long_poll_cycle_get_size (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), 0);
  return self->size;
}

/* Why the cycle failed, or NULL. */
const char *
pf_long_poll_cycle_get_error (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), NULL);
  return self->error;
}

/* What a list calls the cycle: "cycle", "not-modified" for a 304 (nothing new), or "error"
 * when it failed. */
const char *
pf_long_poll_cycle_get_name (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), NULL);
  if (self->error != NULL)
    return "error";
  return self->status == SOUP_STATUS_NOT_MODIFIED ? "not-modified" : "cycle";
}

/* The interval of the loop that made the cycle: 0 for long polling, else short polling. */
guint
pf_long_poll_cycle_get_interval_ms (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), 0);
  return self->interval_ms;
}

/* How long the loop waits before the next cycle: 0, or the back-off after an error. */
guint
pf_long_poll_cycle_get_next_delay_ms (PfLongPollCycle *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL_CYCLE (self), 0);
  return self->next_delay_ms;
}

struct _PfLongPoll
{
  GObject parent_instance;

  SoupSession *session;
  char *url;
  PfFeedList *cycles;
  guint number;
  guint backoff_ms;
  gboolean running;
  GCancellable *cancellable;
  guint timer_id;
  gint64 t0;
  gint64 sent_us;
  gboolean pending;
  guint interval_ms;
  guint wait_s;
  char *etag;
};

static void pf_long_poll_feed_init (PfFeedInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfLongPoll, pf_long_poll, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PF_TYPE_FEED, pf_long_poll_feed_init))

enum
{
  SIGNAL_CYCLE_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void send_cycle (PfLongPoll *self);

static void
pf_long_poll_dispose (GObject *object)
{
  PfLongPoll *self = PF_LONG_POLL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  G_OBJECT_CLASS (pf_long_poll_parent_class)->dispose (object);
}

static void
pf_long_poll_finalize (GObject *object)
{
  PfLongPoll *self = PF_LONG_POLL (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cycles);
  g_clear_object (&self->cancellable);
  g_free (self->url);
  g_free (self->etag);
  G_OBJECT_CLASS (pf_long_poll_parent_class)->finalize (object);
}

static void
pf_long_poll_class_init (PfLongPollClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pf_long_poll_dispose;
  object_class->finalize = pf_long_poll_finalize;

  /* Each finished cycle, after it was added to the list. */
  signals[SIGNAL_CYCLE_DONE] = g_signal_new ("cycle-done", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                             1, PF_TYPE_LONG_POLL_CYCLE);
}

static void
pf_long_poll_init (PfLongPoll *self)
{
  self->cycles = pf_feed_list_new (PF_TYPE_LONG_POLL_CYCLE);
  pf_feed_list_set_max_items (self->cycles, PF_LONG_POLL_MAX_CYCLES_DEFAULT);
}

static gboolean
next_cycle_cb (gpointer user_data)
{
  PfLongPoll *self = user_data;

  self->timer_id = 0;
  send_cycle (self);
  return G_SOURCE_REMOVE;
}

static void
record_cycle (PfLongPoll      *self,
              PfLongPollCycle *cycle)
{
  pf_feed_list_append (self->cycles, cycle);
  g_signal_emit (self, signals[SIGNAL_CYCLE_DONE], 0, cycle);
  pf_feed_emit_state_changed (PF_FEED (self));
}

/* Keeps the ETag of a successful answer, for the next request's If-None-Match. */
static void
keep_etag (PfLongPoll  *self,
           SoupMessage *msg)
{
  const char *etag = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                   "ETag");

  if (etag != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    {
      g_free (self->etag);
      self->etag = g_strdup (etag);
    }
}

/* When the next request goes: at once, after the back-off, or (short polling) an interval
 * after the last one went. */
static void
schedule_next (PfLongPoll *self)
{
  gint64 since_ms = (g_get_monotonic_time () - self->sent_us) / 1000;
  guint delay_ms = self->backoff_ms;

  if (self->interval_ms > 0 && since_ms < self->interval_ms)
    delay_ms = MAX (delay_ms, self->interval_ms - (guint) since_ms);
  if (delay_ms > 0)
    self->timer_id = g_timeout_add (delay_ms, next_cycle_cb, self);
  else
    send_cycle (self);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PfLongPoll) self = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &error);
  g_autoptr (PfLongPollCycle) cycle = NULL;
  gsize size = 0;
  const char *data;

  self->pending = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->running)
    return;
  if (body != NULL)
    keep_etag (self, msg);
  cycle = g_object_new (PF_TYPE_LONG_POLL_CYCLE, NULL);
  cycle->number = self->number;
  cycle->interval_ms = self->interval_ms;
  cycle->start_us = self->sent_us - self->t0;
  cycle->held_us = g_get_monotonic_time () - self->sent_us;
  cycle->status = body ? soup_message_get_status (msg) : 0;
  data = body ? g_bytes_get_data (body, &size) : NULL;
  cycle->size = size;
  cycle->text = g_utf8_make_valid (data ? data : "", MIN (size, TEXT_MAX));
  if (body == NULL)
    cycle->error = g_strdup (error->message);
  else if (cycle->status >= 400)
    cycle->error = g_strdup_printf (_("The server answered %u %s"), cycle->status,
                                    soup_message_get_reason_phrase (msg));
  self->backoff_ms = cycle->error == NULL ? 0
                     : self->backoff_ms == 0 ? BACKOFF_FIRST_MS
                                             : MIN (self->backoff_ms * 2, BACKOFF_MAX_MS);
  cycle->next_delay_ms = self->backoff_ms;
  record_cycle (self, cycle);
  if (self->running)
    schedule_next (self);
}

static void
send_cycle (PfLongPoll *self)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", self->url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  self->number++;
  self->sent_us = g_get_monotonic_time ();
  self->pending = TRUE;
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  if (self->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", self->etag);
  if (self->wait_s > 0)
    {
      g_autofree char *wait = g_strdup_printf ("wait=%u", self->wait_s);

      soup_message_headers_replace (headers, "Prefer", wait);
    }
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, self->cancellable,
                                    read_cb, g_object_ref (self));
}

/* Fails (PF_REQUEST_ERROR) when @url is not an http(s) URL. */
PfLongPoll *
pf_long_poll_new (PfProfile   *profile,
                  const char  *url,
                  GError     **error)
{
  PfLongPoll *self;

  g_return_val_if_fail (PF_IS_PROFILE (profile), NULL);

  if (!pf_http_check_url (url, error))
    return NULL;
  self = g_object_new (PF_TYPE_LONG_POLL, NULL);
  self->session = g_object_ref (pf_profile_get_session (profile));
  self->url = g_strdup (url);
  return self;
}

/* How many cycles the list keeps (0: all); the oldest go first. */
void
pf_long_poll_set_max_cycles (PfLongPoll *self,
                             guint       max_cycles)
{
  g_return_if_fail (PF_IS_LONG_POLL (self));
  pf_feed_list_set_max_items (self->cycles, max_cycles);
}

/* Short polling: a request every @interval_ms (0: long polling, the next at once). */
void
pf_long_poll_set_interval (PfLongPoll *self,
                           guint       interval_ms)
{
  g_return_if_fail (PF_IS_LONG_POLL (self));
  self->interval_ms = interval_ms;
}

guint
pf_long_poll_get_interval (PfLongPoll *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL (self), 0);
  return self->interval_ms;
}

/* Sends Prefer: wait=@seconds with each request (0: no Prefer). */
void
pf_long_poll_set_wait (PfLongPoll *self,
                       guint       seconds)
{
  g_return_if_fail (PF_IS_LONG_POLL (self));
  self->wait_s = seconds;
}

/* Counts the cycles' times from @t0_us (monotonic µs) rather than from the first start, so
 * that two loops share one time axis. */
void
pf_long_poll_set_t0 (PfLongPoll *self,
                     gint64      t0_us)
{
  g_return_if_fail (PF_IS_LONG_POLL (self));
  self->t0 = t0_us;
}

/* When the request under way went out (µs from t0), or -1 when none is. */
gint64
pf_long_poll_get_pending_start_us (PfLongPoll *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL (self), -1);
  return self->running && self->pending ? self->sent_us - self->t0 : -1;
}

void
pf_long_poll_start (PfLongPoll *self)
{
  g_return_if_fail (PF_IS_LONG_POLL (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->backoff_ms = 0;
  self->t0 = self->t0 ? self->t0 : g_get_monotonic_time ();
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  send_cycle (self);
  pf_feed_emit_state_changed (PF_FEED (self));
}

/* Stops the loop; the request under way is cancelled and not recorded. */
void
pf_long_poll_stop (PfLongPoll *self)
{
  g_return_if_fail (PF_IS_LONG_POLL (self));

  if (!self->running)
    return;
  self->running = FALSE;
  self->pending = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  pf_feed_emit_state_changed (PF_FEED (self));
}

gboolean
pf_long_poll_get_running (PfLongPoll *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL (self), FALSE);
  return self->running;
}

GListModel *
pf_long_poll_get_cycles (PfLongPoll *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL (self), NULL);
  return G_LIST_MODEL (self->cycles);
}

guint64
pf_long_poll_get_dropped (PfLongPoll *self)
{
  g_return_val_if_fail (PF_IS_LONG_POLL (self), 0);
  return pf_feed_list_get_dropped (self->cycles);
}

static GListModel *
pf_long_poll_feed_get_items (PfFeed *feed)
{
  return G_LIST_MODEL (PF_LONG_POLL (feed)->cycles);
}

static guint64
pf_long_poll_feed_get_dropped (PfFeed *feed)
{
  return pf_feed_list_get_dropped (PF_LONG_POLL (feed)->cycles);
}

static gboolean
pf_long_poll_feed_get_running (PfFeed *feed)
{
  return PF_LONG_POLL (feed)->running;
}

static char *
pf_long_poll_feed_dup_state_text (PfFeed *feed)
{
  PfLongPoll *self = PF_LONG_POLL (feed);

  if (!self->running)
    return g_strdup (_("Stopped"));
  if (self->interval_ms > 0)
    return g_strdup_printf (_("Short polling: a request every %.1f s"), self->interval_ms / 1000.0);
  return g_strdup (_("Polling: each answer starts the next request"));
}

static void
pf_long_poll_feed_set_max_items (PfFeed *feed,
                                 guint   max_items)
{
  pf_long_poll_set_max_cycles (PF_LONG_POLL (feed), max_items);
}

static void
pf_long_poll_feed_start (PfFeed *feed)
{
  pf_long_poll_start (PF_LONG_POLL (feed));
}

static void
pf_long_poll_feed_stop (PfFeed    *feed,
                        PfFeedStop how)
{
  pf_long_poll_stop (PF_LONG_POLL (feed));
}

static void
pf_long_poll_feed_hold (PfFeed  *feed,
                        gboolean hold)
{
  pf_feed_list_hold (PF_LONG_POLL (feed)->cycles, hold);
}

static void
pf_long_poll_feed_clear (PfFeed *feed)
{
  pf_feed_list_clear (PF_LONG_POLL (feed)->cycles);
}

static void
pf_long_poll_feed_init (PfFeedInterface *iface)
{
  iface->get_items = pf_long_poll_feed_get_items;
  iface->get_dropped = pf_long_poll_feed_get_dropped;
  iface->get_running = pf_long_poll_feed_get_running;
  iface->dup_state_text = pf_long_poll_feed_dup_state_text;
  iface->set_max_items = pf_long_poll_feed_set_max_items;
  iface->start = pf_long_poll_feed_start;
  iface->stop = pf_long_poll_feed_stop;
  iface->hold = pf_long_poll_feed_hold;
  iface->clear = pf_long_poll_feed_clear;
}
