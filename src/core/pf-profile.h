/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pf-cookie.h"
#include "pf-preflight-cache.h"

G_BEGIN_DECLS

#define PF_TYPE_PROFILE (pf_profile_get_type ())

G_DECLARE_FINAL_TYPE (PfProfile, pf_profile, PF, PROFILE, GObject)

PfProfile        *pf_profile_new                 (void);
PfProfile        *pf_profile_new_with_network_thread (void);
GMainContext     *pf_profile_get_network_context (PfProfile *self);
SoupSession      *pf_profile_get_session         (PfProfile *self);
SoupCookieJar    *pf_profile_get_cookie_jar      (PfProfile *self);
PfPreflightCache *pf_profile_get_preflight_cache (PfProfile *self);
GListModel       *pf_profile_get_cookies         (PfProfile *self);
void              pf_profile_delete_cookie       (PfProfile *self,
                                                  PfCookie  *cookie);
void              pf_profile_delete_all_cookies  (PfProfile *self);
SoupSession      *pf_profile_get_trusting_session (PfProfile *self);
void              pf_profile_trust_certificate   (PfProfile  *self,
                                                  const char *host,
                                                  const char *fingerprint);
GStrv             pf_profile_dup_trusted_certificates (PfProfile  *self,
                                                       const char *host);

G_END_DECLS
