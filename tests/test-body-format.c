/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-body-format.h"
#include "pf-mime.h"
#include "pf-test-tsv.h"

#include <string.h>

/* The tables hold bytes with escapes (\n \r \t \\ \xHH), so NULs and stray bytes fit a line. */
static GString *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      char byte = *p;

      if (*p == '\\' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]))
        {
          byte = (char) (g_ascii_xdigit_value (p[2]) * 16 + g_ascii_xdigit_value (p[3]));
          p += 3;
        }
      else if (*p == '\\' && p[1] != '\0')
        {
          p++;
          byte = *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p == 't' ? '\t' : *p;
        }
      g_string_append_c (out, byte);
    }
  return out;
}

static PfBodyFormat
format_named (const char *nick)
{
  g_autoptr (GEnumClass) class = g_type_class_ref (PF_TYPE_BODY_FORMAT);
  GEnumValue *value = g_enum_get_value_by_nick (class, nick);

  g_assert_nonnull (value);
  return value->value;
}

/* An image ping's one event: load when the body is an image Chromium draws, whatever the
 * status and (SVG aside) the Content-Type; error otherwise. */
static void
test_image_ping_load_or_error (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("image-ping.tsv");

  g_assert_cmpuint (rows->len, >=, 20);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr (GString) body = unescape (row[3]);
      const char *type = g_str_equal (row[2], "-") ? NULL : row[2];
      const char *image = pf_mime_sniff_image (type, (const guint8 *) body->str, body->len);

      g_test_message ("%s: %s %s", row[0], row[1], row[2]);
      g_assert_cmpstr (image ? "load" : "error", ==, row[4]);
    }
}

static void
test_what_a_body_is (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("body-formats.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr (GString) body = unescape (row[1]);

      g_test_message ("“%s”, body “%s”", row[0], row[1]);
      g_assert_cmpint (pf_body_format_detect (row[0], body->str, body->len, body->len), ==,
                       format_named (row[2]));
    }
}

static void
test_display_of_whole_bodies (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("body-display.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr (GString) body = unescape (row[1]);
      g_autoptr (GString) expected = unescape (row[2]);
      g_autofree char *note = NULL;
      g_autofree char *shown = pf_body_format_display_text (row[0], body->str, body->len,
                                                            body->len, &note);

      g_test_message ("“%s”, body “%s”", row[0], row[1]);
      g_assert_cmpstr (shown, ==, expected->str);
      g_assert_cmpstr (note, ==, g_str_equal (row[3], "-") ? NULL : row[3]);
    }
}

static void
test_response_xml_notes (void)
{
  g_autoptr (GPtrArray) rows = pf_test_tsv_load ("body-xml-notes.tsv");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      const char *note = pf_body_format_xml_note (row[0], g_str_equal (row[1], "yes"), row[2],
                                                  strlen (row[2]));

      g_test_message ("“%s”, document: %s, body “%s”", row[0], row[1], row[2]);
      g_assert_cmpstr (note, ==, g_str_equal (row[3], "-") ? NULL : row[3]);
    }
}

/* GTK lays out a wrapped line in time that grows with its square: the text stops in the first
 * line longer than 4 KiB, before the character that the line's byte 4096 is part of. */
static void
test_long_line_cut_on_a_character_boundary (void)
{
  g_autoptr (GString) text = g_string_new ("first line\n");
  g_autofree char *note = NULL;
  g_autofree char *shown = NULL;

  for (int i = 0; i < 2000; i++)
    g_string_append (text, "€");
  shown = pf_body_format_display_text ("text/plain", text->str, text->len, text->len, &note);
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  /* 4096 = 1365 × 3 + 1: the line shows 1365 three-byte characters. */
  g_assert_cmpuint (strlen (shown), ==, strlen ("first line\n") + 1365 * 3);
  g_assert_cmpstr (note, ==, "Showing the first 4.1\u00a0kB of 6.0\u00a0kB: the text stops in a "
                   "line longer than 4.1\u00a0kB.");
}

/* JSON whose one string makes a line too long is shown as it came, cut like any text. */
static void
test_json_with_a_long_line_shown_as_it_came (void)
{
  g_autoptr (GString) json = g_string_new ("{\"a\": \"");
  g_autofree char *note = NULL;
  g_autofree char *shown = NULL;

  for (int i = 0; i < 1000; i++)
    g_string_append (json, "0123456789");
  g_string_append (json, "\"}");
  shown = pf_body_format_display_text ("application/json", json->str, json->len, json->len,
                                       &note);
  g_assert_cmpuint (strlen (shown), ==, 4096);
  g_assert_true (g_str_has_prefix (shown, "{\"a\": \"0123"));
  g_assert_true (g_str_has_suffix (note, "the text stops in a line longer than 4.1\u00a0kB."));
}

/* Short lines past 1 MiB: the first 1 MiB is shown. */
static void
test_text_past_1_mib_cut (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *note = NULL;
  g_autofree char *shown = NULL;

  while (text->len < 2000000)
    g_string_append (text, "a line of the body, short enough to wrap quickly\n");
  shown = pf_body_format_display_text ("text/plain", text->str, text->len, text->len, &note);
  g_assert_cmpuint (strlen (shown), ==, PF_BODY_FORMAT_TEXT_MAX);
  g_assert_cmpstr (note, ==, "Showing the first 1.0\u00a0MB of 2.0\u00a0MB.");
}

/* The 1 MiB limit inside a character: the text stops before it, and is still text. */
static void
test_cut_mid_character_stays_text (void)
{
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *note = NULL;
  g_autofree char *shown = NULL;

  /* Lines of 50 three-byte characters: the limit falls on the third byte of one. */
  for (int i = 0; i < 50; i++)
    g_string_append (line, "€");
  g_string_append_c (line, '\n');
  while (text->len < 2 * PF_BODY_FORMAT_TEXT_MAX)
    g_string_append (text, line->str);
  g_assert_cmpint ((guchar) text->str[PF_BODY_FORMAT_TEXT_MAX] & 0xC0, ==, 0x80);
  g_assert_cmpint ((guchar) text->str[PF_BODY_FORMAT_TEXT_MAX - 1] & 0xC0, ==, 0x80);
  shown = pf_body_format_display_text ("text/plain", text->str, text->len, text->len, &note);
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  g_assert_cmpuint (strlen (shown), ==, PF_BODY_FORMAT_TEXT_MAX - 2);
  g_assert_true (g_str_has_prefix (note, "Showing the first 1.0\u00a0MB of 2.1\u00a0MB"));
  g_assert_cmpint (pf_body_format_detect ("text/plain", text->str, text->len, text->len), ==,
                   PF_BODY_FORMAT_TEXT);
}

/* A spooled body is read only in part: a part that ends inside a character is text up to it,
 * and an incomplete JSON body is not parsed. */
static void
test_part_of_a_body (void)
{
  const char part[] = "{\"caf\xc3\xa9\":\"\xe2\x82";
  g_autofree char *note = NULL;
  g_autofree char *shown = pf_body_format_display_text ("application/json", part,
                                                        sizeof part - 1, 100, &note);

  g_assert_cmpstr (shown, ==, "{\"caf\xc3\xa9\":\"");
  g_assert_cmpstr (note, ==, "Showing the first 10 bytes of 100 bytes.");
  g_assert_cmpint (pf_body_format_detect ("application/json", part, sizeof part - 1, 100), ==,
                   PF_BODY_FORMAT_JSON);
}

/* Binary: the hex dump shows the first 16 KiB, a row of 16 bytes each. */
static void
test_binary_hex_dump_of_the_start (void)
{
  g_autofree guchar *data = g_malloc (100000);
  g_autofree char *note = NULL;
  g_autofree char *shown = NULL;
  g_auto (GStrv) rows = NULL;

  memset (data, 0xff, 100000);
  shown = pf_body_format_display_text ("application/octet-stream", (const char *) data, 100000,
                                       100000, &note);
  rows = g_strsplit (shown, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 16 * 1024 / 16 + 1);
  g_assert_true (g_str_has_prefix (rows[1023], "00003ff0  ff ff"));
  g_assert_cmpstr (note, ==, "Binary body, 100.0\u00a0kB: the first 16.4\u00a0kB in hexadecimal.");
}

/* Fed @text in @step-byte chunks (cut anywhere, as the network does), the live display shows
 * what the final display shows. */
static void
assert_live_matches_final (const GString *text,
                           gsize          step)
{
  g_autoptr (GString) live = g_string_new (NULL);
  g_autofree char *note = NULL;
  g_autofree char *final = pf_body_format_display_text ("text/plain", text->str, text->len,
                                                        text->len, &note);
  gsize shown = 0, line = 0, pending = 0;
  gboolean full = FALSE;

  for (gsize at = 0; at < text->len && !full; at += step)
    {
      gsize len = MIN (step, text->len - at);
      gsize whole = len + pending;
      gsize n;

      /* The exchange hands over whole characters: a cut one waits for the next chunk. */
      while (whole > 0 && at + len < text->len &&
             ((guchar) text->str[at - pending + whole] & 0xC0) == 0x80)
        whole--;
      n = pf_body_format_live_length (text->str + at - pending, whole, &shown, &line);
      g_string_append_len (live, text->str + at - pending, n);
      full = n < whole;
      pending = len + pending - whole;
    }
  g_assert_cmpuint (live->len, ==, strlen (final));
  g_assert_cmpstr (live->str, ==, final);
}

static void
test_live_text_within_the_same_limits (void)
{
  g_autoptr (GString) long_line = g_string_new ("first line\n");
  g_autoptr (GString) many_lines = g_string_new (NULL);
  g_autoptr (GString) short_text = g_string_new ("line 1\nline 2\n");

  for (int i = 0; i < 2000; i++)
    g_string_append (long_line, "€");
  for (int i = 0; many_lines->len < 2 * PF_BODY_FORMAT_TEXT_MAX; i++)
    g_string_append_printf (many_lines, "line %d: €uro\n", i);
  assert_live_matches_final (short_text, 3);
  assert_live_matches_final (long_line, 7);
  assert_live_matches_final (long_line, 4096);
  assert_live_matches_final (many_lines, 1000);
  assert_live_matches_final (many_lines, 65536);
}

/* Found by fuzzing: JSON with a lone surrogate escape is shown as the text it is, not as
 * indented JSON that would not be UTF-8. */
static void
test_json_lone_surrogate (void)
{
  const char body[] = "{\"a\": \"x\\udeux\"}";
  g_autofree char *note = NULL;
  g_autofree char *text = pf_body_format_display_text ("application/json", body, strlen (body),
                                                       strlen (body), &note);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* Blank JSON parses to no root: shown as text, without a critical. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&note, g_free);
  text = pf_body_format_display_text ("application/json", "  \n ", 4, 4, &note);
  g_assert_cmpstr (text, ==, "  \n ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/body-format/detect/by-mime-type-then-bytes", test_what_a_body_is);
  g_test_add_func ("/body-format/display/whole-bodies", test_display_of_whole_bodies);
  g_test_add_func ("/body-format/image-ping/load-or-error", test_image_ping_load_or_error);
  g_test_add_func ("/body-format/display/long-line-cut-on-a-character-boundary",
                   test_long_line_cut_on_a_character_boundary);
  g_test_add_func ("/body-format/display/json-with-a-long-line-shown-as-it-came",
                   test_json_with_a_long_line_shown_as_it_came);
  g_test_add_func ("/body-format/display/text-past-1-mib-cut", test_text_past_1_mib_cut);
  g_test_add_func ("/body-format/display/cut-mid-character-stays-text",
                   test_cut_mid_character_stays_text);
  g_test_add_func ("/body-format/display/part-of-a-spooled-body", test_part_of_a_body);
  g_test_add_func ("/body-format/display/binary-hex-dump-of-the-start",
                   test_binary_hex_dump_of_the_start);
  g_test_add_func ("/body-format/response-xml/notes", test_response_xml_notes);
  g_test_add_func ("/body-format/display/json-lone-surrogate-stays-text", test_json_lone_surrogate);
  g_test_add_func ("/body-format/live/within-the-same-limits",
                   test_live_text_within_the_same_limits);

  return g_test_run ();
}
