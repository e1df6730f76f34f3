import PCRE

extension RuleSet {
    /// The readers one file holds, as (name, byte offset): for callers outside the scan engine
    /// (the fuzzer) that need the same detection on a buffer.
    public func readers(in bytes: UnsafeBufferPointer<UInt8>, family: Language.Family, lexed: LexedFile,
                        scratch: MatchScratch) -> [(name: String, offset: Int)] {
        ReaderDetector(rules: readers.filter { $0.families.contains(family) })
            .find(in: bytes, lexed: lexed, scratch: scratch) { _ in }
            .map { ($0.name, $0.offset) }
    }
}
