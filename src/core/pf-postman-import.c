/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-postman"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-postman-import.h"
#include "pf-environment-list.h"
#include "pf-http-file.h"
#include "pf-postman-private.h"

/* A Postman Collection (v2.1, v2.0 read the same) as a Preflight collection folder:
 * - the collection's own requests go to “<collection name>.http” in the folder; each Postman
 *   folder becomes a directory, its own requests “<folder name>.http” in it, its folders
 *   directories in it, and so on (names made safe for any file system: no “/ \ : * ? " < > |”,
 *   no control characters, no leading or trailing dots and spaces; a name taken twice in a
 *   directory gets “ (2)”);
 * - each request is an entry named (“# @name”) after the Postman request, written by
 *   PfHttpFile itself so that it reads back as the same request;
 * - the collection's variables are the environment “postman” of http-client.env.json;
 * - what cannot carry over (scripts, auth types other than basic and bearer, disabled headers,
 *   parameters and fields, saved responses, Postman's settings) is a line of the report, never
 *   dropped silently.
 * Everything is read and written in memory first: a file with a problem (its JSON path in the
 * message) gives no import, and writing refuses to replace any file. */

struct _PfPostmanImport
{
  GObject parent_instance;

  GFile *folder;
  GPtrArray *paths;    /* char *, relative to the folder, “/” between names */
  GPtrArray *contents; /* GBytes */
  GPtrArray *report;   /* char *, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (PfPostmanImport, pf_postman_import, G_TYPE_OBJECT)

G_DEFINE_QUARK (pf - postman - error - quark, pf_postman_error)

/* A collection or folder while it is read: its directory, the names taken there, and its own
 * requests waiting for their .http file. */
typedef struct
{
  char *dir;   /* relative: "" or "A/B/" */
  char *where; /* “Collection / A / B” */
  GFile *location;
  char *file_name;
  GHashTable *taken;
  const PfPostmanAuth *auth;
  GPtrArray *requests; /* PfRequest */
  GPtrArray *names;
  GPtrArray *wheres;
  GHashTable *request_names;
} Group;

static void
pf_postman_import_finalize (GObject *object)
{
  PfPostmanImport *self = PF_POSTMAN_IMPORT (object);

  g_clear_object (&self->folder);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->contents, g_ptr_array_unref);
  g_clear_pointer (&self->report, g_ptr_array_unref);
  G_OBJECT_CLASS (pf_postman_import_parent_class)->finalize (object);
}

static void
pf_postman_import_class_init (PfPostmanImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_postman_import_finalize;
}

static void
pf_postman_import_init (PfPostmanImport *self)
{
  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->report = g_ptr_array_new_with_free_func (g_free);
}

static void
group_clear (Group *group)
{
  g_free (group->dir);
  g_free (group->where);
  g_clear_object (&group->location);
  g_free (group->file_name);
  g_clear_pointer (&group->taken, g_hash_table_unref);
  g_clear_pointer (&group->requests, g_ptr_array_unref);
  g_clear_pointer (&group->names, g_ptr_array_unref);
  g_clear_pointer (&group->wheres, g_ptr_array_unref);
  g_clear_pointer (&group->request_names, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Group, group_clear)

/* @name as a file or directory name on any system. */
static char *
safe_name (const char *name)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *stripped = NULL;

  for (const char *p = name; *p; p++)
    g_string_append_c (out, (guchar) *p < 0x20 || *p == 0x7f || strchr ("/\\:*?\"<>|", *p)
                                ? '_'
                                : *p);
  stripped = g_strstrip (g_strdup (out->str));
  while (*stripped == '.')
    memmove (stripped, stripped + 1, strlen (stripped));
  while (*stripped && stripped[strlen (stripped) - 1] == '.')
    stripped[strlen (stripped) - 1] = '\0';
  if (g_utf8_strlen (stripped, -1) > 80)
    return g_strstrip (g_utf8_substring (stripped, 0, 80));
  return *stripped ? g_steal_pointer (&stripped) : g_strdup ("untitled");
}

/* @base@suffix, or “@base (2)@suffix”, … when @taken has it (names compared case-folded, as
 * some file systems do). */
static char *
unique_name (GHashTable *taken,
             const char *base,
             const char *suffix)
{
  char *name = g_strconcat (base, suffix, NULL);
  char *folded = g_utf8_casefold (name, -1);

  for (guint n = 2; g_hash_table_contains (taken, folded); n++)
    {
      g_free (name);
      g_free (folded);
      name = g_strdup_printf ("%s (%u)%s", base, n, suffix);
      folded = g_utf8_casefold (name, -1);
    }
  g_hash_table_add (taken, folded);
  return name;
}

static void
group_init (Group *group,
            GFile *root,
            const char *dir,
            const char *where,
            const char *name)
{
  g_autofree char *base = safe_name (name);

  group->dir = g_strdup (dir);
  group->where = g_strdup (where);
  group->location = *dir ? g_file_resolve_relative_path (root, dir) : g_object_ref (root);
  group->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  group->file_name = unique_name (group->taken, base, ".http");
  group->requests = g_ptr_array_new_with_free_func (g_object_unref);
  group->names = g_ptr_array_new_with_free_func (g_free);
  group->wheres = g_ptr_array_new_with_free_func (g_free);
  group->request_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
add_file (PfPostmanImport *self,
          char *path,
          GBytes *contents)
{
  g_ptr_array_add (self->paths, path);
  g_ptr_array_add (self->contents, contents);
}

/* The group's requests as one .http file, each appended by PfHttpFile (which reads the file
 * back after each); one it refuses (a body line starting “###”) is reported instead. */
static gboolean
write_group_file (PfPostmanImport *self,
                  Group *group,
                  GError **error)
{
  g_autoptr (GFile) file = g_file_get_child (group->location, group->file_name);
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (PfHttpFile) http = pf_http_file_new_from_bytes (empty, file, error);
  guint written = 0;

  for (guint i = 0; http && i < group->requests->len; i++)
    {
      g_autoptr (GError) refused = NULL;
      g_autoptr (GBytes) next = pf_http_file_append_entry (http, group->requests->pdata[i],
                                                           group->names->pdata[i], &refused);
      PfPostmanPlace place = { group->wheres->pdata[i], group->location, self->report };

      if (next == NULL)
        {
          /* Translators: %s says why a .http file cannot hold the request */
          _pf_postman_note (&place, _ ("left out: %s"), refused->message);
          continue;
        }
      g_object_unref (http);
      http = pf_http_file_new_from_bytes (next, file, error);
      written++;
    }
  if (http == NULL)
    return FALSE;
  if (written > 0)
    add_file (self, g_strconcat (group->dir, group->file_name, NULL),
              g_bytes_ref (pf_http_file_get_contents (http)));
  return TRUE;
}

static gboolean read_items (PfPostmanImport *self,
                            JsonObject *owner,
                            const char *path,
                            Group *group,
                            GError **error);

static gboolean
read_folder (PfPostmanImport *self,
             JsonObject *folder,
             const char *path,
             Group *parent,
             GError **error)
{
  g_auto (Group) group = { 0 };
  g_autoptr (PfPostmanAuth) auth = NULL;
  g_autofree char *base = NULL;
  g_autofree char *dir_name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *where = NULL;
  const char *name;
  JsonArray *variables;

  if (!_pf_postman_string (folder, path, "name", &name, error) ||
      !_pf_postman_auth_read (folder, path, &auth, error) ||
      !_pf_postman_array (folder, path, "variable", &variables, error))
    return FALSE;
  name = name ? name : "";
  base = safe_name (name);
  dir_name = unique_name (parent->taken, base, "");
  dir = g_strconcat (parent->dir, dir_name, "/", NULL);
  where = g_strdup_printf ("%s / %s", parent->where, name);
  group_init (&group, self->folder, dir, where, name);
  group.auth = auth ? auth : parent->auth;
  if (!_pf_postman_note_extras (&(PfPostmanPlace){ where, group.location, self->report },
                                folder, path, error))
    return FALSE;
  if (variables && json_array_get_length (variables) > 0)
    _pf_postman_note (&(PfPostmanPlace){ where, group.location, self->report }, "%s",
                      _ ("folder variables not imported"));
  return read_items (self, folder, path, &group, error);
}

/* A request's name in its file: the Postman name, made one of its own there. */
static char *
request_name (Group *group,
              const char *name,
              PfPostmanPlace *place)
{
  g_autofree char *line = g_strdelimit (g_strstrip (g_strdup (name)), "\r\n", ' ');
  /* Translators: the name given to a request that has none; %u is its place in its file */
  g_autofree char *base = *line ? g_strdup (line)
                                : g_strdup_printf (_ ("Request %u"), group->requests->len + 1);
  char *unique = unique_name (group->request_names, base, "");

  if (!g_str_equal (unique, base))
    /* Translators: %s is the new name of a request whose name another request has */
    _pf_postman_note (place, _ ("named “%s”: another request in its file has its name"), unique);
  return unique;
}

static gboolean
read_request_item (PfPostmanImport *self,
                   JsonObject *item,
                   const char *path,
                   Group *group,
                   GError **error)
{
  g_autofree char *request_path = g_strdup_printf ("%s.request", path);
  g_autofree char *where = NULL;
  g_autoptr (PfRequest) request = NULL;
  PfPostmanPlace place = { NULL, group->location, self->report };
  const char *name;
  JsonArray *responses;

  if (!_pf_postman_string (item, path, "name", &name, error) ||
      !_pf_postman_array (item, path, "response", &responses, error))
    return FALSE;
  place.where = where = g_strdup_printf ("%s / %s", group->where, name ? name : "");
  if (!_pf_postman_note_extras (&place, item, path, error))
    return FALSE;
  request = _pf_postman_request_read (json_object_get_member (item, "request"), request_path,
                                      &place, group->auth, error);
  if (request == NULL)
    return FALSE;
  if (responses && json_array_get_length (responses) > 0)
    _pf_postman_note (&place,
                      g_dngettext (GETTEXT_PACKAGE, "%u saved response not imported",
                                   "%u saved responses not imported",
                                   json_array_get_length (responses)),
                      json_array_get_length (responses));
  g_ptr_array_add (group->names, request_name (group, name ? name : "", &place));
  g_ptr_array_add (group->requests, g_steal_pointer (&request));
  g_ptr_array_add (group->wheres, g_steal_pointer (&where));
  return TRUE;
}

/* The “item” list of the collection or a folder: folders (with an “item” list of their own)
 * and requests, then the .http file of the requests. */
static gboolean
read_items (PfPostmanImport *self,
            JsonObject *owner,
            const char *path,
            Group *group,
            GError **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.item", path);
  JsonArray *items;

  if (!_pf_postman_array (owner, path, "item", &items, error))
    return FALSE;
  if (items == NULL)
    return _pf_postman_fail (error, list_path, _ ("missing"));
  if (json_array_get_length (items) == 0)
    _pf_postman_note (&(PfPostmanPlace){ group->where, group->location, self->report }, "%s",
                      _ ("empty folder: nothing written for it"));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *here = NULL;
      JsonObject *item;
      gboolean ok;

      if (!_pf_postman_element (items, i, list_path, &item, &here, error))
        return FALSE;
      if (json_object_has_member (item, "item"))
        ok = read_folder (self, item, here, group, error);
      else if (json_object_has_member (item, "request"))
        ok = read_request_item (self, item, here, group, error);
      else
        ok = _pf_postman_fail (error, here,
                               _ ("neither a request (“request”) nor a folder (“item”)"));
      if (!ok)
        return FALSE;
    }
  return write_group_file (self, group, error);
}

static gboolean
read_variable (JsonBuilder *builder,
               JsonObject *variable,
               const char *path,
               PfPostmanPlace *place,
               GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (!_pf_postman_value (variable, path, "key", &key, error) ||
      !_pf_postman_value (variable, path, "value", &value, error))
    return FALSE;
  if (key == NULL || *key == '\0')
    return _pf_postman_fail (error, path, _ ("a variable without a “key”"));
  if (_pf_postman_is_disabled (variable))
    {
      /* Translators: %s is a variable's name */
      _pf_postman_note (place, _ ("disabled variable “%s” left out"), key);
      return TRUE;
    }
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value ? value : "");
  return TRUE;
}

/* The collection's “variable” list as http-client.env.json's environment “postman”. */
static gboolean
read_variables (PfPostmanImport *self,
                JsonObject *collection,
                PfPostmanPlace *place,
                GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonArray *variables;

  if (!_pf_postman_array (collection, "$", "variable", &variables, error))
    return FALSE;
  if (variables == NULL || json_array_get_length (variables) == 0)
    return TRUE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, PF_POSTMAN_ENVIRONMENT);
  json_builder_begin_object (builder);
  for (guint i = 0; i < json_array_get_length (variables); i++)
    {
      g_autofree char *here = NULL;
      JsonObject *variable;

      if (!_pf_postman_element (variables, i, "$.variable", &variable, &here, error) ||
          !read_variable (builder, variable, here, place, error))
        return FALSE;
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  add_file (self, g_strdup (PF_ENVIRONMENT_FILE),
            g_bytes_new_take (g_strconcat (text, "\n", NULL), strlen (text) + 1));
  return TRUE;
}

static gboolean
read_info (JsonObject *collection,
           const char **name,
           GError **error)
{
  JsonObject *info;
  const char *schema;

  if (!_pf_postman_object (collection, "$", "info", &info, error))
    return FALSE;
  if (info == NULL)
    return _pf_postman_fail (error, "$.info", _ ("missing"));
  if (!_pf_postman_string (info, "$.info", "name", name, error) ||
      !_pf_postman_string (info, "$.info", "schema", &schema, error))
    return FALSE;
  if (*name == NULL)
    return _pf_postman_fail (error, "$.info.name", _ ("missing"));
  if (schema && strstr (schema, "/collection/v2.") == NULL)
    return _pf_postman_fail (error, "$.info.schema", _ ("not a Postman Collection v2.1 schema"));
  return TRUE;
}

static gboolean
read_collection (PfPostmanImport *self,
                 JsonObject *collection,
                 GError **error)
{
  g_auto (Group) group = { 0 };
  g_autoptr (PfPostmanAuth) auth = NULL;
  const char *name;

  if (!read_info (collection, &name, error))
    return FALSE;
  group_init (&group, self->folder, "", name, name);
  g_hash_table_add (group.taken, g_utf8_casefold (PF_ENVIRONMENT_FILE, -1));
  g_hash_table_add (group.taken, g_utf8_casefold (PF_ENVIRONMENT_PRIVATE_FILE, -1));
  if (!_pf_postman_auth_read (collection, "$", &auth, error) ||
      !_pf_postman_note_extras (&(PfPostmanPlace){ name, self->folder, self->report },
                                collection, "$", error) ||
      !read_variables (self, collection, &(PfPostmanPlace){ name, self->folder, self->report },
                       error))
    return FALSE;
  group.auth = auth;
  return read_items (self, collection, "$", &group, error);
}

/* The collection in @json as the files of a collection folder at @folder, read whole and kept
 * in memory; NULL and a PF_POSTMAN_ERROR naming the first problem (its line and column when it
 * is not JSON, its JSON path when it is not a collection). Writes nothing. */
PfPostmanImport *
pf_postman_import_new (GBytes *json,
                       GFile *folder,
                       GError **error)
{
  g_autoptr (PfPostmanImport) self = g_object_new (PF_TYPE_POSTMAN_IMPORT, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) syntax = NULL;
  gsize length = 0;
  const char *data;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  self->folder = g_object_ref (folder);
  data = g_bytes_get_data (json, &length);
  if (!json_parser_load_from_data (parser, data ? data : "", length, &syntax))
    {
      /* Translators: %s is the JSON parser's message, with the line and column */
      g_set_error (error, PF_POSTMAN_ERROR, PF_POSTMAN_ERROR_SYNTAX,
                   _ ("Not a Postman collection: %s"), syntax->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _pf_postman_fail (error, "$", _ ("not an object"));
      return NULL;
    }
  if (!read_collection (self, json_node_get_object (root), error))
    return NULL;
  g_ptr_array_add (self->report, NULL);
  return g_steal_pointer (&self);
}

GFile *
pf_postman_import_get_folder (PfPostmanImport *self)
{
  g_return_val_if_fail (PF_IS_POSTMAN_IMPORT (self), NULL);
  return self->folder;
}

guint
pf_postman_import_get_n_files (PfPostmanImport *self)
{
  g_return_val_if_fail (PF_IS_POSTMAN_IMPORT (self), 0);
  return self->paths->len;
}

/* File @index's path in the folder, “/” between names: “Users/Users.http”. */
const char *
pf_postman_import_get_file_path (PfPostmanImport *self,
                                 guint index)
{
  g_return_val_if_fail (PF_IS_POSTMAN_IMPORT (self), NULL);
  g_return_val_if_fail (index < self->paths->len, NULL);
  return self->paths->pdata[index];
}

GBytes *
pf_postman_import_get_file_contents (PfPostmanImport *self,
                                     guint index)
{
  g_return_val_if_fail (PF_IS_POSTMAN_IMPORT (self), NULL);
  g_return_val_if_fail (index < self->contents->len, NULL);
  return self->contents->pdata[index];
}

/* What did not carry over, one line each: “Collection / Folder / Request: what”. */
const char *const *
pf_postman_import_get_report (PfPostmanImport *self)
{
  g_return_val_if_fail (PF_IS_POSTMAN_IMPORT (self), NULL);
  return (const char *const *) self->report->pdata;
}

static gboolean
check_absent (PfPostmanImport *self,
              GError **error)
{
  for (guint i = 0; i < self->paths->len; i++)
    {
      g_autoptr (GFile) file = g_file_resolve_relative_path (self->folder, self->paths->pdata[i]);

      if (g_file_query_exists (file, NULL))
        {
          /* Translators: %s is a file's path */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _ ("%s exists already: nothing was written"), g_file_peek_path (file));
          return FALSE;
        }
    }
  return TRUE;
}

/* Makes @dir and the folders above it that are missing, adding each one made to @made
 * (outermost first). */
static gboolean
make_folders (GFile *dir,
              GPtrArray *made,
              GCancellable *cancellable,
              GError **error)
{
  g_autoptr (GFile) parent = g_file_get_parent (dir);
  g_autoptr (GError) local = NULL;

  if (g_file_query_file_type (dir, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    return TRUE;
  if (parent != NULL && !make_folders (parent, made, cancellable, error))
    return FALSE;
  if (!g_file_make_directory (dir, cancellable, &local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_ptr_array_add (made, g_object_ref (dir));
  return TRUE;
}

static gboolean
write_file (GFile *file,
            GBytes *contents,
            GPtrArray *made,
            GCancellable *cancellable,
            GError **error)
{
  g_autoptr (GFile) parent = g_file_get_parent (file);
  gsize length = 0;
  const char *data = g_bytes_get_data (contents, &length);

  if (!make_folders (parent, made, cancellable, error) ||
      !g_file_set_contents_full (g_file_peek_path (file), data ? data : "", length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0666, error))
    return FALSE;
  g_ptr_array_add (made, g_object_ref (file));
  return TRUE;
}

/* Writes the files into the folder, making the directories; refuses, writing nothing, when
 * any of them exists already (G_IO_ERROR_EXISTS). A write that fails part way (a disk full, a
 * file where a folder goes) takes back the files and folders it made: nothing half-way.
 * Blocking: for the CLI and worker threads. */
gboolean
pf_postman_import_write (PfPostmanImport *self,
                         GCancellable *cancellable,
                         GError **error)
{
  g_autoptr (GPtrArray) made = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PF_IS_POSTMAN_IMPORT (self), FALSE);
  if (!check_absent (self, error))
    return FALSE;
  for (guint i = 0; i < self->paths->len; i++)
    {
      g_autoptr (GFile) file = g_file_resolve_relative_path (self->folder, self->paths->pdata[i]);

      if (!write_file (file, self->contents->pdata[i], made, cancellable, error))
        {
          /* Newest first: each folder is empty by the time it is reached. */
          for (guint j = made->len; j > 0; j--)
            g_file_delete (made->pdata[j - 1], NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}
