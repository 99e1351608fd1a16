/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of preflight-cli, a stable interface for scripts. */
enum
{
  PF_CLI_EXIT_OK = 0,
  PF_CLI_EXIT_FAILED = 1,
  PF_CLI_EXIT_USAGE = 2,
};

int  pf_cli_run         (int          argc,
                         char       **argv);
int  pf_cli_fetch       (int          argc,
                         char       **argv);
int  pf_cli_run_file    (int          argc,
                         char       **argv);
int  pf_cli_har         (int          argc,
                         char       **argv);
int  pf_cli_lab         (int          argc,
                         char       **argv);
int  pf_cli_events      (int          argc,
                         char       **argv);
int  pf_cli_poll        (int          argc,
                         char       **argv);
int  pf_cli_ws          (int          argc,
                         char       **argv);
int  pf_cli_import_postman (int       argc,
                            char    **argv);
int  pf_cli_usage_error (const char  *format,
                         ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
