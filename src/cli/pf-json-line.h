/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* A JSON object built straight into a GString, for JSON Lines output: no tree, no
 * per-field allocation. Member names are trusted literals; values are escaped. */
void pf_json_line_begin (GString *out);
void pf_json_line_end (GString *out);
void pf_json_line_string (GString *out,
                          const char *name,
                          const char *value);
void pf_json_line_string_len (GString *out,
                              const char *name,
                              const char *value,
                              gsize len);
void pf_json_line_uint (GString *out,
                        const char *name,
                        guint64 value);
void pf_json_line_ms (GString *out,
                      const char *name,
                      gint64 microseconds);
void pf_json_line_bool (GString *out,
                        const char *name,
                        gboolean value);
void pf_json_line_null (GString *out,
                        const char *name);
void pf_json_line_raw (GString *out,
                       const char *name,
                       const char *json);
void pf_json_line_member (GString *out,
                          const char *name);
void pf_json_append_escaped (GString *out,
                             const char *text);
void pf_json_append_uint (GString *out,
                          guint64 value);
void pf_json_append_ms (GString *out,
                        gint64 microseconds);
void pf_json_append_raw (GString *out,
                         const char *json,
                         gsize len);

/* A literal's bytes: a fixed part of a line the caller lays out itself, copied in place when
 * the string has room (a line is mostly such parts: a call each cost more than the copy). */
static inline void
pf_json_append_literal_len (GString *out,
                            const char *literal,
                            gsize len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, literal, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, literal, len);
}

#define PF_JSON_APPEND_LITERAL(out, literal) \
  pf_json_append_literal_len ((out), "" literal, sizeof (literal) - 1)
void pf_json_append_escaped_len (GString *out,
                                 const char *text,
                                 gsize len);

G_END_DECLS
