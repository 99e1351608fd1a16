/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-certificate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-certificate.h"
#include "pf-request-error.h"

/* One certificate of a TLS peer's chain, as a developer checks it: who it names (subject and
 * its alternative names), who signed it (issuer), when it is valid, and its SHA-256
 * fingerprint, which is what a user trusts it by. Read once from GIO's certificate, so it
 * outlives the connection and is safe to hand from the network thread to the window's. */
struct _PfCertificate
{
  GObject parent_instance;

  char *subject;
  char *issuer;
  GDateTime *not_before;
  GDateTime *not_after;
  char *sha256;    /* "AB:CD:…", 32 pairs */
  GStrv alt_names; /* DNS names, then IP addresses */
};

G_DEFINE_FINAL_TYPE (PfCertificate, pf_certificate, G_TYPE_OBJECT)

static void
pf_certificate_finalize (GObject *object)
{
  PfCertificate *self = PF_CERTIFICATE (object);

  g_free (self->subject);
  g_free (self->issuer);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_free (self->sha256);
  g_strfreev (self->alt_names);
  G_OBJECT_CLASS (pf_certificate_parent_class)->finalize (object);
}

static void
pf_certificate_class_init (PfCertificateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_certificate_finalize;
}

static void
pf_certificate_init (PfCertificate *self)
{
}

/* "AB:CD:…" of the SHA-256 of @der. */
static char *
fingerprint (GByteArray *der)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  GString *out = g_string_sized_new (96);

  if (der != NULL)
    g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &len);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, i ? ":%02X" : "%02X", digest[i]);
  return g_string_free (out, FALSE);
}

static GStrv
alt_names (GTlsCertificate *certificate)
{
  g_autoptr (GPtrArray) dns = NULL;
  g_autoptr (GPtrArray) ips = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_object_get (certificate, "dns-names", &dns, "ip-addresses", &ips, NULL);
  for (guint i = 0; dns != NULL && i < dns->len; i++)
    {
      gsize len = 0;
      const char *name = g_bytes_get_data (dns->pdata[i], &len);
      g_autofree char *text = g_strndup (name, len);

      g_strv_builder_add (builder, text);
    }
  for (guint i = 0; ips != NULL && i < ips->len; i++)
    {
      g_autofree char *text = g_inet_address_to_string (ips->pdata[i]);

      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

/* What @certificate says, read now. */
PfCertificate *
pf_certificate_new (GTlsCertificate *certificate)
{
  PfCertificate *self;
  g_autoptr (GByteArray) der = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  self = g_object_new (PF_TYPE_CERTIFICATE, NULL);
  g_object_get (certificate, "certificate", &der, "subject-name", &self->subject, "issuer-name",
                &self->issuer, "not-valid-before", &self->not_before, "not-valid-after",
                &self->not_after, NULL);
  if (self->subject == NULL)
    self->subject = g_strdup ("");
  if (self->issuer == NULL)
    self->issuer = g_strdup ("");
  self->sha256 = fingerprint (der);
  self->alt_names = alt_names (certificate);
  return self;
}

/* The chain the peer sent, from @leaf to the last issuer it names, as PfCertificates. */
GPtrArray *
pf_certificate_chain_new (GTlsCertificate *leaf)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func (g_object_unref);

  /* A chain is a few certificates; a loop is cut short all the same. */
  for (GTlsCertificate *c = leaf; c != NULL && chain->len < 16; c = g_tls_certificate_get_issuer (c))
    g_ptr_array_add (chain, pf_certificate_new (c));
  return chain;
}

/* The distinguished name it is for, "CN=example.com,O=Example". */
const char *
pf_certificate_get_subject (PfCertificate *self)
{
  g_return_val_if_fail (PF_IS_CERTIFICATE (self), NULL);
  return self->subject;
}

/* The distinguished name of who signed it. */
const char *
pf_certificate_get_issuer (PfCertificate *self)
{
  g_return_val_if_fail (PF_IS_CERTIFICATE (self), NULL);
  return self->issuer;
}

GDateTime *
pf_certificate_get_not_before (PfCertificate *self)
{
  g_return_val_if_fail (PF_IS_CERTIFICATE (self), NULL);
  return self->not_before;
}

GDateTime *
pf_certificate_get_not_after (PfCertificate *self)
{
  g_return_val_if_fail (PF_IS_CERTIFICATE (self), NULL);
  return self->not_after;
}

/* The SHA-256 fingerprint of its DER bytes, "AB:CD:…" (32 pairs). */
const char *
pf_certificate_get_sha256 (PfCertificate *self)
{
  g_return_val_if_fail (PF_IS_CERTIFICATE (self), NULL);
  return self->sha256;
}

/* The subject alternative names: DNS names, then IP addresses (maybe none). */
const char *const *
pf_certificate_get_alt_names (PfCertificate *self)
{
  g_return_val_if_fail (PF_IS_CERTIFICATE (self), NULL);
  return (const char *const *) self->alt_names;
}

/* Signed by itself: its issuer is its subject. */
gboolean
pf_certificate_is_self_signed (PfCertificate *self)
{
  g_return_val_if_fail (PF_IS_CERTIFICATE (self), FALSE);
  return *self->subject != '\0' && g_str_equal (self->subject, self->issuer);
}

static char *
format_date (GDateTime *date)
{
  return date ? g_date_time_format (date, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
}

/* Several lines: subject, issuer, validity, names and fingerprint, each "Label: value". */
char *
pf_certificate_describe (PfCertificate *self)
{
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *names = NULL;
  GString *out;

  g_return_val_if_fail (PF_IS_CERTIFICATE (self), NULL);
  from = format_date (self->not_before);
  until = format_date (self->not_after);
  names = g_strjoinv (", ", self->alt_names);
  out = g_string_new (NULL);
  /* Translators: the distinguished name a TLS certificate is for */
  g_string_append_printf (out, _("Subject: %s\n"), self->subject);
  /* Translators: the distinguished name of who signed a TLS certificate */
  g_string_append_printf (out, _("Issuer: %s\n"), self->issuer);
  /* Translators: when a certificate is valid, two dates */
  g_string_append_printf (out, _("Valid: %s to %s\n"), from, until);
  /* Translators: the certificate's subject alternative names (host names and addresses) */
  g_string_append_printf (out, _("Names: %s\n"), *names ? names : _("(none)"));
  g_string_append_printf (out, "SHA-256: %s\n", self->sha256);
  return g_string_free (out, FALSE);
}

/* @text as a SHA-256 fingerprint: 64 hex digits, in pairs split by colons or not, any case;
 * "AB:CD:…" as pf_certificate_get_sha256 () gives it, or NULL and PF_REQUEST_ERROR_INVALID_FIELD. */
char *
pf_certificate_normalize_fingerprint (const char *text,
                                      GError **error)
{
  GString *out = g_string_sized_new (96);
  guint digits = 0;

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (*p == ':' || *p == ' ')
        continue;
      if (!g_ascii_isxdigit (*p) || digits == 64)
        {
          digits = 0;
          break;
        }
      if (digits > 0 && digits % 2 == 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (*p));
      digits++;
    }
  if (digits == 64)
    return g_string_free (out, FALSE);
  g_string_free (out, TRUE);
  g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_FIELD,
               _("“%s” is not a SHA-256 certificate fingerprint: give its 64 hex digits "
                  "(colons allowed), as Preflight shows them"),
               text ? text : "");
  return NULL;
}

/* Whether @fingerprint (in any form pf_certificate_normalize_fingerprint () takes) is its. */
gboolean
pf_certificate_matches (PfCertificate *self,
                        const char *fingerprint)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (PF_IS_CERTIFICATE (self), FALSE);
  wanted = pf_certificate_normalize_fingerprint (fingerprint, NULL);
  return wanted != NULL && g_str_equal (wanted, self->sha256);
}
