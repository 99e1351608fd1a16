/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-environment"

#include "config.h"

#include "pf-environment.h"

/* One named set of variables (“dev”, “prod”) as http-client.env.json gives it, with the values
 * of http-client.private.env.json laid over it. A variable from the private file is private:
 * a secret the window masks and that the keyring will hold. */
struct _PfEnvironment
{
  GObject parent_instance;

  char *name;
  GHashTable *values;   /* name → value */
  GHashTable *private;  /* names from the private file */
};

static void pf_environment_variable_source_init (PfVariableSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfEnvironment, pf_environment, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PF_TYPE_VARIABLE_SOURCE,
                                                      pf_environment_variable_source_init))

static char *
pf_environment_lookup (PfVariableSource *source,
                       const char       *name)
{
  return g_strdup (g_hash_table_lookup (PF_ENVIRONMENT (source)->values, name));
}

static gboolean
pf_environment_is_secret (PfVariableSource *source,
                          const char       *name)
{
  return pf_environment_is_private (PF_ENVIRONMENT (source), name);
}

static void
pf_environment_variable_source_init (PfVariableSourceInterface *iface)
{
  iface->lookup = pf_environment_lookup;
  iface->is_secret = pf_environment_is_secret;
}

static void
pf_environment_finalize (GObject *object)
{
  PfEnvironment *self = PF_ENVIRONMENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->private, g_hash_table_unref);

  G_OBJECT_CLASS (pf_environment_parent_class)->finalize (object);
}

static void
pf_environment_class_init (PfEnvironmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_environment_finalize;
}

static void
pf_environment_init (PfEnvironment *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->private = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

PfEnvironment *
pf_environment_new (const char *name)
{
  PfEnvironment *self = g_object_new (PF_TYPE_ENVIRONMENT, NULL);

  self->name = g_strdup (name ? name : "");
  return self;
}

/* A copy named @name, to lay more variables over (a file's own, say). */
PfEnvironment *
pf_environment_copy (PfEnvironment *self,
                     const char    *name)
{
  PfEnvironment *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (PF_IS_ENVIRONMENT (self), NULL);
  copy = pf_environment_new (name ? name : self->name);
  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    pf_environment_set (copy, key, value, pf_environment_is_private (self, key));
  return copy;
}

const char *
pf_environment_get_name (PfEnvironment *self)
{
  g_return_val_if_fail (PF_IS_ENVIRONMENT (self), NULL);
  return self->name;
}

/* Sets @variable, replacing what was there (and whether it was private). */
void
pf_environment_set (PfEnvironment *self,
                    const char    *variable,
                    const char    *value,
                    gboolean       is_private)
{
  g_return_if_fail (PF_IS_ENVIRONMENT (self));
  g_return_if_fail (variable != NULL && value != NULL);
  g_hash_table_replace (self->values, g_strdup (variable), g_strdup (value));
  if (is_private)
    g_hash_table_add (self->private, g_strdup (variable));
  else
    g_hash_table_remove (self->private, variable);
}

const char *
pf_environment_get (PfEnvironment *self,
                    const char    *variable)
{
  g_return_val_if_fail (PF_IS_ENVIRONMENT (self), NULL);
  return g_hash_table_lookup (self->values, variable);
}

gboolean
pf_environment_is_private (PfEnvironment *self,
                           const char    *variable)
{
  g_return_val_if_fail (PF_IS_ENVIRONMENT (self), FALSE);
  return g_hash_table_contains (self->private, variable);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

/* The variable names, sorted. */
GStrv
pf_environment_dup_variables (PfEnvironment *self)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GStrv names;

  g_return_val_if_fail (PF_IS_ENVIRONMENT (self), NULL);
  keys = g_hash_table_get_keys_as_array (self->values, &n);
  names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (keys[i]);
  qsort (names, n, sizeof (char *), compare_names);
  return names;
}
