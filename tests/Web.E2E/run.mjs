// Browser end-to-end test of the web client, in Debian's Chromium through playwright-core (no browser download).
//
//   node run.mjs <gateway-url>    against a running system, e.g. http://localhost:5080: the Gateway serving the
//                                 built client (src/Web/dist), the built-in identity provider and ChatApi
//
// tests/EndToEnd.Tests starts that system in-process and runs this script as part of `dotnet test`.
// Two people (alice, bob) in two browser contexts sign in through the identity provider's form, start a
// conversation, exchange messages live; bob goes offline, sends two, alice sends one meanwhile, bob comes back;
// both sides must then show the same messages in the same order with no duplicates. Screenshots go to
// artifacts/screenshots/ (repo root, or $SCREENSHOT_DIR). Prints "N passed, N failed" as its last line and exits
// non-zero on failure. With E2E_DEBUG=1 it also prints every GraphQL request, answer and WebSocket frame of both
// browsers, and their console, timestamped (what to read when a step fails).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');
const shots = process.env.SCREENSHOT_DIR ?? join(repo, 'artifacts', 'screenshots');
const TIMEOUT = 15_000;
const users = {
  alice: process.env.ALICE_PASSWORD ?? 'alice-dev-password',
  bob: process.env.BOB_PASSWORD ?? 'bob-dev-password',
};

const results = [];
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  FAIL ${name}: ${error?.stack ?? error}`);
    throw error;
  }
}

async function signIn(page, base, username) {
  const gateway = new URL(base).origin;
  await page.goto(base);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The gateway's /auth/login sends the browser to the provider's authorize endpoint, which shows its sign-in
  // form (src/Identity/Accounts: fields Username and Password, an antiforgery token, a "Sign in" button).
  await page.waitForURL((url) => url.pathname === '/account/signin', { timeout: TIMEOUT });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(users[username]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Back through authorize and the gateway's /signin-oidc to the page sign-in started from.
  await page.waitForURL((url) => url.origin === gateway && !url.pathname.startsWith('/auth') && url.pathname !== '/signin-oidc', { timeout: TIMEOUT });
  const choose = page.getByRole('heading', { name: 'Choose your username' });
  const header = page.getByRole('button', { name: 'Account' });
  await choose.or(header).first().waitFor({ timeout: TIMEOUT });
  if (await choose.isVisible()) {
    await page.getByLabel('Username').fill(username);
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByTestId('connection').and(page.locator('[data-state=online]')).waitFor({ timeout: TIMEOUT });
}

const composer = (page) => page.getByRole('textbox', { name: 'Message', exact: true });
/** The newest confirmed message on screen holding this text. */
const messageWith = (page, text) =>
  page.locator('[data-testid=message][data-seq]').filter({ has: page.locator('.content', { hasText: text }) }).last();

/** Opens a message's actions as a person would: hover on a desktop, a long press on a phone. */
async function openActions(page, message) {
  if (page.context()._debugName === 'bob') {
    await message.dispatchEvent('touchstart');
    await new Promise((r) => setTimeout(r, 700));
    await message.dispatchEvent('touchend');
  } else {
    await message.hover();
  }
  await message.getByRole('toolbar', { name: 'Message actions' }).waitFor({ timeout: TIMEOUT });
}

async function messageAction(page, message, name) {
  await openActions(page, message);
  await message.getByRole('button', { name, exact: true }).click();
}

async function confirmDelete(page) {
  const dialog = page.getByRole('dialog', { name: 'Delete message?' });
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: TIMEOUT });
}

async function editMessage(page, message, text) {
  await messageAction(page, message, 'Edit');
  const box = page.getByRole('textbox', { name: 'Edit message' });
  await box.fill(text);
  await box.press('Enter');
  await box.waitFor({ state: 'detached', timeout: TIMEOUT });
}

const createGroup = (page, name, members) =>
  gql(page, 'mutation($id: ID, $name: String!, $members: [String!]!) { createConvo(input: { id: $id, name: $name, members: $members }) { id } }', {
    id: crypto.randomUUID(),
    name,
    members,
  }).then((d) => d.createConvo.id);

async function backToList(page) {
  await page.getByRole('button', { name: 'Back to conversations' }).first().click();
  await page.getByRole('navigation', { name: 'Conversations' }).waitFor({ timeout: TIMEOUT });
}
const conversations = (page) => page.getByRole('navigation', { name: 'Conversations' }).getByRole('list', { name: 'Conversations' }).getByRole('button');

async function send(page, text) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** The confirmed messages on screen, in screen order: [{ id, seq, text }]. */
async function confirmed(page) {
  return page.locator('[data-testid=message][data-seq]').evaluateAll((nodes) =>
    nodes.map((n) => ({ id: n.dataset.id, seq: Number(n.dataset.seq), text: n.querySelector('.content')?.textContent ?? '' })),
  );
}

async function waitForText(page, text) {
  await page.locator('[data-testid=message][data-seq] .content', { hasText: text }).first().waitFor({ timeout: TIMEOUT });
}

/** A GraphQL call from inside the page, as the app makes it (same-origin cookie, X-CSRF). */
async function gql(page, query, variables = {}) {
  const result = await page.evaluate(
    async ([q, v]) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', 'X-CSRF': '1' },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return response.json();
    },
    [query, variables],
  );
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

async function eventually(check, message) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const consoleProblems = [];
function watchConsole(page) {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
  if (process.env.E2E_DEBUG) {
    const t0 = Date.now();
    const who = () => page.context()._debugName ?? '?';
    page.on('websocket', (ws) => {
      console.log(`[${Date.now() - t0}] ${who()} ws open ${ws.url()}`);
      ws.on('framesent', (f) => console.log(`[${Date.now() - t0}] ${who()} >> ${String(f.payload).slice(0, 300)}`));
      ws.on('framereceived', (f) => console.log(`[${Date.now() - t0}] ${who()} << ${String(f.payload).slice(0, 300)}`));
      ws.on('close', () => console.log(`[${Date.now() - t0}] ${who()} ws close`));
    });
    page.on('request', (r) => { if (r.url().includes('/graphql')) console.log(`[${Date.now() - t0}] ${who()} POST ${String(r.postData()).slice(0, 200)}`); });
    page.on('response', async (r) => { if (r.url().includes('/graphql')) console.log(`[${Date.now() - t0}] ${who()} ${r.status()} ${(await r.text().catch(() => '')).slice(0, 300)}`); });
    page.on('console', (m) => console.log(`[${Date.now() - t0}] ${who()} console.${m.type()} ${m.text()}`));
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function main() {
  const args = process.argv.slice(2);
  const base = args.find((a) => !a.startsWith('--')) ?? process.env.CHATT_BASE_URL;
  if (!base) throw new Error('usage: node run.mjs <gateway-url>');
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    // playwright-core gives every launch a fresh, temporary --user-data-dir itself (it refuses the flag).
  });
  console.log(`web e2e against ${base}`);
  const tag = Date.now().toString(36);
  try {
    const aliceContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const bobContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // Anything the app logs as an error or warning is printed, so a run shows what the console would.
    // Who is who in the debug log, and which person uses a phone (openActions).
    aliceContext._debugName = 'alice';
    bobContext._debugName = 'bob';
    for (const context of [aliceContext, bobContext]) {
      context.on('page', (page) => watchConsole(page));
    }
    const alice = await aliceContext.newPage();
    let bob = await bobContext.newPage();

    await step('alice and bob sign in through the identity provider', async () => {
      await alice.goto(base);
      await alice.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: TIMEOUT });
      await alice.screenshot({ path: join(shots, '01-signed-out.png') });
      await signIn(alice, base, 'alice');
      await signIn(bob, base, 'bob');
      await alice.screenshot({ path: join(shots, '02-conversation-list.png') });
    });

    const first = `Hi Bob ${tag}`;
    await step('alice starts a conversation with bob by picking him from the user list', async () => {
      await alice.getByRole('button', { name: 'New', exact: true }).click();
      await alice.getByRole('searchbox', { name: 'Find people' }).fill('bo');
      await alice.getByRole('dialog', { name: 'New conversation' }).getByRole('button', { name: 'bob', exact: true }).click();
      await alice.screenshot({ path: join(shots, '03-new-conversation.png') });
      await alice.getByRole('button', { name: 'Start chat' }).click();
      await composer(alice).waitFor({ timeout: TIMEOUT });
      await send(alice, first);
      await waitForText(alice, first);
    });

    await step('bob sees the conversation arrive live with an unread count, opens it and reads it', async () => {
      const item = conversations(bob).filter({ hasText: first });
      await item.waitFor({ timeout: TIMEOUT });
      await conversations(bob).filter({ hasText: first }).and(bob.getByRole('button', { name: /1 unread/ })).waitFor({ timeout: TIMEOUT });
      await bob.screenshot({ path: join(shots, '04-phone-list-unread.png') });
      await item.click();
      await waitForText(bob, first);
      const id = decodeURIComponent(new URL(bob.url()).hash.replace('#/c/', ''));
      await eventually(async () => {
        const data = await gql(bob, 'query($id: ID!) { getConvo(id: $id) { unreadCount } }', { id });
        return data.getConvo.unreadCount === 0;
      }, 'bob read the message but his unread count did not go to 0');
    });

    const reply = `Hi Alice ${tag}`;
    await step('messages appear live on both sides', async () => {
      await send(bob, reply);
      await waitForText(alice, reply);
      await waitForText(bob, reply);
      await alice.screenshot({ path: join(shots, '05-conversation-desktop.png') });
      await bob.screenshot({ path: join(shots, '06-conversation-phone.png') });
    });

    const offline = [`Sent offline one ${tag}`, `Sent offline two ${tag}`];
    const meanwhile = `While you were away ${tag}`;
    await step('bob goes offline, sends two, alice sends one meanwhile', async () => {
      await bobContext.setOffline(true);
      await bob.locator('[data-testid=connection][data-state=offline]').waitFor({ timeout: TIMEOUT });
      for (const text of offline) await send(bob, text);
      await bob.locator('.message.pending', { hasText: offline[1] }).waitFor({ timeout: TIMEOUT });
      await send(alice, meanwhile);
      await waitForText(alice, meanwhile);
      await bob.screenshot({ path: join(shots, '07-phone-offline-queued.png') });
    });

    await step('bob comes back: queue replayed, missed message fetched, both sides equal with no duplicates', async () => {
      await bobContext.setOffline(false);
      await bob.locator('[data-testid=connection][data-state=online]').waitFor({ timeout: TIMEOUT });
      for (const text of [...offline, meanwhile]) await waitForText(bob, text);
      for (const text of offline) await waitForText(alice, text);
      await bob.locator('.message.pending').waitFor({ state: 'detached', timeout: TIMEOUT });

      const a = await confirmed(alice);
      const b = await confirmed(bob);
      const texts = (list) => list.map((m) => m.text);
      assert(JSON.stringify(a) === JSON.stringify(b), `sides differ:\n alice ${JSON.stringify(texts(a))}\n bob   ${JSON.stringify(texts(b))}`);
      assert(new Set(a.map((m) => m.id)).size === a.length, 'a message id appears twice');
      assert(a.every((m, i) => m.seq === i + 1), `seqs are not 1..n in order: ${a.map((m) => m.seq)}`);
      const expected = [first, reply, ...offline, meanwhile];
      assert(expected.every((t) => texts(a).filter((x) => x === t).length === 1), `not exactly once each: ${JSON.stringify(texts(a))}`);
      assert(texts(a).indexOf(offline[0]) < texts(a).indexOf(offline[1]), 'offline messages out of order');
      await alice.screenshot({ path: join(shots, '08-after-reconnect-desktop.png') });
      await bob.screenshot({ path: join(shots, '09-after-reconnect-phone.png') });
    });

    await step('a message queued offline survives closing the tab and is sent when the app opens again', async () => {
      const url = bob.url();
      const kept = `Kept across a reload ${tag}`;
      await bobContext.setOffline(true);
      await bob.locator('[data-testid=connection][data-state=offline]').waitFor({ timeout: TIMEOUT });
      await send(bob, kept);
      await bob.locator('.message.pending', { hasText: kept }).waitFor({ timeout: TIMEOUT });
      await bob.close();
      await bobContext.setOffline(false);
      bob = await bobContext.newPage();
      await bob.goto(url);
      await waitForText(bob, kept);
      await waitForText(alice, kept);
      const texts = (await confirmed(alice)).map((m) => m.text);
      assert(texts.filter((t) => t === kept).length === 1, 'the kept message arrived more or less than once');
    });

    await step('an empty people search lists people with no error, and Escape closes the dialog', async () => {
      await alice.getByRole('button', { name: 'New', exact: true }).click();
      const dialog = alice.getByRole('dialog', { name: 'New conversation' });
      await dialog.waitFor({ timeout: TIMEOUT });
      assert((await alice.getByRole('searchbox', { name: 'Find people' }).inputValue()) === '', 'the search box is not empty');
      await dialog.getByRole('button', { name: 'bob', exact: true }).waitFor({ timeout: TIMEOUT });
      assert((await dialog.getByRole('alert').count()) === 0, `an error shows: ${await dialog.getByRole('alert').allTextContents()}`);
      const text = await dialog.textContent();
      assert(!/GraphQL|beginsWith|filter/.test(text ?? ''), `raw server text on screen: ${text}`);
      await alice.screenshot({ path: join(shots, '13-empty-people-search.png') });
      await alice.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: TIMEOUT });
    });

    await step('a long unbroken string never makes the page wider than the viewport, on desktop or phone', async () => {
      const long = `https://example.com/${'x'.repeat(300)}?q=${'y'.repeat(80)} ${tag}`;
      const width = (page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth, body: document.body.scrollWidth }));
      for (const page of [alice, bob]) {
        await composer(page).fill(long);
        const w = await width(page);
        assert(w.scroll <= w.inner && w.body <= w.inner, `typing a long string widened the page: ${JSON.stringify(w)}`);
        assert(await page.getByRole('button', { name: 'Send' }).isVisible(), 'Send is not on screen');
        const box = await page.getByRole('button', { name: 'Send' }).boundingBox();
        assert(box && box.x + box.width <= w.inner, `Send is off-screen: ${JSON.stringify(box)}`);
      }
      await composer(bob).fill('');
      await send(alice, long);
      await waitForText(bob, tag);
      await bob.locator('[data-testid=message][data-seq]').filter({ hasText: 'example.com' }).last().waitFor({ timeout: TIMEOUT });
      for (const page of [alice, bob]) {
        const w = await width(page);
        assert(w.scroll <= w.inner && w.body <= w.inner, `a long message widened the page: ${JSON.stringify(w)}`);
      }
      await alice.screenshot({ path: join(shots, '14-long-string-desktop.png') });
      await bob.screenshot({ path: join(shots, '15-long-string-phone.png') });
    });

    await step('messages render Markdown, links open outside with rel=noopener noreferrer, mentions are highlighted', async () => {
      await send(alice, `**bold move** and \`code\` :tada: see https://example.org/page @bob ${tag}`);
      const message = bob.locator('[data-testid=message][data-seq]').filter({ hasText: 'bold move' }).last();
      await message.waitFor({ timeout: TIMEOUT });
      assert((await message.locator('strong', { hasText: 'bold move' }).count()) === 1, 'bold is not rendered');
      assert((await message.locator('code', { hasText: 'code' }).count()) === 1, 'code is not rendered');
      assert((await message.textContent()).includes('🎉'), 'the :tada: shortcode is not an emoji');
      const link = message.getByRole('link', { name: 'https://example.org/page' });
      assert((await link.getAttribute('target')) === '_blank', 'the link does not open outside');
      assert((await link.getAttribute('rel')) === 'noopener noreferrer', `rel is ${await link.getAttribute('rel')}`);
      assert((await message.locator('.mention-me', { hasText: '@bob' }).count()) === 1, 'the mention of bob is not highlighted for bob');
    });

    const directUrl = alice.url();
    await step('alice replies to bob, both react, alice edits (Up-arrow, Escape cancels) and deletes with confirmation; bob sees each', async () => {
      await messageAction(alice, messageWith(alice, reply), 'Reply');
      await alice.getByText(/Replying to/).waitFor({ timeout: TIMEOUT });
      const answer = `Answering you ${tag}`;
      await send(alice, answer);
      const quoted = messageWith(bob, answer);
      const quote = quoted.getByRole('button', { name: new RegExp(`Hi Alice ${tag}`) });
      await quote.waitFor({ timeout: TIMEOUT });
      await quote.click();
      await bob.locator('[data-testid=message].highlighted', { hasText: reply }).waitFor({ timeout: TIMEOUT });

      await messageAction(alice, messageWith(alice, reply), 'React');
      await messageWith(alice, reply).getByRole('button', { name: 'React with 👍' }).click();
      const bobsThumb = messageWith(bob, reply).getByRole('button', { name: /^👍 1/ });
      await bobsThumb.waitFor({ timeout: TIMEOUT });
      await bobsThumb.click();
      await messageWith(alice, reply).getByRole('button', { name: /^👍 2/ }).waitFor({ timeout: TIMEOUT });
      assert((await messageWith(bob, reply).getByRole('button', { name: /^👍 2/ }).getAttribute('aria-pressed')) === 'true', 'bob\'s own reaction is not shown as his');
      await alice.screenshot({ path: join(shots, '23-reply-and-reactions-desktop.png') });
      await bob.screenshot({ path: join(shots, '24-reply-and-reactions-phone.png') });

      // Up-arrow in the empty composer edits one's last message; Escape cancels.
      await composer(alice).fill('');
      await composer(alice).press('ArrowUp');
      const editBox = alice.getByRole('textbox', { name: 'Edit message' });
      await editBox.waitFor({ timeout: TIMEOUT });
      assert((await editBox.inputValue()) === answer, `Up-arrow edits "${await editBox.inputValue()}", not the last message`);
      await editBox.press('Escape');
      await editBox.waitFor({ state: 'detached', timeout: TIMEOUT });
      const edited = `Answering you, edited ${tag}`;
      await editMessage(alice, messageWith(alice, answer), edited);
      await messageWith(bob, edited).getByText('(edited)').waitFor({ timeout: TIMEOUT });

      const doomed = `Soon deleted ${tag}`;
      await send(alice, doomed);
      await waitForText(bob, doomed);
      const seq = Number(await messageWith(alice, doomed).getAttribute('data-seq'));
      await messageAction(alice, messageWith(alice, doomed), 'Delete');
      await alice.screenshot({ path: join(shots, '25-delete-confirmation.png') });
      await confirmDelete(alice);
      for (const page of [alice, bob]) {
        await page.locator(`[data-testid=message][data-seq="${seq}"] .content.deleted`, { hasText: 'This message was deleted' }).waitFor({ timeout: TIMEOUT });
      }
      assert((await bob.getByText(doomed).count()) === 0, 'the deleted text is still on bob\'s screen');
      await bob.screenshot({ path: join(shots, '26-deleted-phone.png') });
    });

    await step('@ opens a member picker; the mention is highlighted for bob and counted apart in his list', async () => {
      await composer(alice).fill('@b');
      const picker = alice.getByRole('listbox', { name: 'Mention someone' });
      await picker.getByRole('option', { name: '@bob' }).waitFor({ timeout: TIMEOUT });
      await alice.screenshot({ path: join(shots, '27-mention-picker.png') });
      await composer(alice).press('Enter');
      assert((await composer(alice).inputValue()) === '@bob ', `picking bob wrote "${await composer(alice).inputValue()}"`);
      await backToList(bob);
      await composer(alice).pressSequentially(`look at this ${tag}`);
      await composer(alice).press('Enter');
      const item = conversations(bob).and(bob.getByRole('button', { name: /1 mention/ }));
      await item.waitFor({ timeout: TIMEOUT });
      await bob.screenshot({ path: join(shots, '28-phone-list-mention-badge.png') });
      await item.click();
      await messageWith(bob, `look at this ${tag}`).locator('.mention-me', { hasText: '@bob' }).waitFor({ timeout: TIMEOUT });
    });

    await step('in a group alice renames it and removes bob; bob leaves another one; each leaves his list', async () => {
      const team = `Team ${tag}`;
      await createGroup(alice, team, ['bob']);
      await alice.goto(new URL('/', base).href);
      await conversations(alice).filter({ hasText: team }).click();
      await alice.getByRole('heading', { name: team }).waitFor({ timeout: TIMEOUT });
      await send(alice, `Welcome ${tag}`);
      await backToList(bob);
      await conversations(bob).filter({ hasText: team }).click();
      await waitForText(bob, `Welcome ${tag}`);

      await alice.getByRole('button', { name: 'Members' }).click();
      const members = alice.getByRole('dialog', { name: 'Members' });
      await members.getByRole('list', { name: 'Members' }).getByText('bob', { exact: true }).waitFor({ timeout: TIMEOUT });
      const renamed = `Renamed ${tag}`;
      await members.getByRole('textbox', { name: 'Conversation name' }).fill(renamed);
      await members.getByRole('button', { name: 'Rename' }).click();
      await alice.getByRole('heading', { name: renamed }).waitFor({ timeout: TIMEOUT });
      await bob.getByRole('heading', { name: renamed }).waitFor({ timeout: TIMEOUT });
      await alice.screenshot({ path: join(shots, '29-members-dialog.png') });
      await members.getByRole('button', { name: 'Remove bob' }).click();
      await members.getByRole('button', { name: 'Remove bob' }).waitFor({ state: 'detached', timeout: TIMEOUT });
      await alice.keyboard.press('Escape');
      await members.waitFor({ state: 'detached', timeout: TIMEOUT });
      await bob.getByRole('heading', { name: 'You are no longer in this conversation' }).waitFor({ timeout: TIMEOUT });
      assert(await composer(bob).isDisabled(), 'the composer is active in a conversation bob was removed from');
      await bob.screenshot({ path: join(shots, '30-phone-removed.png') });
      await backToList(bob);
      assert((await conversations(bob).filter({ hasText: renamed }).count()) === 0, 'the conversation bob was removed from is still in his list');

      const leaving = `Leaving ${tag}`;
      const leavingId = await createGroup(alice, leaving, ['bob']);
      await gql(alice, 'mutation($input: CreateMessageInput!) { createMessage(input: $input) { seq } }', {
        input: { id: crypto.randomUUID(), messageConversationId: leavingId, content: `Stay or go ${tag}` },
      });
      await conversations(bob).filter({ hasText: leaving }).click();
      await waitForText(bob, `Stay or go ${tag}`);
      await bob.getByRole('button', { name: 'Members' }).click();
      await bob.getByRole('dialog', { name: 'Members' }).getByRole('button', { name: 'Leave conversation' }).click();
      await bob.getByRole('navigation', { name: 'Conversations' }).waitFor({ timeout: TIMEOUT });
      await eventually(async () => (await conversations(bob).filter({ hasText: leaving }).count()) === 0, 'the conversation bob left is still in his list');
      const left = (await gql(alice, 'query($id: ID!) { getConvo(id: $id) { members } }', { id: leavingId })).getConvo.members;
      assert(JSON.stringify(left) === '["alice"]', `after bob left, the members are ${JSON.stringify(left)}`);
      await alice.goto(directUrl);
      await composer(alice).waitFor({ timeout: TIMEOUT });
    });

    await step('bob edits, deletes and reacts while offline and alice edits meanwhile: after reconnect both sides agree', async () => {
      await conversations(bob).filter({ hasText: `look at this ${tag}` }).click();
      const toEdit = `Bob will edit ${tag}`;
      const toDelete = `Bob will delete ${tag}`;
      const hers = `Alice will edit ${tag}`;
      await send(bob, toEdit);
      await send(bob, toDelete);
      await waitForText(alice, toDelete);
      await send(alice, hers);
      await waitForText(bob, hers);

      await bobContext.setOffline(true);
      await bob.locator('[data-testid=connection][data-state=offline]').waitFor({ timeout: TIMEOUT });
      const bobEdited = `Bob edited offline ${tag}`;
      await editMessage(bob, messageWith(bob, toEdit), bobEdited);
      await messageAction(bob, messageWith(bob, toDelete), 'Delete');
      await confirmDelete(bob);
      await messageAction(bob, messageWith(bob, hers), 'React');
      await messageWith(bob, hers).getByRole('button', { name: 'React with 🎉' }).click();
      await messageWith(bob, hers).getByRole('button', { name: /^🎉 1/ }).waitFor({ timeout: TIMEOUT });
      const herEdit = `Alice edited meanwhile ${tag}`;
      await editMessage(alice, messageWith(alice, hers), herEdit);
      await bob.screenshot({ path: join(shots, '31-phone-offline-changes.png') });
      assert((await alice.getByText(bobEdited).count()) === 0, 'bob\'s offline edit reached alice while he was offline');

      await bobContext.setOffline(false);
      await bob.locator('[data-testid=connection][data-state=online]').waitFor({ timeout: TIMEOUT });
      await messageWith(alice, bobEdited).getByText('(edited)').waitFor({ timeout: TIMEOUT });
      await messageWith(alice, herEdit).getByRole('button', { name: /^🎉 1/ }).waitFor({ timeout: TIMEOUT });
      await messageWith(bob, herEdit).getByText('(edited)').waitFor({ timeout: TIMEOUT });
      await eventually(async () => (await alice.getByText(toDelete).count()) === 0 && (await bob.getByText(toDelete).count()) === 0, 'the message bob deleted offline is still shown');
      await eventually(async () => {
        const [a, b] = [await confirmed(alice), await confirmed(bob)];
        return JSON.stringify(a) === JSON.stringify(b);
      }, 'after the reconnect alice and bob show different messages');
      const texts = (await confirmed(bob)).map((m) => m.text);
      assert(texts.filter((t) => t.includes(bobEdited)).length === 1 && texts.filter((t) => t.includes(herEdit)).length === 1, `edits not applied exactly once: ${JSON.stringify(texts.slice(-4))}`);
      // Every message, a follow-on one included, uses the width beside the avatar column (none squeezed into it).
      for (const page of [alice, bob]) {
        const narrowest = await page.locator('[data-testid=message] .message-body').evaluateAll((els) => Math.min(...els.map((e) => e.getBoundingClientRect().width)));
        assert(narrowest > 200, `a message body is only ${narrowest}px wide`);
      }
      await alice.screenshot({ path: join(shots, '32-after-offline-changes-desktop.png') });
      await bob.screenshot({ path: join(shots, '33-after-offline-changes-phone.png') });
    });

    await step('bob opens a conversation with many unread: a New messages divider, read marks only as far as seen, Jump to latest', async () => {
      const id = decodeURIComponent(new URL(alice.url()).hash.replace('#/c/', ''));
      await bob.getByRole('button', { name: 'Back to conversations' }).click();
      const unread = 40;
      for (let i = 1; i <= unread; i++) {
        await gql(alice, 'mutation($input: CreateMessageInput!) { createMessage(input: $input) { seq } }', {
          input: { id: crypto.randomUUID(), messageConversationId: id, content: `Unread ${i} ${tag}` },
        });
      }
      await conversations(bob).and(bob.getByRole('button', { name: new RegExp(`${unread} unread`) })).waitFor({ timeout: TIMEOUT });
      await eventually(async () => (await bob.title()) === `(${unread}) Chatt`, `the tab title is "${await bob.title()}", not "(${unread}) Chatt"`);
      await bob.screenshot({ path: join(shots, '16-phone-list-40-unread.png') });
      await conversations(bob).filter({ hasText: `Unread ${unread} ${tag}` }).click();
      const divider = bob.getByRole('separator', { name: 'New messages' });
      await divider.waitFor({ timeout: TIMEOUT });
      await bob.getByText(`Unread 1 ${tag}`, { exact: true }).waitFor({ timeout: TIMEOUT });
      assert(await bob.getByText(`Unread 1 ${tag}`, { exact: true }).isVisible(), 'the first unread message is not on screen');
      await bob.screenshot({ path: join(shots, '17-phone-new-messages-divider.png') });
      // Only what fits on the phone's screen has been seen: the mark moved, but not to the end.
      await new Promise((r) => setTimeout(r, 1500));
      const left = (await gql(bob, 'query($id: ID!) { getConvo(id: $id) { unreadCount } }', { id })).getConvo.unreadCount;
      assert(left > 0 && left < unread, `after opening, ${left} of ${unread} are unread (expected some read, not all)`);
      // Scrolled up, a new message offers the way down instead of moving the view.
      await send(alice, `Arrived while scrolled up ${tag}`);
      const jump = bob.getByRole('button', { name: /Jump to latest/ });
      await jump.waitFor({ timeout: TIMEOUT });
      await bob.screenshot({ path: join(shots, '18-phone-jump-to-latest.png') });
      await jump.click();
      await eventually(async () => (await gql(bob, 'query($id: ID!) { getConvo(id: $id) { unreadCount } }', { id })).getConvo.unreadCount === 0,
        'after jumping to the latest, messages are still unread');
      await eventually(async () => (await bob.title()) === 'Chatt', `the tab title is "${await bob.title()}" with nothing unread`);
    });

    await step('starting a chat with bob again opens the same direct conversation, a draft is kept per conversation, and a message over the limit is refused with a counter, never cut', async () => {
      const direct = alice.url();
      const draft = `Half-written ${tag}`;
      await composer(alice).fill(draft);
      await alice.getByRole('button', { name: 'New', exact: true }).click();
      await alice.getByRole('dialog', { name: 'New conversation' }).getByRole('button', { name: 'bob', exact: true }).click();
      await alice.getByRole('button', { name: 'Start chat' }).click();
      await eventually(async () => alice.url() === direct, `starting a chat with bob again opened ${alice.url()}, not ${direct}`);
      const titled = async (page, title) => (await conversations(page).locator('.convo-name').allTextContents()).filter((t) => t === title).length;
      assert((await titled(alice, 'bob')) === 1, `alice lists ${await titled(alice, 'bob')} conversations titled "bob"`);
      const directs = (await gql(bob, '{ myConvos(limit: 100) { items { direct members } } }')).myConvos.items.filter((c) => c.direct);
      assert(directs.length === 1, `bob has ${directs.length} direct conversations: ${JSON.stringify(directs)}`);
      assert((await composer(alice).inputValue()) === draft, 'the draft was lost on starting the same chat again');
      // Another conversation has its own (empty) draft; coming back brings this one back.
      const other = `Drafts ${tag}`;
      await gql(alice, 'mutation($id: ID, $name: String!, $members: [String!]!) { createConvo(input: { id: $id, name: $name, members: $members }) { id } }', {
        id: crypto.randomUUID(),
        name: other,
        members: ['bob'],
      });
      await conversations(alice).filter({ hasText: other }).click();
      await alice.getByRole('heading', { name: other }).waitFor({ timeout: TIMEOUT });
      await eventually(async () => (await composer(alice).inputValue()) === '', 'the other conversation shows this one\'s draft');
      await alice.goBack();
      await eventually(async () => (await composer(alice).inputValue()) === draft, 'the draft was lost on switching conversations');
      const tooLong = 'z'.repeat(4005);
      await composer(alice).fill(tooLong);
      await alice.getByText(/5 characters over the 4,000 limit/).waitFor({ timeout: TIMEOUT });
      assert(await alice.getByRole('button', { name: 'Send' }).isDisabled(), 'Send is enabled for a message over the limit');
      await composer(alice).press('Enter');
      assert((await composer(alice).inputValue()).length === 4005, 'the text was cut');
      await alice.screenshot({ path: join(shots, '19-over-the-limit.png') });
      await composer(alice).fill('');
    });

    await step('an unknown conversation link shows a friendly not-found with the composer disabled', async () => {
      const back = alice.url();
      await alice.goto(new URL(`/#/c/${crypto.randomUUID()}`, base).href);
      await alice.getByRole('heading', { name: 'Conversation not found' }).waitFor({ timeout: TIMEOUT });
      assert(await composer(alice).isDisabled(), 'the composer is active in a conversation that does not exist');
      const text = await alice.locator('main').textContent();
      assert(!/NOT_FOUND|FORBIDDEN|GraphQL/.test(text ?? ''), `raw error text on screen: ${text}`);
      await alice.screenshot({ path: join(shots, '20-not-found.png') });
      await alice.goto(back);
      await composer(alice).waitFor({ timeout: TIMEOUT });
    });

    await step('Change username is a dialog that Escape closes; Ctrl+K opens the quick switcher', async () => {
      const original = alice.url();
      await alice.getByRole('button', { name: 'Account' }).click();
      await alice.getByRole('button', { name: 'Change username' }).click();
      const dialog = alice.getByRole('dialog', { name: 'Change username' });
      await dialog.waitFor({ timeout: TIMEOUT });
      assert(await alice.getByRole('navigation', { name: 'Conversations' }).isVisible(), 'the dialog took the whole screen');
      await alice.screenshot({ path: join(shots, '21-change-username-dialog.png') });
      await alice.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: TIMEOUT });
      await alice.keyboard.press('Control+k');
      const switcher = alice.getByRole('dialog', { name: 'Find a conversation' });
      await switcher.waitFor({ timeout: TIMEOUT });
      await alice.getByRole('combobox', { name: 'Conversation name or person' }).fill('bo');
      await alice.screenshot({ path: join(shots, '22-quick-switcher.png') });
      await alice.keyboard.press('Enter');
      await switcher.waitFor({ state: 'detached', timeout: TIMEOUT });
      await composer(alice).waitFor({ timeout: TIMEOUT });
      await alice.goto(original);
      await composer(alice).waitFor({ timeout: TIMEOUT });
    });

    await step('after a reload, older messages load as bob scrolls up, in order, without duplicates', async () => {
      const id = decodeURIComponent(new URL(alice.url()).hash.replace('#/c/', ''));
      const bulk = 70;
      for (let i = 1; i <= bulk; i++) {
        await gql(alice, 'mutation($input: CreateMessageInput!) { createMessage(input: $input) { seq } }', {
          input: { id: crypto.randomUUID(), messageConversationId: id, content: `Bulk ${i} ${tag}` },
        });
      }
      await bob.reload();
      await waitForText(bob, `Bulk ${bulk} ${tag}`);
      const total = (await gql(bob, 'query($id: ID!) { getConvo(id: $id) { lastSeq } }', { id })).getConvo.lastSeq;
      const timeline = bob.getByRole('log');
      const beginning = bob.getByText('This is the beginning of the conversation.');
      for (let i = 0; i < 10 && !(await beginning.isVisible()); i++) {
        const before = (await confirmed(bob)).length;
        assert(before < total || (await beginning.count()) > 0, 'everything loaded at once: paging not exercised');
        await timeline.evaluate((el) => el.scrollTo({ top: 0 }));
        await eventually(async () => (await confirmed(bob)).length > before || (await beginning.isVisible()), 'scrolling up loaded nothing');
        // The reader stays where they were: older messages go above, the view is not thrown to the top.
        const top = await timeline.evaluate((el) => el.scrollTop);
        if (!(await beginning.isVisible())) assert(top > 0, 'scroll position jumped to the top after loading older messages');
      }
      const all = await confirmed(bob);
      assert(all.length === total, `expected ${total} messages after paging, got ${all.length}`);
      assert(all.every((m, i) => m.seq === i + 1), 'paged messages are not 1..n in order');
      assert(new Set(all.map((m) => m.id)).size === total, 'duplicates after paging');
      await bob.screenshot({ path: join(shots, '10-phone-scrolled-to-beginning.png') });
    });

    await step('the conversation list pages in older conversations by cursor, without duplicates', async () => {
      const extra = 55;
      for (let i = 1; i <= extra; i++) {
        await gql(alice, 'mutation($id: ID, $name: String!, $members: [String!]!) { createConvo(input: { id: $id, name: $name, members: $members }) { id } }', {
          id: crypto.randomUUID(),
          name: `Paging ${i} ${tag}`,
          members: ['bob'],
        });
      }
      await bob.goto(new URL('/', base).href);
      const items = conversations(bob);
      await items.filter({ hasText: `Paging ${extra} ${tag}` }).waitFor({ timeout: TIMEOUT });
      const more = bob.getByRole('button', { name: 'Show older conversations' });
      for (let i = 0; i < 10 && (await more.count()) > 0; i++) {
        const before = await items.count();
        await more.click();
        await eventually(async () => (await items.count()) > before || (await more.count()) === 0, 'Show older conversations loaded nothing');
      }
      await items.filter({ hasText: `Paging 1 ${tag}` }).waitFor({ timeout: TIMEOUT });
      const names = await items.locator('.convo-name').allTextContents();
      assert(new Set(names.filter((n) => n.includes(tag))).size === names.filter((n) => n.includes(tag)).length, 'a conversation is listed twice');
      assert(names.filter((n) => n.startsWith('Paging ') && n.endsWith(tag)).length === extra, 'not every paged conversation is listed');
      await bob.screenshot({ path: join(shots, '11-phone-conversation-list.png') });
    });

    await step('alice signs out: the gateway session and the provider session both end', async () => {
      const gateway = new URL(base).origin;
      const logout = alice.waitForResponse((r) => new URL(r.url()).pathname === '/auth/logout' && r.request().method() === 'POST');
      // The app navigates to the endSessionUrl the gateway answered with (its body is gone once the page has left).
      const endSession = alice.waitForRequest((r) => r.isNavigationRequest() && new URL(r.url()).origin !== gateway, { timeout: TIMEOUT });
      await alice.getByRole('button', { name: 'Account' }).click();
      await alice.getByRole('button', { name: 'Sign out' }).click();
      const answer = await logout;
      assert(answer.status() === 200, `POST /auth/logout answered ${answer.status()}`);
      const provider = new URL((await endSession).url());
      assert(provider.pathname === '/connect/endsession', `sign-out went to ${provider.href}, not the provider's end-session endpoint`);
      // Through the provider's end-session endpoint and back to the gateway, signed out.
      await alice.waitForURL((url) => url.origin === gateway && url.pathname !== '/signout-callback-oidc', { timeout: TIMEOUT });
      await alice.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: TIMEOUT });
      const me = await alice.evaluate(async () => (await fetch('/auth/me', { credentials: 'same-origin' })).status);
      assert(me === 401, `/auth/me answered ${me} after sign-out`);
      // The provider forgot alice too: signing in again shows its form instead of passing straight through.
      await alice.getByRole('button', { name: 'Sign in' }).click();
      await alice.waitForURL((url) => url.pathname === '/account/signin', { timeout: TIMEOUT });
      await alice.screenshot({ path: join(shots, '12-signed-out-provider-form.png') });
    });

    await step('the app broke no Content-Security-Policy rule and threw no uncaught error', async () => {
      const bad = consoleProblems.filter((p) => p.includes('Content Security Policy') || p.startsWith('pageerror'));
      assert(bad.length === 0, bad.join('\n'));
    });
  } finally {
    await browser.close();
  }
}

let crashed = false;
try {
  await main();
} catch (error) {
  crashed = true;
  if (!results.some((r) => !r.ok)) console.log(`  FAIL setup: ${error?.stack ?? error}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed + (crashed && results.every((r) => r.ok) ? 1 : 0);
if (consoleProblems.length) console.log(`browser console (${consoleProblems.length}):\n  ${[...new Set(consoleProblems)].join('\n  ')}`);
console.log(`screenshots: ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
