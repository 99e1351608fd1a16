/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean pf_utf8_validate_with_nul    (const char *text,
                                       gsize       len);
gboolean pf_utf8_validate_without_nul (const char *text,
                                       gsize       len);
gssize pf_utf8_find_invalid (const char *text,
                             gsize len);
guint pf_utf8_decode_replacing (GString *out,
                                const char *text,
                                gsize len);

G_END_DECLS
