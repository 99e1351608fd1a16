/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-http-file-entry.h"
#include "pf-request.h"

G_BEGIN_DECLS

#define PF_HTTP_FILE_ERROR (pf_http_file_error_quark ())

/* A .http file that cannot be read as one: the message says the line, the column and what
 * was expected there. */
typedef enum
{
  PF_HTTP_FILE_ERROR_SYNTAX,
  PF_HTTP_FILE_ERROR_NO_ENTRY,
} PfHttpFileError;

#define PF_TYPE_HTTP_FILE (pf_http_file_get_type ())

GQuark pf_http_file_error_quark (void);

G_DECLARE_FINAL_TYPE (PfHttpFile, pf_http_file, PF, HTTP_FILE, GObject)

PfHttpFile      *pf_http_file_new_from_bytes   (GBytes      *contents,
                                                GFile       *location,
                                                GError     **error);
PfHttpFile      *pf_http_file_load             (GFile       *location,
                                                GCancellable *cancellable,
                                                GError     **error);
GBytes          *pf_http_file_get_contents     (PfHttpFile  *self);
GFile           *pf_http_file_get_location     (PfHttpFile  *self);
const char      *pf_http_file_get_newline      (PfHttpFile  *self);
GHashTable      *pf_http_file_get_variables    (PfHttpFile  *self);
PfHttpFileEntry *pf_http_file_get_entry        (PfHttpFile  *self,
                                                guint        index);
PfHttpFileEntry *pf_http_file_find_entry       (PfHttpFile  *self,
                                                const char  *name);
char            *pf_http_file_format_request   (PfHttpFile  *self,
                                                PfRequest   *request,
                                                const char  *name);
GBytes          *pf_http_file_replace_entry    (PfHttpFile  *self,
                                                guint        index,
                                                PfRequest   *request,
                                                const char  *name,
                                                GError     **error);
GBytes          *pf_http_file_append_entry     (PfHttpFile  *self,
                                                PfRequest   *request,
                                                const char  *name,
                                                GError     **error);
GBytes          *pf_http_file_remove_entry     (PfHttpFile  *self,
                                                guint        index,
                                                GError     **error);

G_END_DECLS
