/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-collection-view.h"
#include "pf-history-page.h"
#include "pf-request-view.h"
#include "pf-window.h"

G_BEGIN_DECLS

/* The window's state, shared by the files that make it up (pf-window.c, and a file per part
 * of the window that is more than a few lines: pf-window-<part>.c with its
 * _pf_window_<part>_class_init () and _pf_window_<part>_init (), called from pf-window.c). */
struct _PfWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwFlap *flap;
  AdwTabView *tab_view;
  GtkListBox *lessons_list;
  GtkStack *sidebar_stack;
  AdwWindowTitle *window_title;
  GtkToggleButton *sidebar_button;
  AdwHeaderBar *header_bar;
  PfCollectionView *collection_view; /* the sidebar's Collection page */
  PfHistoryPage *history_page;       /* pf-window-history.c's page of sidebar_stack */

  /* State */
  gboolean narrow;
  AdwToast *error_toast; /* weak: the error toast until it is dismissed */
  gulong after_paint_id;
  gboolean reselecting;

  /* Owned */
  PfProfile *profile;
  GFile *folder; /* the collection folder the user opened, or NULL */
  char *lab_url;
  PfLabServer *lab; /* for its HTTPS ports' URLs, or NULL */
  GSettings *settings;

  /* Parts (pf-window-<part>.c) */
  struct _PfWindowEnvironment *environment; /* the environment switcher and its variables */
  PfHistory *history;
  GCancellable *history_cancellable;
};

PfRequestView *_pf_window_current_view (PfWindow *self);
char *_pf_window_lesson_base (PfWindow *self,
                              PfLesson *lesson);

/* pf-window-history.c */
void _pf_window_history_class_init (GtkWidgetClass *widget_class);
void _pf_window_history_init (PfWindow *self);
void _pf_window_history_dispose (PfWindow *self);
void _pf_window_save_history_har (PfWindow *self,
                                  GFile *file);

void _pf_window_environment_class_init (GtkWidgetClass *widget_class);
void _pf_window_environment_init (PfWindow *self);
/* pf-window-collection.c: Open Folder…, the Collection page, saving requests into .http files */
void _pf_window_collection_class_init (GtkWidgetClass *widget_class);
void _pf_window_collection_init (PfWindow *self);
void _pf_window_collection_select_tab (PfWindow *self);

void _pf_window_cookies_class_init (GtkWidgetClass *widget_class);

void _pf_window_har_class_init (GtkWidgetClass *widget_class);

void _pf_window_curl_class_init (GtkWidgetClass *widget_class);

void _pf_window_postman_class_init (GtkWidgetClass *widget_class);
void _pf_window_import_postman (PfWindow *self,
                                GFile *collection,
                                GFile *folder);
void _pf_window_open_har (PfWindow *self,
                          GFile *file);
void _pf_window_show_har (PfWindow *self,
                          GFile *file,
                          const char *contents,
                          gsize length);
void _pf_window_session_class_init (GtkWidgetClass *widget_class);
void _pf_window_session_init (PfWindow *self);

G_END_DECLS
