/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PF_SHELL_ERROR (pf_shell_error_quark ())

typedef enum
{
  PF_SHELL_ERROR_ENCODING,
  PF_SHELL_ERROR_UNCLOSED_QUOTE,
  PF_SHELL_ERROR_OPERATOR,
  PF_SHELL_ERROR_NUL,
} PfShellError;

/* One word of a POSIX shell command line after quote removal, and where it started. */
typedef struct
{
  char *text;   /* its bytes, not always UTF-8 ($'\xff' makes any byte but NUL) */
  guint offset; /* the character, counted from 1, where the word starts */
} PfShellWord;

GQuark     pf_shell_error_quark (void);
GPtrArray *pf_shell_split       (const char  *command,
                                 GPtrArray   *notes,
                                 GError     **error);
char      *pf_shell_quote       (const char  *text);

G_END_DECLS
