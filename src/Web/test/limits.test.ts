import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidUsername, limits } from '../src/logic/limits';

const chatApi = join(__dirname, '..', '..', 'ChatApi');
const read = (path: string) => readFileSync(join(chatApi, path), 'utf8');

function optionDefault(source: string, name: string): number {
  const match = new RegExp(`public int ${name} \\{ get; set; \\} = ([\\d_]+);`).exec(source);
  if (!match) throw new Error(`${name} not found in ChatOptions.cs`);
  return Number(match[1]!.replaceAll('_', ''));
}

describe('limits', () => {
  it('are the defaults the server states in ChatOptions and Usernames', () => {
    const options = read('Common/ChatOptions.cs');
    expect(limits.maxMessageLength).toBe(optionDefault(options, 'MaxMessageLength'));
    expect(limits.maxConversationNameLength).toBe(optionDefault(options, 'MaxConversationNameLength'));
    expect(limits.maxMembersPerConversation).toBe(optionDefault(options, 'MaxMembersPerConversation'));
    const usernames = read('Users/Usernames.cs');
    expect(limits.maxUsernameLength).toBe(Number(/public const int MaxLength = (\d+);/.exec(usernames)![1]));
    expect(usernames).toContain("char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+'");
  });

  it('accept the usernames the server accepts and refuse the others', () => {
    expect(isValidUsername('alice')).toBe(true);
    expect(isValidUsername('jörg.o+chatt@example.com')).toBe(true);
    expect(isValidUsername('')).toBe(false);
    expect(isValidUsername('has space')).toBe(false);
    expect(isValidUsername('x'.repeat(limits.maxUsernameLength + 1))).toBe(false);
  });
});
