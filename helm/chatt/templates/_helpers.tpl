{{/* Names ---------------------------------------------------------------- */}}

{{- define "chatt.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chatt.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* "<fullname>-<component>", e.g. chatt-chatapi. Call with (dict "root" $ "component" "chatapi"). */}}
{{- define "chatt.componentName" -}}
{{- printf "%s-%s" (include "chatt.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{- define "chatt.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "chatt.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Labels --------------------------------------------------------------- */}}

{{- define "chatt.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "chatt.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: chatt
{{- end }}

{{/* Call with (dict "root" $ "component" "chatapi"). */}}
{{- define "chatt.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chatt.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "chatt.componentLabels" -}}
{{ include "chatt.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Images --------------------------------------------------------------- */}}

{{/* Call with (dict "root" $ "component" "chatapi" "values" .Values.chatapi). */}}
{{- define "chatt.image" -}}
{{- $repository := .values.image.repository | default (printf "%s/chatt-%s" .root.Values.image.registry .component) }}
{{- $tag := .values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{/* Connections ---------------------------------------------------------- */}}

{{/* The chart's own Secret: generated values and inline secrets given in values. */}}
{{- define "chatt.secretName" -}}
{{- include "chatt.componentName" (dict "root" . "component" "config") }}
{{- end }}

{{/* Where ChatApi's ConnectionStrings__chatdb comes from: a list [secretName, key], or empty. */}}
{{- define "chatt.mongodb.secretRef" -}}
{{- if .Values.mongodb.enabled }}
{{- list (include "chatt.componentName" (dict "root" . "component" "mongodb")) "uri" | toJson }}
{{- else if .Values.externalMongodb.existingSecret }}
{{- list .Values.externalMongodb.existingSecret .Values.externalMongodb.existingSecretKey | toJson }}
{{- else if .Values.externalMongodb.uri }}
{{- list (include "chatt.secretName" .) "mongodb-uri" | toJson }}
{{- end }}
{{- end }}

{{/* Where ChatApi's ConnectionStrings__nats comes from: a list [secretName, key], or empty. */}}
{{- define "chatt.nats.secretRef" -}}
{{- if .Values.nats.enabled }}
{{- list (include "chatt.secretName" .) "nats-url" | toJson }}
{{- else if .Values.externalNats.existingSecret }}
{{- list .Values.externalNats.existingSecret .Values.externalNats.existingSecretKey | toJson }}
{{- else if .Values.externalNats.url }}
{{- list (include "chatt.secretName" .) "nats-url" | toJson }}
{{- end }}
{{- end }}

{{/* The bus's secrets (keys "signing-key" and, for the in-chart NATS, "nats-password"): yours or the chart's. */}}
{{- define "chatt.bus.secretName" -}}
{{- .Values.busSecrets.existingSecret | default (include "chatt.componentName" (dict "root" . "component" "bus")) }}
{{- end }}

{{/* Where the Gateway's Oidc__ClientSecret comes from: a list [secretName, key], or empty. */}}
{{- define "chatt.oidc.secretRef" -}}
{{- if .Values.oidc.existingSecret }}
{{- list .Values.oidc.existingSecret .Values.oidc.existingSecretKey | toJson }}
{{- else if .Values.oidc.clientSecret }}
{{- list (include "chatt.secretName" .) "oidc-client-secret" | toJson }}
{{- end }}
{{- end }}

{{- define "chatt.ingress.scheme" -}}
{{- if .Values.ingress.tls }}https{{ else }}http{{ end }}
{{- end }}

{{/* The OIDC authority: the configured one, else the in-chart Identity (public host when
     an Ingress exposes it, because browsers are redirected there, else the Service). */}}
{{- define "chatt.oidc.authority" -}}
{{- if .Values.oidc.authority }}
{{- .Values.oidc.authority }}
{{- else if not .Values.identity.enabled }}
{{- fail "chatt: set oidc.authority (Keycloak, Auth0, Entra…) or identity.enabled=true" }}
{{- else if .Values.ingress.enabled }}
{{- printf "%s://%s/" (include "chatt.ingress.scheme" .) .Values.ingress.identityHost }}
{{- else }}
{{- printf "http://%s:8080/" (include "chatt.componentName" (dict "root" . "component" "identity")) }}
{{- end }}
{{- end }}

{{/* The public URL of the chat (the gateway) without a trailing slash: what browsers open and
     what the in-chart Identity accepts as redirect URIs. */}}
{{- define "chatt.gateway.url" -}}
{{- if .Values.ingress.enabled }}
{{- printf "%s://%s" (include "chatt.ingress.scheme" .) .Values.ingress.host }}
{{- else }}
{{- print "http://localhost:5080" }}
{{- end }}
{{- end }}

{{/* The in-chart Identity's Identity:Issuer: identity.issuer, else its public URL (the authority). */}}
{{- define "chatt.identity.issuer" -}}
{{- .Values.identity.issuer | default (include "chatt.oidc.authority" .) }}
{{- end }}

{{/* "true" when extraEnv puts the service in Development, the only mode in which Identity
     serves plain http. Call with the service's values. */}}
{{- define "chatt.development" -}}
{{- range .extraEnv }}
{{- if and (eq .name "ASPNETCORE_ENVIRONMENT") (eq (toString .value) "Development") }}true{{ end }}
{{- end }}
{{- end }}

{{/* An EnvVar read from a Secret. Call with (list name secret key) or (list name secret key true) for optional. */}}
{{- define "chatt.secretEnv" -}}
{{- $ref := dict "name" (index . 1) "key" (index . 2) }}
{{- if gt (len .) 3 }}{{ $_ := set $ref "optional" true }}{{ end }}
{{- dict "name" (index . 0) "valueFrom" (dict "secretKeyRef" $ref) | toJson }}
{{- end }}

{{/* Checks that turn a release that would not work into an error at install time. */}}
{{- define "chatt.validate" -}}
{{- if not (include "chatt.mongodb.secretRef" .) }}
{{- fail "chatt: ChatApi needs MongoDB to run several replicas: set mongodb.enabled=true, externalMongodb.existingSecret or externalMongodb.uri" }}
{{- end }}
{{- $scaled := or (gt (int .Values.chatapi.replicaCount) 1) .Values.chatapi.autoscaling.enabled }}
{{- if and $scaled (not (include "chatt.nats.secretRef" .)) }}
{{- fail "chatt: more than one ChatApi replica needs NATS to carry events between them: set nats.enabled=true, externalNats.existingSecret or externalNats.url" }}
{{- end }}
{{- $gateways := or (gt (int .Values.gateway.replicaCount) 1) .Values.gateway.autoscaling.enabled }}
{{- $keyRing := or .Values.gateway.dataProtection.existingSecret .Values.gateway.dataProtection.existingClaim }}
{{- if and $gateways (not $keyRing) }}
{{- fail "chatt: more than one gateway replica needs a shared cookie key ring, or sign-in breaks when a request lands on another pod: set gateway.dataProtection.existingSecret or gateway.dataProtection.existingClaim, or gateway.replicaCount=1" }}
{{- end }}
{{- if and .Values.identity.enabled .Values.identity.users .Values.identity.usersExistingSecret }}
{{- fail "chatt: set identity.users or identity.usersExistingSecret, not both (both number their accounts from Identity__Users__0)" }}
{{- end }}
{{- end }}

{{/* Pod pieces shared by the .NET services ----------------------------------- */}}

{{/* /tmp is the only writable path the .NET services need under a read-only root. */}}
{{- define "chatt.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- end }}
