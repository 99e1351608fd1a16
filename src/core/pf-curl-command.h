/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-request.h"

G_BEGIN_DECLS

#define PF_CURL_COMMAND_ERROR (pf_curl_command_error_quark ())

/* A curl command that cannot become a request; the message says where and what was
 * expected. Shell syntax errors come in the PF_SHELL_ERROR domain. */
typedef enum
{
  PF_CURL_COMMAND_ERROR_NOT_CURL,
  PF_CURL_COMMAND_ERROR_MISSING_VALUE,
  PF_CURL_COMMAND_ERROR_INVALID_VALUE,
  PF_CURL_COMMAND_ERROR_NO_URL,
  PF_CURL_COMMAND_ERROR_CONFLICT,
  PF_CURL_COMMAND_ERROR_FILE,
} PfCurlCommandError;

#define PF_TYPE_CURL_COMMAND (pf_curl_command_get_type ())

G_DECLARE_FINAL_TYPE (PfCurlCommand, pf_curl_command, PF, CURL_COMMAND, GObject)

GQuark              pf_curl_command_error_quark  (void);
PfCurlCommand      *pf_curl_command_parse        (const char           *command,
                                                  GError              **error);
void                pf_curl_command_parse_async  (const char           *command,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
PfCurlCommand      *pf_curl_command_parse_finish (GAsyncResult         *result,
                                                  GError              **error);
PfRequest          *pf_curl_command_get_request  (PfCurlCommand        *self);
const char *const  *pf_curl_command_get_notes    (PfCurlCommand        *self);
char               *pf_curl_command_from_request (PfRequest            *request,
                                                  gboolean              multiline);

G_END_DECLS
