import CSupport

/// Fixed strings searched for together: one SIMD pass over a file says which of them occur
/// (csupport.c: by fingerprints of 3 bytes, whatever the number of strings, with AVX2). The keyword prefilters of the reader rules and of the literal contexts share
/// one set per language, so a file is read once for all of them instead of once per keyword.
final class KeywordSet: @unchecked Sendable {  // immutable after init
    let keywords: [[UInt8]]
    private let storage: UnsafeMutablePointer<UInt8>
    private let needles: UnsafeMutablePointer<secretmap_needle>
    /// The needles' fingerprints (buckets and nibble tables), made once for every file searched.
    private let fingerprints: UnsafeMutablePointer<secretmap_fingerprints>

    init(_ keywords: [[UInt8]]) {
        self.keywords = keywords
        let total = keywords.reduce(0) { $0 + $1.count }
        storage = .allocate(capacity: max(total, 1))
        needles = .allocate(capacity: max(keywords.count, 1))
        var offset = 0
        for (k, keyword) in keywords.enumerated() {
            let start = storage + offset
            start.initialize(from: keyword, count: keyword.count)
            (needles + k).initialize(to: secretmap_needle_make(start, keyword.count))
            offset += keyword.count
        }
        fingerprints = .allocate(capacity: 1)
        secretmap_fingerprints_make(needles, Int32(min(keywords.count, 64)), fingerprints)
    }

    deinit {
        storage.deallocate()
        needles.deallocate()
        fingerprints.deallocate()
    }

    /// Whether the search goes by fingerprints (every keyword 3 bytes or longer, at most 64).
    var usesFingerprints: Bool { fingerprints.pointee.usable != 0 }

    /// The bit of keyword k: keywords from the 64th on share the last bit.
    static func bit(_ k: Int) -> UInt64 { 1 << UInt64(min(k, 63)) }

    /// Bit `bit(k)` is set when `keywords[k]` occurs in `bytes`. An empty keyword never does.
    /// `baselineOnly`: without AVX2, as on machines that lack it (for the tests).
    func present(in bytes: UnsafeBufferPointer<UInt8>, baselineOnly: Bool = false) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        if keywords.count <= 64 {
            if baselineOnly { return secretmap_needles_present_baseline(base, bytes.count, needles, Int32(keywords.count)) }
            return secretmap_needles_present_fp(base, bytes.count, needles, Int32(keywords.count), fingerprints)
        }
        let search = baselineOnly ? secretmap_needles_present_baseline : secretmap_needles_present
        // More than 64 (large custom rule sets): the first 63 exactly, the rest as one bit.
        var mask = search(base, bytes.count, needles, 63)
        var k = 63
        while k < keywords.count && mask & Self.bit(63) == 0 {
            let n = min(64, keywords.count - k)
            if search(base, bytes.count, needles + k, Int32(n)) != 0 { mask |= Self.bit(63) }
            k += n
        }
        return mask
    }
}
