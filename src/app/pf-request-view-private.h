/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-request-view.h"
#include "pf-timeline-chart.h"

G_BEGIN_DECLS

struct _PfRequestView
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  GtkBox *editor_box;
  GtkBox *cors_box;
  GtkStack *left_stack;
  GtkPaned *paned;
  GtkBox *status_line;
  GtkStack *response_stack;
  GtkTextView *raw_view;
  GtkListBox *response_headers_list;
  PfTimelineChart *timeline_chart;
  GtkPicture *body_picture;
  GtkScrolledWindow *body_scroller;
  GtkBox *lesson_box;
  GtkLabel *lesson_title;
  GtkLabel *lesson_text;
  GtkEntry *method_entry;
  GtkEntry *url_entry;
  GtkStack *send_stack;
  GtkLabel *ready_state_label;
  GtkProgressBar *progress_bar;
  GtkProgressBar *upload_bar;
  GtkStack *timeline_stack;
  GtkSortListModel *timeline_sort;
  GtkStack *result_stack;
  GtkLabel *status_label;
  GtkLabel *body_note;
  GtkWidget *save_body_button;
  GtkTextView *body_view;
  GtkTextView *headers_view;

  /* Editor widgets (made in code) */
  GtkListBox *headers_list;
  AdwComboRow *body_kind_row;
  GtkStack *body_stack;
  GListStore *fields;
  GtkWidget *add_file_button;
  AdwActionRow *file_row;
  char *body_file;
  AdwEntryRow *content_type_row;
  GtkTextView *body_text_view;
  GtkSpinButton *timeout_spin;
  GtkSpinButton *redirects_spin;
  AdwEntryRow *mime_row;
  AdwEntryRow *origin_entry;
  AdwComboRow *credentials_row;

  /* Owned */
  GListStore *headers;
  GListStore *params;
  gboolean syncing_params;
  PfPreflightCache *cache;
  SoupSession *session;
  PfExchange *exchange;
  GCancellable *cancellable;
  GCancellable *body_cancellable;
};

void       _pf_request_view_build_editor    (PfRequestView *self);
void       _pf_request_view_url_changed     (PfRequestView *self);
PfRequest *_pf_request_view_build_request   (PfRequestView *self);
GdkTexture *_pf_request_view_image           (const char  *mime_type,
                                             GBytes       *bytes,
                                             char        **note);
void       _pf_request_view_save_body       (PfRequestView *self);
void       _pf_request_view_save_body_to    (PfRequestView *self,
                                             GFile         *destination);
void       _pf_request_view_show_cors       (PfRequestView *self);
void       _pf_request_view_clear_cors      (PfRequestView *self);

G_END_DECLS
