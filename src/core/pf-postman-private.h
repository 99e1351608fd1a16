/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-postman-import.h"
#include "pf-request.h"

G_BEGIN_DECLS

/* Where an item is read: its place in the collection for the report (“Users / Get user”), the
 * folder its .http file goes to (relative file paths resolve there), and the report. */
typedef struct
{
  const char *where;
  GFile *folder;
  GPtrArray *report;
} PfPostmanPlace;

/* An auth block of the collection, a folder or a request: its type, the Authorization value
 * it makes (NULL for “noauth” and for the types Preflight cannot write) and what the report
 * says for each request it applies to (NULL: nothing). */
typedef struct
{
  char *type;
  char *header;
  char *note;
} PfPostmanAuth;

gboolean       _pf_postman_fail          (GError         **error,
                                          const char      *path,
                                          const char      *what);
gboolean       _pf_postman_object        (JsonObject      *parent,
                                          const char      *path,
                                          const char      *name,
                                          JsonObject     **out,
                                          GError         **error);
gboolean       _pf_postman_array         (JsonObject      *parent,
                                          const char      *path,
                                          const char      *name,
                                          JsonArray      **out,
                                          GError         **error);
gboolean       _pf_postman_string        (JsonObject      *parent,
                                          const char      *path,
                                          const char      *name,
                                          const char     **out,
                                          GError         **error);
gboolean       _pf_postman_value         (JsonObject      *parent,
                                          const char      *path,
                                          const char      *name,
                                          char           **out,
                                          GError         **error);
gboolean       _pf_postman_element       (JsonArray       *array,
                                          guint            index,
                                          const char      *path,
                                          JsonObject     **out,
                                          char           **element_path,
                                          GError         **error);
gboolean       _pf_postman_is_disabled   (JsonObject      *object);
void           _pf_postman_note          (PfPostmanPlace  *place,
                                          const char      *format,
                                          ...) G_GNUC_PRINTF (2, 3);
gboolean       _pf_postman_note_extras   (PfPostmanPlace  *place,
                                          JsonObject      *object,
                                          const char      *path,
                                          GError         **error);

gboolean       _pf_postman_auth_read     (JsonObject      *owner,
                                          const char      *path,
                                          PfPostmanAuth  **out,
                                          GError         **error);
void           _pf_postman_auth_free     (PfPostmanAuth   *auth);

PfRequest     *_pf_postman_request_read  (JsonNode        *node,
                                          const char      *path,
                                          PfPostmanPlace  *place,
                                          const PfPostmanAuth *inherited,
                                          GError         **error);
gboolean       _pf_postman_body_read     (PfRequest       *request,
                                          JsonObject      *body,
                                          const char      *path,
                                          PfPostmanPlace  *place,
                                          GError         **error);
char          *_pf_postman_url_read      (JsonNode        *node,
                                          const char      *path,
                                          PfPostmanPlace  *place,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfPostmanAuth, _pf_postman_auth_free)

G_END_DECLS
