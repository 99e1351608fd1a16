/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* memrchr */
#define G_LOG_DOMAIN "pf-sse-parser"

#include "config.h"

#include <string.h>

#include "pf-sse-parser.h"
#include "pf-utf8.h"

/* HTML "event stream interpretation", incremental and byte-exact: fed any split of a stream
 * into chunks, it dispatches the same events. Lines end at CR, LF or CRLF (a CRLF split
 * across chunks counts once); the stream is UTF-8, invalid sequences becoming U+FFFD as the
 * Encoding standard's decoder makes them (line ends are ASCII, so decoding line by line is
 * decoding the stream); one leading BOM is dropped.
 *
 * Built for speed: the complete lines of a chunk are parsed where they lie (borrowed, found
 * with memchr), the UTF-8 check runs once over all of them (a word-at-a-time ASCII test, the
 * full validator only when a byte is not ASCII), and only what an event keeps is copied —
 * its data, type and id — into buffers that grow once and are reused. A line cut by the end
 * of a chunk is the only line ever copied whole. */

typedef struct
{
  char *str;
  gsize len;
  gsize cap;
} Buf;

struct _PfSseParser
{
  PfSseEventFunc on_event;
  PfSseRetryFunc on_retry;
  gpointer user_data;

  /* Stream state */
  guint bom_seen;        /* bytes of the BOM matched so far, 3 once decided */
  gboolean after_cr;     /* the last line ended in CR: a LF next is part of it */
  Buf partial;           /* a line cut by the end of a chunk */

  /* Event buffers (HTML: data, event type, last event ID) */
  Buf data;
  Buf type;
  Buf id_buffer;
  Buf last_event_id;
  gboolean id_changed;   /* id_buffer differs from last_event_id */
  GString *decoded;      /* scratch for lines that are not valid UTF-8 */

  /* What went wrong with the stream since it started */
  PfSseParserStop stop; /* a line or an event too long: nothing more is parsed */
  gboolean replaced;    /* bytes that are not UTF-8 became U+FFFD */
};

static const guchar bom[] = { 0xEF, 0xBB, 0xBF };

static void
buf_reserve (Buf  *buf,
             gsize extra)
{
  gsize need = buf->len + extra + 1;

  if (G_LIKELY (need <= buf->cap))
    return;
  /* Doubling, but never past what the limits let a buffer hold (a line, an event's data and
   * the bytes that end them): a stream at the limit does not make, and copy into, a buffer
   * twice that size. */
  buf->cap = MAX (need, MIN (buf->cap * 2, PF_SSE_PARSER_MAX_SIZE + 2));
  buf->str = g_realloc (buf->str, buf->cap);
}

static inline void
buf_append (Buf        *buf,
            const char *bytes,
            gsize       len)
{
  buf_reserve (buf, len);
  memcpy (buf->str + buf->len, bytes, len);
  buf->len += len;
  buf->str[buf->len] = '\0';
}

static inline void
buf_set (Buf        *buf,
         const char *bytes,
         gsize       len)
{
  buf->len = 0;
  buf_append (buf, bytes, len);
}

static void
buf_init (Buf *buf)
{
  buf->cap = 64;
  buf->str = g_malloc (buf->cap);
  buf->str[0] = '\0';
  buf->len = 0;
}

static inline void
buf_clear (Buf *buf)
{
  buf->len = 0;
  buf->str[0] = '\0';
}

PfSseParser *
pf_sse_parser_new (PfSseEventFunc on_event,
                   PfSseRetryFunc on_retry,
                   gpointer       user_data)
{
  PfSseParser *self = g_new0 (PfSseParser, 1);

  self->on_event = on_event;
  self->on_retry = on_retry;
  self->user_data = user_data;
  buf_init (&self->partial);
  buf_init (&self->data);
  buf_init (&self->type);
  buf_init (&self->id_buffer);
  buf_init (&self->last_event_id);
  self->decoded = g_string_new (NULL);
  return self;
}

void
pf_sse_parser_free (PfSseParser *self)
{
  if (self == NULL)
    return;
  g_free (self->partial.str);
  g_free (self->data.str);
  g_free (self->type.str);
  g_free (self->id_buffer.str);
  g_free (self->last_event_id.str);
  g_string_free (self->decoded, TRUE);
  g_free (self);
}

static void
dispatch (PfSseParser *self)
{
  /* HTML: the last event ID is set even when nothing is dispatched. */
  if (self->id_changed)
    {
      buf_set (&self->last_event_id, self->id_buffer.str, self->id_buffer.len);
      self->id_changed = FALSE;
    }
  if (self->data.len == 0)
    {
      buf_clear (&self->type);
      return;
    }
  /* Every data line ended in LF; the last one is not part of the data. */
  self->data.str[--self->data.len] = '\0';
  self->on_event (self->type.len ? self->type.str : "message", self->data.str, self->data.len,
                  self->last_event_id.str, self->user_data);
  buf_clear (&self->data);
  buf_clear (&self->type);
}

static void
set_retry (PfSseParser *self,
           const char  *value,
           gsize        len)
{
  guint64 ms = 0;

  if (len == 0)
    return;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (value[i]))
        return;
      ms = ms > G_MAXUINT64 / 10 ? G_MAXUINT64 : ms * 10 + (value[i] - '0');
    }
  if (self->on_retry != NULL)
    self->on_retry (ms, self->user_data);
}

static void
set_id (PfSseParser *self,
        const char  *value,
        gsize        len)
{
  if (memchr (value, '\0', len) != NULL)
    return;
  buf_set (&self->id_buffer, value, len);
  self->id_changed = TRUE;
}

#define FIELD_IS(name, name_len, field) \
  ((name_len) == sizeof (field) - 1 && memcmp ((name), (field), sizeof (field) - 1) == 0)

/* One decoded line (no terminator), not empty and not a comment. */
static void
process_field (PfSseParser *self,
               const char  *line,
               gsize        len)
{
  const char *colon = memchr (line, ':', len);
  gsize name_len = colon ? (gsize) (colon - line) : len;
  const char *value = colon ? colon + 1 : line + len;
  gsize value_len = len - (value - line);

  if (value_len > 0 && value[0] == ' ')
    {
      value++;
      value_len--;
    }
  if (FIELD_IS (line, name_len, "data") && self->data.len + value_len >= PF_SSE_PARSER_MAX_SIZE)
    self->stop = PF_SSE_PARSER_EVENT_TOO_LONG;
  else if (FIELD_IS (line, name_len, "data"))
    {
      buf_reserve (&self->data, value_len + 1);
      memcpy (self->data.str + self->data.len, value, value_len);
      self->data.len += value_len;
      self->data.str[self->data.len++] = '\n';
      self->data.str[self->data.len] = '\0';
    }
  else if (FIELD_IS (line, name_len, "id"))
    set_id (self, value, value_len);
  else if (FIELD_IS (line, name_len, "event"))
    buf_set (&self->type, value, value_len);
  else if (FIELD_IS (line, name_len, "retry"))
    set_retry (self, value, value_len);
}

static inline void
process_line (PfSseParser *self,
              const char  *line,
              gsize        len)
{
  if (G_UNLIKELY (len > PF_SSE_PARSER_MAX_SIZE))
    self->stop = PF_SSE_PARSER_LINE_TOO_LONG;
  else if (len == 0)
    dispatch (self);
  else if (line[0] != ':')
    process_field (self, line, len);
}

/* A line not yet known to be UTF-8: decoded first when it is not. */
static void
process_raw_line (PfSseParser *self,
                  const char  *line,
                  gsize        len)
{
  if (G_LIKELY (pf_utf8_validate_with_nul (line, len)))
    {
      process_line (self, line, len);
      return;
    }
  if (pf_utf8_decode_replacing (self->decoded, line, len) > 0)
    self->replaced = TRUE;
  process_line (self, self->decoded->str, self->decoded->len);
}

/* Drops one leading BOM, which may arrive split across chunks. */
static gsize
skip_bom (PfSseParser *self,
          const char  *bytes,
          gsize        len)
{
  gsize used = 0;

  while (self->bom_seen < 3 && used < len)
    {
      if ((guchar) bytes[used] != bom[self->bom_seen])
        {
          /* Not a BOM after all: what matched so far is the start of the first line. */
          buf_append (&self->partial, (const char *) bom, self->bom_seen);
          self->bom_seen = 3;
          return used;
        }
      self->bom_seen++;
      used++;
    }
  return used;
}

/* The first CR or LF in [p, end), or NULL. @next_cr caches where the next CR is (end when
 * there is none), so a stream without CR costs one memchr per line. */
static inline const char *
find_line_end (const char  *p,
               const char  *end,
               const char **next_cr)
{
  const char *lf;

  if (*next_cr == NULL || *next_cr < p)
    {
      *next_cr = memchr (p, '\r', end - p);
      if (*next_cr == NULL)
        *next_cr = end;
    }
  lf = memchr (p, '\n', *next_cr - p);
  if (lf != NULL)
    return lf;
  return *next_cr < end ? *next_cr : NULL;
}

/* The last CR or LF in [p, end), or NULL. */
static const char *
find_last_line_end (const char *p,
                    const char *end)
{
  const char *lf = memrchr (p, '\n', end - p);
  const char *from = lf ? lf + 1 : p;
  const char *cr = memrchr (from, '\r', end - from);

  return cr ? cr : lf;
}

/* After the line ending at @eol: where the next line starts. */
static inline const char *
next_line (PfSseParser *self,
           const char  *eol,
           const char  *end)
{
  if (*eol == '\r')
    {
      if (eol + 1 == end)
        self->after_cr = TRUE;
      else if (eol[1] == '\n')
        eol++;
    }
  return eol + 1;
}

/* Parses the complete lines in [p, last]; @last is the terminator of the final one. */
static void
feed_lines (PfSseParser *self,
            const char  *p,
            const char  *last,
            const char  *end)
{
  gboolean valid = pf_utf8_validate_with_nul (p, last - p);
  const char *next_cr = NULL;

  while (p <= last && self->stop == PF_SSE_PARSER_READING)
    {
      const char *eol = find_line_end (p, end, &next_cr);

      if (G_LIKELY (valid))
        process_line (self, p, eol - p);
      else
        process_raw_line (self, p, eol - p);
      p = next_line (self, eol, end);
    }
}

/* Keeps the start of a line the next chunk finishes, unless the line is already too long. */
static void
keep_partial (PfSseParser *self,
              const char *bytes,
              gsize len)
{
  if (self->partial.len + len > PF_SSE_PARSER_MAX_SIZE)
    self->stop = PF_SSE_PARSER_LINE_TOO_LONG;
  else
    buf_append (&self->partial, bytes, len);
}

void
pf_sse_parser_feed (PfSseParser *self,
                    const char  *bytes,
                    gsize        len)
{
  const char *p, *end = bytes + len, *last;

  g_return_if_fail (self != NULL);

  /* An empty read must not forget a CR that ended the previous one; a stopped parser reads
   * no more. */
  if (len == 0 || self->stop != PF_SSE_PARSER_READING)
    return;
  p = bytes + skip_bom (self, bytes, len);
  if (self->after_cr && p < end && *p == '\n')
    p++;
  self->after_cr = FALSE;
  if (p == end)
    return;
  last = find_last_line_end (p, end);
  if (last == NULL)
    {
      keep_partial (self, p, end - p);
      return;
    }
  if (self->partial.len > 0)
    {
      const char *next_cr = NULL;
      const char *eol = find_line_end (p, end, &next_cr);

      keep_partial (self, p, eol - p);
      if (self->stop != PF_SSE_PARSER_READING)
        return;
      process_raw_line (self, self->partial.str, self->partial.len);
      buf_clear (&self->partial);
      p = next_line (self, eol, end);
    }
  if (p <= last)
    feed_lines (self, p, last, end);
  if (last + 1 < end && self->stop == PF_SSE_PARSER_READING)
    keep_partial (self, last + 1, end - (last + 1));
}

/* End of stream: HTML discards a line and an event that were not finished. */
void
pf_sse_parser_end (PfSseParser *self)
{
  g_return_if_fail (self != NULL);
  pf_sse_parser_restart (self);
}

/* A new connection: a new stream (BOM, lines, buffers), the same last event ID. */
void
pf_sse_parser_restart (PfSseParser *self)
{
  g_return_if_fail (self != NULL);
  self->bom_seen = 0;
  self->after_cr = FALSE;
  buf_clear (&self->partial);
  buf_clear (&self->data);
  buf_clear (&self->type);
  buf_set (&self->id_buffer, self->last_event_id.str, self->last_event_id.len);
  self->id_changed = FALSE;
  self->stop = PF_SSE_PARSER_READING;
  self->replaced = FALSE;
}

/* The last event ID string: what the next reconnect sends as Last-Event-ID. */
const char *
pf_sse_parser_get_last_event_id (PfSseParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->last_event_id.str;
}

void
pf_sse_parser_set_last_event_id (PfSseParser *self,
                                 const char  *id)
{
  g_return_if_fail (self != NULL);
  buf_set (&self->last_event_id, id ? id : "", id ? strlen (id) : 0);
  buf_set (&self->id_buffer, id ? id : "", id ? strlen (id) : 0);
  self->id_changed = FALSE;
}

/* Whether the parser stopped at a line or an event too long (until restarted). */
PfSseParserStop
pf_sse_parser_get_stop (PfSseParser *self)
{
  g_return_val_if_fail (self != NULL, PF_SSE_PARSER_READING);
  return self->stop;
}

/* Whether bytes that are not UTF-8 were read since the stream started (each invalid sequence
 * became U+FFFD). */
gboolean
pf_sse_parser_get_replaced (PfSseParser *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->replaced;
}
