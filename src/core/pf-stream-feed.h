/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-exchange.h"
#include "pf-feed.h"

G_BEGIN_DECLS

#define PF_TYPE_STREAM_FEED (pf_stream_feed_get_type ())

G_DECLARE_FINAL_TYPE (PfStreamFeed, pf_stream_feed, PF, STREAM_FEED, GObject)

PfStreamFeed *pf_stream_feed_new          (PfProfile    *profile,
                                           const char   *url,
                                           GError      **error);
PfExchange   *pf_stream_feed_get_exchange (PfStreamFeed *self);

G_END_DECLS
