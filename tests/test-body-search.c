/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-body-search.h"
#include "pf-test-wait.h"

/* PfBodySearch over bodies in memory and spooled to a file: every match found once, also
 * across the worker's blocks (checked against a plain scan done here), in each mode; a bad
 * pattern or a vanished file is a clear error; the first match comes before the end; a
 * cancelled search stops early. */

#define BLOCK (1 << 20)
#define BIG_SIZE (64 << 20)

typedef struct
{
  PfBodySearch *search;
  gboolean done;
  GError *error;
  guint firsts;
  guint64 first_offset;
  guint64 scanned_at_first;
  gboolean done_before_first;
  guint progresses;
  guint64 last_progress_count;
  gboolean cancel_at_first;
} Outcome;

static void
first_match_cb (PfBodySearch *search,
                guint64 offset,
                guint64 length,
                Outcome *out)
{
  out->firsts++;
  out->first_offset = offset;
  out->scanned_at_first = pf_body_search_get_scanned (search);
  out->done_before_first = out->done;
  if (out->cancel_at_first)
    pf_body_search_cancel (search);
}

static void
progress_cb (PfBodySearch *search,
             guint64 scanned,
             guint64 count,
             Outcome *out)
{
  g_assert_cmpuint (count, >=, out->last_progress_count);
  out->progresses++;
  out->last_progress_count = count;
}

static void
done_cb (PfBodySearch *search,
         const GError *error,
         Outcome *out)
{
  g_assert_false (out->done);
  out->done = TRUE;
  out->error = error ? g_error_copy (error) : NULL;
}

static void
outcome_clear (Outcome *out)
{
  g_clear_error (&out->error);
  if (out->search != NULL)
    g_assert_finalize_object (out->search);
}

/* Starts @search, connected to @out, and waits for its end. */
static void
run (PfBodySearch *search,
     Outcome *out)
{
  out->search = search;
  g_signal_connect (search, "first-match", G_CALLBACK (first_match_cb), out);
  g_signal_connect (search, "progress", G_CALLBACK (progress_cb), out);
  g_signal_connect (search, "done", G_CALLBACK (done_cb), out);
  pf_body_search_start (search);
  PF_TEST_WAIT_UNTIL (out->done, 60000);
  g_assert_true (pf_body_search_is_done (search));
  /* Nothing comes after "done". */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static PfBodyStore *
store_new (const void *data,
           gsize len,
           gsize memory_limit)
{
  PfBodyStore *store = pf_body_store_new (memory_limit, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  pf_body_store_write_async (store, data, len, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 30000);
  g_assert_true (pf_body_store_write_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_true ((pf_body_store_get_file (store) != NULL) == (len > memory_limit));
  return store;
}

/* Searches @store and checks the outcome ended without an error. */
static void
search_store (PfBodyStore *store,
              const char *pattern,
              PfBodySearchFlags flags,
              Outcome *out)
{
  g_autoptr (GError) error = NULL;
  PfBodySearch *search = pf_body_search_new (store, pattern, flags, &error);

  g_assert_no_error (error);
  run (search, out);
  g_assert_no_error (out->error);
  g_assert_cmpuint (pf_body_search_get_scanned (search), ==, pf_body_store_get_size (store));
}

static void
assert_matches (PfBodySearch *search,
                const guint64 *offsets,
                const guint64 *lengths,
                guint n)
{
  g_assert_cmpuint (pf_body_search_get_count (search), ==, n);
  g_assert_cmpuint (pf_body_search_get_n_kept (search), ==, n);
  for (guint i = 0; i < n; i++)
    {
      guint64 offset, length;

      g_assert_true (pf_body_search_get_match (search, i, &offset, &length));
      g_assert_cmpuint (offset, ==, offsets[i]);
      g_assert_cmpuint (length, ==, lengths[i]);
    }
  g_assert_false (pf_body_search_get_match (search, n, NULL, NULL));
}

static void
test_memory_literal (void)
{
  const char *body = "one two one twone on";
  g_autoptr (PfBodyStore) store = store_new (body, strlen (body), 1024);
  Outcome out = { 0 };

  search_store (store, "one", PF_BODY_SEARCH_LITERAL, &out);
  assert_matches (out.search, (guint64[]){ 0, 8, 14 }, (guint64[]){ 3, 3, 3 }, 3);
  g_assert_cmpuint (out.firsts, ==, 1);
  g_assert_cmpuint (out.first_offset, ==, 0);
  outcome_clear (&out);
}

/* Bytes of the caller's own (a body viewer's), searched as a store's are. */
static void
test_bytes_literal (void)
{
  g_autoptr (GBytes) body = g_bytes_new_static ("one two one twone on", 20);
  g_autoptr (GError) error = NULL;
  PfBodySearch *search = pf_body_search_new_for_bytes (body, "one", PF_BODY_SEARCH_LITERAL,
                                                       &error);
  Outcome out = { 0 };

  g_assert_no_error (error);
  run (search, &out);
  g_assert_no_error (out.error);
  assert_matches (out.search, (guint64[]){ 0, 8, 14 }, (guint64[]){ 3, 3, 3 }, 3);
  g_assert_cmpuint (pf_body_search_get_scanned (search), ==, 20);
  outcome_clear (&out);
}

static void
test_memory_no_overlap (void)
{
  const char *body = "aaaaa";
  g_autoptr (PfBodyStore) store = store_new (body, strlen (body), 1024);
  Outcome out = { 0 };

  search_store (store, "aa", PF_BODY_SEARCH_LITERAL, &out);
  assert_matches (out.search, (guint64[]){ 0, 2 }, (guint64[]){ 2, 2 }, 2);
  outcome_clear (&out);
}

static void
test_memory_ignore_case (void)
{
  const char *body = "Error error ERROR eRRor errors";
  g_autoptr (PfBodyStore) store = store_new (body, strlen (body), 1024);
  Outcome exact = { 0 }, folded = { 0 };

  search_store (store, "error", PF_BODY_SEARCH_LITERAL, &exact);
  assert_matches (exact.search, (guint64[]){ 6, 24 }, (guint64[]){ 5, 5 }, 2);
  search_store (store, "ERROR", PF_BODY_SEARCH_IGNORE_CASE, &folded);
  assert_matches (folded.search, (guint64[]){ 0, 6, 12, 18, 24 },
                  (guint64[]){ 5, 5, 5, 5, 5 }, 5);
  outcome_clear (&exact);
  outcome_clear (&folded);
}

static void
test_memory_whole_word (void)
{
  const char *body = "cat concat cat_ cats cat. (cat)\ncat";
  g_autoptr (PfBodyStore) store = store_new (body, strlen (body), 1024);
  Outcome out = { 0 };

  search_store (store, "cat", PF_BODY_SEARCH_WHOLE_WORD, &out);
  assert_matches (out.search, (guint64[]){ 0, 21, 27, 32 }, (guint64[]){ 3, 3, 3, 3 }, 4);
  outcome_clear (&out);
}

static void
test_memory_regex (void)
{
  const char *body = "id=12 id=345 ID=6 id=x\nid=7";
  g_autoptr (PfBodyStore) store = store_new (body, strlen (body), 1024);
  Outcome out = { 0 }, folded = { 0 }, empty = { 0 };

  search_store (store, "id=\\d+", PF_BODY_SEARCH_REGEX, &out);
  assert_matches (out.search, (guint64[]){ 0, 6, 23 }, (guint64[]){ 5, 6, 4 }, 3);
  search_store (store, "^id=\\d", PF_BODY_SEARCH_REGEX | PF_BODY_SEARCH_IGNORE_CASE, &folded);
  assert_matches (folded.search, (guint64[]){ 0, 23 }, (guint64[]){ 4, 4 }, 2);
  /* Empty matches are not matches. */
  search_store (store, "q*", PF_BODY_SEARCH_REGEX, &empty);
  assert_matches (empty.search, NULL, NULL, 0);
  g_assert_cmpuint (empty.firsts, ==, 0);
  outcome_clear (&out);
  outcome_clear (&folded);
  outcome_clear (&empty);
}

static void
test_bad_patterns (void)
{
  g_autoptr (PfBodyStore) store = store_new ("body", 4, 1024);
  g_autoptr (PfBodyStore) sink_store = NULL;
  g_autoptr (GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_null (pf_body_search_new (store, "a(", PF_BODY_SEARCH_REGEX, &error));
  g_assert_error (error, G_REGEX_ERROR, G_REGEX_ERROR_UNMATCHED_PARENTHESIS);
  g_clear_error (&error);
  g_assert_null (pf_body_search_new (store, "", PF_BODY_SEARCH_LITERAL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* "a(" is fine as a literal. */
  g_assert_finalize_object (pf_body_search_new (store, "a(", PF_BODY_SEARCH_LITERAL, &error));
  g_assert_no_error (error);
  sink_store = pf_body_store_new (1024, sink);
  g_assert_null (pf_body_search_new (sink_store, "a", PF_BODY_SEARCH_LITERAL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

/* A body of few distinct bytes, so that matches are everywhere, across every block edge;
 * NEEDLE planted across the first blocks' nominal edges too. */
static GBytes *
dense_body (gsize len)
{
  static const char alphabet[] = "abAB _\n.";
  g_autoptr (GRand) rand = g_rand_new_with_seed (19);
  guint8 *data = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    data[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
  for (gsize k = 1; (k + 1) * BLOCK < len; k++)
    memcpy (data + k * BLOCK - k, " NEEDLE ", 8);
  return g_bytes_new_take (data, len);
}

static gboolean
equal_at (const guint8 *data,
          const char *pattern,
          gsize m,
          gboolean fold)
{
  for (gsize i = 0; i < m; i++)
    if (fold ? g_ascii_tolower (data[i]) != g_ascii_tolower (pattern[i])
             : data[i] != (guint8) pattern[i])
      return FALSE;
  return TRUE;
}

static gboolean
word_at (const guint8 *data,
         gsize i)
{
  return g_ascii_isalnum (data[i]) || data[i] == '_';
}

/* The reference: every position tried in turn, a match skips its own bytes. */
static GArray *
reference_literal (GBytes *body,
                   const char *pattern,
                   PfBodySearchFlags flags)
{
  gsize len, m = strlen (pattern);
  const guint8 *data = g_bytes_get_data (body, &len);
  gboolean fold = flags & PF_BODY_SEARCH_IGNORE_CASE, word = flags & PF_BODY_SEARCH_WHOLE_WORD;
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (gsize at = 0; at + m <= len;)
    {
      gboolean counts = equal_at (data + at, pattern, m, fold) && (!word || ((at == 0 || !word_at (data, at - 1)) && (at + m == len || !word_at (data, at + m))));
      guint64 offset = at;

      if (counts)
        g_array_append_val (offsets, offset);
      at += counts ? m : 1;
    }
  return offsets;
}

/* GRegex over the whole body at once, as the reference for the search's blocks of lines. */
static GArray *
reference_regex (GBytes *body,
                 const char *pattern)
{
  g_autoptr (GRegex) regex = g_regex_new (pattern, G_REGEX_RAW | G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GMatchInfo) info = NULL;
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  g_regex_match_full (regex, data, len, 0, 0, &info, NULL);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      int start, end;
      guint64 offset;

      g_match_info_fetch_pos (info, 0, &start, &end);
      offset = start;
      if (end > start)
        g_array_append_val (offsets, offset);
    }
  return offsets;
}

/* All of @want counted, the first PF_BODY_SEARCH_MAX_KEPT kept. */
static void
assert_offsets (PfBodySearch *search,
                GArray *want)
{
  guint kept = MIN (want->len, PF_BODY_SEARCH_MAX_KEPT);

  g_assert_cmpuint (want->len, >, 0);
  g_assert_cmpuint (pf_body_search_get_count (search), ==, want->len);
  g_assert_cmpuint (pf_body_search_get_n_kept (search), ==, kept);
  for (guint i = 0; i < kept; i++)
    {
      guint64 offset;

      g_assert_true (pf_body_search_get_match (search, i, &offset, NULL));
      g_assert_cmpuint (offset, ==, g_array_index (want, guint64, i));
    }
}

static void
test_spooled_literal (void)
{
  g_autoptr (GBytes) body = dense_body (5 * BLOCK + 12345);
  g_autoptr (PfBodyStore) store = store_new (g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), 4096);
  static const struct
  {
    const char *pattern;
    PfBodySearchFlags flags;
  } cases[] = {
    { "NEEDLE", PF_BODY_SEARCH_LITERAL },
    { "NEEDLE", PF_BODY_SEARCH_WHOLE_WORD },
    { "aba", PF_BODY_SEARCH_LITERAL },
    { "aba", PF_BODY_SEARCH_IGNORE_CASE },
    { "ab", PF_BODY_SEARCH_WHOLE_WORD },
    { "Ab", PF_BODY_SEARCH_WHOLE_WORD | PF_BODY_SEARCH_IGNORE_CASE },
    /* More matches than are kept. */
    { "_a", PF_BODY_SEARCH_IGNORE_CASE },
    { "needle", PF_BODY_SEARCH_IGNORE_CASE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GArray) want = reference_literal (body, cases[i].pattern, cases[i].flags);
      Outcome out = { 0 };

      g_test_message ("“%s”, flags %d: %u matches", cases[i].pattern, cases[i].flags, want->len);
      search_store (store, cases[i].pattern, cases[i].flags, &out);
      assert_offsets (out.search, want);
      g_assert_cmpuint (out.firsts, ==, 1);
      g_assert_cmpuint (out.first_offset, ==, g_array_index (want, guint64, 0));
      outcome_clear (&out);
    }
}

/* Lines of log text, with a run of lines longer than a block (no newline to cut at). */
static void
test_spooled_regex (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (PfBodyStore) store = NULL;
  const char *patterns[] = { "id=\\d{3}\\b", "^GET", "status (?:404|500)$", "NEEDLE" };

  for (guint n = 0; text->len < 4 * BLOCK; n++)
    g_string_append_printf (text, "GET /item?id=%u status %u%s\n", n * 7919 % 100000,
                            n % 13 == 0 ? 404 : n % 17 == 0 ? 500
                                                            : 200,
                            n % 1000 == 0 ? " NEEDLE" : "");
  body = g_string_free_to_bytes (g_steal_pointer (&text));
  store = store_new (g_bytes_get_data (body, NULL), g_bytes_get_size (body), 4096);
  for (gsize i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr (GArray) want = reference_regex (body, patterns[i]);
      Outcome out = { 0 };

      search_store (store, patterns[i], PF_BODY_SEARCH_REGEX, &out);
      g_test_message ("/%s/: %u matches", patterns[i], want->len);
      assert_offsets (out.search, want);
      outcome_clear (&out);
    }
}

static void
test_spooled_vanished (void)
{
  g_autoptr (GBytes) body = dense_body (BLOCK);
  g_autoptr (PfBodyStore) store = store_new (g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), 4096);
  g_autoptr (GError) error = NULL;
  Outcome out = { 0 };
  PfBodySearch *search = pf_body_search_new (store, "ab", PF_BODY_SEARCH_LITERAL, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_delete (pf_body_store_get_file (store), NULL, NULL));
  run (search, &out);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (out.error->message, g_file_peek_path (pf_body_store_get_file (store))));
  g_assert_error ((GError *) pf_body_search_get_error (search), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (out.firsts, ==, 0);
  outcome_clear (&out);
}

/* BIG_SIZE of log lines; NEEDLE in the first line and every 4096th after it. */
static PfBodyStore *
big_store (guint64 *needles)
{
  static const char line[] = "2026-12-05T18:15:02.123Z INFO request GET /api/items 200 12ms\n";
  static const char needle[] = "2026-12-05T18:15:02.123Z WARN  NEEDLE GET /api/items 200 12ms\n";
  gsize n = sizeof line - 1, lines = BIG_SIZE / n;
  g_autofree guint8 *data = g_malloc (lines * n);

  G_STATIC_ASSERT (sizeof line == sizeof needle);
  *needles = 0;
  for (gsize i = 0; i < lines; i++)
    {
      gboolean planted = i % 4096 == 0;

      memcpy (data + i * n, planted ? needle : line, n);
      *needles += planted;
    }
  return store_new (data, lines * n, 4096);
}

static void
test_first_match_before_done (void)
{
  guint64 needles;
  g_autoptr (PfBodyStore) store = big_store (&needles);
  g_autoptr (GError) error = NULL;
  Outcome out = { 0 };

  run (pf_body_search_new (store, "NEEDLE", PF_BODY_SEARCH_LITERAL, &error), &out);
  g_assert_no_error (error);
  g_assert_no_error (out.error);
  g_assert_cmpuint (out.firsts, ==, 1);
  g_assert_false (out.done_before_first);
  g_assert_cmpuint (out.first_offset, ==, 31);
  /* It came while the worker was still reading the body. */
  g_assert_cmpuint (out.scanned_at_first, <, pf_body_store_get_size (store));
  g_assert_cmpuint (pf_body_search_get_count (out.search), ==, needles);
  g_assert_cmpuint (pf_body_search_get_n_kept (out.search), ==, needles);
  outcome_clear (&out);
}

static void
test_cancel_stops_early (void)
{
  guint64 needles;
  g_autoptr (PfBodyStore) store = big_store (&needles);
  g_autoptr (GError) error = NULL;
  Outcome out = { .cancel_at_first = TRUE };

  run (pf_body_search_new (store, "needle", PF_BODY_SEARCH_IGNORE_CASE, &error), &out);
  g_assert_no_error (error);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (out.firsts, ==, 1);
  g_assert_cmpuint (pf_body_search_get_scanned (out.search), <, pf_body_store_get_size (store));
  g_assert_cmpuint (pf_body_search_get_count (out.search), <, needles);
  outcome_clear (&out);
}

/* A search dropped while it runs stops and lets go of everything. */
static void
test_cancel_at_once (void)
{
  guint64 needles;
  g_autoptr (PfBodyStore) store = big_store (&needles);
  g_autoptr (GError) error = NULL;
  Outcome out = { 0 };
  PfBodySearch *search = pf_body_search_new (store, "NEEDLE", PF_BODY_SEARCH_REGEX, &error);

  g_assert_no_error (error);
  g_signal_connect (search, "done", G_CALLBACK (done_cb), &out);
  pf_body_search_start (search);
  pf_body_search_cancel (search);
  PF_TEST_WAIT_UNTIL (out.done, 30000);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (pf_body_search_get_scanned (search), <, pf_body_store_get_size (store));
  out.search = search;
  outcome_clear (&out);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/body-search/memory/literal", test_memory_literal);
  g_test_add_func ("/body-search/memory/bytes-of-its-own", test_bytes_literal);
  g_test_add_func ("/body-search/memory/matches-do-not-overlap", test_memory_no_overlap);
  g_test_add_func ("/body-search/memory/ignore-case-folds-ascii", test_memory_ignore_case);
  g_test_add_func ("/body-search/memory/whole-word", test_memory_whole_word);
  g_test_add_func ("/body-search/memory/regex", test_memory_regex);
  g_test_add_func ("/body-search/bad-pattern-is-an-error", test_bad_patterns);
  g_test_add_func ("/body-search/spooled/literal-across-blocks", test_spooled_literal);
  g_test_add_func ("/body-search/spooled/regex-across-blocks", test_spooled_regex);
  g_test_add_func ("/body-search/spooled/vanished-file-is-an-error", test_spooled_vanished);
  g_test_add_func ("/body-search/spooled/first-match-before-done", test_first_match_before_done);
  g_test_add_func ("/body-search/spooled/cancel-stops-early", test_cancel_stops_early);
  g_test_add_func ("/body-search/spooled/cancel-at-once", test_cancel_at_once);

  return g_test_run ();
}
