/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pf-event-source.h"
#include "pf-feed.h"
#include "pf-long-poll.h"
#include "pf-web-socket.h"

G_BEGIN_DECLS

#define PF_TYPE_FEED_VIEW (pf_feed_view_get_type ())

G_DECLARE_FINAL_TYPE (PfFeedView, pf_feed_view, PF, FEED_VIEW, GtkWidget)

PfFeedView    *pf_feed_view_new              (PfProfile   *profile);
void           pf_feed_view_set_url          (PfFeedView  *self,
                                              const char  *url);
const char    *pf_feed_view_get_url          (PfFeedView  *self);
void           pf_feed_view_focus_url        (PfFeedView  *self);
void           pf_feed_view_set_max_entries  (PfFeedView  *self,
                                              guint        max_entries);
void           pf_feed_view_set_kind         (PfFeedView  *self,
                                              PfFeedKind   kind);
PfFeedKind     pf_feed_view_get_kind         (PfFeedView  *self);
const char    *pf_feed_view_get_title        (PfFeedView  *self);
char          *pf_feed_view_dup_lab_url      (PfFeedKind   kind,
                                              const char  *lab_url);
void           pf_feed_view_set_page_origin  (PfFeedView  *self,
                                              const char  *origin,
                                              gboolean     with_credentials);
PfFeed        *pf_feed_view_get_feed         (PfFeedView  *self);
PfEventSource *pf_feed_view_get_event_source (PfFeedView  *self);
PfWebSocket   *pf_feed_view_get_web_socket   (PfFeedView  *self);
PfLongPoll    *pf_feed_view_get_long_poll    (PfFeedView  *self);
void           pf_feed_view_set_lesson       (PfFeedView  *self,
                                              const char  *title,
                                              const char  *text);
void           pf_feed_view_save_har_to      (PfFeedView  *self,
                                              GFile       *file);

G_END_DECLS
