/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cookie"

#include "config.h"

#include "pf-cookie-private.h"

/* One cookie of a profile's jar, as a list shows it: read-only, a copy of the jar's at the
 * time the list was read (the jar changes it by replacing it, and the list then replaces the
 * item). */
struct _PfCookie
{
  GObject parent_instance;

  SoupCookie *cookie;
};

G_DEFINE_FINAL_TYPE (PfCookie, pf_cookie, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfCookieSameSite, pf_cookie_same_site,
  G_DEFINE_ENUM_VALUE (PF_COOKIE_SAME_SITE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PF_COOKIE_SAME_SITE_LAX, "lax"),
  G_DEFINE_ENUM_VALUE (PF_COOKIE_SAME_SITE_STRICT, "strict"))

enum
{
  PROP_0,
  PROP_DOMAIN,
  PROP_PATH,
  PROP_NAME,
  PROP_VALUE,
  PROP_EXPIRES,
  PROP_SECURE,
  PROP_HTTP_ONLY,
  PROP_SAME_SITE,
  PROP_SAME_SITE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_cookie_finalize (GObject *object)
{
  g_clear_pointer (&PF_COOKIE (object)->cookie, soup_cookie_free);
  G_OBJECT_CLASS (pf_cookie_parent_class)->finalize (object);
}

static void
pf_cookie_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PfCookie *self = PF_COOKIE (object);

  switch (prop_id)
    {
    case PROP_DOMAIN: g_value_set_string (value, pf_cookie_get_domain (self)); break;
    case PROP_PATH: g_value_set_string (value, pf_cookie_get_path (self)); break;
    case PROP_NAME: g_value_set_string (value, pf_cookie_get_name (self)); break;
    case PROP_VALUE: g_value_set_string (value, pf_cookie_get_value (self)); break;
    case PROP_EXPIRES: g_value_set_boxed (value, pf_cookie_get_expires (self)); break;
    case PROP_SECURE: g_value_set_boolean (value, pf_cookie_get_secure (self)); break;
    case PROP_HTTP_ONLY: g_value_set_boolean (value, pf_cookie_get_http_only (self)); break;
    case PROP_SAME_SITE: g_value_set_enum (value, pf_cookie_get_same_site (self)); break;
    case PROP_SAME_SITE_NAME:
      g_value_set_string (value, pf_cookie_get_same_site_name (self));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_cookie_class_init (PfCookieClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pf_cookie_finalize;
  object_class->get_property = pf_cookie_get_property;
  properties[PROP_DOMAIN] = g_param_spec_string ("domain", NULL, NULL, NULL, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, flags);
  /* NULL for a session cookie, which goes when the profile does. */
  properties[PROP_EXPIRES] = g_param_spec_boxed ("expires", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SECURE] = g_param_spec_boolean ("secure", NULL, NULL, FALSE, flags);
  properties[PROP_HTTP_ONLY] = g_param_spec_boolean ("http-only", NULL, NULL, FALSE, flags);
  properties[PROP_SAME_SITE] = g_param_spec_enum ("same-site", NULL, NULL,
                                                  PF_TYPE_COOKIE_SAME_SITE,
                                                  PF_COOKIE_SAME_SITE_NONE, flags);
  properties[PROP_SAME_SITE_NAME] = g_param_spec_string ("same-site-name", NULL, NULL, NULL,
                                                         flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_cookie_init (PfCookie *self)
{
}

/* A copy of @cookie. */
PfCookie *
pf_cookie_new_from_soup (SoupCookie *cookie)
{
  PfCookie *self;

  g_return_val_if_fail (cookie != NULL, NULL);
  self = g_object_new (PF_TYPE_COOKIE, NULL);
  self->cookie = soup_cookie_copy (cookie);
  return self;
}

SoupCookie *
pf_cookie_get_soup (PfCookie *self)
{
  g_return_val_if_fail (PF_IS_COOKIE (self), NULL);
  return self->cookie;
}

const char *
pf_cookie_get_domain (PfCookie *self)
{
  g_return_val_if_fail (PF_IS_COOKIE (self), NULL);
  return soup_cookie_get_domain (self->cookie);
}

const char *
pf_cookie_get_path (PfCookie *self)
{
  g_return_val_if_fail (PF_IS_COOKIE (self), NULL);
  return soup_cookie_get_path (self->cookie);
}

const char *
pf_cookie_get_name (PfCookie *self)
{
  g_return_val_if_fail (PF_IS_COOKIE (self), NULL);
  return soup_cookie_get_name (self->cookie);
}

const char *
pf_cookie_get_value (PfCookie *self)
{
  g_return_val_if_fail (PF_IS_COOKIE (self), NULL);
  return soup_cookie_get_value (self->cookie);
}

/* When the cookie expires, or NULL for a session cookie. */
GDateTime *
pf_cookie_get_expires (PfCookie *self)
{
  g_return_val_if_fail (PF_IS_COOKIE (self), NULL);
  return soup_cookie_get_expires (self->cookie);
}

gboolean
pf_cookie_get_secure (PfCookie *self)
{
  g_return_val_if_fail (PF_IS_COOKIE (self), FALSE);
  return soup_cookie_get_secure (self->cookie);
}

gboolean
pf_cookie_get_http_only (PfCookie *self)
{
  g_return_val_if_fail (PF_IS_COOKIE (self), FALSE);
  return soup_cookie_get_http_only (self->cookie);
}

PfCookieSameSite
pf_cookie_get_same_site (PfCookie *self)
{
  g_return_val_if_fail (PF_IS_COOKIE (self), PF_COOKIE_SAME_SITE_NONE);
  switch (soup_cookie_get_same_site_policy (self->cookie))
    {
    case SOUP_SAME_SITE_POLICY_LAX: return PF_COOKIE_SAME_SITE_LAX;
    case SOUP_SAME_SITE_POLICY_STRICT: return PF_COOKIE_SAME_SITE_STRICT;
    case SOUP_SAME_SITE_POLICY_NONE:
    default: return PF_COOKIE_SAME_SITE_NONE;
    }
}

/* The attribute's value as a Set-Cookie header spells it: "None", "Lax" or "Strict". */
const char *
pf_cookie_get_same_site_name (PfCookie *self)
{
  static const char *const names[] = { "None", "Lax", "Strict" };

  g_return_val_if_fail (PF_IS_COOKIE (self), NULL);
  return names[pf_cookie_get_same_site (self)];
}

/* Whether both say the same: the jar's key (domain, path, name) and every attribute. */
gboolean
pf_cookie_equal (PfCookie *self,
                 PfCookie *other)
{
  GDateTime *a, *b;

  g_return_val_if_fail (PF_IS_COOKIE (self) && PF_IS_COOKIE (other), FALSE);
  a = pf_cookie_get_expires (self);
  b = pf_cookie_get_expires (other);
  return soup_cookie_equal (self->cookie, other->cookie) &&
         g_strcmp0 (pf_cookie_get_value (self), pf_cookie_get_value (other)) == 0 &&
         (a == b || (a != NULL && b != NULL && g_date_time_equal (a, b))) &&
         pf_cookie_get_secure (self) == pf_cookie_get_secure (other) &&
         pf_cookie_get_http_only (self) == pf_cookie_get_http_only (other) &&
         pf_cookie_get_same_site (self) == pf_cookie_get_same_site (other);
}

/* The jar's order for a list: by domain, then path, then name. */
int
pf_cookie_compare (PfCookie *self,
                   PfCookie *other)
{
  int order;

  g_return_val_if_fail (PF_IS_COOKIE (self) && PF_IS_COOKIE (other), 0);
  if ((order = g_strcmp0 (pf_cookie_get_domain (self), pf_cookie_get_domain (other))) != 0)
    return order;
  if ((order = g_strcmp0 (pf_cookie_get_path (self), pf_cookie_get_path (other))) != 0)
    return order;
  return g_strcmp0 (pf_cookie_get_name (self), pf_cookie_get_name (other));
}
