/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-tab-layout"

#include "config.h"

#include "pf-tab-layout.h"

/* A tab's layout: its children one above the other, as a vertical GtkBox lays them out, except
 * that the tab's width never depends on the height it is given. GtkStack (the tab view's)
 * measures a child's width for its height before allocating it; a vertical box answers by
 * sharing that height among its children, and a label that wraps, left a line or two, asks for
 * its whole text on one line. A narrow window's tab would then be laid out wider than the
 * window and cut on both sides. The tab asks for the width its children need at any height. */
struct _PfTabLayout
{
  GtkLayoutManager parent_instance;

  /* Owned */
  GtkLayoutManager *box;
};

G_DEFINE_FINAL_TYPE (PfTabLayout, pf_tab_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
pf_tab_layout_get_request_mode (GtkLayoutManager *manager,
                                GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pf_tab_layout_measure (GtkLayoutManager *manager,
                       GtkWidget        *widget,
                       GtkOrientation    orientation,
                       int               for_size,
                       int              *minimum,
                       int              *natural,
                       int              *minimum_baseline,
                       int              *natural_baseline)
{
  PfTabLayout *self = PF_TAB_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;
  gtk_layout_manager_measure (self->box, widget, orientation, for_size, minimum, natural,
                              minimum_baseline, natural_baseline);
}

static void
pf_tab_layout_allocate (GtkLayoutManager *manager,
                        GtkWidget        *widget,
                        int               width,
                        int               height,
                        int               baseline)
{
  gtk_layout_manager_allocate (PF_TAB_LAYOUT (manager)->box, widget, width, height, baseline);
}

static void
pf_tab_layout_finalize (GObject *object)
{
  g_clear_object (&PF_TAB_LAYOUT (object)->box);
  G_OBJECT_CLASS (pf_tab_layout_parent_class)->finalize (object);
}

static void
pf_tab_layout_class_init (PfTabLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->finalize = pf_tab_layout_finalize;
  layout_class->get_request_mode = pf_tab_layout_get_request_mode;
  layout_class->measure = pf_tab_layout_measure;
  layout_class->allocate = pf_tab_layout_allocate;
}

static void
pf_tab_layout_init (PfTabLayout *self)
{
  self->box = gtk_box_layout_new (GTK_ORIENTATION_VERTICAL);
}

GtkLayoutManager *
pf_tab_layout_new (void)
{
  return g_object_new (PF_TYPE_TAB_LAYOUT, NULL);
}
