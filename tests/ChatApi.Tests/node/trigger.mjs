// graphql-transport-ws has no "subscribed" acknowledgement: instead of sleeping until the server has registered a
// subscription, provision new users (each one publishes onCreateUser) until the first event arrives, or give up.
export async function provisionUntil(httpUrl, tokens, arrived) {
  for (const token of tokens) {
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    if (!response.ok) throw new Error(`provisioning failed: ${response.status} ${await response.text()}`);
    const deadline = Date.now() + 300;
    while (!arrived() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    if (arrived()) return;
  }
  throw new Error('no event arrived after provisioning every trigger user');
}
