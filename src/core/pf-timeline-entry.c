/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-timeline-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-timeline-entry.h"

/* One line of an exchange's timeline. Immutable once made. Times are microseconds since
 * the exchange was opened (readyState 1), on the monotonic clock. */
struct _PfTimelineEntry
{
  GObject parent_instance;

  PfTimelineKind kind;
  PfTarget target;
  char *name;
  int ready_state;
  guint64 loaded;
  guint64 total;
  gint64 time_us;
  gint64 end_us;
  guint status;
  char *detail;
};

G_DEFINE_FINAL_TYPE (PfTimelineEntry, pf_timeline_entry, G_TYPE_OBJECT)

static void
pf_timeline_entry_finalize (GObject *object)
{
  PfTimelineEntry *self = PF_TIMELINE_ENTRY (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (pf_timeline_entry_parent_class)->finalize (object);
}

static void
pf_timeline_entry_class_init (PfTimelineEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_timeline_entry_finalize;
}

static void
pf_timeline_entry_init (PfTimelineEntry *self)
{
  self->ready_state = -1;
}

PfTimelineEntry *
pf_timeline_entry_new_event (PfTarget    target,
                             const char *type,
                             int         ready_state,
                             guint64     loaded,
                             guint64     total,
                             gint64      time_us)
{
  PfTimelineEntry *self = g_object_new (PF_TYPE_TIMELINE_ENTRY, NULL);

  self->kind = PF_TIMELINE_EVENT;
  self->target = target;
  self->name = g_strdup (type);
  self->ready_state = ready_state;
  self->loaded = loaded;
  self->total = total;
  self->time_us = time_us;
  self->end_us = time_us;
  return self;
}

PfTimelineEntry *
pf_timeline_entry_new_phase (const char *name,
                             gint64      start_us,
                             gint64      end_us)
{
  PfTimelineEntry *self = g_object_new (PF_TYPE_TIMELINE_ENTRY, NULL);

  self->kind = PF_TIMELINE_PHASE;
  self->name = g_strdup (name);
  self->time_us = start_us;
  self->end_us = end_us;
  return self;
}

/* HTTP streaming: @size new body bytes arrived in LOADING; @text is what
 * responseText.substring (received) gives for them (NULL once the exchange stopped keeping
 * chunk text). */
PfTimelineEntry *
pf_timeline_entry_new_chunk (guint64     size,
                             const char *text,
                             gint64      time_us)
{
  PfTimelineEntry *self = g_object_new (PF_TYPE_TIMELINE_ENTRY, NULL);

  self->kind = PF_TIMELINE_CHUNK;
  self->name = g_strdup ("chunk");
  self->loaded = size;
  self->detail = g_strdup (text);
  self->time_us = time_us;
  self->end_us = time_us;
  return self;
}

/* A phase of the CORS preflight that went before the request. */
PfTimelineEntry *
pf_timeline_entry_new_preflight_phase (const char *name,
                                       gint64      start_us,
                                       gint64      end_us)
{
  PfTimelineEntry *self = pf_timeline_entry_new_phase (name, start_us, end_us);

  self->detail = g_strdup ("preflight");
  return self;
}

/* A step of the CORS flow: "preflight" (the OPTIONS request, @detail its URL),
 * "preflight-response" (@status the server's, @detail the verdict), "preflight-cached",
 * "check" (the CORS check of a response, @detail the verdict) or "blocked". */
PfTimelineEntry *
pf_timeline_entry_new_cors (const char *name,
                            guint       status,
                            const char *detail,
                            gint64      time_us)
{
  PfTimelineEntry *self = g_object_new (PF_TYPE_TIMELINE_ENTRY, NULL);

  self->kind = PF_TIMELINE_CORS;
  self->name = g_strdup (name);
  self->status = status;
  self->detail = g_strdup (detail);
  self->time_us = time_us;
  self->end_us = time_us;
  return self;
}

PfTimelineEntry *
pf_timeline_entry_new_redirect (guint       status,
                                const char *location,
                                gint64      time_us)
{
  PfTimelineEntry *self = g_object_new (PF_TYPE_TIMELINE_ENTRY, NULL);

  self->kind = PF_TIMELINE_REDIRECT;
  self->name = g_strdup ("redirect");
  self->status = status;
  self->detail = g_strdup (location);
  self->time_us = time_us;
  self->end_us = time_us;
  return self;
}

PfTimelineKind
pf_timeline_entry_get_kind (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), PF_TIMELINE_EVENT);
  return self->kind;
}

PfTarget
pf_timeline_entry_get_target (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), PF_TARGET_XHR);
  return self->target;
}

/* The event type ("readystatechange", "progress", …), the phase name or "redirect". */
const char *
pf_timeline_entry_get_name (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);
  return self->name;
}

int
pf_timeline_entry_get_ready_state (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), -1);
  return self->ready_state;
}

guint64
pf_timeline_entry_get_loaded (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->loaded;
}

guint64
pf_timeline_entry_get_total (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->total;
}

/* XHR: lengthComputable is true exactly when the length given is not 0. */
gboolean
pf_timeline_entry_get_length_computable (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), FALSE);
  return self->total != 0;
}

gint64
pf_timeline_entry_get_time_us (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->time_us;
}

gint64
pf_timeline_entry_get_end_us (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->end_us;
}

guint
pf_timeline_entry_get_status (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->status;
}

const char *
pf_timeline_entry_get_detail (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);
  return self->detail;
}

/* One readable line, for the CLI's text output and the window's event list. */
static char *
describe_cors (PfTimelineEntry *self)
{
  if (g_str_equal (self->name, "preflight"))
    /* Translators: %s is the request line of the OPTIONS request */
    return g_strdup_printf (_("CORS preflight %s"), self->detail);
  if (g_str_equal (self->name, "preflight-response"))
    /* Translators: %u is an HTTP status, %s the verdict */
    return g_strdup_printf (_("preflight answered %u: %s"), self->status, self->detail);
  if (g_str_equal (self->name, "preflight-cached"))
    return g_strdup_printf (_("no preflight: %s"), self->detail);
  if (g_str_equal (self->name, "check"))
    /* Translators: %u is an HTTP status, %s the verdict */
    return g_strdup_printf (_("CORS check of the %u response: %s"), self->status, self->detail);
  return g_strdup_printf (_("blocked: %s"), self->detail);
}

char *
pf_timeline_entry_describe (PfTimelineEntry *self)
{
  const char *prefix;

  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);
  switch (self->kind)
    {
    case PF_TIMELINE_PHASE:
      if (self->detail != NULL)
        /* Translators: a network phase of the CORS preflight, e.g. "preflight phase dns (2.1 ms)" */
        return g_strdup_printf (_("preflight phase %s (%.1f ms)"), self->name,
                                (self->end_us - self->time_us) / 1000.0);
      /* Translators: a network phase, e.g. "phase dns (2.1 ms)" */
      return g_strdup_printf (_("phase %s (%.1f ms)"), self->name,
                              (self->end_us - self->time_us) / 1000.0);
    case PF_TIMELINE_CORS:
      return describe_cors (self);
    case PF_TIMELINE_REDIRECT:
      return g_strdup_printf (_("redirect %u → %s"), self->status, self->detail);
    case PF_TIMELINE_CHUNK:
      {
        g_autofree char *size = g_format_size (self->loaded);

        /* Translators: %s is a size such as “1.2 kB” */
        return g_strdup_printf (_("chunk of %s"), size);
      }
    case PF_TIMELINE_EVENT:
    default:
      break;
    }
  prefix = self->target == PF_TARGET_UPLOAD ? "upload." : "";
  if (g_str_equal (self->name, "readystatechange"))
    return g_strdup_printf ("%sreadystatechange → %d", prefix, self->ready_state);
  return g_strdup_printf ("%s%s loaded=%" G_GUINT64_FORMAT " total=%" G_GUINT64_FORMAT
                          " lengthComputable=%s",
                          prefix, self->name, self->loaded, self->total,
                          self->total != 0 ? "true" : "false");
}
