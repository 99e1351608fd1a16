/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-profile"

#include "config.h"

#include "pf-profile.h"
#include "pf-cookie-list.h"
#include "pf-net-thread.h"

/* One browser profile: the HTTP session (its connections), the cookie jar and the preflight
 * cache. Every window of the app shares one, as the tabs of a browser window share theirs;
 * preflight-cli makes one per run. The only place a SoupSession is made. */
struct _PfProfile
{
  GObject parent_instance;

  SoupSession *session;
  SoupSession *trusting_session; /* made when first asked for */
  SoupCookieJar *cookie_jar;
  PfPreflightCache *preflight_cache;
  PfCookieList *cookies; /* the jar as a list, made when first asked for */
  PfNetThread *net_thread; /* where exchanges do their I/O, or NULL: the caller's thread */

  /* Certificates the user trusts until the app quits: "host:port" → GPtrArray of SHA-256
   * fingerprints. Read when a hop starts, on the caller's thread. */
  GHashTable *trusted;
  GMutex trusted_lock;
};

G_DEFINE_FINAL_TYPE (PfProfile, pf_profile, G_TYPE_OBJECT)

static void
pf_profile_finalize (GObject *object)
{
  PfProfile *self = PF_PROFILE (object);

  g_clear_object (&self->cookies);
  /* The thread ends first, so nothing of the session runs there while it goes. */
  g_clear_object (&self->net_thread);
  g_clear_object (&self->session);
  g_clear_object (&self->trusting_session);
  g_clear_object (&self->cookie_jar);
  g_clear_pointer (&self->trusted, g_hash_table_unref);
  g_mutex_clear (&self->trusted_lock);
  g_clear_object (&self->preflight_cache);
  G_OBJECT_CLASS (pf_profile_parent_class)->finalize (object);
}

static void
pf_profile_class_init (PfProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_profile_finalize;
}

static void
pf_profile_init (PfProfile *self)
{
  self->session = soup_session_new ();
  /* Cookies are stored and sent as the page's credentials mode allows (PfCorsFlow decides
   * per request); the jar itself accepts what the server sets, as a browser's does. */
  self->cookie_jar = soup_cookie_jar_new ();
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->cookie_jar));
  self->preflight_cache = pf_preflight_cache_new ();
  self->trusted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  g_mutex_init (&self->trusted_lock);
}

PfProfile *
pf_profile_new (void)
{
  return g_object_new (PF_TYPE_PROFILE, NULL);
}

/* A profile whose exchanges do their network I/O on a thread of its own, so their phases are
 * network time even while the caller's main loop is busy (a window drawing a frame). Their
 * events still come on the caller's main context. */
PfProfile *
pf_profile_new_with_network_thread (void)
{
  PfProfile *self = pf_profile_new ();

  self->net_thread = pf_net_thread_new ();
  return self;
}

/* Where exchanges run their I/O: the network thread's main context, or NULL for the
 * caller's own. */
GMainContext *
pf_profile_get_network_context (PfProfile *self)
{
  g_return_val_if_fail (PF_IS_PROFILE (self), NULL);
  return self->net_thread ? pf_net_thread_get_context (self->net_thread) : NULL;
}

SoupSession *
pf_profile_get_session (PfProfile *self)
{
  g_return_val_if_fail (PF_IS_PROFILE (self), NULL);
  return self->session;
}

SoupCookieJar *
pf_profile_get_cookie_jar (PfProfile *self)
{
  g_return_val_if_fail (PF_IS_PROFILE (self), NULL);
  return self->cookie_jar;
}

PfPreflightCache *
pf_profile_get_preflight_cache (PfProfile *self)
{
  g_return_val_if_fail (PF_IS_PROFILE (self), NULL);
  return self->preflight_cache;
}

/* The cookie jar as a list of PfCookie that follows it, on the main context of the thread that
 * first asks for it. */
GListModel *
pf_profile_get_cookies (PfProfile *self)
{
  g_return_val_if_fail (PF_IS_PROFILE (self), NULL);
  if (self->cookies == NULL)
    self->cookies = pf_cookie_list_new (self->cookie_jar);
  return G_LIST_MODEL (self->cookies);
}

void
pf_profile_delete_cookie (PfProfile *self,
                          PfCookie  *cookie)
{
  g_return_if_fail (PF_IS_PROFILE (self));
  pf_cookie_list_delete (PF_COOKIE_LIST (pf_profile_get_cookies (self)), cookie);
}

void
pf_profile_delete_all_cookies (PfProfile *self)
{
  g_return_if_fail (PF_IS_PROFILE (self));
  pf_cookie_list_delete_all (PF_COOKIE_LIST (pf_profile_get_cookies (self)));
}

/* The session of exchanges that may take a certificate with problems (the user trusted it, or
 * asked for no checks): its connections, whose certificates were taken that way, are never
 * reused by an exchange of the other session, which trusts only what the system does. The
 * same cookie jar: one profile. */
SoupSession *
pf_profile_get_trusting_session (PfProfile *self)
{
  g_return_val_if_fail (PF_IS_PROFILE (self), NULL);
  if (self->trusting_session == NULL)
    {
      self->trusting_session = soup_session_new ();
      soup_session_add_feature (self->trusting_session, SOUP_SESSION_FEATURE (self->cookie_jar));
    }
  return self->trusting_session;
}

/* Trusts the certificate of SHA-256 @fingerprint on @host ("host:port") until the profile
 * goes (the app quits): nothing of it is saved. */
void
pf_profile_trust_certificate (PfProfile  *self,
                              const char *host,
                              const char *fingerprint)
{
  GPtrArray *list;

  g_return_if_fail (PF_IS_PROFILE (self));
  g_return_if_fail (host != NULL && fingerprint != NULL);
  g_mutex_lock (&self->trusted_lock);
  list = g_hash_table_lookup (self->trusted, host);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->trusted, g_strdup (host), list);
    }
  if (!g_ptr_array_find_with_equal_func (list, fingerprint, g_str_equal, NULL))
    g_ptr_array_add (list, g_strdup (fingerprint));
  g_mutex_unlock (&self->trusted_lock);
}

/* The fingerprints trusted on @host ("host:port"), or NULL for none. */
GStrv
pf_profile_dup_trusted_certificates (PfProfile  *self,
                                     const char *host)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *list;

  g_return_val_if_fail (PF_IS_PROFILE (self), NULL);
  g_mutex_lock (&self->trusted_lock);
  list = host ? g_hash_table_lookup (self->trusted, host) : NULL;
  for (guint i = 0; list != NULL && i < list->len; i++)
    g_strv_builder_add (builder, list->pdata[i]);
  g_mutex_unlock (&self->trusted_lock);
  return list != NULL ? g_strv_builder_end (builder) : NULL;
}
