/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pf-collection.h"

G_BEGIN_DECLS

#define PF_TYPE_COLLECTION_VIEW (pf_collection_view_get_type ())

G_DECLARE_FINAL_TYPE (PfCollectionView, pf_collection_view, PF, COLLECTION_VIEW, GtkBox)

PfCollectionView *pf_collection_view_new            (void);
PfCollection     *pf_collection_view_get_collection (PfCollectionView *self);
void              pf_collection_view_set_collection (PfCollectionView *self,
                                                     PfCollection     *collection);
GListModel       *pf_collection_view_get_rows       (PfCollectionView *self);
PfCollectionItem *pf_collection_view_get_selected   (PfCollectionView *self);
void              pf_collection_view_select_entry   (PfCollectionView *self,
                                                     GFile            *location,
                                                     const char       *text);

G_END_DECLS
