/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-application.h"
#include "pf-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (PfApplication) app = NULL;

  pf_locale_init ();
  pf_application_setup_environment ();
  app = pf_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
