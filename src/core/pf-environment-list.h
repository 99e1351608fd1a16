/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-environment.h"

G_BEGIN_DECLS

#define PF_ENVIRONMENT_FILE         "http-client.env.json"
#define PF_ENVIRONMENT_PRIVATE_FILE "http-client.private.env.json"
/* The JetBrains name of the variables every environment has unless it sets its own. */
#define PF_ENVIRONMENT_SHARED "$shared"

#define PF_TYPE_ENVIRONMENT_LIST (pf_environment_list_get_type ())

G_DECLARE_FINAL_TYPE (PfEnvironmentList, pf_environment_list, PF, ENVIRONMENT_LIST, GObject)

PfEnvironmentList *pf_environment_list_new            (void);
PfEnvironmentList *pf_environment_list_load           (GFile             *folder,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
gboolean           pf_environment_list_add_json       (PfEnvironmentList *self,
                                                       const char        *json,
                                                       gssize             length,
                                                       gboolean           is_private,
                                                       GError           **error);
PfEnvironment     *pf_environment_list_find           (PfEnvironmentList *self,
                                                       const char        *name);
PfEnvironment     *pf_environment_list_dup_shared     (PfEnvironmentList *self);
gboolean           pf_environment_list_check_new_name (PfEnvironmentList *self,
                                                       const char        *name,
                                                       GError           **error);

G_END_DECLS
