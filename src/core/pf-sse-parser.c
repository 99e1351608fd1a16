/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-sse-parser"

#include "config.h"

#include <string.h>

#include "pf-sse-parser.h"

/* HTML "event stream interpretation", incremental and byte-exact: fed any split of a stream
 * into chunks, it dispatches the same events. Lines end at CR, LF or CRLF (a CRLF split
 * across chunks counts once); the stream is UTF-8, invalid sequences becoming U+FFFD as the
 * Encoding standard's decoder makes them (line ends are ASCII, so decoding line by line is
 * decoding the stream); one leading BOM is dropped. Complete lines inside a chunk are parsed
 * where they lie; only a line cut by the chunk's end is copied. */

struct _PfSseParser
{
  PfSseEventFunc on_event;
  PfSseRetryFunc on_retry;
  gpointer user_data;

  /* Stream state */
  guint bom_seen;        /* bytes of the BOM matched so far, 3 once decided */
  gboolean after_cr;     /* the last line ended in CR: a LF next is part of it */
  GString *partial;      /* a line cut by the end of a chunk */

  /* Event buffers (HTML: data, event type, last event ID) */
  GString *data;
  GString *type;
  GString *id_buffer;
  GString *last_event_id;
  GString *decoded;      /* scratch for lines that are not valid UTF-8 */
};

static const guchar bom[] = { 0xEF, 0xBB, 0xBF };

PfSseParser *
pf_sse_parser_new (PfSseEventFunc on_event,
                   PfSseRetryFunc on_retry,
                   gpointer       user_data)
{
  PfSseParser *self = g_new0 (PfSseParser, 1);

  self->on_event = on_event;
  self->on_retry = on_retry;
  self->user_data = user_data;
  self->partial = g_string_new (NULL);
  self->data = g_string_new (NULL);
  self->type = g_string_new (NULL);
  self->id_buffer = g_string_new (NULL);
  self->last_event_id = g_string_new (NULL);
  self->decoded = g_string_new (NULL);
  return self;
}

void
pf_sse_parser_free (PfSseParser *self)
{
  if (self == NULL)
    return;
  g_string_free (self->partial, TRUE);
  g_string_free (self->data, TRUE);
  g_string_free (self->type, TRUE);
  g_string_free (self->id_buffer, TRUE);
  g_string_free (self->last_event_id, TRUE);
  g_string_free (self->decoded, TRUE);
  g_free (self);
}

/* Encoding standard, UTF-8 decoder: each maximal invalid subpart becomes one U+FFFD. */
static void
decode_replacing (GString      *out,
                  const guchar *p,
                  gsize         len)
{
  static const char replacement[] = "\xEF\xBF\xBD";
  gsize i = 0;

  g_string_truncate (out, 0);
  while (i < len)
    {
      guchar c = p[i];
      guint need = 0;
      guchar lower = 0x80, upper = 0xBF;
      gsize start = i;

      if (c < 0x80)
        {
          g_string_append_c (out, c);
          i++;
          continue;
        }
      if (c >= 0xC2 && c <= 0xDF)
        need = 1;
      else if (c >= 0xE0 && c <= 0xEF)
        {
          need = 2;
          lower = c == 0xE0 ? 0xA0 : 0x80;
          upper = c == 0xED ? 0x9F : 0xBF;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          need = 3;
          lower = c == 0xF0 ? 0x90 : 0x80;
          upper = c == 0xF4 ? 0x8F : 0xBF;
        }
      i++;
      for (guint seen = 0; need > 0 && seen < need; seen++, i++)
        {
          if (i >= len || p[i] < lower || p[i] > upper)
            {
              need = 0;
              break;
            }
          lower = 0x80;
          upper = 0xBF;
        }
      if (need > 0)
        g_string_append_len (out, (const char *) p + start, i - start);
      else
        g_string_append_len (out, replacement, 3);
    }
}

static void
dispatch (PfSseParser *self)
{
  /* HTML: the last event ID is set even when nothing is dispatched. */
  g_string_assign (self->last_event_id, self->id_buffer->str);
  if (self->data->len == 0)
    {
      g_string_truncate (self->type, 0);
      return;
    }
  if (self->data->str[self->data->len - 1] == '\n')
    g_string_truncate (self->data, self->data->len - 1);
  self->on_event (self->type->len ? self->type->str : "message", self->data->str, self->data->len,
                  self->last_event_id->str, self->user_data);
  g_string_truncate (self->data, 0);
  g_string_truncate (self->type, 0);
}

static gboolean
field_is (const char *name,
          gsize       name_len,
          const char *field)
{
  return name_len == strlen (field) && memcmp (name, field, name_len) == 0;
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

/* One decoded line (no terminator). */
static void
process_line (PfSseParser *self,
              const char  *line,
              gsize        len)
{
  const char *colon;
  const char *value;
  gsize name_len, value_len;

  if (len == 0)
    {
      dispatch (self);
      return;
    }
  if (line[0] == ':')
    return;
  colon = memchr (line, ':', len);
  name_len = colon ? (gsize) (colon - line) : len;
  value = colon ? colon + 1 : line + len;
  value_len = len - (value - line);
  if (value_len > 0 && value[0] == ' ')
    {
      value++;
      value_len--;
    }
  if (field_is (line, name_len, "data"))
    {
      g_string_append_len (self->data, value, value_len);
      g_string_append_c (self->data, '\n');
    }
  else if (field_is (line, name_len, "event"))
    {
      g_string_truncate (self->type, 0);
      g_string_append_len (self->type, value, value_len);
    }
  else if (field_is (line, name_len, "id"))
    {
      if (memchr (value, '\0', value_len) == NULL)
        {
          g_string_truncate (self->id_buffer, 0);
          g_string_append_len (self->id_buffer, value, value_len);
        }
    }
  else if (field_is (line, name_len, "retry"))
    set_retry (self, value, value_len);
}

/* A raw line: decoded first when it is not valid UTF-8. */
static void
process_raw_line (PfSseParser *self,
                  const char  *line,
                  gsize        len)
{
  if (G_LIKELY (g_utf8_validate_len (line, len, NULL)))
    {
      process_line (self, line, len);
      return;
    }
  decode_replacing (self->decoded, (const guchar *) line, len);
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
          g_string_append_len (self->partial, (const char *) bom, self->bom_seen);
          self->bom_seen = 3;
          return used;
        }
      self->bom_seen++;
      used++;
    }
  return used;
}

static const char *
find_line_end (const char *p,
               const char *end)
{
  for (; p < end; p++)
    if (*p == '\n' || *p == '\r')
      return p;
  return NULL;
}

void
pf_sse_parser_feed (PfSseParser *self,
                    const char  *bytes,
                    gsize        len)
{
  const char *p, *end = bytes + len;

  g_return_if_fail (self != NULL);

  p = bytes + skip_bom (self, bytes, len);
  if (self->after_cr && p < end && *p == '\n')
    p++;
  self->after_cr = FALSE;
  while (p < end)
    {
      const char *eol = find_line_end (p, end);

      if (eol == NULL)
        {
          g_string_append_len (self->partial, p, end - p);
          return;
        }
      if (self->partial->len > 0)
        {
          g_string_append_len (self->partial, p, eol - p);
          process_raw_line (self, self->partial->str, self->partial->len);
          g_string_truncate (self->partial, 0);
        }
      else
        process_raw_line (self, p, eol - p);
      if (*eol == '\r')
        {
          if (eol + 1 == end)
            self->after_cr = TRUE;
          else if (eol[1] == '\n')
            eol++;
        }
      p = eol + 1;
    }
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
  g_string_truncate (self->partial, 0);
  g_string_truncate (self->data, 0);
  g_string_truncate (self->type, 0);
  g_string_assign (self->id_buffer, self->last_event_id->str);
}

/* The last event ID string: what the next reconnect sends as Last-Event-ID. */
const char *
pf_sse_parser_get_last_event_id (PfSseParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->last_event_id->str;
}

void
pf_sse_parser_set_last_event_id (PfSseParser *self,
                                 const char  *id)
{
  g_return_if_fail (self != NULL);
  g_string_assign (self->last_event_id, id ? id : "");
  g_string_assign (self->id_buffer, id ? id : "");
}
