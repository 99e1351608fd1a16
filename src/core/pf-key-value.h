/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PF_TYPE_KEY_VALUE (pf_key_value_get_type ())

G_DECLARE_FINAL_TYPE (PfKeyValue, pf_key_value, PF, KEY_VALUE, GObject)

PfKeyValue *pf_key_value_new (const char *name,
                              const char *value);
PfKeyValue *pf_key_value_new_file (const char *name,
                                   const char *path);
PfKeyValue *pf_key_value_copy (PfKeyValue *self);
const char *pf_key_value_get_name (PfKeyValue *self);
void pf_key_value_set_name (PfKeyValue *self,
                            const char *name);
const char *pf_key_value_get_value (PfKeyValue *self);
void pf_key_value_set_value (PfKeyValue *self,
                             const char *value);
gboolean pf_key_value_get_enabled (PfKeyValue *self);
void pf_key_value_set_enabled (PfKeyValue *self,
                               gboolean enabled);
gboolean pf_key_value_get_is_file (PfKeyValue *self);
void pf_key_value_set_is_file (PfKeyValue *self,
                               gboolean is_file);
const char *pf_key_value_get_file_name (PfKeyValue *self);
void pf_key_value_set_file_name (PfKeyValue *self,
                                 const char *file_name);
const char *pf_key_value_get_content_type (PfKeyValue *self);
void pf_key_value_set_content_type (PfKeyValue *self,
                                    const char *content_type);

G_END_DECLS
