/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "pf-history-entry.h"
#include "pf-history-item.h"
#include "pf-history.h"

G_BEGIN_DECLS

/* One exchange as the database holds it: the summary a list shows, the structured parts as
 * JSON text, and the text full-text search indexes. Made on the writer thread from an entry
 * and on the reader thread from a row. */
typedef struct
{
  gint64 id;
  gint64 time_us;
  char *method;
  char *url;
  guint status;
  char *status_text;
  char *failure;        /* the failure's name, NULL when the exchange got a response */
  gint64 duration_us;
  guint64 body_size;
  char *origin;         /* the page origin, NULL for none */
  char *cors;           /* the CORS outcome's name, NULL when no CORS flow took part */
  char *request_json;
  char *response_json;
  char *timeline_json;
  char *cors_json;
  char *headers;        /* request then response headers as "Name: value" lines */
  char *request_body;   /* the request body as text, for search */
  GBytes *body;         /* the response body's first part */
  gboolean body_is_text;
  gboolean body_truncated;
} PfHistoryRow;

PfHistoryEntry *_pf_history_entry_new_snapshot (PfExchange     *exchange,
                                                gsize           body_limit);
void            _pf_history_entry_complete     (PfHistoryEntry *self);
void            _pf_history_row_clear          (PfHistoryRow   *row);
void            _pf_history_entry_fill_row     (PfHistoryEntry *self,
                                                PfHistoryRow   *row);
PfHistoryEntry *_pf_history_entry_new_from_row (PfHistoryRow   *row,
                                                GError        **error);
PfHistoryItem  *_pf_history_item_new_from_row  (PfHistoryRow   *row);

/* The database, on the connection of the thread that calls: pf-history-db.c. */
typedef struct _PfHistoryDb PfHistoryDb;

PfHistoryDb *_pf_history_db_open         (const char    *path,
                                          gboolean       writer,
                                          char         **moved_aside,
                                          GError       **error);
void         _pf_history_db_close        (PfHistoryDb   *db);
void         _pf_history_db_set_cancellable (PfHistoryDb *db,
                                          GCancellable  *cancellable);
gboolean     _pf_history_db_begin        (PfHistoryDb   *db,
                                          GError       **error);
gboolean     _pf_history_db_commit       (PfHistoryDb   *db,
                                          GError       **error);
void         _pf_history_db_rollback     (PfHistoryDb   *db);
gint64       _pf_history_db_insert       (PfHistoryDb   *db,
                                          PfHistoryRow  *row,
                                          GError       **error);
gboolean     _pf_history_db_delete       (PfHistoryDb   *db,
                                          gint64         id,
                                          GError       **error);
gboolean     _pf_history_db_delete_all   (PfHistoryDb   *db,
                                          GError       **error);
gboolean     _pf_history_db_retain       (PfHistoryDb   *db,
                                          guint          max_entries,
                                          GTimeSpan      max_age,
                                          GError       **error);
gboolean     _pf_history_db_query        (PfHistoryDb   *db,
                                          const char    *filter,
                                          guint          limit,
                                          GPtrArray     *items,
                                          GError       **error);
gboolean     _pf_history_db_load         (PfHistoryDb   *db,
                                          gint64         id,
                                          PfHistoryRow  *row,
                                          GError       **error);
void         _pf_history_db_set_max_page_count (PfHistoryDb *db,
                                          guint          pages);
char        *_pf_history_fts_query       (const char    *filter);

void         _pf_history_limit_pages     (PfHistory     *self,
                                          guint          pages);

G_END_DECLS
