/* rubric-vendor-choice.h — a drop-down of the vendors, "All Vendors" first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rubric-db.h"

G_BEGIN_DECLS

/* Fills @dropdown with "All Vendors" and every vendor of @db, keeping the
 * vendor chosen before when it is still there. */
void        rubric_vendor_choice_fill     (GtkDropDown *dropdown,
                                           RubricDb    *db);
/* The chosen vendor's row id, or 0 for all. */
gint64      rubric_vendor_choice_get_id   (GtkDropDown *dropdown);
/* The chosen vendor's name, or NULL for all. */
const char *rubric_vendor_choice_get_name (GtkDropDown *dropdown);

G_END_DECLS
