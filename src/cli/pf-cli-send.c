/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "pf-cli-send.h"
#include "pf-cli-output.h"
#include "pf-cors-flow.h"

/* Sending one request as preflight-cli prints it, shared by fetch and run: the timeline as it
 * happens, then the result line and (text mode) the body. */

typedef struct
{
  gboolean finished;
  PfExchange *exchange;
  PfCliOutput output;
  guint abort_id;
  guint printed;
  GError *error;
} FetchRun;

/* The lines are formatted in one buffer, kept from one request to the next (preflight-cli
 * sends one at a time), not in a new one per request; a buffer that grew past this for a big
 * line is let go. */
#define OUTPUT_KEPT_MAX (64 * 1024)

static GString *output_buffer;

static GString *
take_output_buffer (void)
{
  GString *out = g_steal_pointer (&output_buffer);

  return out != NULL ? out : g_string_sized_new (4096);
}

static void
give_back_output_buffer (GString *out)
{
  if (output_buffer != NULL || out->allocated_len > OUTPUT_KEPT_MAX)
    {
      g_string_free (out, TRUE);
      return;
    }
  g_string_truncate (out, 0);
  output_buffer = out;
}

/* Prints the timeline's new entries. Once per turn of the main loop, not per entry: the
 * timeline's records are read, not watched, so no list model is made for them and their
 * appends tell nobody (one signal each cost more than printing the line). */
static void
print_new_entries (FetchRun *run)
{
  const PfTimelineRecord *entry;

  while ((entry = pf_exchange_get_record (run->exchange, run->printed)) != NULL)
    {
      pf_cli_output_entry (&run->output, entry);
      run->printed++;
    }
  pf_cli_output_flush (&run->output);
}

static void
sent_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  FetchRun *run = user_data;

  pf_exchange_send_finish (PF_EXCHANGE (object), result, &run->error);
  run->finished = TRUE;
}

static gboolean
abort_cb (gpointer user_data)
{
  FetchRun *run = user_data;

  run->abort_id = 0;
  pf_exchange_abort (run->exchange);
  return G_SOURCE_REMOVE;
}

/* Text mode: the body after the headers. Text goes out as it is; a binary body goes to a
 * terminal only as a note. */
static void
print_body (PfExchange *exchange)
{
  g_autoptr (GBytes) bytes = pf_exchange_dup_body_bytes (exchange);
  GFile *file = pf_exchange_get_body_file (exchange);
  gsize len = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;

  if (file != NULL && !isatty (STDOUT_FILENO))
    {
      g_autoptr (GInputStream) in = G_INPUT_STREAM (g_file_read (file, NULL, NULL));
      g_autoptr (GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      if (in != NULL)
        g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, NULL);
      return;
    }
  if (file != NULL || (isatty (STDOUT_FILENO) && !g_utf8_validate (data, len, NULL)))
    {
      g_autofree char *size = g_format_size (pf_exchange_get_loaded (exchange));

      /* Translators: %s is a size such as “2.1 MB” */
      printf (_ ("[%s of body not shown; use -o FILE to save it]\n"), size);
      return;
    }
  if (len > 0)
    fwrite (data, 1, len, stdout);
}

/* One run of @request (of fetch --repeat's N, or one of a .http file's) in the shared profile
 * (connections, cookies, preflight cache); Ctrl+C aborts what @running points to. Returns
 * FALSE for bad input, with @error set. */
gboolean
pf_cli_send (const PfCliSendOptions *options,
             PfRequest *request,
             PfProfile *profile,
             GOutputStream *sink,
             guint number,
             PfExchange **running,
             PfFailure *failure,
             GError **error)
{
  g_autoptr (PfExchange) exchange = pf_exchange_new (profile, request);
  FetchRun run = { .exchange = exchange };

  if (options->cors && !pf_cors_flow_attach (exchange, error))
    return FALSE;
  if (options->cors)
    pf_cors_flow_set_upload_listeners (pf_cors_flow_get_for (exchange), options->upload_listeners);
  run.output.json = options->json;
  run.output.response = options->response;
  run.output.out = take_output_buffer ();
  if (sink != NULL)
    pf_exchange_set_body_sink (exchange, sink);
  if (options->abort_after_ms > 0)
    run.abort_id = g_timeout_add (options->abort_after_ms, abort_cb, &run);
  *running = exchange;
  pf_exchange_send_async (exchange, NULL, sent_cb, &run);
  /* Not a GMainLoop per run: quitting one costs two system calls (a wakeup and a futex). */
  do
    {
      g_main_context_iteration (NULL, !run.finished);
      print_new_entries (&run);
    }
  while (!run.finished);
  *running = NULL;
  g_clear_handle_id (&run.abort_id, g_source_remove);
  if (run.error == NULL)
    {
      pf_cli_output_result (&run.output, exchange, number);
      pf_cli_output_flush (&run.output);
      if (!options->json && sink == NULL && pf_exchange_get_failure (exchange) == PF_FAILURE_NONE)
        print_body (exchange);
    }
  fflush (stdout);
  *failure = pf_exchange_get_failure (exchange);
  if (options->exchanges != NULL)
    g_ptr_array_add (options->exchanges, g_object_ref (exchange));
  give_back_output_buffer (run.output.out);
  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  return TRUE;
}
