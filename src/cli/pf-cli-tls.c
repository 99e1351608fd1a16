/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-cli-tls.h"
#include "pf-json-line.h"

/* What preflight-cli says of an exchange's TLS connection: its protocol, cipher suite and
 * certificate on success; on a refused certificate, the chain and how to go on. */

static void
strings_json (GString *out,
              const char *const *strings)
{
  g_string_append_c (out, '[');
  for (guint i = 0; strings && strings[i]; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      pf_json_append_escaped (out, strings[i]);
    }
  g_string_append_c (out, ']');
}

static void
date_json (GString *out,
           const char *name,
           GDateTime *date)
{
  g_autofree char *text = date ? g_date_time_format_iso8601 (date) : NULL;

  pf_json_line_string (out, name, text);
}

static void
certificate_json (GString *out,
                  PfCertificate *certificate)
{
  g_autoptr (GString) names = g_string_new (NULL);

  strings_json (names, pf_certificate_get_alt_names (certificate));
  pf_json_line_begin (out);
  pf_json_line_string (out, "subject", pf_certificate_get_subject (certificate));
  pf_json_line_string (out, "issuer", pf_certificate_get_issuer (certificate));
  date_json (out, "notBefore", pf_certificate_get_not_before (certificate));
  date_json (out, "notAfter", pf_certificate_get_not_after (certificate));
  pf_json_line_string (out, "sha256", pf_certificate_get_sha256 (certificate));
  pf_json_line_raw (out, "altNames", names->str);
  g_string_append_c (out, '}');
}

/* The result line's "tls": null for plain HTTP, else {"protocol", "cipherSuite", "trust",
 * "problems": [names], "certificates": [{…}, …]}. */
char *
pf_cli_tls_json (PfExchange *exchange)
{
  PfTlsInfo *tls = pf_exchange_get_tls_info (exchange);
  GListModel *chain;
  g_auto (GStrv) problems = NULL;
  g_autoptr (GString) list = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  GString *out;

  if (tls == NULL)
    return g_strdup ("null");
  chain = pf_tls_info_get_chain (tls);
  problems = pf_tls_info_dup_problem_names (tls);
  list = g_string_new ("[");
  for (guint i = 0; i < g_list_model_get_n_items (chain); i++)
    {
      g_autoptr (PfCertificate) certificate = g_list_model_get_item (chain, i);

      if (i > 0)
        g_string_append_c (list, ',');
      certificate_json (list, certificate);
    }
  g_string_append_c (list, ']');
  out = g_string_new (NULL);
  pf_json_line_begin (out);
  pf_json_line_string (out, "protocol", pf_tls_info_get_protocol (tls));
  pf_json_line_string (out, "cipherSuite", pf_tls_info_get_cipher_suite (tls));
  pf_json_line_string (out, "trust", pf_tls_info_get_trust_name (tls));
  strings_json (names, (const char *const *) problems);
  pf_json_line_raw (out, "problems", names->str);
  pf_json_line_raw (out, "certificates", list->str);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* Text mode, after the status line: the connection in one line; after a refused certificate,
 * the chain and the options that go on. */
void
pf_cli_tls_text (GString *out,
                 PfExchange *exchange)
{
  PfTlsInfo *tls = pf_exchange_get_tls_info (exchange);
  PfCertificate *leaf = tls ? pf_tls_info_get_certificate (tls) : NULL;
  g_autofree char *line = NULL;
  g_autofree char *chain = NULL;

  if (tls == NULL)
    return;
  if (pf_tls_info_get_trust (tls) != PF_TLS_TRUST_REFUSED)
    {
      line = pf_tls_info_describe (tls);
      g_string_append_printf (out, "TLS: %s\n", line);
      return;
    }
  chain = pf_tls_info_describe_chain (tls);
  g_string_append (out, chain);
  if (leaf == NULL)
    return;
  /* Translators: the first %s is the option with the certificate's fingerprint, the second
   * the options that take any certificate */
  g_string_append_printf (out,
                          _("To trust this certificate for this request, run the command again "
                             "with %s (or with %s to take any certificate unchecked).\n"),
                          line = g_strdup_printf ("--trust-certificate %s",
                                                  pf_certificate_get_sha256 (leaf)),
                          "--insecure (-k)");
}
