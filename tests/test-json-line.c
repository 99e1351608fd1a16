/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-json-line.h"

/* preflight-cli's JSON Lines writer: what it escapes, how it writes numbers, and that any
 * string — control characters, U+0000, invalid UTF-8 — comes back from a JSON parser as the
 * text a script would see. */

static char *
line_with_string (const char *value,
                  gsize len)
{
  GString *out = g_string_new (NULL);

  pf_json_line_begin (out);
  pf_json_line_string_len (out, "v", value, len);
  pf_json_line_end (out);
  return g_string_free (out, FALSE);
}

static void
test_escapes (void)
{
  static const struct
  {
    const char *in;
    gsize len;
    const char *out;
  } cases[] = {
    { "plain", 5, "{\"v\":\"plain\"}\n" },
    { "a\"b\\c", 5, "{\"v\":\"a\\\"b\\\\c\"}\n" },
    { "\n\r\t", 3, "{\"v\":\"\\n\\r\\t\"}\n" },
    { "\x01\x1f", 2, "{\"v\":\"\\u0001\\u001f\"}\n" },
    { "a\0b", 3, "{\"v\":\"a\\u0000b\"}\n" },
    { "h\xC3\xA9 \xF0\x9F\x98\x80", 8, "{\"v\":\"h\xC3\xA9 \xF0\x9F\x98\x80\"}\n" },
    { "a\xFF"
      "b",
      3, "{\"v\":\"a\xEF\xBF\xBD"
         "b\"}\n" },
    { "\x7f/", 2, "{\"v\":\"\x7f/\"}\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = line_with_string (cases[i].in, cases[i].len);

      g_assert_cmpstr (line, ==, cases[i].out);
    }
}

static void
test_numbers (void)
{
  static const struct
  {
    gint64 us;
    const char *ms;
  } times[] = {
    { 0, "0.000" },
    { 1, "0.001" },
    { 999, "0.999" },
    { 1000, "1.000" },
    { 123456789, "123456.789" },
    { -1, "-0.001" },
    { -123456, "-123.456" },
  };
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *expected = g_strdup_printf ("{\"t\":%s}\n", times[i].ms);

      g_string_truncate (out, 0);
      pf_json_line_begin (out);
      pf_json_line_ms (out, "t", times[i].us);
      pf_json_line_end (out);
      g_assert_cmpstr (out->str, ==, expected);
    }
  g_string_truncate (out, 0);
  pf_json_line_begin (out);
  pf_json_line_uint (out, "a", 0);
  pf_json_line_uint (out, "b", G_MAXUINT64);
  pf_json_line_bool (out, "c", TRUE);
  pf_json_line_null (out, "d");
  pf_json_line_raw (out, "e", "[1]");
  pf_json_line_end (out);
  g_assert_cmpstr (out->str, ==,
                   "{\"a\":0,\"b\":18446744073709551615,\"c\":true,\"d\":null,\"e\":[1]}\n");
}

/* A byte to escape, a character that is not ASCII or an invalid byte at any place in text of
 * any length, so at every place in and across the blocks the writer looks at together. */
static void
test_escapes_anywhere (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } specials[] = {
    { "\"", "\\\"" },
    { "\\", "\\\\" },
    { "\n", "\\n" },
    { "\x1f", "\\u001f" },
    { "\xC3\xA9", "\xC3\xA9" },
    { "\xFF", "\xEF\xBF\xBD" },
    { "\xC3", "\xEF\xBF\xBD" },
  };

  for (gsize len = 0; len < 40; len++)
    for (gsize at = 0; at <= len; at++)
      for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
        {
          g_autoptr (GString) in = g_string_new (NULL);
          g_autoptr (GString) expected = g_string_new ("{\"v\":\"");
          g_autofree char *line = NULL;

          for (gsize j = 0; j < len; j++)
            g_string_append_c (in, j == at ? '/' : 'a' + j % 26);
          g_string_insert (in, at, specials[i].in);
          g_string_append_len (expected, in->str, at);
          g_string_append (expected, specials[i].out);
          g_string_append (expected, in->str + at + strlen (specials[i].in));
          g_string_append (expected, "\"}\n");
          line = line_with_string (in->str, in->len);
          g_assert_cmpstr (line, ==, expected->str);
        }
}

/* Random bytes, made valid UTF-8 the way the writer does, survive a JSON parser. */
static void
test_round_trip (void)
{
  GRand *rand = g_rand_new_with_seed (20261127);

  for (guint round = 0; round < 2000; round++)
    {
      gsize len = g_rand_int_range (rand, 0, 64);
      g_autofree char *bytes = g_malloc (len + 1);
      g_autofree char *line = NULL;
      g_autofree char *expected = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonObject *object;
      const char *value;

      for (gsize i = 0; i < len; i++)
        bytes[i] = g_rand_int_range (rand, 0, 4) ? g_rand_int_range (rand, 1, 128)
                                                 : g_rand_int_range (rand, 128, 256);
      bytes[len] = '\0';
      line = line_with_string (bytes, len);
      g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      value = json_object_get_string_member (object, "v");
      expected = g_utf8_make_valid (bytes, len);
      g_assert_cmpstr (value, ==, expected);
    }
  g_rand_free (rand);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-line/escapes", test_escapes);
  g_test_add_func ("/json-line/escapes-anywhere", test_escapes_anywhere);
  g_test_add_func ("/json-line/numbers", test_numbers);
  g_test_add_func ("/json-line/round-trip", test_round_trip);

  return g_test_run ();
}
