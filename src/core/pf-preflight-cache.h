/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PF_TYPE_PREFLIGHT_CACHE_ENTRY (pf_preflight_cache_entry_get_type ())
#define PF_TYPE_PREFLIGHT_CACHE       (pf_preflight_cache_get_type ())

G_DECLARE_FINAL_TYPE (PfPreflightCacheEntry, pf_preflight_cache_entry, PF, PREFLIGHT_CACHE_ENTRY,
                      GObject)
G_DECLARE_FINAL_TYPE (PfPreflightCache, pf_preflight_cache, PF, PREFLIGHT_CACHE, GObject)

/* A monotonic clock in microseconds, as g_get_monotonic_time () is one. */
typedef gint64 (*PfClockFunc) (gpointer user_data);

const char       *pf_preflight_cache_entry_get_origin      (PfPreflightCacheEntry *self);
const char       *pf_preflight_cache_entry_get_url         (PfPreflightCacheEntry *self);
gboolean          pf_preflight_cache_entry_get_credentials (PfPreflightCacheEntry *self);
const char       *pf_preflight_cache_entry_get_method      (PfPreflightCacheEntry *self);
const char       *pf_preflight_cache_entry_get_header_name (PfPreflightCacheEntry *self);
guint             pf_preflight_cache_entry_get_max_age     (PfPreflightCacheEntry *self);
gint64            pf_preflight_cache_entry_get_expires_us  (PfPreflightCacheEntry *self);

PfPreflightCache *pf_preflight_cache_new                   (void);
void              pf_preflight_cache_set_clock             (PfPreflightCache      *self,
                                                            PfClockFunc            now_us,
                                                            gpointer               user_data);
gint64            pf_preflight_cache_get_remaining_us      (PfPreflightCache      *self,
                                                            PfPreflightCacheEntry *entry);
gboolean          pf_preflight_cache_match_method          (PfPreflightCache      *self,
                                                            const char            *origin,
                                                            const char            *url,
                                                            gboolean               include,
                                                            const char            *method);
gboolean          pf_preflight_cache_match_header          (PfPreflightCache      *self,
                                                            const char            *origin,
                                                            const char            *url,
                                                            gboolean               include,
                                                            const char            *name);
void              pf_preflight_cache_store                 (PfPreflightCache      *self,
                                                            const char            *origin,
                                                            const char            *url,
                                                            gboolean               include,
                                                            const char *const     *methods,
                                                            const char *const     *header_names,
                                                            guint                  max_age);
GListModel       *pf_preflight_cache_get_entries           (PfPreflightCache      *self);
void              pf_preflight_cache_expire                (PfPreflightCache      *self);
void              pf_preflight_cache_clear                 (PfPreflightCache      *self);

G_END_DECLS
