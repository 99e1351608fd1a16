/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PF_REQUEST_ERROR (pf_request_error_quark ())

/* What the user composed that cannot be sent: each refused with a message saying what to fix,
 * before anything reaches libsoup. */
typedef enum
{
  PF_REQUEST_ERROR_INVALID_URL,
  PF_REQUEST_ERROR_INVALID_METHOD,
  PF_REQUEST_ERROR_FORBIDDEN_METHOD,
  PF_REQUEST_ERROR_INVALID_HEADER_NAME,
  PF_REQUEST_ERROR_INVALID_HEADER_VALUE,
  PF_REQUEST_ERROR_INVALID_FIELD,
  PF_REQUEST_ERROR_BODY_FILE,
  PF_REQUEST_ERROR_UNKNOWN_VARIABLE,
  PF_REQUEST_ERROR_INVALID_OPTION,
  PF_REQUEST_ERROR_SYNC,
  PF_REQUEST_ERROR_XDR,
} PfRequestError;

GQuark pf_request_error_quark (void);

G_END_DECLS
