/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pf-body-lines.h"

/* PfBodyLines over bodies in memory and in a file: the row at every offset and the rows read
 * on from every row start agree with row starts worked out here from the rule's words, for
 * random bodies of short and long lines and multi-byte characters at every small segment; a
 * 50 MB line in rows; the text a row shows; a growing file; a vanished file. */

/* The row starts of @data by the rule's words: 0, after each newline, and each segment mark
 * with no newline in the segment before it, moved to a character's first byte. */
static GArray *
expected_starts (const guint8 *data,
                 gsize size,
                 guint segment)
{
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 zero = 0;

  g_array_append_val (starts, zero);
  for (guint64 p = 1; p < size; p++)
    {
      gboolean start = data[p - 1] == '\n';

      for (guint64 mark = p; !start && mark + 3 >= p && mark >= segment; mark--)
        {
          gboolean newline = FALSE;
          gboolean moved_here = TRUE;

          if (mark % segment != 0)
            continue;
          for (guint64 i = mark - segment; i < mark; i++)
            newline |= data[i] == '\n';
          for (guint64 i = mark; i < p; i++)
            moved_here &= (data[i] & 0xC0) == 0x80;
          start = !newline && moved_here && (p == mark + 3 || (data[p] & 0xC0) != 0x80);
        }
      if (start)
        g_array_append_val (starts, p);
    }
  return g_steal_pointer (&starts);
}

/* A random body: ASCII, newlines at @newline_per_mille, two- and three-byte characters, stray
 * continuation bytes and 0xFF. */
static GBytes *
random_body (GRand *rand,
             gsize size,
             guint newline_per_mille)
{
  static const char *const pieces[] = { "a", "b", " ", "\xc3\xa9", "\xe2\x82\xac", "\x80", "\xff",
                                        "\r" };
  GByteArray *body = g_byte_array_new ();

  while (body->len < size)
    {
      const char *piece = g_rand_int_range (rand, 0, 1000) < (gint32) newline_per_mille
                              ? "\n"
                              : pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

      g_byte_array_append (body, (const guint8 *) piece, strlen (piece));
    }
  return g_byte_array_free_to_bytes (body);
}

static void
check_rows (PfBodyLines *lines,
            const guint8 *data,
            gsize size,
            guint segment)
{
  g_autoptr (GArray) starts = expected_starts (data, size, segment);
  guint next = 0;

  for (guint64 offset = 0; offset < size; offset++)
    {
      guint64 start = G_MAXUINT64;

      while (next + 1 < starts->len && g_array_index (starts, guint64, next + 1) <= offset)
        next++;
      g_assert_true (pf_body_lines_row_start (lines, offset, &start, NULL));
      g_assert_cmpuint (start, ==, g_array_index (starts, guint64, next));
    }
  for (guint i = 0; size > 0 && i < starts->len; i++)
    {
      g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (PfBodyRow));
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      guint64 from = g_array_index (starts, guint64, i);
      guint64 total = 0;

      g_assert_true (pf_body_lines_read_rows (lines, from, 3, rows, bytes, NULL));
      g_assert_cmpuint (rows->len, ==, MIN (3, starts->len - i));
      for (guint r = 0; r < rows->len; r++)
        {
          PfBodyRow *row = &g_array_index (rows, PfBodyRow, r);
          guint64 end = i + r + 1 < starts->len ? g_array_index (starts, guint64, i + r + 1) : size;

          g_assert_cmpuint (row->offset, ==, g_array_index (starts, guint64, i + r));
          g_assert_cmpuint (row->offset + row->length, ==, end);
          g_assert_cmpuint (row->length, <=, 2 * segment + 3);
          g_assert_cmpint (!!(row->flags & PF_BODY_ROW_CONTINUES), ==,
                           end < size && data[end - 1] != '\n');
          total += row->length;
        }
      g_assert_cmpmem (bytes->data, bytes->len, data + from, total);
    }
}

static void
test_random_bytes (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261206);
  static const guint newline_rates[] = { 0, 5, 60, 400 };

  for (guint segment = 4; segment <= 13; segment++)
    for (guint rate = 0; rate < G_N_ELEMENTS (newline_rates); rate++)
      for (guint round = 0; round < 6; round++)
        {
          gsize size = g_rand_int_range (rand, 0, 400);
          g_autoptr (GBytes) body = random_body (rand, size, newline_rates[rate]);
          g_autoptr (PfBodyLines) lines = pf_body_lines_new_for_bytes (body, segment);
          gsize len;
          const guint8 *data = g_bytes_get_data (body, &len);

          check_rows (lines, data, len, segment);
        }
}

static GFile *
write_temp (GBytes *body,
            char **path)
{
  g_autoptr (GError) error = NULL;
  int fd = g_file_open_tmp ("pf-body-lines-XXXXXX", path, &error);
  gsize len;
  const guint8 *data = g_bytes_get_data (body, &len);

  g_assert_no_error (error);
  g_assert_cmpint (write (fd, data, len), ==, (gssize) len);
  close (fd);
  return g_file_new_for_path (*path);
}

/* The same from a file, at a segment big enough that the reads are cut in blocks. */
static void
test_random_file (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (6122026);

  for (guint round = 0; round < 4; round++)
    {
      guint segment = g_rand_int_range (rand, 4, 40);
      g_autoptr (GBytes) body = random_body (rand, 3000 + round * 1000, round * 3);
      g_autofree char *path = NULL;
      g_autoptr (GFile) file = write_temp (body, &path);
      g_autoptr (GError) error = NULL;
      g_autoptr (PfBodyLines) lines = pf_body_lines_new_for_file (file, segment, &error);
      gsize len;
      const guint8 *data = g_bytes_get_data (body, &len);

      g_assert_no_error (error);
      g_assert_cmpuint (pf_body_lines_get_size (lines), ==, len);
      check_rows (lines, data, len, segment);
      g_unlink (path);
    }
}

/* A 50 MB line is rows of one to two segments, found from anywhere in it at once; reading
 * many rows on crosses the reads' blocks. */
static void
test_long_line (void)
{
  gsize size = 50 * 1000 * 1000;
  g_autofree guint8 *data = g_malloc (size);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (PfBodyLines) lines = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (PfBodyRow));
  guint64 start = 0;
  guint64 expected = 0;

  memset (data, 'x', size);
  data[size - 1] = '\n';
  body = g_bytes_new_take (g_steal_pointer (&data), size);
  lines = pf_body_lines_new_for_bytes (body, PF_BODY_LINES_SEGMENT);
  g_assert_true (pf_body_lines_row_start (lines, size - 1, &start, NULL));
  g_assert_cmpuint (start, ==, (size - 1) / PF_BODY_LINES_SEGMENT * PF_BODY_LINES_SEGMENT);
  g_assert_true (pf_body_lines_row_start (lines, G_MAXUINT64, &start, NULL));
  g_assert_cmpuint (start, ==, (size - 1) / PF_BODY_LINES_SEGMENT * PF_BODY_LINES_SEGMENT);
  g_assert_true (pf_body_lines_read_rows (lines, 0, 100, rows, NULL, NULL));
  g_assert_cmpuint (rows->len, ==, 100);
  for (guint i = 0; i < rows->len; i++)
    {
      PfBodyRow *row = &g_array_index (rows, PfBodyRow, i);

      g_assert_cmpuint (row->offset, ==, expected);
      g_assert_cmpuint (row->length, ==, PF_BODY_LINES_SEGMENT);
      g_assert_true (row->flags & PF_BODY_ROW_CONTINUES);
      expected += row->length;
    }
}

static void
test_row_text (void)
{
  static const struct
  {
    const char *bytes;
    guint32 flags;
    const char *text;
  } cases[] = {
    { "plain\n", PF_BODY_ROW_NONE, "plain" },
    { "crlf\r\n", PF_BODY_ROW_NONE, "crlf" },
    { "no end", PF_BODY_ROW_NONE, "no end" },
    { "bad \xff byte\n", PF_BODY_ROW_NONE, "bad \xef\xbf\xbd byte" },
    { "cut \xe2\x82", PF_BODY_ROW_CONTINUES, "cut \xef\xbf\xbd\xef\xbf\xbd" },
    { "cut before a newline\r", PF_BODY_ROW_CONTINUES, "cut before a newline\r" },
    { "\n", PF_BODY_ROW_NONE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pf_body_lines_row_text ((const guint8 *) cases[i].bytes,
                                                      strlen (cases[i].bytes), cases[i].flags);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* A body spooled as it loads: its new rows show once the size is read again. */
static void
test_growing_file (void)
{
  g_autoptr (GBytes) first = g_bytes_new_static ("one\ntwo", 7);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = write_temp (first, &path);
  g_autoptr (PfBodyLines) lines = pf_body_lines_new_for_file (file, 16, NULL);
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (PfBodyRow));
  g_autoptr (GError) error = NULL;
  FILE *out;

  g_assert_true (pf_body_lines_read_rows (lines, 0, 10, rows, NULL, NULL));
  g_assert_cmpuint (rows->len, ==, 2);
  out = fopen (path, "a");
  fputs ("\nthree\n", out);
  fclose (out);
  g_assert_true (pf_body_lines_update_size (lines, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pf_body_lines_get_size (lines), ==, 14);
  g_array_set_size (rows, 0);
  g_assert_true (pf_body_lines_read_rows (lines, 4, 10, rows, NULL, NULL));
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (g_array_index (rows, PfBodyRow, 0).length, ==, 4);
  g_assert_cmpuint (g_array_index (rows, PfBodyRow, 1).offset, ==, 8);
  g_unlink (path);
}

/* A body whose file is gone says so; one cut short under it, too. */
static void
test_vanished_file (void)
{
  g_autoptr (GBytes) body = g_bytes_new_static ("some\nlines\nhere\n", 16);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = write_temp (body, &path);
  g_autoptr (PfBodyLines) lines = pf_body_lines_new_for_file (file, 16, NULL);
  g_autoptr (PfBodyLines) gone = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (PfBodyRow));
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (lines);
  g_assert_cmpint (truncate (path, 3), ==, 0);
  g_assert_false (pf_body_lines_read_rows (lines, 0, 10, rows, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "shorter"));
  g_clear_error (&error);
  g_unlink (path);
  gone = pf_body_lines_new_for_file (file, 16, &error);
  g_assert_null (gone);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/body-lines/random-bytes", test_random_bytes);
  g_test_add_func ("/body-lines/random-file", test_random_file);
  g_test_add_func ("/body-lines/long-line", test_long_line);
  g_test_add_func ("/body-lines/row-text", test_row_text);
  g_test_add_func ("/body-lines/growing-file", test_growing_file);
  g_test_add_func ("/body-lines/vanished-file", test_vanished_file);
  return g_test_run ();
}
