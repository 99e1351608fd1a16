/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-body-lines"
#define _GNU_SOURCE /* memrchr */

#include "config.h"

#include "pf-body-lines.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The rows of a body of any size, read where they are asked for: a spooled body with pread ()
 * (never held whole), a body in memory in place. Nothing is indexed: a row is found from the
 * bytes around it, so the row at any offset (the end of a 1 GiB body, where a scrollbar was
 * dropped) costs a few reads of a segment.
 *
 * A row starts at 0, after each newline, and where a long line is cut: at each multiple k·S of
 * the segment S that has no newline in the S bytes before it (moved on to the next character's
 * first byte, at most three bytes further). So a line shorter than S is never cut, a row is at
 * most 2·S + 3 bytes, and whether a position starts a row depends only on the 2·S bytes before
 * it. */

/* What a read of rows asks for at least, beyond the rows' own bytes. */
#define READ_BLOCK (64 * 1024)

struct _PfBodyLines
{
  GObject parent_instance;

  GBytes *bytes;
  char *path;
  int fd;
  guint64 size;
  guint segment;
  GByteArray *scratch;
};

G_DEFINE_FINAL_TYPE (PfBodyLines, pf_body_lines, G_TYPE_OBJECT)

/* Bytes of the body from @base: all of them within [base, base + len), or up to its end. */
typedef struct
{
  guint64 base;
  const guint8 *data;
  gsize len;
} Span;

static void
pf_body_lines_finalize (GObject *object)
{
  PfBodyLines *self = PF_BODY_LINES (object);

  if (self->fd >= 0)
    close (self->fd);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->scratch, g_byte_array_unref);
  g_free (self->path);
  G_OBJECT_CLASS (pf_body_lines_parent_class)->finalize (object);
}

static void
pf_body_lines_class_init (PfBodyLinesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_body_lines_finalize;
}

static void
pf_body_lines_init (PfBodyLines *self)
{
  self->fd = -1;
  self->scratch = g_byte_array_new ();
}

static PfBodyLines *
body_lines_new (guint segment)
{
  PfBodyLines *self = g_object_new (PF_TYPE_BODY_LINES, NULL);

  /* Below four bytes a moved cut could pass the next one. */
  self->segment = MAX (segment, 4);
  return self;
}

/* The rows of the spooled body in @file (a local file), cut every @segment bytes in a long
 * line; NULL with @error when the file cannot be opened (a body that vanished says so). */
PfBodyLines *
pf_body_lines_new_for_file (GFile *file,
                            guint segment,
                            GError **error)
{
  g_autoptr (PfBodyLines) self = NULL;
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_peek_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Only a local file can be shown"));
      return NULL;
    }
  self = body_lines_new (segment);
  self->path = g_strdup (path);
  self->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (self->fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Cannot open the body’s file “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (!pf_body_lines_update_size (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The rows of a body in memory. */
PfBodyLines *
pf_body_lines_new_for_bytes (GBytes *bytes,
                             guint segment)
{
  PfBodyLines *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = body_lines_new (segment);
  self->bytes = g_bytes_ref (bytes);
  self->size = g_bytes_get_size (bytes);
  return self;
}

guint64
pf_body_lines_get_size (PfBodyLines *self)
{
  g_return_val_if_fail (PF_IS_BODY_LINES (self), 0);

  return self->size;
}

/* Reads the file's size again: a body spooled as it loads grows (bytes in memory do not). */
gboolean
pf_body_lines_update_size (PfBodyLines *self,
                           GError **error)
{
  struct stat info;

  g_return_val_if_fail (PF_IS_BODY_LINES (self), FALSE);

  if (self->fd < 0)
    return TRUE;
  if (fstat (self->fd, &info) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Cannot read the body’s file: %s"), g_strerror (saved));
      return FALSE;
    }
  self->size = (guint64) info.st_size;
  return TRUE;
}

/* The body's bytes in [from, to) (cut at its end) as @span; from the file into scratch. */
static gboolean
span_fill (PfBodyLines *self,
           guint64 from,
           guint64 to,
           Span *span,
           GError **error)
{
  gsize want;
  gsize have = 0;

  to = MIN (to, self->size);
  from = MIN (from, to);
  want = (gsize) (to - from);
  span->base = from;
  span->len = want;
  if (self->bytes != NULL)
    {
      span->data = (const guint8 *) g_bytes_get_data (self->bytes, NULL) + from;
      return TRUE;
    }
  g_byte_array_set_size (self->scratch, want);
  span->data = self->scratch->data;
  while (have < want)
    {
      gssize n = pread (self->fd, self->scratch->data + have, want - have, from + have);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : 0;

          g_set_error (error, G_IO_ERROR, n < 0 ? g_io_error_from_errno (saved) : G_IO_ERROR_FAILED,
                       _ ("Cannot read the body’s file: %s"),
                       n < 0 ? g_strerror (saved) : _ ("it is shorter than it was"));
          return FALSE;
        }
      have += n;
    }
  return TRUE;
}

static inline guint64
span_end (const Span *span)
{
  return span->base + span->len;
}

/* Where the cut at @mark really falls: on the first byte of the character there. */
static guint64
cut_at (const Span *span,
        guint64 mark)
{
  guint64 at = mark;

  while (at < span_end (span) && at < mark + 3 && (span->data[at - span->base] & 0xC0) == 0x80)
    at++;
  return at;
}

/* The row start the segment mark @k gives, or 0 when it gives none (it never gives 0 itself). */
static guint64
segment_cut (PfBodyLines *self,
             const Span *span,
             guint64 k)
{
  guint64 mark = k * self->segment;
  guint64 at;

  if (k == 0 || mark >= self->size)
    return 0;
  g_assert (mark - self->segment >= span->base && mark <= span_end (span));
  if (memchr (span->data + (mark - self->segment - span->base), '\n', self->segment) != NULL)
    return 0;
  at = cut_at (span, mark);
  return at < self->size ? at : 0;
}

/* The first row start after @row (itself a row start), or the body's size; the span holds from
 * S + 3 bytes before @row to 2·S + 4 bytes after it (or the end). */
static guint64
next_row_in (PfBodyLines *self,
             const Span *span,
             guint64 row)
{
  guint64 limit = MIN (span_end (span), row + 2 * (guint64) self->segment + 4);
  const guint8 *newline = memchr (span->data + (row - span->base), '\n', limit - row);
  guint64 next = newline != NULL ? (guint64) (newline - span->data) + span->base + 1 : self->size;
  guint64 k = row / self->segment + 1;

  /* The cut at mark k, and failing it at k + 1: one of them comes before 2·S past @row when no
   * newline does. */
  for (guint64 cut, i = 0; i < 2; i++)
    if ((k + i) * self->segment < next && (cut = segment_cut (self, span, k + i)) > row)
      return MIN (cut, next);
  return MIN (next, self->size);
}

/* The start of the row holding @offset (< size); the span holds from 3·S + 4 bytes before it to
 * 3 bytes after it. */
static guint64
row_start_in (PfBodyLines *self,
              const Span *span,
              guint64 offset)
{
  guint64 back = MIN (offset - span->base, 2 * (guint64) self->segment + 4);
  const guint8 *newline = memrchr (span->data + (offset - back - span->base), '\n', back);
  guint64 start = newline != NULL ? (guint64) (newline - span->data) + span->base + 1 : 0;
  guint64 k = offset / self->segment;

  for (guint64 cut, i = 0; i <= 1 && i <= k; i++)
    if ((cut = segment_cut (self, span, k - i)) != 0 && cut <= offset)
      return MAX (cut, start);
  return start;
}

/* The start of the row holding @offset; past the end, of the last row. */
gboolean
pf_body_lines_row_start (PfBodyLines *self,
                         guint64 offset,
                         guint64 *start,
                         GError **error)
{
  guint64 reach = 3 * (guint64) self->segment + 4;
  Span span;

  g_return_val_if_fail (PF_IS_BODY_LINES (self), FALSE);
  g_return_val_if_fail (start != NULL, FALSE);

  *start = 0;
  if (self->size == 0)
    return TRUE;
  offset = MIN (offset, self->size - 1);
  if (!span_fill (self, offset > reach ? offset - reach : 0, offset + 4, &span, error))
    return FALSE;
  *start = row_start_in (self, &span, offset);
  return TRUE;
}

static void
add_row (PfBodyLines *self,
         const Span *span,
         guint64 row,
         guint64 next,
         GArray *rows,
         GByteArray *bytes)
{
  PfBodyRow entry = { row, (guint32) (next - row), PF_BODY_ROW_NONE };

  if (span->data[next - 1 - span->base] != '\n' && next < self->size)
    entry.flags |= PF_BODY_ROW_CONTINUES;
  g_array_append_val (rows, entry);
  if (bytes != NULL)
    g_byte_array_append (bytes, span->data + (row - span->base), entry.length);
}

/* Appends up to @max_rows rows from @start (a row start) to @rows (PfBodyRow), and their bytes
 * to @bytes (may be NULL), stopping at the body's end. */
gboolean
pf_body_lines_read_rows (PfBodyLines *self,
                         guint64 start,
                         guint max_rows,
                         GArray *rows,
                         GByteArray *bytes,
                         GError **error)
{
  guint64 ahead = 2 * (guint64) self->segment + 4;
  guint64 behind = self->segment + 4;
  guint64 row = start;
  Span span = { 0, NULL, 0 };

  g_return_val_if_fail (PF_IS_BODY_LINES (self), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  for (guint n = 0; n < max_rows && row < self->size; n++)
    {
      guint64 next;

      if (span.data == NULL || row < span.base + MIN (behind, row) ||
          (row + ahead > span_end (&span) && span_end (&span) < self->size))
        {
          guint64 from = row > behind ? row - behind : 0;

          if (!span_fill (self, from, row + ahead + READ_BLOCK, &span, error))
            return FALSE;
        }
      next = next_row_in (self, &span, row);
      add_row (self, &span, row, next, rows, bytes);
      row = next;
    }
  return TRUE;
}

/* The text a row shows: invalid UTF-8 as U+FFFD (the bytes stay in the body), its line end
 * left out. */
char *
pf_body_lines_row_text (const guint8 *data,
                        gsize length,
                        guint32 flags)
{
  if (!(flags & PF_BODY_ROW_CONTINUES) && length > 0 && data[length - 1] == '\n')
    length--;
  if (!(flags & PF_BODY_ROW_CONTINUES) && length > 0 && data[length - 1] == '\r')
    length--;
  return g_utf8_make_valid ((const char *) data, length);
}
