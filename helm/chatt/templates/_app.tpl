{{/*
One .NET service (chatapi, gateway, identity): Deployment, Service, HPA and PDB share
this shape. Call with (dict "root" $ "component" "chatapi" "values" .Values.chatapi
"env" (include "chatt.chatapi.env" $)) where env is a YAML list of EnvVar.
*/}}

{{- define "chatt.app.deployment" -}}
{{- $root := .root }}
{{- $v := .values }}
{{- $ctx := dict "root" $root "component" .component }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chatt.componentName" $ctx }}
  labels:
    {{- include "chatt.componentLabels" $ctx | nindent 4 }}
spec:
  {{- if not (and $v.autoscaling $v.autoscaling.enabled) }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    {{- if .recreate }}
    # One writer on a ReadWriteOnce volume: the old pod must let go before the new one starts.
    type: Recreate
    {{- else }}
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
    {{- end }}
  selector:
    matchLabels:
      {{- include "chatt.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      annotations:
        # Roll the pods when the chart's Secret changes (new URI, new client secret).
        checksum/config: {{ include (print $root.Template.BasePath "/secret.yaml") $root | sha256sum }}
        {{- with .checksum }}
        checksum/component: {{ . }}
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      labels:
        {{- include "chatt.selectorLabels" $ctx | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "chatt.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.hostAliases }}
      hostAliases:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      containers:
        - name: {{ .component }}
          image: {{ include "chatt.image" (dict "root" $root "component" .component "values" $v) | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: ASPNETCORE_HTTP_PORTS
              value: "8080"
            - name: DOTNET_ENVIRONMENT
              value: Production
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- with .envFrom }}
          envFrom:
            {{- . | nindent 12 }}
          {{- end }}
          # Startup gives a cold start (and the store's index creation) time before liveness counts.
          startupProbe:
            httpGet: { path: /alive, port: http }
            periodSeconds: 2
            failureThreshold: 30
          # Live: the process answers. Restarting does not fix a down database, so only /alive here.
          livenessProbe:
            httpGet: { path: /alive, port: http }
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          # Ready: dependencies (MongoDB, NATS, …) answer; an unready pod leaves the Service.
          readinessProbe:
            httpGet: { path: /health, port: http }
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          lifecycle:
            # Keep serving while the endpoint is removed from Services and ingress
            # controllers, so no new connection lands on a terminating pod.
            preStop:
              sleep:
                seconds: 5
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        {{- include "chatt.tmpVolume" $root | nindent 8 }}
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $v.affinity }}
      affinity:
        {{- toYaml $v.affinity | nindent 8 }}
      {{- else }}
      # Default: prefer spreading replicas over nodes, so one node's loss keeps the service up.
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    {{- include "chatt.selectorLabels" $ctx | nindent 20 }}
      {{- end }}
      {{- with $v.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}

{{- define "chatt.app.service" -}}
{{- $ctx := dict "root" .root "component" .component }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "chatt.componentName" $ctx }}
  labels:
    {{- include "chatt.componentLabels" $ctx | nindent 4 }}
spec:
  type: {{ .type | default "ClusterIP" }}
  selector:
    {{- include "chatt.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ .port | default 8080 }}
      targetPort: http
      protocol: TCP
{{- end }}

{{- define "chatt.app.pdb" -}}
{{- $ctx := dict "root" .root "component" .component }}
{{- if .values.pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "chatt.componentName" $ctx }}
  labels:
    {{- include "chatt.componentLabels" $ctx | nindent 4 }}
spec:
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "chatt.selectorLabels" $ctx | nindent 6 }}
{{- end }}
{{- end }}

{{- define "chatt.app.hpa" -}}
{{- $ctx := dict "root" .root "component" .component }}
{{- $a := .values.autoscaling }}
{{- if $a.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "chatt.componentName" $ctx }}
  labels:
    {{- include "chatt.componentLabels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "chatt.componentName" $ctx }}
  minReplicas: {{ $a.minReplicas }}
  maxReplicas: {{ $a.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $a.targetCPUUtilizationPercentage }}
    {{- if and $a.activeSockets $a.activeSockets.enabled }}
    - type: Pods
      pods:
        metric:
          name: {{ $a.activeSockets.metricName }}
        target:
          type: AverageValue
          averageValue: {{ $a.activeSockets.averageValue | quote }}
    {{- end }}
  behavior:
    # Sockets are long-lived: scale in slowly so clients are not reshuffled on every dip.
    scaleDown:
      stabilizationWindowSeconds: 300
      policies:
        - type: Pods
          value: 1
          periodSeconds: 120
{{- end }}
{{- end }}
