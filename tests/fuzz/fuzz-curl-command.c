/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-fail.h"

#include "pf-curl-command.h"

/* A curl command of any text: imported or refused with an error that says where; an imported
 * request exports to a command that imports again. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (PfCurlCommand) command = pf_curl_command_parse (text, &error);
  g_autofree char *again = NULL;
  g_autoptr (PfCurlCommand) reparsed = NULL;

  if (command == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }
  again = pf_curl_command_from_request (pf_curl_command_get_request (command), FALSE);
  reparsed = pf_curl_command_parse (again, NULL);
  if (reparsed == NULL)
    fuzz_fail ("an exported command does not import: %s", again);
  return 0;
}
