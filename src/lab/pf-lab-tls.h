/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The lab's HTTPS listeners, each with a certificate that teaches one TLS lesson. */
typedef enum
{
  PF_LAB_TLS_SELF_SIGNED, /* the lab's HTTPS port: for 127.0.0.1 and localhost, self-signed */
  PF_LAB_TLS_EXPIRED,     /* ended 30 days ago */
  PF_LAB_TLS_WRONG_HOST,  /* for wrong-host.example only */
  PF_LAB_TLS_UNKNOWN_CA,  /* signed by the lab's own CA, which nobody trusts */
  PF_LAB_TLS_N_KINDS,
} PfLabTls;

GTlsCertificate *pf_lab_tls_get_certificate (PfLabTls   kind,
                                             GError   **error);
const char      *pf_lab_tls_get_name        (PfLabTls   kind);
const char      *pf_lab_tls_get_description (PfLabTls   kind);

G_END_DECLS
