/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pf-request.h"

G_BEGIN_DECLS

char *pf_code_export_fetch (PfRequest *request);
char *pf_code_export_xhr (PfRequest *request);
char *pf_code_export_http (PfRequest *request);
char *pf_code_export_js_string (const char *text);

G_END_DECLS
