/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-secret-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "pf-secret-store.h"
#include "pf-variable-source.h"

/* The secret variables of one environment of a collection folder, kept in the keyring (the
 * Secret Service) and never in the folder: items of the schema APP_ID.Variable with the
 * attributes folder (its URI), environment and name. The values are read once, asynchronously,
 * and kept here, so that a lookup (and Send) never waits on D-Bus. As a PfVariableSource it
 * answers with a secret first, then with the environment it was given. */
struct _PfSecretStore
{
  GObject parent_instance;

  GFile *folder;
  char *uri;
  char *environment;
  PfEnvironment *variables;
  GHashTable *secrets; /* name → value */
  gboolean loaded;
};

enum
{
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pf_secret_store_variable_source_init (PfVariableSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfSecretStore, pf_secret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PF_TYPE_VARIABLE_SOURCE,
                                                      pf_secret_store_variable_source_init))

static const SecretSchema *
variable_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Variable", SECRET_SCHEMA_NONE,
    {
      { "folder", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "environment", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static char *
pf_secret_store_lookup (PfVariableSource *source,
                        const char       *name)
{
  PfSecretStore *self = PF_SECRET_STORE (source);
  const char *value = g_hash_table_lookup (self->secrets, name);

  if (value == NULL && self->variables != NULL)
    value = pf_environment_get (self->variables, name);
  return g_strdup (value);
}

static gboolean
pf_secret_store_is_secret (PfVariableSource *source,
                           const char       *name)
{
  PfSecretStore *self = PF_SECRET_STORE (source);

  return g_hash_table_contains (self->secrets, name) ||
         (self->variables != NULL && pf_environment_is_private (self->variables, name));
}

static void
pf_secret_store_variable_source_init (PfVariableSourceInterface *iface)
{
  iface->lookup = pf_secret_store_lookup;
  iface->is_secret = pf_secret_store_is_secret;
}

static void
pf_secret_store_finalize (GObject *object)
{
  PfSecretStore *self = PF_SECRET_STORE (object);

  g_clear_object (&self->folder);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->environment, g_free);
  g_clear_object (&self->variables);
  g_clear_pointer (&self->secrets, g_hash_table_unref);

  G_OBJECT_CLASS (pf_secret_store_parent_class)->finalize (object);
}

static void
pf_secret_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, PF_SECRET_STORE (object)->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_secret_store_class_init (PfSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_secret_store_finalize;
  object_class->get_property = pf_secret_store_get_property;

  /* Whether the keyring has been read (the secrets are known). */
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_secret_store_init (PfSecretStore *self)
{
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) secret_password_free);
}

/* The secrets of @environment in @folder, over @variables (the environment's other variables;
 * may be NULL). Nothing is read until pf_secret_store_load_async (). */
PfSecretStore *
pf_secret_store_new (GFile         *folder,
                     const char    *environment,
                     PfEnvironment *variables)
{
  PfSecretStore *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (environment != NULL, NULL);
  g_return_val_if_fail (variables == NULL || PF_IS_ENVIRONMENT (variables), NULL);
  self = g_object_new (PF_TYPE_SECRET_STORE, NULL);
  self->folder = g_object_ref (folder);
  self->uri = g_file_get_uri (folder);
  self->environment = g_strdup (environment);
  self->variables = variables ? g_object_ref (variables) : NULL;
  return self;
}

GFile *
pf_secret_store_get_folder (PfSecretStore *self)
{
  g_return_val_if_fail (PF_IS_SECRET_STORE (self), NULL);
  return self->folder;
}

const char *
pf_secret_store_get_environment (PfSecretStore *self)
{
  g_return_val_if_fail (PF_IS_SECRET_STORE (self), NULL);
  return self->environment;
}

gboolean
pf_secret_store_get_loaded (PfSecretStore *self)
{
  g_return_val_if_fail (PF_IS_SECRET_STORE (self), FALSE);
  return self->loaded;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

/* The names of the secret variables read from the keyring, sorted. */
GStrv
pf_secret_store_dup_names (PfSecretStore *self)
{
  g_autofree gpointer *keys = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;
  GStrv names;

  g_return_val_if_fail (PF_IS_SECRET_STORE (self), NULL);
  keys = g_hash_table_get_keys_as_array (self->secrets, &n);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  names = g_strv_builder_end (builder);
  g_qsort_with_data (names, n, sizeof (char *), compare_names, NULL);
  return names;
}

static void
set_secret (PfSecretStore *self,
            const char    *name,
            const char    *value)
{
  if (value != NULL)
    g_hash_table_replace (self->secrets, g_strdup (name), g_strdup (value));
  else
    g_hash_table_remove (self->secrets, name);
}

/* ---- load: search the items, then read each one's secret */

typedef struct
{
  GHashTable *found; /* name → value (secret_password_free) */
  guint pending;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_pointer (&load->found, g_hash_table_unref);
  g_free (load);
}

static void
load_done (GTask *task)
{
  PfSecretStore *self = g_task_get_source_object (task);
  LoadData *load = g_task_get_task_data (task);

  if (--load->pending > 0)
    return;
  g_hash_table_unref (self->secrets);
  self->secrets = g_hash_table_ref (load->found);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_task_return_boolean (task, TRUE);
}

static void
retrieved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  LoadData *load = g_task_get_task_data (task);
  g_autoptr (GHashTable) attributes = secret_retrievable_get_attributes (SECRET_RETRIEVABLE (object));
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretValue) value = secret_retrievable_retrieve_secret_finish (
    SECRET_RETRIEVABLE (object), result, &error);
  const char *name = g_hash_table_lookup (attributes, "name");

  if (value != NULL && name != NULL)
    g_hash_table_replace (load->found, g_strdup (name),
                          g_strdup (secret_value_get_text (value)));
  /* Removed between the search and this read (an environment removed meanwhile): gone. */
  else if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
    g_debug ("The secret variable “%s” went while it was read: %s", name, error->message);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read the secret variable “%s”: %s", name, error->message);
  load_done (task);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  LoadData *load = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GList *items = secret_password_search_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* One for the search, one for each item. */
  load->pending = 1 + g_list_length (items);
  for (GList *l = items; l; l = l->next)
    secret_retrievable_retrieve_secret (l->data, g_task_get_cancellable (task), retrieved_cb,
                                        g_object_ref (task));
  g_list_free_full (items, g_object_unref);
  load_done (task);
}

/* Reads this environment's secrets from the keyring (unlocking it if need be). */
void
pf_secret_store_load_async (PfSecretStore       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  LoadData *load = g_new0 (LoadData, 1);

  g_return_if_fail (PF_IS_SECRET_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_secret_store_load_async);
  load->found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) secret_password_free);
  g_task_set_task_data (task, load, load_data_free);
  secret_password_search (variable_schema (),
                          SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                          cancellable, searched_cb, task, "folder", self->uri, "environment",
                          self->environment, NULL);
}

gboolean
pf_secret_store_load_finish (PfSecretStore *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- save and remove one: the store knows the new value once the keyring has it */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  PfSecretStore *self = g_task_get_source_object (task);
  char **pair = g_task_get_task_data (task);

  /* Clearing what was not there is not a failure: only an error is. */
  if (g_task_get_source_tag (task) == pf_secret_store_remove_async)
    secret_password_clear_finish (result, &error);
  else
    secret_password_store_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_secret (self, pair[0], pair[1]);
  g_task_return_boolean (task, TRUE);
}

static GTask *
pair_task (PfSecretStore       *self,
           gpointer             tag,
           const char          *name,
           const char          *value,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  char **pair = g_new0 (char *, 3);

  g_task_set_source_tag (task, tag);
  pair[0] = g_strdup (name);
  pair[1] = g_strdup (value);
  g_task_set_task_data (task, pair, (GDestroyNotify) g_strfreev);
  return task;
}

/* Puts @name = @value in the keyring (the default collection), replacing what was there. */
void
pf_secret_store_save_async (PfSecretStore       *self,
                            const char          *name,
                            const char          *value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *label = NULL;
  g_autofree char *where = NULL;
  GTask *task;

  g_return_if_fail (PF_IS_SECRET_STORE (self));
  g_return_if_fail (name != NULL && value != NULL);
  task = pair_task (self, pf_secret_store_save_async, name, value, cancellable, callback,
                    user_data);
  where = g_file_get_parse_name (self->folder);
  /* Translators: the keyring's label for a secret variable: its name, its environment and
   * the folder, “Preflight: {{token}} in dev (~/api)” */
  label = g_strdup_printf (_("Preflight: {{%s}} in %s (%s)"), name, self->environment, where);
  secret_password_store (variable_schema (), SECRET_COLLECTION_DEFAULT, label, value,
                         cancellable, saved_cb, task, "folder", self->uri, "environment",
                         self->environment, "name", name, NULL);
}

gboolean
pf_secret_store_save_finish (PfSecretStore *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Takes @name out of the keyring. */
void
pf_secret_store_remove_async (PfSecretStore       *self,
                              const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PF_IS_SECRET_STORE (self));
  g_return_if_fail (name != NULL);
  task = pair_task (self, pf_secret_store_remove_async, name, NULL, cancellable, callback,
                    user_data);
  secret_password_clear (variable_schema (), cancellable, saved_cb, task, "folder", self->uri,
                         "environment", self->environment, "name", name, NULL);
}

gboolean
pf_secret_store_remove_finish (PfSecretStore *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
removed_all_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PfSecretStore *self = g_task_get_source_object (task);
  GError *error = NULL;

  /* Clearing what was not there is not a failure: only an error is. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_hash_table_remove_all (self->secrets);
  g_task_return_boolean (task, TRUE);
}

/* Takes every secret of this environment out of the keyring, whether read yet or not (the
 * environment is going). */
void
pf_secret_store_remove_all_async (PfSecretStore       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PF_IS_SECRET_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_secret_store_remove_all_async);
  secret_password_clear (variable_schema (), cancellable, removed_all_cb, task, "folder",
                         self->uri, "environment", self->environment, NULL);
}

gboolean
pf_secret_store_remove_all_finish (PfSecretStore *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
