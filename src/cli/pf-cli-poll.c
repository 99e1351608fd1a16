/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "pf-cli.h"
#include "pf-json-line.h"
#include "pf-long-poll.h"

/* preflight-cli poll: the long-polling loop, one line per cycle. */

typedef struct
{
  GMainLoop *loop;
  PfLongPoll *poll;
  gboolean json;
  int max_cycles;
  int interval_ms;
  int wait_s;
  int cycles;
  gboolean last_failed;
  GString *out;
} PollRun;

static void
cycle_json (GString         *out,
            PfLongPollCycle *cycle)
{
  pf_json_line_begin (out);
  pf_json_line_ms (out, "t_ms", pf_long_poll_cycle_get_start_us (cycle));
  pf_json_line_string (out, "type", "cycle");
  pf_json_line_uint (out, "cycle", pf_long_poll_cycle_get_number (cycle));
  pf_json_line_ms (out, "heldMs", pf_long_poll_cycle_get_held_us (cycle));
  pf_json_line_uint (out, "status", pf_long_poll_cycle_get_status (cycle));
  pf_json_line_uint (out, "size", pf_long_poll_cycle_get_size (cycle));
  pf_json_line_string (out, "text", pf_long_poll_cycle_get_text (cycle));
  pf_json_line_string (out, "error", pf_long_poll_cycle_get_error (cycle));
  pf_json_line_uint (out, "nextDelayMs", pf_long_poll_cycle_get_next_delay_ms (cycle));
  pf_json_line_uint (out, "intervalMs", pf_long_poll_cycle_get_interval_ms (cycle));
  pf_json_line_end (out);
}

static void
cycle_text (GString         *out,
            PfLongPollCycle *cycle)
{
  const char *error = pf_long_poll_cycle_get_error (cycle);
  const char *text = pf_long_poll_cycle_get_text (cycle);

  /* Translators: cycle number, how long the server held it (ms), then the status */
  g_string_append_printf (out, _("cycle %u: held %.0f ms, status %u"),
                          pf_long_poll_cycle_get_number (cycle),
                          pf_long_poll_cycle_get_held_us (cycle) / 1000.0,
                          pf_long_poll_cycle_get_status (cycle));
  if (error != NULL)
    /* Translators: why the cycle failed, then the back-off in ms */
    g_string_append_printf (out, _(" — %s; next try in %u ms\n"), error,
                            pf_long_poll_cycle_get_next_delay_ms (cycle));
  else
    g_string_append_printf (out, ": %s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");
}

static void
cycle_done_cb (PfLongPoll      *poll,
               PfLongPollCycle *cycle,
               PollRun         *run)
{
  if (run->json)
    cycle_json (run->out, cycle);
  else
    cycle_text (run->out, cycle);
  fwrite (run->out->str, 1, run->out->len, stdout);
  fflush (stdout);
  g_string_truncate (run->out, 0);
  run->last_failed = pf_long_poll_cycle_get_error (cycle) != NULL;
  if (run->max_cycles > 0 && ++run->cycles >= run->max_cycles)
    {
      pf_long_poll_stop (poll);
      g_main_loop_quit (run->loop);
    }
}

static gboolean
interrupt_cb (gpointer user_data)
{
  PollRun *run = user_data;

  pf_long_poll_stop (run->poll);
  g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

/* preflight-cli poll [--cycles N] [--interval MS] [--wait S] [--json] URL */
int
pf_cli_poll (int    argc,
             char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_("URL"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PfProfile) profile = pf_profile_new ();
  g_autoptr (PfLongPoll) poll = NULL;
  g_auto (GStrv) rest = NULL;
  PollRun run = { 0 };
  guint sigint_id;
  GOptionEntry entries[] = {
    { "cycles", 0, 0, G_OPTION_ARG_INT, &run.max_cycles,
      N_("Stop after N cycles (0: until interrupted)"), N_("N") },
    { "interval", 0, 0, G_OPTION_ARG_INT, &run.interval_ms,
      N_("Short polling: a request every MS milliseconds, not one as soon as an answer arrives"),
      N_("MS") },
    { "wait", 0, 0, G_OPTION_ARG_INT, &run.wait_s,
      N_("Send Prefer: wait=S, the seconds the server may hold a request (RFC 7240)"), N_("S") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &run.json,
      N_("Print JSON Lines: one object per cycle"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest,
      NULL, N_("URL") },
    { NULL }
  };

  g_option_context_set_summary (context,
                                _("Long-poll a URL: request, wait for the answer, request again "
                                  "(with --interval: short-poll it). The last answer's ETag "
                                  "goes back as If-None-Match: nothing new is a 304."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("%s", error->message);
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    return pf_cli_usage_error (_("Give exactly one URL; run “preflight-cli poll --help”"));
  if (run.max_cycles < 0 || run.interval_ms < 0 || run.wait_s < 0)
    return pf_cli_usage_error (_("Counts must be zero or more"));
  if (!(poll = pf_long_poll_new (profile, rest[0], &error)))
    return pf_cli_usage_error ("%s", error->message);
  pf_long_poll_set_interval (poll, run.interval_ms);
  pf_long_poll_set_wait (poll, run.wait_s);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.poll = poll;
  run.out = g_string_new (NULL);
  g_signal_connect (poll, "cycle-done", G_CALLBACK (cycle_done_cb), &run);
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, &run);
  pf_long_poll_start (poll);
  g_main_loop_run (run.loop);
  g_source_remove (sigint_id);
  g_signal_handlers_disconnect_by_data (poll, &run);
  g_string_free (run.out, TRUE);
  g_main_loop_unref (run.loop);
  return run.last_failed ? PF_CLI_EXIT_FAILED : PF_CLI_EXIT_OK;
}
