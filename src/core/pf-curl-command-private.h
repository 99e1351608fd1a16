/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-curl-command.h"

G_BEGIN_DECLS

/* What the options of one curl command said so far; the request is made from it once every
 * option is read, as curl itself decides the method and the body only then. */
typedef struct
{
  PfRequest *request;
  GPtrArray *notes;
  char *method;      /* -X, or NULL */
  GPtrArray *pieces; /* -d, --data-*, --json, in order (see pf-curl-data.c) */
  gboolean json;     /* --json: its Content-Type and Accept unless -H set them */
  gboolean form;     /* -F, --form-string */
  gboolean get;      /* -G: the data goes to the query */
  gboolean head;     /* -I */
  gboolean location; /* -L */
  int max_redirs;    /* --max-redirs, or -1 */
  gboolean any_auth; /* --anyauth, --digest: -u answers a challenge */
  char *user;        /* -u */
  char *bearer;      /* --oauth2-bearer */
  char *url;
  char *origin; /* -H "Origin: …", or NULL */
} PfCurlParse;

typedef gboolean (*PfCurlApply) (PfCurlParse *parse,
                                 const char *flag,
                                 const char *value,
                                 guint offset,
                                 GError **error);

gboolean _pf_curl_add_data (PfCurlParse *parse,
                            const char *flag,
                            const char *value,
                            guint offset,
                            GError **error);
gboolean _pf_curl_add_form (PfCurlParse *parse,
                            const char *flag,
                            const char *value,
                            guint offset,
                            GError **error);
gboolean _pf_curl_finish_body (PfCurlParse *parse,
                               GError **error);
void _pf_curl_note (PfCurlParse *parse,
                    const char *format,
                    ...) G_GNUC_PRINTF (2, 3);
gboolean _pf_curl_check_readable (const char *path,
                                  const char *flag,
                                  guint offset,
                                  GError **error);
void _pf_curl_piece_free (gpointer piece);
const char *_pf_curl_request_find_header (PfRequest *request,
                                          const char *name);

G_END_DECLS
