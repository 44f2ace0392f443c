/* rubric-members.c — the members of a team database and their roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-error.h"
#include "rubric-members.h"
#include "rubric-private.h"

void
rubric_member_free (RubricMember *member)
{
  if (member == NULL)
    return;

  g_free (member->name);
  g_free (member);
}

static const char * const role_names[] = {
  [RUBRIC_DB_ROLE_REVIEWER] = "reviewer",
  [RUBRIC_DB_ROLE_LEAD]     = "lead",
  [RUBRIC_DB_ROLE_ADMIN]    = "admin",
};

const char *
rubric_db_role_to_string (RubricDbRole role)
{
  if (role <= RUBRIC_DB_ROLE_NONE || role >= G_N_ELEMENTS (role_names))
    return NULL;

  return role_names[role];
}

RubricDbRole
rubric_db_role_from_string (const char *text)
{
  for (guint i = RUBRIC_DB_ROLE_REVIEWER; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      return (RubricDbRole) i;

  return RUBRIC_DB_ROLE_NONE;
}

static gboolean
check_team (RubricDb  *db,
            GError   **error)
{
  if (rubric_db_is_postgres (db))
    return TRUE;

  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE,
               _("members: only a team (PostgreSQL) database has members"));
  return FALSE;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name != NULL && *name != '\0' && g_utf8_validate (name, -1, NULL))
    return TRUE;

  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE,
               _("members: a member needs a name (the PostgreSQL login)"));
  return FALSE;
}

/* Steps @stmt to its end: one row at most, then done. */
static gboolean
run (RubricDb    *db,
     RubricStmt  *stmt,
     gint64      *first_column,
     GError     **error)
{
  int rc = rubric_stmt_step (stmt);

  if (rc == RUBRIC_ROW)
    {
      if (first_column != NULL)
        *first_column = rubric_stmt_column_int64 (stmt, 0);
      rc = rubric_stmt_step (stmt);
    }

  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);

  return TRUE;
}

gboolean
rubric_members_add (RubricDb      *db,
                    const char    *name,
                    RubricDbRole   role,
                    GError       **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  const char *role_name = rubric_db_role_to_string (role);

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (role_name != NULL, FALSE);

  if (!check_team (db, error) || !check_name (name, error))
    return FALSE;

  /* The server quotes the name (format %I): it is never pasted into SQL. */
  stmt = rubric_db_prepare (db, "SELECT 1 FROM rubric_add_member (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_text (stmt, 1, name);
  rubric_stmt_bind_text (stmt, 2, role_name);

  return run (db, stmt, NULL, error);
}

GPtrArray *
rubric_members_list (RubricDb  *db,
                     GError   **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GPtrArray) members = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!check_team (db, error))
    return NULL;

  stmt = rubric_db_prepare (db,
                            "SELECT r.rolname::text, rubric_member_role (r.rolname)"
                            "  FROM pg_catalog.pg_roles AS r"
                            " WHERE r.rolcanlogin"
                            "   AND (r.oid = (SELECT c.relowner FROM pg_catalog.pg_class AS c"
                            "                  WHERE c.oid = 'rubric_schema'::regclass)"
                            "        OR EXISTS (SELECT FROM pg_catalog.pg_auth_members AS m"
                            "                    WHERE m.member = r.oid"
                            "                      AND m.roleid IN ('rubric_reviewer'::regrole,"
                            "                                       'rubric_lead'::regrole,"
                            "                                       'rubric_admin'::regrole)))"
                            " ORDER BY r.rolname::text COLLATE \"C\"",
                            error);
  if (stmt == NULL)
    return NULL;

  members = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_member_free);

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      RubricMember *member = g_new0 (RubricMember, 1);

      member->name = g_strdup (rubric_stmt_column_text (stmt, 0));
      member->role = rubric_db_role_from_string (rubric_stmt_column_text (stmt, 1));
      g_ptr_array_add (members, member);
    }

  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&members);
}

gboolean
rubric_members_remove (RubricDb    *db,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  gint64 removed = 0;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!check_team (db, error) || !check_name (name, error))
    return FALSE;

  stmt = rubric_db_prepare (db,
                            "SELECT CASE WHEN rubric_remove_member (?1) THEN 1 ELSE 0 END",
                            error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_text (stmt, 1, name);

  if (!run (db, stmt, &removed, error))
    return FALSE;

  if (removed == 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                   _("members: “%s” is not a member"), name);
      return FALSE;
    }

  return TRUE;
}
