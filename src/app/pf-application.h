/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pf-profile.h"

G_BEGIN_DECLS

#define PF_TYPE_APPLICATION (pf_application_get_type ())

G_DECLARE_FINAL_TYPE (PfApplication, pf_application, PF, APPLICATION, AdwApplication)

void           pf_application_setup_environment (void);
PfApplication *pf_application_new          (void);
PfProfile     *pf_application_get_profile  (PfApplication *self);
const char    *pf_application_get_lab_url  (PfApplication *self);

G_END_DECLS
