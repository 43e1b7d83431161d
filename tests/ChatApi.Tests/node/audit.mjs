// Runs graphql-http's server audit suite against a running ChatApi.
// usage: node audit.mjs <http url of /graphql> <bearer token>
// prints: [{ id, name, status: "ok" | "warn" | "error", reason }]
import { serverAudits } from 'graphql-http';

const [url, token] = process.argv.slice(2);

// Every request must be authenticated, so the audit's requests carry the token.
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const results = [];
for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
console.log(JSON.stringify(results));
