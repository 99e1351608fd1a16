/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-timeline-record.h"

/* The timeline's lines are made by the thousand per second on a busy connection, so they are
 * plain structs: a name interned once, no object until a list view asks for one. */

/* @name interned. Names are literals, each passed from the same few places: the interned
 * string of each is kept in a small table by the literal's address, so that most records skip
 * GLib's locked table. An entry is checked against @name, never trusted: a clash of two
 * addresses, or another thread's entry, only sends @name to g_intern_string (). */
static const char *
intern_name (const char *name)
{
  static const char *interned[64];
  guint slot = (GPOINTER_TO_SIZE (name) >> 3) % G_N_ELEMENTS (interned);
  const char *known = g_atomic_pointer_get (&interned[slot]);

  if (name == NULL)
    return NULL;
  if (known != NULL && (known == name || strcmp (known, name) == 0))
    return known;
  known = g_intern_string (name);
  g_atomic_pointer_set (&interned[slot], known);
  return known;
}

static PfTimelineRecord
record_at (PfTimelineKind kind,
           const char *name,
           gint64 time_us)
{
  PfTimelineRecord self = { .kind = kind, .name = intern_name (name), .ready_state = -1, .time_us = time_us, .end_us = time_us };

  return self;
}

PfTimelineRecord
pf_timeline_record_event (PfTarget target,
                          const char *type,
                          int ready_state,
                          guint64 loaded,
                          guint64 total,
                          gint64 time_us)
{
  PfTimelineRecord self = record_at (PF_TIMELINE_EVENT, type, time_us);

  self.target = target;
  self.ready_state = ready_state;
  self.loaded = loaded;
  self.total = total;
  return self;
}

PfTimelineRecord
pf_timeline_record_phase (const char *name,
                          gint64 start_us,
                          gint64 end_us)
{
  PfTimelineRecord self = record_at (PF_TIMELINE_PHASE, name, start_us);

  self.end_us = end_us;
  return self;
}

/* A phase of the CORS preflight that went before the request. */
PfTimelineRecord
pf_timeline_record_preflight_phase (const char *name,
                                    gint64 start_us,
                                    gint64 end_us)
{
  PfTimelineRecord self = pf_timeline_record_phase (name, start_us, end_us);

  self.detail = g_strdup ("preflight");
  return self;
}

/* HTTP streaming: @size new body bytes arrived in LOADING; @text is what
 * responseText.substring (received) gives for them (NULL once the exchange stopped keeping
 * chunk text). */
PfTimelineRecord
pf_timeline_record_chunk (guint64 size,
                          const char *text,
                          gint64 time_us)
{
  PfTimelineRecord self = record_at (PF_TIMELINE_CHUNK, "chunk", time_us);

  self.loaded = size;
  self.detail = g_strdup (text);
  return self;
}

/* A step of the CORS flow: "preflight" (the OPTIONS request, @detail its URL),
 * "preflight-response" (@status the server's, @detail the verdict), "preflight-cached",
 * "check" (the CORS check of a response, @detail the verdict) or "blocked". */
PfTimelineRecord
pf_timeline_record_cors (const char *name,
                         guint status,
                         const char *detail,
                         gint64 time_us)
{
  PfTimelineRecord self = record_at (PF_TIMELINE_CORS, name, time_us);

  self.status = status;
  self.detail = g_strdup (detail);
  return self;
}

/* A step of HTTP authentication: "challenge" (@status 401, @detail the WWW-Authenticate
 * value), "answer" (@detail the user name), "unanswered" (@detail why) or "result" (@status
 * what the server answered to the credentials). */
PfTimelineRecord
pf_timeline_record_auth (const char *name,
                         guint status,
                         const char *detail,
                         gint64 time_us)
{
  PfTimelineRecord self = record_at (PF_TIMELINE_AUTH, name, time_us);

  self.status = status;
  self.detail = g_strdup (detail);
  return self;
}

PfTimelineRecord
pf_timeline_record_redirect (guint status,
                             const char *location,
                             gint64 time_us)
{
  PfTimelineRecord self = record_at (PF_TIMELINE_REDIRECT, "redirect", time_us);

  self.status = status;
  self.detail = g_strdup (location);
  return self;
}

void
pf_timeline_record_copy (PfTimelineRecord *dest,
                         const PfTimelineRecord *src)
{
  *dest = *src;
  dest->detail = g_strdup (src->detail);
}

void
pf_timeline_record_clear (PfTimelineRecord *self)
{
  g_clear_pointer (&self->detail, g_free);
}

/* XHR: lengthComputable is true exactly when the length given is not 0. */
gboolean
pf_timeline_record_length_computable (const PfTimelineRecord *self)
{
  return self->total != 0;
}

static char *
describe_cors (const PfTimelineRecord *self)
{
  if (g_str_equal (self->name, "preflight"))
    /* Translators: %s is the request line of the OPTIONS request */
    return g_strdup_printf (_ ("CORS preflight %s"), self->detail);
  if (g_str_equal (self->name, "preflight-response"))
    /* Translators: %u is an HTTP status, %s the verdict */
    return g_strdup_printf (_ ("preflight answered %u: %s"), self->status, self->detail);
  if (g_str_equal (self->name, "preflight-cached"))
    return g_strdup_printf (_ ("no preflight: %s"), self->detail);
  if (g_str_equal (self->name, "check"))
    /* Translators: %u is an HTTP status, %s the verdict */
    return g_strdup_printf (_ ("CORS check of the %u response: %s"), self->status, self->detail);
  return g_strdup_printf (_ ("blocked: %s"), self->detail);
}

static char *
describe_auth (const PfTimelineRecord *self)
{
  if (g_str_equal (self->name, "challenge"))
    /* Translators: %u is 401, %s the WWW-Authenticate value, e.g. Basic realm="lab" */
    return g_strdup_printf (_ ("%u challenge: %s"), self->status, self->detail);
  if (g_str_equal (self->name, "answer"))
    return g_strdup_printf (_ ("answered with user “%s”"), self->detail);
  if (g_str_equal (self->name, "unanswered"))
    return g_strdup_printf (_ ("not answered: %s"), self->detail);
  if (self->status == 401)
    return g_strdup (_ ("401 again: the server refused the credentials, and the script sees "
                        "this 401"));
  /* Translators: %u is the HTTP status the server answered the credentials with */
  return g_strdup_printf (_ ("%u: the server accepted the credentials"), self->status);
}

/* Chunk text excerpts stop after this many characters. */
#define EXCERPT_CHARS 40

/* The start of a chunk's text on one line: a newline, a tab or another control character is
 * shown as its escape (\n, \t, \x1b), a longer text ends in “…”. */
static char *
excerpt (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  for (guint n = 0; *p != '\0' && n < EXCERPT_CHARS; n++, p = g_utf8_next_char (p))
    {
      guchar c = *p;

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  if (*p != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static char *
describe_chunk (const PfTimelineRecord *self)
{
  g_autofree char *size = g_format_size (self->loaded);
  g_autofree char *text = NULL;

  if (self->detail == NULL || *self->detail == '\0')
    /* Translators: %s is a size such as “1.2 kB” */
    return g_strdup_printf (_ ("chunk of %s"), size);
  text = excerpt (self->detail);
  /* Translators: a size such as “7 bytes”, then the start of the text the chunk added to
   * responseText, e.g. chunk of 7 bytes: “line 1\n” */
  return g_strdup_printf (_ ("chunk of %s: “%s”"), size, text);
}

/* One readable line, for the CLI's text output and the window's event list. */
char *
pf_timeline_record_describe (const PfTimelineRecord *self)
{
  const char *prefix;

  switch (self->kind)
    {
    case PF_TIMELINE_PHASE:
      if (g_str_equal (self->name, "frozen"))
        /* Translators: how long a synchronous XHR's send () froze the page */
        return g_strdup_printf (_ ("page frozen by the synchronous send() (%.1f ms)"),
                                (self->end_us - self->time_us) / 1000.0);
      if (self->detail != NULL)
        /* Translators: a network phase of the CORS preflight,
         * e.g. "preflight phase dns (2.1 ms)" */
        return g_strdup_printf (_ ("preflight phase %s (%.1f ms)"), self->name,
                                (self->end_us - self->time_us) / 1000.0);
      /* Translators: a network phase, e.g. "phase dns (2.1 ms)" */
      return g_strdup_printf (_ ("phase %s (%.1f ms)"), self->name,
                              (self->end_us - self->time_us) / 1000.0);
    case PF_TIMELINE_CORS:
      return describe_cors (self);
    case PF_TIMELINE_AUTH:
      return describe_auth (self);
    case PF_TIMELINE_REDIRECT:
      return g_strdup_printf (_ ("redirect %u → %s"), self->status, self->detail);
    case PF_TIMELINE_CHUNK:
      return describe_chunk (self);
    case PF_TIMELINE_EVENT:
    default:
      break;
    }
  if (self->target == PF_TARGET_IMAGE)
    return g_strdup_printf ("image.%s", self->name);
  prefix = self->target == PF_TARGET_UPLOAD ? "upload." : "";
  if (g_str_equal (self->name, "readystatechange"))
    return g_strdup_printf ("%sreadystatechange → %d", prefix, self->ready_state);
  return g_strdup_printf ("%s%s loaded=%" G_GUINT64_FORMAT " total=%" G_GUINT64_FORMAT
                          " lengthComputable=%s",
                          prefix, self->name, self->loaded, self->total,
                          pf_timeline_record_length_computable (self) ? "true" : "false");
}
