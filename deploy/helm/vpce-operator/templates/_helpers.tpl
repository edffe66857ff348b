{{- define "vpce-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "vpce-operator.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "vpce-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "vpce-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ default (include "vpce-operator.fullname" .) .Values.serviceAccount.name }}{{- else -}}
{{- required "serviceAccount.name is required with serviceAccount.create=false: name the ServiceAccount the operator runs as (the chart binds its roles to it, never to the namespace's \"default\")" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The namespaces the operator watches, one per line; none means every namespace (a ClusterRole). */}}
{{- define "vpce-operator.watchNamespaces" -}}
{{- if .Values.watchNamespaces -}}
{{- join "\n" (uniq .Values.watchNamespaces) -}}
{{- else if eq .Values.installScope "namespace" -}}
{{- .Release.Namespace -}}
{{- end -}}
{{- end -}}

{{/* The namespaces spec.export may write ConfigMaps in (export.namespaces), one per line; none: export is off. */}}
{{- define "vpce-operator.exportNamespaces" -}}
{{- join "\n" (uniq .Values.export.namespaces) -}}
{{- end -}}

{{/* The operator's image: repository@digest when image.digest is set, else repository:tag (default: the appVersion). */}}
{{- define "vpce-operator.image" -}}
{{- if .Values.image.digest -}}{{ .Values.image.repository }}@{{ .Values.image.digest }}{{- else -}}{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}{{- end -}}
{{- end -}}

{{/* The leader-election Lease: KubeLeaderElection.DefaultLeaseName in the operator. */}}
{{- define "vpce-operator.leaseName" -}}vpce-operator-leader{{- end -}}

{{/* The rules on the two kinds and on events: a ClusterRole, or a Role in each watched namespace. */}}
{{- define "vpce-operator.rules" -}}
# The operator reads its two kinds and patches only their finalizers (metadata) and their status.
- apiGroups: [vpce.io]
  resources: [vpcendpoints, endpointbucketpolicies]
  verbs: [get, list, watch, patch]
- apiGroups: [vpce.io]
  resources: [vpcendpoints/status, endpointbucketpolicies/status]
  verbs: [patch]
# core/v1 Events (KubeEventRecorder); a repeat raises the count of the earlier one.
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end -}}

{{/* spec.export's ConfigMaps (KubeConfigMapClient): read, written and deleted by name only, never listed or watched; in a
Role in each of export.namespaces only. */}}
{{- define "vpce-operator.exportRules" -}}
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, create, patch, delete]
{{- end -}}


{{/* The rules on cluster-scoped objects, in a ClusterRole under either install scope: AwsAccounts (the operator keeps its
finalizer on one while objects name it, and writes its status) and namespaces (their labels, for each AwsAccount's
namespaceSelector). */}}
{{- define "vpce-operator.clusterRules" -}}
- apiGroups: [vpce.io]
  resources: [awsaccounts]
  verbs: [get, list, watch, patch]
- apiGroups: [vpce.io]
  resources: [awsaccounts/status]
  verbs: [patch]
- apiGroups: [""]
  resources: [namespaces]
  verbs: [get, list, watch]
{{- end -}}
