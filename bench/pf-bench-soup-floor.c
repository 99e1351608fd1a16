/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>

/* The floor under preflight-cli's many-requests case: the same GETs over one keep-alive
 * connection with libsoup alone (one SoupMessage each, body read and dropped), no exchange,
 * no timeline, no output. What is left between this and curl is libsoup's own cost.
 *   pf-bench-soup-floor URL N      prints {"requests":N,"seconds":S} */

typedef struct
{
  SoupSession *session;
  const char *url;
  guint left;
  guint done;
  GMainLoop *loop;
  char buffer[64 * 1024];
} Floor;

static void next_request (Floor *floor);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Floor *floor = user_data;
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr (GError) error = NULL;
  gssize n = g_input_stream_read_finish (stream, result, &error);

  if (n > 0)
    {
      g_input_stream_read_async (stream, floor->buffer, sizeof floor->buffer, G_PRIORITY_DEFAULT,
                                 NULL, read_cb, floor);
      return;
    }
  if (n < 0)
    {
      fprintf (stderr, "pf-bench-soup-floor: %s\n", error->message);
      exit (1);
    }
  g_input_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
  floor->done++;
  next_request (floor);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Floor *floor = user_data;
  g_autoptr (GError) error = NULL;
  GInputStream *stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (stream == NULL)
    {
      fprintf (stderr, "pf-bench-soup-floor: %s\n", error->message);
      exit (1);
    }
  g_input_stream_read_async (stream, floor->buffer, sizeof floor->buffer, G_PRIORITY_DEFAULT,
                             NULL, read_cb, floor);
}

static void
next_request (Floor *floor)
{
  g_autoptr (SoupMessage) msg = NULL;

  if (floor->left == 0)
    {
      g_main_loop_quit (floor->loop);
      return;
    }
  floor->left--;
  msg = soup_message_new ("GET", floor->url);
  soup_session_send_async (floor->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, floor);
}

int
main (int   argc,
      char *argv[])
{
  Floor floor = { 0 };
  gint64 start;

  if (argc != 3 || !g_uri_is_valid (argv[1], G_URI_FLAGS_NONE, NULL))
    {
      fprintf (stderr, "usage: pf-bench-soup-floor URL N\n");
      return 2;
    }
  floor.url = argv[1];
  floor.left = atoi (argv[2]);
  floor.session = soup_session_new ();
  floor.loop = g_main_loop_new (NULL, FALSE);
  start = g_get_monotonic_time ();
  next_request (&floor);
  g_main_loop_run (floor.loop);
  printf ("{\"requests\":%u,\"seconds\":%.6f}\n", floor.done,
          (g_get_monotonic_time () - start) / 1e6);
  g_main_loop_unref (floor.loop);
  g_object_unref (floor.session);
  return 0;
}
