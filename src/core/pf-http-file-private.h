/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-http-file-entry.h"
#include "pf-http-file.h"

G_BEGIN_DECLS

/* What each line of an entry was, kept so that saving writes back the lines that did not
 * change as they were typed. */
typedef enum
{
  PF_HTTP_PART_COMMENT,      /* a comment, an unknown directive or a file variable: kept */
  PF_HTTP_PART_DIRECTIVE,    /* one of ours or @name: key and value */
  PF_HTTP_PART_REQUEST_LINE, /* with its URL continuation lines */
  PF_HTTP_PART_HEADER,       /* key, value; index into the request's headers or -1 */
  PF_HTTP_PART_BODY,         /* the blank line and the body, up to its last non-blank line */
} PfHttpPartKind;

typedef struct
{
  PfHttpPartKind kind;
  char *raw;   /* its lines, line endings included */
  char *key;
  char *value;
  int index;
} PfHttpPart;

void        _pf_http_part_free             (PfHttpPart     *part);

PfHttpFileEntry *_pf_http_file_entry_new   (const char     *name,
                                            guint           line,
                                            gsize           start,
                                            gsize           end,
                                            gsize           block_start,
                                            gsize           block_end,
                                            PfRequest      *request,
                                            GPtrArray      *parts);
GPtrArray  *_pf_http_file_entry_get_parts  (PfHttpFileEntry *self);
gsize       _pf_http_file_entry_get_block_start (PfHttpFileEntry *self);
gsize       _pf_http_file_entry_get_block_end   (PfHttpFileEntry *self);

GPtrArray  *_pf_http_file_parse            (const char     *text,
                                            gsize           len,
                                            GFile          *folder,
                                            GHashTable     *variables,
                                            GError        **error);
char       *_pf_http_file_format           (PfRequest      *request,
                                            const char     *name,
                                            PfHttpFileEntry *original,
                                            GFile          *folder,
                                            const char     *newline);
gboolean    _pf_http_directive_value       (PfRequest      *request,
                                            const char     *key,
                                            char          **value);

G_END_DECLS
