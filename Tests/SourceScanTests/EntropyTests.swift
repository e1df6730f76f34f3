import Foundation
import TestSupport
import XCTest
@testable import SourceScan

/// The entropy visits only the bytes present; it must equal, to the last bit, the sum over all
/// 256 counts in byte order that it replaced (it decides `secretLike` and is printed).
final class EntropyTests: XCTestCase {
    static func reference(_ value: [UInt8]) -> Double {
        guard !value.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for b in value { counts[Int(b)] += 1 }
        let n = Double(value.count)
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / n
            h -= p * log2(p)
        }
        return (h * 100).rounded() / 100
    }

    func testMatchesTheFullSumExactly() {
        var rng = SplitMix64(seed: 5)
        for length in [0, 1, 2, 20, 40, 63, 64, 65, 200, 1000] {
            for alphabet in [2, 16, 64, 256] {
                let value = (0..<length).map { _ in UInt8(rng.next() % UInt64(alphabet)) &* (alphabet == 256 ? 1 : 3) }
                let got = value.withUnsafeBufferPointer { LiteralClassifier.entropy($0) }
                XCTAssertEqual(got.bitPattern, Self.reference(value).bitPattern, "length \(length), alphabet \(alphabet)")
            }
        }
        XCTAssertEqual(Array("sk_live_51HqLyjWDarjtT1zdp7dc".utf8).withUnsafeBufferPointer { LiteralClassifier.entropy($0) }, 4.58)
    }
}
