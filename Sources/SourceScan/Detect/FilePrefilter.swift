/// The keyword prefilter of one language: one pass over a file (`KeywordSet`) says which reader
/// rules can match, whether a literal context can occur, and whether a `secretmap:allow` comment
/// can, before anything is tokenized.
struct FilePrefilter {
    /// The reader keywords (at the bits `ReaderDetector.ruleMasks` use), the context keywords,
    /// then the allow marker.
    let set: KeywordSet
    let readerBits: UInt64
    let contextBits: UInt64
    let allowBit: UInt64

    init(readers: ReaderDetector, contextKeywords: [[UInt8]]) {
        set = KeywordSet(readers.keywords + contextKeywords + [AllowComments.marker])
        readerBits = readers.ruleMasks.reduce(0, |)
        // Past 64 keywords the last bit is shared: a context keyword may then wake the reader
        // rules of the shared bit, and a reader keyword the context finder. Both only cost time.
        contextBits = contextKeywords.indices.reduce(0) { $0 | KeywordSet.bit(readers.keywords.count + $1) }
        allowBit = KeywordSet.bit(readers.keywords.count + contextKeywords.count)
    }

    struct Verdict {
        /// The keyword bits present, for `ReaderDetector.find`.
        var readers: UInt64
        /// A constructor context can occur.
        var literals: Bool
        /// A `secretmap:allow` comment can occur.
        var allowMarker: Bool
    }

    func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        let present = set.present(in: bytes)
        return Verdict(readers: present & readerBits, literals: present & contextBits != 0, allowMarker: present & allowBit != 0)
    }
}
