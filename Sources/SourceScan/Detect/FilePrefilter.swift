/// The keyword prefilter of one language: one pass over a file (`KeywordSet`) says which reader
/// rules can match, whether a literal context can occur, and whether a `secretmap:allow` comment
/// can, before anything is tokenized; and whether the word an env-object module must contain
/// occurs (`Settings` in Python), for `EnvObjectFollower.mayDefine`.
struct FilePrefilter {
    /// The reader keywords (at the bits `ReaderDetector.ruleMasks` use), the context keywords,
    /// the allow marker, then the env-object word.
    let set: KeywordSet
    let readerBits: UInt64
    let contextBits: UInt64
    let allowBit: UInt64
    /// The env-object word's bit, when it has one of its own (nil past 63 keywords: the caller
    /// then searches for the word itself, as the answer must be exact).
    let envObjectBit: UInt64?

    init(readers: ReaderDetector, contextKeywords: [[UInt8]], envObjectWord: [UInt8]? = nil) {
        set = KeywordSet(readers.keywords + contextKeywords + [AllowComments.marker] + (envObjectWord.map { [$0] } ?? []))
        readerBits = readers.ruleMasks.reduce(0, |)
        // Past 64 keywords the last bit is shared: a context keyword may then wake the reader
        // rules of the shared bit, and a reader keyword the context finder. Both only cost time.
        contextBits = contextKeywords.indices.reduce(0) { $0 | KeywordSet.bit(readers.keywords.count + $1) }
        allowBit = KeywordSet.bit(readers.keywords.count + contextKeywords.count)
        let envIndex = readers.keywords.count + contextKeywords.count + 1
        envObjectBit = envObjectWord != nil && envIndex < 63 ? KeywordSet.bit(envIndex) : nil
    }

    struct Verdict {
        /// The keyword bits present, for `ReaderDetector.find`.
        var readers: UInt64
        /// A constructor context can occur.
        var literals: Bool
        /// A `secretmap:allow` comment can occur.
        var allowMarker: Bool
        /// Whether the env-object word occurs: nil when the set could not say exactly.
        var envObjectWord: Bool?
    }

    func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        let present = set.present(in: bytes)
        return Verdict(readers: present & readerBits, literals: present & contextBits != 0, allowMarker: present & allowBit != 0,
                       envObjectWord: envObjectBit.map { present & $0 != 0 })
    }
}
