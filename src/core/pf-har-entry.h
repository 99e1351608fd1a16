/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-request.h"

G_BEGIN_DECLS

#define PF_HAR_ERROR (pf_har_error_quark ())

typedef enum
{
  PF_HAR_ERROR_SYNTAX, /* not JSON */
  PF_HAR_ERROR_FORMAT, /* JSON, but not a HAR log where the message says */
} PfHarError;

#define PF_TYPE_HAR_ENTRY (pf_har_entry_get_type ())

G_DECLARE_FINAL_TYPE (PfHarEntry, pf_har_entry, PF, HAR_ENTRY, GObject)

GQuark             pf_har_error_quark              (void);
GListModel        *pf_har_entry_list_new_from_data (const char  *data,
                                                    gsize        length,
                                                    GError     **error);

PfRequest         *pf_har_entry_get_request        (PfHarEntry  *self);
const char        *pf_har_entry_get_method         (PfHarEntry  *self);
const char        *pf_har_entry_get_url            (PfHarEntry  *self);
const char        *pf_har_entry_get_origin         (PfHarEntry  *self);
guint              pf_har_entry_get_status         (PfHarEntry  *self);
const char        *pf_har_entry_get_status_text    (PfHarEntry  *self);
const char        *pf_har_entry_get_error          (PfHarEntry  *self);
const char        *pf_har_entry_get_started        (PfHarEntry  *self);
double             pf_har_entry_get_time_ms        (PfHarEntry  *self);
gboolean           pf_har_entry_get_failed         (PfHarEntry  *self);
const char *const *pf_har_entry_get_notes          (PfHarEntry  *self);
char              *pf_har_entry_dup_outcome        (PfHarEntry  *self);

G_END_DECLS
