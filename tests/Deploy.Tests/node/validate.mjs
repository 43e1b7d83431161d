#!/usr/bin/env node
// Validates a multi-document YAML stream (helm template output) against the Kubernetes
// OpenAPI schemas shipped in the `kubernetes-models` package, offline.
// Input: a file path argument, or stdin. Output: one JSON object on stdout:
//   { "documents": N, "kinds": { "apps/v1/Deployment": 3, ... }, "errors": [ { "document", "kind", "name", "message" } ] }
// Exit code 0 when every document is a known kind and valid, 1 otherwise, 2 on unreadable input.
// Limits: the schemas catch wrong types, missing required fields and unknown kinds,
// not unknown extra fields.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const source = process.argv[2] ? readFileSync(process.argv[2], "utf8") : readFileSync(0, "utf8");

// "apps/v1" -> "kubernetes-models/apps/v1/Deployment"; core "v1" -> "kubernetes-models/v1/Service".
function modulePath(apiVersion, kind) {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

const result = { documents: 0, kinds: {}, errors: [] };
const parsed = parseAllDocuments(source);

for (const [index, doc] of parsed.entries()) {
  if (doc.errors.length > 0) {
    result.errors.push({ document: index, kind: "?", name: "?", message: doc.errors.map(e => e.message).join("; ") });
    continue;
  }
  const object = doc.toJS();
  if (object === null || object === undefined) continue; // empty document between separators
  result.documents++;
  const { apiVersion, kind } = object;
  const name = object.metadata?.name ?? "?";
  const key = `${apiVersion}/${kind}`;
  result.kinds[key] = (result.kinds[key] ?? 0) + 1;

  let Model;
  try {
    Model = (await import(modulePath(apiVersion, kind)))[kind];
  } catch {
    Model = undefined;
  }
  if (typeof Model !== "function") {
    result.errors.push({ document: index, kind: key, name, message: `unknown apiVersion/kind ${key}` });
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    result.errors.push({ document: index, kind: key, name, message: String(error?.message ?? error) });
  }
}

process.stdout.write(JSON.stringify(result) + "\n");
process.exit(result.errors.length === 0 ? 0 : 1);
