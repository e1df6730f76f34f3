import SourceScan
import XCTest

/// A value's shape, told in memory: the class decision's evidence, never the value.
final class ValueShapeTests: XCTestCase {
    func testShapes() {
        let cases: [(String, ValueShape?)] = [
            ("true", .boolean), ("FALSE", .boolean), ("yes", .boolean), ("off", .boolean), ("truthy", nil),
            ("5432", .number), ("0.25", .number), ("-1", .number), ("1.2.3", nil), ("1234567890123456", nil), ("", nil),
            ("postgres://app:Zq8Xw2Lk9Vb4@db.internal:5432/app", .credentialURL),
            ("redis://:Zq8Xw2Lk9Vb4@cache:6379", .credentialURL),
            ("amqp://guest:guest@rabbit/vhost?x=a@b", .credentialURL),
            ("postgres://app@db.internal/app", nil), ("postgres://app:@db/app", nil),
            ("https://example.com/a:b@c", nil), ("https://hooks.slack.com/services/T0/B0/Zq8Xw2Lk9Vb4", nil),
            (String(repeating: "a1B2", count: 16), .key32), // 64 hex digits
            ("Zq8Xw2Lk9Vb4Nm7Pr3Ts6Yh1Jd5Gf0CeQa2Wb9Xc4Lp=", .key32),
            ("base64:Zq8Xw2Lk9Vb4Nm7Pr3Ts6Yh1Jd5Gf0CeQa2Wb9Xc4Lp=", .key32),
            ("Zq8Xw2Lk9Vb4Nm7Pr3Ts6Yh1Jd5Gf0CeQa2Wb9Xc4Lp", .key32),
            ("Zq8Xw2Lk9Vb4Nm7Pr3Ts6Yh1Jd5Gf0CeQa2Wb9Xc4L", nil), // 42: not 32 bytes
            ("sk_live_Zq8Xw2Lk9Vb4Nm7Pr3Ts6Yh1Jd5Gf0CeQa2Wb9Xc", nil),
            ("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq", nil), // 43 letters of one case: not random bytes
        ]
        for (value, expected) in cases { XCTAssertEqual(ValueShape.of(value), expected, value) }
    }
}
