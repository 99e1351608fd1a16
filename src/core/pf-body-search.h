/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-body-store.h"

G_BEGIN_DECLS

/* How many matches a search keeps (offset and length); it counts all of them. */
#define PF_BODY_SEARCH_MAX_KEPT 100000

typedef enum
{
  PF_BODY_SEARCH_LITERAL = 0,
  PF_BODY_SEARCH_IGNORE_CASE = 1 << 0,
  PF_BODY_SEARCH_WHOLE_WORD = 1 << 1,
  PF_BODY_SEARCH_REGEX = 1 << 2,
} PfBodySearchFlags;

#define PF_TYPE_BODY_SEARCH (pf_body_search_get_type ())

G_DECLARE_FINAL_TYPE (PfBodySearch, pf_body_search, PF, BODY_SEARCH, GObject)

PfBodySearch *pf_body_search_new (PfBodyStore *store,
                                  const char *pattern,
                                  PfBodySearchFlags flags,
                                  GError **error);
PfBodySearch *pf_body_search_new_for_bytes (GBytes *bytes,
                                            const char *pattern,
                                            PfBodySearchFlags flags,
                                            GError **error);
PfBodySearch *pf_body_search_new_for_file (GFile *file,
                                           const char *pattern,
                                           PfBodySearchFlags flags,
                                           GError **error);
void pf_body_search_start (PfBodySearch *self);
void pf_body_search_cancel (PfBodySearch *self);
gboolean pf_body_search_is_done (PfBodySearch *self);
const GError *pf_body_search_get_error (PfBodySearch *self);
guint64 pf_body_search_get_count (PfBodySearch *self);
guint64 pf_body_search_get_scanned (PfBodySearch *self);
guint pf_body_search_get_n_kept (PfBodySearch *self);
gboolean pf_body_search_get_match (PfBodySearch *self,
                                   guint index,
                                   guint64 *offset,
                                   guint64 *length);

G_END_DECLS
