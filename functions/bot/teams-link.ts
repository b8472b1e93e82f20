import { randomInt } from 'node:crypto';
import type { Activity } from '@microsoft/agents-activity';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { type ConnectionDeps, putChannelConnection } from '../notifications/connections.js';

/**
 * Which owner a Teams user is. The Static Web Apps principal carries no Entra object id to match
 * an activity's `from.aadObjectId`, so the organizer proves it: a one-time code issued to the
 * signed-in owner (10 minutes) and typed in Teams ("link K7Q2M9XD") maps that Teams user to them.
 * Codes and links are documents in `conversations`, each its own partition (they are looked up by
 * code and by Teams user, never by owner); a code is deleted when used. The same link makes the
 * chat it was sent in the owner's "Teams chat" notifications channel (saveTeamsChat).
 */

const CODE_TTL_S = 600;
// No 0/O, 1/I/L: read off one screen and typed on another.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

interface CodeDoc {
  id: string;
  ownerId: string;
  kind: 'teams-link-code';
  owner: string;
  expiresAt: string;
  ttl: number;
}

interface LinkDoc {
  id: string;
  ownerId: string;
  kind: 'teams-user';
  owner: string;
  linkedAt: string;
}

export interface TeamsLinks {
  issue(ownerId: string, now: Date): Promise<{ code: string; expiresAt: string }>;
  /** The owner the code was issued to, once (undefined when unknown, used or expired). */
  redeem(code: string, teamsUserId: string, now: Date): Promise<string | undefined>;
  ownerOf(teamsUserId: string): Promise<string | undefined>;
}

const codeId = (code: string) => `teams-link-code:${code.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
const userId = (teamsUserId: string) => `teams-user:${teamsUserId}`;

export const cosmosTeamsLinks: TeamsLinks = {
  async issue(ownerId, now) {
    const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const expiresAt = new Date(now.getTime() + CODE_TTL_S * 1000).toISOString();
    const id = codeId(code);
    const doc: CodeDoc = {
      id,
      ownerId: id,
      kind: 'teams-link-code',
      owner: ownerId,
      expiresAt,
      ttl: CODE_TTL_S,
    };
    await (await getContainer('conversations')).items.create(doc);
    return { code, expiresAt };
  },
  async redeem(code, teamsUserId, now) {
    const c = await getContainer('conversations');
    const id = codeId(code);
    const { resource } = await c.item(id, id).read<CodeDoc>();
    if (resource?.kind !== 'teams-link-code') return undefined;
    try {
      await c.item(id, id).delete();
    } catch (err) {
      // Someone else used it first.
      if (cosmosStatus(err) === 404) return undefined;
      throw err;
    }
    if (Date.parse(resource.expiresAt) <= now.getTime()) return undefined;
    const link: LinkDoc = {
      id: userId(teamsUserId),
      ownerId: userId(teamsUserId),
      kind: 'teams-user',
      owner: resource.owner,
      linkedAt: now.toISOString(),
    };
    await c.items.upsert(link);
    return resource.owner;
  },
  async ownerOf(teamsUserId) {
    const id = userId(teamsUserId);
    const { resource } = await (await getContainer('conversations')).item(id, id).read<LinkDoc>();
    return resource?.kind === 'teams-user' ? resource.owner : undefined;
  },
};

/**
 * The chat a code was sent in, kept as the owner's `teams-chat` connection: where Bot Service said
 * the conversation lives (its serviceUrl and id, sealed like the other connections' secrets), so
 * notices can be sent there proactively (_integrations/channels/teams-chat.ts).
 */
export async function saveTeamsChat(
  ownerId: string,
  activity: Activity,
  deps: ConnectionDeps,
): Promise<void> {
  // Bot Service always says where the conversation lives; without it there is nowhere to write to.
  if (!activity.serviceUrl) return;
  const tenantId = activity.conversation?.tenantId;
  await putChannelConnection(
    ownerId,
    'teams-chat',
    {
      serviceUrl: activity.serviceUrl,
      conversationId: activity.conversation!.id,
      ...(tenantId ? { tenantId } : {}),
      userName: (activity.from?.name ?? '').slice(0, 200) || 'you',
    },
    deps,
  );
}
