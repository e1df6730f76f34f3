import CPCRE2

/// Per-thread matching state: one match-data block (sized for the largest ovector we need), a
/// match context carrying the match and depth limits, and a JIT stack. Create one per worker and
/// reuse it for every match that worker does; it must never be shared between threads.
public final class MatchScratch {
    public static let defaultMatchLimit: UInt32 = 1_000_000
    public static let defaultDepthLimit: UInt32 = 10_000

    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?

    public init(maxGroups: Int = 16,
                matchLimit: UInt32 = MatchScratch.defaultMatchLimit,
                depthLimit: UInt32 = MatchScratch.defaultDepthLimit) {
        matchData = pcre2_match_data_create_8(UInt32(maxGroups + 1), nil)!
        context = pcre2_match_context_create_8(nil)!
        // Limits apply to every match: a rule that backtracks catastrophically on one file must
        // fail that file's match, not hang the scan.
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
        pcre2_match_data_free_8(matchData)
    }
}

/// Byte ranges of one match: group 0 is the whole match; a group that did not take part is nil.
public struct Match: Sendable, Equatable {
    public let ranges: [Range<Int>?]
    public var range: Range<Int> { ranges[0]! }
    public subscript(group: Int) -> Range<Int>? { group < ranges.count ? ranges[group] : nil }
}

/// The whole match and one group of it (nil when the group did not take part).
public struct GroupMatch: Sendable, Equatable {
    public let range: Range<Int>
    public let group: Range<Int>?

    public init(range: Range<Int>, group: Range<Int>?) {
        self.range = range
        self.group = group
    }
}

extension Regex {
    /// First match at or after `start` in `subject`, or nil. Throws when a limit was hit.
    public func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                           scratch: MatchScratch, options: UInt32 = 0) throws(RegexError) -> Match? {
        guard let end = try matchEnd(in: subject, from: start, scratch: scratch, options: options) else { return nil }
        _ = end
        let count = Int(pcre2_get_ovector_count_8(scratch.matchData))
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        let groups = min(count, captureCount + 1)
        var ranges: [Range<Int>?] = []
        ranges.reserveCapacity(groups)
        for g in 0..<groups {
            let lo = ovector[2 * g], hi = ovector[2 * g + 1]
            ranges.append(lo == pcre2Unset ? nil : Int(lo)..<Int(hi))
        }
        return Match(ranges: ranges)
    }

    /// First match at or after `start`, with the range of one group, read from the match data
    /// without allocating (a scan makes a hundred thousand matches; `Match` is an Array each).
    public func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                           scratch: MatchScratch, group: Int) throws(RegexError) -> GroupMatch? {
        guard try matchEnd(in: subject, from: start, scratch: scratch) != nil else { return nil }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        let count = Int(pcre2_get_ovector_count_8(scratch.matchData))
        var range: Range<Int>?
        if group >= 0 && group < min(count, captureCount + 1) {
            let lo = ovector[2 * group], hi = ovector[2 * group + 1]
            if lo != pcre2Unset { range = Int(lo)..<Int(hi) }
        }
        return GroupMatch(range: Int(ovector[0])..<Int(ovector[1]), group: range)
    }

    /// Cheapest form: the end offset of the first match at or after `start` (no group extraction).
    /// Use for anchored scans where only the extent of the match matters.
    @inline(__always)
    public func matchEnd(in subject: UnsafeBufferPointer<UInt8>, from start: Int,
                         scratch: MatchScratch, options: UInt32 = 0) throws(RegexError) -> Int? {
        guard start <= subject.count, let base = subject.baseAddress ?? emptySubject else { return nil }
        let rc = pcre2_match_8(code, base, subject.count, start, options, scratch.matchData, scratch.context)
        if rc >= 0 || rc == 0 {
            let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
            return Int(ovector[1])
        }
        switch rc {
        case PCRE2_ERROR_NOMATCH, PCRE2_ERROR_PARTIAL: return nil
        case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT:
            throw .limitExceeded(pattern: pattern)
        default: throw .matchFailed(pattern: pattern, code: rc)
        }
    }

    /// Start offset of the match found by the last successful `matchEnd` with `scratch`.
    @inline(__always)
    public func lastMatchStart(_ scratch: MatchScratch) -> Int {
        Int(pcre2_get_ovector_pointer_8(scratch.matchData)![0])
    }
}

/// PCRE2_UNSET is `~(PCRE2_SIZE)0`, a macro Swift cannot import; size_t reads as Int here.
private let pcre2Unset: Int = ~0

/// PCRE2 rejects a null subject pointer even for length 0.
// nonisolated(unsafe): one byte allocated once and never written after, read by every thread.
nonisolated(unsafe) private let emptySubject: UnsafePointer<UInt8>? = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.initialize(to: 0)
    return UnsafePointer(p)
}()

extension Regex {
    /// Convenience for tests and rule examples: every match in a Swift string.
    public func matches(in text: String, scratch: MatchScratch = MatchScratch()) throws(RegexError) -> [Match] {
        let bytes = Array(text.utf8)
        var result: [Match] = []
        do {
            try bytes.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) throws(RegexError) in
                var pos = 0
                while pos <= buf.count, let m = try firstMatch(in: buf, from: pos, scratch: scratch) {
                    result.append(m)
                    pos = m.range.isEmpty ? m.range.upperBound + 1 : m.range.upperBound
                }
            }
        }
        return result
    }
}
