/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-preflight-cache"

#include "config.h"

#include "pf-preflight-cache.h"

/* Fetch's CORS-preflight cache: entries keyed by (origin, URL, credentials) for one method
 * or one header name, each living max-age seconds. Inspectable as a list model; expired
 * entries are dropped whenever the cache is consulted. */

struct _PfPreflightCacheEntry
{
  GObject parent_instance;

  char *origin;
  char *url;
  gboolean credentials;
  char *method;
  char *header_name;
  guint max_age;
  gint64 expires_us;
};

G_DEFINE_FINAL_TYPE (PfPreflightCacheEntry, pf_preflight_cache_entry, G_TYPE_OBJECT)

static void
pf_preflight_cache_entry_finalize (GObject *object)
{
  PfPreflightCacheEntry *self = PF_PREFLIGHT_CACHE_ENTRY (object);

  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->header_name, g_free);
  G_OBJECT_CLASS (pf_preflight_cache_entry_parent_class)->finalize (object);
}

static void
pf_preflight_cache_entry_class_init (PfPreflightCacheEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_preflight_cache_entry_finalize;
}

static void
pf_preflight_cache_entry_init (PfPreflightCacheEntry *self)
{
}

const char *
pf_preflight_cache_entry_get_origin (PfPreflightCacheEntry *self)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE_ENTRY (self), NULL);
  return self->origin;
}

const char *
pf_preflight_cache_entry_get_url (PfPreflightCacheEntry *self)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE_ENTRY (self), NULL);
  return self->url;
}

gboolean
pf_preflight_cache_entry_get_credentials (PfPreflightCacheEntry *self)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE_ENTRY (self), FALSE);
  return self->credentials;
}

/* The method this entry allows, or NULL for a header-name entry. */
const char *
pf_preflight_cache_entry_get_method (PfPreflightCacheEntry *self)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE_ENTRY (self), NULL);
  return self->method;
}

/* The header name this entry allows, or NULL for a method entry. */
const char *
pf_preflight_cache_entry_get_header_name (PfPreflightCacheEntry *self)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE_ENTRY (self), NULL);
  return self->header_name;
}

guint
pf_preflight_cache_entry_get_max_age (PfPreflightCacheEntry *self)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE_ENTRY (self), 0);
  return self->max_age;
}

/* When the entry expires, on its cache's clock (see pf_preflight_cache_get_remaining_us ()). */
gint64
pf_preflight_cache_entry_get_expires_us (PfPreflightCacheEntry *self)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE_ENTRY (self), 0);
  return self->expires_us;
}

struct _PfPreflightCache
{
  GObject parent_instance;

  GListStore *entries;
  PfClockFunc now_us;
  gpointer clock_data;
};

G_DEFINE_FINAL_TYPE (PfPreflightCache, pf_preflight_cache, G_TYPE_OBJECT)

static void
pf_preflight_cache_finalize (GObject *object)
{
  PfPreflightCache *self = PF_PREFLIGHT_CACHE (object);

  g_clear_object (&self->entries);
  G_OBJECT_CLASS (pf_preflight_cache_parent_class)->finalize (object);
}

static void
pf_preflight_cache_class_init (PfPreflightCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_preflight_cache_finalize;
}

static gint64
monotonic_now_us (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
pf_preflight_cache_init (PfPreflightCache *self)
{
  self->entries = g_list_store_new (PF_TYPE_PREFLIGHT_CACHE_ENTRY);
  self->now_us = monotonic_now_us;
}

PfPreflightCache *
pf_preflight_cache_new (void)
{
  return g_object_new (PF_TYPE_PREFLIGHT_CACHE, NULL);
}

/* Every lifetime is measured on @now_us (NULL: the monotonic clock again), so a test can move
 * time instead of waiting for it. @user_data must outlive the cache or the next call. */
void
pf_preflight_cache_set_clock (PfPreflightCache *self,
                              PfClockFunc       now_us,
                              gpointer          user_data)
{
  g_return_if_fail (PF_IS_PREFLIGHT_CACHE (self));

  self->now_us = now_us != NULL ? now_us : monotonic_now_us;
  self->clock_data = now_us != NULL ? user_data : NULL;
}

/* How long @entry has left, on the cache's clock: what a view or the CLI shows, with no
 * clock of its own. 0 once it has expired, even before expire () drops it. */
gint64
pf_preflight_cache_get_remaining_us (PfPreflightCache      *self,
                                     PfPreflightCacheEntry *entry)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE (self), 0);
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE_ENTRY (entry), 0);

  return MAX (entry->expires_us - self->now_us (self->clock_data), 0);
}

/* Drops the entries whose max-age has passed. */
void
pf_preflight_cache_expire (PfPreflightCache *self)
{
  gint64 now;
  guint n;

  g_return_if_fail (PF_IS_PREFLIGHT_CACHE (self));

  now = self->now_us (self->clock_data);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr (PfPreflightCacheEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries),
                                                                       i - 1);
      if (entry->expires_us <= now)
        g_list_store_remove (self->entries, i - 1);
    }
}

static gboolean
key_matches (PfPreflightCacheEntry *entry,
             const char            *origin,
             const char            *url,
             gboolean               include)
{
  return g_str_equal (entry->origin, origin) && g_str_equal (entry->url, url) &&
         entry->credentials == include;
}

/* Fetch "method cache entry match": the method itself, or "*" without credentials. */
static PfPreflightCacheEntry *
find_method (PfPreflightCache *self,
             const char       *origin,
             const char       *url,
             gboolean          include,
             const char       *method)
{
  GListModel *entries = G_LIST_MODEL (self->entries);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (PfPreflightCacheEntry) entry = g_list_model_get_item (entries, i);

      if (entry->method == NULL || !key_matches (entry, origin, url, include))
        continue;
      if (g_str_equal (entry->method, method) || (g_str_equal (entry->method, "*") && !include))
        return entry;
    }
  return NULL;
}

/* Fetch "header-name cache entry match": the name (any case), or "*" without credentials
 * for any name but Authorization. */
static PfPreflightCacheEntry *
find_header (PfPreflightCache *self,
             const char       *origin,
             const char       *url,
             gboolean          include,
             const char       *name)
{
  GListModel *entries = G_LIST_MODEL (self->entries);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (PfPreflightCacheEntry) entry = g_list_model_get_item (entries, i);

      if (entry->header_name == NULL || !key_matches (entry, origin, url, include))
        continue;
      if (g_ascii_strcasecmp (entry->header_name, name) == 0 ||
          (g_str_equal (entry->header_name, "*") && !include &&
           g_ascii_strcasecmp (name, "Authorization") != 0))
        return entry;
    }
  return NULL;
}

gboolean
pf_preflight_cache_match_method (PfPreflightCache *self,
                                 const char       *origin,
                                 const char       *url,
                                 gboolean          include,
                                 const char       *method)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE (self), FALSE);
  pf_preflight_cache_expire (self);
  return find_method (self, origin, url, include, method) != NULL;
}

gboolean
pf_preflight_cache_match_header (PfPreflightCache *self,
                                 const char       *origin,
                                 const char       *url,
                                 gboolean          include,
                                 const char       *name)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE (self), FALSE);
  pf_preflight_cache_expire (self);
  return find_header (self, origin, url, include, name) != NULL;
}

static void
store_one (PfPreflightCache      *self,
           PfPreflightCacheEntry *match,
           const char            *origin,
           const char            *url,
           gboolean               include,
           const char            *method,
           const char            *header_name,
           guint                  max_age)
{
  gint64 expires_us = self->now_us (self->clock_data) + (gint64) max_age * G_USEC_PER_SEC;
  PfPreflightCacheEntry *entry;

  if (match != NULL)
    {
      match->max_age = max_age;
      match->expires_us = expires_us;
      return;
    }
  entry = g_object_new (PF_TYPE_PREFLIGHT_CACHE_ENTRY, NULL);
  entry->origin = g_strdup (origin);
  entry->url = g_strdup (url);
  entry->credentials = include;
  entry->method = g_strdup (method);
  entry->header_name = g_strdup (header_name);
  entry->max_age = max_age;
  entry->expires_us = expires_us;
  g_list_store_append (self->entries, entry);
  g_object_unref (entry);
}

/* Fetch "CORS-preflight fetch", its caching steps: each allowed method and header name gets
 * an entry living @max_age seconds, or refreshes the entry that already matches it. A
 * max-age of 0 caches nothing. */
void
pf_preflight_cache_store (PfPreflightCache  *self,
                          const char        *origin,
                          const char        *url,
                          gboolean           include,
                          const char *const *methods,
                          const char *const *header_names,
                          guint              max_age)
{
  g_return_if_fail (PF_IS_PREFLIGHT_CACHE (self));

  pf_preflight_cache_expire (self);
  if (max_age == 0)
    return;
  for (guint i = 0; methods != NULL && methods[i] != NULL; i++)
    store_one (self, find_method (self, origin, url, include, methods[i]), origin, url, include,
               methods[i], NULL, max_age);
  for (guint i = 0; header_names != NULL && header_names[i] != NULL; i++)
    store_one (self, find_header (self, origin, url, include, header_names[i]), origin, url,
               include, NULL, header_names[i], max_age);
}

/* The entries, as PfPreflightCacheEntry items (call expire () first for a fresh view). */
GListModel *
pf_preflight_cache_get_entries (PfPreflightCache *self)
{
  g_return_val_if_fail (PF_IS_PREFLIGHT_CACHE (self), NULL);
  return G_LIST_MODEL (self->entries);
}

void
pf_preflight_cache_clear (PfPreflightCache *self)
{
  g_return_if_fail (PF_IS_PREFLIGHT_CACHE (self));
  g_list_store_remove_all (self->entries);
}
