/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pf-history-private.h"

/* The history database on one connection, used by one thread: the writer's (schema, inserts,
 * deletes, retention) or the reader's (list and load). WAL lets the reader read while the
 * writer writes; synchronous=NORMAL makes a commit survive the app being killed (a power cut
 * may lose the last ones, never the file).
 *
 * Search is an FTS5 index with external content: it stores the index only, reading nothing
 * back from the table; the writer keeps it in step with each insert and delete, giving the
 * indexed text again for a delete, as FTS5 wants for external content. */

#define SCHEMA_VERSION 1

static const char schema_sql[] =
  "CREATE TABLE exchanges ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  time INTEGER NOT NULL,"
  "  method TEXT NOT NULL,"
  "  url TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  status_text TEXT NOT NULL,"
  "  failure TEXT,"
  "  duration INTEGER NOT NULL,"
  "  body_size INTEGER NOT NULL,"
  "  origin TEXT,"
  "  cors TEXT,"
  "  request TEXT NOT NULL,"
  "  response TEXT NOT NULL,"
  "  timeline TEXT NOT NULL,"
  "  cors_detail TEXT,"
  "  headers TEXT NOT NULL,"
  "  request_body TEXT,"
  "  body_truncated INTEGER NOT NULL,"
  "  body" /* TEXT when the kept part is UTF-8 (and indexed), else BLOB */
  ");"
  "CREATE INDEX exchanges_time ON exchanges (time);"
  "CREATE VIRTUAL TABLE exchanges_fts USING fts5 ("
  "  method, url, headers, request_body, body,"
  "  content='exchanges', content_rowid='id', prefix='1 2 3');"
  "PRAGMA user_version = 1;";

#define SUMMARY_COLUMNS "e.id, e.time, e.method, e.url, e.status, e.status_text, e.failure, " \
                        "e.duration, e.body_size, e.origin, e.cors"
/* The indexed text of rows, as a 'delete' of external content needs it. */
#define FTS_DELETE "INSERT INTO exchanges_fts (exchanges_fts, rowid, method, url, headers, " \
                   "request_body, body) SELECT 'delete', id, method, url, headers, " \
                   "request_body, CASE WHEN typeof (body) = 'text' THEN body END " \
                   "FROM exchanges "

typedef enum
{
  STMT_INSERT,
  STMT_INSERT_FTS,
  STMT_DELETE_FTS,
  STMT_DELETE,
  STMT_OLDEST_KEPT,
  STMT_DELETE_FTS_UPTO,
  STMT_DELETE_UPTO,
  STMT_HAS_OLDER,
  STMT_DELETE_FTS_OLDER,
  STMT_DELETE_OLDER,
  STMT_LIST,
  STMT_SEARCH,
  STMT_LOAD,
  N_STMTS
} Stmt;

static const char *const stmt_sql[N_STMTS] = {
  [STMT_INSERT] =
    "INSERT INTO exchanges (time, method, url, status, status_text, failure, duration, "
    "body_size, origin, cors, request, response, timeline, cors_detail, headers, request_body, "
    "body_truncated, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_INSERT_FTS] =
    "INSERT INTO exchanges_fts (rowid, method, url, headers, request_body, body) "
    "VALUES (?, ?, ?, ?, ?, ?)",
  [STMT_DELETE_FTS] = FTS_DELETE "WHERE id = ?",
  [STMT_DELETE] = "DELETE FROM exchanges WHERE id = ?",
  [STMT_OLDEST_KEPT] = "SELECT id FROM exchanges ORDER BY id LIMIT 1 OFFSET ?",
  [STMT_DELETE_FTS_UPTO] = FTS_DELETE "WHERE id < ?",
  [STMT_DELETE_UPTO] = "DELETE FROM exchanges WHERE id < ?",
  [STMT_HAS_OLDER] = "SELECT 1 FROM exchanges WHERE time < ? LIMIT 1",
  [STMT_DELETE_FTS_OLDER] = FTS_DELETE "WHERE time < ?",
  [STMT_DELETE_OLDER] = "DELETE FROM exchanges WHERE time < ?",
  [STMT_LIST] = "SELECT " SUMMARY_COLUMNS " FROM exchanges e ORDER BY e.id DESC LIMIT ?",
  [STMT_SEARCH] =
    "SELECT " SUMMARY_COLUMNS " FROM exchanges_fts f JOIN exchanges e ON e.id = f.rowid "
    "WHERE exchanges_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?",
  [STMT_LOAD] =
    "SELECT " SUMMARY_COLUMNS ", e.request, e.response, e.timeline, e.cors_detail, "
    "e.body_truncated, e.body FROM exchanges e WHERE e.id = ?",
};

struct _PfHistoryDb
{
  sqlite3 *db;
  sqlite3_stmt *stmts[N_STMTS];
  gint64 count;               /* rows in exchanges, kept by the writer */
  GCancellable *cancellable;  /* the reader's current task's */
};

/* ---- errors */

static gboolean
fail (GError    **error,
      int         code,
      const char *message)
{
  g_set_error_literal (error, PF_HISTORY_ERROR, code, message);
  return FALSE;
}

static gboolean
set_error (PfHistoryDb *db,
           int          code,
           GError     **error)
{
  const char *message = db->db != NULL ? sqlite3_errmsg (db->db) : sqlite3_errstr (code);

  switch (code & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_FULL,
                   _("History could not be saved because the disk is full; requests still run"));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_CORRUPT,
                   _("The history database is damaged (%s)"), message);
      break;
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      break;
    default:
      g_set_error (error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_FAILED,
                   _("History could not be read or saved (%s)"), message);
      break;
    }
  return FALSE;
}

static gboolean
exec (PfHistoryDb *db,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (db->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : set_error (db, rc, error);
}

static sqlite3_stmt *
stmt (PfHistoryDb *db,
      Stmt         which,
      GError     **error)
{
  int rc;

  if (db->stmts[which] != NULL)
    {
      sqlite3_reset (db->stmts[which]);
      sqlite3_clear_bindings (db->stmts[which]);
      return db->stmts[which];
    }
  rc = sqlite3_prepare_v3 (db->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                           &db->stmts[which], NULL);
  if (rc != SQLITE_OK)
    {
      set_error (db, rc, error);
      return NULL;
    }
  return db->stmts[which];
}

/* Steps @s to its end: TRUE when it finished. */
static gboolean
run (PfHistoryDb  *db,
     sqlite3_stmt *s,
     GError      **error)
{
  int rc = sqlite3_step (s);

  sqlite3_reset (s);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? TRUE : set_error (db, rc, error);
}

/* ---- opening */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A cheap look at the file's header (SQLite file format, 1.3): the magic string, and a file
 * shorter than the size the header gives when that size is valid — a truncated file. SQLite
 * itself would notice only when it reads a missing page, maybe much later. */
static gboolean
header_looks_sound (const char *path)
{
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  GStatBuf st;
  guint32 page_size, pages;

  if (g_stat (path, &st) != 0 || st.st_size == 0)
    return TRUE;
  {
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autoptr (GFileInputStream) in = g_file_read (file, NULL, &error);
    guint8 header[100];

    if (in == NULL)
      return TRUE;  /* not ours to judge: SQLite will say why it cannot open it */
    if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &len, NULL, NULL)
        || len < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
      return FALSE;
    page_size = (header[16] << 8) | header[17];
    page_size = page_size == 1 ? 65536 : page_size;
    pages = read_be32 (header + 28);
    if (pages != 0 && read_be32 (header + 24) == read_be32 (header + 92))
      return (guint64) st.st_size >= (guint64) pages * page_size;
  }
  return TRUE;
}

static int
progress_cb (gpointer data)
{
  PfHistoryDb *db = data;

  return db->cancellable != NULL && g_cancellable_is_cancelled (db->cancellable);
}

static gboolean
create_schema (PfHistoryDb *db,
               GError     **error)
{
  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec (db, schema_sql, error))
    {
      exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return exec (db, "COMMIT", error);
}

static gboolean
query_int (PfHistoryDb *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2 (db->db, sql, -1, &s, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (s, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (s);
  return rc == SQLITE_OK ? TRUE : set_error (db, rc, error);
}

/* The writer sets the file up: WAL, the schema at its version, and the row count. */
static gboolean
set_up_writer (PfHistoryDb *db,
               GError     **error)
{
  gint64 version = 0;

  if (!sqlite3_compileoption_used ("ENABLE_FTS5"))
    return fail (error, PF_HISTORY_ERROR_FAILED,
                 _("History needs SQLite with full-text search (FTS5), which this SQLite "
                   "lacks"));
  if (!exec (db, "PRAGMA journal_mode = WAL", error)
      || !query_int (db, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version > SCHEMA_VERSION)
    return fail (error, PF_HISTORY_ERROR_FAILED,
                 _("History was saved by a newer version of Preflight"));
  if (version == 0 && !create_schema (db, error))
    return FALSE;
  return query_int (db, "SELECT count(*) FROM exchanges", &db->count, error);
}

static PfHistoryDb *
open_connection (const char *path,
                 gboolean    writer,
                 GError    **error)
{
  PfHistoryDb *db = g_new0 (PfHistoryDb, 1);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2 (path, &db->db, flags, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_extended_result_codes (db->db, TRUE);
  if (rc != SQLITE_OK)
    {
      set_error (db, rc, error);
      _pf_history_db_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db->db, 5000);
  if (!exec (db, "PRAGMA synchronous = NORMAL", error)
      || (writer && !set_up_writer (db, error)))
    {
      _pf_history_db_close (db);
      return NULL;
    }
  if (!writer)
    sqlite3_progress_handler (db->db, 1000, progress_cb, db);
  return db;
}

/* Moves a damaged file and its WAL aside as PATH.corrupt-YYYYMMDD-HHMMSS, returning the new
 * name, so a new file can start and nothing is destroyed. */
static char *
move_aside (const char *path,
            GError    **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);
    }
  if (g_rename (path, target) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The damaged history database could not be moved aside: %s"),
                   g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *suffix = i == 0 ? "-wal" : "-shm";
      g_autofree char *from = g_strconcat (path, suffix, NULL);
      g_autofree char *to = g_strconcat (target, suffix, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return g_steal_pointer (&target);
}

/* Opens @path, the writer's connection making the file and schema. A writer finding the file
 * damaged moves it aside (its new name in @moved_aside) and starts a new one. */
PfHistoryDb *
_pf_history_db_open (const char *path,
                     gboolean    writer,
                     char      **moved_aside,
                     GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  PfHistoryDb *db = NULL;

  if (!writer || header_looks_sound (path))
    db = open_connection (path, writer, &local_error);
  else
    g_set_error_literal (&local_error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_CORRUPT, "header");
  if (db != NULL || !writer
      || !g_error_matches (local_error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_CORRUPT))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return db;
    }
  *moved_aside = move_aside (path, error);
  if (*moved_aside == NULL)
    return NULL;
  return open_connection (path, writer, error);
}

void
_pf_history_db_close (PfHistoryDb *db)
{
  if (db == NULL)
    return;
  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (db->stmts[i]);
  sqlite3_close (db->db);
  g_free (db);
}

/* Tests only: a database that cannot grow past @pages, as on a full disk. */
void
_pf_history_db_set_max_page_count (PfHistoryDb *db,
                                   guint        pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %u", pages);

  exec (db, sql, NULL);
}

void
_pf_history_db_set_cancellable (PfHistoryDb  *db,
                                GCancellable *cancellable)
{
  db->cancellable = cancellable;
}

/* ---- writing */

gboolean
_pf_history_db_begin (PfHistoryDb *db,
                      GError     **error)
{
  return exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
_pf_history_db_commit (PfHistoryDb *db,
                       GError     **error)
{
  return exec (db, "COMMIT", error);
}

void
_pf_history_db_rollback (PfHistoryDb *db)
{
  if (!sqlite3_get_autocommit (db->db))
    exec (db, "ROLLBACK", NULL);
}

static void
bind_text (sqlite3_stmt *s,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (s, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (s, column);
}

static void
bind_body (sqlite3_stmt *s,
           int           column,
           PfHistoryRow *row,
           gboolean      indexed)
{
  gsize len = 0;
  gconstpointer data = row->body != NULL ? g_bytes_get_data (row->body, &len) : NULL;

  if (row->body == NULL || (indexed && !row->body_is_text))
    sqlite3_bind_null (s, column);
  else if (row->body_is_text)
    sqlite3_bind_text64 (s, column, len ? data : "", len, SQLITE_STATIC, SQLITE_UTF8);
  else
    sqlite3_bind_blob64 (s, column, len ? data : "", len, SQLITE_STATIC);
}

static void
bind_row (sqlite3_stmt *s,
          PfHistoryRow *row)
{
  sqlite3_bind_int64 (s, 1, row->time_us);
  bind_text (s, 2, row->method);
  bind_text (s, 3, row->url);
  sqlite3_bind_int (s, 4, row->status);
  bind_text (s, 5, row->status_text);
  bind_text (s, 6, row->failure);
  sqlite3_bind_int64 (s, 7, row->duration_us);
  sqlite3_bind_int64 (s, 8, row->body_size);
  bind_text (s, 9, row->origin);
  bind_text (s, 10, row->cors);
  bind_text (s, 11, row->request_json);
  bind_text (s, 12, row->response_json);
  bind_text (s, 13, row->timeline_json);
  bind_text (s, 14, row->cors_json);
  bind_text (s, 15, row->headers);
  bind_text (s, 16, row->request_body);
  sqlite3_bind_int (s, 17, row->body_truncated);
  bind_body (s, 18, row, FALSE);
}

/* Inserts @row and its index entry, in the caller's transaction: its new id, or 0. */
gint64
_pf_history_db_insert (PfHistoryDb  *db,
                       PfHistoryRow *row,
                       GError      **error)
{
  sqlite3_stmt *s = stmt (db, STMT_INSERT, error);
  gint64 id;

  if (s == NULL)
    return 0;
  bind_row (s, row);
  if (!run (db, s, error))
    return 0;
  id = sqlite3_last_insert_rowid (db->db);
  if ((s = stmt (db, STMT_INSERT_FTS, error)) == NULL)
    return 0;
  sqlite3_bind_int64 (s, 1, id);
  bind_text (s, 2, row->method);
  bind_text (s, 3, row->url);
  bind_text (s, 4, row->headers);
  bind_text (s, 5, row->request_body);
  bind_body (s, 6, row, TRUE);
  if (!run (db, s, error))
    return 0;
  db->count++;
  return id;
}

/* Runs the index's delete, then the table's, both bound to @value. */
static gboolean
delete_rows (PfHistoryDb *db,
             Stmt         fts,
             Stmt         table,
             gint64       value,
             GError     **error)
{
  sqlite3_stmt *s = stmt (db, fts, error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, value);
  if (!run (db, s, error) || (s = stmt (db, table, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, value);
  if (!run (db, s, error))
    return FALSE;
  db->count -= sqlite3_changes (db->db);
  return TRUE;
}

gboolean
_pf_history_db_delete (PfHistoryDb *db,
                       gint64       id,
                       GError     **error)
{
  return delete_rows (db, STMT_DELETE_FTS, STMT_DELETE, id, error);
}

gboolean
_pf_history_db_delete_all (PfHistoryDb *db,
                           GError     **error)
{
  if (!exec (db, "INSERT INTO exchanges_fts (exchanges_fts) VALUES ('delete-all');"
                 "DELETE FROM exchanges;", error))
    return FALSE;
  db->count = 0;
  return TRUE;
}

/* Keeps at most @max_entries (0: any number) and none older than @max_age (0: any age). Cheap
 * when nothing is due: the count is kept in memory and the age is one look at an index. */
gboolean
_pf_history_db_retain (PfHistoryDb *db,
                       guint        max_entries,
                       GTimeSpan    max_age,
                       GError     **error)
{
  sqlite3_stmt *s;

  if (max_entries > 0 && db->count > max_entries)
    {
      gint64 first_kept;

      if ((s = stmt (db, STMT_OLDEST_KEPT, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (s, 1, db->count - max_entries);
      if (sqlite3_step (s) != SQLITE_ROW)
        return run (db, s, error);
      first_kept = sqlite3_column_int64 (s, 0);
      sqlite3_reset (s);
      if (!delete_rows (db, STMT_DELETE_FTS_UPTO, STMT_DELETE_UPTO, first_kept, error))
        return FALSE;
    }
  if (max_age > 0)
    {
      gint64 cutoff = g_get_real_time () - max_age;
      gboolean due;

      if ((s = stmt (db, STMT_HAS_OLDER, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (s, 1, cutoff);
      due = sqlite3_step (s) == SQLITE_ROW;
      sqlite3_reset (s);
      if (due && !delete_rows (db, STMT_DELETE_FTS_OLDER, STMT_DELETE_OLDER, cutoff, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- reading */

static char *
column_dup (sqlite3_stmt *s,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (s, column));
}

static void
read_summary (sqlite3_stmt *s,
              PfHistoryRow *row)
{
  row->id = sqlite3_column_int64 (s, 0);
  row->time_us = sqlite3_column_int64 (s, 1);
  row->method = column_dup (s, 2);
  row->url = column_dup (s, 3);
  row->status = sqlite3_column_int (s, 4);
  row->status_text = column_dup (s, 5);
  row->failure = column_dup (s, 6);
  row->duration_us = sqlite3_column_int64 (s, 7);
  row->body_size = sqlite3_column_int64 (s, 8);
  row->origin = column_dup (s, 9);
  row->cors = column_dup (s, 10);
}

/* Appends the newest @limit items matching @filter (all when empty) to @items. */
gboolean
_pf_history_db_query (PfHistoryDb *db,
                      const char  *filter,
                      guint        limit,
                      GPtrArray   *items,
                      GError     **error)
{
  g_autofree char *match = _pf_history_fts_query (filter);
  sqlite3_stmt *s = stmt (db, match != NULL ? STMT_SEARCH : STMT_LIST, error);
  int rc;

  if (s == NULL)
    return FALSE;
  if (match != NULL)
    sqlite3_bind_text (s, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, match != NULL ? 2 : 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW && (limit == 0 || items->len < limit))
    {
      PfHistoryRow row = { 0 };

      read_summary (s, &row);
      g_ptr_array_add (items, _pf_history_item_new_from_row (&row));
      _pf_history_row_clear (&row);
    }
  sqlite3_reset (s);
  /* A query FTS5 still refuses (a word of characters it does not index) finds nothing. */
  if (rc == SQLITE_ERROR && match != NULL)
    return TRUE;
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? TRUE : set_error (db, rc, error);
}

/* Reads the whole row @id into @row: FALSE with PF_HISTORY_ERROR_NOT_FOUND when none. */
gboolean
_pf_history_db_load (PfHistoryDb  *db,
                     gint64        id,
                     PfHistoryRow *row,
                     GError      **error)
{
  sqlite3_stmt *s = stmt (db, STMT_LOAD, error);
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  rc = sqlite3_step (s);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (s);
      if (rc == SQLITE_DONE)
        return fail (error, PF_HISTORY_ERROR_NOT_FOUND,
                     _("This exchange is no longer in history"));
      return set_error (db, rc, error);
    }
  read_summary (s, row);
  row->request_json = column_dup (s, 11);
  row->response_json = column_dup (s, 12);
  row->timeline_json = column_dup (s, 13);
  row->cors_json = column_dup (s, 14);
  row->body_truncated = sqlite3_column_int (s, 15);
  if (sqlite3_column_type (s, 16) != SQLITE_NULL)
    {
      const void *data = sqlite3_column_blob (s, 16);

      row->body = g_bytes_new (data, sqlite3_column_bytes (s, 16));
      row->body_is_text = sqlite3_column_type (s, 16) == SQLITE_TEXT;
    }
  sqlite3_reset (s);
  return TRUE;
}

/* ---- the filter a user types, as an FTS5 query */

/* Each word becomes a quoted prefix phrase ("word"*), so the typed text is never FTS5 syntax:
 * quotes are doubled, and operators, brackets, stars and dashes are plain characters that the
 * tokenizer drops. Words with nothing to index are left out. NULL for no filter. */
char *
_pf_history_fts_query (const char *filter)
{
  g_auto (GStrv) words = NULL;
  GString *query;

  if (filter == NULL || !g_utf8_validate (filter, -1, NULL))
    return NULL;
  words = g_strsplit_set (filter, " \t\r\n", -1);
  query = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean indexable = FALSE;

      for (const char *p = words[i]; *p != '\0' && !indexable; p = g_utf8_next_char (p))
        indexable = g_unichar_isalnum (g_utf8_get_char (p));
      if (!indexable)
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }
  return g_string_free (query, query->len == 0);
}
