/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-request.h"

G_BEGIN_DECLS

#define PF_TYPE_HTTP_FILE_ENTRY (pf_http_file_entry_get_type ())

G_DECLARE_FINAL_TYPE (PfHttpFileEntry, pf_http_file_entry, PF, HTTP_FILE_ENTRY, GObject)

const char *pf_http_file_entry_get_name     (PfHttpFileEntry *self);
guint       pf_http_file_entry_get_line     (PfHttpFileEntry *self);
gsize       pf_http_file_entry_get_start    (PfHttpFileEntry *self);
gsize       pf_http_file_entry_get_end      (PfHttpFileEntry *self);
PfRequest  *pf_http_file_entry_get_request  (PfHttpFileEntry *self);
PfRequest  *pf_http_file_entry_dup_request  (PfHttpFileEntry *self);
char       *pf_http_file_entry_dup_label    (PfHttpFileEntry *self);

G_END_DECLS
