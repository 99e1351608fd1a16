/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *pf_mime_essence       (const char *mime_type);
gboolean  pf_mime_is_xml        (const char *essence);
gboolean  pf_mime_is_html       (const char *essence);
gboolean  pf_mime_is_json       (const char *essence);
gboolean  pf_mime_is_javascript (const char *essence);

G_END_DECLS
