/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pf-request.h"

G_BEGIN_DECLS

/* The Chromium these headers are Chromium's of: its major version, as its User-Agent and
 * sec-ch-ua say it (Debian 12's Chromium when this was compared, tests/browser/). */
#define PF_CHROMIUM_MAJOR "156"

GPtrArray *pf_browser_headers_for             (const char  *page,
                                               const char  *url,
                                               const char  *method,
                                               PfInitiator  initiator,
                                               gboolean     credentials);
gboolean   pf_browser_headers_url_trustworthy (const char  *url);
char      *pf_browser_headers_referrer        (const char  *page,
                                               const char  *url);
const char *pf_browser_headers_site           (const char  *page,
                                               const char  *url);

G_END_DECLS
