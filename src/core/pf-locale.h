/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *pf_locale_get_dir (void);
void        pf_locale_init    (void);

G_END_DECLS
