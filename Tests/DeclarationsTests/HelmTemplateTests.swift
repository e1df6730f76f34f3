import Foundation
@testable import Declarations
import XCTest

/// Helm templates are YAML only once rendered. Two shapes of real charts (trigger.dev's) broke the
/// reading of names and turned the first run's exit status into 2: a template comment over several
/// lines, and the same key written in an `if` branch and its `else` (a duplicate key to YAML).
final class HelmTemplateTests: XCTestCase {
    func tree() -> TempTree {
        let tree = TempTree()
        tree.write("chart/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\n")
        tree.write("chart/templates/secrets.yaml", """
            {{/*
            Chart-managed credentials: generated once, kept across upgrades.
            */}}
            apiVersion: v1
            kind: Secret
            metadata:
              name: {{ .Release.Name }}-datastores
            data:
              {{- if .Values.external.directUrl }}
              postgres-direct-url: {{ .Values.external.directUrl | b64enc | quote }}
              {{- else }}
              postgres-direct-url: {{ .Values.external.databaseUrl | b64enc | quote }}
              {{- end }}
              redis-password: {{ .Values.redis.password | b64enc | quote }}
            """)
        tree.write("chart/templates/webapp.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: webapp
            spec:
              template:
                spec:
                  containers:
                    - name: webapp
                      env:
                        {{- if .Values.clickhouse.external }}
                        - name: CLICKHOUSE_PASSWORD
                          valueFrom:
                            secretKeyRef:
                              name: {{ .Values.clickhouse.external.existingSecret }}
                              key: password
                        {{- else if .Values.clickhouse.deploy }}
                        {{- /* Same secret the bundled server uses, so a
                               custom existingSecret keeps both in sync. */}}
                        - name: CLICKHOUSE_PASSWORD
                          valueFrom:
                            secretKeyRef:
                              name: clickhouse-auth
                              key: admin-password
                        {{- else }}
                        - name: CLICKHOUSE_URL
                          valueFrom:
                            secretKeyRef:
                              name: clickhouse-url
                              key: url
                        {{- end }}
                        - name: SESSION_SECRET
                          valueFrom:
                            secretKeyRef:
                              name: webapp-secrets
                              key: session-secret
            """)
        return tree
    }

    func testEveryBranchIsReadAndNothingIsAWarning() {
        let result = Fixtures.declared(in: tree())
        XCTAssertEqual(result.warnings.map(\.text), [])
        XCTAssertEqual(result.lines([.kubernetesSecretKey, .kubernetesSecretKeyRef]), [
            "k8s-secret-key postgres-direct-url t/chart/templates/secrets.yaml:10 store=kubernetes-secret at=<template>-datastores",
            "k8s-secret-key postgres-direct-url t/chart/templates/secrets.yaml:12 store=kubernetes-secret at=<template>-datastores",
            "k8s-secret-key redis-password t/chart/templates/secrets.yaml:14 store=kubernetes-secret at=<template>-datastores",
            "k8s-secret-key-ref CLICKHOUSE_PASSWORD t/chart/templates/webapp.yaml:12 job=webapp store=kubernetes-secret at=<template> key=password",
            "k8s-secret-key-ref CLICKHOUSE_PASSWORD t/chart/templates/webapp.yaml:20 job=webapp store=kubernetes-secret at=clickhouse-auth key=admin-password",
            "k8s-secret-key-ref CLICKHOUSE_URL t/chart/templates/webapp.yaml:26 job=webapp store=kubernetes-secret at=clickhouse-url key=url",
            "k8s-secret-key-ref SESSION_SECRET t/chart/templates/webapp.yaml:32 job=webapp store=kubernetes-secret at=webapp-secrets key=session-secret",
        ])
    }

    /// A template broken in a way no branch explains is still a warning with its line.
    func testABrokenTemplateIsStillAWarning() {
        let tree = TempTree()
        tree.write("chart/templates/bad.yaml", """
            apiVersion: v1
            kind: Secret
            data:
              token: {{ .Values.token }}
                broken: [
            """)
        XCTAssertEqual(Fixtures.declared(in: tree).warnings.map { "\($0.path):\($0.line ?? 0)" }, ["chart/templates/bad.yaml:5"])
    }
}
