#define _GNU_SOURCE
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include "csupport.h"
#if defined(__x86_64__)
#include <immintrin.h>
#endif

const void *secretmap_memmem(const void *haystack, size_t haystack_len, const void *needle, size_t needle_len) {
    return memmem(haystack, haystack_len, needle, needle_len);
}

const void *secretmap_memrchr(const void *bytes, uint8_t byte, size_t length) {
    return memrchr(bytes, byte, length);
}

// Bytes of source code from the most common on: a needle is compared first at its two bytes
// furthest down this list (bytes not in it rank rarest), so few positions need a full compare.
static const char common_bytes[] = " etaoinsrlcdupmhfg.(),;=\"'\n\tby_wvk:x/{}[]>-<0123456789";

static size_t rarity(uint8_t c) {
    const char *p = c ? memchr(common_bytes, c, sizeof common_bytes - 1) : NULL;
    return p ? (size_t)(p - common_bytes) : sizeof common_bytes;
}

secretmap_needle secretmap_needle_make(const uint8_t *bytes, size_t length) {
    secretmap_needle n = { bytes, length, 0, 0 };
    for (size_t i = 1; i < length; i++)
        if (rarity(bytes[i]) > rarity(bytes[n.anchor1])) n.anchor1 = i;
    n.anchor2 = n.anchor1;
    for (size_t i = 0; i < length; i++)
        if (i != n.anchor1 && (n.anchor2 == n.anchor1 || rarity(bytes[i]) > rarity(bytes[n.anchor2]))) n.anchor2 = i;
    return n;
}

static int matches_at(const uint8_t *h, size_t n, size_t pos, const secretmap_needle *nd) {
    return pos + nd->length <= n && memcmp(h + pos, nd->bytes, nd->length) == 0;
}

// The needles still `active`, searched for from `from` on (every earlier start was checked).
static uint64_t present_from(const uint8_t *h, size_t n, size_t from, const secretmap_needle *nd, uint64_t active) {
    uint64_t found = 0;
    for (uint64_t a = active; a; a &= a - 1) {
        int k = __builtin_ctzll(a);
        if (from < n && memmem(h + from, n - from, nd[k].bytes, nd[k].length)) found |= 1ULL << k;
    }
    return found;
}

static uint64_t all_nonempty(const secretmap_needle *nd, int count, size_t *reach) {
    uint64_t active = 0;
    *reach = 0;
    for (int k = 0; k < count && k < 64; k++) {
        if (nd[k].length == 0) continue;  // an empty needle is never "present"
        active |= 1ULL << k;
        size_t r = nd[k].anchor1 > nd[k].anchor2 ? nd[k].anchor1 : nd[k].anchor2;
        if (r > *reach) *reach = r;
    }
    return active;
}

#if defined(__x86_64__)
// Per block of positions and per needle not yet found: compare the block at both anchors with
// the anchor bytes (one vector compare each), and verify only the positions where both agree.
#define NEEDLE_SEARCH(NAME, TARGET, VEC, WIDTH, SET1, LOADU, CMPEQ, AND, MOVEMASK)                 \
    __attribute__((target(TARGET)))                                                                 \
    static uint64_t NAME(const uint8_t *h, size_t n, const secretmap_needle *nd, int count) {       \
        size_t reach;                                                                               \
        uint64_t active = all_nonempty(nd, count, &reach), found = 0;                               \
        VEC first[64], second[64];                                                                  \
        for (uint64_t a = active; a; a &= a - 1) {                                                  \
            int k = __builtin_ctzll(a);                                                             \
            first[k] = SET1((char)nd[k].bytes[nd[k].anchor1]);                                      \
            second[k] = SET1((char)nd[k].bytes[nd[k].anchor2]);                                     \
        }                                                                                           \
        size_t i = 0;                                                                               \
        for (; active && i + reach + WIDTH <= n; i += WIDTH) {                                      \
            for (uint64_t a = active; a; a &= a - 1) {                                              \
                int k = __builtin_ctzll(a);                                                         \
                VEC x = LOADU((const VEC *)(h + i + nd[k].anchor1));                                \
                VEC y = LOADU((const VEC *)(h + i + nd[k].anchor2));                                \
                uint32_t m = (uint32_t)MOVEMASK(AND(CMPEQ(x, first[k]), CMPEQ(y, second[k])));      \
                for (; m; m &= m - 1) {                                                             \
                    if (matches_at(h, n, i + (size_t)__builtin_ctz(m), &nd[k])) {                   \
                        found |= 1ULL << k;                                                         \
                        active &= ~(1ULL << k);                                                     \
                        break;                                                                      \
                    }                                                                               \
                }                                                                                   \
            }                                                                                       \
        }                                                                                           \
        return found | present_from(h, n, i, nd, active);                                           \
    }

NEEDLE_SEARCH(present_avx2, "avx2", __m256i, 32, _mm256_set1_epi8, _mm256_loadu_si256,
              _mm256_cmpeq_epi8, _mm256_and_si256, _mm256_movemask_epi8)
NEEDLE_SEARCH(present_sse2, "sse2", __m128i, 16, _mm_set1_epi8, _mm_loadu_si128,
              _mm_cmpeq_epi8, _mm_and_si128, _mm_movemask_epi8)
#endif

uint64_t secretmap_needles_present_baseline(const uint8_t *haystack, size_t length, const secretmap_needle *needles, int count) {
#if defined(__x86_64__)
    return present_sse2(haystack, length, needles, count);
#else
    return secretmap_needles_present(haystack, length, needles, count);
#endif
}

static int has_avx2(void) {
#if defined(__x86_64__)
    static int avx2 = -1;  // every thread that races here stores the same answer
    int known = __atomic_load_n(&avx2, __ATOMIC_RELAXED);
    if (known < 0) {
        known = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&avx2, known, __ATOMIC_RELAXED);
    }
    return known;
#else
    return 0;
#endif
}

uint64_t secretmap_needles_present(const uint8_t *haystack, size_t length, const secretmap_needle *needles, int count) {
#if defined(__x86_64__)
    return has_avx2() ? present_avx2(haystack, length, needles, count) : present_sse2(haystack, length, needles, count);
#else
    size_t reach;
    return present_from(haystack, length, 0, needles, all_nonempty(needles, count, &reach));
#endif
}

// Fingerprints of a needle set (Teddy, as in Hyperscan and ripgrep): each needle gets a bucket
// (of 8) and a window of 3 bytes, its rarest; per window byte, two 16-entry tables map the low
// and the high nibble of a haystack byte to the buckets whose needles have that nibble there. Two
// byte shuffles per window byte then say, for 32 positions at once, which buckets may start a
// window there: about 25 instructions per 32 bytes however many needles there are, where the
// compare per needle costs about 12 per needle still looked for.
void secretmap_fingerprints_make(const secretmap_needle *needles, int count, secretmap_fingerprints *fp) {
    memset(fp, 0, sizeof *fp);
    fp->usable = count > 0 && count <= 64;
    for (int k = 0; k < count && k < 64; k++) {
        const secretmap_needle *nd = &needles[k];
        if (nd->length == 0) continue;  // never present: in no bucket
        if (nd->length < 3) { fp->usable = 0; continue; }
        size_t best = 0, score = 0;
        for (size_t w = 0; w + 3 <= nd->length; w++) {
            size_t r = rarity(nd->bytes[w]) + rarity(nd->bytes[w + 1]) + rarity(nd->bytes[w + 2]);
            if (r > score) { score = r; best = w; }
        }
        fp->window[k] = best;
        int b = k % 8;
        fp->bucket[b] |= 1ULL << k;
        for (int j = 0; j < 3; j++) {
            uint8_t c = nd->bytes[best + (size_t)j];
            fp->lo[j][c & 15] |= (uint8_t)(1u << b);
            fp->lo[j][16 + (c & 15)] |= (uint8_t)(1u << b);
            fp->hi[j][c >> 4] |= (uint8_t)(1u << b);
            fp->hi[j][16 + (c >> 4)] |= (uint8_t)(1u << b);
        }
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2")))
static inline __m256i fp_lookup(__m256i v, __m256i lo, __m256i hi, __m256i nibble) {
    return _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(v, nibble)),
                            _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble)));
}

__attribute__((target("avx2")))
static uint64_t present_fingerprints(const uint8_t *h, size_t n, const secretmap_needle *nd, int count,
                                     const secretmap_fingerprints *fp) {
    size_t reach;
    const uint64_t all = all_nonempty(nd, count, &reach);
    uint64_t found = 0;
    const __m256i nibble = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
    const __m256i lo0 = _mm256_loadu_si256((const __m256i *)fp->lo[0]), hi0 = _mm256_loadu_si256((const __m256i *)fp->hi[0]);
    const __m256i lo1 = _mm256_loadu_si256((const __m256i *)fp->lo[1]), hi1 = _mm256_loadu_si256((const __m256i *)fp->hi[1]);
    const __m256i lo2 = _mm256_loadu_si256((const __m256i *)fp->lo[2]), hi2 = _mm256_loadu_si256((const __m256i *)fp->hi[2]);
    uint8_t alive = 0;
    for (int b = 0; b < 8; b++) if (fp->bucket[b] & all) alive |= (uint8_t)(1u << b);
    __m256i alive_v = _mm256_set1_epi8((char)alive);
    size_t q = 0;  // window starts before q are checked
    for (; alive && q + 34 <= n; q += 32) {
        __m256i r = _mm256_and_si256(fp_lookup(_mm256_loadu_si256((const __m256i *)(h + q)), lo0, hi0, nibble),
                                     fp_lookup(_mm256_loadu_si256((const __m256i *)(h + q + 1)), lo1, hi1, nibble));
        r = _mm256_and_si256(_mm256_and_si256(r, alive_v),
                             fp_lookup(_mm256_loadu_si256((const __m256i *)(h + q + 2)), lo2, hi2, nibble));
        uint32_t m = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(r, zero));
        if (!m) continue;
        uint8_t buckets[32];
        _mm256_storeu_si256((__m256i *)buckets, r);
        for (; m; m &= m - 1) {
            int at = __builtin_ctz(m);
            for (uint8_t bits = buckets[at] & alive; bits; bits &= (uint8_t)(bits - 1)) {
                int b = __builtin_ctz(bits);
                for (uint64_t ks = fp->bucket[b] & all & ~found; ks; ks &= ks - 1) {
                    int k = __builtin_ctzll(ks);
                    size_t w = fp->window[k], start = q + (size_t)at;
                    if (start >= w && matches_at(h, n, start - w, &nd[k])) found |= 1ULL << k;
                }
                if (!(fp->bucket[b] & all & ~found)) alive &= (uint8_t)~(1u << b);
            }
        }
        alive_v = _mm256_set1_epi8((char)alive);
    }
    if (!alive) return found;
    // The last windows, from q on: each needle still looked for, from where its window would be q.
    for (uint64_t ks = all & ~found; ks; ks &= ks - 1) {
        int k = __builtin_ctzll(ks);
        size_t w = fp->window[k], from = q >= w ? q - w : 0;
        if (from < n && memmem(h + from, n - from, nd[k].bytes, nd[k].length)) found |= 1ULL << k;
    }
    return found;
}
#endif

uint64_t secretmap_needles_present_fp(const uint8_t *haystack, size_t length, const secretmap_needle *needles, int count,
                                      const secretmap_fingerprints *fp) {
#if defined(__x86_64__)
    if (fp->usable && has_avx2()) return present_fingerprints(haystack, length, needles, count, fp);
#endif
    return secretmap_needles_present(haystack, length, needles, count);
}

// Every position of a byte pair: a vector compare of a block and of the block one byte on, and
// a bit per position where both agree. The reader rules' anchors (ReaderAnchors.swift) share a
// pair, so one pass lists the places a match can start for all of a language's rules.
static size_t pairs_tail(const uint8_t *h, size_t n, size_t i, uint8_t a, uint8_t b, size_t *out,
                         size_t count, size_t cap, size_t *next) {
    for (; i + 1 < n; i++) {
        if (h[i] != a || h[i + 1] != b) continue;
        if (count == cap) { *next = i; return count; }
        out[count++] = i;
    }
    *next = n;
    return count;
}

#if defined(__x86_64__)
#define PAIR_SEARCH(NAME, TARGET, VEC, WIDTH, SET1, LOADU, CMPEQ, AND, MOVEMASK)                     \
    __attribute__((target(TARGET)))                                                                 \
    static size_t NAME(const uint8_t *h, size_t n, size_t from, uint8_t a, uint8_t b, size_t *out,  \
                       size_t cap, size_t *next) {                                                  \
        const VEC va = SET1((char)a), vb = SET1((char)b);                                           \
        size_t count = 0, i = from;                                                                 \
        for (; i + WIDTH + 1 <= n; i += WIDTH) {                                                    \
            VEC x = LOADU((const VEC *)(h + i)), y = LOADU((const VEC *)(h + i + 1));               \
            uint32_t m = (uint32_t)MOVEMASK(AND(CMPEQ(x, va), CMPEQ(y, vb)));                       \
            if (m && count + WIDTH > cap) { *next = i; return count; }                              \
            for (; m; m &= m - 1) out[count++] = i + (size_t)__builtin_ctz(m);                      \
        }                                                                                           \
        return pairs_tail(h, n, i, a, b, out, count, cap, next);                                    \
    }

PAIR_SEARCH(pairs_avx2, "avx2", __m256i, 32, _mm256_set1_epi8, _mm256_loadu_si256,
            _mm256_cmpeq_epi8, _mm256_and_si256, _mm256_movemask_epi8)
PAIR_SEARCH(pairs_sse2, "sse2", __m128i, 16, _mm_set1_epi8, _mm_loadu_si128,
            _mm_cmpeq_epi8, _mm_and_si128, _mm_movemask_epi8)
#endif

size_t secretmap_pair_positions(const uint8_t *haystack, size_t length, size_t from, uint8_t first, uint8_t second,
                                size_t *positions, size_t capacity, size_t *next) {
    if (capacity < 32) { *next = from; return 0; }
#if defined(__x86_64__)
    return has_avx2() ? pairs_avx2(haystack, length, from, first, second, positions, capacity, next)
                      : pairs_sse2(haystack, length, from, first, second, positions, capacity, next);
#else
    return pairs_tail(haystack, length, from, first, second, positions, 0, capacity, next);
#endif
}

// Counting bytes of a class, a vector at a time: compare, movemask, popcount. Line numbers need
// the newlines before a finding; a memchr call per line cost more than the compares on files
// whose lines are a few dozen bytes long.
static size_t count_tail(const uint8_t *p, size_t n, uint8_t byte, int continuations) {
    size_t count = 0;
    for (size_t i = 0; i < n; i++) count += continuations ? (p[i] & 0xC0) == 0x80 : p[i] == byte;
    return count;
}

#if defined(__x86_64__)
// Continuation bytes are 0x80..0xBF: as signed bytes, -128..-65, i.e. less than -64.
#define BYTE_COUNT(NAME, TARGET, VEC, WIDTH, SET1, LOADU, CMPEQ, CMPGT, MOVEMASK)                   \
    __attribute__((target(TARGET)))                                                                 \
    static size_t NAME(const uint8_t *p, size_t n, uint8_t byte, int continuations) {               \
        const VEC target = SET1((char)byte), limit = SET1((char)-64);                               \
        size_t count = 0, i = 0;                                                                    \
        for (; i + WIDTH <= n; i += WIDTH) {                                                        \
            VEC x = LOADU((const VEC *)(p + i));                                                    \
            VEC hit = continuations ? CMPGT(limit, x) : CMPEQ(x, target);                           \
            count += (size_t)__builtin_popcount((uint32_t)MOVEMASK(hit));                           \
        }                                                                                           \
        return count + count_tail(p + i, n - i, byte, continuations);                               \
    }

BYTE_COUNT(count_avx2, "avx2,popcnt", __m256i, 32, _mm256_set1_epi8, _mm256_loadu_si256,
           _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_movemask_epi8)
BYTE_COUNT(count_sse2, "sse2", __m128i, 16, _mm_set1_epi8, _mm_loadu_si128,
           _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_movemask_epi8)

static size_t count_any(const uint8_t *p, size_t n, uint8_t byte, int continuations) {
    return has_avx2() ? count_avx2(p, n, byte, continuations) : count_sse2(p, n, byte, continuations);
}
#define COUNT_BASELINE count_sse2
#else
static size_t count_any(const uint8_t *p, size_t n, uint8_t byte, int continuations) {
    return count_tail(p, n, byte, continuations);
}
#define COUNT_BASELINE count_tail
#endif

size_t secretmap_count_byte(const uint8_t *bytes, size_t length, uint8_t byte) { return count_any(bytes, length, byte, 0); }
size_t secretmap_count_continuations(const uint8_t *bytes, size_t length) { return count_any(bytes, length, 0, 1); }
size_t secretmap_count_byte_baseline(const uint8_t *bytes, size_t length, uint8_t byte) { return COUNT_BASELINE(bytes, length, byte, 0); }
size_t secretmap_count_continuations_baseline(const uint8_t *bytes, size_t length) { return COUNT_BASELINE(bytes, length, 0, 1); }

void secretmap_malloc_tune(void) {
#if defined(__GLIBC__)
    mallopt(M_TOP_PAD, 16 << 20);
#endif
}
