import CPCRE2

/// A compiled PCRE2 pattern, JIT-compiled when the platform supports it.
///
/// A `Regex` is immutable after compilation and may be shared by every thread; the mutable part of
/// matching lives in a `MatchScratch`, which each worker owns and reuses (PCRE2 match data is not
/// thread-safe, and allocating it per match would dominate the cost of short matches).
public final class Regex: @unchecked Sendable {  // compiled code is read-only; match state is per worker
    public let pattern: String
    let code: OpaquePointer
    public let isJIT: Bool

    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let caseless = Options(rawValue: PCRE2_CASELESS)
        public static let multiline = Options(rawValue: PCRE2_MULTILINE)
        public static let dotAll = Options(rawValue: PCRE2_DOTALL)
        public static let anchored = Options(rawValue: PCRE2_ANCHORED)
        /// No search for the first or a required byte before matching: for a pattern compiled
        /// `anchored` and tried at places known to start a match, where that search would read
        /// on through the subject (a required `]` looked for to the end) on every try.
        public static let noStartOptimize = Options(rawValue: PCRE2_NO_START_OPTIMIZE)
        /// Treat the subject as UTF-8 without validating it: source files may hold invalid UTF-8,
        /// and validating every file would cost a pass over it. Patterns here are ASCII-driven.
        public static let utf = Options(rawValue: PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)
    }

    /// Compiles `pattern`; a syntax error throws `RegexError.compile` with the byte offset PCRE2
    /// stopped at, so a rule author sees where the pattern is wrong.
    public init(_ pattern: String, options: Options = []) throws(RegexError) {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled: OpaquePointer? = pattern.withCString { cstr in
            cstr.withMemoryRebound(to: UInt8.self, capacity: pattern.utf8.count) { p in
                pcre2_compile_8(p, pattern.utf8.count, options.rawValue, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexError.compile(pattern: pattern, offset: errorOffset, message: Regex.message(for: errorCode))
        }
        code = compiled
        isJIT = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
        startBytes = Regex.startBytes(of: compiled)
    }

    /// For a pattern anchored at the subject's start: the bytes a match can begin with (32 bytes,
    /// a bit per byte value), from what PCRE2 worked out at compile time. nil when unknown.
    let startBytes: [UInt8]?

    /// False when the pattern, anchored at the start, cannot match `subject`: its first byte is
    /// not one a match can begin with. Saves the pcre2_match call (a few hundred instructions)
    /// when many anchored patterns are tried on one short subject, as issuer prefixes are.
    @inline(__always)
    public func mayMatchAtStart(of subject: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let startBytes, let first = subject.first else { return true }
        return startBytes[Int(first >> 3)] & (1 << (first & 7)) != 0
    }

    private static func startBytes(of code: OpaquePointer) -> [UInt8]? {
        var options: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_ALLOPTIONS), &options)
        guard options & PCRE2_ANCHORED != 0 else { return nil }  // `^`/`\A` on every branch, or compiled anchored
        var type: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type)
        if type == 1 {
            var unit: UInt32 = 0
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit)
            guard unit < 0x80 else { return nil }
            var bits = [UInt8](repeating: 0, count: 32)
            // Both cases of a letter: the pattern may be caseless, which the unit does not say.
            let c = UInt8(unit)
            for b in [c, (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A ? c ^ 0x20 : c] { bits[Int(b >> 3)] |= 1 << (b & 7) }
            return bits
        }
        var bitmap: UnsafePointer<UInt8>?
        guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap) == 0, let bitmap else { return nil }
        return Array(UnsafeBufferPointer(start: bitmap, count: 32))
    }

    deinit { pcre2_code_free_8(code) }

    /// Number of capture groups in the pattern.
    public var captureCount: Int {
        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        return Int(count)
    }

    /// Group number of a named group, or nil.
    public func groupNumber(named name: String) -> Int? {
        let n = name.withCString { cstr in
            cstr.withMemoryRebound(to: UInt8.self, capacity: name.utf8.count + 1) { pcre2_substring_number_from_name_8(code, $0) }
        }
        return n > 0 ? Int(n) : nil
    }

    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(errorCode)"
    }
}

public enum RegexError: Error, Equatable, CustomStringConvertible {
    case compile(pattern: String, offset: Int, message: String)
    /// The match or depth limit was reached: the pattern backtracks too much on this input.
    case limitExceeded(pattern: String)
    case matchFailed(pattern: String, code: Int32)

    public var description: String {
        switch self {
        case let .compile(pattern, offset, message):
            return "invalid pattern at offset \(offset): \(message): \(pattern)"
        case let .limitExceeded(pattern):
            return "pattern hit the PCRE2 match/depth limit (too much backtracking): \(pattern)"
        case let .matchFailed(pattern, code):
            return "PCRE2 match failed (\(Regex.message(for: code))): \(pattern)"
        }
    }
}
