# Turns a text file into a C++ source defining gridgov::http::kOpenApiDocument.
file(READ ${INPUT} content)
set(delim "GRIDGOV_EMBED")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace gridgov::http {\nextern const std::string_view kOpenApiDocument;\nconst std::string_view kOpenApiDocument = R\"${delim}(${content})${delim}\";\n}  // namespace gridgov::http\n")
