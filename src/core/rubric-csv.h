/* rubric-csv.h — RFC 4180 CSV reading (streaming, with line numbers) and writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RubricCsvReader RubricCsvReader;

/* Reads records one at a time from a stream. Fields may be quoted ("a ""b"""),
 * quoted fields may hold commas and line breaks; CRLF and LF both end a
 * record. Every record must be valid UTF-8. Errors are RUBRIC_ERROR_INPUT
 * with "FILE:LINE: message" (FILE is @label).
 *
 * A UTF-8 byte order mark at the start is skipped. An empty last line is no
 * record; an empty line before it is a record of one empty field. Refused:
 * a quote in a field that does not begin with one, text after a closing
 * quote, a carriage return outside quotes that does not end a line, NUL
 * bytes, a quote left open at the end (reported on the line where its
 * record began) and records over 16 MiB, so that memory stays flat on files
 * of any size. Line numbers count line feeds. Read errors are
 * RUBRIC_ERROR_IO and a cancelled read G_IO_ERROR_CANCELLED.
 */
RubricCsvReader *rubric_csv_reader_new          (GInputStream     *stream,
                                                 const char       *label,
                                                 char              separator);
void             rubric_csv_reader_free         (RubricCsvReader  *reader);
/* Returns TRUE and the record's fields (owned by the reader, valid until the
 * next call) or FALSE at the end (with *error NULL) or on error. */
gboolean         rubric_csv_reader_next         (RubricCsvReader  *reader,
                                                 GPtrArray       **fields,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
/* The line on which the last record returned started (1-based). */
gint64           rubric_csv_reader_get_line     (RubricCsvReader  *reader);
/* Bytes consumed so far, for progress. */
guint64          rubric_csv_reader_get_offset   (RubricCsvReader  *reader);

/* Appends one field, quoted when needed. A text cell that a spreadsheet
 * would run as a formula (it begins with =, +, -, @, a tab or a carriage
 * return and is not a number) gets a leading ' (SPEC §8.6). */
void             rubric_csv_append_field        (GString          *out,
                                                 const char       *field);
/* Appends a whole record: fields separated by ',' and a final "\r\n". */
void             rubric_csv_append_record       (GString          *out,
                                                 const char * const *fields,
                                                 gsize             n_fields);
/* Appends "%.2f" in the C locale, or nothing when @value is NaN. */
void             rubric_csv_append_number       (GString          *out,
                                                 double            value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricCsvReader, rubric_csv_reader_free)

G_END_DECLS
