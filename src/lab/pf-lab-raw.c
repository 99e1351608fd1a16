/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include "pf-lab-endpoints.h"

/* Answers no SoupServer would send, written raw on the connection taken from libsoup: the
 * pieces come from the answer's own function, each written as the client reads it (never
 * blocking the lab's loop), with a pause after a piece when the function asks for one. A
 * client that goes away ends the answer at its next write, and the server ends every answer
 * still running when it stops: all of it synchronously, so nothing outlives the server. */

/* A fast client is written to for at most this long per turn of the lab's loop. */
#define WRITE_TURN_US (8 * 1000)

struct _PfLabRaw
{
  PfLabRawSet *set;
  GIOStream *stream;
  GPollableOutputStream *out;
  GSource *source; /* what the next write waits for: the socket, a pause, or nothing */
  PfLabRawNext next;
  gpointer data;
  GDestroyNotify destroy;
  GBytes *piece; /* being written */
  gsize written;
  guint delay_ms; /* the pause after the piece being written */
};

struct _PfLabRawSet
{
  GPtrArray *answers;
};

PfLabRawSet *
pf_lab_raw_set_new (void)
{
  PfLabRawSet *set = g_new0 (PfLabRawSet, 1);

  set->answers = g_ptr_array_new ();
  return set;
}

static void
raw_stop (PfLabRaw *raw)
{
  g_ptr_array_remove_fast (raw->set->answers, raw);
  if (raw->source != NULL)
    g_source_destroy (raw->source);
  g_clear_pointer (&raw->source, g_source_unref);
  g_io_stream_close (raw->stream, NULL, NULL);
  g_clear_object (&raw->stream);
  g_clear_pointer (&raw->piece, g_bytes_unref);
  if (raw->destroy != NULL)
    raw->destroy (raw->data);
  g_free (raw);
}

/* Ends every answer still being written (the server is stopping); the set stays usable. */
void
pf_lab_raw_set_stop_all (PfLabRawSet *set)
{
  while (set->answers->len > 0)
    raw_stop (g_ptr_array_index (set->answers, set->answers->len - 1));
}

void
pf_lab_raw_set_free (PfLabRawSet *set)
{
  if (set == NULL)
    return;
  pf_lab_raw_set_stop_all (set);
  g_ptr_array_unref (set->answers);
  g_free (set);
}

static gboolean write_cb (gpointer user_data);
static gboolean writable_cb (GObject *stream,
                             gpointer user_data);

/* The next write waits for @source (taken), which calls @callback. */
static void
wait_for (PfLabRaw *raw,
          GSource *source,
          GSourceFunc callback)
{
  if (raw->source != NULL)
    g_source_destroy (raw->source);
  g_clear_pointer (&raw->source, g_source_unref);
  raw->source = source;
  g_source_set_callback (source, callback, raw, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
}

static void
wait_writable (PfLabRaw *raw)
{
  wait_for (raw, g_pollable_output_stream_create_source (raw->out, NULL),
            G_SOURCE_FUNC (writable_cb));
}

/* A pause, or (@ms 0) the next turn of the loop. */
static void
wait_turn (PfLabRaw *raw,
           guint ms)
{
  wait_for (raw, ms > 0 ? g_timeout_source_new (ms) : g_idle_source_new (), write_cb);
}

/* Writes pieces while the socket takes them, for one turn; frees the answer once it has
 * ended (all written, or the client went away). */
static void
write_some (PfLabRaw *raw)
{
  gint64 deadline = g_get_monotonic_time () + WRITE_TURN_US;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GError) error = NULL;
      gsize len;
      const guint8 *data;
      gssize n;

      if (raw->piece == NULL)
        {
          raw->delay_ms = 0;
          raw->written = 0;
          raw->piece = raw->next (raw, raw->data);
          if (raw->piece == NULL)
            {
              raw_stop (raw);
              return;
            }
        }
      data = g_bytes_get_data (raw->piece, &len);
      n = g_pollable_output_stream_write_nonblocking (raw->out, data + raw->written,
                                                      len - raw->written, NULL, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          wait_writable (raw);
          return;
        }
      if (n < 0)
        {
          raw_stop (raw);
          return;
        }
      raw->written += n;
      if (raw->written < len)
        continue;
      g_clear_pointer (&raw->piece, g_bytes_unref);
      if (raw->delay_ms > 0)
        {
          wait_turn (raw, raw->delay_ms);
          return;
        }
    }
  wait_turn (raw, 0);
}

static gboolean
write_cb (gpointer user_data)
{
  write_some (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
writable_cb (GObject *stream,
             gpointer user_data)
{
  write_some (user_data);
  return G_SOURCE_REMOVE;
}

/* Called from an answer's function: wait @ms after the piece it returns, before the next. */
void
pf_lab_raw_pause_after (PfLabRaw *raw,
                        guint ms)
{
  raw->delay_ms = ms;
}

/* Takes @msg's connection from libsoup and writes on it what @next returns, piece by piece,
 * until it returns NULL; then closes it. @data goes to @next, and to @destroy at the end. */
void
pf_lab_raw_start (SoupServerMessage *msg,
                  PfLabRawNext next,
                  gpointer data,
                  GDestroyNotify destroy)
{
  PfLabRawSet *set = g_object_get_data (G_OBJECT (msg), PF_LAB_RAW_SET_KEY);
  PfLabRaw *raw = g_new0 (PfLabRaw, 1);

  g_assert (set != NULL);
  raw->set = set;
  raw->next = next;
  raw->data = data;
  raw->destroy = destroy;
  raw->stream = soup_server_message_steal_connection (msg);
  raw->out = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (raw->stream));
  g_ptr_array_add (set->answers, raw);
  wait_turn (raw, 0);
}

static GBytes *
next_whole_cb (PfLabRaw *raw,
               gpointer data)
{
  GBytes **whole = data;

  return g_steal_pointer (whole);
}

static void
free_whole (gpointer data)
{
  GBytes **whole = data;

  g_clear_pointer (whole, g_bytes_unref);
  g_free (whole);
}

/* Writes @bytes (taken) raw on @msg's connection, then closes it. */
void
pf_lab_raw_answer (SoupServerMessage *msg,
                   GBytes *bytes)
{
  GBytes **whole = g_new0 (GBytes *, 1);

  *whole = bytes;
  pf_lab_raw_start (msg, next_whole_cb, whole, free_whole);
}
