/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PF_POSTMAN_ERROR (pf_postman_error_quark ())

typedef enum
{
  PF_POSTMAN_ERROR_SYNTAX, /* not JSON: the message has the line and column */
  PF_POSTMAN_ERROR_FORMAT, /* JSON, but not a collection where the message's JSON path says */
} PfPostmanError;

/* The environment of http-client.env.json that holds the collection's variables. */
#define PF_POSTMAN_ENVIRONMENT "postman"

#define PF_TYPE_POSTMAN_IMPORT (pf_postman_import_get_type ())

G_DECLARE_FINAL_TYPE (PfPostmanImport, pf_postman_import, PF, POSTMAN_IMPORT, GObject)

GQuark              pf_postman_error_quark              (void);
PfPostmanImport    *pf_postman_import_new               (GBytes          *json,
                                                         GFile           *folder,
                                                         GError         **error);
GFile              *pf_postman_import_get_folder        (PfPostmanImport *self);
guint               pf_postman_import_get_n_files       (PfPostmanImport *self);
const char         *pf_postman_import_get_file_path     (PfPostmanImport *self,
                                                         guint            index);
GBytes             *pf_postman_import_get_file_contents (PfPostmanImport *self,
                                                         guint            index);
const char *const  *pf_postman_import_get_report        (PfPostmanImport *self);
gboolean            pf_postman_import_write             (PfPostmanImport *self,
                                                         GCancellable    *cancellable,
                                                         GError         **error);

G_END_DECLS
