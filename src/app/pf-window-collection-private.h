/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-collection-edit.h"
#include "pf-collection-item.h"
#include "pf-window-private.h"

G_BEGIN_DECLS

/* What a tab opened from the collection remembers of its entry: the file, the file's etag and
 * the entry's index and lines when it was read (to find it again when saving), and its name
 * as typed ("" for none), which is then the tab's title. */
typedef struct
{
  GFile *location;
  char *etag;
  guint index;
  char *text;
  char *name;
} PfCollectionTab;

void             _pf_collection_tab_free          (PfCollectionTab  *tab);
PfCollectionTab *_pf_window_collection_get_tab    (AdwTabPage       *page);
void             _pf_window_collection_set_tab    (AdwTabPage       *page,
                                                   PfCollectionTab  *tab);
void             _pf_window_collection_edited     (PfWindow         *self,
                                                   PfCollectionEdit *edit,
                                                   const char       *old_text);
void             _pf_window_collection_save       (PfWindow         *self);
void             _pf_window_collection_ask_rename (PfWindow         *self,
                                                   PfCollectionItem *item);
void             _pf_window_collection_ask_delete (PfWindow         *self,
                                                   PfCollectionItem *item);

G_END_DECLS
