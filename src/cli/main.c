/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-cli.h"

int
main (int   argc,
      char *argv[])
{
  return pf_cli_run (argc, argv);
}
