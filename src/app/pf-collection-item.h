/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-http-file.h"

G_BEGIN_DECLS

typedef enum
{
  PF_COLLECTION_ITEM_FILE,
  PF_COLLECTION_ITEM_REQUEST,
  PF_COLLECTION_ITEM_ERROR,
} PfCollectionItemKind;

#define PF_TYPE_COLLECTION_ITEM (pf_collection_item_get_type ())

G_DECLARE_FINAL_TYPE (PfCollectionItem, pf_collection_item, PF, COLLECTION_ITEM, GObject)

PfCollectionItem     *pf_collection_item_new_file      (GFile            *location,
                                                        const char       *title);
void                  pf_collection_item_set_contents  (PfCollectionItem *self,
                                                        PfHttpFile       *http,
                                                        const char       *etag,
                                                        const GError     *error);
PfCollectionItemKind  pf_collection_item_get_kind      (PfCollectionItem *self);
const char           *pf_collection_item_get_title     (PfCollectionItem *self);
GFile                *pf_collection_item_get_location  (PfCollectionItem *self);
GListModel           *pf_collection_item_get_children  (PfCollectionItem *self);
PfHttpFile           *pf_collection_item_get_http      (PfCollectionItem *self);
const char           *pf_collection_item_get_etag      (PfCollectionItem *self);
guint                 pf_collection_item_get_index     (PfCollectionItem *self);
PfHttpFileEntry      *pf_collection_item_get_entry     (PfCollectionItem *self);
PfCollectionItem     *pf_collection_item_get_file      (PfCollectionItem *self);
char                 *pf_collection_item_dup_entry_text (PfCollectionItem *self);

G_END_DECLS
