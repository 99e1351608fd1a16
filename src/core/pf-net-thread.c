/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-net-thread"

#include "config.h"

#include "pf-net-thread.h"

/* A thread with a main context of its own, where an exchange's network I/O runs (see
 * pf-exchange-net.c): libsoup stamps each phase of a request when its callback runs, so the
 * loop that runs them must be free at once. A window's main loop is often busy for a frame
 * (10–20 ms) and would count that time as the server's; this loop does nothing else. */
struct _PfNetThread
{
  GObject parent_instance;

  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
};

G_DEFINE_FINAL_TYPE (PfNetThread, pf_net_thread, G_TYPE_OBJECT)

static gpointer
run (gpointer data)
{
  PfNetThread *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
pf_net_thread_finalize (GObject *object)
{
  PfNetThread *self = PF_NET_THREAD (object);

  /* Whatever was handed to the thread before its end runs first, in order. */
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  /* What the last callbacks queued (a closing stream's cleanup) runs here. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (pf_net_thread_parent_class)->finalize (object);
}

static void
pf_net_thread_class_init (PfNetThreadClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_net_thread_finalize;
}

static void
pf_net_thread_init (PfNetThread *self)
{
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("pf-network", run, self);
}

PfNetThread *
pf_net_thread_new (void)
{
  return g_object_new (PF_TYPE_NET_THREAD, NULL);
}

/* The thread's main context: hand it work with g_main_context_invoke (). */
GMainContext *
pf_net_thread_get_context (PfNetThread *self)
{
  g_return_val_if_fail (PF_IS_NET_THREAD (self), NULL);
  return self->context;
}
