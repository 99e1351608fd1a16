/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdlib.h>

/* A finding: said, then abort (), which libFuzzer catches and keeps the input of (g_error ()'s
 * breakpoint trap it does not). */
#define fuzz_fail(...) \
  G_STMT_START \
  { \
    g_printerr (__VA_ARGS__); \
    g_printerr ("\n"); \
    abort (); \
  } \
  G_STMT_END
