/* rubric-window-private.h — what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-agents-page.h"
#include "rubric-evaluations-page.h"
#include "rubric-review-page.h"
#include "rubric-scorecards-page.h"
#include "rubric-vendors-page.h"
#include "rubric-window.h"

G_BEGIN_DECLS

struct _RubricWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkBox               *content_box;
  AdwWindowTitle       *page_title;
  GtkRevealer          *job_revealer;
  GtkLabel             *job_label;
  GtkProgressBar       *job_progress;
  GtkStack             *content_stack;
  RubricReviewPage     *review_page;
  RubricEvaluationsPage *evaluations_page;
  RubricAgentsPage     *agents_page;
  RubricVendorsPage    *vendors_page;
  RubricScorecardsPage *scorecards_page;
  AdwBin               *editor_bin;
  GtkLabel             *member_label;
  GtkRevealer          *offline_revealer;

  /* Owned references */
  GSettings            *settings;
  GCancellable         *job;
  GtkFileChooserNative *chooser;
  char                 *page;        /* the sidebar page chosen */

  /* Borrowed references */
  RubricDb             *db;

  GCancellable         *probe;       /* the reconnection try under way */

  guint                 pulse_source;
  guint                 probe_source;
  guint                 retry_s;     /* the next try's delay */
  RubricDbRole          role;
  gboolean              team;        /* a team (PostgreSQL) database */
  gboolean              offline;
  guint                 loaded;      /* bit i: pages[i] has the database (ensure_page_loaded) */
  gboolean              empty;       /* no calls and no evaluations */
};

/* rubric-window-imports.c */
void rubric_window_import_calls_action   (GtkWidget    *widget,
                                          const char   *action_name,
                                          GVariant     *parameter);
void rubric_window_job_cancel_clicked_cb (RubricWindow *self);

/* rubric-window-team.c */
void rubric_window_apply_role            (RubricWindow *self);
void rubric_window_retry_clicked_cb      (RubricWindow *self);
void rubric_window_team_dispose          (RubricWindow *self);
void rubric_window_team_ensure_style     (void);

G_END_DECLS
