/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pf-cookie.h"

G_BEGIN_DECLS

PfCookie   *pf_cookie_new_from_soup (SoupCookie *cookie);
SoupCookie *pf_cookie_get_soup      (PfCookie   *self);

G_END_DECLS
