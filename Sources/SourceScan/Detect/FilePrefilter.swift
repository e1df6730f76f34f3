/// The keyword prefilter of one language: one pass over a file (`KeywordSet`) says which reader
/// rules can match and whether a literal context can occur, before anything is tokenized.
struct FilePrefilter {
    /// The reader keywords (at the bits `ReaderDetector.ruleMasks` use), then the context keywords.
    let set: KeywordSet
    let readerBits: UInt64
    let contextBits: UInt64

    init(readers: ReaderDetector, contextKeywords: [[UInt8]]) {
        set = KeywordSet(readers.keywords + contextKeywords)
        readerBits = readers.ruleMasks.reduce(0, |)
        // Past 64 keywords the last bit is shared: a context keyword may then wake the reader
        // rules of the shared bit, and a reader keyword the context finder. Both only cost time.
        contextBits = contextKeywords.indices.reduce(0) { $0 | KeywordSet.bit(readers.keywords.count + $1) }
    }

    /// `readers`: the keyword bits present, for `ReaderDetector.find`; `literals`: whether a
    /// constructor context can occur.
    func check(_ bytes: UnsafeBufferPointer<UInt8>) -> (readers: UInt64, literals: Bool) {
        let present = set.present(in: bytes)
        return (present & readerBits, present & contextBits != 0)
    }
}
