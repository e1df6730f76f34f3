import Foundation
import XCTest
@testable import Stores

/// The redactor removes every piece (6 characters or more) of a value it has seen.
final class RedactorTests: XCTestCase {
    func testPiecesOfSeenValuesURLCredentialsAndCredentialVariablesAreRemoved() {
        let redactor = Redactor()
        redactor.add("Vq3Lm8Zr1Tx6Nb4Kc9Hw2Jd7Pf5Gs0Ya")
        redactor.addCredentials(ofURL: "postgresql://app:Rk2%25Wn7Qz4Xc9Lm1@db.example:5432/app?sslkey=Tb6Yh3Jd8Nf1Gs5Kq")
        redactor.addCredentials(fromEnvironment: ["AWS_SECRET_ACCESS_KEY": "Ae4Rt7Yu1Io9Pa3Sd6F", "PGPASSWORD": "Pp5Ww8Dd2Zz7Xx",
                                                  "PGUSER": "postgres", "HOME": "/root", "GH_TOKEN": "ghp_Gh1Tt4Oo7Kk0Ee3Nn"])
        XCTAssertEqual(redactor.redact("token \"Vq3Lm8Zr1T\" cut short"), "token \"***\" cut short")
        XCTAssertEqual(redactor.redact("invalid percent-encoded token: \"Rk2%25Wn7Qz4Xc9Lm1\""), "invalid percent-encoded token: \"***\"")
        XCTAssertEqual(redactor.redact("decoded Rk2%Wn7Qz4Xc9Lm1, query Tb6Yh3Jd8Nf1Gs5Kq"), "decoded ***, query ***")
        XCTAssertEqual(redactor.redact("keys Ae4Rt7Yu1Io9 Pp5Ww8Dd2Zz7Xx ghp_Gh1Tt4Oo7"), "keys *** *** ***")
        XCTAssertEqual(redactor.redact("psql: as postgres at db.example:5432 from /root"), "psql: as postgres at db.example:5432 from /root",
                       "a user, a host, a port and a folder are not credentials")
    }

    func testURLsArePrintedWithoutUserinfo() {
        XCTAssertEqual(URLText.withoutCredentials("https://user:token@ghe.example/api/v3?x=1"), "https://***@ghe.example/api/v3?x=1")
        XCTAssertEqual(URLText.withoutCredentials("https://ghe.example/api/v3/a@b"), "https://ghe.example/api/v3/a@b")
        XCTAssertEqual(URLText.withoutCredentials("not a url"), "not a url")
    }
}
