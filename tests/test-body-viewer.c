/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pf-body-viewer.h"
#include "pf-test-wait.h"

/* PfBodyViewer in a real window: a 64 MiB body of numbered lines opens at its first line,
 * jumps to its last, lands on a whole line wherever its scrollbar is dropped, pages by a
 * screen; a 50 MB single line scrolls through smoothly, wrapped; a body growing at the end
 * keeps the view at the end; a body cut short under it says so. */

#define LINES 5000000 /* "line 0000001\n": 13 bytes each, 65 MB */

typedef struct
{
  GtkWindow *window;
  GtkScrolledWindow *scroller;
  PfBodyViewer *viewer;
  char *path;
} Fixture;

static void
write_file (const char *path,
            const guint8 *data,
            gsize len)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
}

/* "line 0000001\n" to "line NNNNNNN\n", written digit by digit (a printf per line costs minutes
 * under the sanitizers). */
static char *
numbered_lines (guint count,
                gsize *len)
{
  char *text = g_malloc ((gsize) count * 13 + 1);

  for (guint i = 1; i <= count; i++)
    {
      char *line = text + (gsize) (i - 1) * 13;
      guint n = i;

      memcpy (line, "line ", 5);
      for (int d = 11; d >= 5; d--, n /= 10)
        line[d] = (char) ('0' + n % 10);
      line[12] = '\n';
    }
  *len = (gsize) count * 13;
  text[*len] = '\0';
  return text;
}

static gboolean
allocated (Fixture *fixture)
{
  return gtk_widget_get_height (GTK_WIDGET (fixture->viewer)) > 100;
}

static void
fixture_set_up (Fixture *fixture,
                gconstpointer data)
{
  int fd = g_file_open_tmp ("pf-body-viewer-XXXXXX", &fixture->path, NULL);

  close (fd);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  fixture->viewer = PF_BODY_VIEWER (pf_body_viewer_new ());
  gtk_scrolled_window_set_child (fixture->scroller, GTK_WIDGET (fixture->viewer));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->scroller));
  gtk_window_set_default_size (fixture->window, 800, 600);
  gtk_window_present (fixture->window);
  PF_TEST_WAIT_UNTIL (allocated (fixture), 5000);
}

static void
fixture_tear_down (Fixture *fixture,
                   gconstpointer data)
{
  gtk_window_destroy (fixture->window);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

static PfBodyLines *
open_lines (Fixture *fixture,
            guint segment)
{
  g_autoptr (GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr (GError) error = NULL;
  PfBodyLines *lines = pf_body_lines_new_for_file (file, segment, &error);

  g_assert_no_error (error);
  return lines;
}

static void
show (Fixture *fixture,
      PfBodyLines *lines)
{
  pf_body_viewer_set_lines (fixture->viewer, lines);
  /* One frame: what is on screen is what a user sees. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The first and last line numbers on screen. */
static void
visible_numbers (Fixture *fixture,
                 guint *first,
                 guint *last)
{
  g_autofree char *text = pf_body_viewer_dup_visible_text (fixture->viewer);
  g_auto (GStrv) rows = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (rows);

  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpint (sscanf (rows[0], "line %u", first), ==, 1);
  g_assert_cmpint (sscanf (rows[n - 2], "line %u", last), ==, 1);
}

static void
test_numbered_lines (Fixture *fixture,
                     gconstpointer data)
{
  gsize len;
  g_autofree char *text = numbered_lines (LINES, &len);
  g_autoptr (PfBodyLines) lines = NULL;
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (fixture->scroller);
  guint first, last, first_before;

  write_file (fixture->path, (const guint8 *) text, len);
  lines = open_lines (fixture, PF_BODY_LINES_SEGMENT);
  show (fixture, lines);
  visible_numbers (fixture, &first, &last);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, >, 10);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), ==, (double) len);

  /* The end: the last line is the last one on screen, and the scrollbar is at its end. */
  pf_body_viewer_scroll_to_end (fixture->viewer);
  visible_numbers (fixture, &first, &last);
  g_assert_cmpuint (last, ==, LINES);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (
                                                                  vadjustment),
                     ==, gtk_adjustment_get_upper (vadjustment));

  /* The scrollbar dropped in the middle: the line there, whole. */
  gtk_adjustment_set_value (vadjustment, len / 2.0);
  visible_numbers (fixture, &first, &last);
  g_assert_cmpuint (first, ==, (guint) (len / 2 / 13 + 1));

  /* Down by some pixels and back up by as many: the same line on top; down by a screen less
   * a line: the line that was last is on top. */
  first_before = first;
  pf_body_viewer_scroll_by (fixture->viewer, 52);
  visible_numbers (fixture, &first, &last);
  g_assert_cmpuint (first, >, first_before);
  pf_body_viewer_scroll_by (fixture->viewer, -52);
  visible_numbers (fixture, &first, &last);
  g_assert_cmpuint (first, ==, first_before);
  pf_body_viewer_scroll_to_start (fixture->viewer);
  visible_numbers (fixture, &first, &last);
  g_assert_cmpuint (first, ==, 1);
  g_assert_null (pf_body_viewer_get_error (fixture->viewer));
}

/* 50 MB on one line: wrapped, each row of a segment is many screen lines, and scrolling by a
 * few pixels moves into the first row instead of jumping past it. */
static void
test_long_line (Fixture *fixture,
                gconstpointer data)
{
  gsize len = 50 * 1000 * 1000;
  g_autofree guint8 *text = g_malloc (len);
  g_autoptr (PfBodyLines) lines = NULL;
  double position;

  for (gsize i = 0; i < len; i++)
    text[i] = "abcdefghij"[i % 10];
  write_file (fixture->path, text, len);
  lines = open_lines (fixture, PF_BODY_LINES_SEGMENT);
  show (fixture, lines);
  pf_body_viewer_scroll_by (fixture->viewer, 40);
  position = pf_body_viewer_get_position (fixture->viewer);
  g_assert_cmpfloat (position, >, 0);
  g_assert_cmpfloat (position, <, PF_BODY_LINES_SEGMENT);
  pf_body_viewer_scroll_to_end (fixture->viewer);
  g_assert_cmpfloat (pf_body_viewer_get_position (fixture->viewer), >, len - 2 * PF_BODY_LINES_SEGMENT);

  /* Unwrapped, a row is one screen line as wide as its segment: the view scrolls sideways. */
  pf_body_viewer_set_wrap (fixture->viewer, FALSE);
  show (fixture, lines);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_scrolled_window_get_hadjustment (
                         fixture->scroller)),
                     >, 10000);
}

/* A body spooled as it loads: the view at its end follows it. */
static void
test_growing (Fixture *fixture,
              gconstpointer data)
{
  gsize len;
  g_autofree char *text = numbered_lines (1000, &len);
  g_autoptr (PfBodyLines) lines = NULL;
  FILE *out;
  guint first, last;

  write_file (fixture->path, (const guint8 *) text, len);
  lines = open_lines (fixture, PF_BODY_LINES_SEGMENT);
  show (fixture, lines);
  pf_body_viewer_scroll_to_end (fixture->viewer);
  out = fopen (fixture->path, "a");
  fputs ("line 0001001\nline 0001002\n", out);
  fclose (out);
  pf_body_viewer_update_size (fixture->viewer);
  visible_numbers (fixture, &first, &last);
  g_assert_cmpuint (last, ==, 1002);
}

/* The file cut short under the view: an error, not a crash or a blank made up. */
static void
test_cut_short (Fixture *fixture,
                gconstpointer data)
{
  gsize len;
  g_autofree char *text = numbered_lines (100000, &len);
  g_autoptr (PfBodyLines) lines = NULL;

  write_file (fixture->path, (const guint8 *) text, len);
  lines = open_lines (fixture, PF_BODY_LINES_SEGMENT);
  show (fixture, lines);
  g_assert_cmpint (truncate (fixture->path, 100), ==, 0);
  pf_body_viewer_scroll_to_end (fixture->viewer);
  g_assert_nonnull (pf_body_viewer_get_error (fixture->viewer));
}

int
main (int argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/body-viewer/numbered-lines", Fixture, NULL, fixture_set_up, test_numbered_lines,
              fixture_tear_down);
  g_test_add ("/body-viewer/long-line", Fixture, NULL, fixture_set_up, test_long_line,
              fixture_tear_down);
  g_test_add ("/body-viewer/growing", Fixture, NULL, fixture_set_up, test_growing,
              fixture_tear_down);
  g_test_add ("/body-viewer/cut-short", Fixture, NULL, fixture_set_up, test_cut_short,
              fixture_tear_down);
  return g_test_run ();
}
