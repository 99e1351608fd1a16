/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "pf-cli.h"
#include "pf-event-source.h"
#include "pf-json-line.h"

/* preflight-cli events: an EventSource, each open, message, error and reconnect a line. */

typedef struct
{
  GMainLoop *loop;
  PfEventSource *source;
  gboolean json;
  int max_events;
  int max_reconnects;
  int events;
  int reconnects;
  gboolean opened;
  gboolean failed; /* the source failed its connection (CLOSED with an error) */
  guint flush_id;
  GString *out;
} EventsRun;

/* Lines are written in blocks, never one write per event. */
static void
flush_out (EventsRun *run)
{
  fwrite (run->out->str, 1, run->out->len, stdout);
  fflush (stdout);
  g_string_truncate (run->out, 0);
}

static gboolean
flush_cb (gpointer user_data)
{
  EventsRun *run = user_data;

  run->flush_id = 0;
  flush_out (run);
  return G_SOURCE_REMOVE;
}

static void
message_json (GString    *out,
              gint64      time_us,
              const char *type,
              const char *data,
              gsize       len,
              const char *last_event_id,
              guint       connection)
{
  pf_json_line_begin (out);
  pf_json_line_ms (out, "t_ms", time_us);
  pf_json_line_string (out, "type",
                       pf_event_source_entry_kind_get_name (PF_EVENT_SOURCE_ENTRY_MESSAGE));
  pf_json_line_string (out, "event", type);
  pf_json_line_string_len (out, "data", data, len);
  pf_json_line_string (out, "lastEventId", last_event_id);
  pf_json_line_uint (out, "connection", connection);
  pf_json_line_end (out);
}

static void
message_text (GString    *out,
              gint64      time_us,
              const char *type,
              const char *data,
              const char *last_event_id)
{
  char ms[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (ms, sizeof ms, "%9.1f", time_us / 1000.0);
  g_string_append_printf (out, "%s ms  %s [id “%s”]: %s\n", ms, type, last_event_id, data);
}

/* Open, error and reconnect entries; messages come through message_cb. */
static void
entry_json (GString            *out,
            PfEventSourceEntry *entry)
{
  PfEventSourceEntryKind kind = pf_event_source_entry_get_kind (entry);

  pf_json_line_begin (out);
  pf_json_line_ms (out, "t_ms", pf_event_source_entry_get_time_us (entry));
  pf_json_line_string (out, "type", pf_event_source_entry_kind_get_name (kind));
  switch (kind)
    {
    case PF_EVENT_SOURCE_ENTRY_OPEN:
      pf_json_line_uint (out, "connection", pf_event_source_entry_get_connection (entry));
      break;
    case PF_EVENT_SOURCE_ENTRY_ERROR:
      pf_json_line_uint (out, "readyState", pf_event_source_entry_get_ready_state (entry));
      pf_json_line_uint (out, "connection", pf_event_source_entry_get_connection (entry));
      pf_json_line_string (out, "detail", pf_event_source_entry_get_detail (entry));
      if (pf_event_source_entry_get_cors_rule (entry) != NULL)
        pf_json_line_string (out, "cors", pf_event_source_entry_get_cors_rule (entry));
      break;
    case PF_EVENT_SOURCE_ENTRY_NOTE:
      pf_json_line_uint (out, "connection", pf_event_source_entry_get_connection (entry));
      pf_json_line_string (out, "detail", pf_event_source_entry_get_detail (entry));
      break;
    case PF_EVENT_SOURCE_ENTRY_RECONNECT:
    case PF_EVENT_SOURCE_ENTRY_MESSAGE:
    default:
      pf_json_line_uint (out, "delayMs", pf_event_source_entry_get_delay_ms (entry));
      pf_json_line_string (out, "lastEventId", pf_event_source_entry_get_last_event_id (entry));
      break;
    }
  pf_json_line_end (out);
}

static void
entry_text (GString            *out,
            PfEventSourceEntry *entry)
{
  char ms[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (ms, sizeof ms, "%9.1f", pf_event_source_entry_get_time_us (entry) / 1000.0);
  g_string_append_printf (out, "%s ms  ", ms);
  switch (pf_event_source_entry_get_kind (entry))
    {
    case PF_EVENT_SOURCE_ENTRY_OPEN:
      /* Translators: %u is the connection's number */
      g_string_append_printf (out, _("open (connection %u)\n"),
                              pf_event_source_entry_get_connection (entry));
      break;
    case PF_EVENT_SOURCE_ENTRY_ERROR:
      /* Translators: %d is readyState, %s why */
      g_string_append_printf (out, _("error, readyState %d: %s\n"),
                              pf_event_source_entry_get_ready_state (entry),
                              pf_event_source_entry_get_detail (entry));
      break;
    case PF_EVENT_SOURCE_ENTRY_NOTE:
      /* Translators: %s is what the stream did wrong */
      g_string_append_printf (out, _("note: %s\n"), pf_event_source_entry_get_detail (entry));
      break;
    case PF_EVENT_SOURCE_ENTRY_RECONNECT:
    case PF_EVENT_SOURCE_ENTRY_MESSAGE:
    default:
      {
        g_autofree char *delay = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                  pf_event_source_entry_get_delay_ms (entry));

        /* Translators: a delay in milliseconds, then the Last-Event-ID sent */
        g_string_append_printf (out, _("reconnect after %s ms, Last-Event-ID “%s”\n"), delay,
                                pf_event_source_entry_get_last_event_id (entry));
      }
      break;
    }
}

/* Whether the run ends with @entry: the limits, or a source that closed. */
static gboolean
ends_run (EventsRun          *run,
          PfEventSourceEntry *entry)
{
  switch (pf_event_source_entry_get_kind (entry))
    {
    case PF_EVENT_SOURCE_ENTRY_OPEN:
      run->opened = TRUE;
      return FALSE;
    case PF_EVENT_SOURCE_ENTRY_NOTE:
      return FALSE;
    case PF_EVENT_SOURCE_ENTRY_ERROR:
      run->failed = run->failed ||
                    pf_event_source_entry_get_ready_state (entry) == PF_EVENT_SOURCE_CLOSED;
      return pf_event_source_entry_get_ready_state (entry) == PF_EVENT_SOURCE_CLOSED ||
             run->reconnects >= run->max_reconnects;
    case PF_EVENT_SOURCE_ENTRY_RECONNECT:
    case PF_EVENT_SOURCE_ENTRY_MESSAGE:
    default:
      run->reconnects++;
      return FALSE;
    }
}

/* Output goes out in blocks of about 64 KiB, and whatever is left once the reads pause. */
#define FLUSH_SIZE (64 * 1024)

static void
schedule_flush (EventsRun *run)
{
  if (run->out->len >= FLUSH_SIZE)
    flush_out (run);
  else if (run->flush_id == 0)
    run->flush_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, flush_cb, run, NULL);
}

static void
end_run (EventsRun     *run,
         PfEventSource *source)
{
  pf_event_source_close (source);
  g_main_loop_quit (run->loop);
}

static void
entry_added_cb (PfEventSource      *source,
                PfEventSourceEntry *entry,
                EventsRun          *run)
{
  if (run->json)
    entry_json (run->out, entry);
  else
    entry_text (run->out, entry);
  schedule_flush (run);
  if (ends_run (run, entry))
    end_run (run, source);
}

/* Messages straight from the parser to the output: no entry objects, none kept. */
static void
message_cb (PfEventSource *source,
            const char    *type,
            const char    *data,
            gsize          data_len,
            const char    *last_event_id,
            gint64         time_us,
            gpointer       user_data)
{
  EventsRun *run = user_data;

  if (run->json)
    message_json (run->out, time_us, type, data, data_len, last_event_id,
                  pf_event_source_get_connection (source));
  else
    message_text (run->out, time_us, type, data, last_event_id);
  schedule_flush (run);
  if (run->max_events > 0 && ++run->events >= run->max_events)
    end_run (run, source);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  EventsRun *run = user_data;

  pf_event_source_close (run->source);
  g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

/* preflight-cli events [--origin ORIGIN [--with-credentials]] [--last-event-id ID]
 * [--max-events N] [--reconnects N] [--json] URL */
int
pf_cli_events (int    argc,
               char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_("URL"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PfProfile) profile = pf_profile_new ();
  g_autoptr (PfEventSource) source = NULL;
  g_autofree char *last_event_id = NULL;
  g_autofree char *origin = NULL;
  gboolean with_credentials = FALSE;
  g_auto (GStrv) rest = NULL;
  EventsRun run = { 0 };
  int max_entries = PF_EVENT_SOURCE_MAX_ENTRIES_DEFAULT;
  guint sigint_id;
  GOptionEntry entries[] = {
    { "origin", 0, 0, G_OPTION_ARG_STRING, &origin,
      N_("Open the stream as a page at this origin would: Origin, the CORS check"),
      N_("ORIGIN") },
    { "with-credentials", 0, 0, G_OPTION_ARG_NONE, &with_credentials,
      N_("With --origin: EventSource’s withCredentials (cookies, and the stricter check)"),
      NULL },
    { "last-event-id", 0, 0, G_OPTION_ARG_STRING, &last_event_id,
      N_("Send this Last-Event-ID with the first request"), N_("ID") },
    { "max-events", 0, 0, G_OPTION_ARG_INT, &run.max_events,
      N_("Stop after N messages (0: no limit)"), N_("N") },
    { "reconnects", 0, 0, G_OPTION_ARG_INT, &run.max_reconnects,
      N_("Reconnect at most N times (default 0: stop at the first end of stream)"), N_("N") },
    /* Accepted as before; messages are streamed out and never kept now. */
    { "max-entries", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &max_entries,
      NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &run.json,
      N_("Print JSON Lines: one object per open, message, error and reconnect"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest,
      NULL, N_("URL") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Subscribe to a Server-Sent Events stream the way "
                                           "EventSource does."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("%s", error->message);
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    return pf_cli_usage_error (_("Give exactly one URL; run “preflight-cli events --help”"));
  if (run.max_events < 0 || run.max_reconnects < 0 || max_entries < 0)
    return pf_cli_usage_error (_("Counts must be zero or more"));
  if (with_credentials && origin == NULL)
    return pf_cli_usage_error (_("--with-credentials needs --origin"));
  if (!(source = pf_event_source_new (profile, rest[0], &error)) ||
      !pf_event_source_set_origin (source, origin, with_credentials, &error))
    return pf_cli_usage_error ("%s", error->message);
  if (last_event_id != NULL)
    pf_event_source_set_last_event_id (source, last_event_id);
  pf_event_source_set_max_entries (source, max_entries);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.source = source;
  run.out = g_string_new (NULL);
  g_signal_connect (source, "entry-added", G_CALLBACK (entry_added_cb), &run);
  pf_event_source_set_message_func (source, message_cb, &run);
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, &run);
  pf_event_source_connect (source);
  g_main_loop_run (run.loop);
  g_source_remove (sigint_id);
  g_clear_handle_id (&run.flush_id, g_source_remove);
  flush_out (&run);
  g_signal_handlers_disconnect_by_data (source, &run);
  g_string_free (run.out, TRUE);
  g_main_loop_unref (run.loop);
  /* A stream that ended (and was not followed) is a success; a failed connection is not. */
  return run.opened && !run.failed ? PF_CLI_EXIT_OK : PF_CLI_EXIT_FAILED;
}
