/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-certificate.h"

G_BEGIN_DECLS

/* How the peer's certificate was taken: valid as the system checks it, refused, or trusted
 * in spite of its problems by the user's choice (this request's fingerprint, this host's for
 * the run, or any certificate at all). */
typedef enum
{
  PF_TLS_TRUST_VALID,
  PF_TLS_TRUST_REFUSED,
  PF_TLS_TRUST_FINGERPRINT,
  PF_TLS_TRUST_HOST,
  PF_TLS_TRUST_INSECURE,
} PfTlsTrust;

#define PF_TYPE_TLS_TRUST (pf_tls_trust_get_type ())
#define PF_TYPE_TLS_INFO  (pf_tls_info_get_type ())

GType pf_tls_trust_get_type (void);

G_DECLARE_FINAL_TYPE (PfTlsInfo, pf_tls_info, PF, TLS_INFO, GObject)

PfTlsInfo           *pf_tls_info_new                 (const char           *host,
                                                      GTlsCertificate      *peer,
                                                      GTlsCertificateFlags  errors,
                                                      GTlsProtocolVersion   version,
                                                      const char           *cipher_suite,
                                                      PfTlsTrust            trust);
const char          *pf_tls_info_get_host            (PfTlsInfo            *self);
const char          *pf_tls_info_get_protocol        (PfTlsInfo            *self);
const char          *pf_tls_info_get_cipher_suite    (PfTlsInfo            *self);
GTlsCertificateFlags pf_tls_info_get_errors          (PfTlsInfo            *self);
PfTlsTrust           pf_tls_info_get_trust           (PfTlsInfo            *self);
const char          *pf_tls_info_get_trust_name      (PfTlsInfo            *self);
GListModel          *pf_tls_info_get_chain           (PfTlsInfo            *self);
PfCertificate       *pf_tls_info_get_certificate     (PfTlsInfo            *self);
GStrv                pf_tls_info_dup_problems        (PfTlsInfo            *self);
GStrv                pf_tls_info_dup_problem_names   (PfTlsInfo            *self);
char                *pf_tls_info_dup_refusal         (PfTlsInfo            *self);
char                *pf_tls_info_describe            (PfTlsInfo            *self);
char                *pf_tls_info_describe_chain      (PfTlsInfo            *self);

G_END_DECLS
