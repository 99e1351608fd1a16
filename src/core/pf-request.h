/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-key-value.h"
#include "pf-request-error.h"

G_BEGIN_DECLS

typedef enum
{
  PF_BODY_NONE,
  PF_BODY_RAW,
  PF_BODY_URLENCODED,
  PF_BODY_MULTIPART,
  PF_BODY_FILE,
} PfBodyKind;

typedef enum
{
  PF_CREDENTIALS_OMIT,
  PF_CREDENTIALS_SAME_ORIGIN,
  PF_CREDENTIALS_INCLUDE,
} PfCredentialsMode;

/* What sends the request, as a page would: an XMLHttpRequest (its readyState, progress
 * events and response for the script), or an image, new Image ().src = URL (a no-cors GET
 * whose page learns only load or error). */
typedef enum
{
  PF_INITIATOR_XHR,
  PF_INITIATOR_IMAGE,
} PfInitiator;

/* XHR's responseType: what xhr.response holds. */
typedef enum
{
  PF_RESPONSE_TYPE_DEFAULT, /* "" */
  PF_RESPONSE_TYPE_TEXT,
  PF_RESPONSE_TYPE_JSON,
  PF_RESPONSE_TYPE_DOCUMENT,
  PF_RESPONSE_TYPE_ARRAYBUFFER,
  PF_RESPONSE_TYPE_BLOB,
} PfResponseType;

/* Whether the request goes with the headers Chromium adds by itself (Accept, Accept-Language,
 * User-Agent, Referer, Sec-Fetch-*, …): AUTO sends them when a page origin is set. */
typedef enum
{
  PF_BROWSER_HEADERS_AUTO,
  PF_BROWSER_HEADERS_ON,
  PF_BROWSER_HEADERS_OFF,
} PfBrowserHeaders;

/* Authorization set by a helper on what is sent, as a script's setRequestHeader () would. */
typedef enum
{
  PF_AUTH_NONE,
  PF_AUTH_BASIC,
  PF_AUTH_BEARER,
} PfAuthKind;

/* Fetch's redirect limit: past 20 redirects, fetch returns a network error. */
#define PF_REQUEST_DEFAULT_MAX_REDIRECTS 20

#define PF_TYPE_AUTH_KIND (pf_auth_kind_get_type ())
#define PF_TYPE_BODY_KIND (pf_body_kind_get_type ())
#define PF_TYPE_BROWSER_HEADERS (pf_browser_headers_get_type ())
#define PF_TYPE_CREDENTIALS_MODE (pf_credentials_mode_get_type ())
#define PF_TYPE_INITIATOR (pf_initiator_get_type ())
#define PF_TYPE_REQUEST (pf_request_get_type ())
#define PF_TYPE_RESPONSE_TYPE (pf_response_type_get_type ())

GType pf_auth_kind_get_type (void);
GType pf_body_kind_get_type (void);
GType pf_browser_headers_get_type (void);
GType pf_credentials_mode_get_type (void);
GType pf_initiator_get_type (void);
GType pf_response_type_get_type (void);

const char *pf_response_type_to_string (PfResponseType type);
gboolean pf_response_type_from_string (const char *text,
                                       PfResponseType *type,
                                       GError **error);

G_DECLARE_FINAL_TYPE (PfRequest, pf_request, PF, REQUEST, GObject)

PfRequest *pf_request_new (void);
PfRequest *pf_request_copy (PfRequest *self);
const char *pf_request_get_method (PfRequest *self);
void pf_request_set_method (PfRequest *self,
                            const char *method);
char *pf_request_dup_effective_method (PfRequest *self);
const char *pf_request_get_url (PfRequest *self);
void pf_request_set_url (PfRequest *self,
                         const char *url);
GListModel *pf_request_get_params (PfRequest *self);
GListModel *pf_request_get_headers (PfRequest *self);
guint pf_request_get_n_headers (PfRequest *self);
GListModel *pf_request_get_fields (PfRequest *self);
PfKeyValue *pf_request_add_param (PfRequest *self,
                                  const char *name,
                                  const char *value);
PfKeyValue *pf_request_add_header (PfRequest *self,
                                   const char *name,
                                   const char *value);
PfKeyValue *pf_request_add_field (PfRequest *self,
                                  const char *name,
                                  const char *value);
PfKeyValue *pf_request_add_file_field (PfRequest *self,
                                       const char *name,
                                       const char *path);
PfBodyKind pf_request_get_body_kind (PfRequest *self);
void pf_request_set_body_kind (PfRequest *self,
                               PfBodyKind kind);
const char *pf_request_get_body_text (PfRequest *self);
void pf_request_set_body_text (PfRequest *self,
                               const char *text);
const char *pf_request_get_body_content_type (PfRequest *self);
void pf_request_set_body_content_type (PfRequest *self,
                                       const char *content_type);
const char *pf_request_get_body_file (PfRequest *self);
void pf_request_set_body_file (PfRequest *self,
                               const char *path);
guint pf_request_get_timeout_ms (PfRequest *self);
void pf_request_set_timeout_ms (PfRequest *self,
                                guint timeout_ms);
const char *pf_request_get_override_mime_type (PfRequest *self);
void pf_request_set_override_mime_type (PfRequest *self,
                                        const char *mime_type);
guint pf_request_get_max_redirects (PfRequest *self);
void pf_request_set_max_redirects (PfRequest *self,
                                   guint max_redirects);
const char *pf_request_get_origin (PfRequest *self);
void pf_request_set_origin (PfRequest *self,
                            const char *origin);
PfCredentialsMode pf_request_get_credentials (PfRequest *self);
void pf_request_set_credentials (PfRequest *self,
                                 PfCredentialsMode mode);
PfInitiator pf_request_get_initiator (PfRequest *self);
void pf_request_set_initiator (PfRequest *self,
                               PfInitiator initiator);
gboolean pf_request_get_sync (PfRequest *self);
void pf_request_set_sync (PfRequest *self,
                          gboolean sync);
gboolean pf_request_get_xdr (PfRequest *self);
void pf_request_set_xdr (PfRequest *self,
                         gboolean xdr);
PfResponseType pf_request_get_response_type (PfRequest *self);
void pf_request_set_response_type (PfRequest *self,
                                   PfResponseType type);
PfBrowserHeaders pf_request_get_browser_headers (PfRequest *self);
void pf_request_set_browser_headers (PfRequest *self,
                                     PfBrowserHeaders mode);
gboolean pf_request_sends_browser_headers (PfRequest *self);
PfAuthKind pf_request_get_auth_kind (PfRequest *self);
void pf_request_set_auth_kind (PfRequest *self,
                               PfAuthKind kind);
const char *pf_request_get_auth_username (PfRequest *self);
const char *pf_request_get_auth_password (PfRequest *self);
void pf_request_set_basic_auth (PfRequest *self,
                                const char *username,
                                const char *password);
const char *pf_request_get_auth_token (PfRequest *self);
void pf_request_set_bearer_auth (PfRequest *self,
                                 const char *token);
char *pf_request_dup_authorization (PfRequest *self);
const char *pf_request_get_open_username (PfRequest *self);
const char *pf_request_get_open_password (PfRequest *self);
void pf_request_set_open_credentials (PfRequest *self,
                                      const char *username,
                                      const char *password);
const char *pf_request_get_trusted_certificate (PfRequest *self);
void pf_request_set_trusted_certificate (PfRequest *self,
                                         const char *fingerprint);
gboolean pf_request_get_insecure (PfRequest *self);
void pf_request_set_insecure (PfRequest *self,
                              gboolean insecure);
gboolean pf_request_validate (PfRequest *self,
                              GError **error);
char *pf_request_build_url (PfRequest *self,
                            GError **error);
char *pf_request_encode_fields (PfRequest *self);
gboolean pf_request_mentions (PfRequest *self,
                              const char *text);

G_END_DECLS
