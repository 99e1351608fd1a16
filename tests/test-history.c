/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "pf-cors-flow.h"
#include "pf-environment.h"
#include "pf-history-entry-private.h"
#include "pf-history.h"
#include "pf-key-value.h"
#include "pf-request-expand.h"
#include "pf-test-lab.h"

/* PfHistory on a real SQLite file in a temporary directory, recording real exchanges with the
 * lab: what is recorded reads back equal, search as a user types, deletion, retention, and
 * nothing lost when the file is damaged, the disk is full or the process is killed. */

typedef struct
{
  PfTestLab lab;
  char *dir;
  char *path;
  PfHistory *history;
  GPtrArray *errors;
  char *found; /* what found () returned last, freed by the next call and at tear down */
} Fixture;

static void
error_cb (PfHistory    *history,
          const GError *error,
          Fixture      *fixture)
{
  g_ptr_array_add (fixture->errors, g_error_copy (error));
}

static void
open_history (Fixture *fixture)
{
  fixture->history = pf_history_new (fixture->path);
  g_signal_connect (fixture->history, "error", G_CALLBACK (error_cb), fixture);
}

/* Tasks done on the history's threads hand their last reference back to this context. */
static void
close_history (Fixture *fixture)
{
  PF_TEST_WAIT_UNTIL (G_OBJECT (fixture->history)->ref_count == 1, 10000);
  g_assert_finalize_object (g_steal_pointer (&fixture->history));
}

static void
set_up (Fixture      *fixture,
        gconstpointer data)
{
  pf_test_lab_set_up (&fixture->lab, data);
  fixture->dir = g_dir_make_tmp ("pf-history-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "history.sqlite", NULL);
  fixture->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  open_history (fixture);
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
tear_down (Fixture      *fixture,
           gconstpointer data)
{
  if (fixture->history != NULL)
    close_history (fixture);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->found);
  g_ptr_array_unref (fixture->errors);
  pf_test_lab_tear_down (&fixture->lab, data);
}

/* ---- helpers */

static PfRequest *
request_for (Fixture    *fixture,
             const char *method,
             const char *path)
{
  PfRequest *request = pf_request_new ();
  g_autofree char *url = pf_test_lab_url (fixture->lab.lab, path);

  pf_request_set_method (request, method);
  pf_request_set_url (request, url);
  return request;
}

static PfExchange *
run (Fixture   *fixture,
     PfRequest *request)
{
  PfExchange *exchange = pf_exchange_new (fixture->lab.profile, request);

  if (pf_request_get_origin (request) != NULL && *pf_request_get_origin (request) != '\0')
    g_assert_nonnull (pf_cors_flow_attach (exchange, NULL));
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  return exchange;
}

static PfHistoryEntry *
entry_for (Fixture    *fixture,
           const char *method,
           const char *path)
{
  g_autoptr (PfRequest) request = request_for (fixture, method, path);
  g_autoptr (PfExchange) exchange = run (fixture, request);

  return pf_history_entry_new_from_exchange (exchange, PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT);
}

static gint64
record (Fixture        *fixture,
        PfHistoryEntry *entry,
        GError        **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  pf_history_record_async (fixture->history, entry, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  return pf_history_record_finish (fixture->history, result, error);
}

static gint64
record_ok (Fixture        *fixture,
           PfHistoryEntry *entry)
{
  g_autoptr (GError) error = NULL;
  gint64 id = record (fixture, entry, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GListModel *
query (Fixture    *fixture,
       const char *filter,
       guint       limit)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *items;

  pf_history_query_async (fixture->history, filter, limit, NULL, pf_test_keep_result_cb,
                          &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  items = pf_history_query_finish (fixture->history, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (items) == PF_TYPE_HISTORY_ITEM);
  return items;
}

/* The ids @filter finds, newest first: "3 1" (the fixture keeps the string). */
static const char *
found (Fixture    *fixture,
       const char *filter)
{
  g_autoptr (GListModel) items = query (fixture, filter, 0);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (PfHistoryItem) item = g_list_model_get_item (items, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "",
                              pf_history_item_get_id (item));
    }
  g_free (fixture->found);
  fixture->found = g_string_free (out, FALSE);
  return fixture->found;
}

static PfHistoryEntry *
load (Fixture *fixture,
      gint64   id,
      GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  pf_history_load_async (fixture->history, id, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  return pf_history_load_finish (fixture->history, result, error);
}

static void
sync_history (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  pf_history_sync_async (fixture->history, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (pf_history_sync_finish (fixture->history, result, &error));
  g_assert_no_error (error);
}

static char *
integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *answer = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    answer = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return answer;
}

/* ---- comparing an entry with what it was made from */

static void
assert_key_values_equal (GListModel *a,
                         GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr (PfKeyValue) x = g_list_model_get_item (a, i);
      g_autoptr (PfKeyValue) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (pf_key_value_get_name (x), ==, pf_key_value_get_name (y));
      g_assert_cmpstr (pf_key_value_get_value (x), ==, pf_key_value_get_value (y));
      g_assert_cmpint (pf_key_value_get_enabled (x), ==, pf_key_value_get_enabled (y));
    }
}

static void
assert_findings_equal (GListModel *a,
                       GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr (PfCorsFinding) x = g_list_model_get_item (a, i);
      g_autoptr (PfCorsFinding) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (pf_cors_finding_get_rule (x), ==, pf_cors_finding_get_rule (y));
      g_assert_cmpstr (pf_cors_finding_get_header (x), ==, pf_cors_finding_get_header (y));
      g_assert_cmpstr (pf_cors_finding_get_message (x), ==, pf_cors_finding_get_message (y));
    }
}

static void
assert_requests_equal (PfRequest *a,
                       PfRequest *b)
{
  g_assert_cmpstr (pf_request_get_method (a), ==, pf_request_get_method (b));
  g_assert_cmpstr (pf_request_get_url (a), ==, pf_request_get_url (b));
  assert_key_values_equal (pf_request_get_headers (a), pf_request_get_headers (b));
  assert_key_values_equal (pf_request_get_fields (a), pf_request_get_fields (b));
  g_assert_cmpint (pf_request_get_body_kind (a), ==, pf_request_get_body_kind (b));
  g_assert_cmpstr (pf_request_get_body_text (a), ==, pf_request_get_body_text (b));
  g_assert_cmpstr (pf_request_get_body_content_type (a), ==,
                   pf_request_get_body_content_type (b));
  g_assert_cmpuint (pf_request_get_timeout_ms (a), ==, pf_request_get_timeout_ms (b));
  g_assert_cmpuint (pf_request_get_max_redirects (a), ==, pf_request_get_max_redirects (b));
  g_assert_cmpstr (pf_request_get_override_mime_type (a), ==,
                   pf_request_get_override_mime_type (b));
  g_assert_cmpstr (pf_request_get_origin (a), ==, pf_request_get_origin (b));
  g_assert_cmpint (pf_request_get_credentials (a), ==, pf_request_get_credentials (b));
}

static void
assert_timelines_equal (GListModel *a,
                        GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  g_assert_cmpuint (g_list_model_get_n_items (a), >, 5);
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      const PfTimelineRecord *x = pf_timeline_get_record (PF_TIMELINE (a), i);
      const PfTimelineRecord *y = pf_timeline_get_record (PF_TIMELINE (b), i);

      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->target, ==, y->target);
      g_assert_true (x->name == y->name);
      g_assert_cmpstr (x->detail, ==, y->detail);
      g_assert_cmpint (x->ready_state, ==, y->ready_state);
      g_assert_cmpuint (x->status, ==, y->status);
      g_assert_cmpuint (x->loaded, ==, y->loaded);
      g_assert_cmpuint (x->total, ==, y->total);
      g_assert_cmpint (x->time_us, ==, y->time_us);
      g_assert_cmpint (x->end_us, ==, y->end_us);
    }
}

static void
assert_cors_equal (PfHistoryEntry *a,
                   PfHistoryEntry *b)
{
  g_assert_cmpint (pf_history_entry_get_has_cors (a), ==, pf_history_entry_get_has_cors (b));
  g_assert_cmpint (pf_history_entry_get_cors_outcome (a), ==,
                   pf_history_entry_get_cors_outcome (b));
  g_assert_cmpint (pf_history_entry_get_cors_cross_origin (a), ==,
                   pf_history_entry_get_cors_cross_origin (b));
  g_assert_cmpint (pf_history_entry_get_cors_preflight (a), ==,
                   pf_history_entry_get_cors_preflight (b));
  g_assert_cmpuint (pf_history_entry_get_cors_preflight_status (a), ==,
                    pf_history_entry_get_cors_preflight_status (b));
  assert_findings_equal (pf_history_entry_get_cors_reasons (a),
                         pf_history_entry_get_cors_reasons (b));
  assert_findings_equal (pf_history_entry_get_cors_failures (a),
                         pf_history_entry_get_cors_failures (b));
  assert_key_values_equal (pf_history_entry_get_cors_preflight_headers (a),
                           pf_history_entry_get_cors_preflight_headers (b));
  assert_key_values_equal (pf_history_entry_get_cors_preflight_response_headers (a),
                           pf_history_entry_get_cors_preflight_response_headers (b));
  g_assert_cmpstrv (pf_history_entry_get_cors_exposed_headers (a),
                    pf_history_entry_get_cors_exposed_headers (b));
}

static void
assert_entries_equal (PfHistoryEntry *a,
                      PfHistoryEntry *b)
{
  assert_requests_equal (pf_history_entry_get_request (a), pf_history_entry_get_request (b));
  g_assert_cmpint (pf_history_entry_get_time_us (a), ==, pf_history_entry_get_time_us (b));
  g_assert_cmpstr (pf_history_entry_get_method (a), ==, pf_history_entry_get_method (b));
  g_assert_cmpstr (pf_history_entry_get_url (a), ==, pf_history_entry_get_url (b));
  g_assert_cmpuint (pf_history_entry_get_status (a), ==, pf_history_entry_get_status (b));
  g_assert_cmpstr (pf_history_entry_get_status_text (a), ==,
                   pf_history_entry_get_status_text (b));
  g_assert_cmpuint (pf_history_entry_get_server_status (a), ==,
                    pf_history_entry_get_server_status (b));
  g_assert_cmpstr (pf_history_entry_get_response_url (a), ==,
                   pf_history_entry_get_response_url (b));
  assert_key_values_equal (pf_history_entry_get_response_headers (a),
                           pf_history_entry_get_response_headers (b));
  g_assert_cmpstr (pf_history_entry_get_mime_type (a), ==, pf_history_entry_get_mime_type (b));
  g_assert_cmpint (pf_history_entry_get_failure (a), ==, pf_history_entry_get_failure (b));
  g_assert_cmpstr (pf_history_entry_get_error_message (a), ==,
                   pf_history_entry_get_error_message (b));
  g_assert_cmpint (pf_history_entry_get_duration_us (a), ==,
                   pf_history_entry_get_duration_us (b));
  g_assert_cmpstr (pf_history_entry_get_raw_request_head (a), ==,
                   pf_history_entry_get_raw_request_head (b));
  g_assert_cmpstr (pf_history_entry_get_raw_response_head (a), ==,
                   pf_history_entry_get_raw_response_head (b));
  assert_timelines_equal (pf_history_entry_get_timeline (a), pf_history_entry_get_timeline (b));
  g_assert_true (g_bytes_equal (pf_history_entry_get_body (a), pf_history_entry_get_body (b)));
  g_assert_cmpuint (pf_history_entry_get_body_size (a), ==, pf_history_entry_get_body_size (b));
  assert_cors_equal (a, b);
}

/* ---- record, load, Send Again */

/* A cross-origin PUT with a custom header: preflight, CORS verdict, request body, options. */
static void
test_round_trip (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "PUT",
    "cors/api?allow-origin=echo&allow-methods=PUT&allow-headers=X-Token,Content-Type"
    "&allow-credentials=true&expose-headers=X-Lab-Secret");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfHistoryEntry) entry = NULL;
  g_autoptr (PfHistoryEntry) loaded = NULL;
  g_autoptr (PfRequest) again = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  pf_request_add_header (request, "X-Token", "s3cret-ish");
  pf_key_value_set_enabled (pf_request_add_header (request, "X-Off", "no"), FALSE);
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "{\"name\": \"Zoë\"}");
  pf_request_set_body_content_type (request, "application/json");
  pf_request_set_timeout_ms (request, 7000);
  pf_request_set_max_redirects (request, 3);
  pf_request_set_override_mime_type (request, "text/plain");
  pf_request_set_origin (request, "http://page.example");
  pf_request_set_credentials (request, PF_CREDENTIALS_INCLUDE);
  exchange = run (fixture, request);
  g_assert_cmpstr (pf_exchange_get_error_message (exchange), ==, NULL);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  entry = pf_history_entry_new_from_exchange (exchange, PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT);
  g_assert_true (pf_history_entry_get_cors_preflight (entry));
  g_assert_cmpint (pf_history_entry_get_cors_outcome (entry), ==, PF_CORS_OUTCOME_ALLOWED);
  g_assert_cmpuint (g_bytes_get_size (pf_history_entry_get_body (entry)), >, 0);

  id = record_ok (fixture, entry);
  loaded = load (fixture, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pf_history_entry_get_id (loaded), ==, id);
  assert_entries_equal (entry, loaded);
  g_assert_false (pf_history_entry_get_body_truncated (loaded));
  /* Sent as Chromium would (a page origin): Raw from history still knows the browser's. */
  {
    g_autoptr (PfExchange) shown = pf_history_entry_dup_exchange (loaded, fixture->lab.profile);

    g_assert_nonnull (pf_exchange_get_browser_headers (exchange));
    g_assert_true (g_strv_contains (pf_exchange_get_browser_headers (exchange), "User-Agent"));
    g_assert_cmpstrv (pf_exchange_get_browser_headers (shown),
                      pf_exchange_get_browser_headers (exchange));
  }

  /* Send Again: a new request, equal to the one composed, that can be changed freely. */
  again = pf_history_entry_dup_request (loaded);
  g_assert_true (again != pf_history_entry_get_request (loaded));
  assert_requests_equal (again, request);
}

/* A failed exchange records its failure; a multipart body records its files by name and size. */
static void
test_failure_and_files (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "POST", "cut");
  g_autofree char *file = g_build_filename (fixture->dir, "photo.bin", NULL);
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfHistoryEntry) entry = NULL;
  g_autoptr (PfHistoryEntry) loaded = NULL;
  g_autoptr (GListModel) items = NULL;
  g_autoptr (PfHistoryItem) item = NULL;
  const char *field, *name;
  gint64 size;

  g_assert_true (g_file_set_contents (file, "0123456789", 10, NULL));
  pf_request_set_body_kind (request, PF_BODY_MULTIPART);
  pf_request_add_field (request, "title", "holiday");
  pf_request_add_file_field (request, "photo", file);
  exchange = run (fixture, request);
  g_assert_cmpint (pf_exchange_get_failure (exchange), ==, PF_FAILURE_NETWORK);
  entry = pf_history_entry_new_from_exchange (exchange, PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT);
  loaded = load (fixture, record_ok (fixture, entry), NULL);
  assert_entries_equal (entry, loaded);
  g_assert_cmpuint (pf_history_entry_get_n_files (loaded), ==, 1);
  g_assert_true (pf_history_entry_get_file (loaded, 0, &field, &name, &size));
  g_assert_cmpstr (field, ==, "photo");
  g_assert_cmpstr (name, ==, "photo.bin");
  g_assert_cmpint (size, ==, 10);

  items = query (fixture, NULL, 0);
  item = g_list_model_get_item (items, 0);
  g_assert_cmpstr (pf_history_item_get_failure (item), ==, "network");
  g_assert_cmpuint (pf_history_item_get_status (item), ==, 0);
  g_assert_cmpstr (found (fixture, "holiday"), ==, "1");
}

/* A body past the limit keeps its size and its first part. */
static void
test_body_limit (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "bytes/5000");
  g_autoptr (PfExchange) exchange = run (fixture, request);
  g_autoptr (GBytes) full = pf_exchange_dup_body_bytes (exchange);
  g_autoptr (PfHistoryEntry) entry = pf_history_entry_new_from_exchange (exchange, 1000);
  g_autoptr (PfHistoryEntry) loaded = load (fixture, record_ok (fixture, entry), NULL);
  g_autoptr (GBytes) head = g_bytes_new_from_bytes (full, 0, 1000);
  g_autoptr (GListModel) items = query (fixture, "", 0);
  g_autoptr (PfHistoryItem) item = g_list_model_get_item (items, 0);

  g_assert_cmpuint (pf_history_entry_get_body_size (loaded), ==, 5000);
  g_assert_true (pf_history_entry_get_body_truncated (loaded));
  g_assert_true (g_bytes_equal (pf_history_entry_get_body (loaded), head));
  g_assert_cmpstr (pf_history_entry_get_mime_type (loaded), ==, "application/octet-stream");
  g_assert_cmpuint (pf_history_item_get_body_size (item), ==, 5000);
}

/* ---- search */

static void
test_filter (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr (PfHistoryEntry) alpha = entry_for (fixture, "GET", "echo?name=alpha-beta");
  g_autoptr (PfHistoryEntry) example = entry_for (fixture, "GET", "example.txt");
  g_autoptr (PfHistoryEntry) missing = entry_for (fixture, "DELETE", "status/404");
  const char *odd[] = { "\"", "*", "-", "(", ")", "\"alp", "alp\"", "alp*", "-alp", "(alp",
                        "alp)", "NOT", "AND alp", "alp OR", "NEAR(alp", "^alp", "url:alp",
                        "{alp}", "a\"\"b", "ß", "名前", NULL };

  g_assert_cmpint (record_ok (fixture, alpha), ==, 1);
  g_assert_cmpint (record_ok (fixture, example), ==, 2);
  g_assert_cmpint (record_ok (fixture, missing), ==, 3);

  g_assert_cmpstr (found (fixture, NULL), ==, "3 2 1");
  g_assert_cmpstr (found (fixture, ""), ==, "3 2 1");
  /* Each prefix of a word as it is typed finds it, in the URL, method, headers or body. */
  g_assert_cmpstr (found (fixture, "1"), ==, "3 2 1");
  g_assert_cmpstr (found (fixture, "12"), ==, "3 2 1");
  g_assert_cmpstr (found (fixture, "al"), ==, "1");
  g_assert_cmpstr (found (fixture, "alp"), ==, "1");
  g_assert_cmpstr (found (fixture, "alpha-b"), ==, "1");
  g_assert_cmpstr (found (fixture, "EXAMPLE.T"), ==, "2");
  g_assert_cmpstr (found (fixture, "del"), ==, "3");
  g_assert_cmpstr (found (fixture, "get alp"), ==, "1");
  g_assert_cmpstr (found (fixture, "get zzz"), ==, "");
  g_assert_cmpstr (found (fixture, "content-type: text/pl"), ==, "3 2");
  /* Odd characters are text, never FTS5 syntax and never an error. */
  for (guint i = 0; odd[i] != NULL; i++)
    (void) found (fixture, odd[i]);
  g_assert_cmpstr (found (fixture, "\"alp"), ==, "1");
  g_assert_cmpstr (found (fixture, "(alp"), ==, "1");
  g_assert_cmpstr (found (fixture, "-alp"), ==, "1");
  g_assert_cmpstr (found (fixture, "alp*"), ==, "1");
  g_assert_cmpstr (found (fixture, "AND alp"), ==, "");
  g_assert_cmpstr (found (fixture, "*"), ==, "3 2 1");

  /* A limit keeps the newest. */
  {
    g_autoptr (GListModel) items = query (fixture, NULL, 2);
    g_autoptr (PfHistoryItem) item = g_list_model_get_item (items, 1);

    g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
    g_assert_cmpint (pf_history_item_get_id (item), ==, 2);
    g_assert_cmpstr (pf_history_item_get_method (item), ==, "GET");
    g_assert_cmpuint (pf_history_item_get_status (item), ==, 200);
    g_assert_cmpstr (pf_history_item_get_status_text (item), ==, "OK");
    g_assert_null (pf_history_item_get_cors (item));
  }
}

/* ---- delete and retention */

static void
test_delete (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr (PfHistoryEntry) entry = entry_for (fixture, "GET", "echo?name=gamma");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PfHistoryEntry) gone = NULL;
  g_autoptr (GError) error = NULL;
  gint64 first = record_ok (fixture, entry);
  gint64 second = record_ok (fixture, entry);
  g_autofree char *check = NULL;
  gint64 third;

  pf_history_delete_async (fixture->history, first, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (pf_history_delete_finish (fixture->history, result, NULL));
  g_clear_object (&result);
  gone = load (fixture, first, &error);
  g_assert_null (gone);
  g_assert_error (error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_NOT_FOUND);
  g_assert_cmpstr (found (fixture, "gam"), ==, "2");

  pf_history_delete_all_async (fixture->history, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (pf_history_delete_all_finish (fixture->history, result, NULL));
  g_assert_cmpstr (found (fixture, NULL), ==, "");
  g_assert_cmpstr (found (fixture, "gam"), ==, "");

  /* Ids are never reused, so a list showing an old id never opens another exchange. */
  third = record_ok (fixture, entry);
  g_assert_cmpint (third, >, second);
  g_assert_cmpstr (found (fixture, "gam"), ==, "3");
  check = integrity_check (fixture->path);
  g_assert_cmpstr (check, ==, "ok");
}

static void
test_retention_count (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr (PfHistoryEntry) entry = entry_for (fixture, "GET", "echo?name=delta");
  g_autofree char *check = NULL;

  pf_history_set_max_entries (fixture->history, 5);
  for (guint i = 0; i < 8; i++)
    pf_history_record_async (fixture->history, entry, NULL, NULL, NULL);
  sync_history (fixture);
  g_assert_cmpstr (found (fixture, NULL), ==, "8 7 6 5 4");
  g_assert_cmpstr (found (fixture, "delta"), ==, "8 7 6 5 4");

  /* A lower limit applies at once. */
  pf_history_set_max_entries (fixture->history, 2);
  sync_history (fixture);
  g_assert_cmpstr (found (fixture, "delta"), ==, "8 7");
  check = integrity_check (fixture->path);
  g_assert_cmpstr (check, ==, "ok");
}

static void
test_retention_age (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (PfHistoryEntry) old = entry_for (fixture, "GET", "echo?name=old");
  g_autoptr (PfHistoryEntry) recent = entry_for (fixture, "GET", "echo?name=recent");

  _pf_history_entry_set_time_us (old, g_get_real_time () - 10 * G_TIME_SPAN_DAY);
  _pf_history_entry_set_time_us (recent, g_get_real_time () - 2 * G_TIME_SPAN_DAY);
  record_ok (fixture, old);
  record_ok (fixture, recent);
  g_assert_cmpstr (found (fixture, NULL), ==, "2 1");
  pf_history_set_max_age_days (fixture->history, 7);
  sync_history (fixture);
  g_assert_cmpstr (found (fixture, NULL), ==, "2");
  g_assert_cmpstr (found (fixture, "old"), ==, "");
}

/* ---- nothing lost */

static void
assert_moved_aside (Fixture    *fixture,
                    const char *old_contents,
                    gsize       old_len)
{
  g_autoptr (PfHistoryEntry) entry = entry_for (fixture, "GET", "echo?name=fresh");
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_strconcat (fixture->path, ".corrupt-", NULL);
  const char *moved;
  const GError *error;
  gsize len;

  PF_TEST_WAIT_UNTIL (fixture->errors->len > 0, 10000);
  error = fixture->errors->pdata[0];
  g_assert_error (error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_CORRUPT);
  moved = pf_history_get_moved_aside (fixture->history);
  g_assert_nonnull (moved);
  g_assert_true (g_str_has_prefix (moved, prefix));
  /* history.sqlite.corrupt-YYYYMMDD-HHMMSS, and the message names it for a toast. */
  g_assert_cmpuint (strlen (moved), ==, strlen (prefix) + 15);
  g_assert_nonnull (strstr (error->message, moved));
  g_assert_true (g_file_get_contents (moved, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, old_contents, old_len);

  /* A new history works. */
  g_assert_cmpint (record_ok (fixture, entry), ==, 1);
  g_assert_cmpstr (found (fixture, "fresh"), ==, "1");
}

static void
test_corrupt_garbage (Fixture      *fixture,
                      gconstpointer data)
{
  g_autofree char *garbage = g_malloc (8192);

  close_history (fixture);
  for (guint i = 0; i < 8192; i++)
    garbage[i] = (char) g_random_int ();
  g_assert_true (g_file_set_contents (fixture->path, garbage, 8192, NULL));
  open_history (fixture);
  assert_moved_aside (fixture, garbage, 8192);
}

static void
test_corrupt_truncated (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr (PfHistoryEntry) entry = entry_for (fixture, "GET", "bytes/20000");
  g_autofree char *contents = NULL;
  gsize len;

  for (guint i = 0; i < 50; i++)
    pf_history_record_async (fixture->history, entry, NULL, NULL, NULL);
  sync_history (fixture);
  close_history (fixture);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 500000);
  g_assert_true (g_file_set_contents (fixture->path, contents, len / 2, NULL));
  open_history (fixture);
  assert_moved_aside (fixture, contents, len / 2);
}

/* A full disk (the file may not grow) is one clear error; the request runs regardless. */
static void
test_full_disk (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (PfHistoryEntry) small = entry_for (fixture, "GET", "echo?name=small");
  g_autoptr (GError) error = NULL;
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfRequest) request = NULL;
  g_autofree char *check = NULL;
  gint64 before, after;

  record_ok (fixture, small);
  _pf_history_limit_pages (fixture->history, 1);
  pf_history_set_body_limit (fixture->history, 200000);
  request = request_for (fixture, "GET", "bytes/200000");
  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&exchange);
      exchange = run (fixture, request);
      g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
      before = g_get_monotonic_time ();
      pf_history_record_exchange (fixture->history, exchange);
      after = g_get_monotonic_time ();
      /* Recording never waits for the disk. */
      g_assert_cmpint (after - before, <, 100000);
    }
  {
    g_autoptr (PfHistoryEntry) big = pf_history_entry_new_from_exchange (exchange, 200000);

    g_assert_cmpint (record (fixture, big, &error), ==, 0);
    g_assert_error (error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_FULL);
  }
  /* Reported once, not once per exchange, with a message a user can read. */
  g_assert_cmpuint (fixture->errors->len, ==, 1);
  g_assert_error ((GError *) fixture->errors->pdata[0], PF_HISTORY_ERROR, PF_HISTORY_ERROR_FULL);
  g_assert_nonnull (strstr (((GError *) fixture->errors->pdata[0])->message, "full"));
  g_assert_cmpstr (found (fixture, NULL), ==, "1");
  check = integrity_check (fixture->path);
  g_assert_cmpstr (check, ==, "ok");
}

/* A recorder killed with SIGKILL in a burst: every id it reported as committed reads back. */
static void
test_kill_9 (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *recorder = g_test_build_filename (G_TEST_BUILT, "pf-history-recorder", NULL);
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  g_autofree char *check = NULL;
  char *line;

  close_history (fixture);
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, recorder, fixture->path,
                            NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while (ids->len < 300 && (line = g_data_input_stream_read_line (out, NULL, NULL, NULL)))
    {
      gint64 id = g_ascii_strtoll (line, NULL, 10);

      g_array_append_val (ids, id);
      g_free (line);
    }
  g_assert_cmpuint (ids->len, ==, 300);
  kill (atoi (g_subprocess_get_identifier (child)), SIGKILL);
  /* What it printed before it died was committed too. */
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    {
      gint64 id = g_ascii_strtoll (line, NULL, 10);

      g_array_append_val (ids, id);
      g_free (line);
    }
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  check = integrity_check (fixture->path);
  g_assert_cmpstr (check, ==, "ok");
  open_history (fixture);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr (PfHistoryEntry) entry = load (fixture, id, &error);

      g_assert_no_error (error);
      g_assert_cmpint (pf_history_entry_get_id (entry), ==, id);
      g_assert_cmpstr (pf_history_entry_get_method (entry), ==, "GET");
    }
  g_assert_cmpuint (fixture->errors->len, ==, 0);
  g_test_message ("%u ids read back after SIGKILL", ids->len);
}

#define SECRET "zq-secret-417"

/* Whether @secret shows anywhere in what @entry keeps of the request and the response. */
static gboolean
entry_holds (PfHistoryEntry *entry,
             const char     *secret)
{
  PfRequest *request = pf_history_entry_get_request (entry);
  g_autoptr (PfKeyValue) header = g_list_model_get_item (pf_request_get_headers (request), 0);
  GBytes *body = pf_history_entry_get_body (entry);
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  return strstr (pf_history_entry_get_url (entry), secret) != NULL ||
         strstr (pf_request_get_url (request), secret) != NULL ||
         strstr (pf_key_value_get_value (header), secret) != NULL ||
         strstr (pf_history_entry_get_raw_request_head (entry), secret) != NULL ||
         strstr (text, secret) != NULL;
}

/* A secret variable's value goes out, but history keeps it masked: in the URL, the headers,
 * the raw head and the echoed body, and a search for it finds nothing. */
static void
test_secrets_masked (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr (PfRequest) typed = request_for (fixture, "GET", "echo?key={{key}}");
  g_autoptr (PfEnvironment) environment = pf_environment_new ("dev");
  g_autoptr (PfRequest) request = NULL;
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfHistoryEntry) entry = NULL;
  g_autoptr (PfHistoryEntry) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) secrets = NULL;
  const char *hits = NULL;

  pf_environment_set (environment, "key", SECRET, TRUE);
  pf_request_add_header (typed, "X-Token", "Bearer {{key}}");
  request = pf_request_expand_full (typed, PF_VARIABLE_SOURCE (environment), &secrets, &error);
  g_assert_no_error (error);
  exchange = pf_exchange_new (fixture->lab.profile, request);
  pf_exchange_set_secrets (exchange, (const char *const *) secrets);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  g_assert_nonnull (strstr (pf_exchange_get_raw_request_head (exchange), SECRET));
  entry = pf_history_entry_new_from_exchange (exchange, PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT);
  g_assert_false (entry_holds (entry, SECRET));
  g_assert_true (entry_holds (entry, PF_VARIABLES_MASK));
  loaded = load (fixture, record_ok (fixture, entry), &error);
  g_assert_no_error (error);
  g_assert_false (entry_holds (loaded, SECRET));
  hits = found (fixture, SECRET);
  g_assert_cmpstr (hits, ==, "");
}

static gboolean
timeline_holds (GListModel *timeline,
                const char *secret)
{
  const PfTimelineRecord *record;

  for (guint i = 0; (record = pf_timeline_get_record (PF_TIMELINE (timeline), i)) != NULL; i++)
    if (record->detail != NULL && strstr (record->detail, secret) != NULL)
      return TRUE;
  return FALSE;
}

/* pf_history_record_exchange () takes only a snapshot on the calling thread and copies the
 * rest (the timeline, whose chunk records hold the body's text, and the body) on the writer
 * thread: what it records equals the whole copy made at once, secrets masked, and what the
 * exchange's timeline gets afterwards is not part of it. */
static void
test_record_exchange_snapshot (Fixture      *fixture,
                               gconstpointer data)
{
  g_autoptr (PfRequest) typed = request_for (fixture, "GET", "echo?key={{key}}");
  g_autoptr (PfEnvironment) environment = pf_environment_new ("dev");
  g_autoptr (PfRequest) request = NULL;
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfHistoryEntry) copied = NULL;
  g_autoptr (PfHistoryEntry) loaded = NULL;
  g_autoptr (GListModel) items = NULL;
  g_autoptr (PfHistoryItem) item = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) secrets = NULL;
  GListModel *timeline;
  PfTimelineRecord late;
  guint n;

  pf_environment_set (environment, "key", SECRET, TRUE);
  pf_request_add_header (typed, "X-Token", "Bearer {{key}}");
  request = pf_request_expand_full (typed, PF_VARIABLE_SOURCE (environment), &secrets, &error);
  g_assert_no_error (error);
  exchange = pf_exchange_new (fixture->lab.profile, request);
  pf_exchange_set_secrets (exchange, (const char *const *) secrets);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  timeline = pf_exchange_get_timeline (exchange);
  g_assert_true (timeline_holds (timeline, SECRET));
  copied = pf_history_entry_new_from_exchange (exchange, PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT);

  pf_history_record_exchange (fixture->history, exchange);
  n = g_list_model_get_n_items (timeline);
  late = pf_timeline_record_chunk (4, "late", 1);
  pf_timeline_append (PF_TIMELINE (timeline), &late);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, n + 1);
  g_assert_cmpstr (pf_timeline_get_record (PF_TIMELINE (timeline), n)->detail, ==, "late");
  sync_history (fixture);

  items = query (fixture, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  item = g_list_model_get_item (items, 0);
  loaded = load (fixture, pf_history_item_get_id (item), &error);
  g_assert_no_error (error);
  _pf_history_entry_set_time_us (copied, pf_history_entry_get_time_us (loaded));
  assert_entries_equal (copied, loaded);
  g_assert_cmpuint (g_list_model_get_n_items (pf_history_entry_get_timeline (loaded)), ==, n);
  g_assert_false (timeline_holds (pf_history_entry_get_timeline (loaded), SECRET));
  g_assert_false (entry_holds (loaded, SECRET));
  g_assert_cmpuint (g_bytes_get_size (pf_history_entry_get_body (loaded)), >, 0);
  g_assert_cmpstr (found (fixture, SECRET), ==, "");
}

static gboolean
head_or_body_holds (PfHistoryEntry *entry,
                    const char     *secret)
{
  GBytes *body = pf_history_entry_get_body (entry);
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  return strstr (pf_history_entry_get_raw_request_head (entry), secret) != NULL ||
         strstr (text, secret) != NULL;
}

/* A request's own credentials are not kept either: a Bearer token, sent and echoed back by the
 * lab, is masked in the raw head (as the window's Raw page shows it) and in the body. */
static void
test_credentials_masked (Fixture      *fixture,
                         gconstpointer data)
{
  g_autoptr (PfRequest) request = request_for (fixture, "GET", "echo");
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (PfHistoryEntry) entry = NULL;
  g_autoptr (PfHistoryEntry) loaded = NULL;
  g_autoptr (GError) error = NULL;

  pf_request_set_bearer_auth (request, SECRET);
  exchange = pf_exchange_new (fixture->lab.profile, request);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  g_assert_nonnull (strstr (pf_exchange_get_raw_request_head (exchange), SECRET));
  entry = pf_history_entry_new_from_exchange (exchange, PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT);
  g_assert_false (head_or_body_holds (entry, SECRET));
  g_assert_nonnull (strstr (pf_history_entry_get_raw_request_head (entry), "Bearer ••••"));
  loaded = load (fixture, record_ok (fixture, entry), &error);
  g_assert_no_error (error);
  g_assert_false (head_or_body_holds (loaded, SECRET));
  g_assert_cmpstr (found (fixture, SECRET), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/history/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("record/load-equals-the-exchange", test_round_trip);
  ADD ("record/failure-and-files", test_failure_and_files);
  ADD ("record/body-past-the-limit-keeps-size-and-first-part", test_body_limit);
  ADD ("record/secrets-are-masked", test_secrets_masked);
  ADD ("record/credentials-are-masked", test_credentials_masked);
  ADD ("record/exchange-snapshot-equals-a-whole-copy", test_record_exchange_snapshot);
  ADD ("query/filter-as-typed", test_filter);
  ADD ("delete/one-and-all", test_delete);
  ADD ("retention/count", test_retention_count);
  ADD ("retention/age", test_retention_age);
  ADD ("nothing-lost/garbage-file-moved-aside", test_corrupt_garbage);
  ADD ("nothing-lost/truncated-file-moved-aside", test_corrupt_truncated);
  ADD ("nothing-lost/full-disk", test_full_disk);
  ADD ("nothing-lost/kill-9", test_kill_9);
#undef ADD

  return g_test_run ();
}
