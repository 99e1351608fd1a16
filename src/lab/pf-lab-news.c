/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include <string.h>

#include "pf-lab-endpoints.h"

/* /news: one news source that short polling and long polling both watch, so the two can be
 * compared on one timeline. News N is published on a fixed, uneven schedule counted from the
 * first /news request. Each answer carries ETag: "N" (the latest news); a request whose
 * If-None-Match names it has nothing new: it gets 304 at once (short polling), or, with
 * Prefer: wait=S (RFC 7240, 4.3), is held until the next news (200) or S seconds (304). */

#define MAX_WAIT_S 60

/* The gaps between two news, in ms, repeated: uneven, as news is. */
static const guint gaps_ms[] = { 1500, 3200, 700, 2600, 1900 };

static gint64 first_request_us;

static gint64
cycle_ms (void)
{
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (gaps_ms); i++)
    total += gaps_ms[i];
  return total;
}

/* When news @n (from 1) was published, in µs of the monotonic clock. */
static gint64
published_us (guint64 n)
{
  guint64 whole = (n - 1) / G_N_ELEMENTS (gaps_ms);
  gint64 ms = (gint64) whole * cycle_ms ();

  for (guint i = 0; i <= (n - 1) % G_N_ELEMENTS (gaps_ms); i++)
    ms += gaps_ms[i];
  return first_request_us + ms * 1000;
}

/* How many news exist at @now_us. */
static guint64
news_at (gint64 now_us)
{
  gint64 elapsed_ms = (now_us - first_request_us) / 1000;
  guint64 n = (guint64) (elapsed_ms / cycle_ms ()) * G_N_ELEMENTS (gaps_ms);

  while (published_us (n + 1) <= now_us)
    n++;
  return n;
}

/* Whether @msg's If-None-Match names the entity tag of news @n. */
static gboolean
nothing_new (SoupServerMessage *msg,
             guint64 n)
{
  const char *tags = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                    "If-None-Match");
  g_autofree char *etag = g_strdup_printf ("\"%" G_GUINT64_FORMAT "\"", n);
  g_auto (GStrv) list = tags ? g_strsplit (tags, ",", -1) : NULL;

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      const char *tag = g_strstrip (list[i]);

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (g_str_equal (tag, etag) || g_str_equal (tag, "*"))
        return TRUE;
    }
  return FALSE;
}

/* The seconds of Prefer: wait=S (at most MAX_WAIT_S), or 0. */
static guint
preferred_wait (SoupServerMessage *msg)
{
  const char *prefer = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Prefer");
  g_auto (GStrv) items = prefer ? g_strsplit_set (prefer, ",;", -1) : NULL;

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      guint64 seconds = 0;

      if (g_ascii_strncasecmp (item, "wait=", 5) == 0 &&
          g_ascii_string_to_unsigned (item + 5, 10, 0, G_MAXUINT32, &seconds, NULL))
        return MIN (seconds, MAX_WAIT_S);
    }
  return 0;
}

static void
answer (SoupServerMessage *msg,
        guint64 n,
        gboolean modified)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *etag = g_strdup_printf ("\"%" G_GUINT64_FORMAT "\"", n);
  gint64 now = g_get_monotonic_time ();

  if (modified)
    {
      g_autofree char *json = NULL;

      if (n == 0)
        json = g_strdup ("{\"news\": 0, \"text\": \"No news yet\", \"ageMs\": 0}\n");
      else
        json = g_strdup_printf ("{\"news\": %" G_GUINT64_FORMAT ", \"text\": \"News %" G_GUINT64_FORMAT "\", \"ageMs\": %" G_GINT64_FORMAT "}\n",
                                n, n, (now - published_us (n)) / 1000);
      pf_lab_respond (msg, SOUP_STATUS_OK, "application/json", json);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
}

static gboolean
held_cb (gpointer user_data)
{
  PfLabFeed *feed = user_data;
  guint64 n = news_at (g_get_monotonic_time ());
  g_autofree char *applied = g_strdup_printf ("wait=%u", feed->interval_ms / 1000);

  feed->source_id = 0;
  answer (feed->msg, n, n != feed->next_id);
  soup_message_headers_replace (soup_server_message_get_response_headers (feed->msg),
                                "Preference-Applied", applied);
  soup_server_message_unpause (feed->msg);
  return G_SOURCE_REMOVE;
}

/* Holds @msg (which has seen news @n) until news @n + 1 or @wait_s seconds. */
static void
hold (SoupServerMessage *msg,
      guint64 n,
      guint wait_s)
{
  PfLabFeed *feed = pf_lab_feed_new (msg);
  gint64 now = g_get_monotonic_time ();
  gint64 until = MIN (published_us (n + 1), now + (gint64) wait_s * G_USEC_PER_SEC);

  feed->next_id = n;
  feed->interval_ms = wait_s * 1000;
  soup_server_message_pause (msg);
  /* A millisecond past the news, so that the timer never fires just before it. */
  pf_lab_feed_schedule (feed, (guint) ((until - now) / 1000 + 1), held_cb);
}

void
pf_lab_handle_news (SoupServerMessage *msg,
                    const char *rest,
                    GHashTable *query)
{
  gint64 now = g_get_monotonic_time ();
  guint64 n;
  guint wait_s;

  if (first_request_us == 0)
    first_request_us = now;
  n = news_at (now);
  if (!nothing_new (msg, n))
    {
      answer (msg, n, TRUE);
      return;
    }
  wait_s = preferred_wait (msg);
  if (wait_s == 0)
    answer (msg, n, FALSE);
  else
    hold (msg, n, wait_s);
}
