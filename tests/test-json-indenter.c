/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pf-json-indenter.h"
#include "pf-test-tsv.h"

/* PfJsonIndenter: jq's layout (checked against fixed outputs, and against jq itself when it is
 * installed), the same output and the same error whatever the chunk boundaries, errors that
 * say what was expected and exactly where, the depth limit, and the JSONPath of the value
 * started last. */

/* @doc cut at @cuts (ascending offsets; 0 and @len implied), then finished: the output, or
 * NULL with @error set. */
static char *
indent_cut (const char *doc,
            gsize len,
            const gsize *cuts,
            guint n_cuts,
            GError **error)
{
  g_autoptr (PfJsonIndenter) indenter = pf_json_indenter_new (2);
  g_autoptr (GString) out = g_string_new (NULL);
  gsize from = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize to = i < n_cuts ? cuts[i] : len;

      if (!pf_json_indenter_feed (indenter, doc + from, to - from, out, error))
        return NULL;
      g_assert_cmpuint (strlen (out->str), ==, out->len);
      from = to;
    }
  if (!pf_json_indenter_finish (indenter, out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
indent_whole (const char *doc,
              gsize len,
              GError **error)
{
  return indent_cut (doc, len, NULL, 0, error);
}

static char *
indent_bytewise (const char *doc,
                 gsize len,
                 GError **error)
{
  g_autofree gsize *cuts = g_new (gsize, len + 1);

  for (gsize i = 0; i + 1 < len; i++)
    cuts[i] = i + 1;
  return indent_cut (doc, len, cuts, len > 0 ? len - 1 : 0, error);
}

/* Asserts that @doc gives @want (an output, or NULL for @code and @message) fed whole, a byte
 * at a time, cut at every point and cut at every pair of points. */
static void
assert_every_cut (const char *doc,
                  gsize len,
                  const char *want,
                  int code,
                  const char *message)
{
  for (guint way = 0; way < 3; way++)
    for (gsize i = 0; i <= (way == 2 ? len : 0); i++)
      for (gsize j = i; j <= (way == 2 ? len : i); j++)
        {
          g_autoptr (GError) error = NULL;
          gsize cuts[] = { i, j };
          g_autofree char *got = way == 0   ? indent_whole (doc, len, &error)
                                 : way == 1 ? indent_bytewise (doc, len, &error)
                                            : indent_cut (doc, len, cuts, 2, &error);

          if (want != NULL)
            {
              g_assert_no_error (error);
              g_assert_cmpstr (got, ==, want);
            }
          else
            {
              g_assert_null (got);
              g_assert_error (error, PF_JSON_INDENTER_ERROR, code);
              g_assert_cmpstr (error->message, ==, message);
            }
        }
}

static void
test_layout (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("json-indenter-layout.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autofree char *doc = g_strcompress (row[0]);
      g_autofree char *want = g_strcompress (row[1]);

      g_test_message ("%s", row[0]);
      assert_every_cut (doc, strlen (doc), want, 0, NULL);
    }
}

/* jq itself, on the documents the table says it prints the same. */
static void
test_layout_matches_jq (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("json-indenter-layout.tsv");
  g_autofree char *jq = g_find_program_in_path ("jq");
  guint compared = 0;

  if (jq == NULL)
    {
      g_test_skip ("jq is not installed");
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autofree char *doc = g_strcompress (row[0]);
      g_autofree char *path = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *ours = NULL;
      g_autofree char *theirs = NULL;
      const char *argv[] = { jq, "--indent", "2", ".", NULL, NULL };
      int status;
      int fd;

      if (g_strv_length (row) < 3 || g_strcmp0 (row[2], "jq") != 0)
        continue;
      fd = g_file_open_tmp ("json-indenter-XXXXXX.json", &path, &error);
      g_assert_no_error (error);
      argv[4] = path;
      close (fd);
      g_file_set_contents (path, doc, -1, &error);
      g_assert_no_error (error);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &theirs,
                    NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      ours = indent_whole (doc, strlen (doc), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ours, ==, theirs);
      g_unlink (path);
      compared++;
    }
  g_assert_cmpuint (compared, >=, 10);
}

static void
test_indent_width (void)
{
  const char *doc = "{\"a\":[1,{\"b\":[]}]}";
  g_autoptr (PfJsonIndenter) indenter = pf_json_indenter_new (4);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (pf_json_indenter_feed (indenter, doc, strlen (doc), out, &error));
  g_assert_true (pf_json_indenter_finish (indenter, out, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==,
                   "{\n    \"a\": [\n        1,\n        {\n            \"b\": []\n        }\n"
                   "    ]\n}\n");
}

/* A string with \u escapes, a surrogate pair and multi-byte UTF-8 is copied byte for byte,
 * cut anywhere (inside an escape, between the bytes of a character). */
static void
test_unicode_cut_anywhere (void)
{
  const char *doc = "{\"\xc3\xa9\\u00e9\":[\"\xe4\xb8\xad\\ud83d\\ude00\xf0\x9f\x98\x80\"]}";
  const char *want = "{\n  \"\xc3\xa9\\u00e9\": [\n    \"\xe4\xb8\xad\\ud83d\\ude00"
                     "\xf0\x9f\x98\x80\"\n  ]\n}\n";

  assert_every_cut (doc, strlen (doc), want, 0, NULL);
}

/* Long runs and deep nesting in chunks, against the output of the whole. */
static void
test_big_document_in_chunks (void)
{
  g_autoptr (GString) doc = g_string_new ("[");
  g_autoptr (GError) error = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *bytewise = NULL;
  g_autofree gsize *cuts = g_new (gsize, 1000);
  g_autofree char *cut = NULL;
  GRand *rand = g_rand_new_with_seed (19);
  guint n_cuts = 0;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (doc, "%s{\"n\":%u,\"s\":\"%0*u\\n\\u00e9\",\"a\":[[%u],[]]}",
                            i ? "," : "", i, (int) (i % 300), i, i);
  g_string_append_c (doc, ']');
  whole = indent_whole (doc->str, doc->len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (whole, "\n    ]\n  }\n]\n"));
  bytewise = indent_bytewise (doc->str, doc->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bytewise, ==, whole);
  for (gsize at = 0; n_cuts < 1000 && at < doc->len; n_cuts++)
    cuts[n_cuts] = at = MIN (doc->len, at + g_rand_int_range (rand, 1, 700));
  cut = indent_cut (doc->str, doc->len, cuts, n_cuts, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cut, ==, whole);
  g_rand_free (rand);
}

static int
error_code (const char *name)
{
  if (g_str_equal (name, "syntax"))
    return PF_JSON_INDENTER_ERROR_SYNTAX;
  if (g_str_equal (name, "incomplete"))
    return PF_JSON_INDENTER_ERROR_INCOMPLETE;
  g_assert_cmpstr (name, ==, "too-deep");
  return PF_JSON_INDENTER_ERROR_TOO_DEEP;
}

static void
test_errors (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("json-indenter-errors.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autofree char *doc = g_strcompress (row[0]);

      g_test_message ("%s", row[0]);
      assert_every_cut (doc, strlen (doc), NULL, error_code (row[1]), row[2]);
    }
}

/* After an error, every later call fails the same way and adds nothing. */
static void
test_error_sticks (void)
{
  g_autoptr (PfJsonIndenter) indenter = pf_json_indenter_new (2);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) first = NULL;
  g_autoptr (GError) again = NULL;
  g_autoptr (GError) at_end = NULL;
  gsize len;

  g_assert_false (pf_json_indenter_feed (indenter, "[1 2]", 5, out, &first));
  g_assert_error (first, PF_JSON_INDENTER_ERROR, PF_JSON_INDENTER_ERROR_SYNTAX);
  g_assert_cmpstr (out->str, ==, "[\n  1");
  len = out->len;
  g_assert_false (pf_json_indenter_feed (indenter, "]", 1, out, &again));
  g_assert_cmpstr (again->message, ==, first->message);
  g_assert_false (pf_json_indenter_finish (indenter, out, &at_end));
  g_assert_cmpstr (at_end->message, ==, first->message);
  g_assert_cmpuint (out->len, ==, len);
}

static void
test_too_deep (void)
{
  g_autofree char *deepest = g_strnfill (PF_JSON_INDENTER_MAX_DEPTH, '[');
  g_autofree char *closes = g_strnfill (PF_JSON_INDENTER_MAX_DEPTH, ']');
  g_autofree char *ok = g_strconcat (deepest, closes, NULL);
  g_autofree char *too_deep = g_strconcat (deepest, "[", closes, "]", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = indent_whole (ok, strlen (ok), &error);
  g_autofree char *fail = NULL;

  g_assert_no_error (error);
  /* A line per bracket, each indented by 2 × its depth; the innermost [] on one line. */
  g_assert_cmpuint (strlen (out), ==,
                    (gsize) 2 * (PF_JSON_INDENTER_MAX_DEPTH - 1) * (PF_JSON_INDENTER_MAX_DEPTH + 1) +
                        3);
  fail = indent_whole (too_deep, strlen (too_deep), &error);
  g_assert_null (fail);
  g_assert_error (error, PF_JSON_INDENTER_ERROR, PF_JSON_INDENTER_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==,
                   "Nested deeper than 10000 levels at line 1, column 10001 (byte 10000)");
}

static void
test_paths (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("json-indenter-paths.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autofree char *prefix = g_strcompress (row[0]);
      gsize len = strlen (prefix);

      g_test_message ("%s", row[0]);
      /* Whole, and cut at every point. */
      for (gsize cut = 0; cut <= len; cut++)
        {
          g_autoptr (PfJsonIndenter) indenter = pf_json_indenter_new (2);
          g_autoptr (GString) out = g_string_new (NULL);
          g_autoptr (GError) error = NULL;
          g_autofree char *path = NULL;

          pf_json_indenter_feed (indenter, prefix, cut, out, &error);
          pf_json_indenter_feed (indenter, prefix + cut, len - cut, out, &error);
          g_assert_no_error (error);
          path = pf_json_indenter_get_path (indenter);
          g_assert_cmpstr (path, ==, row[1]);
        }
    }
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-indenter/layout/as-jq-with-strings-and-numbers-as-written", test_layout);
  g_test_add_func ("/json-indenter/layout/same-as-jq-itself", test_layout_matches_jq);
  g_test_add_func ("/json-indenter/layout/indent-width", test_indent_width);
  g_test_add_func ("/json-indenter/chunks/unicode-cut-anywhere", test_unicode_cut_anywhere);
  g_test_add_func ("/json-indenter/chunks/big-document", test_big_document_in_chunks);
  g_test_add_func ("/json-indenter/errors/say-what-and-where", test_errors);
  g_test_add_func ("/json-indenter/errors/stick", test_error_sticks);
  g_test_add_func ("/json-indenter/errors/too-deep", test_too_deep);
  g_test_add_func ("/json-indenter/path/of-value-started-last", test_paths);

  return g_test_run ();
}
