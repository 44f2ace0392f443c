/* rubric-stmt.h — a prepared statement of the store, on either backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core speaks to its database through these calls only: SQLite
 * (rubric-db-sqlite.c) and PostgreSQL (rubric-db-pg.c) implement them, and
 * no other core file includes sqlite3.h or libpq-fe.h. The calls follow
 * SQLite's (prepare, bind, step, read columns, reset), which the core was
 * written against; SQL is written with "?" and "?N" placeholders, which the
 * PostgreSQL backend turns into "$N".
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RubricStmt RubricStmt;

/* What rubric_stmt_step returns. Anything else is a failure, which
 * rubric_db_set_error (the statement's database) describes. */
#define RUBRIC_ROW   100
#define RUBRIC_DONE  101

/* Column types (the values are SQLite's). */
#define RUBRIC_INTEGER 1
#define RUBRIC_FLOAT   2
#define RUBRIC_TEXT    3
#define RUBRIC_BLOB    4
#define RUBRIC_NULL    5

int           rubric_stmt_step           (RubricStmt *stmt);
void          rubric_stmt_reset          (RubricStmt *stmt);
void          rubric_stmt_clear_bindings (RubricStmt *stmt);
void          rubric_stmt_finalize       (RubricStmt *stmt);

/* Parameters count from 1. Text is copied unless bound _static, when it
 * must stay valid until the statement is stepped, reset or rebound. NULL
 * text binds NULL. */
void          rubric_stmt_bind_int64     (RubricStmt *stmt,
                                          int         index,
                                          gint64      value);
void          rubric_stmt_bind_int       (RubricStmt *stmt,
                                          int         index,
                                          int         value);
void          rubric_stmt_bind_double    (RubricStmt *stmt,
                                          int         index,
                                          double      value);
void          rubric_stmt_bind_text      (RubricStmt *stmt,
                                          int         index,
                                          const char *text);
void          rubric_stmt_bind_text_static (RubricStmt *stmt,
                                          int         index,
                                          const char *text);
void          rubric_stmt_bind_null      (RubricStmt *stmt,
                                          int         index);

/* Columns count from 0 and are read after a step returned RUBRIC_ROW. A
 * NULL reads as 0, 0.0 or NULL text. Text stays valid until the next
 * step, reset or finalize. */
int           rubric_stmt_column_count   (RubricStmt *stmt);
const char   *rubric_stmt_column_name    (RubricStmt *stmt,
                                          int         column);
int           rubric_stmt_column_type    (RubricStmt *stmt,
                                          int         column);
gint64        rubric_stmt_column_int64   (RubricStmt *stmt,
                                          int         column);
int           rubric_stmt_column_int     (RubricStmt *stmt,
                                          int         column);
double        rubric_stmt_column_double  (RubricStmt *stmt,
                                          int         column);
const char   *rubric_stmt_column_text    (RubricStmt *stmt,
                                          int         column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricStmt, rubric_stmt_finalize)

G_END_DECLS
