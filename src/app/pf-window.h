/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "pf-exchange.h"
#include "pf-feed-view.h"
#include "pf-history.h"
#include "pf-lab-server.h"
#include "pf-lesson.h"
#include "pf-profile.h"
#include "pf-request-view.h"

G_BEGIN_DECLS

#define PF_TYPE_WINDOW (pf_window_get_type ())

G_DECLARE_FINAL_TYPE (PfWindow, pf_window, PF, WINDOW, AdwApplicationWindow)

PfWindow      *pf_window_new              (GtkApplication   *application,
                                           PfProfile        *profile,
                                           const char       *lab_url);
PfRequestView *pf_window_new_tab          (PfWindow         *self,
                                           const char       *url);
PfFeedView    *pf_window_new_feed_tab     (PfWindow         *self,
                                           const char       *url);
PfFeedView    *pf_window_get_feed_view    (PfWindow         *self);
void           pf_window_set_settings     (PfWindow         *self,
                                           GSettings        *settings);
void           pf_window_set_lab          (PfWindow         *self,
                                           PfLabServer      *lab);
void           pf_window_open_lesson      (PfWindow         *self,
                                           PfLesson         *lesson);
void           pf_window_set_url          (PfWindow         *self,
                                           const char       *url);
void           pf_window_show_error       (PfWindow         *self,
                                           const char       *message);
PfExchange    *pf_window_get_exchange     (PfWindow         *self);
PfRequestView *pf_window_get_request_view (PfWindow         *self);
AdwTabView    *pf_window_get_tab_view     (PfWindow         *self);
GFile         *pf_window_get_folder       (PfWindow         *self);
void           pf_window_set_folder       (PfWindow         *self,
                                           GFile            *folder);
void           pf_window_set_history      (PfWindow         *self,
                                           PfHistory        *history);
PfHistory     *pf_window_get_history      (PfWindow         *self);
JsonNode      *pf_window_save_session     (PfWindow         *self);
gboolean       pf_window_restore_session  (PfWindow         *self,
                                           JsonNode         *node);

G_END_DECLS
