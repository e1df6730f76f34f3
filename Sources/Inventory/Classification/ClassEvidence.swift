import Declarations
import SourceScan

/// Why a record has its class: the kind of evidence that decided it and where that evidence is
/// (`{source: "workflow-vars", detail: "web/.github/workflows/ci.yml:12"}`). It never holds a
/// value: a value's shape is named (`credential-url`), not shown.
public struct ClassEvidence: Codable, Hashable, Sendable {
    public enum Source: String, Codable, Sendable, CaseIterable {
        /// `classes:` in secretmap.yml (detail: `secretmap.yml:LINE`).
        case configOverride = "config-override"
        /// A per-tenant table holds it (detail: the store).
        case tenantTable = "tenant-table"
        /// A build-time-public prefix (`NEXT_PUBLIC_`…): bundled, whatever it holds (detail: the rule).
        case publicName = "public-name"
        /// The value, where fingerprinted: boolean, number, URL with a password, issuer prefix,
        /// 32-byte key (detail: the store entry or env file line, and the shape or issuer rule).
        case valueShape = "value-shape"
        /// `${{ vars.X }}` in a workflow, and no declaration that says secret.
        case workflowVariable = "workflow-vars"
        /// k8s `valueFrom.configMapKeyRef`, and no declaration that says secret.
        case configMapKeyRef = "k8s-config-map-key-ref"
        /// A typed schema's type: zod/t3-env `z.boolean()`, `z.coerce.number()`, `z.enum`,
        /// `.url()`, t3-env `client`; pydantic `bool`, `int`, `SecretStr`.
        case schemaType = "schema-type"
        /// Declared as a secret: `${{ secrets.X }}`, k8s `secretKeyRef`, Dockerfile
        /// `--mount=type=secret`, an ECS task definition's `secrets`, compose `secrets:`,
        /// Terraform `sensitive`.
        case declaredSecret = "declared-secret"
        /// A secret we mint (by its name rule) read in a file about encryption (detail: the reader's
        /// place): it encrypts data at rest.
        case encryptingReader = "encrypting-reader"
        /// A name rule in rules/issuers.yaml (detail: the rule id).
        case nameRule = "name-rule"
        /// The catch-all name rule: nothing else said anything.
        case fallback
    }

    public var source: Source
    public var detail: String

    public init(_ source: Source, _ detail: String) { self.source = source; self.detail = detail }

    public var text: String { "\(source.rawValue): \(detail)" }
}

/// A user's class for a name (`classes:` in secretmap.yml) and where it was written.
public struct ClassOverride: Sendable {
    public var secretClass: SecretClass
    public var place: String
    public init(_ secretClass: SecretClass, place: String) { self.secretClass = secretClass; self.place = place }
}
