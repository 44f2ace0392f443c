/* rubric-members.h — the members of a team database and their roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A member is a PostgreSQL login that is a member of one of the group
 * roles rubric_reviewer, rubric_lead and rubric_admin (SPEC §15), or the
 * owner of the schema, an admin. The work is done by the server, in the
 * functions migration 5 creates (rubric-migrations-pg.c): only admins may
 * call them. A single SQLite file has no members: these calls fail there
 * with RUBRIC_ERROR_USAGE.
 */

#pragma once

#include "rubric-db.h"

G_BEGIN_DECLS

typedef struct
{
  char         *name;
  RubricDbRole  role;
} RubricMember;

void          rubric_member_free     (RubricMember *member);

/* "reviewer", "lead" or "admin"; NULL for RUBRIC_DB_ROLE_NONE. */
const char   *rubric_db_role_to_string (RubricDbRole role);
/* RUBRIC_DB_ROLE_NONE when @text is none of them. */
RubricDbRole  rubric_db_role_from_string (const char *text);

/* Makes @name a member with @role (creating the login when there is none,
 * without a password: that is the server's business), or changes its
 * role. */
gboolean      rubric_members_add     (RubricDb      *db,
                                      const char    *name,
                                      RubricDbRole   role,
                                      GError       **error);
/* Every member, sorted by name (byte order), as RubricMember. */
GPtrArray    *rubric_members_list    (RubricDb      *db,
                                      GError       **error);
/* Ends @name's membership (RUBRIC_ERROR_NOT_FOUND when it has none); the
 * login stays. The owner cannot be removed. */
gboolean      rubric_members_remove  (RubricDb      *db,
                                      const char    *name,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricMember, rubric_member_free)

G_END_DECLS
