/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rows of a table under tests/data/: each row a NULL-terminated array of tab-separated
 * fields; lines starting with "#" and blank lines are skipped. */
GPtrArray *pf_test_tsv_load (const char *name);

G_END_DECLS
