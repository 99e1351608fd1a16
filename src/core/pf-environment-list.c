/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-environment-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pf-environment-list.h"

/* The environments of a collection folder, a GListModel of PfEnvironment in the order the
 * files name them. The JetBrains layout: http-client.env.json holds
 * { "dev": { "host": "…" }, "prod": { … } }, http-client.private.env.json the same shape with
 * the secrets, whose values win; "$shared" holds variables every environment has unless it
 * sets its own. */
struct _PfEnvironmentList
{
  GObject parent_instance;

  GPtrArray *environments;
  PfEnvironment *shared;
};

#define SHARED PF_ENVIRONMENT_SHARED

static void pf_environment_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfEnvironmentList, pf_environment_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pf_environment_list_model_init))

static GType
pf_environment_list_get_item_type (GListModel *model)
{
  return PF_TYPE_ENVIRONMENT;
}

static guint
pf_environment_list_get_n_items (GListModel *model)
{
  return PF_ENVIRONMENT_LIST (model)->environments->len;
}

static gpointer
pf_environment_list_get_item (GListModel *model,
                              guint       position)
{
  PfEnvironmentList *self = PF_ENVIRONMENT_LIST (model);

  if (position >= self->environments->len)
    return NULL;
  return pf_environment_copy (g_ptr_array_index (self->environments, position), NULL);
}

static void
pf_environment_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pf_environment_list_get_item_type;
  iface->get_n_items = pf_environment_list_get_n_items;
  iface->get_item = pf_environment_list_get_item;
}

static void
pf_environment_list_finalize (GObject *object)
{
  PfEnvironmentList *self = PF_ENVIRONMENT_LIST (object);

  g_clear_pointer (&self->environments, g_ptr_array_unref);
  g_clear_object (&self->shared);

  G_OBJECT_CLASS (pf_environment_list_parent_class)->finalize (object);
}

static void
pf_environment_list_class_init (PfEnvironmentListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_environment_list_finalize;
}

static void
pf_environment_list_init (PfEnvironmentList *self)
{
  self->environments = g_ptr_array_new_with_free_func (g_object_unref);
  self->shared = pf_environment_new (SHARED);
}

PfEnvironmentList *
pf_environment_list_new (void)
{
  return g_object_new (PF_TYPE_ENVIRONMENT_LIST, NULL);
}

static PfEnvironment *
find_or_add (PfEnvironmentList *self,
             const char        *name)
{
  PfEnvironment *environment;

  if (g_str_equal (name, SHARED))
    return self->shared;
  for (guint i = 0; i < self->environments->len; i++)
    if (g_str_equal (pf_environment_get_name (self->environments->pdata[i]), name))
      return self->environments->pdata[i];
  environment = pf_environment_new (name);
  g_ptr_array_add (self->environments, environment);
  g_list_model_items_changed (G_LIST_MODEL (self), self->environments->len - 1, 0, 1);
  return environment;
}

/* A value as {{name}} writes it: strings as they are, numbers and booleans as JSON writes
 * them; objects, arrays and null are not variables. */
static char *
scalar_text (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static void
add_variables (PfEnvironment *environment,
               JsonObject    *object,
               gboolean       is_private)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *value = scalar_text (node);

      if (value != NULL)
        pf_environment_set (environment, name, value, is_private);
    }
}

/* Reads one env file's text; @is_private for http-client.private.env.json. */
gboolean
pf_environment_list_add_json (PfEnvironmentList *self,
                              const char        *json,
                              gssize             length,
                              gboolean           is_private,
                              GError           **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GList) names = NULL;
  JsonObject *root;

  g_return_val_if_fail (PF_IS_ENVIRONMENT_LIST (self), FALSE);
  if (!json_parser_load_from_data (parser, json, length, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("expected an object of environments: { \"dev\": { … } }"));
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  /* In the file's order (an iterator would go in the hash table's). */
  names = json_object_get_members (root);
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (root, l->data);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_variables (find_or_add (self, l->data), json_node_get_object (node), is_private);
    }
  return TRUE;
}

static gboolean
load_one (PfEnvironmentList *self,
          GFile             *folder,
          const char        *basename,
          gboolean           is_private,
          GCancellable      *cancellable,
          GError           **error)
{
  g_autoptr (GFile) file = g_file_get_child (folder, basename);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_load_contents (file, cancellable, &data, &len, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (pf_environment_list_add_json (self, data, len, is_private, &local_error))
    return TRUE;
  /* Translators: %s is a file name, then why it could not be read */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Could not read “%s”: %s"),
               basename, local_error->message);
  return FALSE;
}

/* The environments of @folder: http-client.env.json, then the private file over it; either
 * may be missing. Blocking: for the CLI and worker threads. */
PfEnvironmentList *
pf_environment_list_load (GFile        *folder,
                          GCancellable *cancellable,
                          GError      **error)
{
  g_autoptr (PfEnvironmentList) self = pf_environment_list_new ();

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  if (!load_one (self, folder, PF_ENVIRONMENT_FILE, FALSE, cancellable, error) ||
      !load_one (self, folder, PF_ENVIRONMENT_PRIVATE_FILE, TRUE, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* A new environment @name with the shared variables under its own; NULL if there is none. */
PfEnvironment *
pf_environment_list_find (PfEnvironmentList *self,
                          const char        *name)
{
  g_return_val_if_fail (PF_IS_ENVIRONMENT_LIST (self), NULL);
  for (guint i = 0; i < self->environments->len; i++)
    {
      PfEnvironment *environment = self->environments->pdata[i];
      g_auto (GStrv) names = NULL;
      PfEnvironment *merged;

      if (!g_str_equal (pf_environment_get_name (environment), name))
        continue;
      merged = pf_environment_copy (self->shared, name);
      names = pf_environment_dup_variables (environment);
      for (guint j = 0; names[j]; j++)
        pf_environment_set (merged, names[j], pf_environment_get (environment, names[j]),
                            pf_environment_is_private (environment, names[j]));
      return merged;
    }
  return NULL;
}

/* The shared variables alone (“$shared”, of either file), as a new environment. */
PfEnvironment *
pf_environment_list_dup_shared (PfEnvironmentList *self)
{
  g_return_val_if_fail (PF_IS_ENVIRONMENT_LIST (self), NULL);
  return pf_environment_copy (self->shared, NULL);
}

/* Whether @name (as typed, spaces around it ignored) can name a new environment: not empty,
 * not one the files have, and not “$shared”, which is every environment's. */
gboolean
pf_environment_list_check_new_name (PfEnvironmentList *self,
                                    const char        *name,
                                    GError           **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (PF_IS_ENVIRONMENT_LIST (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("An environment needs a name, such as “staging”"));
      return FALSE;
    }
  if (g_str_equal (stripped, SHARED))
    {
      /* Translators: “$shared” is a name in http-client.env.json; keep it as it is */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("“$shared” holds the variables shared by all environments; choose "
                             "another name"));
      return FALSE;
    }
  for (guint i = 0; i < self->environments->len; i++)
    if (g_str_equal (pf_environment_get_name (self->environments->pdata[i]), stripped))
      {
        /* Translators: %s is an environment's name */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("There is already an environment named “%s”"), stripped);
        return FALSE;
      }
  return TRUE;
}
