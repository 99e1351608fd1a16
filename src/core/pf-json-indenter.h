/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PF_JSON_INDENTER_ERROR (pf_json_indenter_error_quark ())

/* Why a document cannot be indented; the message says what was expected and where (line and
 * column from 1, column in characters, and the byte offset from 0). */
typedef enum
{
  PF_JSON_INDENTER_ERROR_SYNTAX,
  PF_JSON_INDENTER_ERROR_INCOMPLETE,
  PF_JSON_INDENTER_ERROR_TOO_DEEP,
} PfJsonIndenterError;

/* Containers nest at most this deep: the state kept is O(depth), never O(size). */
#define PF_JSON_INDENTER_MAX_DEPTH 10000

/* The widest indentation step. */
#define PF_JSON_INDENTER_MAX_INDENT 16

/* A streaming JSON pretty-printer, in the layout of `jq --indent N .` (N from 1 to 7 matches
 * jq) except that strings and numbers are copied byte for byte as written (jq re-escapes
 * strings and normalises numbers) and duplicate keys are all kept. No tree is built: feed it
 * chunks cut anywhere and it appends the indented text of what it has seen; finish it to have
 * an incomplete document reported. Several top-level values (JSON Lines) are each printed.
 * pf_json_indenter_get_path () is the JSONPath ($.items[3].name, $['a b']) of the value
 * started last at the current nesting: inside a container its latest member (the container
 * itself before its first member), after a container's close that container. */
typedef struct _PfJsonIndenter PfJsonIndenter;

GQuark pf_json_indenter_error_quark (void);

PfJsonIndenter *pf_json_indenter_new (guint indent_width);
void pf_json_indenter_free (PfJsonIndenter *self);
gboolean pf_json_indenter_feed (PfJsonIndenter *self,
                                const char *data,
                                gsize len,
                                GString *out,
                                GError **error);
gboolean pf_json_indenter_finish (PfJsonIndenter *self,
                                  GString *out,
                                  GError **error);
char *pf_json_indenter_get_path (PfJsonIndenter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfJsonIndenter, pf_json_indenter_free)

G_END_DECLS
