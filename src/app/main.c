/* main.c — the rubric desktop app: everything else is in the app library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RubricApplication) app = rubric_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
