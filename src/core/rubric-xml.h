/* rubric-xml.h — safe parsing and RelaxNG validation of Rubric's XML formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

G_BEGIN_DECLS

/* Parses @data (from the file named @label) without network access, entity
 * expansion or huge-document allowances, refuses any DOCTYPE, checks that
 * the root element is @root in @ns and validates the document against the
 * shipped RelaxNG schema @schema ("scorecard.rng"). Every refusal is
 * RUBRIC_ERROR_INPUT with "FILE:LINE: message". */
xmlDoc     *rubric_xml_parse          (const char   *label,
                                       const char   *data,
                                       gsize         length,
                                       const char   *ns,
                                       const char   *root,
                                       const char   *schema,
                                       GError      **error);
xmlDoc     *rubric_xml_parse_file     (const char   *path,
                                       const char   *ns,
                                       const char   *root,
                                       const char   *schema,
                                       GError      **error);

/* Reads a whole input file; a file that cannot be read is bad input
 * (RUBRIC_ERROR_INPUT, "FILE: cannot read the file: …"). */
/* The largest file an import reads (256 MiB, docs/DECISIONS.md): larger
 * input, from a regular file or not, is refused while it is read. */
#define RUBRIC_INPUT_MAX_BYTES (G_GUINT64_CONSTANT (256) * 1024 * 1024)

gboolean    rubric_read_input_file    (const char   *path,
                                       char        **data,
                                       gsize        *length,
                                       GError      **error);

/* The bytes of a file shipped in the core's resources ("schemas/x.rng"). */
GBytes     *rubric_core_resource      (const char   *name);

/* Small helpers over libxml2's tree for the format readers. */
gboolean    rubric_xml_is             (xmlNode      *node,
                                       const char   *ns,
                                       const char   *name);
char       *rubric_xml_get            (xmlNode      *node,
                                       const char   *attribute);
char       *rubric_xml_get_lang       (xmlNode      *node);
char       *rubric_xml_get_text       (xmlNode      *node);

/* A writer into memory with two-space indentation. */
xmlTextWriter *rubric_xml_writer_new  (xmlBuffer   **buffer);
char       *rubric_xml_format_double  (double        value);
/* One attribute of the element being written: as it is, a whole number,
 * or a decimal in the form rubric_xml_format_double gives. */
void        rubric_xml_write_attribute        (xmlTextWriter *writer,
                                               const char    *name,
                                               const char    *value);
void        rubric_xml_write_uint_attribute   (xmlTextWriter *writer,
                                               const char    *name,
                                               guint          value);
void        rubric_xml_write_double_attribute (xmlTextWriter *writer,
                                               const char    *name,
                                               double         value);

G_END_DECLS
