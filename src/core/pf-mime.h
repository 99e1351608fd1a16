/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Accept header Chromium sends for an image (an <img>, new Image ()). */
#define PF_IMAGE_ACCEPT "image/jxl,image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"

char     *pf_mime_essence       (const char *mime_type);
gboolean  pf_mime_is_xml        (const char *essence);
gboolean  pf_mime_is_html       (const char *essence);
gboolean  pf_mime_is_json       (const char *essence);
gboolean  pf_mime_is_javascript (const char *essence);
gboolean pf_mime_is_utf8_text (const char *mime_type);

const char *pf_mime_sniff_image (const char   *mime_type,
                                 const guint8 *data,
                                 gsize         len);

G_END_DECLS
