/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-browser-headers"

#include "config.h"

#include "pf-browser-headers.h"
#include "pf-cors.h"
#include "pf-key-value.h"
#include "pf-mime.h"

#include <string.h>

/* The headers Chromium adds by itself to a page's XMLHttpRequest (or image), as headless
 * Chromium sent them to the lab's /echo (tests/browser/compare-browser-headers.py), in its
 * order. libsoup adds Host, Content-Length and Cookie (from the profile's jar); the CORS flow
 * adds Origin where Fetch says so. Pure functions: no I/O. */

#define USER_AGENT \
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" \
  PF_CHROMIUM_MAJOR ".0.0.0 Safari/537.36"
/* The brand list with Chromium's GREASE brand for this major version. */
#define CH_UA "\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"" PF_CHROMIUM_MAJOR "\""
/* Chromium's default for an en-US profile: the locale of a fresh headless Chromium. */
#define ACCEPT_LANGUAGE "en-US,en;q=0.9"

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost"))
    return TRUE;
  if (host[0] == '[')
    {
      g_autofree char *bare = g_strndup (host + 1, strlen (host) - 2);
      address = g_inet_address_new_from_string (bare);
    }
  else
    address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Secure Contexts "potentially trustworthy URL": https and wss, or a loopback host. Chromium
 * sends Sec-Fetch-*, client hints and br only to these. */
gboolean
pf_browser_headers_url_trustworthy (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "wss") == 0 ||
         host_is_loopback (g_uri_get_host (uri));
}

/* The page's URL: @page as given when it is a URL with a path, else its origin's "/". */
static char *
page_url (const char *page,
          const char *url)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *origin = NULL;

  if (page == NULL || *page == '\0')
    page = url;
  /* Encoded: the page's URL goes out as it was written, %-escapes and all. */
  uri = g_uri_parse (page, G_URI_FLAGS_ENCODED, NULL);
  origin = pf_cors_serialize_origin (page);
  if (uri == NULL || origin == NULL)
    return NULL;
  if (page != url && *g_uri_get_path (uri) != '\0')
    {
      g_autoptr (GUri) bare = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                                           g_uri_get_host (uri), g_uri_get_port (uri),
                                           g_uri_get_path (uri), g_uri_get_query (uri), NULL);
      return g_uri_to_string (bare);
    }
  return g_strconcat (origin, "/", NULL);
}

/* Referrer Policy strict-origin-when-cross-origin (Chromium's default): the page's URL
 * without fragment or credentials to its own origin, its origin to another, nothing from
 * https to http. NULL when nothing is sent. */
char *
pf_browser_headers_referrer (const char *page,
                             const char *url)
{
  g_autofree char *full = page_url (page, url);
  g_autofree char *origin = full ? pf_cors_serialize_origin (full) : NULL;

  if (full == NULL || g_str_equal (origin, "null"))
    return NULL;
  if (pf_cors_same_origin (origin, url))
    return g_steal_pointer (&full);
  if (pf_browser_headers_url_trustworthy (full) && !pf_browser_headers_url_trustworthy (url))
    return NULL;
  return g_strconcat (origin, "/", NULL);
}

/* A host's registrable domain, roughly: an IP address is its own site, a name its last two
 * labels (no public suffix list: "a.co.uk" and "b.co.uk" count as one site). */
static char *
site_of (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  const char *dot;

  if (g_hostname_is_ip_address (host) || host[0] == '[')
    return g_ascii_strdown (host, -1);
  dot = strrchr (host, '.');
  if (dot == NULL)
    return g_ascii_strdown (host, -1);
  /* The label before the last dot starts after the dot before it, or at the start. */
  while (dot > host && dot[-1] != '.')
    dot--;
  return g_ascii_strdown (dot, -1);
}

/* Fetch Metadata's Sec-Fetch-Site: "same-origin", "same-site" (same scheme and site) or
 * "cross-site" for a request from @page to @url. */
const char *
pf_browser_headers_site (const char *page,
                         const char *url)
{
  g_autofree char *full = page_url (page, url);
  g_autofree char *origin = full ? pf_cors_serialize_origin (full) : NULL;
  g_autoptr (GUri) from = full ? g_uri_parse (full, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr (GUri) to = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *from_site = NULL;
  g_autofree char *to_site = NULL;

  if (origin != NULL && pf_cors_same_origin (origin, url))
    return "same-origin";
  if (from == NULL || to == NULL || g_uri_get_host (to) == NULL)
    return "cross-site";
  from_site = site_of (from);
  to_site = site_of (to);
  if (g_ascii_strcasecmp (g_uri_get_scheme (from), g_uri_get_scheme (to)) == 0 &&
      g_str_equal (from_site, to_site))
    return "same-site";
  return "cross-site";
}

static void
add (GPtrArray  *out,
     const char *name,
     const char *value)
{
  g_ptr_array_add (out, pf_key_value_new (name, value));
}

/* What Chromium adds to a request from the page at @page (a page URL or an origin; NULL or
 * "": a page at @url's own origin) to @url, that goes with @credentials (cookies) or not,
 * PfKeyValue rows in Chromium's order. An
 * XMLHttpRequest is mode "cors" (even to its own origin), an image "no-cors"; Origin goes on
 * a cors request to another origin and on any method but GET and HEAD. */
GPtrArray *
pf_browser_headers_for (const char  *page,
                        const char  *url,
                        const char  *method,
                        PfInitiator  initiator,
                        gboolean     credentials)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean image = initiator == PF_INITIATOR_IMAGE;
  gboolean trustworthy = pf_browser_headers_url_trustworthy (url);
  g_autofree char *full = page_url (page, url);
  g_autofree char *origin = full ? pf_cors_serialize_origin (full) : NULL;
  g_autofree char *referrer = pf_browser_headers_referrer (page, url);

  add (out, "Connection", "keep-alive");
  add (out, "User-Agent", USER_AGENT);
  add (out, "Accept", image ? PF_IMAGE_ACCEPT : "*/*");
  if (!image && origin != NULL &&
      (!pf_cors_same_origin (origin, url) ||
       (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0)))
    add (out, "Origin", origin);
  if (referrer != NULL)
    add (out, "Referer", referrer);
  /* Chromium also offers zstd there; libsoup 3.2 cannot decode it, so it is left out. */
  add (out, "Accept-Encoding", trustworthy ? "gzip, deflate, br" : "gzip, deflate");
  add (out, "Accept-Language", ACCEPT_LANGUAGE);
  if (!trustworthy)
    return out;
  add (out, "sec-ch-ua-platform", "\"Linux\"");
  add (out, "sec-ch-ua", CH_UA);
  add (out, "sec-ch-ua-mobile", "?0");
  add (out, "Sec-Fetch-Site", pf_browser_headers_site (page, url));
  add (out, "Sec-Fetch-Mode", image ? "no-cors" : "cors");
  add (out, "Sec-Fetch-Dest", image ? "image" : "empty");
  /* The Storage Access headers: a credentialed cross-site request says the page has not been
   * granted storage access. */
  if (credentials && g_str_equal (pf_browser_headers_site (page, url), "cross-site"))
    add (out, "Sec-Fetch-Storage-Access", "none");
  return out;
}
