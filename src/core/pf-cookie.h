/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A cookie's SameSite attribute as the jar keeps it. libsoup keeps a cookie set without one
 * as None, where browsers now take Lax (RFC 6265bis): the list says what this jar does. */
typedef enum
{
  PF_COOKIE_SAME_SITE_NONE,
  PF_COOKIE_SAME_SITE_LAX,
  PF_COOKIE_SAME_SITE_STRICT,
} PfCookieSameSite;

#define PF_TYPE_COOKIE_SAME_SITE (pf_cookie_same_site_get_type ())
#define PF_TYPE_COOKIE           (pf_cookie_get_type ())

GType pf_cookie_same_site_get_type (void);

G_DECLARE_FINAL_TYPE (PfCookie, pf_cookie, PF, COOKIE, GObject)

const char       *pf_cookie_get_domain         (PfCookie *self);
const char       *pf_cookie_get_path           (PfCookie *self);
const char       *pf_cookie_get_name           (PfCookie *self);
const char       *pf_cookie_get_value          (PfCookie *self);
GDateTime        *pf_cookie_get_expires        (PfCookie *self);
gboolean          pf_cookie_get_secure         (PfCookie *self);
gboolean          pf_cookie_get_http_only      (PfCookie *self);
PfCookieSameSite  pf_cookie_get_same_site      (PfCookie *self);
const char       *pf_cookie_get_same_site_name (PfCookie *self);
gboolean          pf_cookie_equal              (PfCookie *self,
                                                PfCookie *other);
int               pf_cookie_compare            (PfCookie *self,
                                                PfCookie *other);

G_END_DECLS
