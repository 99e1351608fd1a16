/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-tls-info"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-tls-info.h"

/* What a TLS connection was, as an exchange's hop saw it: the protocol version and cipher
 * suite agreed on, the peer's certificate chain, every problem GIO found in it (in words a
 * developer can act on) and how it was taken. Made on the network thread, read anywhere. */
struct _PfTlsInfo
{
  GObject parent_instance;

  char *host;     /* "host:port" it was for */
  char *protocol; /* "TLS 1.3", or NULL before a handshake finished */
  char *cipher_suite;
  GTlsCertificateFlags errors;
  PfTlsTrust trust;
  GListStore *chain; /* PfCertificate, the leaf first */
};

G_DEFINE_FINAL_TYPE (PfTlsInfo, pf_tls_info, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfTlsTrust, pf_tls_trust, G_DEFINE_ENUM_VALUE (PF_TLS_TRUST_VALID, "valid"), G_DEFINE_ENUM_VALUE (PF_TLS_TRUST_REFUSED, "refused"), G_DEFINE_ENUM_VALUE (PF_TLS_TRUST_FINGERPRINT, "fingerprint"), G_DEFINE_ENUM_VALUE (PF_TLS_TRUST_HOST, "host"), G_DEFINE_ENUM_VALUE (PF_TLS_TRUST_INSECURE, "insecure"))

static void
pf_tls_info_finalize (GObject *object)
{
  PfTlsInfo *self = PF_TLS_INFO (object);

  g_free (self->host);
  g_free (self->protocol);
  g_free (self->cipher_suite);
  g_clear_object (&self->chain);
  G_OBJECT_CLASS (pf_tls_info_parent_class)->finalize (object);
}

static void
pf_tls_info_class_init (PfTlsInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_tls_info_finalize;
}

static void
pf_tls_info_init (PfTlsInfo *self)
{
  self->chain = g_list_store_new (PF_TYPE_CERTIFICATE);
}

static const char *
protocol_name (GTlsProtocolVersion version)
{
  switch (version)
    {
    case G_TLS_PROTOCOL_VERSION_SSL_3_0:
      return "SSL 3.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_0:
      return "TLS 1.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_1:
      return "TLS 1.1";
    case G_TLS_PROTOCOL_VERSION_TLS_1_2:
      return "TLS 1.2";
    case G_TLS_PROTOCOL_VERSION_TLS_1_3:
      return "TLS 1.3";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0:
      return "DTLS 1.0";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2:
      return "DTLS 1.2";
    case G_TLS_PROTOCOL_VERSION_UNKNOWN:
    default:
      return NULL;
    }
}

/* @peer's chain with its @errors, on the connection to @host ("host:port"), taken as @trust;
 * @version and @cipher_suite are unknown (and NULL) when the handshake did not finish. */
PfTlsInfo *
pf_tls_info_new (const char *host,
                 GTlsCertificate *peer,
                 GTlsCertificateFlags errors,
                 GTlsProtocolVersion version,
                 const char *cipher_suite,
                 PfTlsTrust trust)
{
  PfTlsInfo *self = g_object_new (PF_TYPE_TLS_INFO, NULL);
  g_autoptr (GPtrArray) chain = peer ? pf_certificate_chain_new (peer) : NULL;

  self->host = g_strdup (host);
  self->protocol = g_strdup (protocol_name (version));
  self->cipher_suite = g_strdup (cipher_suite);
  self->errors = errors;
  self->trust = trust;
  if (chain != NULL)
    g_list_store_splice (self->chain, 0, 0, chain->pdata, chain->len);
  return self;
}

const char *
pf_tls_info_get_host (PfTlsInfo *self)
{
  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  return self->host;
}

/* "TLS 1.2", "TLS 1.3", or NULL when the handshake did not finish. */
const char *
pf_tls_info_get_protocol (PfTlsInfo *self)
{
  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  return self->protocol;
}

/* Its IANA name, "TLS_AES_128_GCM_SHA256", or NULL when the handshake did not finish. */
const char *
pf_tls_info_get_cipher_suite (PfTlsInfo *self)
{
  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  return self->cipher_suite;
}

/* The problems GIO found in the peer's certificate (0: none). */
GTlsCertificateFlags
pf_tls_info_get_errors (PfTlsInfo *self)
{
  g_return_val_if_fail (PF_IS_TLS_INFO (self), 0);
  return self->errors;
}

PfTlsTrust
pf_tls_info_get_trust (PfTlsInfo *self)
{
  g_return_val_if_fail (PF_IS_TLS_INFO (self), PF_TLS_TRUST_VALID);
  return self->trust;
}

/* "valid", "refused", "fingerprint", "host" or "insecure": the CLI's "trust" field. */
const char *
pf_tls_info_get_trust_name (PfTlsInfo *self)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (PF_TYPE_TLS_TRUST);

  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  return g_enum_get_value (klass, self->trust)->value_nick;
}

/* The peer's chain, PfCertificate items, its own certificate first (maybe none). */
GListModel *
pf_tls_info_get_chain (PfTlsInfo *self)
{
  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  return G_LIST_MODEL (self->chain);
}

/* The peer's own certificate, or NULL. */
PfCertificate *
pf_tls_info_get_certificate (PfTlsInfo *self)
{
  PfCertificate *leaf;

  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  leaf = g_list_model_get_item (G_LIST_MODEL (self->chain), 0);
  /* The store keeps a reference of its own. */
  if (leaf != NULL)
    g_object_unref (leaf);
  return leaf;
}

static gboolean
leaf_self_signed (PfTlsInfo *self)
{
  PfCertificate *leaf = pf_tls_info_get_certificate (self);

  return leaf != NULL && pf_certificate_is_self_signed (leaf);
}

static char *
names_of (PfCertificate *leaf)
{
  const char *const *names = leaf ? pf_certificate_get_alt_names (leaf) : NULL;

  if (names != NULL && names[0] != NULL)
    return g_strjoinv (", ", (char **) names);
  return g_strdup (leaf ? pf_certificate_get_subject (leaf) : "?");
}

static char *
date_of (GDateTime *date)
{
  return date ? g_date_time_format (date, "%Y-%m-%d %H:%M UTC") : g_strdup ("?");
}

static char *
problem_text (PfTlsInfo *self,
              GTlsCertificateFlags flag)
{
  PfCertificate *leaf = pf_tls_info_get_certificate (self);
  g_autofree char *text = NULL;

  switch (flag)
    {
    case G_TLS_CERTIFICATE_UNKNOWN_CA:
      if (leaf_self_signed (self))
        return g_strdup (_("It is self-signed: no certificate authority vouches for it"));
      /* Translators: %s names who signed the certificate */
      return g_strdup_printf (_("It is signed by an unknown certificate authority (%s), not "
                                 "one this system trusts"),
                              leaf ? pf_certificate_get_issuer (leaf) : "?");
    case G_TLS_CERTIFICATE_BAD_IDENTITY:
      text = names_of (leaf);
      /* Translators: the first %s lists the names in the certificate, the second the host */
      return g_strdup_printf (_("It is for another host: it names %s, not %s"), text,
                              self->host ? self->host : "?");
    case G_TLS_CERTIFICATE_NOT_ACTIVATED:
      text = date_of (leaf ? pf_certificate_get_not_before (leaf) : NULL);
      /* Translators: %s is a date */
      return g_strdup_printf (_("It is not valid yet: it starts on %s"), text);
    case G_TLS_CERTIFICATE_EXPIRED:
      text = date_of (leaf ? pf_certificate_get_not_after (leaf) : NULL);
      /* Translators: %s is a date */
      return g_strdup_printf (_("It has expired: it ended on %s"), text);
    case G_TLS_CERTIFICATE_REVOKED:
      return g_strdup (_("It has been revoked by its certificate authority"));
    case G_TLS_CERTIFICATE_INSECURE:
      return g_strdup (_("It uses an insecure algorithm (a weak signature or key)"));
    case G_TLS_CERTIFICATE_GENERIC_ERROR:
    default:
      return g_strdup (_("It could not be checked (an unspecified error)"));
    }
}

static const GTlsCertificateFlags problem_flags[] = {
  G_TLS_CERTIFICATE_UNKNOWN_CA,
  G_TLS_CERTIFICATE_BAD_IDENTITY,
  G_TLS_CERTIFICATE_NOT_ACTIVATED,
  G_TLS_CERTIFICATE_EXPIRED,
  G_TLS_CERTIFICATE_REVOKED,
  G_TLS_CERTIFICATE_INSECURE,
  G_TLS_CERTIFICATE_GENERIC_ERROR,
};

/* Every problem in the certificate, one sentence each, in a fixed order (none: empty). */
GStrv
pf_tls_info_dup_problems (PfTlsInfo *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (problem_flags); i++)
    if (self->errors & problem_flags[i])
      {
        g_autofree char *text = problem_text (self, problem_flags[i]);

        g_strv_builder_add (builder, text);
      }
  return g_strv_builder_end (builder);
}

/* The same problems as stable names for scripts: "self-signed" or "unknown-ca",
 * "bad-identity", "not-activated", "expired", "revoked", "insecure", "generic-error". */
GStrv
pf_tls_info_dup_problem_names (PfTlsInfo *self)
{
  static const char *const names[] = { "unknown-ca", "bad-identity", "not-activated", "expired",
                                       "revoked", "insecure", "generic-error" };
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (problem_flags); i++)
    if (self->errors & problem_flags[i])
      g_strv_builder_add (builder, i == 0 && leaf_self_signed (self) ? "self-signed" : names[i]);
  return g_strv_builder_end (builder);
}

/* The failure's message when the certificate was refused: every problem, in one paragraph. */
char *
pf_tls_info_dup_refusal (PfTlsInfo *self)
{
  g_auto (GStrv) problems = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  problems = pf_tls_info_dup_problems (self);
  joined = g_strjoinv (". ", problems);
  /* Translators: %s is the server's host:port; the problems follow */
  return g_strdup_printf (_("The TLS certificate of %s was refused. %s."),
                          self->host ? self->host : "?", joined);
}

/* One line: "TLS 1.3 · TLS_AES_128_GCM_SHA256 · certificate CN=… (SHA-256 AB:CD:…)" and how
 * it was trusted when not by the system. */
char *
pf_tls_info_describe (PfTlsInfo *self)
{
  PfCertificate *leaf;
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  leaf = pf_tls_info_get_certificate (self);
  if (self->protocol != NULL)
    g_ptr_array_add (parts, g_strdup (self->protocol));
  if (self->cipher_suite != NULL)
    g_ptr_array_add (parts, g_strdup (self->cipher_suite));
  if (leaf != NULL)
    /* Translators: the first %s is a certificate's subject, the second its fingerprint */
    g_ptr_array_add (parts, g_strdup_printf (_("certificate %s (SHA-256 %s)"),
                                             pf_certificate_get_subject (leaf),
                                             pf_certificate_get_sha256 (leaf)));
  if (self->trust == PF_TLS_TRUST_FINGERPRINT)
    g_ptr_array_add (parts, g_strdup (_("trusted for this request by its fingerprint")));
  else if (self->trust == PF_TLS_TRUST_HOST)
    g_ptr_array_add (parts, g_strdup (_("trusted for this host until Preflight quits")));
  else if (self->trust == PF_TLS_TRUST_INSECURE)
    g_ptr_array_add (parts, g_strdup (_("not checked (insecure)")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Every certificate of the chain as pf_certificate_describe () says it, numbered. */
char *
pf_tls_info_describe_chain (PfTlsInfo *self)
{
  GString *out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (PF_IS_TLS_INFO (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->chain));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PfCertificate) certificate = g_list_model_get_item (G_LIST_MODEL (self->chain), i);
      g_autofree char *text = pf_certificate_describe (certificate);
      g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

      /* Translators: a certificate's place in the chain, "Certificate 1 of 2" */
      g_string_append_printf (out, _("Certificate %u of %u\n"), i + 1, n);
      for (guint k = 0; lines[k] != NULL && *lines[k] != '\0'; k++)
        g_string_append_printf (out, "  %s\n", lines[k]);
    }
  return g_string_free (out, FALSE);
}
