// Small C helpers Swift cannot reach directly on Linux.
#ifndef SECRETMAP_CSUPPORT_H
#define SECRETMAP_CSUPPORT_H
#include <stddef.h>
#include <stdint.h>

/// glibc's memmem (SIMD two-way search); its prototype needs _GNU_SOURCE, which Swift's Glibc
/// module is not built with.
const void *secretmap_memmem(const void *haystack, size_t haystack_len, const void *needle, size_t needle_len);

/// A fixed string searched for by secretmap_needles_present, with the offsets of its two rarest
/// bytes (chosen by secretmap_needle_make), which the SIMD search compares first.
typedef struct {
    const uint8_t *bytes;
    size_t length;
    size_t anchor1, anchor2;
} secretmap_needle;

/// Fills in a needle for `bytes` (which must outlive it), picking its anchors.
secretmap_needle secretmap_needle_make(const uint8_t *bytes, size_t length);

/// Which of `count` (≤ 64) needles occur in the haystack, as a bit mask (bit k for needles[k]):
/// one pass over the bytes for all of them, ending early once every needle is found.
uint64_t secretmap_needles_present(const uint8_t *haystack, size_t length,
                                   const secretmap_needle *needles, int count);

/// A needle set's fingerprints for secretmap_needles_present_fp: per needle a bucket (of 8) and
/// the offset of a window of its 3 rarest consecutive bytes; per window byte, which buckets each
/// low and each high nibble may belong to (twice: one copy per 128-bit lane).
typedef struct {
    uint8_t lo[3][32], hi[3][32];
    uint64_t bucket[8];
    size_t window[64];
    int usable;  // 0 when a needle is shorter than 3 bytes or there are more than 64
} secretmap_fingerprints;

void secretmap_fingerprints_make(const secretmap_needle *needles, int count, secretmap_fingerprints *fingerprints);

/// secretmap_needles_present, with the needles' fingerprints made beforehand (AVX2; without it,
/// or when the fingerprints are not usable, the same as secretmap_needles_present).
uint64_t secretmap_needles_present_fp(const uint8_t *haystack, size_t length, const secretmap_needle *needles, int count,
                                      const secretmap_fingerprints *fingerprints);

/// The same without AVX2 (SSE2 on x86_64), as on machines that lack it; for the tests.
uint64_t secretmap_needles_present_baseline(const uint8_t *haystack, size_t length,
                                            const secretmap_needle *needles, int count);

/// The positions i >= from where haystack[i] == first and haystack[i + 1] == second, in order:
/// at most `capacity` (at least 32) of them into `positions`; `*next` is where to go on from
/// (`length` once the haystack is done).
size_t secretmap_pair_positions(const uint8_t *haystack, size_t length, size_t from, uint8_t first, uint8_t second,
                                size_t *positions, size_t capacity, size_t *next);

/// The last byte equal to `byte` in the buffer, or NULL (glibc's memrchr, which also needs
/// _GNU_SOURCE).
const void *secretmap_memrchr(const void *bytes, uint8_t byte, size_t length);

/// How many bytes equal `byte` (the newlines before an offset: its line number).
size_t secretmap_count_byte(const uint8_t *bytes, size_t length, uint8_t byte);

/// How many bytes are UTF-8 continuation bytes (10xxxxxx): length minus this is the number of
/// Unicode scalars in valid UTF-8 (a column).
size_t secretmap_count_continuations(const uint8_t *bytes, size_t length);

/// Both without AVX2, as on machines that lack it; for the tests.
size_t secretmap_count_byte_baseline(const uint8_t *bytes, size_t length, uint8_t byte);
size_t secretmap_count_continuations_baseline(const uint8_t *bytes, size_t length);

/// Lets malloc grow its heaps in large steps: the scan's workers allocate steadily, and glibc's
/// per-thread arenas otherwise grow by one mprotect(2) per 128 KiB (1,400 calls on a large tree).
void secretmap_malloc_tune(void);

#endif
