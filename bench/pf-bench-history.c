/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "pf-history-private.h"
#include "pf-lab-server.h"

/* History at scale, run by bench/run:
 *
 *   pf-bench-history generate FILE N   N generated exchanges in a new history file
 *   pf-bench-history measure FILE      one JSON line of timings on that file
 *
 * measure: the time until the file is open and the first page of the list is read (what a
 * cold start waits for), the answer time of each keystroke of a filter as typed, and the
 * main thread's cost of recording a real exchange with the lab (in a separate file, so the
 * big one stays as generated). */

#define PAGE 200

static const char *const hosts[] = { "localhost:8080", "127.0.0.1:3000", "api.example.com",
                                     "staging.example.org", "auth.internal.test" };
static const char *const resources[] = { "users", "orders", "products", "sessions", "invoices",
                                         "search", "reports", "uploads", "tokens", "events" };
static const char *const methods[] = { "GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH",
                                       "OPTIONS" };
static const char *const words[] = { "alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
                                     "golf", "hotel", "india", "juliet", "kilo", "lima", "mike",
                                     "november", "oscar", "papa", "quebec", "romeo", "sierra",
                                     "tango", "uniform", "victor", "whiskey", "xray", "yankee",
                                     "zulu", "名前", "données", "größe", "ñandú" };

static char *
random_hex (GRand *rand,
            guint len)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < len; i++)
    g_string_append_c (out, "0123456789abcdef"[g_rand_int_range (rand, 0, 16)]);
  return g_string_free (out, FALSE);
}

static char *
random_body (GRand *rand)
{
  GString *out = g_string_new ("{\"items\": [");
  guint n = g_rand_int_range (rand, 2, 30);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s{\"id\": %u, \"name\": \"%s %s\", \"tag\": \"%s\"}",
                            i ? ", " : "", g_rand_int (rand),
                            words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                            words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                            words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

static void
fill_row (GRand *rand,
          guint n,
          PfHistoryRow *row)
{
  const char *method = methods[g_rand_int_range (rand, 0, G_N_ELEMENTS (methods))];
  const char *resource = resources[g_rand_int_range (rand, 0, G_N_ELEMENTS (resources))];
  g_autofree char *token = random_hex (rand, 32);
  g_autofree char *request_id = random_hex (rand, 16);
  char *body = random_body (rand);

  row->time_us = g_get_real_time () - (gint64) (100000 - n) * 60 * G_USEC_PER_SEC;
  row->method = g_strdup (method);
  row->url = g_strdup_printf ("http://%s/api/v1/%s/%u?page=%u",
                              hosts[g_rand_int_range (rand, 0, G_N_ELEMENTS (hosts))], resource,
                              g_rand_int_range (rand, 1, 100000), g_rand_int_range (rand, 1, 50));
  row->status = g_rand_int_range (rand, 0, 10) ? 200 : 404;
  row->status_text = g_strdup (row->status == 200 ? "OK" : "Not Found");
  row->duration_us = g_rand_int_range (rand, 1000, 900000);
  row->body_size = strlen (body);
  row->request_json = g_strdup_printf ("{\"method\": \"%s\", \"url\": \"%s\", \"headers\": "
                                       "[{\"name\": \"Authorization\", \"value\": \"Bearer %s\"}]}",
                                       method, row->url, token);
  row->response_json = g_strdup ("{\"headers\": [[\"Content-Type\", \"application/json\"]]}");
  row->timeline_json = g_strdup ("[]");
  row->headers = g_strdup_printf ("Accept: application/json\nAuthorization: Bearer %s\n"
                                  "Content-Type: application/json; charset=utf-8\n"
                                  "Cache-Control: no-cache\nX-Request-Id: %s\n",
                                  token,
                                  request_id);
  row->body = g_bytes_new_take (body, row->body_size);
  row->body_is_text = TRUE;
}

static int
generate (const char *path,
          guint count)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (15);
  g_autoptr (GError) error = NULL;
  g_autofree char *moved = NULL;
  PfHistoryDb *db = _pf_history_db_open (path, TRUE, &moved, &error);

  for (guint n = 0; db != NULL && n < count && error == NULL; n += 1000)
    {
      _pf_history_db_begin (db, &error);
      for (guint i = n; i < MIN (n + 1000, count) && error == NULL; i++)
        {
          PfHistoryRow row = { 0 };

          fill_row (rand, i, &row);
          _pf_history_db_insert (db, &row, &error);
          _pf_history_row_clear (&row);
        }
      if (error == NULL)
        _pf_history_db_commit (db, &error);
    }
  _pf_history_db_close (db);
  if (error != NULL)
    g_printerr ("pf-bench-history: %s\n", error->message);
  return error != NULL;
}

/* ---- measure */

static gpointer
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
keep_result_cb (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static guint
query_count (PfHistory *history,
             const char *filter)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) items = NULL;

  pf_history_query_async (history, filter, PAGE, NULL, keep_result_cb, &result);
  items = pf_history_query_finish (history, wait_for (&result), NULL);
  return items != NULL ? g_list_model_get_n_items (items) : G_MAXUINT;
}

/* Every prefix of each word, as typed: the time from the keystroke's query to its answer. */
static GArray *
time_keystrokes (PfHistory *history)
{
  const char *typed[] = { "users", "authorization", "localhost", "application/json", "zulu",
                          "données", "get orders", "404", "nothingmatches" };
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    for (const char *end = g_utf8_next_char (typed[w]);; end = g_utf8_next_char (end))
      {
        g_autofree char *prefix = g_strndup (typed[w], end - typed[w]);
        gint64 start = g_get_monotonic_time ();
        double ms;

        if (query_count (history, prefix) == G_MAXUINT)
          exit (1);
        ms = ms_since (start);
        g_array_append_val (times, ms);
        if (*end == '\0')
          break;
      }
  g_array_sort (times, compare_doubles);
  return times;
}

static PfExchange *
lab_exchange (PfLabServer *lab,
              PfProfile *profile)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (lab), "bytes/100000", NULL);
  PfExchange *exchange;
  g_autoptr (GAsyncResult) result = NULL;

  pf_request_set_url (request, url);
  pf_request_add_header (request, "Authorization", "Bearer 0123456789abcdef");
  exchange = pf_exchange_new (profile, request);
  pf_exchange_send_async (exchange, NULL, keep_result_cb, &result);
  if (!pf_exchange_send_finish (exchange, wait_for (&result), NULL))
    exit (1);
  return exchange;
}

/* The main thread's cost of recording: the copy into an entry and the queueing. */
static GArray *
time_records (const char *dir)
{
  g_autoptr (PfLabServer) lab = pf_lab_server_new ();
  g_autoptr (PfProfile) profile = pf_profile_new ();
  g_autofree char *path = g_build_filename (dir, "record.sqlite", NULL);
  g_autoptr (PfHistory) history = pf_history_new (path);
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  if (!pf_lab_server_start (lab, 0, NULL))
    exit (1);
  exchange = lab_exchange (lab, profile);
  for (guint i = 0; i < 1000; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      pf_history_record_exchange (history, exchange);
      ms = ms_since (start);
      g_array_append_val (times, ms);
    }
  pf_history_sync_async (history, NULL, keep_result_cb, &result);
  pf_history_sync_finish (history, wait_for (&result), NULL);
  g_array_sort (times, compare_doubles);
  g_clear_object (&history);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
  return times;
}

static double
median (GArray *times)
{
  return g_array_index (times, double, times->len / 2);
}

static double
p99 (GArray *times)
{
  return g_array_index (times, double, times->len * 99 / 100);
}

static double
largest (GArray *times)
{
  return g_array_index (times, double, times->len - 1);
}

static int
measure (const char *path)
{
  g_autofree char *dir = g_dir_make_tmp ("pf-bench-history-XXXXXX", NULL);
  g_autoptr (PfHistory) history = NULL;
  g_autoptr (GAsyncResult) synced = NULL;
  g_autoptr (GArray) keys = NULL;
  g_autoptr (GArray) records = NULL;
  gint64 start = g_get_monotonic_time ();
  double new_ms, open_ms, list_ms;
  guint listed;

  history = pf_history_new (path);
  pf_history_set_max_entries (history, 0);
  new_ms = ms_since (start);
  pf_history_sync_async (history, NULL, keep_result_cb, &synced);
  if (!pf_history_sync_finish (history, wait_for (&synced), NULL))
    return 1;
  open_ms = ms_since (start);
  listed = query_count (history, NULL);
  list_ms = ms_since (start);
  keys = time_keystrokes (history);
  records = time_records (dir);
  printf ("{\"listed\": %u, \"new_ms\": %.3f, \"open_ms\": %.2f, \"first_page_ms\": %.2f, "
          "\"keystrokes\": %u, \"keystroke_median_ms\": %.2f, \"keystroke_max_ms\": %.2f, "
          "\"record_median_ms\": %.4f, \"record_p99_ms\": %.4f, \"record_max_ms\": %.4f}\n",
          listed, new_ms, open_ms, list_ms, keys->len, median (keys), largest (keys),
          median (records), p99 (records), largest (records));
  return 0;
}

int
main (int argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "generate"))
    return generate (argv[2], atoi (argv[3]));
  if (argc == 3 && g_str_equal (argv[1], "measure"))
    return measure (argv[2]);
  g_printerr ("usage: pf-bench-history generate FILE N | measure FILE\n");
  return 2;
}
