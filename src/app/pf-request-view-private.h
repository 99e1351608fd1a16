/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtksourceview/gtksource.h>

#include "pf-body-search.h"
#include "pf-body-viewer.h"
#include "pf-cors-view.h"
#include "pf-lesson-banner.h"
#include "pf-tls-panel.h"
#include "pf-request-editor.h"
#include "pf-request-view.h"
#include "pf-timeline-chart.h"

G_BEGIN_DECLS

struct _PfRequestView
{
  GtkWidget parent_instance;

  /* Template widgets */
  PfRequestEditor *editor;
  PfCorsView *cors_view;
  GtkScrolledWindow *cors_scroller;
  GtkStack *left_stack;
  GtkPaned *paned;
  GtkBox *status_line;
  GtkStack *response_stack;
  GtkTextView *raw_view;
  GtkListBox *response_headers_list;
  PfTimelineChart *timeline_chart;
  GtkPicture *body_picture;
  GtkScrolledWindow *body_scroller;
  GtkScrolledWindow *whole_body_scroller;
  PfBodyViewer *whole_body_viewer;
  PfLessonBanner *lesson_banner;
  PfTlsPanel *tls_panel;
  GtkEntry *method_entry;
  GtkMenuButton *method_menu_button;
  GtkLabel *forbidden_note;
  GtkEntry *url_entry;
  GtkStack *send_stack;
  GtkLabel *ready_state_label;
  GtkProgressBar *progress_bar;
  GtkProgressBar *upload_bar;
  GtkStack *timeline_stack;
  GtkSortListModel *timeline_sort;
  GtkListView *timeline_view;
  GtkStack *result_stack;
  GtkLabel *status_label;
  GtkLabel *summary_label;
  GtkLabel *body_note;
  GtkWidget *save_body_button;
  GtkToggleButton *wrap_button;
  GtkTextView *body_view;
  GtkTextView *headers_view;
  GtkRevealer *find_bar;
  GtkSearchEntry *find_entry;
  GtkLabel *find_count;
  GtkCheckButton *find_case;
  GtkCheckButton *find_word;
  GtkCheckButton *find_regex;

  /* Owned */
  PfRequest *request;
  PfVariableSource *variables;
  GBinding *method_binding;
  GBinding *url_binding;
  PfProfile *profile;
  PfExchange *exchange;
  GCancellable *cancellable;
  GCancellable *body_cancellable;
  /* Find in the body: a search of the whole body viewer's, or GtkSourceView's own */
  PfBodySearch *body_search;
  GtkSourceSearchContext *source_search;
  guint find_index;

  /* The body as it loads: bytes shown, the last line's length, whether it began and is full */
  GListModel *live_timeline;
  gsize live_shown;
  gsize live_line;
  /* From Send until the exchange's result is shown (its send_async has finished). */
  gboolean busy;
  /* Showing a recorded exchange (history's): nothing edits or sends it. */
  gboolean read_only;
  gboolean live_begun;
  gboolean live_full;
  /* A paste into the URL entry is under way: a curl command pasted there is imported. */
  gboolean pasting;
};

/* What Copy as … writes: the request as a command, as code, as a .http entry. */
typedef enum
{
  PF_COPY_CURL,
  PF_COPY_FETCH,
  PF_COPY_XHR,
  PF_COPY_HTTP,
} PfCopyStyle;

/* A file the user chose to save to; @include_secrets when they asked for secret values. */
typedef void (*PfSaveChosen) (PfRequestView *self,
                              GFile *file,
                              gboolean include_secrets);

GdkTexture *_pf_request_view_image (const char *mime_type,
                                    GBytes *bytes,
                                    char **note);
void _pf_request_view_save_body (PfRequestView *self);
void _pf_request_view_save_body_to (PfRequestView *self,
                                    GFile *destination,
                                    gboolean include_secrets);
void _pf_request_view_ask_save (PfRequestView *self,
                                const char *title,
                                const char *name,
                                gboolean secrets_choice,
                                PfSaveChosen chosen);
char *_pf_request_view_suggested_name (PfRequestView *self,
                                       const char *fallback);
void _pf_request_view_save_har (PfRequestView *self);
gboolean _pf_request_view_is_curl_command (const char *text);
void _pf_request_view_import_curl (PfRequestView *self,
                                   const char *command);
char *_pf_request_view_dup_code (PfRequestView *self,
                                 PfCopyStyle style,
                                 gboolean *masked);
void _pf_request_view_copy (PfRequestView *self,
                            PfCopyStyle style);
void _pf_request_view_save_har_to (PfRequestView *self,
                                   GFile *destination,
                                   gboolean include_secrets);
void _pf_request_view_find_init (PfRequestView *self);
void _pf_request_view_find_show (PfRequestView *self);
void _pf_request_view_find_step (PfRequestView *self,
                                 gboolean forward);
void _pf_request_view_find_reset (PfRequestView *self);
void _pf_request_view_find_close (PfRequestView *self);
void _pf_request_view_indent_lines (GtkTextView *view,
                                    const char *text);
PfRequest *_pf_request_view_expand (PfRequestView *self,
                                    GStrv *secrets);
char *_pf_request_view_mask (PfRequestView *self,
                             const char *text);

G_END_DECLS
