/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-exchange.h"
#include "pf-lab-server.h"
#include "pf-test-wait.h"

G_BEGIN_DECLS

/* The fixture of the network tests: the real lab server on 127.0.0.1, on a port the system
 * chose, and a fresh browser profile (session, cookie jar, preflight cache) per test. */
typedef struct
{
  PfLabServer *lab;
  PfProfile *profile;
} PfTestLab;

PfLabServer *pf_test_lab_server_start (void);
PfLabServer *pf_test_lab_server_start_in_thread (void);
void pf_test_lab_server_finalize (PfLabServer *lab);
char *pf_test_lab_url (PfLabServer *lab,
                       const char *path);

void pf_test_lab_set_up (PfTestLab *fixture,
                         gconstpointer data);
void pf_test_lab_tear_down (PfTestLab *fixture,
                            gconstpointer data);

gboolean pf_test_lab_run_exchange (PfExchange *exchange,
                                   GError **error);

void pf_test_assert_valid_har (const char *path);

G_END_DECLS
