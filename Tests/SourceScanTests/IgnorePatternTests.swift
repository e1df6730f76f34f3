import PCRE
import TestSupport
import XCTest
@testable import SourceScan

/// Plain names and `*suffix` globs are matched on the last path component without the regex;
/// that shortcut must agree with the regex on every path, odd bytes included.
final class IgnorePatternTests: XCTestCase {
    func testTheLastComponentShortcutAgreesWithTheRegex() throws {
        let globs = ["node_modules/", "dist", ".env", "*.log", "*.env.local", "!keep.log", "build/", "a", "\\#file"]
        let parts = ["node_modules", "dist", ".env", "x.log", "log", ".log", "a", "b", "keep.log", "app.env.local", "#file",
                     "dist\n", "x\ny.log", "é.log", "dis", "ddist", "a.b"]
        var rng = SplitMix64(seed: 3)
        let scratch = MatchScratch()
        for glob in globs {
            let pattern = try XCTUnwrap(IgnoreFile.compile(glob))
            let shortcut = try XCTUnwrap(pattern.lastComponent, "\(glob) should take the shortcut")
            for _ in 0..<400 {
                let depth = 1 + Int(rng.next() % 4)
                let path = (0..<depth).map { _ in parts[Int(rng.next() % UInt64(parts.count))] }.joined(separator: "/")
                var bytes = Array(path.utf8)
                bytes.withUnsafeMutableBufferPointer { b in
                    let buf = UnsafeBufferPointer(b)
                    let byRegex = ((try? pattern.regex.matchEnd(in: buf, from: 0, scratch: scratch)) ?? nil) != nil
                    XCTAssertEqual(shortcut.matches(buf), byRegex, "\(glob) on \(path.debugDescription)")
                }
            }
        }
        for glob in ["src/*.log", "/dist", "a?c", "[ab].txt", "**/x", "x*y", "a\\*b"] {
            XCTAssertNil(try XCTUnwrap(IgnoreFile.compile(glob)).lastComponent, glob)
        }
    }
}
