/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-history-entry"

#include "config.h"

#include "pf-history-entry-private.h"
#include "pf-key-value.h"
#include "pf-request-json.h"

#include <string.h>

/* An entry to and from its database row. The structured parts (the request, the response's
 * headers and heads, the timeline, the CORS verdict) are JSON columns, not tables: an entry is
 * always read whole and never queried by its parts (search goes through the full-text index,
 * the list through the summary columns), so one column each costs one write and one read
 * where tables would cost a row per header and timeline record, and a new field is a new key
 * rather than a migration. Runs on the writer and reader threads. */

/* ---- writing */

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* Headers that came back: [name, value] pairs. */
static void
add_pairs (JsonBuilder *builder,
           const char  *name,
           GListModel  *rows)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);

      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, pf_key_value_get_name (row));
      json_builder_add_string_value (builder, pf_key_value_get_value (row));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static gint64
file_size (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_file_info_get_size (info) : -1;
}

static void
add_file (JsonBuilder *builder,
          const char  *field,
          const char  *path)
{
  g_autofree char *name = g_path_get_basename (path);

  json_builder_begin_object (builder);
  add_string (builder, "field", field);
  add_string (builder, "name", name);
  add_int (builder, "size", file_size (path));
  json_builder_end_object (builder);
}

/* The files a body names, by name and size (their contents are not kept). */
static void
add_files (JsonBuilder *builder,
           PfRequest   *request)
{
  PfBodyKind kind = pf_request_get_body_kind (request);
  GListModel *fields = pf_request_get_fields (request);

  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  if (kind == PF_BODY_FILE && pf_request_get_body_file (request) != NULL)
    add_file (builder, NULL, pf_request_get_body_file (request));
  for (guint i = 0; kind == PF_BODY_MULTIPART && i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (fields, i);

      if (pf_key_value_get_enabled (row) && pf_key_value_get_is_file (row))
        add_file (builder, pf_key_value_get_name (row), pf_key_value_get_value (row));
    }
  json_builder_end_array (builder);
}

/* The request as core writes a request (pf-request-json.c), and the files its body names. */
static char *
request_to_json (PfRequest *request)
{
  g_autoptr (JsonNode) node = pf_request_to_json (request);
  g_autoptr (JsonBuilder) files = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_builder_begin_object (files);
  add_files (files, request);
  json_builder_end_object (files);
  {
    g_autoptr (JsonNode) wrapped = json_builder_get_root (files);

    json_object_set_member (json_node_get_object (node), "files",
                            json_node_copy (json_object_get_member (
                              json_node_get_object (wrapped), "files")));
  }
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
response_to_json (PfHistoryEntry *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "server_status", self->server_status);
  add_string (builder, "url", self->response_url);
  add_pairs (builder, "headers", G_LIST_MODEL (self->response_headers));
  add_string (builder, "mime", self->mime_type);
  add_string (builder, "error", self->error_message);
  add_string (builder, "raw_request", self->raw_request_head);
  if (self->browser_headers != NULL)
    {
      g_autofree char *names = g_strjoinv ("\n", self->browser_headers);

      add_string (builder, "browser_headers", names);
    }
  add_string (builder, "raw_response", self->raw_response_head);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

/* Timeline records, their enums as numbers (the schema's version covers their order). */
static char *
timeline_to_json (PfHistoryEntry *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const PfTimelineRecord *record;

  json_builder_begin_array (builder);
  for (guint i = 0; (record = pf_timeline_get_record (self->timeline, i)) != NULL; i++)
    {
      json_builder_begin_object (builder);
      add_int (builder, "kind", record->kind);
      add_int (builder, "target", record->target);
      add_string (builder, "name", record->name);
      add_string (builder, "detail", record->detail);
      add_int (builder, "ready_state", record->ready_state);
      add_int (builder, "status", record->status);
      add_int (builder, "loaded", record->loaded);
      add_int (builder, "total", record->total);
      add_int (builder, "time_us", record->time_us);
      add_int (builder, "end_us", record->end_us);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return builder_to_string (builder);
}

static void
add_findings (JsonBuilder *builder,
              const char  *name,
              GListModel  *findings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (PfCorsFinding) finding = g_list_model_get_item (findings, i);

      json_builder_begin_object (builder);
      add_string (builder, "rule", pf_cors_finding_get_rule (finding));
      add_string (builder, "header", pf_cors_finding_get_header (finding));
      add_string (builder, "value", pf_cors_finding_get_value (finding));
      add_string (builder, "message", pf_cors_finding_get_message (finding));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
cors_to_json (PfHistoryEntry *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "outcome", _pf_history_outcome_name (self->cors_outcome));
  add_bool (builder, "cross_origin", self->cors_cross_origin);
  add_bool (builder, "preflight", self->cors_preflight);
  add_bool (builder, "preflight_cached", self->cors_preflight_cached);
  add_int (builder, "preflight_status", self->cors_preflight_status);
  add_findings (builder, "reasons", G_LIST_MODEL (self->cors_reasons));
  add_findings (builder, "failures", G_LIST_MODEL (self->cors_failures));
  add_findings (builder, "dropped", G_LIST_MODEL (self->cors_dropped));
  add_pairs (builder, "preflight_headers", G_LIST_MODEL (self->cors_preflight_headers));
  add_pairs (builder, "preflight_response_headers",
             G_LIST_MODEL (self->cors_preflight_response_headers));
  json_builder_set_member_name (builder, "exposed");
  json_builder_begin_array (builder);
  for (guint i = 0; self->cors_exposed[i] != NULL; i++)
    json_builder_add_string_value (builder, self->cors_exposed[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

static void
append_header_lines (GString    *out,
                     GListModel *rows,
                     gboolean    enabled_only)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);

      if (!enabled_only || pf_key_value_get_enabled (row))
        g_string_append_printf (out, "%s: %s\n", pf_key_value_get_name (row),
                                pf_key_value_get_value (row));
    }
}

static char *
search_headers (PfHistoryEntry *self)
{
  GString *out = g_string_new (NULL);

  append_header_lines (out, pf_request_get_headers (self->request), TRUE);
  append_header_lines (out, G_LIST_MODEL (self->response_headers), FALSE);
  return g_string_free (out, FALSE);
}

/* The request body as search sees it: the text, the fields as name=value lines, file names. */
static char *
search_request_body (PfRequest *request)
{
  GListModel *fields = pf_request_get_fields (request);
  GString *out;

  switch (pf_request_get_body_kind (request))
    {
    case PF_BODY_RAW:
      return g_strdup (pf_request_get_body_text (request));
    case PF_BODY_FILE:
      return pf_request_get_body_file (request)
               ? g_path_get_basename (pf_request_get_body_file (request)) : NULL;
    case PF_BODY_URLENCODED:
    case PF_BODY_MULTIPART:
      out = g_string_new (NULL);
      append_header_lines (out, fields, TRUE);
      return g_string_free (out, FALSE);
    case PF_BODY_NONE:
    default:
      return NULL;
    }
}

static GBytes *
read_spool_head (PfBodyStore *store,
                 gsize        limit)
{
  g_autoptr (GFileInputStream) in = g_file_read (pf_body_store_get_file (store), NULL, NULL);
  g_autofree guint8 *data = NULL;
  gsize read = 0;

  if (in == NULL)
    return NULL;
  data = g_malloc (limit);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), data, limit, &read, NULL, NULL))
    return NULL;
  return g_bytes_new (data, read);
}

/* A text body is stored and indexed as text: a part cut inside a UTF-8 character loses the
 * character's first bytes. NUL bytes or invalid UTF-8 make it binary, kept but not indexed. */
static void
fill_body (PfHistoryEntry *self,
           PfHistoryRow   *row)
{
  g_autoptr (GBytes) body = NULL;
  const char *data;
  const char *end;
  gsize len;

  if (self->body != NULL)
    body = g_bytes_ref (self->body);
  else if (self->spool != NULL)
    {
      g_autoptr (GBytes) head = read_spool_head (self->spool, self->body_limit);

      body = _pf_history_mask_body (head, (const char *const *) self->secrets);
    }
  row->body_size = self->body_size;
  if (body == NULL)
    return;
  data = g_bytes_get_data (body, &len);
  row->body_truncated = len < self->body_size;
  row->body_is_text = g_utf8_validate_len (data, len, &end);
  if (!row->body_is_text && row->body_truncated && len - (gsize) (end - data) < 4
      && memchr (end, '\0', len - (end - data)) == NULL
      && g_utf8_get_char_validated (end, len - (end - data)) == (gunichar) -2)
    {
      row->body_is_text = TRUE;
      len = end - data;
    }
  row->body = g_bytes_new_from_bytes (body, 0, len);
}

/* The row for @self, built on the writer thread: JSON, file sizes and a spooled body's first
 * part are read here, off the main thread. */
void
_pf_history_entry_fill_row (PfHistoryEntry *self,
                            PfHistoryRow   *row)
{
  const char *origin = pf_request_get_origin (self->request);

  row->time_us = self->time_us;
  row->method = g_strdup (self->method ? self->method : pf_request_get_method (self->request));
  row->url = g_strdup (self->url ? self->url : pf_request_get_url (self->request));
  row->status = self->status;
  row->status_text = g_strdup (self->status_text ? self->status_text : "");
  row->failure = self->failure != PF_FAILURE_NONE
                   ? g_strdup (_pf_history_failure_name (self->failure)) : NULL;
  row->duration_us = self->duration_us;
  row->origin = origin != NULL && *origin != '\0' ? g_strdup (origin) : NULL;
  row->cors = self->has_cors ? g_strdup (_pf_history_outcome_name (self->cors_outcome)) : NULL;
  row->request_json = request_to_json (self->request);
  row->response_json = response_to_json (self);
  row->timeline_json = timeline_to_json (self);
  row->cors_json = self->has_cors ? cors_to_json (self) : NULL;
  row->headers = search_headers (self);
  row->request_body = search_request_body (self->request);
  fill_body (self, row);
}

void
_pf_history_row_clear (PfHistoryRow *row)
{
  g_free (row->method);
  g_free (row->url);
  g_free (row->status_text);
  g_free (row->failure);
  g_free (row->origin);
  g_free (row->cors);
  g_free (row->request_json);
  g_free (row->response_json);
  g_free (row->timeline_json);
  g_free (row->cors_json);
  g_free (row->headers);
  g_free (row->request_body);
  g_clear_pointer (&row->body, g_bytes_unref);
  memset (row, 0, sizeof *row);
}

/* ---- reading */

static JsonNode *
parse (const char *text,
       GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();

  if (text == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
read_files (PfHistoryEntry *self,
            JsonArray      *files)
{
  for (guint i = 0; files != NULL && i < json_array_get_length (files); i++)
    {
      JsonObject *object = json_array_get_object_element (files, i);
      PfHistoryFile *file = g_new0 (PfHistoryFile, 1);

      file->field = g_strdup (get_string (object, "field"));
      file->name = g_strdup (get_string (object, "name"));
      file->size = json_object_get_int_member_with_default (object, "size", -1);
      g_ptr_array_add (self->files, file);
    }
}

static void
read_pairs (GListStore *to,
            JsonArray  *pairs)
{
  for (guint i = 0; pairs != NULL && i < json_array_get_length (pairs); i++)
    {
      JsonArray *pair = json_array_get_array_element (pairs, i);
      g_autoptr (PfKeyValue) row = pf_key_value_new (json_array_get_string_element (pair, 0),
                                                     json_array_get_string_element (pair, 1));

      g_list_store_append (to, row);
    }
}

static void
read_response (PfHistoryEntry *self,
               JsonObject     *object)
{
  self->server_status = json_object_get_int_member_with_default (object, "server_status", 0);
  self->response_url = g_strdup (get_string (object, "url"));
  read_pairs (self->response_headers, get_array (object, "headers"));
  self->mime_type = g_strdup (get_string (object, "mime"));
  self->error_message = g_strdup (get_string (object, "error"));
  self->raw_request_head = g_strdup (get_string (object, "raw_request"));
  /* The names of the browser's headers, one a line (none: not sent as Chromium would). */
  if (get_string (object, "browser_headers") != NULL)
    self->browser_headers = g_strsplit (get_string (object, "browser_headers"), "\n", -1);
  self->raw_response_head = g_strdup (get_string (object, "raw_response"));
}

static void
read_timeline (PfHistoryEntry *self,
               JsonArray      *records)
{
  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    {
      JsonObject *object = json_array_get_object_element (records, i);
      PfTimelineRecord record = {
        .kind = json_object_get_int_member_with_default (object, "kind", 0),
        .target = json_object_get_int_member_with_default (object, "target", 0),
        .name = g_intern_string (get_string (object, "name")),
        .detail = g_strdup (get_string (object, "detail")),
        .ready_state = json_object_get_int_member_with_default (object, "ready_state", -1),
        .status = json_object_get_int_member_with_default (object, "status", 0),
        .loaded = json_object_get_int_member_with_default (object, "loaded", 0),
        .total = json_object_get_int_member_with_default (object, "total", 0),
        .time_us = json_object_get_int_member_with_default (object, "time_us", 0),
        .end_us = json_object_get_int_member_with_default (object, "end_us", 0),
      };

      pf_timeline_append (self->timeline, &record);
    }
}

static void
read_findings (GListStore *to,
               JsonArray  *findings)
{
  for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
    {
      JsonObject *object = json_array_get_object_element (findings, i);
      g_autoptr (PfCorsFinding) finding = pf_cors_finding_new (get_string (object, "rule"),
                                                               get_string (object, "header"),
                                                               get_string (object, "value"),
                                                               get_string (object, "message"));

      g_list_store_append (to, finding);
    }
}

static void
read_cors (PfHistoryEntry *self,
           JsonObject     *object)
{
  JsonArray *exposed = get_array (object, "exposed");
  guint n = exposed != NULL ? json_array_get_length (exposed) : 0;

  self->has_cors = TRUE;
  self->cors_outcome = _pf_history_outcome_from_name (get_string (object, "outcome"));
  self->cors_cross_origin = json_object_get_boolean_member_with_default (object, "cross_origin",
                                                                         FALSE);
  self->cors_preflight = json_object_get_boolean_member_with_default (object, "preflight", FALSE);
  self->cors_preflight_cached = json_object_get_boolean_member_with_default (
    object, "preflight_cached", FALSE);
  self->cors_preflight_status = json_object_get_int_member_with_default (object,
                                                                         "preflight_status", 0);
  read_findings (self->cors_reasons, get_array (object, "reasons"));
  read_findings (self->cors_failures, get_array (object, "failures"));
  read_findings (self->cors_dropped, get_array (object, "dropped"));
  read_pairs (self->cors_preflight_headers, get_array (object, "preflight_headers"));
  read_pairs (self->cors_preflight_response_headers,
              get_array (object, "preflight_response_headers"));
  g_strfreev (self->cors_exposed);
  self->cors_exposed = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->cors_exposed[i] = g_strdup (json_array_get_string_element (exposed, i));
}

static gboolean
is_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

/* The entry a row holds; fails only when a JSON column does not parse. Takes @row's body. */
PfHistoryEntry *
_pf_history_entry_new_from_row (PfHistoryRow *row,
                                GError      **error)
{
  g_autoptr (PfHistoryEntry) self = g_object_new (PF_TYPE_HISTORY_ENTRY, NULL);
  g_autoptr (JsonNode) request = parse (row->request_json, error);
  g_autoptr (JsonNode) response = request ? parse (row->response_json, error) : NULL;
  g_autoptr (JsonNode) timeline = response ? parse (row->timeline_json, error) : NULL;
  g_autoptr (JsonNode) cors = timeline ? parse (row->cors_json, error) : NULL;

  if (!is_object (request) || !is_object (response) || timeline == NULL
      || !JSON_NODE_HOLDS_ARRAY (timeline))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                     "History entry %" G_GINT64_FORMAT " is not readable", row->id);
      return NULL;
    }
  self->request = pf_request_new_from_json (request, error);
  if (self->request == NULL)
    return NULL;
  self->id = row->id;
  self->time_us = row->time_us;
  read_files (self, get_array (json_node_get_object (request), "files"));
  self->method = g_strdup (row->method);
  self->url = g_strdup (row->url);
  self->status = row->status;
  self->status_text = g_strdup (row->status_text);
  self->failure = _pf_history_failure_from_name (row->failure);
  self->duration_us = row->duration_us;
  read_response (self, json_node_get_object (response));
  read_timeline (self, json_node_get_array (timeline));
  self->body = g_steal_pointer (&row->body);
  self->body_size = row->body_size;
  if (is_object (cors))
    read_cors (self, json_node_get_object (cors));
  return g_steal_pointer (&self);
}
