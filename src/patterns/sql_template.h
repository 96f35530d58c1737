// Turning a pattern's SQL file into statements: {{name}} placeholders
// substituted, then split on ';' at the end of a line. Pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"

namespace freshbench {

// Replaces every {{name}} (spaces inside the braces allowed) by values[name].
// Fails with kInvalidArgument naming the first placeholder without a value
// (`where` says which file).
Result<std::string> SubstitutePlaceholders(const std::string& text,
                                           const std::map<std::string, std::string>& values,
                                           const std::string& where);

// Whether `text` holds the placeholder {{name}} (spaces inside allowed).
bool NamesPlaceholder(const std::string& text, const std::string& name);

// Splits on ';' that ends a line (trailing blanks allowed). Lines that are
// only a '--' comment are dropped; empty statements are skipped. The
// returned statements carry no trailing ';'.
std::vector<std::string> SplitStatements(const std::string& text);

}  // namespace freshbench
