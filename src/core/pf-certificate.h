/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PF_TYPE_CERTIFICATE (pf_certificate_get_type ())

G_DECLARE_FINAL_TYPE (PfCertificate, pf_certificate, PF, CERTIFICATE, GObject)

PfCertificate      *pf_certificate_new                   (GTlsCertificate *certificate);
GPtrArray          *pf_certificate_chain_new             (GTlsCertificate *leaf);
const char         *pf_certificate_get_subject           (PfCertificate   *self);
const char         *pf_certificate_get_issuer            (PfCertificate   *self);
GDateTime          *pf_certificate_get_not_before        (PfCertificate   *self);
GDateTime          *pf_certificate_get_not_after         (PfCertificate   *self);
const char         *pf_certificate_get_sha256            (PfCertificate   *self);
const char *const  *pf_certificate_get_alt_names         (PfCertificate   *self);
gboolean            pf_certificate_is_self_signed        (PfCertificate   *self);
char               *pf_certificate_describe              (PfCertificate   *self);
char               *pf_certificate_normalize_fingerprint (const char      *text,
                                                          GError         **error);
gboolean            pf_certificate_matches               (PfCertificate   *self,
                                                          const char      *fingerprint);

G_END_DECLS
