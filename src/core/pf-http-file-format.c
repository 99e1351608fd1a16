/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-http-file"

#include "config.h"

#include <string.h>

#include "pf-http-file-private.h"

/* Writing a request as .http text. Against the entry it was read from, every line that still
 * says the same thing is written back as it was typed (comments, spacing, “HTTP/1.1”, a
 * relative “< ./file”), so that saving changes only the lines whose meaning changed. */

static const char *const directive_order[] = {
  "timeout", "no-redirect", "origin", "credentials", "browser-headers", "override-mime", "sync",
  "response-type", "xdr", NULL
};

/* JetBrains' own default boundary. */
#define DEFAULT_BOUNDARY "WebAppBoundary"

typedef struct
{
  GString *out;
  PfRequest *request;
  PfRequest *original; /* NULL for a new entry */
  GFile *folder;
  const char *newline;
  GPtrArray *headers;  /* the request's enabled headers */
  GHashTable *written; /* directives written */
  guint next_header;
  gboolean wrote_type;
} Writer;

static void
add_line (Writer *writer,
          const char *text)
{
  g_string_append (writer->out, text);
  g_string_append (writer->out, writer->newline);
}

static void
add_directive (Writer *writer,
               const char *key,
               const char *value)
{
  g_string_append_printf (writer->out, "# @%s%s%s%s", key, *value ? " " : "", value,
                          writer->newline);
}

static gboolean
same_rows (GListModel *a,
           GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PfKeyValue) x = g_list_model_get_item (a, i);
      g_autoptr (PfKeyValue) y = g_list_model_get_item (b, i);

      if (g_strcmp0 (pf_key_value_get_name (x), pf_key_value_get_name (y)) != 0 ||
          g_strcmp0 (pf_key_value_get_value (x), pf_key_value_get_value (y)) != 0 ||
          pf_key_value_get_is_file (x) != pf_key_value_get_is_file (y) ||
          g_strcmp0 (pf_key_value_get_file_name (x), pf_key_value_get_file_name (y)) != 0 ||
          g_strcmp0 (pf_key_value_get_content_type (x), pf_key_value_get_content_type (y)) != 0 ||
          pf_key_value_get_enabled (x) != pf_key_value_get_enabled (y))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_body (PfRequest *a,
           PfRequest *b)
{
  PfBodyKind kind = pf_request_get_body_kind (a);

  if (kind != pf_request_get_body_kind (b))
    return FALSE;
  switch (kind)
    {
    case PF_BODY_RAW:
      return g_str_equal (pf_request_get_body_text (a), pf_request_get_body_text (b));
    case PF_BODY_FILE:
      return g_str_equal (pf_request_get_body_file (a), pf_request_get_body_file (b));
    case PF_BODY_URLENCODED:
    case PF_BODY_MULTIPART:
      return same_rows (pf_request_get_fields (a), pf_request_get_fields (b));
    case PF_BODY_NONE:
    default:
      return TRUE;
    }
}

static GPtrArray *
enabled_headers (PfRequest *request)
{
  GListModel *headers = pf_request_get_headers (request);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      PfKeyValue *row = g_list_model_get_item (headers, i);

      if (pf_key_value_get_enabled (row))
        g_ptr_array_add (out, row);
      else
        g_object_unref (row);
    }
  return out;
}

/* A path as the file names it: “./relative” inside the file's folder, else absolute. */
static char *
file_reference (GFile *folder,
                const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *relative = folder ? g_file_get_relative_path (folder, file) : NULL;

  return relative ? g_strconcat ("./", relative, NULL) : g_strdup (path);
}

/* A directive line as it was typed while it means the same; else its new value, or nothing. */
static void
write_directive_part (Writer *writer,
                      PfHttpPart *part,
                      const char *name)
{
  g_autofree char *now = NULL;
  g_autofree char *then = NULL;

  g_hash_table_add (writer->written, part->key);
  if (g_str_equal (part->key, "name"))
    {
      if (g_strcmp0 (name, part->value) == 0)
        g_string_append (writer->out, part->raw);
      else if (name && *name)
        add_directive (writer, "name", name);
      return;
    }
  _pf_http_directive_value (writer->request, part->key, &now);
  _pf_http_directive_value (writer->original, part->key, &then);
  if (g_strcmp0 (now, then) == 0)
    g_string_append (writer->out, part->raw);
  else if (now != NULL)
    add_directive (writer, part->key, now);
}

/* Directives the entry did not have yet, after those it had. */
static void
write_new_directives (Writer *writer,
                      const char *name,
                      const char *title)
{
  if (!g_hash_table_contains (writer->written, "name") && name && *name &&
      g_strcmp0 (name, title) != 0)
    add_directive (writer, "name", name);
  for (guint i = 0; directive_order[i]; i++)
    {
      g_autofree char *value = NULL;

      if (!g_hash_table_contains (writer->written, directive_order[i]) &&
          _pf_http_directive_value (writer->request, directive_order[i], &value))
        add_directive (writer, directive_order[i], value);
    }
}

static void
write_request_line (Writer *writer,
                    PfHttpPart *part)
{
  const char *method = pf_request_get_method (writer->request);
  const char *url = pf_request_get_url (writer->request);
  g_autofree char *line = NULL;

  if (part && g_str_equal (method, pf_request_get_method (writer->original)) &&
      g_str_equal (url, pf_request_get_url (writer->original)))
    {
      g_string_append (writer->out, part->raw);
      return;
    }
  line = g_strdup_printf ("%s %s", *method ? method : "GET", url);
  add_line (writer, line);
}

static void
write_header (Writer *writer,
              PfKeyValue *row)
{
  g_string_append_printf (writer->out, "%s: %s%s", pf_key_value_get_name (row),
                          pf_key_value_get_value (row), writer->newline);
}

static gboolean
same_header (PfKeyValue *row,
             PfHttpPart *part)
{
  return g_str_equal (pf_key_value_get_name (row), part->key) &&
         g_str_equal (pf_key_value_get_value (row), part->value);
}

/* A header line: kept while the header at its place is the same, rewritten when it changed,
 * gone when the request has fewer headers now. */
static void
write_header_part (Writer *writer,
                   PfHttpPart *part)
{
  PfKeyValue *row;

  if (part->index < 0)
    {
      /* The typed multipart Content-Type: its boundary is reused for new fields. */
      if (pf_request_get_body_kind (writer->request) == PF_BODY_MULTIPART && !writer->wrote_type)
        g_string_append (writer->out, part->raw);
      writer->wrote_type = TRUE;
      return;
    }
  if (writer->next_header >= writer->headers->len)
    return;
  row = g_ptr_array_index (writer->headers, writer->next_header++);
  if (same_header (row, part))
    g_string_append (writer->out, part->raw);
  else
    write_header (writer, row);
}

static gboolean
has_content_type (Writer *writer)
{
  for (guint i = 0; i < writer->headers->len; i++)
    if (g_ascii_strcasecmp (pf_key_value_get_name (g_ptr_array_index (writer->headers, i)),
                            "Content-Type") == 0)
      return TRUE;
  return FALSE;
}

static void
write_new_headers (Writer *writer)
{
  PfBodyKind kind = pf_request_get_body_kind (writer->request);

  for (; writer->next_header < writer->headers->len; writer->next_header++)
    write_header (writer, g_ptr_array_index (writer->headers, writer->next_header));
  if (writer->wrote_type || has_content_type (writer))
    return;
  if (kind == PF_BODY_MULTIPART)
    add_line (writer, "Content-Type: multipart/form-data; boundary=" DEFAULT_BOUNDARY);
  else if (kind == PF_BODY_URLENCODED)
    add_line (writer, "Content-Type: application/x-www-form-urlencoded");
}

/* @text with its line endings made the file's. */
static void
add_text (Writer *writer,
          const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
      add_line (writer, lines[i]);
    }
}

static char *
boundary_of (GPtrArray *parts)
{
  for (guint i = 0; parts && i < parts->len; i++)
    {
      PfHttpPart *part = g_ptr_array_index (parts, i);
      const char *p;

      if (part->kind == PF_HTTP_PART_HEADER && part->index < 0 &&
          (p = strstr (part->value, "boundary=")) != NULL)
        return g_strndup (p + 9, strcspn (p + 9, "; \""));
    }
  return g_strdup (DEFAULT_BOUNDARY);
}

static void
write_multipart (Writer *writer,
                 GPtrArray *parts)
{
  g_autofree char *boundary = boundary_of (parts);
  GListModel *fields = pf_request_get_fields (writer->request);

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (fields, i);
      g_autofree char *line = NULL;
      g_autofree char *reference = NULL;

      if (!pf_key_value_get_enabled (row))
        continue;
      g_string_append_printf (writer->out, "--%s%s", boundary, writer->newline);
      if (pf_key_value_get_is_file (row))
        {
          const char *file_name = pf_key_value_get_file_name (row);
          g_autofree char *base = *file_name != '\0'
                                      ? g_strdup (file_name)
                                      : g_path_get_basename (pf_key_value_get_value (row));

          reference = file_reference (writer->folder, pf_key_value_get_value (row));
          line = g_strdup_printf ("Content-Disposition: form-data; name=\"%s\"; filename=\"%s\"",
                                  pf_key_value_get_name (row), base);
        }
      else
        line = g_strdup_printf ("Content-Disposition: form-data; name=\"%s\"",
                                pf_key_value_get_name (row));
      add_line (writer, line);
      if (*pf_key_value_get_content_type (row) != '\0')
        {
          g_autofree char *type = g_strconcat ("Content-Type: ",
                                               pf_key_value_get_content_type (row), NULL);

          add_line (writer, type);
        }
      add_line (writer, "");
      if (reference)
        g_string_append_printf (writer->out, "< %s%s", reference, writer->newline);
      else
        add_text (writer, pf_key_value_get_value (row));
    }
  g_string_append_printf (writer->out, "--%s--%s", boundary, writer->newline);
}

static void
write_body (Writer *writer,
            GPtrArray *parts)
{
  g_autofree char *text = NULL;
  g_autofree char *reference = NULL;

  switch (pf_request_get_body_kind (writer->request))
    {
    case PF_BODY_RAW:
      if (*pf_request_get_body_text (writer->request) == '\0')
        return;
      add_line (writer, "");
      add_text (writer, pf_request_get_body_text (writer->request));
      break;
    case PF_BODY_FILE:
      reference = file_reference (writer->folder, pf_request_get_body_file (writer->request));
      add_line (writer, "");
      g_string_append_printf (writer->out, "< %s%s", reference, writer->newline);
      break;
    case PF_BODY_URLENCODED:
      text = pf_request_encode_fields (writer->request);
      add_line (writer, "");
      add_line (writer, text);
      break;
    case PF_BODY_MULTIPART:
      add_line (writer, "");
      write_multipart (writer, parts);
      break;
    case PF_BODY_NONE:
    default:
      break;
    }
}

static void
writer_clear (Writer *writer)
{
  g_clear_pointer (&writer->headers, g_ptr_array_unref);
  g_clear_pointer (&writer->written, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Writer, writer_clear)

/* @request as .http lines ending in @newline; with @original, the entry it replaces. */
char *
_pf_http_file_format (PfRequest *request,
                      const char *name,
                      PfHttpFileEntry *original,
                      GFile *folder,
                      const char *newline)
{
  GPtrArray *parts = original ? _pf_http_file_entry_get_parts (original) : NULL;
  g_auto (Writer) writer = { g_string_new (NULL), request, NULL, folder, newline };
  PfHttpPart *body_part = NULL;
  guint i = 0;

  writer.original = original ? pf_http_file_entry_get_request (original) : NULL;
  writer.headers = enabled_headers (request);
  writer.written = g_hash_table_new (g_str_hash, g_str_equal);
  for (; parts && i < parts->len; i++)
    {
      PfHttpPart *part = g_ptr_array_index (parts, i);

      if (part->kind == PF_HTTP_PART_REQUEST_LINE)
        break;
      if (part->kind == PF_HTTP_PART_DIRECTIVE)
        write_directive_part (&writer, part, name);
      else
        g_string_append (writer.out, part->raw);
    }
  write_new_directives (&writer, name, original ? pf_http_file_entry_get_name (original) : NULL);
  write_request_line (&writer, parts && i < parts->len ? g_ptr_array_index (parts, i) : NULL);
  for (i++; parts && i < parts->len; i++)
    {
      PfHttpPart *part = g_ptr_array_index (parts, i);

      if (part->kind == PF_HTTP_PART_HEADER)
        write_header_part (&writer, part);
      else if (part->kind == PF_HTTP_PART_COMMENT)
        g_string_append (writer.out, part->raw);
      else
        body_part = part;
    }
  write_new_headers (&writer);
  if (body_part && writer.original && same_body (request, writer.original))
    g_string_append (writer.out, body_part->raw);
  else
    write_body (&writer, parts);
  return g_string_free (g_steal_pointer (&writer.out), FALSE);
}
