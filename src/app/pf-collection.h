/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-collection-item.h"
#include "pf-http-file.h"

G_BEGIN_DECLS

#define PF_TYPE_COLLECTION (pf_collection_get_type ())

G_DECLARE_FINAL_TYPE (PfCollection, pf_collection, PF, COLLECTION, GObject)

PfCollection     *pf_collection_new         (GFile         *folder);
GFile            *pf_collection_get_folder  (PfCollection  *self);
GListModel       *pf_collection_get_files   (PfCollection  *self);
PfCollectionItem *pf_collection_find_file   (PfCollection  *self,
                                             GFile         *location);

void              pf_collection_read_async  (GFile               *location,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PfHttpFile       *pf_collection_read_finish (GAsyncResult        *result,
                                             char               **etag,
                                             GError             **error);

G_END_DECLS
