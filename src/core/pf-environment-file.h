/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean pf_environment_file_set    (GFile       *folder,
                                     const char  *environment,
                                     const char  *name,
                                     const char  *value,
                                     GError     **error);
gboolean pf_environment_file_add    (GFile       *folder,
                                     const char  *environment,
                                     GError     **error);
gboolean pf_environment_file_remove (GFile       *folder,
                                     const char  *environment,
                                     GError     **error);

G_END_DECLS
