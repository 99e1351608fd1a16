/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-test"

#include "config.h"

#include "pf-test-wait.h"

/* Waiting in tests, as GLib's and libsoup's own tests wait: the main context turns until the
 * condition holds, within a deadline that fails the test rather than hanging it. */

/* How long a wait of @timeout_ms may really take: four times as long in a build with the
 * sanitizers, which slow everything several times over, more so on a loaded machine. A wait
 * only ever ends early, when its condition holds, so the longer deadline costs nothing when
 * all goes well. (The build, not the environment, tells: the test command sets ASAN_OPTIONS
 * for every build.) */
#if defined(__SANITIZE_ADDRESS__)
#define PF_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PF_TEST_SANITIZED 1
#endif
#endif

/* Whether this is a build with AddressSanitizer, where timing and memory are not judged. */
gboolean
pf_test_under_sanitizer (void)
{
#ifdef PF_TEST_SANITIZED
  return TRUE;
#else
  return FALSE;
#endif
}

static guint
allowed_ms (guint timeout_ms)
{
  return pf_test_under_sanitizer () ? timeout_ms * 4 : timeout_ms;
}

gint64
pf_test_deadline_us (guint timeout_ms)
{
  return g_get_monotonic_time () + (gint64) allowed_ms (timeout_ms) * G_TIME_SPAN_MILLISECOND;
}

#define POLL_MS 10

static gboolean
deadline_reached_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

/* One blocking iteration of the default main context, unless @deadline_us has passed (then
 * FALSE). A timer wakes the iteration after 10 ms at most if nothing else happens: a condition
 * another thread makes true (the network thread letting go of the profile) wakes nothing here,
 * so the caller must look again soon rather than at the deadline. */
gboolean
pf_test_iterate_before (gint64 deadline_us)
{
  gint64 left_us = deadline_us - g_get_monotonic_time ();
  g_autoptr (GSource) timer = NULL;

  if (left_us <= 0)
    return FALSE;
  timer = g_timeout_source_new ((guint) MIN (POLL_MS, (left_us + 999) / G_TIME_SPAN_MILLISECOND));
  g_source_set_callback (timer, deadline_reached_cb, NULL, NULL);
  g_source_attach (timer, NULL);
  g_main_context_iteration (NULL, TRUE);
  g_source_destroy (timer);
  return TRUE;
}

void
pf_test_wait_failed (const char *file,
                     int line,
                     const char *func,
                     const char *expr,
                     guint timeout_ms)
{
  g_autofree char *message = g_strdup_printf ("waited %u ms in vain for: %s",
                                              allowed_ms (timeout_ms), expr);

  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

/* A GAsyncReadyCallback that keeps its result in the GAsyncResult * at @result_out, for a
 * test to wait on (PF_TEST_WAIT_UNTIL (result != NULL, …)) and then finish. */
void
pf_test_keep_result_cb (GObject *object,
                        GAsyncResult *result,
                        gpointer result_out)
{
  GAsyncResult **out = result_out;

  g_assert_null (*out);
  *out = g_object_ref (result);
}
