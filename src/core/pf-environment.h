/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-variable-source.h"

G_BEGIN_DECLS

#define PF_TYPE_ENVIRONMENT (pf_environment_get_type ())

G_DECLARE_FINAL_TYPE (PfEnvironment, pf_environment, PF, ENVIRONMENT, GObject)

PfEnvironment *pf_environment_new          (const char    *name);
PfEnvironment *pf_environment_copy         (PfEnvironment *self,
                                            const char    *name);
const char    *pf_environment_get_name     (PfEnvironment *self);
void           pf_environment_set          (PfEnvironment *self,
                                            const char    *variable,
                                            const char    *value,
                                            gboolean       is_private);
const char    *pf_environment_get          (PfEnvironment *self,
                                            const char    *variable);
gboolean       pf_environment_is_private   (PfEnvironment *self,
                                            const char    *variable);
GStrv          pf_environment_dup_variables (PfEnvironment *self);

G_END_DECLS
