/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PF_TYPE_CORS_FINDING (pf_cors_finding_get_type ())

G_DECLARE_FINAL_TYPE (PfCorsFinding, pf_cors_finding, PF, CORS_FINDING, GObject)

PfCorsFinding *pf_cors_finding_new         (const char    *rule,
                                            const char    *header,
                                            const char    *value,
                                            const char    *message);
const char    *pf_cors_finding_get_rule    (PfCorsFinding *self);
const char    *pf_cors_finding_get_header  (PfCorsFinding *self);
const char    *pf_cors_finding_get_value   (PfCorsFinding *self);
const char    *pf_cors_finding_get_message (PfCorsFinding *self);

G_END_DECLS
