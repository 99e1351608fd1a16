/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-http-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-http-file.h"
#include "pf-http-file-private.h"

/* A .http file as it was read: its bytes, kept as they are, and its entries (a GListModel of
 * PfHttpFileEntry). Saving never writes a parsed form back: replacing, adding or removing an
 * entry gives the file's new bytes, in which only that entry's lines differ, and which must
 * read back without error. A file that does not parse has no PfHttpFile, so it is never
 * rewritten. */
struct _PfHttpFile
{
  GObject parent_instance;

  GBytes *contents;
  GFile *location;
  GFile *folder;
  const char *newline;
  GPtrArray *entries;
  GHashTable *variables;
};

static void pf_http_file_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfHttpFile, pf_http_file, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pf_http_file_list_model_init))

G_DEFINE_QUARK (pf-http-file-error-quark, pf_http_file_error)

static GType
pf_http_file_get_item_type (GListModel *model)
{
  return PF_TYPE_HTTP_FILE_ENTRY;
}

static guint
pf_http_file_get_n_items (GListModel *model)
{
  return PF_HTTP_FILE (model)->entries->len;
}

static gpointer
pf_http_file_get_item (GListModel *model,
                       guint       position)
{
  PfHttpFile *self = PF_HTTP_FILE (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
pf_http_file_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pf_http_file_get_item_type;
  iface->get_n_items = pf_http_file_get_n_items;
  iface->get_item = pf_http_file_get_item;
}

static void
pf_http_file_finalize (GObject *object)
{
  PfHttpFile *self = PF_HTTP_FILE (object);

  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_object (&self->location);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->variables, g_hash_table_unref);

  G_OBJECT_CLASS (pf_http_file_parent_class)->finalize (object);
}

static void
pf_http_file_class_init (PfHttpFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_http_file_finalize;
}

static void
pf_http_file_init (PfHttpFile *self)
{
  self->variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* The file's line ending, from its first line: CRLF files stay CRLF. */
static const char *
detect_newline (const char *text,
                gsize       len)
{
  const char *nl = memchr (text, '\n', len);

  return nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* @contents read as a .http file at @location (NULL: relative paths are the current
 * directory's); NULL with a PF_HTTP_FILE_ERROR naming the line when it does not parse. */
PfHttpFile *
pf_http_file_new_from_bytes (GBytes  *contents,
                             GFile   *location,
                             GError **error)
{
  g_autoptr (PfHttpFile) self = g_object_new (PF_TYPE_HTTP_FILE, NULL);
  gsize len = 0;
  const char *text = g_bytes_get_data (contents, &len);

  g_return_val_if_fail (contents != NULL, NULL);
  self->contents = g_bytes_ref (contents);
  self->location = location ? g_object_ref (location) : NULL;
  self->folder = location ? g_file_get_parent (location) : g_file_new_for_path (".");
  self->newline = detect_newline (text ? text : "", len);
  self->entries = _pf_http_file_parse (text ? text : "", len, self->folder, self->variables,
                                       error);
  if (self->entries == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* Reads and parses @location; blocking, for the CLI and worker threads. */
PfHttpFile *
pf_http_file_load (GFile        *location,
                   GCancellable *cancellable,
                   GError      **error)
{
  g_autoptr (GBytes) contents = NULL;

  g_return_val_if_fail (G_IS_FILE (location), NULL);
  contents = g_file_load_bytes (location, cancellable, NULL, error);
  if (contents == NULL)
    return NULL;
  return pf_http_file_new_from_bytes (contents, location, error);
}

GBytes *
pf_http_file_get_contents (PfHttpFile *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  return self->contents;
}

GFile *
pf_http_file_get_location (PfHttpFile *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  return self->location;
}

/* "\n" or "\r\n", as the file's lines end. */
const char *
pf_http_file_get_newline (PfHttpFile *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  return self->newline;
}

/* The file's own variables (“@name = value” lines): name → value. */
GHashTable *
pf_http_file_get_variables (PfHttpFile *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  return self->variables;
}

/* Borrowed; NULL past the end. */
PfHttpFileEntry *
pf_http_file_get_entry (PfHttpFile *self,
                        guint       index)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  return index < self->entries->len ? g_ptr_array_index (self->entries, index) : NULL;
}

/* The first entry called @name; borrowed, NULL if none. */
PfHttpFileEntry *
pf_http_file_find_entry (PfHttpFile *self,
                         const char *name)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  for (guint i = 0; i < self->entries->len; i++)
    if (g_str_equal (pf_http_file_entry_get_name (g_ptr_array_index (self->entries, i)), name))
      return g_ptr_array_index (self->entries, i);
  return NULL;
}

/* @request as a new entry's lines, in this file's line endings. */
char *
pf_http_file_format_request (PfHttpFile *self,
                             PfRequest  *request,
                             const char *name)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);
  return _pf_http_file_format (request, name, NULL, self->folder, self->newline);
}

/* Refuses an entry's @text when a line starts with “###”: it would end the entry there. */
static gboolean
check_entry_text (const char *text,
                  GError    **error)
{
  for (const char *line = text; line; line = strchr (line, '\n'))
    {
      line += *line == '\n';
      if (g_str_has_prefix (line, "###"))
        {
          g_set_error_literal (error, PF_HTTP_FILE_ERROR, PF_HTTP_FILE_ERROR_SYNTAX,
                               _("A line of the body starts with “###”, which would end the "
                                 "request there in a .http file"));
          return FALSE;
        }
    }
  return TRUE;
}

/* The new bytes with @text between @start and @end, if they read back as a .http file of
 * @n_entries requests: what the writer made must not be a file that reads otherwise. */
static GBytes *
splice (PfHttpFile *self,
        gsize       start,
        gsize       end,
        const char *text,
        guint       n_entries,
        GError    **error)
{
  gsize len = 0;
  const char *old = g_bytes_get_data (self->contents, &len);
  GString *out;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (PfHttpFile) check = NULL;

  out = g_string_sized_new (len + strlen (text));
  g_string_append_len (out, old, start);
  g_string_append (out, text);
  if (end < len) /* an empty file's data is NULL, and NULL + 0 is undefined */
    g_string_append_len (out, old + end, len - end);
  bytes = g_string_free_to_bytes (out);
  check = pf_http_file_new_from_bytes (bytes, self->location, error);
  if (check == NULL)
    return NULL;
  g_return_val_if_fail (check->entries->len == n_entries, NULL);
  return g_steal_pointer (&bytes);
}

static gboolean
check_index (PfHttpFile *self,
             guint       index,
             GError    **error)
{
  if (index < self->entries->len)
    return TRUE;
  g_set_error (error, PF_HTTP_FILE_ERROR, PF_HTTP_FILE_ERROR_NO_ENTRY,
               _("The file has no request number %u"), index + 1);
  return FALSE;
}

/* The file's bytes with entry @index saying @request (named @name): the lines of that entry
 * that still say the same are kept as typed, and nothing outside it changes. */
GBytes *
pf_http_file_replace_entry (PfHttpFile *self,
                            guint       index,
                            PfRequest  *request,
                            const char *name,
                            GError    **error)
{
  PfHttpFileEntry *entry;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);
  if (!check_index (self, index, error))
    return NULL;
  entry = g_ptr_array_index (self->entries, index);
  text = _pf_http_file_format (request, name, entry, self->folder, self->newline);
  if (!check_entry_text (text, error))
    return NULL;
  return splice (self, pf_http_file_entry_get_start (entry), pf_http_file_entry_get_end (entry),
                 text, self->entries->len, error);
}

/* Whether the last line that is not blank starts with “###”. */
static gboolean
ends_with_separator (const char *text,
                     gsize       len)
{
  gsize end = len;
  gsize start;

  while (end > 0 && g_ascii_isspace (text[end - 1]))
    end--;
  start = end;
  while (start > 0 && text[start - 1] != '\n')
    start--;
  return end - start >= 3 && strncmp (text + start, "###", 3) == 0;
}

/* The file's bytes with @request (named @name) added at the end, after a “###” line. */
GBytes *
pf_http_file_append_entry (PfHttpFile *self,
                           PfRequest  *request,
                           const char *name,
                           GError    **error)
{
  gsize len = 0;
  const char *old;
  g_autofree char *text = NULL;
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);
  old = g_bytes_get_data (self->contents, &len);
  text = _pf_http_file_format (request, name, NULL, self->folder, self->newline);
  if (!check_entry_text (text, error))
    return NULL;
  if (len > 0 && old[len - 1] != '\n')
    g_string_append (out, self->newline);
  if (len > 0 && !ends_with_separator (old, len))
    g_string_append_printf (out, "%s###%s", self->newline, self->newline);
  g_string_append (out, text);
  return splice (self, len, len, out->str, self->entries->len + 1, error);
}

/* @start moved back over the blank lines before it, down to @floor at most. */
static gsize
skip_blank_lines_back (const char *text,
                       gsize       start,
                       gsize       floor)
{
  while (start > floor && text[start - 1] == '\n')
    {
      gsize line = start - 1;

      while (line > 0 && text[line - 1] != '\n')
        line--;
      if (line < floor || strspn (text + line, " \t\r") < start - 1 - line)
        break;
      start = line;
    }
  return start;
}

/* The file's bytes without entry @index: its block from its “###” line to the next one. The
 * first request's block has no “###” line; the comments before it stay, as they may say what
 * the whole file is. */
GBytes *
pf_http_file_remove_entry (PfHttpFile *self,
                           guint       index,
                           GError    **error)
{
  PfHttpFileEntry *entry;
  const char *text;
  gsize start;

  g_return_val_if_fail (PF_IS_HTTP_FILE (self), NULL);
  if (!check_index (self, index, error))
    return NULL;
  entry = g_ptr_array_index (self->entries, index);
  text = g_bytes_get_data (self->contents, NULL);
  start = _pf_http_file_entry_get_block_start (entry);
  if (strncmp (text + start, "###", 3) != 0)
    start = pf_http_file_entry_get_start (entry);
  else if (index > 0 && index == self->entries->len - 1)
    /* The last request: the blank lines that led to its “###” go too. */
    start = skip_blank_lines_back (text, start,
                                   pf_http_file_entry_get_end (self->entries->pdata[index - 1]));
  return splice (self, start, _pf_http_file_entry_get_block_end (entry), "",
                 self->entries->len - 1, error);
}
