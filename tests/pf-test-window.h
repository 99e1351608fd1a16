/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pf-lab-server.h"
#include "pf-test-wait.h"
#include "pf-test-widgets.h"
#include "pf-window.h"

G_BEGIN_DECLS

/* The fixture of the window tests: a real window under Xvfb on a fresh profile, beside the
 * real lab server (on 127.0.0.1, a port the system chose), as tests/pf-test-lab.h sets up. */
typedef struct
{
  PfLabServer *lab;
  PfProfile   *profile;
  PfWindow    *window;
} PfTestWindow;

/* The longest main-loop gap seen while it ran: a timeout source every 10 ms updates it. Beside
 * the gap in wall-clock time, the CPU time the main thread itself spent in its longest gap:
 * what the window's own work blocked, whatever else the machine was busy with. */
typedef struct
{
  gint64 last;
  gint64 worst;
  gint64 cpu_last;
  gint64 cpu_worst;
} PfTestStall;

void         pf_test_window_init          (int           *argc,
                                           char        ***argv);
void         pf_test_window_set_up        (PfTestWindow  *fixture,
                                           gconstpointer  data);
void         pf_test_window_tear_down     (PfTestWindow  *fixture,
                                           gconstpointer  data);
char        *pf_test_window_lab_url       (PfTestWindow  *fixture,
                                           const char    *path);
void         pf_test_window_wait_for_done (PfWindow      *window);
void         pf_test_window_send          (PfTestWindow  *fixture,
                                           const char    *path);
GtkTextView *pf_test_window_body_view     (PfTestWindow  *fixture);
const char  *pf_test_window_body_note     (PfTestWindow  *fixture);
char        *pf_test_text_of_view         (GtkTextView   *view);
gboolean     pf_test_stall_tick_cb        (gpointer       user_data);

G_END_DECLS
