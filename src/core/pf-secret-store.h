/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-environment.h"

G_BEGIN_DECLS

#define PF_TYPE_SECRET_STORE (pf_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (PfSecretStore, pf_secret_store, PF, SECRET_STORE, GObject)

PfSecretStore *pf_secret_store_new               (GFile                *folder,
                                                  const char           *environment,
                                                  PfEnvironment        *variables);
GFile         *pf_secret_store_get_folder        (PfSecretStore        *self);
const char    *pf_secret_store_get_environment   (PfSecretStore        *self);
gboolean       pf_secret_store_get_loaded        (PfSecretStore        *self);
GStrv          pf_secret_store_dup_names         (PfSecretStore        *self);
void           pf_secret_store_load_async        (PfSecretStore        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       pf_secret_store_load_finish       (PfSecretStore        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void           pf_secret_store_save_async        (PfSecretStore        *self,
                                                  const char           *name,
                                                  const char           *value,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       pf_secret_store_save_finish       (PfSecretStore        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void           pf_secret_store_remove_async      (PfSecretStore        *self,
                                                  const char           *name,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       pf_secret_store_remove_finish     (PfSecretStore        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void           pf_secret_store_remove_all_async  (PfSecretStore        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       pf_secret_store_remove_all_finish (PfSecretStore        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
