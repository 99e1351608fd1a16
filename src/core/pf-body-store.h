/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Bodies up to this size stay in memory; larger ones are spooled to a temporary file. */
#define PF_BODY_STORE_DEFAULT_MEMORY_LIMIT (8 * 1024 * 1024)

#define PF_TYPE_BODY_STORE (pf_body_store_get_type ())

G_DECLARE_FINAL_TYPE (PfBodyStore, pf_body_store, PF, BODY_STORE, GObject)

PfBodyStore *pf_body_store_new          (gsize                memory_limit,
                                         GOutputStream       *sink);
void         pf_body_store_write_async  (PfBodyStore         *self,
                                         const guint8        *data,
                                         gsize                len,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean     pf_body_store_write_finish (PfBodyStore         *self,
                                         GAsyncResult        *result,
                                         GError             **error);
gboolean     pf_body_store_writes_now   (PfBodyStore         *self,
                                         gsize                len);
gboolean     pf_body_store_write        (PfBodyStore         *self,
                                         const guint8        *data,
                                         gsize                len,
                                         GCancellable        *cancellable,
                                         GError             **error);
guint64      pf_body_store_get_size     (PfBodyStore         *self);
GBytes      *pf_body_store_dup_bytes    (PfBodyStore         *self);
GBytes      *pf_body_store_dup_head     (PfBodyStore         *self,
                                         gsize                limit);
GFile       *pf_body_store_get_file     (PfBodyStore         *self);
gboolean     pf_body_store_is_kept      (PfBodyStore         *self);

G_END_DECLS
