/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pf-curl-command.h"
#include "pf-exchange.h"
#include "pf-profile.h"
#include "pf-variable-source.h"

G_BEGIN_DECLS

#define PF_TYPE_REQUEST_VIEW (pf_request_view_get_type ())

G_DECLARE_FINAL_TYPE (PfRequestView, pf_request_view, PF, REQUEST_VIEW, GtkWidget)

PfRequestView *pf_request_view_new (PfProfile *profile);
PfRequest *pf_request_view_get_request (PfRequestView *self);
void pf_request_view_set_request (PfRequestView *self,
                                  PfRequest *request);
void pf_request_view_focus_url (PfRequestView *self);
void pf_request_view_set_lesson (PfRequestView *self,
                                 const char *title,
                                 const char *text);
void pf_request_view_set_narrow (PfRequestView *self,
                                 gboolean narrow);
void pf_request_view_show_error (PfRequestView *self,
                                 const char *message);
PfExchange *pf_request_view_get_exchange (PfRequestView *self);
gboolean pf_request_view_get_busy (PfRequestView *self);
void pf_request_view_set_variables (PfRequestView *self,
                                    PfVariableSource *variables);
PfVariableSource *pf_request_view_get_variables (PfRequestView *self);
void pf_request_view_add_banner (PfRequestView *self,
                                 GtkWidget *banner);
void pf_request_view_show_recorded (PfRequestView *self,
                                    PfExchange *exchange);
void pf_request_view_import_curl_command (PfRequestView *self,
                                          PfCurlCommand *command);

G_END_DECLS
