/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-history-entry.h"
#include "pf-history-item.h"

G_BEGIN_DECLS

#define PF_HISTORY_ERROR (pf_history_error_quark ())

/* What can go wrong with history; none of it stops a request. */
typedef enum
{
  PF_HISTORY_ERROR_FAILED,
  PF_HISTORY_ERROR_CORRUPT,     /* the file was damaged: moved aside, a new one started */
  PF_HISTORY_ERROR_FULL,        /* the disk is full: exchanges are not being saved */
  PF_HISTORY_ERROR_NOT_FOUND,   /* no entry with that id (any more) */
} PfHistoryError;

/* How much history keeps by default: the newest entries up to this count, of any age. */
#define PF_HISTORY_DEFAULT_MAX_ENTRIES 10000

#define PF_TYPE_HISTORY (pf_history_get_type ())

GQuark pf_history_error_quark (void);

G_DECLARE_FINAL_TYPE (PfHistory, pf_history, PF, HISTORY, GObject)

char           *pf_history_dup_default_path   (void);
PfHistory      *pf_history_new                (const char          *path);
const char     *pf_history_get_path           (PfHistory           *self);
const char     *pf_history_get_moved_aside    (PfHistory           *self);
gsize           pf_history_get_body_limit     (PfHistory           *self);
void            pf_history_set_body_limit     (PfHistory           *self,
                                               gsize                limit);
guint           pf_history_get_max_entries    (PfHistory           *self);
void            pf_history_set_max_entries    (PfHistory           *self,
                                               guint                max_entries);
guint           pf_history_get_max_age_days   (PfHistory           *self);
void            pf_history_set_max_age_days   (PfHistory           *self,
                                               guint                days);
void            pf_history_record_exchange    (PfHistory           *self,
                                               PfExchange          *exchange);
void            pf_history_record_async       (PfHistory           *self,
                                               PfHistoryEntry      *entry,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gint64          pf_history_record_finish      (PfHistory           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void            pf_history_query_async        (PfHistory           *self,
                                               const char          *filter,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GListModel     *pf_history_query_finish       (PfHistory           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void            pf_history_load_async         (PfHistory           *self,
                                               gint64               id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
PfHistoryEntry *pf_history_load_finish        (PfHistory           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void            pf_history_delete_async       (PfHistory           *self,
                                               gint64               id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        pf_history_delete_finish      (PfHistory           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void            pf_history_delete_all_async   (PfHistory           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        pf_history_delete_all_finish  (PfHistory           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void            pf_history_sync_async         (PfHistory           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        pf_history_sync_finish        (PfHistory           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
