/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pf-event-source.h"
#include "pf-test-lab.h"
#include "pf-test-tsv.h"

/* PfExchange against the lab's server misbehaving on purpose (/evil/…): each answer ends in the
 * failure and the message tests/data/evil.tsv says, and the endless ones in bounded memory. */

typedef PfTestLab Fixture;

/* One row of evil.tsv. */
typedef struct
{
  const char *path;
  guint timeout_ms;
  guint abort_ms;
  const char *failure;
  guint status;
  const char *message;
  const char *warning;
} Case;

static Case
case_of (char **row)
{
  Case c = { row[0], atoi (row[1]), atoi (row[2]), row[3], atoi (row[4]),
             g_str_equal (row[5], "-") ? NULL : row[5], g_str_equal (row[6], "-") ? NULL : row[6] };

  g_assert_cmpuint (g_strv_length (row), ==, 8);
  return c;
}

/* @text is @expected, or starts with what comes before @expected's final "…". */
static void
assert_message (const char *text,
                const char *expected)
{
  if (expected != NULL && g_str_has_suffix (expected, "…"))
    {
      g_autofree char *prefix = g_strndup (expected, strlen (expected) - strlen ("…"));

      g_assert_nonnull (text);
      if (!g_str_has_prefix (text, prefix))
        g_assert_cmpstr (text, ==, expected);
      return;
    }
  g_assert_cmpstr (text, ==, expected);
}

typedef struct
{
  PfExchange *exchange;
  guint id;
} Abort;

static gboolean
abort_cb (gpointer user_data)
{
  Abort *abort = user_data;

  abort->id = 0;
  pf_exchange_abort (abort->exchange);
  return G_SOURCE_REMOVE;
}

static void
test_case (Fixture *fixture,
           gconstpointer data)
{
  Case c = case_of ((char **) data);
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autofree char *url = pf_test_lab_url (fixture->lab, c.path);
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GError) error = NULL;
  const char *const *warnings;
  Abort abort = { 0 };

  pf_request_set_url (request, url);
  pf_request_set_timeout_ms (request, c.timeout_ms);
  exchange = pf_exchange_new (fixture->profile, request);
  abort.exchange = exchange;
  if (c.abort_ms > 0)
    abort.id = g_timeout_add (c.abort_ms, abort_cb, &abort);
  g_assert_true (pf_test_lab_run_exchange (exchange, &error));
  g_assert_no_error (error);
  g_clear_handle_id (&abort.id, g_source_remove);
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange) ? pf_exchange_get_failure_name (exchange)
                                                           : "none",
                   ==, c.failure);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, c.status);
  assert_message (pf_exchange_get_error_message (exchange), c.message);
  warnings = pf_exchange_get_warnings (exchange);
  assert_message (warnings[0], c.warning);
  if (warnings[0] != NULL)
    g_assert_null (warnings[1]);
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

/* The peak resident memory of this process so far, in bytes. */
static guint64
peak_rss (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) * 1024;
}

#define RSS_MAX (G_GUINT64_CONSTANT (150) << 20)

static void
assert_rss_bounded (void)
{
  guint64 rss = peak_rss ();

  g_test_message ("peak RSS %" G_GUINT64_FORMAT " MiB", rss >> 20);
  if (!pf_test_under_sanitizer ())
    g_assert_cmpuint (rss, <, RSS_MAX);
}

static PfExchange *
start (Fixture *fixture,
       const char *path,
       GAsyncResult **result)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autofree char *url = pf_test_lab_url (fixture->lab, path);
  PfExchange *exchange;

  pf_request_set_url (request, url);
  exchange = pf_exchange_new (fixture->profile, request);
  pf_exchange_send_async (exchange, NULL, pf_test_keep_result_cb, result);
  return exchange;
}

#define ENDLESS_PULL (G_GUINT64_CONSTANT (512) << 20)

/* 512 MiB of a body that never ends: spooled, never held; the user's abort ends it. */
static void
test_endless_body_memory (Fixture *fixture,
                          gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PfExchange) exchange = start (fixture, "evil/endless", &result);

  PF_TEST_WAIT_UNTIL (pf_exchange_get_loaded (exchange) >= ENDLESS_PULL || result != NULL,
                      60000);
  g_assert_null (result);
  g_assert_cmpuint (pf_exchange_get_loaded (exchange), >=, ENDLESS_PULL);
  assert_rss_bounded ();
  pf_exchange_abort (exchange);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (pf_exchange_send_finish (exchange, result, NULL));
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange), ==, "abort");
}

/* The bomb is stopped once it decodes past 64 MiB at more than 100 times its wire size. */
static void
test_gzip_bomb_memory (Fixture *fixture,
                       gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PfExchange) exchange = start (fixture, "evil/gzip-bomb", &result);

  PF_TEST_WAIT_UNTIL (result != NULL, 60000);
  g_assert_true (pf_exchange_send_finish (exchange, result, NULL));
  g_assert_cmpstr (pf_exchange_get_failure_name (exchange), ==, "network");
  g_assert_cmpuint (pf_exchange_get_loaded (exchange), >, G_GUINT64_CONSTANT (64) << 20);
  assert_rss_bounded ();
}

/* An event stream without a line break: held to 16 MiB, then the connection fails. */
static void
test_endless_line_memory (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "evil/endless-line");
  g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);

  pf_event_source_connect (source);
  PF_TEST_WAIT_UNTIL (pf_event_source_get_ready_state (source) == PF_EVENT_SOURCE_CLOSED, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (pf_event_source_get_entries (source)), ==, 2);
  assert_rss_bounded ();
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, pf_test_lab_set_up, func, pf_test_lab_tear_down)

int
main (int argc,
      char *argv[])
{
  g_autoptr (GPtrArray) rows = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rows = pf_test_tsv_load ("evil.tsv");
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *path = g_strconcat ("/evil/exchange/", row[0] + strlen ("evil/"), NULL);

      ADD (path, test_case, row);
    }
  ADD ("/evil/memory/endless-body-bounded", test_endless_body_memory, NULL);
  ADD ("/evil/memory/gzip-bomb-bounded", test_gzip_bomb_memory, NULL);
  ADD ("/evil/memory/endless-event-line-bounded", test_endless_line_memory, NULL);
  return g_test_run ();
}
