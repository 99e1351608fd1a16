/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-fail.h"

#include <string.h>

#include "pf-http-syntax.h"
#include "pf-key-value.h"

/* Header names and values, methods, URLs and query editing on any text: no crash, and what
 * the checks accept stays accepted after normalising (a value with CR or LF never passes). */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GPtrArray) query = NULL;
  g_autoptr (GPtrArray) form = NULL;
  g_autoptr (GListStore) params = g_list_store_new (PF_TYPE_KEY_VALUE);
  g_autofree char *replaced = NULL;

  /* Each must return without a crash or a sanitizer report; what they make is not kept. */
  g_free (pf_http_normalize_value (text));
  g_free (pf_http_normalize_method (text));
  g_free (pf_uri_encode_component (text));
  g_free (pf_http_mask_credentials (text));
  if (pf_http_check_header_value ("X-Fuzz", text, NULL) && strpbrk (text, "\r\n") != NULL)
    fuzz_fail ("a value with CR or LF was accepted");
  pf_http_check_header_name (text, NULL);
  pf_http_check_method (text, NULL);
  pf_http_check_url (text, NULL);
  pf_http_forbidden_header_reason (text, text);
  query = pf_http_parse_url_query (text);
  form = pf_http_parse_form (text);
  for (guint i = 0; i < query->len; i++)
    g_list_store_append (params, query->pdata[i]);
  replaced = pf_http_replace_url_query (text, G_LIST_MODEL (params));
  return 0;
}
