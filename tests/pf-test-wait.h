/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Iterates the default main context until @expr holds; if @timeout_ms pass first, the test
 * fails with a message naming @expr. Never a sleep: an iteration blocks 10 ms at most, so
 * that a condition another thread makes true is seen at once. */
#define PF_TEST_WAIT_UNTIL(expr, timeout_ms)                                                   \
  G_STMT_START                                                                                 \
  {                                                                                            \
    gint64 pf_test_deadline_us_ = pf_test_deadline_us (timeout_ms);                            \
    while (!(expr))                                                                            \
      if (!pf_test_iterate_before (pf_test_deadline_us_))                                      \
        {                                                                                      \
          pf_test_wait_failed (__FILE__, __LINE__, G_STRFUNC, #expr, (timeout_ms));            \
          break;                                                                               \
        }                                                                                      \
  }                                                                                            \
  G_STMT_END

gboolean pf_test_under_sanitizer (void);
gint64   pf_test_deadline_us     (guint         timeout_ms);
gboolean pf_test_iterate_before  (gint64        deadline_us);
void     pf_test_wait_failed     (const char   *file,
                                  int           line,
                                  const char   *func,
                                  const char   *expr,
                                  guint         timeout_ms);

void     pf_test_keep_result_cb  (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      result_out);

G_END_DECLS
