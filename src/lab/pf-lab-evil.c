/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "pf-lab-endpoints.h"

/* /evil/…: a server misbehaving on purpose. Each answer breaks HTTP in one way that a client
 * must survive with a clear message and bounded memory: garbage where the status line goes,
 * heads too big, framing that lies, connections cut short, answers that crawl or never end,
 * a gzip bomb and text that is not UTF-8. Most are written raw (pf-lab-raw.c): no SoupServer
 * would send them. */

#define HEAD_START \
  "Server: Preflight-Lab\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"

/* The bytes of @text, then closed. */
static void
answer_text (SoupServerMessage *msg,
             const char *text)
{
  pf_lab_raw_answer (msg, g_bytes_new (text, strlen (text)));
}

/* "2OO" with letters O: it reads as 200, but a status code is three digits. */
static void
handle_status_line (SoupServerMessage *msg,
                    const char *rest,
                    GHashTable *query)
{
  answer_text (msg, "HTTP/1.1 2OO OK\r\n" HEAD_START
                    "Content-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n");
}

#define HUGE_HEADER_SIZE (1024 * 1024)
#define MANY_HEADERS 100000

/* The two big heads are made once, on first use, and shared by every answer. */
static GBytes *
huge_header_answer (void)
{
  GString *text = g_string_sized_new (HUGE_HEADER_SIZE + 256);

  g_string_append (text, "HTTP/1.1 200 OK\r\n" HEAD_START "X-Evil-Huge: ");
  for (guint i = 0; i < HUGE_HEADER_SIZE; i++)
    g_string_append_c (text, 'a' + i % 26);
  g_string_append (text, "\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n");
  return g_string_free_to_bytes (text);
}

static GBytes *
many_headers_answer (void)
{
  GString *text = g_string_sized_new (MANY_HEADERS * 24);

  g_string_append (text, "HTTP/1.1 200 OK\r\n" HEAD_START);
  for (guint i = 1; i <= MANY_HEADERS; i++)
    g_string_append_printf (text, "X-Evil-%06u: %u\r\n", i, i);
  g_string_append (text, "Content-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n");
  return g_string_free_to_bytes (text);
}

typedef GBytes *(*MakeAnswer) (void);

static GBytes *
made_once (GBytes **answer,
           MakeAnswer make)
{
  if (g_once_init_enter (answer))
    g_once_init_leave (answer, make ());
  return g_bytes_ref (*answer);
}

static void
handle_huge_header (SoupServerMessage *msg,
                    const char *rest,
                    GHashTable *query)
{
  static GBytes *answer;

  pf_lab_raw_answer (msg, made_once (&answer, huge_header_answer));
}

static void
handle_many_headers (SoupServerMessage *msg,
                     const char *rest,
                     GHashTable *query)
{
  static GBytes *answer;

  pf_lab_raw_answer (msg, made_once (&answer, many_headers_answer));
}

/* A chunk size is a hexadecimal number; "zz" is not. */
static void
handle_bad_chunk (SoupServerMessage *msg,
                  const char *rest,
                  GHashTable *query)
{
  answer_text (msg, "HTTP/1.1 200 OK\r\n" HEAD_START
                    "Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "zz\r\nhello, world\r\n0\r\n\r\n");
}

static void
handle_long_body (SoupServerMessage *msg,
                  const char *rest,
                  GHashTable *query)
{
  answer_text (msg, "HTTP/1.1 200 OK\r\n" HEAD_START
                    "Content-Type: text/plain\r\nContent-Length: 10\r\n\r\n"
                    "0123456789 and 32 more bytes than it said\n");
}

/* Connection: close says the server ends the connection after this answer: it does, early. */
static void
handle_short_body (SoupServerMessage *msg,
                   const char *rest,
                   GHashTable *query)
{
  answer_text (msg, "HTTP/1.1 200 OK\r\n" HEAD_START
                    "Content-Type: text/plain\r\nContent-Length: 100\r\nConnection: close\r\n\r\n"
                    "0123456789");
}

/* A chunk of 0x64 = 100 bytes, cut after 10. */
static void
handle_cut_body (SoupServerMessage *msg,
                 const char *rest,
                 GHashTable *query)
{
  answer_text (msg, "HTTP/1.1 200 OK\r\n" HEAD_START
                    "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "64\r\n0123456789");
}

static void
handle_cut_headers (SoupServerMessage *msg,
                    const char *rest,
                    GHashTable *query)
{
  answer_text (msg, "HTTP/1.1 200 OK\r\n" HEAD_START
                    "Content-Type: text/plain\r\nContent-Length: 30\r\n"
                    "X-Evil: the connection is cut in the mid");
}

/* A whole answer, one byte a second. */

typedef struct
{
  GBytes *text;
  gsize sent;
} Drip;

static void
drip_free (gpointer data)
{
  Drip *drip = data;

  g_bytes_unref (drip->text);
  g_free (drip);
}

static GBytes *
next_byte_cb (PfLabRaw *raw,
              gpointer data)
{
  Drip *drip = data;

  if (drip->sent >= g_bytes_get_size (drip->text))
    return NULL;
  pf_lab_raw_pause_after (raw, 1000);
  return g_bytes_new_from_bytes (drip->text, drip->sent++, 1);
}

static void
handle_slowloris (SoupServerMessage *msg,
                  const char *rest,
                  GHashTable *query)
{
  static const char text[] = "HTTP/1.1 200 OK\r\n" HEAD_START
                             "Content-Type: text/plain\r\nContent-Length: 22\r\n\r\n"
                             "one byte every second\n";
  Drip *drip = g_new0 (Drip, 1);

  drip->text = g_bytes_new_static (text, strlen (text));
  pf_lab_raw_start (msg, next_byte_cb, drip, drip_free);
}

/* A head, then the same piece over and over: @limit pieces (0: for ever), then @tail. */

#define PIECE_SIZE (256 * 1024)

typedef struct
{
  GBytes *head;
  GBytes *piece;
  guint64 limit;
  guint64 sent;
  GBytes *tail;
} Repeat;

static void
repeat_free (gpointer data)
{
  Repeat *repeat = data;

  g_clear_pointer (&repeat->head, g_bytes_unref);
  g_clear_pointer (&repeat->tail, g_bytes_unref);
  g_bytes_unref (repeat->piece);
  g_free (repeat);
}

static GBytes *
next_repeat_cb (PfLabRaw *raw,
                gpointer data)
{
  Repeat *repeat = data;

  if (repeat->head != NULL)
    return g_steal_pointer (&repeat->head);
  if (repeat->limit == 0 || repeat->sent < repeat->limit)
    {
      repeat->sent++;
      return g_bytes_ref (repeat->piece);
    }
  return g_steal_pointer (&repeat->tail);
}

/* Takes @head, @piece and @tail. */
static void
answer_repeat (SoupServerMessage *msg,
               GBytes *head,
               GBytes *piece,
               guint64 limit,
               GBytes *tail)
{
  Repeat *repeat = g_new0 (Repeat, 1);

  repeat->head = head;
  repeat->piece = piece;
  repeat->limit = limit;
  repeat->tail = tail;
  pf_lab_raw_start (msg, next_repeat_cb, repeat, repeat_free);
}

/* PIECE_SIZE bytes of @line over and over. */
static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

static GBytes *
piece_of (const char *line)
{
  gsize len = strlen (line);
  guint8 *data = g_malloc (PIECE_SIZE);

  for (gsize i = 0; i < PIECE_SIZE; i++)
    data[i] = line[i % len];
  return g_bytes_new_take (data, PIECE_SIZE);
}

static void
handle_endless (SoupServerMessage *msg,
                const char *rest,
                GHashTable *query)
{
  /* 64 bytes a line: a piece is whole lines. */
  answer_repeat (msg,
                 bytes_of ("HTTP/1.1 200 OK\r\n" HEAD_START
                           "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"),
                 piece_of ("This body never ends: the server writes it as you read it.    \n"),
                 0, NULL);
}

static void
handle_endless_line (SoupServerMessage *msg,
                     const char *rest,
                     GHashTable *query)
{
  answer_repeat (msg,
                 bytes_of ("HTTP/1.1 200 OK\r\n" HEAD_START
                           "Content-Type: text/event-stream\r\nConnection: close\r\n\r\ndata: "),
                 piece_of ("x"), 0, NULL);
}

/* The gzip bomb: a deflate block of GZIP_BLOCK bytes of one letter, flushed whole (each copy
 * decodes on its own, so the body is that block N times, about 1 KiB each), between a gzip
 * header and a trailer with the right CRC-32 and size. */

#define GZIP_BLOCK (1024 * 1024)
#define GZIP_MAX_GIB 1024

typedef struct
{
  GBytes *block;
  guint32 block_crc;
  GBytes *last; /* the final (empty) deflate block */
} Bomb;

static GBytes *
deflate_raw (const guint8 *data,
             gsize len,
             int flush)
{
  z_stream z = { 0 };
  guint8 *out = g_malloc (compressBound (len) + 64);
  gsize out_len;

  if (deflateInit2 (&z, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    g_error ("zlib cannot deflate");
  z.next_in = (Bytef *) data;
  z.avail_in = len;
  z.next_out = out;
  z.avail_out = compressBound (len) + 64;
  deflate (&z, flush);
  out_len = z.total_out;
  deflateEnd (&z);
  return g_bytes_new_take (g_realloc (out, out_len), out_len);
}

static const Bomb *
bomb (void)
{
  static Bomb made;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      g_autofree guint8 *letters = g_malloc (GZIP_BLOCK);

      memset (letters, 'A', GZIP_BLOCK);
      made.block = deflate_raw (letters, GZIP_BLOCK, Z_FULL_FLUSH);
      made.block_crc = crc32 (0, letters, GZIP_BLOCK);
      made.last = deflate_raw (NULL, 0, Z_FINISH);
      g_once_init_leave (&once, 1);
    }
  return &made;
}

static void
append_le32 (GByteArray *out,
             guint32 value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

/* The last block, CRC-32 and size (mod 2^32) of @blocks copies of the block. */
static GBytes *
bomb_tail (guint64 blocks)
{
  const Bomb *b = bomb ();
  GByteArray *out = g_byte_array_new ();
  guint32 crc = 0;

  for (guint64 i = 0; i < blocks; i++)
    crc = crc32_combine (crc, b->block_crc, GZIP_BLOCK);
  g_byte_array_append (out, g_bytes_get_data (b->last, NULL), g_bytes_get_size (b->last));
  append_le32 (out, crc);
  append_le32 (out, (guint32) (blocks * GZIP_BLOCK));
  return g_byte_array_free_to_bytes (out);
}

/* ?gib=N: how many GiB it decompresses to (10 by default). */
static void
handle_gzip_bomb (SoupServerMessage *msg,
                  const char *rest,
                  GHashTable *query)
{
  static const guint8 gzip_header[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3 };
  const char *gib_text = pf_lab_query (query, "gib");
  guint64 gib = 10, blocks;
  g_autoptr (GBytes) tail = NULL;
  GString *head;

  if (gib_text != NULL && !pf_lab_parse_uint (msg, "gib", gib_text, GZIP_MAX_GIB, &gib))
    return;
  blocks = gib * (G_GUINT64_CONSTANT (1) << 30) / GZIP_BLOCK;
  tail = bomb_tail (blocks);
  head = g_string_new ("HTTP/1.1 200 OK\r\n" HEAD_START);
  g_string_append_printf (head,
                          "Content-Type: text/plain\r\nContent-Encoding: gzip\r\n"
                          "Content-Length: %" G_GUINT64_FORMAT "\r\n\r\n",
                          sizeof gzip_header + blocks * g_bytes_get_size (bomb ()->block) +
                              g_bytes_get_size (tail));
  g_string_append_len (head, (const char *) gzip_header, sizeof gzip_header);
  answer_repeat (msg, g_string_free_to_bytes (head), g_bytes_ref (bomb ()->block), blocks,
                 g_steal_pointer (&tail));
}

/* Latin-1 where UTF-8 was promised, a byte never in UTF-8, and a character cut short. */
#define NOT_UTF8_TEXT                      \
  "caf\xE9 au lait (Latin-1, not UTF-8)\n" \
  "\xFF\xFE (never in UTF-8)\n"            \
  "\xE2\x82 (a character cut short)\n"

static void
handle_bad_utf8 (SoupServerMessage *msg,
                 const char *rest,
                 GHashTable *query)
{
  pf_lab_respond (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8",
                  "UTF-8 is promised, but:\n" NOT_UTF8_TEXT);
}

/* The events once, then a comment now and then: the stream stays open. */
static GBytes *
next_event_cb (PfLabRaw *raw,
               gpointer data)
{
  gboolean *started = data;
  static const char head[] = "HTTP/1.1 200 OK\r\n" HEAD_START
                             "Content-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                             "retry: 60000\n\n"
                             "data: caf\xE9 au lait (Latin-1, not UTF-8)\n\n"
                             "data: \xFF\xFE (never in UTF-8)\n\n";
  static const char comment[] = ": still here\n\n";

  pf_lab_raw_pause_after (raw, 15000);
  if (*started)
    return g_bytes_new_static (comment, strlen (comment));
  *started = TRUE;
  return g_bytes_new_static (head, strlen (head));
}

static void
handle_bad_utf8_events (SoupServerMessage *msg,
                        const char *rest,
                        GHashTable *query)
{
  pf_lab_raw_start (msg, next_event_cb, g_new0 (gboolean, 1), g_free);
}

static const PfLabEndpoint evil_endpoints[] = {
  { "/evil/status-line", FALSE, handle_status_line, "/evil/status-line",
    N_("Misbehaves: a status line that is not HTTP (“HTTP/1.1 2OO OK”, with letters O).") },
  { "/evil/huge-header", FALSE, handle_huge_header, "/evil/huge-header",
    N_("Misbehaves: one header 1 MiB long, past what a client reads of a response head "
       "(libsoup 64 KiB, Chromium 256 KiB).") },
  { "/evil/many-headers", FALSE, handle_many_headers, "/evil/many-headers",
    N_("Misbehaves: 100 000 headers.") },
  { "/evil/bad-chunk", FALSE, handle_bad_chunk, "/evil/bad-chunk",
    N_("Misbehaves: a chunked body whose chunk size is “zz”, not a hexadecimal number.") },
  { "/evil/long-body", FALSE, handle_long_body, "/evil/long-body",
    N_("Misbehaves: Content-Length says 10 bytes, the body is 42.") },
  { "/evil/short-body", FALSE, handle_short_body, "/evil/short-body",
    N_("Misbehaves: Content-Length says 100 bytes and Connection: close; 10 come, then the "
       "connection closes.") },
  { "/evil/cut-body", FALSE, handle_cut_body, "/evil/cut-body",
    N_("Misbehaves: the connection is cut in the middle of a chunk of a chunked body.") },
  { "/evil/cut-headers", FALSE, handle_cut_headers, "/evil/cut-headers",
    N_("Misbehaves: the connection is cut in the middle of the headers.") },
  { "/evil/slowloris", FALSE, handle_slowloris, "/evil/slowloris",
    N_("Misbehaves: the whole answer, head and body, one byte a second; for the timeout and "
       "abort.") },
  { "/evil/endless", FALSE, handle_endless, "/evil/endless",
    N_("Misbehaves: a text body that never ends, as fast as the client reads it.") },
  { "/evil/gzip-bomb", FALSE, handle_gzip_bomb, "/evil/gzip-bomb?gib=10",
    N_("Misbehaves: about 10 MB of Content-Encoding: gzip that decompress to 10 GiB of "
       "text (?gib= sets it, up to 1024).") },
  { "/evil/bad-utf8", FALSE, handle_bad_utf8, "/evil/bad-utf8",
    N_("Misbehaves: a text/plain; charset=utf-8 body with bytes that are not UTF-8.") },
  { "/evil/bad-utf8-events", FALSE, handle_bad_utf8_events, "/evil/bad-utf8-events",
    N_("Misbehaves: an event stream whose data is not UTF-8; it stays open.") },
  { "/evil/endless-line", FALSE, handle_endless_line, "/evil/endless-line",
    N_("Misbehaves: an event stream that never sends a line break: one data line without "
       "end.") },
};

const PfLabEndpoint *
pf_lab_evil_endpoints (guint *n_endpoints)
{
  *n_endpoints = G_N_ELEMENTS (evil_endpoints);
  return evil_endpoints;
}
