/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a response body is, for showing it: the highlighting, a picture or a hex dump. */
typedef enum
{
  PF_BODY_FORMAT_TEXT,
  PF_BODY_FORMAT_JSON,
  PF_BODY_FORMAT_XML,
  PF_BODY_FORMAT_HTML,
  PF_BODY_FORMAT_JAVASCRIPT,
  PF_BODY_FORMAT_CSS,
  PF_BODY_FORMAT_IMAGE,
  PF_BODY_FORMAT_BINARY,
} PfBodyFormat;

/* Text is shown up to this many bytes: a longer body need be read only this far. */
#define PF_BODY_FORMAT_TEXT_MAX (1024 * 1024)

#define PF_TYPE_BODY_FORMAT (pf_body_format_get_type ())

GType         pf_body_format_get_type      (void);
PfBodyFormat  pf_body_format_for_mime_type (const char  *mime_type);
PfBodyFormat  pf_body_format_detect        (const char  *mime_type,
                                            const char  *data,
                                            gsize        len,
                                            guint64      size);
char         *pf_body_format_display_text  (const char  *mime_type,
                                            const char  *data,
                                            gsize        len,
                                            guint64      size,
                                            char       **note);
gsize         pf_body_format_live_length   (const char  *text,
                                            gsize        len,
                                            gsize       *shown,
                                            gsize       *line);
const char   *pf_body_format_xml_note      (const char  *mime_type,
                                            gboolean     is_document,
                                            const char  *data,
                                            gsize        len);

G_END_DECLS
