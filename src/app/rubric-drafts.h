/* rubric-drafts.h — drafts kept on this computer while the team database is away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-db.h"
#include "rubric-evaluation.h"

G_BEGIN_DECLS

/* $XDG_STATE_HOME/rubric/drafts */
char     *rubric_drafts_dir   (void);
/* Writes @evaluation as interchange XML to DIR/UUID.xml (atomically, mode
 * 0600), replacing an older copy. */
gboolean  rubric_drafts_keep  (RubricEvaluation  *evaluation,
                               GError           **error);
/* Saves every kept draft to @db as @reviewer, removing each file once
 * saved. Returns how many were sent; stops at the first failure (@error). */
int       rubric_drafts_send  (RubricDb          *db,
                               const char        *reviewer,
                               GError           **error);
/* Forgets the kept copy of @uuid (saved by the editor meanwhile). */
void      rubric_drafts_forget (const char       *uuid);

G_END_DECLS
