{{/*
A `helm test` Pod: curl in a shell, non-root, read-only root, /tmp writable, deleted once it passed.
Call with (dict "root" $ "check" "health" "script" $script "env" $envYaml).
*/}}
{{- define "chatt.test.pod" -}}
{{- $root := .root }}
{{- $ctx := dict "root" $root "component" "tests" }}
apiVersion: v1
kind: Pod
metadata:
  name: {{ printf "%s-test-%s" (include "chatt.fullname" $root) .check | trunc 63 | trimSuffix "-" }}
  labels:
    {{- include "chatt.componentLabels" $ctx | nindent 4 }}
    chatt.io/check: {{ .check }}
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.hostAliases }}
  hostAliases:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    runAsNonRoot: true
    runAsUser: 100
    runAsGroup: 101
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: {{ .check }}
      image: {{ printf "%s:%s" $root.Values.tests.image.repository $root.Values.tests.image.tag | quote }}
      imagePullPolicy: {{ $root.Values.tests.image.pullPolicy }}
      securityContext:
        {{- toYaml $root.Values.securityContext | nindent 8 }}
      command: ["/bin/sh", "-ec"]
      args:
        - |
          {{- .script | nindent 10 }}
      {{- with .env }}
      env:
        {{- . | nindent 8 }}
      {{- end }}
      resources:
        requests: { cpu: 10m, memory: 16Mi }
        limits: { memory: 64Mi }
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 16Mi
{{- end }}
