/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-request.h"

G_BEGIN_DECLS

typedef enum
{
  PF_COLLECTION_EDIT_SAVE,   /* the entry says @request, named @name */
  PF_COLLECTION_EDIT_RENAME, /* the entry is named @name */
  PF_COLLECTION_EDIT_REMOVE, /* the entry's lines go */
  PF_COLLECTION_EDIT_APPEND, /* @request, named @name, after the last entry */
} PfCollectionEditKind;

/* One change to a .http file: the entry as it was read (the file's etag then, its index and
 * its lines), what to do, and after the write where the entry now is and the file's etag. */
typedef struct
{
  PfCollectionEditKind kind;
  GFile *location;
  char *etag;
  guint index;
  char *text;
  PfRequest *request;
  char *name;

  /* Filled in by the write */
  char *new_etag;
  guint new_index;
  char *new_text;
} PfCollectionEdit;

PfCollectionEdit *pf_collection_edit_new (PfCollectionEditKind kind,
                                          GFile *location);
void pf_collection_edit_free (PfCollectionEdit *edit);
void pf_collection_edit_run_async (PfCollectionEdit *edit,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
PfCollectionEdit *pf_collection_edit_run_finish (GAsyncResult *result,
                                                 GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfCollectionEdit, pf_collection_edit_free)

G_END_DECLS
