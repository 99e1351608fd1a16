/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cookie-list"

#include "config.h"

#include "pf-cookie-list.h"
#include "pf-cookie-private.h"

/* A cookie jar as a list of PfCookie, sorted by domain, path and name, that follows the jar:
 * a response that sets a cookie, an expiry or a delete shows in the list. The jar may change
 * on whatever thread sends requests; the list changes on the thread that made it, once per
 * burst of changes, and only the cookies that changed are replaced, so a view keeps its
 * place. */
struct _PfCookieList
{
  GObject parent_instance;

  SoupCookieJar *jar;
  GPtrArray *items;         /* PfCookie, sorted */
  GMainContext *context;    /* where the list changes */
  GMutex lock;              /* guards pending */
  GSource *pending;         /* a refresh about to run, or NULL */
};

static void pf_cookie_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfCookieList, pf_cookie_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pf_cookie_list_model_init))

static GType
pf_cookie_list_get_item_type (GListModel *model)
{
  return PF_TYPE_COOKIE;
}

static guint
pf_cookie_list_get_n_items (GListModel *model)
{
  return PF_COOKIE_LIST (model)->items->len;
}

static gpointer
pf_cookie_list_get_item (GListModel *model,
                         guint       position)
{
  PfCookieList *self = PF_COOKIE_LIST (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position))
                                     : NULL;
}

static void
pf_cookie_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pf_cookie_list_get_item_type;
  iface->get_n_items = pf_cookie_list_get_n_items;
  iface->get_item = pf_cookie_list_get_item;
}

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return pf_cookie_compare (*(PfCookie **) a, *(PfCookie **) b);
}

static GPtrArray *
read_jar (SoupCookieJar *jar)
{
  GSList *cookies = soup_cookie_jar_all_cookies (jar);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = cookies; l != NULL; l = l->next)
    g_ptr_array_add (items, pf_cookie_new_from_soup (l->data));
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  g_ptr_array_sort (items, compare_cb);
  return items;
}

/* The jar read again; the items that did not change are kept, the run between the first and
 * the last that did is replaced. */
static void
refresh (PfCookieList *self)
{
  g_autoptr (GPtrArray) items = read_jar (self->jar);
  guint old_len = self->items->len, head = 0, tail = 0;

  while (head < old_len && head < items->len &&
         pf_cookie_equal (g_ptr_array_index (self->items, head), g_ptr_array_index (items, head)))
    head++;
  while (tail < old_len - head && tail < items->len - head &&
         pf_cookie_equal (g_ptr_array_index (self->items, old_len - 1 - tail),
                          g_ptr_array_index (items, items->len - 1 - tail)))
    tail++;
  if (head == old_len && head == items->len)
    return;
  g_ptr_array_remove_range (self->items, head, old_len - head - tail);
  for (guint i = head; i < items->len - tail; i++)
    g_ptr_array_insert (self->items, i, g_object_ref (g_ptr_array_index (items, i)));
  g_list_model_items_changed (G_LIST_MODEL (self), head, old_len - head - tail,
                              items->len - head - tail);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PfCookieList *self = user_data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->pending, g_source_unref);
  g_mutex_unlock (&self->lock);
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* On the jar's thread, which may not be ours: the refresh is left to our context. */
static void
jar_changed_cb (SoupCookieJar *jar,
                SoupCookie    *old_cookie,
                SoupCookie    *new_cookie,
                PfCookieList  *self)
{
  g_mutex_lock (&self->lock);
  if (self->pending == NULL && self->jar != NULL)
    {
      self->pending = g_idle_source_new ();
      g_source_set_callback (self->pending, refresh_cb, self, NULL);
      g_source_set_static_name (self->pending, "[pf] cookie list refresh");
      g_source_attach (self->pending, self->context);
    }
  g_mutex_unlock (&self->lock);
}

static void
pf_cookie_list_dispose (GObject *object)
{
  PfCookieList *self = PF_COOKIE_LIST (object);

  if (self->jar != NULL)
    g_signal_handlers_disconnect_by_func (self->jar, jar_changed_cb, self);
  g_mutex_lock (&self->lock);
  g_clear_object (&self->jar);
  if (self->pending != NULL)
    g_source_destroy (self->pending);
  g_clear_pointer (&self->pending, g_source_unref);
  g_mutex_unlock (&self->lock);
  G_OBJECT_CLASS (pf_cookie_list_parent_class)->dispose (object);
}

static void
pf_cookie_list_finalize (GObject *object)
{
  PfCookieList *self = PF_COOKIE_LIST (object);

  g_ptr_array_unref (self->items);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (pf_cookie_list_parent_class)->finalize (object);
}

static void
pf_cookie_list_class_init (PfCookieListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pf_cookie_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = pf_cookie_list_finalize;
}

static void
pf_cookie_list_init (PfCookieList *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
}

/* The cookies of @jar, following it on the thread-default main context of the caller. */
PfCookieList *
pf_cookie_list_new (SoupCookieJar *jar)
{
  PfCookieList *self;

  g_return_val_if_fail (SOUP_IS_COOKIE_JAR (jar), NULL);
  self = g_object_new (PF_TYPE_COOKIE_LIST, NULL);
  self->jar = g_object_ref (jar);
  self->items = read_jar (jar);
  g_signal_connect (jar, "changed", G_CALLBACK (jar_changed_cb), self);
  return self;
}

/* Deletes @cookie from the jar; the list follows. */
void
pf_cookie_list_delete (PfCookieList *self,
                       PfCookie     *cookie)
{
  g_return_if_fail (PF_IS_COOKIE_LIST (self));
  g_return_if_fail (PF_IS_COOKIE (cookie));
  soup_cookie_jar_delete_cookie (self->jar, pf_cookie_get_soup (cookie));
}

/* Empties the jar; the list follows. */
void
pf_cookie_list_delete_all (PfCookieList *self)
{
  GSList *cookies;

  g_return_if_fail (PF_IS_COOKIE_LIST (self));
  cookies = soup_cookie_jar_all_cookies (self->jar);
  for (GSList *l = cookies; l != NULL; l = l->next)
    soup_cookie_jar_delete_cookie (self->jar, l->data);
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
}
