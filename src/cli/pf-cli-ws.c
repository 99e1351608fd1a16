/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "pf-cli.h"
#include "pf-json-line.h"
#include "pf-har.h"
#include "pf-http-syntax.h"
#include "pf-web-socket.h"

/* preflight-cli ws: open a WebSocket, send the --send messages, wait for the answers, close
 * with 1000; every frame a line. */

#define CLOSE_WAIT_MS 2000

typedef struct
{
  GMainLoop *loop;
  PfWebSocket *socket;
  char **send;
  gboolean json;
  gboolean handshake;
  gboolean handshake_shown;
  int wait_ms;
  guint sent;
  guint received;
  gboolean opened;
  gboolean failed;
  guint timer_id;
  GString *out;
} WsRun;

static void
frame_json (GString          *out,
            PfWebSocketFrame *frame)
{
  PfWebSocketFrameKind kind = pf_web_socket_frame_get_kind (frame);
  GBytes *bytes = pf_web_socket_frame_get_bytes (frame);

  pf_json_line_begin (out);
  pf_json_line_ms (out, "t_ms", pf_web_socket_frame_get_time_us (frame));
  pf_json_line_string (out, "type", pf_web_socket_frame_kind_get_name (kind));
  if (kind == PF_WEB_SOCKET_FRAME_TEXT || kind == PF_WEB_SOCKET_FRAME_BINARY ||
      kind == PF_WEB_SOCKET_FRAME_CLOSE)
    pf_json_line_string (out, "direction",
                         pf_web_socket_frame_get_sent (frame) ? "sent" : "received");
  if (kind == PF_WEB_SOCKET_FRAME_TEXT)
    pf_json_line_string (out, "text", pf_web_socket_frame_get_text (frame));
  else if (kind == PF_WEB_SOCKET_FRAME_BINARY || kind == PF_WEB_SOCKET_FRAME_PONG)
    {
      g_autofree char *base64 = g_base64_encode (g_bytes_get_data (bytes, NULL),
                                                 g_bytes_get_size (bytes));
      pf_json_line_uint (out, "size", g_bytes_get_size (bytes));
      pf_json_line_string (out, "base64", base64);
    }
  else if (kind == PF_WEB_SOCKET_FRAME_CLOSE)
    {
      pf_json_line_uint (out, "code", pf_web_socket_frame_get_code (frame));
      pf_json_line_string (out, "reason", pf_web_socket_frame_get_text (frame));
      pf_json_line_bool (out, "wasClean", pf_web_socket_frame_get_was_clean (frame));
    }
  else if (kind == PF_WEB_SOCKET_FRAME_ERROR)
    pf_json_line_string (out, "message", pf_web_socket_frame_get_text (frame));
  else
    pf_json_line_string (out, "protocol", pf_web_socket_frame_get_text (frame));
  pf_json_line_end (out);
}

static void
frame_text (GString          *out,
            PfWebSocketFrame *frame)
{
  PfWebSocketFrameKind kind = pf_web_socket_frame_get_kind (frame);
  const char *arrow = pf_web_socket_frame_get_sent (frame) ? "→" : "←";
  const char *text = pf_web_socket_frame_get_text (frame);
  char ms[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (ms, sizeof ms, "%9.1f", pf_web_socket_frame_get_time_us (frame) / 1000.0);
  g_string_append_printf (out, "%s ms  ", ms);
  if (kind == PF_WEB_SOCKET_FRAME_TEXT)
    g_string_append_printf (out, "%s %s\n", arrow, pf_web_socket_frame_get_text (frame));
  else if (kind == PF_WEB_SOCKET_FRAME_BINARY)
    {
      GBytes *bytes = pf_web_socket_frame_get_bytes (frame);
      g_autofree char *size = g_format_size (g_bytes_get_size (bytes));

      /* Translators: an arrow, then a size such as “12 bytes” */
      g_string_append_printf (out, _("%s binary, %s\n"), arrow, size);
    }
  else if (kind == PF_WEB_SOCKET_FRAME_CLOSE && pf_web_socket_frame_get_was_clean (frame))
    /* Translators: an arrow, the close code, the reason; CloseEvent.wasClean is true */
    g_string_append_printf (out, _("%s close %u “%s”, clean\n"), arrow,
                            pf_web_socket_frame_get_code (frame), text ? text : "");
  else if (kind == PF_WEB_SOCKET_FRAME_CLOSE)
    /* Translators: an arrow, the close code (1006); CloseEvent.wasClean is false */
    g_string_append_printf (out, _("%s close %u, not clean (no closing handshake)\n"), arrow,
                            pf_web_socket_frame_get_code (frame));
  else if (kind == PF_WEB_SOCKET_FRAME_ERROR)
    g_string_append_printf (out, _("error: %s\n"), pf_web_socket_frame_get_text (frame));
  else if (kind == PF_WEB_SOCKET_FRAME_PONG)
    g_string_append (out, _("← pong\n"));
  else
    g_string_append (out, _("open\n"));
}

static gboolean
close_cb (gpointer user_data)
{
  WsRun *run = user_data;

  run->timer_id = 0;
  if (pf_web_socket_get_state (run->socket) == PF_WEB_SOCKET_OPEN)
    {
      pf_web_socket_close (run->socket, PF_WEB_SOCKET_CLOSE_NORMAL, "done");
      run->timer_id = g_timeout_add (CLOSE_WAIT_MS, close_cb, run);
    }
  else
    g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static void
schedule_close (WsRun *run,
                guint  delay_ms)
{
  g_clear_handle_id (&run->timer_id, g_source_remove);
  run->timer_id = g_timeout_add (delay_ms, close_cb, run);
}

/* --handshake: the opening handshake's request and response heads, once, before the open
 * (or the failure) that ends it. */
static void
show_handshake (WsRun *run)
{
  g_autofree char *text = pf_web_socket_dup_handshake_text (run->socket);

  if (!run->handshake || run->handshake_shown || text == NULL)
    return;
  run->handshake_shown = TRUE;
  if (!run->json)
    {
      g_string_append (run->out, text);
      return;
    }
  pf_json_line_begin (run->out);
  pf_json_line_string (run->out, "type", "handshake");
  pf_json_line_string (run->out, "text", text);
  pf_json_line_end (run->out);
}

static void
frame_added_cb (PfWebSocket      *socket,
                PfWebSocketFrame *frame,
                WsRun            *run)
{
  PfWebSocketFrameKind kind = pf_web_socket_frame_get_kind (frame);

  if (kind == PF_WEB_SOCKET_FRAME_OPEN || !run->opened)
    show_handshake (run);
  if (run->json)
    frame_json (run->out, frame);
  else
    frame_text (run->out, frame);
  fwrite (run->out->str, 1, run->out->len, stdout);
  fflush (stdout);
  g_string_truncate (run->out, 0);
  if (kind == PF_WEB_SOCKET_FRAME_OPEN)
    {
      run->opened = TRUE;
      for (guint i = 0; run->send && run->send[i]; i++)
        run->sent += pf_web_socket_send_text (socket, run->send[i]);
      schedule_close (run, run->wait_ms);
    }
  else if (kind == PF_WEB_SOCKET_FRAME_ERROR)
    run->failed = TRUE;
  else if ((kind == PF_WEB_SOCKET_FRAME_TEXT || kind == PF_WEB_SOCKET_FRAME_BINARY) &&
           !pf_web_socket_frame_get_sent (frame) && ++run->received >= run->sent)
    /* Every message was answered: no need to wait longer. */
    schedule_close (run, 0);
}

static void
state_cb (PfWebSocket *socket,
          GParamSpec  *pspec,
          WsRun       *run)
{
  if (pf_web_socket_get_state (socket) == PF_WEB_SOCKET_CLOSED)
    g_main_loop_quit (run->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  WsRun *run = user_data;

  schedule_close (run, 0);
  return G_SOURCE_CONTINUE;
}

/* preflight-cli ws [--send TEXT]… [--wait MS] [--ping-interval S] [--json] URL */
/* --har FILE: the handshake, and the messages as Chromium's "_webSocketMessages". */
static gboolean
save_har (PfWebSocket *socket,
          const char  *path,
          GError     **error)
{
  g_autoptr (JsonNode) node = pf_har_new_for_web_socket (socket);
  gsize length = 0;
  g_autofree char *data = pf_har_to_data (node, &length);

  return g_file_set_contents (path, data, length, error);
}

int
pf_cli_ws (int    argc,
           char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_("URL"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PfProfile) profile = pf_profile_new ();
  g_autoptr (PfWebSocket) socket = NULL;
  g_auto (GStrv) rest = NULL;
  g_auto (GStrv) send = NULL;
  g_auto (GStrv) protocols = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *har = NULL;
  WsRun run = { .wait_ms = 1000 };
  int ping = 0;
  guint sigint_id;
  GOptionEntry entries[] = {
    { "send", 0, 0, G_OPTION_ARG_STRING_ARRAY, &send,
      N_("Send this text message once open, repeatable"), N_("TEXT") },
    { "wait", 0, 0, G_OPTION_ARG_INT, &run.wait_ms,
      N_("Wait this long for answers before closing (default 1000)"), N_("MS") },
    { "ping-interval", 0, 0, G_OPTION_ARG_INT, &ping,
      N_("Send a ping every S seconds and show the pongs"), N_("S") },
    { "origin", 0, 0, G_OPTION_ARG_STRING, &origin,
      N_("Open it from a page at this origin: sent as Origin (WebSocket is not under CORS; the "
         "server decides)"), N_("ORIGIN") },
    { "protocol", 0, 0, G_OPTION_ARG_STRING_ARRAY, &protocols,
      N_("Ask for this subprotocol (Sec-WebSocket-Protocol), repeatable"), N_("NAME") },
    { "handshake", 'i', 0, G_OPTION_ARG_NONE, &run.handshake,
      N_("Show the opening handshake's request and response heads"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &run.json,
      N_("Print JSON Lines: one object per frame"), NULL },
    { "har", 0, 0, G_OPTION_ARG_FILENAME, &har,
      N_("Also save the handshake and the messages as a HAR 1.2 file"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest,
      NULL, N_("URL") },
    { NULL }
  };

  g_option_context_set_summary (context,
                                _("Open a WebSocket, send messages and show every frame."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("%s", error->message);
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    return pf_cli_usage_error (_("Give exactly one URL; run “preflight-cli ws --help”"));
  if (run.wait_ms < 0 || ping < 0)
    return pf_cli_usage_error (_("Times must be zero or more"));
  if (!(socket = pf_web_socket_new (profile, rest[0], &error)))
    return pf_cli_usage_error ("%s", error->message);
  if (origin != NULL && !pf_http_check_header_value ("Origin", origin, &error))
    return pf_cli_usage_error ("%s", error->message);
  pf_web_socket_set_ping_interval (socket, ping);
  pf_web_socket_set_origin (socket, origin);
  pf_web_socket_set_protocols (socket, (const char *const *) protocols);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.socket = socket;
  run.send = send;
  run.out = g_string_new (NULL);
  g_signal_connect (socket, "frame-added", G_CALLBACK (frame_added_cb), &run);
  g_signal_connect (socket, "notify::state", G_CALLBACK (state_cb), &run);
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, &run);
  pf_web_socket_connect (socket);
  g_main_loop_run (run.loop);
  g_source_remove (sigint_id);
  g_clear_handle_id (&run.timer_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (socket, &run);
  g_string_free (run.out, TRUE);
  g_main_loop_unref (run.loop);
  if (har != NULL && !save_har (socket, har, &error))
    {
      g_printerr (_("preflight-cli: could not save the HAR file: %s\n"), error->message);
      return PF_CLI_EXIT_FAILED;
    }
  return run.opened && !run.failed ? PF_CLI_EXIT_OK : PF_CLI_EXIT_FAILED;
}
