/*
 * entry_text.h - a quick reading of one index entry in go-yaml's block layout.
 */
#ifndef HC_REPO_ENTRY_TEXT_H
#define HC_REPO_ENTRY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "helmc/value.h"

struct hc_arena;

/*
 * Reads text[0..len), one entry of an index as go-yaml writes it (a block
 * mapping, its first key at the column of the first non-space byte), into *out
 * (allocated in a): mappings, sequences, plain, quoted and literal scalars.
 * Plain scalars are strings, except true, false, null and ~; nothing is
 * resolved as YAML 1.1 would.  Returns false, *out undefined, for anything
 * else (other bytes than printable ASCII and newlines, flow collections but []
 * and {}, anchors, tags, comments, folded scalars, duplicate keys, ...).
 *
 * This is a guess, not a YAML reader: a caller must only use a value that,
 * written back by hc_yaml_write, gives text byte for byte (then the YAML
 * reader would have read the same value from it).
 */
bool hc_repo_entry_text_read(struct hc_arena *a, const char *text, size_t len, hc_val *out);

#endif
