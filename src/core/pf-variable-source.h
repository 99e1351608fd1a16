/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PF_TYPE_VARIABLE_SOURCE (pf_variable_source_get_type ())

G_DECLARE_INTERFACE (PfVariableSource, pf_variable_source, PF, VARIABLE_SOURCE, GObject)

/* Where {{name}} finds its value: an environment read from http-client.env.json, the
 * private file beside it, and later the login keyring. lookup returns a new string, or NULL
 * when the source does not know the name; is_secret says a value must be masked and kept
 * out of history and exports. */
struct _PfVariableSourceInterface
{
  GTypeInterface parent_iface;

  char    *(*lookup)    (PfVariableSource *self,
                         const char       *name);
  gboolean (*is_secret) (PfVariableSource *self,
                         const char       *name);
};

char     *pf_variable_source_lookup    (PfVariableSource *self,
                                        const char       *name);
gboolean  pf_variable_source_is_secret (PfVariableSource *self,
                                        const char       *name);

G_END_DECLS
