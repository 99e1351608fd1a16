/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-body-search"
#define _GNU_SOURCE /* memmem, memrchr */

#include "config.h"

#include "pf-body-search.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Finds every match of a text or a regular expression in a response body, on a worker
 * thread, as fast as the disk gives the bytes: a spooled body is read with pread () in blocks
 * of BLOCK_SIZE and never held whole in memory. The caller's main context hears of the first
 * match as soon as it is found, of the running count at most PROGRESS_HZ times a second, and
 * of the end.
 *
 * A literal is looked for with memchr () on its byte rarest in the first block, then compared
 * whole. Literal matches do not overlap (as a find bar steps through them). A block keeps the last
 * pattern length - 1 bytes of the one before (one more each side for a whole word's
 * boundaries), so a match across blocks is found once. A regular expression sees whole lines:
 * a block ends after its last newline, so a match never spans lines, nor blocks. */

#define BLOCK_SIZE (1 << 20)
#define PROGRESS_HZ 20

typedef struct
{
  guint64 offset;
  guint64 length;
} Match;

struct _PfBodySearch
{
  GObject parent_instance;

  /* Set before the search starts, then read only. */
  GBytes *bytes;
  GFile *file;
  guint64 size;
  char *pattern;
  gsize pattern_len;
  PfBodySearchFlags flags;
  GRegex *regex;
  GCancellable *cancellable;
  GMainContext *context;

  /* The worker's own. */
  gsize anchor;
  gboolean anchor_chosen;
  guint64 next_allowed;
  guint64 found;
  gint64 posted_us;

  /* Shared: under the lock. */
  GMutex lock;
  GArray *kept;
  guint64 count;
  guint64 scanned;
  gboolean progress_pending;

  /* The caller's thread. */
  gboolean started;
  GThread *thread;
  gboolean first_emitted;
  gboolean done;
  GError *error;
};

G_DEFINE_FINAL_TYPE (PfBodySearch, pf_body_search, G_TYPE_OBJECT)

enum
{
  SIGNAL_FIRST_MATCH,
  SIGNAL_PROGRESS,
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pf_body_search_dispose (GObject *object)
{
  PfBodySearch *self = PF_BODY_SEARCH (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (pf_body_search_parent_class)->dispose (object);
}

static void
pf_body_search_finalize (GObject *object)
{
  PfBodySearch *self = PF_BODY_SEARCH (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->file);
  g_free (self->pattern);
  g_clear_pointer (&self->regex, g_regex_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_array_unref (self->kept);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (pf_body_search_parent_class)->finalize (object);
}

static void
pf_body_search_class_init (PfBodySearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pf_body_search_dispose;
  object_class->finalize = pf_body_search_finalize;

  /* The first match's offset and length, as soon as it is found. */
  signals[SIGNAL_FIRST_MATCH] = g_signal_new ("first-match", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);
  /* Bytes scanned and matches counted so far, at most PROGRESS_HZ times a second. */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           2, G_TYPE_UINT64, G_TYPE_UINT64);
  /* The end: NULL, or why the search stopped (G_IO_ERROR_CANCELLED when cancelled). */
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
pf_body_search_init (PfBodySearch *self)
{
  g_mutex_init (&self->lock);
  self->kept = g_array_new (FALSE, FALSE, sizeof (Match));
  self->cancellable = g_cancellable_new ();
}

static gboolean
is_word_byte (guint8 c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static PfBodySearch *
search_new (const char *pattern,
            PfBodySearchFlags flags,
            GError **error)
{
  g_autoptr (PfBodySearch) self = g_object_new (PF_TYPE_BODY_SEARCH, NULL);

  if (pattern == NULL || *pattern == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("There is nothing to search for"));
      return NULL;
    }
  self->flags = flags;
  self->pattern_len = strlen (pattern);
  self->pattern = (flags & PF_BODY_SEARCH_IGNORE_CASE) ? g_ascii_strdown (pattern, -1)
                                                       : g_strdup (pattern);
  if (flags & PF_BODY_SEARCH_REGEX)
    {
      GRegexCompileFlags compile = G_REGEX_RAW | G_REGEX_MULTILINE | G_REGEX_OPTIMIZE;
      g_autofree char *source = (flags & PF_BODY_SEARCH_WHOLE_WORD)
                                    ? g_strdup_printf ("\\b(?:%s)\\b", pattern)
                                    : g_strdup (pattern);

      if (flags & PF_BODY_SEARCH_IGNORE_CASE)
        compile |= G_REGEX_CASELESS;
      self->regex = g_regex_new (source, compile, 0, error);
      if (self->regex == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* A search of @store's body for @pattern; NULL with @error when the pattern is empty or not a
 * valid regular expression, or when the store kept no body (it went to a caller's sink). The
 * search covers what the store holds now. */
PfBodySearch *
pf_body_search_new (PfBodyStore *store,
                    const char *pattern,
                    PfBodySearchFlags flags,
                    GError **error)
{
  g_autoptr (PfBodySearch) self = NULL;
  GFile *file;

  g_return_val_if_fail (PF_IS_BODY_STORE (store), NULL);
  if (!pf_body_store_is_kept (store))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("The response body was not kept, so it cannot be searched"));
      return NULL;
    }
  self = search_new (pattern, flags, error);
  if (self == NULL)
    return NULL;
  self->size = pf_body_store_get_size (store);
  file = pf_body_store_get_file (store);
  if (file != NULL)
    self->file = g_object_ref (file);
  else
    self->bytes = pf_body_store_dup_bytes (store);
  return g_steal_pointer (&self);
}

/* A search of a body in memory for @pattern (as pf_body_search_new ()). */
PfBodySearch *
pf_body_search_new_for_bytes (GBytes *bytes,
                              const char *pattern,
                              PfBodySearchFlags flags,
                              GError **error)
{
  PfBodySearch *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  self = search_new (pattern, flags, error);
  if (self != NULL)
    {
      self->bytes = g_bytes_ref (bytes);
      self->size = g_bytes_get_size (bytes);
    }
  return self;
}

/* A search of a whole local file for @pattern (as pf_body_search_new ()). */
PfBodySearch *
pf_body_search_new_for_file (GFile *file,
                             const char *pattern,
                             PfBodySearchFlags flags,
                             GError **error)
{
  PfBodySearch *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  self = search_new (pattern, flags, error);
  if (self != NULL)
    {
      self->file = g_object_ref (file);
      self->size = G_MAXUINT64;
    }
  return self;
}

/* ---- the caller's side: signals on its main context */

static gboolean
first_match_cb (gpointer user_data)
{
  PfBodySearch *self = user_data;
  Match first;

  if (self->first_emitted || self->done)
    return G_SOURCE_REMOVE;
  self->first_emitted = TRUE;
  g_mutex_lock (&self->lock);
  first = g_array_index (self->kept, Match, 0);
  g_mutex_unlock (&self->lock);
  g_signal_emit (self, signals[SIGNAL_FIRST_MATCH], 0, first.offset, first.length);
  return G_SOURCE_REMOVE;
}

static gboolean
progress_cb (gpointer user_data)
{
  PfBodySearch *self = user_data;
  guint64 scanned, count;

  g_mutex_lock (&self->lock);
  self->progress_pending = FALSE;
  scanned = self->scanned;
  count = self->count;
  g_mutex_unlock (&self->lock);
  if (!self->done)
    g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, scanned, count);
  return G_SOURCE_REMOVE;
}

/* From the worker: @callback runs on the caller's main context. */
static void
post (PfBodySearch *self,
      GSourceFunc callback)
{
  g_autoptr (GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, callback, g_object_ref (self), g_object_unref);
  g_source_attach (source, self->context);
}

/* The worker has ended: joined here, so that when "done" is emitted nothing but the caller
 * holds the search. */
static gboolean
finished_cb (gpointer user_data)
{
  PfBodySearch *self = user_data;

  g_thread_join (g_steal_pointer (&self->thread));
  if (self->error == NULL && g_cancellable_is_cancelled (self->cancellable))
    g_cancellable_set_error_if_cancelled (self->cancellable, &self->error);
  if (self->count > 0 && !self->first_emitted)
    first_match_cb (self);
  self->done = TRUE;
  g_signal_emit (self, signals[SIGNAL_DONE], 0, self->error);
  /* The reference pf_body_search_start () took. */
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* ---- the worker */

/* Counts the match at @offset unless it overlaps the one before; keeps the first ones. */
static void
add_match (PfBodySearch *self,
           guint64 offset,
           guint64 length)
{
  Match match = { offset, length };

  self->next_allowed = offset + length;
  self->found++;
  if (self->found > PF_BODY_SEARCH_MAX_KEPT)
    return;
  g_mutex_lock (&self->lock);
  g_array_append_val (self->kept, match);
  g_mutex_unlock (&self->lock);
  if (self->found == 1)
    post (self, first_match_cb);
}

/* Publishes the count and the bytes scanned; tells the caller at most PROGRESS_HZ a second. */
static void
publish (PfBodySearch *self,
         guint64 scanned)
{
  gint64 now = g_get_monotonic_time ();
  gboolean tell = FALSE;

  g_mutex_lock (&self->lock);
  self->scanned = scanned;
  self->count = self->found;
  if (!self->progress_pending && now - self->posted_us >= G_USEC_PER_SEC / PROGRESS_HZ)
    tell = self->progress_pending = TRUE;
  g_mutex_unlock (&self->lock);
  if (tell)
    {
      self->posted_us = now;
      post (self, progress_cb);
    }
}

/* Where a literal match at @at in @data[0, @len) counts: not overlapping the one before and,
 * for a whole word, between word boundaries (the byte before @at is in @data unless @at is
 * the body's start; the byte after, unless the match ends the body). */
static gboolean
literal_counts (PfBodySearch *self,
                const guint8 *data,
                gsize at,
                gsize len,
                guint64 base)
{
  gsize end = at + self->pattern_len;

  if (base + at < self->next_allowed)
    return FALSE;
  if (!(self->flags & PF_BODY_SEARCH_WHOLE_WORD))
    return TRUE;
  return (at == 0 || !is_word_byte (data[at - 1])) && (end == len || !is_word_byte (data[end]));
}

/* Where @c is next in @data[@from, @limit), else @limit. */
static gsize
next_of (const guint8 *data,
         gsize from,
         gsize limit,
         guint8 c)
{
  const guint8 *hit = memchr (data + from, c, limit - from);

  return hit != NULL ? (gsize) (hit - data) : limit;
}

/* The pattern's byte to look for with memchr (): the one rarest in @data (the body's first
 * block; both cases of a letter when folding), so that few places need a comparison. */
static void
choose_anchor (PfBodySearch *self,
               const guint8 *data,
               gsize len)
{
  gsize counts[256] = { 0 };
  gsize best = G_MAXSIZE;
  gboolean fold = self->flags & PF_BODY_SEARCH_IGNORE_CASE;

  for (gsize i = 0; i < len; i++)
    counts[fold ? g_ascii_tolower (data[i]) : data[i]]++;
  for (gsize k = 0; k < self->pattern_len; k++)
    if (counts[(guchar) self->pattern[k]] < best)
      {
        best = counts[(guchar) self->pattern[k]];
        self->anchor = k;
      }
  self->anchor_chosen = TRUE;
}

static gboolean
equal_at (PfBodySearch *self,
          const guint8 *data)
{
  if (!(self->flags & PF_BODY_SEARCH_IGNORE_CASE))
    return memcmp (data, self->pattern, self->pattern_len) == 0;
  for (gsize i = 0; i < self->pattern_len; i++)
    if (g_ascii_tolower (data[i]) != (guchar) self->pattern[i])
      return FALSE;
  return TRUE;
}

/* Matches starting in [@from, @limit): memchr () finds the anchor byte (each case of it when
 * folding), then the whole pattern is compared there. */
static void
scan_anchored (PfBodySearch *self,
               const guint8 *data,
               gsize from,
               gsize limit,
               gsize len,
               guint64 base)
{
  gsize k = self->anchor, m = self->pattern_len;
  guint8 one = self->pattern[k];
  guint8 other = (self->flags & PF_BODY_SEARCH_IGNORE_CASE) ? g_ascii_toupper (one) : one;
  gsize next_one = next_of (data, from + k, limit + k, one);
  gsize next_other = one == other ? limit + k : next_of (data, from + k, limit + k, other);

  while (from < limit)
    {
      gsize at = MIN (next_one, next_other) - k;

      if (at >= limit)
        return;
      if (equal_at (self, data + at) && literal_counts (self, data, at, len, base))
        {
          add_match (self, base + at, m);
          from = at + m;
        }
      else
        from = at + 1;
      if (next_one < from + k)
        next_one = next_of (data, MIN (from, limit) + k, limit + k, one);
      if (next_other < from + k && one != other)
        next_other = next_of (data, MIN (from, limit) + k, limit + k, other);
    }
}

/* The literal matches starting in @data[@from, …): all of them at the body's end, else those
 * whose bytes (and the byte after, for a whole word) are all in @data. Returns the first start
 * left undecided, for the next block. */
static gsize
scan_literal (PfBodySearch *self,
              const guint8 *data,
              gsize from,
              gsize len,
              guint64 base,
              gboolean eof)
{
  gsize need = self->pattern_len + ((self->flags & PF_BODY_SEARCH_WHOLE_WORD) ? 1 : 0);
  gsize limit;

  if (eof)
    need = self->pattern_len;
  limit = len >= need ? len - need + 1 : 0;
  if (limit > from && !self->anchor_chosen)
    choose_anchor (self, data + from, len - from);
  if (limit > from)
    scan_anchored (self, data, from, limit, len, base);
  return eof ? len : MAX (limit, from);
}

/* The regular expression over the whole lines of @data[0, @len) (all of it at the end, or
 * when a line is longer than a block). Returns where the next block starts. */
static gsize
scan_regex (PfBodySearch *self,
            const guint8 *data,
            gsize len,
            guint64 base,
            gboolean eof,
            GError **error)
{
  g_autoptr (GMatchInfo) info = NULL;
  const guint8 *newline = eof ? NULL : memrchr (data, '\n', len);
  gsize end = newline != NULL ? (gsize) (newline - data) + 1 : len;
  GError *local = NULL;

  g_regex_match_full (self->regex, (const char *) data, end, 0, 0, &info, &local);
  while (local == NULL && g_match_info_matches (info))
    {
      int start, stop;

      g_match_info_fetch_pos (info, 0, &start, &stop);
      /* An empty match (of "x*") is no place to show. */
      if (stop > start)
        add_match (self, base + start, stop - start);
      g_match_info_next (info, &local);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return G_MAXSIZE;
    }
  return end;
}

/* Scans a block; returns the first offset in it left for the next block, G_MAXSIZE on error.
 * *@from is where the next block's scan starts, past the bytes kept for context. */
static gsize
scan_block (PfBodySearch *self,
            const guint8 *data,
            gsize len,
            guint64 base,
            gboolean eof,
            gsize *from,
            GError **error)
{
  gsize head = (self->flags & PF_BODY_SEARCH_WHOLE_WORD) ? 1 : 0;
  gsize settled;

  if (self->regex != NULL)
    return scan_regex (self, data, len, base, eof, error);
  settled = scan_literal (self, data, *from, len, base, eof);
  if (settled <= *from)
    return 0;
  *from = head;
  return settled - head;
}

static gboolean
open_body (PfBodySearch *self,
           int *fd,
           GError **error)
{
  const char *path = g_file_peek_path (self->file);
  int saved;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Only a local file can be searched"));
      return FALSE;
    }
  *fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (*fd >= 0)
    {
      posix_fadvise (*fd, 0, 0, POSIX_FADV_SEQUENTIAL);
      return TRUE;
    }
  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _ ("Cannot open the body’s file “%s”: %s"), path, g_strerror (saved));
  return FALSE;
}

/* Reads up to @want bytes at @offset; -1 with @error on failure. */
static gssize
read_at (int fd,
         guint8 *buffer,
         gsize want,
         guint64 offset,
         GError **error)
{
  gssize n;

  do
    n = pread (fd, buffer, want, offset);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Cannot read the body’s file: %s"), g_strerror (saved));
    }
  return n;
}

/* The spooled body, a block at a time: what the block before left undecided is moved to the
 * front, the rest of the block read after it. */
static gboolean
search_fd (PfBodySearch *self,
           int fd,
           GError **error)
{
  gsize room = BLOCK_SIZE + self->pattern_len + 2;
  g_autofree guint8 *buffer = g_malloc (room);
  guint64 base = 0;
  gsize have = 0, from = 0;

  for (;;)
    {
      gsize want = MIN (room - have, self->size - (base + have));
      gssize n = want > 0 ? read_at (fd, buffer + have, want, base + have, error) : 0;
      gboolean eof;
      gsize keep;

      if (n < 0)
        return FALSE;
      have += n;
      eof = n == 0 || base + have >= self->size;
      keep = scan_block (self, buffer, have, base, eof, &from, error);
      if (keep == G_MAXSIZE)
        return FALSE;
      publish (self, eof ? base + have : base + keep);
      if (eof)
        return TRUE;
      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;
      memmove (buffer, buffer + keep, have - keep);
      base += keep;
      have -= keep;
    }
}

static gpointer
search_thread (gpointer user_data)
{
  PfBodySearch *self = user_data;
  GError *error = NULL;
  int fd = -1;

  if (self->bytes != NULL)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (self->bytes, &len);
      gsize from = 0;

      if (scan_block (self, data, len, 0, TRUE, &from, &error) != G_MAXSIZE)
        publish (self, len);
    }
  else if (open_body (self, &fd, &error))
    {
      search_fd (self, fd, &error);
      g_close (fd, NULL);
    }
  /* Read by finished_cb () after it joined this thread. */
  self->error = error;
  post (self, finished_cb);
  return NULL;
}

/* Starts the search on a worker thread; its signals come on the thread-default main context
 * of the caller. Once: a search object is one search. It holds a reference to itself until
 * "done"; pf_body_search_cancel () stops it early. */
void
pf_body_search_start (PfBodySearch *self)
{
  g_return_if_fail (PF_IS_BODY_SEARCH (self));
  g_return_if_fail (!self->started);
  self->started = TRUE;
  self->context = g_main_context_ref_thread_default ();
  self->thread = g_thread_new ("pf-body-search", search_thread, g_object_ref (self));
}

void
pf_body_search_cancel (PfBodySearch *self)
{
  g_return_if_fail (PF_IS_BODY_SEARCH (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
pf_body_search_is_done (PfBodySearch *self)
{
  g_return_val_if_fail (PF_IS_BODY_SEARCH (self), FALSE);
  return self->done;
}

/* Why the search stopped, once done; NULL when it went to the end. */
const GError *
pf_body_search_get_error (PfBodySearch *self)
{
  g_return_val_if_fail (PF_IS_BODY_SEARCH (self), NULL);
  return self->error;
}

/* The matches counted so far (all of them once done). */
guint64
pf_body_search_get_count (PfBodySearch *self)
{
  guint64 count;

  g_return_val_if_fail (PF_IS_BODY_SEARCH (self), 0);
  g_mutex_lock (&self->lock);
  count = self->count;
  g_mutex_unlock (&self->lock);
  return count;
}

/* How far into the body the search has decided every match. */
guint64
pf_body_search_get_scanned (PfBodySearch *self)
{
  guint64 scanned;

  g_return_val_if_fail (PF_IS_BODY_SEARCH (self), 0);
  g_mutex_lock (&self->lock);
  scanned = self->scanned;
  g_mutex_unlock (&self->lock);
  return scanned;
}

/* How many matches are kept so far: the first PF_BODY_SEARCH_MAX_KEPT at most. */
guint
pf_body_search_get_n_kept (PfBodySearch *self)
{
  guint n;

  g_return_val_if_fail (PF_IS_BODY_SEARCH (self), 0);
  g_mutex_lock (&self->lock);
  n = self->kept->len;
  g_mutex_unlock (&self->lock);
  return n;
}

/* The kept match @index, in the order of the body: its byte offset and length. */
gboolean
pf_body_search_get_match (PfBodySearch *self,
                          guint index,
                          guint64 *offset,
                          guint64 *length)
{
  Match match = { 0, 0 };
  gboolean found;

  g_return_val_if_fail (PF_IS_BODY_SEARCH (self), FALSE);
  g_mutex_lock (&self->lock);
  found = index < self->kept->len;
  if (found)
    match = g_array_index (self->kept, Match, index);
  g_mutex_unlock (&self->lock);
  if (offset != NULL)
    *offset = match.offset;
  if (length != NULL)
    *length = match.length;
  return found;
}
