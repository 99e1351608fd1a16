/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pf-cookie.h"

G_BEGIN_DECLS

#define PF_TYPE_COOKIE_LIST (pf_cookie_list_get_type ())

G_DECLARE_FINAL_TYPE (PfCookieList, pf_cookie_list, PF, COOKIE_LIST, GObject)

PfCookieList *pf_cookie_list_new        (SoupCookieJar *jar);
void          pf_cookie_list_delete     (PfCookieList  *self,
                                         PfCookie      *cookie);
void          pf_cookie_list_delete_all (PfCookieList  *self);

G_END_DECLS
