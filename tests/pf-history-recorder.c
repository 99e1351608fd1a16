/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "pf-history.h"
#include "pf-test-lab.h"

/* test-history's kill -9 subject: records one real exchange again and again into the history
 * file given, a few at a time, printing each id once its commit is done, until it is killed. */

#define IN_FLIGHT 4
#define MAX_RECORDS 1000000

typedef struct
{
  PfHistory *history;
  PfHistoryEntry *entry;
  guint sent;
} Recorder;

static void record_next (Recorder *recorder);

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Recorder *recorder = user_data;
  g_autoptr (GError) error = NULL;
  gint64 id = pf_history_record_finish (PF_HISTORY (source), result, &error);

  if (error != NULL)
    {
      g_printerr ("pf-history-recorder: %s\n", error->message);
      exit (1);
    }
  printf ("%" G_GINT64_FORMAT "\n", id);
  fflush (stdout);
  record_next (recorder);
}

static void
record_next (Recorder *recorder)
{
  if (recorder->sent++ < MAX_RECORDS)
    pf_history_record_async (recorder->history, recorder->entry, NULL, recorded_cb, recorder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (PfLabServer) lab = NULL;
  g_autoptr (PfProfile) profile = NULL;
  g_autoptr (PfRequest) request = NULL;
  g_autoptr (PfExchange) exchange = NULL;
  g_autofree char *url = NULL;
  Recorder recorder = { 0 };

  if (argc != 2)
    {
      g_printerr ("usage: pf-history-recorder HISTORY-FILE\n");
      return 2;
    }
  lab = pf_test_lab_server_start ();
  profile = pf_profile_new ();
  request = pf_request_new ();
  url = pf_test_lab_url (lab, "echo?name=burst");
  pf_request_set_url (request, url);
  exchange = pf_exchange_new (profile, request);
  if (!pf_test_lab_run_exchange (exchange, NULL))
    return 1;
  recorder.history = pf_history_new (argv[1]);
  recorder.entry = pf_history_entry_new_from_exchange (exchange,
                                                       PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT);
  for (guint i = 0; i < IN_FLIGHT; i++)
    record_next (&recorder);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
