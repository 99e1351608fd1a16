/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-environment-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-environment-file.h"
#include "pf-environment-list.h"

/* Writing one variable or one environment of http-client.env.json, keeping the rest of the
 * file (the other environments and variables, in their order). Secrets never go here: they go
 * to the keyring, and setting one removes it from the file. */

static JsonNode *
read_root (GFile   *file,
           GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_load_contents (file, NULL, &data, &len, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return json_node_init_object (json_node_alloc (), json_object_new ());
    }
  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("expected an object of environments: { \"dev\": { … } }"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

static gboolean
write_root (GFile    *file,
            JsonNode *root,
            GError  **error)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *data = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  data = g_strconcat (text, "\n", NULL);
  return g_file_replace_contents (file, data, strlen (data), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}

/* Sets @name to @value in @environment of @folder's http-client.env.json (creating the file
 * and the environment if need be); a NULL @value removes the variable. Blocking, on a small
 * file. */
gboolean
pf_environment_file_set (GFile       *folder,
                         const char  *environment,
                         const char  *name,
                         const char  *value,
                         GError     **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *environments;
  JsonObject *variables;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (environment != NULL && name != NULL, FALSE);
  file = g_file_get_child (folder, PF_ENVIRONMENT_FILE);
  root = read_root (file, error);
  if (root == NULL)
    return FALSE;
  environments = json_node_get_object (root);
  if (!json_object_has_member (environments, environment) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (environments, environment)))
    {
      if (value == NULL)
        return TRUE;
      json_object_set_object_member (environments, environment, json_object_new ());
    }
  variables = json_object_get_object_member (environments, environment);
  if (value == NULL)
    {
      if (!json_object_has_member (variables, name))
        return TRUE;
      /* An environment left empty stays: its secrets (in the keyring) still need it listed. */
      json_object_remove_member (variables, name);
    }
  else
    json_object_set_string_member (variables, name, value);
  return write_root (file, root, error);
}

/* Adds the environment @environment, without variables, at the end of @folder's
 * http-client.env.json (creating the file if need be); G_IO_ERROR_EXISTS if the file has it
 * already. Blocking, on a small file. */
gboolean
pf_environment_file_add (GFile       *folder,
                         const char  *environment,
                         GError     **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *environments;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (environment != NULL, FALSE);
  file = g_file_get_child (folder, PF_ENVIRONMENT_FILE);
  root = read_root (file, error);
  if (root == NULL)
    return FALSE;
  environments = json_node_get_object (root);
  if (json_object_has_member (environments, environment))
    {
      /* Translators: %s is an environment's name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There is already an environment named “%s”"), environment);
      return FALSE;
    }
  json_object_set_object_member (environments, environment, json_object_new ());
  return write_root (file, root, error);
}

/* Removes the environment @environment and its variables from @folder's http-client.env.json;
 * one the file does not have is no error. Blocking, on a small file. */
gboolean
pf_environment_file_remove (GFile       *folder,
                            const char  *environment,
                            GError     **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *environments;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (environment != NULL, FALSE);
  file = g_file_get_child (folder, PF_ENVIRONMENT_FILE);
  root = read_root (file, error);
  if (root == NULL)
    return FALSE;
  environments = json_node_get_object (root);
  if (!json_object_has_member (environments, environment))
    return TRUE;
  json_object_remove_member (environments, environment);
  return write_root (file, root, error);
}
