/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-tls"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "pf-lab-tls.h"

/* The lab's certificates, made with GnuTLS when the first lab starts (nothing to install, no
 * file on disk): one self-signed for 127.0.0.1 and localhost, and three signed by a CA the
 * lab makes up, "Preflight Lab Test CA" — expired, for another host, and a valid one that
 * only its unknown CA vouches for. ECDSA P-256 keys: made in a millisecond. */

#define DAY (24 * 60 * 60)

typedef struct
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
} Pair;

static const struct
{
  const char *name;
  const char *description;
} kinds[PF_LAB_TLS_N_KINDS] = {
  { "self-signed", N_("a self-signed certificate for 127.0.0.1 and localhost") },
  { "expired", N_("a certificate that expired 30 days ago") },
  { "wrong-host", N_("a certificate for wrong-host.example, not 127.0.0.1") },
  { "unknown-ca", N_("a certificate signed by the lab's own CA, which nobody trusts") },
};

/* "self-signed", "expired", "wrong-host" or "unknown-ca". */
const char *
pf_lab_tls_get_name (PfLabTls kind)
{
  g_return_val_if_fail (kind < PF_LAB_TLS_N_KINDS, NULL);
  return kinds[kind].name;
}

/* What the certificate is, translated. */
const char *
pf_lab_tls_get_description (PfLabTls kind)
{
  g_return_val_if_fail (kind < PF_LAB_TLS_N_KINDS, NULL);
  return _(kinds[kind].description);
}

static gboolean
check (int ret,
       const char *what,
       GError **error)
{
  if (ret >= 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The lab could not make its TLS certificate (%s: %s)"), what,
               gnutls_strerror (ret));
  return FALSE;
}

static void
pair_clear (Pair *pair)
{
  if (pair->crt != NULL)
    gnutls_x509_crt_deinit (pair->crt);
  if (pair->key != NULL)
    gnutls_x509_privkey_deinit (pair->key);
  pair->crt = NULL;
  pair->key = NULL;
}

static gboolean
new_key (gnutls_x509_privkey_t *key,
         GError **error)
{
  return check (gnutls_x509_privkey_init (key), "privkey_init", error) &&
         check (gnutls_x509_privkey_generate (*key, GNUTLS_PK_ECDSA,
                                              GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                "privkey_generate", error);
}

/* Names the certificate is for: DNS names and IPv4 addresses, as subject alternative names. */
static gboolean
add_names (gnutls_x509_crt_t crt,
           const char *const *names,
           GError **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GInetAddress) ip = g_inet_address_new_from_string (names[i]);
      int ret;

      if (ip != NULL)
        ret = gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS,
                                                    g_inet_address_to_bytes (ip),
                                                    g_inet_address_get_native_size (ip),
                                                    GNUTLS_FSAN_APPEND);
      else
        ret = gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, names[i],
                                                    strlen (names[i]), GNUTLS_FSAN_APPEND);
      if (!check (ret, "subject_alt_name", error))
        return FALSE;
    }
  return TRUE;
}

/* A certificate for @dn and @names with @key, valid from @from to @until (seconds from now),
 * signed by @issuer (NULL: by itself). A CA when @names is NULL. */
static gboolean
make_certificate (Pair *out,
                  gnutls_x509_privkey_t key,
                  const char *dn,
                  const char *const *names,
                  gint64 from,
                  gint64 until,
                  Pair *issuer,
                  GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ca = names == NULL;
  guint8 serial[16];
  guint8 key_id[64];
  size_t key_id_len = sizeof key_id;
  const char *bad = NULL;

  out->key = key;
  gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial);
  serial[0] &= 0x7f;
  if (!check (gnutls_x509_crt_init (&out->crt), "crt_init", error) ||
      !check (gnutls_x509_crt_set_version (out->crt, 3), "set_version", error) ||
      !check (gnutls_x509_crt_set_serial (out->crt, serial, sizeof serial), "set_serial", error) ||
      !check (gnutls_x509_crt_set_activation_time (out->crt, now + from), "activation", error) ||
      !check (gnutls_x509_crt_set_expiration_time (out->crt, now + until), "expiration", error) ||
      !check (gnutls_x509_crt_set_dn (out->crt, dn, &bad), "set_dn", error) ||
      !check (gnutls_x509_crt_set_key (out->crt, key), "set_key", error) ||
      !check (gnutls_x509_crt_set_basic_constraints (out->crt, ca, -1), "constraints", error) ||
      !check (gnutls_x509_crt_set_key_usage (out->crt, ca ? GNUTLS_KEY_KEY_CERT_SIGN |
                                                                GNUTLS_KEY_CRL_SIGN
                                                          : GNUTLS_KEY_DIGITAL_SIGNATURE),
              "key_usage", error) ||
      !check (gnutls_x509_crt_get_key_id (out->crt, 0, key_id, &key_id_len), "key_id", error) ||
      !check (gnutls_x509_crt_set_subject_key_id (out->crt, key_id, key_id_len), "subject_key_id",
              error))
    return FALSE;
  if (!ca && (!add_names (out->crt, names, error) ||
              !check (gnutls_x509_crt_set_key_purpose_oid (out->crt, GNUTLS_KP_TLS_WWW_SERVER, 0),
                      "key_purpose", error)))
    return FALSE;
  return check (gnutls_x509_crt_sign2 (out->crt, issuer ? issuer->crt : out->crt,
                                       issuer ? issuer->key : key, GNUTLS_DIG_SHA256, 0),
                "sign", error);
}

static gboolean
append_pem (GString *pem,
            int (*export) (void *, gnutls_x509_crt_fmt_t, gnutls_datum_t *),
            void *object,
            GError **error)
{
  gnutls_datum_t datum = { NULL, 0 };

  if (!check (export(object, GNUTLS_X509_FMT_PEM, &datum), "export", error))
    return FALSE;
  g_string_append_len (pem, (const char *) datum.data, datum.size);
  gnutls_free (datum.data);
  return TRUE;
}

static int
export_crt (void *crt,
            gnutls_x509_crt_fmt_t format,
            gnutls_datum_t *out)
{
  return gnutls_x509_crt_export2 (crt, format, out);
}

static int
export_key (void *key,
            gnutls_x509_crt_fmt_t format,
            gnutls_datum_t *out)
{
  return gnutls_x509_privkey_export2_pkcs8 (key, format, NULL, GNUTLS_PKCS_PLAIN, out);
}

/* @leaf (and @ca, the chain's next) and @leaf's key as GIO takes them. */
static GTlsCertificate *
to_gio (Pair *leaf,
        Pair *ca,
        GError **error)
{
  g_autoptr (GString) pem = g_string_new (NULL);

  if (!append_pem (pem, export_crt, leaf->crt, error) ||
      (ca != NULL && !append_pem (pem, export_crt, ca->crt, error)) ||
      !append_pem (pem, export_key, leaf->key, error))
    return NULL;
  return g_tls_certificate_new_from_pem (pem->str, pem->len, error);
}

static gboolean
make_all (GTlsCertificate **out,
          GError **error)
{
  static const char *const lab_names[] = { "127.0.0.1", "localhost", NULL };
  static const char *const wrong_names[] = { "wrong-host.example", NULL };
  gnutls_x509_privkey_t ca_key = NULL, leaf_key = NULL;
  Pair ca = { NULL, NULL };
  Pair leaf[PF_LAB_TLS_N_KINDS] = { { NULL, NULL } };
  gboolean ok;

  /* One key for every leaf, another for the CA: each leaf's certificate is its own. */
  ok = new_key (&ca_key, error) && new_key (&leaf_key, error) &&
       make_certificate (&ca, ca_key, "CN=Preflight Lab Test CA,O=Preflight Lab", NULL, -DAY,
                         3650 * DAY, NULL, error) &&
       make_certificate (&leaf[PF_LAB_TLS_SELF_SIGNED], leaf_key, "CN=127.0.0.1,O=Preflight Lab",
                         lab_names, -DAY, 365 * DAY, NULL, error) &&
       make_certificate (&leaf[PF_LAB_TLS_EXPIRED], leaf_key,
                         "CN=127.0.0.1,O=Preflight Lab (expired)", lab_names, -400 * DAY,
                         -30 * DAY, &ca, error) &&
       make_certificate (&leaf[PF_LAB_TLS_WRONG_HOST], leaf_key,
                         "CN=wrong-host.example,O=Preflight Lab", wrong_names, -DAY, 365 * DAY,
                         &ca, error) &&
       make_certificate (&leaf[PF_LAB_TLS_UNKNOWN_CA], leaf_key,
                         "CN=127.0.0.1,O=Preflight Lab (unknown CA)", lab_names, -DAY, 365 * DAY,
                         &ca, error);
  for (guint i = 0; ok && i < PF_LAB_TLS_N_KINDS; i++)
    ok = (out[i] = to_gio (&leaf[i], i == PF_LAB_TLS_SELF_SIGNED ? NULL : &ca, error)) != NULL;
  /* The pairs share the two keys: each is let go once. */
  for (guint i = 0; i < PF_LAB_TLS_N_KINDS; i++)
    {
      leaf[i].key = NULL;
      pair_clear (&leaf[i]);
    }
  ca.key = NULL;
  pair_clear (&ca);
  if (ca_key != NULL)
    gnutls_x509_privkey_deinit (ca_key);
  if (leaf_key != NULL)
    gnutls_x509_privkey_deinit (leaf_key);
  return ok;
}

/* The certificate (with its key, and its CA's certificate when it has one) of @kind: made
 * once, when the first lab starts, and the same for every lab of the process. */
GTlsCertificate *
pf_lab_tls_get_certificate (PfLabTls kind,
                            GError **error)
{
  static GTlsCertificate *made[PF_LAB_TLS_N_KINDS];
  static GMutex lock;
  GTlsCertificate *certificate = NULL;

  g_return_val_if_fail (kind < PF_LAB_TLS_N_KINDS, NULL);
  g_mutex_lock (&lock);
  if (made[0] == NULL && !make_all (made, error))
    {
      for (guint i = 0; i < PF_LAB_TLS_N_KINDS; i++)
        g_clear_object (&made[i]);
    }
  if (made[kind] != NULL)
    certificate = g_object_ref (made[kind]);
  g_mutex_unlock (&lock);
  return certificate;
}
