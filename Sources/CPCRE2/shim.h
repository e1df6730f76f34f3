// PCRE2 needs the code-unit width chosen before its header is read; we only use the 8-bit
// library (UTF-8 source bytes). Swift cannot call PCRE2's name-mangling macros, so the wrapper
// calls the `_8` functions directly.
#ifndef SECRETMAP_CPCRE2_SHIM_H
#define SECRETMAP_CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
