/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-error"

#include "config.h"

#include "pf-request-error.h"

G_DEFINE_QUARK (pf-request-error-quark, pf_request_error)
