/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include <json-glib/json-glib.h>

#include "pf-lab-endpoints.h"

/* /auth/basic and /auth/digest: HTTP authentication whose one account is named by the query
 * (?user=U&password=P). Without the right credentials the answer is a 401 challenge from
 * libsoup's SoupAuthDomainBasic or SoupAuthDomainDigest; with them, JSON naming the user. */

#define REALM "Preflight lab"

typedef struct
{
  const char *user;
  const char *password;
} Account;

static gboolean
basic_cb (SoupAuthDomain    *domain,
          SoupServerMessage *msg,
          const char        *username,
          const char        *password,
          gpointer           user_data)
{
  const Account *account = user_data;

  return g_strcmp0 (username, account->user) == 0 &&
         g_strcmp0 (password, account->password) == 0;
}

static char *
digest_cb (SoupAuthDomain    *domain,
           SoupServerMessage *msg,
           const char        *username,
           gpointer           user_data)
{
  const Account *account = user_data;

  if (g_strcmp0 (username, account->user) != 0)
    return NULL;
  return soup_auth_domain_digest_encode_password (username, REALM, account->password);
}

static SoupAuthDomain *
make_domain (const char *scheme,
             Account    *account)
{
  SoupAuthDomain *domain;

  if (g_str_equal (scheme, "basic"))
    {
      domain = soup_auth_domain_basic_new ("realm", REALM, NULL);
      soup_auth_domain_basic_set_auth_callback (domain, basic_cb, account, NULL);
      return domain;
    }
  if (g_str_equal (scheme, "digest"))
    {
      domain = soup_auth_domain_digest_new ("realm", REALM, NULL);
      soup_auth_domain_digest_set_auth_callback (domain, digest_cb, account, NULL);
      return domain;
    }
  return NULL;
}

static void
respond_accepted (SoupServerMessage *msg,
                  const char        *scheme,
                  const char        *user)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "authenticated");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "scheme");
  json_builder_add_string_value (builder, scheme);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  pf_lab_respond (msg, SOUP_STATUS_OK, "application/json", text);
}

void
pf_lab_handle_auth (SoupServerMessage *msg,
                    const char        *rest,
                    GHashTable        *query)
{
  Account account = { pf_lab_query (query, "user"), pf_lab_query (query, "password") };
  g_autoptr (SoupAuthDomain) domain = NULL;
  g_autofree char *user = NULL;

  if (account.user == NULL || account.password == NULL)
    {
      pf_lab_respond_bad (msg, "Give the account as ?user=…&password=…\n");
      return;
    }
  domain = make_domain (rest, &account);
  if (domain == NULL)
    {
      pf_lab_respond_bad (msg, "The scheme must be basic or digest: /auth/basic or /auth/digest\n");
      return;
    }
  user = soup_auth_domain_accepts (domain, msg);
  if (user != NULL)
    {
      respond_accepted (msg, rest, user);
      return;
    }
  pf_lab_respond (msg, SOUP_STATUS_UNAUTHORIZED, "text/plain; charset=utf-8",
                  "401 Unauthorized: the credentials are missing or wrong\n");
  soup_auth_domain_challenge (domain, msg);
}
