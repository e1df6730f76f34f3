// Small C helpers Swift cannot reach directly on Linux.
#ifndef SECRETMAP_CSUPPORT_H
#define SECRETMAP_CSUPPORT_H
#include <stddef.h>

/// glibc's memmem (SIMD two-way search); its prototype needs _GNU_SOURCE, which Swift's Glibc
/// module is not built with.
const void *secretmap_memmem(const void *haystack, size_t haystack_len, const void *needle, size_t needle_len);

#endif
