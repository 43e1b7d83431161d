import type { Convo } from './types';

/**
 * A conversation's title as the caller sees it, from its current members, never from a list fixed at creation:
 * a direct conversation is titled by the other person; a group whose name was generated from usernames (what the
 * client sends when no name is typed, e.g. "alice, bob") is titled by the other current members, so after carol
 * joins, alice sees "bob, carol" and carol sees "alice, bob". A name someone typed (or renamed to) stays.
 */
export function convoTitle(convo: Pick<Convo, 'name' | 'members' | 'direct'>, me: string): string {
  const others = convo.members.filter((m) => !sameName(m, me));
  if (convo.direct || !convo.name.trim() || isGeneratedName(convo.name, convo.members, me)) {
    return others.join(', ') || `${me} (only you)`;
  }
  return convo.name;
}

/** Every comma-separated part is a username of a member or of the caller: the list of people, not a chosen name. */
export function isGeneratedName(name: string, members: readonly string[], me: string): boolean {
  const parts = name.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return false;
  const people = new Set([...members, me].map((m) => m.toLowerCase()));
  // A part naming someone no longer a member still belongs to a generated list when the rest are people.
  const known = parts.filter((p) => people.has(p.toLowerCase())).length;
  return known >= parts.length - 1 && parts.some((p) => sameName(p, me) || members.some((m) => sameName(m, p)));
}

/** The name to send when the person typed none: the members' usernames, within the server's length limit. */
export function generatedName(me: string, others: readonly string[], maxLength: number): string {
  let name = [me, ...others].join(', ');
  if (name.length > maxLength) name = name.slice(0, maxLength).replace(/,[^,]*$/, '');
  return name;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
