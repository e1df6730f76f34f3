import XCTest
import TestSupport
@testable import SourceScan

/// The one-pass keyword prefilter (SIMD, csupport.c) must say exactly what a plain search says:
/// for keywords at the start, across vector-block edges, in the scalar tail, overlapping, and
/// for sets of more than 64 keywords (whose 64th bit stands for all the rest).
final class KeywordSetTests: XCTestCase {
    func naive(_ hay: [UInt8], _ keywords: [[UInt8]]) -> UInt64 {
        var mask: UInt64 = 0
        for (k, w) in keywords.enumerated() where !w.isEmpty && w.count <= hay.count {
            if (0...(hay.count - w.count)).contains(where: { hay[$0..<($0 + w.count)].elementsEqual(w) }) { mask |= KeywordSet.bit(k) }
        }
        return mask
    }

    func testExamples() {
        let set = KeywordSet(["process.env", "env(", "Env(", "constructor", ""].map { Array($0.utf8) })
        func present(_ s: String) -> UInt64 { Array(s.utf8).withUnsafeBufferPointer { set.present(in: $0) } }
        XCTAssertEqual(present(""), 0)
        XCTAssertEqual(present("process.env"), 0b1)
        XCTAssertEqual(present("const x = process.en"), 0)
        XCTAssertEqual(present(String(repeating: "a", count: 100) + "requireEnv(\"X\")"), 0b100)
        XCTAssertEqual(present("constructor(" + String(repeating: " ", count: 31) + "env("), 0b1010)
    }

    func testAgreesWithAPlainSearch() {
        var random = SplitMix64(seed: 0xC0FFEE)
        let alphabet = Array("env(Ep.cos ".utf8)
        for round in 0..<4_000 {
            let count = round % 3 == 0 ? 70 : Int(random.next() % 8) + 1
            let keywords = (0..<count).map { _ in
                (0..<Int(random.next() % 5)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            }
            let hay = (0..<Int(random.next() % 260)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let set = KeywordSet(keywords)
            let baselineOnly = round % 2 == 1  // the SSE2 path, as on a machine without AVX2
            let got = hay.withUnsafeBufferPointer { set.present(in: $0, baselineOnly: baselineOnly) }
            if got != naive(hay, keywords) {
                return XCTFail("keywords \(keywords.map { String(decoding: $0, as: UTF8.self) }) in \(String(decoding: hay, as: UTF8.self)): \(String(got, radix: 2)) ≠ \(String(naive(hay, keywords), radix: 2))")
            }
        }
    }

    /// Keywords of 3 bytes or more go by fingerprints (a bucket and a window of 3 bytes each): the
    /// same answers, with keywords that share windows and buckets (more than 8 of them), found at
    /// the start, across blocks and in the last bytes.
    func testFingerprintsAgreeWithAPlainSearch() {
        var random = SplitMix64(seed: 0xF1A9)
        let alphabet = Array("env(Ep.cos ".utf8)
        for round in 0..<4_000 {
            let count = Int(random.next() % 20) + 1
            let keywords = (0..<count).map { _ in
                (0..<Int(random.next() % 6) + 3).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            }
            let hay = (0..<Int(random.next() % 300)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let set = KeywordSet(keywords)
            XCTAssertTrue(set.usesFingerprints)
            let got = hay.withUnsafeBufferPointer { set.present(in: $0) }
            if got != naive(hay, keywords) {
                return XCTFail("round \(round): keywords \(keywords.map { String(decoding: $0, as: UTF8.self) }) in \(String(decoding: hay, as: UTF8.self)): \(String(got, radix: 2)) ≠ \(String(naive(hay, keywords), radix: 2))")
            }
        }
        XCTAssertFalse(KeywordSet([Array("ab".utf8), Array("abc".utf8)]).usesFingerprints, "a keyword under 3 bytes")
    }
}
