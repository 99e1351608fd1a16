/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A dispatched event. @data is @data_len bytes of UTF-8 (it may hold U+0000) followed by a
 * NUL; all strings are valid until the callback returns. */
typedef void (*PfSseEventFunc) (const char *type,
                                const char *data,
                                gsize       data_len,
                                const char *last_event_id,
                                gpointer    user_data);
/* A "retry" field with a valid number of milliseconds. */
typedef void (*PfSseRetryFunc) (guint64     retry_ms,
                                gpointer    user_data);

typedef struct _PfSseParser PfSseParser;

/* A line, or the data of one event, is at most this long: past it the parser stops, so that a
 * stream that never breaks its line is not held in memory whole. */
#define PF_SSE_PARSER_MAX_SIZE (16 * 1024 * 1024)

/* Why the parser stopped, if it did. */
typedef enum
{
  PF_SSE_PARSER_READING,
  PF_SSE_PARSER_LINE_TOO_LONG,
  PF_SSE_PARSER_EVENT_TOO_LONG,
} PfSseParserStop;

PfSseParser *pf_sse_parser_new               (PfSseEventFunc  on_event,
                                              PfSseRetryFunc  on_retry,
                                              gpointer        user_data);
void         pf_sse_parser_free              (PfSseParser    *self);
void         pf_sse_parser_feed              (PfSseParser    *self,
                                              const char     *bytes,
                                              gsize           len);
void         pf_sse_parser_end               (PfSseParser    *self);
void         pf_sse_parser_restart           (PfSseParser    *self);
const char  *pf_sse_parser_get_last_event_id (PfSseParser    *self);
void         pf_sse_parser_set_last_event_id (PfSseParser    *self,
                                              const char     *id);
PfSseParserStop pf_sse_parser_get_stop (PfSseParser *self);
gboolean pf_sse_parser_get_replaced (PfSseParser *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfSseParser, pf_sse_parser_free)

G_END_DECLS
