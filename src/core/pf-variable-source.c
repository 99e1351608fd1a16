/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-variable-source"

#include "config.h"

#include "pf-variable-source.h"

G_DEFINE_INTERFACE (PfVariableSource, pf_variable_source, G_TYPE_OBJECT)

static void
pf_variable_source_default_init (PfVariableSourceInterface *iface)
{
}

char *
pf_variable_source_lookup (PfVariableSource *self,
                           const char       *name)
{
  g_return_val_if_fail (PF_IS_VARIABLE_SOURCE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return PF_VARIABLE_SOURCE_GET_IFACE (self)->lookup (self, name);
}

gboolean
pf_variable_source_is_secret (PfVariableSource *self,
                              const char       *name)
{
  PfVariableSourceInterface *iface;

  g_return_val_if_fail (PF_IS_VARIABLE_SOURCE (self), FALSE);
  iface = PF_VARIABLE_SOURCE_GET_IFACE (self);
  return iface->is_secret ? iface->is_secret (self, name) : FALSE;
}
