/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-exchange-private.h"

/* TLS in an exchange: which certificate a hop takes when the system does not vouch for it
 * (only by the user's explicit choice: the request's fingerprint, the profile's trust for the
 * host until quit, or --insecure), the session such a hop runs in, and the failure's message
 * in words. The network half asks for the decision while the handshake waits. */

/* "host:port" of @uri, the port always said (443 by default for https). */
static char *
host_key (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);

  if (port < 0)
    port = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
  return _pf_exchange_join_host_port (host ? host : "", host != NULL && strchr (host, ':') != NULL,
                                      port);
}

/* What a hop to @uri (its message's, as libsoup parsed it) may take, from @self's request
 * and profile. */
PfTlsTrustSet *
_pf_tls_trust_set_new (PfExchange *self,
                       GUri       *uri)
{
  PfTlsTrustSet *set = g_new0 (PfTlsTrustSet, 1);
  const char *fingerprint = pf_request_get_trusted_certificate (self->request);

  set->host = uri ? host_key (uri) : g_strdup ("");
  set->insecure = pf_request_get_insecure (self->request);
  set->fingerprint = *fingerprint ? g_strdup (fingerprint) : NULL;
  set->host_fingerprints = pf_profile_dup_trusted_certificates (self->profile, set->host);
  return set;
}

void
_pf_tls_trust_set_free (PfTlsTrustSet *set)
{
  if (set == NULL)
    return;
  g_free (set->host);
  g_free (set->fingerprint);
  g_strfreev (set->host_fingerprints);
  g_free (set);
}

/* The session for a hop that may take a certificate the system does not vouch for: the
 * profile's trusting one, whose connections no other hop reuses; else the profile's own. */
SoupSession *
_pf_tls_trust_set_session (PfTlsTrustSet *set,
                           PfProfile *profile)
{
  if (set->insecure || set->fingerprint != NULL || set->host_fingerprints != NULL)
    return pf_profile_get_trusting_session (profile);
  return pf_profile_get_session (profile);
}

/* How @peer, with @errors, is taken: valid, trusted by which choice, or refused. */
PfTlsTrust
_pf_tls_trust_set_decide (PfTlsTrustSet *set,
                          GTlsCertificate *peer,
                          GTlsCertificateFlags errors)
{
  g_autoptr (PfCertificate) certificate = NULL;

  if (errors == 0)
    return PF_TLS_TRUST_VALID;
  certificate = peer ? pf_certificate_new (peer) : NULL;
  if (certificate != NULL && set->fingerprint != NULL &&
      pf_certificate_matches (certificate, set->fingerprint))
    return PF_TLS_TRUST_FINGERPRINT;
  for (guint i = 0; certificate != NULL && set->host_fingerprints && set->host_fingerprints[i]; i++)
    if (pf_certificate_matches (certificate, set->host_fingerprints[i]))
      return PF_TLS_TRUST_HOST;
  return set->insecure ? PF_TLS_TRUST_INSECURE : PF_TLS_TRUST_REFUSED;
}

/* A failed hop's message: the certificate's problems in words when it was refused, what a
 * plain-HTTP answer to a TLS handshake means, else libsoup's own. */
char *
_pf_exchange_tls_message (PfExchange *self,
                          const GError *error)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *host = NULL;

  if (self->tls != NULL && pf_tls_info_get_trust (self->tls) == PF_TLS_TRUST_REFUSED)
    return pf_tls_info_dup_refusal (self->tls);
  if (error->domain != G_TLS_ERROR || error->code == G_TLS_ERROR_BAD_CERTIFICATE)
    return g_strdup (error->message);
  uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL);
  host = uri ? host_key (uri) : g_strdup (self->url);
  if (error->code == G_TLS_ERROR_NOT_TLS)
    /* Translators: %s is host:port; keep “http://” and “https://” as they are */
    return g_strdup_printf (_("The server at %s did not answer the TLS handshake in TLS: it "
                               "seems to speak plain HTTP on this port. Use http:// instead of "
                               "https://, or the server's HTTPS port."),
                            host);
  /* GnuTLS reads a plain-HTTP answer as "an unexpected TLS packet". */
  /* Translators: the first %s is host:port, the second why the handshake failed; keep
   * “http://” and “https://” as they are */
  return g_strdup_printf (_("The TLS handshake with %s failed (%s). If that port speaks plain "
                             "HTTP, not TLS, use http:// instead of https://, or the server's "
                             "HTTPS port."),
                          host, error->message);
}

/* The last hop's TLS connection: protocol, cipher suite, the peer's chain, its problems and
 * how it was taken; NULL for plain HTTP, or before a TLS handshake was tried. */
PfTlsInfo *
pf_exchange_get_tls_info (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->tls;
}
